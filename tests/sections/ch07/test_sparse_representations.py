"""Hidden grading tests for 7.10 Sparse Representations.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs. ISTA is graded iterate by iterate (a few steps) and
near convergence; OMP on random, exactly sparse and tied inputs; the KL penalty on random
activations, at its target and near saturation.
"""
import numpy as np
import pytest

from autograder.testing import assert_close, assert_shape

pytestmark = pytest.mark.section("7.10")


def unit_columns(rng, d, K):
    W = rng.normal(size=(d, K))
    return W / np.linalg.norm(W, axis=0)


# sparse_code_ista ------------------------------------------------------------------------
@pytest.mark.parametrize("N,d,K,alpha,steps", [
    pytest.param(3, 5, 8, 0.2, 1, id="one-step-overcomplete"),
    pytest.param(4, 9, 4, 0.5, 7, id="seven-steps-undercomplete"),
    pytest.param(2, 6, 6, 0.1, 25, id="25-steps-square-W"),
])
def test_sparse_code_ista_few_steps(impl, ref, N, d, K, alpha, steps):
    # The iterates themselves: start at 0, step 1/L with L = ‖W‖₂², threshold α/L.
    rng = np.random.default_rng(10 * N + d + K)
    W, X = rng.normal(size=(d, K)) * 0.8, rng.normal(size=(N, d))
    got = impl.sparse_code_ista(X, W, alpha, steps)
    assert_shape(got, (N, K), "sparse_code_ista output (N, K)")
    assert_close(got, ref.sparse_code_ista(X, W, alpha, steps),
                 f"sparse_code_ista after {steps} step(s), X {X.shape}, W {W.shape}, alpha={alpha}")


@pytest.mark.parametrize("N,d,K,alpha", [
    pytest.param(5, 6, 10, 0.3, id="overcomplete-N5"),
    pytest.param(2, 12, 7, 1.0, id="undercomplete-alpha1"),
])
def test_sparse_code_ista_converged(impl, ref, N, d, K, alpha):
    rng = np.random.default_rng(d * K + N)
    W, X = rng.normal(size=(d, K)), rng.normal(size=(N, d)) * 2.0
    assert_close(impl.sparse_code_ista(X, W, alpha, 2000), ref.sparse_code_ista(X, W, alpha, 2000),
                 f"sparse_code_ista with 2000 steps, X {X.shape}, W {W.shape}, alpha={alpha}",
                 rtol=1e-7, atol=1e-9)


def test_sparse_code_ista_default_steps(impl, ref):
    rng = np.random.default_rng(21)
    W, X = rng.normal(size=(4, 6)), rng.normal(size=(3, 4))
    assert_close(impl.sparse_code_ista(X, W, 0.25), ref.sparse_code_ista(X, W, 0.25),
                 "sparse_code_ista with the default number of steps (2000)", rtol=1e-7, atol=1e-9)


def test_sparse_code_ista_alpha_zero_is_least_squares(impl, ref):
    rng = np.random.default_rng(22)
    W, X = rng.normal(size=(8, 3)), rng.normal(size=(4, 8))
    assert_close(impl.sparse_code_ista(X, W, 0.0, 500), ref.sparse_code_ista(X, W, 0.0, 500),
                 "sparse_code_ista with alpha=0 (no shrinkage), W (8, 3)", rtol=1e-7, atol=1e-9)


def test_sparse_code_ista_large_alpha_gives_zero_code(impl, ref):
    rng = np.random.default_rng(23)
    W, X = rng.normal(size=(5, 7)), rng.normal(size=(3, 5))
    alpha = 1.001 * np.abs(X @ W).max()
    got = impl.sparse_code_ista(X, W, alpha, 40)
    assert_shape(got, (3, 7), "sparse_code_ista output (N, K)")
    assert np.array_equal(np.asarray(got, dtype=float), ref.sparse_code_ista(X, W, alpha, 40)), \
        "sparse_code_ista with alpha ≥ max|Wᵀx|: the code must be exactly 0"


def test_sparse_code_ista_orthonormal_dictionary(impl, ref):
    # With orthonormal W (L = 1), ISTA is soft thresholding of Wᵀx from the first step on.
    rng = np.random.default_rng(24)
    Q, _ = np.linalg.qr(rng.normal(size=(6, 6)))
    X = rng.normal(size=(4, 6))
    for steps in (1, 30):
        assert_close(impl.sparse_code_ista(X, Q, 0.35, steps), ref.sparse_code_ista(X, Q, 0.35, steps),
                     f"sparse_code_ista with an orthonormal W, {steps} step(s)")


def test_sparse_code_ista_zero_steps(impl, ref):
    rng = np.random.default_rng(25)
    W, X = rng.normal(size=(3, 5)), rng.normal(size=(2, 3))
    got = impl.sparse_code_ista(X, W, 0.1, 0)
    assert_shape(got, (2, 5), "sparse_code_ista with steps=0")
    assert_close(got, ref.sparse_code_ista(X, W, 0.1, 0), "sparse_code_ista with steps=0 (the starting point)")


def test_sparse_code_ista_is_pure(impl, ref):
    rng = np.random.default_rng(26)
    W, X = rng.normal(size=(5, 8)), rng.normal(size=(3, 5))
    got = impl.pure("sparse_code_ista", X, W, 0.2, 60)
    assert_close(got, ref.sparse_code_ista(X, W, 0.2, 60), "sparse_code_ista (purity case, 60 steps)")


# omp -------------------------------------------------------------------------------------
@pytest.mark.parametrize("d,K,k", [
    pytest.param(10, 16, 1, id="k1"),
    pytest.param(10, 16, 3, id="k3"),
    pytest.param(8, 12, 6, id="k6"),
    pytest.param(6, 4, 4, id="undercomplete-all-atoms"),
])
def test_omp_random(impl, ref, d, K, k):
    rng = np.random.default_rng(100 + d + K + k)
    W, x = unit_columns(rng, d, K), rng.normal(size=d)
    got = impl.omp(x, W, k)
    assert_shape(got, (K,), "omp output (K,)")
    assert_close(got, ref.omp(x, W, k), f"omp with W {W.shape}, k={k}")


def test_omp_coherent_dictionary(impl, ref):
    # Strongly correlated atoms: re-fitting the whole support differs from matching pursuit.
    rng = np.random.default_rng(31)
    base = rng.normal(size=(5, 3))
    W = np.hstack([base, base @ rng.normal(size=(3, 4)) + 0.3 * rng.normal(size=(5, 4))])
    W = W / np.linalg.norm(W, axis=0)
    x = rng.normal(size=5)
    for k in (2, 4):
        assert_close(impl.omp(x, W, k), ref.omp(x, W, k), f"omp with a coherent W (5, 7), k={k}")


def test_omp_exactly_sparse_signal(impl, ref):
    # x uses two atoms: OMP finds them, and with k > 2 it stops when the residual reaches 0.
    rng = np.random.default_rng(32)
    W = unit_columns(rng, 10, 16)
    x = 0.7 * W[:, 2] - 1.3 * W[:, 9]
    for k in (2, 4):
        assert_close(impl.omp(x, W, k), ref.omp(x, W, k), f"omp on x = 0.7·W₂ − 1.3·W₉, k={k}")


def test_omp_ties_go_to_the_lowest_index(impl, ref):
    # A signed permutation dictionary: |W_jᵀx| ties exactly between several atoms.
    P = np.zeros((5, 5))
    P[[3, 0, 4, 1, 2], [0, 1, 2, 3, 4]] = [1.0, -1.0, 1.0, -1.0, 1.0]
    x = np.array([2.0, -1.0, 2.0, -2.0, 0.5])
    for k in (1, 2, 3):
        assert_close(impl.omp(x, P, k), ref.omp(x, P, k),
                     f"omp with tied correlations, k={k} (ties go to the lowest atom index)")


def test_omp_zero_cases(impl, ref):
    rng = np.random.default_rng(33)
    W, x = unit_columns(rng, 4, 6), rng.normal(size=4)
    assert_close(impl.omp(x, W, 0), ref.omp(x, W, 0), "omp with k=0")
    assert_close(impl.omp(np.zeros(4), W, 3), ref.omp(np.zeros(4), W, 3), "omp with x = 0, k=3")


def test_omp_is_pure(impl, ref):
    rng = np.random.default_rng(34)
    W, x = unit_columns(rng, 7, 9), rng.normal(size=7) + 1.0
    assert_close(impl.pure("omp", x, W, 3), ref.omp(x, W, 3), "omp (purity case, k=3)")


# kl_sparsity_penalty ---------------------------------------------------------------------
@pytest.mark.parametrize("m,n,rho", [
    pytest.param(5, 3, 0.05, id="m5-n3-rho0.05"),
    pytest.param(2, 7, 0.3, id="m2-n7-rho0.3"),
    pytest.param(9, 4, 0.8, id="m9-n4-rho0.8"),
])
def test_kl_sparsity_penalty_random(impl, ref, m, n, rho):
    rng = np.random.default_rng(m * n)
    H = rng.uniform(0.02, 0.98, size=(m, n))
    omega, dH = impl.kl_sparsity_penalty(H, rho)
    omega_ref, dH_ref = ref.kl_sparsity_penalty(H, rho)
    assert_close(omega, omega_ref, f"Ω for H {H.shape}, rho={rho}")
    assert_shape(dH, (m, n), "dH")
    assert_close(dH, dH_ref, f"dΩ/dH for H {H.shape}, rho={rho}")


def test_kl_sparsity_penalty_at_the_target(impl, ref):
    H = np.array([[0.05, 0.15, 0.1], [0.15, 0.05, 0.1], [0.1, 0.1, 0.1], [0.1, 0.1, 0.1]])
    assert_close(impl.kl_sparsity_penalty(H, 0.1), ref.kl_sparsity_penalty(H, 0.1),
                 "(Ω, dH) where every unit's average activation equals rho", atol=1e-10)


def test_kl_sparsity_penalty_single_example(impl, ref):
    H = np.array([[0.2, 0.6, 0.01, 0.9]])
    assert_close(impl.kl_sparsity_penalty(H, 0.1), ref.kl_sparsity_penalty(H, 0.1),
                 "(Ω, dH) for a single example, H (1, 4)")


def test_kl_sparsity_penalty_near_saturation(impl, ref):
    H = np.array([[1e-7, 1 - 1e-6], [2e-7, 1 - 3e-6], [1e-6, 1 - 2e-6]])
    assert_close(impl.kl_sparsity_penalty(H, 0.05), ref.kl_sparsity_penalty(H, 0.05),
                 "(Ω, dH) with activations close to 0 and to 1", rtol=1e-7)


def test_kl_sparsity_penalty_is_pure(impl, ref):
    H = np.random.default_rng(41).uniform(0.1, 0.9, size=(4, 3))
    assert_close(impl.pure("kl_sparsity_penalty", H, 0.2), ref.kl_sparsity_penalty(H, 0.2),
                 "kl_sparsity_penalty (purity case)")
