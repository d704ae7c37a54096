"""Hidden grading tests for 9.5 Variants of the Basic Convolution Function.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs. Cases are small: a plain six-loop implementation
takes a few milliseconds per call.
"""
import numpy as np
import pytest

from autograder.sandbox import StudentError
from autograder.testing import Case, assert_close, assert_shape

pytestmark = pytest.mark.section("9.5")


def random_case(seed, C_in, C_out, H, W, kh, kw):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(C_in, H, W)), rng.normal(size=(C_out, C_in, kh, kw))


def check_forward(impl, ref, V, K, stride, padding, what):
    want = ref.conv2d_multi(V, K, stride, padding)
    got = impl.conv2d_multi(V, K, stride, padding)
    assert_shape(got, want.shape, what)
    assert_close(got, want, what)


def check_backward(impl, ref, V, K, stride, padding, what, seed=0):
    Z = ref.conv2d_multi(V, K, stride, padding)
    G = np.random.default_rng(seed).normal(size=Z.shape)
    got = impl.conv2d_backward(G, V, K, stride, padding)
    want = ref.conv2d_backward(G, V, K, stride, padding)
    assert isinstance(got, (tuple, list)) and len(got) == 2, "conv2d_backward must return the pair (dV, dK)"
    assert_shape(got[0], V.shape, f"dV {what}")
    assert_shape(got[1], K.shape, f"dK {what}")
    assert_close(got[0], want[0], f"dV {what}")
    assert_close(got[1], want[1], f"dK {what}")


# conv2d_multi ---------------------------------------------------------------------------
FORWARD_CASES = [
    pytest.param(Case(C_in=2, C_out=3, H=6, W=7, kh=3, kw=2, stride=1, padding=0), id="stride1-valid-3x2"),
    pytest.param(Case(C_in=3, C_out=2, H=7, W=9, kh=3, kw=3, stride=2, padding=1), id="stride2-pad1-7x9"),
    pytest.param(Case(C_in=2, C_out=2, H=10, W=7, kh=2, kw=3, stride=3, padding=2), id="stride3-pad2-10x7"),
]


@pytest.mark.parametrize("case", FORWARD_CASES)
def test_conv2d_multi_random(impl, ref, case):
    V, K = random_case(case.H * 31 + case.W, case.C_in, case.C_out, case.H, case.W, case.kh, case.kw)
    check_forward(impl, ref, V, K, case.stride, case.padding,
                  f"conv2d_multi(V {V.shape}, K {K.shape}, stride={case.stride}, padding={case.padding})")


def test_conv2d_multi_asymmetric_kernel_no_flip(impl, ref):
    # A ramp image and a one-hot kernel off its centre: a flipped kernel reads another pixel.
    V = np.arange(30.0).reshape(1, 5, 6) + np.arange(6.0) ** 2
    K = np.zeros((2, 1, 3, 2))
    K[0, 0, 0, 1] = 1.0
    K[1, 0, 2, 0] = -2.0
    check_forward(impl, ref, V, K, 1, 0, "conv2d_multi with one-hot kernels off-centre (cross-correlation: no flip)")


def test_conv2d_multi_padding_modes(impl, ref):
    # Non-square odd kernel (3, 5): 'full' pads kh − 1 rows and kw − 1 columns on each side.
    V, K = random_case(7, 2, 3, 6, 7, 3, 5)
    for padding in ("valid", "same", "full"):
        check_forward(impl, ref, V, K, 1, padding, f"conv2d_multi(V {V.shape}, K {K.shape}, padding={padding!r})")
    V, K = random_case(6, 1, 3, 4, 5, 4, 5)
    check_forward(impl, ref, V, K, 1, "valid",
                  "conv2d_multi with a kernel as large as the image, 'valid' (1×1 output)")
    check_forward(impl, ref, V, K, 1, "full", "conv2d_multi with a kernel as large as the image, 'full'")


def test_conv2d_multi_same_even_kernel(impl, ref):
    # Even sizes: 'same' adds (k − 1)//2 zeros at the top/left and the extra one at the bottom/right.
    V, K = random_case(8, 2, 2, 5, 6, 2, 4)
    check_forward(impl, ref, V, K, 1, "same",
                  "conv2d_multi with padding='same' and an even (2, 4) kernel (extra zero at the bottom/right)")
    V, K = random_case(9, 1, 2, 6, 5, 4, 1)
    check_forward(impl, ref, V, K, 1, "same", "conv2d_multi with padding='same' and a (4, 1) kernel")


def test_conv2d_multi_stride_on_spatial_axes(impl, ref):
    # More rows than columns and several channels: a stride on the wrong axis changes the shape
    # or drops channels.
    V, K = random_case(10, 3, 2, 9, 5, 2, 2)
    check_forward(impl, ref, V, K, 2, 0, "conv2d_multi(V (3, 9, 5), K (2, 3, 2, 2), stride=2)")
    check_forward(impl, ref, V, K, 3, "valid", "conv2d_multi(V (3, 9, 5), K (2, 3, 2, 2), stride=3, 'valid')")


def test_conv2d_multi_same_rejects_stride(impl):
    V, K = random_case(11, 1, 1, 6, 6, 3, 3)
    try:
        impl.call("conv2d_multi", V, K, 2, "same")
    except StudentError as exc:
        assert "raised ValueError" in str(exc), \
            f"conv2d_multi(..., stride=2, padding='same') should raise ValueError, but: {exc}"
    else:
        raise AssertionError("conv2d_multi(..., stride=2, padding='same') returned a value; it must raise ValueError")


def test_conv2d_multi_is_pure(impl, ref):
    V, K = random_case(12, 2, 2, 5, 6, 3, 2)
    for stride, padding in ((1, "full"), (2, 1)):
        assert_close(impl.pure("conv2d_multi", V, K, stride, padding), ref.conv2d_multi(V, K, stride, padding),
                     f"conv2d_multi (purity case, stride={stride}, padding={padding!r})")


# conv2d_backward ------------------------------------------------------------------------
BACKWARD_CASES = [
    pytest.param(Case(C_in=2, C_out=3, H=5, W=6, kh=3, kw=2, stride=1, padding=0), id="stride1-valid"),
    pytest.param(Case(C_in=2, C_out=2, H=7, W=9, kh=3, kw=3, stride=2, padding=2), id="stride2-pad2-7x9"),
]


@pytest.mark.parametrize("case", BACKWARD_CASES)
def test_conv2d_backward_random(impl, ref, case):
    V, K = random_case(case.H * 17 + case.W, case.C_in, case.C_out, case.H, case.W, case.kh, case.kw)
    check_backward(impl, ref, V, K, case.stride, case.padding,
                   f"for V {V.shape}, K {K.shape}, stride={case.stride}, padding={case.padding}",
                   seed=case.H)


def test_conv2d_backward_uncovered_rows(impl, ref):
    # (H + 2p − kh) % s != 0: the last rows/columns are in no window and get zero gradient
    # (the output_padding of a transposed convolution), and dV still has V's shape.
    V, K = random_case(13, 2, 2, 8, 9, 3, 2)
    check_backward(impl, ref, V, K, 2, 0, "for V (2, 8, 9), K (2, 2, 3, 2), stride=2: last row not covered",
                   seed=1)
    V, K = random_case(14, 1, 2, 10, 8, 2, 3)
    check_backward(impl, ref, V, K, 3, 1, "for V (1, 10, 8), K (2, 1, 2, 3), stride=3, padding=1: last row and "
                   "column not covered", seed=2)
    # s > k leaves gaps between windows: those inputs get zero gradient too.
    V, K = random_case(15, 2, 3, 8, 7, 2, 1)
    check_backward(impl, ref, V, K, 3, 0, "for V (2, 8, 7), K (3, 2, 2, 1), stride=3 (gaps between windows)",
                   seed=3)


def test_conv2d_backward_kernel_gradient_orientation(impl, ref):
    # G is one 1 at output (1, 2): dK is the window of V under it, in the same (not flipped)
    # orientation, and dV is K placed at that window.
    V = np.arange(42.0).reshape(1, 6, 7) ** 1.5
    K = np.arange(1.0, 7.0).reshape(1, 1, 2, 3)
    Z = ref.conv2d_multi(V, K, 1, 0)
    G = np.zeros_like(Z)
    G[0, 1, 2] = 1.0
    got = impl.conv2d_backward(G, V, K, 1, 0)
    want = ref.conv2d_backward(G, V, K, 1, 0)
    assert isinstance(got, (tuple, list)) and len(got) == 2, "conv2d_backward must return the pair (dV, dK)"
    assert_close(got[1], want[1], "dK for G with a single 1 (dK is the window of V under it, not flipped)")
    assert_close(got[0], want[0], "dV for G with a single 1 (K copied onto the window, not flipped)")


def test_conv2d_backward_is_pure(impl, ref):
    V, K = random_case(16, 2, 2, 6, 5, 3, 2)
    G = np.random.default_rng(16).normal(size=ref.conv2d_multi(V, K, 2, 1).shape)
    assert_close(impl.pure("conv2d_backward", G, V, K, 2, 1), ref.conv2d_backward(G, V, K, 2, 1),
                 "conv2d_backward (dV, dK) (purity case)")


# locally_connected2d --------------------------------------------------------------------
def test_locally_connected2d_random(impl, ref):
    for C_in, C_out, H, W, kh, kw in ((2, 3, 5, 7, 2, 3), (1, 2, 6, 4, 3, 2)):
        rng = np.random.default_rng(C_in + 10 * H)
        V = rng.normal(size=(C_in, H, W))
        Wt = rng.normal(size=(C_out, H - kh + 1, W - kw + 1, C_in, kh, kw))
        got = impl.locally_connected2d(V, Wt)
        want = ref.locally_connected2d(V, Wt)
        assert_shape(got, want.shape, f"locally_connected2d(V {V.shape}, W {Wt.shape})")
        assert_close(got, want, f"locally_connected2d(V {V.shape}, W {Wt.shape})")


def test_locally_connected2d_position_dependent(impl, ref):
    # Shared weights except at one output position: only that output differs from a convolution.
    rng = np.random.default_rng(17)
    V, K = rng.normal(size=(2, 5, 6)), rng.normal(size=(2, 2, 2, 2))
    Wt = np.broadcast_to(K[:, None, None], (2, 4, 5, 2, 2, 2)).copy()
    assert_close(impl.locally_connected2d(V, Wt), ref.conv2d_multi(V, K),
                 "locally_connected2d with the same kernel at every position (must equal a convolution)")
    Wt[:, 3, 1] = rng.normal(size=(2, 2, 2, 2))
    assert_close(impl.locally_connected2d(V, Wt), ref.locally_connected2d(V, Wt),
                 "locally_connected2d with a different kernel at output row 3, column 1")


def test_locally_connected2d_is_pure(impl, ref):
    rng = np.random.default_rng(18)
    V, Wt = rng.normal(size=(2, 4, 5)), rng.normal(size=(2, 3, 3, 2, 2, 3))
    assert_close(impl.pure("locally_connected2d", V, Wt), ref.locally_connected2d(V, Wt),
                 "locally_connected2d (purity case)")


# tiled_conv2d ---------------------------------------------------------------------------
def test_tiled_conv2d_random(impl, ref):
    for t, H, W in ((2, 6, 7), (3, 7, 5)):
        rng = np.random.default_rng(t * 100 + H)
        V, K = rng.normal(size=(2, H, W)), rng.normal(size=(2, 2, 2, 3, t, t))
        got = impl.tiled_conv2d(V, K)
        want = ref.tiled_conv2d(V, K)
        what = f"tiled_conv2d(V {V.shape}, K {K.shape}) (slot (x % t, y % t), 0-based)"
        assert_shape(got, want.shape, what)
        assert_close(got, want, what)


def test_tiled_conv2d_limits(impl, ref):
    # t = 1 is a convolution; t >= the output size is a locally connected layer.
    rng = np.random.default_rng(19)
    V, K = rng.normal(size=(2, 5, 6)), rng.normal(size=(3, 2, 2, 2))
    assert_close(impl.tiled_conv2d(V, K[..., None, None]), ref.conv2d_multi(V, K),
                 "tiled_conv2d with t = 1 (must equal a convolution)")
    Kt = rng.normal(size=(2, 2, 2, 2, 5, 5))  # output 4×5, t = 5
    Wt = np.moveaxis(Kt, (4, 5), (1, 2))[:, :4, :5]
    assert_close(impl.tiled_conv2d(V, Kt), ref.locally_connected2d(V, Wt),
                 "tiled_conv2d with t = 5 >= the output size (must equal a locally connected layer)")


def test_tiled_conv2d_is_pure(impl, ref):
    rng = np.random.default_rng(20)
    V, K = rng.normal(size=(1, 5, 5)), rng.normal(size=(2, 1, 2, 2, 2, 2))
    assert_close(impl.pure("tiled_conv2d", V, K), ref.tiled_conv2d(V, K), "tiled_conv2d (purity case)")
