"""6.2 reference against independent implementations: SciPy, PyTorch, scikit-learn, central differences."""
import numpy as np
import pytest
import scipy.special
import scipy.stats
import torch
import torch.nn.functional as F
from sklearn.metrics import log_loss

from autograder.testing import numerical_gradient, rel_error

HUGE_Z = np.array([[1e4, 0.0, -1e4], [-1e4, -1e4, -9990.0], [5e3, 5e3, 5e3], [0.5, -1.0, 2.0]])


@pytest.fixture(scope="module")
def sol(reference):
    return reference("6.2")


def t64(a):
    return torch.tensor(np.asarray(a), dtype=torch.float64)


# log_softmax -----------------------------------------------------------------------------------
@pytest.mark.parametrize("m,k,scale", [(5, 3, 1.0), (1, 7, 10.0), (4, 1, 3.0), (6, 4, 1e3)])
def test_log_softmax_matches_scipy_and_torch(sol, m, k, scale):
    Z = np.random.default_rng(m * k).normal(scale=scale, size=(m, k))
    out = sol.log_softmax(Z)
    np.testing.assert_allclose(out, scipy.special.log_softmax(Z, axis=1), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(out, F.log_softmax(t64(Z), dim=1).numpy(), rtol=1e-12, atol=1e-12)


def test_log_softmax_huge_logits(sol):
    out = sol.log_softmax(HUGE_Z)
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out, F.log_softmax(t64(HUGE_Z), dim=1).numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(sol.log_softmax(np.array([[1000.0, 0.0], [-1000.0, 0.0]])),
                               [[0.0, -1000.0], [-1000.0, 0.0]], atol=1e-12)


def test_log_softmax_properties(sol):
    rng = np.random.default_rng(3)
    Z, c = rng.normal(size=(5, 4)), rng.normal(scale=50.0, size=5)
    out = sol.log_softmax(Z)
    np.testing.assert_allclose(sol.log_softmax(Z + c[:, None]), out, atol=1e-12)  # eq 6.32
    np.testing.assert_allclose(np.exp(out).sum(axis=1), 1.0, rtol=1e-13)


# softmax_cross_entropy -------------------------------------------------------------------------
@pytest.mark.parametrize("m,k", [(6, 4), (1, 3), (9, 2)])
def test_softmax_cross_entropy_matches_torch(sol, m, k):
    rng = np.random.default_rng(10 + m)
    Z, y = rng.normal(scale=2.0, size=(m, k)), rng.integers(0, k, size=m)
    J, dZ = sol.softmax_cross_entropy(Z, y)
    Zt = t64(Z).requires_grad_(True)
    Jt = F.cross_entropy(Zt, torch.tensor(y), reduction="mean")
    Jt.backward()
    assert J == pytest.approx(Jt.item(), rel=1e-12)
    np.testing.assert_allclose(dZ, Zt.grad.numpy(), rtol=1e-12, atol=1e-15)


def test_softmax_cross_entropy_huge_logits_match_torch(sol):
    y = np.array([2, 0, 1, 2])
    J, dZ = sol.softmax_cross_entropy(HUGE_Z, y)
    Zt = t64(HUGE_Z).requires_grad_(True)
    Jt = F.cross_entropy(Zt, torch.tensor(y), reduction="mean")
    Jt.backward()
    assert np.isfinite(J) and J == pytest.approx(Jt.item(), rel=1e-12)
    np.testing.assert_allclose(dZ, Zt.grad.numpy(), rtol=1e-12, atol=1e-15)


def test_softmax_cross_entropy_matches_sklearn_for_moderate_logits(sol):
    # log_loss clips probabilities, so it is only an oracle while no probability is tiny.
    rng = np.random.default_rng(5)
    k = 4
    Z, y = rng.normal(size=(12, k)), rng.integers(0, k, size=12)
    J, _ = sol.softmax_cross_entropy(Z, y)
    assert J == pytest.approx(log_loss(y, scipy.special.softmax(Z, axis=1), labels=range(k)), rel=1e-10)


def test_softmax_cross_entropy_gradient_central_differences(sol):
    rng = np.random.default_rng(6)
    Z, y = rng.normal(size=(5, 3)), np.array([0, 2, 1, 1, 2])
    _, dZ = sol.softmax_cross_entropy(Z, y)
    num = numerical_gradient(lambda Zp: sol.softmax_cross_entropy(Zp, y)[0], Z, h=1e-5)
    assert rel_error(dZ, num) < 1e-6
    np.testing.assert_allclose(dZ.sum(axis=1), 0.0, atol=1e-15)


# sigmoid_bce_from_logits -----------------------------------------------------------------------
@pytest.mark.parametrize("scale", [1.0, 5.0, 1e4])
def test_sigmoid_bce_matches_torch(sol, scale):
    rng = np.random.default_rng(int(scale))
    z, y = rng.normal(scale=scale, size=10), (rng.random(10) < 0.5).astype(float)
    J, dz = sol.sigmoid_bce_from_logits(z, y)
    zt = t64(z).requires_grad_(True)
    Jt = F.binary_cross_entropy_with_logits(zt, t64(y), reduction="mean")
    Jt.backward()
    assert np.isfinite(J) and J == pytest.approx(Jt.item(), rel=1e-12)
    np.testing.assert_allclose(dz, zt.grad.numpy(), rtol=1e-12, atol=1e-15)


def test_sigmoid_bce_matches_closed_form_with_expit(sol):
    rng = np.random.default_rng(8)
    z, y = rng.uniform(-29, 29, size=15), rng.integers(0, 2, size=15)
    J, dz = sol.sigmoid_bce_from_logits(z, y)
    closed = -(y * np.log(scipy.special.expit(z)) + (1 - y) * np.log(scipy.special.expit(-z))).mean()
    assert J == pytest.approx(closed, rel=1e-10)
    np.testing.assert_allclose(dz, (scipy.special.expit(z) - y) / 15, rtol=1e-12, atol=1e-15)


def test_sigmoid_bce_confidently_wrong_is_abs_z(sol):
    J, dz = sol.sigmoid_bce_from_logits(np.array([1000.0, -1000.0]), np.array([0.0, 1.0]))
    assert np.isfinite(J) and J == pytest.approx(1000.0, rel=1e-12)
    np.testing.assert_allclose(dz, [0.5, -0.5], atol=1e-15)


def test_sigmoid_bce_gradient_central_differences(sol):
    rng = np.random.default_rng(9)
    z, y = rng.normal(scale=2.0, size=7), rng.integers(0, 2, size=7)
    _, dz = sol.sigmoid_bce_from_logits(z, y)
    num = numerical_gradient(lambda zp: sol.sigmoid_bce_from_logits(zp, y)[0], z, h=1e-5)
    assert rel_error(dz, num) < 1e-6


# mdn_nll ---------------------------------------------------------------------------------------
def scipy_mdn(y, logit_pi, mu, log_sigma):
    a = scipy.special.log_softmax(logit_pi, axis=1) + scipy.stats.norm.logpdf(y[:, None], mu, np.exp(log_sigma))
    return -scipy.special.logsumexp(a, axis=1).mean()


@pytest.mark.parametrize("m,K", [(8, 3), (6, 1), (1, 2), (20, 5)])
def test_mdn_matches_scipy_and_torch(sol, m, K):
    rng = np.random.default_rng(100 * m + K)
    y, logit_pi = rng.normal(scale=2.0, size=m), rng.normal(size=(m, K))
    mu, log_sigma = rng.normal(scale=2.0, size=(m, K)), rng.uniform(-1.5, 1.0, size=(m, K))
    J = sol.mdn_nll(y, logit_pi, mu, log_sigma)
    assert J == pytest.approx(scipy_mdn(y, logit_pi, mu, log_sigma), rel=1e-12)
    mix = torch.distributions.MixtureSameFamily(torch.distributions.Categorical(logits=t64(logit_pi)),
                                                torch.distributions.Normal(t64(mu), t64(np.exp(log_sigma))))
    assert J == pytest.approx(-mix.log_prob(t64(y)).mean().item(), rel=1e-12)


def test_mdn_far_targets_and_huge_mixing_logits(sol):
    rng = np.random.default_rng(17)
    y = np.array([40.0, -35.0, 0.3, 25.0])
    logit_pi = np.array([[1e4, -1e4, 0.0], [0.0, 0.0, 0.0], [-1e4, 1e4, 1e4], [2.0, -1.0, 0.5]])
    mu, log_sigma = rng.normal(size=(4, 3)), np.full((4, 3), -0.5)
    J = sol.mdn_nll(y, logit_pi, mu, log_sigma)
    assert np.isfinite(J) and J == pytest.approx(scipy_mdn(y, logit_pi, mu, log_sigma), rel=1e-12)


def test_mdn_k1_unit_sigma_is_half_mse(sol):
    rng = np.random.default_rng(21)
    y, mu = rng.normal(size=10), rng.normal(size=(10, 1))
    J = sol.mdn_nll(y, rng.normal(size=(10, 1)), mu, np.zeros((10, 1)))  # K = 1: the mixing logit is irrelevant
    assert J == pytest.approx(0.5 * np.mean((y - mu[:, 0]) ** 2) + 0.5 * np.log(2 * np.pi), rel=1e-12)  # eq 6.13
