"""9.1 reference against independent implementations: NumPy, SciPy, PyTorch, autograd, closed forms."""
import numpy as np
import pytest
import scipy.linalg
import scipy.signal
import torch
import torch.nn.functional as F


@pytest.fixture(scope="module")
def sol(reference):
    return reference("9.1")


def rand(shape, seed):
    return np.random.default_rng(seed).normal(size=shape)


@pytest.mark.parametrize("n,k", [(7, 3), (3, 5), (1, 4), (6, 1), (1, 1), (10, 10)])
def test_conv1d_full_matches_numpy_and_scipy(sol, n, k):
    x, w = rand(n, n), rand(k, 50 + k)
    s = sol.conv1d_full(x, w)
    np.testing.assert_allclose(s, np.convolve(x, w, "full"), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(s, scipy.linalg.convolution_matrix(w, n, mode="full") @ x, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(s, sol.conv1d_full(w, x), rtol=1e-12, atol=1e-12)  # commutative


def test_conv1d_full_quiz_example(sol):
    np.testing.assert_allclose(sol.conv1d_full([1, 2, 3], [0, 1, 0.5]), [0, 1, 2.5, 4, 1.5], atol=1e-15)


SHAPES = [((5, 7), (2, 3)), ((6, 4), (3, 2)), ((4, 5), (4, 5)), ((3, 6), (1, 1)), ((2, 8), (1, 3)), ((9, 9), (3, 3))]


@pytest.mark.parametrize("ishape,kshape", SHAPES)
def test_2d_operations_match_scipy_and_torch(sol, ishape, kshape):
    I, K = rand(ishape, sum(ishape)), rand(kshape, 7 * sum(kshape))
    corr, conv = sol.cross_correlate2d(I, K), sol.conv2d_true(I, K)
    np.testing.assert_allclose(corr, scipy.signal.correlate2d(I, K, mode="valid"), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(conv, scipy.signal.convolve2d(I, K, mode="valid"), rtol=1e-12, atol=1e-12)
    t = F.conv2d(torch.tensor(I)[None, None], torch.tensor(K)[None, None])[0, 0].numpy()
    np.testing.assert_allclose(corr, t, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(conv, sol.cross_correlate2d(I, K[::-1, ::-1]), rtol=1e-12, atol=1e-12)


def test_2d_operations_match_six_loops(sol):
    I, K = rand((5, 6), 1), rand((3, 2), 2)
    kh, kw = K.shape
    corr = np.zeros((3, 5))
    conv = np.zeros((3, 5))
    for i in range(3):
        for j in range(5):
            for m in range(kh):
                for n in range(kw):
                    corr[i, j] += I[i + m, j + n] * K[m, n]
            # eq 9.4 with the output index shifted by (kh − 1, kw − 1): S(i, j) = Σ I(m, n) K(i − m, j − n)
            for a in range(5):
                for b in range(6):
                    if 0 <= i + kh - 1 - a < kh and 0 <= j + kw - 1 - b < kw:
                        conv[i, j] += I[a, b] * K[i + kh - 1 - a, j + kw - 1 - b]
    np.testing.assert_allclose(sol.cross_correlate2d(I, K), corr, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(sol.conv2d_true(I, K), conv, rtol=1e-12, atol=1e-12)


def test_commutativity_holds_for_full_convolution_only(sol):
    # Full-mode convolution = valid convolution of the zero-padded image; it commutes, correlation does not.
    I, K = rand((4, 5), 3), rand((2, 3), 4)

    def full(op, A, B):
        Ap = np.pad(A, ((B.shape[0] - 1,) * 2, (B.shape[1] - 1,) * 2))
        return op(Ap, B)

    conv_IK, conv_KI = full(sol.conv2d_true, I, K), full(sol.conv2d_true, K, I)
    np.testing.assert_allclose(conv_IK, scipy.signal.convolve2d(I, K, mode="full"), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(conv_IK, conv_KI, rtol=1e-12, atol=1e-12)
    corr_IK, corr_KI = full(sol.cross_correlate2d, I, K), full(sol.cross_correlate2d, K, I)
    assert np.abs(corr_IK - corr_KI).max() > 0.1  # correlation with swapped roles: the result is flipped
    np.testing.assert_allclose(corr_KI, corr_IK[::-1, ::-1], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("kshape,ishape", [((2, 3), (4, 5)), ((3, 2), (5, 3)), ((1, 1), (3, 4)), ((3, 4), (3, 4)),
                                           ((3, 3), (6, 7))])
def test_conv_matrix_against_correlation_and_sparsity(sol, kshape, ishape):
    K = rand(kshape, sum(kshape)) + 0.01  # no zero entries
    M = sol.conv_matrix(K, ishape)
    oh, ow = ishape[0] - kshape[0] + 1, ishape[1] - kshape[1] + 1
    assert M.shape == (oh * ow, ishape[0] * ishape[1])
    for seed in range(3):
        I = rand(ishape, 100 + seed)
        np.testing.assert_allclose(M @ I.ravel(), scipy.signal.correlate2d(I, K, mode="valid").ravel(),
                                   rtol=1e-12, atol=1e-12)
    assert np.count_nonzero(M) == oh * ow * K.size
    # column c of M is the response to the c-th basis image
    basis = np.array([sol.cross_correlate2d(np.eye(M.shape[1])[c].reshape(ishape), K).ravel()
                      for c in range(M.shape[1])]).T
    np.testing.assert_array_equal(M, basis)


def test_conv_matrix_transpose_is_the_input_gradient(sol):
    # Mᵀ g = ∂/∂I Σ g ⊙ corr(I, K), by PyTorch autograd (links to Sec. 9.5).
    I, K, g = rand((5, 6), 5), rand((2, 3), 6), rand((4, 4), 7)
    It = torch.tensor(I, requires_grad=True)
    out = F.conv2d(It[None, None], torch.tensor(K)[None, None])[0, 0]
    (out * torch.tensor(g)).sum().backward()
    M = sol.conv_matrix(K, (5, 6))
    np.testing.assert_allclose(M.T @ g.ravel(), It.grad.numpy().ravel(), rtol=1e-12, atol=1e-12)


def test_1d_conv_matrix_matches_scipy_convolution_matrix(sol):
    # On a 1 x n image, conv_matrix is the 'valid' Toeplitz matrix of correlation = convolution with w reversed.
    w = np.array([0.5, -1.0, 2.0])
    M = sol.conv_matrix(w[None, :], (1, 8))
    np.testing.assert_allclose(M, scipy.linalg.convolution_matrix(w[::-1], 8, mode="valid"), atol=0)


def test_no_input_is_modified(sol):
    I, K, x, w = rand((4, 5), 1), rand((2, 3), 2), rand(5, 3), rand(3, 4)
    copies = [a.copy() for a in (I, K, x, w)]
    sol.cross_correlate2d(I, K), sol.conv2d_true(I, K), sol.conv_matrix(K, I.shape), sol.conv1d_full(x, w)
    for a, c in zip((I, K, x, w), copies):
        np.testing.assert_array_equal(a, c)


def test_integer_inputs_give_float_outputs(sol):
    I = np.arange(12).reshape(3, 4)
    K = np.array([[1, -1]])
    for out in (sol.cross_correlate2d(I, K), sol.conv2d_true(I, K), sol.conv_matrix(K, (3, 4)),
                sol.conv1d_full(np.arange(3), np.arange(2))):
        assert out.dtype == np.float64
