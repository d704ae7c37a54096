"""Hidden grading tests for 8.6 Approximate Second-Order Methods.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs. Symmetric matrices are built as (A + Aᵀ)/2, which is
symmetric to the last bit. CG cases are chosen so that the gradient norms along the path stay
far (a factor >= 3) from the tolerance, so every correct route stops at the same iteration.
"""
import numpy as np
import pytest

from autograder.sandbox import StudentError
from autograder.testing import assert_close, assert_shape

pytestmark = pytest.mark.section("8.6")


def sym_with_eigvals(seed, lam):
    """Q diag(λ) Qᵀ for a random orthogonal Q, symmetrized exactly."""
    rng = np.random.default_rng(seed)
    Q, R = np.linalg.qr(rng.normal(size=(len(lam), len(lam))))
    Q = Q * np.sign(np.diag(R))
    A = Q @ np.diag(np.asarray(lam, dtype=float)) @ Q.T
    return (A + A.T) / 2


def quadratic(seed, lam):
    """A (SPD with eigenvalues lam), b and a starting point θ₀."""
    rng = np.random.default_rng(seed + 100)
    return sym_with_eigvals(seed, lam), rng.normal(size=len(lam)), rng.normal(size=len(lam))


def curvature_pairs(seed, k, d):
    """k pairs (s_i, y_i) as rows, y_i = A s_i + a perturbation (not a quadratic), all y_iᵀs_i > 0."""
    rng = np.random.default_rng(seed)
    A = sym_with_eigvals(seed + 1, np.linspace(0.5, 6.0, d))
    S = rng.normal(size=(k, d))
    Y = S @ A + 0.3 * rng.normal(size=(k, d))
    assert np.all(np.einsum("ij,ij->i", S, Y) > 0.1)
    return S, Y


def spd_matrix(seed, d):
    B = np.random.default_rng(seed).normal(size=(d, d))
    M = B @ B.T / d + 0.5 * np.eye(d)
    return (M + M.T) / 2


# newton_step -----------------------------------------------------------------------------------
@pytest.mark.parametrize("case", [pytest.param("spd-d4", id="spd-d4"),
                                  pytest.param("nonsymmetric-d5", id="nonsymmetric-H-d5")])
def test_newton_step_random(impl, ref, case):
    rng = np.random.default_rng(len(case))
    if case == "spd-d4":
        hess = sym_with_eigvals(3, [0.2, 1.0, 4.0, 25.0])
    else:  # e.g. a finite-difference Hessian: the step solves (H + αI)Δ = −g with H on the left
        hess = rng.normal(size=(5, 5)) + 3.0 * np.eye(5)
    d = hess.shape[0]
    theta, grad = rng.normal(size=d), rng.normal(size=d)
    got = impl.newton_step(theta, grad, hess)
    assert_shape(got, (d,), "newton_step")
    assert_close(got, ref.newton_step(theta, grad, hess), f"newton_step ({case}, no damping)")


def test_newton_step_damping(impl, ref):
    # Eq 8.28 for several α: an SPD H with a non-unit diagonal, an indefinite H made positive definite
    # by α = 2.5, and d = 1.
    rng = np.random.default_rng(7)
    spd = sym_with_eigvals(8, [0.3, 2.0, 9.0])
    indefinite = sym_with_eigvals(9, [-1.5, 3.0, 7.0, 0.5])
    cases = [(spd, a, f"SPD H (eigenvalues 0.3, 2, 9), damping={a}") for a in (0.1, 1.0, 10.0, 1e3)]
    cases += [(indefinite, 2.5, "indefinite H (eigenvalues -1.5, 0.5, 3, 7), damping=2.5"),
              (np.array([[4.0]]), 0.5, "d = 1, H = [[4]], damping=0.5")]
    for hess, alpha, label in cases:
        d = hess.shape[0]
        theta, grad = rng.normal(size=d), rng.normal(size=d)
        assert_close(impl.newton_step(theta, grad, hess, alpha), ref.newton_step(theta, grad, hess, alpha),
                     f"newton_step with {label} (α is added to the diagonal only)")


def test_newton_step_lands_on_the_saddle(impl, ref):
    # f = x² − y² from (1, 1), and a rotated 3-D saddle f = ½θᵀHθ − cᵀθ: the undamped step goes to
    # the critical point of the quadratic model, whatever its kind (sec 8.2.3).
    theta, grad, hess = np.array([1.0, 1.0]), np.array([2.0, -2.0]), np.diag([2.0, -2.0])
    assert_close(impl.newton_step(theta, grad, hess), ref.newton_step(theta, grad, hess),
                 "newton_step on f = x² − y² from (1, 1)")
    H = sym_with_eigvals(12, [-2.0, 1.0, 3.0])
    c = np.array([0.5, -1.0, 2.0])
    theta = np.array([1.5, 0.3, -0.7])
    assert_close(impl.newton_step(theta, H @ theta - c, H), ref.newton_step(theta, H @ theta - c, H),
                 "newton_step on a rotated saddle ½θᵀHθ − cᵀθ (eigenvalues of H: -2, 1, 3)")


def test_newton_step_is_pure(impl, ref):
    hess = sym_with_eigvals(13, [1.0, 2.0, 5.0, 0.4])
    theta, grad = np.array([0.1, -2.0, 0.7, 1.0]), np.array([1.0, 0.5, -0.3, 2.0])
    assert_close(impl.pure("newton_step", theta, grad, hess, 0.3), ref.newton_step(theta, grad, hess, 0.3),
                 "newton_step (purity case)")


# conjugate_gradient_quadratic ------------------------------------------------------------------
@pytest.mark.parametrize("lam,n_iter,rule", [
    pytest.param([0.5, 1.0, 3.0, 8.0, 20.0], 3, "PR", id="d5-3iter-PR"),
    pytest.param([1.0, 2.0, 2.5, 6.0, 9.0, 15.0], 6, "FR", id="d6-6iter-FR"),
])
def test_conjugate_gradient_quadratic_random(impl, ref, lam, n_iter, rule):
    A, b, theta0 = quadratic(len(lam), lam)
    got = impl.conjugate_gradient_quadratic(A, b, theta0, n_iter, rule)
    assert_shape(got, (n_iter + 1, len(lam)), "conjugate_gradient_quadratic iterates (rows θ_0 .. θ_n)")
    assert_close(got, ref.conjugate_gradient_quadratic(A, b, theta0, n_iter, rule),
                 f"CG iterates on a {len(lam)}-d quadratic, {n_iter} iterations, beta_rule={rule!r}")


def test_conjugate_gradient_quadratic_past_convergence(impl, ref):
    # d = 4, n_iter = 9: the minimum is reached after 4 line searches; the later rows repeat it.
    A, b, theta0 = quadratic(4, [1.0, 2.5, 6.0, 10.0])
    for rule in ("PR", "FR"):
        got = impl.conjugate_gradient_quadratic(A, b, theta0, 9, rule)
        assert_shape(got, (10, 4), "conjugate_gradient_quadratic iterates")
        assert_close(got, ref.conjugate_gradient_quadratic(A, b, theta0, 9, rule),
                     f"CG iterates on a 4-d quadratic run for 9 iterations (beta_rule={rule!r}); once ‖g‖ < tol "
                     f"the last iterate repeats")


def test_conjugate_gradient_quadratic_tol_stops_early(impl, ref):
    # Three clusters of eigenvalues: ‖g‖ drops below tol = 1.6e-2 after 6 of 8 line searches (‖g‖ goes
    # 0.11, 0.052, 0.0053 after 4, 5, 6).
    A, b, theta0 = quadratic(8, [1.0, 1.1, 1.2, 5.0, 5.1, 5.2, 9.0, 9.5])
    got = impl.conjugate_gradient_quadratic(A, b, theta0, 8, "PR", 1.6e-2)
    assert_shape(got, (9, 8), "conjugate_gradient_quadratic iterates")
    assert_close(got, ref.conjugate_gradient_quadratic(A, b, theta0, 8, "PR", 1.6e-2),
                 "CG iterates with tol=1.6e-2 (compare the Euclidean norm ‖g‖, not gᵀg, with tol; repeat the last "
                 "iterate from then on)")


def test_conjugate_gradient_quadratic_edge_cases(impl, ref):
    # Starting at the exact minimum (g = 0: no 0/0), n_iter = 0, d = 1, and an unknown beta_rule.
    A = np.array([[4.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 2.0]])
    theta0 = np.array([1.0, -1.0, 2.0])
    b = A @ theta0  # exact in floating point: g = Aθ₀ − b = 0
    cases = [(A, b, theta0, 4, "starting at the minimum (g = 0), 4 iterations"),
             (A, np.array([1.0, 0.0, -2.0]), theta0, 0, "n_iter = 0"),
             (np.array([[3.0]]), np.array([1.0]), np.array([2.0]), 3, "d = 1, 3 iterations")]
    for A_, b_, t0, n, label in cases:
        got = impl.conjugate_gradient_quadratic(A_, b_, t0, n)
        assert_shape(got, (n + 1, len(t0)), f"conjugate_gradient_quadratic iterates ({label})")
        assert_close(got, ref.conjugate_gradient_quadratic(A_, b_, t0, n), f"CG iterates, {label}")
    try:
        impl.call("conjugate_gradient_quadratic", A, np.array([1.0, 0.0, -2.0]), theta0, 3, "HS")
    except StudentError as exc:
        assert "raised ValueError" in str(exc), f"beta_rule='HS' should raise ValueError, but: {exc}"
    else:
        raise AssertionError("conjugate_gradient_quadratic(..., beta_rule='HS') returned a value; an unknown "
                             "beta_rule must raise ValueError")


def test_conjugate_gradient_quadratic_is_pure(impl, ref):
    A, b, theta0 = quadratic(5, [0.7, 2.0, 3.0, 5.0, 11.0])
    assert_close(impl.pure("conjugate_gradient_quadratic", A, b, theta0, 5, "PR"),
                 ref.conjugate_gradient_quadratic(A, b, theta0, 5, "PR"), "conjugate_gradient_quadratic (purity case)")


# bfgs_inverse_update ---------------------------------------------------------------------------
@pytest.mark.parametrize("d,start", [pytest.param(3, "identity", id="d3-from-identity"),
                                     pytest.param(5, "spd", id="d5-from-random-spd")])
def test_bfgs_inverse_update_random(impl, ref, d, start):
    M = np.eye(d) if start == "identity" else spd_matrix(20 + d, d)
    S, Y = curvature_pairs(30 + d, 1, d)
    got = impl.bfgs_inverse_update(M, S[0], Y[0])
    assert_shape(got, (d, d), "bfgs_inverse_update")
    assert_close(got, ref.bfgs_inverse_update(M, S[0], Y[0]), f"bfgs_inverse_update (d={d}, M = {start})")


def test_bfgs_inverse_update_consecutive(impl, ref):
    # Four updates in a row from M = 0.5·I, each applied to the matrix the previous call returned.
    S, Y = curvature_pairs(40, 4, 4)
    got, want = 0.5 * np.eye(4), 0.5 * np.eye(4)
    for t, (s, y) in enumerate(zip(S, Y), start=1):
        got = impl.bfgs_inverse_update(got, s, y)
        want = ref.bfgs_inverse_update(want, s, y)
        assert_close(got, want, f"M after {t} consecutive BFGS updates")
        got = np.asarray(got, dtype=float)


def test_bfgs_inverse_update_skips_nonpositive_curvature(impl, ref):
    M = spd_matrix(50, 3)
    s = np.array([1.0, -0.5, 0.25])
    for y, label in [(np.array([-2.0, 0.3, 1.0]), "yᵀs < 0"), (np.array([0.0, 1.0, 2.0]), "yᵀs = 0 exactly")]:
        assert_close(impl.bfgs_inverse_update(M, s, y), ref.bfgs_inverse_update(M, s, y),
                     f"bfgs_inverse_update with {label} (the update is skipped)")


def test_bfgs_inverse_update_is_pure(impl, ref):
    M = spd_matrix(60, 4)
    S, Y = curvature_pairs(61, 1, 4)
    assert_close(impl.pure("bfgs_inverse_update", M, S[0], Y[0]), ref.bfgs_inverse_update(M, S[0], Y[0]),
                 "bfgs_inverse_update (purity case)")


# lbfgs_direction -------------------------------------------------------------------------------
@pytest.mark.parametrize("k,d,gamma", [pytest.param(2, 4, 1.0, id="k2-d4-gamma1"),
                                       pytest.param(4, 6, 0.37, id="k4-d6-gamma0.37")])
def test_lbfgs_direction_random(impl, ref, k, d, gamma):
    S, Y = curvature_pairs(70 + k, k, d)
    grad = np.random.default_rng(80 + k).normal(size=d)
    got = impl.lbfgs_direction(grad, S, Y, gamma)
    assert_shape(got, (d,), "lbfgs_direction")
    assert_close(got, ref.lbfgs_direction(grad, S, Y, gamma),
                 f"lbfgs_direction with k={k} pairs (oldest first), d={d}, gamma={gamma}")


def test_lbfgs_direction_no_pairs_and_one_pair(impl, ref):
    grad = np.array([0.5, -1.0, 2.0])
    empty = np.zeros((0, 3))
    assert_close(impl.lbfgs_direction(grad, empty, empty, 0.5), ref.lbfgs_direction(grad, empty, empty, 0.5),
                 "lbfgs_direction with no stored pairs (S, Y of shape (0, 3)), gamma=0.5")
    S, Y = curvature_pairs(90, 1, 3)
    assert_close(impl.lbfgs_direction(grad, S, Y, 1.0), ref.lbfgs_direction(grad, S, Y, 1.0),
                 "lbfgs_direction with one pair and gamma=1 (the book's memoryless BFGS)")


def test_lbfgs_direction_is_pure(impl, ref):
    S, Y = curvature_pairs(95, 3, 5)
    grad = np.array([1.0, -0.2, 0.4, 2.0, -1.5])
    assert_close(impl.pure("lbfgs_direction", grad, S, Y, 0.8), ref.lbfgs_direction(grad, S, Y, 0.8),
                 "lbfgs_direction (purity case)")
