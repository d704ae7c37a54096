# Generated from solutions/ch07/norm_constraints.py by dlbook build. Edit that file instead.
"""7.2 Norm Penalties as Constrained Optimization.

A norm penalty α·Ω(θ) is a Lagrange multiplier in disguise. Minimizing J(θ) subject to
Ω(θ) ≤ k is solved through the generalized Lagrangian L(θ, α) = J(θ) + α(Ω(θ) − k) (eq. 7.25),
θ* = argmin_θ max_{α ≥ 0} L (eq. 7.26), and at the optimal α* the problem is the penalized one,
argmin_θ J(θ) + α*Ω(θ) (eqs. 7.27-7.28): a larger α* means a smaller region. Instead of a
penalty one can also impose the constraint explicitly: take a gradient step and project back
onto the region (Hinton et al. 2012 recommend this, with one norm constraint per unit, after
Srebro and Shraibman 2005). You write the projection onto an L2 ball, the per-unit max-norm
constraint, projected gradient descent, and the book's worked example of a constrained least
squares problem (sec. 4.4-4.5, eqs. 4.21-4.27) solved through its KKT conditions.

Conventions: float64. A weight matrix ``W`` has shape (n_in, n_out), so column j holds the
incoming weights of unit j (the batch form ``X @ W + b`` of the book's ``Wᵀx + b``). Norms are
Euclidean. No function changes its inputs: every function returns a new array.
"""
from __future__ import annotations

from typing import Callable

import numpy as np


def project_l2_ball(w: np.ndarray, k: float) -> np.ndarray:
    """Euclidean projection onto the ball {u : ‖u‖₂ ≤ k}.

    Parameters
    ----------
    w : ndarray of shape (n,)
        The point to project. Left unchanged.
    k : float
        Radius of the ball, k ≥ 0.

    Returns
    -------
    u : ndarray of shape (n,)
        ``w · min(1, k / ‖w‖)``: ``w`` itself (a copy) when ‖w‖ ≤ k, else ``w`` rescaled to
        norm k. The zero vector maps to itself.

    Notes
    -----
    The reprojection step of an explicit norm constraint (sec. 7.2): the closest point of the
    region Ω(θ) ≤ k, here with Ω(w) = ‖w‖₂.

    Hints
    -----
    Points already inside (or on) the ball do not move: this is a projection onto the *ball*,
    not onto the sphere. Do not divide by ‖w‖ when w = 0. Return a new array.
    """
    # TODO: implement project_l2_ball (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.2 project_l2_ball: not implemented yet")


def max_norm_columns(W: np.ndarray, c: float) -> np.ndarray:
    """Max-norm constraint per unit: cap the L2 norm of every column of W at c.

    Parameters
    ----------
    W : ndarray of shape (n_in, n_out)
        Weights; column j holds the incoming weights of unit j. Left unchanged.
    c : float
        The largest allowed column norm, c > 0.

    Returns
    -------
    W_new : ndarray of shape (n_in, n_out)
        Every column whose norm exceeds c rescaled to norm exactly c (its direction kept);
        columns with norm ≤ c copied unchanged.

    Notes
    -----
    Sec. 7.2 recommends constraining the norm of each column of the weight matrix separately
    (Srebro and Shraibman 2005), rather than the Frobenius norm of the whole matrix, so that no
    single hidden unit can have very large weights. It is ``project_l2_ball`` applied to every
    column with radius c.

    Hints
    -----
    Columns, not rows: with this course's ``W`` of shape (n_in, n_out) a unit's incoming weights
    are ``W[:, j]``, so take norms along ``axis=0``. Columns under the cap must come back
    unchanged, not normalized to c.
    """
    # TODO: implement max_norm_columns (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.2 max_norm_columns: not implemented yet")


def projected_gradient_descent(grad_fn: Callable[[np.ndarray], np.ndarray], w0: np.ndarray, k: float,
                               lr: float, steps: int) -> np.ndarray:
    """Gradient descent with an explicit norm constraint enforced by reprojection.

    Parameters
    ----------
    grad_fn : callable
        ``grad_fn(w) -> ndarray of shape (n,)``, the gradient of the objective J at w.
    w0 : ndarray of shape (n,)
        Starting point (used as given, even if it lies outside the ball). Left unchanged.
    k : float
        Radius of the constraint region ‖w‖₂ ≤ k.
    lr : float
        Learning rate.
    steps : int
        Number of steps, ≥ 0 (``steps = 0`` returns a copy of ``w0``).

    Returns
    -------
    w : ndarray of shape (n,)
        The iterate after ``steps`` updates ``w ← project_l2_ball(w − lr·grad_fn(w), k)``.

    Notes
    -----
    Sec. 7.2, "explicit constraints and reprojection": take a step downhill on J(θ), then
    project θ back to the nearest point that satisfies Ω(θ) < k. The constraint acts only when
    the weights try to leave the region.

    Hints
    -----
    Call ``grad_fn`` exactly once per step, at the current iterate (the grader records the
    calls). Step first, then project: the returned point is always inside the ball when
    ``steps > 0``. Use your ``project_l2_ball``.
    """
    # TODO: implement projected_gradient_descent (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.2 projected_gradient_descent: not implemented yet")


def constrained_least_squares(A: np.ndarray, b: np.ndarray, radius: float = 1.0, tol: float = 1e-12
                              ) -> tuple[np.ndarray, float]:
    """Minimize ½‖Ax − b‖² subject to xᵀx ≤ radius², through the KKT conditions.

    Parameters
    ----------
    A : ndarray of shape (m, n)
        Any shape and rank (tall, wide or rank-deficient). Left unchanged.
    b : ndarray of shape (m,)
    radius : float
        Radius r > 0 of the constraint region.
    tol : float
        Relative tolerance of the bisection on λ: stop when the bracket [lo, hi] has
        ``hi − lo ≤ tol·hi``.

    Returns
    -------
    x : ndarray of shape (n,)
        The constrained minimizer.
    lam : float
        Its KKT multiplier λ* ≥ 0 (0 when the constraint is inactive).

    Notes
    -----
    The book's example of sec. 4.5 (eqs. 4.21-4.27): the Lagrangian is
    ½‖Ax − b‖² + λ(xᵀx − r²); stationarity AᵀAx − Aᵀb + 2λx = 0 gives
    x(λ) = (AᵀA + 2λI)⁻¹Aᵀb (eq. 4.26). If the minimum-norm least-squares solution A⁺b
    satisfies ‖A⁺b‖ ≤ r, it is the answer with λ* = 0 (the constraint is inactive). Otherwise
    ‖x(λ)‖ decreases in λ > 0, and λ* is the unique root of ‖x(λ)‖ = r: the solution is on
    the sphere and complementary slackness λ*(xᵀx − r²) = 0 holds with λ* > 0.

    Hints
    -----
    Note the 2 in 2λI: λ multiplies xᵀx, whose gradient is 2x. Test the inactive case with the
    minimum-norm solution (``np.linalg.lstsq`` or a pseudo-inverse), not with a solve of AᵀA,
    which is singular when A is wide or rank-deficient. ‖A⁺b‖ = r counts as inactive (λ* = 0).
    For the bisection, lo = 0 and hi = ‖Aᵀb‖/(2r) bracket λ*, because ‖x(λ)‖ ≤ ‖Aᵀb‖/(2λ).
    """
    # TODO: implement constrained_least_squares (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.2 constrained_least_squares: not implemented yet")
