# Generated from solutions/ch09/test_strong_prior.py by dlbook build. Edit that file instead.
"""Self-check for 9.4 (public tests): run `pytest exercises/ch09/test_strong_prior.py` or `dlbook check 9.4`.

These check small examples, the book's counts and simple properties; the grader runs more,
hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("9.4")


def smooth_signals(N, n, rng):
    """Rows of white noise blurred by a Gaussian: neighbouring inputs are strongly correlated."""
    z = rng.normal(size=(N, n + 6))
    blur = np.exp(-0.5 * (np.arange(-3, 4) / 1.5) ** 2)
    return np.array([np.convolve(row, blur, "valid") for row in z])


def test_conv_as_dense_small_example(mod):
    W = mod.conv_as_dense(np.array([1.0, 2.0, 3.0]), 5)
    np.testing.assert_allclose(W, [[1, 2, 3, 0, 0],
                                   [0, 1, 2, 3, 0],
                                   [0, 0, 1, 2, 3]], err_msg="W[i, i + j] = w[j], no kernel flip")
    x = np.random.default_rng(0).normal(size=5)
    np.testing.assert_allclose(W @ x, np.correlate(x, [1.0, 2.0, 3.0], "valid"), atol=1e-12)


def test_conv_as_dense_prior_zeros(mod):
    # n_in = 100, k = 5: 96 outputs, 9,600 weights, of which the prior forces 9,120 to zero.
    W = np.asarray(mod.conv_as_dense(np.arange(1.0, 6.0), 100))
    assert W.shape == (96, 100)
    assert W.size - np.count_nonzero(W) == 9120
    assert len(np.unique(W[W != 0])) == 5, "only k = 5 free parameters, shared by every row"


def test_project_onto_conv_takes_diagonal_means(mod):
    W = np.arange(12.0).reshape(3, 4)  # n_in = 4, k = 2: diagonals [0, 5, 10] and [1, 6, 11]
    np.testing.assert_allclose(mod.project_onto_conv(W, 2), [5.0, 6.0], err_msg="w[j] = mean_i W[i, i + j]")
    w = np.array([0.5, -1.0, 2.0, 0.25])
    np.testing.assert_allclose(mod.project_onto_conv(mod.conv_as_dense(w, 9), 4), w, atol=1e-12,
                               err_msg="projecting a convolution matrix gives its kernel back")


def test_project_onto_conv_is_the_nearest_kernel(mod):
    rng = np.random.default_rng(1)
    W = rng.normal(size=(6, 9))
    w = np.asarray(mod.project_onto_conv(W, 4))
    best = np.linalg.norm(W - mod.conv_as_dense(w, 9))
    for _ in range(20):
        other = w + 0.1 * rng.normal(size=4)
        assert np.linalg.norm(W - mod.conv_as_dense(other, 9)) > best, "another kernel is closer to W"


def test_permutation_experiment_fc_is_permutation_invariant(mod):
    rng = np.random.default_rng(2)
    X = smooth_signals(40, 10, rng) + 0.3 * rng.normal(size=(40, 10))
    Y = rng.normal(size=(40, 8))
    res = mod.permutation_experiment(X, Y, rng.permutation(10), 3)
    assert set(res) == {"fc", "fc_perm", "conv", "conv_perm"}
    assert res["fc"] == pytest.approx(res["fc_perm"], rel=1e-9), "permuting the inputs permutes the FC weights"
    same = mod.permutation_experiment(X, Y, np.arange(10), 3)
    assert same["conv"] == pytest.approx(same["conv_perm"], rel=1e-12), "the identity permutation changes nothing"
    assert res["fc"] <= res["conv"] + 1e-12, "the FC layer has more parameters, so it fits at least as well"


def test_permutation_experiment_conv_needs_the_topology(mod):
    rng = np.random.default_rng(3)
    X = smooth_signals(60, 12, rng)
    kernel = np.array([1.0, -2.0, 0.5])
    Y = np.array([np.correlate(row, kernel, "valid") for row in X])  # a convolution made the targets
    res = mod.permutation_experiment(X, Y, rng.permutation(12), 3)
    assert res["conv"] == pytest.approx(0.0, abs=1e-20), "the true kernel fits exactly"
    assert res["conv_perm"] > 100 * res["conv"] + 1e-3, "after a permutation the convolution cannot fit"
    # MSE: mean over all N·(n_in − k + 1) entries
    res = mod.permutation_experiment(np.zeros((4, 5)), np.ones((4, 3)), np.arange(5), 3)
    assert res["fc"] == pytest.approx(1.0) and res["conv"] == pytest.approx(1.0)
