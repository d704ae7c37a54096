"""Hidden grading tests for 7.5 Noise Robustness (weight noise, label smoothing).

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs.
"""
import numpy as np
import pytest

from autograder.testing import assert_close, assert_shape, describe

pytestmark = pytest.mark.section("7.5")

HUGE_Z = np.array([[1e4, 0.0, -1e4, 5.0],
                   [-1e4, -1e4, -9990.0, -1e4],
                   [5e3, 5e3, 5e3, 5e3],
                   [0.5, -1.0, 2.0, 0.0]])


def net(seed, n, h, m, scale=1.0):
    """Random θ, X, y for a net with n inputs and h hidden units (W is n × h, not square)."""
    rng = np.random.default_rng(seed)
    theta = rng.normal(scale=scale, size=n * h + 2 * h + 1)
    return theta, rng.normal(size=(m, n)), rng.normal(size=m)


def pair(value, name):
    assert isinstance(value, (tuple, list)) and len(value) == 2, \
        f"{name} must return a pair (J, dZ), got {describe(value)}"
    return value


# tanh_net_predict ------------------------------------------------------------------------------
@pytest.mark.parametrize("n,h,m", [pytest.param(3, 4, 5, id="n3-h4-m5"), pytest.param(4, 2, 6, id="n4-h2-m6"),
                                   pytest.param(1, 1, 1, id="n1-h1-m1")])
def test_tanh_net_predict_random(impl, ref, n, h, m):
    theta, X, _ = net(10 * n + h, n, h, m)
    got = impl.tanh_net_predict(theta, X, h)
    assert_shape(got, (m,), "tanh_net_predict output")
    assert_close(got, ref.tanh_net_predict(theta, X, h),
                 f"tanh_net_predict with n={n} inputs, n_hidden={h}, m={m} examples")


def test_tanh_net_predict_is_pure(impl, ref):
    theta, X, _ = net(1, 2, 3, 4)
    assert_close(impl.pure("tanh_net_predict", theta, X, 3), ref.tanh_net_predict(theta, X, 3),
                 "tanh_net_predict (purity case)")


# tanh_net_param_jacobian -----------------------------------------------------------------------
@pytest.mark.parametrize("n,h,m", [pytest.param(3, 2, 4, id="n3-h2-m4"), pytest.param(2, 5, 3, id="n2-h5-m3"),
                                   pytest.param(1, 1, 1, id="n1-h1-m1")])
def test_tanh_net_param_jacobian_random(impl, ref, n, h, m):
    theta, X, _ = net(100 + 10 * n + h, n, h, m)
    got = impl.tanh_net_param_jacobian(theta, X, h)
    P = n * h + 2 * h + 1
    assert_shape(got, (m, P), "tanh_net_param_jacobian output (one row per example, θ's layout)")
    assert_close(got, ref.tanh_net_param_jacobian(theta, X, h),
                 f"tanh_net_param_jacobian with n={n}, n_hidden={h}, m={m} "
                 f"(columns: W.ravel() in C order, then c, v, d)")


def test_tanh_net_param_jacobian_saturated_units(impl, ref):
    # Large weights: some units saturate (tanh ≈ ±1, tanh′ ≈ 0), others do not.
    theta, X, _ = net(120, 3, 4, 5, scale=3.0)
    assert_close(impl.tanh_net_param_jacobian(theta, X, 4), ref.tanh_net_param_jacobian(theta, X, 4),
                 "tanh_net_param_jacobian with saturated hidden units (tanh′(a) = 1 − tanh²(a))")


def test_tanh_net_param_jacobian_is_pure(impl, ref):
    theta, X, _ = net(130, 2, 3, 3)
    assert_close(impl.pure("tanh_net_param_jacobian", theta, X, 3), ref.tanh_net_param_jacobian(theta, X, 3),
                 "tanh_net_param_jacobian (purity case)")


# weight_noise_objective ------------------------------------------------------------------------
@pytest.mark.parametrize("n,h,m,S", [pytest.param(3, 2, 5, 4, id="n3-h2-m5-S4"),
                                     pytest.param(2, 4, 3, 1, id="one-sample")])
def test_weight_noise_objective_random(impl, ref, n, h, m, S):
    theta, X, y = net(200 + S, n, h, m)
    eps = np.random.default_rng(210 + S).normal(scale=0.3, size=(S, theta.size))
    assert_close(impl.weight_noise_objective(theta, X, y, eps, h), ref.weight_noise_objective(theta, X, y, eps, h),
                 f"weight_noise_objective with m={m} examples and S={S} noise samples (eq 7.31)")


def test_weight_noise_objective_zero_noise_is_mse(impl, ref):
    theta, X, y = net(220, 3, 3, 6)
    eps = np.zeros((2, theta.size))
    assert_close(impl.weight_noise_objective(theta, X, y, eps, 3), ref.weight_noise_objective(theta, X, y, eps, 3),
                 "weight_noise_objective with eps = 0 (the plain mean squared error, eq 7.30)")


def test_weight_noise_objective_noise_in_one_block(impl, ref):
    # Noise on one block of θ at a time (W, c, v, d): every sample perturbs the parameters it names.
    n, h = 2, 3
    theta, X, y = net(230, n, h, 4)
    rng = np.random.default_rng(231)
    blocks = {"W": slice(0, n * h), "c": slice(n * h, n * h + h), "v": slice(n * h + h, n * h + 2 * h),
              "d": slice(n * h + 2 * h, None)}
    for name, where in blocks.items():
        eps = np.zeros((3, theta.size))
        eps[:, where] = rng.normal(scale=0.5, size=eps[:, where].shape)
        assert_close(impl.weight_noise_objective(theta, X, y, eps, h), ref.weight_noise_objective(theta, X, y, eps, h),
                     f"weight_noise_objective with noise on {name} only (3 samples)")


def test_weight_noise_objective_is_pure(impl, ref):
    theta, X, y = net(240, 2, 2, 3)
    eps = np.random.default_rng(241).normal(scale=0.1, size=(3, theta.size))
    assert_close(impl.pure("weight_noise_objective", theta, X, y, eps, 2),
                 ref.weight_noise_objective(theta, X, y, eps, 2), "weight_noise_objective (purity case)")


# smoothed_cross_entropy ------------------------------------------------------------------------
@pytest.mark.parametrize("m,k,eps", [pytest.param(6, 4, 0.1, id="m6-k4-eps0.1"),
                                     pytest.param(5, 2, 0.3, id="two-classes-eps0.3"),
                                     pytest.param(1, 5, 0.05, id="single-row-k5"),
                                     pytest.param(4, 3, 0.0, id="eps0-plain-cross-entropy")])
def test_smoothed_cross_entropy_random(impl, ref, m, k, eps):
    rng = np.random.default_rng(300 + 10 * m + k)
    Z = rng.normal(scale=2.0, size=(m, k))
    y = rng.integers(0, k, size=m)
    y[0] = k - 1  # the last class appears at least once
    J, dZ = pair(impl.smoothed_cross_entropy(Z, y, eps), "smoothed_cross_entropy")
    J_ref, dZ_ref = ref.smoothed_cross_entropy(Z, y, eps)
    assert_close(J, J_ref, f"J on random logits {Z.shape} with eps={eps} (targets 1 − ε and ε/(k − 1))")
    assert_shape(dZ, (m, k), "dZ")
    assert_close(dZ, dZ_ref, f"dZ on random logits {Z.shape} with eps={eps} (remember J is a mean over the m rows)")


def test_smoothed_cross_entropy_huge_logits(impl, ref):
    y = np.array([2, 0, 1, 3])
    J, dZ = pair(impl.smoothed_cross_entropy(HUGE_Z, y, 0.1), "smoothed_cross_entropy")
    J_ref, dZ_ref = ref.smoothed_cross_entropy(HUGE_Z, y, 0.1)
    try:
        finite = bool(np.all(np.isfinite(np.asarray(J, dtype=float))))
    except (TypeError, ValueError):
        finite = True  # not a number: assert_close says so
    assert finite, "J is inf or NaN for logits of size 1e4: work from a stable log-softmax, not log(softmax)"
    assert_close(J, J_ref, "J on logits up to ±1e4, eps=0.1")
    assert_close(dZ, dZ_ref, "dZ on logits up to ±1e4, eps=0.1")


def test_smoothed_cross_entropy_is_pure(impl, ref):
    rng = np.random.default_rng(310)
    args = (rng.normal(size=(5, 3)), np.array([0, 1, 2, 1, 0]), 0.2)
    got = pair(impl.pure("smoothed_cross_entropy", *args), "smoothed_cross_entropy")
    assert_close(got, ref.smoothed_cross_entropy(*args), "smoothed_cross_entropy (purity case)")
