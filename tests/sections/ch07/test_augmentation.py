"""Hidden grading tests for 7.4 Dataset Augmentation.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs. A ``np.random.Generator`` cannot cross the sandbox
boundary, so ``noisy_inputs`` gets one made in the worker by the module's given helper
``_seeded_rng(seed)`` (kept there with ``impl.keep``); the reference gets
``np.random.default_rng(seed)``.
"""
import numpy as np
import pytest

from autograder.testing import assert_close, assert_shape

pytestmark = pytest.mark.section("7.4")


def batch(seed, shape):
    return np.random.default_rng(seed).normal(size=shape)


def pair(value, name):
    assert isinstance(value, (tuple, list)) and len(value) == 2, \
        f"{name} must return a pair (imgs_aug, labels_aug)"
    return value


def rotation(theta, shape, scale=1.0):
    """(M, offset) of a rotation by theta (and a scaling) about the centre of an image of `shape`."""
    c = (np.array(shape, dtype=float) - 1.0) / 2.0
    M = scale * np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    return M, c - M @ c


# translate_batch -------------------------------------------------------------------------------
@pytest.mark.parametrize("dy,dx,fill", [pytest.param(2, 3, 0.0, id="down2-right3"),
                                        pytest.param(-1, -4, 0.0, id="up1-left4"),
                                        pytest.param(3, -2, -0.75, id="down3-left2-fill"),
                                        pytest.param(0, 0, 5.0, id="zero-shift")])
def test_translate_batch_shifts(impl, ref, dy, dx, fill):
    imgs = batch(10 + dy, (3, 5, 7))  # non-square: rows and columns must not be confused
    got = impl.translate_batch(imgs, dy, dx, fill)
    assert_shape(got, imgs.shape, "translate_batch output")
    assert_close(got, ref.translate_batch(imgs, dy, dx, fill),
                 f"translate_batch by dy={dy}, dx={dx} with fill={fill} on images of shape (3, 5, 7)")


def test_translate_batch_shift_out_of_the_image(impl, ref):
    imgs = batch(20, (2, 4, 6))
    for dy, dx in [(4, 0), (0, -6), (-9, 1), (2, 8), (-6, 0), (1, 11), (0, 5), (-3, 0)]:
        got = impl.translate_batch(imgs, dy, dx, 0.5)
        assert_close(got, ref.translate_batch(imgs, dy, dx, 0.5),
                     f"translate_batch by dy={dy}, dx={dx} on images of shape (2, 4, 6) "
                     f"(a shift of at least the image size leaves only fill)")


def test_translate_batch_integer_images(impl, ref):
    # Pixel values 0..16 as integers (like the 8x8 digits): the result is float, fill included.
    imgs = np.random.default_rng(21).integers(0, 17, size=(2, 8, 8))
    got = impl.translate_batch(imgs, -1, 1, 0.5)
    assert_close(got, ref.translate_batch(imgs, -1, 1, 0.5),
                 "translate_batch of integer images with fill=0.5 (convert to float64)")


def test_translate_batch_is_pure(impl, ref):
    imgs = batch(22, (2, 3, 4))
    assert_close(impl.pure("translate_batch", imgs, 1, -1, 2.0), ref.translate_batch(imgs, 1, -1, 2.0),
                 "translate_batch (purity case)")


# affine_warp_bilinear --------------------------------------------------------------------------
def test_affine_warp_bilinear_identity_and_integer_offsets(impl, ref):
    img = batch(30, (5, 8))
    for offset in [(0.0, 0.0), (2.0, 0.0), (0.0, -3.0), (-1.0, 2.0)]:
        off = np.array(offset)
        assert_close(impl.affine_warp_bilinear(img, np.eye(2), off), ref.affine_warp_bilinear(img, np.eye(2), off),
                     f"affine_warp_bilinear with M = I and offset {offset} on an image of shape (5, 8)")


@pytest.mark.parametrize("case", ["rotation-scale", "shear-random"])
def test_affine_warp_bilinear_random_maps(impl, ref, case):
    rng = np.random.default_rng(31 if case == "rotation-scale" else 32)
    img = rng.normal(size=(7, 10))
    if case == "rotation-scale":
        M, offset = rotation(0.35, img.shape, scale=0.9)
    else:
        M = np.array([[1.1, 0.4], [-0.25, 0.8]]) + 0.1 * rng.normal(size=(2, 2))  # not symmetric
        offset = np.array([0.7, -1.3])
    got = impl.affine_warp_bilinear(img, M, offset)
    assert_shape(got, img.shape, "affine_warp_bilinear output")
    assert_close(got, ref.affine_warp_bilinear(img, M, offset),
                 f"affine_warp_bilinear ({case}) on an image of shape (7, 10)")


def test_affine_warp_bilinear_zero_padded_border(impl, ref):
    # Sample points half outside the image (−1 < r < 0, H − 1 < c < H) still take part of
    # their value from the edge pixels; points far outside give 0.
    img = batch(33, (4, 6)) + 3.0
    for offset in [(-0.5, 0.0), (0.0, 0.25), (0.3, -0.6), (-2.5, 4.5), (10.0, 0.0)]:
        off = np.array(offset)
        assert_close(impl.affine_warp_bilinear(img, np.eye(2), off), ref.affine_warp_bilinear(img, np.eye(2), off),
                     f"affine_warp_bilinear with M = I and offset {offset} (sample points at and beyond the border)")
    M = np.array([[-1.0, 0.0], [0.0, 1.0]])  # upside down: rows read from −r − 0.5
    off = np.array([-0.5, 0.0])
    assert_close(impl.affine_warp_bilinear(img, M, off), ref.affine_warp_bilinear(img, M, off),
                 "affine_warp_bilinear with negative sample rows (floor, not truncation)")


def test_affine_warp_bilinear_is_pure(impl, ref):
    img = batch(34, (5, 6))
    M, offset = rotation(-0.5, img.shape)
    assert_close(impl.pure("affine_warp_bilinear", img, M, offset), ref.affine_warp_bilinear(img, M, offset),
                 "affine_warp_bilinear (purity case)")


# augment_with_shifts ---------------------------------------------------------------------------
def check_augment(impl, ref, imgs, labels, shifts, what):
    X, y = pair(impl.augment_with_shifts(imgs, labels, shifts), "augment_with_shifts")
    X_ref, y_ref = ref.augment_with_shifts(imgs, labels, shifts)
    assert_shape(X, X_ref.shape, f"imgs_aug ({what})")
    assert_close(X, X_ref, f"imgs_aug ({what})")
    assert_shape(y, y_ref.shape, f"labels_aug ({what})")
    assert_close(y, y_ref, f"labels_aug ({what})")


def test_augment_with_shifts_random(impl, ref):
    imgs = batch(40, (4, 5, 6))
    labels = np.array([3, 9, 0, 5])
    check_augment(impl, ref, imgs, labels, [(1, 0), (0, -1), (-1, 2)],
                  "4 images of shape (5, 6), shifts (1, 0), (0, -1), (-1, 2)")


def test_augment_with_shifts_one_image_many_shifts(impl, ref):
    imgs = batch(41, (1, 3, 4))
    shifts = [(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1) if (dy, dx) != (0, 0)] + [(3, 0)]
    check_augment(impl, ref, imgs, np.array([6]), shifts, "one image, the 8 one-pixel shifts and one of 3 rows")


def test_augment_with_shifts_no_shifts(impl, ref):
    imgs = batch(42, (3, 2, 5))
    check_augment(impl, ref, imgs, np.array([2, 2, 1]), [], "an empty list of shifts returns the originals")


def test_augment_with_shifts_is_pure(impl, ref):
    imgs, labels, shifts = batch(43, (2, 4, 4)), np.array([1, 0]), [(0, 1), (2, -1)]
    X, y = pair(impl.pure("augment_with_shifts", imgs, labels, shifts), "augment_with_shifts")
    X_ref, y_ref = ref.augment_with_shifts(imgs, labels, shifts)
    assert_close(X, X_ref, "imgs_aug (purity case)")
    assert_close(y, y_ref, "labels_aug (purity case)")


# noisy_inputs ----------------------------------------------------------------------------------
@pytest.mark.parametrize("shape,sigma", [pytest.param((6, 3), 0.3, id="m6-n3"),
                                         pytest.param((2, 4, 5), 2.0, id="images-2x4x5")])
def test_noisy_inputs_seeded(impl, ref, shape, sigma):
    X = batch(50 + len(shape), shape)
    got = impl.noisy_inputs(X, sigma, impl.keep("_seeded_rng", 123))
    assert_shape(got, shape, "noisy_inputs output")
    assert_close(got, ref.noisy_inputs(X, sigma, np.random.default_rng(123)),
                 f"noisy_inputs on X of shape {shape}, sigma={sigma}, with a seeded generator "
                 f"(one call rng.normal(0.0, sigma, size=X.shape))")


def test_noisy_inputs_consecutive_calls(impl, ref):
    # The same generator across calls: each call must draw exactly X.size normals, in order.
    X = batch(55, (3, 4))
    h, rng = impl.keep("_seeded_rng", 7), np.random.default_rng(7)
    for k, sigma in enumerate([0.5, 1.5, 0.1]):
        assert_close(impl.noisy_inputs(X, sigma, h), ref.noisy_inputs(X, sigma, rng),
                     f"noisy_inputs, call {k + 1} on the same generator (sigma={sigma})")


def test_noisy_inputs_is_pure(impl, ref):
    X = batch(56, (4, 3))
    assert_close(impl.pure("noisy_inputs", X, 0.7, impl.keep("_seeded_rng", 9)),
                 ref.noisy_inputs(X, 0.7, np.random.default_rng(9)), "noisy_inputs (purity case)")
