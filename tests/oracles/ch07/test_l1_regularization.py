"""7.1.2 reference against independent implementations: PyTorch's softshrink and Laplace,
SciPy's bounded scalar minimizer and laplace.logpdf, scikit-learn's Lasso, the lasso's
subgradient (KKT) conditions, and a hypothesis property test of the prox."""
import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar
from scipy.stats import laplace
from sklearn.linear_model import Lasso


@pytest.fixture(scope="module")
def sol(reference):
    return reference("7.1.2")


# soft_threshold -------------------------------------------------------------------------
@pytest.mark.parametrize("t", [0.0, 0.3, 1.0, 2.5])
def test_soft_threshold_matches_torch_softshrink(sol, t):
    w = np.random.default_rng(0).normal(size=(5, 7)) * 2.0
    w[0, :4] = [t, -t, 0.0, t + 1e-12]  # the kinks
    got = sol.soft_threshold(w, t)
    want = torch.nn.functional.softshrink(torch.tensor(w), lambd=t).numpy()
    np.testing.assert_array_equal(got, want)


@settings(max_examples=200, deadline=None)
@given(w=st.floats(-10, 10, allow_nan=False), t=st.floats(0, 5, allow_nan=False))
def test_soft_threshold_is_the_l1_prox(w, t, reference):
    sol = reference("7.1.2")
    u = float(sol.soft_threshold(np.array([w]), t)[0])

    def obj(v):
        return 0.5 * (v - w) ** 2 + t * abs(v)

    # obj is 1-strongly convex: obj(v) >= obj(u) + ½(v − u)² for the true minimizer u
    for v in (0.0, w, u + 1e-3, u - 1e-3, w - t, w + t):
        assert obj(v) >= obj(u) + 0.5 * (v - u) ** 2 - 1e-9
    assert u * w >= 0 and abs(u) <= abs(w)


def test_soft_threshold_matches_minimize_scalar(sol):
    rng = np.random.default_rng(1)
    w, t = rng.normal(size=8) * 2, rng.uniform(0, 1.5, size=8)
    got = sol.soft_threshold(w, t)
    for i in range(8):
        res = minimize_scalar(lambda u: 0.5 * (u - w[i]) ** 2 + t[i] * abs(u), bounds=(-10, 10), method="bounded",
                              options={"xatol": 1e-10})
        assert got[i] == pytest.approx(res.x, abs=1e-7)


def test_soft_threshold_broadcast_and_pure(sol):
    w = np.array([[1.0, -2.0, 0.3], [-0.1, 4.0, -3.0]])
    before = w.copy()
    t = np.array([0.5, 1.0, 3.5])
    out = sol.soft_threshold(w, t)
    assert out.shape == w.shape
    np.testing.assert_array_equal(out, [[0.5, -1.0, 0.0], [0.0, 3.0, 0.0]])
    np.testing.assert_array_equal(w, before)


# l1_quadratic_solution ------------------------------------------------------------------
@pytest.mark.parametrize("seed", range(4))
def test_l1_quadratic_solution_brute_force(sol, seed):
    rng = np.random.default_rng(seed)
    n = 6
    w_star, H, alpha = rng.normal(size=n) * 2, rng.uniform(0.2, 4.0, size=n), float(rng.uniform(0.1, 2.0))
    w = sol.l1_quadratic_solution(w_star, H, alpha)
    for i in range(n):
        # eq 7.22, coordinate i
        res = minimize_scalar(lambda u: 0.5 * H[i] * (u - w_star[i]) ** 2 + alpha * abs(u), bounds=(-20, 20),
                              method="bounded", options={"xatol": 1e-10})
        assert w[i] == pytest.approx(res.x, abs=1e-7)
    np.testing.assert_array_equal(w == 0, np.abs(w_star) <= alpha / H)
    assert np.all(w * w_star >= 0)


def test_l1_quadratic_solution_book_example(sol):
    w = sol.l1_quadratic_solution(np.array([3.0, -0.4, 1.0]), np.array([2.0, 2.0, 0.5]), 1.0)
    np.testing.assert_array_equal(w, [2.5, 0.0, 0.0])


# ista_lasso -----------------------------------------------------------------------------
@pytest.mark.parametrize("m,n,alpha", [(30, 6, 0.1), (50, 10, 0.05), (20, 8, 0.3), (40, 5, 1e-3)])
def test_ista_matches_sklearn_lasso(sol, m, n, alpha):
    rng = np.random.default_rng(m * n)
    X = rng.normal(size=(m, n))
    w_true = np.zeros(n)
    w_true[: n // 2] = rng.normal(size=n // 2) * 2
    y = X @ w_true + 0.3 * rng.normal(size=m)
    w = sol.ista_lasso(X, y, alpha)
    w_sk = Lasso(alpha=alpha, fit_intercept=False, tol=1e-12, max_iter=10**6).fit(X, y).coef_
    np.testing.assert_allclose(w, w_sk, atol=1e-8)
    np.testing.assert_array_equal(w == 0, w_sk == 0)
    # subgradient (KKT) conditions of (1/2m)‖Xw − y‖² + α‖w‖₁
    c = X.T @ (y - X @ w) / m
    assert np.all(np.abs(c[w == 0]) <= alpha + 1e-9)
    np.testing.assert_allclose(c[w != 0], alpha * np.sign(w[w != 0]), atol=1e-9)


def test_ista_objective_decreases_and_zero_steps(sol):
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(15, 4)), rng.normal(size=15)
    alpha = 0.1

    def obj(w):
        return 0.5 / 15 * np.sum((X @ w - y) ** 2) + alpha * np.sum(np.abs(w))

    values = [obj(sol.ista_lasso(X, y, alpha, steps=k)) for k in range(30)]
    assert np.all(np.diff(values) <= 1e-15)  # ISTA with step 1/L is a descent method
    np.testing.assert_array_equal(sol.ista_lasso(X, y, alpha, steps=0), np.zeros(4))


def test_ista_large_alpha_is_zero_and_pure(sol):
    rng = np.random.default_rng(4)
    X, y = rng.normal(size=(12, 3)), rng.normal(size=12)
    Xb, yb = X.copy(), y.copy()
    alpha_max = np.max(np.abs(X.T @ y)) / 12
    assert np.all(sol.ista_lasso(X, y, 1.0001 * alpha_max) == 0)
    assert np.any(sol.ista_lasso(X, y, 0.9 * alpha_max) != 0)
    np.testing.assert_array_equal(X, Xb)
    np.testing.assert_array_equal(y, yb)


# laplace_log_prior ----------------------------------------------------------------------
@pytest.mark.parametrize("alpha", [0.3, 1.0, 4.0])
def test_laplace_log_prior_matches_scipy_and_torch(sol, alpha):
    w = np.random.default_rng(5).normal(size=(3, 4)) * 2
    lp = sol.laplace_log_prior(w, alpha)
    assert isinstance(lp, float)
    assert lp == pytest.approx(laplace.logpdf(w, loc=0, scale=1 / alpha).sum(), rel=1e-12)
    prior = torch.distributions.Laplace(torch.tensor(0.0, dtype=torch.float64),
                                        torch.tensor(1.0 / alpha, dtype=torch.float64))
    t = prior.log_prob(torch.tensor(w)).sum().item()
    assert lp == pytest.approx(t, rel=1e-12)


def test_laplace_log_prior_map_equivalence(sol):
    # The prior changes with w only through −α‖w‖₁: the L1 penalty of eq 7.19.
    rng = np.random.default_rng(6)
    w1, w2, alpha = rng.normal(size=5), rng.normal(size=5), 0.7
    diff = sol.laplace_log_prior(w1, alpha) - sol.laplace_log_prior(w2, alpha)
    assert diff == pytest.approx(-alpha * (np.abs(w1).sum() - np.abs(w2).sum()), rel=1e-12)
