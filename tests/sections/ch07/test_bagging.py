"""Hidden grading tests for 7.11 Bagging and Other Ensemble Methods.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs. A ``np.random.Generator`` cannot cross the sandbox
boundary, so ``bootstrap_indices`` gets one made in the worker by the module's given helper
``_seeded_rng(seed)`` (kept there with ``impl.keep``); the reference gets
``np.random.default_rng(seed)``. Base learners for ``bagging_predict`` are test functions
(``Fn``, built in the worker from ``autograder/worker/fns.py``).
"""
import numpy as np
import pytest

from autograder.testing import Fn, assert_close, assert_shape, materialize

pytestmark = pytest.mark.section("7.11")

LEARNERS = {
    "mean": (Fn("bag_mean_fit"), Fn("bag_constant_predict")),
    "stump": (Fn("bag_stump_fit"), Fn("bag_stump_predict")),
    "linear": (Fn("bag_linear_fit"), Fn("bag_linear_predict")),
}


# bootstrap_indices -----------------------------------------------------------------------
@pytest.mark.parametrize("m,k,seed", [
    pytest.param(7, 3, 0, id="m7-k3"),
    pytest.param(20, 5, 1, id="m20-k5"),
    pytest.param(1, 4, 2, id="single-example"),
    pytest.param(3, 1, 3, id="one-member"),
])
def test_bootstrap_indices_match_the_seeded_rng(impl, ref, m, k, seed):
    got = impl.bootstrap_indices(m, k, impl.keep("_seeded_rng", seed))
    assert_shape(got, (k, m), "bootstrap_indices output (k, m)")
    assert np.asarray(got).dtype.kind in "iu", "bootstrap_indices must return integer indices"
    assert_close(got, ref.bootstrap_indices(m, k, np.random.default_rng(seed)),
                 f"bootstrap_indices(m={m}, k={k}) with a seeded rng (one call rng.integers(0, m, size=(k, m)))")


def test_bootstrap_indices_consecutive_calls_share_the_rng(impl, ref):
    # The generator advances by exactly one call each time: no extra draws.
    h, rng = impl.keep("_seeded_rng", 11), np.random.default_rng(11)
    for m, k in ((5, 2), (8, 3), (5, 2)):
        assert_close(impl.bootstrap_indices(m, k, h), ref.bootstrap_indices(m, k, rng),
                     f"bootstrap_indices(m={m}, k={k}) on a generator already used by earlier calls")


def test_bootstrap_indices_distinct_fraction(impl, ref):
    # Distinct examples per sample: E = 1 − (1 − 1/m)^m ≈ 0.632, checked at 4σ.
    m, k = 200, 50
    idx = np.asarray(impl.bootstrap_indices(m, k, impl.keep("_seeded_rng", 5)))
    assert_shape(idx, (k, m), "bootstrap_indices output (k, m)")
    assert idx.min() >= 0 and idx.max() < m, "indices must lie in 0..m−1"
    q1, q2 = (1 - 1 / m) ** m, (1 - 2 / m) ** m
    var_u = m * (m - 1) * q2 + m * q1 - (m * q1) ** 2  # variance of the number of distinct examples
    frac = np.mean([len(np.unique(row)) for row in idx]) / m
    assert abs(frac - (1 - q1)) < 4 * np.sqrt(var_u / k) / m, \
        "the fraction of distinct examples per bootstrap sample is far from 1 − (1 − 1/m)^m ≈ 0.632"


# bagging_predict -------------------------------------------------------------------------
def bag_case(seed, m, d, k, n_test):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, d))
    y = X @ rng.normal(size=d) + 0.5 * np.sin(3 * X[:, 0]) + 0.3 * rng.normal(size=m)
    return X, y, rng.normal(size=(n_test, d)), rng.integers(0, m, size=(k, m))


@pytest.mark.parametrize("learner,m,d,k,n_test", [
    pytest.param("mean", 9, 2, 6, 4, id="sample-mean"),
    pytest.param("stump", 15, 3, 5, 7, id="stumps"),
    pytest.param("linear", 12, 2, 4, 5, id="least-squares"),
])
def test_bagging_predict(impl, ref, learner, m, d, k, n_test):
    X, y, X_test, idx = bag_case(m + d + k, m, d, k, n_test)
    fit, predict = LEARNERS[learner]
    got = impl.bagging_predict(X, y, X_test, idx, fit, predict)
    want = ref.bagging_predict(X, y, X_test, idx, *materialize((fit, predict)))
    assert isinstance(got, (tuple, list)) and len(got) == 2, "bagging_predict returns (member_preds, ensemble)"
    assert_shape(got[0], (k, n_test), "member_preds (k, n_test)")
    assert_shape(got[1], (n_test,), "ensemble (n_test,)")
    assert_close(got, want, f"bagging_predict with {learner} base learners, k={k}, X {X.shape}, X_test {X_test.shape}")


def test_bagging_predict_single_member_and_single_test_point(impl, ref):
    X, y, X_test, idx = bag_case(41, 10, 2, 1, 1)
    fit, predict = LEARNERS["stump"]
    assert_close(impl.bagging_predict(X, y, X_test, idx, fit, predict),
                 ref.bagging_predict(X, y, X_test, idx, *materialize((fit, predict))),
                 "bagging_predict with k=1 member and one test point")


def test_bagging_predict_feature_other_than_first(impl, ref):
    # Only the second feature carries the signal: the stumps must be fitted on X[idx[i]].
    rng = np.random.default_rng(42)
    X = rng.normal(size=(14, 2))
    y = np.where(X[:, 1] > 0.2, 2.0, -1.0) + 0.1 * rng.normal(size=14)
    X_test, idx = rng.normal(size=(6, 2)), rng.integers(0, 14, size=(7, 14))
    fit, predict = LEARNERS["stump"]
    assert_close(impl.bagging_predict(X, y, X_test, idx, fit, predict),
                 ref.bagging_predict(X, y, X_test, idx, *materialize((fit, predict))),
                 "bagging_predict with stumps on a step in the second feature")


def test_bagging_predict_is_pure(impl, ref):
    X, y, X_test, idx = bag_case(43, 8, 2, 3, 4)
    fit, predict = LEARNERS["linear"]
    got = impl.pure("bagging_predict", X, y, X_test, idx, fit, predict)
    assert_close(got, ref.bagging_predict(X, y, X_test, idx, *materialize((fit, predict))),
                 "bagging_predict (purity case)")


# ensemble_mse ----------------------------------------------------------------------------
def correlated_errors(seed, k, N, v, c):
    rng = np.random.default_rng(seed)
    C = (v - c) * np.eye(k) + c * np.ones((k, k))
    return (rng.normal(size=(N, k)) @ np.linalg.cholesky(C).T).T + 0.2  # a non-zero mean too


@pytest.mark.parametrize("k,N,v,c", [
    pytest.param(3, 40, 1.0, 0.0, id="k3-uncorrelated"),
    pytest.param(10, 7, 2.0, 1.0, id="k10-N7-correlated"),
    pytest.param(2, 1, 1.0, 0.5, id="k2-one-point"),
    pytest.param(5, 30, 1.0, 0.9, id="k5-highly-correlated"),
])
def test_ensemble_mse(impl, ref, k, N, v, c):
    E = correlated_errors(k * N, k, N, v, c)
    got = impl.ensemble_mse(E)
    assert isinstance(got, (tuple, list)) and len(got) == 4, \
        "ensemble_mse returns (empirical, v_hat, c_hat, theory)"
    want = ref.ensemble_mse(E)
    for name, g, w in zip(("empirical", "v_hat", "c_hat", "theory"), got, want):
        assert_close(g, w, f"ensemble_mse {name} for errors of shape {E.shape}")


def test_ensemble_mse_single_model(impl, ref):
    E = np.random.default_rng(51).normal(size=(1, 12))
    assert_close(impl.ensemble_mse(E), ref.ensemble_mse(E), "ensemble_mse with k=1 (c_hat = 0 by convention)")


def test_ensemble_mse_identical_members(impl, ref):
    E = np.tile(np.random.default_rng(52).normal(size=9) + 0.5, (4, 1))
    assert_close(impl.ensemble_mse(E), ref.ensemble_mse(E), "ensemble_mse with 4 identical members (c = v)")


def test_ensemble_mse_is_pure(impl, ref):
    E = correlated_errors(53, 4, 11, 1.5, 0.3)
    assert_close(impl.pure("ensemble_mse", E), ref.ensemble_mse(E), "ensemble_mse (purity case)")


# oob_predictions -------------------------------------------------------------------------
def check_oob(got, want, what):
    """NaN exactly where the reference has NaN (assert_close's equal_nan accepts any value
    where NaN is expected), and the same values elsewhere."""
    assert_shape(got, want.shape, "oob_predictions output (m,)")
    got = np.asarray(got, dtype=float)
    assert np.array_equal(np.isnan(got), np.isnan(want)), \
        f"{what}: NaN must appear exactly at the examples that no member leaves out"
    assert_close(got, want, what, equal_nan=True)


@pytest.mark.parametrize("k,m,seed", [
    pytest.param(4, 9, 61, id="k4-m9"),
    pytest.param(15, 6, 62, id="k15-m6"),
    pytest.param(3, 12, 63, id="k3-m12-with-nan"),
])
def test_oob_predictions(impl, ref, k, m, seed):
    rng = np.random.default_rng(seed)
    idx, P = rng.integers(0, m, size=(k, m)), rng.normal(size=(k, m))
    check_oob(impl.oob_predictions(idx, P), ref.oob_predictions(idx, P), f"oob_predictions with k={k} members, m={m}")


def test_oob_predictions_repeated_indices_and_no_oob_member(impl, ref):
    # Example 1 is in every sample (NaN); repeats in a row count the member once; position j of
    # a row says nothing about example j.
    idx = np.array([[1, 1, 1, 3, 3], [0, 1, 2, 2, 4], [4, 4, 1, 0, 0], [2, 1, 3, 2, 2]])
    P = np.arange(20, dtype=float).reshape(4, 5) ** 1.5
    check_oob(impl.oob_predictions(idx, P), ref.oob_predictions(idx, P),
              "oob_predictions with repeated indices and an example that no member leaves out")


def test_oob_predictions_single_example(impl, ref):
    idx, P = np.zeros((3, 1), dtype=int), np.array([[1.0], [2.0], [4.0]])
    check_oob(impl.oob_predictions(idx, P), ref.oob_predictions(idx, P),
              "oob_predictions with m=1 (every member sees the only example)")


def test_oob_predictions_is_pure(impl, ref):
    rng = np.random.default_rng(64)
    idx, P = rng.integers(0, 7, size=(5, 7)), rng.normal(size=(5, 7))
    check_oob(impl.pure("oob_predictions", idx, P), ref.oob_predictions(idx, P), "oob_predictions (purity case)")
