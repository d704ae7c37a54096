"""Hidden grading tests for 7.1.1 L2 Regularization.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs.
"""
import numpy as np
import pytest

from autograder.testing import assert_close, assert_shape

pytestmark = pytest.mark.section("7.1.1")


def random_orthogonal(rng, n):
    Q, R = np.linalg.qr(rng.normal(size=(n, n)))
    return Q * np.sign(np.diag(R))


def spd_with_eigvals(rng, lam):
    Q = random_orthogonal(rng, len(lam))
    H = Q @ np.diag(lam) @ Q.T
    return 0.5 * (H + H.T)


def ridge_objective(X, y, alpha, w):
    r = X @ w - y
    return 0.5 * r @ r + 0.5 * alpha * w @ w


# ridge_closed_form ----------------------------------------------------------------------
@pytest.mark.parametrize("m,n,alpha", [pytest.param(20, 5, 0.5, id="m20-n5"),
                                       pytest.param(6, 9, 2.0, id="m6-n9-wide"),
                                       pytest.param(1, 3, 0.3, id="one-row")])
def test_ridge_closed_form_random(impl, ref, m, n, alpha):
    rng = np.random.default_rng(100 * m + n)
    X, y = rng.normal(size=(m, n)), rng.normal(size=m)
    got = impl.ridge_closed_form(X, y, alpha)
    assert_shape(got, (n,), f"ridge_closed_form on X of shape {X.shape}")
    assert_close(got, ref.ridge_closed_form(X, y, alpha), f"ridge_closed_form on random X {X.shape}, alpha={alpha}")


def test_ridge_closed_form_alpha_range(impl, ref):
    # alpha = 0 is ordinary least squares (eq 7.16); a huge alpha shrinks w towards 0; the
    # scale of alpha is the one of ½‖Xw − y‖² + ½α‖w‖² (no factor 2, no mean over rows).
    rng = np.random.default_rng(3)
    X = rng.normal(size=(15, 4)) * np.array([1.0, 3.0, 0.2, 1.5])
    y = X @ np.array([1.0, -2.0, 0.5, 0.0]) + 0.1 * rng.normal(size=15)
    for alpha in (0.0, 1e-3, 1.0, 10.0, 1e4):
        assert_close(impl.ridge_closed_form(X, y, alpha), ref.ridge_closed_form(X, y, alpha),
                     f"ridge_closed_form on X (15, 4) with alpha={alpha}")


def test_ridge_closed_form_is_pure(impl, ref):
    rng = np.random.default_rng(4)
    X, y = rng.normal(size=(7, 3)), rng.normal(size=7)
    assert_close(impl.pure("ridge_closed_form", X, y, 0.7), ref.ridge_closed_form(X, y, 0.7),
                 "ridge_closed_form (purity case)")


# l2_regularized_optimum -----------------------------------------------------------------
def check_optimum(impl, ref, H, w_star, alpha, what, compare_q=True):
    got = impl.l2_regularized_optimum(H, w_star, alpha)
    assert isinstance(got, (tuple, list)) and len(got) == 3, \
        "l2_regularized_optimum returns a tuple (w_tilde, factors, Q)"
    want = ref.l2_regularized_optimum(H, w_star, alpha)
    n = len(w_star)
    for value, shape, name in zip(got, ((n,), (n,), (n, n)), ("w_tilde", "factors", "Q")):
        assert_shape(value, shape, f"{name} {what}")
    assert_close(got[0], want[0], f"w_tilde {what}")
    assert_close(got[1], want[1], f"factors {what} (ascending eigenvalues)")
    if compare_q:
        assert_close(got[2], want[2], f"Q {what} (columns in ascending eigenvalue order, largest entry positive)")
    return got


@pytest.mark.parametrize("lam,alpha", [pytest.param([0.2, 1.5, 6.0], 1.0, id="n3"),
                                       pytest.param([0.05, 0.4, 1.0, 3.0, 12.0], 0.5, id="n5")])
def test_l2_regularized_optimum_random(impl, ref, lam, alpha):
    rng = np.random.default_rng(len(lam))
    H = spd_with_eigvals(rng, lam)
    w_star = rng.normal(size=len(lam)) * 2.0
    check_optimum(impl, ref, H, w_star, alpha, f"on a random {len(lam)}×{len(lam)} SPD H, alpha={alpha}")


def test_l2_regularized_optimum_diagonal_and_alpha_zero(impl, ref):
    # A diagonal H whose entries are not sorted: Q is a permutation matrix.
    H = np.diag([10.0, 0.1, 2.0])
    w_star = np.array([1.0, -2.0, 0.5])
    for alpha in (1.0, 0.0, 50.0):
        check_optimum(impl, ref, H, w_star, alpha, f"on H = diag(10, 0.1, 2), alpha={alpha}")
    rng = np.random.default_rng(5)
    H = spd_with_eigvals(rng, [0.5, 2.0, 4.0, 7.0])
    check_optimum(impl, ref, H, rng.normal(size=4), 0.0, "on a random SPD H with alpha=0 (w_tilde = w_star)")


def test_l2_regularized_optimum_repeated_eigenvalue(impl, ref):
    # Q is not unique inside the eigenspace of a repeated eigenvalue: check it by its properties.
    rng = np.random.default_rng(6)
    H = spd_with_eigvals(rng, [3.0, 0.5, 3.0])
    w_star = np.array([1.0, 2.0, -1.0])
    _, _, Q = check_optimum(impl, ref, H, w_star, 2.0, "on H with eigenvalues {0.5, 3, 3}, alpha=2",
                            compare_q=False)
    Q = np.asarray(Q, dtype=float)
    lam = np.linalg.eigvalsh(H)
    assert np.allclose(H @ Q, Q * lam, atol=1e-8), "Q's columns must be eigenvectors of H, in ascending order"
    assert np.allclose(Q.T @ Q, np.eye(3), atol=1e-8), "Q must be orthonormal"
    assert np.all(Q[np.argmax(np.abs(Q), axis=0), np.arange(3)] > 0), \
        "each column of Q must have its largest-magnitude entry positive"


def test_l2_regularized_optimum_is_pure(impl, ref):
    rng = np.random.default_rng(7)
    H, w_star = spd_with_eigvals(rng, [0.3, 1.0, 5.0]), rng.normal(size=3)
    assert_close(impl.pure("l2_regularized_optimum", H, w_star, 0.8), ref.l2_regularized_optimum(H, w_star, 0.8),
                 "l2_regularized_optimum (purity case)")


# weight_decay_sgd_step ------------------------------------------------------------------
def test_weight_decay_sgd_step_random(impl, ref):
    rng = np.random.default_rng(8)
    for shape, lr, alpha in (((5,), 0.1, 0.01), ((3, 4), 0.05, 0.5), ((2, 3, 2), 0.3, 2.0), ((4,), 0.2, 0.0)):
        w, g = rng.normal(size=shape), rng.normal(size=shape)
        got = impl.weight_decay_sgd_step(w, g, lr, alpha)
        assert_shape(got, shape, f"weight_decay_sgd_step on w of shape {shape}")
        assert_close(got, ref.weight_decay_sgd_step(w, g, lr, alpha),
                     f"weight_decay_sgd_step on w of shape {shape}, lr={lr}, alpha={alpha}")


def test_weight_decay_sgd_step_consecutive(impl, ref):
    # Ten steps, each from the implementation's own previous result.
    rng = np.random.default_rng(9)
    w_impl = w_ref = rng.normal(size=(3, 2))
    for t in range(10):
        g = rng.normal(size=(3, 2))
        w_impl = np.asarray(impl.weight_decay_sgd_step(w_impl, g, 0.1, 0.3), dtype=float)
        w_ref = ref.weight_decay_sgd_step(w_ref, g, 0.1, 0.3)
    assert_close(w_impl, w_ref, "weights after 10 consecutive weight_decay_sgd_step calls (lr=0.1, alpha=0.3)")


def test_weight_decay_sgd_step_is_pure(impl, ref):
    rng = np.random.default_rng(10)
    w, g = rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    assert_close(impl.pure("weight_decay_sgd_step", w, g, 0.1, 0.5), ref.weight_decay_sgd_step(w, g, 0.1, 0.5),
                 "weight_decay_sgd_step (purity case)")


# ridge_by_gradient_descent --------------------------------------------------------------
def gd_problem(seed, m=12, n=4):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n))
    y = X @ rng.normal(size=n) + 0.3 * rng.normal(size=m)
    return X, y


def check_gd(impl, ref, X, y, alpha, lr, steps, what):
    got = impl.ridge_by_gradient_descent(X, y, alpha, lr, steps)
    assert isinstance(got, (tuple, list)) and len(got) == 2, "ridge_by_gradient_descent returns (w, losses)"
    w, losses = got
    w_ref, losses_ref = ref.ridge_by_gradient_descent(X, y, alpha, lr, steps)
    assert_shape(w, (X.shape[1],), f"w {what}")
    assert_shape(losses, (steps,), f"losses {what}")
    assert_close(w, w_ref, f"w {what}")
    assert_close(losses, losses_ref, f"losses {what} (losses[t] is the objective before update t)")
    return np.asarray(w, dtype=float)


def test_ridge_by_gradient_descent_first_steps(impl, ref):
    X, y = gd_problem(11)
    for steps in (0, 1, 2, 5):
        check_gd(impl, ref, X, y, 0.5, 0.02, steps, f"after {steps} steps (alpha=0.5, lr=0.02)")


def test_ridge_by_gradient_descent_long_run(impl, ref):
    X, y = gd_problem(12, m=9, n=6)
    alpha = 2.0
    lr = 0.5 / np.linalg.eigvalsh(X.T @ X + alpha * np.eye(6))[-1]
    w = check_gd(impl, ref, X, y, alpha, lr, 150, "after 150 steps (alpha=2, lr=0.5/λ_max)")
    # The objective of the returned weights, recomputed here (never trust a reported loss).
    w_ref = ref.ridge_by_gradient_descent(X, y, alpha, lr, 150)[0]
    assert_close(ridge_objective(X, y, alpha, w), ridge_objective(X, y, alpha, w_ref),
                 "the objective ½‖Xw − y‖² + ½α‖w‖² of the returned w")


def test_ridge_by_gradient_descent_converges_to_closed_form(impl, ref):
    X, y = gd_problem(13, m=30, n=4)
    alpha = 1.0
    eig = np.linalg.eigvalsh(X.T @ X + alpha * np.eye(4))
    lr = 1.0 / eig[-1]
    steps = int(np.ceil(30 * eig[-1] / eig[0]))  # (1 − λ_min/λ_max)^steps < e^-30
    w, losses = impl.ridge_by_gradient_descent(X, y, alpha, lr, steps)
    assert_close(w, ref.ridge_closed_form(X, y, alpha), f"w after {steps} steps versus the closed form (eq 7.17)",
                 rtol=0, atol=1e-8)
    losses = np.asarray(losses, dtype=float)
    assert np.all(np.diff(losses) <= 1e-12 * losses[0]), "with lr <= 1/λ_max the objective must never increase"


def test_ridge_by_gradient_descent_is_pure(impl, ref):
    X, y = gd_problem(14, m=5, n=3)
    assert_close(impl.pure("ridge_by_gradient_descent", X, y, 0.3, 0.05, 20),
                 ref.ridge_by_gradient_descent(X, y, 0.3, 0.05, 20), "ridge_by_gradient_descent (purity case)")
