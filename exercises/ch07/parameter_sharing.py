# Generated from solutions/ch07/parameter_sharing.py by dlbook build. Edit that file instead.
"""7.9 Parameter Tying and Parameter Sharing.

Two ways to say "these parameters should be alike" (Sec. 7.9). A *tying penalty*
Ω(w^(A), w^(B)) = ‖w^(A) − w^(B)‖²₂ pulls the parameters of two models towards each other;
*sharing* forces them to be equal, so only the unique set is stored. The convolutional layer is
the main example (Sec. 7.9.1): one kernel w of K weights is applied at every position of the
input, which is a dense layer whose (L−K+1)×L matrix repeats w along its diagonals. Because each
shared weight is used at many positions, its gradient is the sum of the gradients of all its
uses. You implement the penalty with its gradients, a 1-D "valid" convolution layer, its dense
(Toeplitz) matrix and its backward pass.

Conventions: float64, batch first: inputs x are (N, L), a kernel w is (K,) with K <= L, and the
layer computes y[n, i] = Σ_k w[k]·x[n, i+k] + b for i = 0 … L−K. That is cross-correlation
(no kernel flip), as in PyTorch's ``conv1d`` and most deep learning libraries. The penalty has
no ½ and is multiplied by α. No function changes its inputs.
"""
from __future__ import annotations

import numpy as np


def tying_penalty(wA: np.ndarray, wB: np.ndarray, alpha: float) -> tuple[float, np.ndarray, np.ndarray]:
    """The parameter-tying penalty α‖w^(A) − w^(B)‖²₂ and its gradients.

    Parameters
    ----------
    wA : ndarray of any shape S
        Parameters w^(A) of model A.
    wB : ndarray of shape S
        The corresponding parameters w^(B) of model B.
    alpha : float
        Penalty weight α >= 0.

    Returns
    -------
    omega : float
        α Σ (wA − wB)², summed over every entry.
    grad_A : ndarray of shape S
        ∂Ω/∂w^(A) = 2α(wA − wB).
    grad_B : ndarray of shape S
        ∂Ω/∂w^(B) = −2α(wA − wB).

    Notes
    -----
    Sec. 7.9 (the penalty Ω(w^(A), w^(B)) = ‖w^(A) − w^(B)‖²₂ is unnumbered in the book), here
    weighted by α as every norm penalty of eq. 7.1. The two gradients cancel: the penalty only
    cares about the difference, pulling each model towards the other.

    Hints
    -----
    There is no ½, so the factor 2 of the square stays. For matrices the squared L2 norm is the
    sum of squares of all entries (Frobenius), not a matrix 2-norm.
    """
    # TODO: implement tying_penalty (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.9 tying_penalty: not implemented yet")


def conv1d_valid(x: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """A shared-weight layer: 1-D "valid" cross-correlation of every row of x with one kernel.

    Parameters
    ----------
    x : ndarray of shape (N, L)
        A batch of N signals of length L.
    w : ndarray of shape (K,)
        The shared kernel, K <= L.
    b : float
        The shared bias.

    Returns
    -------
    y : ndarray of shape (N, L − K + 1)
        y[n, i] = Σ_k w[k]·x[n, i + k] + b.

    Notes
    -----
    Sec. 7.9.1: the same K weights (and one bias) are used at every one of the L − K + 1
    positions. Only positions where the kernel fits entirely inside the signal are computed
    ("valid", no padding). Chapter 9 calls this operation cross-correlation (eq. 9.6); the
    true convolution would flip the kernel.

    Hints
    -----
    Loop over the K kernel taps rather than over positions: for each k, add
    ``w[k] * x[:, k:k + L - K + 1]``. Do not flip w (``np.convolve`` does).
    """
    # TODO: implement conv1d_valid (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.9 conv1d_valid: not implemented yet")


def conv1d_as_dense(w: np.ndarray, L: int) -> np.ndarray:
    """The dense matrix of the valid 1-D convolution layer: a banded Toeplitz matrix.

    Parameters
    ----------
    w : ndarray of shape (K,)
        The kernel, K <= L.
    L : int
        Input length.

    Returns
    -------
    T : ndarray of shape (L − K + 1, L)
        T[i, i + k] = w[k] and 0 elsewhere, so that ``conv1d_valid(x, w, 0) == x @ T.T``.

    Notes
    -----
    Sec. 7.9.1 (and Sec. 9.1, where convolution is a doubly block circulant / Toeplitz matrix
    multiplication). Row i is w placed at column i: every diagonal of T is constant, so the
    (L − K + 1)·L entries of the dense layer are tied to only K distinct parameters.

    Hints
    -----
    Start from zeros of shape (L − K + 1, L) and write w into row i at columns i … i + K − 1.
    """
    # TODO: implement conv1d_as_dense (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.9 conv1d_as_dense: not implemented yet")


def conv1d_backward(x: np.ndarray, w: np.ndarray, dout: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """Back-propagation through ``conv1d_valid``: gradients of the input, the shared kernel and bias.

    Parameters
    ----------
    x : ndarray of shape (N, L)
        The layer's input.
    w : ndarray of shape (K,)
        The shared kernel.
    dout : ndarray of shape (N, L − K + 1)
        Upstream gradient ∂J/∂y.

    Returns
    -------
    dx : ndarray of shape (N, L)
        dx[n, j] = Σ_{i, k : i + k = j} dout[n, i]·w[k].
    dw : ndarray of shape (K,)
        dw[k] = Σ_{n, i} dout[n, i]·x[n, i + k].
    db : float
        Σ_{n, i} dout[n, i].

    Notes
    -----
    The chain rule for a shared parameter (Sec. 7.9, 6.5): w[k] is used at every position i of
    every example n, so its gradient is the *sum* of the gradients of all its uses, not their
    mean and not the first. In matrix form with T = ``conv1d_as_dense(w, L)``: dx = dout @ T, and
    dw[k] sums the dense gradient doutᵀx along T's k-th diagonal.

    Hints
    -----
    Mirror the forward loop over k: ``dx[:, k:k + M] += dout * w[k]`` and
    ``dw[k] = np.sum(dout * x[:, k:k + M])`` with M = L − K + 1.
    """
    # TODO: implement conv1d_backward (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.9 conv1d_backward: not implemented yet")
