# Generated from solutions/ch07/test_noise_robustness.py by dlbook build. Edit that file instead.
"""Self-check for 7.5 (public tests): run `pytest exercises/ch07/test_noise_robustness.py` or `dlbook check 7.5`.

These check the book's identities and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("7.5")


def pack(W, c, v, d):
    return np.concatenate([W.ravel(), c, v, [d]])


def test_tanh_net_predict_by_hand(mod):
    W = np.array([[1.0, 0.0, -1.0], [0.5, 2.0, 0.0]])  # n = 2 inputs, h = 3 hidden units
    c, v, d = np.array([0.0, -1.0, 0.5]), np.array([1.0, -2.0, 0.5]), 0.25
    X = np.array([[0.0, 0.0], [1.0, -1.0]])
    want = np.tanh(X @ W + c) @ v + d
    np.testing.assert_allclose(mod.tanh_net_predict(pack(W, c, v, d), X, 3), want, rtol=1e-12)


def test_jacobian_of_the_output_bias_and_weights(mod):
    rng = np.random.default_rng(0)
    n, h, m = 3, 2, 4
    theta, X = rng.normal(size=n * h + 2 * h + 1), rng.normal(size=(m, n))
    Jac = mod.tanh_net_param_jacobian(theta, X, h)
    assert Jac.shape == (m, n * h + 2 * h + 1)
    np.testing.assert_allclose(Jac[:, -1], 1.0, err_msg="∂ŷ/∂d = 1")
    W, c = theta[:n * h].reshape(n, h), theta[n * h:n * h + h]
    np.testing.assert_allclose(Jac[:, n * h + h:n * h + 2 * h], np.tanh(X @ W + c), rtol=1e-12, err_msg="∂ŷ/∂v = tanh(a)")


def test_jacobian_matches_central_differences(mod):
    rng = np.random.default_rng(1)
    n, h, m = 2, 3, 5
    theta, X = rng.normal(size=n * h + 2 * h + 1), rng.normal(size=(m, n))
    Jac = mod.tanh_net_param_jacobian(theta, X, h)
    step, num = 1e-6, np.zeros_like(Jac)
    for p in range(theta.size):
        e = np.zeros_like(theta)
        e[p] = step
        num[:, p] = (mod.tanh_net_predict(theta + e, X, h) - mod.tanh_net_predict(theta - e, X, h)) / (2 * step)
    np.testing.assert_allclose(Jac, num, rtol=1e-6, atol=1e-9)


def test_weight_noise_without_noise_is_the_mse(mod):
    rng = np.random.default_rng(2)
    n, h, m = 2, 2, 6
    theta, X, y = rng.normal(size=n * h + 2 * h + 1), rng.normal(size=(m, n)), rng.normal(size=m)
    J = mod.weight_noise_objective(theta, X, y, np.zeros((3, theta.size)), h)
    assert J == pytest.approx(np.mean((mod.tanh_net_predict(theta, X, h) - y) ** 2)), "eq 7.30 when eps = 0"


def test_weight_noise_at_a_minimum_is_the_gradient_penalty(mod):
    # Zero residuals (y := ŷ(x)): J̃ ≈ η·mean_i ‖∇_θ ŷ(x_i)‖² for small η.
    rng = np.random.default_rng(3)
    n, h, m, eta = 2, 3, 8, 1e-4
    theta, X = rng.normal(size=n * h + 2 * h + 1), rng.normal(size=(m, n))
    y = mod.tanh_net_predict(theta, X, h)
    eps = rng.normal(scale=np.sqrt(eta), size=(4000, theta.size))
    penalty = eta * np.mean(np.sum(mod.tanh_net_param_jacobian(theta, X, h) ** 2, axis=1))
    assert mod.weight_noise_objective(theta, X, y, eps, h) == pytest.approx(penalty, rel=0.1)


def test_smoothed_targets_k5(mod):
    # k = 5, ε = 0.1: with equal logits softmax = 1/5, and the targets are 0.9 and 0.025.
    J, dZ = mod.smoothed_cross_entropy(np.zeros((2, 5)), np.array([0, 3]), 0.1)
    assert J == pytest.approx(np.log(5.0)), "targets sum to 1, so J = log k for equal logits"
    np.testing.assert_allclose(dZ[0], (0.2 - np.array([0.9, 0.025, 0.025, 0.025, 0.025])) / 2, atol=1e-15)
    np.testing.assert_allclose(dZ.sum(axis=1), 0.0, atol=1e-15)


def test_smoothed_with_eps_zero_is_plain_cross_entropy(mod):
    rng = np.random.default_rng(4)
    Z, y = rng.normal(size=(4, 3)), np.array([2, 0, 1, 2])
    J, dZ = mod.smoothed_cross_entropy(Z, y, 0.0)
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    assert J == pytest.approx(-np.mean(np.log(P[np.arange(4), y])))
    np.testing.assert_allclose(dZ, (P - np.eye(3)[y]) / 4, atol=1e-15)
