"""8.4 reference against independent implementations: twin generators (seed replay), PyTorch's
init functions (xavier_uniform_, orthogonal_ on the same Gaussian draw, sparse_), classical
Gram-Schmidt, statistical properties at 4σ, central differences and PyTorch autograd."""
import math

import numpy as np
import pytest
import torch

from autograder.testing import numerical_gradient, rel_error


@pytest.fixture(scope="module")
def sol(reference):
    return reference("8.4")


# glorot_uniform ----------------------------------------------------------------------------------
@pytest.mark.parametrize("n_in,n_out", [(300, 200), (5, 3), (1, 1), (2, 9)])
def test_glorot_replays_one_uniform_draw(sol, n_in, n_out):
    rng, twin = np.random.default_rng(n_in + n_out), np.random.default_rng(n_in + n_out)
    W = sol.glorot_uniform(n_in, n_out, rng)
    a = math.sqrt(6 / (n_in + n_out))
    np.testing.assert_array_equal(W, twin.uniform(-a, a, size=(n_in, n_out)))
    assert rng.bit_generator.state == twin.bit_generator.state


def test_glorot_statistics(sol):
    # Var = a²/3 = 2/(m + n); the sample variance of N uniform draws has std σ²·√(0.8/N).
    m, n = 300, 200
    W = sol.glorot_uniform(m, n, np.random.default_rng(0))
    var = 2 / (m + n)
    assert abs(W.var() - var) < 4 * var * math.sqrt(0.8 / W.size)
    assert np.abs(W).max() < math.sqrt(6 / (m + n))
    assert abs(W.mean()) < 4 * math.sqrt(var / W.size)


def test_glorot_matches_torch_xavier_uniform_bound_and_variance(sol):
    # Torch's layout is (out, in) and its RNG differs: compare the bound and the variance only.
    m, n = 300, 200
    torch.manual_seed(0)
    T = torch.nn.init.xavier_uniform_(torch.empty(n, m, dtype=torch.float64), gain=1.0).numpy()
    W = sol.glorot_uniform(m, n, np.random.default_rng(1))
    a = math.sqrt(6 / (m + n))
    assert np.abs(T).max() <= a and np.abs(W).max() <= a
    assert np.abs(T).max() > 0.99 * a and np.abs(W).max() > 0.99 * a  # the same bound, reached by both
    se = 2 * (2 / (m + n)) * math.sqrt(0.8 / W.size)  # std of the difference of two sample variances
    assert abs(T.var() - W.var()) < 4 * se


# orthogonal_init ---------------------------------------------------------------------------------
def qr_with_positive_diagonal(A):
    Q, R = np.linalg.qr(A)
    return Q * np.sign(np.diag(R))


def classical_gram_schmidt(A):
    Q = np.zeros_like(A)
    for j in range(A.shape[1]):
        q = A[:, j] - Q[:, :j] @ (Q[:, :j].T @ A[:, j])
        Q[:, j] = q / np.linalg.norm(q)
    return Q


@pytest.mark.parametrize("shape,gain", [((6, 4), 1.0), ((3, 5), 1.0), ((4, 4), 2.0), ((7, 1), 0.5), ((1, 6), 1.0),
                                        ((50, 30), math.sqrt(2))])
def test_orthogonal_matches_qr_and_gram_schmidt(sol, shape, gain):
    A = np.random.default_rng(sum(shape)).normal(size=shape)
    Q = sol.orthogonal_init(A, gain)
    tall = shape[0] >= shape[1]
    want = qr_with_positive_diagonal(A if tall else A.T)
    want = want if tall else want.T
    np.testing.assert_allclose(Q, gain * want, rtol=1e-12, atol=1e-13)
    gs = classical_gram_schmidt(A if tall else A.T)
    np.testing.assert_allclose(Q, gain * (gs if tall else gs.T), rtol=1e-9, atol=1e-11)
    small = Q.T @ Q if tall else Q @ Q.T
    np.testing.assert_allclose(small, gain ** 2 * np.eye(min(shape)), atol=1e-12)


@pytest.mark.parametrize("shape,gain", [((6, 4), 1.0), ((3, 5), 1.5), ((8, 8), 1.0)])
def test_orthogonal_matches_torch_on_the_same_gaussian(sol, shape, gain):
    # torch.nn.init.orthogonal_ draws its Gaussian with normal_ on a (rows, cols) tensor: replay that
    # draw with the same seed, and the sign-fixed QR (q *= d.sign()) must give the same matrix.
    torch.manual_seed(7)
    T = torch.nn.init.orthogonal_(torch.empty(*shape, dtype=torch.float64), gain=gain).numpy()
    torch.manual_seed(7)
    A = torch.empty(*shape, dtype=torch.float64).normal_(0, 1).numpy()
    np.testing.assert_allclose(sol.orthogonal_init(A, gain), T, rtol=1e-10, atol=1e-12)


def test_orthogonal_is_haar_distributed(sol):
    # With diag(R) > 0 the Q of a Gaussian matrix is uniform on O(n): E[Q_ij] = 0, E[Q_ij²] = 1/n,
    # and E[trace Q] = 0 (the unfixed Householder Q is biased: its diagonal tends to be negative).
    n, reps = 4, 4000
    rng = np.random.default_rng(3)
    Qs = np.array([sol.orthogonal_init(rng.normal(size=(n, n))) for _ in range(reps)])
    se = math.sqrt((1 / n) / reps)
    assert np.all(np.abs(Qs.mean(axis=0)) < 4 * se)
    np.testing.assert_allclose((Qs ** 2).mean(axis=0), 1 / n, atol=4 * math.sqrt(2 / (n * (n + 2)) / reps) + 1e-3)
    traces = np.trace(Qs, axis1=1, axis2=2)
    assert abs(traces.mean()) < 4 * traces.std() / math.sqrt(reps)
    raw = np.array([np.trace(np.linalg.qr(rng.normal(size=(n, n)))[0]) for _ in range(reps)])
    assert raw.mean() < -0.5  # without the sign fix, LAPACK's Householder Q is not uniform


def test_orthogonal_does_not_modify_its_input(sol):
    A = np.random.default_rng(4).normal(size=(5, 3))
    before = A.copy()
    sol.orthogonal_init(A, 2.0)
    np.testing.assert_array_equal(A, before)


# sparse_init -------------------------------------------------------------------------------------
@pytest.mark.parametrize("n_in,n_out,k,scale", [(8, 5, 3, 1.0), (4, 6, 4, 0.3), (100, 10, 15, 1.0), (3, 1, 1, 2.0)])
def test_sparse_init_replays_the_seed(sol, n_in, n_out, k, scale):
    rng, twin = np.random.default_rng(n_in * k), np.random.default_rng(n_in * k)
    W = sol.sparse_init(n_in, n_out, k, rng, scale)
    want = np.zeros((n_in, n_out))
    for j in range(n_out):
        rows = twin.choice(n_in, k, replace=False)
        want[rows, j] = twin.normal(0, scale, k)
    np.testing.assert_array_equal(W, want)
    assert rng.bit_generator.state == twin.bit_generator.state
    assert np.all((W != 0).sum(axis=0) == k)


def test_sparse_init_magnitudes_do_not_shrink_with_n_in(sol):
    # Martens: k inputs per unit whatever the fan-in; the non-zero weights keep their scale.
    k, n_out, scale = 10, 400, 0.7
    for n_in in (10, 100, 2000):
        W = sol.sparse_init(n_in, n_out, k, np.random.default_rng(n_in), scale)
        nz = W[W != 0]
        assert nz.size == k * n_out
        assert abs(nz.std() - scale) < 4 * scale / math.sqrt(2 * nz.size)


def test_sparse_init_matches_torch_sparse_counts(sol):
    # torch.nn.init.sparse_ zeroes ceil(sparsity·rows) entries per column of the tensor it is given:
    # on an (n_in, n_out) tensor with sparsity = 1 − k/n_in that leaves k inputs per unit.
    for n_in, n_out, k in [(20, 7, 3), (50, 4, 10), (9, 5, 9)]:
        torch.manual_seed(0)
        T = torch.nn.init.sparse_(torch.empty(n_in, n_out, dtype=torch.float64), sparsity=1 - k / n_in, std=1.0).numpy()
        W = sol.sparse_init(n_in, n_out, k, np.random.default_rng(0))
        np.testing.assert_array_equal((T != 0).sum(axis=0), (W != 0).sum(axis=0))
        # On nn.Linear's (out, in) layout the same call counts per input instead: the transposed semantics.
        if k <= n_out:
            torch.manual_seed(0)
            Tt = torch.nn.init.sparse_(torch.empty(n_out, n_in, dtype=torch.float64), sparsity=1 - k / n_out).numpy()
            assert np.all((Tt != 0).sum(axis=0) == k)  # k units per input, not k inputs per unit


# two_layer_grads ---------------------------------------------------------------------------------
def network(seed, n, d, h, scale=1.0):
    rng = np.random.default_rng(seed)
    return (rng.normal(size=(n, d)), rng.normal(size=n), rng.normal(size=(d, h)) * scale, rng.normal(size=h) * scale,
            rng.normal(size=h), float(rng.normal()))


def loss(X, y, W1, b1, w2, b2):
    return float(np.mean((np.tanh(X @ W1 + b1) @ w2 + b2 - y) ** 2) / 2)


@pytest.mark.parametrize("n,d,h", [(7, 3, 4), (1, 2, 1), (12, 5, 6)])
def test_two_layer_grads_central_differences(sol, n, d, h):
    X, y, W1, b1, w2, b2 = network(n + d + h, n, d, h)
    g = sol.two_layer_grads(X, y, W1, b1, w2, b2)
    assert rel_error(g["W1"], numerical_gradient(lambda W: loss(X, y, W, b1, w2, b2), W1)) < 1e-6
    assert rel_error(g["b1"], numerical_gradient(lambda b: loss(X, y, W1, b, w2, b2), b1)) < 1e-6
    assert rel_error(g["w2"], numerical_gradient(lambda w: loss(X, y, W1, b1, w, b2), w2)) < 1e-6
    assert rel_error(g["b2"], numerical_gradient(lambda b: loss(X, y, W1, b1, w2, float(b[0])), np.array([b2]))) < 1e-6
    assert isinstance(g["b2"], float)


def test_two_layer_grads_match_torch_autograd(sol):
    X, y, W1, b1, w2, b2 = network(5, 9, 4, 5, scale=2.0)
    params = [torch.tensor(np.asarray(p, dtype=float), dtype=torch.float64, requires_grad=True)
              for p in (W1, b1, w2, [b2])]
    tW1, tb1, tw2, tb2 = params
    yhat = torch.tanh(torch.tensor(X) @ tW1 + tb1) @ tw2 + tb2[0]
    (0.5 * torch.mean((yhat - torch.tensor(y)) ** 2)).backward()
    g = sol.two_layer_grads(X, y, W1, b1, w2, b2)
    for key, p in zip(("W1", "b1", "w2"), params):
        np.testing.assert_allclose(g[key], p.grad.numpy(), rtol=1e-12, atol=1e-15)
    assert g["b2"] == pytest.approx(tb2.grad.item(), rel=1e-12)


def test_symmetric_units_stay_identical_for_100_steps(sol):
    X, y, W1, b1, w2, b2 = network(6, 16, 3, 4)
    W1[:, 1], b1[1], w2[1] = W1[:, 0], b1[0], w2[0]
    for _ in range(100):
        g = sol.two_layer_grads(X, y, W1, b1, w2, b2)
        W1, b1, w2, b2 = W1 - 0.1 * g["W1"], b1 - 0.1 * g["b1"], w2 - 0.1 * g["w2"], b2 - 0.1 * g["b2"]
    np.testing.assert_array_equal(W1[:, 1], W1[:, 0])
    assert b1[1] == b1[0] and w2[1] == w2[0]
    assert not np.allclose(W1[:, 2], W1[:, 0])  # the other units did move apart


def test_zero_init_has_no_hidden_gradient(sol):
    X, y, _, _, _, _ = network(7, 6, 3, 5)
    g = sol.two_layer_grads(X, y, np.zeros((3, 5)), np.zeros(5), np.zeros(5), 0.0)
    for key in ("W1", "b1", "w2"):
        np.testing.assert_array_equal(g[key], 0.0)
    assert g["b2"] == pytest.approx(-y.mean(), rel=1e-14)
