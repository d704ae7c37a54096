"""7.0 reference against independent implementations: SciPy (rosen_hess, rosen_hess_prod,
minimize_scalar), NumPy's eigvalsh/cholesky/cond, PyTorch autograd (hessian, hvp) and closed forms."""
import numpy as np
import pytest
import torch
from scipy.optimize import minimize_scalar, rosen, rosen_der, rosen_hess, rosen_hess_prod

from autograder.testing import rel_error


@pytest.fixture(scope="module")
def sol(reference):
    return reference("7.0")


def random_symmetric(rng, lam):
    Q, _ = np.linalg.qr(rng.normal(size=(len(lam), len(lam))))
    H = Q @ np.diag(lam) @ Q.T
    return 0.5 * (H + H.T)


# numerical_hessian ----------------------------------------------------------------------
@pytest.mark.parametrize("x", [np.array([-1.2, 1.0]), np.array([0.5, -0.3, 1.2, 0.9]),
                               np.array([1.0, 1.0, 1.0, 1.0, 1.0])])
def test_numerical_hessian_matches_scipy_rosen_hess(sol, x):
    H = sol.numerical_hessian(rosen, x)
    np.testing.assert_allclose(H, rosen_hess(x), rtol=1e-5, atol=1e-5 * np.abs(rosen_hess(x)).max())
    np.testing.assert_array_equal(H, H.T)


def test_numerical_hessian_of_quadratic_is_exact(sol):
    rng = np.random.default_rng(0)
    A, b = rng.normal(size=(5, 5)), rng.normal(size=5)
    x = rng.normal(size=5)
    H = sol.numerical_hessian(lambda v: 0.5 * v @ A @ v + b @ v + 3.0, x)
    np.testing.assert_allclose(H, 0.5 * (A + A.T), rtol=1e-6, atol=1e-7)


def test_numerical_hessian_of_mean_logistic_loss(sol):
    rng = np.random.default_rng(1)
    m, n = 20, 4
    X, y = rng.normal(size=(m, n)), rng.integers(0, 2, size=m)

    def loss(w):
        z = X @ w
        return float(np.mean(np.logaddexp(0.0, z) - y * z))

    w = rng.normal(size=n) * 0.5
    p = 1.0 / (1.0 + np.exp(-X @ w))
    exact = X.T @ np.diag(p * (1 - p)) @ X / m
    assert rel_error(sol.numerical_hessian(loss, w), exact) < 1e-5


def test_numerical_hessian_matches_torch(sol):
    def f_np(x):
        return float(np.log(np.sum(np.exp(x))) + np.sum(np.sin(x) * x ** 2) + x[0] * x[1] * x[2])

    def f_t(x):
        return torch.logsumexp(x, 0) + torch.sum(torch.sin(x) * x ** 2) + x[0] * x[1] * x[2]

    x = np.array([0.3, -0.7, 1.1, 0.2])
    H_t = torch.autograd.functional.hessian(f_t, torch.tensor(x, dtype=torch.float64)).numpy()
    np.testing.assert_allclose(sol.numerical_hessian(f_np, x), H_t, rtol=1e-5, atol=1e-6)


def test_numerical_hessian_is_pure_and_uses_h(sol):
    x = np.array([1, 2])
    before = x.copy()
    # f = x0⁴: the four-point diagonal at step h is 12x² + 8h² exactly (steps of 2h).
    H = sol.numerical_hessian(lambda v: float(v[0] ** 4 + v[0] * v[1]), x, h=1e-2)
    np.testing.assert_array_equal(x, before)
    np.testing.assert_allclose(H, [[12.0 + 8e-4, 1.0], [1.0, 0.0]], rtol=1e-9, atol=1e-9)


# analyze_hessian ------------------------------------------------------------------------
@pytest.mark.parametrize("d,kind,point", [([2.0, 3.0], "positive_definite", "local_min"),
                                          ([-1.0, -2.0], "negative_definite", "local_max"),
                                          ([2.0, -1.0], "indefinite", "saddle"),
                                          ([2.0, 0.0], "semidefinite", "inconclusive"),
                                          ([2.0, 0.0, -1.0], "indefinite", "saddle"),
                                          ([0.0, 0.0], "semidefinite", "inconclusive")])
def test_analyze_hessian_diagonal_cases(sol, d, kind, point):
    info = sol.analyze_hessian(np.diag(d))
    assert info["kind"] == kind and info["critical_point"] == point
    np.testing.assert_array_equal(info["eigvals"], np.sort(d))
    mags = np.abs(np.asarray(d))
    assert info["condition_number"] == (np.inf if mags.min() == 0 else mags.max() / mags.min())
    # eigenvectors of a diagonal matrix with distinct entries: +e_i, in ascending order of d
    if len(set(d)) == len(d):
        np.testing.assert_array_equal(info["eigvecs"], np.eye(len(d))[:, np.argsort(d)])


@pytest.mark.parametrize("seed", range(5))
def test_analyze_hessian_matches_numpy(sol, seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 7))
    H = rng.normal(size=(n, n))
    H = H + H.T
    info = sol.analyze_hessian(H)
    lam, V = info["eigvals"], info["eigvecs"]
    np.testing.assert_allclose(lam, np.linalg.eigvalsh(H), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(H @ V, V * lam, atol=1e-10)
    np.testing.assert_allclose(V.T @ V, np.eye(n), atol=1e-12)
    assert np.all(V[np.argmax(np.abs(V), axis=0), np.arange(n)] > 0)
    assert info["condition_number"] == pytest.approx(np.linalg.cond(H, 2), rel=1e-10)
    try:
        np.linalg.cholesky(H)
        is_pd = True
    except np.linalg.LinAlgError:
        is_pd = False
    assert (info["kind"] == "positive_definite") == is_pd
    try:
        np.linalg.cholesky(-H)
        is_nd = True
    except np.linalg.LinAlgError:
        is_nd = False
    assert (info["kind"] == "negative_definite") == is_nd
    if not (is_pd or is_nd):
        assert info["kind"] == "indefinite" and info["critical_point"] == "saddle"


def test_analyze_hessian_tol_and_pd_check(sol):
    rng = np.random.default_rng(9)
    H = random_symmetric(rng, [1e-4, 1.0, 3.0])
    np.linalg.cholesky(H)  # positive definite
    assert sol.analyze_hessian(H)["kind"] == "positive_definite"
    assert sol.analyze_hessian(H)["condition_number"] == pytest.approx(np.linalg.cond(H, 2), rel=1e-8)
    info = sol.analyze_hessian(H, tol=1e-3)
    assert info["kind"] == "semidefinite" and info["condition_number"] == np.inf
    H = random_symmetric(rng, [2.0, 0.0, -1.0])
    assert abs(np.linalg.eigvalsh(H)[1]) < 1e-12
    assert sol.analyze_hessian(H)["critical_point"] == "saddle"


def test_analyze_hessian_at_a_real_critical_point(sol):
    # f(x, y) = x² − y² has a saddle at 0 (Fig. 4.5); Rosenbrock has its minimum at (1, 1).
    assert sol.analyze_hessian(sol.numerical_hessian(lambda v: float(v[0] ** 2 - v[1] ** 2), np.zeros(2)),
                               tol=1e-6)["critical_point"] == "saddle"
    assert sol.analyze_hessian(rosen_hess(np.ones(2)))["critical_point"] == "local_min"


# optimal_step_size ----------------------------------------------------------------------
@pytest.mark.parametrize("seed", range(4))
def test_optimal_step_size_is_the_exact_line_search_on_quadratics(sol, seed):
    rng = np.random.default_rng(seed)
    n = 4
    H = random_symmetric(rng, rng.uniform(0.2, 10.0, size=n))
    b, x = rng.normal(size=n), rng.normal(size=n)

    def f(z):
        return 0.5 * z @ H @ z + b @ z

    g = H @ x + b
    eps, decrease = sol.optimal_step_size(g, H)
    res = minimize_scalar(lambda e: f(x - e * g), bounds=(0.0, 10.0), method="bounded",
                          options={"xatol": 1e-12})
    assert eps == pytest.approx(res.x, rel=1e-6)
    assert decrease == pytest.approx(0.5 * (g @ g) ** 2 / (g @ H @ g), rel=1e-12)
    assert decrease == pytest.approx(f(x) - f(x - eps * g), rel=1e-9)


def test_optimal_step_size_special_cases(sol):
    assert sol.optimal_step_size(np.zeros(3), -np.eye(3)) == (0.0, 0.0)
    assert sol.optimal_step_size(np.array([1.0, 1.0]), np.diag([1.0, -1.0])) == (np.inf, np.inf)
    assert sol.optimal_step_size(np.array([1.0, 0.0]), np.diag([0.0, 5.0])) == (np.inf, np.inf)
    lam_max = 7.0
    eps, _ = sol.optimal_step_size(np.array([0.0, 0.0, 2.5]), np.diag([1.0, 3.0, lam_max]))
    assert eps == pytest.approx(1.0 / lam_max, rel=1e-15)
    eps, dec = sol.optimal_step_size(np.array([1.0, 1.0]), np.diag([1.0, 100.0]))
    assert (eps, dec) == pytest.approx((2.0 / 101.0, 2.0 / 101.0))  # ½·(gᵀg)²/gᵀHg = ½·4/101


# hessian_vector_product -----------------------------------------------------------------
def test_hvp_exact_on_quadratics(sol):
    rng = np.random.default_rng(3)
    A = rng.normal(size=(6, 6))
    x, v = rng.normal(size=6), rng.normal(size=6)
    Hv = sol.hessian_vector_product(lambda z: 0.5 * (A + A.T) @ z + 1.0, x, v)
    np.testing.assert_allclose(Hv, 0.5 * (A + A.T) @ v, rtol=1e-8, atol=1e-9)


@pytest.mark.parametrize("seed", range(3))
def test_hvp_matches_scipy_rosen_hess_prod(sol, seed):
    rng = np.random.default_rng(seed)
    x, v = rng.normal(size=5), rng.normal(size=5)
    assert rel_error(sol.hessian_vector_product(rosen_der, x, v), rosen_hess_prod(x, v)) < 1e-7


def test_hvp_matches_torch(sol):
    def f_t(x):
        return torch.sum(torch.sin(x) * x ** 2) + torch.logsumexp(x, 0)

    def grad(x):
        t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
        (g,) = torch.autograd.grad(f_t(t), t)
        return g.numpy()

    x, v = np.array([0.4, -1.3, 0.8]), np.array([1.0, 2.0, -0.5])
    _, hvp_t = torch.autograd.functional.hvp(f_t, torch.tensor(x), torch.tensor(v))
    assert rel_error(sol.hessian_vector_product(grad, x, v), hvp_t.numpy()) < 1e-8


def test_hvp_is_pure(sol):
    x, v = np.array([0.5, 1.5]), np.array([1.0, -1.0])
    xb, vb = x.copy(), v.copy()
    sol.hessian_vector_product(rosen_der, x, v)
    np.testing.assert_array_equal(x, xb)
    np.testing.assert_array_equal(v, vb)
