"""Self-check for 8.6 (public tests): run `pytest exercises/ch08/test_second_order.py` or `dlbook check 8.6`.

These check the book's own claims and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("8.6")


def spd(d, seed):
    rng = np.random.default_rng(seed)
    B = rng.normal(size=(d, d))
    return B @ B.T + d * np.eye(d)


def test_newton_step_solves_a_quadratic_in_one_step(mod):
    # J(θ) = ½θᵀAθ − bᵀθ: g = Aθ − b, H = A, and one step lands on A⁻¹b (eq 8.27).
    A, b = spd(4, 0), np.array([1.0, -2.0, 0.5, 3.0])
    theta = np.array([5.0, -1.0, 2.0, 0.0])
    new = mod.newton_step(theta, A @ theta - b, A)
    np.testing.assert_allclose(new, np.linalg.solve(A, b), rtol=1e-10, atol=1e-12)
    np.testing.assert_array_equal(theta, [5.0, -1.0, 2.0, 0.0], err_msg="theta must not change")


def test_newton_step_jumps_onto_the_saddle_and_damping(mod):
    # f = x² − y² from (1, 1): g = (2, −2), H = diag(2, −2); the undamped step lands on the saddle.
    theta, g, H = np.array([1.0, 1.0]), np.array([2.0, -2.0]), np.diag([2.0, -2.0])
    np.testing.assert_allclose(mod.newton_step(theta, g, H), [0.0, 0.0], atol=1e-12)
    # Eq 8.28 with α = 3: (H + 3I)⁻¹ g = (2/5, −2/1).
    np.testing.assert_allclose(mod.newton_step(theta, g, H, damping=3.0), [1 - 0.4, 1 + 2.0], rtol=1e-12)


def test_cg_reaches_the_minimum_in_d_steps(mod):
    A, b = spd(5, 1), np.arange(1.0, 6.0)
    for rule in ("PR", "FR"):
        path = mod.conjugate_gradient_quadratic(A, b, np.zeros(5), 5, beta_rule=rule)
        assert np.shape(path) == (6, 5), "rows θ_0 .. θ_n"
        np.testing.assert_array_equal(path[0], np.zeros(5), err_msg="row 0 is theta0")
        np.testing.assert_allclose(path[-1], np.linalg.solve(A, b), rtol=1e-9, atol=1e-10)


def test_cg_first_step_is_an_exact_steepest_descent_step(mod):
    A, b, theta0 = spd(3, 2), np.array([1.0, 0.0, -1.0]), np.array([0.5, 2.0, -1.0])
    g = A @ theta0 - b
    eps = (g @ g) / (g @ A @ g)  # the exact line search along −g
    path = mod.conjugate_gradient_quadratic(A, b, theta0, 1)
    np.testing.assert_allclose(path[1], theta0 - eps * g, rtol=1e-12)


def test_cg_directions_are_conjugate(mod):
    A, b = spd(6, 3), np.random.default_rng(3).normal(size=6)
    path = mod.conjugate_gradient_quadratic(A, b, np.ones(6), 5)
    steps = np.diff(path, axis=0)  # ε*ρ_t, parallel to the directions
    G = steps @ A @ steps.T
    off = G - np.diag(np.diag(G))
    assert np.max(np.abs(off)) < 1e-8 * np.max(np.abs(G)), "ρ_iᵀAρ_j = 0 for i ≠ j"


def test_bfgs_update_secant_condition_and_symmetry(mod):
    A = spd(4, 4)
    s = np.array([0.3, -1.0, 0.2, 0.5])
    y = A @ s
    M = mod.bfgs_inverse_update(np.eye(4), s, y)
    np.testing.assert_allclose(M @ y, s, rtol=1e-10, atol=1e-12, err_msg="secant condition M⁺y = s")
    np.testing.assert_allclose(M, M.T, atol=1e-12)
    assert np.all(np.linalg.eigvalsh(M) > 0), "positive definite when yᵀs > 0"


def test_lbfgs_direction_matches_repeated_bfgs_updates(mod):
    rng = np.random.default_rng(5)
    A = spd(5, 5)
    S = rng.normal(size=(3, 5))
    Y = S @ A  # y_i = A s_i, so y_iᵀs_i > 0
    g = rng.normal(size=5)
    for gamma in (1.0, 0.2):
        M = gamma * np.eye(5)
        for s, y in zip(S, Y):
            M = mod.bfgs_inverse_update(M, s, y)
        np.testing.assert_allclose(mod.lbfgs_direction(g, S, Y, gamma), -M @ g, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(mod.lbfgs_direction(g, np.zeros((0, 5)), np.zeros((0, 5)), 0.5), -0.5 * g,
                               err_msg="no pairs: −gamma·g")
