"""Self-check for 8.5 (public tests): run `pytest exercises/ch08/test_adaptive_learning_rates.py` or `dlbook check 8.5`.

These check the book's own numbers and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("8.5")


def test_adagrad_step_shrinks_like_one_over_sqrt_t(mod):
    # The same scalar gradient t times: r = t·g², so the t-th step is ε|g|/(δ + √t|g|) ≈ ε/√t.
    theta, state = np.array([0.0]), {}
    for _ in range(100):
        new, state = mod.adagrad_step(theta, np.array([2.0]), state, lr=0.1)
        step, theta = float(abs(new[0] - theta[0])), new
    assert step == pytest.approx(0.01, rel=1e-6), "step 100 is ε/√100 (Algorithm 8.4)"
    np.testing.assert_allclose(state["r"], [400.0], rtol=1e-12, err_msg="r sums all squared gradients")


def test_adagrad_step_delta_outside_the_root(mod):
    g = np.array([1e-4, -3e-4])
    theta, state = mod.adagrad_step(np.array([1.0, 1.0]), g, {}, lr=0.01, delta=1e-6)
    np.testing.assert_allclose(theta, 1.0 - 0.01 * g / (1e-6 + np.abs(g)), rtol=1e-12,
                               err_msg="θ − ε/(δ + √r) ⊙ g with δ outside the square root")
    np.testing.assert_allclose(state["r"], g * g, rtol=1e-12)


def test_rmsprop_step_delta_inside_the_root(mod):
    # |g| = 1e-4, δ = 1e-6: √(δ + r) ≈ 1e-3, so the step is about ε/10, not ≈ 3ε as with √r + δ.
    g = np.array([1e-4, -1e-4])
    theta, state = mod.rmsprop_step(np.zeros(2), g, {}, lr=1e-3, rho=0.9, delta=1e-6)
    np.testing.assert_allclose(state["r"], 0.1 * g * g, rtol=1e-12, err_msg="r ← ρr + (1 − ρ)g⊙g")
    np.testing.assert_allclose(theta, -1e-3 * g / np.sqrt(1e-6 + 0.1 * g * g), rtol=1e-12,
                               err_msg="θ − ε/√(δ + r) ⊙ g with δ inside the square root (Algorithm 8.5)")


def test_rmsprop_nesterov_step_calls_grad_fn_once_at_the_look_ahead_point(mod):
    calls = []

    def grad_fn(x):
        calls.append(np.array(x, dtype=float))
        return 2.0 * np.asarray(x, dtype=float)  # gradient of ‖x‖²

    theta, v, r = np.array([1.0, -2.0]), np.array([0.5, 0.5]), np.array([1.0, 4.0])
    new, state = mod.rmsprop_nesterov_step(theta, grad_fn, {"r": r, "v": v}, lr=0.1, rho=0.5, alpha=0.9)
    assert len(calls) == 1, "grad_fn must be called exactly once per step"
    look = theta + 0.9 * v
    np.testing.assert_allclose(calls[0], look, err_msg="the gradient is taken at θ + αv (Algorithm 8.6)")
    g = 2.0 * look
    r_new = 0.5 * r + 0.5 * g * g
    v_new = 0.9 * v - 0.1 * g / np.sqrt(r_new)
    np.testing.assert_allclose(state["r"], r_new, rtol=1e-12)
    np.testing.assert_allclose(state["v"], v_new, rtol=1e-12)
    np.testing.assert_allclose(new, theta + v_new, rtol=1e-12)


def test_rmsprop_nesterov_without_momentum_is_rmsprop(mod):
    # α = 0: the look-ahead point is θ and v is just the RMSProp step.
    g = np.array([0.3, -1.2, 2.0])
    a, sa = mod.rmsprop_nesterov_step(np.ones(3), lambda x: g, {}, lr=0.01, rho=0.9, alpha=0.0, delta=1e-6)
    b, sb = mod.rmsprop_step(np.ones(3), g, {}, lr=0.01, rho=0.9, delta=1e-6)
    np.testing.assert_allclose(a, b, rtol=1e-12)
    np.testing.assert_allclose(sa["r"], sb["r"], rtol=1e-12)


def test_adam_first_step_is_about_lr(mod):
    # Quiz: g = 1e-3·(3, −4), ε = 1e-3: ŝ = g and r̂ = g², so Δθ = −ε g/(|g| + δ) ≈ −ε·sign(g).
    g = 1e-3 * np.array([3.0, -4.0])
    theta, state = mod.adam_step(np.zeros(2), g, {}, lr=1e-3)
    np.testing.assert_allclose(theta, [-1e-3, 1e-3], atol=1e-8, err_msg="bias-corrected first step (Algorithm 8.7)")
    assert int(state["t"]) == 1, "t is incremented before the bias correction"
    np.testing.assert_allclose(state["s"], 0.1 * g, rtol=1e-12, err_msg="the state stores the uncorrected s")
    np.testing.assert_allclose(state["r"], 0.001 * g * g, rtol=1e-12, err_msg="the state stores the uncorrected r")


def test_steps_leave_their_inputs_alone(mod):
    theta, g = np.array([1.0, 2.0]), np.array([0.5, -0.5])
    for step, state in [(mod.adagrad_step, {}), (mod.rmsprop_step, {"r": np.ones(2)}), (mod.adam_step, {})]:
        before = {k: np.copy(v) for k, v in state.items()}
        step(theta, g, state, lr=0.1)
        np.testing.assert_array_equal(theta, [1.0, 2.0], err_msg=f"{step.__name__} changed theta")
        np.testing.assert_array_equal(g, [0.5, -0.5], err_msg=f"{step.__name__} changed grad")
        assert state.keys() == before.keys(), f"{step.__name__} added keys to the caller's state dict"
        for k in state:
            np.testing.assert_array_equal(state[k], before[k], err_msg=f"{step.__name__} changed state[{k!r}]")
