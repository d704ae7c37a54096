# Generated from solutions/ch07/test_sparse_representations.py by dlbook build. Edit that file instead.
"""Self-check for 7.10 (public tests): run `pytest exercises/ch07/test_sparse_representations.py`
or `dlbook check 7.10`.

These check the book's own example, optimality conditions and simple properties; the grader runs
more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("7.10")


def unit_columns(rng, d, K):
    W = rng.normal(size=(d, K))
    return W / np.linalg.norm(W, axis=0)


def test_omp_identity_dictionary_keeps_the_two_largest(mod):
    h = mod.omp(np.array([3.0, -5.0, 1.0, 0.5]), np.eye(4), 2)
    np.testing.assert_allclose(h, [3.0, -5.0, 0.0, 0.0], atol=1e-12,
                               err_msg="with W = I, OMP keeps the k entries of x largest in magnitude")


def test_omp_selects_k_atoms_and_leaves_an_orthogonal_residual(mod):
    rng = np.random.default_rng(0)
    W, x = unit_columns(rng, 8, 12), rng.normal(size=8)
    for k in (1, 3, 5):
        h = mod.omp(x, W, k)
        assert np.shape(h) == (12,), "h has one entry per atom (K,)"
        support = np.flatnonzero(np.abs(h) > 1e-12)
        assert len(support) == k, f"k = {k}: expected exactly k selected atoms"
        r = x - W @ h
        np.testing.assert_allclose(W[:, support].T @ r, 0, atol=1e-10,
                                   err_msg="the residual must be orthogonal to every selected atom")


def test_ista_with_orthonormal_W_is_soft_thresholding(mod):
    rng = np.random.default_rng(1)
    Q, _ = np.linalg.qr(rng.normal(size=(5, 5)))
    X, alpha = rng.normal(size=(3, 5)), 0.4
    V = X @ Q  # row i holds Qᵀx_i
    expected = np.sign(V) * np.maximum(np.abs(V) - alpha, 0)
    np.testing.assert_allclose(mod.sparse_code_ista(X, Q, alpha, steps=50), expected, atol=1e-10)


def test_ista_satisfies_the_lasso_optimality_conditions(mod):
    rng = np.random.default_rng(2)
    W, X, alpha = rng.normal(size=(6, 9)), rng.normal(size=(4, 6)), 0.3
    H = mod.sparse_code_ista(X, W, alpha, steps=20000)
    assert np.shape(H) == (4, 9), "H is (N, K)"
    G = (X - H @ W.T) @ W  # row i: Wᵀ(x_i − W h_i)
    on = H != 0
    np.testing.assert_allclose(G[on], alpha * np.sign(H[on]), atol=1e-6,
                               err_msg="on the support, Wᵀ(x − Wh) = α·sign(h)")
    assert np.all(np.abs(G[~on]) <= alpha + 1e-6), "off the support, |Wᵀ(x − Wh)| ≤ α"
    assert on.sum() < H.size, "with α > 0 some code entries should be exactly 0"


def test_ista_extreme_alphas(mod):
    rng = np.random.default_rng(3)
    W, X = rng.normal(size=(7, 3)), rng.normal(size=(2, 7))
    big = np.abs(X @ W).max()
    np.testing.assert_array_equal(mod.sparse_code_ista(X, W, big * 1.01, steps=100), np.zeros((2, 3)),
                                  err_msg="α ≥ max|Wᵀx| gives the all-zero code")
    lstsq = np.linalg.lstsq(W, X.T, rcond=None)[0].T
    np.testing.assert_allclose(mod.sparse_code_ista(X, W, 0.0, steps=3000), lstsq, rtol=1e-6, atol=1e-8,
                               err_msg="α = 0 with independent atoms gives the least-squares code")


def test_kl_penalty_is_zero_at_the_target(mod):
    H = np.array([[0.1, 0.3], [0.3, 0.1], [0.2, 0.2]])  # both column means are 0.2
    omega, dH = mod.kl_sparsity_penalty(H, 0.2)
    assert omega == pytest.approx(0.0, abs=1e-12)
    assert np.shape(dH) == (3, 2), "dH has the shape of H"
    np.testing.assert_allclose(dH, 0, atol=1e-12)
    omega, _ = mod.kl_sparsity_penalty(H, 0.05)
    assert omega > 0, "Ω > 0 when the average activations differ from ρ"


def test_kl_penalty_gradient_matches_central_differences(mod):
    rng = np.random.default_rng(4)
    H, rho, eps = rng.uniform(0.05, 0.95, size=(4, 3)), 0.1, 1e-6
    _, dH = mod.kl_sparsity_penalty(H, rho)
    num = np.zeros_like(H)
    for idx in np.ndindex(H.shape):
        E = np.zeros_like(H)
        E[idx] = eps
        num[idx] = (mod.kl_sparsity_penalty(H + E, rho)[0] - mod.kl_sparsity_penalty(H - E, rho)[0]) / (2 * eps)
    np.testing.assert_allclose(dH, num, rtol=1e-5, atol=1e-8)
