"""6.3 Hidden Units and Activation Functions.

A hidden layer computes ``h = g(Wᵀx + b)`` (eq. 6.36); hidden units differ only in the
activation g. You implement the rectifier family (ReLU, absolute value rectification, leaky
ReLU, PReLU), the smooth units (softplus, logistic sigmoid, tanh), hard tanh, and the maxout
unit (eq. 6.37), each with its derivative.

Conventions: float64, any shape, elementwise unless stated otherwise; batch first for maxout.
Where g is not differentiable, the derivative follows PyTorch's autograd (the book, sec. 6.3,
lets software return a one-sided derivative):

- relu'(0) = 0; leaky and prelu: g'(0) = α; abs'(0) = 0 (``np.sign``);
- hard_tanh' = 1 on the open interval (−1, 1) and 0 elsewhere, so 0 at z = ±1;
- maxout: ties go to the lowest index within the group.

No function changes its inputs. An unknown ``kind`` raises ``ValueError``.
"""
from __future__ import annotations

import numpy as np

KINDS = ("relu", "abs", "leaky", "prelu", "softplus", "sigmoid", "tanh", "hard_tanh")


def activation_forward(z: np.ndarray, kind: str, alpha: float | np.ndarray = 0.01) -> np.ndarray:
    """Apply the activation function g elementwise.

    Parameters
    ----------
    z : ndarray of any shape
        Pre-activations, e.g. ``X @ W + b`` of shape (m, n).
    kind : str
        One of ``'relu'``, ``'abs'``, ``'leaky'``, ``'prelu'``, ``'softplus'``, ``'sigmoid'``,
        ``'tanh'``, ``'hard_tanh'``.
    alpha : float or ndarray of shape (z.shape[-1],)
        The negative-side slope α, used by ``'leaky'`` (a float, default 0.01) and ``'prelu'``
        (a float, or one learned slope per unit: an array broadcast over the last axis of z).
        Ignored by every other kind.

    Returns
    -------
    h : ndarray, same shape as z
        g(z), float64.

    Raises
    ------
    ValueError
        If ``kind`` is not one of the eight names above.

    Notes
    -----
    Sec. 6.3.1: the generalized rectifier g(z, α)ᵢ = max(0, zᵢ) + αᵢ·min(0, zᵢ) gives ReLU
    (α = 0), absolute value rectification (α = −1, g(z) = |z|), leaky ReLU (α small and fixed)
    and PReLU (α learned). Sec. 6.3.2: σ(z) (eq. 6.38) and tanh(z) (eq. 6.39), related by
    tanh(z) = 2σ(2z) − 1. Sec. 6.3.3: softplus ζ(z) = log(1 + eᶻ) and hard tanh
    g(z) = max(−1, min(1, z)).

    Softplus must be accurate for every z: ζ(1000) = 1000 (no overflow) and ζ(−40) ≈ 4.25e−18
    to full relative precision (not 0). Sigmoid and tanh must stay finite (no NaN) at |z| = 1000.

    Hints
    -----
    ``np.logaddexp(0, z)`` is a stable softplus (or max(z, 0) + log1p(exp(−|z|))). For the
    sigmoid, only ever exponentiate −|z|. ``alpha`` of shape (n,) broadcasts against z of shape
    (..., n) by itself.
    """
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=float)
    if kind in ("relu", "abs", "leaky", "prelu"):
        a = 0.0 if kind == "relu" else -1.0 if kind == "abs" else np.asarray(alpha, dtype=float)
        return np.maximum(0.0, z) + a * np.minimum(0.0, z)
    if kind == "softplus":
        return np.logaddexp(0.0, z)  # log(e⁰ + eᶻ), computed without overflow or cancellation
    if kind == "sigmoid":
        e = np.exp(-np.abs(z))  # only ever exponentiate a non-positive number
        return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    if kind == "tanh":
        return np.tanh(z)
    if kind == "hard_tanh":
        return np.clip(z, -1.0, 1.0)
    raise ValueError(f"unknown activation kind {kind!r}; expected one of {', '.join(KINDS)}")
    ### END SOLUTION


def activation_grad(z: np.ndarray, kind: str, alpha: float | np.ndarray = 0.01) -> np.ndarray:
    """The derivative g′(z), elementwise.

    Parameters
    ----------
    z : ndarray of any shape
        Pre-activations.
    kind : str
        As in ``activation_forward``.
    alpha : float or ndarray of shape (z.shape[-1],)
        As in ``activation_forward``.

    Returns
    -------
    dg : ndarray, same shape as z
        dg/dz at every entry of z (for prelu with an array ``alpha``, still the shape of z).

    Raises
    ------
    ValueError
        If ``kind`` is unknown.

    Notes
    -----
    Sec. 6.3: at a kink, return the derivative PyTorch's autograd returns:

    - relu: 1 for z > 0, else 0 (so relu′(0) = 0);
    - leaky, prelu: 1 for z > 0, else α (so g′(0) = α);
    - abs: sign(z), so abs′(0) = 0;
    - hard_tanh: 1 for −1 < z < 1, else 0 (so 0 at z = ±1);
    - softplus: ζ′(z) = σ(z); sigmoid: σ′ = σ(1 − σ); tanh: 1 − tanh²(z) (sec. 3.10, 6.3.2).

    Hints
    -----
    Reuse a stable sigmoid for softplus and sigmoid: nothing here may overflow at |z| = 1000.
    Build the result with ``np.where``, so it has the shape of z even when α is a scalar.
    """
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=float)
    if kind == "abs":
        return np.sign(z)
    if kind in ("relu", "leaky", "prelu"):
        a = 0.0 if kind == "relu" else np.asarray(alpha, dtype=float)
        return np.where(z > 0, 1.0, a)
    if kind in ("softplus", "sigmoid"):
        e = np.exp(-np.abs(z))
        s = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))  # σ(z), as in activation_forward
        return s if kind == "softplus" else s * (1.0 - s)
    if kind == "tanh":
        return 1.0 - np.tanh(z) ** 2
    if kind == "hard_tanh":
        return ((z > -1.0) & (z < 1.0)).astype(float)
    raise ValueError(f"unknown activation kind {kind!r}; expected one of {', '.join(KINDS)}")
    ### END SOLUTION


def maxout_forward(Z: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Maxout units: the maximum of each group of k consecutive pre-activations.

    Parameters
    ----------
    Z : ndarray of shape (m, n * k)
        Pre-activations of n maxout units with k pieces each, one example per row.
    k : int
        Pieces per unit (k ≥ 1); ``Z.shape[1]`` must be a multiple of k.

    Returns
    -------
    out : ndarray of shape (m, n)
        ``out[:, i] = max(Z[:, i*k], ..., Z[:, i*k + k - 1])``.
    argmax : ndarray of int of shape (m, n)
        The winner's position within its group, 0..k−1. Ties go to the lowest index.

    Raises
    ------
    ValueError
        If ``Z.shape[1]`` is not a multiple of k.

    Notes
    -----
    Eq. 6.37, g(z)ᵢ = max_{j ∈ G⁽ⁱ⁾} z_j, with the book's contiguous groups
    G⁽ⁱ⁾ = {(i−1)k+1, …, ik}; 0-based here: {i·k, …, i·k + k − 1}. With k = 2 and pieces
    (z, 0) a maxout unit is a ReLU; with pieces (z, −z) it is |z| (sec. 6.3.1).

    Hints
    -----
    ``Z.reshape(m, n, k)`` puts each group on the last axis; ``np.argmax`` already returns the
    first (lowest) index among ties.
    """
    ### BEGIN SOLUTION
    Z = np.asarray(Z, dtype=float)
    m, width = Z.shape
    if k < 1 or width % k:
        raise ValueError(f"Z has {width} columns, which is not a multiple of k = {k}")
    groups = Z.reshape(m, width // k, k)
    argmax = np.argmax(groups, axis=-1)
    out = np.take_along_axis(groups, argmax[..., None], axis=-1)[..., 0]
    return out, argmax
    ### END SOLUTION


def maxout_backward(dout: np.ndarray, argmax: np.ndarray, k: int) -> np.ndarray:
    """Gradient of a maxout layer with respect to its pre-activations.

    Parameters
    ----------
    dout : ndarray of shape (m, n)
        Upstream gradient ∂J/∂out.
    argmax : ndarray of int of shape (m, n)
        The winners returned by ``maxout_forward`` (positions 0..k−1 within each group).
    k : int
        Pieces per unit.

    Returns
    -------
    dZ : ndarray of shape (m, n * k)
        ``dZ[r, i*k + argmax[r, i]] = dout[r, i]``; every other entry is 0.

    Notes
    -----
    Eq. 6.37: the max passes its gradient to the winning piece only (one piece per unit, even
    when several pieces tie: the one ``maxout_forward`` chose). So each group of dZ sums to dout.

    Hints
    -----
    Build dZ as an (m, n, k) array of zeros, put dout at the winners (``np.put_along_axis`` or a
    one-hot mask ``np.arange(k) == argmax[..., None]``), then reshape to (m, n·k).
    """
    ### BEGIN SOLUTION
    dout = np.asarray(dout, dtype=float)
    winner = np.arange(k) == np.asarray(argmax).astype(np.intp)[..., None]
    dZ = np.where(winner, dout[..., None], 0.0)
    return dZ.reshape(dout.shape[0], -1)
    ### END SOLUTION
