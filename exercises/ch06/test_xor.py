# Generated from solutions/ch06/test_xor.py by dlbook build. Edit that file instead.
"""Self-check for 6.1 (public tests): run `pytest exercises/ch06/test_xor.py` or `dlbook check 6.1`.

These check the book's own numbers and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("6.1")

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
Y = np.array([0, 1, 1, 0], dtype=float)
BOOK = dict(W=np.ones((2, 2)), c=np.array([0.0, -1.0]), w=np.array([1.0, -2.0]), b=0.0)


def test_linear_model_on_xor_gives_the_book_answer(mod):
    w, b, J = mod.fit_linear_model(X, Y)
    np.testing.assert_allclose(w, [0, 0], atol=1e-10, err_msg="w should be 0 on XOR (sec 6.1)")
    assert b == pytest.approx(0.5), "b should be 1/2"
    assert J == pytest.approx(0.25), "J should be 0.25 (eq 6.1)"


def test_book_network_solves_xor(mod):
    f, H = mod.relu_net_forward(X, BOOK["W"], BOOK["c"], BOOK["w"], BOOK["b"], return_hidden=True)
    np.testing.assert_allclose(f, Y, atol=1e-12)
    np.testing.assert_allclose(H, [[0, 0], [1, 0], [1, 0], [2, 1]], atol=1e-12, err_msg="eq 6.10")


def test_loss_is_zero_at_the_book_solution(mod):
    J, grads = mod.xor_mse_and_grads(X, Y, dict(BOOK))
    assert J == pytest.approx(0.0, abs=1e-12)
    assert set(grads) == {"W", "c", "w", "b"}
    for k in ("W", "c", "w"):
        np.testing.assert_allclose(grads[k], 0, atol=1e-12, err_msg=f"grad {k}")


def test_gradient_matches_central_differences(mod):
    rng = np.random.default_rng(1)
    params = dict(W=rng.normal(size=(2, 3)), c=rng.normal(size=3), w=rng.normal(size=3), b=0.3)
    _, grads = mod.xor_mse_and_grads(X, Y, params)
    h = 1e-6
    for key in ("W", "c", "w"):
        num = np.zeros_like(params[key])
        for idx in np.ndindex(num.shape):
            plus = {k: np.array(v, dtype=float) for k, v in params.items()}
            minus = {k: np.array(v, dtype=float) for k, v in params.items()}
            plus[key][idx] += h
            minus[key][idx] -= h
            num[idx] = (mod.xor_mse_and_grads(X, Y, plus)[0] - mod.xor_mse_and_grads(X, Y, minus)[0]) / (2 * h)
        np.testing.assert_allclose(grads[key], num, rtol=1e-5, atol=1e-7, err_msg=f"gradient of {key}")


def test_training_solves_xor(mod):
    params, history = mod.train_xor(hidden=8, lr=0.1, steps=3000, seed=0)
    assert history.shape == (3000,)
    assert history[-1] < 1e-3, "final loss should be below 1e-3 with 8 hidden units"
    f = mod.relu_net_forward(X, params["W"], params["c"], params["w"], params["b"])
    np.testing.assert_array_equal(np.round(f), Y)
