"""Hidden grading tests for 7.9 Parameter Tying and Parameter Sharing.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs.
"""
import numpy as np
import pytest

from autograder.testing import assert_close, assert_shape, numerical_gradient, rel_error

pytestmark = pytest.mark.section("7.9")


# tying_penalty ---------------------------------------------------------------------------
@pytest.mark.parametrize("shape,alpha", [pytest.param((5,), 0.3, id="vector"),
                                         pytest.param((3, 4), 2.5, id="matrix-3x4")])
def test_tying_penalty_random(impl, ref, shape, alpha):
    rng = np.random.default_rng(sum(shape))
    wA, wB = rng.normal(size=shape), rng.normal(size=shape) + 0.5
    got = impl.tying_penalty(wA, wB, alpha)
    assert isinstance(got, (tuple, list)) and len(got) == 3, "return the tuple (omega, grad_A, grad_B)"
    want = ref.tying_penalty(wA, wB, alpha)
    assert_close(got[0], want[0], f"the penalty for weights of shape {shape}, α={alpha}")
    assert_shape(got[1], shape, "grad_A")
    assert_shape(got[2], shape, "grad_B")
    assert_close(got[1], want[1], f"grad_A for weights of shape {shape}, α={alpha}")
    assert_close(got[2], want[2], f"grad_B for weights of shape {shape}, α={alpha}")


def test_tying_penalty_equal_weights(impl, ref):
    w = np.array([[1.0, -2.0], [0.5, 3.0]])
    assert_close(impl.tying_penalty(w, w.copy(), 4.0), ref.tying_penalty(w, w.copy(), 4.0),
                 "tying_penalty of two equal weight matrices (omega, grad_A, grad_B)")
    wB = w + np.array([[0.0, 1e-3], [0.0, 0.0]])
    assert_close(impl.tying_penalty(w, wB, 4.0), ref.tying_penalty(w, wB, 4.0),
                 "tying_penalty of weights that differ in one entry")


def test_tying_penalty_is_pure(impl, ref):
    rng = np.random.default_rng(9)
    wA, wB = rng.normal(size=6), rng.normal(size=6)
    got = impl.pure("tying_penalty", wA, wB, 0.7)
    assert_close(got, ref.tying_penalty(wA, wB, 0.7), "tying_penalty (omega, grad_A, grad_B)")


# conv1d_valid ----------------------------------------------------------------------------
@pytest.mark.parametrize("N,L,K", [pytest.param(2, 9, 3, id="N2-L9-K3"), pytest.param(1, 5, 5, id="K-equals-L"),
                                   pytest.param(4, 6, 1, id="K1")])
def test_conv1d_valid_random(impl, ref, N, L, K):
    rng = np.random.default_rng(100 * N + 10 * L + K)
    x, w, b = rng.normal(size=(N, L)), rng.normal(size=K), float(rng.normal())
    got = impl.conv1d_valid(x, w, b)
    assert_shape(got, (N, L - K + 1), "conv1d_valid output")
    assert_close(got, ref.conv1d_valid(x, w, b), f"conv1d_valid with x {x.shape} and a random kernel of size {K}")


def test_conv1d_valid_shift_kernels(impl, ref):
    # A one-hot kernel picks a shifted copy of x: flipping the kernel shifts the wrong way.
    x = np.arange(14.0).reshape(2, 7) ** 1.5
    for k in range(3):
        w = np.eye(3)[k]
        assert_close(impl.conv1d_valid(x, w, -1.0), ref.conv1d_valid(x, w, -1.0),
                     f"conv1d_valid with the one-hot kernel e_{k} (size 3), b = -1")


def test_conv1d_valid_is_pure(impl, ref):
    rng = np.random.default_rng(11)
    x, w = rng.normal(size=(3, 8)), np.array([0.5, -1.0, 2.0, 0.25])
    got = impl.pure("conv1d_valid", x, w, 0.3)
    assert_close(got, ref.conv1d_valid(x, w, 0.3), "conv1d_valid with x (3, 8), K=4")


# conv1d_as_dense -------------------------------------------------------------------------
@pytest.mark.parametrize("K,L", [pytest.param(3, 8, id="K3-L8"), pytest.param(4, 4, id="K-equals-L")])
def test_conv1d_as_dense_random(impl, ref, K, L):
    w = np.random.default_rng(K * L).normal(size=K)
    got = impl.conv1d_as_dense(w, L)
    assert_shape(got, (L - K + 1, L), "conv1d_as_dense")
    assert_close(got, ref.conv1d_as_dense(w, L), f"conv1d_as_dense of a random kernel of size {K}, L={L}")


def test_conv1d_as_dense_single_tap_and_layer_agreement(impl, ref):
    assert_close(impl.conv1d_as_dense(np.array([2.5]), 5), ref.conv1d_as_dense(np.array([2.5]), 5),
                 "conv1d_as_dense of a kernel of size 1")
    rng = np.random.default_rng(12)
    w, x = np.array([1.0, -2.0, 0.5]), rng.normal(size=(4, 7))
    T = np.asarray(impl.conv1d_as_dense(w, 7), dtype=float)
    assert_shape(T, (5, 7), "conv1d_as_dense")
    assert_close(x @ T.T, ref.conv1d_valid(x, w, 0.0), "x @ T.T (it must equal conv1d_valid(x, w, 0))")


def test_conv1d_as_dense_is_pure(impl, ref):
    w = np.array([0.3, 1.2, -0.7])
    got = impl.pure("conv1d_as_dense", w, 6)
    assert_close(got, ref.conv1d_as_dense(w, 6), "conv1d_as_dense of a kernel of size 3, L=6")


# conv1d_backward -------------------------------------------------------------------------
@pytest.mark.parametrize("N,L,K", [pytest.param(3, 8, 3, id="N3-L8-K3"), pytest.param(1, 4, 4, id="K-equals-L"),
                                   pytest.param(2, 5, 1, id="K1")])
def test_conv1d_backward_random(impl, ref, N, L, K):
    rng = np.random.default_rng(7 * N + 3 * L + K)
    x, w, dout = rng.normal(size=(N, L)), rng.normal(size=K), rng.normal(size=(N, L - K + 1))
    got = impl.conv1d_backward(x, w, dout)
    assert isinstance(got, (tuple, list)) and len(got) == 3, "return the tuple (dx, dw, db)"
    want = ref.conv1d_backward(x, w, dout)
    assert_shape(got[0], (N, L), "dx")
    assert_shape(got[1], (K,), "dw")
    for i, name in enumerate(("dx", "dw (a shared weight's gradient sums over all its uses)", "db")):
        assert_close(got[i], want[i], f"{name} for x {x.shape}, kernel size {K}")


def test_conv1d_backward_central_differences(impl, ref):
    # J = Σ dout ⊙ conv1d_valid(x, w, b): the gradients must match central differences of J.
    rng = np.random.default_rng(13)
    x, w, b, dout = rng.normal(size=(2, 6)), rng.normal(size=3), 0.4, rng.normal(size=(2, 4))
    dx, dw, db = impl.conv1d_backward(x, w, dout)
    num_x = numerical_gradient(lambda x_: float(np.sum(dout * ref.conv1d_valid(x_, w, b))), x)
    num_w = numerical_gradient(lambda w_: float(np.sum(dout * ref.conv1d_valid(x, w_, b))), w)
    num_b = numerical_gradient(lambda b_: float(np.sum(dout * ref.conv1d_valid(x, w, float(b_[0])))), np.array([b]))
    assert_shape(dx, x.shape, "dx")
    assert_shape(dw, w.shape, "dw")
    assert rel_error(dx, num_x) < 1e-6, "dx does not match central differences of Σ dout·y"
    assert rel_error(dw, num_w) < 1e-6, "dw does not match central differences of Σ dout·y"
    assert rel_error(np.asarray(db, dtype=float).reshape(-1), num_b) < 1e-6, \
        "db does not match central differences of Σ dout·y"


def test_conv1d_backward_is_pure(impl, ref):
    rng = np.random.default_rng(14)
    x, w, dout = rng.normal(size=(2, 7)), np.array([1.5, -0.5]), rng.normal(size=(2, 6))
    got = impl.pure("conv1d_backward", x, w, dout)
    assert_close(got, ref.conv1d_backward(x, w, dout), "conv1d_backward (dx, dw, db) for x (2, 7), K=2")
