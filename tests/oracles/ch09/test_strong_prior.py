"""Oracle tests for 9.4: the reference against np.correlate, scipy.linalg.convolution_matrix and
torch conv1d (the dense matrix), least squares on the basis of convolution matrices (the
projection), and scikit-learn, SciPy and PyTorch least squares with autograd optimality checks
(the permutation experiment)."""
import numpy as np
import pytest
import scipy.linalg
import torch
import torch.nn.functional as F
from sklearn.linear_model import LinearRegression

SHAPES = [(3, 8), (1, 5), (5, 5), (4, 11), (2, 3), (7, 20)]


def smooth_signals(N, n, rng, noise=0.3):
    z = rng.normal(size=(N, n + 6))
    blur = np.exp(-0.5 * (np.arange(-3, 4) / 1.5) ** 2)
    return np.array([np.convolve(row, blur, "valid") for row in z]) + noise * rng.normal(size=(N, n))


@pytest.mark.parametrize("k,n_in", SHAPES)
def test_conv_as_dense_matches_correlate_scipy_and_torch(reference, k, n_in):
    sol = reference("9.4")
    rng = np.random.default_rng(k * 100 + n_in)
    w = rng.normal(size=k)
    W = sol.conv_as_dense(w, n_in)
    assert W.shape == (n_in - k + 1, n_in)
    # scipy builds the matrix of TRUE convolution: flip the kernel to get cross-correlation
    np.testing.assert_allclose(W, scipy.linalg.convolution_matrix(w[::-1], n_in, mode="valid"), rtol=0, atol=0)
    X = rng.normal(size=(4, n_in))
    for x in X:
        np.testing.assert_allclose(W @ x, np.correlate(x, w, "valid"), rtol=1e-12, atol=1e-13)
    t = F.conv1d(torch.tensor(X)[:, None, :], torch.tensor(w)[None, None, :])[:, 0, :].numpy()
    np.testing.assert_allclose(X @ W.T, t, rtol=1e-12, atol=1e-13)
    # sparsity and sharing: k nonzeros per row (w has no zeros), every row a shift of the first
    assert np.count_nonzero(W) == (n_in - k + 1) * k
    for i in range(1, n_in - k + 1):
        np.testing.assert_array_equal(W[i, i:], W[0, : n_in - i])


def basis(k, n_in, sol):
    """The linear map w -> vec(conv_as_dense(w)), as an (m·n_in, k) matrix."""
    return np.stack([sol.conv_as_dense(np.eye(k)[j], n_in).ravel() for j in range(k)], axis=1)


@pytest.mark.parametrize("k,n_in", SHAPES)
def test_project_onto_conv_is_least_squares(reference, k, n_in):
    sol = reference("9.4")
    rng = np.random.default_rng(7 * k + n_in)
    W = rng.normal(size=(n_in - k + 1, n_in))
    w = sol.project_onto_conv(W, k)
    want = np.linalg.lstsq(basis(k, n_in, sol), W.ravel(), rcond=None)[0]
    np.testing.assert_allclose(w, want, rtol=1e-10, atol=1e-12)
    # idempotence: the projection of a convolution matrix is its kernel
    np.testing.assert_allclose(sol.project_onto_conv(sol.conv_as_dense(w, n_in), k), w, rtol=1e-12, atol=1e-14)
    # the residual is orthogonal to every convolution matrix (a projection)
    R = W - sol.conv_as_dense(w, n_in)
    for j in range(k):
        assert abs(np.sum(R * sol.conv_as_dense(np.eye(k)[j], n_in))) < 1e-10


def conv_mse_torch(X, Y, k):
    """Least squares for a shared kernel on torch's unfolded windows; checks the gradient is 0."""
    windows = torch.tensor(X).unfold(1, k, 1)  # (N, m, k)
    A, y = windows.reshape(-1, k), torch.tensor(Y).reshape(-1, 1)
    w = torch.linalg.lstsq(A, y, driver="gelsd").solution[:, 0].clone().requires_grad_(True)
    pred = F.conv1d(torch.tensor(X)[:, None, :], w[None, None, :])[:, 0, :]
    mse = ((pred - torch.tensor(Y)) ** 2).mean()
    mse.backward()
    assert float(w.grad.abs().max()) < 1e-9, "the least-squares kernel is a stationary point of the MSE"
    return float(mse.detach())


def fc_mse_sklearn(X, Y):
    model = LinearRegression(fit_intercept=False).fit(X, Y)
    return float(np.mean((model.predict(X) - Y) ** 2))


@pytest.mark.parametrize("N,n_in,k", [(40, 10, 3), (30, 12, 5), (25, 6, 1), (60, 16, 4)])
def test_permutation_experiment_matches_sklearn_and_torch(reference, N, n_in, k):
    sol = reference("9.4")
    rng = np.random.default_rng(N * n_in + k)
    X = smooth_signals(N, n_in, rng)
    Y = X[:, : n_in - k + 1] * 0.8 - X[:, k - 1:] * 0.5 + 0.2 * rng.normal(size=(N, n_in - k + 1))
    perm = rng.permutation(n_in)
    res = sol.permutation_experiment(X, Y, perm, k)
    assert set(res) == {"fc", "fc_perm", "conv", "conv_perm"}
    assert all(isinstance(v, float) for v in res.values())
    Xp = X[:, perm]
    np.testing.assert_allclose(res["fc"], fc_mse_sklearn(X, Y), rtol=1e-8)
    np.testing.assert_allclose(res["fc_perm"], fc_mse_sklearn(Xp, Y), rtol=1e-8)
    B = scipy.linalg.lstsq(X, Y)[0]
    np.testing.assert_allclose(res["fc"], np.mean((X @ B - Y) ** 2), rtol=1e-10)
    np.testing.assert_allclose(res["conv"], conv_mse_torch(X, Y, k), rtol=1e-10)
    np.testing.assert_allclose(res["conv_perm"], conv_mse_torch(Xp, Y, k), rtol=1e-10)
    assert abs(res["fc"] - res["fc_perm"]) < 1e-10
    assert res["fc"] <= res["conv"] + 1e-12


def test_conv_fit_through_the_dense_basis(reference):
    # The convolutional fit is least squares over the span of the k basis matrices T(e_j): the
    # prediction X @ T(w).T is linear in w.
    sol = reference("9.4")
    rng = np.random.default_rng(3)
    N, n_in, k = 30, 9, 3
    X, Y = smooth_signals(N, n_in, rng), rng.normal(size=(N, n_in - k + 1))
    design = np.stack([(X @ sol.conv_as_dense(np.eye(k)[j], n_in).T).ravel() for j in range(k)], axis=1)
    w = np.linalg.lstsq(design, Y.ravel(), rcond=None)[0]
    want = np.mean((X @ sol.conv_as_dense(w, n_in).T - Y) ** 2)
    np.testing.assert_allclose(sol.permutation_experiment(X, Y, np.arange(n_in), k)["conv"], want, rtol=1e-10)


def test_fc_is_invariant_to_every_permutation_and_conv_is_not(reference):
    sol = reference("9.4")
    rng = np.random.default_rng(4)
    X = smooth_signals(80, 14, rng, noise=0.05)
    kernel = np.array([0.5, 1.0, -1.5])
    Y = np.array([np.correlate(row, kernel, "valid") for row in X]) + 0.05 * rng.normal(size=(80, 12))
    for _ in range(10):
        res = sol.permutation_experiment(X, Y, rng.permutation(14), 3)
        assert abs(res["fc"] - res["fc_perm"]) < 1e-10
        assert res["conv_perm"] > 10 * res["conv"]
    same = sol.permutation_experiment(X, Y, np.arange(14), 3)
    assert same["conv"] == same["conv_perm"]


def test_underdetermined_fc_interpolates(reference):
    sol = reference("9.4")
    rng = np.random.default_rng(5)
    X, Y = smooth_signals(6, 10, rng), rng.normal(size=(6, 8))
    res = sol.permutation_experiment(X, Y, rng.permutation(10), 3)
    assert res["fc"] < 1e-20 and res["fc_perm"] < 1e-20
    assert res["conv"] > 0.1


def test_quiz_counts(reference):
    sol = reference("9.4")
    W = sol.conv_as_dense(np.arange(1.0, 6.0), 100)
    assert W.size == 9600 and W.size - np.count_nonzero(W) == 9120


def test_functions_are_pure(reference):
    sol = reference("9.4")
    rng = np.random.default_rng(6)
    w, W = rng.normal(size=3), rng.normal(size=(5, 7))
    X, Y, perm = rng.normal(size=(12, 7)), rng.normal(size=(12, 5)), rng.permutation(7)
    copies = [a.copy() for a in (w, W, X, Y, perm)]
    sol.conv_as_dense(w, 7)
    sol.project_onto_conv(W, 3)
    sol.permutation_experiment(X, Y, perm, 3)
    for a, b in zip((w, W, X, Y, perm), copies):
        np.testing.assert_array_equal(a, b)
