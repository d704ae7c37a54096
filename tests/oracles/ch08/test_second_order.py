"""8.6 reference against independent implementations: closed forms (the minimum A⁻¹b, the
eigen-decomposition of the damped step), SciPy's Newton-CG, linear CG (scipy.sparse.linalg.cg,
iterate by iterate), nonlinear CG, the BFGS inverse-Hessian update (scipy.optimize.BFGS) and the
L-BFGS inverse-Hessian product (scipy.optimize.LbfgsInvHessProduct), plus the classical theorem
that BFGS with exact line searches on a quadratic reproduces the CG iterates."""
import numpy as np
import pytest
import scipy.optimize
import scipy.sparse.linalg
import torch
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.fixture(scope="module")
def sol(reference):
    return reference("8.6")


def sym_with_eigvals(seed, lam):
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.normal(size=(len(lam), len(lam))))
    A = Q @ np.diag(np.asarray(lam, dtype=float)) @ Q.T
    return (A + A.T) / 2


def pairs(seed, k, d):
    rng = np.random.default_rng(seed)
    A = sym_with_eigvals(seed + 1, np.linspace(0.5, 6.0, d))
    S = rng.normal(size=(k, d))
    Y = S @ A + 0.3 * rng.normal(size=(k, d))
    assert np.all(np.einsum("ij,ij->i", S, Y) > 0)
    return S, Y


# newton_step -----------------------------------------------------------------------------------
@pytest.mark.parametrize("lam", [[0.2, 1.0, 4.0, 25.0], [1e-2, 1.0, 1e2], [3.0]])
def test_newton_one_step_minimizes_a_quadratic(sol, lam):
    A = sym_with_eigvals(len(lam), lam)
    rng = np.random.default_rng(1)
    b = rng.normal(size=len(lam))
    for _ in range(3):
        theta = 10 * rng.normal(size=len(lam))
        new = sol.newton_step(theta, A @ theta - b, A)
        np.testing.assert_allclose(new, np.linalg.solve(A, b), rtol=1e-9, atol=1e-10)


@pytest.mark.parametrize("alpha", [0.0, 0.1, 2.5, 1e4])
def test_damped_newton_matches_the_eigen_decomposition(sol, alpha):
    # (H + αI)⁻¹ = Q diag(1/(λ + α)) Qᵀ, here with an indefinite H and α making H + αI positive definite.
    lam = np.array([-1.5, 0.5, 3.0, 7.0]) + (2.0 if alpha == 0.0 else 0.0)
    rng = np.random.default_rng(3)
    Q, _ = np.linalg.qr(rng.normal(size=(4, 4)))
    H = Q @ np.diag(lam) @ Q.T
    theta, g = rng.normal(size=4), rng.normal(size=4)
    want = theta - Q @ ((Q.T @ g) / (lam + alpha))
    np.testing.assert_allclose(sol.newton_step(theta, g, H, alpha), want, rtol=1e-10, atol=1e-12)
    if alpha >= 1e4:  # a huge α: gradient descent with learning rate 1/α (sec 8.6.1)
        np.testing.assert_allclose(sol.newton_step(theta, g, H, alpha), theta - g / alpha, rtol=1e-3)


def test_newton_lands_on_the_saddle(sol):
    # f = x² − y² from (1, 1): exactly onto the saddle point (0, 0), illustrating sec 8.2.3.
    np.testing.assert_array_equal(sol.newton_step(np.array([1.0, 1.0]), np.array([2.0, -2.0]), np.diag([2.0, -2.0])),
                                  [0.0, 0.0])
    # The damped step (α = 3 > 2) moves away from the saddle along y instead.
    out = sol.newton_step(np.array([1.0, 1.0]), np.array([2.0, -2.0]), np.diag([2.0, -2.0]), 3.0)
    np.testing.assert_allclose(out, [0.6, 3.0], rtol=1e-12)


def test_newton_iterations_match_scipy_newton_cg_at_convergence(sol):
    # A smooth strictly convex non-quadratic cost: logsumexp(Cθ) + ½‖θ‖²; gradients and Hessians
    # from torch autograd. Iterated Newton steps converge to SciPy's Newton-CG minimizer.
    C = torch.tensor(np.random.default_rng(5).normal(size=(6, 3)), dtype=torch.float64)

    def f(t):
        return torch.logsumexp(C @ t, 0) + 0.5 * t @ t

    def fun(x):
        return f(torch.tensor(x)).item()

    def jac(x):
        return torch.autograd.functional.jacobian(f, torch.tensor(x)).numpy()

    def hess(x):
        return torch.autograd.functional.hessian(f, torch.tensor(x)).numpy()

    theta = np.array([1.0, -2.0, 0.5])
    for _ in range(12):
        theta = sol.newton_step(theta, jac(theta), hess(theta))
    res = scipy.optimize.minimize(fun, np.array([1.0, -2.0, 0.5]), jac=jac, hess=hess, method="Newton-CG",
                                  options={"xtol": 1e-12})
    assert np.linalg.norm(jac(theta)) < 1e-12
    np.testing.assert_allclose(theta, res.x, atol=1e-8)


# conjugate_gradient_quadratic ------------------------------------------------------------------
def scipy_cg_iterates(A, b, x0, n):
    path = [np.array(x0, dtype=float)]
    scipy.sparse.linalg.cg(A, b, x0=x0, rtol=1e-14, atol=0.0, maxiter=n, callback=lambda xk: path.append(xk.copy()))
    return np.array(path)


@pytest.mark.parametrize("lam", [[0.5, 1.0, 3.0, 8.0, 20.0], [1.0, 2.0, 2.5, 6.0, 9.0, 15.0, 30.0, 31.0],
                                 [1.0, 10.0]])
@pytest.mark.parametrize("rule", ["PR", "FR"])
def test_cg_iterates_match_scipy_sparse_cg(sol, lam, rule):
    d = len(lam)
    A = sym_with_eigvals(d, lam)
    rng = np.random.default_rng(d)
    b, x0 = rng.normal(size=d), rng.normal(size=d)
    want = scipy_cg_iterates(A, b, x0, d)
    got = sol.conjugate_gradient_quadratic(A, b, x0, d, rule)
    assert len(want) == d + 1  # SciPy needed all d iterations at rtol 1e-14
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(got[-1], np.linalg.solve(A, b), rtol=1e-9, atol=1e-10)


@settings(max_examples=40, deadline=None)
@given(d=st.integers(1, 7), seed=st.integers(0, 10_000))
def test_cg_properties(sol, d, seed):
    rng = np.random.default_rng(seed)
    lam = np.exp(rng.uniform(-1.0, 2.0, size=d))  # condition number up to e³ ≈ 20
    A = sym_with_eigvals(seed, lam)
    b, x0 = rng.normal(size=d), rng.normal(size=d)
    pr = sol.conjugate_gradient_quadratic(A, b, x0, d + 2, "PR")
    fr = sol.conjugate_gradient_quadratic(A, b, x0, d + 2, "FR")
    assert pr.shape == (d + 3, d)
    np.testing.assert_allclose(pr, fr, rtol=1e-8, atol=1e-10)  # the two β rules agree on a quadratic
    np.testing.assert_allclose(pr[d], np.linalg.solve(A, b), rtol=1e-8, atol=1e-9)  # at most d line searches
    J = np.array([0.5 * t @ A @ t - b @ t for t in pr])
    assert np.all(np.diff(J) <= 1e-12 * (1 + np.abs(J[:-1])))  # exact line searches never increase J
    steps = np.diff(pr[: d + 1], axis=0)
    steps = steps[np.linalg.norm(steps, axis=1) > 1e-9]
    G = steps @ A @ steps.T
    norms = np.sqrt(np.outer(np.diag(G), np.diag(G)))
    off = (G - np.diag(np.diag(G))) / norms
    assert np.max(np.abs(off), initial=0.0) < 1e-6  # conjugate directions ρ_iᵀAρ_j = 0


def test_cg_final_point_matches_scipy_minimize_cg(sol):
    A = sym_with_eigvals(9, [0.3, 1.0, 2.0, 4.0, 9.0])
    b, x0 = np.arange(5.0), np.ones(5)
    res = scipy.optimize.minimize(lambda x: 0.5 * x @ A @ x - b @ x, x0, jac=lambda x: A @ x - b, method="CG",
                                  options={"gtol": 1e-12})
    np.testing.assert_allclose(sol.conjugate_gradient_quadratic(A, b, x0, 5)[-1], res.x, rtol=1e-7, atol=1e-9)


def test_cg_fixed_points(sol):
    A = np.array([[4.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 2.0]])
    theta0 = np.array([1.0, -1.0, 2.0])
    path = sol.conjugate_gradient_quadratic(A, A @ theta0, theta0, 4)
    np.testing.assert_array_equal(path, np.tile(theta0, (5, 1)))  # start at the minimum: no step, no NaN
    assert sol.conjugate_gradient_quadratic(A, np.ones(3), theta0, 0).shape == (1, 3)
    np.testing.assert_allclose(sol.conjugate_gradient_quadratic(np.array([[3.0]]), np.array([1.0]), np.array([2.0]), 3),
                               [[2.0], [1 / 3], [1 / 3], [1 / 3]], rtol=1e-15)
    with pytest.raises(ValueError):
        sol.conjugate_gradient_quadratic(A, np.ones(3), theta0, 3, "HS")


def test_steepest_descent_zigzag_and_two_step_cg(sol):
    # Fig 8.6: one CG iteration from each point is a steepest-descent step with exact line search;
    # successive steepest-descent steps are orthogonal, while CG solves the 2-D quadratic in two steps.
    A, b = np.array([[1.0, 0.0], [0.0, 10.0]]), np.zeros(2)
    theta, steps = np.array([10.0, 1.0]), []
    for _ in range(10):
        new = sol.conjugate_gradient_quadratic(A, b, theta, 1)[-1]
        steps.append(new - theta)
        theta = new
    for s1, s2 in zip(steps, steps[1:]):
        assert abs(s1 @ s2) < 1e-10 * np.linalg.norm(s1) * np.linalg.norm(s2)
    assert np.linalg.norm(theta) > 1e-2  # still far from the minimum after 10 zig-zags
    np.testing.assert_allclose(sol.conjugate_gradient_quadratic(A, b, np.array([10.0, 1.0]), 2)[-1], [0.0, 0.0],
                               atol=1e-12)


# bfgs_inverse_update ---------------------------------------------------------------------------
@pytest.mark.parametrize("d,start", [(3, "identity"), (5, "spd"), (4, "scaled")])
def test_bfgs_matches_scipy_bfgs(sol, d, start):
    rng = np.random.default_rng(d)
    if start == "identity":
        M0 = np.eye(d)
    elif start == "scaled":
        M0 = 0.3 * np.eye(d)
    else:
        B = rng.normal(size=(d, d))
        M0 = B @ B.T / d + 0.5 * np.eye(d)
        M0 = (M0 + M0.T) / 2
    S, Y = pairs(10 + d, 3, d)
    scipy_bfgs = scipy.optimize.BFGS(init_scale=M0 if start == "spd" else (0.3 if start == "scaled" else 1.0))
    scipy_bfgs.initialize(d, "inv_hess")
    M = M0
    for s, y in zip(S, Y):
        scipy_bfgs.update(delta_x=s, delta_grad=y)
        M = sol.bfgs_inverse_update(M, s, y)
        np.testing.assert_allclose(M, scipy_bfgs.get_matrix(), rtol=1e-10, atol=1e-12)


def test_bfgs_skip_matches_scipy_skip_update(sol):
    d = 3
    M0 = np.eye(d)
    s, y = np.array([1.0, -0.5, 0.25]), np.array([-2.0, 0.3, 1.0])  # yᵀs < 0
    scipy_bfgs = scipy.optimize.BFGS(init_scale=1.0, exception_strategy="skip_update")
    scipy_bfgs.initialize(d, "inv_hess")
    scipy_bfgs.update(delta_x=s, delta_grad=y)
    np.testing.assert_array_equal(sol.bfgs_inverse_update(M0, s, y), scipy_bfgs.get_matrix())
    np.testing.assert_array_equal(sol.bfgs_inverse_update(M0, s, np.array([0.0, 1.0, 2.0])), M0)  # yᵀs = 0


@settings(max_examples=60, deadline=None)
@given(d=st.integers(1, 6), seed=st.integers(0, 10_000))
def test_bfgs_secant_symmetry_positive_definite(sol, d, seed):
    rng = np.random.default_rng(seed)
    B = rng.normal(size=(d, d))
    M = B @ B.T + 0.1 * np.eye(d)
    M = (M + M.T) / 2
    s, y = rng.normal(size=d), rng.normal(size=d)
    if y @ s < 0:
        y = -y
    if y @ s < 1e-3 * np.linalg.norm(y) * np.linalg.norm(s):
        y = y + s  # keep yᵀs safely positive
    new = sol.bfgs_inverse_update(M, s, y)
    np.testing.assert_allclose(new @ y, s, rtol=1e-7, atol=1e-9 * (1 + np.abs(s).max()))
    np.testing.assert_allclose(new, new.T, rtol=1e-12, atol=1e-12 * np.abs(new).max())
    assert np.linalg.eigvalsh((new + new.T) / 2).min() > 0


def test_bfgs_with_exact_line_searches_reproduces_cg(sol):
    # Classical theorem: on a quadratic, BFGS from M = I with exact line searches makes the same
    # iterates as CG, and after d steps M = A⁻¹.
    A = sym_with_eigvals(11, [0.5, 1.0, 2.0, 4.0, 7.0])
    b, theta = np.arange(1.0, 6.0), np.zeros(5)
    cg = sol.conjugate_gradient_quadratic(A, b, theta, 5)
    M = np.eye(5)
    for t in range(5):
        g = A @ theta - b
        rho = -M @ g
        new = theta - (g @ rho) / (rho @ A @ rho) * rho
        M = sol.bfgs_inverse_update(M, new - theta, A @ (new - theta))
        theta = new
        np.testing.assert_allclose(theta, cg[t + 1], rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(M, np.linalg.inv(A), rtol=1e-8, atol=1e-10)


# lbfgs_direction -------------------------------------------------------------------------------
@pytest.mark.parametrize("k,d", [(1, 3), (3, 5), (5, 8)])
def test_lbfgs_matches_scipy_lbfgs_inv_hess_product(sol, k, d):
    S, Y = pairs(20 + k, k, d)
    g = np.random.default_rng(k).normal(size=d)
    H = scipy.optimize.LbfgsInvHessProduct(S, Y)
    np.testing.assert_allclose(sol.lbfgs_direction(g, S, Y), -H.matvec(g), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(sol.lbfgs_direction(g, S, Y), -H.todense() @ g, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("gamma", [1.0, 0.37, 4.0])
def test_lbfgs_equals_repeated_bfgs_updates_and_scipy(sol, gamma):
    S, Y = pairs(30, 4, 6)
    g = np.random.default_rng(31).normal(size=6)
    scipy_bfgs = scipy.optimize.BFGS(init_scale=gamma)
    scipy_bfgs.initialize(6, "inv_hess")
    M = gamma * np.eye(6)
    for s, y in zip(S, Y):
        M = sol.bfgs_inverse_update(M, s, y)
        scipy_bfgs.update(delta_x=s, delta_grad=y)
    np.testing.assert_allclose(sol.lbfgs_direction(g, S, Y, gamma), -M @ g, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(sol.lbfgs_direction(g, S, Y, gamma), -scipy_bfgs.get_matrix() @ g, rtol=1e-9,
                               atol=1e-12)


def test_lbfgs_memoryless_closed_form_and_no_pairs(sol):
    # k = 1, H₀ = I (the book's memoryless BFGS): M = (I − ρsyᵀ)(I − ρysᵀ) + ρssᵀ, written out.
    S, Y = pairs(40, 1, 4)
    s, y = S[0], Y[0]
    rho = 1 / (y @ s)
    g = np.array([0.3, -1.0, 2.0, 0.5])
    Mg = g - rho * s * (y @ g) - rho * y * (s @ g) + rho ** 2 * s * (y @ y) * (s @ g) + rho * s * (s @ g)
    np.testing.assert_allclose(sol.lbfgs_direction(g, S, Y), -Mg, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(sol.lbfgs_direction(g, np.zeros((0, 4)), np.zeros((0, 4)), 0.25), -0.25 * g)
    assert g @ sol.lbfgs_direction(g, S, Y) < 0  # a descent direction


def test_quiz_numbers(sol):
    # Damped Newton on H = diag(−1, 4), g = (1, 2), α = 2: Δ = −(1/1, 2/6).
    step = sol.newton_step(np.zeros(2), np.array([1.0, 2.0]), np.diag([-1.0, 4.0]), 2.0)
    np.testing.assert_allclose(step, [-1.0, -1 / 3], rtol=1e-12)
    # A dense 10⁶ × 10⁶ float64 matrix: 8·10¹² bytes = 8 TB.
    assert (10 ** 6) ** 2 * np.dtype(np.float64).itemsize / 1e12 == 8.0
    # CG on a 50-d SPD quadratic reaches the minimum after (at most) 50 line searches.
    A = sym_with_eigvals(50, np.linspace(1.0, 3.0, 50))
    b = np.random.default_rng(50).normal(size=50)
    path = sol.conjugate_gradient_quadratic(A, b, np.zeros(50), 50)
    np.testing.assert_allclose(path[-1], np.linalg.solve(A, b), rtol=1e-8, atol=1e-10)
