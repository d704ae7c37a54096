"""7.14 reference against independent implementations: np.gradient and SciPy's ndimage.shift
(translation tangents), directional finite differences (tangent prop), np.linalg.lstsq and
scipy.optimize.minimize (tangent distance), scikit-learn's PCA and a circle (tangent planes)."""
import numpy as np
import pytest
import scipy.ndimage
from scipy.optimize import minimize
from sklearn.decomposition import PCA


@pytest.fixture(scope="module")
def sol(reference):
    return reference("7.14")


def smooth_image(H=16, W=18):
    r, c = np.mgrid[0:H, 0:W].astype(float)
    return np.exp(-((r - 7.3) ** 2 / 30.0 + (c - 8.6) ** 2 / 40.0)) + 0.5 * np.exp(-((r - 5.0) ** 2 + (c - 12.0) ** 2) / 24.0)


# translation_tangents --------------------------------------------------------------------------
@pytest.mark.parametrize("H,W", [(5, 7), (2, 2), (9, 4)])
def test_translation_tangents_are_minus_np_gradient(sol, H, W):
    img = np.random.default_rng(H * W).normal(size=(H, W))
    out = sol.translation_tangents(img)
    np.testing.assert_array_equal(out[0], -np.gradient(img, axis=1))
    np.testing.assert_array_equal(out[1], -np.gradient(img, axis=0))


def test_translation_tangents_match_finite_shifts_with_scipy(sol):
    # d/dt of the image shifted right (down) by t, by cubic-spline shifts of ±δ; interior pixels,
    # loose tolerance (np.gradient's one-pixel central difference is itself an approximation).
    img, delta = smooth_image(), 1e-2
    out = sol.translation_tangents(img)
    for k, shift in ((0, (0.0, delta)), (1, (delta, 0.0))):
        plus = scipy.ndimage.shift(img, shift, order=3, mode="nearest")
        minus = scipy.ndimage.shift(img, tuple(-s for s in shift), order=3, mode="nearest")
        fd = (plus - minus) / (2 * delta)
        inner = (slice(2, -2), slice(2, -2))
        np.testing.assert_allclose(out[k][inner], fd[inner], atol=0.05 * np.abs(fd).max())
        assert np.corrcoef(out[k][inner].ravel(), fd[inner].ravel())[0, 1] > 0.999


def test_translation_tangent_predicts_a_small_shift(sol):
    img, a = smooth_image(), 0.3
    shifted = scipy.ndimage.shift(img, (0.0, a), order=3, mode="nearest")
    first_order = img + a * sol.translation_tangents(img)[0]
    inner = (slice(2, -2), slice(2, -2))
    assert np.abs(first_order - shifted)[inner].max() < 0.1 * np.abs(shifted - img)[inner].max()


# tangent_prop_penalty --------------------------------------------------------------------------
def test_penalty_of_a_linear_function(sol):
    rng = np.random.default_rng(1)
    w, V = rng.normal(size=5), rng.normal(size=(4, 3, 5))
    grad_x = np.tile(w, (4, 1))  # ∇ₓ(wᵀx) = w at every example
    want = np.mean([sum((w @ V[i, t]) ** 2 for t in range(3)) for i in range(4)])
    assert sol.tangent_prop_penalty(grad_x, V) == pytest.approx(want, rel=1e-12)
    assert sol.tangent_prop_penalty(np.array([[1.0, 2.0, 3.0]]), np.array([[[1.0, 0.0, -1.0]]])) == 4.0


def test_penalty_matches_directional_finite_differences(sol):
    # f(x) = Σ tanh(Ax): ∇f = Aᵀ(1 − tanh²(Ax)); the directional derivative along v is
    # (f(x + hv) − f(x − hv)) / (2h).
    rng = np.random.default_rng(2)
    A, X, V, h = rng.normal(size=(3, 4)), rng.normal(size=(5, 4)), rng.normal(size=(5, 2, 4)), 1e-5
    f = lambda x: np.tanh(A @ x).sum()
    grad_x = np.array([A.T @ (1 - np.tanh(A @ x) ** 2) for x in X])
    fd = np.array([[(f(X[i] + h * V[i, t]) - f(X[i] - h * V[i, t])) / (2 * h) for t in range(2)] for i in range(5)])
    assert sol.tangent_prop_penalty(grad_x, V) == pytest.approx((fd ** 2).sum(axis=1).mean(), rel=1e-8)


# tangent_distance ------------------------------------------------------------------------------
@pytest.mark.parametrize("n,t1,t2", [(9, 2, 3), (6, 1, 1), (20, 4, 2), (5, 3, 0)])
def test_tangent_distance_matches_lstsq_and_minimize(sol, n, t1, t2):
    rng = np.random.default_rng(n + t1 + t2)
    x1, x2, T1, T2 = rng.normal(size=n), rng.normal(size=n), rng.normal(size=(n, t1)), rng.normal(size=(n, t2))
    dist, a, b = sol.tangent_distance(x1, T1, x2, T2)
    A = np.hstack([T1, -T2])
    z = np.linalg.lstsq(A, x2 - x1, rcond=None)[0]
    np.testing.assert_allclose(np.concatenate([a, b]), z, rtol=1e-10, atol=1e-12)
    assert dist == pytest.approx(np.linalg.norm(A @ z - (x2 - x1)), rel=1e-12)
    res = minimize(lambda zz: np.sum((x1 + T1 @ zz[:t1] - x2 - T2 @ zz[t1:]) ** 2), np.zeros(t1 + t2),
                   method="BFGS", options={"gtol": 1e-10})
    assert dist == pytest.approx(np.sqrt(res.fun), rel=1e-6)
    assert 0.0 <= dist <= np.linalg.norm(x1 - x2)


def test_tangent_distance_properties(sol):
    rng = np.random.default_rng(3)
    x1, x2, T1, T2 = rng.normal(size=7), rng.normal(size=7), rng.normal(size=(7, 2)), rng.normal(size=(7, 2))
    d12, a, b = sol.tangent_distance(x1, T1, x2, T2)
    d21, a2, b2 = sol.tangent_distance(x2, T2, x1, T1)
    assert d12 == pytest.approx(d21, rel=1e-12)
    np.testing.assert_allclose(a2, b, rtol=1e-10)
    np.testing.assert_allclose(b2, a, rtol=1e-10)
    a0 = np.array([0.4, -2.0])
    d0, a_hat, _ = sol.tangent_distance(x1, T1, x1 + T1 @ a0, T2)
    assert d0 == pytest.approx(0.0, abs=1e-12)
    # Shared tangents: rank-deficient, the minimum-norm solution of the pseudo-inverse.
    d_s, a_s, b_s = sol.tangent_distance(x1, T1, x2, T1)
    np.testing.assert_allclose(np.concatenate([a_s, b_s]), np.linalg.pinv(np.hstack([T1, -T1])) @ (x2 - x1),
                               rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(a_s, -b_s, rtol=1e-9)
    P = T1 @ np.linalg.pinv(T1)
    assert d_s == pytest.approx(np.linalg.norm((np.eye(7) - P) @ (x2 - x1)), rel=1e-10)


# local_tangent_plane ---------------------------------------------------------------------------
@pytest.mark.parametrize("N,n,d", [(30, 6, 2), (5, 9, 3), (12, 4, 1), (40, 10, 4)])
def test_local_tangent_plane_matches_sklearn_pca(sol, N, n, d):
    rng = np.random.default_rng(N * n * d)
    neighbors = 3.0 + rng.normal(size=(N, n)) * np.linspace(3.0, 0.2, n)
    U = sol.local_tangent_plane(neighbors, d)
    comps = PCA(n_components=d).fit(neighbors).components_.T
    np.testing.assert_allclose(U @ U.T, comps @ comps.T, atol=1e-10)  # same subspace
    np.testing.assert_allclose(np.abs(U), np.abs(comps), atol=1e-10)  # same vectors up to sign
    np.testing.assert_allclose(U.T @ U, np.eye(d), atol=1e-12)
    assert np.all(U[np.argmax(np.abs(U), axis=0), np.arange(d)] > 0)


@pytest.mark.parametrize("theta", [0.3, 2.0, -2.5, 4.0])
def test_local_tangent_plane_of_a_circle(sol, theta):
    angles = theta + np.linspace(-0.05, 0.05, 21)
    U = sol.local_tangent_plane(np.column_stack([np.cos(angles), np.sin(angles)]), 1)
    tangent = np.array([-np.sin(theta), np.cos(theta)])
    assert abs(abs(U[:, 0] @ tangent) - 1.0) < 1e-6
