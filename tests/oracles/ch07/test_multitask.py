"""7.7 reference against independent implementations: central differences, PyTorch autograd with a
masked (nanmean-style) MSE, the linearity of the gradient in the task weights, memory checks of the
initialization, and the multi-task versus single-task experiment."""
import numpy as np
import pytest
import torch


@pytest.fixture(scope="module")
def sol(reference):
    return reference("7.7")


def random_case(seed, m=7, n_in=3, n_shared=5, out_dims=(2, 1, 3), p_missing=0.3):
    rng = np.random.default_rng(seed)
    params = {"Ws": rng.normal(size=(n_in, n_shared)), "bs": 0.3 * rng.normal(size=n_shared),
              "heads": [{"W": rng.normal(size=(n_shared, k)), "b": rng.normal(size=k)} for k in out_dims]}
    X = rng.normal(size=(m, n_in))
    Ys = []
    for k in out_dims:
        Y = rng.normal(size=(m, k))
        Y[rng.random((m, k)) < p_missing] = np.nan
        Ys.append(Y)
    lam = rng.uniform(0.2, 2.0, size=len(out_dims))
    return X, Ys, params, lam


def flat(params):
    return [params["Ws"], params["bs"]] + [a for h in params["heads"] for a in (h["W"], h["b"])]


def unflat(arrays, like):
    T = len(like["heads"])
    return {"Ws": arrays[0], "bs": arrays[1],
            "heads": [{"W": arrays[2 + 2 * t], "b": arrays[3 + 2 * t]} for t in range(T)]}


@pytest.mark.parametrize("seed", range(3))
def test_gradients_central_differences_with_nans(sol, seed):
    X, Ys, params, lam = random_case(seed)
    _, grads = sol.mtl_loss_and_grads(X, Ys, params, lam)
    arrays = [np.array(a, dtype=float) for a in flat(params)]
    h = 1e-5  # J is ~10: rounding error ~1e-16 * 10 / h, truncation O(h²) (J is piecewise quadratic)
    for i, (a, g) in enumerate(zip(arrays, flat(grads))):
        num = np.zeros_like(a)
        for idx in np.ndindex(a.shape):
            plus = [b.copy() for b in arrays]
            minus = [b.copy() for b in arrays]
            plus[i][idx] += h
            minus[i][idx] -= h
            num[idx] = (sol.mtl_loss_and_grads(X, Ys, unflat(plus, params), lam)[0]
                        - sol.mtl_loss_and_grads(X, Ys, unflat(minus, params), lam)[0]) / (2 * h)
        rel = np.max(np.abs(g - num) / np.maximum(np.abs(g) + np.abs(num), 1e-4))
        assert rel < 1e-6, f"array {i}: rel error {rel}"


@pytest.mark.parametrize("seed", range(3))
def test_loss_and_grads_match_torch_autograd(sol, seed):
    X, Ys, params, lam = random_case(10 + seed, m=9, n_in=4, n_shared=6, out_dims=(3, 2), p_missing=0.4)
    J, grads = sol.mtl_loss_and_grads(X, Ys, params, lam)
    tp = [torch.tensor(a, requires_grad=True) for a in flat(params)]
    H = torch.relu(torch.tensor(X) @ tp[0] + tp[1])
    loss = torch.zeros((), dtype=torch.float64)
    for t, Y in enumerate(Ys):
        out = H @ tp[2 + 2 * t] + tp[3 + 2 * t]
        y = torch.tensor(Y)
        obs = ~torch.isnan(y)
        loss = loss + lam[t] * ((out[obs] - y[obs]) ** 2).mean()  # torch.nanmean of the squared error
    loss.backward()
    assert J == pytest.approx(loss.item(), rel=1e-12)
    for g, t in zip(flat(grads), tp):
        np.testing.assert_allclose(g, t.grad.numpy(), rtol=1e-10, atol=1e-12)


def test_kink_matches_torch(sol):
    # bs = 0 and zero input rows: pre-activations exactly 0, where torch's relu'(0) = 0 too.
    X, Ys, params, lam = random_case(20, p_missing=0.0)
    params["bs"] = np.zeros_like(params["bs"])
    X[[0, 4]] = 0.0
    _, grads = sol.mtl_loss_and_grads(X, Ys, params, lam)
    tp = [torch.tensor(a, requires_grad=True) for a in flat(params)]
    H = torch.relu(torch.tensor(X) @ tp[0] + tp[1])
    loss = sum(lam[t] * ((H @ tp[2 + 2 * t] + tp[3 + 2 * t] - torch.tensor(Y)) ** 2).mean() for t, Y in enumerate(Ys))
    loss.backward()
    np.testing.assert_allclose(grads["bs"], tp[1].grad.numpy(), rtol=1e-10, atol=1e-12)


def test_gradient_is_linear_in_the_task_weights(sol):
    X, Ys, params, lam = random_case(30)
    J, g = sol.mtl_loss_and_grads(X, Ys, params, lam)
    T = len(Ys)
    parts = [sol.mtl_loss_and_grads(X, Ys, params, np.eye(T)[t]) for t in range(T)]
    assert J == pytest.approx(sum(lam[t] * parts[t][0] for t in range(T)), rel=1e-12)
    for key in ("Ws", "bs"):
        np.testing.assert_allclose(g[key], sum(lam[t] * parts[t][1][key] for t in range(T)), rtol=1e-10, atol=1e-12)
    for t in range(T):  # head t's gradient comes from task t alone
        for s in range(T):
            if s != t:
                np.testing.assert_array_equal(parts[s][1]["heads"][t]["W"], 0.0)
        other = [Y if s == t else np.random.default_rng(s).normal(size=Y.shape) for s, Y in enumerate(Ys)]
        g_other = sol.mtl_loss_and_grads(X, other, params, lam)[1]
        np.testing.assert_allclose(g_other["heads"][t]["W"], g["heads"][t]["W"], rtol=1e-12)


def test_all_missing_task_contributes_nothing(sol):
    X, Ys, params, lam = random_case(40)
    empty = [Ys[0], np.full_like(Ys[1], np.nan), Ys[2]]
    J, g = sol.mtl_loss_and_grads(X, empty, params, lam)
    lam0 = lam * np.array([1.0, 0.0, 1.0])
    J0, g0 = sol.mtl_loss_and_grads(X, Ys, params, lam0)
    assert J == pytest.approx(J0, rel=1e-12)
    for a, b in zip(flat(g), flat(g0)):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=0)


def test_init_arrays_are_independent(sol):
    p = sol.init_mtl_params(4, 3, [2, 2, 2], np.random.default_rng(0))
    arrays = flat(p)
    for i in range(len(arrays)):
        for j in range(i + 1, len(arrays)):
            assert not np.shares_memory(arrays[i], arrays[j])
    before = [a.copy() for a in flat(p)]
    p["heads"][0]["b"] += 1.0
    p["heads"][0]["W"] *= 2.0
    for a, b in zip(flat(p)[4:], before[4:]):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(p["bs"], before[1])


def test_init_statistics(sol):
    # std of Ws is sqrt(2 / n_in) and of the head weights sqrt(1 / n_shared): 4-sigma bounds on the sample std
    n_in, n_shared = 50, 200
    p = sol.init_mtl_params(n_in, n_shared, [100], np.random.default_rng(1))
    for W, std in ((p["Ws"], np.sqrt(2 / n_in)), (p["heads"][0]["W"], np.sqrt(1 / n_shared))):
        se = std / np.sqrt(2 * W.size)  # standard error of a sample std
        assert abs(W.std() - std) < 4 * se
        assert abs(W.mean()) < 4 * std / np.sqrt(W.size)


# The experiment: 3 related linear tasks y_t = X B a_t + noise, 20 examples per task ---------------
def related_tasks(seed, n, n_val=500, d=10, r=2, T=3, noise=0.1):
    """B (d, r) orthonormal and unit a_t: every task is a different unit direction in span(B), Var(y) = 1."""
    rng = np.random.default_rng(seed)
    B = np.linalg.qr(rng.normal(size=(d, r)))[0]
    A = rng.normal(size=(r, T))
    A /= np.linalg.norm(A, axis=0)
    Xs = [rng.normal(size=(n, d)) for _ in range(T)]
    ys = [X @ B @ A[:, t] + noise * rng.normal(size=n) for t, X in enumerate(Xs)]
    Xv = [rng.normal(size=(n_val, d)) for _ in range(T)]
    yv = [X @ B @ A[:, t] for t, X in enumerate(Xv)]
    return Xs, ys, Xv, yv


def gd(sol, X, Ys, params, lr=0.1, steps=300):
    lam = np.ones(len(Ys))
    for _ in range(steps):
        _, g = sol.mtl_loss_and_grads(X, Ys, params, lam)
        params = unflat([a - lr * b for a, b in zip(flat(params), flat(g))], params)
    return params


def validation_mse(sol, n, seed, d=10, hidden=20, T=3):
    """(multi-task, mean single-task) validation MSE for one seed: the same 10-20-1 architecture per task."""
    Xs, ys, Xv, yv = related_tasks(seed, n, d=d, T=T)
    X = np.vstack(Xs)
    Ys = [np.full((T * n, 1), np.nan) for _ in range(T)]
    for t in range(T):
        Ys[t][t * n:(t + 1) * n, 0] = ys[t]  # each example is labeled for its own task only
    p = gd(sol, X, Ys, sol.init_mtl_params(d, hidden, [1] * T, np.random.default_rng(100 + seed)))
    mtl = np.mean([np.mean((sol.mtl_forward(Xv[t], p)[0][t][:, 0] - yv[t]) ** 2) for t in range(T)])
    stl = []
    for t in range(T):
        q = gd(sol, Xs[t], [ys[t][:, None]], sol.init_mtl_params(d, hidden, [1], np.random.default_rng(200 + seed)))
        stl.append(np.mean((sol.mtl_forward(Xv[t], q)[0][0][:, 0] - yv[t]) ** 2))
    return mtl, np.mean(stl)


@pytest.mark.parametrize("n", [20, 50])
def test_shared_trunk_beats_separate_models(sol, n):
    # Averaged over 5 seeds. The gain is modest at 20 examples per task (about 10%) and grows with n
    # (about 25% at 50): the trunk is learned from the pooled 3n examples.
    res = np.array([validation_mse(sol, n, seed) for seed in range(5)])
    mtl, stl = res.mean(axis=0)
    assert mtl < stl, (mtl, stl)
