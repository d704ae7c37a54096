# Generated from solutions/ch08/optimization_challenges.py by dlbook build. Edit that file instead.
"""8.2 Challenges in Deep Learning Optimization.

Even with the exact gradient, a step of gradient descent can fail. A second-order Taylor
expansion predicts what a step −εg adds to the cost, ½ε²gᵀHg − εgᵀg (eq. 8.10): when the
curvature term wins, even small steps increase the cost (ill-conditioning, sec 8.2.1). The
Hessian at a critical point tells a minimum from a maximum or a saddle point, and in high
dimension saddles dominate (sec 8.2.3). Multiplying many weights creates cliffs, where the
gradient explodes and one step catapults the parameters far away (sec 8.2.4, Fig. 8.3); gradient
norm clipping (eqs. 10.48-10.49) keeps the direction but caps the step. You write the Taylor
analysis of a step, the classification of a critical point, global norm clipping, and the loss
and exact gradient of a deep scalar product chain.

Conventions: float64. ``g`` has shape (d,) and ``H`` shape (d, d), symmetric. Gradients to clip
come as a list of arrays of any shapes (one per parameter tensor). Return plain Python floats
for scalars, and new arrays: no function changes its inputs.
"""
from __future__ import annotations

import numpy as np


def taylor_step_analysis(g: np.ndarray, H: np.ndarray, eps: float) -> dict:
    """Second-order analysis of the gradient step −eps·g.

    Parameters
    ----------
    g : ndarray of shape (d,)
        The gradient at the current point.
    H : ndarray of shape (d, d)
        The Hessian at the current point, symmetric (any signs of eigenvalues).
    eps : float
        The learning rate ε > 0.

    Returns
    -------
    dict with float values
        ``'predicted_change'``: ½ε²gᵀHg − εgᵀg, the change of the cost predicted by the
        second-order Taylor model.
        ``'eps_opt'``: gᵀg / gᵀHg, the ε that minimizes the predicted change; ``np.inf``
        if gᵀHg <= 0.
        ``'eps_max'``: 2gᵀg / gᵀHg, the largest ε whose predicted change is not positive;
        ``np.inf`` if gᵀHg <= 0.
        ``'condition_number'``: max|λ| / min|λ| over the eigenvalues λ of H; ``np.inf`` if the
        smallest |λ| is 0.

    Notes
    -----
    Eq. 8.10 (from eq. 4.9): a step −εg adds ½ε²gᵀHg − εgᵀg to the cost. Ill-conditioning
    is a problem when ½ε²gᵀHg exceeds εgᵀg, i.e. when ε > eps_max. The predicted change is a
    parabola in ε with roots 0 and eps_max and its minimum at eps_opt = eps_max / 2 (eq. 4.10).
    When gᵀHg <= 0 the model decreases along −g without end, so both are infinite; this
    includes g = 0, where every ε predicts no change. The condition number (eq. 4.2) measures
    how different the curvatures in different directions are; it uses magnitudes, so an
    indefinite H has a positive condition number.

    Hints
    -----
    Test ``gᵀHg <= 0`` (not ``== 0``) before dividing. H is symmetric: ``np.linalg.eigvalsh``
    gives its eigenvalues; take their absolute values before max and min.
    """
    # TODO: implement taylor_step_analysis (the docstring's Notes and Hints say how).
    raise NotImplementedError("8.2 taylor_step_analysis: not implemented yet")


def classify_critical_point(H: np.ndarray, tol: float = 1e-8) -> tuple[str, float]:
    """Classify a critical point from the eigenvalues of its Hessian.

    Parameters
    ----------
    H : ndarray of shape (d, d)
        The Hessian at a point where the gradient is zero, symmetric.
    tol : float
        Eigenvalues with |λ| <= tol count as zero.

    Returns
    -------
    kind : str
        ``'minimum'`` if every λ > tol; ``'maximum'`` if every λ < −tol; ``'saddle'`` if some
        λ > tol and some λ < −tol (zero eigenvalues beside them do not matter); otherwise
        ``'degenerate'`` (the test is inconclusive).
    index : float
        The fraction of eigenvalues below −tol, in [0, 1]: 0 at a minimum, 1 at a maximum.

    Notes
    -----
    Sec. 8.2.3 (the second-derivative test of sec. 4.3.1): at a saddle point "the Hessian
    matrix has both positive and negative eigenvalues"; it is a minimum along one
    cross-section and a maximum along another. If the sign of each of the d eigenvalues were a
    fair coin, a critical point would be a minimum with probability 2⁻ᵈ: in high dimension
    saddles dominate. The index is the fraction of downhill directions.

    Hints
    -----
    Decide 'saddle' before 'degenerate': eigenvalues (1, 0, −1) make a saddle, not a degenerate
    point. The comparisons are strict (λ > tol, λ < −tol), so λ = tol counts as zero. Count the
    index with the same −tol threshold, as a fraction of d, not a count.
    """
    # TODO: implement classify_critical_point (the docstring's Notes and Hints say how).
    raise NotImplementedError("8.2 classify_critical_point: not implemented yet")


def clip_grad_norm(grads: list[np.ndarray], threshold: float) -> tuple[list[np.ndarray], float]:
    """Global gradient-norm clipping over a list of gradient arrays.

    Parameters
    ----------
    grads : list of ndarray
        Gradients of the parameter tensors, any shapes (e.g. a matrix, a vector, a scalar).
    threshold : float
        The largest allowed norm v >= 0.

    Returns
    -------
    clipped : list of ndarray
        New arrays, same shapes and order. If ‖g‖ > v, every array is multiplied by the same
        factor v / ‖g‖ (so the clipped norm is v); otherwise they are copies of the inputs.
    norm : float
        ‖g‖ = sqrt(Σ over all arrays of Σ g²), the norm before clipping.

    Notes
    -----
    Eqs. 10.48-10.49: if ‖g‖ > v then g ← g v / ‖g‖, with g the gradient of all parameters
    together. Sec. 8.2.4 uses it against cliffs: the gradient gives the best direction only in
    an infinitesimal region, so clipping keeps the direction and caps the step. All-zero
    gradients have norm 0 and come back unchanged (also for v = 0).

    Hints
    -----
    One norm over all arrays together, not one per array (that would change the direction),
    and not an elementwise clip of the values. Scale by exactly v / ‖g‖ (no epsilon added), and
    write the results to new arrays: ``g * scale``, never ``g *= scale``.
    """
    # TODO: implement clip_grad_norm (the docstring's Notes and Hints say how).
    raise NotImplementedError("8.2 clip_grad_norm: not implemented yet")


def product_chain_loss_and_grad(w: np.ndarray, x: float, y: float) -> tuple[float, np.ndarray]:
    """Squared error of a deep scalar linear chain ŷ = x·w₁·w₂·…·w_L, and its exact gradient.

    Parameters
    ----------
    w : ndarray of shape (L,)
        The L >= 1 scalar weights of the chain, one per layer.
    x : float
        The input.
    y : float
        The target.

    Returns
    -------
    loss : float
        ½(ŷ − y)² with ŷ = x ∏_l w_l.
    grad : ndarray of shape (L,)
        ∂loss/∂w_l = (ŷ − y) · x · ∏_{k≠l} w_k.

    Notes
    -----
    A one-unit-per-layer linear network: the output is a product of many weights, the source
    of cliffs and exploding gradients (sec. 8.2.4, Fig. 8.3; compare the repeated
    multiplication of eq. 8.11). With all w_l = 1.5 and L = 40 the product is about 1e7, and so
    is every partial derivative: a single gradient step jumps off the cliff.

    Hints
    -----
    Do not compute ∏_{k≠l} w_k as ∏_k w_k / w_l: that is 0/0 when w_l = 0. Multiply the
    product of the weights before l (a prefix product) by the product of those after l (a
    suffix product); ``np.cumprod`` gives both. The gradient must be exact with one zero weight
    (only that weight has a nonzero derivative) and with two (every derivative is 0).
    """
    # TODO: implement product_chain_loss_and_grad (the docstring's Notes and Hints say how).
    raise NotImplementedError("8.2 product_chain_loss_and_grad: not implemented yet")
