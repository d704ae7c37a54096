# Generated from solutions/ch07/test_l1_regularization.py by dlbook build. Edit that file instead.
"""Self-check for 7.1.2 (public tests): run `pytest exercises/ch07/test_l1_regularization.py` or `dlbook check 7.1.2`.

These check closed forms, the book's own examples and simple properties; the grader runs more,
hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("7.1.2")


def test_soft_threshold_values(mod):
    w = np.array([3.0, -3.0, 0.5, -0.5, 1.0, 0.0])
    w_before = w.copy()
    np.testing.assert_allclose(mod.soft_threshold(w, 1.0), [2.0, -2.0, 0.0, 0.0, 0.0, 0.0], atol=0,
                               err_msg="sign(w)·max(|w| − t, 0): exactly 0 wherever |w| <= t")
    np.testing.assert_array_equal(w, w_before, err_msg="soft_threshold must not change w")
    np.testing.assert_allclose(mod.soft_threshold(np.array([[1.0, -1.0], [2.0, 0.2]]), np.array([0.5, 2.0])),
                               [[0.5, 0.0], [1.5, 0.0]], err_msg="an array threshold broadcasts over rows")


def test_soft_threshold_is_the_prox_of_the_l1_norm(mod):
    # soft_threshold(w, t) minimizes ½(u − w)² + t|u| (checked on a fine grid)
    u = np.linspace(-4.0, 4.0, 80001)
    for w, t in ((2.3, 0.7), (-1.1, 0.4), (0.3, 0.5), (-3.0, 2.9)):
        best = u[np.argmin(0.5 * (u - w) ** 2 + t * np.abs(u))]
        assert float(mod.soft_threshold(np.array([w]), t)[0]) == pytest.approx(best, abs=2e-4)


def test_l1_quadratic_solution_quiz_example(mod):
    w = mod.l1_quadratic_solution(np.array([3.0, -0.4, 1.0]), np.array([2.0, 2.0, 0.5]), 1.0)
    np.testing.assert_allclose(w, [2.5, 0.0, 0.0], atol=1e-15, err_msg="eq 7.23 with thresholds α/H_ii = 0.5, 0.5, 2")


def test_l1_quadratic_solution_never_flips_signs(mod):
    rng = np.random.default_rng(0)
    w_star, H = rng.normal(size=50) * 2, rng.uniform(0.1, 3.0, size=50)
    w = mod.l1_quadratic_solution(w_star, H, 0.8)
    assert np.all(w * w_star >= 0), "eq 7.23 never flips a sign"
    np.testing.assert_array_equal(w == 0, np.abs(w_star) <= 0.8 / H, err_msg="w_i = 0 exactly when |w*_i| <= α/H_ii")
    np.testing.assert_allclose(np.abs(w_star) - np.abs(w), np.minimum(0.8 / H, np.abs(w_star)), rtol=1e-12)


def test_ista_solves_an_orthogonal_design_in_one_step(mod):
    # X with XᵀX/m = 2I: the lasso is the soft threshold of the least-squares solution (eq 7.23, H_ii = 2).
    m = 8
    X = np.linalg.qr(np.random.default_rng(1).normal(size=(m, 3)))[0] * np.sqrt(2 * m)
    y = np.random.default_rng(2).normal(size=m) * 3
    w_ls = np.linalg.lstsq(X, y, rcond=None)[0]
    expected = np.sign(w_ls) * np.maximum(np.abs(w_ls) - 0.5 / 2.0, 0)
    np.testing.assert_allclose(mod.ista_lasso(X, y, 0.5, steps=1), expected, atol=1e-12)
    np.testing.assert_allclose(mod.ista_lasso(X, y, 0.5), expected, atol=1e-12)


def test_ista_satisfies_the_lasso_optimality_conditions(mod):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(40, 6))
    y = X @ np.array([2.0, 0.0, 0.0, -1.0, 0.0, 0.3]) + 0.2 * rng.normal(size=40)
    alpha = 0.2
    w = mod.ista_lasso(X, y, alpha)
    c = X.T @ (y - X @ w) / 40
    assert np.any(w == 0) and np.any(w != 0), "some weights are exactly 0, some are not"
    assert np.all(np.abs(c[w == 0]) <= alpha + 1e-6)
    np.testing.assert_allclose(c[w != 0], alpha * np.sign(w[w != 0]), atol=1e-6)
    alpha_max = np.max(np.abs(X.T @ y)) / 40
    assert np.all(mod.ista_lasso(X, y, 1.01 * alpha_max) == 0), "a large alpha zeroes every weight"


def test_laplace_log_prior(mod):
    w = np.array([1.0, -2.0, 0.5])
    alpha = 2.0
    expected = np.sum(np.log(alpha / 2) - alpha * np.abs(w))  # Laplace(0, 1/α) density α/2·exp(−α|w|)
    assert mod.laplace_log_prior(w, alpha) == pytest.approx(expected, rel=1e-12), "eq 7.24"
    assert mod.laplace_log_prior(np.zeros(4), 1.0) == pytest.approx(-4 * np.log(2.0))
