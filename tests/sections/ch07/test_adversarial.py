"""Hidden grading tests for 7.13 Adversarial Training.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs.
"""
import numpy as np
import pytest

from autograder.testing import assert_close, assert_shape, describe

pytestmark = pytest.mark.section("7.13")


def logistic_case(seed, m, n, scale=1.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n))
    y = rng.integers(0, 2, size=m)
    y[0], y[-1] = 0, 1
    return X, y, rng.normal(scale=scale, size=n), float(rng.normal())


def pair(value, name):
    assert isinstance(value, (tuple, list)) and len(value) == 2, f"{name} must return a pair, got {describe(value)}"
    return value


# logistic_input_grad ---------------------------------------------------------------------------
@pytest.mark.parametrize("m,n", [pytest.param(7, 4, id="m7-n4"), pytest.param(1, 6, id="single-row"),
                                 pytest.param(5, 1, id="one-feature")])
def test_logistic_input_grad_random(impl, ref, m, n):
    X, y, w, b = logistic_case(10 * m + n, m, n)
    got = impl.logistic_input_grad(X, y, w, b)
    assert_shape(got, (m, n), "logistic_input_grad output")
    assert_close(got, ref.logistic_input_grad(X, y, w, b),
                 f"logistic_input_grad on X {X.shape} (the gradient of each example's own loss, not of the mean)")


def test_logistic_input_grad_large_logits(impl, ref):
    # Logits of ±1e3, confidently right and confidently wrong, labels as floats.
    X = np.array([[1.0, 2.0], [-1.0, -2.0], [1.0, 2.0], [-1.0, -2.0], [0.0, 0.0]])
    y = np.array([1.0, 0.0, 0.0, 1.0, 1.0])
    w, b = np.array([200.0, 400.0]), 0.0
    got = impl.logistic_input_grad(X, y, w, b)
    assert np.all(np.isfinite(np.asarray(got, dtype=float))), "logistic_input_grad is not finite for logits of ±1e3"
    assert_close(got, ref.logistic_input_grad(X, y, w, b), "logistic_input_grad for logits of ±1e3")


def test_logistic_input_grad_is_pure(impl, ref):
    X, y, w, b = logistic_case(20, 4, 3)
    assert_close(impl.pure("logistic_input_grad", X, y, w, b), ref.logistic_input_grad(X, y, w, b),
                 "logistic_input_grad (purity case)")


# fgsm ------------------------------------------------------------------------------------------
def test_fgsm_clipped_images(impl, ref):
    # A batch of images in [0, 1] with pixels at the bounds, and zero gradient entries.
    rng = np.random.default_rng(30)
    X = rng.uniform(0.0, 1.0, size=(2, 4, 5))
    X[0, 0, :2], X[1, 3, 3:] = 0.0, 1.0
    G = rng.normal(size=X.shape)
    G[0, 1, :] = 0.0
    got = impl.fgsm(X, G, 0.15)
    assert_shape(got, X.shape, "fgsm output")
    assert_close(got, ref.fgsm(X, G, 0.15), "fgsm on images (2, 4, 5) with the default clip (0, 1)")


def test_fgsm_no_clip_and_zero_gradient(impl, ref):
    rng = np.random.default_rng(31)
    X, G = rng.normal(size=(6, 3)), rng.normal(size=(6, 3))
    G[::2, 1] = 0.0
    assert_close(impl.fgsm(X, G, 0.3, None), ref.fgsm(X, G, 0.3, None),
                 "fgsm with clip=None (sign(0) = 0: a zero gradient entry does not move)")


def test_fgsm_other_clip_range(impl, ref):
    rng = np.random.default_rng(32)
    X, G = rng.uniform(-1.0, 1.0, size=(5, 4)), rng.normal(size=(5, 4))
    assert_close(impl.fgsm(X, G, 0.4, (-1.0, 1.0)), ref.fgsm(X, G, 0.4, (-1.0, 1.0)),
                 "fgsm with clip=(-1, 1) and ε = 0.4")


def test_fgsm_is_pure(impl, ref):
    rng = np.random.default_rng(33)
    X, G = rng.uniform(0.0, 1.0, size=(3, 4)), rng.normal(size=(3, 4))
    assert_close(impl.pure("fgsm", X, G, 0.2), ref.fgsm(X, G, 0.2), "fgsm (purity case)")


# linear_worst_case -----------------------------------------------------------------------------
@pytest.mark.parametrize("n,eps", [pytest.param(9, 0.05, id="n9"), pytest.param(1, 2.0, id="one-weight")])
def test_linear_worst_case_random(impl, ref, n, eps):
    w = np.random.default_rng(40 + n).normal(size=n)
    eta, change = pair(impl.linear_worst_case(w, eps), "linear_worst_case")
    want_eta, want_change = ref.linear_worst_case(w, eps)
    assert_close(eta, want_eta, f"η* for w ({n},), ε = {eps}")
    assert_close(change, want_change, f"the change wᵀη* for w ({n},), ε = {eps}")


def test_linear_worst_case_zero_weights_and_purity(impl, ref):
    w = np.array([0.5, 0.0, -3.0, 0.0, 1e-3])
    got = impl.pure("linear_worst_case", w, 0.1)
    assert_close(pair(got, "linear_worst_case"), ref.linear_worst_case(w, 0.1),
                 "linear_worst_case with zero weights (η_i = 0 where w_i = 0)")


# adversarial_logistic_step ---------------------------------------------------------------------
@pytest.mark.parametrize("m,n,mix", [pytest.param(8, 3, 0.5, id="m8-n3-mix0.5"),
                                     pytest.param(5, 6, 0.2, id="m5-n6-mix0.2"),
                                     pytest.param(6, 2, 0.0, id="adversarial-only")])
def test_adversarial_logistic_step_random(impl, ref, m, n, mix):
    X, y, w, b = logistic_case(50 + m * n, m, n)
    w_new, b_new = pair(impl.adversarial_logistic_step(X, y, w, b, 0.2, 0.3, mix), "adversarial_logistic_step")
    want_w, want_b = ref.adversarial_logistic_step(X, y, w, b, 0.2, 0.3, mix)
    assert_shape(w_new, (n,), "w_new")
    assert_close(w_new, want_w, f"w after one step on X {X.shape}, mix={mix}")
    assert_close(b_new, want_b, f"b after one step on X {X.shape}, mix={mix}")


def test_adversarial_logistic_step_default_mix(impl, ref):
    X, y, w, b = logistic_case(60, 7, 4)
    assert_close(pair(impl.adversarial_logistic_step(X, y, w, b, 0.1, 0.5), "adversarial_logistic_step"),
                 ref.adversarial_logistic_step(X, y, w, b, 0.1, 0.5), "one step with the default mix = 0.5")


def test_adversarial_logistic_step_many_steps_from_zero(impl, ref):
    # Ten consecutive steps from w = 0 (the first step has a zero input gradient: sign(0) = 0).
    # The inputs are not in [0, 1], so clipping X_adv would change the result.
    X, y, _, _ = logistic_case(61, 10, 3)
    X = 3.0 * X + 0.5
    w_i, b_i = np.zeros(3), 0.0
    w_r, b_r = np.zeros(3), 0.0
    for step in range(10):
        w_i, b_i = pair(impl.adversarial_logistic_step(X, y, w_i, b_i, 0.3, 0.2, 0.5), "adversarial_logistic_step")
        w_r, b_r = ref.adversarial_logistic_step(X, y, w_r, b_r, 0.3, 0.2, 0.5)
        assert_close(w_i, w_r, f"w after {step + 1} step(s) from w = 0")
        assert_close(b_i, b_r, f"b after {step + 1} step(s) from w = 0")
        w_i, b_i = np.asarray(w_i, dtype=float), float(np.asarray(b_i, dtype=float).reshape(-1)[0])


def test_adversarial_logistic_step_is_pure(impl, ref):
    X, y, w, b = logistic_case(62, 6, 3)
    got = impl.pure("adversarial_logistic_step", X, y, w, b, 0.25, 0.4, 0.3)
    assert_close(pair(got, "adversarial_logistic_step"), ref.adversarial_logistic_step(X, y, w, b, 0.25, 0.4, 0.3),
                 "adversarial_logistic_step (purity case)")
