"""7.8 Early Stopping.

Training error keeps falling, but validation error eventually rises again (Fig. 7.3). Early
stopping evaluates the validation error every n steps, keeps a copy of the best parameters, and
stops once the error has failed to improve `patience` times in a row (Algorithm 7.1). On a
quadratic cost (eq. 7.33), gradient descent from w⁽⁰⁾ = 0 stopped after τ steps lands where L2
regularization would (eqs. 7.35-7.43): along the eigenvector of H with eigenvalue λ_i it has
covered the fraction 1 − (1 − ελ_i)^τ of the way to w*, which is the L2 shrinkage factor
λ_i/(λ_i + α) for α ≈ 1/(τε) (eq. 7.45). You implement Algorithm 7.1 on a precomputed
validation curve and with training callbacks, the closed-form trajectory of eq. 7.40 and the
weight decay equivalent to τ steps (eq. 7.43).

Conventions (Algorithm 7.1 as printed): the best error starts at v = +∞, so the first evaluation
always improves; an improvement means a strictly smaller error (v' < v, a tie is not one); step
counts are multiples of n (the first evaluation is after n steps). float64; no function changes
its inputs, and a training callback is never trusted not to change its argument.
"""
from __future__ import annotations

from typing import Callable

import numpy as np


def early_stopping_from_curve(val_errors: np.ndarray, n: int, patience: int) -> tuple[int, int, float]:
    """Algorithm 7.1 run on a validation curve that was computed in advance.

    Parameters
    ----------
    val_errors : ndarray of shape (E,)
        ``val_errors[j]`` is the validation error after (j + 1)·n training steps, i.e. at the
        (j + 1)-th evaluation.
    n : int
        Number of training steps between evaluations (n >= 1).
    patience : int
        p >= 1: stop after p consecutive evaluations without improvement.

    Returns
    -------
    i_star : int
        Best number of training steps i* (a multiple of n).
    i_stop : int
        Number of training steps run before stopping: the step count of the last evaluation
        read, which is E·n when the curve ends before the patience runs out.
    v_star : float
        The best validation error v = val_errors[i_star / n − 1].

    Notes
    -----
    Algorithm 7.1 with "update θ by running the training algorithm for n steps" replaced by
    reading the next entry of the curve. Evaluations after the stopping point are never read:
    on [5, 4, 3, 3.5, 3.2, 3.0, 2.0] with n = 10, p = 3 the result is (30, 60, 3.0). An empty
    curve gives (0, 0, inf), the algorithm's initial values.

    Hints
    -----
    Start from v = ∞, i = i* = j = 0 as the algorithm does. Only v' < v is an improvement
    (reset j, record i* and v); anything else, ties included, increments j. Stop as soon as
    j reaches p, or the curve ends. This is not ``np.argmin`` of the whole curve.
    """
    ### BEGIN SOLUTION
    val_errors = np.asarray(val_errors, dtype=float).reshape(-1)
    i = i_star = j = 0
    v = np.inf
    k = 0
    while j < patience and k < val_errors.size:
        i += n                      # "run the training algorithm for n steps"
        v_new = float(val_errors[k])
        k += 1
        if v_new < v:
            j, i_star, v = 0, i, v_new
        else:
            j += 1
    return int(i_star), int(i), float(v)
    ### END SOLUTION


def early_stopping_train(theta0: np.ndarray, train_steps: Callable[[np.ndarray, int], np.ndarray],
                         val_error: Callable[[np.ndarray], float], n: int, patience: int, max_evals: int
                         ) -> tuple[np.ndarray, int]:
    """Algorithm 7.1 with callbacks: train, evaluate, keep a copy of the best parameters.

    Parameters
    ----------
    theta0 : ndarray of shape (P,)
        Initial parameters θ_o.
    train_steps : callable
        ``train_steps(theta, n)`` runs the training algorithm for n steps from ``theta`` and
        returns the parameters after them, an ndarray of shape (P,). It may change ``theta`` in
        place and return that same array (many training loops do).
    val_error : callable
        ``val_error(theta)`` returns the validation set error of ``theta`` (a float).
    n : int
        Number of training steps between evaluations (n >= 1).
    patience : int
        p >= 1: stop after p consecutive evaluations without improvement.
    max_evals : int
        Also stop after this many evaluations (max_evals >= 0), even if the error keeps
        improving: a budget that makes the loop finish on any curve.

    Returns
    -------
    theta_star : ndarray of shape (P,)
        θ*, the parameters at the evaluation with the lowest validation error; θ_o (a copy)
        if nothing was evaluated.
    i_star : int
        i*, the number of training steps that produced θ* (0 if nothing was evaluated).

    Notes
    -----
    Algorithm 7.1. Each pass of the loop calls ``train_steps(theta, n)`` once, then
    ``val_error`` once on the result. "Every time the error on the validation set improves, we
    store a copy of the model parameters" (Sec. 7.8): a *copy*, because training goes on from
    the same parameters.

    Hints
    -----
    v starts at ∞, so the first evaluation always improves (do not evaluate θ_o). Improvement
    means v' < v. Store ``theta.copy()``, not ``theta``: with a ``train_steps`` that updates in
    place, a stored reference would silently follow training to the end. For the same reason,
    train from a copy of ``theta0``, not from the caller's array.
    """
    ### BEGIN SOLUTION
    theta = np.array(theta0, dtype=float, copy=True)
    theta_star, i_star = theta.copy(), 0
    i = j = evals = 0
    v = np.inf
    while j < patience and evals < max_evals:
        theta = train_steps(theta, n)
        i += n
        evals += 1
        v_new = float(val_error(theta))
        if v_new < v:
            j, v, i_star = 0, v_new, i
            theta_star = np.array(theta, dtype=float, copy=True)
        else:
            j += 1
    return theta_star, int(i_star)
    ### END SOLUTION


def gd_quadratic_iterate(H: np.ndarray, w_star: np.ndarray, lr: float, tau: int) -> np.ndarray:
    """The gradient-descent iterate w⁽τ⁾ on a quadratic, from w⁽⁰⁾ = 0, in closed form.

    Parameters
    ----------
    H : ndarray of shape (d, d)
        Symmetric positive semidefinite Hessian of Ĵ(w) = J(w*) + ½(w − w*)ᵀH(w − w*).
    w_star : ndarray of shape (d,)
        The minimizer w*.
    lr : float
        Learning rate ε, with |1 − ελ_i| <= 1 for every eigenvalue λ_i of H.
    tau : int
        Number of steps τ >= 0.

    Returns
    -------
    w_tau : ndarray of shape (d,)
        w⁽τ⁾ = Q [I − (I − εΛ)^τ] Qᵀ w*, where H = QΛQᵀ.

    Notes
    -----
    Eq. 7.40, the solution of the recursion w⁽τ⁾ = w⁽τ⁻¹⁾ − εH(w⁽τ⁻¹⁾ − w*) (eqs. 7.35-7.39)
    started at w⁽⁰⁾ = 0. Along eigenvector i the iterate has covered the fraction
    1 − (1 − ελ_i)^τ of the way to w*: fast along high curvature, slowly along low curvature.
    τ = 0 gives 0.

    Hints
    -----
    ``np.linalg.eigh`` gives H = QΛQᵀ (columns of Q are eigenvectors): rotate w* into the
    eigenbasis (Qᵀw*), scale each coordinate, rotate back (Q ·). Running the τ steps of
    eq. 7.35 is a correct, slower, way to check your answer.
    """
    ### BEGIN SOLUTION
    H = np.asarray(H, dtype=float)
    w_star = np.asarray(w_star, dtype=float)
    lam, Q = np.linalg.eigh(H)
    factors = 1.0 - (1.0 - lr * lam) ** tau
    return Q @ (factors * (Q.T @ w_star))
    ### END SOLUTION


def equivalent_weight_decay(eigvals: np.ndarray, lr: float, tau: int) -> np.ndarray:
    """The L2 coefficient α_i that makes τ steps of gradient descent equal to weight decay.

    Parameters
    ----------
    eigvals : ndarray of shape (d,)
        Eigenvalues λ_i of H, with 0 <= ελ_i <= 1.
    lr : float
        Learning rate ε > 0.
    tau : int
        Number of steps τ >= 0.

    Returns
    -------
    alpha : ndarray of shape (d,)
        α_i = λ_i q_i / (1 − q_i) with q_i = (1 − ελ_i)^τ, the solution of
        (1 − ελ_i)^τ = α_i / (λ_i + α_i).

    Notes
    -----
    Eq. 7.43, one eigendirection at a time: with this α_i the L2 shrinkage factor of eq. 7.13,
    λ_i/(λ_i + α_i), equals the fraction 1 − q_i covered by τ gradient steps (eq. 7.40). When
    ελ_i ≪ 1 and λ_i ≪ α_i, α_i ≈ 1/(τε) (eq. 7.45). Edge cases, by continuity:
    λ_i = 0 gives the limit 1/(τε) (where eq. 7.45 is exact); ελ_i = 1 gives 0 (one step
    reaches w* along that direction: no regularization); τ = 0 gives +inf (no training is
    infinitely strong weight decay).

    Hints
    -----
    At λ_i = 0 the formula is 0/0: handle it separately. The other values need no special
    case. 1 − q_i = −expm1(τ·log1p(−ελ_i)) avoids cancellation when ελ_i is tiny (optional).
    """
    ### BEGIN SOLUTION
    lam = np.asarray(eigvals, dtype=float)
    if tau == 0:
        return np.full(lam.shape, np.inf)
    q = (1.0 - lr * lam) ** tau
    with np.errstate(divide="ignore"):
        one_minus_q = -np.expm1(tau * np.log1p(-lr * lam))   # 1 − q without cancellation
    alpha = np.full(lam.shape, 1.0 / (tau * lr))              # the λ → 0 limit
    nonzero = lam != 0
    alpha[nonzero] = lam[nonzero] * q[nonzero] / one_minus_q[nonzero]
    return alpha
    ### END SOLUTION
