# (sample) bug: subtracts the max of the whole array, so rows far below it underflow to log 0
"""6.2 Likelihood-Based Loss Functions.

Most networks are trained by maximum likelihood: the cost is the negative log-likelihood
J(θ) = −E log p_model(y | x) (eq 6.12), and the output unit decides its form. A Gaussian output
gives the mean squared error (eq 6.13), a sigmoid unit gives the softplus loss ζ((1 − 2y)z)
(eq 6.26), a softmax unit gives z_y − log Σ_j exp z_j (eq 6.30), and a Gaussian mixture gives
the mixture density network's loss (eq 6.35). You write each of these from the logits, never
from probabilities, so that the log undoes the exp and nothing overflows or underflows.

Conventions: float64, batch first. Logits are ``Z`` of shape (m, k) (one row per example) or
``z`` of shape (m,) for a single sigmoid unit; integer class labels ``y`` of shape (m,). A loss
is the mean over the m examples, and its gradient is the gradient of that mean. Every function
must stay finite for logits as large as ±1e4. No function changes its inputs.
"""
from __future__ import annotations

import numpy as np


def log_softmax(Z: np.ndarray) -> np.ndarray:
    """Row-wise log-softmax of a batch of logits, computed stably.

    Parameters
    ----------
    Z : ndarray of shape (m, k)
        Unnormalized log-probabilities (logits), one row per example.

    Returns
    -------
    ndarray of shape (m, k)
        ``out[i, j] = Z[i, j] − log Σ_l exp Z[i, l]``; each row of ``exp(out)`` sums to 1.

    Notes
    -----
    Eq. 6.30: log softmax(z)_i = z_i − log Σ_j exp(z_j). Softmax is unchanged when the same
    constant is added to every logit (eq. 6.32), so subtracting the row's largest logit
    (eq. 6.33) changes nothing mathematically but keeps every exp in [0, 1]. The result must be
    finite for |Z| up to 1e4, e.g. on ``[[1e4, 0], [-1e4, 0]]``.

    Hints
    -----
    Subtract each row's own maximum (``axis=1, keepdims=True``), not the maximum of the whole
    array: rows can sit at very different scales.
    """
    ### BEGIN SOLUTION
    Z = np.asarray(Z, dtype=float)
    shifted = Z - Z.max()
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    ### END SOLUTION


def softmax_cross_entropy(Z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean negative log-likelihood of a softmax output unit, and its gradient.

    Parameters
    ----------
    Z : ndarray of shape (m, k)
        Logits, one row per example.
    y : ndarray of shape (m,)
        Integer class labels in ``0 .. k-1``.

    Returns
    -------
    J : float
        J = −(1/m) Σ_i log softmax(z⁽ⁱ⁾)_{y_i}.
    dZ : ndarray of shape (m, k)
        ∂J/∂Z = (softmax(Z) − onehot(y)) / m. Each row sums to 0.

    Notes
    -----
    Eq. 6.12 (the cost is the negative log-likelihood) with the softmax unit's log-probability,
    eq. 6.30. The first term of eq. 6.30, z_y, never saturates, so the gradient stays large
    whenever the answer is confidently wrong. Must be finite for |Z| up to 1e4.

    Hints
    -----
    Compute ``log_softmax(Z)`` once; J picks one entry per row (``logp[np.arange(m), y]``) and
    softmax(Z) is its exp. Do not take the log of a softmax that has already underflowed to 0.
    Divide the gradient by m: J is a mean.
    """
    ### BEGIN SOLUTION
    logp = log_softmax(Z)
    y = np.asarray(y).astype(int)
    m = logp.shape[0]
    rows = np.arange(m)
    J = float(-logp[rows, y].mean())
    dZ = np.exp(logp)
    dZ[rows, y] -= 1.0
    dZ /= m
    return J, dZ
    ### END SOLUTION


def sigmoid_bce_from_logits(z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean negative log-likelihood of a sigmoid (Bernoulli) output unit, and its gradient.

    Parameters
    ----------
    z : ndarray of shape (m,)
        Logits, P(y = 1 | x) = σ(z).
    y : ndarray of shape (m,)
        Targets in {0, 1} (int or float).

    Returns
    -------
    J : float
        J = (1/m) Σ_i ζ((1 − 2y_i) z_i), with ζ(a) = log(1 + exp a) the softplus.
    dz : ndarray of shape (m,)
        ∂J/∂z = (σ(z) − y) / m.

    Notes
    -----
    Eqs. 6.24-6.26: −log σ((2y − 1)z) = ζ((1 − 2y)z). Written as a softplus the loss saturates
    only when the answer is already right; for a confidently wrong logit it grows like |z| and
    its derivative tends to ±1. Must be finite for |z| up to 1e4: at z = 1000 with y = 0 the
    loss is 1000 (not inf).

    Hints
    -----
    ``np.logaddexp(0, a)`` computes ζ(a) without overflow. Never take ``np.log(sigmoid(z))``:
    σ(z) rounds to 0 or 1 for large |z|. A stable σ(z) is ``exp(−ζ(−z))``.
    """
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    m = z.shape[0]
    J = float(np.mean(np.logaddexp(0.0, (1.0 - 2.0 * y) * z)))
    sigma = np.exp(-np.logaddexp(0.0, -z))
    dz = (sigma - y) / m
    return J, dz
    ### END SOLUTION


def mdn_nll(y: np.ndarray, logit_pi: np.ndarray, mu: np.ndarray, log_sigma: np.ndarray) -> float:
    """Mean negative log-likelihood of a Gaussian mixture output (a mixture density network).

    Parameters
    ----------
    y : ndarray of shape (m,)
        Scalar targets.
    logit_pi : ndarray of shape (m, K)
        Logits of the mixing weights: p(c = i | x) = softmax(logit_pi)_i.
    mu : ndarray of shape (m, K)
        Component means.
    log_sigma : ndarray of shape (m, K)
        Log standard deviations of the components (σ = exp(log_sigma) > 0).

    Returns
    -------
    J : float
        J = −(1/m) Σ_i logsumexp_c [ log softmax(logit_pi_i)_c + log N(y_i; mu_ic, σ_ic²) ],
        where log N(y; μ, σ²) = −½ log(2π) − log σ − (y − μ)² / (2σ²).

    Notes
    -----
    Eq. 6.35, p(y | x) = Σ_c p(c | x) N(y; μ⁽ᶜ⁾(x), Σ⁽ᶜ⁾(x)), for scalar y. The mixing weights
    come from a softmax (eq. 6.29), the means are unconstrained and the network outputs log σ
    so that σ stays positive. K = 1 is heteroscedastic Gaussian regression (section 6.2.2.4);
    with K = 1 and σ = 1 the loss is ½·MSE + ½ log(2π), eq. 6.13. Must stay finite when a
    target is far from every component (each log-density is then a large negative number) and
    for mixing logits up to ±1e4.

    Hints
    -----
    Work in log space throughout: add the log mixing weights to the log densities and reduce
    each row with a stable log-sum-exp (subtract the row maximum, as in eq. 6.33). Summing
    densities first underflows to log(0).
    """
    ### BEGIN SOLUTION
    y = np.asarray(y, dtype=float)
    mu = np.asarray(mu, dtype=float)
    log_sigma = np.asarray(log_sigma, dtype=float)
    log_pi = log_softmax(logit_pi)
    resid = (y[:, None] - mu) * np.exp(-log_sigma)
    log_normal = -0.5 * np.log(2.0 * np.pi) - log_sigma - 0.5 * resid ** 2
    a = log_pi + log_normal
    a_max = a.max(axis=1, keepdims=True)
    log_lik = a_max[:, 0] + np.log(np.exp(a - a_max).sum(axis=1))
    return float(-log_lik.mean())
    ### END SOLUTION
