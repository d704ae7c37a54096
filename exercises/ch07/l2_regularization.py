# Generated from solutions/ch07/l2_regularization.py by dlbook build. Edit that file instead.
"""7.1.1 L2 Regularization (weight decay).

Adding the penalty Ω(w) = ½‖w‖² with weight α to a cost (eqs. 7.1-7.3) turns every gradient
step into "shrink w, then step" (eqs. 7.4-7.5). Near the optimum w* of the unregularized cost,
with Hessian H = QΛQᵀ, the regularized optimum rescales w* along each eigenvector of H by
λ_i/(λ_i + α) (eqs. 7.6-7.13): directions of high curvature keep their weights, directions
that barely change the cost are shrunk towards 0. For linear regression this is ridge
regression, w = (XᵀX + αI)⁻¹Xᵀy (eq. 7.17). You implement the closed form, the eigen-direction
shrinkage, the weight-decay step and gradient descent with it.

Conventions: float64. The ridge objective is ½‖Xw − y‖² + ½α‖w‖² (this spec's choice, so
that its minimizer is exactly eq. 7.17; scikit-learn's ``Ridge(alpha=α, fit_intercept=False)``
minimizes ‖Xw − y‖² + α‖w‖², which has the same minimizer). No intercept. Eigenvalues come
in ascending order, and each eigenvector (a column of Q) is scaled so that its
largest-magnitude entry is positive. No function changes its inputs.
"""
from __future__ import annotations

import numpy as np


def ridge_closed_form(X: np.ndarray, y: np.ndarray, alpha: float) -> np.ndarray:
    """The minimizer of ½‖Xw − y‖² + ½α‖w‖² (ridge regression without intercept).

    Parameters
    ----------
    X : ndarray of shape (m, n)
        Inputs, one per row (m may be smaller than n when alpha > 0).
    y : ndarray of shape (m,)
        Targets.
    alpha : float
        The weight-decay coefficient α >= 0. With α = 0, X must have full column rank.

    Returns
    -------
    w : ndarray of shape (n,)
        w = (XᵀX + αI)⁻¹ Xᵀy.

    Notes
    -----
    Eq. 7.17. Setting the gradient Xᵀ(Xw − y) + αw of the objective to zero gives the
    linear system (XᵀX + αI) w = Xᵀy. Compared with ordinary least squares (eq. 7.16), α is
    added to the diagonal of XᵀX, which is proportional to the covariance of the inputs: the
    algorithm "perceives" the inputs as having higher variance, and shrinks the weights of
    features whose covariance with the targets is low compared to this added variance.

    Hints
    -----
    Solve the n×n system with ``np.linalg.solve``; do not form the inverse. αI is
    ``alpha * np.eye(n)``, not ``+ alpha`` (which adds α to every entry).
    """
    # TODO: implement ridge_closed_form (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.1.1 ridge_closed_form: not implemented yet")


def l2_regularized_optimum(H: np.ndarray, w_star: np.ndarray, alpha: float
                           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The L2-regularized optimum of the quadratic approximation, in the eigenbasis of H.

    Parameters
    ----------
    H : ndarray of shape (n, n)
        Symmetric positive definite: the Hessian of J at its minimum w*.
    w_star : ndarray of shape (n,)
        The unregularized minimum w*.
    alpha : float
        The weight-decay coefficient α >= 0.

    Returns
    -------
    w_tilde : ndarray of shape (n,)
        The minimizer w̃ of Ĵ(w) + ½α‖w‖², with Ĵ(w) = J(w*) + ½(w − w*)ᵀH(w − w*).
    factors : ndarray of shape (n,)
        The shrinkage factor λ_i/(λ_i + α) along each eigenvector, for the eigenvalues λ_i
        in ascending order.
    Q : ndarray of shape (n, n)
        The orthonormal eigenvectors of H as columns, H = Q diag(λ) Qᵀ, each column's
        largest-magnitude entry positive.

    Notes
    -----
    Eqs. 7.6-7.13: the gradient of Ĵ(w) + ½α‖w‖² is H(w − w*) + αw, so w̃ = (H + αI)⁻¹Hw*
    (eq. 7.10). With H = QΛQᵀ this is w̃ = Q(Λ + αI)⁻¹ΛQᵀw* (eq. 7.13): the component of w*
    along the i-th eigenvector is multiplied by λ_i/(λ_i + α). Where λ_i >> α it is barely
    changed; where λ_i << α it is shrunk to nearly 0.

    Hints
    -----
    ``np.linalg.eigh`` gives ascending λ and the eigenvectors as columns; flip the sign of
    each column whose largest-magnitude entry is negative. Then
    w̃ = Q @ (factors * (Qᵀ @ w*)): rotate into the eigenbasis, scale, rotate back.
    """
    # TODO: implement l2_regularized_optimum (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.1.1 l2_regularized_optimum: not implemented yet")


def weight_decay_sgd_step(w: np.ndarray, grad_J: np.ndarray, lr: float, alpha: float) -> np.ndarray:
    """One gradient step on J̃(w) = J(w) + ½α‖w‖² (weight decay).

    Parameters
    ----------
    w : ndarray of any shape
        The weights. Left unchanged.
    grad_J : ndarray, same shape as w
        The gradient of the unregularized cost J at w.
    lr : float
        The learning rate ε.
    alpha : float
        The weight-decay coefficient α.

    Returns
    -------
    w_new : ndarray, same shape as w
        (1 − εα)·w − ε·grad_J, a new array.

    Notes
    -----
    Eq. 7.5 (which is eq. 7.4, w ← w − ε(αw + ∇J), rearranged): before the usual gradient
    step, every weight is multiplied by the constant factor 1 − εα. PyTorch's
    ``torch.optim.SGD(..., weight_decay=alpha)`` takes exactly this step.

    Hints
    -----
    ``grad_J`` is the gradient of J only; the step adds the decay itself. Return a new
    array: ``w *= ...`` or ``w -= ...`` would change the caller's weights.
    """
    # TODO: implement weight_decay_sgd_step (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.1.1 weight_decay_sgd_step: not implemented yet")


def ridge_by_gradient_descent(X: np.ndarray, y: np.ndarray, alpha: float, lr: float, steps: int
                              ) -> tuple[np.ndarray, np.ndarray]:
    """Full-batch gradient descent with weight decay on ½‖Xw − y‖² + ½α‖w‖², from w = 0.

    Parameters
    ----------
    X : ndarray of shape (m, n)
        Inputs, one per row.
    y : ndarray of shape (m,)
        Targets.
    alpha : float
        The weight-decay coefficient α >= 0.
    lr : float
        The learning rate ε. GD converges when ε < 2/λ_max(XᵀX + αI).
    steps : int
        The number of updates (>= 0).

    Returns
    -------
    w : ndarray of shape (n,)
        The weights after ``steps`` updates (zeros when steps = 0).
    losses : ndarray of shape (steps,)
        ``losses[t]`` is the objective ½‖Xw − y‖² + ½α‖w‖² at the weights *before* update t,
        so ``losses[0] = ½‖y‖²``.

    Notes
    -----
    Each update is eq. 7.5 with J(w) = ½‖Xw − y‖², whose gradient is Xᵀ(Xw − y). The
    iterates converge to the closed form of eq. 7.17 (``ridge_closed_form``), and the
    objective decreases at every step when ε <= 1/λ_max(XᵀX + αI).

    Hints
    -----
    Use ``weight_decay_sgd_step`` and pass it the gradient of the data term only (it adds αw
    itself). The gradient is a sum over the examples, not a mean.
    """
    # TODO: implement ridge_by_gradient_descent (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.1.1 ridge_by_gradient_descent: not implemented yet")
