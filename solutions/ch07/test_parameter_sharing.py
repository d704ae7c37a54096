"""Self-check for 7.9 (public tests): run `pytest exercises/ch07/test_parameter_sharing.py` or `dlbook check 7.9`.

These check small hand-computed cases and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("7.9")


def test_tying_penalty_small_case(mod):
    omega, gA, gB = mod.tying_penalty(np.array([1.0, 2.0]), np.array([0.0, 4.0]), 0.5)
    assert omega == pytest.approx(0.5 * (1 + 4)), "α‖wA − wB‖², no ½"
    np.testing.assert_allclose(gA, [1.0, -2.0])
    np.testing.assert_allclose(gB, [-1.0, 2.0], err_msg="∂Ω/∂wB = −∂Ω/∂wA")


def test_tying_penalty_is_zero_for_equal_weights(mod):
    w = np.arange(6.0).reshape(2, 3)
    omega, gA, gB = mod.tying_penalty(w, w.copy(), 3.0)
    assert omega == 0.0
    np.testing.assert_array_equal(gA, 0.0)
    np.testing.assert_array_equal(gB, 0.0)


def test_conv1d_valid_is_cross_correlation(mod):
    x = np.array([[1.0, 2.0, 3.0, 4.0]])
    y = mod.conv1d_valid(x, np.array([1.0, 0.0, -1.0]), 0.5)
    np.testing.assert_allclose(y, [[1 - 3 + 0.5, 2 - 4 + 0.5]], err_msg="y[i] = Σ w[k] x[i+k] + b (no flip)")
    np.testing.assert_allclose(y, [np.correlate(x[0], [1.0, 0.0, -1.0], mode="valid") + 0.5])


def test_dense_matrix_is_banded_toeplitz(mod):
    T = np.asarray(mod.conv1d_as_dense(np.array([1.0, 2.0]), 4))
    np.testing.assert_array_equal(T, [[1, 2, 0, 0], [0, 1, 2, 0], [0, 0, 1, 2]])
    x = np.random.default_rng(0).normal(size=(3, 6))
    w = np.array([0.5, -1.0, 2.0])
    np.testing.assert_allclose(x @ np.asarray(mod.conv1d_as_dense(w, 6)).T, mod.conv1d_valid(x, w, 0.0), atol=1e-12)


def test_shared_weight_gradient_is_a_sum(mod):
    x = np.array([[1.0, 2.0, 3.0, 4.0]])
    dx, dw, db = mod.conv1d_backward(x, np.array([1.0, -1.0]), np.ones((1, 3)))
    np.testing.assert_allclose(dw, [1 + 2 + 3, 2 + 3 + 4], err_msg="dw[k] sums over every position")
    np.testing.assert_allclose(dx, [[1.0, 0.0, 0.0, -1.0]])
    assert db == pytest.approx(3.0)


def test_conv1d_backward_matches_central_differences(mod):
    rng = np.random.default_rng(1)
    x, w, dout = rng.normal(size=(2, 7)), rng.normal(size=3), rng.normal(size=(2, 5))
    dx, dw, db = mod.conv1d_backward(x, w, dout)

    def loss(x_, w_, b_):
        return float(np.sum(dout * mod.conv1d_valid(x_, w_, b_)))

    h = 1e-6
    num_w = [(loss(x, w + h * e, 0.0) - loss(x, w - h * e, 0.0)) / (2 * h) for e in np.eye(3)]
    num_x = np.array([(loss(x + h * e.reshape(x.shape), w, 0.0) - loss(x - h * e.reshape(x.shape), w, 0.0)) / (2 * h)
                      for e in np.eye(x.size)]).reshape(x.shape)
    np.testing.assert_allclose(dw, num_w, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(dx, num_x, rtol=1e-6, atol=1e-8)
    assert db == pytest.approx((loss(x, w, h) - loss(x, w, -h)) / (2 * h), rel=1e-6)
