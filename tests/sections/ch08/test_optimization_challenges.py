"""Hidden grading tests for 8.2 Challenges in Deep Learning Optimization.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs. Symmetric matrices are built as (A + Aᵀ)/2, which is
symmetric to the last bit; eigenvalues meant to be exactly zero or exactly at the tolerance sit
on a diagonal, where every eigen-solver returns them exactly.
"""
import numpy as np
import pytest

from autograder.testing import assert_close, assert_shape, describe

pytestmark = pytest.mark.section("8.2")


def symmetric_with_eigvals(seed, lam):
    """Q diag(λ) Qᵀ for a random orthogonal Q, symmetrized exactly."""
    rng = np.random.default_rng(seed)
    Q, R = np.linalg.qr(rng.normal(size=(len(lam), len(lam))))
    Q = Q * np.sign(np.diag(R))
    A = Q @ np.diag(np.asarray(lam, dtype=float)) @ Q.T
    return (A + A.T) / 2


def analysis(value):
    assert isinstance(value, dict), f"taylor_step_analysis must return a dict, got {describe(value)}"
    return value


def kind_and_index(value):
    assert isinstance(value, (tuple, list)) and len(value) == 2, \
        f"classify_critical_point must return a pair (kind, index), got {describe(value)}"
    return value


def pair(value, name):
    assert isinstance(value, (tuple, list)) and len(value) == 2, f"{name} must return a pair, got {describe(value)}"
    return value


# taylor_step_analysis --------------------------------------------------------------------------
@pytest.mark.parametrize("case,lam,eps", [
    pytest.param("spd-small-step", [0.5, 2.0, 7.0, 30.0], 0.01, id="spd-small-step"),
    pytest.param("spd-step-too-large", [1.0, 4.0, 60.0], 0.6, id="spd-step-beyond-eps-max"),
    pytest.param("indefinite-positive-gHg", [-0.3, 2.0, 5.0], 0.1, id="indefinite-positive-curvature-along-g"),
    pytest.param("indefinite-negative-gHg", [-6.0, -2.0, 0.4], 0.1, id="negative-curvature-along-g"),
])
def test_taylor_step_analysis_random(impl, ref, case, lam, eps):
    H = symmetric_with_eigvals(len(case), lam)
    g = np.random.default_rng(len(case) + 1).normal(size=len(lam)) + 0.5
    want = ref.taylor_step_analysis(g, H, eps)
    got = analysis(impl.taylor_step_analysis(g, H, eps))
    assert_close(got, want, f"taylor_step_analysis ({case}, eigenvalues of H {lam}, eps={eps})")


def test_taylor_step_analysis_zero_curvature_and_zero_gradient(impl, ref):
    # gᵀHg = 0 exactly (g in the null space of H, and g = 0): eps_opt and eps_max are inf, no 0/0.
    # H has an exact zero eigenvalue: the condition number is inf.
    H = np.diag([2.0, 0.0, -1.0])
    for g, label in [(np.array([0.0, 1.5, 0.0]), "g in the null space of H"), (np.zeros(3), "g = 0")]:
        assert_close(analysis(impl.taylor_step_analysis(g, H, 0.3)), ref.taylor_step_analysis(g, H, 0.3),
                     f"taylor_step_analysis with {label}, H = diag(2, 0, -1)")


def test_taylor_step_analysis_is_pure(impl, ref):
    H = symmetric_with_eigvals(5, [1.0, -2.0, 3.0])
    g = np.array([0.3, -1.2, 0.8])
    assert_close(analysis(impl.pure("taylor_step_analysis", g, H, 0.05)), ref.taylor_step_analysis(g, H, 0.05),
                 "taylor_step_analysis (purity case)")


# classify_critical_point -----------------------------------------------------------------------
@pytest.mark.parametrize("lam", [pytest.param([0.2, 1.0, 3.0, 5.0], id="minimum"),
                                 pytest.param([-4.0, -1.0, -0.1], id="maximum"),
                                 pytest.param([2.0, -1.0, 0.5, -3.0, 1.5], id="saddle-index-2of5")])
def test_classify_critical_point_rotated(impl, ref, lam):
    H = symmetric_with_eigvals(len(lam) + 10, lam)
    assert_close(kind_and_index(impl.classify_critical_point(H)), ref.classify_critical_point(H),
                 f"classify_critical_point on a rotated Hessian with eigenvalues {lam}")


def test_classify_critical_point_zero_eigenvalues(impl, ref):
    # Degenerate points, a saddle beside a zero eigenvalue, a tiny negative λ within tol, λ exactly at tol.
    for lam in [[1.0, 0.0], [0.0, -1.0], [1.0, 0.0, -1.0], [1.0, -1e-12], [1e-8, 1.0], [0.0, 3.0, -1e-8, 2.0]]:
        H = np.diag(lam)
        assert_close(kind_and_index(impl.classify_critical_point(H)), ref.classify_critical_point(H),
                     f"classify_critical_point on diag{tuple(lam)} with tol=1e-8 (|λ| <= tol counts as zero)")


def test_classify_critical_point_custom_tol(impl, ref):
    for lam, tol in [([0.05, 1.0, 2.0], 0.1), ([0.05, 1.0, -2.0], 0.1), ([-0.05, -1.0, -2.0], 0.1),
                     ([0.05, 1.0, 2.0], 1e-3)]:
        H = symmetric_with_eigvals(20, lam)
        assert_close(kind_and_index(impl.classify_critical_point(H, tol)), ref.classify_critical_point(H, tol),
                     f"classify_critical_point with eigenvalues {lam} and tol={tol}")


def test_classify_critical_point_is_pure(impl, ref):
    H = symmetric_with_eigvals(21, [3.0, -1.0, 0.0])
    assert_close(kind_and_index(impl.pure("classify_critical_point", H)), ref.classify_critical_point(H),
                 "classify_critical_point (purity case)")


# clip_grad_norm --------------------------------------------------------------------------------
def grad_list(seed, scale):
    rng = np.random.default_rng(seed)
    return [rng.normal(size=(3, 2)) * scale, rng.normal(size=4) * scale, np.array([1.5 * scale]),
            rng.normal(size=(2, 1, 3)) * scale]


@pytest.mark.parametrize("scale,threshold", [pytest.param(3.0, 1.0, id="above-threshold"),
                                             pytest.param(0.1, 5.0, id="below-threshold")])
def test_clip_grad_norm_cases(impl, ref, scale, threshold):
    grads = grad_list(int(10 * scale), scale)
    clipped, norm = pair(impl.clip_grad_norm(grads, threshold), "clip_grad_norm")
    clipped_ref, norm_ref = ref.clip_grad_norm(grads, threshold)
    assert_close(norm, norm_ref, f"the pre-clipping norm ({len(grads)} arrays, threshold={threshold})")
    assert isinstance(clipped, (list, tuple)) and len(clipped) == len(grads), \
        f"the clipped gradients must be a list of {len(grads)} arrays, got {describe(clipped)}"
    for i, (c, c_ref) in enumerate(zip(clipped, clipped_ref)):
        assert_shape(c, np.shape(c_ref), f"clipped gradient {i}")
        assert_close(c, c_ref, f"clipped gradient {i} of shape {np.shape(c_ref)} (threshold={threshold}; "
                               f"one norm over all arrays together)")


def test_clip_grad_norm_edge_cases(impl, ref):
    # Threshold 0 clips everything to 0. All-zero gradients have norm 0, never above the threshold,
    # even a threshold of 0: no 0/0. Small norms: the factor is exactly v/‖g‖, with no epsilon.
    cases = [(grad_list(20, 2.0), 0.0, "threshold 0"), ([np.zeros((2, 2)), np.zeros(3)], 1.0, "all-zero gradients"),
             ([np.zeros((2, 2)), np.zeros(3)], 0.0, "all-zero gradients and threshold 0"),
             ([np.array([-6.0, 8.0])], 10.0, "a norm exactly at the threshold"),
             ([np.array([0.03, -0.04]), np.array([[0.0, 0.0]])], 0.01, "a small norm (0.05) above a small threshold")]
    for grads, threshold, label in cases:
        assert_close(pair(impl.clip_grad_norm(grads, threshold), "clip_grad_norm"),
                     ref.clip_grad_norm(grads, threshold),
                     f"clip_grad_norm with {label}")


def test_clip_grad_norm_is_pure(impl, ref):
    grads = grad_list(7, 4.0)
    assert_close(pair(impl.pure("clip_grad_norm", grads, 2.0), "clip_grad_norm"), ref.clip_grad_norm(grads, 2.0),
                 "clip_grad_norm (purity case)")


# product_chain_loss_and_grad -------------------------------------------------------------------
@pytest.mark.parametrize("L,x,y", [pytest.param(6, 0.7, -1.3, id="L6-mixed-signs"),
                                   pytest.param(40, 0.3, 2.0, id="L40-exploding")])
def test_product_chain_loss_and_grad_random(impl, ref, L, x, y):
    rng = np.random.default_rng(L)
    w = rng.normal(size=L) if L < 10 else 1.5 + 0.05 * rng.normal(size=L)
    loss, grad = pair(impl.product_chain_loss_and_grad(w, x, y), "product_chain_loss_and_grad")
    loss_ref, grad_ref = ref.product_chain_loss_and_grad(w, x, y)
    assert_close(loss, loss_ref, f"loss of a chain of {L} weights")
    assert_shape(grad, (L,), "grad")
    assert_close(grad, grad_ref, f"grad of a chain of {L} weights")


def test_product_chain_loss_and_grad_zero_weights(impl, ref):
    rng = np.random.default_rng(3)
    one = rng.normal(size=5)
    one[2] = 0.0
    two = rng.normal(size=6)
    two[[1, 4]] = 0.0
    for w, x, y, label in [(one, 1.2, 0.8, "one zero weight (w_3 = 0)"), (two, -0.9, 1.5, "two zero weights"),
                           (np.array([0.0]), 2.0, -1.0, "a single zero weight (L = 1)"),
                           (np.array([-1.7]), 0.5, 0.25, "a single weight (L = 1)")]:
        got = pair(impl.product_chain_loss_and_grad(w, x, y), "product_chain_loss_and_grad")
        grad = np.asarray(got[1], dtype=float) if not isinstance(got[1], (dict, str)) and got[1] is not None else None
        assert grad is not None and np.all(np.isfinite(grad)), \
            f"grad is not finite with {label}: build ∏_(k≠l) w_k from prefix and suffix products, " \
            f"never divide by w_l"
        assert_close(got, ref.product_chain_loss_and_grad(w, x, y), f"(loss, grad) with {label}")


def test_product_chain_loss_and_grad_is_pure(impl, ref):
    w = np.random.default_rng(4).normal(size=7)
    w[5] = 0.0
    assert_close(pair(impl.pure("product_chain_loss_and_grad", w, 1.1, -0.4), "product_chain_loss_and_grad"),
                 ref.product_chain_loss_and_grad(w, 1.1, -0.4), "product_chain_loss_and_grad (purity case)")
