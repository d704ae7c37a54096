"""Self-check for 7.4 (public tests): run `pytest exercises/ch07/test_augmentation.py` or `dlbook check 7.4`.

These check simple properties of each transformation; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("7.4")


def test_translate_batch_moves_a_pixel_down_and_right(mod):
    imgs = np.zeros((2, 4, 5))
    imgs[0, 1, 1] = 7.0
    imgs[1, 0, 4] = 3.0
    out = mod.translate_batch(imgs, 2, -1, fill=0.0)
    assert out.shape == (2, 4, 5)
    assert out[0, 3, 0] == 7.0, "content moves down by dy and right by dx"
    assert out[1, 2, 3] == 3.0
    assert out.sum() == 10.0, "nothing else changes"
    assert imgs[0, 1, 1] == 7.0, "the input must not change"


def test_translate_batch_does_not_wrap_around(mod):
    imgs = np.arange(1.0, 13.0).reshape(1, 3, 4)
    out = mod.translate_batch(imgs, 0, 1, fill=-1.0)
    np.testing.assert_array_equal(out[0, :, 0], -1.0, err_msg="the uncovered column is fill, not the last column")
    np.testing.assert_array_equal(out[0, :, 1:], imgs[0, :, :-1])
    np.testing.assert_array_equal(mod.translate_batch(imgs, 3, 0), 0.0, err_msg="|dy| >= H moves everything out")


def test_translate_there_and_back_keeps_the_centre(mod):
    rng = np.random.default_rng(0)
    imgs = rng.normal(size=(3, 6, 5))
    back = mod.translate_batch(mod.translate_batch(imgs, 1, -2), -1, 2)
    np.testing.assert_allclose(back[:, :5, 2:], imgs[:, :5, 2:], err_msg="shift(+d) then shift(-d) restores the inside")
    np.testing.assert_array_equal(back[:, 5, :], 0.0)
    np.testing.assert_array_equal(back[:, :, :2], 0.0)


def test_affine_warp_identity_and_integer_offset(mod):
    rng = np.random.default_rng(1)
    img = rng.normal(size=(5, 7))
    np.testing.assert_allclose(mod.affine_warp_bilinear(img, np.eye(2), np.zeros(2)), img, atol=1e-12,
                               err_msg="the identity map returns the image")
    # out[o] = img[o + offset]: offset (-1, 2) is a shift down by 1 and left by 2.
    np.testing.assert_allclose(mod.affine_warp_bilinear(img, np.eye(2), np.array([-1.0, 2.0])),
                               mod.translate_batch(img[None], 1, -2)[0], atol=1e-12)


def test_affine_warp_half_pixel_is_an_average_with_zero_padding(mod):
    img = np.array([[2.0, 4.0, 8.0]])
    out = mod.affine_warp_bilinear(img, np.eye(2), np.array([0.0, 0.5]))
    # Sample points (0, 0.5), (0, 1.5), (0, 2.5): the last one averages 8 with the zero padding.
    np.testing.assert_allclose(out, [[3.0, 6.0, 4.0]], atol=1e-12)


def test_augment_with_shifts_blocks_and_labels(mod):
    imgs = np.random.default_rng(2).normal(size=(3, 4, 4))
    labels = np.array([7, 1, 4])
    X, y = mod.augment_with_shifts(imgs, labels, [(1, 0), (0, -1)])
    assert X.shape == (9, 4, 4) and y.shape == (9,)
    np.testing.assert_array_equal(X[:3], imgs, err_msg="the originals come first, unchanged")
    np.testing.assert_allclose(X[3:6], mod.translate_batch(imgs, 1, 0))
    np.testing.assert_allclose(X[6:], mod.translate_batch(imgs, 0, -1))
    np.testing.assert_array_equal(y, [7, 1, 4, 7, 1, 4, 7, 1, 4])


def test_noisy_inputs_uses_the_given_generator(mod):
    X = np.ones((200, 50))
    out = mod.noisy_inputs(X, 0.5, np.random.default_rng(3))
    np.testing.assert_allclose(out, X + np.random.default_rng(3).normal(0.0, 0.5, size=X.shape),
                               err_msg="exactly one call rng.normal(0.0, sigma, size=X.shape)")
    noise = out - X
    assert abs(noise.mean()) < 4 * 0.5 / 100, "the noise has mean 0"
    assert abs(noise.std() - 0.5) < 4 * 0.5 / np.sqrt(2 * X.size), "sigma is the standard deviation"
    np.testing.assert_array_equal(X, 1.0, err_msg="the input must not change")
