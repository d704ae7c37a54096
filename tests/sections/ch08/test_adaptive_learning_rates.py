"""Hidden grading tests for 8.5 Algorithms with Adaptive Learning Rates.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs. Optimizer steps are run for several consecutive
steps, each implementation fed its own returned state, with a change of learning rate between
steps. Small gradients (|g| ≈ 1e-4 against δ = 1e-6, or |g| ≈ 1e-8 against δ = 1e-8 for Adam)
make the placement of δ inside or outside the square root visible; nonzero velocities make the
Nesterov look-ahead point differ from θ.
"""
import numpy as np
import pytest

from autograder.testing import Fn, assert_close, assert_shape, describe, materialize

pytestmark = pytest.mark.section("8.5")


def step_pair(value, name):
    """A step returns (theta_new, state_new) with state_new a dict."""
    assert isinstance(value, (tuple, list)) and len(value) == 2, \
        f"{name} must return a pair (theta_new, state_new), got {describe(value)}"
    assert isinstance(value[1], dict), f"{name} must return its new state as a dict, got {describe(value[1])}"
    return value


def check_step(impl, ref, name, theta, g, state_impl, state_ref, what, **hyper):
    """One step of both implementations, each on its own state; returns both new states."""
    got = step_pair(getattr(impl, name)(theta, g, state_impl, **hyper), name)
    want = getattr(ref, name)(theta, materialize(g), state_ref, **hyper)
    assert_shape(got[0], np.shape(want[0]), f"{name}: theta_new ({what})")
    assert_close(got, want, f"{name} (theta_new, state_new) ({what})")
    return got[1], want[1]


def mixed_scale_grads(seed, shape, n):
    """n gradients whose coordinates live on very different scales (the point of adaptivity)."""
    rng = np.random.default_rng(seed)
    scale = 10.0 ** rng.uniform(-2, 1, size=shape)
    return [rng.normal(size=shape) * scale for _ in range(n)]


def trajectory(impl, ref, name, theta0, grads, lrs, what, **hyper):
    """Both implementations step from theta0 and the empty state, each on its own θ and state;
    compared after every step."""
    th_impl, th_ref, s_impl, s_ref = theta0, theta0, {}, {}
    for k, (g, lr) in enumerate(zip(grads, lrs)):
        got = step_pair(getattr(impl, name)(th_impl, g, s_impl, lr=lr, **hyper), name)
        want = getattr(ref, name)(th_ref, g, s_ref, lr=lr, **hyper)
        label = f"{what}, step {k + 1} of {len(grads)} (lr={lr}), fed your own theta and state"
        assert_shape(got[0], np.shape(want[0]), f"{name}: theta_new ({label})")
        assert_close(got, want, f"{name} (theta_new, state_new) ({label})")
        th_impl, s_impl = got
        th_ref, s_ref = want


# adagrad_step ------------------------------------------------------------------------------------
@pytest.mark.parametrize("shape", [pytest.param((5,), id="vector-5"), pytest.param((3, 4), id="matrix-3x4")])
def test_adagrad_step_first_step(impl, ref, shape):
    rng = np.random.default_rng(sum(shape))
    theta, g = rng.normal(size=shape), mixed_scale_grads(1, shape, 1)[0]
    check_step(impl, ref, "adagrad_step", theta, g, {}, {}, f"first step from the empty state, theta {shape}",
               lr=0.1)


def test_adagrad_step_consecutive_steps(impl, ref):
    # The learning rate changes between steps; r keeps summing every squared gradient.
    grads = mixed_scale_grads(2, (4,), 6)
    trajectory(impl, ref, "adagrad_step", np.array([1.0, -2.0, 0.5, 3.0]), grads,
               [0.1, 0.1, 0.1, 0.03, 0.03, 0.5], "6 AdaGrad steps", delta=1e-7)


def test_adagrad_step_small_gradients_and_zeros(impl, ref):
    # |g| ≈ 1e-4 and δ = 1e-6: ε/(δ + √r) and ε/√(δ + r) differ by a factor of ten.
    # A coordinate whose gradient has always been 0 does not move (0/(δ + 0)).
    rng = np.random.default_rng(3)
    theta = rng.normal(size=5)
    g = 1e-4 * np.array([1.0, -2.0, 0.5, 0.0, 3.0])
    state = {"r": 1e-8 * np.array([1.0, 0.5, 2.0, 0.0, 0.1])}
    check_step(impl, ref, "adagrad_step", theta, g, {}, {}, "|g| about 1e-4 from the empty state, delta=1e-6",
               lr=0.01, delta=1e-6)
    check_step(impl, ref, "adagrad_step", theta, g, state, state, "|g| about 1e-4 with a given small r, delta=1e-6",
               lr=0.01, delta=1e-6)


def test_adagrad_step_is_pure(impl, ref):
    rng = np.random.default_rng(4)
    theta, g = rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    for state, label in [({"r": rng.uniform(0.1, 2.0, size=(2, 3))}, "a given r"), ({}, "the empty state")]:
        got = step_pair(impl.pure("adagrad_step", theta, g, state, lr=0.05), "adagrad_step")
        assert_close(got, ref.adagrad_step(theta, g, state, lr=0.05), f"adagrad_step with {label} (purity case)")


# rmsprop_step ------------------------------------------------------------------------------------
@pytest.mark.parametrize("shape,rho", [pytest.param((6,), 0.9, id="vector-6-default-rho"),
                                       pytest.param((4, 3), 0.5, id="matrix-4x3-rho-0.5")])
def test_rmsprop_step_first_step(impl, ref, shape, rho):
    rng = np.random.default_rng(10 + sum(shape))
    theta, g = rng.normal(size=shape), mixed_scale_grads(11, shape, 1)[0]
    check_step(impl, ref, "rmsprop_step", theta, g, {}, {}, f"first step from the empty state, theta {shape}",
               lr=0.01, rho=rho)


def test_rmsprop_step_consecutive_steps(impl, ref):
    grads = mixed_scale_grads(12, (5,), 8)
    trajectory(impl, ref, "rmsprop_step", np.array([0.5, -1.0, 2.0, 0.0, -3.0]), grads,
               [0.01, 0.01, 0.01, 0.05, 0.05, 0.05, 0.002, 0.002], "8 RMSProp steps, rho=0.8", rho=0.8, delta=1e-6)


def test_rmsprop_step_small_gradients_delta_inside_sqrt(impl, ref):
    # |g| ≈ 1e-4 and δ = 1e-6: √(δ + r) ≈ 1e-3 (the book), while √r + δ ≈ 1e-4 (PyTorch).
    rng = np.random.default_rng(13)
    theta = rng.normal(size=4)
    grads = [1e-4 * rng.choice([-1.0, 1.0], size=4) * rng.uniform(0.5, 2.0, size=4) for _ in range(3)]
    trajectory(impl, ref, "rmsprop_step", theta, grads, [1e-3, 1e-3, 1e-3],
               "RMSProp with |g| about 1e-4 and delta=1e-6", rho=0.9, delta=1e-6)


def test_rmsprop_step_is_pure(impl, ref):
    rng = np.random.default_rng(14)
    theta, g = rng.normal(size=4), rng.normal(size=4)
    for state, label in [({"r": rng.uniform(0.1, 2.0, size=4)}, "a given r"), ({}, "the empty state")]:
        got = step_pair(impl.pure("rmsprop_step", theta, g, state, lr=0.01, rho=0.7), "rmsprop_step")
        assert_close(got, ref.rmsprop_step(theta, g, state, lr=0.01, rho=0.7),
                     f"rmsprop_step with {label} (purity case)")


# rmsprop_nesterov_step ---------------------------------------------------------------------------
# Gradients of ½xᵀ(A + Aᵀ)x/2 + bᵀx with a non-symmetric, ill-conditioned A.
A3 = [[4.0, 1.0, 0.0], [-0.5, 0.5, 0.3], [0.2, 0.0, 0.1]]
B3 = [1.0, -0.5, 0.2]


def nesterov_run(impl, ref, fn, theta0, state0, lrs, what, rho, alpha, delta=0.0):
    """Consecutive rmsprop_nesterov_step calls, each implementation on its own θ and state;
    checks the value and that grad_fn was called exactly once, at θ + αv, every step."""
    th_impl, th_ref, s_impl, s_ref = theta0, theta0, dict(state0), dict(state0)
    grad_fn = materialize(fn)
    for k, lr in enumerate(lrs):
        label = f"{what}, step {k + 1} of {len(lrs)} (lr={lr}), fed your own theta and state"
        reply = impl.call("rmsprop_nesterov_step", th_impl, fn, s_impl, lr, rho, alpha, delta)
        got = step_pair(reply.value, "rmsprop_nesterov_step")
        v_ref = np.asarray(s_ref.get("v", np.zeros_like(th_ref)), dtype=float)
        want = ref.rmsprop_nesterov_step(th_ref, grad_fn, s_ref, lr, rho, alpha, delta)
        calls = [c for c in reply.calls if c[0] == fn.name]
        assert len(calls) == 1, f"grad_fn was called {len(calls)} times in one step ({label}); call it exactly once"
        assert calls[0][1] and calls[0][1][0] is not None, f"grad_fn did not receive an array ({label})"
        assert_close(calls[0][1][0], th_ref + alpha * v_ref,
                     f"the point where grad_fn was evaluated (the look-ahead point theta + alpha*v) ({label})")
        assert_shape(got[0], np.shape(want[0]), f"rmsprop_nesterov_step: theta_new ({label})")
        assert_close(got, want, f"rmsprop_nesterov_step (theta_new, state_new) ({label})")
        th_impl, s_impl = got
        th_ref, s_ref = want


def test_rmsprop_nesterov_step_consecutive_steps(impl, ref):
    nesterov_run(impl, ref, Fn("quadratic_grad", A=A3, b=B3), np.array([1.5, -2.0, 3.0]), {},
                 [0.05] * 4 + [0.01] * 3, "7 steps on a quadratic from the empty state, rho=0.9, alpha=0.8",
                 rho=0.9, alpha=0.8)


def test_rmsprop_nesterov_step_from_a_given_velocity(impl, ref):
    # With v ≠ 0 the look-ahead point θ + αv is not θ, from the very first call.
    rng = np.random.default_rng(20)
    state = {"r": rng.uniform(0.5, 3.0, size=3), "v": np.array([0.3, -0.4, 0.25])}
    nesterov_run(impl, ref, Fn("quadratic_grad", A=A3, b=B3), np.array([0.7, 1.1, -0.6]), state,
                 [0.02, 0.02, 0.1], "3 steps from a given r and v, rho=0.6, alpha=0.9", rho=0.6, alpha=0.9)


def test_rmsprop_nesterov_step_with_delta_and_rosenbrock(impl, ref):
    # A positive δ goes inside the root (|g| about 1e-4 makes its placement visible), and a
    # non-quadratic gradient.
    small = Fn("quadratic_grad", A=[[2e-4, 0.0], [0.0, 1e-4]], b=[0.0, -1e-4])
    nesterov_run(impl, ref, small, np.array([0.5, -0.8]), {}, [1e-3] * 4,
                 "4 steps with |g| about 1e-4 and delta=1e-6", rho=0.9, alpha=0.5, delta=1e-6)
    nesterov_run(impl, ref, Fn("rosenbrock_grad"), np.array([-1.2, 1.0, 0.5]), {}, [1e-3] * 5,
                 "5 steps on the Rosenbrock function, delta=1e-8", rho=0.95, alpha=0.9, delta=1e-8)


def test_rmsprop_nesterov_step_is_pure(impl, ref):
    fn = Fn("quadratic_grad", A=A3, b=B3)
    theta = np.array([0.2, -0.7, 1.3])
    for state, label in [({"r": np.array([0.5, 1.0, 2.0]), "v": np.array([-0.1, 0.2, 0.05])}, "a given r and v"),
                         ({}, "the empty state")]:
        got = step_pair(impl.pure("rmsprop_nesterov_step", theta, fn, state, 0.01, 0.9, 0.7), "rmsprop_nesterov_step")
        assert_close(got, ref.rmsprop_nesterov_step(theta, materialize(fn), state, 0.01, 0.9, 0.7),
                     f"rmsprop_nesterov_step with {label} (purity case)")


# adam_step ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("shape", [pytest.param((5,), id="vector-5"), pytest.param((2, 3), id="matrix-2x3")])
def test_adam_step_first_step(impl, ref, shape):
    # Bias correction matters most on the first step: ŝ = g and r̂ = g², so |Δθ| ≈ ε.
    rng = np.random.default_rng(30 + sum(shape))
    theta, g = rng.normal(size=shape), mixed_scale_grads(31, shape, 1)[0]
    check_step(impl, ref, "adam_step", theta, g, {}, {}, f"first step from the empty state, theta {shape}")


def test_adam_step_consecutive_steps(impl, ref):
    grads = mixed_scale_grads(32, (4,), 8)
    trajectory(impl, ref, "adam_step", np.array([1.0, 0.0, -2.0, 0.5]), grads,
               [0.01, 0.01, 0.01, 0.1, 0.1, 0.003, 0.003, 0.003], "8 Adam steps, rho1=0.8, rho2=0.95",
               rho1=0.8, rho2=0.95, delta=1e-8)


def test_adam_step_resumes_from_a_late_state(impl, ref):
    # A state after 50 steps: the step uses t = 51 in both corrections and stores t = 51.
    rng = np.random.default_rng(33)
    theta, g = rng.normal(size=4), rng.normal(size=4)
    state = {"s": 0.3 * rng.normal(size=4), "r": rng.uniform(0.1, 1.0, size=4), "t": 50}
    check_step(impl, ref, "adam_step", theta, g, state, state, "from a state with t = 50, rho2=0.99",
               lr=0.002, rho2=0.99)
    state = {"s": 0.3 * rng.normal(size=4), "r": rng.uniform(0.1, 1.0, size=4), "t": 3}
    check_step(impl, ref, "adam_step", theta, g, state, state, "from a state with t = 3, default rhos")


def test_adam_step_tiny_gradients(impl, ref):
    # |g| ≈ 1e-8 = δ: tells √r̂ + δ from √(r̂ + δ) and from the "efficient" form
    # ε√(1−ρ2ᵗ)/(1−ρ1ᵗ)·s/(√r + δ).
    rng = np.random.default_rng(34)
    grads = [1e-8 * rng.uniform(0.5, 2.0, size=3) * np.array([1.0, -1.0, 1.0]) for _ in range(3)]
    trajectory(impl, ref, "adam_step", rng.normal(size=3), grads, [1e-3] * 3, "Adam with |g| about 1e-8, delta=1e-8")


def test_adam_step_is_pure(impl, ref):
    rng = np.random.default_rng(35)
    theta, g = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
    for state, label in [({"s": rng.normal(size=(3, 2)), "r": rng.uniform(0.1, 1.0, size=(3, 2)), "t": 7},
                          "a given s, r, t"), ({}, "the empty state")]:
        got = step_pair(impl.pure("adam_step", theta, g, state, lr=0.01), "adam_step")
        assert_close(got, ref.adam_step(theta, g, state, lr=0.01), f"adam_step with {label} (purity case)")
