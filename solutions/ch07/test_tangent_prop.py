"""Self-check for 7.14 (public tests): run `pytest exercises/ch07/test_tangent_prop.py` or `dlbook check 7.14`.

These check the book's own identities and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("7.14")


def test_translation_tangents_of_simple_images(mod):
    # img(r, c) = 2c + r²: shifting right lowers every pixel at rate 2; shifting down at rate 2r
    # (central differences are exact for a quadratic; the borders use one-sided differences).
    r, c = np.mgrid[0:4, 0:5].astype(float)
    out = mod.translation_tangents(2 * c + r ** 2)
    assert out.shape == (2, 4, 5)
    np.testing.assert_allclose(out[0], -2.0, err_msg="out[0] = −∂img/∂col (shift right)")
    np.testing.assert_allclose(out[1][1:-1], -2 * r[1:-1], err_msg="out[1] = −∂img/∂row (shift down), interior")
    np.testing.assert_allclose(out[1][0], -1.0, err_msg="top row: one-sided difference img[1] − img[0]")
    np.testing.assert_allclose(out[1][-1], -5.0, err_msg="bottom row: one-sided difference img[-1] − img[-2]")


def test_tangent_is_the_first_order_shift(mod):
    # A bright pixel at (2, 2): shifting it right by a small amount brightens column 3 and dims
    # column 1; shifting it down brightens row 3 and dims row 1.
    img = np.zeros((5, 5))
    img[2, 2] = 1.0
    out = mod.translation_tangents(img)
    np.testing.assert_allclose(out[0][2], [0.0, -0.5, 0.0, 0.5, 0.0])
    np.testing.assert_allclose(out[1][:, 2], [0.0, -0.5, 0.0, 0.5, 0.0])


def test_tangent_prop_penalty_of_a_linear_function(mod):
    # f(x) = wᵀx with w = (1, 2, 3) and one tangent v = (1, 0, −1): ((∇f)ᵀv)² = (1 − 3)² = 4.
    w = np.array([1.0, 2.0, 3.0])
    assert mod.tangent_prop_penalty(w[None, :], np.array([[[1.0, 0.0, -1.0]]])) == pytest.approx(4.0)
    # Two examples, two tangents each: the mean over examples of the sum over tangents.
    grad_x = np.array([w, [1.0, 0.0, 0.0]])
    V = np.array([[[1.0, 0.0, -1.0], [0.0, 1.0, 0.0]], [[2.0, 5.0, 5.0], [0.0, 1.0, 0.0]]])
    assert mod.tangent_prop_penalty(grad_x, V) == pytest.approx(((4 + 4) + (4 + 0)) / 2)


def test_tangent_distance_is_zero_on_the_tangent_plane(mod):
    rng = np.random.default_rng(0)
    x1, T1, T2 = rng.normal(size=6), rng.normal(size=(6, 2)), rng.normal(size=(6, 1))
    a0 = np.array([0.7, -1.2])
    dist, a, b = mod.tangent_distance(x1, T1, x1 + T1 @ a0, T2)
    assert dist == pytest.approx(0.0, abs=1e-9)
    np.testing.assert_allclose(x1 + T1 @ a, x1 + T1 @ a0 + T2 @ b, atol=1e-9, err_msg="the two closest points meet")


def test_tangent_distance_bounds_and_symmetry(mod):
    rng = np.random.default_rng(1)
    x1, x2, T1, T2 = rng.normal(size=8), rng.normal(size=8), rng.normal(size=(8, 2)), rng.normal(size=(8, 3))
    dist, a, b = mod.tangent_distance(x1, T1, x2, T2)
    assert a.shape == (2,) and b.shape == (3,)
    assert 0.0 <= dist <= np.linalg.norm(x1 - x2)
    assert dist == pytest.approx(np.linalg.norm((x1 + T1 @ a) - (x2 + T2 @ b)))
    dist_swapped, a_s, b_s = mod.tangent_distance(x2, T2, x1, T1)
    assert dist_swapped == pytest.approx(dist)
    np.testing.assert_allclose(a_s, b, atol=1e-9)
    np.testing.assert_allclose(b_s, a, atol=1e-9)


def test_local_tangent_plane_of_a_circle(mod):
    # Neighbors of the point at angle θ on the unit circle: the tangent is ±(−sin θ, cos θ).
    theta = 0.6
    angles = theta + np.linspace(-0.05, 0.05, 11)
    U = mod.local_tangent_plane(np.column_stack([np.cos(angles), np.sin(angles)]), 1)
    assert U.shape == (2, 1)
    np.testing.assert_allclose(U[:, 0], [-np.sin(theta), np.cos(theta)], atol=1e-3,
                               err_msg="largest-magnitude entry positive: cos 0.6 > sin 0.6")


def test_local_tangent_plane_is_orthonormal_and_spans_the_plane(mod):
    rng = np.random.default_rng(2)
    basis = np.linalg.qr(rng.normal(size=(5, 2)))[0]
    neighbors = 3.0 + rng.normal(size=(20, 2)) * [2.0, 1.0] @ basis.T  # a plane far from the origin
    U = mod.local_tangent_plane(neighbors, 2)
    np.testing.assert_allclose(U.T @ U, np.eye(2), atol=1e-12)
    np.testing.assert_allclose(U @ U.T, basis @ basis.T, atol=1e-10, err_msg="same plane (center first)")
    assert np.all(U[np.argmax(np.abs(U), axis=0), [0, 1]] > 0)
