# Generated from solutions/ch07/l1_regularization.py by dlbook build. Edit that file instead.
"""7.1.2 L1 Regularization.

The L1 penalty Ω(w) = ‖w‖₁ = Σ_i |w_i| with weight α (eqs. 7.18-7.19) does not rescale
weights like L2: it adds α·sign(w), a term of constant size, to the gradient (eq. 7.20), and
at the optimum it sets every weight whose evidence is too weak exactly to zero. With a diagonal
Hessian the regularized optimum has a closed form, the soft threshold (eqs. 7.22-7.23); for a
general quadratic (the lasso) the proximal-gradient method (ISTA) alternates a gradient step
with that same soft threshold. L1-regularized MAP inference uses a Laplace prior (eq. 7.24).

Conventions: float64, elementwise where stated. The subgradient convention at 0 is sign(0) = 0
(``np.sign``, as PyTorch). ``soft_threshold(w, t)`` returns exactly 0 wherever |w| <= t. The
lasso objective is (1/2m)‖Xw − y‖² + α‖w‖₁ (scikit-learn's ``Lasso``), no intercept. No
function changes its inputs.
"""
from __future__ import annotations

import numpy as np


def soft_threshold(w: np.ndarray, thresh: float | np.ndarray) -> np.ndarray:
    """The soft-thresholding operator, elementwise.

    Parameters
    ----------
    w : ndarray of any shape
        The input.
    thresh : float or ndarray broadcastable to w's shape
        The threshold t >= 0: one for all entries, or one per entry (e.g. shape (n,) for w
        of shape (m, n)).

    Returns
    -------
    out : ndarray, same shape as w
        sign(w)·max(|w| − t, 0): entries with |w| <= t become exactly 0, the others move
        towards 0 by t.

    Notes
    -----
    This is the proximal operator of t‖·‖₁: for each entry it returns
    argmin_u ½(u − w)² + t|u|. Eq. 7.23 is this operator applied to w* with t = α/H_ii.

    Hints
    -----
    ``np.sign(w) * np.maximum(np.abs(w) - thresh, 0)`` handles both signs and broadcasting.
    Shrinking by t without clipping at 0 would push small weights past zero (a sign flip).
    """
    # TODO: implement soft_threshold (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.1.2 soft_threshold: not implemented yet")


def l1_quadratic_solution(w_star: np.ndarray, H_diag: np.ndarray, alpha: float) -> np.ndarray:
    """The L1-regularized optimum of a quadratic cost with a diagonal Hessian.

    Parameters
    ----------
    w_star : ndarray of shape (n,)
        The unregularized minimum w*.
    H_diag : ndarray of shape (n,)
        The diagonal of the Hessian at w*, every H_ii > 0.
    alpha : float
        The L1 coefficient α >= 0.

    Returns
    -------
    w : ndarray of shape (n,)
        w_i = sign(w_i*)·max{|w_i*| − α/H_ii, 0}.

    Notes
    -----
    Eq. 7.22: with a diagonal H, Ĵ(w) + α‖w‖₁ = J(w*) + Σ_i [½H_ii(w_i − w_i*)² + α|w_i|]
    separates into one problem per coordinate. Its minimizer is eq. 7.23. When
    |w_i*| <= α/H_ii the optimum is w_i = 0 exactly (the penalty overwhelms the data);
    otherwise w_i moves towards 0 by α/H_ii and keeps its sign. Unlike L2, the shift does
    not depend on the size of w_i*, and it never flips a sign.

    Hints
    -----
    The threshold of coordinate i is α/H_ii: divide by H_ii, do not multiply. This is
    ``soft_threshold(w_star, alpha / H_diag)``.
    """
    # TODO: implement l1_quadratic_solution (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.1.2 l1_quadratic_solution: not implemented yet")


def ista_lasso(X: np.ndarray, y: np.ndarray, alpha: float, steps: int = 5000) -> np.ndarray:
    """The lasso by proximal gradient descent (ISTA).

    Parameters
    ----------
    X : ndarray of shape (m, n)
        Inputs, one per row (not all zero).
    y : ndarray of shape (m,)
        Targets.
    alpha : float
        The L1 coefficient α >= 0.
    steps : int
        The number of iterations (>= 0).

    Returns
    -------
    w : ndarray of shape (n,)
        The weights after ``steps`` iterations from w = 0.

    Notes
    -----
    Minimizes (1/2m)‖Xw − y‖² + α‖w‖₁, the objective of scikit-learn's
    ``Lasso(alpha=α, fit_intercept=False)``. The smooth part has gradient Xᵀ(Xw − y)/m,
    which is Lipschitz with constant L = λ_max(XᵀX/m). Each iteration takes a gradient step
    of size 1/L and applies the prox of the L1 term, which is the soft threshold at α/L:

        w ← soft_threshold(w − (1/L)·Xᵀ(Xw − y)/m, α/L).

    When XᵀX/m = cI (orthogonal features), L = c and the fixed point is reached in one
    iteration from any w: eq. 7.23 with every H_ii = c and w* the least-squares solution.
    At the solution, |Xᵀ(y − Xw)/m|_j <= α where w_j = 0, and = α·sign(w_j) elsewhere.

    Hints
    -----
    Compute L once, exactly: ``np.linalg.eigvalsh(X.T @ X / m)[-1]`` (or the squared largest
    singular value of X, divided by m). The threshold is α/L, not α. Start from zeros.
    """
    # TODO: implement ista_lasso (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.1.2 ista_lasso: not implemented yet")


def laplace_log_prior(w: np.ndarray, alpha: float) -> float:
    """The log-density of independent Laplace(0, 1/α) priors on the weights.

    Parameters
    ----------
    w : ndarray of any shape
        The weights; n = w.size of them.
    alpha : float
        α > 0: the rate, i.e. the inverse of the Laplace scale b = 1/α.

    Returns
    -------
    log_p : float
        Σ_i log Laplace(w_i; 0, 1/α) = −α‖w‖₁ + n log α − n log 2.

    Notes
    -----
    Eq. 7.24. Laplace(x; μ, b) = (1/2b)·exp(−|x − μ|/b) (eq. 3.26); with b = 1/α the log
    density of one weight is log(α/2) − α|w_i|. Maximizing log p(y | X, w) + log p(w) is
    minimizing the cost plus α‖w‖₁: the terms n log α − n log 2 do not depend on w, so
    L1-regularized training is MAP inference with this prior.

    Hints
    -----
    The scale is 1/α, not α. n counts every entry of w (``w.size``), whatever its shape.
    """
    # TODO: implement laplace_log_prior (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.1.2 laplace_log_prior: not implemented yet")
