# Generated from solutions/ch07/test_multitask.py by dlbook build. Edit that file instead.
"""Self-check for 7.7 (public tests): run `pytest exercises/ch07/test_multitask.py` or `dlbook check 7.7`.

These check small hand-computed cases and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("7.7")


def arrays_of(params):
    return [params["Ws"], params["bs"]] + [a for h in params["heads"] for a in (h["W"], h["b"])]


def test_init_shapes_zero_biases_and_no_aliasing(mod):
    p = mod.init_mtl_params(5, 4, [2, 2, 1], np.random.default_rng(0))
    assert p["Ws"].shape == (5, 4) and p["bs"].shape == (4,)
    assert [h["W"].shape for h in p["heads"]] == [(4, 2), (4, 2), (4, 1)]
    for h in p["heads"]:
        np.testing.assert_array_equal(h["b"], 0.0)
    arrs = arrays_of(p)
    for i in range(len(arrs)):
        for j in range(i + 1, len(arrs)):
            assert not np.shares_memory(arrs[i], arrs[j]), "every parameter must be its own array"


def test_init_follows_the_documented_draws(mod):
    p = mod.init_mtl_params(3, 2, [1, 2], np.random.default_rng(7))
    rng = np.random.default_rng(7)
    np.testing.assert_allclose(p["Ws"], rng.normal(0, np.sqrt(2 / 3), (3, 2)), rtol=1e-12)
    np.testing.assert_allclose(p["heads"][0]["W"], rng.normal(0, np.sqrt(1 / 2), (2, 1)), rtol=1e-12)
    np.testing.assert_allclose(p["heads"][1]["W"], rng.normal(0, np.sqrt(1 / 2), (2, 2)), rtol=1e-12)


def test_forward_by_hand(mod):
    params = {"Ws": np.array([[1.0, -1.0, 0.5]]), "bs": np.array([0.0, 1.0, -1.0]),
              "heads": [{"W": np.array([[1.0], [2.0], [3.0]]), "b": np.array([0.5])},
                        {"W": np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]), "b": np.array([0.0, -1.0])}]}
    outs, _ = mod.mtl_forward(np.array([[2.0], [-1.0]]), params)
    # h = relu([2, -1, 0]) = [2, 0, 0] and relu([-1, 2, -1.5]) = [0, 2, 0]
    np.testing.assert_allclose(outs[0], [[2.5], [4.5]])
    np.testing.assert_allclose(outs[1], [[2.0, -1.0], [0.0, 1.0]])


def test_loss_skips_missing_labels(mod):
    params = {"Ws": np.eye(2), "bs": np.zeros(2),
              "heads": [{"W": np.eye(2), "b": np.zeros(2)}, {"W": np.ones((2, 1)), "b": np.zeros(1)}]}
    X = np.array([[1.0, 2.0], [3.0, 0.0]])  # h = X, task 1 outputs X, task 2 outputs the row sums [3, 3]
    Y1 = np.array([[0.0, np.nan], [np.nan, 1.0]])  # residuals 1 and -1 on the 2 observed entries
    Y2 = np.array([[np.nan], [np.nan]])  # no label at all: contributes 0
    J, grads = mod.mtl_loss_and_grads(X, [Y1, Y2], params, np.array([2.0, 5.0]))
    assert J == pytest.approx(2.0 * (1 + 1) / 2)
    np.testing.assert_allclose(grads["heads"][1]["W"], 0.0)
    assert np.all(np.isfinite(grads["Ws"]))


def numeric_grad(f, x, h=1e-6):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[idx] += h
        xm[idx] -= h
        g[idx] = (f(xp) - f(xm)) / (2 * h)
    return g


def test_gradients_match_central_differences(mod):
    rng = np.random.default_rng(3)
    params = {"Ws": rng.normal(size=(3, 4)), "bs": rng.normal(size=4),
              "heads": [{"W": rng.normal(size=(4, 2)), "b": rng.normal(size=2)},
                        {"W": rng.normal(size=(4, 1)), "b": rng.normal(size=1)}]}
    X = rng.normal(size=(6, 3))
    Ys = [rng.normal(size=(6, 2)), rng.normal(size=(6, 1))]
    Ys[0][[0, 2, 5], 1] = np.nan
    Ys[1][4, 0] = np.nan
    lam = np.array([0.7, 1.6])
    _, grads = mod.mtl_loss_and_grads(X, Ys, params, lam)

    def loss_with(key, value, t=None):
        p = {"Ws": params["Ws"], "bs": params["bs"], "heads": [dict(h) for h in params["heads"]]}
        if t is None:
            p[key] = value
        else:
            p["heads"][t][key] = value
        return mod.mtl_loss_and_grads(X, Ys, p, lam)[0]

    for key in ("Ws", "bs"):
        num = numeric_grad(lambda v: loss_with(key, v), params[key])
        np.testing.assert_allclose(grads[key], num, rtol=1e-5, atol=1e-7, err_msg=f"gradient of {key}")
    for t in range(2):
        for key in ("W", "b"):
            num = numeric_grad(lambda v: loss_with(key, v, t), params["heads"][t][key])
            np.testing.assert_allclose(grads["heads"][t][key], num, rtol=1e-5, atol=1e-7,
                                       err_msg=f"gradient of heads[{t}]['{key}']")


def test_shared_gradient_is_the_weighted_sum_over_tasks(mod):
    rng = np.random.default_rng(4)
    params = mod.init_mtl_params(3, 5, [1, 2], rng)
    X, Ys = rng.normal(size=(7, 3)), [rng.normal(size=(7, 1)), rng.normal(size=(7, 2))]
    lam = np.array([0.3, 2.0])
    _, g = mod.mtl_loss_and_grads(X, Ys, params, lam)
    _, g0 = mod.mtl_loss_and_grads(X, Ys, params, np.array([1.0, 0.0]))
    _, g1 = mod.mtl_loss_and_grads(X, Ys, params, np.array([0.0, 1.0]))
    np.testing.assert_allclose(g["Ws"], lam[0] * g0["Ws"] + lam[1] * g1["Ws"], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(g1["heads"][0]["W"], 0.0, err_msg="head 1 gets no gradient from task 2")
