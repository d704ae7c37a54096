# Generated from solutions/ch08/second_order.py by dlbook build. Edit that file instead.
"""8.6 Approximate Second-Order Methods.

Newton's method rescales the gradient by the inverse Hessian: on a quadratic one step lands on
the minimum, whatever the conditioning (eq. 8.27, Algorithm 8.8). Near a saddle point it is
attracted to the saddle, which the damped form (H + αI)⁻¹g of eq. 8.28 repairs; and it costs
O(k³) per step for k parameters. The rest of sec. 8.6 keeps some of its benefit for less.
Conjugate gradients (Algorithm 8.9) replace the zig-zag of steepest descent with exact line
searches (Fig. 8.6) by directions that are conjugate, ρ_tᵀHρ_{t−1} = 0, and so reach the
minimum of a k-dimensional quadratic in at most k line searches. BFGS (sec. 8.6.3) builds an
approximation M of the inverse Hessian from the steps s and the gradient changes y it
observes, and L-BFGS applies the same matrix from the last few pairs (s, y) without ever
storing it. You write one Newton step, CG on a quadratic, the BFGS inverse update and the
L-BFGS two-loop recursion.

Conventions: float64. θ, g, s, y have shape (d,), matrices shape (d, d); L-BFGS memories S, Y
have shape (k, d), one pair per row, oldest first (k may be 0). The quadratic of CG is
J(θ) = ½θᵀAθ − bᵀθ with A symmetric positive definite, so g = Aθ − b. Where the book is loose
this module decides: CG starts with β₁ = 0 (the book initialises g₀ = 0, which would make the
first Polak–Ribière β a 0/0); a search direction is a descent direction, so the L-BFGS
direction carries the minus sign, −Mg (the book writes ρ_t = M_t g_t). Functions return new
arrays and never change their inputs.
"""
from __future__ import annotations

import numpy as np


def newton_step(theta: np.ndarray, grad: np.ndarray, hess: np.ndarray, damping: float = 0.0) -> np.ndarray:
    """One (damped) Newton step: θ − (H + damping·I)⁻¹ g.

    Parameters
    ----------
    theta : ndarray of shape (d,)
        The current parameters θ₀.
    grad : ndarray of shape (d,)
        The gradient g = ∇J(θ₀).
    hess : ndarray of shape (d, d)
        The Hessian H at θ₀ (or an estimate of it). It may be indefinite; it need not even be
        exactly symmetric (a finite-difference estimate is not): the step is the solution of
        (H + damping·I) Δ = −g as written, with H on the left.
    damping : float
        α >= 0, added to the diagonal only (Levenberg's regularization). H + α·I must be
        invertible.

    Returns
    -------
    ndarray of shape (d,)
        The new parameters θ₀ + Δ, a new array.

    Notes
    -----
    Eq. 8.27 (Algorithm 8.8): θ* = θ₀ − H⁻¹∇J(θ₀). On a quadratic J(θ) = ½θᵀAθ − bᵀθ one
    undamped step from anywhere lands on the minimum A⁻¹b. Eq. 8.28 regularizes it:
    θ* = θ₀ − [H + αI]⁻¹∇J(θ₀). A large α turns the step into gradient descent with learning
    rate 1/α. Without damping, Newton's method jumps to the critical point of the local
    quadratic model, whatever its kind: on f = x² − y² one step from (1, 1) lands exactly on
    the saddle (0, 0) (sec. 8.2.3).

    Hints
    -----
    Solve the linear system with ``np.linalg.solve``; never form the inverse. Add α to the
    diagonal (``hess + damping * np.eye(d)``), not to every entry, and not α·diag(H)
    (that is Marquardt's variant). Return θ + Δ, not Δ.
    """
    # TODO: implement newton_step (the docstring's Notes and Hints say how).
    raise NotImplementedError("8.6 newton_step: not implemented yet")


def conjugate_gradient_quadratic(A: np.ndarray, b: np.ndarray, theta0: np.ndarray, n_iter: int,
                                 beta_rule: str = "PR", tol: float = 1e-12) -> np.ndarray:
    """Conjugate gradients with exact line searches on J(θ) = ½θᵀAθ − bᵀθ.

    Parameters
    ----------
    A : ndarray of shape (d, d)
        Symmetric positive definite.
    b : ndarray of shape (d,)
    theta0 : ndarray of shape (d,)
        The starting point.
    n_iter : int
        Number of iterations (line searches) n >= 0.
    beta_rule : str
        ``'PR'`` (Polak–Ribière, eq. 8.31) or ``'FR'`` (Fletcher–Reeves, eq. 8.30). Anything else
        raises ValueError.
    tol : float
        Convergence threshold on the Euclidean norm of the gradient.

    Returns
    -------
    ndarray of shape (n_iter + 1, d)
        Row 0 is θ₀, row t is θ_t after t iterations. At the start of each iteration
        t = 1, ..., n compute g_t = Aθ_{t−1} − b; if ‖g_t‖ < tol, θ has converged and every
        remaining row repeats the last iterate.

    Notes
    -----
    Algorithm 8.9, with β₁ = 0 (the first direction is −g₁, a steepest-descent step) and for
    t >= 2

    - Fletcher–Reeves (eq. 8.30): β_t = g_tᵀg_t / g_{t−1}ᵀg_{t−1},
    - Polak–Ribière (eq. 8.31): β_t = (g_t − g_{t−1})ᵀg_t / g_{t−1}ᵀg_{t−1},

    the direction ρ_t = −g_t + β_t ρ_{t−1}, and the exact line search along ρ_t, which on the
    quadratic has the closed form ε* = −g_tᵀρ_t / ρ_tᵀAρ_t; then θ_t = θ_{t−1} + ε*ρ_t. The
    directions are conjugate (ρ_iᵀAρ_j = 0 for i ≠ j) and CG reaches the minimum A⁻¹b in at
    most d line searches. With exact line searches on a quadratic, successive gradients are
    orthogonal, so both β rules give the same iterates (they differ on non-quadratic costs).
    Here the iterates equal those of linear CG for Aθ = b (e.g. ``scipy.sparse.linalg.cg``).

    Hints
    -----
    Do not start from the book's g₀ = 0: β₁ = 0 by definition. Check ‖g‖ < tol before computing
    anything that divides by gᵀg or ρᵀAρ (starting at the minimum must not give NaN). Mind the
    sign of ε* (it must decrease J) and use ρᵀAρ, not ρᵀρ. Build new arrays: ``theta = theta +
    eps * rho``, never ``theta += ...`` on the caller's θ₀.
    """
    # TODO: implement conjugate_gradient_quadratic (the docstring's Notes and Hints say how).
    raise NotImplementedError("8.6 conjugate_gradient_quadratic: not implemented yet")


def bfgs_inverse_update(M: np.ndarray, s: np.ndarray, y: np.ndarray) -> np.ndarray:
    """BFGS update of the inverse-Hessian approximation M from one step s and gradient change y.

    Parameters
    ----------
    M : ndarray of shape (d, d)
        The current approximation of H⁻¹, symmetric positive definite.
    s : ndarray of shape (d,)
        The step θ_{t+1} − θ_t.
    y : ndarray of shape (d,)
        The change of the gradient ∇J(θ_{t+1}) − ∇J(θ_t).

    Returns
    -------
    ndarray of shape (d, d)
        With ρ = 1/(yᵀs): M⁺ = (I − ρ s yᵀ) M (I − ρ y sᵀ) + ρ s sᵀ, a new array. If yᵀs <= 0
        (no positive curvature along s) the update is skipped: a copy of M is returned.

    Notes
    -----
    Sec. 8.6.3: quasi-Newton methods approximate H⁻¹ by a matrix M_t refined by low-rank
    updates; the formula is the BFGS inverse update of Nocedal & Wright (eq. 6.17 there). M⁺ is
    symmetric, satisfies the secant condition M⁺y = s (on a quadratic y = As, so M⁺ acts like
    A⁻¹ along y), and stays positive definite when yᵀs > 0. A line search satisfying the Wolfe
    conditions guarantees yᵀs > 0; when it fails, skipping the update is what SciPy's BFGS does.
    The book's drawback of BFGS: M has d² entries (O(n²) memory).

    Hints
    -----
    Mind the order of the two outer products: (I − ρ s yᵀ) on the left, (I − ρ y sᵀ) on the
    right (their transposes in the other order give a matrix without the secant condition).
    ρ uses yᵀs, not sᵀs. Test ``yᵀs <= 0`` before dividing.
    """
    # TODO: implement bfgs_inverse_update (the docstring's Notes and Hints say how).
    raise NotImplementedError("8.6 bfgs_inverse_update: not implemented yet")


def lbfgs_direction(grad: np.ndarray, S: np.ndarray, Y: np.ndarray, gamma: float = 1.0) -> np.ndarray:
    """The L-BFGS search direction −Mg by the two-loop recursion.

    Parameters
    ----------
    grad : ndarray of shape (d,)
        The current gradient g.
    S : ndarray of shape (k, d)
        The k stored steps s_i, one per row, oldest first (k = 0 is allowed).
    Y : ndarray of shape (k, d)
        The matching gradient changes y_i, every pair with y_iᵀs_i > 0.
    gamma : float
        The initial matrix is H₀ = gamma·I (gamma > 0 approximates the inverse curvature).

    Returns
    -------
    ndarray of shape (d,)
        −M g, where M is the matrix obtained from H₀ = gamma·I by the BFGS inverse updates with
        the pairs (s_0, y_0), ..., (s_{k−1}, y_{k−1}) in that order. With k = 0 it is −gamma·g.

    Notes
    -----
    Sec. 8.6.3 (L-BFGS): instead of storing M, keep the last k pairs and rebuild the product Mg
    in O(k·d) time and memory (Nocedal & Wright, Algorithm 7.4). With ρ_i = 1/(y_iᵀs_i):

    1. q = g; for i = k−1, ..., 0 (newest first): a_i = ρ_i s_iᵀq, q ← q − a_i y_i;
    2. r = gamma·q;
    3. for i = 0, ..., k−1 (oldest first): β = ρ_i y_iᵀr, r ← r + s_i (a_i − β);
    4. return −r.

    The book's memoryless BFGS is the case k = 1, gamma = 1. The minus sign makes it a descent
    direction (the book writes ρ_t = M_t g_t and leaves the sign to the line search).

    Hints
    -----
    The first loop runs newest to oldest, the second oldest to newest; reversing either changes
    the result as soon as k >= 2. gamma scales the middle (H₀), not the final result. Start
    from a copy of g (``q = grad.copy()`` or ``q = grad - ...``): ``q -= ...`` on the caller's
    array changes it.
    """
    # TODO: implement lbfgs_direction (the docstring's Notes and Hints say how).
    raise NotImplementedError("8.6 lbfgs_direction: not implemented yet")
