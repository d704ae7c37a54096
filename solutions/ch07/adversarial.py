"""7.13 Adversarial Training.

An adversarial example x' is an input near a data point x, ‖x' − x‖_∞ ≤ ε, that the model gets
wrong although a human sees no difference (Fig 7.8). Goodfellow et al. (2014b) argue that a
primary cause is excessive linearity: a linear function's output can change by ε‖w‖₁ under such
a perturbation, a lot when there are many inputs. The fast gradient sign method (FGSM) finds such
an x' in one step, x' = x + ε·sign(∇_x J(θ, x, y)), and adversarial training mixes those examples
into the training set. You write all of this for logistic regression, where every gradient is a
closed form.

Conventions: float64, batch first. Logistic regression: P(y = 1 | x) = σ(wᵀx + b), examples are
the rows of ``X`` (m, n), labels ``y`` (m,) in {0, 1}, weights ``w`` (n,), bias ``b`` a float.
The per-example loss is the binary cross-entropy −log σ((2y − 1)(wᵀx + b)) = ζ((1 − 2y)(wᵀx + b))
and J is its mean over the batch. sign(0) = 0 (``np.sign``): a zero gradient entry leaves that
input unchanged. FGSM perturbations are taken at the current parameters and treated as
constants when differentiating with respect to the parameters. No function changes its inputs.
"""
from __future__ import annotations

import numpy as np


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) = 1 / (1 + e^−z) without overflow warnings, for any z."""
    return np.exp(-np.logaddexp(0.0, -z))


def logistic_input_grad(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """Gradient of each example's own loss with respect to its input, for logistic regression.

    Parameters
    ----------
    X : ndarray of shape (m, n)
        Inputs, one row per example.
    y : ndarray of shape (m,)
        Labels in {0, 1} (int or float).
    w : ndarray of shape (n,)
        Weights.
    b : float
        Bias.

    Returns
    -------
    ndarray of shape (m, n)
        Row i is ∇_x ℓ_i at x = X[i], where ℓ_i = −log σ((2y_i − 1)(wᵀx + b)):
        ``(σ(X w + b) − y)[:, None] · w``.

    Notes
    -----
    Section 7.13 and eq 6.26: ℓ = ζ((1 − 2y)z) with z = wᵀx + b, so dℓ/dz = σ(z) − y and, by
    the chain rule, ∇_x ℓ = (σ(z) − y) w. This is the per-example gradient that FGSM needs; it
    is NOT divided by m (each example is attacked on its own loss). Must stay finite for logits
    as large as ±1e3.

    Hints
    -----
    Every row is a multiple of the same vector w. Compute σ stably (e.g. ``exp(−logaddexp(0, −z))``).
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    w = np.asarray(w, dtype=float)
    r = _sigmoid(X @ w + b) - np.asarray(y, dtype=float)
    return r[:, None] * w[None, :]
    ### END SOLUTION


def fgsm(X: np.ndarray, grad_X: np.ndarray, eps: float, clip: tuple[float, float] | None = (0.0, 1.0)
         ) -> np.ndarray:
    """Fast gradient sign method: move every input by ε in the direction that increases the loss.

    Parameters
    ----------
    X : ndarray of any shape, e.g. (m, n) or (N, H, W)
        Clean inputs.
    grad_X : ndarray of the same shape as X
        ∇_x J(θ, x, y) at each input (e.g. from ``logistic_input_grad``).
    eps : float
        Size of the max-norm perturbation, ε ≥ 0.
    clip : (low, high) or None, default (0.0, 1.0)
        If given, the result is clipped to [low, high] (the valid pixel range); None: no clipping.

    Returns
    -------
    ndarray of the same shape as X, float64
        A new array ``clip(X + ε · sign(grad_X), low, high)``.

    Notes
    -----
    Fig 7.8 (Goodfellow et al., 2014b): x' = x + ε sign(∇_x J(θ, x, y)) maximizes the
    first-order change of the loss over the ball ‖x' − x‖_∞ ≤ ε. Without clipping,
    ‖x' − x‖_∞ = ε exactly where the gradient is nonzero; clipping to a range that contains x
    can only shrink the perturbation.

    Hints
    -----
    ``np.sign`` returns 0 for a zero gradient entry: that input does not move. The clipping is
    applied to the perturbed result, not to the perturbation.
    """
    ### BEGIN SOLUTION
    X_adv = np.asarray(X, dtype=float) + eps * np.sign(np.asarray(grad_X, dtype=float))
    if clip is not None:
        X_adv = np.clip(X_adv, clip[0], clip[1])
    return X_adv
    ### END SOLUTION


def linear_worst_case(w: np.ndarray, eps: float) -> tuple[np.ndarray, float]:
    """The max-norm perturbation that changes a linear unit's output the most.

    Parameters
    ----------
    w : ndarray of shape (n,)
        Weights of the linear unit wᵀx.
    eps : float
        Bound on every input's change, ‖η‖_∞ ≤ ε, ε ≥ 0.

    Returns
    -------
    eta : ndarray of shape (n,)
        η* = ε · sign(w), the maximizer of wᵀη over the ball (0 where w_i = 0).
    change : float
        wᵀη* = ε ‖w‖₁.

    Notes
    -----
    Section 7.13, the "excessive linearity" argument: if each of n inputs changes by ε, the
    output of a linear function can change by as much as ε‖w‖₁, which grows linearly with n.
    Many imperceptible changes add up to a large one.

    Hints
    -----
    The maximization separates over coordinates: each η_i sits at the end of [−ε, ε] that has the
    sign of w_i. Where w_i = 0 any η_i is optimal; return 0 there (``np.sign``).
    """
    ### BEGIN SOLUTION
    w = np.asarray(w, dtype=float)
    return eps * np.sign(w), float(eps * np.abs(w).sum())
    ### END SOLUTION


def adversarial_logistic_step(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, eps: float, lr: float,
                              mix: float = 0.5) -> tuple[np.ndarray, float]:
    """One gradient-descent step of adversarial training for logistic regression.

    Parameters
    ----------
    X : ndarray of shape (m, n)
        Clean training inputs.
    y : ndarray of shape (m,)
        Labels in {0, 1}.
    w : ndarray of shape (n,)
        Current weights.
    b : float
        Current bias.
    eps : float
        FGSM step size ε ≥ 0.
    lr : float
        Learning rate.
    mix : float, default 0.5
        Weight of the clean loss; the adversarial loss gets 1 − mix. mix = 1 is ordinary training.

    Returns
    -------
    w_new : ndarray of shape (n,)
    b_new : float
        One step ``θ − lr · ∇_θ [mix · J(X) + (1 − mix) · J(X_adv)]`` for θ = (w, b).

    Notes
    -----
    Section 7.13 (adversarial training, Szegedy et al. 2014b; Goodfellow et al. 2014b).
    X_adv = fgsm(X, logistic_input_grad(X, y, w, b), eps, clip=None) is computed at the current
    (w, b) and then held fixed: the step does not differentiate through it. J(X) is the mean
    binary cross-entropy, with ∇_w J = Xᵀ(σ(Xw + b) − y) / m and ∂J/∂b = mean(σ(Xw + b) − y).

    Hints
    -----
    No clipping here (``clip=None``): the inputs are not assumed to be pixels. Build X_adv
    first, then evaluate the two gradients at the same (w, b). Return a new array and a float.
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.asarray(w, dtype=float)
    X_adv = fgsm(X, logistic_input_grad(X, y, w, b), eps, clip=None)
    m = X.shape[0]
    grad_w, grad_b = np.zeros_like(w), 0.0
    for weight, inputs in ((mix, X), (1.0 - mix, X_adv)):
        r = _sigmoid(inputs @ w + b) - y
        grad_w = grad_w + weight * (inputs.T @ r) / m
        grad_b = grad_b + weight * r.mean()
    return w - lr * grad_w, float(b - lr * grad_b)
    ### END SOLUTION
