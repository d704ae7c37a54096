"""7.8 reference against independent implementations: hand-run Algorithm 7.1, a brute-force
restatement of its stopping rule (hypothesis), explicit iteration of eq 7.35, PyTorch SGD, and
eq 7.13 (L2 shrinkage) per eigendirection."""
import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.fixture(scope="module")
def sol(reference):
    return reference("7.8")


# early_stopping_from_curve: hand-made curves --------------------------------------------
def test_curve_book_example(sol):
    # Hand-run: 5, 4, 3 improve (i* = 30); 3.5, 3.2, 3.0 do not (3.0 ties): j = 3 at i = 60.
    assert sol.early_stopping_from_curve(np.array([5, 4, 3, 3.5, 3.2, 3.0, 2.0]), 10, 3) == (30, 60, 3.0)


def test_curve_monotone_runs_to_the_end(sol):
    curve = np.linspace(10.0, 1.0, 9)
    assert sol.early_stopping_from_curve(curve, 7, 2) == (63, 63, 1.0)


def test_curve_u_shape_gives_the_argmin(sol):
    curve = (np.arange(20) - 6.0) ** 2 + 0.5
    i_star, i_stop, v_star = sol.early_stopping_from_curve(curve, 3, 4)
    assert (i_star, i_stop, v_star) == (21, 33, 0.5)
    assert i_star == 3 * (int(np.argmin(curve)) + 1)


def test_curve_empty_and_patience_one(sol):
    assert sol.early_stopping_from_curve(np.zeros(0), 5, 3) == (0, 0, float("inf"))
    assert sol.early_stopping_from_curve(np.array([3.0, 2.0, 2.0, 1.0]), 1, 1) == (2, 3, 2.0)


def brute_force(curve, n, p):
    """Restatement: stop at the first evaluation that ends a run of p evaluations none of which
    beats the running minimum before it; i* is the first argmin of what was read."""
    curve = list(curve)
    for e in range(len(curve)):
        if e + 1 >= p and e - p + 1 >= 1:
            best_before = min(curve[:e - p + 1])
            if all(c >= best_before for c in curve[e - p + 1:e + 1]):
                read = curve[:e + 1]
                break
    else:
        read = curve
    if not read:
        return 0, 0, float("inf")
    k = int(np.argmin(read))
    return n * (k + 1), n * len(read), float(read[k])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=25), st.integers(1, 5), st.integers(1, 6))
def test_curve_matches_brute_force(sol, values, n, p):
    curve = np.array(values, dtype=float)  # small integers: ties everywhere
    assert sol.early_stopping_from_curve(curve, n, p) == brute_force(values, n, p)


# early_stopping_train --------------------------------------------------------------------
def quadratic_problem(seed=1, d=4, lr=0.05):
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(d, d))
    H = M @ M.T / d + 0.1 * np.eye(d)
    w_tr = rng.normal(size=d) * 2.0
    Mv = rng.normal(size=(d, d))
    Hv = Mv @ Mv.T / d + 0.1 * np.eye(d)
    w_va = 0.5 * w_tr + 0.5 * rng.normal(size=d)
    return H, w_tr, Hv, w_va, lr


def test_train_equals_curve_version_and_best_theta(sol):
    H, w_tr, Hv, w_va, lr = quadratic_problem()
    thetas, curve, theta = [], [], np.zeros(4)
    for _ in range(100):
        for _ in range(5):
            theta = theta - lr * H @ (theta - w_tr)
        thetas.append(theta)
        curve.append(0.5 * (theta - w_va) @ Hv @ (theta - w_va))

    def train_steps(th, n):
        for _ in range(n):
            th = th - lr * H @ (th - w_tr)
        return th

    theta_star, i_star = sol.early_stopping_train(np.zeros(4), train_steps,
                                                  lambda th: 0.5 * (th - w_va) @ Hv @ (th - w_va), 5, 3, 100)
    i_ref, i_stop, _ = sol.early_stopping_from_curve(np.array(curve), 5, 3)
    assert i_star == i_ref and 0 < i_star < i_stop < 500
    np.testing.assert_array_equal(theta_star, thetas[i_star // 5 - 1])


def test_train_in_place_callback_keeps_the_snapshot(sol):
    H, w_tr, Hv, w_va, lr = quadratic_problem()

    def train_steps_in_place(th, n):
        for _ in range(n):
            th -= lr * H @ (th - w_tr)
        return th

    def train_steps(th, n):
        return train_steps_in_place(th.copy(), n)

    def val(th):
        return 0.5 * (th - w_va) @ Hv @ (th - w_va)

    theta0 = np.zeros(4)
    got = sol.early_stopping_train(theta0, train_steps_in_place, val, 5, 3, 100)
    want = sol.early_stopping_train(np.zeros(4), train_steps, val, 5, 3, 100)
    np.testing.assert_array_equal(got[0], want[0])
    assert got[1] == want[1]
    np.testing.assert_array_equal(theta0, 0.0)


def test_train_counter_curve(sol):
    def train_steps(th, n):
        th += n
        return th

    curve = [5, 4, 3, 3.5, 3.2, 3.0, 2.0]
    theta_star, i_star = sol.early_stopping_train(np.zeros(2), train_steps,
                                                  lambda th: curve[int(th[0]) // 10 - 1], 10, 3, 100)
    assert i_star == 30
    np.testing.assert_array_equal(theta_star, [30.0, 30.0])
    theta_star, i_star = sol.early_stopping_train(np.ones(2), train_steps, lambda th: 1.0, 10, 3, 0)
    assert i_star == 0
    np.testing.assert_array_equal(theta_star, [1.0, 1.0])


# gd_quadratic_iterate --------------------------------------------------------------------
@pytest.mark.parametrize("seed", range(4))
def test_gd_iterate_matches_explicit_iteration_and_torch(sol, seed):
    rng = np.random.default_rng(seed)
    d = 3 + seed
    M = rng.normal(size=(d, d))
    H = M @ M.T / d
    H = (H + H.T) / 2
    w_star = rng.normal(size=d)
    lr = 1.5 / np.linalg.eigvalsh(H).max()
    tau = 10 * seed + 3
    w = np.zeros(d)
    for _ in range(tau):
        w = w - lr * H @ (w - w_star)  # eq 7.35 / 7.36
    got = sol.gd_quadratic_iterate(H, w_star, lr, tau)
    np.testing.assert_allclose(got, w, rtol=0, atol=1e-10)
    p = torch.zeros(d, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr)
    Ht, wt = torch.tensor(H), torch.tensor(w_star)
    for _ in range(tau):
        opt.zero_grad()
        (0.5 * (p - wt) @ Ht @ (p - wt)).backward()
        opt.step()
    np.testing.assert_allclose(got, p.detach().numpy(), rtol=0, atol=1e-10)


def test_gd_iterate_limits(sol):
    H = np.array([[2.0, 0.3], [0.3, 1.0]])
    w_star = np.array([1.0, -1.0])
    np.testing.assert_array_equal(sol.gd_quadratic_iterate(H, w_star, 0.1, 0), 0.0)
    np.testing.assert_allclose(sol.gd_quadratic_iterate(H, w_star, 0.1, 2000), w_star, atol=1e-12)


# equivalent_weight_decay -----------------------------------------------------------------
@pytest.mark.parametrize("seed", range(3))
def test_alpha_reproduces_gd_through_eq_7_13(sol, seed):
    rng = np.random.default_rng(seed)
    d, lr, tau = 5, 0.05, 15 + 10 * seed
    M = rng.normal(size=(d, d))
    H = M @ M.T / d + 0.1 * np.eye(d)
    H = (H + H.T) / 2
    w_star = rng.normal(size=d)
    lam, Q = np.linalg.eigh(H)
    alpha = sol.equivalent_weight_decay(lam, lr, tau)
    # eq 7.13 one direction at a time: the L2 optimum with coefficient α_i is λ_i/(λ_i + α_i)·(Qᵀw*)_i;
    # per direction it is also solve(λ_i + α_i, λ_i (Qᵀw*)_i) (eq 7.10 in the eigenbasis).
    coords = np.array([np.linalg.solve([[lam[i] + alpha[i]]], [lam[i] * (Q.T @ w_star)[i]])[0] for i in range(d)])
    np.testing.assert_allclose(Q @ coords, sol.gd_quadratic_iterate(H, w_star, lr, tau), rtol=1e-10, atol=1e-12)


def test_alpha_approximation_eq_7_45(sol):
    lr, tau = 1e-3, 100
    alpha = sol.equivalent_weight_decay(np.array([1e-2]), lr, tau)[0]
    assert alpha == pytest.approx(1 / (tau * lr), rel=0.05)
    # and it is exact in the limit λ → 0
    small = sol.equivalent_weight_decay(np.array([1e-9, 0.0]), lr, tau)
    np.testing.assert_allclose(small, 1 / (tau * lr), rtol=1e-6)


def test_alpha_quiz_numbers_and_edges(sol):
    q = 0.9 ** 10
    assert sol.equivalent_weight_decay(np.array([1.0]), 0.1, 10)[0] == pytest.approx(q / (1 - q), rel=1e-12)
    assert q / (1 - q) == pytest.approx(0.5353, abs=1e-4)
    np.testing.assert_array_equal(sol.equivalent_weight_decay(np.array([10.0, 0.0]), 0.1, 5), [0.0, 2.0])
    assert np.all(np.isinf(sol.equivalent_weight_decay(np.array([0.0, 3.0]), 0.1, 0)))
    # stable at tiny ελ, where 1 − (1 − ελ)^τ cancels: compare with exact rational arithmetic
    from fractions import Fraction
    lam, lr, tau = 1e-7, 1e-3, 50
    qf = (1 - Fraction(lr) * Fraction(lam)) ** tau
    exact = float(Fraction(lam) * qf / (1 - qf))
    assert sol.equivalent_weight_decay(np.array([lam]), lr, tau)[0] == pytest.approx(exact, rel=1e-12)
