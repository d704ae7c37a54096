"""Hidden grading tests for 7.8 Early Stopping.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs. Training callbacks are test functions (``Fn``) built
in the worker: ``gd_quadratic_steps`` (gradient steps on a quadratic, optionally in place),
``count_steps`` (θ + n·step, so θ[0] counts steps) and ``curve_lookup`` (a given validation
curve read off that counter).
"""
import numpy as np
import pytest

from autograder.testing import Fn, assert_close, assert_shape, materialize

pytestmark = pytest.mark.section("7.8")

BOOK_CURVE = np.array([5.0, 4.0, 3.0, 3.5, 3.2, 3.0, 2.0])


# early_stopping_from_curve ---------------------------------------------------------------
def check_curve(impl, ref, curve, n, p, what):
    curve = np.asarray(curve, dtype=float)
    got = impl.early_stopping_from_curve(curve, n, p)
    assert isinstance(got, (tuple, list)) and len(got) == 3, f"{what}: return the tuple (i_star, i_stop, v_star)"
    assert_close(got, ref.early_stopping_from_curve(curve, n, p), f"{what}: (i_star, i_stop, v_star)")


def test_early_stopping_from_curve_ties_do_not_improve(impl, ref):
    check_curve(impl, ref, BOOK_CURVE, 10, 3, "curve [5, 4, 3, 3.5, 3.2, 3.0, 2.0], n=10, p=3 (3.0 ties)")
    check_curve(impl, ref, BOOK_CURVE, 7, 4, "the same curve with n=7, p=4 (2.0 is reached)")
    check_curve(impl, ref, [4.0, 2.0, 2.0, 2.0, 2.0, 1.0], 1, 3, "a plateau of exact ties, n=1, p=3")
    check_curve(impl, ref, [4.0, 2.0, 2.0, 2.0, 2.0, 1.0], 2, 4, "a plateau of exact ties, n=2, p=4")


def test_early_stopping_from_curve_monotone_and_u_shaped(impl, ref):
    check_curve(impl, ref, [9.0, 7.0, 6.5, 6.4, 6.35, 6.3], 3, 2, "a strictly decreasing curve (runs to its end)")
    u = (np.arange(12) - 4.3) ** 2 + 1.0
    for p in (1, 2, 5, 8):
        check_curve(impl, ref, u, 5, p, f"a U-shaped curve of 12 evaluations, n=5, patience {p}")
    # A dip that ends with the curve: the patience has not run out when the data ends.
    check_curve(impl, ref, [3.0, 2.0, 2.5, 2.6, 1.5, 1.9], 10, 3, "a curve that ends while still patient")


def test_early_stopping_from_curve_noisy_curves(impl, ref):
    rng = np.random.default_rng(78)
    for trial in range(6):
        steps = np.arange(1, 31)
        noisy = 1.0 / steps + 0.004 * steps + 0.03 * rng.normal(size=30)
        curve = np.round(noisy, 2)  # rounding makes exact ties common
        n, p = int(rng.integers(1, 6)), int(rng.integers(1, 7))
        check_curve(impl, ref, curve, n, p, f"a noisy U-shaped curve (trial {trial}), n={n}, p={p}")


def test_early_stopping_from_curve_edge_cases(impl, ref):
    check_curve(impl, ref, [2.5], 4, 3, "a curve with one evaluation")
    check_curve(impl, ref, [2.0, 3.0], 1, 10, "patience larger than the curve")
    check_curve(impl, ref, np.zeros(0), 10, 2, "an empty curve (returns the initial values)")


def test_early_stopping_from_curve_is_pure(impl, ref):
    curve = np.array([3.0, 2.5, 2.6, 2.4, 2.45, 2.7, 2.8, 2.1])
    got = impl.pure("early_stopping_from_curve", curve, 2, 2)
    assert_close(got, ref.early_stopping_from_curve(curve, 2, 2), "early_stopping_from_curve on an 8-point curve")


# early_stopping_train --------------------------------------------------------------------
def quad_scenario(seed, d=4, lr=0.05, inplace=False):
    """GD on one quadratic, validation error another: a U-shaped validation curve."""
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(d, d))
    H = M @ M.T / d + 0.1 * np.eye(d)
    w_tr = rng.normal(size=d) * 2.0
    Mv = rng.normal(size=(d, d))
    Hv = Mv @ Mv.T / d + 0.1 * np.eye(d)
    H, Hv = (H + H.T) / 2, (Hv + Hv.T) / 2
    w_va = 0.5 * w_tr + 0.5 * rng.normal(size=d)
    train = Fn("gd_quadratic_steps", H=H.tolist(), w_star=w_tr.tolist(), lr=lr, inplace=inplace)
    val = Fn("quadratic", A=Hv.tolist(), b=(-Hv @ w_va).tolist(), c=float(0.5 * w_va @ Hv @ w_va))
    return train, val


def check_train(impl, ref, args, what):
    got = impl.early_stopping_train(*args)
    assert isinstance(got, (tuple, list)) and len(got) == 2, f"{what}: return the tuple (theta_star, i_star)"
    want = ref.early_stopping_train(*materialize(args))
    assert_shape(got[0], want[0].shape, f"{what}: theta_star")
    assert_close(got[0], want[0], f"{what}: theta_star")
    assert_close(got[1], want[1], f"{what}: i_star")


def test_early_stopping_train_on_a_quadratic(impl, ref):
    # Validation minima after about 77 (seed 1) and 56 (seed 7) gradient steps.
    train, val = quad_scenario(1)
    check_train(impl, ref, (np.zeros(4), train, val, 5, 3, 100), "GD on a quadratic, n=5, p=3")
    train, val = quad_scenario(7)
    check_train(impl, ref, (np.full(4, 0.1), train, val, 2, 6, 200), "GD on a quadratic from θ0 = 0.1, n=2, p=6")


def test_early_stopping_train_stores_a_copy(impl, ref):
    # train_steps changes θ in place and returns it: a stored reference would follow training.
    train, val = quad_scenario(5, inplace=True)
    check_train(impl, ref, (np.zeros(4), train, val, 4, 3, 100),
                "GD that updates θ in place (store a copy of the best θ)")


def test_early_stopping_train_tied_curve(impl, ref):
    # θ[0] counts the steps; the validation curve is the book example with an exact tie at 3.0.
    train = Fn("count_steps", step=[1.0, -0.5, 2.0], inplace=True)
    val = Fn("curve_lookup", values=BOOK_CURVE.tolist(), n=10)
    check_train(impl, ref, (np.zeros(3), train, val, 10, 3, 50),
                "curve [5, 4, 3, 3.5, 3.2, 3.0, 2.0] read every 10 steps, p=3, in-place training")
    check_train(impl, ref, (np.zeros(3), Fn("count_steps", step=[1.0, -0.5, 2.0]), val, 10, 4, 50),
                "the same curve with p=4 (reaches 2.0)")


def test_early_stopping_train_first_evaluation_always_improves(impl, ref):
    # The validation error only grows from θ0; Algorithm 7.1 starts from v = ∞, so i* = n.
    train = Fn("count_steps", step=[1.0, -0.5, 2.0])
    val = Fn("quadratic", A=np.eye(3).tolist())
    check_train(impl, ref, (np.zeros(3), train, val, 3, 2, 20),
                "a validation error that rises from the start (v starts at infinity, θ0 is not evaluated)")


def test_early_stopping_train_max_evals(impl, ref):
    train = Fn("count_steps", step=[1.0, 0.25])
    val = Fn("curve_lookup", values=[9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0], n=5)
    check_train(impl, ref, (np.zeros(2), train, val, 5, 2, 4), "a curve that keeps improving, max_evals=4")
    check_train(impl, ref, (np.array([0.0, 1.5]), train, val, 5, 2, 0), "max_evals=0 (returns θ0 and 0)")


def test_early_stopping_train_stops_where_algorithm_7_1_stops(impl, ref):
    # The total number of training steps requested must be the i of the last evaluation.
    for seed, n, p in ((1, 5, 3), (7, 3, 2)):
        train, val = quad_scenario(seed)
        reply = impl.call("early_stopping_train", np.zeros(4), train, val, n, p, 200)
        steps = [c for c in reply.calls if c[0] == "gd_quadratic_steps"]
        total = sum(int(round(float(np.asarray(args[1], dtype=float).reshape(-1)[0]))) for _, args in steps)
        t, v = materialize(train), materialize(val)
        requested = []
        ref.early_stopping_train(np.zeros(4), lambda th, k: requested.append(k) or t(th, k), v, n, p, 200)
        assert total == sum(requested), \
            f"GD on a quadratic, n={n}, p={p}: trained {total} steps in all, not as many as Algorithm 7.1 runs"


def test_early_stopping_train_is_pure(impl, ref):
    # Also with a train_steps that works in place: theta0 itself must not be trained.
    train, val = quad_scenario(1, inplace=True)
    args = (np.full(4, 0.2), train, val, 5, 3, 100)
    got = impl.pure("early_stopping_train", *args)
    want = ref.early_stopping_train(*materialize(args))
    assert_close(got, want, "early_stopping_train with in-place training (theta_star, i_star)")


# gd_quadratic_iterate --------------------------------------------------------------------
def random_spd(rng, d, scale=1.0):
    M = rng.normal(size=(d, d))
    H = scale * (M @ M.T / d + 0.05 * np.eye(d))
    return (H + H.T) / 2


@pytest.mark.parametrize("d,tau,lr_frac", [pytest.param(3, 5, 0.5, id="d3-tau5"),
                                           pytest.param(5, 40, 1.6, id="d5-tau40-oscillating")])
def test_gd_quadratic_iterate_random(impl, ref, d, tau, lr_frac):
    rng = np.random.default_rng(10 * d + tau)
    H = random_spd(rng, d, scale=3.0)
    w_star = rng.normal(size=d) * 2.0
    lr = lr_frac / np.linalg.eigvalsh(H).max()  # ελ_max = lr_frac (above 1: the iterates oscillate)
    got = impl.gd_quadratic_iterate(H, w_star, lr, tau)
    assert_shape(got, (d,), "gd_quadratic_iterate")
    assert_close(got, ref.gd_quadratic_iterate(H, w_star, lr, tau),
                 f"gd_quadratic_iterate on a random {d}x{d} H, τ={tau}, ελ_max={lr_frac}")


def test_gd_quadratic_iterate_consecutive_steps(impl, ref):
    rng = np.random.default_rng(3)
    H = random_spd(rng, 4)
    w_star = np.array([1.0, -2.0, 0.5, 3.0])
    for tau in range(7):
        assert_close(impl.gd_quadratic_iterate(H, w_star, 0.3, tau), ref.gd_quadratic_iterate(H, w_star, 0.3, tau),
                     f"gd_quadratic_iterate after τ={tau} steps")


def test_gd_quadratic_iterate_singular_and_repeated(impl, ref):
    rng = np.random.default_rng(4)
    v = rng.normal(size=(3, 2))
    H = v @ v.T  # rank 2: no progress along the null direction
    H = (H + H.T) / 2
    w_star = np.array([1.0, 2.0, -1.0])
    assert_close(impl.gd_quadratic_iterate(H, w_star, 0.1, 25), ref.gd_quadratic_iterate(H, w_star, 0.1, 25),
                 "gd_quadratic_iterate with a singular H (rank 2 of 3)")
    H = np.diag([2.0, 2.0, 0.5, 0.5])  # repeated eigenvalues
    w_star = np.array([1.0, -1.0, 3.0, 0.5])
    assert_close(impl.gd_quadratic_iterate(H, w_star, 0.2, 6), ref.gd_quadratic_iterate(H, w_star, 0.2, 6),
                 "gd_quadratic_iterate with repeated eigenvalues")


def test_gd_quadratic_iterate_is_pure(impl, ref):
    rng = np.random.default_rng(5)
    H, w_star = random_spd(rng, 3), rng.normal(size=3)
    got = impl.pure("gd_quadratic_iterate", H, w_star, 0.2, 9)
    assert_close(got, ref.gd_quadratic_iterate(H, w_star, 0.2, 9), "gd_quadratic_iterate on a random 3x3 H, τ=9")


# equivalent_weight_decay -----------------------------------------------------------------
def test_equivalent_weight_decay_random(impl, ref):
    rng = np.random.default_rng(6)
    for lr, tau in ((0.1, 10), (0.01, 250), (1e-3, 37)):
        lam = rng.uniform(1e-3, 1.0, size=7) / lr  # 1e-3 <= ελ <= 1
        got = impl.equivalent_weight_decay(lam, lr, tau)
        assert_shape(got, (7,), "equivalent_weight_decay")
        assert_close(got, ref.equivalent_weight_decay(lam, lr, tau), f"equivalent_weight_decay, ε={lr}, τ={tau}")


def test_equivalent_weight_decay_edge_cases(impl, ref):
    lam = np.array([0.0, 0.5, 10.0, 2.0])
    assert_close(impl.equivalent_weight_decay(lam, 0.1, 12), ref.equivalent_weight_decay(lam, 0.1, 12),
                 "equivalent_weight_decay with λ = 0 (the limit 1/(τε)) and ελ = 1 (α = 0)")
    assert_close(impl.equivalent_weight_decay(lam, 0.1, 0), ref.equivalent_weight_decay(lam, 0.1, 0),
                 "equivalent_weight_decay with τ = 0 (infinite weight decay)")


def test_equivalent_weight_decay_is_pure(impl, ref):
    lam = np.array([3.0, 0.2, 0.02, 1.5])
    got = impl.pure("equivalent_weight_decay", lam, 0.05, 40)
    assert_close(got, ref.equivalent_weight_decay(lam, 0.05, 40), "equivalent_weight_decay, ε=0.05, τ=40")
