"""7.12 reference against independent implementations: PyTorch's dropout, Monte Carlo, central
differences, and a brute-force enumeration of the ensemble with itertools and SciPy."""
import itertools

import numpy as np
import pytest
import scipy.special
import torch
import torch.nn.functional as F

from autograder.testing import numerical_gradient, rel_error


@pytest.fixture(scope="module")
def sol(reference):
    return reference("7.12")


def t64(a):
    return torch.tensor(np.asarray(a), dtype=torch.float64)


def masks_and_weights(n, p_keep):
    for bits in itertools.product((0, 1), repeat=n):
        d = np.array(bits, dtype=float)
        yield d, float(np.prod(np.where(d == 1, p_keep, 1.0 - p_keep)))


# dropout_forward / dropout_backward --------------------------------------------------------------
@pytest.mark.parametrize("p_keep", [0.8, 0.5, 0.3])
def test_forward_and_backward_match_torch_dropout(sol, p_keep):
    # torch's dropout takes the DROP probability and uses inverted scaling; its mask is out != 0.
    rng = np.random.default_rng(int(p_keep * 10))
    X = rng.normal(size=(6, 7))
    Xt = t64(X).requires_grad_(True)
    with torch.random.fork_rng():
        torch.manual_seed(0)
        out_t = F.dropout(Xt, p=1.0 - p_keep, training=True)
    mask = out_t.detach().numpy() != 0
    assert 0 < mask.sum() < mask.size
    np.testing.assert_allclose(sol.dropout_forward(X, p_keep, mask, "train", True), out_t.detach().numpy(),
                               rtol=1e-12, atol=0)
    np.testing.assert_allclose(sol.dropout_forward(X, p_keep, None, "test", True),
                               F.dropout(t64(X), p=1.0 - p_keep, training=False).numpy(), rtol=0, atol=0)
    dout = rng.normal(size=X.shape)
    out_t.backward(t64(dout))
    np.testing.assert_allclose(sol.dropout_backward(dout, mask, p_keep, True), Xt.grad.numpy(), rtol=1e-12, atol=0)


@pytest.mark.parametrize("inverted", [True, False])
def test_train_output_is_unbiased_monte_carlo(sol, inverted):
    # E_mask[train output] = test output, checked at 4σ per element with 20 000 random masks.
    rng = np.random.default_rng(1)
    X, p_keep, trials = rng.normal(size=(3, 4)), 0.7, 20_000
    outs = np.stack([sol.dropout_forward(X, p_keep, rng.random(X.shape) < p_keep, "train", inverted)
                     for _ in range(trials)])
    c = 1.0 / p_keep if inverted else 1.0
    sigma = np.abs(X) * c * np.sqrt(p_keep * (1 - p_keep) / trials)
    test = sol.dropout_forward(X, p_keep, None, "test", inverted)
    assert np.all(np.abs(outs.mean(axis=0) - test) <= 4 * sigma)


@pytest.mark.parametrize("inverted", [True, False])
def test_backward_is_the_numerical_gradient(sol, inverted):
    rng = np.random.default_rng(2)
    X, dout, p_keep = rng.normal(size=(4, 5)), rng.normal(size=(4, 5)), 0.6
    mask = rng.random(X.shape) < p_keep
    num = numerical_gradient(lambda Xp: np.sum(dout * sol.dropout_forward(Xp, p_keep, mask, "train", inverted)), X)
    assert rel_error(sol.dropout_backward(dout, mask, p_keep, inverted)[mask], num[mask]) < 1e-6
    assert np.all(sol.dropout_backward(dout, mask, p_keep, inverted)[~mask] == 0) and np.all(num[~mask] == 0)


def test_dropout_is_pure(sol):
    X, mask = np.arange(6.0).reshape(2, 3), np.array([[1, 0, 1], [0, 1, 1]], dtype=bool)
    X0, m0 = X.copy(), mask.copy()
    sol.dropout_forward(X, 0.5, mask)
    sol.dropout_forward(X, 0.5, None, "test", False)
    sol.dropout_backward(X, mask, 0.5)
    assert np.array_equal(X, X0) and np.array_equal(mask, m0)


# softmax_dropout_ensemble ----------------------------------------------------------------------
def brute_force_softmax_ensemble(W, b, v, p_keep):
    n = W.shape[0]
    log_geo, arith = np.zeros(W.shape[1]), np.zeros(W.shape[1])
    for d, weight in masks_and_weights(n, p_keep):
        logp = scipy.special.log_softmax(W.T @ (d * v) + b)
        log_geo += weight * logp
        arith += weight * np.exp(logp)
    return scipy.special.softmax(log_geo), arith


@pytest.mark.parametrize("n,C,p_keep", [(5, 3, 0.5), (6, 4, 0.8), (3, 2, 0.3), (10, 3, 0.5), (1, 4, 0.9)])
def test_softmax_ensemble_matches_brute_force(sol, n, C, p_keep):
    rng = np.random.default_rng(10 * n + C)
    W, b, v = rng.normal(size=(n, C)), rng.normal(size=C), rng.normal(size=n)
    geo, arith, scaled = sol.softmax_dropout_ensemble(W, b, v, p_keep)
    geo_bf, arith_bf = brute_force_softmax_ensemble(W, b, v, p_keep)
    np.testing.assert_allclose(geo, geo_bf, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(arith, arith_bf, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(scaled, scipy.special.softmax(p_keep * W.T @ v + b), rtol=1e-12)


@pytest.mark.parametrize("p_keep", [0.5, 0.8])
def test_geometric_mean_equals_weight_scaling_but_arithmetic_does_not(sol, p_keep):
    # Eq 7.66 (p_keep = 1/2, and any p_keep for the weighted geometric mean); the arithmetic mean
    # of eq 7.53 differs by ~1e-2.
    gaps = []
    for seed in range(5):
        rng = np.random.default_rng(seed)
        W, b, v = rng.normal(size=(8, 3)), rng.normal(size=3), rng.normal(size=8)
        geo, arith, scaled = sol.softmax_dropout_ensemble(W, b, v, p_keep)
        np.testing.assert_allclose(geo, scaled, atol=1e-12)
        gaps.append(np.abs(arith - scaled).max())
    assert min(gaps) > 1e-3


def test_softmax_ensemble_p_keep_one_and_huge_logits(sol):
    rng = np.random.default_rng(3)
    W, b, v = rng.normal(size=(4, 3)), rng.normal(size=3), rng.normal(size=4)
    for out in sol.softmax_dropout_ensemble(W, b, v, 1.0):
        np.testing.assert_allclose(out, scipy.special.softmax(W.T @ v + b), rtol=1e-12)
    W = np.vstack([800.0 * np.eye(3), rng.normal(size=(1, 3))])
    geo, arith, scaled = sol.softmax_dropout_ensemble(W, b, np.array([1.0, 1.0, 1.0, 0.5]), 0.8)
    assert np.all(np.isfinite(geo)) and np.all(np.isfinite(arith))
    np.testing.assert_allclose(geo, scaled, rtol=1e-10)
    np.testing.assert_allclose(arith.sum(), 1.0, rtol=1e-12)


# mlp_dropout_ensemble_gap ----------------------------------------------------------------------
def loop_mlp(W1, b1, w2, b2, x, p_keep, act=lambda z: np.maximum(z, 0.0)):
    return sum(weight * (w2 @ act(W1.T @ (d * x) + b1) + b2) for d, weight in masks_and_weights(len(x), p_keep))


@pytest.mark.parametrize("n,h,p_keep", [(6, 5, 0.8), (4, 3, 0.5), (8, 6, 0.3)])
def test_mlp_ensemble_matches_loop_over_masks(sol, n, h, p_keep):
    rng = np.random.default_rng(n * h)
    W1, b1, w2, b2, x = rng.normal(size=(n, h)), rng.normal(size=h), rng.normal(size=h), 0.3, rng.normal(size=n)
    mean, scaled = sol.mlp_dropout_ensemble_gap(W1, b1, w2, b2, x, p_keep)
    assert mean == pytest.approx(loop_mlp(W1, b1, w2, b2, x, p_keep), rel=1e-12)
    assert scaled == pytest.approx(w2 @ np.maximum(p_keep * W1.T @ x + b1, 0.0) + b2, rel=1e-12)


def test_mlp_gap_seed0_example_is_clearly_nonzero(sol):
    # CURRICULUM's example: n = 6, h = 5, p_keep = 0.8, seed 0: the gap is about 0.2.
    rng = np.random.default_rng(0)
    W1, b1, w2, x = rng.normal(size=(6, 5)), rng.normal(size=5), rng.normal(size=5), rng.normal(size=6)
    mean, scaled = sol.mlp_dropout_ensemble_gap(W1, b1, w2, 0.3, x, 0.8)
    assert 0.1 < abs(mean - scaled) < 0.4


def test_mlp_gap_zero_when_linear_in_the_mask(sol):
    # Identity instead of ReLU (loop oracle), and ReLU kept always active by large biases (sol): gap 0.
    rng = np.random.default_rng(4)
    W1, w2, x = rng.normal(size=(6, 5)), rng.normal(size=5), rng.normal(size=6)
    b1 = rng.normal(size=5)
    assert loop_mlp(W1, b1, w2, 0.3, x, 0.8, act=lambda z: z) == pytest.approx(
        w2 @ (0.8 * W1.T @ x + b1) + 0.3, abs=1e-12)
    mean, scaled = sol.mlp_dropout_ensemble_gap(W1, np.full(5, 100.0), w2, 0.3, x, 0.8)
    assert mean == pytest.approx(scaled, abs=1e-12)
    # Teaching point: dropping the last hidden layer before a linear output is exact even with ReLU.
    H = np.maximum(W1.T @ x + b1, 0.0)
    exact = sum(weight * (w2 @ (d * H) + 0.3) for d, weight in masks_and_weights(5, 0.8))
    assert exact == pytest.approx(w2 @ (0.8 * H) + 0.3, abs=1e-12)
