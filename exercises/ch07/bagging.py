# Generated from solutions/ch07/bagging.py by dlbook build. Edit that file instead.
"""7.11 Bagging and Other Ensemble Methods.

Bagging (bootstrap aggregating) trains k models on k bootstrap samples of the training set and
averages their predictions. Averaging helps as far as the members' errors are not perfectly
correlated: with error variance v and covariance c, the ensemble's expected squared error is
v/k + (k − 1)c/k (eqs 7.50-7.51). You draw bootstrap samples, run a bagged regression ensemble
with any base learner, measure the error decomposition on data, and compute out-of-bag
predictions (each training example predicted only by the members that never saw it).

Conventions: float64, batch first. A bootstrap sample is a row of indices into the m training
examples. Randomness comes only from an explicit ``rng: np.random.Generator`` with the exact
call stated in the docstring (never the global ``np.random``). Base learners are given as two
functions, ``model = fit(X, y)`` and ``predict(model, X_test) -> (n_test,)``. No function
changes its inputs.
"""
from __future__ import annotations

from typing import Callable

import numpy as np


def bootstrap_indices(m: int, k: int, rng: np.random.Generator) -> np.ndarray:
    """k bootstrap samples of m examples: indices drawn uniformly with replacement.

    Parameters
    ----------
    m : int
        Number of training examples (and the size of each bootstrap sample).
    k : int
        Number of bootstrap samples (ensemble members).
    rng : np.random.Generator
        Source of randomness. Exactly one call: ``rng.integers(0, m, size=(k, m))``.

    Returns
    -------
    idx : ndarray of int, shape (k, m)
        Row i holds the indices of the examples in bootstrap sample i (repeats allowed).

    Notes
    -----
    §7.11: each data set is built by sampling with replacement from the original one, so with
    high probability it misses some examples and repeats others. A given example is left out
    with probability (1 − 1/m)^m → 1/e, so a sample holds about 1 − 1/e ≈ 63% of the distinct
    examples ("about two-thirds" in the book).

    Hints
    -----
    Graded against the same seeded generator: make exactly the one call above (upper bound m is
    exclusive), in that shape, with no other draws.
    """
    # TODO: implement bootstrap_indices (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.11 bootstrap_indices: not implemented yet")


def bagging_predict(X: np.ndarray, y: np.ndarray, X_test: np.ndarray, idx: np.ndarray,
                    fit: Callable, predict: Callable) -> tuple[np.ndarray, np.ndarray]:
    """Fit one model per bootstrap sample and average their predictions on X_test.

    Parameters
    ----------
    X : ndarray of shape (m, d)
        Training inputs.
    y : ndarray of shape (m,)
        Training targets.
    X_test : ndarray of shape (n_test, d)
        Inputs to predict.
    idx : ndarray of int, shape (k, m)
        Bootstrap samples, e.g. from ``bootstrap_indices``.
    fit : callable
        ``model = fit(X_bag, y_bag)`` trains one member.
    predict : callable
        ``predict(model, X_test)`` returns its predictions, shape (n_test,).

    Returns
    -------
    member_preds : ndarray of shape (k, n_test)
        Row i: the predictions of the model fitted on ``(X[idx[i]], y[idx[i]])``.
    ensemble : ndarray of shape (n_test,)
        Their average over the k members.

    Notes
    -----
    §7.11, regression: the bagged prediction is the mean of the members' predictions; eqs.
    7.50-7.51 give its expected squared error.

    Hints
    -----
    Member i sees bootstrap sample i only: index *both* X and y with ``idx[i]``. Average over
    the members (axis 0), not over the test points.
    """
    # TODO: implement bagging_predict (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.11 bagging_predict: not implemented yet")


def ensemble_mse(errors: np.ndarray) -> tuple[float, float, float, float]:
    """The ensemble's squared error measured on data, and its decomposition (eqs 7.50-7.51).

    Parameters
    ----------
    errors : ndarray of shape (k, N)
        errors[i, n] = ε_i on point n: the error of member i there (prediction − target).

    Returns
    -------
    empirical : float
        mean over n of ((1/k) Σ_i ε_i)², the ensemble's mean squared error.
    v_hat : float
        mean over i and n of ε_i², the members' mean squared error (the book's v).
    c_hat : float
        mean over n and over the k(k − 1) ordered pairs i ≠ j of ε_i ε_j (the book's c);
        0.0 when k = 1 (there are no pairs).
    theory : float
        v_hat/k + (k − 1)·c_hat/k, eq. 7.51 with the measured v and c.

    Notes
    -----
    Eq. 7.50 expands (Σ_i ε_i)² = Σ_i ε_i² + Σ_{i≠j} ε_i ε_j; eq. 7.51 takes expectations. With
    the empirical v̂ and ĉ the identity holds exactly, so ``empirical`` and ``theory`` agree up to
    round-off: c = v gives v (no gain), c = 0 gives v/k.

    Hints
    -----
    Average ε_i² without subtracting a mean (v is E[ε²], not a variance of ε around its mean).
    Σ_{i≠j} ε_i ε_j = (Σ_i ε_i)² − Σ_i ε_i² avoids a double loop.
    """
    # TODO: implement ensemble_mse (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.11 ensemble_mse: not implemented yet")


def oob_predictions(idx: np.ndarray, member_preds_train: np.ndarray) -> np.ndarray:
    """Out-of-bag predictions: each training example averaged over the members that never saw it.

    Parameters
    ----------
    idx : ndarray of int, shape (k, m)
        The bootstrap samples of the k members.
    member_preds_train : ndarray of shape (k, m)
        Prediction of member i on training example j.

    Returns
    -------
    oob : ndarray of shape (m,)
        oob[j] = mean of member_preds_train[i, j] over the members i with j not in idx[i];
        NaN where every member's sample contains j.

    Notes
    -----
    §7.11: about 37% of the examples are missing from each bootstrap sample; for them a member
    is a held-out model, so the out-of-bag predictions estimate the ensemble's test error with
    no separate validation set (Breiman, 1996).

    Hints
    -----
    Whether member i saw example j is a question about the *values* in row idx[i] (j may appear
    anywhere in it, several times), not about position j of that row. Count each member once.
    """
    # TODO: implement oob_predictions (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.11 oob_predictions: not implemented yet")


def _seeded_rng(seed: int) -> np.random.Generator:
    """Given code, used by the grader: ``np.random.default_rng(seed)``, kept in the sandbox and
    passed to ``bootstrap_indices`` (a Generator cannot be sent across). Leave it as it is."""
    return np.random.default_rng(seed)
