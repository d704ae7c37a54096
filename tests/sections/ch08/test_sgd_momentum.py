"""Hidden grading tests for 8.3 Basic Algorithms.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs. Optimizer steps run several times in a row, each
call fed the state that the student's previous call returned (plain data); the reference runs
its own chain. Gradient functions are ``Fn("quadratic_grad", ...)`` test functions whose calls
are recorded. ``run_optimizer`` receives a step function kept in the worker: the module's given
toy steps ``_decaying_gd_step`` (second parameter ``grad``, a step counter in the state) and
``_shifted_gd_step`` (second parameter ``grad_fn``), fetched by the given ``_step_function``,
so that run_optimizer is graded on its own, whatever the student's momentum steps do.
"""
import numpy as np
import pytest

from autograder.testing import Fn, assert_close, assert_shape, describe, materialize

pytestmark = pytest.mark.section("8.3")


def step_pair(value, name):
    """(theta_new, state_new) with a velocity in the state, or a readable failure."""
    assert isinstance(value, (tuple, list)) and len(value) == 2, \
        f"{name} must return a pair (theta_new, state_new), got {describe(value)}"
    assert isinstance(value[1], dict) and "v" in value[1], \
        f"{name}: state_new must be a dict with the key 'v', got {describe(value[1])}"
    return value


def ill_conditioned(seed, d, cond=50.0):
    """A rotated, ill-conditioned, non-symmetric A (the gradient uses ½(A + Aᵀ)) and a shift b."""
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    S = Q @ np.diag(np.geomspace(1.0, cond, d)) @ Q.T
    K = rng.normal(size=(d, d))
    A = S + 0.3 * (K - K.T)  # the antisymmetric part drops out of the gradient
    return Fn("quadratic_grad", A=A.tolist(), b=rng.normal(size=d).tolist())


# sgd_step -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("k", [pytest.param(0, id="k0-eps0"), pytest.param(3, id="mid-decay"),
                               pytest.param(13, id="after-tau")])
def test_sgd_step_random(impl, ref, k):
    rng = np.random.default_rng(10 + k)
    theta, grad = rng.normal(size=5), rng.normal(size=5)
    got = impl.sgd_step(theta, grad, k, 0.2, 0.02, 8)
    assert_shape(got, (5,), "sgd_step output")
    assert_close(got, ref.sgd_step(theta, grad, k, 0.2, 0.02, 8),
                 f"sgd_step at k={k} with eps0=0.2, eps_tau=0.02, tau=8")


@pytest.mark.parametrize("eps0,eps_tau,tau", [pytest.param(0.3, 0.003, 9, id="decay-tau9"),
                                              pytest.param(0.01, 0.05, 4, id="increasing-tau4"),
                                              pytest.param(0.5, 0.1, 1, id="tau1")])
def test_sgd_step_schedule_over_iterations(impl, ref, eps0, eps_tau, tau):
    # Every k from 0 to past τ: the first step uses ε0, step τ uses ε_τ exactly, then it stays there.
    theta, grad = np.array([0.7, -1.1, 2.0]), np.array([1.5, 0.25, -3.0])
    for k in range(tau + 4):
        assert_close(impl.sgd_step(theta, grad, k, eps0, eps_tau, tau),
                     ref.sgd_step(theta, grad, k, eps0, eps_tau, tau),
                     f"sgd_step at iteration k={k} (eps0={eps0}, eps_tau={eps_tau}, tau={tau}; k counts from 0)")


def test_sgd_step_is_pure(impl, ref):
    rng = np.random.default_rng(12)
    theta, grad = rng.normal(size=4), rng.normal(size=4)
    assert_close(impl.pure("sgd_step", theta, grad, 2, 0.1, 0.01, 5), ref.sgd_step(theta, grad, 2, 0.1, 0.01, 5),
                 "sgd_step (purity case)")


# momentum_step ------------------------------------------------------------------------------------
def test_momentum_step_from_empty_state(impl, ref):
    rng = np.random.default_rng(20)
    theta, grad = rng.normal(size=4), rng.normal(size=4)
    got = step_pair(impl.momentum_step(theta, grad, {}, 0.1, 0.9), "momentum_step")
    assert_close(got, ref.momentum_step(theta, grad, {}, 0.1, 0.9),
                 "(theta_new, {'v': v_new}) of the first momentum step (empty state: v = 0)")


def test_momentum_step_from_a_given_velocity(impl, ref):
    rng = np.random.default_rng(21)
    theta, grad, v = rng.normal(size=5), rng.normal(size=5), rng.normal(size=5)
    got = step_pair(impl.momentum_step(theta, grad, {"v": v}, lr=0.05, alpha=0.7), "momentum_step")
    assert_close(got, ref.momentum_step(theta, grad, {"v": v}, lr=0.05, alpha=0.7),
                 "(theta_new, {'v': v_new}) of a momentum step from a given velocity (lr=0.05, alpha=0.7)")


def test_momentum_step_consecutive_steps(impl, ref):
    # Eight steps, each fed the state the previous call returned; the gradients change every step.
    rng = np.random.default_rng(22)
    grads = rng.normal(size=(8, 3)) * np.array([1.0, 5.0, 0.2])
    theta_i = theta_r = np.array([1.0, -2.0, 0.5])
    state_i, state_r = {}, {}
    for t, g in enumerate(grads):
        theta_i, state_i = step_pair(impl.momentum_step(theta_i, g, state_i, lr=0.1, alpha=0.9), "momentum_step")
        theta_r, state_r = ref.momentum_step(theta_r, g, state_r, lr=0.1, alpha=0.9)
        assert_close(theta_i, theta_r, f"theta after momentum step {t + 1} (lr=0.1, alpha=0.9)")
        assert_close(state_i["v"], state_r["v"], f"state['v'] after momentum step {t + 1} (v = αv − εg)")


def test_momentum_step_changing_learning_rate(impl, ref):
    # The book's v carries the past learning rates: a change of ε between steps shows the parametrization.
    rng = np.random.default_rng(23)
    theta_i = theta_r = rng.normal(size=4)
    state_i, state_r = {}, {}
    for t, lr in enumerate([0.1, 0.1, 0.02, 0.3, 0.05]):
        g = rng.normal(size=4)
        theta_i, state_i = step_pair(impl.momentum_step(theta_i, g, state_i, lr=lr, alpha=0.8), "momentum_step")
        theta_r, state_r = ref.momentum_step(theta_r, g, state_r, lr=lr, alpha=0.8)
        assert_close((theta_i, state_i["v"]), (theta_r, state_r["v"]),
                     f"(theta, v) after momentum step {t + 1}, where the learning rate changed to {lr}")


def test_momentum_step_is_pure(impl, ref):
    rng = np.random.default_rng(24)
    theta, grad, v = rng.normal(size=3), rng.normal(size=3), rng.normal(size=3)
    assert_close(step_pair(impl.pure("momentum_step", theta, grad, {"v": v}, 0.1, 0.5), "momentum_step"),
                 ref.momentum_step(theta, grad, {"v": v}, 0.1, 0.5), "momentum_step (purity case, given velocity)")
    assert_close(step_pair(impl.pure("momentum_step", theta, grad, {}, 0.1, 0.5), "momentum_step"),
                 ref.momentum_step(theta, grad, {}, 0.1, 0.5), "momentum_step (purity case, empty state)")


# nesterov_step ------------------------------------------------------------------------------------
def test_nesterov_step_calls_grad_once_at_look_ahead(impl, ref):
    rng = np.random.default_rng(30)
    fn = ill_conditioned(30, 4)
    theta, v = rng.normal(size=4), rng.normal(size=4)
    reply = impl.call("nesterov_step", theta, fn, {"v": v}, 0.05, 0.9)
    assert_close(step_pair(reply.value, "nesterov_step"),
                 ref.nesterov_step(theta, materialize(fn), {"v": v}, 0.05, 0.9),
                 "(theta_new, {'v': v_new}) of a Nesterov step from a given velocity")
    calls = [c for c in reply.calls if c[0] == "quadratic_grad"]
    assert len(calls) == 1, f"grad_fn was called {len(calls)} times in one Nesterov step (expected exactly once)"
    assert calls[0][1] and calls[0][1][0] is not None, "grad_fn did not receive an array"
    assert_close(calls[0][1][0], theta + 0.9 * v, "the point where grad_fn was evaluated (the look-ahead θ + αv)")


def test_nesterov_step_from_empty_state(impl, ref):
    fn = ill_conditioned(31, 3)
    theta = np.array([2.0, -1.0, 0.5])
    reply = impl.call("nesterov_step", theta, fn, {}, 0.1, 0.9)
    assert_close(step_pair(reply.value, "nesterov_step"), ref.nesterov_step(theta, materialize(fn), {}, 0.1, 0.9),
                 "(theta_new, {'v': v_new}) of the first Nesterov step (empty state: v = 0)")
    calls = [c for c in reply.calls if c[0] == "quadratic_grad"]
    assert len(calls) == 1, f"grad_fn was called {len(calls)} times in one Nesterov step (expected exactly once)"
    assert calls[0][1] and calls[0][1][0] is not None, "grad_fn did not receive an array"
    assert_close(calls[0][1][0], theta, "the point where grad_fn was evaluated on the first step (v = 0: θ itself)")


def test_nesterov_step_consecutive_steps(impl, ref):
    # Ten steps on an ill-conditioned quadratic, a change of learning rate half-way, each call fed
    # the student's own previous state; every step evaluates the gradient once, at θ + αv.
    fn = ill_conditioned(32, 5, cond=80.0)
    grad_ref = materialize(fn)
    theta_i = theta_r = np.random.default_rng(32).normal(size=5) * 3
    state_i, state_r = {}, {}
    for t in range(10):
        lr = 0.01 if t < 5 else 0.004
        reply = impl.call("nesterov_step", theta_i, fn, state_i, lr=lr, alpha=0.9)
        theta_i, state_i = step_pair(reply.value, "nesterov_step")
        theta_r, state_r = ref.nesterov_step(theta_r, grad_ref, state_r, lr=lr, alpha=0.9)
        assert_close((theta_i, state_i["v"]), (theta_r, state_r["v"]),
                     f"(theta, v) after Nesterov step {t + 1} (lr={lr}, alpha=0.9)")
        assert len([c for c in reply.calls if c[0] == "quadratic_grad"]) == 1, \
            f"Nesterov step {t + 1} must call grad_fn exactly once"


def test_nesterov_step_is_pure(impl, ref):
    fn = ill_conditioned(33, 3)
    theta, v = np.array([0.5, 1.5, -1.0]), np.array([0.1, -0.2, 0.3])
    assert_close(step_pair(impl.pure("nesterov_step", theta, fn, {"v": v}, 0.1, 0.6), "nesterov_step"),
                 ref.nesterov_step(theta, materialize(fn), {"v": v}, 0.1, 0.6), "nesterov_step (purity case)")


# run_optimizer ------------------------------------------------------------------------------------
def toy_step(impl, ref, name):
    """A given toy step: a Handle to it in the worker, and the reference module's own function
    (asked for by name too: an attribute of ``ref`` is a caching wrapper whose signature hides
    the parameter names that run_optimizer looks at)."""
    return impl.keep("_step_function", name), ref._step_function(name)


def test_run_optimizer_with_a_grad_step(impl, ref):
    # A step whose second parameter is `grad`: run_optimizer evaluates grad_fn(θ_t) once per step,
    # passes the hyperparameters by keyword and threads the state (the toy step counts in it).
    fn, theta0, n = ill_conditioned(40, 3, cond=5.0), np.array([1.0, -2.0, 3.0]), 6
    step, ref_step = toy_step(impl, ref, "_decaying_gd_step")
    reply = impl.call("run_optimizer", step, theta0, fn, n, lr=0.3)
    want = ref.run_optimizer(ref_step, theta0, materialize(fn), n, lr=0.3)
    assert_shape(reply.value, (n + 1, 3), "run_optimizer trajectory")
    assert_close(reply.value, want, "run_optimizer trajectory with a step of the form step(theta, grad, state, lr=...) "
                                    "whose state counts the steps (row 0 is theta0)")
    calls = [c for c in reply.calls if c[0] == "quadratic_grad"]
    assert len(calls) == n, f"grad_fn was called {len(calls)} times for {n} steps (expected once per step)"
    for t, (_, args) in enumerate(calls):
        assert args and args[0] is not None, f"call {t} of grad_fn did not receive an array"
        assert_close(args[0], want[t], f"the point where grad_fn was evaluated at step {t} (the current θ)")


def test_run_optimizer_with_a_grad_fn_step(impl, ref):
    # A step whose second parameter is `grad_fn`: it gets grad_fn itself and decides where to evaluate it.
    fn, theta0, n = ill_conditioned(41, 4, cond=5.0), np.array([0.5, 1.0, -1.0, 2.0]), 5
    shift = np.array([0.1, -0.2, 0.3, 0.0])
    step, ref_step = toy_step(impl, ref, "_shifted_gd_step")
    reply = impl.call("run_optimizer", step, theta0, fn, n, lr=0.2, shift=shift)
    want = ref.run_optimizer(ref_step, theta0, materialize(fn), n, lr=0.2, shift=shift)
    assert_shape(reply.value, (n + 1, 4), "run_optimizer trajectory")
    assert_close(reply.value, want, "run_optimizer trajectory with a step of the form step(theta, grad_fn, state, ...) "
                                    "(pass grad_fn itself when the second parameter is named grad_fn)")
    calls = [c for c in reply.calls if c[0] == "quadratic_grad"]
    assert len(calls) == n, (f"grad_fn was called {len(calls)} times for {n} steps of a grad_fn step "
                             f"(only the step itself calls it, once per step)")


def test_run_optimizer_zero_and_one_step(impl, ref):
    fn, theta0 = ill_conditioned(42, 2, cond=3.0), np.array([1.5, -0.5])
    step, ref_step = toy_step(impl, ref, "_decaying_gd_step")
    got = impl.run_optimizer(step, theta0, fn, 0, lr=0.1)
    assert_shape(got, (1, 2), "run_optimizer trajectory with n_steps=0")
    assert_close(got, ref.run_optimizer(ref_step, theta0, materialize(fn), 0, lr=0.1),
                 "run_optimizer with n_steps=0 (just theta0)")
    assert_close(impl.run_optimizer(step, theta0, fn, 1, lr=0.1),
                 ref.run_optimizer(ref_step, theta0, materialize(fn), 1, lr=0.1), "run_optimizer with n_steps=1")


def test_run_optimizer_is_pure(impl, ref):
    fn, theta0 = ill_conditioned(43, 3, cond=4.0), np.array([1.0, 2.0, -1.0])
    step, ref_step = toy_step(impl, ref, "_decaying_gd_step")
    assert_close(impl.pure("run_optimizer", step, theta0, fn, 4, lr=0.25),
                 ref.run_optimizer(ref_step, theta0, materialize(fn), 4, lr=0.25), "run_optimizer (purity case)")
