"""7.0 Prerequisites: Hessian Matrix, Definiteness, and Curvature (book Sec. 4.3.1).

Chapter 7 analyses every regularizer through a quadratic approximation of the cost, so it
needs the Hessian H, the matrix of second derivatives (eq. 4.6). Its eigenvalues are the
curvatures along its eigenvectors: they decide whether a critical point is a minimum, a
maximum or a saddle (the second-derivative test), how large a gradient step may be (eqs.
4.9-4.10), and how badly gradient descent zig-zags (the condition number, eq. 4.2). You
estimate H by finite differences, classify it, compute the best step along the gradient, and
multiply by H without ever forming it (eq. 6.59).

Conventions: float64; x, g, v are vectors of shape (n,), H has shape (n, n). A function
argument ``f`` or ``grad_fn`` is called with float arrays of shape (n,). An eigenvalue with
|λ| <= tol counts as zero. Eigenvalues come in ascending order, and each eigenvector (a
column) is scaled so that its largest-magnitude entry is positive. No function changes its
inputs.
"""
from __future__ import annotations

from typing import Callable

import numpy as np


def numerical_hessian(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-4) -> np.ndarray:
    """The Hessian of a scalar function by central differences.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``, called with float arrays of shape (n,).
    x : ndarray of shape (n,)
        The point. Integer arrays are treated as float64. Left unchanged.
    h : float
        The step.

    Returns
    -------
    H : ndarray of shape (n, n)
        ``H[i, j] ≈ ∂²f/∂x_i∂x_j`` at x, symmetric.

    Notes
    -----
    Eq. 4.6 defines H(f)(x)_ij = ∂²f(x)/∂x_i∂x_j. Each entry is estimated by

        [f(x + he_i + he_j) − f(x + he_i − he_j) − f(x − he_i + he_j) + f(x − he_i − he_j)] / (4h²),

    whose error is O(h²). The formula is already symmetric in i and j, as the true Hessian is
    wherever the second derivatives are continuous (eq. 4.7); return ``(H + Hᵀ) / 2`` so
    the result is symmetric to the last bit.

    Hints
    -----
    Use the same four-point formula on the diagonal: for i = j it reads
    (f(x + 2h e_i) − 2 f(x) + f(x − 2h e_i)) / (4h²). The grader compares at a large h too,
    so other difference formulas do not pass. Perturb a float copy of x, never x itself.
    """
    ### BEGIN SOLUTION
    x = np.array(x, dtype=float)  # a float copy: the caller's x is never touched
    n = x.size
    H = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            total = 0.0
            for si, sj, sign in ((1, 1, 1.0), (1, -1, -1.0), (-1, 1, -1.0), (-1, -1, 1.0)):
                xp = x.copy()
                xp[i] += si * h
                xp[j] += sj * h
                total += sign * f(xp)
            H[i, j] = total / (4 * h * h)
    return 0.5 * (H + H.T)
    ### END SOLUTION


def analyze_hessian(H: np.ndarray, tol: float = 1e-8) -> dict:
    """The second-derivative test: eigen-decomposition, definiteness and condition number.

    Parameters
    ----------
    H : ndarray of shape (n, n)
        A symmetric matrix, e.g. the Hessian at a critical point (where ∇f = 0).
    tol : float
        Eigenvalues with |λ| <= tol count as zero.

    Returns
    -------
    info : dict
        - ``'eigvals'``: ndarray of shape (n,), the eigenvalues in ascending order;
        - ``'eigvecs'``: ndarray of shape (n, n), orthonormal eigenvectors as columns
          (H = V diag(eigvals) Vᵀ): column k belongs to ``eigvals[k]`` and has its
          largest-magnitude entry positive;
        - ``'kind'``: ``'positive_definite'`` (every λ > tol), ``'negative_definite'``
          (every λ < −tol), ``'indefinite'`` (some λ > tol and some λ < −tol, whatever
          the others are) or ``'semidefinite'`` (anything else: some |λ| <= tol and
          all the others of one sign, or all zero);
        - ``'critical_point'``: ``'local_min'``, ``'local_max'``, ``'saddle'`` or
          ``'inconclusive'``, for those four kinds in that order;
        - ``'condition_number'``: float, max|λ| / min|λ| (eq. 4.2), ``np.inf`` when
          some |λ| <= tol.

    Notes
    -----
    Sec. 4.3.1: H is real and symmetric, so it has real eigenvalues and an orthonormal basis
    of eigenvectors; the second derivative in the unit direction d is dᵀHd, which equals λ
    when d is the eigenvector of λ. At a critical point, a positive definite H means a local
    minimum, a negative definite H a local maximum, and eigenvalues of both signs a saddle
    point. The test is inconclusive when all non-zero eigenvalues have the same sign and at
    least one is zero. The condition number (eq. 4.2) is max_ij |λ_i / λ_j|.

    Hints
    -----
    ``np.linalg.eigh`` returns ascending eigenvalues and orthonormal eigenvectors as columns
    (``np.linalg.eig`` does not: for a repeated eigenvalue its vectors need not be
    orthogonal). Their signs are arbitrary: flip each column whose largest-magnitude entry is
    negative. Check "both signs present" before "some zero": diag(2, 0, −1) is a saddle.
    """
    ### BEGIN SOLUTION
    H = np.asarray(H, dtype=float)
    lam, V = np.linalg.eigh(H)
    lead = V[np.argmax(np.abs(V), axis=0), np.arange(V.shape[1])]
    V = V * np.where(lead < 0, -1.0, 1.0)
    pos, neg = lam > tol, lam < -tol
    if pos.all():
        kind, point = "positive_definite", "local_min"
    elif neg.all():
        kind, point = "negative_definite", "local_max"
    elif pos.any() and neg.any():
        kind, point = "indefinite", "saddle"
    else:
        kind, point = "semidefinite", "inconclusive"
    mags = np.abs(lam)
    cond = float(np.inf) if mags.min() <= tol else float(mags.max() / mags.min())
    return {"eigvals": lam, "eigvecs": V, "kind": kind, "critical_point": point, "condition_number": cond}
    ### END SOLUTION


def optimal_step_size(g: np.ndarray, H: np.ndarray) -> tuple[float, float]:
    """The step along −g that minimizes the second-order Taylor model, and the decrease it predicts.

    Parameters
    ----------
    g : ndarray of shape (n,)
        The gradient at x.
    H : ndarray of shape (n, n)
        The Hessian at x.

    Returns
    -------
    eps : float
        ε* = gᵀg / gᵀHg (eq. 4.10); ``0.0`` if g = 0; ``np.inf`` if g ≠ 0 and gᵀHg <= 0.
    decrease : float
        f(x) − f(x − ε* g) predicted by the Taylor model (eq. 4.9), i.e.
        ε*·gᵀg − ½ ε*²·gᵀHg; ``0.0`` if g = 0; ``np.inf`` if g ≠ 0 and gᵀHg <= 0.

    Notes
    -----
    Eq. 4.9: f(x − εg) ≈ f(x) − ε gᵀg + ½ ε² gᵀHg. When gᵀHg > 0 this parabola in ε has its
    minimum at ε* of eq. 4.10, where the decrease is ½ (gᵀg)² / gᵀHg. When gᵀHg <= 0 the
    model decreases without bound along −g: the Taylor model does not limit the step.
    The worst case, g aligned with the eigenvector of λ_max, gives ε* = 1/λ_max.

    Hints
    -----
    Test g = 0 first (return ``(0.0, 0.0)``), then gᵀHg <= 0 (return ``(np.inf, np.inf)``).
    """
    ### BEGIN SOLUTION
    g = np.asarray(g, dtype=float)
    H = np.asarray(H, dtype=float)
    gg = float(g @ g)
    if gg == 0.0:
        return 0.0, 0.0
    gHg = float(g @ H @ g)
    if gHg <= 0.0:
        return float(np.inf), float(np.inf)
    eps = gg / gHg
    return eps, eps * gg - 0.5 * eps ** 2 * gHg
    ### END SOLUTION


def hessian_vector_product(grad_fn: Callable[[np.ndarray], np.ndarray], x: np.ndarray, v: np.ndarray,
                           r: float = 1e-5) -> np.ndarray:
    """H(x) v from two gradient evaluations, without forming H.

    Parameters
    ----------
    grad_fn : callable
        ``grad_fn(x) -> ndarray of shape (n,)``, the gradient of f.
    x : ndarray of shape (n,)
        The point.
    v : ndarray of shape (n,)
        The direction (any length, not normalized).
    r : float
        The step along v.

    Returns
    -------
    Hv : ndarray of shape (n,)
        (∇f(x + r v) − ∇f(x − r v)) / (2r).

    Notes
    -----
    Eq. 6.59 writes Hv as the gradient of the scalar (∇f)ᵀv, which back-propagation can
    compute exactly. The central difference of the gradient along v gives the same vector up
    to O(r²) with exactly two gradient evaluations, however large n is, while forming H takes
    n gradient evaluations and n² memory. It is exact (up to round-off) when f is quadratic.

    Hints
    -----
    Call ``grad_fn`` exactly twice, at x + r·v and at x − r·v (the grader records the calls).
    Do not normalize v.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=float)
    v = np.asarray(v, dtype=float)
    g_plus = np.asarray(grad_fn(x + r * v), dtype=float)
    g_minus = np.asarray(grad_fn(x - r * v), dtype=float)
    return (g_plus - g_minus) / (2 * r)
    ### END SOLUTION
