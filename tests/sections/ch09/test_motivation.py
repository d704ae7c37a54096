"""Hidden grading tests for 9.2 Motivation for Convolutional Networks.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs. Counts are compared exactly; images are non-square
and kernels asymmetric, so swapped axes and a flipped kernel show.
"""
import numpy as np
import pytest

from autograder.testing import assert_close, assert_shape

pytestmark = pytest.mark.section("9.2")

EXACT = dict(rtol=0.0, atol=0.0)


def rand(shape, seed):
    return np.random.default_rng(seed).normal(size=shape)


# edge_detection_costs ----------------------------------------------------------------------
def test_edge_detection_costs_book_image(impl, ref):
    assert_close(impl.edge_detection_costs(280, 320), ref.edge_detection_costs(280, 320),
                 "edge_detection_costs(280, 320), the book's image (counts exceed 2**31: exact integers)", **EXACT)


def test_edge_detection_costs_other_sizes(impl, ref):
    # non-square both ways round: height and width play different roles (n = height·(width − 1))
    for h, w in ((3, 4), (7, 2), (2, 7), (1, 5), (1080, 1920)):
        assert_close(impl.edge_detection_costs(h, w), ref.edge_detection_costs(h, w),
                     f"edge_detection_costs({h}, {w})", **EXACT)


def test_edge_detection_costs_one_column(impl, ref):
    # width 1: no pixel has a left neighbour, so there is no output and nothing to compute
    for h in (1, 6):
        assert_close(impl.edge_detection_costs(h, 1), ref.edge_detection_costs(h, 1),
                     f"edge_detection_costs({h}, 1), an image one column wide (no outputs)", **EXACT)


# receptive_field -----------------------------------------------------------------------------
def rf_check(impl, ref, kernels, strides, what):
    got = impl.receptive_field(list(kernels), list(strides))
    assert_close(got, ref.receptive_field(list(kernels), list(strides)),
                 f"receptive_field(kernel_sizes={list(kernels)}, strides={list(strides)}), {what}", **EXACT)


def test_receptive_field_stride_one(impl, ref):
    for kernels in ([3], [3, 3], [3, 3, 3], [5, 2, 4], [2, 2, 2, 2, 2], [7, 1, 3]):
        rf_check(impl, ref, kernels, [1] * len(kernels), "all strides 1")


def test_receptive_field_with_strides(impl, ref):
    for kernels, strides in (([5, 3, 3, 2], [2, 2, 1, 2]), ([3, 2, 3], [1, 2, 1]), ([3, 3, 3], [2, 2, 2]),
                             ([2, 3, 4, 2], [1, 3, 2, 1]), ([4, 4], [3, 1])):
        rf_check(impl, ref, kernels, strides, "strided stack")


def test_receptive_field_random_stacks(impl, ref):
    rng = np.random.default_rng(5)
    for _ in range(8):
        L = int(rng.integers(1, 6))
        kernels = [int(k) for k in rng.integers(1, 6, size=L)]
        strides = [int(s) for s in rng.integers(1, 4, size=L)]
        rf_check(impl, ref, kernels, strides, "random stack")


def test_receptive_field_top_stride_does_not_matter(impl, ref):
    for top in (1, 2, 5):
        rf_check(impl, ref, [3, 3, 2], [2, 1, top], f"top-layer stride {top} (it only affects layers above)")
        rf_check(impl, ref, [4], [top], f"a single layer with stride {top}")


def test_receptive_field_empty_and_unit_kernels(impl, ref):
    rf_check(impl, ref, [], [], "no layers")
    rf_check(impl, ref, [1, 1, 1], [2, 2, 2], "kernels of width 1 (a strided unit still sees one input)")
    rf_check(impl, ref, [1, 3], [4, 1], "a width-1 stride-4 layer below a width-3 layer")


def test_receptive_field_stride_larger_than_kernel(impl, ref):
    # the connected inputs have gaps; the receptive field is their span (last − first + 1)
    for kernels, strides in (([2, 2], [3, 1]), ([2, 3, 2], [4, 3, 1]), ([1, 2, 2], [2, 5, 1])):
        rf_check(impl, ref, kernels, strides, "stride larger than the kernel")


def test_receptive_field_is_pure(impl, ref):
    kernels, strides = [5, 3, 3, 2], [2, 2, 1, 2]
    got = impl.pure("receptive_field", kernels, strides)
    assert_close(got, ref.receptive_field(kernels, strides),
                 "receptive_field([5, 3, 3, 2], [2, 2, 1, 2]) (the lists must be left as they were)", **EXACT)


# circular_cross_correlate2d -------------------------------------------------------------------
@pytest.mark.parametrize("ishape,kshape", [pytest.param((5, 7), (2, 3), id="I5x7-K2x3"),
                                           pytest.param((6, 4), (3, 2), id="I6x4-K3x2"),
                                           pytest.param((4, 6), (4, 6), id="kernel-as-large-as-image")])
def test_circular_cross_correlate2d_random(impl, ref, ishape, kshape):
    I, K = rand(ishape, sum(ishape)), rand(kshape, 40 + sum(kshape))
    got = impl.circular_cross_correlate2d(I, K)
    assert_shape(got, ishape, f"circular_cross_correlate2d of I {ishape} and K {kshape} (same size as I)")
    assert_close(got, ref.circular_cross_correlate2d(I, K),
                 f"circular_cross_correlate2d of random I {ishape} and K {kshape}")


def test_circular_cross_correlate2d_thin_kernels(impl, ref):
    for ishape, kshape in (((3, 6), (1, 1)), ((4, 5), (1, 4)), ((6, 3), (3, 1))):
        I, K = rand(ishape, 60 + sum(ishape)), rand(kshape, 70 + sum(kshape))
        assert_close(impl.circular_cross_correlate2d(I, K), ref.circular_cross_correlate2d(I, K),
                     f"circular_cross_correlate2d of random I {ishape} and a thin kernel {kshape}")


def test_circular_cross_correlate2d_one_hot_kernels(impl, ref):
    # a kernel that is 1 at (a, b) reads I[(i + a) mod H, (j + b) mod W]: the direction of each wrap shows
    I = np.arange(20.0).reshape(4, 5) ** 1.2
    for a in range(3):
        for b in range(2):
            K = np.zeros((3, 2))
            K[a, b] = 1.0
            assert_close(impl.circular_cross_correlate2d(I, K), ref.circular_cross_correlate2d(I, K),
                         f"circular_cross_correlate2d of I (4, 5) with the 3x2 kernel that is 1 at ({a}, {b})")


def test_circular_cross_correlate2d_commutes_with_shifts(impl, ref):
    # Sec 9.2 equivariance: correlating a shifted image gives the shifted output, borders included.
    I, K = rand((5, 6), 80), rand((3, 2), 81)
    for shift in ((1, 0), (0, 2), (3, -1), (-2, 5)):
        Is = np.roll(I, shift, axis=(0, 1))
        assert_close(impl.circular_cross_correlate2d(Is, K), ref.circular_cross_correlate2d(Is, K),
                     f"circular_cross_correlate2d of np.roll(I, {shift}, axis=(0, 1)), I (5, 6), K (3, 2)")


def test_circular_cross_correlate2d_integer_image(impl, ref):
    I = np.zeros((5, 6), dtype=np.int64)
    I[1:4, 2:5] = 7
    K = np.array([[-0.5, 0.25, 0.5]])
    assert_close(impl.circular_cross_correlate2d(I, K), ref.circular_cross_correlate2d(I, K),
                 "circular_cross_correlate2d of an int64 image (5, 6) with a float kernel (1, 3) (float output)")


def test_circular_cross_correlate2d_is_pure(impl, ref):
    I, K = rand((4, 7), 90), rand((2, 3), 91)
    assert_close(impl.pure("circular_cross_correlate2d", I, K), ref.circular_cross_correlate2d(I, K),
                 "circular_cross_correlate2d of I (4, 7) and K (2, 3)")
