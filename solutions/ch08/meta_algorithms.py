"""8.7 Optimization Strategies and Meta-Algorithms.

Some techniques are not optimizers themselves but wrap or reshape the problem an optimizer
solves. Batch normalization (sec 8.7.1, eqs. 8.35-8.37) reparametrizes a layer so that each
unit's output is standardized over the minibatch; the gradient must flow through the minibatch
mean and standard deviation too, so that a step can no longer change them. Coordinate descent
(sec 8.7.2) minimizes exactly along one variable at a time. Polyak averaging (sec 8.7.3,
eq. 8.39) averages the points an optimizer visits. Continuation (sec 8.7.6, eq. 8.40) solves a
sequence of blurred, easier versions of the cost, each warm-started from the previous solution.
You write the batch-norm forward and backward passes, cyclic coordinate descent on a quadratic,
running and exponential Polyak averages, and the Gaussian-smoothed cost of continuation.

Conventions: float64, batch first. A batch-norm input ``H`` has shape (m, D): m examples
(rows), D units (columns); every statistic is per column, over axis 0. The standard deviation
uses the **biased** variance (divide by m, as eq. 8.37 and PyTorch's training-mode forward),
with δ inside the square root. A layer is ``forward(...) -> (out, cache)`` and
``backward(dout, cache) -> grads``; the cache is yours and opaque to the grader. Trajectories
are arrays of shape (T, d), one iterate per row. No function changes its inputs.
"""
from __future__ import annotations

from typing import Callable

import numpy as np


def batchnorm_forward(H: np.ndarray, gamma: np.ndarray, beta: np.ndarray, delta: float = 1e-5
                      ) -> tuple[np.ndarray, tuple]:
    """Batch normalization of a minibatch of activations (training mode).

    Parameters
    ----------
    H : ndarray of shape (m, D)
        A minibatch of activations of one layer, one example per row, m >= 1.
    gamma : ndarray of shape (D,)
        The learned scale γ of each unit.
    beta : ndarray of shape (D,)
        The learned shift β of each unit.
    delta : float
        The small constant δ >= 0 under the square root (eq. 8.37). Use δ > 0 when a column
        can be constant (for example when m = 1).

    Returns
    -------
    out : ndarray of shape (m, D)
        ``γ ⊙ H' + β`` with ``H' = (H − μ) / σ``, broadcast over the rows.
    cache : tuple
        Whatever ``batchnorm_backward`` needs (e.g. H', γ, σ). Opaque: never compared.

    Notes
    -----
    Eq. 8.35: H' = (H − μ) / σ, row by row. Eq. 8.36: μ = (1/m) Σ_i H_{i,:}. Eq. 8.37:
    σ = sqrt(δ + (1/m) Σ_i (H − μ)²_i), the biased (maximum likelihood) variance. The book then
    replaces H' by γH' + β so the layer keeps its expressive power: the mean of each unit is now
    set by β alone (sec 8.7.1). A single example (m = 1) gives H' = 0 and ``out = β``.

    Hints
    -----
    Reduce over axis 0 (the examples), not axis 1. Divide by m, not m − 1: ``np.var`` and
    ``np.std`` do so by default (``ddof=0``). δ goes under the square root,
    ``np.sqrt(var + delta)``, not after it.
    """
    ### BEGIN SOLUTION
    H = np.asarray(H, dtype=float)
    gamma = np.asarray(gamma, dtype=float)
    beta = np.asarray(beta, dtype=float)
    mu = H.mean(axis=0)
    centered = H - mu
    sigma = np.sqrt(delta + np.mean(centered ** 2, axis=0))
    H_hat = centered / sigma
    out = gamma * H_hat + beta
    return out, (H_hat, gamma, sigma)
    ### END SOLUTION


def batchnorm_backward(dout: np.ndarray, cache: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Back-propagation through ``batchnorm_forward``, through μ and σ as well.

    Parameters
    ----------
    dout : ndarray of shape (m, D)
        G = ∂L/∂out, the gradient of a scalar loss with respect to the output.
    cache : tuple
        The cache returned by your ``batchnorm_forward`` for the same minibatch.

    Returns
    -------
    dH : ndarray of shape (m, D)
        ∂L/∂H, including the paths through μ and σ, which depend on every row of H.
    dgamma : ndarray of shape (D,)
        ∂L/∂γ = Σ_i G_{i,:} ⊙ H'_{i,:}.
    dbeta : ndarray of shape (D,)
        ∂L/∂β = Σ_i G_{i,:}.

    Notes
    -----
    Sec. 8.7.1: "we back-propagate through these operations for computing the mean and the
    standard deviation, and for applying them to normalize H". That is the point of batch
    normalization: a gradient step can no longer change a unit's mean or standard deviation.
    With dH' = G ⊙ γ, per column,

        dH = (dH' − mean_i(dH') − H' ⊙ mean_i(dH' ⊙ H')) / σ.

    Consequently every column of dH sums to 0, and a G that only shifts a column (constant
    down the column) gives dH = 0.

    Hints
    -----
    ``dH'/σ`` alone is the gradient with μ and σ held fixed, which is what batch normalization
    is designed to avoid. The means are over the m rows (axis 0), with the same 1/m as the
    forward pass.
    """
    ### BEGIN SOLUTION
    H_hat, gamma, sigma = cache
    dout = np.asarray(dout, dtype=float)
    dbeta = dout.sum(axis=0)
    dgamma = np.sum(dout * H_hat, axis=0)
    dH_hat = dout * gamma
    dH = (dH_hat - dH_hat.mean(axis=0) - H_hat * np.mean(dH_hat * H_hat, axis=0)) / sigma
    return dH, dgamma, dbeta
    ### END SOLUTION


def coordinate_descent_quadratic(A: np.ndarray, b: np.ndarray, x0: np.ndarray, n_sweeps: int) -> np.ndarray:
    """Cyclic coordinate descent with exact line minimization on a quadratic.

    Parameters
    ----------
    A : ndarray of shape (d, d)
        Symmetric positive definite.
    b : ndarray of shape (d,)
        The linear term.
    x0 : ndarray of shape (d,)
        The starting point (integer arrays are treated as float64). Left unchanged.
    n_sweeps : int
        Number of full sweeps over the coordinates, >= 0.

    Returns
    -------
    xs : ndarray of shape (n_sweeps + 1, d)
        ``xs[0] = x0`` and ``xs[k]`` the iterate after sweep k.

    Notes
    -----
    Sec. 8.7.2: minimize f(x) = ½xᵀAx − bᵀx with respect to a single variable x_i, the others
    fixed, then move on to the next. Setting ∂f/∂x_i = 0 gives

        x_i ← (b_i − Σ_{j≠i} A_ij x_j) / A_ii,

    for i = 0, 1, ..., d − 1 in this order, each update using the newest values of the others
    (so a sweep is one Gauss-Seidel iteration). On the book's example
    f(x) = (x₁ − x₂)² + α(x₁² + x₂²), where the variables are strongly coupled when α is small,
    each sweep shrinks x₂ by 1/(1 + α)² only: coordinate descent is slow there.

    Hints
    -----
    Work on a float copy, ``x = np.array(x0, dtype=float)``, and update ``x[i]`` in place within
    the sweep; record a copy of x after each sweep. Using the old x for every coordinate of a
    sweep is the Jacobi method, which is a different (and here slower or divergent) algorithm.
    """
    ### BEGIN SOLUTION
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    x = np.array(x0, dtype=float)
    d = x.size
    xs = [x.copy()]
    for _ in range(int(n_sweeps)):
        for i in range(d):
            rest = A[i] @ x - A[i, i] * x[i]
            x[i] = (b[i] - rest) / A[i, i]
        xs.append(x.copy())
    return np.array(xs)
    ### END SOLUTION


def polyak_average(thetas: np.ndarray, alpha: float | None = None) -> np.ndarray:
    """Polyak averages of an optimization trajectory, after every iteration.

    Parameters
    ----------
    thetas : ndarray of shape (T, d)
        The points θ⁽¹⁾, ..., θ⁽ᵀ⁾ visited by an optimizer, one per row, T >= 1.
    alpha : float or None
        None for the arithmetic mean; a decay 0 <= α <= 1 for the exponentially decaying
        running average.

    Returns
    -------
    averages : ndarray of shape (T, d)
        Row t − 1 holds θ̂⁽ᵗ⁾:

        - ``alpha is None``: θ̂⁽ᵗ⁾ = (1/t) Σ_{i<=t} θ⁽ⁱ⁾, the mean of the first t rows;
        - otherwise θ̂⁽¹⁾ = θ⁽¹⁾ and θ̂⁽ᵗ⁾ = αθ̂⁽ᵗ⁻¹⁾ + (1 − α)θ⁽ᵗ⁾ (eq. 8.39).

    Notes
    -----
    Sec. 8.7.3: the average of the points visited can lie near the bottom of a valley that the
    iterates keep jumping across. For non-convex problems the path may visit very different
    regions, so the book uses the exponentially decaying running average of eq. 8.39, which
    forgets the distant past. Starting the average at the first iterate (not at 0) is what
    PyTorch's ``AveragedModel`` does too.

    Hints
    -----
    The arithmetic case is a cumulative sum divided by t = 1, 2, ..., T. Compare ``alpha`` with
    ``None`` (``if alpha is None``): α = 0 is a valid decay (the average is then the current
    point), and ``if not alpha`` would mistake it for the arithmetic mean.
    """
    ### BEGIN SOLUTION
    thetas = np.asarray(thetas, dtype=float)
    T = thetas.shape[0]
    if alpha is None:
        return np.cumsum(thetas, axis=0) / np.arange(1, T + 1)[:, None]
    out = np.empty_like(thetas)
    out[0] = thetas[0]
    for t in range(1, T):
        out[t] = alpha * out[t - 1] + (1.0 - alpha) * thetas[t]
    return out
    ### END SOLUTION


def gaussian_smoothed(J: Callable, theta: float, sigma: float, n_nodes: int = 40) -> float:
    """The Gaussian-blurred cost of continuation, by Gauss-Hermite quadrature (bonus).

    Parameters
    ----------
    J : callable
        The cost of a scalar parameter, ``J(float) -> float``. (The grader's J also accepts a
        1-D array and returns one value per entry, so you may call it once on all nodes.)
    theta : float
        The point θ.
    sigma : float
        The blur σ >= 0.
    n_nodes : int
        Number of quadrature nodes, >= 1.

    Returns
    -------
    value : float
        ``Σ_k w_k J(θ + σ x_k) / sqrt(2π)``, where ``x_k, w_k`` are the nodes and weights of
        ``np.polynomial.hermite_e.hermegauss(n_nodes)``. For σ = 0 this is J(θ).

    Notes
    -----
    Eq. 8.40: J⁽ⁱ⁾(θ) = E_{θ' ~ N(θ'; θ, σ⁽ⁱ⁾²)} J(θ'). Continuation methods (sec 8.7.6) minimize
    a series of such costs, from very blurred (large σ, nearly convex) to the original (σ = 0),
    each one warm-started at the previous solution. The probabilists' Gauss-Hermite rule
    integrates against e^(−x²/2), whose total mass is sqrt(2π); with n nodes it is exact for
    polynomial J of degree up to 2n − 1. For J(θ) = cos ωθ the blur gives e^(−ω²σ²/2) cos ωθ.

    Hints
    -----
    ``hermegauss`` (probabilists', weight e^(−x²/2)), not ``hermgauss`` (physicists', weight
    e^(−x²)): the nodes are scaled by σ, not σ² nor √2·σ. Divide by sqrt(2π) (the weights sum
    to it). Return a plain float.
    """
    ### BEGIN SOLUTION
    x, w = np.polynomial.hermite_e.hermegauss(int(n_nodes))
    values = np.array([float(J(theta + sigma * xk)) for xk in x])
    return float(w @ values / np.sqrt(2.0 * np.pi))
    ### END SOLUTION
