"""7.2 reference against independent implementations: SciPy (SLSQP, constrained minimize),
PyTorch (torch.renorm), the KKT conditions and closed forms."""
import numpy as np
import pytest
import torch
from scipy.optimize import minimize


@pytest.fixture(scope="module")
def sol(reference):
    return reference("7.2")


# project_l2_ball ------------------------------------------------------------------------
@pytest.mark.parametrize("seed", range(4))
def test_projection_is_the_closest_point_of_the_ball(sol, seed):
    rng = np.random.default_rng(seed)
    n, k = 2 + seed, 0.5 + seed
    w = rng.normal(size=n) * (0.3 + seed)
    res = minimize(lambda u: 0.5 * np.sum((u - w) ** 2), np.zeros(n), jac=lambda u: u - w, method="SLSQP",
                   constraints=[{"type": "ineq", "fun": lambda u: k ** 2 - u @ u, "jac": lambda u: -2 * u}],
                   options={"ftol": 1e-12, "maxiter": 500})
    assert res.success, res.message
    np.testing.assert_allclose(sol.project_l2_ball(w, k), res.x, atol=1e-6)


def test_projection_properties(sol):
    rng = np.random.default_rng(9)
    for _ in range(20):
        w, k = rng.normal(size=5) * 3, rng.uniform(0.1, 4)
        p = sol.project_l2_ball(w, k)
        assert np.linalg.norm(p) <= k * (1 + 1e-12)
        np.testing.assert_allclose(sol.project_l2_ball(p, k), p, rtol=1e-12)  # idempotent
        # variational inequality of a projection onto a convex set: (w − p)ᵀ(u − p) ≤ 0 for u in the ball
        u = sol.project_l2_ball(rng.normal(size=5) * 3, k)
        assert (w - p) @ (u - p) <= 1e-10
    w = np.array([0.1, 0.2])
    assert sol.project_l2_ball(w, 1.0) is not w
    np.testing.assert_array_equal(sol.project_l2_ball(w, 1.0), w)
    np.testing.assert_array_equal(sol.project_l2_ball(np.zeros(3), 0.0), np.zeros(3))


# max_norm_columns -----------------------------------------------------------------------
@pytest.mark.parametrize("shape,c", [((3, 5), 1.0), ((6, 2), 0.5), ((4, 4), 2.0)])
def test_max_norm_matches_torch_renorm(sol, shape, c):
    rng = np.random.default_rng(shape[0] * 10 + shape[1])
    W = rng.normal(size=shape) * rng.uniform(0.1, 2.0, size=shape[1])
    got = sol.max_norm_columns(W, c)
    # torch.renorm along dim=1 rescales every W[:, j] whose norm exceeds maxnorm (it adds 1e-7 to the norm).
    want = torch.renorm(torch.tensor(W), p=2, dim=1, maxnorm=c).numpy()
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-12)
    norms = np.linalg.norm(W, axis=0)
    assert np.all(np.linalg.norm(got, axis=0) <= c + 1e-12)
    np.testing.assert_array_equal(got[:, norms <= c], W[:, norms <= c])  # bitwise unchanged
    over = norms > c
    np.testing.assert_allclose(np.linalg.norm(got[:, over], axis=0), c, rtol=1e-12)


def test_max_norm_is_the_column_wise_projection(sol):
    rng = np.random.default_rng(5)
    W = rng.normal(size=(4, 6)) * 2
    got = sol.max_norm_columns(W, 1.1)
    for j in range(W.shape[1]):
        np.testing.assert_allclose(got[:, j], sol.project_l2_ball(W[:, j], 1.1), rtol=1e-14)


# constrained_least_squares --------------------------------------------------------------
def slsqp(A, b, r):
    res = minimize(lambda x: 0.5 * np.sum((A @ x - b) ** 2), np.zeros(A.shape[1]),
                   jac=lambda x: A.T @ (A @ x - b), method="SLSQP",
                   constraints=[{"type": "ineq", "fun": lambda x: r ** 2 - x @ x, "jac": lambda x: -2 * x}],
                   options={"ftol": 1e-12, "maxiter": 1000})
    assert res.status in (0, 8), res.message  # 8: stopped at machine precision, judged by feasibility
    assert res.x @ res.x <= r ** 2 + 1e-8
    return res.x


def check_kkt(A, b, r, x, lam):
    assert lam >= 0.0                                                    # dual feasibility
    assert x @ x <= r ** 2 * (1 + 1e-10)                                 # primal feasibility
    assert abs(lam * (x @ x - r ** 2)) <= 1e-9 * max(1.0, lam)           # complementary slackness
    stat = A.T @ A @ x - A.T @ b + 2 * lam * x                           # stationarity
    assert np.linalg.norm(stat) <= 1e-8 * max(1.0, np.linalg.norm(A.T @ b))


@pytest.mark.parametrize("m,n,scale,r", [(5, 3, 5.0, 1.0), (3, 3, 4.0, 0.5), (2, 4, 3.0, 1.0),
                                         (8, 2, 0.1, 1.0), (6, 4, 2.0, 2.5)])
def test_constrained_least_squares_matches_slsqp_and_kkt(sol, m, n, scale, r):
    rng = np.random.default_rng(m * 100 + n)
    A, b = rng.normal(size=(m, n)), scale * rng.normal(size=m)
    x, lam = sol.constrained_least_squares(A, b, r)
    np.testing.assert_allclose(x, slsqp(A, b, r), atol=1e-6)
    check_kkt(A, b, r, x, lam)
    if lam > 0:
        assert np.linalg.norm(x) == pytest.approx(r, rel=1e-10)
        # eq 4.26 at λ*
        np.testing.assert_allclose(x, np.linalg.solve(A.T @ A + 2 * lam * np.eye(n), A.T @ b), rtol=1e-12)
    else:
        np.testing.assert_allclose(x, np.linalg.pinv(A) @ b, rtol=1e-10, atol=1e-12)


def test_constrained_least_squares_rank_deficient(sol):
    rng = np.random.default_rng(3)
    a = rng.normal(size=(6, 2))
    A = np.c_[a, a[:, 0]]
    for b, r in ((0.1 * rng.normal(size=6), 1.0), (6.0 * rng.normal(size=6), 1.0)):
        x, lam = sol.constrained_least_squares(A, b, r)
        check_kkt(A, b, r, x, lam)
        f = 0.5 * np.sum((A @ x - b) ** 2)
        assert f <= 0.5 * np.sum((A @ slsqp(A, b, r) - b) ** 2) + 1e-9
        if lam == 0:  # the minimum-norm solution among the minimizers
            np.testing.assert_allclose(x, np.linalg.lstsq(A, b, rcond=None)[0], rtol=1e-10)


def test_constrained_least_squares_closed_form_for_orthogonal_A(sol):
    # A = I: x* = b / (1 + 2λ*) with 1 + 2λ* = ‖b‖ / r (the quiz: b = (3, 4), r = 1 gives λ* = 2).
    x, lam = sol.constrained_least_squares(np.eye(2), np.array([3.0, 4.0]))
    np.testing.assert_allclose(x, [0.6, 0.8], rtol=1e-12)
    assert lam == pytest.approx(2.0, rel=1e-11)
    b, r = np.array([1.0, -2.0, 2.0]), 0.75
    x, lam = sol.constrained_least_squares(np.eye(3), b, r)
    assert lam == pytest.approx((3.0 / r - 1) / 2, rel=1e-11)
    np.testing.assert_allclose(x, b * r / 3.0, rtol=1e-11)


def test_multiplier_is_the_penalty_that_gives_the_same_solution(sol):
    # Eqs 7.27-7.28: the constrained optimum is the penalized optimum at α* = λ*, and a smaller
    # radius needs a larger multiplier.
    rng = np.random.default_rng(11)
    A, b = rng.normal(size=(7, 3)), 3.0 * rng.normal(size=7)
    lams = []
    for r in (1.5, 1.0, 0.5, 0.2):
        x, lam = sol.constrained_least_squares(A, b, r)
        penalized = minimize(lambda z: 0.5 * np.sum((A @ z - b) ** 2) + lam * z @ z, np.zeros(3),
                             jac=lambda z: A.T @ (A @ z - b) + 2 * lam * z, method="BFGS",
                             options={"gtol": 1e-12}).x
        np.testing.assert_allclose(x, penalized, atol=1e-6)
        lams.append(lam)
    assert np.all(np.diff(lams) > 0)


# projected_gradient_descent -------------------------------------------------------------
@pytest.mark.parametrize("seed", range(3))
def test_projected_gd_converges_to_the_constrained_solution(sol, seed):
    rng = np.random.default_rng(seed)
    A, b = rng.normal(size=(6, 3)), 5.0 * rng.normal(size=6)
    r = 0.8
    lr = 1.0 / np.linalg.norm(A, 2) ** 2
    w = sol.projected_gradient_descent(lambda x: A.T @ (A @ x - b), np.zeros(3), r, lr, 5000)
    x, lam = sol.constrained_least_squares(A, b, r)
    assert lam > 0
    assert np.linalg.norm(w) == pytest.approx(r, rel=1e-10)  # on the sphere
    np.testing.assert_allclose(w, x, atol=1e-8)


def test_projected_gd_one_step_by_hand(sol):
    calls = []

    def grad(w):
        calls.append(np.array(w))
        return np.array([1.0, -2.0]) * w + np.array([-3.0, 1.0])

    w0 = np.array([2.0, 1.0])
    w = sol.projected_gradient_descent(grad, w0, 1.0, 0.25, 1)
    step = w0 - 0.25 * (np.array([2.0, -2.0]) + np.array([-3.0, 1.0]))
    np.testing.assert_allclose(w, step / np.linalg.norm(step), rtol=1e-14)
    assert len(calls) == 1 and np.array_equal(calls[0], w0)
    np.testing.assert_array_equal(w0, [2.0, 1.0])
