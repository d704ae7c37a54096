"""Hidden grading tests for 6.3 Hidden Units and Activation Functions.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs.
"""
import numpy as np
import pytest

from autograder.sandbox import StudentError
from autograder.testing import assert_close, assert_shape

pytestmark = pytest.mark.section("6.3")

KINDS = ("relu", "abs", "leaky", "prelu", "softplus", "sigmoid", "tanh", "hard_tanh")
SHAPES = [(7,), (4, 5), (2, 3, 4)]
# (kind, alpha or None for the default) per family; leaky is also run with a non-default slope.
PIECEWISE = [("relu", None), ("abs", None), ("leaky", None), ("leaky", 0.2), ("hard_tanh", None)]
SMOOTH = [("softplus", None), ("sigmoid", None), ("tanh", None)]
FAMILIES = [pytest.param(PIECEWISE, id="relu-abs-leaky-hard_tanh"), pytest.param(SMOOTH, id="softplus-sigmoid-tanh")]


def random_z(shape, seed):
    # scale 2.5: plenty of values on both sides of 0 and outside [-1, 1], never exactly at a kink
    return np.random.default_rng(seed).normal(scale=2.5, size=shape)


def call(fn, z, kind, alpha):
    return fn(z, kind) if alpha is None else fn(z, kind, alpha)


def label(kind, alpha):
    return kind if alpha is None else f"{kind} (alpha={alpha})"


@pytest.mark.parametrize("family", FAMILIES)
def test_activation_forward_random(impl, ref, family):
    for i, shape in enumerate(SHAPES):
        z = random_z(shape, 10 + i)
        for kind, alpha in family:
            got = call(impl.activation_forward, z, kind, alpha)
            assert_shape(got, shape, f"activation_forward({label(kind, alpha)}) on z of shape {shape}")
            assert_close(got, call(ref.activation_forward, z, kind, alpha),
                         f"activation_forward({label(kind, alpha)}) on random z of shape {shape}")


@pytest.mark.parametrize("family", FAMILIES)
def test_activation_grad_random(impl, ref, family):
    for i, shape in enumerate(SHAPES):
        z = random_z(shape, 20 + i)
        for kind, alpha in family:
            got = call(impl.activation_grad, z, kind, alpha)
            assert_shape(got, shape, f"activation_grad({label(kind, alpha)}) on z of shape {shape}")
            assert_close(got, call(ref.activation_grad, z, kind, alpha),
                         f"activation_grad({label(kind, alpha)}) on random z of shape {shape}")


def prelu_cases():
    rng = np.random.default_rng(3)
    yield random_z((4, 5), 30), np.array([0.1, 0.25, -0.5, 0.0, 0.03]), "z (4, 5), alpha (5,)"
    yield random_z((2, 3, 4), 31), np.array([0.2, -0.1, 0.05, 0.4]), "z (2, 3, 4), alpha (4,)"
    yield random_z((3, 6), 32), 0.25, "z (3, 6), scalar alpha 0.25"
    yield rng.normal(size=(1, 3)), np.array([0.3, 0.3, 0.3]), "z (1, 3), alpha (3,)"


def test_prelu_forward_alpha_per_unit(impl, ref):
    for z, alpha, what in prelu_cases():
        got = impl.activation_forward(z, "prelu", alpha)
        assert_shape(got, z.shape, f"activation_forward(prelu) with {what}")
        assert_close(got, ref.activation_forward(z, "prelu", alpha),
                     f"activation_forward(prelu) with {what}: alpha[j] is the slope of unit j (last axis)")


def test_prelu_grad_alpha_per_unit(impl, ref):
    for z, alpha, what in prelu_cases():
        z = z.copy()
        z.flat[::4] = 0.0  # a few exact zeros: g'(0) = alpha
        got = impl.activation_grad(z, "prelu", alpha)
        assert_shape(got, z.shape, f"activation_grad(prelu) with {what} (same shape as z)")
        assert_close(got, ref.activation_grad(z, "prelu", alpha),
                     f"activation_grad(prelu) with {what}: alpha[j] is the slope of unit j (last axis)")


Z_AT_0 = np.array([[0.0, -0.0, 1.5, -2.0],
                   [0.0, 3.0, 0.0, -0.5],
                   [-1e-3, 0.0, 1e-3, 0.0]])
Z_AT_1 = np.array([[-1.0, 1.0, 0.0, -1.5],
                   [1.5, 0.999, -0.999, 1.0],
                   [-1.0, -1.0 - 1e-9, 1.0 + 1e-9, 0.5]])
KINK_CASES = [
    pytest.param([("relu", None)], Z_AT_0, "relu'(0) = 0", id="relu-at-0"),
    pytest.param([("abs", None)], Z_AT_0, "abs'(0) = 0 (np.sign)", id="abs-at-0"),
    pytest.param([("leaky", None), ("leaky", 0.2), ("prelu", np.array([0.1, 0.2, 0.3, -0.4]))], Z_AT_0,
                 "g'(0) = alpha", id="leaky-prelu-at-0"),
    pytest.param([("hard_tanh", None)], Z_AT_1, "hard_tanh' = 1 only on the open interval (-1, 1)",
                 id="hard_tanh-at-pm1"),
]


@pytest.mark.parametrize("kinds,z,rule", KINK_CASES)
def test_activation_grad_at_kinks(impl, ref, kinds, z, rule):
    for kind, alpha in kinds:
        assert_close(call(impl.activation_forward, z, kind, alpha), call(ref.activation_forward, z, kind, alpha),
                     f"activation_forward({label(kind, alpha)}) at its kinks")
        assert_close(call(impl.activation_grad, z, kind, alpha), call(ref.activation_grad, z, kind, alpha),
                     f"activation_grad({label(kind, alpha)}) at its kinks (convention: {rule})")


Z_LARGE = np.array([[-1000.0, -745.0, -100.0, -40.0, -20.0, -0.5],
                    [1000.0, 710.0, 100.0, 40.0, 20.0, 0.5]])


def test_activation_large_inputs_are_stable(impl, ref):
    for kind in ("softplus", "sigmoid", "tanh"):
        assert_close(impl.activation_forward(Z_LARGE, kind), ref.activation_forward(Z_LARGE, kind),
                     f"activation_forward({kind}) at |z| up to 1000 (no overflow, no NaN)")
        assert_close(impl.activation_grad(Z_LARGE, kind), ref.activation_grad(Z_LARGE, kind),
                     f"activation_grad({kind}) at |z| up to 1000 (no overflow, no NaN)")


def test_softplus_negative_tail_precision(impl, ref):
    # log(1 + e^z) rounds to 0 here; log1p / logaddexp keep the full relative precision.
    z = np.array([-20.0, -36.5, -40.0, -60.0, -100.0, -300.0])
    got = impl.activation_forward(z, "softplus")
    assert_close(got, ref.activation_forward(z, "softplus"),
                 "activation_forward(softplus) for z in [-300, -20], relative precision (use log1p or "
                 "np.logaddexp, not log(1 + exp(z)))", rtol=1e-7, atol=0.0)


def test_activation_unknown_kind_raises_value_error(impl):
    z = np.linspace(-1, 1, 5)
    for fn, kind in (("activation_forward", "swish"), ("activation_grad", "gelu"), ("activation_forward", "softmax")):
        try:
            impl.call(fn, z, kind)
        except StudentError as exc:
            assert "raised ValueError" in str(exc), f"{fn}(z, {kind!r}) should raise ValueError, but: {exc}"
        else:
            raise AssertionError(f"{fn}(z, {kind!r}) returned a value; an unknown kind must raise ValueError")


def test_activations_are_pure(impl, ref):
    z = random_z((3, 4), 40)
    z[0, 0], z[1, 1], z[2, 2] = 0.0, 1.0, -1.0
    alpha = np.array([0.1, 0.2, 0.3, 0.4])
    for kind in KINDS:
        for fn in ("activation_forward", "activation_grad"):
            got = impl.pure(fn, z, kind, alpha)
            assert_close(got, getattr(ref, fn)(z, kind, alpha), f"{fn}({kind}) on z (3, 4) with alpha (4,)")


@pytest.mark.parametrize("m,n,k", [pytest.param(5, 4, 3, id="m5-n4-k3"), pytest.param(3, 2, 5, id="m3-n2-k5")])
def test_maxout_forward_random(impl, ref, m, n, k):
    Z = np.random.default_rng(50 + k).normal(size=(m, n * k))
    got = impl.maxout_forward(Z, k)
    assert isinstance(got, (tuple, list)) and len(got) == 2, "maxout_forward must return (out, argmax)"
    assert_shape(got[0], (m, n), "maxout_forward out")
    assert_shape(got[1], (m, n), "maxout_forward argmax")
    want = ref.maxout_forward(Z, k)
    assert_close(got[0], want[0], f"maxout_forward out on random Z {Z.shape}, k={k} (groups are contiguous)")
    assert_close(got[1], want[1], f"maxout_forward argmax on random Z {Z.shape}, k={k} (index within the group)")


def tie_cases():
    rng = np.random.default_rng(60)
    yield rng.integers(-1, 2, size=(6, 12)).astype(float), 4, "integer Z (6, 12) with many ties, k=4"
    yield np.zeros((2, 6)), 3, "all-zero Z (2, 6), k=3"
    z = np.array([[-2.0, 0.0, 1.5], [0.0, 3.0, -0.5]])
    yield np.stack([z, np.zeros_like(z)], axis=-1).reshape(2, 6), 2, "pieces (z, 0): a ReLU, tie at z = 0"
    yield np.stack([z, -z], axis=-1).reshape(2, 6), 2, "pieces (z, -z): |z|, tie at z = 0"


def test_maxout_forward_ties_go_to_lowest_index(impl, ref):
    for Z, k, what in tie_cases():
        got = impl.maxout_forward(Z, k)
        want = ref.maxout_forward(Z, k)
        assert isinstance(got, (tuple, list)) and len(got) == 2, "maxout_forward must return (out, argmax)"
        assert_close(got[0], want[0], f"maxout_forward out, {what}")
        assert_close(got[1], want[1], f"maxout_forward argmax, {what} (ties go to the lowest index)")


def test_maxout_backward_routes_to_winner(impl, ref):
    for m, n, k in ((4, 3, 3), (2, 5, 2), (3, 2, 4)):
        rng = np.random.default_rng(70 + k)
        dout = rng.normal(size=(m, n))
        argmax = rng.integers(0, k, size=(m, n))
        got = impl.maxout_backward(dout, argmax, k)
        assert_shape(got, (m, n * k), f"maxout_backward dZ for dout {dout.shape}, k={k}")
        assert_close(got, ref.maxout_backward(dout, argmax, k),
                     f"maxout_backward with dout {dout.shape}, k={k}: dZ[r, i*k + argmax[r, i]] = dout[r, i]")


def test_maxout_backward_after_forward_with_ties(impl, ref):
    rng = np.random.default_rng(80)
    for Z, k, what in tie_cases():
        dout = rng.normal(size=(Z.shape[0], Z.shape[1] // k))
        argmax = impl.maxout_forward(Z, k)[1]
        got = impl.maxout_backward(dout, argmax, k)
        want = ref.maxout_backward(dout, ref.maxout_forward(Z, k)[1], k)
        assert_close(got, want, f"maxout_backward after your maxout_forward, {what}: "
                                f"one piece per unit (the lowest tied index) gets the gradient")


def test_maxout_is_pure(impl, ref):
    rng = np.random.default_rng(90)
    Z = rng.normal(size=(3, 6))
    assert_close(impl.pure("maxout_forward", Z, 3), ref.maxout_forward(Z, 3),
                 "maxout_forward (out, argmax) on Z (3, 6)")
    dout, argmax = rng.normal(size=(3, 2)), rng.integers(0, 3, size=(3, 2))
    assert_close(impl.pure("maxout_backward", dout, argmax, 3), ref.maxout_backward(dout, argmax, 3),
                 "maxout_backward on dout (3, 2), k=3")
