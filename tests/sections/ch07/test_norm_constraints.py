"""Hidden grading tests for 7.2 Norm Penalties as Constrained Optimization.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs.
"""
import numpy as np
import pytest

from autograder.testing import Fn, assert_close, assert_shape, materialize

pytestmark = pytest.mark.section("7.2")


# project_l2_ball ------------------------------------------------------------------------
@pytest.mark.parametrize("n,k", [pytest.param(1, 0.5, id="n1"), pytest.param(7, 2.5, id="n7-k2.5")])
def test_project_l2_ball_outside(impl, ref, n, k):
    rng = np.random.default_rng(10 + n)
    w = rng.normal(size=n)
    w *= 3.0 * k / np.linalg.norm(w)  # well outside the ball
    got = impl.project_l2_ball(w, k)
    assert_shape(got, (n,), "project_l2_ball output")
    assert_close(got, ref.project_l2_ball(w, k), f"project_l2_ball of a point outside the ball (n={n}, k={k})")


def test_project_l2_ball_inside_and_on_the_sphere(impl, ref):
    # Points inside or exactly on the sphere do not move (a ball, not a sphere).
    for w, k, what in ((np.array([0.3, -0.4, 0.1]), 1.0, "inside the ball"),
                       (np.array([0.6, -0.8]), 1.0, "exactly on the sphere"),
                       (np.array([3.0, 4.0]), 5.0, "exactly on a sphere of radius 5"),
                       (np.array([0.0, 1.0, -2.0, 0.5]), 10.0, "deep inside a radius-10 ball")):
        assert_close(impl.project_l2_ball(w, k), ref.project_l2_ball(w, k), f"project_l2_ball of a point {what}")


def test_project_l2_ball_zero_vector_and_zero_radius(impl, ref):
    zero = np.zeros(4)
    assert_close(impl.project_l2_ball(zero, 1.5), ref.project_l2_ball(zero, 1.5),
                 "project_l2_ball of the zero vector (it maps to itself; no division by zero)")
    assert_close(impl.project_l2_ball(zero, 0.0), ref.project_l2_ball(zero, 0.0),
                 "project_l2_ball of the zero vector with k = 0")
    w = np.array([1.0, -2.0, 0.5])
    assert_close(impl.project_l2_ball(w, 0.0), ref.project_l2_ball(w, 0.0), "project_l2_ball with k = 0")


def test_project_l2_ball_is_pure(impl, ref):
    w = np.array([2.0, -1.0, 3.0, 0.5])
    got = impl.pure("project_l2_ball", w, 1.2)
    assert_close(got, ref.project_l2_ball(w, 1.2), "project_l2_ball of a point outside the ball (purity case)")


# max_norm_columns -----------------------------------------------------------------------
def mixed_columns(rng, n_in, n_out, c):
    """Random W whose columns alternate between norms above and below c; rows differ in scale."""
    W = rng.normal(size=(n_in, n_out)) * np.linspace(0.5, 2.0, n_in)[:, None]
    target = np.where(np.arange(n_out) % 2 == 0, 2.0 * c, 0.5 * c)
    return W * (target / np.linalg.norm(W, axis=0))


@pytest.mark.parametrize("n_in,n_out", [pytest.param(3, 5, id="3x5"), pytest.param(6, 2, id="6x2")])
def test_max_norm_columns_mixed(impl, ref, n_in, n_out):
    rng = np.random.default_rng(n_in * 7 + n_out)
    c = 1.3
    W = mixed_columns(rng, n_in, n_out, c)
    got = impl.max_norm_columns(W, c)
    assert_shape(got, (n_in, n_out), "max_norm_columns output")
    assert_close(got, ref.max_norm_columns(W, c),
                 f"max_norm_columns on W {W.shape} with some columns above and some below c")


def test_max_norm_columns_edge_cases(impl, ref):
    cases = [
        (np.array([[3.0, 0.0, 0.6], [4.0, 0.0, -0.8]]), 1.0, "a column of norm 5, a zero column, one exactly at c"),
        (np.array([[3.0, -4.0, 0.5, 12.0]]), 2.0, "a single row (1, 4): every column is one weight"),
        (np.array([[1.0], [2.0], [-2.0]]), 2.0, "a single column (3, 1)"),
        (np.array([[0.1, 0.2], [0.3, -0.1]]), 5.0, "all columns under the cap"),
    ]
    for W, c, what in cases:
        assert_close(impl.max_norm_columns(W, c), ref.max_norm_columns(W, c), f"max_norm_columns: {what}")


def test_max_norm_columns_is_pure(impl, ref):
    W = mixed_columns(np.random.default_rng(3), 5, 3, 0.8)
    got = impl.pure("max_norm_columns", W, 0.8)
    assert_close(got, ref.max_norm_columns(W, 0.8), "max_norm_columns on W (5, 3) (purity case)")


# projected_gradient_descent -------------------------------------------------------------
def least_squares_grad(M, y):
    """Fn for the gradient of ½‖Mw − y‖²: MᵀMw − Mᵀy."""
    return Fn("quadratic_grad", A=(M.T @ M).tolist(), b=(-M.T @ y).tolist())


@pytest.mark.parametrize("m,n,k,steps", [pytest.param(5, 3, 1.0, 25, id="n3"),
                                         pytest.param(4, 6, 2.0, 15, id="wide-M")])
def test_projected_gradient_descent_several_steps(impl, ref, m, n, k, steps):
    rng = np.random.default_rng(100 + m + n)
    M, y = rng.normal(size=(m, n)), 4.0 * rng.normal(size=m)  # unconstrained minimizer far outside the ball
    lr = 0.5 / np.linalg.norm(M, 2) ** 2
    fn, w0 = least_squares_grad(M, y), 0.2 * rng.normal(size=n)
    got = impl.projected_gradient_descent(fn, w0, k, lr, steps)
    assert_shape(got, (n,), "projected_gradient_descent output")
    assert_close(got, ref.projected_gradient_descent(materialize(fn), w0, k, lr, steps),
                 f"projected_gradient_descent after {steps} steps on a least-squares objective (n={n}, k={k})")


def test_projected_gradient_descent_inactive_constraint(impl, ref):
    # The unconstrained minimizer lies inside the ball: the projection never acts.
    A = np.array([[3.0, 0.5], [1.0, 2.0]])  # not symmetric: grad = ½(A + Aᵀ)w + b
    fn, w0 = Fn("quadratic_grad", A=A.tolist(), b=[-0.5, 0.3]), np.array([0.4, -0.3])
    assert_close(impl.projected_gradient_descent(fn, w0, 5.0, 0.1, 30),
                 ref.projected_gradient_descent(materialize(fn), w0, 5.0, 0.1, 30),
                 "projected_gradient_descent when the constraint is inactive")


def test_projected_gradient_descent_calls_grad_at_each_iterate(impl, ref):
    # w0 starts outside the ball: the first gradient is taken at w0 itself, then at each new iterate.
    rng = np.random.default_rng(7)
    M, y = rng.normal(size=(6, 3)), 3.0 * rng.normal(size=6)
    fn, w0, k, lr, steps = least_squares_grad(M, y), np.array([2.0, -1.5, 1.0]), 1.0, 0.05, 6
    reply = impl.call("projected_gradient_descent", fn, w0, k, lr, steps)
    assert_close(reply.value, ref.projected_gradient_descent(materialize(fn), w0, k, lr, steps),
                 "projected_gradient_descent from a w0 outside the ball, 6 steps")
    calls = [c for c in reply.calls if c[0] == "quadratic_grad"]
    assert len(calls) == steps, f"grad_fn was called {len(calls)} times for {steps} steps (expected once per step)"
    for t, (_, args) in enumerate(calls):
        want = w0 if t == 0 else ref.projected_gradient_descent(materialize(fn), w0, k, lr, t)
        assert args and args[0] is not None, f"call {t} of grad_fn did not receive an array"
        assert_close(args[0], want, f"the point where grad_fn was evaluated at step {t} (the current iterate)")


def test_projected_gradient_descent_zero_and_one_step(impl, ref):
    fn, w0 = Fn("quadratic_grad", A=[[2.0, 0.0], [0.0, 1.0]], b=[-4.0, 3.0]), np.array([3.0, 1.0])
    assert_close(impl.projected_gradient_descent(fn, w0, 1.0, 0.1, 0),
                 ref.projected_gradient_descent(materialize(fn), w0, 1.0, 0.1, 0),
                 "projected_gradient_descent with steps = 0 (returns w0 as given, even outside the ball)")
    assert_close(impl.projected_gradient_descent(fn, w0, 1.0, 0.1, 1),
                 ref.projected_gradient_descent(materialize(fn), w0, 1.0, 0.1, 1),
                 "projected_gradient_descent with one step from outside the ball")


def test_projected_gradient_descent_is_pure(impl, ref):
    fn, w0 = Fn("quadratic_grad", A=[[1.0, 0.2], [0.2, 3.0]], b=[-2.0, 2.0]), np.array([1.5, -0.5])
    got = impl.pure("projected_gradient_descent", fn, w0, 0.8, 0.2, 10)
    assert_close(got, ref.projected_gradient_descent(materialize(fn), w0, 0.8, 0.2, 10),
                 "projected_gradient_descent, 10 steps (purity case)")


# constrained_least_squares --------------------------------------------------------------
def check_cls(impl, ref, A, b, radius, what):
    got = impl.constrained_least_squares(A, b, radius)
    want = ref.constrained_least_squares(A, b, radius)
    assert isinstance(got, (tuple, list)) and len(got) == 2, "constrained_least_squares must return (x, lam)"
    assert_shape(got[0], (A.shape[1],), f"x of {what}")
    assert_close(got[0], want[0], f"x of {what}")
    assert_close(got[1], want[1], f"lam of {what}")


@pytest.mark.parametrize("m,n", [pytest.param(5, 3, id="tall"), pytest.param(2, 4, id="wide")])
def test_constrained_least_squares_active(impl, ref, m, n):
    rng = np.random.default_rng(20 + 3 * m + n)
    A, b = rng.normal(size=(m, n)), 5.0 * rng.normal(size=m)
    check_cls(impl, ref, A, b, 1.0, f"an active constraint, A {A.shape}, radius 1")


def test_constrained_least_squares_other_radius(impl, ref):
    rng = np.random.default_rng(31)
    A, b = rng.normal(size=(6, 3)) * np.array([3.0, 1.0, 0.2]), rng.normal(size=6)
    x_ls = np.linalg.lstsq(A, b, rcond=None)[0]
    # ‖A⁺b‖ between r and √r (r < 1), and between √r and r (r > 1): compare ‖x‖ with r, or xᵀx with r².
    for norm, radius in ((0.6, 0.5), (4.0, 2.5), (2.0, 2.5)):
        bb = b * (norm / np.linalg.norm(x_ls))
        check_cls(impl, ref, A, bb, radius, f"A (6, 3), ‖A⁺b‖ = {norm}, radius {radius}")


def test_constrained_least_squares_inactive(impl, ref):
    rng = np.random.default_rng(40)
    A, b = rng.normal(size=(7, 3)), 0.1 * rng.normal(size=7)
    check_cls(impl, ref, A, b, 1.0, "an inactive constraint (the least-squares solution is inside)")


def test_constrained_least_squares_rank_deficient(impl, ref):
    # Duplicated column: AᵀA is singular. Inside the ball the answer is the minimum-norm solution A⁺b;
    # outside, x(λ) with λ > 0 is still unique.
    rng = np.random.default_rng(41)
    a = rng.normal(size=(6, 2))
    A = np.c_[a, a[:, 0]]
    b_small, b_large = 0.1 * rng.normal(size=6), 6.0 * rng.normal(size=6)
    check_cls(impl, ref, A, b_small, 1.0, "a rank-deficient A (6, 3) with the solution inside (minimum norm)")
    check_cls(impl, ref, A, b_large, 1.0, "a rank-deficient A (6, 3) with an active constraint")
    W = rng.normal(size=(2, 4))
    check_cls(impl, ref, W, 0.05 * rng.normal(size=2), 1.0, "a wide A (2, 4) with the solution inside")


def test_constrained_least_squares_on_the_boundary(impl, ref):
    # ‖A⁺b‖ = r exactly: inactive, λ* = 0 (and the book's quiz case A = I, b = (3, 4)).
    for A, b, r, what in ((np.eye(2), np.array([0.6, 0.8]), 1.0, "A = I, b on the unit sphere"),
                          (np.diag([2.0, 1.0]), np.array([6.0, 4.0]), 5.0, "A = diag(2, 1), A⁻¹b on the radius-5 sphere"),
                          (np.eye(2), np.array([3.0, 4.0]), 1.0, "A = I, b = (3, 4), radius 1")):
        check_cls(impl, ref, A, b, r, what)


def test_constrained_least_squares_is_pure(impl, ref):
    rng = np.random.default_rng(50)
    A, b = rng.normal(size=(4, 3)) + 1.0, 3.0 * rng.normal(size=4) + 2.0
    got = impl.pure("constrained_least_squares", A, b, 0.5)
    assert_close(got, ref.constrained_least_squares(A, b, 0.5), "constrained_least_squares (x, lam) (purity case)")
