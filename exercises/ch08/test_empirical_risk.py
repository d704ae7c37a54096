# Generated from solutions/ch08/test_empirical_risk.py by dlbook build. Edit that file instead.
"""Self-check for 8.1 (public tests): run `pytest exercises/ch08/test_empirical_risk.py` or `dlbook check 8.1`.

These check the book's own numbers and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("8.1")


def test_shuffled_minibatches_cover_every_example_once(mod):
    batches = mod.shuffled_minibatches(10, 4, np.random.default_rng(0))
    assert [len(b) for b in batches] == [4, 4, 2], "n // b full chunks, then the n % b left over (never dropped)"
    assert all(np.asarray(b).dtype.kind in "iu" for b in batches), "indices are integer arrays"
    np.testing.assert_array_equal(np.sort(np.concatenate(batches)), np.arange(10),
                                  err_msg="one epoch uses every example exactly once")
    assert [len(b) for b in mod.shuffled_minibatches(12, 4, np.random.default_rng(0))] == [4, 4, 4], \
        "no empty chunk when b divides n"


def test_shuffled_minibatches_shuffle_once(mod):
    # Sec 8.1.3: shuffle once, then take consecutive minibatches: one rng.permutation call, nothing else.
    rng, twin = np.random.default_rng(5), np.random.default_rng(5)
    batches = mod.shuffled_minibatches(7, 3, rng)
    perm = twin.permutation(7)
    np.testing.assert_array_equal(np.concatenate(batches), perm, err_msg="consecutive chunks of rng.permutation(n)")
    assert rng.bit_generator.state == twin.bit_generator.state, "draw nothing but the one permutation"


def test_logistic_risk_at_zero_is_log2(mod):
    # θ = 0 predicts σ(0) = ½ everywhere: every loss is log 2 and ĝ = Xᵀ(½ − y)/m.
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [3.0, -2.0]])
    y = np.array([1, 0, 1])
    J, g = mod.logistic_empirical_risk_and_grad(np.zeros(2), X, y)
    assert J == pytest.approx(np.log(2.0))
    np.testing.assert_allclose(g, X.T @ (0.5 - y) / 3, rtol=1e-12, err_msg="ĝ = Xᵀ(σ(Xθ) − y)/m")
    J1, g1 = mod.logistic_empirical_risk_and_grad(np.zeros(2), X, y, np.array([2, 0]))
    np.testing.assert_allclose(g1, X[[2, 0]].T @ (0.5 - y[[2, 0]]) / 2, rtol=1e-12,
                               err_msg="on a minibatch, divide by m = len(idx)")


def test_logistic_risk_is_finite_for_huge_logits(mod):
    # Both examples confidently wrong by |xᵀθ| = 1000: each loss is 1000, not inf.
    J, g = mod.logistic_empirical_risk_and_grad(np.array([1.0]), np.array([[1000.0], [-1000.0]]), np.array([0, 1]))
    assert J == pytest.approx(1000.0), "use np.logaddexp, not log(sigmoid)"
    np.testing.assert_allclose(g, [1000.0], rtol=1e-12)


def test_logistic_gradient_matches_central_differences(mod):
    rng = np.random.default_rng(1)
    X, y, theta = rng.normal(size=(8, 3)), rng.integers(0, 2, size=8), rng.normal(size=3)
    idx = np.array([5, 1, 6])
    _, g = mod.logistic_empirical_risk_and_grad(theta, X, y, idx)
    h, num = 1e-6, np.zeros(3)
    for j in range(3):
        e = np.zeros(3)
        e[j] = h
        num[j] = (mod.logistic_empirical_risk_and_grad(theta + e, X, y, idx)[0]
                  - mod.logistic_empirical_risk_and_grad(theta - e, X, y, idx)[0]) / (2 * h)
    np.testing.assert_allclose(g, num, rtol=1e-6, atol=1e-9)


def test_minibatch_gradients_average_to_the_full_gradient(mod):
    # An exact partition into equal-size minibatches: the mean of the ĝ's is the full gradient (eq 8.9).
    rng = np.random.default_rng(2)
    X, y, theta = rng.normal(size=(12, 2)), rng.integers(0, 2, size=12), rng.normal(size=2)
    batches = mod.shuffled_minibatches(12, 3, rng)
    mean_g = np.mean([mod.logistic_empirical_risk_and_grad(theta, X, y, b)[1] for b in batches], axis=0)
    np.testing.assert_allclose(mean_g, mod.logistic_empirical_risk_and_grad(theta, X, y)[1], rtol=1e-12, atol=1e-14)


def test_standard_error_book_numbers(mod):
    # σ = 2, m = 64: σ/√m = 0.25. And 100× the examples shrink the error only 10× (sec 8.1.3).
    G = np.array([[-2.0], [2.0]])  # population std 2 (ddof = 0)
    assert mod.gradient_standard_error(G, 64)[0] == pytest.approx(0.25)
    ratio = mod.gradient_standard_error(G, 100)[0] / mod.gradient_standard_error(G, 10_000)[0]
    assert ratio == pytest.approx(10.0)


def test_standard_error_without_replacement(mod):
    # Finite-population correction √((n − m)/(n − 1)): m = n is the full batch (no error), m = 1 gives σ.
    rng = np.random.default_rng(3)
    G = rng.normal(size=(6, 3))
    sigma = G.std(axis=0)
    np.testing.assert_allclose(mod.gradient_standard_error(G, 6, replace=False), 0.0, atol=1e-15)
    np.testing.assert_allclose(mod.gradient_standard_error(G, 1, replace=False), sigma, rtol=1e-12)
    np.testing.assert_allclose(mod.gradient_standard_error(G, 4, replace=True), sigma / 2, rtol=1e-12)
