"""Hidden grading tests for 6.5 Back-Propagation and Other Differentiation Algorithms.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs.
"""
import numpy as np
import pytest

from autograder.testing import Fn, assert_close, assert_shape, materialize

pytestmark = pytest.mark.section("6.5")

# Any correct central-difference implementation agrees with the reference to round-off;
# forward differences are off by about h·f''/2.
NG_RTOL, NG_ATOL = 1e-6, 1e-8


def check_numerical_gradient(impl, ref, fn, x, what, **kw):
    got = impl.numerical_gradient(fn, x, **kw)
    want = ref.numerical_gradient(materialize(fn), x, **kw)
    assert_shape(got, np.shape(x), what)
    assert_close(got, want, what, rtol=NG_RTOL, atol=NG_ATOL)


# numerical_gradient ---------------------------------------------------------------------
@pytest.mark.parametrize("name", [pytest.param("sum_sin_x2", id="sum-sin-x2"),
                                  pytest.param("logsumexp", id="logsumexp")])
def test_numerical_gradient_1d(impl, ref, name):
    x = np.random.default_rng(1).normal(size=6) * 1.5
    check_numerical_gradient(impl, ref, Fn(name), x, f"numerical_gradient of {name} at a random x of shape (6,)")


def test_numerical_gradient_large_step(impl, ref):
    # With h = 1e-2 on a quadratic, central differences are exact up to round-off;
    # forward differences are off by h·w_i.
    x = np.array([0.3, -1.2, 2.0, 0.7])
    fn = Fn("weighted_sum_squares", weights=[1.0, 3.0, 0.5, 2.0])
    check_numerical_gradient(impl, ref, fn, x, "numerical_gradient of Σ w_i x_i² with h=1e-2", h=1e-2)
    fn = Fn("quadratic", A=[[2.0, 1.0, 0.0], [0.5, 3.0, -1.0], [0.0, 2.0, 1.0]], b=[1.0, -2.0, 0.5])
    check_numerical_gradient(impl, ref, fn, np.array([1.0, -0.5, 2.0]),
                             "numerical_gradient of a quadratic with a non-symmetric A, h=1e-3", h=1e-3)


def test_numerical_gradient_2d(impl, ref):
    x = np.random.default_rng(2).normal(size=(3, 4))
    check_numerical_gradient(impl, ref, Fn("logsumexp"), x, "numerical_gradient of logsumexp at x of shape (3, 4)")
    check_numerical_gradient(impl, ref, Fn("sum_sin_x2"), x.T.copy(),
                             "numerical_gradient of sum_sin_x2 at x of shape (4, 3)")


def test_numerical_gradient_integer_input(impl, ref):
    x = np.array([1, -2, 3, 0, 2])
    reply = impl.call("numerical_gradient", Fn("sum_sin_x2"), x)
    assert not reply.mutated, "numerical_gradient changed its integer input x in place"
    got = reply.value
    assert_shape(got, x.shape, "numerical_gradient at an integer x")
    assert np.asarray(got).dtype.kind == "f", "numerical_gradient at an integer x must return floats"
    assert_close(got, ref.numerical_gradient(materialize(Fn("sum_sin_x2")), x),
                 "numerical_gradient of sum_sin_x2 at an integer x (cast x to float first)",
                 rtol=NG_RTOL, atol=NG_ATOL)


def test_numerical_gradient_is_pure(impl, ref):
    rng = np.random.default_rng(3)
    for args in ((Fn("sum_sin_x2"), rng.normal(size=5)), (Fn("logsumexp"), rng.normal(size=(2, 3)))):
        assert_close(impl.pure("numerical_gradient", *args), ref.numerical_gradient(*materialize(args)),
                     f"numerical_gradient of {args[0].name} (purity case)", rtol=1e-6, atol=1e-8)


# mlp_forward_backward -------------------------------------------------------------------
def random_mlp(rng, sizes):
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(size=(sizes[l - 1], sizes[l])) / np.sqrt(sizes[l - 1])
        params[f"b{l}"] = rng.normal(size=sizes[l]) * 0.5
    return params


def check_mlp(impl, ref, params, X, y, lam, what):
    J, grads = impl.mlp_forward_backward(params, X, y, lam)
    J_ref, grads_ref = ref.mlp_forward_backward(params, X, y, lam)
    assert_close(J, J_ref, f"J {what}")
    assert isinstance(grads, dict), f"grads must be a dict with keys {sorted(params)}"
    for key in params:
        assert key in grads, f"grads has no key {key!r}"
        assert_shape(grads[key], params[key].shape, f"gradient of {key}")
        assert_close(grads[key], grads_ref[key], f"gradient of {key} {what}")


@pytest.mark.parametrize("sizes,lam", [pytest.param((4, 3), 0.1, id="L1-softmax-regression"),
                                       pytest.param((3, 5, 4), 0.05, id="L2-3-5-4"),
                                       pytest.param((5, 6, 3, 2), 0.2, id="L3-5-6-3-2")])
def test_mlp_forward_backward_layers(impl, ref, sizes, lam):
    rng = np.random.default_rng(sum(sizes))
    params = random_mlp(rng, sizes)
    m = 7
    X, y = rng.normal(size=(m, sizes[0])), rng.integers(0, sizes[-1], size=m)
    check_mlp(impl, ref, params, X, y, lam, f"for layer sizes {sizes}, lam={lam}, m={m}")


def test_mlp_forward_backward_weight_decay(impl, ref):
    # lam = 0 is the bare cross-entropy; lam > 0 adds lam·ΣW² (no ½) and 2·lam·W to every dW only.
    rng = np.random.default_rng(11)
    params = random_mlp(rng, (3, 4, 3))
    X, y = rng.normal(size=(6, 3)), rng.integers(0, 3, size=6)
    check_mlp(impl, ref, params, X, y, 0.0, "with lam=0")
    check_mlp(impl, ref, params, X, y, 0.7, "with lam=0.7 (penalty on weights only, no ½)")


def test_mlp_forward_backward_relu_kink(impl, ref):
    # Integer inputs and weights make several hidden pre-activations exactly 0: relu'(0) = 0.
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, -1.0], [0.0, 0.0]])
    params = {"W1": np.array([[1.0, -1.0, 2.0], [1.0, 1.0, -1.0]]), "b1": np.array([-1.0, 0.0, -1.0]),
              "W2": np.array([[1.0, -2.0], [0.5, 1.0], [-1.0, 3.0]]), "b2": np.array([0.2, -0.1])}
    y = np.array([0, 1, 1, 0, 1])
    check_mlp(impl, ref, params, X, y, 0.0, "where hidden pre-activations are exactly 0 (use relu'(0) = 0)")


def test_mlp_forward_backward_large_logits(impl, ref):
    # Logits of size ~1000: a softmax without subtracting the row maximum overflows.
    rng = np.random.default_rng(13)
    params = random_mlp(rng, (3, 4, 3))
    params["W2"] = params["W2"] * 300.0
    X, y = rng.normal(size=(5, 3)) * 3.0, np.array([0, 1, 2, 1, 0])
    check_mlp(impl, ref, params, X, y, 0.01, "with logits of size about 1000 (compute log-softmax stably)")


def test_mlp_forward_backward_is_pure(impl, ref):
    rng = np.random.default_rng(17)
    args = (random_mlp(rng, (3, 4, 2)), rng.normal(size=(5, 3)), np.array([0, 1, 1, 0, 1]), 0.1)
    assert_close(impl.pure("mlp_forward_backward", *args), ref.mlp_forward_backward(*args),
                 "mlp_forward_backward (J, grads) (purity case)", rtol=1e-6, atol=1e-8)


# reverse_mode_autodiff ------------------------------------------------------------------
def check_graph(impl, ref, nodes, inputs, what):
    values, grads = impl.reverse_mode_autodiff(nodes, inputs)
    values_ref, grads_ref = ref.reverse_mode_autodiff(nodes, inputs)
    assert_shape(values, (len(nodes),), f"values {what}")
    assert_shape(grads, (len(nodes),), f"grads {what}")
    assert_close(values, values_ref, f"values {what}")
    assert_close(grads, grads_ref, f"grads {what}")


def test_reverse_mode_autodiff_exp_chain(impl, ref):
    # The book's chain x = f(w), y = f(x), z = f(y) with f = exp (eqs 6.50-6.53).
    nodes = [("input", ()), ("exp", (0,)), ("exp", (1,)), ("exp", (2,))]
    check_graph(impl, ref, nodes, {0: 0.3}, "on the chain w -> exp -> exp -> exp (eqs 6.50-6.53)")


def test_reverse_mode_autodiff_fan_out(impl, ref):
    # u = x·x + sin(x): x reaches the output along three edges (fan-out), du/dx = 2x + cos x.
    nodes = [("input", ()), ("mul", (0, 0)), ("sin", (0,)), ("add", (1, 2))]
    check_graph(impl, ref, nodes, {0: 1.3}, "on u = x*x + sin(x) (gradients from every child must be summed)")


def test_reverse_mode_autodiff_sub_div_order(impl, ref):
    # sub and div are not symmetric: (a − b) / c and c / (b − a) need each parent's own partial.
    nodes = [("input", ()), ("input", ()), ("input", ()),
             ("sub", (0, 1)), ("div", (3, 2)),       # (a − b) / c
             ("sub", (1, 0)), ("div", (2, 5)),       # c / (b − a)
             ("sub", (4, 6))]
    check_graph(impl, ref, nodes, {0: 2.5, 1: 0.5, 2: 4.0},
                "on (a - b)/c - c/(b - a) (parents of sub and div are in order (a, b) for a - b, a / b)")


def test_reverse_mode_autodiff_shared_input(impl, ref):
    # One input feeds many nodes, through every op; relu at a positive and a negative argument.
    nodes = [("input", ()), ("input", ()),
             ("square", (0,)), ("exp", (0,)), ("sin", (0,)), ("log", (2,)),
             ("mul", (0, 1)), ("relu", (6,)), ("sub", (1, 0)), ("relu", (8,)),
             ("div", (3, 2)), ("add", (4, 5)), ("add", (7, 9)), ("mul", (10, 11)),
             ("sub", (13, 12)), ("add", (14, 0))]
    check_graph(impl, ref, nodes, {0: 0.8, 1: -1.7}, "on a graph where one input feeds many nodes")
    check_graph(impl, ref, nodes, {0: -1.1, 1: 0.6}, "on the same graph at another point")


def test_reverse_mode_autodiff_is_pure(impl, ref):
    nodes = [("input", ()), ("input", ()), ("mul", (0, 1)), ("sin", (0,)), ("add", (2, 3))]
    args = (nodes, {0: 0.5, 1: -2.0})
    assert_close(impl.pure("reverse_mode_autodiff", *args), ref.reverse_mode_autodiff(*args),
                 "reverse_mode_autodiff (values, grads) (purity case)")


# jacobian_chain_cost --------------------------------------------------------------------
@pytest.mark.parametrize("dims_list", [
    pytest.param([[1000, 10, 10, 10, 1]], id="gradient-of-scalar"),
    pytest.param([[1, 20, 30, 40, 50], [7, 3, 11, 2, 9, 5, 4], [6, 8]], id="mixed-dims"),
])
def test_jacobian_chain_cost(impl, ref, dims_list):
    for dims in dims_list:
        for order in ("left_to_right", "right_to_left"):
            got = impl.jacobian_chain_cost(dims, order)
            assert np.ndim(got) == 0 and float(got) == int(float(got)), "jacobian_chain_cost must return an int"
            assert_close(got, ref.jacobian_chain_cost(dims, order), f"jacobian_chain_cost({dims}, {order!r})",
                         rtol=0, atol=0)
