"""6.1 reference against independent implementations: lstsq, scikit-learn, PyTorch, central differences."""
import numpy as np
import pytest
import torch
from sklearn.linear_model import LinearRegression

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
Y = np.array([0, 1, 1, 0], dtype=float)
BOOK = dict(W=np.ones((2, 2)), c=np.array([0.0, -1.0]), w=np.array([1.0, -2.0]), b=0.0)


@pytest.fixture(scope="module")
def sol(reference):
    return reference("6.1")


def test_linear_fit_book_numbers(sol):
    w, b, J = sol.fit_linear_model(X, Y)
    np.testing.assert_allclose(w, 0, atol=1e-12)
    assert b == pytest.approx(0.5, abs=1e-12) and J == pytest.approx(0.25, abs=1e-12)


@pytest.mark.parametrize("seed", range(3))
def test_linear_fit_matches_lstsq_and_sklearn(sol, seed):
    rng = np.random.default_rng(seed)
    A, y = rng.normal(size=(20, 3)), rng.normal(size=20)
    w, b, J = sol.fit_linear_model(A, y)
    theta = np.linalg.lstsq(np.c_[A, np.ones(20)], y, rcond=None)[0]
    np.testing.assert_allclose(np.r_[w, b], theta, rtol=1e-10, atol=1e-12)
    lr = LinearRegression().fit(A, y)
    np.testing.assert_allclose(w, lr.coef_, rtol=1e-8, atol=1e-10)
    assert b == pytest.approx(lr.intercept_, rel=1e-8, abs=1e-10)
    assert J == pytest.approx(np.mean((lr.predict(A) - y) ** 2), rel=1e-8)


def test_forward_book_solution(sol):
    f, H = sol.relu_net_forward(X, **BOOK, return_hidden=True)
    np.testing.assert_array_equal(f, Y)
    np.testing.assert_array_equal(H, [[0, 0], [1, 0], [1, 0], [2, 1]])


def test_forward_matches_loops_and_torch(sol):
    rng = np.random.default_rng(4)
    Xr, W, c, w, b = rng.normal(size=(6, 3)), rng.normal(size=(3, 5)), rng.normal(size=5), rng.normal(size=5), 0.7
    loop = np.array([sum(max(0.0, sum(Xr[i, k] * W[k, j] for k in range(3)) + c[j]) * w[j] for j in range(5)) + b
                     for i in range(6)])
    np.testing.assert_allclose(sol.relu_net_forward(Xr, W, c, w, b), loop, rtol=1e-12)
    t = torch.relu(torch.tensor(Xr) @ torch.tensor(W) + torch.tensor(c)) @ torch.tensor(w) + b
    np.testing.assert_allclose(sol.relu_net_forward(Xr, W, c, w, b), t.numpy(), rtol=1e-12)


def numeric_grads(sol, Xr, y, params, h=1e-6):
    out = {}
    for key in params:
        base = np.array(params[key], dtype=float)
        g = np.zeros_like(base)
        for idx in np.ndindex(base.shape):
            p, m = dict(params), dict(params)
            bp, bm = base.copy(), base.copy()
            bp[idx] += h
            bm[idx] -= h
            p[key], m[key] = bp, bm
            g[idx] = (sol.xor_mse_and_grads(Xr, y, p)[0] - sol.xor_mse_and_grads(Xr, y, m)[0]) / (2 * h)
        out[key] = g
    return out


@pytest.mark.parametrize("seed", range(3))
def test_gradients_central_differences_and_autograd(sol, seed):
    rng = np.random.default_rng(seed)
    Xr, y = rng.normal(size=(7, 2)), rng.normal(size=7)
    params = dict(W=rng.normal(size=(2, 4)), c=rng.normal(size=4), w=rng.normal(size=4), b=rng.normal())
    J, grads = sol.xor_mse_and_grads(Xr, y, params)
    num = numeric_grads(sol, Xr, y, params)
    for k in params:
        a, n = np.asarray(grads[k], float), num[k]
        rel = np.max(np.abs(a - n) / np.maximum(np.abs(a) + np.abs(n), 1e-12))
        assert rel < 1e-6, f"{k}: rel error {rel}"
    tp = {k: torch.tensor(np.asarray(v, dtype=float), requires_grad=True) for k, v in params.items()}
    f = torch.relu(torch.tensor(Xr) @ tp["W"] + tp["c"]) @ tp["w"] + tp["b"]
    loss = ((f - torch.tensor(y)) ** 2).mean()
    loss.backward()
    assert J == pytest.approx(loss.item(), rel=1e-12)
    for k in params:
        np.testing.assert_allclose(grads[k], tp[k].grad.numpy(), rtol=1e-10, atol=1e-12)


def test_kink_convention_book_numbers(sol):
    _, grads = sol.xor_mse_and_grads(X, Y, dict(BOOK, b=0.1))
    np.testing.assert_allclose(grads["W"], [[0.1, -0.1], [0.1, -0.1]], atol=1e-12)
    np.testing.assert_allclose(grads["c"], [0.15, -0.1], atol=1e-12)
    # torch's relu'(0) is 0 too
    tp = {k: torch.tensor(np.asarray(v, dtype=float), requires_grad=True) for k, v in dict(BOOK, b=0.1).items()}
    loss = ((torch.relu(torch.tensor(X) @ tp["W"] + tp["c"]) @ tp["w"] + tp["b"] - torch.tensor(Y)) ** 2).mean()
    loss.backward()
    np.testing.assert_allclose(grads["W"], tp["W"].grad.numpy(), atol=1e-12)


def test_training_properties_across_seeds(sol):
    wins = {8: 0, 2: 0}
    for hidden in wins:
        for seed in range(10):
            params, hist = sol.train_xor(hidden=hidden, seed=seed)
            assert np.all(np.isfinite(hist))
            wins[hidden] += hist[-1] < 1e-3
    assert wins[8] == 10, "every seed solves XOR with 8 hidden units"
    assert wins[2] < 10, "width 2 gets stuck for some seeds (the teaching point of CURRICULUM 6.1)"


def test_history_starts_at_the_documented_init(sol):
    rng = np.random.default_rng(3)
    W, c, w = rng.normal(size=(2, 4)), rng.uniform(0, 0.1, 4), rng.normal(size=4) / 2.0
    J0 = np.mean((np.maximum(0, X @ W + c) @ w - Y) ** 2)
    _, hist = sol.train_xor(hidden=4, lr=0.05, steps=2, seed=3)
    assert hist[0] == pytest.approx(J0, rel=1e-12)
