"""Self-check for 9.6 (public tests): run `pytest exercises/ch09/test_structured_outputs.py` or `dlbook check 9.6`.

These check simple properties and small examples; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("9.6")


def random_kernels(rng, C_in, C_h, n_cls, k):
    return (rng.normal(size=(C_h, C_in, k, k)), rng.normal(size=(C_h, n_cls, k, k)),
            rng.normal(size=(n_cls, C_h, k, k)))


def test_labeler_outputs_distributions_of_the_input_size(mod):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, 5, 7))
    U, W, V = random_kernels(rng, 2, 4, 3, 3)
    Y = np.asarray(mod.recurrent_conv_labeler(X, U, W, V, 3))
    assert Y.shape == (3, 3, 5, 7), "(n_steps, n_cls, H, W)"
    assert np.all(Y >= 0)
    np.testing.assert_allclose(Y.sum(axis=1), 1.0, rtol=1e-12, err_msg="a distribution over classes at each pixel")


def test_labeler_without_feedback_repeats_the_first_step(mod):
    # With W = 0 every step computes softmax(V ∗ relu(U ∗ X)), so all steps are equal.
    rng = np.random.default_rng(1)
    X = rng.normal(size=(1, 4, 6))
    U, W, V = random_kernels(rng, 1, 2, 3, 3)
    Y = np.asarray(mod.recurrent_conv_labeler(X, U, np.zeros_like(W), V, 4))
    for t in range(1, 4):
        np.testing.assert_allclose(Y[t], Y[0], rtol=1e-12, atol=1e-15)
    Y_fb = np.asarray(mod.recurrent_conv_labeler(X, U, W, V, 2))
    np.testing.assert_allclose(Y_fb[0], Y[0], rtol=1e-12, atol=1e-15, err_msg="step 1 ignores W")
    assert np.abs(Y_fb[1] - Y[1]).max() > 1e-6, "from step 2 on, W feeds back the previous estimate"


def test_labeler_one_by_one_kernels_are_a_per_pixel_network(mod):
    # 1×1 kernels: every pixel is an independent two-layer network, softmax(V relu(U x)).
    rng = np.random.default_rng(2)
    X = rng.normal(size=(3, 2, 3))
    U, W, V = random_kernels(rng, 3, 4, 2, 1)
    Y = np.asarray(mod.recurrent_conv_labeler(X, U, np.zeros_like(W), V, 1))[0]
    h = np.maximum(np.einsum("hc,cxy->hxy", U[:, :, 0, 0], X), 0)
    s = np.einsum("kh,hxy->kxy", V[:, :, 0, 0], h)
    np.testing.assert_allclose(Y, np.exp(s) / np.exp(s).sum(axis=0), rtol=1e-10)


def test_pixelwise_cross_entropy_uniform_and_gradient(mod):
    loss, d = mod.pixelwise_cross_entropy(np.zeros((4, 2, 3)), np.array([[0, 1, 2], [3, 0, 1]]))
    assert loss == pytest.approx(np.log(4)), "uniform scores over 4 classes: log 4"
    np.testing.assert_allclose(np.sum(d, axis=0), 0.0, atol=1e-15)
    rng = np.random.default_rng(3)
    logits, labels = rng.normal(size=(3, 2, 4)), rng.integers(0, 3, size=(2, 4))
    _, d = mod.pixelwise_cross_entropy(logits, labels)
    h = 1e-6
    num = np.zeros_like(logits)
    for idx in np.ndindex(logits.shape):
        e = np.zeros_like(logits)
        e[idx] = h
        num[idx] = (mod.pixelwise_cross_entropy(logits + e, labels)[0]
                    - mod.pixelwise_cross_entropy(logits - e, labels)[0]) / (2 * h)
    np.testing.assert_allclose(d, num, rtol=1e-5, atol=1e-9)


def test_pixelwise_cross_entropy_large_scores(mod):
    logits = np.array([[[1000.0, -1000.0]], [[0.0, 1000.0]]])  # (2 classes, 1, 2)
    loss, d = mod.pixelwise_cross_entropy(logits, np.array([[0, 0]]))
    assert np.isfinite(loss) and loss == pytest.approx(1000.0), "pixel 2 costs 2000 nats, pixel 1 none: mean 1000"
    assert np.all(np.isfinite(d))


def test_label_connected_regions_small_map(mod):
    label_map = np.array([[1, 1, 0, 2],
                          [0, 1, 0, 2],
                          [2, 0, 1, 1]])
    region_id, n = mod.label_connected_regions(label_map)
    # Diagonal neighbours are not connected (4-connectivity); ids follow first appearance.
    np.testing.assert_array_equal(region_id, [[0, 0, 1, 2],
                                              [3, 0, 1, 2],
                                              [4, 5, 6, 6]])
    assert n == 7


def test_label_connected_regions_one_big_region(mod):
    region_id, n = mod.label_connected_regions(np.full((200, 200), 3))
    assert n == 1 and np.all(np.asarray(region_id) == 0), "use a stack or queue, not recursion"
