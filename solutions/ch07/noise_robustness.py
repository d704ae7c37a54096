"""7.5 Noise Robustness (weight noise, label smoothing).

Noise can be added to more than the inputs (section 7.4). Noise on the *weights* (eq 7.31) turns
least squares into an objective that, for small noise variance η, adds the penalty
η·E‖∇_θ ŷ(x)‖²: it prefers parameters where small perturbations of the weights barely change
the output, i.e. minima surrounded by flat regions. Noise on the *labels* (section 7.5.1) gives
label smoothing: soft targets ε/(k−1) and 1 − ε keep a softmax classifier from pushing its
logits to infinity.

The model is a one-hidden-layer tanh regressor with a scalar output,

    ŷ(x) = vᵀ tanh(Wᵀx + c) + d,     W (n, h), c (h,), v (h,), d scalar,

(the batch form: ``tanh(X @ W + c) @ v + d``), with all its parameters in one flat vector

    θ = concat(W.ravel(), c, v, [d])   of length P = n·h + 2h + 1,

``W.ravel()`` in numpy's default row-major (C) order. n is read from ``X.shape[1]``.

Conventions: float64, batch first (X is (m, n), one row per example). Noise is never drawn
here: the caller passes explicit samples (``eps``). No function changes its inputs.
"""
from __future__ import annotations

import numpy as np


def _unpack(theta: np.ndarray, n: int, h: int):
    """Given code: (W (n, h), c (h,), v (h,), d) from the flat θ, in the layout above."""
    theta = np.asarray(theta, dtype=float)
    if theta.shape != (n * h + 2 * h + 1,):
        raise ValueError(f"theta has shape {theta.shape}; n={n}, n_hidden={h} needs ({n * h + 2 * h + 1},)")
    W = theta[:n * h].reshape(n, h)
    c = theta[n * h:n * h + h]
    v = theta[n * h + h:n * h + 2 * h]
    return W, c, v, theta[-1]


def tanh_net_predict(theta: np.ndarray, X: np.ndarray, n_hidden: int) -> np.ndarray:
    """Predictions of the one-hidden-layer tanh regressor.

    Parameters
    ----------
    theta : ndarray of shape (P,)
        Flat parameters ``concat(W.ravel(), c, v, [d])``, P = n·h + 2h + 1.
    X : ndarray of shape (m, n)
        Inputs, one row per example.
    n_hidden : int
        Number of hidden units h.

    Returns
    -------
    ndarray of shape (m,)
        ``ŷ = tanh(X @ W + c) @ v + d``.

    Notes
    -----
    The model ŷ(x) of eqs 7.30-7.31: one tanh hidden layer (eq 6.36's h = g(Wᵀx + c), batched)
    and a linear scalar output.

    Hints
    -----
    ``_unpack(theta, n, n_hidden)`` (given) slices θ; W is ``theta[:n*h].reshape(n, h)``, row i
    holding the weights out of input i.
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    W, c, v, d = _unpack(theta, X.shape[1], n_hidden)
    return np.tanh(X @ W + c) @ v + d
    ### END SOLUTION


def tanh_net_param_jacobian(theta: np.ndarray, X: np.ndarray, n_hidden: int) -> np.ndarray:
    """Per-example gradients of the prediction with respect to every parameter.

    Parameters
    ----------
    theta : ndarray of shape (P,)
        Flat parameters, as in ``tanh_net_predict``.
    X : ndarray of shape (m, n)
        Inputs.
    n_hidden : int
        Number of hidden units h.

    Returns
    -------
    ndarray of shape (m, P)
        Row i is ∇_θ ŷ(x_i) in θ's layout. With a = Wᵀx + c and g = v ⊙ (1 − tanh²(a)):
        ∂ŷ/∂W = x gᵀ (the outer product, shape (n, h), raveled in C order), ∂ŷ/∂c = g,
        ∂ŷ/∂v = tanh(a), ∂ŷ/∂d = 1.

    Notes
    -----
    These are the ∇_W ŷ(x) of the weight-noise regularizer η·E‖∇_W ŷ(x)‖² that the book derives
    from eq 7.32 for small η. ``tanh′(a) = 1 − tanh²(a)``.

    Hints
    -----
    Back-propagate one scalar output per example: no loss, no 1/m. The block for W of row i is
    ``np.outer(X[i], g[i]).ravel()``; all rows at once, ``(X[:, :, None] * g[:, None, :])``
    reshaped to (m, n·h).
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    m, n = X.shape
    W, c, v, _ = _unpack(theta, n, n_hidden)
    t = np.tanh(X @ W + c)
    g = v * (1.0 - t ** 2)  # ∂ŷ/∂a, (m, h)
    dW = (X[:, :, None] * g[:, None, :]).reshape(m, n * n_hidden)
    return np.hstack([dW, g, t, np.ones((m, 1))])
    ### END SOLUTION


def weight_noise_objective(theta: np.ndarray, X: np.ndarray, y: np.ndarray, eps: np.ndarray,
                           n_hidden: int) -> float:
    """Monte-Carlo estimate of the weight-noise objective J̃_W on a training set.

    Parameters
    ----------
    theta : ndarray of shape (P,)
        Flat parameters, as in ``tanh_net_predict``.
    X : ndarray of shape (m, n)
        Inputs.
    y : ndarray of shape (m,)
        Targets.
    eps : ndarray of shape (S, P)
        S noise samples for the weights, drawn by the caller (ε ~ N(0, ηI) in the book; any
        values here).
    n_hidden : int
        Number of hidden units h.

    Returns
    -------
    float
        J̃ = (1/(S·m)) Σ_s Σ_i (ŷ_{θ + eps[s]}(x_i) − y_i)²: the squared error of the perturbed
        network, averaged over the noise samples and the examples.

    Notes
    -----
    Eq 7.31: J̃_W = E_{p(x, y, ε_W)}[(ŷ_{ε_W}(x) − y)²], with the expectation over the noise
    replaced by the average over the given samples. With ``eps`` all zeros it is the plain mean
    squared error J of eq 7.30. For small η and ε ~ N(0, ηI) it is approximately
    J + η·mean_i ‖∇_θ ŷ(x_i)‖², and exactly that at a minimum of J with zero residuals, up to O(η²).

    Hints
    -----
    Every noise sample perturbs *all* parameters at once, and each perturbed network is scored on
    every example. Square the error of each perturbed prediction before averaging: the error of
    the averaged prediction leaves out the regularizer.
    """
    ### BEGIN SOLUTION
    theta = np.asarray(theta, dtype=float)
    y = np.asarray(y, dtype=float)
    eps = np.asarray(eps, dtype=float)
    errors = [tanh_net_predict(theta + e, X, n_hidden) - y for e in eps]
    return float(np.mean(np.square(errors)))
    ### END SOLUTION


def _log_softmax(Z: np.ndarray) -> np.ndarray:
    """Given code: row-wise log-softmax, stabilized by subtracting each row's maximum (eq 6.33)."""
    Z = np.asarray(Z, dtype=float)
    shifted = Z - Z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def smoothed_cross_entropy(Z: np.ndarray, y: np.ndarray, eps: float) -> tuple[float, np.ndarray]:
    """Softmax cross-entropy against label-smoothed targets, and its gradient.

    Parameters
    ----------
    Z : ndarray of shape (m, k)
        Logits, one row per example, k ≥ 2 classes.
    y : ndarray of shape (m,)
        Integer class labels in ``0 .. k-1``.
    eps : float
        Smoothing ε in [0, 1): the probability that the given label is wrong.

    Returns
    -------
    J : float
        J = −(1/m) Σ_i Σ_c t_ic log softmax(z_i)_c, with targets t_ic = 1 − ε for c = y_i and
        ε/(k − 1) for every other class (each row of t sums to 1).
    dZ : ndarray of shape (m, k)
        ∂J/∂Z = (softmax(Z) − t) / m.

    Notes
    -----
    Section 7.5.1: label smoothing replaces the hard 0 and 1 targets of a k-output softmax by
    ε/(k − 1) and 1 − ε. The hard targets are never reached by finite logits, so maximum
    likelihood keeps growing them; the smoothed ones are reached at a finite logit gap,
    log((1 − ε)(k − 1)/ε). This is the book's convention: PyTorch's
    ``cross_entropy(..., label_smoothing=ε')`` mixes with the uniform ε'/k instead and equals
    this at ε' = εk/(k − 1). ε = 0 is the plain cross-entropy. Must stay finite for logits of
    ±1e4.

    Hints
    -----
    Use ``_log_softmax`` (given), never the log of a softmax that may have underflowed to 0.
    Off-class targets are ε/(k − 1), not ε/k. Divide the gradient by m: J is a mean.
    """
    ### BEGIN SOLUTION
    logp = _log_softmax(Z)
    y = np.asarray(y).astype(int)
    m, k = logp.shape
    t = np.full((m, k), eps / (k - 1))
    t[np.arange(m), y] = 1.0 - eps
    J = float(-(t * logp).sum() / m)
    dZ = (np.exp(logp) - t) / m
    return J, dZ
    ### END SOLUTION
