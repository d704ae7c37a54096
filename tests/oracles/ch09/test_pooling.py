"""Oracle tests for 9.3: the reference against PyTorch (float64, CPU): max_pool2d with its indices
and autograd, max_pool1d with ceil_mode, adaptive average pooling; central differences; a
plain-loop max pooling for the tie rule; and direct window enumeration for 'avg' and 'l2'."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from autograder.testing import numerical_gradient, rel_error

CASES = [(2, 3, 6, 8, 2, 2, 2), (1, 2, 7, 9, 3, 2, 2), (2, 1, 5, 6, 3, 3, 1), (1, 2, 9, 8, 2, 3, 3),
         (2, 2, 8, 7, 3, 2, 1), (1, 2, 4, 5, 4, 5, 1), (2, 1, 5, 9, 2, 2, 4), (1, 3, 6, 4, 5, 1, 2)]
IDS = [f"{N}x{C}x{H}x{W}-pool{ph}x{pw}-s{s}" for N, C, H, W, ph, pw, s in CASES]


def loop_max_pool(X, ph, pw, s):
    """Six plain loops; the winner is the first strict improvement in row-major order."""
    N, C, H, W = X.shape
    oh, ow = (H - ph) // s + 1, (W - pw) // s + 1
    out, dX_of = np.empty((N, C, oh, ow)), {}
    for n in range(N):
        for c in range(C):
            for i in range(oh):
                for j in range(ow):
                    best, where = -np.inf, None
                    for a in range(ph):
                        for b in range(pw):
                            v = X[n, c, i * s + a, j * s + b]
                            if v > best:
                                best, where = v, (n, c, i * s + a, j * s + b)
                    out[n, c, i, j] = best
                    dX_of[(n, c, i, j)] = where
    return out, dX_of


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_max_pool2d_matches_torch_forward_indices_and_autograd(reference, case):
    sol = reference("9.3")
    N, C, H, W, ph, pw, s = case
    rng = np.random.default_rng(sum(case))
    X = rng.normal(size=(N, C, H, W))  # continuous: no ties
    out, cache = sol.max_pool2d_forward(X, ph, pw, s)
    t = torch.tensor(X, requires_grad=True)
    t_out, t_idx = F.max_pool2d(t, (ph, pw), stride=s, return_indices=True)
    np.testing.assert_array_equal(out, t_out.detach().numpy())
    np.testing.assert_array_equal(cache["argmax"], t_idx.numpy())  # flat positions in each H·W plane
    dout = rng.normal(size=out.shape)
    (t_out * torch.tensor(dout)).sum().backward()  # autograd accumulates over overlapping windows
    np.testing.assert_allclose(sol.max_pool2d_backward(dout, cache), t.grad.numpy(), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("case", CASES[:5], ids=IDS[:5])
def test_max_pool2d_backward_matches_central_differences(reference, case):
    sol = reference("9.3")
    N, C, H, W, ph, pw, s = case
    rng = np.random.default_rng(7 + sum(case))
    X = rng.normal(size=(N, C, H, W))
    out, cache = sol.max_pool2d_forward(X, ph, pw, s)
    dout = rng.normal(size=out.shape)
    num = numerical_gradient(lambda x: float(np.sum(sol.max_pool2d_forward(x, ph, pw, s)[0] * dout)), X, h=1e-6)
    assert rel_error(sol.max_pool2d_backward(dout, cache), num) < 1e-6


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_max_pool2d_ties_match_plain_loops(reference, case):
    # Ties: the first maximum in row-major order wins, and only it receives the gradient.
    sol = reference("9.3")
    N, C, H, W, ph, pw, s = case
    rng = np.random.default_rng(100 + sum(case))
    X = rng.integers(0, 3, size=(N, C, H, W)).astype(float)
    out, cache = sol.max_pool2d_forward(X, ph, pw, s)
    want_out, winners = loop_max_pool(X, ph, pw, s)
    np.testing.assert_array_equal(out, want_out)
    dout = rng.normal(size=out.shape)
    want = np.zeros_like(X)
    for key, where in winners.items():
        want[where] += dout[key]
    np.testing.assert_allclose(sol.max_pool2d_backward(dout, cache), want, rtol=0, atol=1e-14)
    # PyTorch's CPU kernel breaks ties the same way (first strict improvement)
    _, t_idx = F.max_pool2d(torch.tensor(X), (ph, pw), stride=s, return_indices=True)
    np.testing.assert_array_equal(cache["argmax"], t_idx.numpy())


def test_max_pool2d_forward_matches_plain_loops_on_random_inputs(reference):
    sol = reference("9.3")
    for case in CASES:
        N, C, H, W, ph, pw, s = case
        X = np.random.default_rng(200 + sum(case)).normal(size=(N, C, H, W))
        np.testing.assert_array_equal(sol.max_pool2d_forward(X, ph, pw, s)[0], loop_max_pool(X, ph, pw, s)[0])


def test_max_pool2d_is_pure(reference):
    sol = reference("9.3")
    X = np.random.default_rng(0).normal(size=(2, 2, 5, 6))
    X0 = X.copy()
    out, cache = sol.max_pool2d_forward(X, 3, 2, 1)
    dout = np.ones_like(out)
    sol.max_pool2d_backward(dout, cache)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(dout, np.ones_like(out))


def windows_by_enumeration(n, width, stride):
    """Every start s = 0, stride, ... < n whose window is needed: full windows, then the first
    start whose window would cover a unit beyond the last full window's end."""
    full = [s for s in range(0, n, stride) if s + width <= n]
    end = full[-1] + width if full else 0
    extra = [s for s in range(0, n, stride) if s + width > n and s < n and end < n]
    return [(s, min(s + width, n)) for s in full + extra[:1]]


@pytest.mark.parametrize("n", range(1, 19))
def test_pool1d_max_matches_torch_ceil_mode(reference, n):
    sol = reference("9.3")
    x = np.random.default_rng(n).normal(size=n)
    for width in range(1, 7):
        for stride in range(1, 8):
            got = sol.pool1d(x, width, stride, "max")
            assert len(got) == len(windows_by_enumeration(n, width, stride))
            if n >= width:
                want = F.max_pool1d(torch.tensor(x)[None, None], width, stride, ceil_mode=True)[0, 0].numpy()
                np.testing.assert_array_equal(got, want, err_msg=f"n={n}, width={width}, stride={stride}")
            else:
                np.testing.assert_array_equal(got, [x.max()])


@pytest.mark.parametrize("mode", ["max", "avg", "l2"])
def test_pool1d_matches_window_enumeration(reference, mode):
    sol = reference("9.3")
    summary = {"max": np.max, "avg": np.mean, "l2": np.linalg.norm}[mode]
    rng = np.random.default_rng(5)
    for n in range(1, 15):
        x = rng.normal(size=n)
        for width in range(1, 6):
            for stride in range(1, 6):
                want = [summary(x[a:b]) for a, b in windows_by_enumeration(n, width, stride)]
                np.testing.assert_allclose(sol.pool1d(x, width, stride, mode), want, rtol=1e-13, atol=1e-15)


def test_pool1d_book_figures(reference):
    sol = reference("9.3")
    # Fig 9.10: width 3, stride 2 over six detector units; the last window is partial.
    np.testing.assert_allclose(sol.pool1d(np.array([0.1, 1.0, 0.2, 0.1, 0.0, 0.1]), 3, 2), [1.0, 0.2, 0.1])
    # Fig 9.8: width 3, stride 1; shifting the input right by one changes only some pooled values.
    top = sol.pool1d(np.array([0.1, 1.0, 0.2, 0.1, 0.3, 0.1, 0.0, 0.2]), 3, 1)
    bottom = sol.pool1d(np.array([0.0, 0.1, 1.0, 0.2, 0.1, 0.3, 0.1, 0.0]), 3, 1)
    assert np.sum(top != bottom) == 2


def test_pool1d_unknown_mode_raises(reference):
    sol = reference("9.3")
    with pytest.raises(ValueError):
        sol.pool1d(np.ones(4), 2, 2, "median")


@pytest.mark.parametrize("shape", [(2, 3, 4, 5), (1, 4, 1, 7), (3, 2, 6, 1)])
def test_global_average_pool_matches_torch(reference, shape):
    sol = reference("9.3")
    X = np.random.default_rng(len(shape)).normal(size=shape)
    want = F.adaptive_avg_pool2d(torch.tensor(X), 1)[..., 0, 0].numpy()
    np.testing.assert_allclose(sol.global_average_pool(X), want, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(sol.global_average_pool(X), X.mean((2, 3)), rtol=1e-14, atol=0)
