# Generated from solutions/ch07/test_dropout.py by dlbook build. Edit that file instead.
"""Self-check for 7.12 (public tests): run `pytest exercises/ch07/test_dropout.py` or `dlbook check 7.12`.

These check the book's own identities and simple properties; the grader runs more, hidden, tests.
"""
import itertools

import numpy as np
import pytest

pytestmark = pytest.mark.section("7.12")


def test_dropout_forward_small_example(mod):
    X = np.array([[1.0, -2.0, 3.0], [4.0, 5.0, -6.0]])
    mask = np.array([[True, False, True], [False, True, True]])
    np.testing.assert_allclose(mod.dropout_forward(X, 0.5, mask, "train", inverted=True),
                               [[2.0, 0.0, 6.0], [0.0, 10.0, -12.0]], err_msg="inverted: X * mask / p_keep")
    np.testing.assert_allclose(mod.dropout_forward(X, 0.5, mask, "train", inverted=False),
                               [[1.0, 0.0, 3.0], [0.0, 5.0, -6.0]], err_msg="book: X * mask")
    np.testing.assert_allclose(mod.dropout_forward(X, 0.5, None, "test", inverted=True), X,
                               err_msg="inverted dropout leaves test-time activations alone")
    np.testing.assert_allclose(mod.dropout_forward(X, 0.5, None, "test", inverted=False), 0.5 * X,
                               err_msg="weight scaling rule: multiply by p_keep at test time")


@pytest.mark.parametrize("inverted", [True, False])
def test_train_output_averages_to_test_output(mod, inverted):
    # E_mask[train output] = test output: average over every mask of a 3-unit layer, weighted by p(d).
    X = np.array([[0.5, -1.5, 2.0]])
    p_keep = 0.8
    mean = np.zeros_like(X)
    for bits in itertools.product((0, 1), repeat=3):
        d = np.array([bits], dtype=bool)
        weight = np.prod(np.where(d, p_keep, 1.0 - p_keep))
        mean += weight * mod.dropout_forward(X, p_keep, d, "train", inverted=inverted)
    np.testing.assert_allclose(mean, mod.dropout_forward(X, p_keep, None, "test", inverted=inverted), atol=1e-12)


def test_dropout_backward_matches_central_differences(mod):
    rng = np.random.default_rng(0)
    X, dout = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    mask = rng.random((3, 4)) < 0.6
    for inverted in (True, False):
        dX = mod.dropout_backward(dout, mask, 0.6, inverted=inverted)
        h, num = 1e-6, np.zeros_like(X)
        for idx in np.ndindex(X.shape):
            plus, minus = X.copy(), X.copy()
            plus[idx] += h
            minus[idx] -= h
            num[idx] = np.sum(dout * (mod.dropout_forward(plus, 0.6, mask, "train", inverted)
                                      - mod.dropout_forward(minus, 0.6, mask, "train", inverted))) / (2 * h)
        np.testing.assert_allclose(dX, num, rtol=1e-6, atol=1e-8, err_msg=f"dX (inverted={inverted})")


@pytest.mark.parametrize("p_keep", [0.5, 0.8])
def test_geometric_mean_is_the_weight_scaled_softmax(mod, p_keep):
    # Eq 7.66: the normalized geometric mean of the ensemble is softmax(p_keep Wᵀv + b), exactly.
    rng = np.random.default_rng(1)
    W, b, v = rng.normal(size=(5, 3)), rng.normal(size=3), rng.normal(size=5)
    geometric, arithmetic, weight_scaled = mod.softmax_dropout_ensemble(W, b, v, p_keep)
    np.testing.assert_allclose(geometric.sum(), 1.0, rtol=1e-12)
    np.testing.assert_allclose(arithmetic.sum(), 1.0, rtol=1e-12)
    np.testing.assert_allclose(geometric, weight_scaled, atol=1e-12)
    z = p_keep * v @ W + b
    np.testing.assert_allclose(weight_scaled, np.exp(z) / np.exp(z).sum(), rtol=1e-12, err_msg="bias not scaled")
    assert np.abs(arithmetic - weight_scaled).max() > 1e-3, "the arithmetic mean is a different ensemble"


def test_softmax_ensemble_single_input_by_hand(mod):
    # n = 1, p_keep = 1/2: two sub-networks, softmax(b) (dropped) and softmax(w v + b) (kept).
    W, b, v = np.array([[2.0, -1.0]]), np.array([0.0, 0.5]), np.array([1.5])
    geometric, arithmetic, _ = mod.softmax_dropout_ensemble(W, b, v, 0.5)
    sm = lambda z: np.exp(z) / np.exp(z).sum()
    np.testing.assert_allclose(arithmetic, 0.5 * sm(b) + 0.5 * sm(W[0] * v[0] + b), rtol=1e-12)
    g = np.sqrt(sm(b) * sm(W[0] * v[0] + b))
    np.testing.assert_allclose(geometric, g / g.sum(), rtol=1e-12, err_msg="eqs 7.58-7.59")


def test_mlp_gap_vanishes_when_every_relu_is_active(mod):
    # Large positive biases keep every pre-activation positive for every mask: the ReLU acts as the
    # identity, the network is linear in the mask, and the weight scaling rule is exact.
    rng = np.random.default_rng(2)
    W1, w2, x = rng.normal(size=(4, 3)), rng.normal(size=3), rng.normal(size=4)
    mean, scaled = mod.mlp_dropout_ensemble_gap(W1, np.full(3, 50.0), w2, 0.7, x, 0.8)
    assert mean == pytest.approx(scaled, abs=1e-10)
    # With zero biases some units switch off for some masks, and the two differ.
    mean, scaled = mod.mlp_dropout_ensemble_gap(W1, np.zeros(3), w2, 0.7, x, 0.8)
    assert abs(mean - scaled) > 1e-3
