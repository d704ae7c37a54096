"""Hidden grading tests for 9.1 The Convolution Operation.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs. Kernels are asymmetric (a symmetric kernel hides a
missing or extra flip) and images non-square (a square one hides swapped axes).
"""
import numpy as np
import pytest

from autograder.testing import assert_close, assert_shape

pytestmark = pytest.mark.section("9.1")


def rand(shape, seed):
    return np.random.default_rng(seed).normal(size=shape)


# conv1d_full -----------------------------------------------------------------------------
@pytest.mark.parametrize("n,k", [pytest.param(7, 3, id="n7-k3"), pytest.param(3, 5, id="kernel-longer-than-x"),
                                 pytest.param(1, 4, id="n1")])
def test_conv1d_full_random(impl, ref, n, k):
    x, w = rand(n, 10 * n + k), rand(k, 100 + k)
    got = impl.conv1d_full(x, w)
    assert_shape(got, (n + k - 1,), f"conv1d_full of x ({n},) and w ({k},) (full: length n + k − 1)")
    assert_close(got, ref.conv1d_full(x, w), f"conv1d_full of random x ({n},) and w ({k},)")


def test_conv1d_full_impulses(impl, ref):
    # x = e_j must give w itself shifted by j: a flipped kernel (correlation) gives w reversed.
    w = np.array([2.0, -1.0, 0.5, 3.0])
    for j in range(3):
        x = np.eye(3)[j]
        assert_close(impl.conv1d_full(x, w), ref.conv1d_full(x, w),
                     f"conv1d_full of the impulse e_{j} (length 3) with the asymmetric w = {w.tolist()}")


def test_conv1d_full_is_pure(impl, ref):
    x, w = rand(5, 1), rand(3, 2)
    assert_close(impl.pure("conv1d_full", x, w), ref.conv1d_full(x, w), "conv1d_full of x (5,) and w (3,)")


# cross_correlate2d and conv2d_true --------------------------------------------------------
SHAPES = [pytest.param((5, 7), (2, 3), id="I5x7-K2x3"), pytest.param((6, 4), (3, 2), id="I6x4-K3x2"),
          pytest.param((4, 5), (4, 5), id="kernel-as-large-as-image")]


@pytest.mark.parametrize("ishape,kshape", SHAPES)
def test_cross_correlate2d_random(impl, ref, ishape, kshape):
    I, K = rand(ishape, sum(ishape)), rand(kshape, 50 + sum(kshape))
    got = impl.cross_correlate2d(I, K)
    assert_shape(got, (ishape[0] - kshape[0] + 1, ishape[1] - kshape[1] + 1),
                 f"cross_correlate2d of I {ishape} and K {kshape} ('valid')")
    assert_close(got, ref.cross_correlate2d(I, K), f"cross_correlate2d of random I {ishape} and K {kshape}")


@pytest.mark.parametrize("ishape,kshape", SHAPES)
def test_conv2d_true_random(impl, ref, ishape, kshape):
    I, K = rand(ishape, 7 + sum(ishape)), rand(kshape, 70 + sum(kshape))
    got = impl.conv2d_true(I, K)
    assert_shape(got, (ishape[0] - kshape[0] + 1, ishape[1] - kshape[1] + 1),
                 f"conv2d_true of I {ishape} and K {kshape} ('valid')")
    assert_close(got, ref.conv2d_true(I, K), f"conv2d_true of random I {ishape} and K {kshape}")


def test_correlate_and_convolve_thin_kernels(impl, ref):
    for ishape, kshape in (((3, 6), (1, 1)), ((2, 8), (1, 3)), ((7, 3), (4, 1)), ((5, 1), (2, 1))):
        I, K = rand(ishape, 20 + sum(ishape)), rand(kshape, 30 + sum(kshape))
        assert_close(impl.cross_correlate2d(I, K), ref.cross_correlate2d(I, K),
                     f"cross_correlate2d of random I {ishape} and a thin kernel {kshape}")
        assert_close(impl.conv2d_true(I, K), ref.conv2d_true(I, K),
                     f"conv2d_true of random I {ishape} and a thin kernel {kshape}")


def test_correlate_and_convolve_one_hot_kernels(impl, ref):
    # A kernel with a single 1 at (m, n) copies a shifted window of I: the shift tells the
    # flip (both axes, one axis, none) and any offset error apart.
    I = np.arange(30.0).reshape(5, 6) ** 1.3
    for m in range(2):
        for n in range(3):
            K = np.zeros((2, 3))
            K[m, n] = 1.0
            assert_close(impl.cross_correlate2d(I, K), ref.cross_correlate2d(I, K),
                         f"cross_correlate2d of I (5, 6) with the 2x3 kernel that is 1 at ({m}, {n})")
            assert_close(impl.conv2d_true(I, K), ref.conv2d_true(I, K),
                         f"conv2d_true of I (5, 6) with the 2x3 kernel that is 1 at ({m}, {n})")


def test_correlate_and_convolve_integer_image(impl, ref):
    # An integer image (a bright square) and a float edge kernel: the output must not be
    # truncated to integers, and the two operations give edges of opposite sign.
    I = np.zeros((6, 7), dtype=np.int64)
    I[2:5, 1:4] = 9
    for K in (np.array([[-0.5, 0.0, 0.5]]), np.array([[-1.0], [0.25]]),
              np.array([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]]) / 3.0):
        assert_close(impl.cross_correlate2d(I, K), ref.cross_correlate2d(I, K),
                     f"cross_correlate2d of an int64 image (6, 7) with the edge kernel {K.shape} (float output)")
        assert_close(impl.conv2d_true(I, K), ref.conv2d_true(I, K),
                     f"conv2d_true of an int64 image (6, 7) with the edge kernel {K.shape} (float output)")


def test_correlate_and_convolve_are_pure(impl, ref):
    I, K = rand((4, 6), 3), rand((3, 2), 4)
    assert_close(impl.pure("cross_correlate2d", I, K), ref.cross_correlate2d(I, K),
                 "cross_correlate2d of I (4, 6) and K (3, 2)")
    assert_close(impl.pure("conv2d_true", I, K), ref.conv2d_true(I, K), "conv2d_true of I (4, 6) and K (3, 2)")


# conv_matrix -------------------------------------------------------------------------------
@pytest.mark.parametrize("kshape,ishape", [pytest.param((2, 3), (4, 5), id="K2x3-I4x5"),
                                           pytest.param((3, 2), (5, 3), id="K3x2-I5x3")])
def test_conv_matrix_random(impl, ref, kshape, ishape):
    K = rand(kshape, 200 + sum(kshape) + sum(ishape))
    got = impl.conv_matrix(K, ishape)
    oh, ow = ishape[0] - kshape[0] + 1, ishape[1] - kshape[1] + 1
    assert_shape(got, (oh * ow, ishape[0] * ishape[1]),
                 f"conv_matrix of K {kshape} for input shape {ishape}: (out_h·out_w, H·W)")
    assert_close(got, ref.conv_matrix(K, ishape), f"conv_matrix of a random K {kshape} for input shape {ishape}")


def test_conv_matrix_times_image_is_cross_correlation(impl, ref):
    K = np.array([[1.0, -2.0, 0.5], [3.0, 0.25, -1.0]])
    M = np.asarray(impl.conv_matrix(K, (4, 6)), dtype=float)
    assert_shape(M, (3 * 4, 4 * 6), "conv_matrix of K (2, 3) for input shape (4, 6)")
    for seed in range(3):
        I = rand((4, 6), 300 + seed)
        assert_close(M @ I.ravel(), ref.cross_correlate2d(I, K).ravel(),
                     "conv_matrix(K, (4, 6)) @ I.ravel() must equal cross_correlate2d(I, K).ravel() "
                     "(row-major flattening of both)")


def test_conv_matrix_edge_kernels(impl, ref):
    cases = [(np.array([[2.5]]), (3, 4), "a 1x1 kernel (a scaled identity)"),
             (rand((3, 4), 9), (3, 4), "a kernel as large as the image (a single row)"),
             (np.array([[1.0, -1.0, 2.0]]), (3, 5), "a 1x3 row kernel"),
             (np.array([[1.0], [-3.0]]), (4, 2), "a 2x1 column kernel")]
    for K, shape, what in cases:
        assert_close(impl.conv_matrix(K, shape), ref.conv_matrix(K, shape),
                     f"conv_matrix of {what}, input shape {shape}")


def test_conv_matrix_is_pure(impl, ref):
    K = rand((2, 3), 11)
    assert_close(impl.pure("conv_matrix", K, (3, 5)), ref.conv_matrix(K, (3, 5)),
                 "conv_matrix of K (2, 3) for input shape (3, 5)")
