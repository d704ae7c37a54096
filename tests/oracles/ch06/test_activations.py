"""Oracle tests for 6.3: the reference against PyTorch (float64, autograd), the book's identities,
central differences, and reshape/max-pool formulations of maxout."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from autograder.testing import rel_error

KINKS = np.array([-1.0, 0.0, 1.0])


def sample(shape, seed, kinks=True):
    z = np.random.default_rng(seed).normal(scale=2.5, size=shape)
    if kinks:
        z.flat[: 3 * (z.size // 6)] = np.resize(KINKS, 3 * (z.size // 6))  # exact kinks in front
    return z


def torch_value_and_grad(fn, z):
    """fn(t) elementwise on a float64 tensor; returns (value, d sum(value)/dz) via autograd."""
    t = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    out = fn(t)
    out.sum().backward()
    return out.detach().numpy(), t.grad.numpy()


def prelu_last_axis(t, alpha):
    # F.prelu puts one slope per channel on dim 1; the contract puts it on the last axis.
    w = torch.tensor(np.atleast_1d(alpha), dtype=torch.float64)
    if t.dim() < 2 or w.numel() == 1:
        return F.prelu(t, w)
    return F.prelu(t.movedim(-1, 1), w).movedim(1, -1)


TORCH = [
    pytest.param("relu", 0.01, F.relu, id="relu"),
    pytest.param("leaky", 0.01, lambda t: F.leaky_relu(t, negative_slope=0.01), id="leaky-default"),
    pytest.param("leaky", 0.2, lambda t: F.leaky_relu(t, negative_slope=0.2), id="leaky-0.2"),
    pytest.param("prelu", 0.25, lambda t: prelu_last_axis(t, 0.25), id="prelu-scalar"),
    pytest.param("abs", 0.01, torch.abs, id="abs"),
    pytest.param("softplus", 0.01, F.softplus, id="softplus"),
    pytest.param("sigmoid", 0.01, torch.sigmoid, id="sigmoid"),
    pytest.param("tanh", 0.01, torch.tanh, id="tanh"),
    pytest.param("hard_tanh", 0.01, F.hardtanh, id="hard_tanh"),
]


@pytest.mark.parametrize("shape", [(12,), (4, 6), (2, 3, 6)], ids=["1d", "2d", "3d"])
@pytest.mark.parametrize("kind,alpha,fn", TORCH)
def test_activation_matches_torch_autograd(reference, kind, alpha, fn, shape):
    sol = reference("6.3")
    z = sample(shape, seed=len(shape))
    value, grad = torch_value_and_grad(fn, z)
    np.testing.assert_allclose(sol.activation_forward(z, kind, alpha), value, rtol=1e-7, atol=1e-10)
    # kinks included: relu'(0) = 0, leaky'(0) = α, sign for abs, hardtanh' = 0 at ±1, as autograd
    np.testing.assert_allclose(sol.activation_grad(z, kind, alpha), grad, rtol=1e-7, atol=1e-10)


@pytest.mark.parametrize("shape", [(5, 4), (2, 3, 4)], ids=["2d", "3d"])
def test_prelu_per_unit_matches_torch(reference, shape):
    sol = reference("6.3")
    z = sample(shape, seed=7)
    alpha = np.array([0.1, -0.3, 0.0, 0.45])
    value, grad = torch_value_and_grad(lambda t: prelu_last_axis(t, alpha), z)
    np.testing.assert_allclose(sol.activation_forward(z, "prelu", alpha), value, rtol=1e-7, atol=1e-10)
    np.testing.assert_allclose(sol.activation_grad(z, "prelu", alpha), grad, rtol=1e-7, atol=1e-10)


def test_abs_gradient_is_np_sign(reference):
    sol = reference("6.3")
    z = sample((30,), seed=3)
    np.testing.assert_array_equal(sol.activation_grad(z, "abs"), np.sign(z))


@pytest.mark.parametrize("kind", ["relu", "abs", "leaky", "prelu", "softplus", "sigmoid", "tanh", "hard_tanh"])
def test_gradient_matches_central_differences(reference, kind):
    sol = reference("6.3")
    rng = np.random.default_rng(11)
    size = rng.uniform(0.05, 4.0, size=(3, 5))
    size = np.where(np.abs(size - 1) < 0.05, size + 0.1, size)  # away from the kinks at 0 and ±1
    z = size * rng.choice([-1.0, 1.0], size=size.shape)
    alpha = np.linspace(0.05, 0.4, 5)
    h = 1e-6
    num = (sol.activation_forward(z + h, kind, alpha) - sol.activation_forward(z - h, kind, alpha)) / (2 * h)
    assert rel_error(sol.activation_grad(z, kind, alpha), num) < 1e-6


def test_stability_values(reference):
    sol = reference("6.3")
    assert sol.activation_forward(np.array(1000.0), "softplus") == 1000.0
    assert abs(sol.activation_forward(np.array(-40.0), "softplus") - 4.248354255291589e-18) < 1e-10 * 4.25e-18
    assert abs(sol.activation_forward(np.array(-40.0), "softplus") - np.log1p(np.exp(-40.0))) <= 1e-10 * 4.25e-18
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        big = np.array([-1000.0, -745.0, 710.0, 1000.0])
        for kind in ("softplus", "sigmoid", "tanh"):
            value, grad = torch_value_and_grad(
                {"softplus": F.softplus, "sigmoid": torch.sigmoid, "tanh": torch.tanh}[kind],
                big)
            np.testing.assert_allclose(sol.activation_forward(big, kind), value, rtol=1e-12, atol=1e-300)
            np.testing.assert_allclose(sol.activation_grad(big, kind), grad, rtol=1e-12, atol=1e-300)


def test_sigmoid_tails_match_scipy(reference):
    from scipy.special import expit, log_expit

    sol = reference("6.3")
    z = np.array([-700.0, -100.0, -40.0, -5.0, 0.0, 5.0, 40.0, 100.0, 700.0])
    np.testing.assert_allclose(sol.activation_forward(z, "sigmoid"), expit(z), rtol=1e-14, atol=0)
    # ζ(z) = −log σ(−z)
    np.testing.assert_allclose(sol.activation_forward(z, "softplus"), -log_expit(-z), rtol=1e-14, atol=0)


def test_book_identities(reference):
    sol = reference("6.3")
    z = np.linspace(-30, 30, 601)
    sig = sol.activation_forward(z, "sigmoid")
    np.testing.assert_allclose(sol.activation_forward(z, "tanh"), 2 * sol.activation_forward(2 * z, "sigmoid") - 1,
                               atol=1e-14)
    np.testing.assert_allclose(sol.activation_forward(z, "softplus") - sol.activation_forward(-z, "softplus"), z,
                               atol=1e-12)
    np.testing.assert_allclose(sol.activation_grad(z, "sigmoid"), sig * (1 - sig), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(sol.activation_grad(z, "softplus"), sig, rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(sol.activation_grad(z, "tanh"), 1 - np.tanh(z) ** 2, atol=1e-15)
    # generalized rectifier g(z, α) = max(0, z) + α min(0, z) with α = 0, −1
    np.testing.assert_allclose(sol.activation_forward(z, "relu"), np.maximum(z, 0))
    np.testing.assert_allclose(sol.activation_forward(z, "abs"), np.abs(z))
    assert sol.activation_forward(np.array(0.0), "softplus") == pytest.approx(np.log(2.0), rel=1e-15)


def test_unknown_kind_raises(reference):
    sol = reference("6.3")
    for fn in (sol.activation_forward, sol.activation_grad):
        with pytest.raises(ValueError):
            fn(np.zeros(2), "swish")


@pytest.mark.parametrize("m,n,k", [(5, 4, 3), (3, 2, 5), (4, 6, 1), (2, 3, 2)])
def test_maxout_forward_matches_reshape_and_max_pool1d(reference, m, n, k):
    sol = reference("6.3")
    rng = np.random.default_rng(m + n + k)
    Z = rng.normal(size=(m, n * k))
    out, argmax = sol.maxout_forward(Z, k)
    np.testing.assert_array_equal(out, Z.reshape(m, n, k).max(-1))
    np.testing.assert_array_equal(argmax, Z.reshape(m, n, k).argmax(-1))
    pooled, idx = F.max_pool1d(torch.tensor(Z)[:, None, :], k, return_indices=True)
    np.testing.assert_array_equal(out, pooled.squeeze(1).numpy())
    np.testing.assert_array_equal(argmax, idx.squeeze(1).numpy() - k * np.arange(n))


def test_maxout_ties_lowest_index_like_max_pool1d(reference):
    sol = reference("6.3")
    Z = np.random.default_rng(0).integers(-1, 2, size=(8, 12)).astype(float)
    out, argmax = sol.maxout_forward(Z, 4)
    _, idx = F.max_pool1d(torch.tensor(Z)[:, None, :], 4, return_indices=True)
    np.testing.assert_array_equal(argmax, idx.squeeze(1).numpy() - 4 * np.arange(3))
    np.testing.assert_array_equal(argmax, [[int(np.flatnonzero(g == g.max())[0]) for g in row]
                                           for row in Z.reshape(8, 3, 4)])


def test_maxout_relu_and_abs_pieces(reference):
    sol = reference("6.3")
    z = np.linspace(-3, 3, 13).reshape(1, 13)
    relu, am = sol.maxout_forward(np.stack([z, np.zeros_like(z)], -1).reshape(1, 26), 2)
    np.testing.assert_array_equal(relu, np.maximum(z, 0))
    assert am[0, 6] == 0  # z = 0 ties: the first piece wins
    absz, _ = sol.maxout_forward(np.stack([z, -z], -1).reshape(1, 26), 2)
    np.testing.assert_array_equal(absz, np.abs(z))


@pytest.mark.parametrize("m,n,k", [(4, 3, 3), (2, 5, 2), (3, 2, 4)])
def test_maxout_backward_matches_autograd_and_central_differences(reference, m, n, k):
    sol = reference("6.3")
    rng = np.random.default_rng(100 + k)
    Z = rng.normal(size=(m, n * k))  # continuous: no ties
    dout = rng.normal(size=(m, n))
    _, argmax = sol.maxout_forward(Z, k)
    dZ = sol.maxout_backward(dout, argmax, k)
    t = torch.tensor(Z, requires_grad=True)
    (F.max_pool1d(t[:, None, :], k).squeeze(1) * torch.tensor(dout)).sum().backward()
    np.testing.assert_allclose(dZ, t.grad.numpy(), rtol=0, atol=0)
    h, num = 1e-6, np.zeros_like(Z)
    for idx in np.ndindex(Z.shape):
        e = np.zeros_like(Z)
        e[idx] = h
        num[idx] = np.sum((sol.maxout_forward(Z + e, k)[0] - sol.maxout_forward(Z - e, k)[0]) * dout) / (2 * h)
    assert rel_error(dZ, num) < 1e-6
    np.testing.assert_allclose(dZ.reshape(m, n, k).sum(-1), dout, rtol=0, atol=0)
