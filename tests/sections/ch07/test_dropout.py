"""Hidden grading tests for 7.12 Dropout.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs.
"""
import numpy as np
import pytest

from autograder.sandbox import StudentError
from autograder.testing import assert_close, assert_shape, describe

pytestmark = pytest.mark.section("7.12")


def triple(value, name):
    assert isinstance(value, (tuple, list)) and len(value) == 3, \
        f"{name} must return a tuple (geometric, arithmetic, weight_scaled), got {describe(value)}"
    return value


def pair(value, name):
    assert isinstance(value, (tuple, list)) and len(value) == 2, \
        f"{name} must return a pair (ensemble_mean, weight_scaled), got {describe(value)}"
    return value


def layer(seed, shape, p_keep):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=shape)
    mask = rng.random(shape) < p_keep
    mask.flat[0], mask.flat[-1] = True, False  # at least one kept and one dropped unit
    return X, mask


def softmax_case(seed, n, C, scale=1.0):
    rng = np.random.default_rng(seed)
    return rng.normal(scale=scale, size=(n, C)), rng.normal(size=C), rng.normal(size=n)


def mlp_case(seed, n, h):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, h)), rng.normal(scale=0.5, size=h), rng.normal(size=h), float(rng.normal()), \
        rng.normal(size=n)


# dropout_forward -------------------------------------------------------------------------------
@pytest.mark.parametrize("shape,p_keep", [pytest.param((4, 6), 0.8, id="N4-D6-keep0.8"),
                                          pytest.param((3, 2, 5), 0.3, id="3d-keep0.3")])
def test_dropout_forward_train_inverted(impl, ref, shape, p_keep):
    X, mask = layer(sum(shape), shape, p_keep)
    got = impl.dropout_forward(X, p_keep, mask, "train", True)
    assert_shape(got, shape, "dropout_forward output")
    assert_close(got, ref.dropout_forward(X, p_keep, mask, "train", True),
                 f"dropout_forward(train, inverted) on X {shape}, p_keep={p_keep} (p_keep is the KEEP probability)")


def test_dropout_forward_train_book_convention(impl, ref):
    X, mask = layer(11, (5, 3), 0.6)
    assert_close(impl.dropout_forward(X, 0.6, mask, "train", False),
                 ref.dropout_forward(X, 0.6, mask, "train", False),
                 "dropout_forward(train, inverted=False): the book's convention does not rescale in training")


@pytest.mark.parametrize("inverted", [pytest.param(True, id="inverted"), pytest.param(False, id="weight-scaling")])
def test_dropout_forward_test_mode(impl, ref, inverted):
    X, _ = layer(12, (4, 5), 0.7)
    assert_close(impl.dropout_forward(X, 0.7, None, "test", inverted),
                 ref.dropout_forward(X, 0.7, None, "test", inverted),
                 f"dropout_forward(test, inverted={inverted}) with mask=None")


def test_dropout_forward_keyword_defaults_and_bad_mode(impl, ref):
    # Defaults: mode='train', inverted=True. An unknown mode raises ValueError.
    X, mask = layer(13, (3, 4), 0.5)
    assert_close(impl.dropout_forward(X, 0.5, mask), ref.dropout_forward(X, 0.5, mask),
                 "dropout_forward(X, p_keep, mask) with the default mode and convention")
    try:
        impl.call("dropout_forward", X, 0.5, mask, "eval")
    except StudentError as exc:
        assert "raised ValueError" in str(exc), f"dropout_forward(mode='eval') should raise ValueError, but: {exc}"
    else:
        raise AssertionError("dropout_forward(mode='eval') returned a value; an unknown mode must raise ValueError")


def test_dropout_forward_is_pure(impl, ref):
    X, mask = layer(14, (3, 5), 0.5)
    for mode, inverted in (("train", True), ("train", False), ("test", True), ("test", False)):
        got = impl.pure("dropout_forward", X, 0.5, mask, mode, inverted)
        assert_close(got, ref.dropout_forward(X, 0.5, mask, mode, inverted),
                     f"dropout_forward({mode}, inverted={inverted}) (purity case)")


# dropout_backward ------------------------------------------------------------------------------
@pytest.mark.parametrize("inverted", [pytest.param(True, id="inverted"), pytest.param(False, id="weight-scaling")])
def test_dropout_backward_random(impl, ref, inverted):
    X, mask = layer(21, (6, 4), 0.75)
    dout = np.random.default_rng(22).normal(size=(6, 4))
    got = impl.dropout_backward(dout, mask, 0.75, inverted)
    assert_shape(got, (6, 4), "dropout_backward output")
    assert_close(got, ref.dropout_backward(dout, mask, 0.75, inverted),
                 f"dropout_backward(inverted={inverted}) on dout (6, 4), p_keep=0.75")


def test_dropout_backward_is_pure(impl, ref):
    _, mask = layer(23, (2, 3, 4), 0.4)
    dout = np.random.default_rng(24).normal(size=(2, 3, 4))
    assert_close(impl.pure("dropout_backward", dout, mask, 0.4), ref.dropout_backward(dout, mask, 0.4),
                 "dropout_backward (purity case)")


# softmax_dropout_ensemble ----------------------------------------------------------------------
@pytest.mark.parametrize("n,C,p_keep", [pytest.param(5, 3, 0.5, id="n5-C3-keep0.5"),
                                        pytest.param(7, 4, 0.8, id="n7-C4-keep0.8"),
                                        pytest.param(1, 5, 0.6, id="one-input")])
def test_softmax_dropout_ensemble_random(impl, ref, n, C, p_keep):
    W, b, v = softmax_case(100 + 10 * n + C, n, C)
    got = triple(impl.softmax_dropout_ensemble(W, b, v, p_keep), "softmax_dropout_ensemble")
    want = ref.softmax_dropout_ensemble(W, b, v, p_keep)
    for i, name in enumerate(("geometric", "arithmetic", "weight_scaled")):
        assert_shape(got[i], (C,), name)
        assert_close(got[i], want[i], f"{name} for W ({n}, {C}), p_keep={p_keep}")


def test_softmax_dropout_ensemble_large_logits(impl, ref):
    # Input j alone gives class j a logit of ~800 over the others, so every class has probability
    # e^-800 = 0.0 in float64 under some mask: log(softmax(...)) or a product of probabilities gives
    # log 0 for every class. The geometric mean itself is harmless (≈ softmax(b) plus small terms).
    rng = np.random.default_rng(31)
    W = np.vstack([800.0 * np.eye(3) + rng.normal(size=(3, 3)), rng.normal(size=(2, 3))])
    b, v = rng.normal(size=3), np.array([1.0, 1.0, 1.0, 0.5, -2.0])
    got = triple(impl.softmax_dropout_ensemble(W, b, v, 0.8), "softmax_dropout_ensemble")
    assert all(np.all(np.isfinite(np.asarray(g, dtype=float))) for g in got), \
        "softmax_dropout_ensemble is not finite for large logits: average log-probabilities from a stable log-softmax"
    assert_close(got, ref.softmax_dropout_ensemble(W, b, v, 0.8), "softmax_dropout_ensemble for logits up to ~800")


def test_softmax_dropout_ensemble_keep_all(impl, ref):
    # p_keep = 1: only the full network has weight, and all three predictions are softmax(Wᵀv + b).
    W, b, v = softmax_case(32, 4, 3)
    got = triple(impl.softmax_dropout_ensemble(W, b, v, 1.0), "softmax_dropout_ensemble")
    assert_close(got, ref.softmax_dropout_ensemble(W, b, v, 1.0),
                 "softmax_dropout_ensemble with p_keep = 1 (0 · log 0 must count as 0)")


def test_softmax_dropout_ensemble_is_pure(impl, ref):
    W, b, v = softmax_case(33, 6, 3)
    assert_close(impl.pure("softmax_dropout_ensemble", W, b, v, 0.7), ref.softmax_dropout_ensemble(W, b, v, 0.7),
                 "softmax_dropout_ensemble (purity case)")


# mlp_dropout_ensemble_gap ----------------------------------------------------------------------
@pytest.mark.parametrize("n,h,p_keep", [pytest.param(6, 5, 0.8, id="n6-h5-keep0.8"),
                                        pytest.param(9, 3, 0.35, id="n9-h3-keep0.35")])
def test_mlp_dropout_ensemble_gap_random(impl, ref, n, h, p_keep):
    args = mlp_case(200 + 10 * n + h, n, h)
    got = pair(impl.mlp_dropout_ensemble_gap(*args, p_keep), "mlp_dropout_ensemble_gap")
    want = ref.mlp_dropout_ensemble_gap(*args, p_keep)
    assert_close(got[0], want[0], f"ensemble_mean for n={n}, h={h}, p_keep={p_keep}")
    assert_close(got[1], want[1], f"weight_scaled for n={n}, h={h}, p_keep={p_keep}")


def test_mlp_dropout_ensemble_gap_keep_all(impl, ref):
    args = mlp_case(240, 4, 4)
    assert_close(impl.mlp_dropout_ensemble_gap(*args, 1.0), ref.mlp_dropout_ensemble_gap(*args, 1.0),
                 "mlp_dropout_ensemble_gap with p_keep = 1 (both equal f(x))")


def test_mlp_dropout_ensemble_gap_is_pure(impl, ref):
    args = mlp_case(241, 5, 4)
    assert_close(impl.pure("mlp_dropout_ensemble_gap", *args, 0.6), ref.mlp_dropout_ensemble_gap(*args, 0.6),
                 "mlp_dropout_ensemble_gap (purity case)")
