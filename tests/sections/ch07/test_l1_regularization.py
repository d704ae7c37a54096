"""Hidden grading tests for 7.1.2 L1 Regularization.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs.
"""
import numpy as np
import pytest

from autograder.testing import assert_close, assert_shape

pytestmark = pytest.mark.section("7.1.2")


# soft_threshold -------------------------------------------------------------------------
def test_soft_threshold_random(impl, ref):
    rng = np.random.default_rng(1)
    for shape, t in (((9,), 0.5), ((3, 4), 1.2), ((2, 3, 2), 0.05)):
        w = rng.normal(size=shape) * 1.5
        got = impl.soft_threshold(w, t)
        assert_shape(got, shape, f"soft_threshold on w of shape {shape}")
        assert_close(got, ref.soft_threshold(w, t), f"soft_threshold on random w of shape {shape}, thresh={t}")


def test_soft_threshold_array_threshold(impl, ref):
    rng = np.random.default_rng(2)
    w = rng.normal(size=6) * 2.0
    t = np.array([0.1, 3.0, 0.5, 0.0, 1.0, 2.5])
    assert_close(impl.soft_threshold(w, t), ref.soft_threshold(w, t),
                 "soft_threshold with one threshold per entry (w and thresh of shape (6,))")
    W = rng.normal(size=(4, 3)) * 2.0
    t = np.array([0.2, 1.5, 0.7])
    got = impl.soft_threshold(W, t)
    assert_shape(got, (4, 3), "soft_threshold with w (4, 3) and thresh (3,)")
    assert_close(got, ref.soft_threshold(W, t), "soft_threshold with w (4, 3) and thresh (3,) broadcast over rows")
    assert_close(impl.soft_threshold(W, 0.0), ref.soft_threshold(W, 0.0), "soft_threshold with thresh=0")


def test_soft_threshold_at_the_kinks(impl, ref):
    # |w| == thresh exactly, w == 0, and values just inside/outside the dead zone.
    w = np.array([0.5, -0.5, 0.0, -0.0, 0.5000001, -0.4999999, 2.0, -2.0])
    assert_close(impl.soft_threshold(w, 0.5), ref.soft_threshold(w, 0.5),
                 "soft_threshold at |w| == thresh and w == 0 (exactly 0 wherever |w| <= thresh)")
    z = np.zeros(4)
    assert_close(impl.soft_threshold(z, 0.0), ref.soft_threshold(z, 0.0), "soft_threshold of zeros with thresh=0")


def test_soft_threshold_is_pure(impl, ref):
    w = np.array([[1.5, -0.2], [0.7, -3.0]])
    assert_close(impl.pure("soft_threshold", w, 0.5), ref.soft_threshold(w, 0.5), "soft_threshold (purity case)")
    t = np.array([0.1, 2.0])
    assert_close(impl.pure("soft_threshold", w, t), ref.soft_threshold(w, t),
                 "soft_threshold with an array thresh (purity case)")


# l1_quadratic_solution ------------------------------------------------------------------
def test_l1_quadratic_solution_random(impl, ref):
    rng = np.random.default_rng(3)
    for n, alpha in ((8, 0.7), (5, 2.0), (6, 0.05)):
        w_star = rng.normal(size=n) * 2.0
        H = rng.uniform(0.2, 5.0, size=n)
        got = impl.l1_quadratic_solution(w_star, H, alpha)
        assert_shape(got, (n,), f"l1_quadratic_solution with n={n}")
        assert_close(got, ref.l1_quadratic_solution(w_star, H, alpha),
                     f"l1_quadratic_solution with random w_star and H_diag (n={n}), alpha={alpha}")


def test_l1_quadratic_solution_thresholds(impl, ref):
    # |w*_i| == α/H_ii exactly for some coordinates; α = 0 returns w*; a huge α gives 0.
    w_star = np.array([0.5, -0.5, 1.0, -0.25, 3.0, 0.0, -2.0])
    H = np.array([2.0, 2.0, 0.5, 4.0, 1.0, 1.0, 8.0])
    for alpha in (1.0, 0.0, 0.6, 100.0):
        assert_close(impl.l1_quadratic_solution(w_star, H, alpha), ref.l1_quadratic_solution(w_star, H, alpha),
                     f"l1_quadratic_solution with alpha={alpha} (threshold alpha/H_ii; 0 when |w*_i| <= alpha/H_ii)")


def test_l1_quadratic_solution_is_pure(impl, ref):
    args = (np.array([3.0, -0.4, 1.0]), np.array([2.0, 2.0, 0.5]), 1.0)
    assert_close(impl.pure("l1_quadratic_solution", *args), ref.l1_quadratic_solution(*args),
                 "l1_quadratic_solution (purity case)")


# ista_lasso -----------------------------------------------------------------------------
def lasso_problem(seed, m, n, k):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n))
    w_true = np.zeros(n)
    w_true[rng.choice(n, size=k, replace=False)] = rng.normal(size=k) * 2.0
    y = X @ w_true + 0.3 * rng.normal(size=m)
    return X, y


def check_ista(impl, ref, X, y, alpha, steps, what):
    args = (X, y, alpha) if steps is None else (X, y, alpha, steps)
    got = impl.ista_lasso(*args)
    assert_shape(got, (X.shape[1],), f"ista_lasso {what}")
    assert_close(got, ref.ista_lasso(*args), f"ista_lasso {what}")
    return np.asarray(got, dtype=float)


def test_ista_lasso_first_iterations(impl, ref):
    # The iterates themselves: start at 0, step 1/L with L = λ_max(XᵀX/m), threshold α/L.
    X, y = lasso_problem(4, 15, 6, 3)
    for steps in (0, 1, 2, 10):
        check_ista(impl, ref, X, y, 0.1, steps, f"after {steps} iterations on X (15, 6), alpha=0.1")


@pytest.mark.parametrize("m,n,k,alpha", [pytest.param(30, 6, 2, 0.1, id="m30-n6"),
                                         pytest.param(20, 8, 3, 0.3, id="m20-n8")])
def test_ista_lasso_converged(impl, ref, m, n, k, alpha):
    X, y = lasso_problem(m + n, m, n, k)
    w = check_ista(impl, ref, X, y, alpha, 2000, f"after 2000 iterations on X ({m}, {n}), alpha={alpha}")
    # Optimality of the returned w, recomputed here: the subgradient conditions of the lasso.
    c = X.T @ (y - X @ w) / m
    zero = w == 0
    assert np.any(zero), "the lasso solution of this problem has exact zeros (soft_threshold gives exact 0)"
    assert np.all(np.abs(c[zero]) <= alpha + 1e-6), "the returned w violates the lasso optimality conditions"
    assert np.allclose(c[~zero], alpha * np.sign(w[~zero]), atol=1e-6), \
        "the returned w violates the lasso optimality conditions"


def test_ista_lasso_alpha_range(impl, ref):
    X, y = lasso_problem(5, 25, 5, 2)
    alpha_max = np.max(np.abs(X.T @ y)) / 25  # every weight is 0 for alpha >= alpha_max
    for alpha in (1.5 * alpha_max, 0.5 * alpha_max, 0.01):  # iterates compared: no need to converge
        check_ista(impl, ref, X, y, alpha, 400, f"after 400 iterations on X (25, 5), alpha={alpha:.3g}")
    X, y = lasso_problem(15, 12, 4, 2)
    check_ista(impl, ref, X, y, 0.05, None, "with the default steps on X (12, 4), alpha=0.05")


def test_ista_lasso_wide_problem(impl, ref):
    # More features than examples: the iterates are compared step by step.
    X, y = lasso_problem(6, 6, 10, 2)
    check_ista(impl, ref, X, y, 0.2, 50, "after 50 iterations on X (6, 10), alpha=0.2")


def test_ista_lasso_is_pure(impl, ref):
    X, y = lasso_problem(7, 10, 4, 2)
    assert_close(impl.pure("ista_lasso", X, y, 0.1, 30), ref.ista_lasso(X, y, 0.1, 30), "ista_lasso (purity case)")


# laplace_log_prior ----------------------------------------------------------------------
def test_laplace_log_prior_random(impl, ref):
    rng = np.random.default_rng(8)
    for n, alpha in ((5, 1.0), (12, 0.3), (1, 4.0), (7, 2.5)):
        w = rng.normal(size=n) * 2.0
        got = impl.laplace_log_prior(w, alpha)
        assert np.ndim(got) == 0 or np.size(got) == 1, "laplace_log_prior returns one number"
        assert_close(got, ref.laplace_log_prior(w, alpha), f"laplace_log_prior on w of shape ({n},), alpha={alpha}")


def test_laplace_log_prior_shapes_and_zeros(impl, ref):
    rng = np.random.default_rng(9)
    W = rng.normal(size=(3, 4))
    assert_close(impl.laplace_log_prior(W, 0.7), ref.laplace_log_prior(W, 0.7),
                 "laplace_log_prior on w of shape (3, 4) (n counts every entry)")
    z = np.zeros(6)
    assert_close(impl.laplace_log_prior(z, 3.0), ref.laplace_log_prior(z, 3.0), "laplace_log_prior at w = 0")


def test_laplace_log_prior_is_pure(impl, ref):
    w = np.array([0.5, -1.5, 2.0])
    assert_close(impl.pure("laplace_log_prior", w, 1.3), ref.laplace_log_prior(w, 1.3),
                 "laplace_log_prior (purity case)")
