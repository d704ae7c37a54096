"""Self-check for 9.3 (public tests): run `pytest exercises/ch09/test_pooling.py` or `dlbook check 9.3`.

These check the book's examples, the conventions and simple properties; the grader runs more,
hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("9.3")


def test_max_pool2d_forward_small_example(mod):
    X = np.arange(16, dtype=float).reshape(1, 1, 4, 4)
    out, _ = mod.max_pool2d_forward(X, 2, 2, 2)
    np.testing.assert_allclose(out, [[[[5, 7], [13, 15]]]], err_msg="2×2 windows, stride 2")
    out, _ = mod.max_pool2d_forward(X, 3, 2, 1)
    assert np.shape(out) == (1, 1, 2, 3), "out_h = (H − pool_h)//stride + 1, out_w = (W − pool_w)//stride + 1"
    np.testing.assert_allclose(out, [[[[9, 10, 11], [13, 14, 15]]]])
    out, _ = mod.max_pool2d_forward(np.zeros((2, 3, 32, 32)), 3, 3, 2)
    assert np.shape(out) == (2, 3, 15, 15), "32×32, 3×3 windows, stride 2: 15×15 (no padding)"


def test_max_pool2d_backward_routes_to_one_winner(mod):
    # Windows overlap (stride 1 < 2) and the 9 wins all four windows: it gets the sum of their gradients.
    X = np.array([[[[1.0, 2.0, 0.0],
                    [3.0, 9.0, 4.0],
                    [0.0, 5.0, 1.0]]]])
    out, cache = mod.max_pool2d_forward(X, 2, 2, 1)
    np.testing.assert_allclose(out, [[[[9, 9], [9, 9]]]])
    dout = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    dX = mod.max_pool2d_backward(dout, cache)
    want = np.zeros((1, 1, 3, 3))
    want[0, 0, 1, 1] = 10.0
    np.testing.assert_allclose(dX, want, err_msg="overlapping windows: accumulate (+=), do not assign")


def test_max_pool2d_backward_ties_first_in_row_major_order(mod):
    X = np.array([[[[1.0, 7.0],
                    [7.0, 7.0]]]])
    _, cache = mod.max_pool2d_forward(X, 2, 2, 2)
    dX = mod.max_pool2d_backward(np.array([[[[5.0]]]]), cache)
    np.testing.assert_allclose(dX, [[[[0, 5], [0, 0]]]],
                               err_msg="a tie goes to the first maximum in row-major order, and only to it")


def test_max_pool2d_backward_matches_central_differences(mod):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, 2, 5, 6))  # continuous: no ties, so the gradient exists
    dout = rng.normal(size=(2, 2, 2, 3))
    out, cache = mod.max_pool2d_forward(X, 3, 2, 2)
    assert np.shape(out) == dout.shape
    dX = np.asarray(mod.max_pool2d_backward(dout, cache))
    h, num = 1e-6, np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        e = np.zeros_like(X)
        e[idx] = h
        num[idx] = np.sum((mod.max_pool2d_forward(X + e, 3, 2, 2)[0] - mod.max_pool2d_forward(X - e, 3, 2, 2)[0])
                          * dout) / (2 * h)
    np.testing.assert_allclose(dX, num, rtol=1e-6, atol=1e-8)


def test_pool1d_figure_9_10_downsampling(mod):
    detector = np.array([0.1, 1.0, 0.2, 0.1, 0.0, 0.1])
    np.testing.assert_allclose(mod.pool1d(detector, 3, 2, "max"), [1.0, 0.2, 0.1],
                               err_msg="Fig 9.10: windows [0, 3), [2, 5) and the partial [4, 6)")
    np.testing.assert_allclose(mod.pool1d(detector, 3, 2, "avg"), [1.3 / 3, 0.3 / 3, 0.05],
                               err_msg="avg divides by the size of the window actually present")
    np.testing.assert_allclose(mod.pool1d(detector, 3, 2, "l2"), [np.sqrt(1.05), np.sqrt(0.05), 0.1])
    assert np.shape(mod.pool1d(np.ones(5), 3, 1)) == (3,), "stride 1, n = 5, width 3: three full windows, no partial"
    np.testing.assert_allclose(mod.pool1d(np.array([-1.0, -3.0, -2.0]), 2, 2, "max"), [-1.0, -2.0],
                               err_msg="the partial window [2, 3) is not zero-padded")
    with pytest.raises(ValueError):
        mod.pool1d(detector, 3, 2, "median")


def test_pool1d_figure_9_8_invariance(mod):
    # Fig 9.8: shift the detector outputs right by one; max pooling (width 3, stride 1) changes less.
    detector = np.array([0.1, 1.0, 0.2, 0.1, 0.3, 0.1, 0.0, 0.2])
    shifted = np.concatenate([[0.0], detector[:-1]])
    before, after = mod.pool1d(detector, 3, 1), mod.pool1d(shifted, 3, 1)
    assert np.shape(before) == (6,)
    changed_detector = np.mean(detector != shifted)
    changed_pooled = np.mean(np.asarray(before) != np.asarray(after))
    assert changed_pooled < changed_detector, "fewer pooled values than detector values change"


def test_global_average_pool(mod):
    X = np.random.default_rng(1).normal(size=(2, 3, 4, 5))
    out = mod.global_average_pool(X)
    assert np.shape(out) == (2, 3), "(N, C, H, W) -> (N, C)"
    np.testing.assert_allclose(out, X.mean(axis=(2, 3)))
