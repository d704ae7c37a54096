"""Hidden grading tests for 6.2 Likelihood-Based Loss Functions.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs.
"""
import numpy as np
import pytest

from autograder.testing import assert_close, assert_shape, describe

pytestmark = pytest.mark.section("6.2")

# Rows at very different scales: a max over the whole array (or none at all) underflows or overflows.
HUGE_Z = np.array([[1e4, 0.0, -1e4],
                   [-1e4, -1e4, -9990.0],
                   [5e3, 5e3, 5e3],
                   [0.5, -1.0, 2.0]])


def pair(value, name):
    """The (J, gradient) pair a loss function returns, with a readable failure otherwise."""
    assert isinstance(value, (tuple, list)) and len(value) == 2, \
        f"{name} must return a pair (J, gradient), got {describe(value)}"
    return value


def is_inf_or_nan(value) -> bool:
    """True for a single number that is inf or NaN (anything else is left to assert_close)."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return False
    return arr.size == 1 and not bool(np.isfinite(arr).all())


def random_mdn(rng, m, K):
    y = rng.normal(scale=2.0, size=m)
    logit_pi = rng.normal(size=(m, K))
    mu = rng.normal(scale=2.0, size=(m, K))
    log_sigma = rng.uniform(-1.5, 1.0, size=(m, K))  # negative and positive: σ on both sides of 1
    return y, logit_pi, mu, log_sigma


# log_softmax -----------------------------------------------------------------------------------
@pytest.mark.parametrize("m,k", [pytest.param(5, 3, id="m5-k3"), pytest.param(1, 6, id="single-row"),
                                 pytest.param(4, 1, id="one-class")])
def test_log_softmax_random(impl, ref, m, k):
    rng = np.random.default_rng(10 * m + k)
    Z = rng.normal(scale=3.0, size=(m, k)) + rng.normal(scale=5.0, size=(m, 1))
    got = impl.log_softmax(Z)
    assert_shape(got, (m, k), "log_softmax output")
    assert_close(got, ref.log_softmax(Z), f"log_softmax on random logits {Z.shape}")


def test_log_softmax_huge_logits(impl, ref):
    got = impl.log_softmax(HUGE_Z)
    assert_shape(got, HUGE_Z.shape, "log_softmax output")
    assert np.all(np.isfinite(np.asarray(got, dtype=float))), \
        "log_softmax is not finite for logits of size 1e4: subtract each row's own maximum (eq 6.33)"
    assert_close(got, ref.log_softmax(HUGE_Z), "log_softmax on logits up to ±1e4, rows at different scales")


def test_log_softmax_is_pure(impl, ref):
    assert_close(impl.pure("log_softmax", HUGE_Z), ref.log_softmax(HUGE_Z), "log_softmax (purity case)")


# softmax_cross_entropy -------------------------------------------------------------------------
@pytest.mark.parametrize("m,k", [pytest.param(6, 4, id="m6-k4"), pytest.param(1, 3, id="single-row"),
                                 pytest.param(7, 2, id="two-classes")])
def test_softmax_cross_entropy_random(impl, ref, m, k):
    rng = np.random.default_rng(100 + 10 * m + k)
    Z = rng.normal(scale=2.0, size=(m, k))
    y = rng.integers(0, k, size=m)
    y[0] = k - 1  # the last class appears at least once
    J, dZ = pair(impl.softmax_cross_entropy(Z, y), "softmax_cross_entropy")
    J_ref, dZ_ref = ref.softmax_cross_entropy(Z, y)
    assert_close(J, J_ref, f"J on random logits {Z.shape}")
    assert_shape(dZ, (m, k), "dZ")
    assert_close(dZ, dZ_ref, f"dZ on random logits {Z.shape} (remember J is a mean over the m rows)")


def test_softmax_cross_entropy_huge_logits(impl, ref):
    # Confidently wrong by 2e4 (row 0), by 10 at -1e4 (row 1), ties at 5e3 (row 2).
    y = np.array([2, 0, 1, 2])
    J, dZ = pair(impl.softmax_cross_entropy(HUGE_Z, y), "softmax_cross_entropy")
    J_ref, dZ_ref = ref.softmax_cross_entropy(HUGE_Z, y)
    assert not is_inf_or_nan(J), \
        "J is inf or NaN for logits of size 1e4: work from log_softmax, not log(softmax)"
    assert_close(J, J_ref, "J on logits up to ±1e4")
    assert_close(dZ, dZ_ref, "dZ on logits up to ±1e4")


def test_softmax_cross_entropy_is_pure(impl, ref):
    rng = np.random.default_rng(7)
    args = (rng.normal(size=(5, 3)), np.array([0, 1, 2, 1, 0]))
    assert_close(impl.pure("softmax_cross_entropy", *args), ref.softmax_cross_entropy(*args),
                 "softmax_cross_entropy (purity case)")


# sigmoid_bce_from_logits -----------------------------------------------------------------------
@pytest.mark.parametrize("m", [pytest.param(9, id="m9"), pytest.param(1, id="single-row")])
def test_sigmoid_bce_from_logits_random(impl, ref, m):
    rng = np.random.default_rng(200 + m)
    z = rng.normal(scale=3.0, size=m)
    y = (rng.random(m) < 0.5).astype(float)
    y[0] = 1.0 - float(z[0] > 0)  # at least one wrong sign
    J, dz = pair(impl.sigmoid_bce_from_logits(z, y), "sigmoid_bce_from_logits")
    J_ref, dz_ref = ref.sigmoid_bce_from_logits(z, y)
    assert_close(J, J_ref, f"J on random logits (m={m})")
    assert_shape(dz, (m,), "dz")
    assert_close(dz, dz_ref, f"dz on random logits (m={m}) (remember J is a mean over the m examples)")


def test_sigmoid_bce_from_logits_huge_logits(impl, ref):
    # Confidently right and confidently wrong at ±1e4, with integer labels.
    z = np.array([1e4, -1e4, 1e4, -1e4, 30.0, -40.0])
    y = np.array([1, 0, 0, 1, 0, 1])
    J, dz = pair(impl.sigmoid_bce_from_logits(z, y), "sigmoid_bce_from_logits")
    J_ref, dz_ref = ref.sigmoid_bce_from_logits(z, y)
    assert not is_inf_or_nan(J), \
        "J is inf or NaN for |z| = 1e4: use the softplus form ζ((1 − 2y)z) with np.logaddexp"
    assert_close(J, J_ref, "J on logits ±1e4 (right and wrong signs)")
    assert_close(dz, dz_ref, "dz on logits ±1e4 (right and wrong signs)")


def test_sigmoid_bce_from_logits_is_pure(impl, ref):
    args = (np.array([-2.0, 0.0, 3.5, 1e4]), np.array([1.0, 0.0, 0.0, 1.0]))
    assert_close(impl.pure("sigmoid_bce_from_logits", *args), ref.sigmoid_bce_from_logits(*args),
                 "sigmoid_bce_from_logits (purity case)")


# mdn_nll ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("m,K", [pytest.param(8, 3, id="m8-K3"), pytest.param(6, 1, id="K1-heteroscedastic"),
                                 pytest.param(1, 2, id="single-row")])
def test_mdn_nll_random(impl, ref, m, K):
    rng = np.random.default_rng(300 + 10 * m + K)
    args = random_mdn(rng, m, K)
    assert_close(impl.mdn_nll(*args), ref.mdn_nll(*args), f"mdn_nll on random mixtures (m={m}, K={K})")


def test_mdn_nll_far_targets_and_huge_mixing_logits(impl, ref):
    # Targets tens of σ away from every component (log-densities near -1e3 .. -1e4) and mixing
    # logits of ±1e4: summing densities or exponentiating the logits underflows or overflows.
    rng = np.random.default_rng(17)
    y = np.array([40.0, -35.0, 0.3, 25.0])
    logit_pi = np.array([[1e4, -1e4, 0.0], [0.0, 0.0, 0.0], [-1e4, 1e4, 1e4], [2.0, -1.0, 0.5]])
    mu = rng.normal(size=(4, 3))
    log_sigma = np.full((4, 3), -0.5)
    J = impl.mdn_nll(y, logit_pi, mu, log_sigma)
    assert not is_inf_or_nan(J), \
        "mdn_nll is inf or NaN for far targets or huge mixing logits: stay in log space (log-sum-exp)"
    assert_close(J, ref.mdn_nll(y, logit_pi, mu, log_sigma), "mdn_nll for far targets and mixing logits ±1e4")


def test_mdn_nll_is_pure(impl, ref):
    rng = np.random.default_rng(23)
    args = random_mdn(rng, 5, 2)
    assert_close(impl.pure("mdn_nll", *args), ref.mdn_nll(*args), "mdn_nll (purity case)")
