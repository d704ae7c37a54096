"""7.4 reference against independent implementations: scipy.ndimage, Monte Carlo identities, and
an end-to-end check on scikit-learn's 8x8 digits."""
import numpy as np
import pytest
import scipy.ndimage as ndi
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression


@pytest.fixture(scope="module")
def sol(reference):
    return reference("7.4")


# translate_batch -------------------------------------------------------------------------------
@pytest.mark.parametrize("dy,dx,fill", [(0, 0, 0.0), (2, 3, 0.0), (-1, -4, 1.5), (3, -2, -2.0), (5, 0, 0.0),
                                        (0, -7, 3.0), (-9, 11, 0.0), (4, 6, 0.25)])
def test_translate_matches_scipy_shift(sol, dy, dx, fill):
    imgs = np.random.default_rng(abs(dy) + 10 * abs(dx)).normal(size=(3, 5, 7))
    want = ndi.shift(imgs, (0, dy, dx), order=0, mode="constant", cval=fill)
    np.testing.assert_array_equal(sol.translate_batch(imgs, dy, dx, fill), want)


def test_translate_there_and_back(sol):
    imgs = np.random.default_rng(1).normal(size=(4, 6, 8))
    for dy, dx in [(1, 2), (-2, 1), (0, -3), (2, 0)]:
        back = sol.translate_batch(sol.translate_batch(imgs, dy, dx), -dy, -dx)
        keep = np.zeros((6, 8), dtype=bool)
        keep[max(-dy, 0):6 - max(dy, 0), max(-dx, 0):8 - max(dx, 0)] = True
        np.testing.assert_array_equal(back[:, keep], imgs[:, keep])
        np.testing.assert_array_equal(back[:, ~keep], 0.0)


def test_translate_integer_images_become_float(sol):
    imgs = np.arange(24).reshape(2, 3, 4)
    out = sol.translate_batch(imgs, 1, 1, 0.5)
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, ndi.shift(imgs.astype(float), (0, 1, 1), order=0, mode="constant", cval=0.5))


# affine_warp_bilinear --------------------------------------------------------------------------
def rotation(theta, shape, scale=1.0):
    c = (np.array(shape, dtype=float) - 1.0) / 2.0
    M = scale * np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    return M, c - M @ c


@pytest.mark.parametrize("seed", range(6))
def test_affine_warp_matches_scipy_affine_transform(sol, seed):
    rng = np.random.default_rng(seed)
    img = rng.normal(size=(int(rng.integers(3, 9)), int(rng.integers(3, 9))))
    M = rng.normal(size=(2, 2)) + np.eye(2)
    offset = rng.normal(scale=2.0, size=2)
    want = ndi.affine_transform(img, M, offset=offset, order=1, mode="grid-constant", cval=0.0)
    np.testing.assert_allclose(sol.affine_warp_bilinear(img, M, offset), want, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("theta,scale", [(0.3, 1.0), (-0.8, 0.7), (np.pi, 1.0), (np.pi / 2, 1.2)])
def test_rotations_match_scipy(sol, theta, scale):
    img = np.random.default_rng(7).normal(size=(8, 8))
    M, offset = rotation(theta, img.shape, scale)
    want = ndi.affine_transform(img, M, offset=offset, order=1, mode="grid-constant", cval=0.0)
    np.testing.assert_allclose(sol.affine_warp_bilinear(img, M, offset), want, rtol=1e-12, atol=1e-12)


def test_affine_identity_and_integer_offsets_are_translations(sol):
    img = np.random.default_rng(8).normal(size=(5, 9))
    np.testing.assert_allclose(sol.affine_warp_bilinear(img, np.eye(2), np.zeros(2)), img, atol=1e-15)
    for dy, dx in [(1, 0), (0, -2), (-3, 4), (2, 2)]:
        np.testing.assert_allclose(sol.affine_warp_bilinear(img, np.eye(2), np.array([-dy, -dx], dtype=float)),
                                   sol.translate_batch(img[None], dy, dx)[0], atol=1e-15)


def test_affine_border_is_zero_padded_not_constant_mode(sol):
    # 'grid-constant' interpolates against the zero padding; 'constant' would zero these samples.
    img = np.ones((3, 4))
    out = sol.affine_warp_bilinear(img, np.eye(2), np.array([-0.25, 0.0]))
    np.testing.assert_allclose(out[0], 0.75)
    np.testing.assert_allclose(out[1:], 1.0)
    assert not np.allclose(out, ndi.affine_transform(img, np.eye(2), offset=(-0.25, 0.0), order=1, mode="constant"))


# augment_with_shifts ---------------------------------------------------------------------------
def test_augment_shapes_order_and_labels(sol):
    rng = np.random.default_rng(9)
    imgs, labels = rng.normal(size=(5, 6, 7)), rng.integers(0, 10, size=5)
    shifts = [(1, 0), (-1, 0), (0, 1), (0, -1), (2, -3)]
    X, y = sol.augment_with_shifts(imgs, labels, shifts)
    assert X.shape == (30, 6, 7) and y.shape == (30,)
    assert X[:5].tobytes() == imgs.tobytes()  # the originals are byte-identical
    for s, (dy, dx) in enumerate(shifts):
        block = X[5 * (s + 1):5 * (s + 2)]
        np.testing.assert_array_equal(block, ndi.shift(imgs, (0, dy, dx), order=0, mode="constant", cval=0.0))
    np.testing.assert_array_equal(y, np.concatenate([labels] * 6))
    X0, y0 = sol.augment_with_shifts(imgs, labels, [])
    np.testing.assert_array_equal(X0, imgs)
    np.testing.assert_array_equal(y0, labels)


# noisy_inputs ----------------------------------------------------------------------------------
def test_noisy_inputs_exact_and_one_draw(sol):
    X = np.random.default_rng(10).normal(size=(4, 3))
    rng, twin = np.random.default_rng(5), np.random.default_rng(5)
    np.testing.assert_array_equal(sol.noisy_inputs(X, 0.3, rng), X + twin.normal(0.0, 0.3, size=X.shape))
    assert rng.bit_generator.state == twin.bit_generator.state  # exactly the same amount drawn
    np.testing.assert_array_equal(sol.noisy_inputs(X, 0.0, np.random.default_rng(1)), X)


def test_noisy_inputs_statistics(sol):
    sigma, X = 0.7, np.full((300, 100), 2.0)
    noise = sol.noisy_inputs(X, sigma, np.random.default_rng(11)) - X
    n = noise.size
    assert abs(noise.mean()) < 4 * sigma / np.sqrt(n)
    assert abs(noise.std() - sigma) < 4 * sigma / np.sqrt(2 * n)


def test_input_noise_is_ridge_in_expectation(sol):
    # Bishop (1995): E‖(X + E)w − y‖² = ‖Xw − y‖² + mσ²‖w‖², checked by Monte Carlo at 4σ.
    rng = np.random.default_rng(12)
    m, n, sigma, S = 50, 4, 0.3, 4000
    X, w, y = rng.normal(size=(m, n)), rng.normal(size=n), rng.normal(size=m)
    noise_rng = np.random.default_rng(13)
    losses = np.array([np.sum((sol.noisy_inputs(X, sigma, noise_rng) @ w - y) ** 2) for _ in range(S)])
    want = np.sum((X @ w - y) ** 2) + m * sigma ** 2 * (w @ w)
    assert abs(losses.mean() - want) < 4 * losses.std() / np.sqrt(S)


# end to end ------------------------------------------------------------------------------------
def test_shift_augmentation_helps_on_shifted_digits(sol):
    digits = load_digits()
    imgs, labels = digits.images / 16.0, digits.target
    order = np.random.default_rng(14).permutation(len(labels))
    train, test = order[:600], order[600:1200]
    # The test set: every test digit moved by one pixel in a random direction.
    rng = np.random.default_rng(15)
    moves = [(1, 0), (-1, 0), (0, 1), (0, -1)]
    test_imgs = np.stack([sol.translate_batch(imgs[i][None], *moves[rng.integers(4)])[0] for i in test])
    X_aug, y_aug = sol.augment_with_shifts(imgs[train], labels[train], moves)

    def accuracy(X, y):
        clf = LogisticRegression(C=0.1, max_iter=2000).fit(X.reshape(len(X), -1), y)
        return clf.score(test_imgs.reshape(len(test_imgs), -1), labels[test])

    def centroid_accuracy(X, y):
        centres = np.stack([X[y == k].reshape(-1, 64).mean(axis=0) for k in range(10)])
        d = ((test_imgs.reshape(-1, 64)[:, None, :] - centres[None]) ** 2).sum(axis=2)
        return np.mean(d.argmin(axis=1) == labels[test])

    plain, augmented = accuracy(imgs[train], labels[train]), accuracy(X_aug, y_aug)
    assert augmented > plain + 0.05, (plain, augmented)
    assert centroid_accuracy(X_aug, y_aug) > centroid_accuracy(imgs[train], labels[train]), "nearest centroid"
