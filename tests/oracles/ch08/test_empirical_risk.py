"""8.1 reference against independent implementations: a twin generator, hypothesis properties,
central differences, SciPy's expit, PyTorch autograd, and exact enumeration / Monte Carlo of
the minibatch mean's standard error."""
import itertools

import numpy as np
import pytest
import scipy.special
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from autograder.testing import numerical_gradient, rel_error


@pytest.fixture(scope="module")
def sol(reference):
    return reference("8.1")


def t64(a):
    return torch.tensor(np.asarray(a, dtype=float), dtype=torch.float64)


# shuffled_minibatches --------------------------------------------------------------------------
@pytest.mark.parametrize("n,b", [(10, 4), (12, 4), (7, 1), (5, 8), (1, 1)])
def test_shuffled_minibatches_match_one_permutation(sol, n, b):
    rng, twin = np.random.default_rng(n * 31 + b), np.random.default_rng(n * 31 + b)
    batches = sol.shuffled_minibatches(n, b, rng)
    perm = twin.permutation(n)
    expected = [perm[i:i + b] for i in range(0, n, b)]
    assert len(batches) == len(expected)
    for got, want in zip(batches, expected):
        np.testing.assert_array_equal(got, want)
    assert rng.bit_generator.state == twin.bit_generator.state  # exactly one draw, as the twin's


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 60), b=st.integers(1, 70), seed=st.integers(0, 2**32 - 1))
def test_shuffled_minibatches_properties(sol, n, b, seed):
    rng = np.random.default_rng(seed)
    before = np.random.default_rng(seed)
    batches = sol.shuffled_minibatches(n, b, rng)
    assert [len(x) for x in batches] == [b] * (n // b) + ([n % b] if n % b else [])
    assert all(x.dtype.kind in "iu" for x in batches)
    np.testing.assert_array_equal(np.sort(np.concatenate(batches)), np.arange(n))
    before.permutation(n)
    assert rng.bit_generator.state == before.bit_generator.state


# logistic_empirical_risk_and_grad --------------------------------------------------------------
def data(seed, n, d, scale=1.0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=d), rng.normal(size=(n, d)) * scale, rng.integers(0, 2, size=n)


@pytest.mark.parametrize("n,d,idx", [(12, 3, None), (15, 2, [11, 2, 7, 0]), (8, 4, [3, 3, 0, 5, 3]), (1, 2, None)])
def test_logistic_matches_torch(sol, n, d, idx):
    theta, X, y = data(n * d, n, d, scale=2.0)
    J, g = sol.logistic_empirical_risk_and_grad(theta, X, y, None if idx is None else np.array(idx))
    rows = np.arange(n) if idx is None else np.array(idx)
    th = t64(theta).requires_grad_(True)
    Jt = F.binary_cross_entropy_with_logits(t64(X[rows]) @ th, t64(y[rows]), reduction="mean")
    Jt.backward()
    assert J == pytest.approx(Jt.item(), rel=1e-12)
    np.testing.assert_allclose(g, th.grad.numpy(), rtol=1e-11, atol=1e-14)


def test_logistic_closed_form_with_expit(sol):
    theta, X, y = data(3, 20, 3)
    J, g = sol.logistic_empirical_risk_and_grad(theta, X, y)
    p = scipy.special.expit(X @ theta)
    assert J == pytest.approx(-np.mean(y * np.log(p) + (1 - y) * np.log1p(-p)), rel=1e-12)
    np.testing.assert_allclose(g, X.T @ (p - y) / 20, rtol=1e-12, atol=1e-15)  # Xᵀ(σ(Xθ) − y)/m


@pytest.mark.parametrize("idx", [None, [4, 1, 1, 6]])
def test_logistic_gradient_central_differences(sol, idx):
    theta, X, y = data(4, 9, 3)
    idx = None if idx is None else np.array(idx)
    _, g = sol.logistic_empirical_risk_and_grad(theta, X, y, idx)
    num = numerical_gradient(lambda t: sol.logistic_empirical_risk_and_grad(t, X, y, idx)[0], theta)
    assert rel_error(g, num) < 1e-6


def test_logistic_idx_none_is_all_rows(sol):
    theta, X, y = data(5, 11, 2)
    full = sol.logistic_empirical_risk_and_grad(theta, X, y)
    every = sol.logistic_empirical_risk_and_grad(theta, X, y, np.arange(11))
    assert full[0] == every[0]
    np.testing.assert_array_equal(full[1], every[1])


def test_minibatch_gradients_are_unbiased_on_a_partition(sol):
    theta, X, y = data(6, 24, 3)
    batches = sol.shuffled_minibatches(24, 6, np.random.default_rng(0))
    grads = [sol.logistic_empirical_risk_and_grad(theta, X, y, b)[1] for b in batches]
    losses = [sol.logistic_empirical_risk_and_grad(theta, X, y, b)[0] for b in batches]
    J, g = sol.logistic_empirical_risk_and_grad(theta, X, y)
    np.testing.assert_allclose(np.mean(grads, axis=0), g, rtol=0, atol=1e-12)
    assert np.mean(losses) == pytest.approx(J, abs=1e-12)


def test_logistic_huge_logits_match_torch(sol):
    theta = np.array([1.0, -0.5])
    X = np.array([[1000.0, 0.0], [-1000.0, 0.0], [0.0, 2000.0], [0.0, -2000.0], [30.0, 4.0], [-2.0, 1.0]])
    y = np.array([0, 1, 1, 1, 0, 1])
    J, g = sol.logistic_empirical_risk_and_grad(theta, X, y)
    th = t64(theta).requires_grad_(True)
    Jt = F.binary_cross_entropy_with_logits(t64(X) @ th, t64(y), reduction="mean")
    Jt.backward()
    assert np.isfinite(J) and J == pytest.approx(Jt.item(), rel=1e-12)
    np.testing.assert_allclose(g, th.grad.numpy(), rtol=1e-12, atol=1e-12)
    J1, g1 = sol.logistic_empirical_risk_and_grad(np.array([1.0]), np.array([[1000.0], [-1000.0]]), np.array([0, 1]))
    assert J1 == pytest.approx(1000.0, rel=1e-14) and g1[0] == pytest.approx(1000.0, rel=1e-14)


# gradient_standard_error -----------------------------------------------------------------------
def small_population(seed, n, d):
    return np.random.default_rng(seed).normal(size=(n, d)) * np.arange(1, d + 1)


def test_standard_error_without_replacement_exact_enumeration(sol):
    # All C(8, 3) = 56 subsets are equally likely: the std of their means is the exact standard error.
    G = small_population(1, 8, 3)
    means = np.array([G[list(s)].mean(axis=0) for s in itertools.combinations(range(8), 3)])
    np.testing.assert_allclose(sol.gradient_standard_error(G, 3, replace=False), means.std(axis=0), rtol=1e-12)


def test_standard_error_with_replacement_exact_enumeration(sol):
    # All 8³ = 512 ordered i.i.d. draws are equally likely.
    G = small_population(2, 8, 3)
    means = np.array([G[list(s)].mean(axis=0) for s in itertools.product(range(8), repeat=3)])
    np.testing.assert_allclose(sol.gradient_standard_error(G, 3, replace=True), means.std(axis=0), rtol=1e-12)


@pytest.mark.parametrize("replace", [True, False])
def test_standard_error_monte_carlo(sol, replace):
    n, m, draws = 40, 12, 200_000
    G = small_population(3, n, 2)
    rng = np.random.default_rng(4)
    means = np.empty((draws, 2))
    for start in range(0, draws, 20_000):
        k = 20_000
        if replace:
            rows = rng.integers(0, n, size=(k, m))
        else:
            rows = np.argsort(rng.random((k, n)), axis=1)[:, :m]
        means[start:start + k] = G[rows].mean(axis=1)
    se = sol.gradient_standard_error(G, m, replace=replace)
    np.testing.assert_allclose(se, means.std(axis=0), rtol=1e-2)
    if not replace:  # the correction matters here: the naive σ/√m is visibly too large
        naive = sol.gradient_standard_error(G, m, replace=True)
        assert np.all(np.abs(means.std(axis=0) - naive) > 0.1 * naive)


def test_standard_error_closed_forms(sol):
    G = small_population(5, 10, 4)
    sigma = np.std(G, axis=0)  # ddof = 0
    np.testing.assert_allclose(sol.gradient_standard_error(G, 4), sigma / 2, rtol=1e-13)
    np.testing.assert_allclose(sol.gradient_standard_error(G, 10, replace=False), 0.0, atol=1e-15)
    np.testing.assert_allclose(sol.gradient_standard_error(G, 1, replace=False), sigma, rtol=1e-13)
    G2 = np.array([[-2.0], [2.0]])  # σ = 2 (quiz): m = 64 gives 0.25, and 100 → 10,000 examples shrink it 10×
    assert sol.gradient_standard_error(G2, 64)[0] == pytest.approx(0.25, rel=1e-14)
    assert sol.gradient_standard_error(G2, 100)[0] / sol.gradient_standard_error(G2, 10_000)[0] == pytest.approx(10.0)
