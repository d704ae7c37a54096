# Generated from solutions/ch07/test_l2_regularization.py by dlbook build. Edit that file instead.
"""Self-check for 7.1.1 (public tests): run `pytest exercises/ch07/test_l2_regularization.py` or `dlbook check 7.1.1`.

These check closed forms, the book's own examples and simple properties; the grader runs more,
hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("7.1.1")


def test_ridge_closed_form_zeroes_the_gradient(mod):
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(8, 3)), rng.normal(size=8)
    w = mod.ridge_closed_form(X, y, 0.7)
    assert np.shape(w) == (3,)
    # gradient of ½‖Xw − y‖² + ½α‖w‖² at the minimizer
    np.testing.assert_allclose(X.T @ (X @ w - y) + 0.7 * w, 0.0, atol=1e-10, err_msg="eq 7.17")


def test_ridge_with_alpha_zero_is_least_squares(mod):
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(10, 4)), rng.normal(size=10)
    np.testing.assert_allclose(mod.ridge_closed_form(X, y, 0.0), np.linalg.lstsq(X, y, rcond=None)[0],
                               rtol=1e-9, err_msg="eq 7.16")
    # wide X: only alpha > 0 makes the problem well posed
    X = rng.normal(size=(3, 6))
    assert np.all(np.isfinite(mod.ridge_closed_form(X, rng.normal(size=3), 1.0)))


def test_shrinkage_factors_quiz_example(mod):
    H = np.diag([10.0, 0.1])
    w_star = np.array([1.0, 1.0])
    w_tilde, factors, Q = mod.l2_regularized_optimum(H, w_star, 1.0)
    # ascending eigenvalues: 0.1 first
    np.testing.assert_allclose(factors, [0.1 / 1.1, 10.0 / 11.0], rtol=1e-12)
    np.testing.assert_allclose(np.abs(Q), [[0.0, 1.0], [1.0, 0.0]], atol=1e-15)
    np.testing.assert_allclose(w_tilde, [10.0 / 11.0, 0.1 / 1.1], rtol=1e-12,
                               err_msg="the high-curvature weight survives, the low-curvature one is shrunk")


def test_l2_regularized_optimum_matches_eq_7_10(mod):
    rng = np.random.default_rng(2)
    A = rng.normal(size=(4, 4))
    H = A @ A.T + 0.5 * np.eye(4)
    w_star = rng.normal(size=4)
    w_tilde, factors, Q = mod.l2_regularized_optimum(H, w_star, 0.8)
    np.testing.assert_allclose(w_tilde, np.linalg.solve(H + 0.8 * np.eye(4), H @ w_star), rtol=1e-9)
    assert np.all((0 < factors) & (factors < 1)) and np.all(np.diff(factors) > 0)
    np.testing.assert_allclose(Q.T @ w_tilde, factors * (Q.T @ w_star), rtol=1e-9, atol=1e-12)


def test_weight_decay_step(mod):
    w = np.array([[1.0, -2.0], [0.5, 3.0]])
    g = np.array([[0.1, 0.2], [-0.3, 0.0]])
    w_before = w.copy()
    new = mod.weight_decay_sgd_step(w, g, lr=0.1, alpha=0.5)
    np.testing.assert_allclose(new, 0.95 * w_before - 0.1 * g, rtol=1e-12, err_msg="eq 7.5")
    np.testing.assert_array_equal(w, w_before, err_msg="weight_decay_sgd_step must not change w")


def test_gradient_descent_reaches_the_closed_form(mod):
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(20, 3)), rng.normal(size=20)
    alpha = 2.0
    lr = 1.0 / np.linalg.eigvalsh(X.T @ X + alpha * np.eye(3))[-1]
    w, losses = mod.ridge_by_gradient_descent(X, y, alpha, lr, 500)
    assert np.shape(losses) == (500,)
    assert losses[0] == pytest.approx(0.5 * y @ y), "losses[0] is the objective at w = 0, before the first update"
    assert np.all(np.diff(losses) <= 1e-12), "the objective decreases"
    np.testing.assert_allclose(w, mod.ridge_closed_form(X, y, alpha), atol=1e-8)
