"""Self-check for 8.2 (public tests): run `pytest exercises/ch08/test_optimization_challenges.py` or `dlbook check 8.2`.

These check the book's own numbers and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("8.2")


def test_taylor_step_on_an_ill_conditioned_quadratic(mod):
    # g = (1, 1), H = diag(1, 100), ε = 0.05: ½ε²·101 − ε·2 = +0.02625 > 0, the step increases the cost.
    out = mod.taylor_step_analysis(np.array([1.0, 1.0]), np.diag([1.0, 100.0]), 0.05)
    assert out["predicted_change"] == pytest.approx(0.02625), "½ε²gᵀHg − εgᵀg (eq 8.10)"
    assert out["eps_opt"] == pytest.approx(2 / 101), "gᵀg / gᵀHg"
    assert out["eps_max"] == pytest.approx(4 / 101), "2gᵀg / gᵀHg"
    assert out["condition_number"] == pytest.approx(100.0)


def test_taylor_step_is_exact_on_a_quadratic(mod):
    # J(θ) = ½θᵀHθ + cᵀθ is its own second-order Taylor model: the prediction is exact.
    rng = np.random.default_rng(0)
    A = rng.normal(size=(3, 3))
    H, c, theta = A @ A.T + np.eye(3), rng.normal(size=3), rng.normal(size=3)
    J = lambda t: 0.5 * t @ H @ t + c @ t  # noqa: E731
    g = H @ theta + c
    for eps in [0.01, 0.3, 2.0]:
        out = mod.taylor_step_analysis(g, H, eps)
        assert out["predicted_change"] == pytest.approx(J(theta - eps * g) - J(theta), rel=1e-9, abs=1e-12)
    eps_opt = mod.taylor_step_analysis(g, H, 0.1)["eps_opt"]
    assert J(theta - eps_opt * g) <= min(J(theta - e * g) for e in np.linspace(0, 2 * eps_opt, 101)) + 1e-12


def test_taylor_step_with_negative_curvature(mod):
    # gᵀHg <= 0: the quadratic model decreases forever along −g.
    out = mod.taylor_step_analysis(np.array([0.0, 2.0]), np.diag([3.0, -0.5]), 0.1)
    assert out["eps_opt"] == np.inf and out["eps_max"] == np.inf
    assert out["condition_number"] == pytest.approx(6.0), "max|λ| / min|λ| uses magnitudes"


def test_classify_critical_point_book_cases(mod):
    assert tuple(mod.classify_critical_point(np.diag([2.0, -2.0]))) == ("saddle", 0.5)  # x² − y²
    assert tuple(mod.classify_critical_point(-2.0 * np.eye(2))) == ("maximum", 1.0)  # −(x² + y²)
    assert tuple(mod.classify_critical_point(np.eye(3))) == ("minimum", 0.0)
    assert mod.classify_critical_point(np.diag([1.0, 0.0]))[0] == "degenerate"  # the test is inconclusive
    kind, index = mod.classify_critical_point(np.diag([1.0, 0.0, -1.0]))
    assert kind == "saddle", "some λ > 0 and some λ < 0 is a saddle, even beside a zero eigenvalue"
    assert index == pytest.approx(1 / 3)


def test_clip_grad_norm_scales_all_arrays_together(mod):
    grads = [np.array([[3.0, 0.0]]), np.array([0.0, 4.0])]  # global norm 5
    clipped, norm = mod.clip_grad_norm(grads, 1.0)
    assert norm == pytest.approx(5.0), "the norm before clipping"
    np.testing.assert_allclose(clipped[0], [[0.6, 0.0]], atol=1e-15)
    np.testing.assert_allclose(clipped[1], [0.0, 0.8], atol=1e-15)
    np.testing.assert_array_equal(grads[0], [[3.0, 0.0]], err_msg="the inputs must not change")
    same, norm = mod.clip_grad_norm(grads, 10.0)
    assert norm == pytest.approx(5.0)
    np.testing.assert_array_equal(same[1], grads[1], err_msg="below the threshold nothing changes")


def test_product_chain_gradient_matches_central_differences(mod):
    rng = np.random.default_rng(1)
    w, x, y = rng.normal(size=6), 0.7, -1.3
    loss, grad = mod.product_chain_loss_and_grad(w, x, y)
    assert loss == pytest.approx(0.5 * (x * np.prod(w) - y) ** 2)
    h, num = 1e-6, np.zeros(6)
    for l in range(6):
        e = np.zeros(6)
        e[l] = h
        num[l] = (mod.product_chain_loss_and_grad(w + e, x, y)[0]
                  - mod.product_chain_loss_and_grad(w - e, x, y)[0]) / (2 * h)
    np.testing.assert_allclose(grad, num, rtol=1e-6, atol=1e-9)


def test_product_chain_with_zero_weights(mod):
    # One zero weight: only its own derivative survives. Two zeros: every derivative is 0.
    _, grad = mod.product_chain_loss_and_grad(np.array([2.0, 0.0, 3.0]), 1.0, 1.0)
    assert np.all(np.isfinite(grad)), "no division by w_l"
    np.testing.assert_allclose(grad, [0.0, -6.0, 0.0], atol=1e-15)
    _, grad = mod.product_chain_loss_and_grad(np.array([0.0, 2.0, 0.0]), 1.0, 1.0)
    np.testing.assert_allclose(grad, [0.0, 0.0, 0.0], atol=1e-15)


def test_product_chain_explodes(mod):
    # 40 layers of weight 1.5: ŷ ≈ 1.1e7, and every partial derivative is as large (a cliff).
    loss, grad = mod.product_chain_loss_and_grad(np.full(40, 1.5), 1.0, 0.0)
    assert loss == pytest.approx(0.5 * 1.5 ** 80)
    np.testing.assert_allclose(grad, np.full(40, 1.5 ** 79), rtol=1e-12)
