"""6.5 reference against independent implementations: analytic gradients, SciPy, PyTorch autograd,
SymPy, central differences and brute force over parenthesizations."""
import itertools
from functools import lru_cache

import numpy as np
import pytest
import sympy
import torch
import torch.nn.functional as F
from scipy.optimize import approx_fprime

from autograder.testing import rel_error


@pytest.fixture(scope="module")
def sol(reference):
    return reference("6.5")


def sum_sin_x2(x):
    return float(np.sum(np.sin(x) * x ** 2))


def logsumexp(x):
    m = x.max()
    return float(m + np.log(np.exp(x - m).sum()))


# numerical_gradient ---------------------------------------------------------------------
@pytest.mark.parametrize("shape", [(7,), (3, 4), (2, 2, 3)])
def test_numerical_gradient_matches_analytic(sol, shape):
    x = np.random.default_rng(len(shape)).normal(size=shape)
    grad = sol.numerical_gradient(sum_sin_x2, x)
    assert grad.shape == shape and grad.dtype == np.float64
    assert rel_error(grad, 2 * x * np.sin(x) + x ** 2 * np.cos(x)) < 1e-6
    softmax = np.exp(x - x.max()) / np.exp(x - x.max()).sum()
    assert rel_error(sol.numerical_gradient(logsumexp, x), softmax) < 1e-6


def test_numerical_gradient_matches_scipy_forward_differences(sol):
    x = np.random.default_rng(5).normal(size=6)
    np.testing.assert_allclose(sol.numerical_gradient(sum_sin_x2, x), approx_fprime(x, sum_sin_x2, 1e-7),
                               rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(sol.numerical_gradient(logsumexp, x), approx_fprime(x, logsumexp, 1e-7),
                               rtol=1e-4, atol=1e-6)


def test_numerical_gradient_is_pure_and_casts_integers(sol):
    x = np.array([[1, -2], [3, 0]])
    before = x.copy()
    grad = sol.numerical_gradient(sum_sin_x2, x)
    np.testing.assert_array_equal(x, before)
    assert x.dtype == before.dtype and grad.dtype == np.float64
    xf = x.astype(float)
    np.testing.assert_allclose(grad, 2 * xf * np.sin(xf) + xf ** 2 * np.cos(xf), rtol=1e-8, atol=1e-9)
    y = np.random.default_rng(0).normal(size=(2, 3))
    y_before = y.copy()
    sol.numerical_gradient(logsumexp, y)
    np.testing.assert_array_equal(y, y_before)


def test_numerical_gradient_step_matters(sol):
    # On a cubic the central difference is exactly f' + h²: the step h is the one passed in.
    x = np.array([0.5, -1.0])
    grad = sol.numerical_gradient(lambda v: float(np.sum(v ** 3)), x, h=1e-2)
    np.testing.assert_allclose(grad, 3 * x ** 2 + 1e-4, rtol=1e-9)


# mlp_forward_backward -------------------------------------------------------------------
def random_mlp(rng, sizes):
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(size=(sizes[l - 1], sizes[l]))
        params[f"b{l}"] = rng.normal(size=sizes[l])
    return params


def torch_mlp(params, X, y, lam):
    L = len(params) // 2
    t = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in params.items()}
    H = torch.tensor(X, dtype=torch.float64)
    for l in range(1, L + 1):
        H = H @ t[f"W{l}"] + t[f"b{l}"]
        if l < L:
            H = torch.relu(H)
    J = F.cross_entropy(H, torch.tensor(y, dtype=torch.long)) + lam * sum((t[f"W{l}"] ** 2).sum()
                                                                         for l in range(1, L + 1))
    J.backward()
    return J.item(), {k: v.grad.numpy() for k, v in t.items()}


CASES = [pytest.param((4, 3), 0.1, id="L1"), pytest.param((3, 5, 4), 0.05, id="L2"),
         pytest.param((5, 6, 3, 2), 0.3, id="L3"), pytest.param((2, 8, 8, 8, 3), 0.0, id="L4-lam0")]


@pytest.mark.parametrize("sizes,lam", CASES)
def test_mlp_matches_torch(sol, sizes, lam):
    rng = np.random.default_rng(sum(sizes))
    params = random_mlp(rng, sizes)
    X, y = rng.normal(size=(9, sizes[0])), rng.integers(0, sizes[-1], size=9)
    J, grads = sol.mlp_forward_backward(params, X, y, lam)
    J_t, grads_t = torch_mlp(params, X, y, lam)
    assert J == pytest.approx(J_t, rel=1e-12)
    assert list(grads) == list(params)
    for k in params:
        np.testing.assert_allclose(grads[k], grads_t[k], rtol=1e-10, atol=1e-12, err_msg=k)


@pytest.mark.parametrize("sizes,lam", CASES[:3])
def test_mlp_matches_numerical_gradient(sol, sizes, lam):
    rng = np.random.default_rng(100 + sum(sizes))
    params = random_mlp(rng, sizes)
    X, y = rng.normal(size=(6, sizes[0])), rng.integers(0, sizes[-1], size=6)
    _, grads = sol.mlp_forward_backward(params, X, y, lam)
    for k in params:
        num = sol.numerical_gradient(lambda v, k=k: sol.mlp_forward_backward({**params, k: v}, X, y, lam)[0],
                                     params[k])
        assert rel_error(grads[k], num) < 1e-6, k


def test_mlp_relu_kink_matches_torch(sol):
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, -1.0], [0.0, 0.0]])
    params = {"W1": np.array([[1.0, -1.0, 2.0], [1.0, 1.0, -1.0]]), "b1": np.array([-1.0, 0.0, -1.0]),
              "W2": np.array([[1.0, -2.0], [0.5, 1.0], [-1.0, 3.0]]), "b2": np.array([0.2, -0.1])}
    y = np.array([0, 1, 1, 0, 1])
    assert np.sum(X @ params["W1"] + params["b1"] == 0) >= 5  # the kinks the hidden test relies on
    J, grads = sol.mlp_forward_backward(params, X, y, 0.0)
    J_t, grads_t = torch_mlp(params, X, y, 0.0)
    assert J == pytest.approx(J_t, rel=1e-12)
    for k in params:
        np.testing.assert_allclose(grads[k], grads_t[k], rtol=1e-10, atol=1e-12, err_msg=k)


def test_mlp_large_logits_is_finite_and_matches_torch(sol):
    rng = np.random.default_rng(13)
    params = random_mlp(rng, (3, 4, 3))
    params["W2"] *= 300.0
    X, y = rng.normal(size=(5, 3)) * 3.0, np.array([0, 1, 2, 1, 0])
    J, grads = sol.mlp_forward_backward(params, X, y, 0.01)
    J_t, grads_t = torch_mlp(params, X, y, 0.01)
    assert np.isfinite(J) and J == pytest.approx(J_t, rel=1e-12)
    for k in params:
        np.testing.assert_allclose(grads[k], grads_t[k], rtol=1e-9, atol=1e-9, err_msg=k)


def test_mlp_weight_decay_property(sol):
    rng = np.random.default_rng(3)
    params = random_mlp(rng, (4, 5, 3))
    before = {k: v.copy() for k, v in params.items()}
    X, y = rng.normal(size=(8, 4)), rng.integers(0, 3, size=8)
    J0, g0 = sol.mlp_forward_backward(params, X, y, 0.0)
    lam = 0.25
    J1, g1 = sol.mlp_forward_backward(params, X, y, lam)
    assert J1 - J0 == pytest.approx(lam * (np.sum(params["W1"] ** 2) + np.sum(params["W2"] ** 2)), rel=1e-12)
    for k in ("W1", "W2"):
        np.testing.assert_allclose(g1[k] - g0[k], 2 * lam * params[k], rtol=1e-12, atol=1e-14)
    for k in ("b1", "b2"):
        np.testing.assert_array_equal(g1[k], g0[k])
    for k in params:
        np.testing.assert_array_equal(params[k], before[k])


# reverse_mode_autodiff ------------------------------------------------------------------
def test_reverse_mode_exp_chain_closed_form(sol):
    for w in (-0.7, 0.0, 0.3):
        values, grads = sol.reverse_mode_autodiff([("input", ()), ("exp", (0,)), ("exp", (1,)), ("exp", (2,))],
                                                  {0: w})
        x = np.exp(w)
        y = np.exp(x)
        np.testing.assert_allclose(values, [w, x, y, np.exp(y)], rtol=1e-14)
        np.testing.assert_allclose(grads[0], np.exp(y) * np.exp(x) * np.exp(w), rtol=1e-14)  # eq 6.53


def test_reverse_mode_fan_out_closed_form(sol):
    for x in (-2.0, 0.4, 1.3):
        _, grads = sol.reverse_mode_autodiff([("input", ()), ("mul", (0, 0)), ("sin", (0,)), ("add", (1, 2))],
                                             {0: x})
        assert grads[0] == pytest.approx(2 * x + np.cos(x), rel=1e-14)


MIXED = [("input", ()), ("input", ()),
         ("square", (0,)), ("exp", (0,)), ("sin", (0,)), ("log", (2,)),
         ("mul", (0, 1)), ("relu", (6,)), ("sub", (1, 0)), ("relu", (8,)),
         ("div", (3, 2)), ("add", (4, 5)), ("add", (7, 9)), ("mul", (10, 11)),
         ("sub", (13, 12)), ("add", (14, 0))]
SUBDIV = [("input", ()), ("input", ()), ("input", ()), ("sub", (0, 1)), ("div", (3, 2)),
          ("sub", (1, 0)), ("div", (2, 5)), ("sub", (4, 6))]


def graph_value(nodes, point):
    """The output of a graph as a plain Python function of its inputs (independent of the reference)."""
    ops = {"add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
           "div": lambda a, b: a / b, "exp": np.exp, "log": np.log, "sin": np.sin,
           "square": lambda a: a * a, "relu": lambda a: max(a, 0.0)}
    vals = []
    for i, (op, pa) in enumerate(nodes):
        vals.append(point[i] if op == "input" else ops[op](*(vals[p] for p in pa)))
    return vals[-1]


@pytest.mark.parametrize("nodes,point", [pytest.param(MIXED, {0: 0.8, 1: -1.7}, id="mixed-a"),
                                         pytest.param(MIXED, {0: -1.1, 1: 0.6}, id="mixed-b"),
                                         pytest.param(SUBDIV, {0: 2.5, 1: 0.5, 2: 4.0}, id="sub-div")])
def test_reverse_mode_matches_central_differences(sol, nodes, point):
    values, grads = sol.reverse_mode_autodiff(nodes, point)
    keys = sorted(point)
    assert values[-1] == pytest.approx(graph_value(nodes, point), rel=1e-14)

    def f(v):
        return graph_value(nodes, dict(zip(keys, v)))

    num = sol.numerical_gradient(f, np.array([point[k] for k in keys]))
    assert rel_error(grads[keys], num) < 1e-6


def test_reverse_mode_matches_sympy(sol):
    a, b = sympy.symbols("a b")
    sym = {"add": lambda u, v: u + v, "sub": lambda u, v: u - v, "mul": lambda u, v: u * v,
           "div": lambda u, v: u / v, "exp": sympy.exp, "log": sympy.log, "sin": sympy.sin,
           "square": lambda u: u ** 2, "relu": lambda u: sympy.Max(u, 0)}
    exprs = []
    for op, pa in MIXED:
        exprs.append({0: a, 1: b}[len(exprs)] if op == "input" else sym[op](*(exprs[p] for p in pa)))
    point = {0: 0.8, 1: -1.7}
    _, grads = sol.reverse_mode_autodiff(MIXED, point)
    subs = {a: point[0], b: point[1]}
    for j, s in ((0, a), (1, b)):
        assert grads[j] == pytest.approx(float(sympy.diff(exprs[-1], s).subs(subs)), rel=1e-12)


def test_reverse_mode_relu_kink_and_unused_nodes(sol):
    # relu'(0) = 0 (PyTorch's convention); a node the output does not use has derivative 0.
    nodes = [("input", ()), ("input", ()), ("sub", (0, 1)), ("relu", (2,)), ("exp", (1,)), ("add", (3, 1))]
    _, grads = sol.reverse_mode_autodiff(nodes, {0: 0.5, 1: 0.5})
    xt = torch.tensor([0.5, 0.5], dtype=torch.float64, requires_grad=True)
    (torch.relu(xt[0] - xt[1]) + xt[1]).backward()
    np.testing.assert_allclose(grads[:2], xt.grad.numpy(), rtol=1e-14)
    assert grads[4] == 0.0 and grads[-1] == 1.0


# jacobian_chain_cost --------------------------------------------------------------------
def best_and_all_costs(dims):
    """Costs of every parenthesization of M_1 ... M_k (Catalan(k-1) of them), by brute force."""

    @lru_cache(maxsize=None)
    def costs(i, j):  # all costs of forming M_{i+1} ... M_j
        if j - i == 1:
            return (0,)
        out = []
        for s in range(i + 1, j):
            for left, right in itertools.product(costs(i, s), costs(s, j)):
                out.append(left + right + dims[i] * dims[s] * dims[j])
        return tuple(out)

    return costs(0, len(dims) - 1)


def left_assoc(dims):
    return sum(dims[0] * dims[i] * dims[i + 1] for i in range(1, len(dims) - 1))


def test_jacobian_chain_cost_quiz_numbers(sol):
    assert sol.jacobian_chain_cost([1000, 10, 10, 10, 1], "right_to_left") == 10_200
    assert sol.jacobian_chain_cost([1000, 10, 10, 10, 1], "left_to_right") == 210_000
    assert sol.jacobian_chain_cost([5, 7], "left_to_right") == 0
    with pytest.raises(ValueError):
        sol.jacobian_chain_cost([2, 3, 4], "middle_out")


@pytest.mark.parametrize("seed", range(6))
def test_jacobian_chain_cost_against_brute_force(sol, seed):
    rng = np.random.default_rng(seed)
    k = int(rng.integers(2, 7))
    dims = [int(d) for d in rng.integers(1, 30, size=k + 1)]
    all_costs = best_and_all_costs(tuple(dims))
    catalan = [1, 1, 2, 5, 14, 42][k - 1]
    assert len(all_costs) == catalan
    l2r = sol.jacobian_chain_cost(dims, "left_to_right")
    r2l = sol.jacobian_chain_cost(dims, "right_to_left")
    assert isinstance(l2r, int) and isinstance(r2l, int)
    assert l2r in all_costs and r2l in all_costs
    assert min(all_costs) <= min(l2r, r2l)
    assert l2r == left_assoc(dims)
    # Right to left on (M_1 ... M_k) is left to right on the transposed chain M_kᵀ ... M_1ᵀ.
    assert r2l == left_assoc(dims[::-1])
