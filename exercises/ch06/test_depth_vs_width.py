# Generated from solutions/ch06/test_depth_vs_width.py by dlbook build. Edit that file instead.
"""Self-check for 6.4 (public tests): run `pytest exercises/ch06/test_depth_vs_width.py` or `dlbook check 6.4`.

These check small known cases and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("6.4")


def tent(x, depth):
    """T^depth with T(x) = 2 relu(x) - 4 relu(x - 1/2), iterated in plain numpy."""
    y = np.asarray(x, dtype=float)
    for _ in range(depth):
        y = 2 * np.maximum(y, 0) - 4 * np.maximum(y - 0.5, 0)
    return y


def test_relu_mlp_forward_small_net_by_hand(mod):
    params = [(np.array([[1.0, -1.0, 2.0]]), np.array([0.0, 0.5, -1.0])),   # (1, 3)
              (np.array([[1.0, 0.0], [2.0, 1.0], [-1.0, 1.0]]), np.array([0.0, -3.0]))]  # (3, 2)
    X = np.array([[-1.0], [0.0], [2.0]])
    H = np.maximum(0, X @ params[0][0] + params[0][1])
    want = H @ params[1][0] + params[1][1]          # no ReLU on the output layer
    got = mod.relu_mlp_forward(params, X)
    assert np.shape(got) == (3, 2), "output shape should be (m, n_L)"
    np.testing.assert_allclose(got, want, atol=1e-12, err_msg="eqs 6.40-6.41; the last layer is linear")
    assert np.min(got) < 0, "the output layer is linear: negative outputs must survive"


def test_tent_map_net_computes_the_folded_tent(mod):
    x = np.linspace(0, 1, 1001)
    for depth in (1, 2, 3):
        net = mod.tent_map_net(depth)
        assert len(net) == depth + 1, f"depth {depth}: expected {depth + 1} layers (consecutive affine maps merged)"
        assert all(np.shape(W)[1] == 2 for W, _ in net[:-1]), "every hidden layer has width 2"
        got = mod.relu_mlp_forward(net, x[:, None])[:, 0]
        np.testing.assert_allclose(got, tent(x, depth), atol=1e-12, err_msg=f"T^{depth} on [0, 1]")


def test_count_linear_pieces_simple_cases(mod):
    assert mod.count_linear_pieces_1d(np.abs, -1.0, 1.0) == 2, "|x| on [-1, 1] (kink on a grid point)"
    assert mod.count_linear_pieces_1d(np.abs, -1.0, 1.3) == 2, "|x| on [-1, 1.3] (kink inside a grid interval)"
    assert mod.count_linear_pieces_1d(lambda x: 3 * x - 1, 0.0, 2.0) == 1, "a line has one piece"
    assert mod.count_linear_pieces_1d(lambda x: np.maximum(x - 5, 0), 0.0, 2.0) == 1, "kink outside [lo, hi]"


def test_count_linear_pieces_of_tent_powers(mod):
    for depth in (1, 2, 5):
        assert mod.count_linear_pieces_1d(lambda x: tent(x, depth), 0.0, 1.0) == 2 ** depth, \
            f"T^{depth} has 2^{depth} linear pieces on [0, 1] (Fig 6.5)"


def test_shallow_relu_interpolant_matches_np_interp(mod):
    knots = np.array([-1.0, -0.2, 0.5, 1.0, 2.5])
    values = np.array([0.5, -1.0, 2.0, -0.3, 1.0])
    net = mod.shallow_relu_interpolant(knots, values)
    assert len(net) == 2, "one hidden layer and a linear output layer"
    assert np.shape(net[0][0]) == (1, 4), "K = 4 hidden units for 5 knots"
    x = np.linspace(knots[0], knots[-1], 2001)
    got = mod.relu_mlp_forward(net, x[:, None])[:, 0]
    np.testing.assert_allclose(got, np.interp(x, knots, values), atol=1e-10)


def test_deep_beats_shallow_on_the_tent(mod):
    depth = 5
    knots = np.linspace(0, 1, 2 ** depth + 1)
    shallow = mod.shallow_relu_interpolant(knots, tent(knots, depth))
    deep = mod.tent_map_net(depth)
    assert np.shape(shallow[0][0])[1] == 2 ** depth, "the shallow net needs one unit per piece"
    assert sum(np.shape(W)[1] for W, _ in deep[:-1]) == 2 * depth, "the deep net has 2 units per layer"
    x = np.linspace(0, 1, 4097)[:, None]
    np.testing.assert_allclose(mod.relu_mlp_forward(shallow, x), mod.relu_mlp_forward(deep, x), atol=1e-9)


def test_functions_do_not_change_their_inputs(mod):
    params = [(np.array([[1.0, 2.0]]), np.array([0.0, -1.0])), (np.array([[1.0], [-1.0]]), np.array([0.5]))]
    copies = [(W.copy(), b.copy()) for W, b in params]
    X = np.array([[-1.0], [0.3], [2.0]])
    mod.relu_mlp_forward(params, X.copy())
    assert len(params) == 2, "relu_mlp_forward changed the length of params"
    for (W, b), (W0, b0) in zip(params, copies):
        np.testing.assert_array_equal(W, W0)
        np.testing.assert_array_equal(b, b0)
    knots, values = np.array([0.0, 1.0, 3.0]), np.array([1.0, -1.0, 2.0])
    mod.shallow_relu_interpolant(knots, values)
    np.testing.assert_array_equal(knots, [0.0, 1.0, 3.0])
    np.testing.assert_array_equal(values, [1.0, -1.0, 2.0])
