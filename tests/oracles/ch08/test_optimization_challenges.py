"""8.2 reference against independent implementations: exact quadratics, SciPy's scalar
minimizer, numpy eigen-solvers and np.linalg.cond, PyTorch's clip_grad_norm_, central
differences and the closed form of the product chain's gradient."""
import numpy as np
import pytest
import scipy.optimize
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from autograder.testing import numerical_gradient, rel_error


@pytest.fixture(scope="module")
def sol(reference):
    return reference("8.2")


def symmetric_with_eigvals(seed, lam):
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.normal(size=(len(lam), len(lam))))
    A = Q @ np.diag(np.asarray(lam, dtype=float)) @ Q.T
    return (A + A.T) / 2


# taylor_step_analysis --------------------------------------------------------------------------
@pytest.mark.parametrize("lam", [[0.5, 2.0, 7.0, 30.0], [-0.3, 2.0, 5.0], [1.0, 100.0]])
def test_taylor_prediction_is_exact_on_a_quadratic(sol, lam):
    H = symmetric_with_eigvals(len(lam), lam)
    rng = np.random.default_rng(1)
    c, theta = rng.normal(size=len(lam)), rng.normal(size=len(lam))
    J = lambda t: 0.5 * t @ H @ t + c @ t  # noqa: E731
    g = H @ theta + c
    for eps in [1e-3, 0.05, 0.7, 3.0]:
        out = sol.taylor_step_analysis(g, H, eps)
        assert out["predicted_change"] == pytest.approx(J(theta - eps * g) - J(theta), rel=1e-9, abs=1e-12)
    out = sol.taylor_step_analysis(g, H, 0.1)
    if g @ H @ g > 0:
        res = scipy.optimize.minimize_scalar(lambda e: J(theta - e * g), bracket=(0.0, 1e-3), tol=1e-12)
        assert out["eps_opt"] == pytest.approx(res.x, rel=1e-6)
        assert J(theta - out["eps_max"] * g) == pytest.approx(J(theta), rel=1e-9, abs=1e-10)  # the other root
        grid = np.linspace(0, 3 * out["eps_max"], 3001)
        best = grid[np.argmin([J(theta - e * g) for e in grid])]
        assert best == pytest.approx(out["eps_opt"], abs=2e-3 * out["eps_max"])
    else:
        assert out["eps_opt"] == np.inf and out["eps_max"] == np.inf


@pytest.mark.parametrize("lam", [[0.5, 2.0, 7.0, 30.0], [1.0, 100.0], [3.0, 3.0, 3.0]])
def test_condition_number_of_spd_matches_np_cond(sol, lam):
    H = symmetric_with_eigvals(7, lam)
    cond = sol.taylor_step_analysis(np.ones(len(lam)), H, 0.1)["condition_number"]
    assert cond == pytest.approx(np.linalg.cond(H), rel=1e-10)
    assert cond == pytest.approx(max(lam) / min(lam), rel=1e-10)


def test_condition_number_of_indefinite_and_singular(sol):
    H = symmetric_with_eigvals(8, [-5.0, 0.5, 2.0])
    lam = np.linalg.eigvalsh(H)
    cond = sol.taylor_step_analysis(np.ones(3), H, 0.1)["condition_number"]
    assert cond == pytest.approx(np.abs(lam).max() / np.abs(lam).min(), rel=1e-12)
    assert cond == pytest.approx(np.linalg.cond(H), rel=1e-10)  # singular values are |λ| for symmetric H
    assert sol.taylor_step_analysis(np.ones(3), np.diag([2.0, 0.0, -1.0]), 0.1)["condition_number"] == np.inf


def test_taylor_quiz_numbers(sol):
    out = sol.taylor_step_analysis(np.array([1.0, 1.0]), np.diag([1.0, 100.0]), 0.05)
    assert out["predicted_change"] == pytest.approx(0.02625, rel=1e-12)
    assert out["eps_opt"] == pytest.approx(2 / 101, rel=1e-12)
    assert out["eps_max"] == pytest.approx(4 / 101, rel=1e-12)
    zero = sol.taylor_step_analysis(np.zeros(2), np.diag([1.0, 100.0]), 0.05)
    assert zero["predicted_change"] == 0.0 and zero["eps_opt"] == np.inf


# classify_critical_point -----------------------------------------------------------------------
@pytest.mark.parametrize("lam,kind,index", [
    ([2.0, -2.0], "saddle", 0.5),            # x² − y²
    ([-2.0, -2.0], "maximum", 1.0),          # −(x² + y²)
    ([1.0, 0.0], "degenerate", 0.0),         # diag(1, 0)
    ([0.3, 1.0, 4.0], "minimum", 0.0),
    ([1.0, -2.0, 0.5, -3.0, 1.5], "saddle", 0.4),
    ([1.0, 0.0, -1.0], "saddle", 1 / 3),
])
def test_classify_hand_cases(sol, lam, kind, index):
    for H in (np.diag(lam), symmetric_with_eigvals(len(lam), lam)):
        got_kind, got_index = sol.classify_critical_point(H)
        assert got_kind == kind and got_index == pytest.approx(index, abs=1e-15)


@settings(max_examples=80, deadline=None)
@given(lam=arrays(np.float64, st.integers(1, 6), elements=st.sampled_from([-3.0, -1.0, -0.2, 0.0, 0.2, 1.0, 3.0])),
       seed=st.integers(0, 1000))
def test_classify_matches_eigvalsh_of_rotations(sol, lam, seed):
    H = symmetric_with_eigvals(seed, lam)
    ev = np.linalg.eigvalsh(H)
    pos, neg = ev > 1e-8, ev < -1e-8
    want = ("minimum" if pos.all() else "maximum" if neg.all() else "saddle" if pos.any() and neg.any()
            else "degenerate")
    kind, index = sol.classify_critical_point(H)
    assert kind == want and index == pytest.approx(np.mean(lam < 0), abs=1e-15)


def test_classify_coin_flip_probability(sol):
    # Quiz: with independent fair-coin signs, a critical point in d = 10 dimensions is a minimum
    # with probability 2⁻¹⁰; exact enumeration of all 2¹⁰ sign patterns.
    minima = sum(sol.classify_critical_point(np.diag(np.where(np.array(bits) == 1, 1.0, -1.0)))[0] == "minimum"
                 for bits in np.ndindex(*(2,) * 10))
    assert minima / 2 ** 10 == pytest.approx(9.765625e-4, rel=1e-12)


# clip_grad_norm --------------------------------------------------------------------------------
@pytest.mark.parametrize("scale,threshold", [(3.0, 1.0), (0.1, 5.0), (2.0, 0.5)])
def test_clip_grad_norm_matches_torch(sol, scale, threshold):
    rng = np.random.default_rng(int(10 * scale))
    grads = [rng.normal(size=(3, 2)) * scale, rng.normal(size=4) * scale, rng.normal(size=(2, 1, 3)) * scale]
    clipped, norm = sol.clip_grad_norm(grads, threshold)
    params = [torch.zeros(g.shape, dtype=torch.float64, requires_grad=True) for g in grads]
    for p, g in zip(params, grads):
        p.grad = torch.tensor(g, dtype=torch.float64)
    total = torch.nn.utils.clip_grad_norm_(params, max_norm=threshold, norm_type=2.0)
    assert norm == pytest.approx(total.item(), rel=1e-12)
    assert norm == pytest.approx(np.linalg.norm(np.concatenate([g.ravel() for g in grads])), rel=1e-12)
    for c, p in zip(clipped, params):  # torch scales by clamp(v / (norm + 1e-6), max=1)
        np.testing.assert_allclose(c, p.grad.numpy(), rtol=1e-5, atol=1e-12)
    if norm > threshold:
        assert np.linalg.norm(np.concatenate([c.ravel() for c in clipped])) == pytest.approx(threshold, rel=1e-12)


def test_clip_grad_norm_inputs_unchanged_and_new_arrays(sol):
    grads = [np.array([[3.0, 0.0]]), np.array([0.0, 4.0])]
    copies = [g.copy() for g in grads]
    for threshold in (1.0, 10.0):
        clipped, _ = sol.clip_grad_norm(grads, threshold)
        for c, g, orig in zip(clipped, grads, copies):
            assert c is not g
            np.testing.assert_array_equal(g, orig)
    zero, norm = sol.clip_grad_norm([np.zeros(3)], 0.0)
    assert norm == 0.0 and np.all(zero[0] == 0.0)


# product_chain_loss_and_grad -------------------------------------------------------------------
def closed_form_grad(w, x, y):
    r = x * np.prod(w) - y
    return np.array([r * x * np.prod(np.delete(w, l)) for l in range(len(w))])


@pytest.mark.parametrize("L", [1, 2, 6, 15])
def test_product_chain_central_differences_and_closed_form(sol, L):
    rng = np.random.default_rng(L)
    w, x, y = rng.normal(size=L), 0.8, -0.6
    loss, grad = sol.product_chain_loss_and_grad(w, x, y)
    assert loss == pytest.approx(0.5 * (x * np.prod(w) - y) ** 2, rel=1e-12)
    num = numerical_gradient(lambda v: sol.product_chain_loss_and_grad(v, x, y)[0], w)
    assert rel_error(grad, num) < 1e-6
    np.testing.assert_allclose(grad, closed_form_grad(w, x, y), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("zeros", [[2], [1, 4], [0]])
def test_product_chain_zero_weights(sol, zeros):
    w = np.random.default_rng(9).normal(size=6)
    w[zeros] = 0.0
    loss, grad = sol.product_chain_loss_and_grad(w, 1.3, 0.7)
    assert np.all(np.isfinite(grad))
    np.testing.assert_allclose(grad, closed_form_grad(w, 1.3, 0.7), rtol=1e-12, atol=1e-15)
    num = numerical_gradient(lambda v: sol.product_chain_loss_and_grad(v, 1.3, 0.7)[0], w)
    np.testing.assert_allclose(grad, num, rtol=1e-6, atol=1e-9)
    if len(zeros) == 1:
        assert np.count_nonzero(grad) == 1 and grad[zeros[0]] != 0.0
    else:
        assert np.all(grad == 0.0)


def test_product_chain_matches_torch(sol):
    w = 1.5 + 0.05 * np.random.default_rng(40).normal(size=40)
    loss, grad = sol.product_chain_loss_and_grad(w, 0.3, 2.0)
    wt = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    lt = 0.5 * (0.3 * torch.prod(wt) - 2.0) ** 2
    lt.backward()
    assert loss == pytest.approx(lt.item(), rel=1e-12)
    np.testing.assert_allclose(grad, wt.grad.numpy(), rtol=1e-12)
