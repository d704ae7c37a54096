"""Hidden grading tests for 7.3 Regularization and Under-Constrained Problems.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs.
"""
import numpy as np
import pytest

from autograder.testing import assert_close, assert_shape

pytestmark = pytest.mark.section("7.3")


def low_rank(rng, m, n, r):
    """A random m×n matrix of exact rank r (its other singular values are round-off, < 1e-15·σ_max)."""
    return rng.normal(size=(m, r)) @ rng.normal(size=(r, n))


def separable_data(rng, m, n):
    """Labels 0/1 from a hyperplane through the origin, with a margin: linearly separable, no bias."""
    w_true = rng.normal(size=n)
    X = rng.normal(size=(4 * m, n))
    z = X @ w_true / np.linalg.norm(w_true)
    X = X[np.abs(z) > 0.3][:m]
    return X, (X @ w_true > 0).astype(float)


# pinv_svd -------------------------------------------------------------------------------
@pytest.mark.parametrize("m,n", [pytest.param(5, 3, id="tall"), pytest.param(3, 5, id="wide"),
                                 pytest.param(4, 4, id="square")])
def test_pinv_svd_full_rank(impl, ref, m, n):
    X = np.random.default_rng(m * 10 + n).normal(size=(m, n))
    got = impl.pinv_svd(X)
    assert_shape(got, (n, m), f"pinv_svd of X {X.shape}")
    assert_close(got, ref.pinv_svd(X), f"pinv_svd of a random full-rank X {X.shape}")


def test_pinv_svd_rank_deficient(impl, ref):
    rng = np.random.default_rng(21)
    for (m, n, r), rcond in (((6, 5, 3), 1e-15), ((4, 6, 2), 1e-15), ((7, 4, 2), 1e-10)):
        X = low_rank(rng, m, n, r)
        assert_close(impl.pinv_svd(X, rcond), ref.pinv_svd(X, rcond),
                     f"pinv_svd of a rank-{r} X {X.shape} with rcond={rcond:g} (drop the round-off singular values)")


def test_pinv_svd_cutoff_is_relative_and_inclusive(impl, ref):
    # Singular values 4, 2, 1, 0.5 exactly (a permuted diagonal). With rcond = 0.25 the cutoff is
    # 0.25·σ_max = 1: σ = 1 sits exactly on it and is dropped (σ_i ≤ rcond·σ_max), 0.5 is dropped too.
    X = np.zeros((5, 4))
    X[[3, 0, 4, 1], [1, 2, 0, 3]] = [4.0, -2.0, 1.0, 0.5]
    assert_close(impl.pinv_svd(X, 0.25), ref.pinv_svd(X, 0.25),
                 "pinv_svd with rcond = 0.25 and singular values 4, 2, 1, 0.5 (relative cutoff, σ = cutoff dropped)")
    assert_close(impl.pinv_svd(X.T, 0.2), ref.pinv_svd(X.T, 0.2),
                 "pinv_svd of the transpose (4, 5) with rcond = 0.2 (keeps 4, 2, 1)")
    # A scaled copy: the cutoff scales with σ_max, the answer scales by 1/1000.
    assert_close(impl.pinv_svd(1e-3 * X, 0.25), ref.pinv_svd(1e-3 * X, 0.25),
                 "pinv_svd of 1e-3·X with rcond = 0.25 (the cutoff is relative to σ_max)", atol=1e-7)


def test_pinv_svd_zero_matrix(impl, ref):
    X = np.zeros((3, 2))
    assert_close(impl.pinv_svd(X), ref.pinv_svd(X), "pinv_svd of the zero matrix (3, 2) (no division by zero)")


def test_pinv_svd_is_pure(impl, ref):
    X = low_rank(np.random.default_rng(4), 5, 4, 3) + 0.0
    got = impl.pure("pinv_svd", X)
    assert_close(got, ref.pinv_svd(X), "pinv_svd of a rank-3 X (5, 4) (purity case)")


# ridge_pinv_path ------------------------------------------------------------------------
ALPHAS = np.array([10.0, 1.0, 0.1, 1e-2, 1e-4])


@pytest.mark.parametrize("m,n,r", [pytest.param(6, 5, 3, id="rank-deficient-6x5"),
                                   pytest.param(3, 5, 3, id="wide-3x5")])
def test_ridge_pinv_path_random(impl, ref, m, n, r):
    X = low_rank(np.random.default_rng(30 + m + n), m, n, r)
    got = impl.ridge_pinv_path(X, ALPHAS)
    assert_shape(got, (len(ALPHAS), n, m), "ridge_pinv_path output (A, n, m)")
    assert_close(got, ref.ridge_pinv_path(X, ALPHAS), f"ridge_pinv_path of X {X.shape} for α = {list(ALPHAS)}")


def test_ridge_pinv_path_single_alpha_and_zero(impl, ref):
    rng = np.random.default_rng(33)
    X = rng.normal(size=(7, 3)) * np.array([2.0, 1.0, 0.5])  # tall, full column rank: α = 0 is allowed
    for alphas in (np.array([0.5]), np.array([0.0, 3.0])):
        got = impl.ridge_pinv_path(X, alphas)
        assert_shape(got, (len(alphas), 3, 7), f"ridge_pinv_path output for α = {list(alphas)}")
        assert_close(got, ref.ridge_pinv_path(X, alphas), f"ridge_pinv_path of a tall X (7, 3) for α = {list(alphas)}")


def test_ridge_pinv_path_is_pure(impl, ref):
    rng = np.random.default_rng(34)
    X, alphas = rng.normal(size=(4, 6)), np.array([2.0, 0.3, 0.05])
    got = impl.pure("ridge_pinv_path", X, alphas)
    assert_close(got, ref.ridge_pinv_path(X, alphas), "ridge_pinv_path of X (4, 6) (purity case)")


# min_norm_least_squares -----------------------------------------------------------------
def test_min_norm_least_squares_tall_full_rank(impl, ref):
    rng = np.random.default_rng(40)
    X, y = rng.normal(size=(8, 3)), rng.normal(size=8)
    got = impl.min_norm_least_squares(X, y)
    assert_shape(got, (3,), "min_norm_least_squares output")
    assert_close(got, ref.min_norm_least_squares(X, y), "min_norm_least_squares of a tall full-rank X (8, 3)")


def test_min_norm_least_squares_under_determined(impl, ref):
    rng = np.random.default_rng(41)
    x = rng.normal(size=(6, 2))
    cases = [(rng.normal(size=(3, 5)), "a wide X (3, 5): fewer examples than features"),
             (np.c_[x, x[:, 0] - x[:, 1], 2 * x[:, 1]], "a tall X (6, 4) of rank 2 (dependent columns)"),
             (low_rank(rng, 4, 6, 2), "a wide X (4, 6) of rank 2"),
             (np.array([[1.0, 1.0]]), "X = [[1, 1]]")]
    for X, what in cases:
        y = rng.normal(size=X.shape[0]) + 1.0
        assert_close(impl.min_norm_least_squares(X, y), ref.min_norm_least_squares(X, y),
                     f"min_norm_least_squares of {what} (the minimum-norm solution)")


def test_min_norm_least_squares_is_pure(impl, ref):
    rng = np.random.default_rng(42)
    X, y = low_rank(rng, 5, 4, 2) + 0.0, rng.normal(size=5) + 2.0
    got = impl.pure("min_norm_least_squares", X, y)
    assert_close(got, ref.min_norm_least_squares(X, y), "min_norm_least_squares of a rank-2 X (5, 4) (purity case)")


# logistic_weight_norms ------------------------------------------------------------------
def test_logistic_weight_norms_separable(impl, ref):
    X, y = separable_data(np.random.default_rng(50), 24, 3)
    got = impl.logistic_weight_norms(X, y, 0.8, 400)
    assert_shape(got, (400,), "logistic_weight_norms output (steps,)")
    assert_close(got, ref.logistic_weight_norms(X, y, 0.8, 400),
                 "‖w_t‖ for t = 1..400 on separable data without weight decay", rtol=1e-7, atol=1e-9)


def test_logistic_weight_norms_weight_decay(impl, ref):
    X, y = separable_data(np.random.default_rng(51), 20, 2)
    for alpha in (0.05, 0.5):
        assert_close(impl.logistic_weight_norms(X, y, 0.5, 300, alpha),
                     ref.logistic_weight_norms(X, y, 0.5, 300, alpha),
                     f"‖w_t‖ for t = 1..300 on separable data with weight decay α = {alpha}", rtol=1e-7, atol=1e-9)


def test_logistic_weight_norms_non_separable_and_first_step(impl, ref):
    rng = np.random.default_rng(52)
    X = rng.normal(size=(15, 4)) + np.array([0.5, 0.0, -1.0, 0.2])
    y = (rng.uniform(size=15) < 0.4).astype(float)
    assert_close(impl.logistic_weight_norms(X, y, 0.3, 1), ref.logistic_weight_norms(X, y, 0.3, 1),
                 "‖w_1‖ after one step from w = 0 (the initial norm is not included)")
    assert_close(impl.logistic_weight_norms(X, y, 0.3, 150, 0.01), ref.logistic_weight_norms(X, y, 0.3, 150, 0.01),
                 "‖w_t‖ for t = 1..150 on non-separable data (random labels, α = 0.01)", rtol=1e-7, atol=1e-9)


def test_logistic_weight_norms_is_pure(impl, ref):
    X, y = separable_data(np.random.default_rng(53), 12, 2)
    X = X + 0.0
    got = impl.pure("logistic_weight_norms", X, y, 0.5, 50, 0.1)
    assert_close(got, ref.logistic_weight_norms(X, y, 0.5, 50, 0.1), "logistic_weight_norms (purity case)")
