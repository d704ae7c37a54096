"""Self-check for 7.8 (public tests): run `pytest exercises/ch07/test_early_stopping.py` or `dlbook check 7.8`.

These check Algorithm 7.1 on small hand-made cases and the book's equations; the grader runs
more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("7.8")


def test_curve_tie_is_not_an_improvement(mod):
    # After 3.0 at step 30: 3.5 and 3.2 are worse, 3.0 ties (not v' < v): p = 3 strikes, stop at 60.
    i_star, i_stop, v_star = mod.early_stopping_from_curve(np.array([5, 4, 3, 3.5, 3.2, 3.0, 2.0]), 10, 3)
    assert (i_star, i_stop) == (30, 60), "the later 2.0 must never be read"
    assert v_star == pytest.approx(3.0)


def test_curve_that_keeps_improving_runs_to_the_end(mod):
    i_star, i_stop, v_star = mod.early_stopping_from_curve(np.array([9.0, 7.0, 6.5, 6.4]), 5, 2)
    assert (i_star, i_stop) == (20, 20)
    assert v_star == pytest.approx(6.4)


def test_train_returns_a_snapshot_with_in_place_training(mod):
    def train_steps(theta, n):  # updates in place and returns the same array
        theta += n
        return theta

    def val_error(theta):       # best after 30 steps
        return (theta[0] - 30.0) ** 2

    theta0 = np.zeros(2)
    theta_star, i_star = mod.early_stopping_train(theta0, train_steps, val_error, 10, 2, 100)
    assert i_star == 30
    np.testing.assert_allclose(theta_star, [30.0, 30.0], err_msg="store a copy of the best θ")
    np.testing.assert_array_equal(theta0, [0.0, 0.0], err_msg="theta0 must not change")


def test_gd_iterate_matches_explicit_steps(mod):
    H = np.array([[2.0, 0.5], [0.5, 1.0]])
    w_star = np.array([1.0, -2.0])
    w = np.zeros(2)
    for _ in range(7):
        w = w - 0.1 * H @ (w - w_star)  # eq 7.35
    np.testing.assert_allclose(mod.gd_quadratic_iterate(H, w_star, 0.1, 7), w, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(mod.gd_quadratic_iterate(H, w_star, 0.1, 0), 0.0, atol=1e-15)


def test_equivalent_weight_decay_solves_eq_7_43(mod):
    lam, lr, tau = np.array([0.5, 1.0, 4.0]), 0.1, 10
    alpha = np.asarray(mod.equivalent_weight_decay(lam, lr, tau))
    np.testing.assert_allclose(alpha / (lam + alpha), (1 - lr * lam) ** tau, rtol=1e-10)
    assert alpha[1] == pytest.approx(0.5353, abs=1e-4), "λ = 1, ε = 0.1, τ = 10"


def test_equivalent_weight_decay_approaches_eq_7_45(mod):
    lr, tau = 1e-3, 100
    alpha = np.asarray(mod.equivalent_weight_decay(np.array([1e-2, 0.0]), lr, tau))
    assert alpha[0] == pytest.approx(1 / (tau * lr), rel=0.05), "α ≈ 1/(τε) when ελ ≪ 1 and λ ≪ α"
    assert alpha[1] == pytest.approx(1 / (tau * lr), rel=1e-12), "λ = 0 is the limit 1/(τε)"
