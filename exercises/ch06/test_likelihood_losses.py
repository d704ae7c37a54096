# Generated from solutions/ch06/test_likelihood_losses.py by dlbook build. Edit that file instead.
"""Self-check for 6.2 (public tests): run `pytest exercises/ch06/test_likelihood_losses.py` or `dlbook check 6.2`.

These check the book's own identities and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("6.2")


def test_log_softmax_normalizes_and_ignores_shifts(mod):
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(4, 3))
    out = mod.log_softmax(Z)
    assert out.shape == (4, 3)
    np.testing.assert_allclose(np.exp(out).sum(axis=1), 1.0, rtol=1e-12, err_msg="rows of exp(log_softmax) sum to 1")
    c = np.array([5.0, -3.0, 100.0, 0.0])
    np.testing.assert_allclose(mod.log_softmax(Z + c[:, None]), out, atol=1e-12,
                               err_msg="softmax(z) = softmax(z + c), eq 6.32")


def test_log_softmax_is_finite_for_huge_logits(mod):
    out = mod.log_softmax(np.array([[1000.0, 0.0], [-1000.0, 0.0]]))
    assert np.all(np.isfinite(out)), "subtract the row max (eq 6.33)"
    np.testing.assert_allclose(out, [[0.0, -1000.0], [-1000.0, 0.0]], atol=1e-12)


def test_softmax_cross_entropy_uniform_logits(mod):
    # Equal logits: every class has probability 1/k, so J = log k.
    J, dZ = mod.softmax_cross_entropy(np.zeros((3, 4)), np.array([0, 2, 3]))
    assert J == pytest.approx(np.log(4.0))
    np.testing.assert_allclose(dZ.sum(axis=1), 0.0, atol=1e-15, err_msg="each row of dZ sums to 0")
    np.testing.assert_allclose(dZ[0], [-0.25, 1 / 12, 1 / 12, 1 / 12], atol=1e-15, err_msg="(softmax - onehot) / m")


def test_softmax_cross_entropy_gradient_matches_central_differences(mod):
    rng = np.random.default_rng(1)
    Z, y = rng.normal(size=(5, 3)), np.array([0, 2, 1, 1, 0])
    _, dZ = mod.softmax_cross_entropy(Z, y)
    h, num = 1e-6, np.zeros_like(Z)
    for idx in np.ndindex(Z.shape):
        plus, minus = Z.copy(), Z.copy()
        plus[idx] += h
        minus[idx] -= h
        num[idx] = (mod.softmax_cross_entropy(plus, y)[0] - mod.softmax_cross_entropy(minus, y)[0]) / (2 * h)
    np.testing.assert_allclose(dZ, num, rtol=1e-5, atol=1e-9, err_msg="dZ")


def test_sigmoid_is_a_two_class_softmax(mod):
    # P(y=1) = σ(z) is softmax([0, z])_1 (sec 6.2.2.3): the two losses and gradients agree.
    z, y = np.array([-2.0, 0.5, 3.0, -0.1]), np.array([1, 0, 1, 0])
    J, dz = mod.sigmoid_bce_from_logits(z, y)
    J2, dZ2 = mod.softmax_cross_entropy(np.column_stack([np.zeros(4), z]), y)
    assert J == pytest.approx(J2)
    np.testing.assert_allclose(dz, dZ2[:, 1], atol=1e-15)


def test_sigmoid_loss_grows_like_abs_z_when_confidently_wrong(mod):
    # ζ((1 - 2y)z) ≈ |z| when z has the wrong sign (eq 6.26), and the gradient tends to ±1/m.
    J, dz = mod.sigmoid_bce_from_logits(np.array([1000.0, -1000.0]), np.array([0, 1]))
    assert J == pytest.approx(1000.0), "the loss must stay finite and equal |z|"
    np.testing.assert_allclose(dz, [0.5, -0.5], atol=1e-15)
    J, _ = mod.sigmoid_bce_from_logits(np.array([0.0]), np.array([1]))
    assert J == pytest.approx(np.log(2.0))


def test_mdn_with_one_unit_gaussian_is_half_mse(mod):
    # K = 1, σ = 1: −log N(y; μ, 1) = ½(y − μ)² + ½ log 2π, eq 6.13.
    rng = np.random.default_rng(2)
    y, mu = rng.normal(size=6), rng.normal(size=(6, 1))
    J = mod.mdn_nll(y, np.zeros((6, 1)), mu, np.zeros((6, 1)))
    assert J == pytest.approx(0.5 * np.mean((y - mu[:, 0]) ** 2) + 0.5 * np.log(2 * np.pi))
    # Two copies of the same component are still the same Gaussian, whatever the mixing logits.
    J2 = mod.mdn_nll(y, rng.normal(size=(6, 2)), np.hstack([mu, mu]), np.zeros((6, 2)))
    assert J2 == pytest.approx(J)
