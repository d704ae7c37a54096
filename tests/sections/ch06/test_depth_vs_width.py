"""Hidden grading tests for 6.4 Architecture Design: Depth vs Width.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs. Networks returned by ``tent_map_net`` and
``shallow_relu_interpolant`` are graded by behaviour (many weight choices are correct): they
are evaluated with the reference ``relu_mlp_forward`` and their layer widths are checked.
"""
import numpy as np
import pytest

from autograder.testing import Fn, assert_close, assert_shape, materialize

pytestmark = pytest.mark.section("6.4")


def random_net(rng, widths):
    """Layers (W (n_{l-1}, n_l), b (n_l,)) with the given widths; biases shifted so some outputs are negative."""
    return [(rng.normal(size=(a, b)), rng.normal(size=b) - 0.3) for a, b in zip(widths[:-1], widths[1:])]


def as_net(got, what, n_layers=None):
    """The student's network as float arrays, after checking its structure (no expected values in messages)."""
    assert isinstance(got, (list, tuple)), f"{what}: expected a list of (W, b) tuples, got {type(got).__name__}"
    if n_layers is not None:
        assert len(got) == n_layers, f"{what}: expected {n_layers} layers (W, b), got {len(got)}"
    net = []
    for i, layer in enumerate(got):
        assert isinstance(layer, (list, tuple)) and len(layer) == 2, f"{what}: layer {i} is not a pair (W, b)"
        try:
            W, b = np.asarray(layer[0], dtype=float), np.asarray(layer[1], dtype=float)
        except (TypeError, ValueError):
            raise AssertionError(f"{what}: layer {i} (W, b) are not numeric arrays") from None
        assert W.ndim == 2, f"{what}: layer {i} W should be 2-D (n_in, n_out), got shape {W.shape}"
        assert b.shape == (W.shape[1],), \
            f"{what}: layer {i} b should have shape (n_out,) = ({W.shape[1]},), got {b.shape}"
        if i > 0:
            assert W.shape[0] == net[-1][0].shape[1], f"{what}: layer {i} W does not fit the previous layer's width"
        net.append((W, b))
    return net


def evaluate(ref, net, x):
    """A 1-D network evaluated with the reference forward pass: x (n,) -> (n,)."""
    return ref.relu_mlp_forward(net, np.asarray(x, dtype=float)[:, None])[:, 0]


# relu_mlp_forward ---------------------------------------------------------------------------

@pytest.mark.parametrize("widths,m", [
    pytest.param([3, 5, 2], 6, id="one-hidden-3-5-2"),
    pytest.param([4, 6, 3, 2], 7, id="two-hidden-4-6-3-2"),
    pytest.param([2, 7, 5, 4, 3, 1], 5, id="four-hidden-to-scalar"),
    pytest.param([5, 3], 1, id="single-linear-layer-one-row"),
])
def test_relu_mlp_forward_random(impl, ref, widths, m):
    rng = np.random.default_rng(sum(widths) * 13 + m)
    params = random_net(rng, widths)
    X = rng.normal(size=(m, widths[0]))
    got = impl.relu_mlp_forward(params, X)
    assert_shape(got, (m, widths[-1]), f"relu_mlp_forward output for widths {widths}")
    assert_close(got, ref.relu_mlp_forward(params, X),
                 f"relu_mlp_forward on a random net with widths {widths} (ReLU on hidden layers only)")


def test_relu_mlp_forward_is_pure(impl, ref):
    rng = np.random.default_rng(4)
    args = (random_net(rng, [3, 4, 2, 2]), rng.normal(size=(5, 3)))
    assert_close(impl.pure("relu_mlp_forward", *args), ref.relu_mlp_forward(*args), "relu_mlp_forward (purity case)")


# tent_map_net -------------------------------------------------------------------------------

def tent_grid():
    # Dyadic points (the kinks), a uniform grid of 10^4 points and random points in [0, 1].
    rng = np.random.default_rng(64)
    return np.unique(np.concatenate([np.linspace(0, 1, 1025), np.linspace(0, 1, 10_000), rng.uniform(0, 1, 500)]))


@pytest.mark.parametrize("depth", [1, 3, 7])
def test_tent_map_net_computes_iterated_tent(impl, ref, depth):
    net = as_net(impl.tent_map_net(depth), f"tent_map_net({depth})")
    x = tent_grid()
    assert net[0][0].shape[0] == 1 and net[-1][0].shape[1] == 1, \
        f"tent_map_net({depth}): input and output dimension must be 1"
    assert_close(evaluate(ref, net, x), evaluate(ref, ref.tent_map_net(depth), x),
                 f"relu_mlp_forward(tent_map_net({depth}), x) against T^{depth}(x) on [0, 1]", atol=1e-9)


def test_tent_map_net_is_width_two_and_merged(impl):
    for depth in (1, 2, 4, 6):
        net = as_net(impl.tent_map_net(depth), f"tent_map_net({depth})", n_layers=depth + 1)
        widths = [W.shape[1] for W, _ in net[:-1]]
        assert all(w == 2 for w in widths), \
            f"tent_map_net({depth}): every hidden layer must have 2 units, got widths {widths}"


# count_linear_pieces_1d ---------------------------------------------------------------------

def check_count(impl, ref, f, lo, hi, what, **kw):
    # A plain comparison: the size of the error would give the expected count away.
    got = impl.count_linear_pieces_1d(f, lo, hi, **kw)
    arr = np.asarray(got) if isinstance(got, (int, float, np.ndarray, np.generic)) else None
    assert arr is not None and arr.size == 1 and arr.dtype.kind in "iuf", \
        f"{what}: expected an int, got {type(got).__name__}"
    assert float(arr.reshape(())) == ref.count_linear_pieces_1d(materialize(f), lo, hi, **kw), \
        f"{what}: wrong number of pieces"


@pytest.mark.parametrize("depth", [3, 9])
def test_count_linear_pieces_1d_tent_powers(impl, ref, depth):
    check_count(impl, ref, Fn("tent_power", depth=depth), 0.0, 1.0, f"pieces of T^{depth} on [0, 1]")
    check_count(impl, ref, Fn("tent_power", depth=depth), -0.25, 1.5,
                f"pieces of T^{depth} on [-0.25, 1.5] (kinks off the grid, pieces outside [0, 1])")


def test_count_linear_pieces_1d_kink_inside_grid_interval(impl, ref):
    check_count(impl, ref, Fn("abs"), -1.0, 1.3, "pieces of |x| on [-1, 1.3] (the kink is inside a grid interval)")
    check_count(impl, ref, Fn("abs"), -1.0, 1.0, "pieces of |x| on [-1, 1] (the kink is on a grid point)")
    check_count(impl, ref, Fn("abs"), -0.37, 0.81, "pieces of |x| on [-0.37, 0.81], n_grid=100", n_grid=100)
    check_count(impl, ref, Fn("abs"), 0.5, 2.0, "pieces of |x| on [0.5, 2] (no kink)")


def test_count_linear_pieces_1d_shallow_nets(impl, ref):
    # Kinks at -b1/w1: some inside [lo, hi], one outside, one unit that never switches.
    w1 = np.array([1.0, -2.0, 0.5, 3.0, 1.5, -1.0])
    b1 = np.array([0.3, -0.4, 0.1, 2.1, -3.6, 5.0])      # kinks -0.3, -0.2, -0.2 (shared), -0.7, 2.4, 5.0
    w2 = np.array([1.0, 0.7, -2.0, 0.4, 1.1, -0.6])
    f = Fn("shallow_relu", w1=w1, b1=b1, w2=w2, b2=-0.5)
    check_count(impl, ref, f, -1.0, 3.0, "pieces of a 6-unit shallow ReLU net on [-1, 3]")
    rng = np.random.default_rng(11)
    w1 = rng.normal(size=9)
    f = Fn("shallow_relu", w1=w1, b1=-w1 * np.linspace(-1.7, 1.9, 9), w2=rng.normal(size=9), b2=0.2)
    check_count(impl, ref, f, -2.0, 2.0, "pieces of a random 9-unit shallow ReLU net on [-2, 2]")


def test_count_linear_pieces_1d_collinear_knots_and_constants(impl, ref):
    f = Fn("piecewise_linear", knots=[0.0, 0.3, 0.55, 0.9, 1.0], values=[0.0, 0.6, 1.1, -0.5, 0.2])
    check_count(impl, ref, f, 0.0, 1.0, "pieces of an interpolant whose knot 0.3 is not a kink")
    f = Fn("piecewise_linear", knots=[0.0, 0.4, 1.0], values=[2.0, 2.0, 2.0])
    check_count(impl, ref, f, 0.0, 1.0, "pieces of a constant function")


def test_count_linear_pieces_1d_threshold_is_relative(impl, ref):
    # A small kink (relative slope change 1e-4): counted with rtol=1e-6, not with rtol=1e-3,
    # whatever the scale of f.
    for scale in (1e4, 1.0, 1e-3):
        f = Fn("piecewise_linear", knots=[0.0, 0.3, 1.0], values=[0.0, 0.3 * scale, (0.3 + 0.7 * 1.0001) * scale])
        for rtol in (1e-6, 1e-3):
            check_count(impl, ref, f, 0.0, 1.0,
                        f"pieces with a 1e-4 relative slope change, f scaled by {scale:g}, rtol={rtol:g}", rtol=rtol)


# shallow_relu_interpolant -------------------------------------------------------------------

@pytest.mark.parametrize("knots,values", [
    pytest.param([-1.0, -0.2, 0.5, 1.0, 2.5, 2.7], [0.5, -1.0, 2.0, -0.3, -1.2, -0.8],
                 id="uneven-knots-negative-values"),
    pytest.param([0.5, 1.5], [-2.0, -3.0], id="one-piece-negative"),
    pytest.param([-3.0, -2.0, 0.0, 0.25, 4.0, 5.0, 7.5, 8.0],
                 [1.0, 4.0, 4.0, -2.0, 3.0, 3.5, -6.0, 0.0], id="seven-pieces"),
])
def test_shallow_relu_interpolant_matches_interpolant(impl, ref, knots, values):
    knots, values = np.array(knots), np.array(values)
    K = knots.size - 1
    net = as_net(impl.shallow_relu_interpolant(knots, values), "shallow_relu_interpolant", n_layers=2)
    assert net[0][0].shape == (1, K), \
        f"shallow_relu_interpolant with {K + 1} knots: the hidden layer should have shape (1, K), got {net[0][0].shape}"
    x = np.concatenate([knots, np.linspace(knots[0], knots[-1], 4001)])
    assert_close(evaluate(ref, net, x), evaluate(ref, ref.shallow_relu_interpolant(knots, values), x),
                 f"the interpolating net on [{knots[0]}, {knots[-1]}] ({K + 1} knots)", atol=1e-10)


def test_shallow_relu_interpolant_of_tent_needs_one_unit_per_piece(impl, ref):
    depth = 6
    knots = np.linspace(0.0, 1.0, 2 ** depth + 1)
    values = evaluate(ref, ref.tent_map_net(depth), knots)
    net = as_net(impl.shallow_relu_interpolant(knots, values), "shallow_relu_interpolant", n_layers=2)
    assert net[0][0].shape[1] == 2 ** depth, \
        f"interpolating T^{depth} on its breakpoints: expected one hidden unit per piece, got {net[0][0].shape[1]}"
    x = np.linspace(0.0, 1.0, 8193)
    assert_close(evaluate(ref, net, x), evaluate(ref, ref.tent_map_net(depth), x),
                 f"shallow interpolant of T^{depth} against T^{depth} on [0, 1]", atol=1e-9)
    got = ref.count_linear_pieces_1d(lambda t: evaluate(ref, net, t), 0.0, 1.0)
    assert got == ref.count_linear_pieces_1d(lambda t: evaluate(ref, ref.tent_map_net(depth), t), 0.0, 1.0), \
        f"the shallow interpolant of T^{depth} has the wrong number of linear pieces"


def test_shallow_relu_interpolant_is_pure(impl, ref):
    knots, values = np.array([-1.0, 0.0, 0.5, 2.0]), np.array([1.0, -2.0, 3.0, -0.5])
    net = as_net(impl.pure("shallow_relu_interpolant", knots, values), "shallow_relu_interpolant", n_layers=2)
    x = np.linspace(-1.0, 2.0, 301)
    assert_close(evaluate(ref, net, x), np.interp(x, knots, values), "the interpolating net (purity case)",
                 atol=1e-10)
