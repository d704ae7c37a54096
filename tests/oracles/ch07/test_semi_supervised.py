"""7.6 reference against independent implementations: SciPy densities, closed-form MLEs, central
differences at the EM fixed point, scikit-learn's GaussianMixture and LabelPropagation, and the
iterative propagation that the harmonic solution is the limit of."""
import numpy as np
import pytest
from scipy.special import logsumexp
from scipy.stats import multivariate_normal
from sklearn.mixture import GaussianMixture
from sklearn.semi_supervised import LabelPropagation


@pytest.fixture(scope="module")
def sol(reference):
    return reference("7.6")


def scipy_gmm(X, pis, mus, sigma2):
    d = X.shape[1]
    with np.errstate(divide="ignore"):
        terms = np.stack([np.log(p) + multivariate_normal(mu, sigma2 * np.eye(d)).logpdf(X).reshape(len(X))
                          for p, mu in zip(pis, mus)], axis=1)
    return logsumexp(terms, axis=1)


@pytest.mark.parametrize("N,d,C", [(9, 2, 3), (4, 5, 2), (6, 1, 4)])
def test_gmm_matches_scipy(sol, N, d, C):
    rng = np.random.default_rng(N * d * C)
    pis = rng.dirichlet(np.ones(C))
    mus, X = rng.normal(size=(C, d)) * 2, rng.normal(size=(N, d)) * 3
    for sigma2 in (0.05, 1.0, 4.0):
        np.testing.assert_allclose(sol.gmm_log_likelihood(X, pis, mus, sigma2), scipy_gmm(X, pis, mus, sigma2),
                                   rtol=1e-12)


def test_gmm_far_points_and_zero_weights(sol):
    mus = np.array([[0.0, 0.0], [1.0, 1.0], [-2.0, 0.5]])
    pis = np.array([0.5, 0.0, 0.5])
    sigma2 = 0.3
    X = np.array([[1e3, 0.0], [0.0, -1e3], [1.0, 1.0]]) * np.sqrt(sigma2)
    got = sol.gmm_log_likelihood(X, pis, mus, sigma2)
    assert np.all(np.isfinite(got))
    np.testing.assert_allclose(got, scipy_gmm(X, pis, mus, sigma2), rtol=1e-12)


def blobs(seed, counts_lab, n_unlab, truth, scale=1.0):
    rng = np.random.default_rng(seed)
    C, d = truth.shape
    y = np.repeat(np.arange(C), counts_lab)
    X_lab = truth[y] + scale * rng.normal(size=(len(y), d))
    z = rng.integers(0, C, size=n_unlab)
    return X_lab, y, truth[z] + scale * rng.normal(size=(n_unlab, d)), z


def supervised_mle(X, y, C):
    pis = np.array([np.mean(y == c) for c in range(C)])
    mus = np.array([X[y == c].mean(axis=0) for c in range(C)])
    sigma2 = sum(np.sum((x - mus[c]) ** 2) for x, c in zip(X, y)) / X.size
    return pis, mus, sigma2


def test_em_without_unlabeled_is_the_supervised_mle(sol):
    truth = np.array([[0.0, 0.0, 0.0], [2.0, -1.0, 0.5], [-1.0, 3.0, 1.0]])
    X_lab, y, X_unlab, _ = blobs(0, (2, 5, 3), 40, truth)
    pis, mus, sigma2 = supervised_mle(X_lab, y, 3)
    for args in ((X_unlab, 3, 7, 0.0), (np.zeros((0, 3)), 3, 7, 1.0), (X_unlab, 3, 0, 1.0)):
        p, m, s, hist = sol.semi_supervised_em(X_lab, y, *args)
        np.testing.assert_allclose(p, pis, rtol=1e-12)
        np.testing.assert_allclose(m, mus, rtol=1e-12)
        assert s == pytest.approx(sigma2, rel=1e-12)
        assert hist.shape == (args[2] + 1,)


def objective(X_lab, y, X_unlab, lam, pis, mus, sigma2):
    d = X_lab.shape[1]
    lab = sum(np.log(pis[c]) + multivariate_normal(mus[c], sigma2 * np.eye(d)).logpdf(x) for x, c in zip(X_lab, y))
    return lab + lam * scipy_gmm(X_unlab, pis, mus, sigma2).sum()


@pytest.mark.parametrize("lam", [1.0, 0.4])
def test_em_history_is_the_objective_and_never_decreases(sol, lam):
    truth = np.array([[-1.0, 0.0], [1.5, 0.5]])
    X_lab, y, X_unlab, _ = blobs(1, (2, 3), 80, truth)
    for n_iter in (0, 1, 4, 30):
        pis, mus, sigma2, hist = sol.semi_supervised_em(X_lab, y, X_unlab, 2, n_iter, lam)
        assert hist[-1] == pytest.approx(objective(X_lab, y, X_unlab, lam, pis, mus, sigma2), rel=1e-12)
        assert np.all(np.diff(hist) >= -1e-10 * np.abs(hist[1:]))
        assert pis.sum() == pytest.approx(1.0, rel=1e-12)


def test_em_fixed_point_is_a_stationary_point(sol):
    # After convergence the gradient of the objective (central differences, SciPy densities) vanishes:
    # in μ, in log σ², and in π along the simplex (logits).
    truth = np.array([[-2.0, 0.0], [2.0, 1.0]])
    X_lab, y, X_unlab, _ = blobs(2, (2, 2), 60, truth)
    lam = 0.7
    pis, mus, sigma2, _ = sol.semi_supervised_em(X_lab, y, X_unlab, 2, 300, lam)
    theta = np.concatenate([mus.ravel(), [np.log(sigma2)], np.log(pis)])

    def f(t):
        m = t[:4].reshape(2, 2)
        logits = t[5:]
        p = np.exp(logits - logsumexp(logits))
        return objective(X_lab, y, X_unlab, lam, p, m, np.exp(t[4]))

    h = 1e-5
    grad = np.array([(f(theta + h * e) - f(theta - h * e)) / (2 * h) for e in np.eye(len(theta))])
    assert np.abs(grad).max() < 1e-5, grad


def test_em_recovers_well_separated_blobs(sol):
    truth = np.array([[-4.0, 0.0], [4.0, 2.0]])
    X_lab, y, X_unlab, z = blobs(3, (2, 2), 2000, truth)  # mean error ~ 1/sqrt(1000)
    pis, mus, sigma2, _ = sol.semi_supervised_em(X_lab, y, X_unlab, 2, 50)
    assert np.abs(mus - truth).max() < 0.1
    assert sigma2 == pytest.approx(1.0, abs=0.1)
    assert pis == pytest.approx([np.mean(np.r_[y, z] == 0), np.mean(np.r_[y, z] == 1)], abs=0.01)
    # sklearn's spherical mixture on all the points finds the same clusters (per-component variances differ)
    gm = GaussianMixture(2, covariance_type="spherical", random_state=0).fit(np.vstack([X_lab, X_unlab]))
    order = np.argsort(gm.means_[:, 0])
    np.testing.assert_allclose(mus, gm.means_[order], atol=0.02)


def propagate(X, Y_lab, labeled, sigma, iters=20000):
    W = np.exp(-((X[:, None] - X[None]) ** 2).sum(-1) / (2 * sigma ** 2))
    np.fill_diagonal(W, 0.0)
    P = W / W.sum(axis=1, keepdims=True)
    F = np.full((len(X), Y_lab.shape[1]), 1.0 / Y_lab.shape[1])
    for _ in range(iters):
        F = P @ F
        F[labeled] = Y_lab
    return F


@pytest.mark.parametrize("seed", range(3))
def test_harmonic_is_the_limit_of_iterated_propagation(sol, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(14, 2))
    labeled = np.zeros(14, dtype=bool)
    labeled[rng.choice(14, 4, replace=False)] = True
    Y_lab = np.eye(3)[[0, 1, 2, 1]]
    F = sol.harmonic_label_propagation(X, Y_lab, labeled, 0.9)
    np.testing.assert_allclose(F, propagate(X, Y_lab, labeled, 0.9), atol=1e-8)
    np.testing.assert_allclose(F.sum(axis=1), 1.0, rtol=1e-12)


def test_harmonic_chain_numbers(sol):
    # 0 - ? - 1 with equal weights: 1/2; a 5-node chain labeled at its ends: linear interpolation.
    F3 = sol.harmonic_label_propagation(np.array([[0.0], [1.0], [2.0]]), np.eye(2), np.array([1, 0, 1], bool), 1.0)
    np.testing.assert_allclose(F3[1], [0.5, 0.5], rtol=1e-12)
    F5 = sol.harmonic_label_propagation(np.arange(5.0)[:, None], np.eye(2), np.array([1, 0, 0, 0, 1], bool), 0.1)
    np.testing.assert_allclose(F5[:, 0], [1, 0.75, 0.5, 0.25, 0], atol=1e-12)


def test_harmonic_agrees_with_sklearn_label_propagation(sol):
    truth = np.array([[-2.0, 0.0], [2.0, 0.0], [0.0, 3.0]])
    rng = np.random.default_rng(5)
    z = np.repeat(np.arange(3), 20)
    X = truth[z] + 0.6 * rng.normal(size=(60, 2))
    labeled = np.zeros(60, dtype=bool)
    labeled[[0, 1, 20, 21, 40, 41]] = True
    sigma = 0.7
    F = sol.harmonic_label_propagation(X, np.eye(3)[z[labeled]], labeled, sigma)
    y_sk = np.where(labeled, z, -1)
    lp = LabelPropagation(kernel="rbf", gamma=1 / (2 * sigma ** 2), max_iter=100000, tol=1e-12).fit(X, y_sk)
    np.testing.assert_array_equal(F.argmax(axis=1), lp.transduction_)
    assert np.mean(F.argmax(axis=1) == z) > 0.95
