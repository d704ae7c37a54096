# Generated from solutions/ch07/test_under_constrained.py by dlbook build. Edit that file instead.
"""Self-check for 7.3 (public tests): run `pytest exercises/ch07/test_under_constrained.py` or `dlbook check 7.3`.

These check the book's own numbers and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("7.3")


def test_pinv_penrose_conditions(mod):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(5, 2)) @ rng.normal(size=(2, 4))  # rank 2, XᵀX singular
    P = mod.pinv_svd(X)
    assert P.shape == (4, 5)
    np.testing.assert_allclose(X @ P @ X, X, atol=1e-10, err_msg="X X⁺ X = X")
    np.testing.assert_allclose(P @ X @ P, P, atol=1e-10, err_msg="X⁺ X X⁺ = X⁺")
    np.testing.assert_allclose(X @ P, (X @ P).T, atol=1e-10, err_msg="X X⁺ symmetric")
    np.testing.assert_allclose(P @ X, (P @ X).T, atol=1e-10, err_msg="X⁺ X symmetric")


def test_pinv_of_a_diagonal_matrix(mod):
    X = np.array([[2.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    np.testing.assert_allclose(mod.pinv_svd(X), [[0.5, 0.0], [0.0, 0.0], [0.0, 0.0]], atol=1e-15)
    np.testing.assert_array_equal(mod.pinv_svd(np.zeros((2, 3))), np.zeros((3, 2)))


def test_quiz_example_min_norm_and_ridge(mod):
    # X = [[1, 1]], y = [2]: every w with w1 + w2 = 2 fits exactly; the shortest is (1, 1).
    X, y = np.array([[1.0, 1.0]]), np.array([2.0])
    np.testing.assert_allclose(mod.min_norm_least_squares(X, y), [1.0, 1.0], rtol=1e-12)
    P = mod.ridge_pinv_path(X, np.array([0.1]))
    assert P.shape == (1, 2, 1)
    np.testing.assert_allclose(P[0] @ y, [2 / 2.1, 2 / 2.1], rtol=1e-12)


def test_ridge_path_tends_to_the_pseudo_inverse(mod):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(6, 3)) @ rng.normal(size=(3, 5))  # rank 3 < n = 5
    alphas = np.logspace(0, -6, 7)
    P = mod.ridge_pinv_path(X, alphas)
    assert P.shape == (7, 5, 6)
    gaps = np.linalg.norm(P - mod.pinv_svd(X), axis=(1, 2))
    assert np.all(np.diff(gaps) < 0), "‖P(α) − X⁺‖ should shrink as α decreases (eq 7.29)"
    assert gaps[-1] < 1e-4


def test_min_norm_beats_other_solutions(mod):
    rng = np.random.default_rng(2)
    X, y = rng.normal(size=(3, 5)), rng.normal(size=3)
    w = mod.min_norm_least_squares(X, y)
    np.testing.assert_allclose(X @ w, y, atol=1e-10, err_msg="a wide X of full row rank fits exactly")
    null = np.linalg.svd(X)[2][3:]  # rows spanning the null space of X
    other = w + null.T @ rng.normal(size=2)
    np.testing.assert_allclose(X @ other, y, atol=1e-10)
    assert np.linalg.norm(other) > np.linalg.norm(w)


def test_logistic_norm_grows_without_weight_decay(mod):
    X = np.array([[1.0, 0.5], [2.0, -1.0], [-1.0, -0.5], [-1.5, 1.0]])
    y = np.array([1.0, 1.0, 0.0, 0.0])  # separable by w = (1, 0)
    free = mod.logistic_weight_norms(X, y, 1.0, 2000)
    decayed = mod.logistic_weight_norms(X, y, 1.0, 2000, alpha=0.1)
    assert free.shape == (2000,) and decayed.shape == (2000,)
    assert np.all(np.diff(free) > 0), "without weight decay the norm keeps growing"
    assert free[-1] > 5
    assert abs(decayed[-1] - decayed[-100]) < 1e-8, "with weight decay the norm converges"
