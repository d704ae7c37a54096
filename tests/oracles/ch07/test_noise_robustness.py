"""7.5 reference against independent implementations: PyTorch (autograd, torch.func,
cross_entropy with label_smoothing), SciPy, central differences and Monte-Carlo identities."""
import numpy as np
import pytest
import scipy.special
import torch
import torch.nn.functional as F

from autograder.testing import numerical_gradient, rel_error


@pytest.fixture(scope="module")
def sol(reference):
    return reference("7.5")


def net(seed, n, h, m, scale=1.0):
    rng = np.random.default_rng(seed)
    return rng.normal(scale=scale, size=n * h + 2 * h + 1), rng.normal(size=(m, n)), rng.normal(size=m)


def torch_predict(theta, X, n, h):
    """ŷ = tanh(X W + c) v + d in PyTorch, from the same flat layout."""
    W = theta[:n * h].reshape(n, h)
    c, v, d = theta[n * h:n * h + h], theta[n * h + h:n * h + 2 * h], theta[-1]
    return torch.tanh(X @ W + c) @ v + d


def t64(a):
    return torch.tensor(np.asarray(a), dtype=torch.float64)


# tanh_net_predict ------------------------------------------------------------------------------
@pytest.mark.parametrize("n,h,m", [(3, 4, 5), (1, 1, 1), (5, 2, 7)])
def test_predict_matches_torch_linear_layers(sol, n, h, m):
    theta, X, _ = net(n * 10 + h, n, h, m)
    layer1, layer2 = torch.nn.Linear(n, h).double(), torch.nn.Linear(h, 1).double()
    with torch.no_grad():  # nn.Linear stores the weight as (out, in): Wᵀ
        layer1.weight.copy_(t64(theta[:n * h].reshape(n, h).T))
        layer1.bias.copy_(t64(theta[n * h:n * h + h]))
        layer2.weight.copy_(t64(theta[n * h + h:n * h + 2 * h][None, :]))
        layer2.bias.copy_(t64(theta[-1:]))
        want = layer2(torch.tanh(layer1(t64(X))))[:, 0].numpy()
    np.testing.assert_allclose(sol.tanh_net_predict(theta, X, h), want, rtol=1e-12, atol=1e-13)


# tanh_net_param_jacobian -----------------------------------------------------------------------
@pytest.mark.parametrize("n,h,m,scale", [(3, 2, 4, 1.0), (2, 5, 3, 1.0), (1, 1, 1, 1.0), (3, 4, 5, 3.0)])
def test_jacobian_matches_central_differences(sol, n, h, m, scale):
    theta, X, _ = net(100 + n * 10 + h, n, h, m, scale)
    Jac = sol.tanh_net_param_jacobian(theta, X, h)
    for i in range(m):
        num = numerical_gradient(lambda th: sol.tanh_net_predict(th, X[i:i + 1], h)[0], theta, h=1e-5)
        if scale == 1.0:
            assert rel_error(Jac[i], num) < 1e-6
        else:  # saturated units: entries near 1e-9 are below the round-off of the differences
            np.testing.assert_allclose(Jac[i], num, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("n,h,m", [(3, 2, 4), (2, 5, 3), (4, 3, 6)])
def test_jacobian_matches_torch_func_and_autograd(sol, n, h, m):
    theta, X, _ = net(200 + n * 10 + h, n, h, m)
    Jac = sol.tanh_net_param_jacobian(theta, X, h)
    per_example = torch.func.vmap(torch.func.grad(lambda th, x: torch_predict(th, x[None, :], n, h)[0]),
                                  in_dims=(None, 0))(t64(theta), t64(X))
    np.testing.assert_allclose(Jac, per_example.numpy(), rtol=1e-12, atol=1e-14)
    full = torch.autograd.functional.jacobian(lambda th: torch_predict(th, t64(X), n, h), t64(theta))
    np.testing.assert_allclose(Jac, full.numpy(), rtol=1e-12, atol=1e-14)


# weight_noise_objective ------------------------------------------------------------------------
def test_weight_noise_matches_explicit_double_loop(sol):
    n, h, m, S = 3, 2, 5, 4
    theta, X, y = net(300, n, h, m)
    eps = np.random.default_rng(301).normal(scale=0.3, size=(S, theta.size))
    total = 0.0
    for s in range(S):
        preds = torch_predict(t64(theta + eps[s]), t64(X), n, h).numpy()
        for i in range(m):
            total += (preds[i] - y[i]) ** 2
    assert sol.weight_noise_objective(theta, X, y, eps, h) == pytest.approx(total / (S * m), rel=1e-12)
    zero = sol.weight_noise_objective(theta, X, y, np.zeros((2, theta.size)), h)
    assert zero == pytest.approx(np.mean((sol.tanh_net_predict(theta, X, h) - y) ** 2), rel=1e-13)  # eq 7.30


def test_weight_noise_at_a_minimum_is_eta_times_gradient_norm(sol):
    # The book's small-η claim: J̃_W ≈ J + η·E‖∇ŷ‖²; at a minimum with zero residuals J = 0.
    n, h, m, eta, S = 2, 3, 8, 1e-4, 20_000
    theta, X, _ = net(310, n, h, m)
    y = sol.tanh_net_predict(theta, X, h)
    eps = np.random.default_rng(311).normal(scale=np.sqrt(eta), size=(S, theta.size))
    penalty = eta * np.mean(np.sum(sol.tanh_net_param_jacobian(theta, X, h) ** 2, axis=1))
    assert sol.weight_noise_objective(theta, X, y, eps, h) == pytest.approx(penalty, rel=0.05)


def test_noise_on_the_linear_output_layer_adds_eta_feature_norm(sol):
    # With noise on (v, d) only, ŷ is linear in the noisy weights with features [tanh(a), 1], so
    # J̃ = J + η·mean_i(‖tanh(a_i)‖² + 1) exactly in expectation (the linear model of section 7.5).
    n, h, m, eta, S = 3, 4, 6, 0.05, 4000
    theta, X, y = net(320, n, h, m)
    eps = np.zeros((S, theta.size))
    eps[:, n * h + h:] = np.random.default_rng(321).normal(scale=np.sqrt(eta), size=(S, h + 1))
    per_sample = np.array([sol.weight_noise_objective(theta, X, y, eps[s:s + 1], h) for s in range(S)])
    J_tilde = sol.weight_noise_objective(theta, X, y, eps, h)
    assert J_tilde == pytest.approx(per_sample.mean(), rel=1e-12)
    W, c = theta[:n * h].reshape(n, h), theta[n * h:n * h + h]
    J = np.mean((sol.tanh_net_predict(theta, X, h) - y) ** 2)
    want = J + eta * np.mean(np.sum(np.tanh(X @ W + c) ** 2, axis=1) + 1.0)
    assert abs(J_tilde - want) < 4 * per_sample.std() / np.sqrt(S)


# smoothed_cross_entropy ------------------------------------------------------------------------
@pytest.mark.parametrize("m,k,eps", [(6, 4, 0.1), (5, 2, 0.3), (1, 5, 0.05), (8, 10, 0.2), (4, 3, 0.0)])
def test_smoothed_ce_matches_torch_label_smoothing(sol, m, k, eps):
    rng = np.random.default_rng(400 + m * k)
    Z, y = rng.normal(scale=2.0, size=(m, k)), rng.integers(0, k, size=m)
    J, dZ = sol.smoothed_cross_entropy(Z, y, eps)
    Zt = t64(Z).requires_grad_(True)
    Jt = F.cross_entropy(Zt, torch.tensor(y), label_smoothing=eps * k / (k - 1))
    Jt.backward()
    assert J == pytest.approx(Jt.item(), rel=1e-12)
    np.testing.assert_allclose(dZ, Zt.grad.numpy(), rtol=1e-10, atol=1e-15)


def test_smoothed_ce_matches_scipy_log_softmax_and_plain_ce(sol):
    rng = np.random.default_rng(410)
    m, k, eps = 7, 5, 0.15
    Z, y = rng.normal(size=(m, k)), rng.integers(0, k, size=m)
    t = np.full((m, k), eps / (k - 1))
    t[np.arange(m), y] = 1 - eps
    np.testing.assert_allclose(t.sum(axis=1), 1.0)
    J, dZ = sol.smoothed_cross_entropy(Z, y, eps)
    assert J == pytest.approx(-(t * scipy.special.log_softmax(Z, axis=1)).sum() / m, rel=1e-12)
    np.testing.assert_allclose(dZ, (scipy.special.softmax(Z, axis=1) - t) / m, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(dZ.sum(axis=1), 0.0, atol=1e-15)  # rows of t sum to 1
    J0, dZ0 = sol.smoothed_cross_entropy(Z, y, 0.0)
    Zt = t64(Z).requires_grad_(True)
    Jt = F.cross_entropy(Zt, torch.tensor(y))
    Jt.backward()
    assert J0 == pytest.approx(Jt.item(), rel=1e-12)
    np.testing.assert_allclose(dZ0, Zt.grad.numpy(), rtol=1e-12, atol=1e-15)


def test_smoothed_ce_gradient_central_differences(sol):
    rng = np.random.default_rng(420)
    Z, y = rng.normal(size=(5, 4)), np.array([0, 3, 1, 1, 2])
    _, dZ = sol.smoothed_cross_entropy(Z, y, 0.2)
    num = numerical_gradient(lambda Zp: sol.smoothed_cross_entropy(Zp, y, 0.2)[0], Z, h=1e-5)
    assert rel_error(dZ, num) < 1e-6


def test_smoothed_ce_huge_logits_match_torch(sol):
    Z = np.array([[1e4, 0.0, -1e4, 5.0], [-1e4, -1e4, -9990.0, -1e4], [5e3, 5e3, 5e3, 5e3], [0.5, -1.0, 2.0, 0.0]])
    y = np.array([2, 0, 1, 3])
    J, dZ = sol.smoothed_cross_entropy(Z, y, 0.1)
    Zt = t64(Z).requires_grad_(True)
    Jt = F.cross_entropy(Zt, torch.tensor(y), label_smoothing=0.1 * 4 / 3)
    Jt.backward()
    assert np.isfinite(J) and J == pytest.approx(Jt.item(), rel=1e-12)
    np.testing.assert_allclose(dZ, Zt.grad.numpy(), rtol=1e-10, atol=1e-15)


def test_smoothed_targets_are_reached_at_a_finite_logit_gap(sol):
    # Two classes, logits [g, 0] with label 0: the loss is minimal at g = log((1 − ε)(k − 1)/ε).
    eps, k = 0.1, 2
    gaps = np.linspace(0.0, 6.0, 6001)
    losses = [sol.smoothed_cross_entropy(np.array([[g, 0.0]]), np.array([0]), eps)[0] for g in gaps]
    assert gaps[int(np.argmin(losses))] == pytest.approx(np.log((1 - eps) * (k - 1) / eps), abs=1e-3)
