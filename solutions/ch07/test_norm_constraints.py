"""Self-check for 7.2 (public tests): run `pytest exercises/ch07/test_norm_constraints.py` or `dlbook check 7.2`.

These check the book's own numbers and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("7.2")


def test_projection_onto_the_ball(mod):
    np.testing.assert_allclose(mod.project_l2_ball(np.array([3.0, 4.0]), 1.0), [0.6, 0.8], atol=1e-12)
    inside = np.array([0.2, -0.3, 0.1])
    np.testing.assert_array_equal(mod.project_l2_ball(inside, 1.0), inside,
                                  err_msg="points inside the ball must not move")
    np.testing.assert_array_equal(mod.project_l2_ball(np.zeros(3), 1.0), np.zeros(3),
                                  err_msg="the zero vector maps to itself")
    w = np.array([2.0, -2.0, 1.0])
    before = w.copy()
    once = mod.project_l2_ball(w, 1.5)
    np.testing.assert_array_equal(w, before, err_msg="project_l2_ball must not change its input")
    np.testing.assert_allclose(mod.project_l2_ball(once, 1.5), once, rtol=1e-12, err_msg="projecting twice")


def test_max_norm_caps_columns_not_rows(mod):
    W = np.array([[3.0, 0.1, 0.0], [4.0, 0.2, 0.0]])  # column norms 5, ~0.22, 0
    out = mod.max_norm_columns(W, 1.0)
    np.testing.assert_allclose(out[:, 0], [0.6, 0.8], atol=1e-12, err_msg="a column of norm 5 scaled to norm 1")
    np.testing.assert_array_equal(out[:, 1:], W[:, 1:], err_msg="columns under the cap are unchanged")
    assert np.all(np.linalg.norm(out, axis=0) <= 1.0 + 1e-12)


def test_projected_gradient_descent_stays_in_the_ball(mod):
    grad = lambda w: w - np.array([3.0, 4.0])  # J = ½‖w − (3, 4)‖², unconstrained minimum outside
    w = mod.projected_gradient_descent(grad, np.zeros(2), 1.0, 0.5, 50)
    np.testing.assert_allclose(w, [0.6, 0.8], atol=1e-10, err_msg="the constrained minimum is (0.6, 0.8)")
    np.testing.assert_array_equal(mod.projected_gradient_descent(grad, np.array([5.0, 0.0]), 1.0, 0.5, 0),
                                  [5.0, 0.0], err_msg="steps = 0 returns w0")


def test_constrained_least_squares_quiz_example(mod):
    # A = I, b = (3, 4), radius 1: x = b / (1 + 2λ) on the unit circle, so 1 + 2λ = 5.
    x, lam = mod.constrained_least_squares(np.eye(2), np.array([3.0, 4.0]), 1.0)
    np.testing.assert_allclose(x, [0.6, 0.8], atol=1e-9)
    assert lam == pytest.approx(2.0, rel=1e-8), "λ* should be 2"


def test_constrained_least_squares_inactive(mod):
    A = np.array([[2.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    b = np.array([0.2, 0.1, 0.2])
    x, lam = mod.constrained_least_squares(A, b, 1.0)
    np.testing.assert_allclose(x, np.linalg.lstsq(A, b, rcond=None)[0], rtol=1e-10)
    assert lam == 0.0, "an inactive constraint has λ* = 0"


def test_constrained_least_squares_kkt(mod):
    rng = np.random.default_rng(0)
    A, b = rng.normal(size=(5, 3)), 4.0 * rng.normal(size=5)
    x, lam = mod.constrained_least_squares(A, b, 0.5)
    assert lam > 0, "the constraint should be active here"
    assert np.linalg.norm(x) == pytest.approx(0.5, rel=1e-8), "primal feasibility with equality (on the sphere)"
    stationarity = A.T @ A @ x - A.T @ b + 2 * lam * x
    assert np.linalg.norm(stationarity) < 1e-8, "stationarity: AᵀAx − Aᵀb + 2λx = 0"
