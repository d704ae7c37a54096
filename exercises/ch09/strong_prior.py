# Generated from solutions/ch09/strong_prior.py by dlbook build. Edit that file instead.
"""9.4 Convolution and Pooling as an Infinitely Strong Prior.

A prior probability distribution over a model's parameters encodes what we believe before
seeing data. A weak prior (high entropy, e.g. a Gaussian with large variance) lets the data move
the parameters freely. A strong prior (low entropy) decides much of where they end up. An
*infinitely* strong prior puts zero probability on some parameter values, so that learning can
never reach them. Sec 9.4 reads a convolutional layer as a fully connected layer under such a
prior. The weights of each hidden unit are zero outside a small, contiguous receptive field, and
they equal the weights of their neighbour, shifted in space. So the only weight matrices with
nonzero prior probability are the banded Toeplitz matrices of a convolution.

You build that matrix from a kernel, project an arbitrary fully connected matrix onto the set of
convolution matrices, and run the experiment behind the book's remark on permutation-invariant
benchmarks: a fully connected layer fits as well after the input positions are permuted, and a
convolutional layer does not, because its prior is about spatial topology.

Conventions: float64, 1-D signals, batch first. "Convolution" is what ML libraries compute:
'valid' cross-correlation without a kernel flip, ``y[i] = Σ_j w[j] x[i + j]`` for
i = 0..n_in − k, so a kernel w of length k maps n_in inputs to n_in − k + 1 outputs. A
fully connected layer is a matrix W of shape (n_in − k + 1, n_in) acting as ``y = W @ x``,
or ``Y = X @ W.T`` on a batch. Neither layer has a bias. No function changes its inputs.
"""
from __future__ import annotations

import numpy as np


def conv_as_dense(w: np.ndarray, n_in: int) -> np.ndarray:
    """The fully connected weight matrix of a 1-D 'valid' convolution with kernel w.

    Parameters
    ----------
    w : ndarray of shape (k,)
        The kernel, 1 ≤ k ≤ n_in.
    n_in : int
        Number of inputs.

    Returns
    -------
    W : ndarray of shape (n_in − k + 1, n_in)
        ``W[i, i + j] = w[j]`` for j = 0..k−1, and 0 everywhere else, so that
        ``W @ x == np.correlate(x, w, 'valid')`` for every x of shape (n_in,).

    Notes
    -----
    Sec 9.4 (and the Toeplitz matrix of sec 9.1): row i holds the kernel starting at column i.
    Every row is the row above shifted one place to the right (parameter sharing), and all but
    k entries of a row are zero (sparse interactions). These are the only fully connected
    weights to which the infinitely strong prior gives nonzero probability.

    Hints
    -----
    No kernel flip: ``w[0]`` multiplies the leftmost input of each window. Start from zeros and
    fill row i from column i, or fill diagonal j with ``w[j]`` for each j.
    """
    # TODO: implement conv_as_dense (the docstring's Notes and Hints say how).
    raise NotImplementedError("9.4 conv_as_dense: not implemented yet")


def project_onto_conv(W: np.ndarray, k: int) -> np.ndarray:
    """The convolution kernel nearest to a fully connected matrix, in the Frobenius norm.

    Parameters
    ----------
    W : ndarray of shape (n_in − k + 1, n_in)
        Any fully connected weight matrix from n_in inputs to n_in − k + 1 outputs.
    k : int
        Kernel length, 1 ≤ k ≤ n_in.

    Returns
    -------
    w : ndarray of shape (k,)
        The minimizer of ‖W − conv_as_dense(w, n_in)‖_F, which is the mean of W along each of
        the k diagonals of the band: ``w[j] = mean_i W[i, i + j]`` (i = 0..n_in − k).

    Notes
    -----
    Sec 9.4: projecting onto the support of the infinitely strong prior. The squared distance
    is Σ_j Σ_i (W[i, i+j] − w[j])² plus the squares of the entries outside the band, which no w
    can change. So each w[j] is fitted to the n_in − k + 1 entries of its diagonal, and the
    best constant is their mean. Projecting a convolution matrix gives its kernel back:
    ``project_onto_conv(conv_as_dense(w, n_in), k) == w``.

    Hints
    -----
    ``np.diagonal(W, offset=j)`` is ``W[i, i + j]`` for all i. Each of the k diagonals has
    exactly n_in − k + 1 entries. Average them, do not sum them.
    """
    # TODO: implement project_onto_conv (the docstring's Notes and Hints say how).
    raise NotImplementedError("9.4 project_onto_conv: not implemented yet")


def permutation_experiment(X: np.ndarray, Y: np.ndarray, perm: np.ndarray, k: int) -> dict:
    """Least-squares fits of a fully connected and a convolutional layer, before and after
    permuting the input positions.

    Parameters
    ----------
    X : ndarray of shape (N, n_in)
        Inputs, one signal per row. N may be smaller than n_in.
    Y : ndarray of shape (N, n_in − k + 1)
        Targets. They are never permuted.
    perm : ndarray of int of shape (n_in,)
        A permutation of 0..n_in−1. The permuted inputs are ``X[:, perm]`` (columns, not rows).
    k : int
        Kernel length of the convolutional layer, 1 ≤ k ≤ n_in.

    Returns
    -------
    dict with float values
        ``'fc'``, ``'fc_perm'``: the training MSE of the least-squares fully connected layer
        ``Ŷ = X @ B``, with B of shape (n_in, n_in − k + 1), on X and on X[:, perm];
        ``'conv'``, ``'conv_perm'``: the training MSE of the least-squares convolutional layer
        ``Ŷ[r, i] = Σ_j w[j] X[r, i + j]`` (one shared kernel w of shape (k,)), on X and on
        X[:, perm]. The MSE is the mean of (Ŷ − Y)² over all N·(n_in − k + 1) entries.

    Notes
    -----
    Sec 9.4: models that are permutation invariant must discover the topology of the input by
    learning. A fully connected layer just permutes the rows of B along with the inputs, so
    ``fc_perm == fc``. The convolutional layer's prior ties each output to a contiguous window
    of inputs, and after a random permutation the neighbours are no longer neighbours, so
    ``conv_perm`` is (usually much) larger than ``conv`` on spatially smooth data. The
    convolutional fit is linear least squares in w: each (example, output position) pair gives
    one equation with the k inputs of its window as coefficients.

    Hints
    -----
    Use ``np.linalg.lstsq`` for both fits: it also handles N < n_in, where the fully connected
    layer interpolates the data (MSE 0 up to rounding) and the normal equations are singular.
    For the convolution, build the (N·(n_in − k + 1), k) matrix of windows, e.g. with
    ``np.lib.stride_tricks.sliding_window_view(X, k, axis=1)``, and regress ``Y.ravel()`` on it.
    No bias in either layer.
    """
    # TODO: implement permutation_experiment (the docstring's Notes and Hints say how).
    raise NotImplementedError("9.4 permutation_experiment: not implemented yet")
