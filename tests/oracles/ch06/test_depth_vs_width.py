"""Oracle tests for 6.4: the reference against independent implementations and closed forms."""
from math import comb
from pathlib import Path

import numpy as np
import pytest
import torch
import yaml

pytestmark = pytest.mark.section("6.4")


def tent(x, depth):
    """T^depth by plain iteration of T(x) = 2 relu(x) - 4 relu(x - 1/2) (equivalently 1 - |2x - 1| on [0, 1])."""
    y = np.array(x, dtype=float)
    for _ in range(depth):
        y = 2 * np.maximum(y, 0) - 4 * np.maximum(y - 0.5, 0)
    return y


def loop_forward(params, X):
    """Eqs 6.40-6.41 one example and one unit at a time."""
    out = []
    for x in np.asarray(X, dtype=float):
        h = list(x)
        for l, (W, b) in enumerate(params):
            z = [sum(h[i] * W[i, j] for i in range(W.shape[0])) + b[j] for j in range(W.shape[1])]
            h = [max(0.0, v) for v in z] if l < len(params) - 1 else z
        out.append(h)
    return np.array(out)


def random_net(rng, widths):
    return [(rng.normal(size=(a, b)), rng.normal(size=b)) for a, b in zip(widths[:-1], widths[1:])]


def as_fn(sol, net):
    return lambda x: sol.relu_mlp_forward(net, x[:, None])[:, 0]


@pytest.mark.parametrize("widths", [[3, 5, 2], [4, 6, 3, 2], [2, 7, 5, 4, 3, 1], [5, 3]])
def test_relu_mlp_forward_matches_loop_reference(reference, widths):
    sol = reference("6.4")
    rng = np.random.default_rng(len(widths))
    params = random_net(rng, widths)
    X = rng.normal(size=(6, widths[0]))
    np.testing.assert_allclose(sol.relu_mlp_forward(params, X), loop_forward(params, X), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("widths", [[3, 5, 2], [4, 6, 3, 2], [2, 7, 5, 4, 3, 1]])
def test_relu_mlp_forward_matches_torch_sequential(reference, widths):
    sol = reference("6.4")
    rng = np.random.default_rng(100 + len(widths))
    params = random_net(rng, widths)
    layers = []
    for l, (W, b) in enumerate(params):
        lin = torch.nn.Linear(W.shape[0], W.shape[1], dtype=torch.float64)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(W.T))  # torch stores (out, in)
            lin.bias.copy_(torch.from_numpy(b))
        layers.append(lin)
        if l < len(params) - 1:
            layers.append(torch.nn.ReLU())
    net = torch.nn.Sequential(*layers)
    X = rng.normal(size=(20, widths[0]))
    with torch.no_grad():
        want = net(torch.from_numpy(X)).numpy()
    np.testing.assert_allclose(sol.relu_mlp_forward(params, X), want, rtol=1e-12, atol=1e-12)


def test_tent_map_net_matches_iterated_tent(reference):
    sol = reference("6.4")
    rng = np.random.default_rng(0)
    x = np.concatenate([rng.uniform(0, 1, 5000), np.linspace(0, 1, 5000)])  # 10^4 points
    for depth in range(1, 11):
        got = sol.relu_mlp_forward(sol.tent_map_net(depth), x[:, None])[:, 0]
        np.testing.assert_allclose(got, tent(x, depth), rtol=0, atol=1e-12, err_msg=f"depth {depth}")
    # the closed form on [0, 1]: T(x) = 1 - |2x - 1|
    np.testing.assert_allclose(tent(x, 1), 1 - np.abs(2 * x - 1), atol=1e-15)


def test_tent_map_net_pieces_double_while_parameters_grow_linearly(reference):
    sol = reference("6.4")
    for depth in range(1, 11):
        net = sol.tent_map_net(depth)
        assert len(net) == depth + 1
        assert [W.shape for W, _ in net] == [(1, 2)] + [(2, 2)] * (depth - 1) + [(2, 1)]
        assert sum(W.size + b.size for W, b in net) == 6 * depth + 1
        assert sol.count_linear_pieces_1d(as_fn(sol, net), 0.0, 1.0) == 2 ** depth


def test_count_linear_pieces_analytic_cases(reference):
    sol = reference("6.4")
    assert sol.count_linear_pieces_1d(np.abs, -1.0, 1.0) == 2            # kink on a grid point
    assert sol.count_linear_pieces_1d(np.abs, -1.0, 1.3) == 2            # kink inside a grid interval
    assert sol.count_linear_pieces_1d(np.abs, 0.1, 1.0) == 1
    for depth in range(1, 11):
        assert sol.count_linear_pieces_1d(lambda x: tent(x, depth), 0.0, 1.0) == 2 ** depth
        # outside [0, 1]: constant 0 left of 0 (one more kink); right of 1, T = 2 - 2x continues
        # the last piece of T, and T^depth = 0 for depth >= 2 (one more kink)
        extra = 1 if depth == 1 else 2
        assert sol.count_linear_pieces_1d(lambda x: tent(x, depth), -0.3, 1.2) == 2 ** depth + extra


@pytest.mark.parametrize("seed", range(5))
def test_count_linear_pieces_random_shallow_net(reference, seed):
    # N units with kinks at -b/w: at most N + 1 pieces, exactly (#distinct kinks in (lo, hi)) + 1
    # when the kinks are well separated (every slope change is nonzero with probability 1).
    sol = reference("6.4")
    rng = np.random.default_rng(seed)
    N = 12
    kinks = np.sort(rng.uniform(-3, 3, N))
    while np.min(np.diff(kinks)) < 0.01:
        kinks = np.sort(rng.uniform(-3, 3, N))
    w1 = rng.normal(size=N)
    b1, w2 = -w1 * kinks, rng.normal(size=N)
    f = lambda x: np.maximum(x[:, None] * w1 + b1, 0) @ w2  # noqa: E731
    lo, hi = -2.0, 2.5
    got = sol.count_linear_pieces_1d(f, lo, hi)
    assert got <= N + 1
    assert got == int(np.sum((kinks > lo) & (kinks < hi))) + 1


def test_count_linear_pieces_is_meaningless_for_smooth_functions(reference):
    # x² has no linear piece: every slope changes, the whole curve is one run of changes, and the
    # "count" depends on the grid and rtol (documented: only for piecewise-linear f).
    sol = reference("6.4")
    square = lambda x: x ** 2  # noqa: E731
    assert sol.count_linear_pieces_1d(square, -1.0, 1.0) == 2
    assert sol.count_linear_pieces_1d(square, -1.0, 1.0, n_grid=101, rtol=1e-3) == 2
    assert sol.count_linear_pieces_1d(square, -1.0, 1.0, n_grid=10_001, rtol=1e-3) == 1


@pytest.mark.parametrize("K", [1, 4, 17])
def test_shallow_relu_interpolant_matches_np_interp(reference, K):
    sol = reference("6.4")
    rng = np.random.default_rng(K)
    knots = np.sort(rng.uniform(-5, 5, K + 1))
    values = rng.normal(size=K + 1) * 3 - 1  # negative values: an output-layer ReLU would fail
    net = sol.shallow_relu_interpolant(knots, values)
    assert [W.shape for W, _ in net] == [(1, K), (K, 1)]
    x = np.concatenate([knots, np.linspace(knots[0], knots[-1], 20_001)])
    np.testing.assert_allclose(sol.relu_mlp_forward(net, x[:, None])[:, 0], np.interp(x, knots, values),
                               rtol=0, atol=1e-10)


@pytest.mark.parametrize("depth", [1, 4, 8])
def test_shallow_interpolant_of_tent_needs_exponentially_many_units(reference, depth):
    sol = reference("6.4")
    knots = np.linspace(0, 1, 2 ** depth + 1)
    shallow = sol.shallow_relu_interpolant(knots, tent(knots, depth))
    deep = sol.tent_map_net(depth)
    assert shallow[0][0].shape[1] == 2 ** depth        # one unit per piece
    assert sum(W.shape[1] for W, _ in deep[:-1]) == 2 * depth
    x = np.linspace(0, 1, 10_001)
    np.testing.assert_allclose(as_fn(sol, shallow)(x), tent(x, depth), atol=1e-10)
    assert sol.count_linear_pieces_1d(as_fn(sol, shallow), 0.0, 1.0, n_grid=2 ** 12 + 1) == 2 ** depth


def test_quiz_answers(reference):
    quiz = yaml.safe_load((Path(reference("6.4").__file__).parent / "quiz_depth_vs_width.yml").read_text())
    answers = {q["id"]: q["answer"] for q in quiz["questions"]}
    n, d, l = 4, 2, 3
    assert answers["regions-bound"] == comb(n, d) ** (d * (l - 1)) * n ** d == 20736  # eq 6.42
    sol = reference("6.4")
    knots = np.linspace(0, 1, 2 ** 10 + 1)
    assert answers["shallow-units-for-tent"] == sol.shallow_relu_interpolant(knots, tent(knots, 10))[0][0].shape[1]
