"""Self-check for 8.7 (public tests): run `pytest exercises/ch08/test_meta_algorithms.py` or `dlbook check 8.7`.

These check the book's own numbers and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("8.7")


def test_batchnorm_forward_standardizes_each_column(mod):
    # The column [1, 2, 3, 4] has μ = 2.5 and biased variance 1.25 (not 5/3): H' = (1 − 2.5)/√1.25.
    H = np.array([[1.0, 10.0], [2.0, 30.0], [3.0, 20.0], [4.0, 40.0]])
    out, _ = mod.batchnorm_forward(H, np.ones(2), np.zeros(2), delta=0.0)
    assert out[0, 0] == pytest.approx(-1.5 / np.sqrt(1.25)), "σ uses the biased variance (divide by m)"
    np.testing.assert_allclose(out.mean(axis=0), [0.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(out.std(axis=0), [1.0, 1.0], rtol=1e-12)
    gamma, beta = np.array([2.0, -0.5]), np.array([3.0, 1.0])
    out, _ = mod.batchnorm_forward(H, gamma, beta, delta=0.0)
    np.testing.assert_allclose(out.mean(axis=0), beta, atol=1e-12, err_msg="the mean of γH' + β is β")
    np.testing.assert_allclose(out.std(axis=0), np.abs(gamma), rtol=1e-12)


def test_batchnorm_forward_delta_and_single_example(mod):
    H = np.array([[0.0], [2.0]])  # μ = 1, biased variance 1
    out, _ = mod.batchnorm_forward(H, np.ones(1), np.zeros(1), delta=3.0)
    np.testing.assert_allclose(out[:, 0], [-0.5, 0.5], err_msg="σ = sqrt(δ + var) = sqrt(3 + 1) = 2")
    out, _ = mod.batchnorm_forward(np.array([[5.0, -2.0, 7.0]]), np.full(3, 2.0), np.array([0.1, 0.2, 0.3]))
    np.testing.assert_allclose(out, [[0.1, 0.2, 0.3]], atol=1e-12, err_msg="one example: H' = 0, out = β")


def test_batchnorm_backward_matches_central_differences(mod):
    rng = np.random.default_rng(0)
    args = {"H": rng.normal(size=(5, 3)), "gamma": rng.normal(size=3), "beta": rng.normal(size=3)}
    G = rng.normal(size=(5, 3))
    _, cache = mod.batchnorm_forward(args["H"], args["gamma"], args["beta"])
    grads = dict(zip(("H", "gamma", "beta"), mod.batchnorm_backward(G, cache)))

    def loss(name, x):  # Σ G ⊙ out, with one argument replaced by x
        new = {**args, name: x}
        return float(np.sum(G * mod.batchnorm_forward(new["H"], new["gamma"], new["beta"])[0]))

    h = 1e-6
    for name, x in args.items():
        num = np.zeros_like(x)
        for idx in np.ndindex(x.shape):
            e = np.zeros_like(x)
            e[idx] = h
            num[idx] = (loss(name, x + e) - loss(name, x - e)) / (2 * h)
        np.testing.assert_allclose(grads[name], num, rtol=1e-5, atol=1e-7, err_msg=f"d{name}")


def test_batchnorm_backward_a_shift_has_no_gradient(mod):
    # dout constant down each column only shifts the output, and batch norm undoes any shift of H.
    H = np.random.default_rng(1).normal(size=(4, 2))
    _, cache = mod.batchnorm_forward(H, np.array([1.5, -0.5]), np.zeros(2))
    dH, _, dbeta = mod.batchnorm_backward(np.tile([1.0, 2.0], (4, 1)), cache)
    np.testing.assert_allclose(dH, np.zeros((4, 2)), atol=1e-12,
                               err_msg="back-propagate through μ and σ too, not just through (H − μ)/σ")
    np.testing.assert_allclose(dbeta, [4.0, 8.0])


def test_coordinate_descent_book_example(mod):
    # f(x) = (x1 − x2)² + α(x1² + x2²), α = 0.01, from (1, 1): x1 = 1/1.01, then x2 = x1/1.01.
    alpha = 0.01
    A = np.array([[2 + 2 * alpha, -2.0], [-2.0, 2 + 2 * alpha]])
    xs = mod.coordinate_descent_quadratic(A, np.zeros(2), np.array([1.0, 1.0]), 3)
    assert xs.shape == (4, 2), "x0 plus one row per sweep"
    np.testing.assert_allclose(xs[0], [1.0, 1.0])
    np.testing.assert_allclose(xs[1], [1 / 1.01, 1 / 1.01 ** 2], rtol=1e-12)
    np.testing.assert_allclose(xs[1:, 1] / xs[:-1, 1], 1 / (1 + alpha) ** 2, rtol=1e-12,
                               err_msg="each sweep shrinks x2 by 1/(1+α)² only: strongly coupled variables")


def test_coordinate_descent_converges_to_the_solution(mod):
    rng = np.random.default_rng(2)
    M = rng.normal(size=(4, 4))
    A, b = M @ M.T + np.eye(4), rng.normal(size=4)
    xs = mod.coordinate_descent_quadratic(A, b, np.zeros(4), 300)
    np.testing.assert_allclose(xs[-1], np.linalg.solve(A, b), rtol=1e-8, atol=1e-10)
    f = [0.5 * x @ A @ x - b @ x for x in xs]
    assert np.all(np.diff(f) <= 1e-12), "exact coordinate minimization never increases f"


def test_polyak_average_mean_and_ema(mod):
    thetas = np.array([[1.0, 0.0], [3.0, 2.0], [-1.0, 4.0], [5.0, 2.0]])
    np.testing.assert_allclose(mod.polyak_average(thetas), [[1, 0], [2, 1], [1, 2], [2, 2]])
    ema = mod.polyak_average(thetas, 0.5)
    np.testing.assert_allclose(ema[0], thetas[0], err_msg="θ̂(1) = θ(1)")
    np.testing.assert_allclose(ema, [[1, 0], [2, 1], [0.5, 2.5], [2.75, 2.25]], err_msg="eq 8.39")


def test_gaussian_smoothed_closed_forms(mod):
    # E cos(ω(θ + σz)) = e^(−ω²σ²/2) cos ωθ and E (θ + σz)⁴ = θ⁴ + 6θ²σ² + 3σ⁴.
    omega, theta, sigma = 3.0, 0.4, 0.5
    got = mod.gaussian_smoothed(lambda t: np.cos(omega * t), theta, sigma)
    assert got == pytest.approx(np.exp(-omega ** 2 * sigma ** 2 / 2) * np.cos(omega * theta), rel=1e-10)
    assert mod.gaussian_smoothed(lambda t: t ** 4, 1.5, 2.0) == pytest.approx(1.5 ** 4 + 6 * 1.5 ** 2 * 4 + 3 * 16)
    assert mod.gaussian_smoothed(np.cos, 0.3, 0.0) == pytest.approx(np.cos(0.3)), "σ = 0 gives J(θ)"
