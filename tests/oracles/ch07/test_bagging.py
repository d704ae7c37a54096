"""7.11 reference against independent implementations: the seeded generator, closed forms, loop
references, Monte Carlo under a known error covariance, and scikit-learn's BaggingRegressor
(its own bootstrap samples, fitted trees and out-of-bag predictions)."""
import warnings

import numpy as np
import pytest
from sklearn.ensemble import BaggingRegressor
from sklearn.tree import DecisionTreeRegressor


@pytest.fixture(scope="module")
def sol(reference):
    return reference("7.11")


# bootstrap_indices -----------------------------------------------------------------------
def test_bootstrap_exact_stream(sol):
    for m, k, seed in ((10, 3, 0), (1, 5, 1), (50, 7, 2)):
        idx = sol.bootstrap_indices(m, k, np.random.default_rng(seed))
        np.testing.assert_array_equal(idx, np.random.default_rng(seed).integers(0, m, size=(k, m)))
        assert idx.dtype.kind == "i" and idx.shape == (k, m)
    rng_a, rng_b = np.random.default_rng(9), np.random.default_rng(9)
    sol.bootstrap_indices(4, 2, rng_a)
    rng_b.integers(0, 4, size=(2, 4))
    assert rng_a.random() == rng_b.random(), "exactly one draw per call"


@pytest.mark.parametrize("m", [10, 100, 1000])
def test_bootstrap_distinct_fraction(sol, m):
    k = 400
    idx = sol.bootstrap_indices(m, k, np.random.default_rng(m))
    q1, q2 = (1 - 1 / m) ** m, (1 - 2 / m) ** m
    var_u = m * (m - 1) * q2 + m * q1 - (m * q1) ** 2
    frac = np.mean([len(np.unique(r)) for r in idx]) / m
    assert abs(frac - (1 - q1)) < 4 * np.sqrt(var_u / k) / m
    assert abs((1 - (1 - 1 / 10**6) ** 10**6) - (1 - np.exp(-1))) < 1e-6


# bagging_predict -------------------------------------------------------------------------
def test_bagging_sample_mean_closed_form(sol):
    rng = np.random.default_rng(0)
    X, y, X_test = rng.normal(size=(12, 2)), rng.normal(size=12), rng.normal(size=(4, 2))
    idx = rng.integers(0, 12, size=(9, 12))
    members, ens = sol.bagging_predict(X, y, X_test, idx, lambda a, b: b.mean(), lambda mdl, t: np.full(len(t), mdl))
    np.testing.assert_allclose(members, np.repeat(y[idx].mean(axis=1)[:, None], 4, axis=1), rtol=1e-13)
    np.testing.assert_allclose(ens, np.full(4, np.mean([y[r].mean() for r in idx])), rtol=1e-13)


def _stump_fit(X, y):
    best = None
    for f in range(X.shape[1]):
        for t in sorted(set(X[:, f])):
            left = [i for i in range(len(y)) if X[i, f] <= t]
            right = [i for i in range(len(y)) if X[i, f] > t]
            if not left or not right:
                continue
            ml, mr = sum(y[left]) / len(left), sum(y[right]) / len(right)
            sse = sum((y[i] - ml) ** 2 for i in left) + sum((y[i] - mr) ** 2 for i in right)
            if best is None or sse < best[0] - 1e-12:
                best = (sse, f, t, ml, mr)
    return best[1:]


def _stump_predict(model, X):
    f, t, ml, mr = model
    return np.array([ml if x[f] <= t else mr for x in X])


def test_bagging_stumps_against_a_loop(sol):
    rng = np.random.default_rng(1)
    X, X_test = rng.normal(size=(15, 3)), rng.normal(size=(6, 3))
    y = np.where(X[:, 2] > 0, 1.0, -1.0) + 0.2 * rng.normal(size=15)
    idx = rng.integers(0, 15, size=(8, 15))
    members, ens = sol.bagging_predict(X, y, X_test, idx, _stump_fit, _stump_predict)
    want = np.array([_stump_predict(_stump_fit(X[r], y[r]), X_test) for r in idx])
    np.testing.assert_allclose(members, want, rtol=1e-12)
    np.testing.assert_allclose(ens, want.sum(axis=0) / 8, rtol=1e-12)


@pytest.mark.parametrize("seed", range(3))
def test_bagging_and_oob_match_sklearn(sol, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(40, 3))
    y = np.sin(2 * X[:, 0]) + X[:, 1] ** 2 + 0.1 * rng.normal(size=40)
    X_test = rng.normal(size=(10, 3))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a few examples may have no OOB estimator
        bag = BaggingRegressor(estimator=DecisionTreeRegressor(max_depth=3), n_estimators=12, oob_score=True,
                               random_state=seed).fit(X, y)
    idx = np.array(bag.estimators_samples_)  # sklearn's own bootstrap samples, shape (k, m)
    assert idx.shape == (12, 40)
    # Member i is sklearn's tree i: the fitted trees are handed out in order, so the members and
    # the average must line up with sklearn's (sklearn fits with bootstrap counts as sample
    # weights, whose split thresholds can differ from a refit on repeated rows).
    trees = iter(bag.estimators_)
    members, ens = sol.bagging_predict(X, y, X_test, idx, lambda Xb, yb: next(trees), lambda t, Xt: t.predict(Xt))
    np.testing.assert_allclose(ens, bag.predict(X_test), rtol=1e-12)
    np.testing.assert_allclose(members, [t.predict(X_test) for t in bag.estimators_], rtol=1e-12)
    P = np.array([t.predict(X) for t in bag.estimators_])
    oob = sol.oob_predictions(idx, P)
    ok = ~np.isnan(oob)
    assert ok.sum() >= 35
    np.testing.assert_allclose(oob[ok], bag.oob_prediction_[ok], rtol=1e-12)


# ensemble_mse ----------------------------------------------------------------------------
@pytest.mark.parametrize("k,N", [(2, 5), (7, 30), (20, 3)])
def test_ensemble_mse_identity_and_loops(sol, k, N):
    E = np.random.default_rng(k * N).normal(size=(k, N)) + 0.3
    emp, v, c, theory = sol.ensemble_mse(E)
    assert emp == pytest.approx(theory, rel=1e-12)
    assert emp == pytest.approx(np.mean([(sum(E[i, n] for i in range(k)) / k) ** 2 for n in range(N)]), rel=1e-12)
    assert v == pytest.approx(np.mean([E[i, n] ** 2 for i in range(k) for n in range(N)]), rel=1e-12)
    pairs = [E[i, n] * E[j, n] for n in range(N) for i in range(k) for j in range(k) if i != j]
    assert c == pytest.approx(np.mean(pairs), rel=1e-10)


@pytest.mark.parametrize("k,v,c", [(10, 1.0, 0.5), (5, 2.0, 0.0), (20, 1.0, 0.9), (3, 1.0, -0.4)])
def test_ensemble_mse_monte_carlo(sol, k, v, c):
    N = 40000
    C = (v - c) * np.eye(k) + c * np.ones((k, k))
    E = (np.random.default_rng(k).normal(size=(N, k)) @ np.linalg.cholesky(C).T).T
    emp, v_hat, c_hat, theory = sol.ensemble_mse(E)
    expected = v / k + (k - 1) * c / k
    # the mean of ε̄² over N points, ε̄ ~ N(0, expected): standard error expected·sqrt(2/N)
    assert abs(emp - expected) < 4 * expected * np.sqrt(2 / N)
    assert abs(v_hat - v) < 4 * v * np.sqrt(2 / (N * k)) * np.sqrt(k)
    assert theory == pytest.approx(emp, rel=1e-12)


def test_ensemble_mse_book_numbers(sol):
    # k = 10, v = 1, c = 0.5: 0.55 (the quiz); perfectly correlated members: v; one member: c = 0
    k = 10
    assert 1.0 / k + (k - 1) * 0.5 / k == pytest.approx(0.55)
    E = np.tile(np.random.default_rng(0).normal(size=100), (k, 1))
    emp, v, c, theory = sol.ensemble_mse(E)
    assert emp == pytest.approx(v) and c == pytest.approx(v)
    emp, v, c, theory = sol.ensemble_mse(E[:1])
    assert c == 0.0 and theory == pytest.approx(v)


# oob_predictions -------------------------------------------------------------------------
@pytest.mark.parametrize("k,m", [(3, 8), (10, 5), (1, 4)])
def test_oob_against_a_loop(sol, k, m):
    rng = np.random.default_rng(k + m)
    idx, P = rng.integers(0, m, size=(k, m)), rng.normal(size=(k, m))
    want = np.full(m, np.nan)
    for j in range(m):
        vals = [P[i, j] for i in range(k) if j not in idx[i]]
        if vals:
            want[j] = sum(vals) / len(vals)
    np.testing.assert_allclose(sol.oob_predictions(idx, P), want, rtol=1e-13, equal_nan=True)
