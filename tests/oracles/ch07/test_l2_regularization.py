"""7.1.1 reference against independent implementations: scikit-learn Ridge, SciPy's SPD solver,
eq. 7.10 by a direct solve, and PyTorch's SGD with weight_decay."""
import numpy as np
import pytest
import scipy.linalg
import torch
from sklearn.linear_model import Ridge


@pytest.fixture(scope="module")
def sol(reference):
    return reference("7.1.1")


def random_spd(rng, n):
    A = rng.normal(size=(n, n))
    return A @ A.T + 0.3 * np.eye(n)


# ridge_closed_form ----------------------------------------------------------------------
@pytest.mark.parametrize("m,n,alpha", [(30, 5, 0.5), (8, 12, 2.0), (50, 3, 1e-3), (4, 4, 100.0)])
def test_ridge_matches_sklearn_and_scipy(sol, m, n, alpha):
    rng = np.random.default_rng(m + n)
    X, y = rng.normal(size=(m, n)), rng.normal(size=m)
    w = sol.ridge_closed_form(X, y, alpha)
    # sklearn minimizes ‖y − Xw‖² + α‖w‖²: twice our objective, the same minimizer
    w_sk = Ridge(alpha=alpha, fit_intercept=False, solver="cholesky").fit(X, y).coef_
    np.testing.assert_allclose(w, w_sk, rtol=1e-9, atol=1e-12)
    w_sp = scipy.linalg.solve(X.T @ X + alpha * np.eye(n), X.T @ y, assume_a="pos")
    np.testing.assert_allclose(w, w_sp, rtol=1e-10, atol=1e-13)


def test_ridge_alpha_zero_is_least_squares_and_pure(sol):
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(12, 4)), rng.normal(size=12)
    Xb, yb = X.copy(), y.copy()
    np.testing.assert_allclose(sol.ridge_closed_form(X, y, 0.0), np.linalg.lstsq(X, y, rcond=None)[0], rtol=1e-10)
    np.testing.assert_array_equal(X, Xb)
    np.testing.assert_array_equal(y, yb)


# l2_regularized_optimum -----------------------------------------------------------------
@pytest.mark.parametrize("seed", range(4))
def test_l2_optimum_matches_direct_solve(sol, seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 7))
    H, w_star, alpha = random_spd(rng, n), rng.normal(size=n), float(rng.uniform(0.1, 3.0))
    w_tilde, factors, Q = sol.l2_regularized_optimum(H, w_star, alpha)
    np.testing.assert_allclose(w_tilde, np.linalg.solve(H + alpha * np.eye(n), H @ w_star), rtol=1e-9, atol=1e-12)
    lam = np.linalg.eigvalsh(H)
    np.testing.assert_allclose(factors, lam / (lam + alpha), rtol=1e-12)
    assert np.all((0 < factors) & (factors < 1)) and np.all(np.diff(factors) > 0)
    np.testing.assert_allclose(H @ Q, Q * lam, atol=1e-10)
    np.testing.assert_allclose(Q.T @ Q, np.eye(n), atol=1e-12)
    assert np.all(Q[np.argmax(np.abs(Q), axis=0), np.arange(n)] > 0)
    np.testing.assert_allclose(Q.T @ w_tilde, factors * (Q.T @ w_star), rtol=1e-9, atol=1e-12)


def test_l2_optimum_of_linear_regression_is_ridge(sol):
    # For J(w) = ½‖Xw − y‖², H = XᵀX and w* is least squares: eq 7.10 becomes eq 7.17.
    rng = np.random.default_rng(5)
    X, y = rng.normal(size=(25, 4)), rng.normal(size=25)
    w_star = np.linalg.lstsq(X, y, rcond=None)[0]
    w_tilde, _, _ = sol.l2_regularized_optimum(X.T @ X, w_star, 3.0)
    np.testing.assert_allclose(w_tilde, sol.ridge_closed_form(X, y, 3.0), rtol=1e-9)


def test_l2_optimum_limits(sol):
    rng = np.random.default_rng(6)
    H, w_star = random_spd(rng, 3), rng.normal(size=3)
    np.testing.assert_allclose(sol.l2_regularized_optimum(H, w_star, 0.0)[0], w_star, rtol=1e-10, atol=1e-12)
    assert np.max(np.abs(sol.l2_regularized_optimum(H, w_star, 1e9)[0])) < 1e-7


# weight_decay_sgd_step ------------------------------------------------------------------
@pytest.mark.parametrize("shape,lr,alpha", [((5,), 0.1, 0.01), ((3, 4), 0.05, 0.5), ((2, 2, 3), 0.3, 2.0)])
def test_weight_decay_step_matches_torch_sgd(sol, shape, lr, alpha):
    rng = np.random.default_rng(len(shape))
    w = rng.normal(size=shape)
    p = torch.tensor(w.copy(), dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr, weight_decay=alpha)
    for _ in range(5):
        g = rng.normal(size=shape)
        w_in = w.copy()
        w_new = sol.weight_decay_sgd_step(w, g, lr, alpha)
        np.testing.assert_array_equal(w, w_in)  # the input is left unchanged
        w = w_new
        p.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
        np.testing.assert_allclose(w, p.detach().numpy(), rtol=1e-14, atol=1e-15)


def test_weight_decay_step_is_pure(sol):
    w, g = np.array([1.0, -1.0]), np.array([0.5, 0.5])
    new = sol.weight_decay_sgd_step(w, g, 0.1, 1.0)
    np.testing.assert_array_equal(w, [1.0, -1.0])
    np.testing.assert_allclose(new, [0.9 - 0.05, -0.9 - 0.05])


# ridge_by_gradient_descent --------------------------------------------------------------
@pytest.mark.parametrize("factor", [1.0, 1.9])
def test_gd_converges_to_closed_form(sol, factor):
    rng = np.random.default_rng(7)
    X, y = rng.normal(size=(20, 4)), rng.normal(size=20)
    alpha = 1.5
    eig = np.linalg.eigvalsh(X.T @ X + alpha * np.eye(4))
    lr = factor / eig[-1]
    w, losses = sol.ridge_by_gradient_descent(X, y, alpha, lr, 3000)
    np.testing.assert_allclose(w, sol.ridge_closed_form(X, y, alpha), rtol=0, atol=1e-8)
    if factor <= 1.0:
        assert np.all(np.diff(losses) <= 1e-12 * losses[0])


def test_gd_matches_torch_sgd_trajectory(sol):
    rng = np.random.default_rng(8)
    X, y = rng.normal(size=(10, 3)), rng.normal(size=10)
    alpha, lr, steps = 0.7, 0.01, 40
    w, losses = sol.ridge_by_gradient_descent(X, y, alpha, lr, steps)
    Xt, yt = torch.tensor(X), torch.tensor(y)
    p = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr, weight_decay=alpha)
    for t in range(steps):
        opt.zero_grad()
        data = 0.5 * torch.sum((Xt @ p - yt) ** 2)
        total = data + 0.5 * alpha * torch.sum(p.detach() ** 2)
        assert losses[t] == pytest.approx(total.item(), rel=1e-12)
        data.backward()
        opt.step()
    np.testing.assert_allclose(w, p.detach().numpy(), rtol=1e-12, atol=1e-14)


def test_gd_zero_steps(sol):
    w, losses = sol.ridge_by_gradient_descent(np.ones((3, 2)), np.ones(3), 0.1, 0.1, 0)
    np.testing.assert_array_equal(w, np.zeros(2))
    assert losses.shape == (0,)
