"""Hidden grading tests for 9.3 Pooling.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs. The max-pooling cache is opaque: the forward pass is
called with ``impl.keep``, only its output is fetched, and the backward pass receives the cache
that the same implementation's forward returned. Ties only appear in inputs made for them.
"""
import numpy as np
import pytest

from autograder.sandbox import StudentError
from autograder.testing import Handle, assert_close, assert_pure, assert_shape

pytestmark = pytest.mark.section("9.3")

# (N, C, H, W, pool_h, pool_w, stride): non-square images, windows and odd leftovers.
STRIDE_IS_POOL = [(2, 3, 6, 8, 2, 2, 2), (1, 2, 9, 7, 3, 3, 3)]
STRIDE_DIFFERS = [(1, 2, 7, 9, 3, 2, 2),   # rows overlap (3 > 2), columns tile
                  (2, 1, 5, 6, 3, 3, 1),   # overlap in both directions
                  (1, 2, 9, 8, 2, 3, 3),   # rows skip inputs (stride 3 > 2), columns tile
                  (2, 2, 8, 7, 3, 2, 1)]   # overlap, rectangular window
GROUPS = [pytest.param(STRIDE_IS_POOL, id="stride-equals-pool"),
          pytest.param(STRIDE_DIFFERS, id="stride-differs-from-pool")]


def describe_case(case):
    N, C, H, W, ph, pw, s = case
    return f"X ({N}, {C}, {H}, {W}), pool {ph}×{pw}, stride {s}"


def forward_output(impl, X, ph, pw, s):
    """The student's pooled output; the cache stays in the worker."""
    return impl.fetch(impl.keep("max_pool2d_forward", X, ph, pw, s)[0])


def check_backward(impl, ref, X, ph, pw, s, dout, what):
    h = impl.keep("max_pool2d_forward", X, ph, pw, s)
    got = impl.max_pool2d_backward(dout, h[1])
    assert_shape(got, X.shape, f"max_pool2d_backward dX ({what})")
    want = ref.max_pool2d_backward(dout, ref.max_pool2d_forward(X, ph, pw, s)[1])
    assert_close(got, want, f"max_pool2d_backward after your max_pool2d_forward, {what}")


def out_shape(case):
    N, C, H, W, ph, pw, s = case
    return (N, C, (H - ph) // s + 1, (W - pw) // s + 1)


# max_pool2d_forward ----------------------------------------------------------------------
@pytest.mark.parametrize("cases", GROUPS)
def test_max_pool2d_forward_random(impl, ref, cases):
    for k, case in enumerate(cases):
        X = np.random.default_rng(10 + k).normal(size=case[:4])
        got = forward_output(impl, X, *case[4:])
        assert_shape(got, out_shape(case), f"max_pool2d_forward out, {describe_case(case)}")
        assert_close(got, ref.max_pool2d_forward(X, *case[4:])[0], f"max_pool2d_forward out, {describe_case(case)}")


EDGE_CASES = [(1, 2, 4, 5, 4, 5, 1),   # the window is the whole image: out 1×1
              (2, 1, 5, 9, 2, 2, 4),   # stride larger than the window; rows 3-4 and column 8 unused
              (1, 1, 3, 8, 1, 3, 2),   # window one row high
              (1, 3, 6, 4, 5, 1, 2)]   # window one column wide


def test_max_pool2d_forward_edge_shapes(impl, ref):
    for k, case in enumerate(EDGE_CASES):
        X = np.random.default_rng(20 + k).normal(size=case[:4])
        got = forward_output(impl, X, *case[4:])
        assert_shape(got, out_shape(case), f"max_pool2d_forward out, {describe_case(case)} "
                                           "(out = (H − pool)//stride + 1, no padding)")
        assert_close(got, ref.max_pool2d_forward(X, *case[4:])[0], f"max_pool2d_forward out, {describe_case(case)}")


def test_max_pool2d_forward_negative_inputs(impl, ref):
    # Every input is negative: a running maximum started at 0 (or zero padding) gives 0.
    for k, case in enumerate([(2, 2, 5, 6, 2, 2, 2), (1, 3, 6, 5, 3, 2, 1)]):
        X = -np.abs(np.random.default_rng(30 + k).normal(size=case[:4])) - 0.25
        assert_close(forward_output(impl, X, *case[4:]), ref.max_pool2d_forward(X, *case[4:])[0],
                     f"max_pool2d_forward out on all-negative X, {describe_case(case)}")


# max_pool2d_backward ---------------------------------------------------------------------
@pytest.mark.parametrize("cases", GROUPS)
def test_max_pool2d_backward_random(impl, ref, cases):
    for k, case in enumerate(cases):
        rng = np.random.default_rng(40 + k)
        X = rng.normal(size=case[:4])  # continuous: no ties
        dout = rng.normal(size=out_shape(case))
        check_backward(impl, ref, X, *case[4:], dout, f"random X, {describe_case(case)}")


def test_max_pool2d_backward_overlapping_windows_accumulate(impl, ref):
    # One large peak per plane is the maximum of every window that contains it (up to 9 windows
    # of a 3×3 pool with stride 1): it must receive the SUM of their gradients.
    rng = np.random.default_rng(50)
    for case in [(2, 2, 6, 7, 3, 3, 1), (1, 2, 7, 7, 3, 3, 2), (1, 1, 5, 8, 2, 4, 1)]:
        X = rng.normal(size=case[:4])
        X[:, :, 2, 3] += 10.0
        dout = rng.normal(size=out_shape(case)) + 1.0
        check_backward(impl, ref, X, *case[4:], dout,
                       f"X with one peak shared by overlapping windows, {describe_case(case)} (accumulate with +=)")


def test_max_pool2d_backward_ties_first_in_row_major(impl, ref):
    # Integers in {0, 1, 2}: most windows have tied maxima. Only the first tied entry in row-major
    # order gets the window's gradient.
    rng = np.random.default_rng(60)
    cases = [(2, 2, 4, 6, 2, 2, 2), (1, 2, 6, 5, 3, 2, 1), (2, 1, 7, 7, 2, 3, 2)]
    for case in cases:
        X = rng.integers(0, 3, size=case[:4]).astype(float)
        dout = rng.normal(size=out_shape(case))
        check_backward(impl, ref, X, *case[4:], dout, f"integer X with tied maxima, {describe_case(case)}")
    X = np.full((1, 2, 4, 5), 1.5)
    check_backward(impl, ref, X, 2, 3, 1, rng.normal(size=(1, 2, 3, 3)),
                   "constant X (every entry ties), pool 2×3, stride 1")


def test_max_pool2d_backward_relu_detector_outputs(impl, ref):
    # Pooling after a ReLU detector stage (Fig 9.7): many windows hold only zeros, a tie whose
    # gradient goes to the window's first entry.
    rng = np.random.default_rng(65)
    for case in [(2, 3, 6, 6, 2, 2, 2), (1, 2, 7, 6, 3, 3, 2), (2, 1, 5, 7, 2, 3, 1)]:
        X = np.maximum(rng.normal(loc=-0.8, size=case[:4]), 0.0)
        dout = rng.normal(size=out_shape(case))
        check_backward(impl, ref, X, *case[4:], dout,
                       f"ReLU outputs (many all-zero windows), {describe_case(case)}")


def test_max_pool2d_backward_uses_its_own_cache(impl, ref):
    # Two forward passes, then the two backward passes in reverse order: each backward must use
    # the cache it is given, not what the last forward left behind.
    rng = np.random.default_rng(70)
    case1, case2 = (1, 2, 6, 5, 2, 2, 1), (2, 1, 5, 7, 3, 2, 2)
    X1, X2 = rng.normal(size=case1[:4]), rng.normal(size=case2[:4])
    h1 = impl.keep("max_pool2d_forward", X1, *case1[4:])
    h2 = impl.keep("max_pool2d_forward", X2, *case2[4:])
    for X, case, h in ((X2, case2, h2), (X1, case1, h1)):
        dout = rng.normal(size=out_shape(case))
        got = impl.max_pool2d_backward(dout, h[1])
        assert_close(got, ref.max_pool2d_backward(dout, ref.max_pool2d_forward(X, *case[4:])[1]),
                     f"max_pool2d_backward with the cache of an earlier forward, {describe_case(case)}")


def test_max_pool2d_is_pure(impl, ref):
    rng = np.random.default_rng(80)
    case = (2, 2, 5, 6, 3, 2, 1)
    X = rng.normal(size=case[:4])
    reply = impl.call("max_pool2d_forward", X, *case[4:], _keep=True)
    assert_pure(reply, "max_pool2d_forward")
    h = Handle(reply.handle)
    assert_close(impl.fetch(h[0]), ref.max_pool2d_forward(X, *case[4:])[0],
                 f"max_pool2d_forward out (purity case), {describe_case(case)}")
    for k in range(2):  # twice with the same cache: backward must not consume or change it
        dout = rng.normal(size=out_shape(case))
        got = impl.pure("max_pool2d_backward", dout, h[1])
        want = ref.max_pool2d_backward(dout, ref.max_pool2d_forward(X, *case[4:])[1])
        assert_close(got, want, f"max_pool2d_backward call {k + 1} with the same cache, {describe_case(case)}")


# pool1d ----------------------------------------------------------------------------------
# (n, width, stride): partial windows, exact tilings, overlap and gaps.
POOL1D = [(6, 3, 2), (11, 3, 2), (10, 4, 3), (12, 2, 2), (13, 5, 1), (8, 2, 3), (7, 2, 3), (9, 3, 4), (16, 5, 4)]


def test_pool1d_max_random(impl, ref):
    for k, (n, width, stride) in enumerate(POOL1D):
        x = np.random.default_rng(100 + k).normal(size=n)
        got = impl.pool1d(x, width, stride, "max")
        want = ref.pool1d(x, width, stride, "max")
        assert_shape(got, want.shape, f"pool1d(max) on n={n}, width={width}, stride={stride} (number of windows)")
        assert_close(got, want, f"pool1d(max) on n={n}, width={width}, stride={stride}")
    x = np.random.default_rng(99).normal(size=7)
    assert_close(impl.pool1d(x, 3, 2), ref.pool1d(x, 3, 2), "pool1d(x, 3, 2) with the default mode ('max')")


@pytest.mark.parametrize("mode", ["avg", "l2"])
def test_pool1d_avg_and_l2_random(impl, ref, mode):
    for k, (n, width, stride) in enumerate(POOL1D):
        x = np.random.default_rng(110 + k).normal(size=n)
        got = impl.pool1d(x, width, stride, mode)
        want = ref.pool1d(x, width, stride, mode)
        assert_shape(got, want.shape, f"pool1d({mode}) on n={n}, width={width}, stride={stride} (number of windows)")
        assert_close(got, want, f"pool1d({mode}) on n={n}, width={width}, stride={stride} "
                                "(a partial window uses only the entries present)")


def test_pool1d_partial_window_not_zero_padded(impl, ref):
    # All-negative detector outputs and a final partial window: padding it with zeros changes
    # the max (0) and the average (divided by the full width).
    for k, (n, width, stride) in enumerate([(7, 3, 2), (10, 4, 3), (5, 4, 4)]):
        x = -np.abs(np.random.default_rng(120 + k).normal(size=n)) - 0.5
        for mode in ("max", "avg", "l2"):
            assert_close(impl.pool1d(x, width, stride, mode), ref.pool1d(x, width, stride, mode),
                         f"pool1d({mode}) on all-negative x, n={n}, width={width}, stride={stride}")


def test_pool1d_window_count_edges(impl, ref):
    # Full windows that reach the end exactly: no extra partial window (stride < width included).
    # n = width: one window. n < width: one window holding all of x.
    cases = [(5, 3, 1), (7, 3, 2), (9, 5, 2), (8, 4, 4), (4, 4, 2), (3, 3, 5), (2, 3, 2), (1, 4, 1), (3, 5, 7)]
    for k, (n, width, stride) in enumerate(cases):
        x = np.random.default_rng(130 + k).normal(size=n)
        for mode in ("max", "avg"):
            got = impl.pool1d(x, width, stride, mode)
            want = ref.pool1d(x, width, stride, mode)
            assert_shape(got, want.shape, f"pool1d({mode}) on n={n}, width={width}, stride={stride} "
                                          "(number of windows)")
            assert_close(got, want, f"pool1d({mode}) on n={n}, width={width}, stride={stride}")


def test_pool1d_unknown_mode_raises(impl):
    x = np.linspace(-1, 1, 6)
    for mode in ("median", "mean", "MAX"):
        try:
            impl.call("pool1d", x, 3, 2, mode)
        except StudentError as exc:
            assert "raised ValueError" in str(exc), f"pool1d(x, 3, 2, {mode!r}) should raise ValueError, but: {exc}"
        else:
            raise AssertionError(f"pool1d(x, 3, 2, {mode!r}) returned a value; an unknown mode must raise ValueError")


def test_pool1d_is_pure(impl, ref):
    x = np.random.default_rng(140).normal(size=9)
    for mode in ("max", "avg", "l2"):
        assert_close(impl.pure("pool1d", x, 3, 2, mode), ref.pool1d(x, 3, 2, mode),
                     f"pool1d({mode}) on n=9, width=3, stride=2 (purity case)")


# global_average_pool ---------------------------------------------------------------------
def test_global_average_pool_random(impl, ref):
    for k, shape in enumerate([(2, 3, 4, 5), (1, 4, 1, 7), (3, 2, 6, 1), (2, 5, 3, 3)]):
        X = np.random.default_rng(150 + k).normal(loc=0.3, size=shape)
        got = impl.global_average_pool(X)
        assert_shape(got, shape[:2], f"global_average_pool on X {shape} ((N, C, H, W) -> (N, C))")
        assert_close(got, ref.global_average_pool(X), f"global_average_pool on X {shape}")


def test_global_average_pool_is_pure(impl, ref):
    X = np.random.default_rng(160).normal(size=(2, 3, 4, 2))
    assert_close(impl.pure("global_average_pool", X), ref.global_average_pool(X),
                 "global_average_pool on X (2, 3, 4, 2) (purity case)")
