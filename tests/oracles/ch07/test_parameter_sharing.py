"""7.9 reference against independent implementations: np.correlate, scipy.signal.correlate,
scipy.linalg.toeplitz, PyTorch conv1d and autograd (float64, CPU), central differences."""
import numpy as np
import pytest
import scipy.linalg
import scipy.signal
import torch
import torch.nn.functional as F

from autograder.testing import numerical_gradient, rel_error


@pytest.fixture(scope="module")
def sol(reference):
    return reference("7.9")


CASES = [(2, 9, 3), (1, 5, 5), (4, 6, 1), (3, 12, 4)]


# tying_penalty ---------------------------------------------------------------------------
@pytest.mark.parametrize("shape", [(5,), (3, 4), (2, 3, 2)])
def test_tying_penalty_analytic_and_autograd(sol, shape):
    rng = np.random.default_rng(len(shape))
    wA, wB, alpha = rng.normal(size=shape), rng.normal(size=shape), 0.7
    omega, gA, gB = sol.tying_penalty(wA, wB, alpha)
    assert omega == pytest.approx(alpha * np.sum((wA - wB) ** 2), rel=1e-13)
    tA, tB = torch.tensor(wA, requires_grad=True), torch.tensor(wB, requires_grad=True)
    (alpha * torch.sum((tA - tB) ** 2)).backward()
    np.testing.assert_allclose(gA, tA.grad.numpy(), rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(gB, tB.grad.numpy(), rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(gA + gB, 0.0, atol=1e-15)
    num = numerical_gradient(lambda a: sol.tying_penalty(a, wB, alpha)[0], wA)
    assert rel_error(gA, num) < 1e-6


def test_tying_penalty_zero_iff_equal(sol):
    w = np.random.default_rng(0).normal(size=(3, 3))
    assert sol.tying_penalty(w, w.copy(), 5.0)[0] == 0.0
    other = w.copy()
    other[1, 2] += 1e-6
    assert sol.tying_penalty(w, other, 5.0)[0] > 0.0


# conv1d_valid ----------------------------------------------------------------------------
@pytest.mark.parametrize("N,L,K", CASES)
def test_conv1d_valid_matches_numpy_scipy_torch(sol, N, L, K):
    rng = np.random.default_rng(N * L * K)
    x, w, b = rng.normal(size=(N, L)), rng.normal(size=K), float(rng.normal())
    y = sol.conv1d_valid(x, w, b)
    assert y.shape == (N, L - K + 1)
    np.testing.assert_allclose(y, np.stack([np.correlate(x[n], w, mode="valid") for n in range(N)]) + b,
                               rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(y, scipy.signal.correlate(x, w[None, :], mode="valid", method="direct") + b,
                               rtol=1e-12, atol=1e-13)
    t = F.conv1d(torch.tensor(x)[:, None, :], torch.tensor(w)[None, None, :]).squeeze(1) + b
    np.testing.assert_allclose(y, t.numpy(), rtol=1e-12, atol=1e-13)


def test_conv1d_valid_is_not_convolution(sol):
    x = np.array([[1.0, 2.0, 4.0, 8.0]])
    w = np.array([1.0, -1.0])
    np.testing.assert_array_equal(sol.conv1d_valid(x, w, 0.0), [[-1.0, -2.0, -4.0]])
    np.testing.assert_array_equal(np.convolve(x[0], w, mode="valid"), [1.0, 2.0, 4.0])  # the flipped kernel


# conv1d_as_dense -------------------------------------------------------------------------
@pytest.mark.parametrize("N,L,K", CASES)
def test_dense_matrix_is_the_toeplitz_of_the_layer(sol, N, L, K):
    rng = np.random.default_rng(N + L + K)
    x, w = rng.normal(size=(N, L)), rng.normal(size=K)
    T = sol.conv1d_as_dense(w, L)
    assert T.shape == (L - K + 1, L)
    first_col = np.r_[w[0], np.zeros(L - K)]
    first_row = np.r_[w, np.zeros(L - K)]
    np.testing.assert_array_equal(T, scipy.linalg.toeplitz(first_col, first_row))
    np.testing.assert_allclose(x @ T.T, sol.conv1d_valid(x, w, 0.0), rtol=1e-12, atol=1e-13)
    # constant along diagonals: K distinct parameters tie (L − K + 1)·L entries
    for k in range(-(L - K), L):
        assert len(set(np.diagonal(T, offset=k))) == 1


def test_parameter_count_quiz_numbers(sol):
    T = sol.conv1d_as_dense(np.arange(1.0, 6.0), 100)
    assert T.shape == (96, 100) and T.size == 9600
    assert len(np.unique(T[T != 0])) == 5


# conv1d_backward -------------------------------------------------------------------------
@pytest.mark.parametrize("N,L,K", CASES)
def test_backward_autograd_dense_and_central_differences(sol, N, L, K):
    rng = np.random.default_rng(10 * N + L + K)
    x, w, b, dout = rng.normal(size=(N, L)), rng.normal(size=K), 0.3, rng.normal(size=(N, L - K + 1))
    dx, dw, db = sol.conv1d_backward(x, w, dout)
    # PyTorch autograd through F.conv1d
    tx, tw = torch.tensor(x, requires_grad=True), torch.tensor(w, requires_grad=True)
    tb = torch.tensor([b], dtype=torch.float64, requires_grad=True)
    y = F.conv1d(tx[:, None, :], tw[None, None, :], tb).squeeze(1)
    (y * torch.tensor(dout)).sum().backward()
    np.testing.assert_allclose(dx, tx.grad.numpy(), rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(dw, tw.grad.numpy(), rtol=1e-12, atol=1e-13)
    assert db == pytest.approx(tb.grad.item(), rel=1e-12)
    # dense view: dx = dout @ T; dw[k] sums the dense gradient doutᵀx along T's k-th diagonal
    T = sol.conv1d_as_dense(w, L)
    np.testing.assert_allclose(dx, dout @ T, rtol=1e-12, atol=1e-13)
    G = dout.T @ x
    np.testing.assert_allclose(dw, [np.trace(G, offset=k) for k in range(K)], rtol=1e-12, atol=1e-13)
    # central differences
    def J(x_=x, w_=w, b_=b):
        return float(np.sum(dout * sol.conv1d_valid(x_, w_, b_)))
    assert rel_error(dx, numerical_gradient(lambda v: J(x_=v), x)) < 1e-6
    assert rel_error(dw, numerical_gradient(lambda v: J(w_=v), w)) < 1e-6
    assert rel_error([db], numerical_gradient(lambda v: J(b_=float(v[0])), np.array([b]))) < 1e-6
