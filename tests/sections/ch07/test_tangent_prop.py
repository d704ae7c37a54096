"""Hidden grading tests for 7.14 Tangent Distance, Tangent Prop and Manifold Tangent Classifier.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs.
"""
import numpy as np
import pytest

from autograder.testing import assert_close, assert_shape, describe

pytestmark = pytest.mark.section("7.14")


def triple(value, name):
    assert isinstance(value, (tuple, list)) and len(value) == 3, \
        f"{name} must return a tuple (distance, a, b), got {describe(value)}"
    return value


def td_case(seed, n, t1, t2):
    rng = np.random.default_rng(seed)
    return rng.normal(size=n), rng.normal(size=(n, t1)), rng.normal(size=n), rng.normal(size=(n, t2))


def plane_neighbors(seed, N, n, d, offset=4.0, noise=0.05):
    """N points near a d-plane through a point far from the origin, with distinct spreads."""
    rng = np.random.default_rng(seed)
    basis = np.linalg.qr(rng.normal(size=(n, d)))[0]
    spread = np.linspace(3.0, 1.0, d)
    centre = offset * rng.normal(size=n)
    return centre + (rng.normal(size=(N, d)) * spread) @ basis.T + noise * rng.normal(size=(N, n))


# translation_tangents --------------------------------------------------------------------------
@pytest.mark.parametrize("H,W", [pytest.param(5, 7, id="5x7"), pytest.param(8, 3, id="8x3"),
                                 pytest.param(2, 2, id="2x2-all-borders")])
def test_translation_tangents_random(impl, ref, H, W):
    img = np.random.default_rng(10 * H + W).uniform(0.0, 16.0, size=(H, W))
    got = impl.translation_tangents(img)
    assert_shape(got, (2, H, W), "translation_tangents output")
    assert_close(got, ref.translation_tangents(img),
                 f"translation_tangents on a random {H}x{W} image (out[0]: shift right, out[1]: shift down)")


def test_translation_tangents_digit_borders(impl, ref):
    # An 8x8 digit with ink touching every border: the one-sided differences at the edges matter.
    img = np.array([[0, 0, 5, 13, 9, 1, 0, 0], [0, 0, 13, 15, 10, 15, 5, 0], [0, 3, 15, 2, 0, 11, 8, 0],
                    [0, 4, 12, 0, 0, 8, 8, 0], [0, 5, 8, 0, 0, 9, 8, 0], [0, 4, 11, 0, 1, 12, 7, 0],
                    [0, 2, 14, 5, 10, 12, 0, 0], [7, 0, 6, 13, 10, 0, 0, 16]], dtype=float)
    assert_close(impl.translation_tangents(img), ref.translation_tangents(img),
                 "translation_tangents on an 8x8 digit with ink at the borders (np.gradient, edge_order=1)")


def test_translation_tangents_is_pure(impl, ref):
    img = np.random.default_rng(11).normal(size=(4, 6))
    assert_close(impl.pure("translation_tangents", img), ref.translation_tangents(img),
                 "translation_tangents (purity case)")


# tangent_prop_penalty --------------------------------------------------------------------------
@pytest.mark.parametrize("m,T,n", [pytest.param(6, 2, 5, id="m6-T2-n5"), pytest.param(1, 3, 4, id="single-example"),
                                   pytest.param(4, 1, 7, id="one-tangent")])
def test_tangent_prop_penalty_random(impl, ref, m, T, n):
    rng = np.random.default_rng(100 + m * T * n)
    grad_x, V = rng.normal(size=(m, n)), rng.normal(size=(m, T, n))
    assert_close(impl.tangent_prop_penalty(grad_x, V), ref.tangent_prop_penalty(grad_x, V),
                 f"tangent_prop_penalty with grad_x ({m}, {n}), V ({m}, {T}, {n}) (mean over examples)")


def test_tangent_prop_penalty_is_pure(impl, ref):
    rng = np.random.default_rng(101)
    grad_x, V = rng.normal(size=(3, 4)), rng.normal(size=(3, 2, 4))
    assert_close(impl.pure("tangent_prop_penalty", grad_x, V), ref.tangent_prop_penalty(grad_x, V),
                 "tangent_prop_penalty (purity case)")


# tangent_distance ------------------------------------------------------------------------------
@pytest.mark.parametrize("n,t1,t2", [pytest.param(9, 2, 3, id="n9-t2-t3"), pytest.param(6, 1, 1, id="one-tangent-each"),
                                     pytest.param(5, 3, 0, id="one-sided")])
def test_tangent_distance_random(impl, ref, n, t1, t2):
    args = td_case(200 + n * 10 + t1, n, t1, t2)
    dist, a, b = triple(impl.tangent_distance(*args), "tangent_distance")
    want = ref.tangent_distance(*args)
    assert_close(dist, want[0], f"distance for n={n}, t1={t1}, t2={t2}")
    assert_shape(a, (t1,), "a")
    assert_shape(b, (t2,), "b")
    assert_close(a, want[1], f"a for n={n}, t1={t1}, t2={t2} (x1 + T1 a is the closest point)")
    assert_close(b, want[2], f"b for n={n}, t1={t1}, t2={t2} (x2 + T2 b is the closest point)")


def test_tangent_distance_on_the_tangent_plane(impl, ref):
    # x2 = x1 + T1 a0: the distance is 0 (up to rounding).
    x1, T1, _, T2 = td_case(210, 7, 2, 2)
    x2 = x1 + T1 @ np.array([1.5, -0.5])
    dist, a, b = triple(impl.tangent_distance(x1, T1, x2, T2), "tangent_distance")
    want = ref.tangent_distance(x1, T1, x2, T2)
    assert_close(dist, want[0], "distance when x2 lies on the tangent plane of x1", atol=1e-7)
    assert_close((a, b), want[1:], "(a, b) when x2 lies on the tangent plane of x1")


def test_tangent_distance_shared_tangents_min_norm(impl, ref):
    # Both points have the same tangent plane: [T1, −T2] is rank-deficient, and (a, b) is the
    # minimum-norm solution.
    x1, T1, x2, _ = td_case(211, 8, 2, 0)
    got = triple(impl.tangent_distance(x1, T1, x2, T1), "tangent_distance")
    assert_close(got, ref.tangent_distance(x1, T1, x2, T1),
                 "tangent_distance with T2 = T1 (rank-deficient: minimum-norm (a, b), as np.linalg.lstsq)")


def test_tangent_distance_is_pure(impl, ref):
    args = td_case(212, 6, 2, 2)
    assert_close(triple(impl.pure("tangent_distance", *args), "tangent_distance"), ref.tangent_distance(*args),
                 "tangent_distance (purity case)")


# local_tangent_plane ---------------------------------------------------------------------------
@pytest.mark.parametrize("N,n,d", [pytest.param(30, 6, 2, id="N30-n6-d2"), pytest.param(5, 9, 3, id="fewer-points-than-dims"),
                                   pytest.param(12, 4, 1, id="d1")])
def test_local_tangent_plane_random(impl, ref, N, n, d):
    neighbors = plane_neighbors(300 + N + n + d, N, n, d)
    got = impl.local_tangent_plane(neighbors, d)
    assert_shape(got, (n, d), "local_tangent_plane output")
    assert_close(got, ref.local_tangent_plane(neighbors, d),
                 f"local_tangent_plane for {N} neighbors in {n} dimensions, d={d} "
                 "(centered, decreasing singular values, largest-magnitude entry of each column positive)")


def test_local_tangent_plane_noisy_circle(impl, ref):
    rng = np.random.default_rng(320)
    angles = 2.0 + rng.uniform(-0.2, 0.2, size=15)
    neighbors = 5.0 * np.column_stack([np.cos(angles), np.sin(angles)]) + 0.01 * rng.normal(size=(15, 2))
    assert_close(impl.local_tangent_plane(neighbors, 1), ref.local_tangent_plane(neighbors, 1),
                 "local_tangent_plane of 15 noisy points on an arc of a circle of radius 5")


def test_local_tangent_plane_is_pure(impl, ref):
    neighbors = plane_neighbors(321, 10, 5, 2)
    assert_close(impl.pure("local_tangent_plane", neighbors, 2), ref.local_tangent_plane(neighbors, 2),
                 "local_tangent_plane (purity case)")
