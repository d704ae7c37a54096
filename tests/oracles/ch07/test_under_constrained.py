"""7.3 reference against independent implementations: numpy/SciPy pinv and lstsq, scikit-learn
(Ridge, LogisticRegression), PyTorch autograd, the Penrose conditions and the limit of eq. 7.29."""
import numpy as np
import pytest
import scipy.linalg
import torch
from sklearn.linear_model import LogisticRegression, Ridge


@pytest.fixture(scope="module")
def sol(reference):
    return reference("7.3")


def low_rank(rng, m, n, r):
    return rng.normal(size=(m, r)) @ rng.normal(size=(r, n))


MATRICES = [("tall", 7, 4, 4), ("wide", 3, 6, 3), ("square", 5, 5, 5),
            ("rank-deficient tall", 8, 5, 2), ("rank-deficient wide", 4, 7, 2), ("rank-deficient square", 5, 5, 3)]


# pinv_svd -------------------------------------------------------------------------------
@pytest.mark.parametrize("name,m,n,r", MATRICES)
def test_pinv_matches_numpy_scipy_and_penrose(sol, name, m, n, r):
    X = low_rank(np.random.default_rng(m * 10 + n + r), m, n, r)
    P = sol.pinv_svd(X)
    assert P.shape == (n, m)
    np.testing.assert_allclose(P, np.linalg.pinv(X, rcond=1e-15), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(P, scipy.linalg.pinv(X, atol=0.0, rtol=1e-15), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(X @ P @ X, X, atol=1e-11)
    np.testing.assert_allclose(P @ X @ P, P, atol=1e-11)
    np.testing.assert_allclose(X @ P, (X @ P).T, atol=1e-11)
    np.testing.assert_allclose(P @ X, (P @ X).T, atol=1e-11)
    assert np.linalg.matrix_rank(P) == r


def test_pinv_cutoff(sol):
    rng = np.random.default_rng(3)
    U = np.linalg.qr(rng.normal(size=(6, 4)))[0]
    V = np.linalg.qr(rng.normal(size=(4, 4)))[0]
    s = np.array([5.0, 1.0, 1e-3, 1e-9])
    X = U @ np.diag(s) @ V.T
    for rcond in (1e-12, 1e-6, 0.1):
        keep = s > rcond * s.max()
        want = V[:, keep] @ np.diag(1 / s[keep]) @ U[:, keep].T
        np.testing.assert_allclose(sol.pinv_svd(X, rcond), want, rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(sol.pinv_svd(X, rcond), np.linalg.pinv(X, rcond=rcond), rtol=1e-6, atol=1e-9)
    # the tie is dropped, as numpy does
    D = np.diag([4.0, 2.0, 1.0])
    np.testing.assert_array_equal(sol.pinv_svd(D, 0.25), np.diag([0.25, 0.5, 0.0]))
    np.testing.assert_array_equal(np.linalg.pinv(D, rcond=0.25), np.diag([0.25, 0.5, 0.0]))
    np.testing.assert_array_equal(sol.pinv_svd(np.zeros((2, 3))), np.zeros((3, 2)))


# ridge_pinv_path ------------------------------------------------------------------------
def test_ridge_path_converges_to_pinv(sol):
    # CURRICULUM: ‖P(α) − X⁺‖_F decreases toward 0 for α from 1 down to about 1e-6 (rank-deficient X).
    for seed in range(5):
        X = low_rank(np.random.default_rng(seed), 6, 5, 3)
        alphas = np.logspace(0, -6, 13)
        gaps = np.linalg.norm(sol.ridge_pinv_path(X, alphas) - np.linalg.pinv(X), axis=(1, 2))
        assert np.all(np.diff(gaps) < 0)
        assert gaps[-1] < 1e-5 * gaps[0]


@pytest.mark.parametrize("m,n", [(3, 6), (2, 5)])
def test_ridge_path_woodbury_identity_for_wide_X(sol, m, n):
    X = np.random.default_rng(m + n).normal(size=(m, n))
    alphas = np.array([2.0, 0.1, 1e-3])
    P = sol.ridge_pinv_path(X, alphas)
    for a, Pa in zip(alphas, P):
        np.testing.assert_allclose(Pa, X.T @ np.linalg.inv(X @ X.T + a * np.eye(m)), rtol=1e-9, atol=1e-12)


def test_ridge_path_matches_sklearn_ridge(sol):
    rng = np.random.default_rng(7)
    X, y = low_rank(rng, 8, 6, 4), rng.normal(size=8)
    alphas = np.array([5.0, 0.5, 0.05])
    P = sol.ridge_pinv_path(X, alphas)
    for a, Pa in zip(alphas, P):
        coef = Ridge(alpha=a, fit_intercept=False, solver="cholesky").fit(X, y).coef_
        np.testing.assert_allclose(Pa @ y, coef, rtol=1e-9, atol=1e-12)


# min_norm_least_squares -----------------------------------------------------------------
@pytest.mark.parametrize("name,m,n,r", MATRICES)
def test_min_norm_matches_lstsq(sol, name, m, n, r):
    rng = np.random.default_rng(100 + m * 10 + n + r)
    X, y = low_rank(rng, m, n, r), rng.normal(size=m)
    w = sol.min_norm_least_squares(X, y)
    np.testing.assert_allclose(w, np.linalg.lstsq(X, y, rcond=None)[0], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(w, scipy.linalg.lstsq(X, y, lapack_driver="gelsd")[0], rtol=1e-9, atol=1e-12)
    # adding a null-space vector keeps the residual and increases the norm
    Vt = np.linalg.svd(X)[2]
    null = Vt[r:]
    if null.shape[0]:
        other = w + null.T @ rng.normal(size=null.shape[0])
        np.testing.assert_allclose(X @ other, X @ w, atol=1e-10)
        assert np.linalg.norm(other) > np.linalg.norm(w)
    # and it is the α ↘ 0 limit of ridge (eq 7.29)
    np.testing.assert_allclose(sol.ridge_pinv_path(X, np.array([1e-9]))[0] @ y, w, rtol=1e-4, atol=1e-6)


def test_min_norm_quiz_numbers(sol):
    X, y = np.array([[1.0, 1.0]]), np.array([2.0])
    np.testing.assert_allclose(sol.min_norm_least_squares(X, y), [1.0, 1.0], rtol=1e-14)
    np.testing.assert_allclose(sol.ridge_pinv_path(X, np.array([0.1]))[0] @ y, [2 / 2.1] * 2, rtol=1e-14)


# logistic_weight_norms ------------------------------------------------------------------
def separable(rng, m=30, n=2):
    w_true = rng.normal(size=n)
    X = rng.normal(size=(4 * m, n))
    X = X[np.abs(X @ w_true) > 0.3 * np.linalg.norm(w_true)][:m]
    return X, (X @ w_true > 0).astype(float)


def torch_norms(X, y, lr, steps, alpha):
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny tensors: threads only add overhead
    try:
        return _torch_norms(X, y, lr, steps, alpha)
    finally:
        torch.set_num_threads(threads)


def _torch_norms(X, y, lr, steps, alpha):
    Xt, yt = torch.tensor(X), torch.tensor(y)
    w = torch.zeros(X.shape[1], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr)
    out = []
    for _ in range(steps):
        opt.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(Xt @ w, yt) + 0.5 * alpha * (w @ w)
        loss.backward()
        opt.step()
        out.append(torch.linalg.norm(w).item())
    return np.array(out)


@pytest.mark.parametrize("alpha,separable_data", [(0.0, True), (0.1, True), (0.0, False), (0.02, False)])
def test_logistic_matches_torch_autograd(sol, alpha, separable_data):
    rng = np.random.default_rng(5)
    if separable_data:
        X, y = separable(rng)
    else:
        X, y = rng.normal(size=(25, 3)), (rng.uniform(size=25) < 0.5).astype(float)
    got = sol.logistic_weight_norms(X, y, 0.5, 300, alpha)
    np.testing.assert_allclose(got, torch_norms(X, y, 0.5, 300, alpha), rtol=1e-10)


def test_logistic_norm_diverges_like_log_t_on_separable_data(sol):
    X, y = separable(np.random.default_rng(6))
    norms = sol.logistic_weight_norms(X, y, 1.0, 100_000)
    assert np.all(np.diff(norms) > 0)
    assert norms[-1] > 3 * norms[99]  # no fixed bound
    # growth per decade of t settles to a constant (‖w_t‖ ≈ c·log t + const)
    per_decade = np.diff(norms[[999, 9_999, 99_999]])
    assert per_decade[1] == pytest.approx(per_decade[0], rel=0.1)


def test_logistic_norm_converges_with_weight_decay_to_sklearn(sol):
    X, y = separable(np.random.default_rng(8))
    m, alpha = X.shape[0], 0.05
    norms = sol.logistic_weight_norms(X, y, 1.0, 5000, alpha)
    assert abs(norms[-1] - norms[-101]) < 1e-8
    # sklearn minimizes ½‖w‖² + C Σ logloss, the same minimizer as mean logloss + ½α‖w‖² with C = 1/(α m)
    clf = LogisticRegression(C=1.0 / (alpha * m), fit_intercept=False, tol=1e-12, max_iter=10_000).fit(X, y)
    assert norms[-1] == pytest.approx(np.linalg.norm(clf.coef_), rel=1e-6)
