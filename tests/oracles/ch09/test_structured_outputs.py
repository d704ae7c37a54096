"""9.6 reference against independent implementations: the same recurrence in PyTorch (float64,
conv2d with padding='same', softmax over dim 1), PyTorch's cross_entropy with autograd, central
differences, and scipy.ndimage.label per class."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from scipy import ndimage

from autograder.testing import numerical_gradient, rel_error


@pytest.fixture(scope="module")
def sol(reference):
    return reference("9.6")


def t(a):
    return torch.from_numpy(np.ascontiguousarray(a, dtype=float))


def random_labeler(seed, C_in, C_h, n_cls, H, W, k):
    rng = np.random.default_rng(seed)
    return (rng.normal(size=(C_in, H, W)), rng.normal(size=(C_h, C_in, k, k)) / k,
            rng.normal(size=(C_h, n_cls, k, k)) * 2 / k, rng.normal(size=(n_cls, C_h, k, k)) / k)


def torch_labeler(X, U, W, V, n_steps):
    UX = F.conv2d(t(X)[None], t(U), padding="same")
    Y, out = None, []
    for _ in range(n_steps):
        pre = UX if Y is None else UX + F.conv2d(Y, t(W), padding="same")
        Y = torch.softmax(F.conv2d(torch.relu(pre), t(V), padding="same"), dim=1)
        out.append(Y[0])
    return torch.stack(out).numpy()


# recurrent_conv_labeler -----------------------------------------------------------------
@pytest.mark.parametrize("shape", [(2, 3, 3, 5, 7, 3, 3), (1, 2, 4, 6, 4, 5, 4), (3, 4, 2, 3, 8, 1, 2),
                                   (2, 2, 3, 9, 9, 7, 5)])
def test_labeler_matches_torch(sol, shape):
    C_in, C_h, n_cls, H, W, k, n_steps = shape
    X, U, Wk, V = random_labeler(sum(shape), C_in, C_h, n_cls, H, W, k)
    got = sol.recurrent_conv_labeler(X, U, Wk, V, n_steps)
    assert got.shape == (n_steps, n_cls, H, W)
    np.testing.assert_allclose(got, torch_labeler(X, U, Wk, V, n_steps), rtol=1e-12, atol=1e-14)


def test_labeler_private_conv_matches_torch(sol):
    rng = np.random.default_rng(1)
    for k in (1, 3, 5):
        V, K = rng.normal(size=(2, 6, 5)), rng.normal(size=(3, 2, k, k))
        np.testing.assert_allclose(sol._conv2d_same(V, K), F.conv2d(t(V)[None], t(K), padding="same")[0].numpy(),
                                   rtol=1e-12, atol=1e-12)
    with pytest.raises(ValueError):
        sol._conv2d_same(V, rng.normal(size=(1, 2, 2, 2)))


def test_labeler_properties(sol):
    X, U, Wk, V = random_labeler(2, 2, 3, 4, 6, 5, 3)
    Y = sol.recurrent_conv_labeler(X, U, Wk, V, 4)
    np.testing.assert_allclose(Y.sum(axis=1), 1.0, rtol=1e-12)
    assert np.all(Y > 0)
    # Step 1 is the feed-forward softmax(V ∗ relu(U ∗ X)).
    ff = F.conv2d(torch.relu(F.conv2d(t(X)[None], t(U), padding="same")), t(V), padding="same")
    np.testing.assert_allclose(Y[0], torch.softmax(ff, dim=1)[0].numpy(), rtol=1e-12)
    # W = 0: every step is the first.
    Y0 = sol.recurrent_conv_labeler(X, U, np.zeros_like(Wk), V, 4)
    for s in range(4):
        np.testing.assert_allclose(Y0[s], Y[0], rtol=1e-12, atol=1e-15)
    # Prefix property: the first steps do not depend on n_steps.
    np.testing.assert_allclose(sol.recurrent_conv_labeler(X, U, Wk, V, 2), Y[:2], rtol=1e-12)
    # Stable softmax: huge scores give finite probabilities, equal to torch's.
    Yb = sol.recurrent_conv_labeler(X, U, Wk, V * 500, 3)
    assert np.all(np.isfinite(Yb))
    np.testing.assert_allclose(Yb, torch_labeler(X, U, Wk, V * 500, 3), rtol=1e-9, atol=1e-12)


def test_labeler_receptive_field_of_the_quiz(sol):
    # 3×3 kernels, n_steps = 3: the longest path U, V, W, V, W, V has 6 convolutions, so one
    # output pixel depends on a 13×13 window of X. Measured with torch autograd on the reference
    # recurrence (positive weights, so no gradient cancels).
    k, n = 3, 3
    rng = np.random.default_rng(3)
    U, W, V = (np.abs(rng.normal(size=s)) + 0.1 for s in ((2, 1, k, k), (2, 2, k, k), (2, 2, k, k)))
    X = t(np.abs(rng.normal(size=(1, 1, 21, 21))) + 0.1).requires_grad_()
    UX = F.conv2d(X, t(U), padding="same")
    Y = None
    for _ in range(n):
        pre = UX if Y is None else UX + F.conv2d(Y, t(W), padding="same")
        Y = torch.softmax(F.conv2d(torch.relu(pre), t(V), padding="same"), dim=1)
    Y[0, 0, 10, 10].backward()
    rows, cols = np.nonzero(np.abs(X.grad[0, 0].numpy()) > 0)
    assert rows.max() - rows.min() + 1 == 13 and cols.max() - cols.min() + 1 == 13
    np.testing.assert_allclose(sol.recurrent_conv_labeler(X.detach().numpy()[0], U, W, V, n), torch_labeler(
        X.detach().numpy()[0], U, W, V, n), rtol=1e-12)


# pixelwise_cross_entropy ----------------------------------------------------------------
@pytest.mark.parametrize("n_cls,H,W,scale", [(3, 4, 5, 1.0), (5, 2, 6, 3.0), (2, 1, 1, 1.0), (4, 3, 3, 800.0)])
def test_cross_entropy_matches_torch(sol, n_cls, H, W, scale):
    rng = np.random.default_rng(n_cls * H * W)
    logits, labels = rng.normal(size=(n_cls, H, W)) * scale, rng.integers(0, n_cls, size=(H, W))
    L = t(logits).requires_grad_()
    loss = F.cross_entropy(L[None], torch.from_numpy(labels)[None], reduction="mean")
    loss.backward()
    got_loss, got_d = sol.pixelwise_cross_entropy(logits, labels)
    assert isinstance(got_loss, float)
    assert got_loss == pytest.approx(loss.item(), rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(got_d, L.grad.numpy(), rtol=1e-10, atol=1e-15)


def test_cross_entropy_matches_central_differences(sol):
    rng = np.random.default_rng(4)
    logits, labels = rng.normal(size=(3, 3, 4)), rng.integers(0, 3, size=(3, 4))
    _, d = sol.pixelwise_cross_entropy(logits, labels)
    num = numerical_gradient(lambda z: sol.pixelwise_cross_entropy(z, labels)[0], logits)
    assert rel_error(d, num) < 1e-6


def test_cross_entropy_is_pure(sol):
    rng = np.random.default_rng(5)
    logits, labels = rng.normal(size=(3, 2, 2)), rng.integers(0, 3, size=(2, 2))
    l0, lab0 = logits.copy(), labels.copy()
    sol.pixelwise_cross_entropy(logits, labels)
    np.testing.assert_array_equal(logits, l0)
    np.testing.assert_array_equal(labels, lab0)


# label_connected_regions ----------------------------------------------------------------
def scipy_regions(label_map):
    """Per-class scipy.ndimage.label (default structure: the cross, 4-connectivity), merged and
    renumbered by first appearance in row-major order."""
    merged = -np.ones(label_map.shape, dtype=int)
    offset = 0
    for c in np.unique(label_map):
        lab, k = ndimage.label(label_map == c)
        merged[lab > 0] = lab[lab > 0] - 1 + offset
        offset += k
    _, first = np.unique(merged.ravel(), return_index=True)
    remap = np.empty(offset, dtype=int)
    remap[np.argsort(first)] = np.arange(offset)
    return remap[merged], offset


@pytest.mark.parametrize("H,W,n_cls", [(9, 13, 2), (15, 8, 4), (30, 40, 3), (1, 12, 2), (12, 1, 3), (50, 50, 6)])
def test_regions_match_scipy(sol, H, W, n_cls):
    label_map = np.random.default_rng(H * W + n_cls).integers(0, n_cls, size=(H, W)) * 7 - 5
    region, n = sol.label_connected_regions(label_map)
    want, n_want = scipy_regions(label_map)
    assert n == n_want and isinstance(n, int)
    np.testing.assert_array_equal(region, want)


def test_regions_large_maps(sol):
    region, n = sol.label_connected_regions(np.zeros((200, 200), dtype=int))
    assert n == 1 and np.all(region == 0)
    snake = np.zeros((60, 61), dtype=int)
    snake[::2, :] = 1
    snake[1::4, -1] = 1
    snake[3::4, 0] = 1
    region, n = sol.label_connected_regions(snake)
    want, n_want = scipy_regions(snake)
    assert n == n_want
    np.testing.assert_array_equal(region, want)
    assert len(np.unique(region[snake == 1])) == 1


def test_regions_quiz_checkerboard(sol):
    # A 3×3 checkerboard: 9 regions with 4-connectivity, 2 with 8-connectivity.
    board = np.indices((3, 3)).sum(axis=0) % 2
    assert sol.label_connected_regions(board)[1] == 9
    n8 = sum(ndimage.label(board == c, structure=np.ones((3, 3)))[1] for c in (0, 1))
    assert n8 == 2


def test_regions_is_pure(sol):
    label_map = np.random.default_rng(6).integers(0, 3, size=(6, 7))
    before = label_map.copy()
    sol.label_connected_regions(label_map)
    np.testing.assert_array_equal(label_map, before)
