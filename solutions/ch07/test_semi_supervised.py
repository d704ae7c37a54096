"""Self-check for 7.6 (public tests): run `pytest exercises/ch07/test_semi_supervised.py` or `dlbook check 7.6`.

These check closed forms and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("7.6")


def test_gmm_single_component_is_a_gaussian(mod):
    x = np.array([[1.0, -2.0, 0.5]])
    mu = np.array([[0.0, 0.0, 0.0]])
    sigma2 = 2.0
    want = -1.5 * np.log(2 * np.pi * sigma2) - (1 + 4 + 0.25) / (2 * sigma2)
    assert mod.gmm_log_likelihood(x, np.array([1.0]), mu, sigma2)[0] == pytest.approx(want, rel=1e-12)


def test_gmm_far_point_is_finite(mod):
    mus = np.array([[0.0, 0.0], [3.0, 0.0]])
    out = mod.gmm_log_likelihood(np.array([[1e3, 0.0]]), np.array([0.5, 0.5]), mus, 1.0)
    assert np.isfinite(out[0]), "use a log-sum-exp: every density underflows to 0 this far away"
    # the nearer component dominates: log(0.5) + log N(x; mu_2, I)
    want = np.log(0.5) - np.log(2 * np.pi) - (1e3 - 3.0) ** 2 / 2
    assert out[0] == pytest.approx(want, rel=1e-12)


def test_em_start_is_the_supervised_mle(mod):
    X_lab = np.array([[0.0, 0.0], [2.0, 0.0], [10.0, 1.0], [12.0, 1.0], [11.0, 4.0]])
    y = np.array([0, 0, 1, 1, 1])
    pis, mus, sigma2, history = mod.semi_supervised_em(X_lab, y, np.zeros((0, 2)), 2, 0)
    np.testing.assert_allclose(pis, [0.4, 0.6], rtol=1e-12)
    np.testing.assert_allclose(mus, [[1.0, 0.0], [11.0, 2.0]], rtol=1e-12)
    # squared distances to the class means: 1, 1, 2, 2, 4 -> pooled per coordinate: 10 / (5 * 2)
    assert sigma2 == pytest.approx(1.0, rel=1e-12)
    assert np.shape(history) == (1,)


def test_em_objective_never_decreases_and_finds_the_blobs(mod):
    rng = np.random.default_rng(0)
    truth = np.array([[-3.0, 0.0], [3.0, 1.0]])
    X_lab = np.vstack([truth[0] + rng.normal(size=(2, 2)), truth[1] + rng.normal(size=(2, 2))])
    y = np.array([0, 0, 1, 1])
    X_unlab = np.vstack([truth[0] + rng.normal(size=(300, 2)), truth[1] + rng.normal(size=(300, 2))])
    pis, mus, sigma2, history = mod.semi_supervised_em(X_lab, y, X_unlab, 2, 25)
    assert np.shape(history) == (26,)
    assert np.all(np.diff(history) >= -1e-9), "EM never decreases its objective"
    assert np.abs(np.asarray(mus) - truth).max() < 0.2, "the unlabeled points should pull the means to the truth"


def test_harmonic_chain_interpolates(mod):
    X = np.arange(5.0)[:, None]
    labeled = np.array([True, False, False, False, True])
    F = mod.harmonic_label_propagation(X, np.array([[1.0, 0.0], [0.0, 1.0]]), labeled, 0.2)
    # with sigma = 0.2 only neighbours interact: linear interpolation along the chain
    np.testing.assert_allclose(F[:, 0], [1.0, 0.75, 0.5, 0.25, 0.0], atol=1e-6)
    np.testing.assert_allclose(F.sum(axis=1), 1.0, rtol=1e-12)


def test_harmonic_solution_is_the_fixed_point_of_propagation(mod):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(10, 2))
    labeled = np.zeros(10, dtype=bool)
    labeled[[1, 6, 8]] = True
    Y_lab = np.eye(2)[[0, 1, 1]]
    F = mod.harmonic_label_propagation(X, Y_lab, labeled, 1.0)
    np.testing.assert_allclose(F[labeled], Y_lab, atol=1e-12)
    W = np.exp(-((X[:, None] - X[None]) ** 2).sum(-1) / 2.0)
    np.fill_diagonal(W, 0.0)
    P = W / W.sum(axis=1, keepdims=True)
    np.testing.assert_allclose((P @ F)[~labeled], F[~labeled], rtol=1e-9, err_msg="F_U = P_U F")
