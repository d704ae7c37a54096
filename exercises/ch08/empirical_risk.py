# Generated from solutions/ch08/empirical_risk.py by dlbook build. Edit that file instead.
"""8.1 How Learning Differs from Pure Optimization.

Training does not minimize the cost we care about, the risk J*(θ) under the data-generating
distribution (eq. 8.2), but the empirical risk, the mean loss over the m training examples
(eq. 8.3). Its gradient is itself a mean over examples (eq. 8.6), so it can be estimated from
a small random minibatch (eq. 8.9). The estimate is unbiased, and its standard error falls only
like σ/√m (sec 8.1.3): 100 times more examples buy a 10 times more accurate gradient. You cut
an epoch into shuffled minibatches, compute the empirical risk of logistic regression and its
minibatch gradient, and compute the standard error of that gradient estimate.

Conventions: float64, batch first. ``X`` has shape (n, d) (one row per example), labels ``y``
have shape (n,) with values in {0, 1}, parameters ``theta`` have shape (d,). A minibatch is an
integer index array into the rows. Randomness comes only from the ``rng`` argument, with the
exact calls stated in the docstring; never the global ``np.random``. No function changes its
inputs.
"""
from __future__ import annotations

import numpy as np


def shuffled_minibatches(n_examples: int, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """One epoch of minibatch indices: shuffle once, then cut into consecutive chunks.

    Parameters
    ----------
    n_examples : int
        Number of training examples n >= 1.
    batch_size : int
        Minibatch size b >= 1 (may exceed n).
    rng : numpy.random.Generator
        The only source of randomness; used exactly once.

    Returns
    -------
    list of ndarray of int
        Consecutive chunks of one permutation of ``0 .. n-1``: ``n // b`` chunks of size b,
        then one chunk of the ``n % b`` remaining indices if that is not zero. The last chunk
        may be smaller; it is never dropped, and there is never an empty chunk.

    Notes
    -----
    Sec. 8.1.3: minibatches must be random, because examples stored next to each other are
    often correlated, but "it is usually sufficient to shuffle the order of the dataset once
    and then store it in shuffled fashion" and take consecutive minibatches from it. Every
    example is used exactly once per epoch.

    Hints
    -----
    Call ``rng.permutation(n_examples)`` exactly once and make no other draw: the grader gives
    you a seeded generator, compares the exact indices, and calls you several times on the same
    generator. The sizes are ``[b] * (n // b)`` plus ``[n % b]`` when it is not 0, so
    ``np.array_split`` into a number of sections is not the same thing.
    """
    # TODO: implement shuffled_minibatches (the docstring's Notes and Hints say how).
    raise NotImplementedError("8.1 shuffled_minibatches: not implemented yet")


def logistic_empirical_risk_and_grad(theta: np.ndarray, X: np.ndarray, y: np.ndarray,
                                     idx: np.ndarray | None = None) -> tuple[float, np.ndarray]:
    """Empirical risk of logistic regression on a minibatch, and the gradient estimate ĝ.

    Parameters
    ----------
    theta : ndarray of shape (d,)
        Parameters; P(y = 1 | x) = σ(xᵀθ).
    X : ndarray of shape (n, d)
        All n training inputs, one per row.
    y : ndarray of shape (n,)
        Labels in {0, 1} (int or float).
    idx : ndarray of int of shape (m,), or None
        Rows of the minibatch. ``None`` means all n rows (the full-batch empirical risk). A row
        may appear more than once (sampling with replacement): it then counts once per
        appearance, and m = ``len(idx)`` counts repeats.

    Returns
    -------
    J : float
        (1/m) Σ_{i ∈ idx} L_i with the negative log-likelihood L_i = −log P(y_i | x_i; θ)
        = ζ((1 − 2y_i) x_iᵀθ), ζ(a) = log(1 + e^a) the softplus.
    grad : ndarray of shape (d,)
        ĝ = (1/m) Σ_{i ∈ idx} (σ(x_iᵀθ) − y_i) x_i = X_Bᵀ(σ(X_B θ) − y_B) / m.

    Notes
    -----
    Eq. 8.3 (the empirical risk, a mean over examples) and eq. 8.9 (the minibatch gradient
    estimate ĝ = (1/m) ∇_θ Σ_i L(f(x⁽ⁱ⁾; θ), y⁽ⁱ⁾)). The loss is eq. 6.26's softplus form of the
    sigmoid unit's negative log-likelihood. For minibatches drawn from p_data, ĝ is an unbiased
    estimate of the gradient of the risk (eqs. 8.7-8.8); for an exact partition of the rows
    into equal-size minibatches, the mean of the minibatch gradients is the full gradient.

    Hints
    -----
    Index first (``X[idx]``, ``y[idx]``), then everything is a mean over the m selected rows:
    divide by m, not by n. The result must be finite when |xᵀθ| = 1000: use
    ``np.logaddexp(0, a)`` for ζ(a), never ``log(sigmoid(z))``, and a σ that does not
    overflow (``exp(−ζ(−z))``).
    """
    # TODO: implement logistic_empirical_risk_and_grad (the docstring's Notes and Hints say how).
    raise NotImplementedError("8.1 logistic_empirical_risk_and_grad: not implemented yet")


def gradient_standard_error(per_example_grads: np.ndarray, m: int, replace: bool = True) -> np.ndarray:
    """Standard error of the mean of m per-example gradients, per coordinate.

    Parameters
    ----------
    per_example_grads : ndarray of shape (n, d)
        The gradient of every one of the n training examples, one per row.
    m : int
        Minibatch size, m >= 1; with ``replace=False`` also m <= n and n >= 2.
    replace : bool
        True: the m examples are drawn i.i.d. (with replacement). False: m distinct examples
        (without replacement, as in one shuffled epoch).

    Returns
    -------
    ndarray of shape (d,)
        With σ the population standard deviation of each column over the n rows (ddof = 0):
        σ/√m if ``replace``, else σ/√m · √((n − m)/(n − 1)).

    Notes
    -----
    Sec. 8.1.3: "the standard error of the mean (equation 5.46) estimated from n samples is
    given by σ/√n"; the denominator √n means less than linear returns from larger minibatches.
    Drawing without replacement from a finite set of n examples adds the finite-population
    correction √((n − m)/(n − 1)): the error is exactly 0 at m = n (the full batch) and equals
    σ at m = 1.

    Hints
    -----
    σ is the standard deviation over the rows (axis 0), with ddof = 0: the n examples are the
    whole population, not a sample of it. The correction multiplies the standard error, so it
    sits under a square root.
    """
    # TODO: implement gradient_standard_error (the docstring's Notes and Hints say how).
    raise NotImplementedError("8.1 gradient_standard_error: not implemented yet")


def _seeded_rng(seed: int) -> np.random.Generator:
    """Given code, used by the grader: ``np.random.default_rng(seed)``, kept in the sandbox and
    passed to ``shuffled_minibatches`` (a Generator cannot be sent across). Leave it as it is."""
    return np.random.default_rng(seed)
