"""8.4 Parameter Initialization Strategies.

Training starts from a point that must break the symmetry between hidden units: two units with
the same activation, the same inputs and the same initial parameters receive the same gradient
at every step of a deterministic algorithm, so they stay copies of each other forever. Random
initial weights break it, and their scale decides whether signals keep their size as they pass
forward and backward through many layers. You write three initializers from sec 8.4: Glorot
and Bengio's normalized initialization (eq. 8.23), Saxe et al.'s orthogonal initialization and
Martens' sparse initialization, and the gradients of a small tanh network, used to show the
symmetry argument.

Conventions: float64. A layer is ``H = g(X @ W + b)`` with ``W`` of shape (n_in, n_out), so column
j of ``W`` holds the incoming weights of unit j. Randomness comes only from the ``rng`` argument,
with the exact calls stated in each docstring; never the global ``np.random``. No function
changes its inputs.
"""
from __future__ import annotations

import numpy as np


def glorot_uniform(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    """Normalized (Glorot-Bengio) initialization of a weight matrix.

    Parameters
    ----------
    n_in : int
        Number of inputs m of the layer (fan-in), >= 1.
    n_out : int
        Number of outputs n of the layer (fan-out), >= 1.
    rng : numpy.random.Generator
        The only source of randomness.

    Returns
    -------
    ndarray of shape (n_in, n_out)
        W_ij ~ U(−a, a) with a = √(6/(m + n)), so Var(W_ij) = a²/3 = 2/(m + n).

    Notes
    -----
    Eq. 8.23. The variance 2/(m + n) is a compromise between keeping the variance of the
    activations equal across layers in the forward pass (which wants 1/m) and keeping the
    variance of the gradients equal in the backward pass (which wants 1/n), derived for a chain
    of linear layers. The older heuristic U(−1/√m, 1/√m) gives 1/(3m) and shrinks signals.

    Hints
    -----
    Make exactly one call, ``rng.uniform(-a, a, size=(n_in, n_out))``: the grader passes you a
    seeded generator and compares the exact numbers, also over several calls on the same
    generator. The shape is (n_in, n_out), not PyTorch's (out, in).
    """
    ### BEGIN SOLUTION
    a = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-a, a, size=(n_in, n_out))
    ### END SOLUTION


def orthogonal_init(A: np.ndarray, gain: float = 1.0) -> np.ndarray:
    """Orthogonal initialization from a given Gaussian matrix (Saxe et al., 2013).

    Parameters
    ----------
    A : ndarray of shape (rows, cols)
        A matrix of full rank, in practice drawn with i.i.d. N(0, 1) entries. Not modified.
    gain : float
        Scale of the result.

    Returns
    -------
    ndarray of shape (rows, cols)
        gain·Q. If rows >= cols, Q is the Q factor of the reduced QR decomposition A = QR with
        the signs fixed so that diag(R) > 0: its columns are orthonormal, QᵀQ = I. If
        rows < cols, the same is done to Aᵀ and the result transposed back: the rows are
        orthonormal, QQᵀ = I.

    Notes
    -----
    Sec. 8.4: Saxe et al. (2013) recommend initializing to random orthogonal matrices, with a
    carefully chosen gain factor that accounts for the nonlinearity of each layer. An
    orthogonal W keeps the norm of every vector it maps, so a deep linear network neither
    shrinks nor amplifies its signals. The QR decomposition with diag(R) > 0 is unique, and it
    is what Gram-Schmidt orthonormalization of the columns of A produces; fixing the signs
    also makes Q uniformly (Haar) distributed when A is Gaussian.

    Hints
    -----
    ``np.linalg.qr`` (reduced mode) may return negative diagonal entries of R: multiply each
    column of Q by the sign of the matching diagonal entry (then R's diagonal is positive and
    A = QR still holds). For a wide A, decompose ``A.T`` and transpose Q back. Do not use the
    SVD: U Vᵀ is orthogonal too, but a different matrix.
    """
    ### BEGIN SOLUTION
    A = np.asarray(A, dtype=float)
    rows, cols = A.shape
    M = A if rows >= cols else A.T
    Q, R = np.linalg.qr(M)
    Q = Q * np.where(np.diag(R) < 0, -1.0, 1.0)
    return gain * (Q if rows >= cols else Q.T)
    ### END SOLUTION


def sparse_init(n_in: int, n_out: int, k: int, rng: np.random.Generator, scale: float = 1.0) -> np.ndarray:
    """Sparse initialization (Martens, 2010): exactly k non-zero incoming weights per unit.

    Parameters
    ----------
    n_in : int
        Number of inputs of the layer, >= 1.
    n_out : int
        Number of units of the layer, >= 1.
    k : int
        Number of non-zero incoming weights per unit, 1 <= k <= n_in.
    rng : numpy.random.Generator
        The only source of randomness.
    scale : float
        Standard deviation of the non-zero weights.

    Returns
    -------
    ndarray of shape (n_in, n_out)
        Zero except for k entries in every column: for each column j, in order 0, 1, ...,
        ``rows = rng.choice(n_in, k, replace=False)`` and ``W[rows, j] = rng.normal(0, scale, k)``.

    Notes
    -----
    Sec. 8.4: with a dense initialization whose scale is divided by the number of inputs, the
    individual weights get smaller as the layers get wider. Sparse initialization keeps the
    total input of every unit independent of n_in without making the individual weights small,
    which gives the units more diversity; its cost is a strong prior on the few large weights.

    Hints
    -----
    Per column j, first the k distinct rows, then their k values, exactly with the two calls
    above (``replace=False`` is not the default of ``rng.choice``). The grader compares the
    exact numbers from a seeded generator. Column j is unit j's incoming weights: k non-zeros
    per column, not per row.
    """
    ### BEGIN SOLUTION
    W = np.zeros((n_in, n_out))
    for j in range(n_out):
        rows = rng.choice(n_in, k, replace=False)
        W[rows, j] = rng.normal(0.0, scale, k)
    return W
    ### END SOLUTION


def two_layer_grads(X: np.ndarray, y: np.ndarray, W1: np.ndarray, b1: np.ndarray, w2: np.ndarray,
                    b2: float) -> dict:
    """Gradients of the mean squared error of a one-hidden-layer tanh network.

    Parameters
    ----------
    X : ndarray of shape (n, d)
        Inputs, one example per row.
    y : ndarray of shape (n,)
        Targets.
    W1 : ndarray of shape (d, h)
        Hidden-layer weights; column j feeds hidden unit j.
    b1 : ndarray of shape (h,)
        Hidden-layer biases.
    w2 : ndarray of shape (h,)
        Output weights.
    b2 : float
        Output bias.

    Returns
    -------
    dict
        ``{'W1': (d, h), 'b1': (h,), 'w2': (h,), 'b2': float}``: the gradients of
        L = (1/2n) Σ_i (ŷ_i − y_i)² with ŷ = tanh(X W1 + b1) w2 + b2.

    Notes
    -----
    Sec. 8.4 on breaking symmetry: if hidden units j and l have the same incoming weights
    (W1[:, j] = W1[:, l], b1[j] = b1[l]) and the same outgoing weight (w2[j] = w2[l]), they
    compute the same function and receive identical gradients, so gradient descent keeps them
    identical forever. With an all-zero initialization, ∂L/∂W1 = 0 because w2 = 0. The
    backward pass is Algorithm 6.4 for this network.

    Hints
    -----
    With H = tanh(Z) and r = (ŷ − y)/n: ∂L/∂w2 = Hᵀr, ∂L/∂b2 = Σ r, and
    ∂L/∂Z = (r w2ᵀ) ⊙ (1 − H²). The ½ cancels the 2 of the square; the 1/n stays. Return
    ``'b2'`` as a float.
    """
    ### BEGIN SOLUTION
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    W1, b1, w2 = (np.asarray(v, dtype=float) for v in (W1, b1, w2))
    n = X.shape[0]
    H = np.tanh(X @ W1 + b1)
    r = (H @ w2 + b2 - y) / n
    dZ = np.outer(r, w2) * (1.0 - H ** 2)
    return {"W1": X.T @ dZ, "b1": dZ.sum(axis=0), "w2": H.T @ r, "b2": float(r.sum())}
    ### END SOLUTION


def _seeded_rng(seed: int) -> np.random.Generator:
    """Given code, used by the grader: ``np.random.default_rng(seed)``, kept in the sandbox and
    passed to ``glorot_uniform`` and ``sparse_init`` (a Generator cannot be sent across).
    Leave it as it is."""
    return np.random.default_rng(seed)
