"""Hidden grading tests for 7.6 Semi-Supervised Learning.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs.
"""
import numpy as np
import pytest

from autograder.testing import assert_close, assert_shape

pytestmark = pytest.mark.section("7.6")


def mixture(rng, C, d, sep=3.0):
    pis = rng.dirichlet(np.ones(C) * 2.0)
    mus = rng.normal(size=(C, d)) * sep
    return pis, mus


def em_data(seed, C, d, counts, U, sep=3.0, scale=1.0):
    """Labeled points with ``counts[c]`` examples of class c, in shuffled (interleaved) order."""
    rng = np.random.default_rng(seed)
    mus = rng.normal(size=(C, d)) * sep
    y = rng.permutation(np.repeat(np.arange(C), counts))
    X_lab = mus[y] + scale * rng.normal(size=(len(y), d))
    X_unlab = mus[rng.integers(0, C, size=U)] + scale * rng.normal(size=(U, d))
    return X_lab, y, X_unlab


def graph_data(seed, N, d, C, L):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(N, d)) * 1.5
    labeled = np.zeros(N, dtype=bool)
    labeled[rng.choice(N, size=L, replace=False)] = True  # scattered, not the first L rows
    Y_lab = np.eye(C)[np.arange(L) % C]
    return X, rng.permutation(Y_lab), labeled


# gmm_log_likelihood ------------------------------------------------------------------------
@pytest.mark.parametrize("N,d,C", [pytest.param(7, 3, 4, id="N7-d3-C4"), pytest.param(5, 1, 2, id="d1"),
                                   pytest.param(1, 4, 1, id="one-point-one-component")])
def test_gmm_log_likelihood_random(impl, ref, N, d, C):
    rng = np.random.default_rng(10 * N + d + C)
    pis, mus = mixture(rng, C, d)
    X = rng.normal(size=(N, d)) * 2.0
    sigma2 = 0.7
    got = impl.gmm_log_likelihood(X, pis, mus, sigma2)
    assert_shape(got, (N,), "gmm_log_likelihood output")
    assert_close(got, ref.gmm_log_likelihood(X, pis, mus, sigma2),
                 f"gmm_log_likelihood on random X {X.shape}, {C} components, sigma2 = {sigma2}")


def test_gmm_log_likelihood_far_points_stay_finite(impl, ref):
    # 1e3 sigma away from every mean: every density underflows, the log-density must not.
    rng = np.random.default_rng(3)
    pis, mus = mixture(rng, 3, 2)
    sigma2 = 0.5
    X = np.array([[1e3, 0.0], [0.0, -1e3], [700.0, 700.0], [0.1, 0.2]]) * np.sqrt(sigma2)
    got = impl.gmm_log_likelihood(X, pis, mus, sigma2)
    assert np.all(np.isfinite(np.asarray(got, dtype=float))), \
        "gmm_log_likelihood is not finite for points far from every mean (use a log-sum-exp)"
    assert_close(got, ref.gmm_log_likelihood(X, pis, mus, sigma2), "gmm_log_likelihood for points 1e3 sigma away")


def test_gmm_log_likelihood_zero_weight_component_and_small_variance(impl, ref):
    rng = np.random.default_rng(4)
    mus = rng.normal(size=(3, 2))
    pis = np.array([0.6, 0.0, 0.4])
    X = np.vstack([mus[1] + 0.01, rng.normal(size=(4, 2))])  # the first point sits on the dropped component
    for sigma2 in (1.3, 0.02):
        assert_close(impl.gmm_log_likelihood(X, pis, mus, sigma2), ref.gmm_log_likelihood(X, pis, mus, sigma2),
                     f"gmm_log_likelihood with a zero-weight component, sigma2 = {sigma2}")


def test_gmm_log_likelihood_is_pure(impl, ref):
    rng = np.random.default_rng(5)
    pis, mus = mixture(rng, 3, 2)
    X = rng.normal(size=(6, 2)) + 1.0
    got = impl.pure("gmm_log_likelihood", X, pis, mus, 0.8)
    assert_close(got, ref.gmm_log_likelihood(X, pis, mus, 0.8), "gmm_log_likelihood on random X (6, 2)")


# semi_supervised_em ------------------------------------------------------------------------
@pytest.mark.parametrize("C,d,counts,U,n_iter", [
    pytest.param(2, 2, (3, 5), 40, 6, id="C2-d2-U40"),
    pytest.param(3, 3, (2, 4, 3), 25, 8, id="C3-d3-interleaved"),
])
def test_semi_supervised_em_random(impl, ref, C, d, counts, U, n_iter):
    X_lab, y, X_unlab = em_data(C * 10 + d, C, d, counts, U, sep=2.0, scale=1.2)
    got = impl.semi_supervised_em(X_lab, y, X_unlab, C, n_iter)
    want = ref.semi_supervised_em(X_lab, y, X_unlab, C, n_iter)
    assert isinstance(got, (tuple, list)) and len(got) == 4, "return (pis, mus, sigma2, history)"
    assert_shape(got[3], (n_iter + 1,), "history (n_iter + 1 values: the start, then one per iteration)")
    assert_close(got, want, f"(pis, mus, sigma2, history) after {n_iter} EM iterations, {C} classes, d = {d}")


def test_semi_supervised_em_start_is_supervised_mle(impl, ref):
    # n_iter = 0: the supervised MLE (class frequencies, class means, pooled variance per coordinate).
    X_lab, y, X_unlab = em_data(7, 3, 2, (2, 5, 3), 10)
    assert_close(impl.semi_supervised_em(X_lab, y, X_unlab, 3, 0), ref.semi_supervised_em(X_lab, y, X_unlab, 3, 0),
                 "(pis, mus, sigma2, history) with n_iter = 0 (the supervised start)")


def test_semi_supervised_em_without_unlabeled_influence(impl, ref):
    # lam = 0, or no unlabeled point: the supervised MLE is already the maximum and stays put.
    X_lab, y, X_unlab = em_data(8, 2, 3, (4, 2), 15)
    assert_close(impl.semi_supervised_em(X_lab, y, X_unlab, 2, 5, 0.0),
                 ref.semi_supervised_em(X_lab, y, X_unlab, 2, 5, 0.0), "5 iterations with lam = 0")
    empty = np.zeros((0, 3))
    assert_close(impl.semi_supervised_em(X_lab, y, empty, 2, 4), ref.semi_supervised_em(X_lab, y, empty, 2, 4),
                 "4 iterations with no unlabeled points (X_unlab of shape (0, 3))")


def test_semi_supervised_em_weighted_unlabeled_term(impl, ref):
    X_lab, y, X_unlab = em_data(9, 2, 2, (3, 3), 30, sep=1.5)
    for lam in (0.3, 2.5):
        assert_close(impl.semi_supervised_em(X_lab, y, X_unlab, 2, 6, lam),
                     ref.semi_supervised_em(X_lab, y, X_unlab, 2, 6, lam),
                     f"(pis, mus, sigma2, history) after 6 iterations with lam = {lam}")


def test_semi_supervised_em_history_never_decreases(impl, ref):
    X_lab, y, X_unlab = em_data(11, 2, 2, (2, 2), 60, sep=1.8)
    pis, mus, sigma2, history = impl.semi_supervised_em(X_lab, y, X_unlab, 2, 15)
    history = np.asarray(history, dtype=float)
    assert_shape(history, (16,), "history")
    assert np.all(np.diff(history) >= -1e-10 * np.maximum(1.0, np.abs(history[1:]))), \
        "the EM objective decreased between iterations"
    # The history is the student's own report: check the returned parameters' objective here.
    pis, mus = np.asarray(pis, dtype=float), np.asarray(mus, dtype=float)
    lab = sum(ref.gmm_log_likelihood(x[None], [1.0], mus[c][None], float(sigma2))[0] + np.log(pis[c])
              for x, c in zip(X_lab, y))
    final = lab + ref.gmm_log_likelihood(X_unlab, pis, mus, float(sigma2)).sum()
    want = ref.semi_supervised_em(X_lab, y, X_unlab, 2, 15)[3][-1]
    assert_close(final, want, "the objective of the returned parameters after 15 iterations")


def test_semi_supervised_em_far_unlabeled_point(impl, ref):
    # An unlabeled outlier whose density underflows under every component: responsibilities
    # must come from a softmax of log-terms, not a 0/0 ratio of densities.
    X_lab, y, X_unlab = em_data(12, 2, 2, (3, 3), 12)
    X_unlab = np.vstack([X_unlab, [[45.0, -30.0]]])
    got = impl.semi_supervised_em(X_lab, y, X_unlab, 2, 3)
    assert np.all(np.isfinite(np.asarray(got[1], dtype=float))), "mus are not finite with a far unlabeled point"
    assert_close(got, ref.semi_supervised_em(X_lab, y, X_unlab, 2, 3),
                 "(pis, mus, sigma2, history) with an unlabeled point far from both classes")


def test_semi_supervised_em_is_pure(impl, ref):
    X_lab, y, X_unlab = em_data(13, 2, 2, (3, 2), 10)
    X_lab, X_unlab = X_lab + 5.0, X_unlab + 5.0  # off-centre, so centring in place shows
    got = impl.pure("semi_supervised_em", X_lab, y, X_unlab, 2, 3, 0.7)
    assert_close(got, ref.semi_supervised_em(X_lab, y, X_unlab, 2, 3, 0.7), "(pis, mus, sigma2, history), lam = 0.7")


# harmonic_label_propagation -----------------------------------------------------------------
@pytest.mark.parametrize("N,d,C,L,sigma", [pytest.param(12, 2, 2, 4, 1.5, id="N12-C2"),
                                           pytest.param(15, 3, 3, 5, 0.8, id="N15-C3")])
def test_harmonic_label_propagation_random(impl, ref, N, d, C, L, sigma):
    X, Y_lab, labeled = graph_data(N + C, N, d, C, L)
    got = impl.harmonic_label_propagation(X, Y_lab, labeled, sigma)
    assert_shape(got, (N, C), "F")
    assert_close(np.asarray(got, dtype=float).sum(axis=1), np.ones(N), "row sums of F")
    assert_close(got, ref.harmonic_label_propagation(X, Y_lab, labeled, sigma),
                 f"F on random X {X.shape}, {L} labeled points scattered among them, sigma = {sigma}")


def test_harmonic_label_propagation_shuffled_chain(impl, ref):
    # Five points on a line, labeled at the two ends, listed out of order.
    order = np.array([2, 0, 4, 1, 3])
    X = order[:, None].astype(float)
    labeled = np.isin(order, [0, 4])
    Y_lab = np.array([[0.0, 1.0], [1.0, 0.0]])  # rows in the order of the labeled points: x = 0 then x = 4
    assert_close(impl.harmonic_label_propagation(X, Y_lab, labeled, 0.4),
                 ref.harmonic_label_propagation(X, Y_lab, labeled, 0.4),
                 "F on a 5-point chain labeled at its ends, points not sorted")


def test_harmonic_label_propagation_edge_cases(impl, ref):
    X, Y_lab, labeled = graph_data(21, 6, 2, 3, 6)
    assert_close(impl.harmonic_label_propagation(X, Y_lab, labeled, 1.0),
                 ref.harmonic_label_propagation(X, Y_lab, labeled, 1.0), "F when every point is labeled")
    one = np.zeros(6, dtype=bool)
    one[3] = True
    assert_close(impl.harmonic_label_propagation(X, np.array([[0.0, 1.0, 0.0]]), one, 1.0),
                 ref.harmonic_label_propagation(X, np.array([[0.0, 1.0, 0.0]]), one, 1.0),
                 "F with a single labeled point")


def test_harmonic_label_propagation_is_pure(impl, ref):
    X, Y_lab, labeled = graph_data(22, 9, 2, 2, 3)
    got = impl.pure("harmonic_label_propagation", X + 3.0, Y_lab, labeled, 1.3)
    assert_close(got, ref.harmonic_label_propagation(X + 3.0, Y_lab, labeled, 1.3), "F on random X (9, 2)")
