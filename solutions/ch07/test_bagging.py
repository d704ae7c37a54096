"""Self-check for 7.11 (public tests): run `pytest exercises/ch07/test_bagging.py` or
`dlbook check 7.11`.

These check the book's identities and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("7.11")


def test_bootstrap_indices_use_the_stated_call(mod):
    idx = mod.bootstrap_indices(9, 4, np.random.default_rng(0))
    assert np.shape(idx) == (4, 9), "idx is (k, m)"
    assert np.issubdtype(np.asarray(idx).dtype, np.integer), "indices are integers"
    np.testing.assert_array_equal(idx, np.random.default_rng(0).integers(0, 9, size=(4, 9)),
                                  err_msg="make exactly one call rng.integers(0, m, size=(k, m))")


def test_bootstrap_samples_hold_about_63_percent_distinct_examples(mod):
    m, k = 500, 40
    idx = mod.bootstrap_indices(m, k, np.random.default_rng(1))
    frac = np.mean([len(np.unique(row)) / m for row in idx])
    assert abs(frac - (1 - (1 - 1 / m) ** m)) < 0.01, "expected about 1 − 1/e ≈ 0.632 distinct examples"


def test_bagging_the_sample_mean(mod):
    rng = np.random.default_rng(2)
    X, y, X_test = rng.normal(size=(8, 2)), rng.normal(size=8), rng.normal(size=(3, 2))
    idx = rng.integers(0, 8, size=(5, 8))
    members, ensemble = mod.bagging_predict(X, y, X_test, idx, lambda Xb, yb: yb.mean(),
                                            lambda model, Xt: np.full(len(Xt), model))
    assert np.shape(members) == (5, 3) and np.shape(ensemble) == (3,)
    np.testing.assert_allclose(members, np.repeat(y[idx].mean(axis=1)[:, None], 3, axis=1), rtol=1e-12)
    np.testing.assert_allclose(ensemble, np.full(3, y[idx].mean()), rtol=1e-12,
                               err_msg="the ensemble of sample means is the mean of the bootstrap means")


def test_ensemble_mse_identity_and_the_two_extremes(mod):
    rng = np.random.default_rng(3)
    emp, v, c, theory = mod.ensemble_mse(rng.normal(size=(6, 50)))
    assert emp == pytest.approx(theory, rel=1e-10), "eqs 7.50-7.51: empirical and theory agree exactly"
    same = np.tile(rng.normal(size=50), (4, 1))  # perfectly correlated errors: c = v
    emp, v, c, theory = mod.ensemble_mse(same)
    assert c == pytest.approx(v) and emp == pytest.approx(v), "with c = v, averaging does not help"
    emp, v, c, theory = mod.ensemble_mse(rng.normal(size=(1, 20)))
    assert c == 0.0 and emp == pytest.approx(v), "k = 1: no pairs, c_hat = 0"


def test_ensemble_mse_uncorrelated_errors_divide_by_k(mod):
    rng = np.random.default_rng(4)
    k = 10
    emp, v, c, theory = mod.ensemble_mse(rng.normal(size=(k, 20000)))
    assert v == pytest.approx(1.0, abs=0.05) and abs(c) < 0.01
    assert emp == pytest.approx(v / k, abs=0.01), "with c = 0 the ensemble's error is v/k"


def test_oob_predictions_small_example(mod):
    idx = np.array([[0, 0, 1, 1], [1, 2, 2, 1], [0, 1, 2, 0]])  # nobody leaves out example 1
    P = np.array([[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], [9.0, 10.0, 11.0, 12.0]])
    oob = mod.oob_predictions(idx, P)
    # example 0: only member 1 left it out; 2: member 0; 3: all three members
    np.testing.assert_allclose(oob, [5.0, np.nan, 3.0, 8.0])
