# Generated from solutions/ch07/semi_supervised.py by dlbook build. Edit that file instead.
"""7.6 Semi-Supervised Learning.

Unlabeled examples from P(x) can help to learn P(y | x) when the two share parameters
(§7.6): here a generative model, a mixture of Gaussians with one component per class, gives both
P(x) (the mixture, eq. 3.29) and P(y | x) (Bayes' rule on it). Expectation-maximization fits it
to labeled and unlabeled data together, with a weight ``lam`` that trades the two criteria off.
The second half is graph-based: labels spread from the labeled points to their neighbours along a
similarity graph (the harmonic solution of Zhu, Ghahramani and Lafferty, 2003), which works when
classes form clusters or manifolds, the assumption §7.6 names.

Conventions: float64, batch first. Inputs ``X`` have shape (N, d); class labels are integers in
``0 .. C-1``; one-hot label matrices have shape (L, C). Every component of the mixture has the
same isotropic covariance σ²I. Log-densities are computed in log space (log-sum-exp), so points
far from every mean stay finite. No function changes its inputs.
"""
from __future__ import annotations

import numpy as np


def gmm_log_likelihood(X: np.ndarray, pis: np.ndarray, mus: np.ndarray, sigma2: float) -> np.ndarray:
    """Per-example log-density of a Gaussian mixture with a shared isotropic variance.

    Parameters
    ----------
    X : ndarray of shape (N, d)
        Points, one per row.
    pis : ndarray of shape (C,)
        Mixing weights P(c), non-negative, summing to 1. A weight of 0 removes its component.
    mus : ndarray of shape (C, d)
        Component means, one per row.
    sigma2 : float
        The variance σ² > 0 shared by every component and every coordinate.

    Returns
    -------
    ndarray of shape (N,)
        ``log p(x_i) = logsumexp_c [log π_c + log N(x_i; μ_c, σ²I)]``.

    Notes
    -----
    The mixture of §3.9.6 (eq. 3.29) with Gaussian components (eq. 3.23, Σ = σ²I):
    log N(x; μ, σ²I) = −(d/2) log(2πσ²) − ‖x − μ‖² / (2σ²). The result must be finite even for
    points 1e3·σ away from every mean, where every density underflows to 0.

    Hints
    -----
    Work with the (N, C) matrix of log-terms and take a row-wise log-sum-exp: subtract each row's
    maximum before ``np.exp``. The normalizer has d/2, not 1/2: σ²I has d eigenvalues σ².
    """
    # TODO: implement gmm_log_likelihood (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.6 gmm_log_likelihood: not implemented yet")


def semi_supervised_em(X_lab: np.ndarray, y_lab: np.ndarray, X_unlab: np.ndarray, n_classes: int,
                       n_iter: int, lam: float = 1.0) -> tuple[np.ndarray, np.ndarray, float, np.ndarray]:
    """Fit a class-conditional Gaussian mixture to labeled and unlabeled data by EM.

    Parameters
    ----------
    X_lab : ndarray of shape (L, d)
        Labeled points.
    y_lab : ndarray of shape (L,)
        Their integer classes in ``0 .. n_classes-1``; every class has at least two labeled
        examples.
    X_unlab : ndarray of shape (U, d)
        Unlabeled points; U may be 0.
    n_classes : int
        Number of classes C, one mixture component each.
    n_iter : int
        Number of EM iterations (each an E-step followed by an M-step); 0 returns the start.
    lam : float
        Weight λ ≥ 0 of the unlabeled term.

    Returns
    -------
    pis : ndarray of shape (C,)
        Class priors P(y = c).
    mus : ndarray of shape (C, d)
        Class means.
    sigma2 : float
        Shared variance σ².
    history : ndarray of shape (n_iter + 1,)
        ``history[0]`` is the objective at the start, ``history[t]`` after iteration t.

    Notes
    -----
    §7.6: P(x) and P(y | x) share their parameters θ = (π, μ, σ²). EM maximizes

        Σ_labeled log p(x_i, y_i) + λ · Σ_unlabeled log p(x_j),

    with log p(x, y=c) = log π_c + log N(x; μ_c, σ²I) and log p(x) the mixture of eq. 3.29.
    The start is the supervised maximum-likelihood estimate (the M-step below on the labeled
    points alone). E-step: labeled responsibilities are clamped one-hot to the label; unlabeled
    ones are r_jc = P(y = c | x_j) by Bayes' rule. M-step (weighted MLE, weight 1 per labeled
    and λ per unlabeled point, total weight W = L + λU): N_c = Σ_i w_i r_ic, π_c = N_c / W,
    μ_c = Σ_i w_i r_ic x_i / N_c, σ² = Σ_i w_i Σ_c r_ic ‖x_i − μ_c‖² / (d·W) with the *new* μ.
    The objective never decreases (up to rounding). With λ = 0 or U = 0 the start is already
    the maximum, so nothing moves.

    Hints
    -----
    Compute unlabeled responsibilities as a row-wise softmax of the (U, C) log-joint matrix
    (subtract the row maximum), not as ratios of densities that can underflow to 0/0. σ² is per
    coordinate: divide by d as well as by the total weight.
    """
    # TODO: implement semi_supervised_em (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.6 semi_supervised_em: not implemented yet")


def harmonic_label_propagation(X: np.ndarray, Y_lab: np.ndarray, labeled: np.ndarray,
                               sigma: float) -> np.ndarray:
    """Spread labels over a Gaussian similarity graph: the harmonic solution.

    Parameters
    ----------
    X : ndarray of shape (N, d)
        All points, labeled and unlabeled, in any order.
    Y_lab : ndarray of shape (L, C)
        One-hot labels of the labeled points, in the order they appear in X
        (row k belongs to the k-th True entry of ``labeled``).
    labeled : ndarray of bool, shape (N,)
        Which points are labeled; L = labeled.sum() ≥ 1.
    sigma : float
        Width σ of the Gaussian similarity.

    Returns
    -------
    F : ndarray of shape (N, C)
        Class distributions: F[labeled] = Y_lab and, for the unlabeled points,
        F_U = (I − P_UU)⁻¹ P_UL Y_lab. Every row sums to 1.

    Notes
    -----
    Graph-based semi-supervised learning (§7.6: labels follow the structure of P(x); Zhu,
    Ghahramani and Lafferty, 2003). Weights W_ij = exp(−‖x_i − x_j‖² / (2σ²)) with W_ii = 0,
    degrees D = diag(Σ_j W_ij), transition matrix P = D⁻¹W (rows sum to 1). F_U is the fixed
    point of "F ← PF, then reset F_L = Y_lab": every unlabeled point's distribution is the
    W-weighted average of its neighbours' (a harmonic function). On a chain labeled only at its
    ends this is linear interpolation.

    Hints
    -----
    Index with the boolean mask (``P[np.ix_(u, l)]``): labeled points need not come first.
    Solve the linear system with ``np.linalg.solve`` instead of inverting. Squared distances,
    divided by 2σ².
    """
    # TODO: implement harmonic_label_propagation (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.6 harmonic_label_propagation: not implemented yet")
