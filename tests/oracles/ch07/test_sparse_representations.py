"""7.10 reference against independent implementations: scikit-learn's Lasso, sparse_encode and
orthogonal_mp, the lasso's subgradient optimality conditions, brute force over supports, SciPy's
rel_entr, PyTorch autograd and central differences."""
import itertools
import warnings

import numpy as np
import pytest
import torch
from scipy.special import rel_entr
from sklearn.decomposition import sparse_encode
from sklearn.linear_model import Lasso, orthogonal_mp


@pytest.fixture(scope="module")
def sol(reference):
    return reference("7.10")


def unit_columns(rng, d, K):
    W = rng.normal(size=(d, K))
    return W / np.linalg.norm(W, axis=0)


# sparse_code_ista ------------------------------------------------------------------------
@pytest.mark.parametrize("d,K,alpha", [(8, 12, 0.5), (10, 6, 0.2), (6, 6, 1.0)])
def test_ista_matches_sklearn_lasso(sol, d, K, alpha):
    rng = np.random.default_rng(d + K)
    W, X = rng.normal(size=(d, K)), rng.normal(size=(4, d)) * 1.5
    H = sol.sparse_code_ista(X, W, alpha, steps=20000)
    for i in range(X.shape[0]):
        # Lasso minimizes (1/2n)‖y − Wh‖² + a‖h‖₁ with n = d samples, hence a = α/d.
        coef = Lasso(alpha=alpha / d, fit_intercept=False, tol=1e-12, max_iter=10**6).fit(W, X[i]).coef_
        np.testing.assert_allclose(H[i], coef, atol=1e-8)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        enc = sparse_encode(X, W.T, algorithm="lasso_cd", alpha=alpha, max_iter=10**6)
    np.testing.assert_allclose(H, enc, atol=1e-5)


@pytest.mark.parametrize("seed", range(3))
def test_ista_subgradient_optimality(sol, seed):
    rng = np.random.default_rng(seed)
    W, X, alpha = rng.normal(size=(7, 11)), rng.normal(size=(5, 7)), 0.4
    H = sol.sparse_code_ista(X, W, alpha, steps=20000)
    G = (X - H @ W.T) @ W
    on = H != 0
    np.testing.assert_allclose(G[on], alpha * np.sign(H[on]), atol=1e-6)
    assert np.all(np.abs(G[~on]) <= alpha + 1e-6)
    assert 0 < on.sum() < H.size


def test_ista_orthonormal_is_soft_threshold(sol):
    rng = np.random.default_rng(5)
    Q, _ = np.linalg.qr(rng.normal(size=(6, 6)))
    X, alpha = rng.normal(size=(3, 6)), 0.5
    V = X @ Q
    np.testing.assert_allclose(sol.sparse_code_ista(X, Q, alpha, steps=1),
                               np.sign(V) * np.maximum(np.abs(V) - alpha, 0), atol=1e-14)


def test_ista_iterates_match_a_loop_reference(sol):
    rng = np.random.default_rng(6)
    W, X, alpha = rng.normal(size=(4, 7)), rng.normal(size=(2, 4)), 0.3
    s = np.linalg.svd(W, compute_uv=False)[0]
    L = s * s
    for steps in (1, 2, 9):
        want = np.zeros((2, 7))
        for i in range(2):
            h = np.zeros(7)
            for _ in range(steps):
                v = h - W.T @ (W @ h - X[i]) / L
                h = np.array([np.sign(t) * max(abs(t) - alpha / L, 0.0) for t in v])
            want[i] = h
        np.testing.assert_allclose(sol.sparse_code_ista(X, W, alpha, steps), want, rtol=1e-12, atol=1e-14)


def test_ista_torch_proximal_gradient(sol):
    rng = np.random.default_rng(7)
    W, X, alpha = rng.normal(size=(5, 8)), rng.normal(size=(3, 5)), 0.25
    Wt, Xt = torch.tensor(W), torch.tensor(X)
    L = torch.linalg.matrix_norm(Wt, ord=2) ** 2
    H = torch.zeros(3, 8, dtype=torch.float64)
    for _ in range(12):
        H = H.detach().requires_grad_(True)
        loss = 0.5 * ((Xt - H @ Wt.T) ** 2).sum()
        loss.backward()
        H = torch.nn.functional.softshrink(H - H.grad / L, float(alpha / L))
    np.testing.assert_allclose(sol.sparse_code_ista(X, W, alpha, 12), H.detach().numpy(), rtol=1e-10, atol=1e-13)


# omp -------------------------------------------------------------------------------------
@pytest.mark.parametrize("d,K", [(10, 16), (8, 12), (20, 30)])
def test_omp_matches_sklearn(sol, d, K):
    rng = np.random.default_rng(d * K)
    W = unit_columns(rng, d, K)
    for _ in range(4):
        x = rng.normal(size=d)
        for k in range(1, min(d, 6) + 1):
            np.testing.assert_allclose(sol.omp(x, W, k), orthogonal_mp(W, x, n_nonzero_coefs=k),
                                       rtol=1e-9, atol=1e-11)


@pytest.mark.parametrize("seed", range(4))
def test_omp_equals_brute_force_on_sparse_signals(sol, seed):
    rng = np.random.default_rng(seed)
    # An incoherent dictionary (mutual coherence far below 1/(2k-1)): OMP provably recovers the support.
    d, K, k = 30, 10, 3
    Q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    W = Q[:, :K] + 0.02 * rng.normal(size=(d, K))
    W = W / np.linalg.norm(W, axis=0)
    G = np.abs(W.T @ W - np.eye(K))
    assert G.max() < 1 / (2 * k - 1)
    S = rng.choice(K, size=k, replace=False)
    x = W[:, S] @ (rng.choice([-1, 1], size=k) * rng.uniform(1, 2, size=k)) + 1e-3 * rng.normal(size=d)
    best, best_err = None, np.inf
    for supp in itertools.combinations(range(K), k):
        c = np.linalg.lstsq(W[:, supp], x, rcond=None)[0]
        err = np.sum((x - W[:, supp] @ c) ** 2)
        if err < best_err:
            best_err, best = err, np.zeros(K)
            best[list(supp)] = c
    h = sol.omp(x, W, k)
    np.testing.assert_allclose(h, best, rtol=1e-9, atol=1e-12)
    assert set(np.flatnonzero(h)) == set(S)


def test_omp_residual_orthogonal_and_support_size(sol):
    rng = np.random.default_rng(9)
    W, x = unit_columns(rng, 9, 14), rng.normal(size=9)
    for k in range(1, 9):
        h = sol.omp(x, W, k)
        supp = np.flatnonzero(h)
        assert len(supp) == k
        np.testing.assert_allclose(W[:, supp].T @ (x - W @ h), 0, atol=1e-12)


def test_omp_book_quiz_example_ties_and_early_stop(sol):
    np.testing.assert_array_equal(sol.omp(np.array([3.0, -5.0, 1.0, 0.5]), np.eye(4), 2), [3, -5, 0, 0])
    # ties: |x| = 2 at positions 0, 2, 3 of an identity dictionary -> lowest indices first
    np.testing.assert_array_equal(sol.omp(np.array([2.0, -1.0, 2.0, -2.0]), np.eye(4), 2), [2, 0, 2, 0])
    # exactly 2-sparse x with k = 4: stops after two atoms (residual 0)
    rng = np.random.default_rng(10)
    W = unit_columns(rng, 10, 16)
    x = 0.7 * W[:, 2] - 1.3 * W[:, 9]
    want = np.zeros(16)
    want[[2, 9]] = [0.7, -1.3]
    np.testing.assert_allclose(sol.omp(x, W, 4), want, atol=1e-12)
    np.testing.assert_array_equal(sol.omp(np.zeros(10), W, 3), np.zeros(16))
    np.testing.assert_array_equal(sol.omp(x, W, 0), np.zeros(16))


def test_omp_tie_case_of_the_hidden_tests(sol):
    P = np.zeros((5, 5))
    P[[3, 0, 4, 1, 2], [0, 1, 2, 3, 4]] = [1.0, -1.0, 1.0, -1.0, 1.0]
    x = np.array([2.0, -1.0, 2.0, -2.0, 0.5])
    # |Pᵀx| = [2, 2, 0.5, 1, 2]: atoms 0, 1, 4 tie; lowest indices first.
    np.testing.assert_array_equal(np.abs(P.T @ x), [2, 2, 0.5, 1, 2])
    np.testing.assert_allclose(sol.omp(x, P, 1), [-2, 0, 0, 0, 0])
    np.testing.assert_allclose(sol.omp(x, P, 2), [-2, -2, 0, 0, 0])
    np.testing.assert_allclose(sol.omp(x, P, 3), [-2, -2, 0, 0, 2])


# kl_sparsity_penalty ---------------------------------------------------------------------
@pytest.mark.parametrize("m,n,rho", [(5, 3, 0.05), (1, 4, 0.3), (8, 2, 0.9)])
def test_kl_matches_scipy_torch_and_central_differences(sol, m, n, rho):
    rng = np.random.default_rng(m + n)
    H = rng.uniform(0.02, 0.98, size=(m, n))
    omega, dH = sol.kl_sparsity_penalty(H, rho)
    rho_hat = H.mean(axis=0)
    assert omega == pytest.approx(np.sum(rel_entr(rho, rho_hat) + rel_entr(1 - rho, 1 - rho_hat)), rel=1e-12)
    Ht = torch.tensor(H, requires_grad=True)
    rh = Ht.mean(dim=0)
    om = (rho * torch.log(rho / rh) + (1 - rho) * torch.log((1 - rho) / (1 - rh))).sum()
    om.backward()
    np.testing.assert_allclose(dH, Ht.grad.numpy(), rtol=1e-12, atol=1e-14)
    eps = 1e-6
    num = np.zeros_like(H)
    for idx in np.ndindex(H.shape):
        E = np.zeros_like(H)
        E[idx] = eps
        num[idx] = (sol.kl_sparsity_penalty(H + E, rho)[0] - sol.kl_sparsity_penalty(H - E, rho)[0]) / (2 * eps)
    rel = np.max(np.abs(dH - num) / np.maximum(np.abs(dH) + np.abs(num), 1e-12))
    assert rel < 1e-6


def test_kl_zero_iff_at_target(sol):
    H = np.array([[0.05, 0.15], [0.15, 0.05]])
    omega, dH = sol.kl_sparsity_penalty(H, 0.1)
    assert omega == pytest.approx(0.0, abs=1e-15)
    np.testing.assert_allclose(dH, 0, atol=1e-14)
    rng = np.random.default_rng(3)
    for _ in range(20):
        Hr = rng.uniform(0.01, 0.99, size=(3, 4))
        assert sol.kl_sparsity_penalty(Hr, 0.1)[0] > 0
