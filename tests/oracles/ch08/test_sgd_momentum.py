"""8.3 reference against independent implementations: PyTorch's LinearLR schedule and its SGD
optimizer (momentum and Nesterov, float64 CPU), the closed-form linear recurrence of momentum
on a 1-D quadratic, eq 8.17's terminal velocity, hypothesis properties and a call-recording spy."""
import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.fixture(scope="module")
def sol(reference):
    return reference("8.3")


def ill_conditioned_quadratic(seed, d, cond):
    """A rotated SPD matrix with eigenvalues from 1 to cond, and b: ∇J(θ) = Aθ − b."""
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    A = Q @ np.diag(np.geomspace(1.0, cond, d)) @ Q.T
    return (A + A.T) / 2, rng.normal(size=d)


# sgd_step ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("eps0,eps_tau,tau", [(0.1, 0.01, 10), (0.5, 0.005, 7), (0.3, 0.3, 5), (0.2, 0.05, 1)])
def test_sgd_schedule_matches_torch_linear_lr(sol, eps0, eps_tau, tau):
    # LinearLR's factor 1 + (end − 1)·k/τ is (1 − k/τ)ε0 + (k/τ)ε_τ, constant after total_iters.
    p = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=eps0)
    sched = torch.optim.lr_scheduler.LinearLR(opt, start_factor=1.0, end_factor=eps_tau / eps0, total_iters=tau)
    rng = np.random.default_rng(tau)
    theta = np.zeros(3)
    for k in range(3 * tau):
        g = rng.normal(size=3)
        eps_k = sol.sgd_step(np.zeros(1), -np.ones(1), k, eps0, eps_tau, tau)[0]
        assert eps_k == pytest.approx(opt.param_groups[0]["lr"], rel=1e-12)
        theta = sol.sgd_step(theta, g, k, eps0, eps_tau, tau)
        p.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
        sched.step()
        np.testing.assert_allclose(theta, p.detach().numpy(), rtol=1e-12, atol=1e-15)


def test_sgd_step_closed_form(sol):
    theta, g = np.array([1.0, -2.0, 0.5]), np.array([0.3, 0.1, -4.0])
    for k, eps in [(0, 0.2), (2, 0.8 * 0.2 + 0.2 * 0.02), (10, 0.02), (25, 0.02)]:
        np.testing.assert_allclose(sol.sgd_step(theta, g, k, 0.2, 0.02, 10), theta - eps * g, rtol=1e-14)


# momentum_step -----------------------------------------------------------------------------------
def test_momentum_matches_torch_sgd_with_constant_lr(sol):
    # Torch: b ← αb + g, θ ← θ − εb. With a constant ε its parameters are the book's θ_t,
    # and b_t = −v_t/ε.
    A, b = ill_conditioned_quadratic(0, 5, 100.0)
    lr, alpha = 0.008, 0.9
    theta0 = np.random.default_rng(1).normal(size=5)
    p = torch.tensor(theta0, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr, momentum=alpha, dampening=0, nesterov=False, weight_decay=0)
    theta, state = theta0, {}
    for _ in range(40):
        g = A @ theta - b
        theta, state = sol.momentum_step(theta, g, state, lr, alpha)
        p.grad = torch.tensor(A @ p.detach().numpy() - b, dtype=torch.float64)
        opt.step()
        np.testing.assert_allclose(theta, p.detach().numpy(), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(state["v"], -lr * opt.state[p]["momentum_buffer"].numpy(), rtol=1e-10, atol=1e-12)


def test_momentum_differs_from_torch_when_lr_changes(sol):
    # The book's v carries the past ε's, torch's buffer does not: after a change of ε they part ways.
    g_seq = np.random.default_rng(2).normal(size=(4, 3))
    lrs = [0.1, 0.1, 0.01, 0.01]
    p = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lrs[0], momentum=0.9)
    theta, state = np.zeros(3), {}
    for lr, g in zip(lrs, g_seq):
        theta, state = sol.momentum_step(theta, g, state, lr, 0.9)
        opt.param_groups[0]["lr"] = lr
        p.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
    v_book = state["v"]
    # Closed form of the book's velocity: v_4 = Σ_t α^(4−t) (−ε_t g_t).
    np.testing.assert_allclose(v_book, sum(0.9 ** (3 - t) * (-lrs[t] * g_seq[t]) for t in range(4)), rtol=1e-13)
    assert not np.allclose(theta, p.detach().numpy(), rtol=1e-3)


def test_momentum_1d_quadratic_matrix_power(sol):
    # J = ½hθ²: [θ; v] ← M [θ; v] with M = [[1 − εh, α], [−εh, α]].
    for h, lr, alpha in [(3.0, 0.1, 0.8), (50.0, 0.01, 0.95), (1.0, 0.5, 0.0)]:
        M = np.array([[1 - lr * h, alpha], [-lr * h, alpha]])
        theta, state = np.array([1.5]), {}
        for t in range(1, 31):
            theta, state = sol.momentum_step(theta, h * theta, state, lr, alpha)
            want = np.linalg.matrix_power(M, t) @ np.array([1.5, 0.0])
            np.testing.assert_allclose([theta[0], state["v"][0]], want, rtol=1e-9, atol=1e-13)


def test_momentum_terminal_velocity(sol):
    # Eq 8.17: a constant gradient g gives steps of size ε‖g‖/(1 − α) in the limit.
    g = np.array([1.2, -1.6])  # ‖g‖ = 2
    theta, state = np.zeros(2), {}
    for _ in range(4000):
        theta, state = sol.momentum_step(theta, g, state, 0.01, 0.99)
    assert np.linalg.norm(state["v"]) == pytest.approx(0.01 * 2.0 / (1 - 0.99), rel=1e-12)


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), lr=st.floats(1e-3, 1.0), d=st.integers(1, 6))
def test_momentum_without_momentum_is_sgd(sol, seed, lr, d):
    rng = np.random.default_rng(seed)
    theta, v, g = rng.normal(size=d), rng.normal(size=d), rng.normal(size=d)
    new, st_new = sol.momentum_step(theta, g, {"v": v}, lr, 0.0)
    np.testing.assert_allclose(new, sol.sgd_step(theta, g, 0, lr, lr, 1), rtol=1e-14, atol=1e-15)
    np.testing.assert_allclose(st_new["v"], -lr * g, rtol=1e-14)


def test_momentum_is_pure(sol):
    theta, g, v = np.array([1.0, 2.0]), np.array([0.5, -0.5]), np.array([0.1, 0.2])
    state = {"v": v}
    before = (theta.copy(), g.copy(), v.copy())
    _, new_state = sol.momentum_step(theta, g, state, 0.1, 0.9)
    assert state.keys() == {"v"} and state["v"] is v and new_state is not state
    for a, b in zip((theta, g, v), before):
        np.testing.assert_array_equal(a, b)
    empty = {}
    sol.momentum_step(theta, g, empty, 0.1, 0.9)
    assert empty == {}


# nesterov_step -----------------------------------------------------------------------------------
def test_nesterov_matches_torch_lookahead_parametrization(sol):
    # Torch nesterov=True (Sutskever's form) keeps p_t = θ_t + αv_t, evaluates the gradient at p_t,
    # and its buffer is b_t = −v_t/ε. Twenty steps on an ill-conditioned quadratic.
    A, b = ill_conditioned_quadratic(3, 6, 200.0)
    lr, alpha = 0.004, 0.9
    theta0 = np.random.default_rng(4).normal(size=6) * 2
    p = torch.tensor(theta0, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr, momentum=alpha, dampening=0, nesterov=True, weight_decay=0)
    theta, state = theta0, {}
    for _ in range(20):
        theta, state = sol.nesterov_step(theta, lambda x: A @ x - b, state, lr, alpha)
        p.grad = torch.tensor(A @ p.detach().numpy() - b, dtype=torch.float64)
        opt.step()
        np.testing.assert_allclose(theta + alpha * state["v"], p.detach().numpy(), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(state["v"], -lr * opt.state[p]["momentum_buffer"].numpy(), rtol=1e-10, atol=1e-12)
    assert not np.allclose(theta, p.detach().numpy(), rtol=1e-6)  # θ itself is not torch's parameter


def test_nesterov_spy_single_call_at_look_ahead(sol):
    A, b = ill_conditioned_quadratic(5, 3, 10.0)
    theta, state = np.array([1.0, -1.0, 2.0]), {}
    for t in range(6):
        calls = []

        def grad_fn(x):
            calls.append(np.array(x, dtype=float))
            return A @ x - b

        look = theta + 0.8 * state.get("v", np.zeros(3))
        theta_new, state_new = sol.nesterov_step(theta, grad_fn, state, 0.05, 0.8)
        assert len(calls) == 1
        np.testing.assert_array_equal(calls[0], look)
        np.testing.assert_allclose(state_new["v"], 0.8 * state.get("v", np.zeros(3)) - 0.05 * (A @ look - b),
                                   rtol=1e-14)
        np.testing.assert_allclose(theta_new, theta + state_new["v"], rtol=1e-14)
        theta, state = theta_new, state_new


def test_nesterov_1d_quadratic_matrix_power(sol):
    # J = ½hθ²: v ← αv − εh(θ + αv), θ ← θ + v, i.e. [θ; v] ← N [θ; v] with
    # N = [[1 − εh, α(1 − εh)], [−εh, α(1 − εh)]].
    for h, lr, alpha in [(3.0, 0.1, 0.8), (50.0, 0.01, 0.95), (1.0, 0.5, 0.0)]:
        N = np.array([[1 - lr * h, alpha * (1 - lr * h)], [-lr * h, alpha * (1 - lr * h)]])
        theta, state = np.array([1.5]), {}
        for t in range(1, 31):
            theta, state = sol.nesterov_step(theta, lambda x: h * x, state, lr, alpha)
            want = np.linalg.matrix_power(N, t) @ np.array([1.5, 0.0])
            np.testing.assert_allclose([theta[0], state["v"][0]], want, rtol=1e-9, atol=1e-13)


# run_optimizer -----------------------------------------------------------------------------------
def test_run_optimizer_matches_a_manual_loop(sol):
    A, b = ill_conditioned_quadratic(7, 4, 20.0)
    theta0 = np.array([1.0, 0.0, -1.0, 2.0])
    for step in (sol.momentum_step, sol.nesterov_step):
        traj = sol.run_optimizer(step, theta0, lambda x: A @ x - b, 12, lr=0.03, alpha=0.7)
        assert traj.shape == (13, 4)
        theta, state, rows = theta0, {}, [theta0]
        for _ in range(12):
            arg = (lambda x: A @ x - b) if step is sol.nesterov_step else A @ theta - b
            theta, state = step(theta, arg, state, lr=0.03, alpha=0.7)
            rows.append(theta)
        np.testing.assert_array_equal(traj, np.array(rows))


def test_run_optimizer_dispatch_and_state(sol):
    calls = []

    def grad_fn(x):
        calls.append(np.array(x))
        return 2 * x

    theta0 = np.array([1.0, -3.0])
    traj = sol.run_optimizer(sol._decaying_gd_step, theta0, grad_fn, 4, lr=0.25)
    want, theta = [theta0], theta0
    for t in range(4):
        theta = theta - 0.25 / (1 + t) * 2 * theta
        want.append(theta)
    np.testing.assert_allclose(traj, want, rtol=1e-14)
    assert len(calls) == 4 and all(np.array_equal(c, w) for c, w in zip(calls, want))
    calls.clear()
    shift = np.array([0.5, 0.5])
    traj = sol.run_optimizer(sol._shifted_gd_step, theta0, grad_fn, 3, lr=0.1, shift=shift)
    assert len(calls) == 3
    np.testing.assert_allclose(calls[0], theta0 + shift)
    np.testing.assert_allclose(traj[1], theta0 - 0.1 * 2 * (theta0 + shift))
    assert sol.run_optimizer(sol.momentum_step, theta0, grad_fn, 0, lr=0.1, alpha=0.5).shape == (1, 2)
