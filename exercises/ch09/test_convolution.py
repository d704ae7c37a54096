# Generated from solutions/ch09/test_convolution.py by dlbook build. Edit that file instead.
"""Self-check for 9.1 (public tests): run `pytest exercises/ch09/test_convolution.py` or `dlbook check 9.1`.

These check small worked examples and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("9.1")


def test_conv1d_full_worked_example(mod):
    s = mod.conv1d_full(np.array([1.0, 2.0, 3.0]), np.array([0.0, 1.0, 0.5]))
    np.testing.assert_allclose(s, [0.0, 1.0, 2.5, 4.0, 1.5], atol=1e-12,
                               err_msg="s[t] = Σ_a x[a] w[t − a] (eq 9.3), length n + k − 1")


def test_conv1d_full_impulse_gives_the_kernel_and_commutes(mod):
    w = np.array([3.0, -1.0, 0.5, 2.0])
    np.testing.assert_allclose(mod.conv1d_full(np.array([0.0, 1.0]), w), [0.0, 3.0, -1.0, 0.5, 2.0], atol=1e-12,
                               err_msg="an impulse at position 1 gives the kernel, unflipped, shifted by 1")
    x = np.array([1.0, -2.0, 0.25])
    np.testing.assert_allclose(mod.conv1d_full(x, w), mod.conv1d_full(w, x), atol=1e-12,
                               err_msg="convolution is commutative")


def test_cross_correlation_is_fig_9_1(mod):
    # Fig 9.1 with numbers: a..l = 1..12 in a 3x4 image, kernel [[w, x], [y, z]] = [[1, 10], [100, 1000]].
    I = np.arange(1.0, 13.0).reshape(3, 4)
    K = np.array([[1.0, 10.0], [100.0, 1000.0]])
    S = mod.cross_correlate2d(I, K)
    assert np.shape(S) == (2, 3), "valid output of a 3x4 image and a 2x2 kernel is 2x3"
    # top-left: aw + bx + ey + fz = 1 + 20 + 500 + 6000
    np.testing.assert_allclose(S, [[6521, 7632, 8743], [10965, 12076, 13187]], atol=1e-9,
                               err_msg="S[i, j] = Σ I[i+m, j+n] K[m, n] (eq 9.6, no flip)")


def test_true_convolution_flips_the_kernel(mod):
    I = np.arange(1.0, 13.0).reshape(3, 4)
    K = np.array([[1.0, 10.0], [100.0, 1000.0]])
    S = mod.conv2d_true(I, K)
    # top-left: a·z + b·y + e·x + f·w = 1000 + 200 + 50 + 6
    np.testing.assert_allclose(S, [[1256, 2367, 3478], [5700, 6811, 7922]], atol=1e-9,
                               err_msg="true convolution flips the kernel along both axes (eq 9.4)")
    np.testing.assert_allclose(S, mod.cross_correlate2d(I, K[::-1, ::-1]), atol=1e-9)


def test_edge_kernel_sign(mod):
    # A vertical edge, dark on the left and bright on the right.
    I = np.array([[0.0, 0.0, 1.0, 1.0]] * 3)
    K = np.array([[-1.0, 1.0]])  # right pixel minus left pixel, under cross-correlation
    np.testing.assert_allclose(mod.cross_correlate2d(I, K), [[0, 1, 0]] * 3, atol=1e-12)
    np.testing.assert_allclose(mod.conv2d_true(I, K), [[0, -1, 0]] * 3, atol=1e-12,
                               err_msg="flipping the difference kernel reverses the sign of the edge")


def test_conv_matrix_reproduces_cross_correlation(mod):
    rng = np.random.default_rng(0)
    I, K = rng.normal(size=(4, 6)), rng.normal(size=(2, 3))
    M = mod.conv_matrix(K, (4, 6))
    assert np.shape(M) == (3 * 4, 4 * 6), "M has one row per output pixel and one column per input pixel"
    np.testing.assert_allclose(M @ I.ravel(), mod.cross_correlate2d(I, K).ravel(), atol=1e-12)
    assert np.count_nonzero(M) == 3 * 4 * 2 * 3, "each row holds the kh·kw kernel weights, nothing else"
