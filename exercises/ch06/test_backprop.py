# Generated from solutions/ch06/test_backprop.py by dlbook build. Edit that file instead.
"""Self-check for 6.5 (public tests): run `pytest exercises/ch06/test_backprop.py` or `dlbook check 6.5`.

These check closed forms, the book's own examples and simple properties; the grader runs more,
hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("6.5")


def central_differences(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    out = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        out[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return out


def test_numerical_gradient_matches_the_analytic_gradient(mod):
    f = lambda x: float(np.sum(np.sin(x) * x ** 2))  # noqa: E731
    x = np.array([[0.5, -1.0, 2.0], [1.5, 0.0, -0.3]])
    x_before = x.copy()
    grad = mod.numerical_gradient(f, x)
    assert np.shape(grad) == x.shape, "the gradient has the shape of x"
    np.testing.assert_allclose(grad, 2 * x * np.sin(x) + x ** 2 * np.cos(x), rtol=1e-6, atol=1e-9)
    np.testing.assert_array_equal(x, x_before, err_msg="numerical_gradient must not change x")


def test_numerical_gradient_casts_integer_input(mod):
    f = lambda x: float(np.sum(x ** 3))  # noqa: E731
    x = np.array([1, -2, 3])
    grad = mod.numerical_gradient(f, x)
    np.testing.assert_allclose(grad, 3.0 * x ** 2, rtol=1e-6, err_msg="integer x: cast to float first")
    np.testing.assert_array_equal(x, [1, -2, 3], err_msg="numerical_gradient must not change x")


def random_mlp(rng, sizes):
    return {k: v for l in range(1, len(sizes)) for k, v in
            ((f"W{l}", rng.normal(size=(sizes[l - 1], sizes[l]))), (f"b{l}", rng.normal(size=sizes[l])))}


def test_mlp_gradients_match_central_differences(mod):
    rng = np.random.default_rng(0)
    params = random_mlp(rng, (3, 5, 4, 2))
    X, y = rng.normal(size=(6, 3)), np.array([0, 1, 1, 0, 1, 0])
    J, grads = mod.mlp_forward_backward(params, X, y, 0.1)
    assert set(grads) == set(params)
    for key in params:
        def cost(v, key=key):
            return mod.mlp_forward_backward({**params, key: v}, X, y, 0.1)[0]
        np.testing.assert_allclose(grads[key], central_differences(cost, params[key]), rtol=1e-5, atol=1e-8,
                                   err_msg=f"gradient of {key}")


def test_weight_decay_adds_two_lam_w_to_weights_only(mod):
    rng = np.random.default_rng(1)
    params = random_mlp(rng, (4, 3, 3))
    X, y = rng.normal(size=(5, 4)), np.array([2, 0, 1, 1, 0])
    J0, g0 = mod.mlp_forward_backward(params, X, y, 0.0)
    J1, g1 = mod.mlp_forward_backward(params, X, y, 0.5)
    penalty = sum(np.sum(params[k] ** 2) for k in ("W1", "W2"))
    assert J1 - J0 == pytest.approx(0.5 * penalty), "eq 6.56: J gains lam * sum of squared weights (no 1/2)"
    for k in ("W1", "W2"):
        np.testing.assert_allclose(g1[k] - g0[k], 2 * 0.5 * params[k], atol=1e-12, err_msg=f"d{k}: + 2 lam W")
    for k in ("b1", "b2"):
        np.testing.assert_allclose(g1[k], g0[k], atol=1e-12, err_msg=f"biases are not penalized ({k})")


def test_reverse_mode_on_the_book_examples(mod):
    # Eqs 6.50-6.53: z = exp(exp(exp(w))), dz/dw = e^y e^x e^w.
    w = 0.3
    values, grads = mod.reverse_mode_autodiff([("input", ()), ("exp", (0,)), ("exp", (1,)), ("exp", (2,))], {0: w})
    x, y, z = np.exp(w), np.exp(np.exp(w)), np.exp(np.exp(np.exp(w)))
    np.testing.assert_allclose(values, [w, x, y, z], rtol=1e-12)
    np.testing.assert_allclose(grads, [np.exp(y) * np.exp(x) * np.exp(w), np.exp(y) * np.exp(x), np.exp(y), 1.0],
                               rtol=1e-12)
    # Fan-out: u = x*x + sin(x), du/dx = 2x + cos x.
    values, grads = mod.reverse_mode_autodiff([("input", ()), ("mul", (0, 0)), ("sin", (0,)), ("add", (1, 2))],
                                              {0: 1.3})
    assert values[-1] == pytest.approx(1.3 ** 2 + np.sin(1.3))
    assert grads[0] == pytest.approx(2 * 1.3 + np.cos(1.3)), "sum the contributions of every child"


def test_jacobian_chain_cost_quiz_example(mod):
    dims = [1000, 10, 10, 10, 1]
    assert mod.jacobian_chain_cost(dims, "right_to_left") == 10_200
    assert mod.jacobian_chain_cost(dims, "left_to_right") == 210_000
