"""8.7 reference against independent implementations: PyTorch's batch_norm (forward, autograd
backward, spatial BN), central differences, SciPy's triangular solver (Gauss-Seidel) and
np.linalg.solve, the book's coordinate-descent example in closed form, cumulative sums, an
explicit EMA loop and PyTorch's AveragedModel, and closed forms and scipy.integrate.quad for
the Gaussian-smoothed cost."""
import numpy as np
import pytest
import scipy.integrate
import scipy.linalg
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch.optim.swa_utils import AveragedModel, get_ema_multi_avg_fn

from autograder.testing import numerical_gradient, rel_error


@pytest.fixture(scope="module")
def sol(reference):
    return reference("8.7")


def bn_case(seed, m, D):
    rng = np.random.default_rng(seed)
    H = rng.normal(size=(m, D)) * rng.uniform(0.3, 3.0, size=D) + rng.normal(size=D) * 2.0
    return H, rng.normal(size=D), rng.normal(size=D)


def torch_bn(H, gamma, beta, delta):
    # torch refuses eps = 0 in training mode; 1e-300 leaves every variance unchanged in float64.
    delta = delta if delta > 0 else 1e-300
    t = [torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in (H, gamma, beta)]
    out = torch.nn.functional.batch_norm(t[0], running_mean=None, running_var=None, weight=t[1], bias=t[2],
                                         training=True, eps=delta)
    return out, t


# batchnorm_forward -----------------------------------------------------------------------------
@pytest.mark.parametrize("m,D,delta", [(2, 3, 1e-5), (4, 1, 0.0), (7, 5, 1e-5), (33, 4, 0.3), (100, 2, 1e-3)])
def test_batchnorm_forward_matches_torch(sol, m, D, delta):
    H, gamma, beta = bn_case(m * D, m, D)
    out, _ = sol.batchnorm_forward(H, gamma, beta, delta=delta)
    want, _ = torch_bn(H, gamma, beta, delta)
    np.testing.assert_allclose(out, want.detach().numpy(), rtol=1e-10, atol=1e-12)


def test_batchnorm_forward_is_not_the_unbiased_variance(sol):
    # The biased/unbiased swap that the hidden tests must catch: torch normalizes with the
    # biased variance (the same as eq 8.37); the unbiased one gives different outputs.
    H, gamma, beta = bn_case(3, 4, 3)
    out, _ = sol.batchnorm_forward(H, gamma, beta, delta=0.0)
    unbiased = gamma * (H - H.mean(0)) / H.std(0, ddof=1) + beta
    biased = gamma * (H - H.mean(0)) / H.std(0, ddof=0) + beta
    torch_out = torch_bn(H, gamma, beta, 0.0)[0].detach().numpy()
    np.testing.assert_allclose(out, biased, rtol=1e-12)
    np.testing.assert_allclose(out, torch_out, rtol=1e-10)
    assert np.max(np.abs(out - unbiased)) > 0.1
    # The quiz's column [1, 2, 3, 4]: −1.341641 (biased) vs −1.161895 (unbiased).
    out, _ = sol.batchnorm_forward(np.array([[1.0], [2.0], [3.0], [4.0]]), np.ones(1), np.zeros(1), delta=0.0)
    assert out[0, 0] == pytest.approx(-1.341641, abs=1e-6)
    assert (1 - 2.5) / np.std([1, 2, 3, 4], ddof=1) == pytest.approx(-1.161895, abs=1e-6)


def test_batchnorm_running_var_in_torch_is_unbiased_but_unused_here(sol):
    # torch stores the unbiased variance in running_var (momentum 0.1) while normalizing with
    # the biased one: only the latter is the forward of eq 8.37.
    H, gamma, beta = bn_case(5, 6, 3)
    running_mean, running_var = torch.zeros(3, dtype=torch.float64), torch.ones(3, dtype=torch.float64)
    out = torch.nn.functional.batch_norm(torch.tensor(H), running_mean, running_var, weight=torch.tensor(gamma),
                                         bias=torch.tensor(beta), training=True, momentum=0.1, eps=1e-5)
    np.testing.assert_allclose(running_var.numpy(), 0.9 + 0.1 * H.var(0, ddof=1), rtol=1e-12)
    np.testing.assert_allclose(sol.batchnorm_forward(H, gamma, beta)[0], out.numpy(), rtol=1e-10)


def test_spatial_batchnorm_via_reshape_matches_torch(sol):
    # (N, C, H, W) "spatial" BN reduces over (0, 2, 3): the same as (N·H·W, C) rows.
    rng = np.random.default_rng(11)
    X = rng.normal(size=(3, 4, 2, 5)) * 2 + 1
    gamma, beta = rng.normal(size=4), rng.normal(size=4)
    rows = X.transpose(0, 2, 3, 1).reshape(-1, 4)
    out, _ = sol.batchnorm_forward(rows, gamma, beta)
    out = out.reshape(3, 2, 5, 4).transpose(0, 3, 1, 2)
    want = torch.nn.functional.batch_norm(torch.tensor(X), None, None, weight=torch.tensor(gamma),
                                          bias=torch.tensor(beta), training=True, eps=1e-5)
    np.testing.assert_allclose(out, want.numpy(), rtol=1e-10, atol=1e-12)


# batchnorm_backward ----------------------------------------------------------------------------
@pytest.mark.parametrize("m,D,delta", [(2, 2, 0.3), (3, 4, 0.0), (5, 3, 1e-5), (16, 6, 1e-2)])
def test_batchnorm_backward_matches_torch_autograd(sol, m, D, delta):
    H, gamma, beta = bn_case(100 + m, m, D)
    G = np.random.default_rng(m).normal(size=(m, D))
    _, cache = sol.batchnorm_forward(H, gamma, beta, delta=delta)
    dH, dgamma, dbeta = sol.batchnorm_backward(G, cache)
    out, t = torch_bn(H, gamma, beta, delta)
    out.backward(torch.tensor(G))
    for got, tensor in zip((dH, dgamma, dbeta), t):
        np.testing.assert_allclose(got, tensor.grad.numpy(), rtol=1e-9, atol=1e-11)


@pytest.mark.parametrize("m,D", [(1, 3), (3, 2), (6, 4)])  # torch refuses m = 1 in training mode
def test_batchnorm_backward_matches_central_differences(sol, m, D):
    H, gamma, beta = bn_case(7 * m, m, D)
    G = np.random.default_rng(9).normal(size=(m, D))
    dH, dgamma, dbeta = sol.batchnorm_backward(G, sol.batchnorm_forward(H, gamma, beta)[1])
    loss = lambda H_, g_, b_: float(np.sum(G * sol.batchnorm_forward(H_, g_, b_)[0]))  # noqa: E731
    assert rel_error(dH, numerical_gradient(lambda x: loss(x, gamma, beta), H)) < 1e-6
    assert rel_error(dgamma, numerical_gradient(lambda x: loss(H, x, beta), gamma)) < 1e-6
    assert rel_error(dbeta, numerical_gradient(lambda x: loss(H, gamma, x), beta)) < 1e-6
    np.testing.assert_allclose(dbeta, G.sum(0), rtol=1e-12)
    H_hat = (H - H.mean(0)) / np.sqrt(H.var(0) + 1e-5)
    np.testing.assert_allclose(dgamma, np.sum(G * H_hat, 0), rtol=1e-10)


@settings(max_examples=40, deadline=None)
@given(m=st.integers(2, 8), D=st.integers(1, 4), seed=st.integers(0, 10_000),
       delta=st.sampled_from([1e-5, 1e-3, 0.5]))
def test_batchnorm_backward_property_vs_torch(sol, m, D, seed, delta):
    H, gamma, beta = bn_case(seed, m, D)
    G = np.random.default_rng(seed + 1).normal(size=(m, D))
    dH, dgamma, dbeta = sol.batchnorm_backward(G, sol.batchnorm_forward(H, gamma, beta, delta=delta)[1])
    out, t = torch_bn(H, gamma, beta, delta)
    out.backward(torch.tensor(G))
    np.testing.assert_allclose(dH, t[0].grad.numpy(), rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(dH.sum(0), np.zeros(D), atol=1e-9)  # a shift of H changes nothing


# coordinate_descent_quadratic ------------------------------------------------------------------
def spd(seed, d):
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(d, d))
    return M @ M.T + 0.5 * np.eye(d)


@pytest.mark.parametrize("d", [2, 3, 6, 10])
def test_coordinate_descent_is_gauss_seidel(sol, d):
    A, rng = spd(d, d), np.random.default_rng(d)
    b, x0 = rng.normal(size=d), rng.normal(size=d)
    xs = sol.coordinate_descent_quadratic(A, b, x0, 6)
    x = x0.copy()
    np.testing.assert_allclose(xs[0], x0)
    for k in range(1, 7):
        x = scipy.linalg.solve_triangular(np.tril(A), b - np.triu(A, 1) @ x, lower=True)
        np.testing.assert_allclose(xs[k], x, rtol=1e-10, atol=1e-12)


def test_coordinate_descent_converges_to_solve(sol):
    A, b = spd(5, 5), np.random.default_rng(5).normal(size=5)
    xs = sol.coordinate_descent_quadratic(A, b, np.zeros(5), 2000)
    np.testing.assert_allclose(xs[-1], np.linalg.solve(A, b), rtol=1e-8, atol=1e-10)
    f = np.array([0.5 * x @ A @ x - b @ x for x in xs])
    assert np.all(np.diff(f) <= 1e-12)


@pytest.mark.parametrize("alpha", [0.01, 0.1, 1.0])
def test_coordinate_descent_book_example_closed_form(sol, alpha):
    # f = (x1 − x2)² + α(x1² + x2²): x1 ← x2/(1+α), x2 ← x1/(1+α).
    A = np.array([[2 + 2 * alpha, -2.0], [-2.0, 2 + 2 * alpha]])
    xs = sol.coordinate_descent_quadratic(A, np.zeros(2), np.array([1.0, 1.0]), 10)
    k = np.arange(1, 11)
    np.testing.assert_allclose(xs[1:, 0], (1 + alpha) ** -(2.0 * k - 1), rtol=1e-12)
    np.testing.assert_allclose(xs[1:, 1], (1 + alpha) ** -(2.0 * k), rtol=1e-12)


def test_coordinate_descent_quiz_numbers(sol):
    A = np.array([[2.02, -2.0], [-2.0, 2.02]])
    xs = sol.coordinate_descent_quadratic(A, np.zeros(2), np.array([1.0, 1.0]), 400)
    assert xs[1, 1] == pytest.approx(0.980296, abs=1e-6)
    first = int(np.argmax(np.max(np.abs(xs), axis=1) < 1e-3))
    assert first == 348


# polyak_average --------------------------------------------------------------------------------
def test_polyak_arithmetic_matches_cumsum_and_torch_swa(sol):
    rng = np.random.default_rng(0)
    thetas = rng.normal(size=(12, 3))
    got = sol.polyak_average(thetas)
    np.testing.assert_allclose(got, np.cumsum(thetas, 0) / np.arange(1, 13)[:, None], rtol=1e-12)
    model = torch.nn.Linear(3, 1, bias=False).double()
    swa = AveragedModel(model)
    for t in range(12):
        with torch.no_grad():
            model.weight.copy_(torch.tensor(thetas[t][None]))
        swa.update_parameters(model)
        np.testing.assert_allclose(swa.module.weight.detach().numpy()[0], got[t], rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("alpha", [0.0, 0.3, 0.9, 0.999, 1.0])
def test_polyak_ema_matches_loop_and_torch(sol, alpha):
    thetas = np.random.default_rng(1).normal(size=(10, 4))
    got = sol.polyak_average(thetas, alpha)
    avg = thetas[0].copy()
    np.testing.assert_allclose(got[0], avg)
    for t in range(1, 10):
        avg = alpha * avg + (1 - alpha) * thetas[t]
        np.testing.assert_allclose(got[t], avg, rtol=1e-12, atol=1e-14)
    model = torch.nn.Linear(4, 1, bias=False).double()
    ema = AveragedModel(model, multi_avg_fn=get_ema_multi_avg_fn(alpha))
    for t in range(10):
        with torch.no_grad():
            model.weight.copy_(torch.tensor(thetas[t][None]))
        ema.update_parameters(model)
        np.testing.assert_allclose(ema.module.weight.detach().numpy()[0], got[t], rtol=1e-12, atol=1e-14)


# gaussian_smoothed -----------------------------------------------------------------------------
@pytest.mark.parametrize("omega,theta,sigma", [(1.0, 0.3, 0.5), (3.0, -1.2, 1.0), (5.0, 2.0, 0.3), (2.0, 0.0, 2.0)])
def test_gaussian_smoothed_cosine_closed_form(sol, omega, theta, sigma):
    got = sol.gaussian_smoothed(lambda t: np.cos(omega * t), theta, sigma)
    assert got == pytest.approx(np.exp(-omega ** 2 * sigma ** 2 / 2) * np.cos(omega * theta), abs=1e-13)


@pytest.mark.parametrize("theta,sigma", [(0.0, 1.0), (1.5, 0.7), (-2.0, 3.0)])
def test_gaussian_smoothed_quartic_is_exact_with_three_nodes(sol, theta, sigma):
    want = theta ** 4 + 6 * theta ** 2 * sigma ** 2 + 3 * sigma ** 4
    for n in (3, 5, 40):  # degree 4 <= 2n − 1
        assert sol.gaussian_smoothed(lambda t: t ** 4, theta, sigma, n_nodes=n) == pytest.approx(want, rel=1e-12)


def test_gaussian_smoothed_matches_quad(sol):
    # 40 nodes resolve cos(ωσz) to round-off while ωσ <= 6 (at ωσ = 10 the error is 2e-2).
    J = lambda t: 0.05 * t ** 2 + np.sin(3 * t) + 0.5 * np.cos(7 * t + 1)  # noqa: E731
    for theta, sigma in ((0.4, 0.5), (-3.0, 0.8), (2.0, 0.1)):
        want, _ = scipy.integrate.quad(lambda z: J(theta + sigma * z) * np.exp(-z * z / 2) / np.sqrt(2 * np.pi),
                                       -12, 12, limit=400, epsabs=1e-13)
        assert sol.gaussian_smoothed(J, theta, sigma) == pytest.approx(want, abs=1e-10)
    assert sol.gaussian_smoothed(J, 0.7, 0.0) == pytest.approx(J(0.7), rel=1e-14)
