"""Self-check for 8.3 (public tests): run `pytest exercises/ch08/test_sgd_momentum.py` or `dlbook check 8.3`.

These check the book's own numbers and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("8.3")


def test_sgd_step_linear_decay(mod):
    # Eq 8.14 with ε0 = 0.1, ε_τ = 0.01, τ = 10: θ = 0 and ĝ = −1 make the step return ε_k itself.
    eps = [float(mod.sgd_step(np.zeros(1), -np.ones(1), k, 0.1, 0.01, 10)[0]) for k in (0, 5, 10, 11, 100)]
    np.testing.assert_allclose(eps, [0.1, 0.055, 0.01, 0.01, 0.01], rtol=1e-12,
                               err_msg="ε_k = (1 − k/τ)ε0 + (k/τ)ε_τ up to k = τ, then ε_τ")
    theta, g = np.array([1.0, -2.0]), np.array([0.5, 4.0])
    np.testing.assert_allclose(mod.sgd_step(theta, g, 0, 0.1, 0.01, 10), theta - 0.1 * g, rtol=1e-12)


def test_momentum_first_step_is_sgd(mod):
    # From the empty state v = 0, so the first step is θ − εg and v = −εg.
    theta, g, state = np.array([1.0, 2.0, -1.0]), np.array([0.3, -0.6, 2.0]), {}
    new, st = mod.momentum_step(theta, g, state, lr=0.1, alpha=0.9)
    np.testing.assert_allclose(new, theta - 0.1 * g, rtol=1e-12)
    np.testing.assert_allclose(st["v"], -0.1 * g, rtol=1e-12)
    assert state == {}, "momentum_step must not write into the state it was given"
    new2, st2 = mod.momentum_step(new, g, st, lr=0.1, alpha=0.9)
    np.testing.assert_allclose(st2["v"], 0.9 * st["v"] - 0.1 * g, rtol=1e-12, err_msg="v ← αv − εg (eq 8.15)")
    np.testing.assert_allclose(new2, new + st2["v"], rtol=1e-12, err_msg="θ ← θ + v (eq 8.16)")


def test_momentum_terminal_velocity(mod):
    # Eq 8.17: the same gradient g every step drives the step size to ε‖g‖/(1 − α);
    # α = 0.99, ε = 0.01, ‖g‖ = 2 give 2.0, a hundred times the plain SGD step.
    theta, g, state = np.zeros(2), np.array([1.2, -1.6]), {}
    for _ in range(3000):
        theta, state = mod.momentum_step(theta, g, state, lr=0.01, alpha=0.99)
    assert np.linalg.norm(state["v"]) == pytest.approx(2.0, rel=1e-9)


def test_momentum_on_a_1d_quadratic_is_linear(mod):
    # J = ½hθ²: [θ; v] ← M[θ; v] with M = [[1 − εh, α], [−εh, α]], a linear recurrence.
    h, lr, alpha = 3.0, 0.1, 0.8
    M = np.array([[1 - lr * h, alpha], [-lr * h, alpha]])
    theta, state = np.array([2.0]), {}
    for _ in range(7):
        theta, state = mod.momentum_step(theta, h * theta, state, lr=lr, alpha=alpha)
    want = np.linalg.matrix_power(M, 7) @ np.array([2.0, 0.0])
    np.testing.assert_allclose([theta[0], state["v"][0]], want, rtol=1e-12)


def test_nesterov_evaluates_at_the_look_ahead_point(mod):
    calls = []

    def grad_fn(x):
        calls.append(np.array(x, dtype=float))
        return 2.0 * x

    theta, state = np.array([1.0, -1.0]), {"v": np.array([0.5, 0.25])}
    new, st = mod.nesterov_step(theta, grad_fn, state, lr=0.1, alpha=0.9)
    assert len(calls) == 1, "grad_fn is called exactly once per step"
    look = theta + 0.9 * state["v"]
    np.testing.assert_allclose(calls[0], look, rtol=1e-12, err_msg="the gradient is taken at θ + αv (eq 8.21)")
    np.testing.assert_allclose(st["v"], 0.9 * state["v"] - 0.1 * 2.0 * look, rtol=1e-12)
    np.testing.assert_allclose(new, theta + st["v"], rtol=1e-12, err_msg="θ ← θ + v, from θ (not from θ + αv)")


def test_run_optimizer_trajectory(mod):
    A = np.diag([1.0, 10.0])
    theta0 = np.array([1.0, 1.0])
    traj = mod.run_optimizer(mod.momentum_step, theta0, lambda x: A @ x, 5, lr=0.05, alpha=0.0)
    assert np.shape(traj) == (6, 2), "n_steps + 1 rows: θ_0 first"
    # α = 0: plain gradient descent, θ_t = (I − εA)^t θ_0.
    want = np.array([np.linalg.matrix_power(np.eye(2) - 0.05 * A, t) @ theta0 for t in range(6)])
    np.testing.assert_allclose(traj, want, rtol=1e-12)
    nest = mod.run_optimizer(mod.nesterov_step, theta0, lambda x: A @ x, 5, lr=0.05, alpha=0.0)
    np.testing.assert_allclose(nest, want, rtol=1e-12, err_msg="nesterov_step receives grad_fn itself")
