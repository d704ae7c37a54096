# Generated from solutions/ch07/under_constrained.py by dlbook build. Edit that file instead.
"""7.3 Regularization and Under-Constrained Problems.

Some problems have no unique answer without regularization. Linear regression and PCA need
(XᵀX)⁻¹, which does not exist when the data have no variance along some direction, for example
when there are fewer examples than features (m < n). Logistic regression on linearly separable
data has no finite maximum-likelihood solution: if w separates the classes, so does 2w, with a
higher likelihood, so gradient descent grows ‖w‖ without bound. Weight decay fixes both: XᵀX + αI
is invertible for every α > 0, and the penalized logistic loss has a finite minimizer. As α → 0,
(XᵀX + αI)⁻¹Xᵀ tends to the Moore-Penrose pseudo-inverse X⁺ (eq. 7.29), and X⁺y is the
minimum-norm least-squares solution. You compute X⁺ from the SVD, the ridge matrices along a path
of α, the minimum-norm solution, and the weight norms of logistic regression trained by gradient
descent with and without weight decay.

Conventions: float64, batch first: ``X`` has shape (m, n), one example per row. Logistic
labels are 0 or 1 and the model has no bias. No function changes its inputs.
"""
from __future__ import annotations

import numpy as np


def pinv_svd(X: np.ndarray, rcond: float = 1e-15) -> np.ndarray:
    """Moore-Penrose pseudo-inverse from the singular value decomposition.

    Parameters
    ----------
    X : ndarray of shape (m, n)
        Any shape and rank. Left unchanged.
    rcond : float
        Relative cutoff: singular values σ_i ≤ rcond·σ_max are treated as 0.

    Returns
    -------
    X_pinv : ndarray of shape (n, m)
        X⁺ = V Σ⁺ Uᵀ, where X = UΣVᵀ and Σ⁺ holds 1/σ_i for the kept σ_i and 0 elsewhere.
        The zero matrix gives the zero matrix.

    Notes
    -----
    Eq. 7.29 defines X⁺ as lim_{α↘0} (XᵀX + αI)⁻¹Xᵀ; sec. 2.9 computes it from the SVD as
    VD⁺Uᵀ. X⁺ satisfies the four Penrose conditions XX⁺X = X, X⁺XX⁺ = X⁺, (XX⁺)ᵀ = XX⁺ and
    (X⁺X)ᵀ = X⁺X.

    Hints
    -----
    Use ``np.linalg.svd(X, full_matrices=False)``; the cutoff is relative to the largest
    singular value, and a σ_i equal to the cutoff counts as 0 (the test is ``σ_i > rcond·σ_max``
    to keep it, as in ``np.linalg.pinv``). Never divide by a singular value you drop.
    """
    # TODO: implement pinv_svd (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.3 pinv_svd: not implemented yet")


def ridge_pinv_path(X: np.ndarray, alphas: np.ndarray) -> np.ndarray:
    """The regularized pseudo-inverses (XᵀX + αI)⁻¹Xᵀ for a sequence of α.

    Parameters
    ----------
    X : ndarray of shape (m, n)
        Any shape; may be rank-deficient. Left unchanged.
    alphas : ndarray of shape (A,)
        Weight-decay coefficients, α > 0 (α = 0 is allowed when XᵀX is invertible).

    Returns
    -------
    P : ndarray of shape (A, n, m)
        ``P[i] = (XᵀX + alphas[i]·I)⁻¹Xᵀ`` with I the n×n identity. ``P[i] @ y`` is the ridge
        solution for targets y.

    Notes
    -----
    The matrix inside the limit of eq. 7.29. For α > 0, XᵀX + αI is positive definite, so the
    regularized problem has a unique solution even when XᵀX is singular. As α ↘ 0, P(α) → X⁺.

    Hints
    -----
    Solve with ``np.linalg.solve(XᵀX + α·np.eye(n), Xᵀ)`` rather than forming an inverse. The
    α goes on the diagonal only (α·I), not on every entry.
    """
    # TODO: implement ridge_pinv_path (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.3 ridge_pinv_path: not implemented yet")


def min_norm_least_squares(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The minimum-norm least-squares solution w = X⁺y.

    Parameters
    ----------
    X : ndarray of shape (m, n)
        Tall, wide or rank-deficient. Left unchanged.
    y : ndarray of shape (m,)

    Returns
    -------
    w : ndarray of shape (n,)
        Among all minimizers of ‖Xw − y‖² (infinitely many when rank(X) < n), the one with the
        smallest ‖w‖₂.

    Notes
    -----
    Sec. 7.3 and eq. 7.29: w = X⁺y is the limit of the ridge solutions (XᵀX + αI)⁻¹Xᵀy as
    α ↘ 0. It lies in the row space of X; adding any null-space vector of X keeps the residual and
    increases the norm.

    Hints
    -----
    Use a pseudo-inverse (``pinv_svd``) or ``np.linalg.lstsq(X, y, rcond=None)``, which returns
    the minimum-norm solution. Singular values ≤ max(m, n)·ε·σ_max count as 0 here (lstsq's
    default); the tests use matrices whose rank is clear, so ``pinv_svd``'s default works too.
    Do not solve the normal equations XᵀXw = Xᵀy: XᵀX is singular exactly when the minimum-norm
    choice matters.
    """
    # TODO: implement min_norm_least_squares (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.3 min_norm_least_squares: not implemented yet")


def logistic_weight_norms(X: np.ndarray, y: np.ndarray, lr: float, steps: int, alpha: float = 0.0
                          ) -> np.ndarray:
    """Weight norms of logistic regression trained by full-batch gradient descent.

    Parameters
    ----------
    X : ndarray of shape (m, n)
        Inputs (no bias column is added; the model is p(y = 1 | x) = σ(xᵀw)). Left unchanged.
    y : ndarray of shape (m,)
        Labels, 0 or 1.
    lr : float
        Learning rate.
    steps : int
        Number of gradient steps, ≥ 1.
    alpha : float
        Weight decay α ≥ 0.

    Returns
    -------
    norms : ndarray of shape (steps,)
        ``norms[t-1] = ‖w_t‖₂`` after update t = 1, ..., steps (the initial w_0 = 0 is not
        included).

    Notes
    -----
    The objective is the mean negative log-likelihood plus weight decay,
    J(w) = (1/m) Σ_i [softplus(xᵢᵀw) − yᵢ·xᵢᵀw] + ½α‖w‖², with gradient
    ∇J = Xᵀ(σ(Xw) − y)/m + αw, and each step is w ← w − lr·∇J from w = 0. On linearly
    separable data with α = 0 the loss keeps decreasing as ‖w‖ grows, so ‖w_t‖ increases without
    bound (roughly like log t): the under-determined problem of sec. 7.3. With α > 0 the norm
    converges.

    Hints
    -----
    Mean, not sum, over the examples; the penalty ½α‖w‖² contributes αw. Compute σ stably, e.g.
    ``0.5 * (1 + np.tanh(z / 2))``: z = xᵀw grows large on separable data.
    """
    # TODO: implement logistic_weight_norms (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.3 logistic_weight_norms: not implemented yet")
