"""Hidden grading tests for 7.0 Prerequisites: Hessian Matrix, Definiteness, and Curvature.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs.
"""
import numpy as np
import pytest

from autograder.testing import Fn, assert_close, assert_shape, materialize

pytestmark = pytest.mark.section("7.0")

# Finite differences: every implementation of the stated formula agrees with the reference to
# round-off (about 1e-8 at h = 1e-4); forward differences or another step are off by 1e-5 or more.
FD_RTOL, FD_ATOL = 1e-6, 1e-6
HVP_RTOL, HVP_ATOL = 1e-6, 1e-8

A_NONSYM = [[2.0, 1.0, 0.0], [0.5, 3.0, -1.0], [0.0, 2.0, 1.0]]


def random_orthogonal(rng, n):
    Q, R = np.linalg.qr(rng.normal(size=(n, n)))
    return Q * np.sign(np.diag(R))


def symmetric_with_eigvals(rng, lam):
    Q = random_orthogonal(rng, len(lam))
    H = Q @ np.diag(lam) @ Q.T
    return 0.5 * (H + H.T)


# numerical_hessian ----------------------------------------------------------------------
def check_hessian(impl, ref, fn, x, what, **kw):
    got = impl.numerical_hessian(fn, x, **kw)
    assert_shape(got, (x.size, x.size), what)
    assert_close(got, ref.numerical_hessian(materialize(fn), x, **kw), what, rtol=FD_RTOL, atol=FD_ATOL)


def test_numerical_hessian_smooth_functions(impl, ref):
    rng = np.random.default_rng(1)
    x = rng.normal(size=5) * 1.5
    check_hessian(impl, ref, Fn("sum_sin_x2"), x, "numerical_hessian of Σ sin(x_i)·x_i² at a random x of shape (5,)")
    x = rng.normal(size=4)
    check_hessian(impl, ref, Fn("logsumexp"), x, "numerical_hessian of logsumexp at a random x of shape (4,)")


def test_numerical_hessian_rosenbrock(impl, ref):
    for x in (np.array([-1.2, 1.0, 0.8, 1.5]), np.array([1.0, 1.0, 1.0])):
        check_hessian(impl, ref, Fn("rosenbrock"), x, f"numerical_hessian of the Rosenbrock function at x={x}")


def test_numerical_hessian_step_is_used(impl, ref):
    # At h = 1e-2 the truncation error is large enough to tell formulas and steps apart:
    # the four-point formula (also on the diagonal) with the h that was passed in.
    x = np.array([0.7, -1.1, 0.4])
    check_hessian(impl, ref, Fn("sum_sin_x2"), x, "numerical_hessian of Σ sin(x_i)·x_i² with h=1e-2", h=1e-2)
    check_hessian(impl, ref, Fn("logsumexp"), np.array([0.2, -0.5, 1.0, 0.3]),
                  "numerical_hessian of logsumexp with h=1e-2", h=1e-2)
    check_hessian(impl, ref, Fn("quadratic", A=A_NONSYM, b=[1.0, -2.0, 0.5]), np.array([1.0, -0.5, 2.0]),
                  "numerical_hessian of ½xᵀAx + bᵀx with a non-symmetric A, h=1e-3", h=1e-3)


def test_numerical_hessian_integer_input(impl, ref):
    x = np.array([1, -2, 0])
    reply = impl.call("numerical_hessian", Fn("sum_sin_x2"), x)
    assert not reply.mutated, "numerical_hessian changed its integer input x in place"
    assert_shape(reply.value, (3, 3), "numerical_hessian at an integer x")
    assert_close(reply.value, ref.numerical_hessian(materialize(Fn("sum_sin_x2")), x),
                 "numerical_hessian of Σ sin(x_i)·x_i² at an integer x (perturb a float copy)",
                 rtol=FD_RTOL, atol=FD_ATOL)


def test_numerical_hessian_is_pure(impl, ref):
    args = (Fn("logsumexp"), np.array([0.3, -0.8, 1.2]))
    assert_close(impl.pure("numerical_hessian", *args), ref.numerical_hessian(*materialize(args)),
                 "numerical_hessian of logsumexp (purity case)", rtol=FD_RTOL, atol=FD_ATOL)


# analyze_hessian ------------------------------------------------------------------------
KEYS = ("eigvals", "eigvecs", "kind", "critical_point", "condition_number")


def check_analysis(impl, ref, H, what, tol=None, compare_vectors=True):
    args = (H,) if tol is None else (H, tol)
    got = impl.analyze_hessian(*args)
    want = ref.analyze_hessian(*args)
    assert isinstance(got, dict), f"analyze_hessian must return a dict with keys {list(KEYS)}"
    for key in KEYS:
        assert key in got, f"analyze_hessian: the result has no key {key!r}"
    n = H.shape[0]
    assert_shape(got["eigvals"], (n,), f"'eigvals' {what}")
    assert_shape(got["eigvecs"], (n, n), f"'eigvecs' {what}")
    keys = KEYS if compare_vectors else tuple(k for k in KEYS if k != "eigvecs")
    for key in keys:
        assert_close(got[key], want[key], f"analyze_hessian {what}: {key!r}")
    return got


def test_analyze_hessian_random(impl, ref):
    rng = np.random.default_rng(7)
    cases = [([0.5, 1.7, 3.0, 6.5], "positive definite, 4×4"),
             ([-4.0, -2.5, -0.3], "negative definite, 3×3"),
             ([-3.0, -1.2, 0.4, 2.2, 5.0], "indefinite, 5×5")]
    for lam, label in cases:
        check_analysis(impl, ref, symmetric_with_eigvals(rng, lam),
                       f"on a random {label} matrix (ascending eigenvalues, largest entry of each eigenvector > 0)")


def test_analyze_hessian_diagonal_cases(impl, ref):
    for d in ([2.0, 3.0], [-1.0, -2.0], [2.0, -1.0], [2.0, 0.0], [3.0, 1.0, 2.0], [-3.0], [0.0]):
        check_analysis(impl, ref, np.diag(d), f"on diag{tuple(d)}")


def test_analyze_hessian_zero_eigenvalues(impl, ref):
    # Rotated, so the zero eigenvalue comes out as round-off (|λ| ~ 1e-16 <= tol). Both signs
    # with a zero is still a saddle; one sign with a zero is inconclusive; cond is inf.
    rng = np.random.default_rng(11)
    for lam, label in (([2.0, 0.0, -1.0], "eigenvalues {2, 0, -1}: both signs and a zero"),
                       ([3.0, 0.0, 1.0], "eigenvalues {3, 0, 1}: positive semidefinite"),
                       ([-0.5, -2.0, 0.0, -1.0], "eigenvalues {-0.5, -2, 0, -1}: negative semidefinite")):
        check_analysis(impl, ref, symmetric_with_eigvals(rng, lam), f"on a rotated matrix with {label}")


def test_analyze_hessian_tol(impl, ref):
    rng = np.random.default_rng(12)
    H = symmetric_with_eigvals(rng, [1e-4, 1.0, 3.0])
    check_analysis(impl, ref, H, "with eigenvalues {1e-4, 1, 3} and the default tol=1e-8")
    check_analysis(impl, ref, H, "with eigenvalues {1e-4, 1, 3} and tol=1e-3 (|λ| <= tol counts as zero)", tol=1e-3)
    H = symmetric_with_eigvals(rng, [-1e-4, 1.0, 3.0])
    check_analysis(impl, ref, H, "with eigenvalues {-1e-4, 1, 3} and tol=1e-3", tol=1e-3)
    check_analysis(impl, ref, H, "with eigenvalues {-1e-4, 1, 3} and the default tol")


def test_analyze_hessian_repeated_eigenvalue(impl, ref):
    # The eigenvectors of a repeated eigenvalue are not unique: check them by their properties.
    rng = np.random.default_rng(13)
    H = symmetric_with_eigvals(rng, [1.0, 4.0, 1.0])
    got = check_analysis(impl, ref, H, "on a matrix with eigenvalues {1, 1, 4}", compare_vectors=False)
    V, lam = np.asarray(got["eigvecs"], dtype=float), np.asarray(got["eigvals"], dtype=float)
    assert np.allclose(H @ V, V * lam, atol=1e-8), "'eigvecs' columns must be eigenvectors: H @ V == V * eigvals"
    assert np.allclose(V.T @ V, np.eye(3), atol=1e-8), "'eigvecs' must have orthonormal columns"
    lead = V[np.argmax(np.abs(V), axis=0), np.arange(3)]
    assert np.all(lead > 0), "each eigenvector's largest-magnitude entry must be positive"


def test_analyze_hessian_is_pure(impl, ref):
    H = symmetric_with_eigvals(np.random.default_rng(14), [-1.0, 0.5, 2.0])
    assert_close(impl.pure("analyze_hessian", H), ref.analyze_hessian(H), "analyze_hessian (purity case)")


# optimal_step_size ----------------------------------------------------------------------
def test_optimal_step_size_random(impl, ref):
    rng = np.random.default_rng(21)
    for lam in ([1.0, 100.0], [0.3, 2.0, 5.0], [0.1, 0.7, 1.5, 4.0, 9.0]):
        H = symmetric_with_eigvals(rng, lam)
        g = rng.normal(size=len(lam))
        got = impl.optimal_step_size(g, H)
        assert isinstance(got, (tuple, list)) and len(got) == 2, "optimal_step_size returns (eps, decrease)"
        assert_close(got, ref.optimal_step_size(g, H),
                     f"optimal_step_size (eps, decrease) with a {len(lam)}×{len(lam)} positive definite H")
    H = np.diag([1.0, 100.0])
    for g in (np.array([0.0, 3.0]), np.array([2.0, 0.0])):
        assert_close(impl.optimal_step_size(g, H), ref.optimal_step_size(g, H),
                     "optimal_step_size with g along an eigenvector of H = diag(1, 100)")


def test_optimal_step_size_nonpositive_curvature(impl, ref):
    rng = np.random.default_rng(22)
    H = symmetric_with_eigvals(rng, [-2.0, 1.0, 3.0])
    Q = np.linalg.eigh(H)[1]
    cases = [(Q @ np.array([0.2, 1.0, -0.5]), H, "an indefinite H where gᵀHg > 0"),
             (Q @ np.array([1.0, 0.3, 0.2]), H, "an indefinite H where gᵀHg < 0"),
             (np.array([1.0, 1.0]), np.diag([1.0, -1.0]), "H = diag(1, -1) and g = (1, 1), where gᵀHg = 0"),
             (np.array([0.5, -1.0]), -np.eye(2), "H = -I")]
    for g, Hc, label in cases:
        assert_close(impl.optimal_step_size(g, Hc), ref.optimal_step_size(g, Hc),
                     f"optimal_step_size with {label} (see the docstring for gᵀHg <= 0)")


def test_optimal_step_size_zero_gradient(impl, ref):
    for H, label in ((np.diag([2.0, 3.0]), "positive definite"), (np.diag([1.0, -1.0]), "indefinite"),
                     (np.zeros((3, 3)), "zero")):
        g = np.zeros(H.shape[0])
        assert_close(impl.optimal_step_size(g, H), ref.optimal_step_size(g, H),
                     f"optimal_step_size with g = 0 and a {label} H")


def test_optimal_step_size_is_pure(impl, ref):
    rng = np.random.default_rng(23)
    H, g = symmetric_with_eigvals(rng, [0.5, 2.0, 4.0]), rng.normal(size=3)
    assert_close(impl.pure("optimal_step_size", g, H), ref.optimal_step_size(g, H),
                 "optimal_step_size (purity case)")


# hessian_vector_product -----------------------------------------------------------------
def check_hvp(impl, ref, grad, x, v, what, **kw):
    got = impl.hessian_vector_product(grad, x, v, **kw)
    assert_shape(got, x.shape, what)
    assert_close(got, ref.hessian_vector_product(materialize(grad), x, v, **kw), what, rtol=HVP_RTOL, atol=HVP_ATOL)


def test_hessian_vector_product_quadratic(impl, ref):
    rng = np.random.default_rng(31)
    grad = Fn("quadratic_grad", A=A_NONSYM, b=[1.0, -2.0, 0.5])
    for _ in range(2):
        x, v = rng.normal(size=3), rng.normal(size=3) * 3.0
        check_hvp(impl, ref, grad, x, v, "hessian_vector_product of a quadratic with a non-symmetric A")
    A = rng.normal(size=(5, 5))
    x, v = rng.normal(size=5), rng.normal(size=5)
    check_hvp(impl, ref, Fn("quadratic_grad", A=A.tolist()), x, v, "hessian_vector_product of a 5-d quadratic")


def test_hessian_vector_product_rosenbrock(impl, ref):
    rng = np.random.default_rng(32)
    for x in (np.array([-1.2, 1.0, 0.8, 1.5]), rng.normal(size=6)):
        v = rng.normal(size=x.size)
        check_hvp(impl, ref, Fn("rosenbrock_grad"), x, v, f"hessian_vector_product of Rosenbrock, x of shape {x.shape}")


def test_hessian_vector_product_step_is_used(impl, ref):
    # At r = 1e-2 the O(r²) error of the central difference on Rosenbrock is visible:
    # the result depends on r, and forward differences are off by O(r).
    x, v = np.array([0.5, -0.3, 1.2]), np.array([1.0, -2.0, 0.5])
    check_hvp(impl, ref, Fn("rosenbrock_grad"), x, v, "hessian_vector_product of Rosenbrock with r=1e-2", r=1e-2)


def test_hessian_vector_product_calls_grad_twice(impl, ref):
    x, v, r = np.array([0.5, -0.3, 1.2, 0.9]), np.array([2.0, -1.0, 0.5, 3.0]), 1e-3
    reply = impl.call("hessian_vector_product", Fn("rosenbrock_grad"), x, v, r)
    assert_close(reply.value, ref.hessian_vector_product(materialize(Fn("rosenbrock_grad")), x, v, r),
                 "hessian_vector_product of Rosenbrock with r=1e-3", rtol=HVP_RTOL, atol=HVP_ATOL)
    points = [np.asarray(args[0], dtype=float) for name, args in reply.calls if name == "rosenbrock_grad"]
    assert len(points) == 2, \
        f"hessian_vector_product must call grad_fn exactly twice (it called it {len(points)} times)"
    wanted = [x + r * v, x - r * v]
    for p in wanted:
        assert any(q.shape == p.shape and np.allclose(q, p, rtol=0, atol=1e-12) for q in points), \
            "grad_fn must be evaluated at x + r·v and x − r·v (v is not normalized)"


def test_hessian_vector_product_is_pure(impl, ref):
    rng = np.random.default_rng(33)
    args = (Fn("rosenbrock_grad"), rng.normal(size=4), rng.normal(size=4))
    assert_close(impl.pure("hessian_vector_product", *args), ref.hessian_vector_product(*materialize(args)),
                 "hessian_vector_product (purity case)", rtol=HVP_RTOL, atol=HVP_ATOL)
