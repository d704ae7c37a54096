"""Self-check for 7.13 (public tests): run `pytest exercises/ch07/test_adversarial.py` or `dlbook check 7.13`.

These check the book's own identities and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("7.13")


def bce(X, y, w, b):
    """Per-example −log σ((2y − 1)(wᵀx + b)), written independently of the module."""
    return np.logaddexp(0.0, (1.0 - 2.0 * y) * (X @ w + b))


def test_logistic_input_grad_matches_central_differences(mod):
    rng = np.random.default_rng(0)
    X, y, w, b = rng.normal(size=(4, 3)), np.array([0, 1, 1, 0]), rng.normal(size=3), 0.3
    G = mod.logistic_input_grad(X, y, w, b)
    assert G.shape == (4, 3)
    h, num = 1e-6, np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        plus, minus = X.copy(), X.copy()
        plus[idx] += h
        minus[idx] -= h
        num[idx] = (bce(plus, y, w, b).sum() - bce(minus, y, w, b).sum()) / (2 * h)  # each row only sees its loss
    np.testing.assert_allclose(G, num, rtol=1e-6, atol=1e-9, err_msg="per-example gradient, not divided by m")


def test_fgsm_small_example(mod):
    X = np.array([[0.2, 0.5, 0.98, 0.0]])
    g = np.array([[1.5, -0.1, 3.0, 0.0]])
    np.testing.assert_allclose(mod.fgsm(X, g, 0.1), [[0.3, 0.4, 1.0, 0.0]], atol=1e-15,
                               err_msg="x + ε sign(g), clipped to [0, 1]; sign(0) = 0")
    np.testing.assert_allclose(mod.fgsm(X, g, 0.1, clip=None), [[0.3, 0.4, 1.08, 0.0]], atol=1e-15,
                               err_msg="clip=None: no clipping")


def test_fgsm_increases_the_loss_within_the_max_norm_ball(mod):
    rng = np.random.default_rng(1)
    X, y, w, b = rng.uniform(0.2, 0.8, size=(6, 5)), rng.integers(0, 2, size=6), rng.normal(size=5), -0.1
    X_adv = mod.fgsm(X, mod.logistic_input_grad(X, y, w, b), 0.05)
    assert np.abs(X_adv - X).max() <= 0.05 + 1e-15, "‖x' − x‖_∞ ≤ ε"
    assert np.all(bce(X_adv, y, w, b) > bce(X, y, w, b)), "every example's loss goes up"


def test_linear_worst_case_excessive_linearity(mod):
    # n = 1000 inputs with |w_i| = 0.1, each moved by ε = 0.01: wᵀx changes by ε‖w‖₁ = 1.0.
    w = 0.1 * np.where(np.arange(1000) % 3 == 0, -1.0, 1.0)
    eta, change = mod.linear_worst_case(w, 0.01)
    assert change == pytest.approx(1.0)
    assert w @ eta == pytest.approx(1.0)
    assert np.abs(eta).max() == pytest.approx(0.01)
    eta, change = mod.linear_worst_case(np.array([2.0, 0.0, -1.0]), 0.5)
    np.testing.assert_allclose(eta, [0.5, 0.0, -0.5], err_msg="η* = ε sign(w), 0 where w = 0")
    assert change == pytest.approx(1.5)


def test_step_without_adversary_is_plain_gradient_descent(mod):
    # mix = 1 (or eps = 0) leaves only the clean mean BCE: w ← w − lr Xᵀ(σ − y)/m, b ← b − lr mean(σ − y).
    rng = np.random.default_rng(2)
    X, y, w, b = rng.normal(size=(8, 3)), rng.integers(0, 2, size=8), rng.normal(size=3), 0.2
    r = 1.0 / (1.0 + np.exp(-(X @ w + b))) - y
    want_w, want_b = w - 0.5 * X.T @ r / 8, b - 0.5 * r.mean()
    for kwargs in ({"eps": 0.3, "lr": 0.5, "mix": 1.0}, {"eps": 0.0, "lr": 0.5, "mix": 0.3}):
        w_new, b_new = mod.adversarial_logistic_step(X, y, w, b, **kwargs)
        np.testing.assert_allclose(w_new, want_w, rtol=1e-12, err_msg=str(kwargs))
        assert b_new == pytest.approx(want_b, rel=1e-12)


def test_first_step_from_zero_weights_has_no_adversary(mod):
    # With w = 0 the input gradient (σ − y)w is 0, sign(0) = 0, so X_adv = X.
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(5, 4)), np.array([1, 0, 1, 1, 0])
    w0 = np.zeros(4)
    adv = mod.adversarial_logistic_step(X, y, w0, 0.0, eps=0.25, lr=1.0, mix=0.0)
    clean = mod.adversarial_logistic_step(X, y, w0, 0.0, eps=0.0, lr=1.0, mix=0.0)
    np.testing.assert_allclose(adv[0], clean[0], atol=1e-15)
    assert adv[1] == pytest.approx(clean[1])
