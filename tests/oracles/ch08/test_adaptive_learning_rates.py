"""8.5 reference against independent implementations: torch.optim.Adagrad, RMSprop and Adam
(float64, CPU) with the parameter mappings of CURRICULUM, closed forms of the first steps, and an
autograd implementation of Algorithm 8.6.

Mappings (checked here):
- Algorithm 8.4 = ``Adagrad(lr=ε, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=δ)``:
  both add δ outside the square root.
- Algorithm 8.5 = ``RMSprop(lr=ε, alpha=ρ, eps=0, momentum=0, centered=False)`` only for δ = 0:
  torch adds eps outside the root, the book inside.
- Algorithm 8.6 has no torch equivalent (torch's momentum is classical and evaluates the gradient
  at θ); with a fixed gradient sequence the look-ahead point is irrelevant, and then it equals
  ``RMSprop(momentum=α, eps=0)`` with v = −ε·b (b torch's momentum buffer).
- Algorithm 8.7 = ``Adam(lr=ε, betas=(ρ1, ρ2), eps=δ, weight_decay=0, amsgrad=False)``.
"""
import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from autograder.worker import fns


@pytest.fixture(scope="module")
def sol(reference):
    return reference("8.5")


A = np.array([[5.0, 1.0, 0.0, 0.5], [1.0, 2.0, 0.3, 0.0], [0.0, 0.3, 0.5, 0.1], [0.5, 0.0, 0.1, 0.05]])
B = np.array([1.0, -2.0, 0.5, 3.0])


def quad_loss_torch(p):
    At, Bt = torch.tensor(A), torch.tensor(B)
    return 0.5 * p @ At @ p + Bt @ p


def quad_grad(x):
    return A @ x + B


def torch_trajectory(make_opt, theta0, steps, grads=None):
    """θ after each step of a torch optimizer on the quadratic (or on a fixed gradient sequence)."""
    p = torch.tensor(theta0, dtype=torch.float64, requires_grad=True)
    opt = make_opt([p])
    out = []
    for k in range(steps):
        opt.zero_grad()
        if grads is None:
            quad_loss_torch(p).backward()
        else:
            p.grad = torch.tensor(grads[k], dtype=torch.float64)
        opt.step()
        out.append(p.detach().numpy().copy())
    return np.array(out), opt, p


def numpy_trajectory(step, theta0, steps, grads=None, **hyper):
    theta, state, out = np.array(theta0, dtype=float), {}, []
    for k in range(steps):
        g = quad_grad(theta) if grads is None else grads[k]
        theta, state = step(theta, g, state, **hyper)
        out.append(theta)
    return np.array(out), state


THETA0 = np.array([1.0, -2.0, 3.0, 0.5])


# AdaGrad -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("lr,delta", [(0.1, 1e-7), (0.5, 1e-2), (0.05, 1e-10)])
def test_adagrad_matches_torch_over_50_steps(sol, lr, delta):
    want, opt, p = torch_trajectory(lambda ps: torch.optim.Adagrad(ps, lr=lr, lr_decay=0, weight_decay=0,
                                                                   initial_accumulator_value=0, eps=delta),
                                    THETA0, 50)
    got, state = numpy_trajectory(sol.adagrad_step, THETA0, 50, lr=lr, delta=delta)
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(state["r"], opt.state[p]["sum"].numpy(), rtol=1e-10)


def test_adagrad_small_gradients_match_torch(sol):
    # |g| ≈ 1e-4 and δ = 1e-6: the placement of δ matters, and torch's is the book's.
    rng = np.random.default_rng(0)
    grads = [1e-4 * rng.uniform(0.5, 2.0, size=4) * rng.choice([-1, 1], size=4) for _ in range(20)]
    want, _, _ = torch_trajectory(lambda ps: torch.optim.Adagrad(ps, lr=0.01, eps=1e-6), THETA0, 20, grads)
    got, _ = numpy_trajectory(sol.adagrad_step, THETA0, 20, grads, lr=0.01, delta=1e-6)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)
    inside, _ = numpy_trajectory(lambda t, g, s, lr: (t - lr * g / np.sqrt(1e-6 + s.get("r", 0) + g * g),
                                                      {"r": s.get("r", 0) + g * g}), THETA0, 20, grads, lr=0.01)
    assert np.max(np.abs(inside - want)) > 1e-3, "the test must tell the two placements apart"


# RMSProp -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("lr,rho", [(0.01, 0.9), (0.003, 0.99), (0.02, 0.5)])
def test_rmsprop_matches_torch_without_delta(sol, lr, rho):
    want, opt, p = torch_trajectory(lambda ps: torch.optim.RMSprop(ps, lr=lr, alpha=rho, eps=0.0, momentum=0,
                                                                   centered=False, weight_decay=0), THETA0, 50)
    got, state = numpy_trajectory(sol.rmsprop_step, THETA0, 50, lr=lr, rho=rho, delta=0.0)
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(state["r"], opt.state[p]["square_avg"].numpy(), rtol=1e-10)


def test_rmsprop_delta_inside_the_root_unlike_torch(sol):
    # |g| ≈ 1e-4, δ = 1e-6: the book's √(δ + r) ≈ 1e-3 and torch's √r + eps ≈ 3e-5 differ by ~30x.
    g = np.array([1e-4, -2e-4, 0.5e-4])
    theta, state = sol.rmsprop_step(np.zeros(3), g, {}, lr=1e-3, rho=0.9, delta=1e-6)
    np.testing.assert_allclose(theta, -1e-3 * g / np.sqrt(1e-6 + 0.1 * g * g), rtol=1e-13)
    torch_theta, _, _ = torch_trajectory(lambda ps: torch.optim.RMSprop(ps, lr=1e-3, alpha=0.9, eps=1e-6),
                                         np.zeros(3), 1, [g])
    np.testing.assert_allclose(torch_theta[0], -1e-3 * g / (np.sqrt(0.1 * g * g) + 1e-6), rtol=1e-12)
    assert np.all(np.abs(torch_theta[0]) > 10 * np.abs(theta))
    # ... while for large gradients δ hardly matters and both agree closely.
    g = np.array([1.0, -2.0, 0.5])
    theta, _ = sol.rmsprop_step(np.zeros(3), g, {}, lr=1e-3, rho=0.9, delta=1e-6)
    torch_theta, _, _ = torch_trajectory(lambda ps: torch.optim.RMSprop(ps, lr=1e-3, alpha=0.9, eps=1e-6),
                                         np.zeros(3), 1, [g])
    np.testing.assert_allclose(theta, torch_theta[0], rtol=1e-4)


# RMSProp with Nesterov momentum ------------------------------------------------------------------
@pytest.mark.parametrize("lr,rho,alpha", [(0.01, 0.9, 0.9), (0.05, 0.5, 0.5)])
def test_rmsprop_nesterov_fixed_gradients_match_torch_momentum(sol, lr, rho, alpha):
    rng = np.random.default_rng(1)
    grads = [rng.normal(size=4) * np.array([10.0, 1.0, 0.1, 0.01]) for _ in range(40)]
    want, opt, p = torch_trajectory(lambda ps: torch.optim.RMSprop(ps, lr=lr, alpha=rho, eps=0.0, momentum=alpha),
                                    THETA0, 40, grads)
    theta, state, got = THETA0.copy(), {}, []
    for g in grads:
        theta, state = sol.rmsprop_nesterov_step(theta, lambda x, g=g: g, state, lr, rho, alpha)
        got.append(theta)
    np.testing.assert_allclose(np.array(got), want, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(state["v"], -lr * opt.state[p]["momentum_buffer"].numpy(), rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(state["r"], opt.state[p]["square_avg"].numpy(), rtol=1e-10)


def test_rmsprop_nesterov_without_momentum_matches_torch_rmsprop(sol):
    want, _, _ = torch_trajectory(lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.9, eps=0.0), THETA0, 50)
    theta, state, got = THETA0.copy(), {}, []
    for _ in range(50):
        theta, state = sol.rmsprop_nesterov_step(theta, quad_grad, state, 0.01, 0.9, 0.0)
        got.append(theta)
    np.testing.assert_allclose(np.array(got), want, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("objective", ["quadratic", "rosenbrock"])
def test_rmsprop_nesterov_matches_autograd_algorithm_8_6(sol, objective):
    # Algorithm 8.6 written out in torch, with the gradient at θ̃ from autograd; a spy grad_fn
    # records where the reference evaluates the gradient.
    if objective == "quadratic":
        loss_t, theta0, lr, rho, alpha, delta = quad_loss_torch, THETA0, 0.02, 0.9, 0.8, 0.0
        grad_np = fns.build("quadratic_grad", {"A": A.tolist(), "b": B.tolist()})
    else:
        def loss_t(x):
            return torch.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)
        theta0, lr, rho, alpha, delta = np.array([-1.2, 1.0, 0.5]), 1e-3, 0.95, 0.9, 1e-8
        grad_np = fns.build("rosenbrock_grad", {})
    th = torch.tensor(theta0, dtype=torch.float64)
    v, r = torch.zeros_like(th), torch.zeros_like(th)
    theta, state = theta0.copy(), {}
    for step in range(30):
        look = (th + alpha * v).requires_grad_(True)
        loss_t(look).backward()
        g = look.grad.detach()
        r = rho * r + (1 - rho) * g * g
        v = alpha * v - lr / torch.sqrt(delta + r) * g
        th = th + v
        fns.reset_calls()
        theta, state_new = sol.rmsprop_nesterov_step(theta, grad_np, state, lr, rho, alpha, delta)
        calls = fns.recorded_calls()
        assert len(calls) == 1
        np.testing.assert_allclose(calls[0][1][0], look.detach().numpy(), rtol=1e-9, atol=1e-12)
        state = state_new
        np.testing.assert_allclose(theta, th.numpy(), rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(state["v"], v.numpy(), rtol=1e-9, atol=1e-12)


# Adam --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lr,betas,eps", [(1e-3, (0.9, 0.999), 1e-8), (0.05, (0.8, 0.95), 1e-8),
                                          (0.01, (0.0, 0.9), 1e-3)])
def test_adam_matches_torch_over_50_steps(sol, lr, betas, eps):
    want, opt, p = torch_trajectory(lambda ps: torch.optim.Adam(ps, lr=lr, betas=betas, eps=eps, weight_decay=0,
                                                                amsgrad=False, foreach=False), THETA0, 50)
    got, state = numpy_trajectory(sol.adam_step, THETA0, 50, lr=lr, rho1=betas[0], rho2=betas[1], delta=eps)
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(state["s"], opt.state[p]["exp_avg"].numpy(), rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(state["r"], opt.state[p]["exp_avg_sq"].numpy(), rtol=1e-10, atol=1e-14)
    assert state["t"] == 50 == int(opt.state[p]["step"])


def test_adam_tiny_gradients_match_torch_not_the_efficient_form(sol):
    # |g| ≈ 1e-8 = δ: the book (and torch) ≠ Kingma-Ba's efficient form with ε̂ = δ.
    rng = np.random.default_rng(2)
    grads = [1e-8 * rng.uniform(0.5, 2.0, size=4) * np.array([1, -1, 1, -1]) for _ in range(10)]
    want, _, _ = torch_trajectory(lambda ps: torch.optim.Adam(ps, lr=1e-3, eps=1e-8), THETA0, 10, grads)
    got, _ = numpy_trajectory(sol.adam_step, THETA0, 10, grads, lr=1e-3)
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-14)
    g = grads[0]
    efficient = THETA0 - 1e-3 * np.sqrt(1 - 0.999) / (1 - 0.9) * (0.1 * g) / (np.sqrt(0.001 * g * g) + 1e-8)
    assert np.max(np.abs(efficient - got[0])) > 1e-4


@settings(max_examples=60, deadline=None)
@given(g=arrays(np.float64, st.integers(1, 6), elements=st.floats(-1e3, 1e3).filter(lambda x: abs(x) > 1e-6)),
       lr=st.floats(1e-4, 1.0), delta=st.sampled_from([1e-8, 1e-7, 1e-3]))
def test_first_steps_closed_forms(sol, g, lr, delta):
    # From the empty state: AdaGrad and Adam both move by lr·g/(|g| + δ); RMSProp by lr·g/√(δ + (1−ρ)g²).
    theta = np.zeros_like(g)
    want = -lr * g / (np.abs(g) + delta)
    np.testing.assert_allclose(sol.adagrad_step(theta, g, {}, lr=lr, delta=delta)[0], want, rtol=1e-12)
    np.testing.assert_allclose(sol.adam_step(theta, g, {}, lr=lr, delta=delta)[0], want, rtol=1e-9)
    np.testing.assert_allclose(sol.rmsprop_step(theta, g, {}, lr=lr, rho=0.9, delta=delta)[0],
                               -lr * g / np.sqrt(delta + 0.1 * g * g), rtol=1e-12)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), rows=st.integers(1, 4), cols=st.integers(1, 4))
def test_steps_are_pure_and_return_new_arrays(sol, seed, rows, cols):
    rng = np.random.default_rng(seed)
    theta, g = rng.normal(size=(rows, cols)), rng.normal(size=(rows, cols))
    states = {"adagrad_step": {"r": rng.uniform(size=(rows, cols))},
              "rmsprop_step": {"r": rng.uniform(size=(rows, cols))},
              "adam_step": {"s": rng.normal(size=(rows, cols)), "r": rng.uniform(size=(rows, cols)), "t": 3}}
    for name, state in states.items():
        copies = (theta.copy(), g.copy(), {k: np.copy(v) for k, v in state.items()})
        new_theta, new_state = getattr(sol, name)(theta, g, state, lr=0.1)
        np.testing.assert_array_equal(theta, copies[0])
        np.testing.assert_array_equal(g, copies[1])
        for k in state:
            np.testing.assert_array_equal(state[k], copies[2][k])
            assert new_state[k] is not state[k]
        assert new_theta is not theta and new_theta.shape == theta.shape


# Quiz numbers ------------------------------------------------------------------------------------
def test_quiz_numbers(sol):
    g = 1e-3 * np.array([3.0, -4.0])
    theta, _ = sol.adam_step(np.zeros(2), g, {}, lr=1e-3)
    assert theta[0] == pytest.approx(-0.001, abs=1e-8)
    s, r = 0.1 * g, 0.001 * g * g
    assert (-1e-3 * s / (np.sqrt(r) + 1e-8))[0] == pytest.approx(-0.0031619, rel=1e-4)
    theta, state = np.zeros(1), {}
    for _ in range(100):
        new, state = sol.adagrad_step(theta, np.array([0.7]), state, lr=0.1, delta=0.0)
        step, theta = abs(float(new[0] - theta[0])), new
    assert step == pytest.approx(0.01, rel=1e-12)
    theta, _ = sol.rmsprop_step(np.zeros(1), np.array([1e-4]), {}, lr=1e-3, rho=0.9, delta=1e-6)
    assert theta[0] == pytest.approx(-9.9950037e-05, rel=1e-7)
    torch_theta, _, _ = torch_trajectory(lambda ps: torch.optim.RMSprop(ps, lr=1e-3, alpha=0.9, eps=1e-6),
                                         np.zeros(1), 1, [np.array([1e-4])])
    assert torch_theta[0, 0] == pytest.approx(-0.003065343, rel=1e-7)
