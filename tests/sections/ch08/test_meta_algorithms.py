"""Hidden grading tests for 8.7 Optimization Strategies and Meta-Algorithms.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs. A backward pass is graded with the cache that the
same implementation's forward pass returned (kept in the worker).
"""
import numpy as np
import pytest

from autograder.testing import Fn, Handle, assert_close, assert_pure, assert_shape, materialize

pytestmark = pytest.mark.section("8.7")


def bn_case(seed, m, D, scale=1.0, offset=0.0):
    rng = np.random.default_rng(seed)
    H = rng.normal(size=(m, D)) * rng.uniform(0.3, 3.0, size=D) * scale + rng.normal(size=D) * 2.0 + offset
    gamma = rng.uniform(0.5, 2.0, size=D) * rng.choice([-1.0, 1.0], size=D)
    beta = rng.normal(size=D)
    return H, gamma, beta


def forward(impl, H, gamma, beta, delta, pure=False):
    """The student's (out, handle of the whole result, kept in the worker)."""
    reply = impl.call("batchnorm_forward", H, gamma, beta, delta=delta, _keep=True)
    if pure:
        assert_pure(reply, "batchnorm_forward")
    h = Handle(reply.handle)
    return impl.fetch(h[0]), h


def check_forward(impl, ref, H, gamma, beta, delta, what):
    out, _ = forward(impl, H, gamma, beta, delta)
    assert_shape(out, H.shape, f"batchnorm_forward out {what}")
    assert_close(out, ref.batchnorm_forward(H, gamma, beta, delta=delta)[0], f"batchnorm_forward out {what}")


def check_backward(impl, ref, H, gamma, beta, delta, dout, what, pure=False):
    _, h = forward(impl, H, gamma, beta, delta)
    reply = impl.call("batchnorm_backward", dout, h[1])
    if pure:  # only dout: the cache is the implementation's own
        assert not any(m.startswith("argument 1") for m in reply.mutated), \
            "batchnorm_backward changed dout in place; work on a copy"
    got = reply.value
    want = ref.batchnorm_backward(dout, ref.batchnorm_forward(H, gamma, beta, delta=delta)[1])
    assert isinstance(got, (tuple, list)) and len(got) == 3, "batchnorm_backward must return (dH, dgamma, dbeta)"
    for g, w, name in zip(got, want, ("dH", "dgamma", "dbeta")):
        assert_shape(g, np.shape(w), f"{name} {what}")
        assert_close(g, w, f"{name} {what}")


# batchnorm_forward ----------------------------------------------------------------------
@pytest.mark.parametrize("m,D,scale,offset", [pytest.param(5, 3, 1.0, 0.0, id="m5-D3"),
                                              pytest.param(12, 7, 200.0, 1000.0, id="m12-D7-offset")])
def test_batchnorm_forward_random(impl, ref, m, D, scale, offset):
    H, gamma, beta = bn_case(10 * m + D, m, D, scale, offset)
    check_forward(impl, ref, H, gamma, beta, 1e-5,
                  f"on a random H of shape {H.shape}, scale {scale:g}, offset {offset:g} (statistics per column)")


def test_batchnorm_forward_biased_variance(impl, ref):
    # Small minibatches and delta = 0: the unbiased variance (ddof=1) is off by a factor m/(m-1).
    for m in (2, 3, 4):
        H, gamma, beta = bn_case(m, m, 4)
        check_forward(impl, ref, H, gamma, beta, 0.0,
                      f"with m={m}, delta=0 (σ² is the biased variance, mean over the m rows)")
    # Many rows: the difference is small but still far above the tolerance.
    H, gamma, beta = bn_case(99, 40, 3)
    check_forward(impl, ref, H, gamma, beta, 0.0, "with m=40, delta=0 (biased variance)")


def test_batchnorm_forward_delta_inside_sqrt(impl, ref):
    # Columns of small and large variance with a large delta: sqrt(var + δ) ≠ sqrt(var) + δ.
    H, gamma, beta = bn_case(5, 6, 4)
    H = H * np.array([0.05, 0.3, 1.0, 4.0])
    for delta in (0.5, 0.01):
        check_forward(impl, ref, H, gamma, beta, delta, f"with delta={delta} (δ goes under the square root)")


def test_batchnorm_forward_single_example_and_constant_column(impl, ref):
    H, gamma, beta = bn_case(6, 1, 5)
    check_forward(impl, ref, H, gamma, beta, 1e-5, "with one example (m=1): every H' is 0")
    H, gamma, beta = bn_case(7, 6, 3)
    H[:, 1] = 2.5
    check_forward(impl, ref, H, gamma, beta, 1e-3, "with a constant column")


def test_batchnorm_forward_is_pure(impl, ref):
    H, gamma, beta = bn_case(9, 4, 3)
    out, _ = forward(impl, H, gamma, beta, 0.1, pure=True)
    assert_close(out, ref.batchnorm_forward(H, gamma, beta, delta=0.1)[0], "batchnorm_forward out (purity case)")


# batchnorm_backward ---------------------------------------------------------------------
def test_batchnorm_backward_random(impl, ref):
    for m, D in ((4, 3), (10, 6)):
        H, gamma, beta = bn_case(100 + m, m, D)
        dout = np.random.default_rng(m).normal(size=(m, D))
        check_backward(impl, ref, H, gamma, beta, 1e-5, dout, f"on a random H of shape {H.shape} and random dout")


def test_batchnorm_backward_through_mean_and_std(impl, ref):
    # dout constant down each column only shifts the output: dH = 0 once the paths through μ
    # and σ are included. A dout mostly along H' (a rescaling) is largely cancelled by the
    # path through σ; dropping that path leaves a large error.
    H, gamma, beta = bn_case(21, 6, 4)
    check_backward(impl, ref, H, gamma, beta, 1e-5, np.tile([1.0, -2.0, 0.5, 3.0], (6, 1)),
                   "with dout constant down each column (back-propagate through μ and σ)")
    H_hat = ref.batchnorm_forward(H, np.ones(4), np.zeros(4), delta=1e-5)[0]
    dout = H_hat * np.array([0.7, -1.1, 2.0, 0.4]) + np.random.default_rng(2).normal(size=(6, 4)) * 0.3
    check_backward(impl, ref, H, gamma, beta, 1e-5, dout, "with dout mostly along H' (the path through σ)")


def test_batchnorm_backward_small_batches(impl, ref):
    for m, delta in ((2, 0.3), (3, 0.0), (1, 1e-5)):
        H, gamma, beta = bn_case(30 + m, m, 3)
        dout = np.random.default_rng(40 + m).normal(size=(m, 3))
        check_backward(impl, ref, H, gamma, beta, delta, dout,
                       f"with m={m}, delta={delta} (biased variance, δ under the square root)")


def test_batchnorm_backward_is_pure(impl, ref):
    H, gamma, beta = bn_case(60, 5, 2)
    dout = np.random.default_rng(61).normal(size=(5, 2))
    check_backward(impl, ref, H, gamma, beta, 1e-2, dout, "(purity case)", pure=True)


# coordinate_descent_quadratic -----------------------------------------------------------
def spd(seed, d):
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(d, d))
    return M @ M.T + 0.5 * np.eye(d) + np.diag(rng.uniform(0, 2, size=d))


def test_coordinate_descent_quadratic_random(impl, ref):
    for d, n_sweeps in ((3, 4), (6, 7)):
        rng = np.random.default_rng(200 + d)
        A, b, x0 = spd(d, d), rng.normal(size=d), rng.normal(size=d) * 2
        got = impl.coordinate_descent_quadratic(A, b, x0, n_sweeps)
        assert_shape(got, (n_sweeps + 1, d), "coordinate_descent_quadratic (one row per sweep, plus x0)")
        assert_close(got, ref.coordinate_descent_quadratic(A, b, x0, n_sweeps),
                     f"coordinate_descent_quadratic on a random SPD A ({d}x{d}), {n_sweeps} sweeps "
                     "(update x_0, ..., x_(d-1) in order, each with the newest values)")


def test_coordinate_descent_quadratic_book_example(impl, ref):
    # f(x) = (x1 − x2)² + α(x1² + x2²): A = [[2+2α, −2], [−2, 2+2α]], b = 0.
    for alpha, x0 in ((0.01, [1.0, 1.0]), (0.5, [-1.5, 2.0])):
        A = np.array([[2 + 2 * alpha, -2.0], [-2.0, 2 + 2 * alpha]])
        got = impl.coordinate_descent_quadratic(A, np.zeros(2), np.array(x0), 5)
        assert_close(got, ref.coordinate_descent_quadratic(A, np.zeros(2), np.array(x0), 5),
                     f"coordinate_descent_quadratic on the book's (x1 - x2)^2 + {alpha}(x1^2 + x2^2) from {x0}")


def test_coordinate_descent_quadratic_zero_sweeps_and_integer_start(impl, ref):
    A = np.array([[4, 1, 0], [1, 3, -1], [0, -1, 2]])
    b, x0 = np.array([1, -2, 3]), np.array([2, 0, -1])
    got = impl.coordinate_descent_quadratic(A, b, x0, 0)
    assert_shape(got, (1, 3), "coordinate_descent_quadratic with n_sweeps=0")
    assert_close(got, ref.coordinate_descent_quadratic(A, b, x0, 0), "coordinate_descent_quadratic with n_sweeps=0")
    got = impl.coordinate_descent_quadratic(A, b, x0, 3)
    assert_close(got, ref.coordinate_descent_quadratic(A, b, x0, 3),
                 "coordinate_descent_quadratic with integer A, b and x0 (work on a float copy of x0)")


def test_coordinate_descent_quadratic_is_pure(impl, ref):
    rng = np.random.default_rng(7)
    args = (spd(17, 4), rng.normal(size=4), rng.normal(size=4), 3)
    assert_close(impl.pure("coordinate_descent_quadratic", *args), ref.coordinate_descent_quadratic(*args),
                 "coordinate_descent_quadratic (purity case)")


# polyak_average -------------------------------------------------------------------------
def trajectory(seed, T, d):
    rng = np.random.default_rng(seed)
    return np.cumsum(rng.normal(size=(T, d)), axis=0) + rng.normal(size=d) * 3


@pytest.mark.parametrize("alphas", [pytest.param([None], id="arithmetic"), pytest.param([0.9, 0.35], id="ema")])
def test_polyak_average_random(impl, ref, alphas):
    thetas = trajectory(300, 9, 3)
    for alpha in alphas:
        got = impl.polyak_average(thetas, alpha)
        assert_shape(got, thetas.shape, "polyak_average (one average per iterate)")
        assert_close(got, ref.polyak_average(thetas, alpha),
                     f"polyak_average on a trajectory of shape {thetas.shape}, alpha={alpha}")


def test_polyak_average_edge_cases(impl, ref):
    thetas = trajectory(301, 6, 2)
    for alpha, note in ((0.0, "the average is the current point"), (1.0, "the average stays at θ(1)")):
        assert_close(impl.polyak_average(thetas, alpha), ref.polyak_average(thetas, alpha),
                     f"polyak_average with alpha={alpha} ({note}; compare alpha with None, not its truth value)")
    thetas = np.array([[0.5, -1.5, 2.0]])
    for alpha in (None, 0.8):
        got = impl.polyak_average(thetas, alpha)
        assert_shape(got, (1, 3), f"polyak_average with T=1, alpha={alpha}")
        assert_close(got, ref.polyak_average(thetas, alpha), f"polyak_average with T=1, alpha={alpha}")


def test_polyak_average_is_pure(impl, ref):
    thetas = trajectory(302, 5, 4)
    for alpha in (None, 0.7):
        assert_close(impl.pure("polyak_average", thetas, alpha), ref.polyak_average(thetas, alpha),
                     f"polyak_average alpha={alpha} (purity case)")


# gaussian_smoothed ----------------------------------------------------------------------
WIGGLY = Fn("shallow_relu", w1=[1.0, -2.0, 3.0, 1.5, -0.7], b1=[0.5, 1.0, -2.0, 0.3, 0.9],
            w2=[1.0, -1.5, 0.8, -2.0, 1.2], b2=0.3)


def check_smoothed(impl, ref, J, theta, sigma, what, **kw):
    got = impl.gaussian_smoothed(J, theta, sigma, **kw)
    assert np.size(got) == 1, f"gaussian_smoothed must return one number {what}"
    assert_close(got, ref.gaussian_smoothed(materialize(J), theta, sigma, **kw), f"gaussian_smoothed {what}")


def test_gaussian_smoothed_polynomial_and_relu_net(impl, ref):
    for theta, sigma in ((0.7, 1.3), (-2.0, 0.4)):
        check_smoothed(impl, ref, Fn("square"), theta, sigma, f"of J = θ² at θ={theta}, σ={sigma}")
        check_smoothed(impl, ref, WIGGLY, theta, sigma, f"of a small ReLU net at θ={theta}, σ={sigma}")


def test_gaussian_smoothed_node_count_and_zero_sigma(impl, ref):
    J = Fn("piecewise_linear", knots=[-3.0, -1.0, 0.0, 0.5, 2.0, 4.0], values=[2.0, -1.0, 1.5, 0.0, 3.0, -2.0])
    for n in (3, 8):
        check_smoothed(impl, ref, J, 0.4, 1.5, f"of a piecewise-linear J with n_nodes={n}", n_nodes=n)
    check_smoothed(impl, ref, J, 0.4, 0.0, "with sigma=0 (the unblurred J(θ))")
