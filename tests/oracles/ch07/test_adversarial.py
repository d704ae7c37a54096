"""7.13 reference against independent implementations: PyTorch autograd (input gradients, FGSM,
the mixed adversarial loss), central differences, SciPy's linprog, and an adversarial-training
experiment on scikit-learn's digits."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from scipy.optimize import linprog
from sklearn.datasets import load_digits

from autograder.testing import numerical_gradient, rel_error


@pytest.fixture(scope="module")
def sol(reference):
    return reference("7.13")


def t64(a):
    return torch.tensor(np.asarray(a), dtype=torch.float64)


def per_example_bce(X, y, w, b):
    return np.logaddexp(0.0, (1.0 - 2.0 * y) * (X @ w + b))


def case(seed, m, n):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(m, n)), rng.integers(0, 2, size=m).astype(float), rng.normal(size=n), float(rng.normal())


# logistic_input_grad ---------------------------------------------------------------------------
@pytest.mark.parametrize("m,n", [(7, 4), (1, 6), (12, 2)])
def test_input_grad_matches_torch_autograd(sol, m, n):
    X, y, w, b = case(m * n, m, n)
    Xt = t64(X).requires_grad_(True)
    F.binary_cross_entropy_with_logits(Xt @ t64(w) + b, t64(y), reduction="sum").backward()
    np.testing.assert_allclose(sol.logistic_input_grad(X, y, w, b), Xt.grad.numpy(), rtol=1e-12, atol=1e-15)


def test_input_grad_central_differences(sol):
    X, y, w, b = case(3, 5, 3)
    num = numerical_gradient(lambda Xp: per_example_bce(Xp, y, w, b).sum(), X)
    assert rel_error(sol.logistic_input_grad(X, y, w, b), num) < 1e-6


def test_input_grad_large_logits_match_torch(sol):
    X, y = np.array([[1.0, 2.0], [-1.0, -2.0], [1.0, 2.0], [-1.0, -2.0]]), np.array([1.0, 0.0, 0.0, 1.0])
    w = np.array([200.0, 400.0])
    Xt = t64(X).requires_grad_(True)
    F.binary_cross_entropy_with_logits(Xt @ t64(w), t64(y), reduction="sum").backward()
    G = sol.logistic_input_grad(X, y, w, 0.0)
    assert np.all(np.isfinite(G))
    np.testing.assert_allclose(G, Xt.grad.numpy(), rtol=1e-12, atol=1e-300)


# fgsm ------------------------------------------------------------------------------------------
def test_fgsm_matches_torch_fgsm_on_a_logistic_model(sol):
    # The textbook FGSM in torch: x.grad.sign(), step, clamp to [0, 1].
    rng = np.random.default_rng(4)
    X, y, w, b = rng.uniform(0, 1, size=(9, 8)), rng.integers(0, 2, size=9).astype(float), rng.normal(size=8), 0.1
    Xt = t64(X).requires_grad_(True)
    F.binary_cross_entropy_with_logits(Xt @ t64(w) + b, t64(y)).backward()
    want = torch.clamp(Xt.detach() + 0.1 * Xt.grad.sign(), 0.0, 1.0).numpy()
    np.testing.assert_allclose(sol.fgsm(X, sol.logistic_input_grad(X, y, w, b), 0.1), want, rtol=0, atol=1e-15)


@pytest.mark.parametrize("eps", [1e-3, 1e-2, 0.05])
def test_fgsm_stays_in_the_ball_and_increases_the_loss(sol, eps):
    rng = np.random.default_rng(5)
    X, y, w, b = rng.uniform(0.1, 0.9, size=(20, 6)), rng.integers(0, 2, size=20).astype(float), \
        rng.normal(size=6), 0.2
    X_adv = sol.fgsm(X, sol.logistic_input_grad(X, y, w, b), eps)
    assert np.abs(X_adv - X).max() <= eps + 1e-15
    np.testing.assert_allclose(np.abs(X_adv - X), eps, rtol=1e-9)  # inside [0, 1]: every input moves by ε
    assert np.all(per_example_bce(X_adv, y, w, b) > per_example_bce(X, y, w, b))
    # First order: the increase is ε‖∇ₓℓ‖₁ + O(ε²).
    G = sol.logistic_input_grad(X, y, w, b)
    gain = per_example_bce(X_adv, y, w, b) - per_example_bce(X, y, w, b)
    np.testing.assert_allclose(gain, eps * np.abs(G).sum(axis=1), rtol=10 * eps)


def test_fgsm_zero_gradient_and_clipping(sol):
    X, G = np.array([[0.0, 0.5, 1.0, 0.95]]), np.array([[-1.0, 0.0, 2.0, 1.0]])
    np.testing.assert_array_equal(sol.fgsm(X, G, 0.1), [[0.0, 0.5, 1.0, 1.0]])
    np.testing.assert_allclose(sol.fgsm(X, G, 0.1, None), [[-0.1, 0.5, 1.1, 1.05]], atol=1e-15)


# linear_worst_case -----------------------------------------------------------------------------
@pytest.mark.parametrize("n,eps", [(10, 0.05), (1, 2.0), (40, 0.3)])
def test_linear_worst_case_matches_linprog(sol, n, eps):
    w = np.random.default_rng(n).normal(size=n)
    eta, change = sol.linear_worst_case(w, eps)
    lp = linprog(-w, bounds=[(-eps, eps)] * n, method="highs")
    assert lp.status == 0
    assert change == pytest.approx(-lp.fun, rel=1e-10)
    assert w @ eta == pytest.approx(change, rel=1e-12)
    np.testing.assert_allclose(eta, lp.x, atol=1e-12)  # the maximizer is unique when no w_i is 0


def test_linear_worst_case_grows_linearly_with_n(sol):
    for n in (10, 100, 1000):
        _, change = sol.linear_worst_case(np.full(n, 0.1), 0.01)
        assert change == pytest.approx(1e-3 * n, rel=1e-12)


# adversarial_logistic_step ---------------------------------------------------------------------
@pytest.mark.parametrize("m,n,mix,eps", [(8, 3, 0.5, 0.2), (5, 6, 0.2, 0.5), (6, 2, 0.0, 0.1), (9, 4, 1.0, 0.3)])
def test_step_matches_torch_with_frozen_adversarial_inputs(sol, m, n, mix, eps):
    X, y, w, b = case(100 + m, m, n)
    wt, bt = t64(w).requires_grad_(True), t64(b).requires_grad_(True)
    Xt = t64(X).requires_grad_(True)
    F.binary_cross_entropy_with_logits(Xt @ wt.detach() + bt.detach(), t64(y), reduction="sum").backward()
    X_adv = (Xt + eps * Xt.grad.sign()).detach()  # no clipping, frozen
    J = mix * F.binary_cross_entropy_with_logits(t64(X) @ wt + bt, t64(y)) + \
        (1 - mix) * F.binary_cross_entropy_with_logits(X_adv @ wt + bt, t64(y))
    J.backward()
    w_new, b_new = sol.adversarial_logistic_step(X, y, w, b, eps, 0.3, mix)
    np.testing.assert_allclose(w_new, w - 0.3 * wt.grad.numpy(), rtol=1e-12, atol=1e-14)
    assert b_new == pytest.approx(b - 0.3 * bt.grad.item(), rel=1e-12, abs=1e-14)


def test_step_is_a_gradient_step_on_the_mixed_loss(sol):
    # Central differences of mix·J(X) + (1 − mix)·J(X_adv) over (w, b) with X_adv frozen.
    X, y, w, b = case(7, 10, 4)
    eps, mix, lr = 0.25, 0.4, 0.1
    X_adv = X + eps * np.sign((1 / (1 + np.exp(-(X @ w + b))) - y)[:, None] * w)
    J = lambda th: (mix * per_example_bce(X, y, th[:-1], th[-1]).mean()
                    + (1 - mix) * per_example_bce(X_adv, y, th[:-1], th[-1]).mean())
    grad = numerical_gradient(J, np.append(w, b))
    w_new, b_new = sol.adversarial_logistic_step(X, y, w, b, eps, lr, mix)
    assert rel_error((np.append(w, b) - np.append(w_new, b_new)) / lr, grad) < 1e-6


def test_adversarial_training_raises_fgsm_accuracy_on_digits(sol):
    # load_digits 0-vs-1, pixels scaled to [0, 1]; 1000 full-batch steps each, fixed split.
    digits = load_digits()
    sel = digits.target < 2
    X, y = digits.data[sel] / 16.0, digits.target[sel].astype(float)
    idx = np.random.default_rng(0).permutation(len(y))
    tr, te = idx[:200], idx[200:]

    def train(eps, mix):
        w, b = np.zeros(64), 0.0
        for _ in range(1000):
            w, b = sol.adversarial_logistic_step(X[tr], y[tr], w, b, eps, 2.0, mix)
        return w, b

    def fgsm_accuracy(w, b, eps):
        X_adv = sol.fgsm(X[te], sol.logistic_input_grad(X[te], y[te], w, b), eps)
        return np.mean(((X_adv @ w + b) > 0) == y[te])

    standard, adversarial = train(0.0, 1.0), train(0.2, 0.5)
    assert fgsm_accuracy(*standard, 0.0) == 1.0 and fgsm_accuracy(*adversarial, 0.0) >= 0.99
    for eps in (0.1, 0.2, 0.3):
        assert fgsm_accuracy(*adversarial, eps) > fgsm_accuracy(*standard, eps) + 0.01
