"""Hidden grading tests for 8.4 Parameter Initialization Strategies.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs. A ``np.random.Generator`` cannot cross the sandbox
boundary, so ``glorot_uniform`` and ``sparse_init`` get one made in the worker by the module's
given helper ``_seeded_rng(seed)`` (kept there with ``impl.keep``); the reference gets
``np.random.default_rng(seed)``. Calling several times with the same handle checks the number
of draws. Orthogonal initializations are compared on well-conditioned Gaussian matrices, where
Householder QR and (modified or classical) Gram-Schmidt agree far below the tolerance.
"""
import numpy as np
import pytest

from autograder.testing import assert_close, assert_shape, describe

pytestmark = pytest.mark.section("8.4")


def grads_dict(value):
    assert isinstance(value, dict), f"two_layer_grads must return a dict, got {describe(value)}"
    return value


def network(seed, n, d, h, scale=1.0):
    rng = np.random.default_rng(seed)
    X, y = rng.normal(size=(n, d)), rng.normal(size=n)
    W1, b1 = rng.normal(size=(d, h)) * scale, rng.normal(size=h) * scale
    w2, b2 = rng.normal(size=h), float(rng.normal())
    return X, y, W1, b1, w2, b2


# glorot_uniform -----------------------------------------------------------------------------------
@pytest.mark.parametrize("n_in,n_out", [pytest.param(5, 3, id="5x3"), pytest.param(2, 7, id="2x7")])
def test_glorot_uniform_seeded(impl, ref, n_in, n_out):
    got = impl.glorot_uniform(n_in, n_out, impl.keep("_seeded_rng", 10 * n_in + n_out))
    assert_shape(got, (n_in, n_out), "glorot_uniform output (n_in, n_out)")
    assert_close(got, ref.glorot_uniform(n_in, n_out, np.random.default_rng(10 * n_in + n_out)),
                 f"glorot_uniform({n_in}, {n_out}, rng) with a seeded generator (one rng.uniform(-a, a, size) call)")


def test_glorot_uniform_consecutive_calls(impl, ref):
    # Several layers from one generator: each call must draw exactly one (n_in, n_out) block.
    h, rng = impl.keep("_seeded_rng", 11), np.random.default_rng(11)
    for layer, (n_in, n_out) in enumerate([(4, 6), (6, 6), (6, 1), (1, 3)]):
        assert_close(impl.glorot_uniform(n_in, n_out, h), ref.glorot_uniform(n_in, n_out, rng),
                     f"glorot_uniform for layer {layer + 1} ({n_in} -> {n_out}), drawn from the same generator")


def test_glorot_uniform_bound_and_variance(impl, ref):
    # Checked on the returned numbers alone: |W| < a and Var(W) = 2/(m + n) within 4 standard errors.
    m, n = 300, 200
    W = np.asarray(impl.glorot_uniform(m, n, impl.keep("_seeded_rng", 12)), dtype=float)
    assert_shape(W, (m, n), "glorot_uniform output (n_in, n_out)")
    a = np.sqrt(6.0 / (m + n))
    assert np.abs(W).max() <= a, "glorot_uniform: some |W_ij| exceed the bound a = √(6/(m + n)) of eq 8.23"
    var = 2.0 / (m + n)
    assert abs(W.var() - var) < 4 * var * np.sqrt(0.8 / W.size), \
        "glorot_uniform: the variance of the weights is not 2/(m + n) (eq 8.23)"
    assert_close(W, ref.glorot_uniform(m, n, np.random.default_rng(12)), "glorot_uniform(300, 200, rng)")


# orthogonal_init ----------------------------------------------------------------------------------
@pytest.mark.parametrize("shape", [pytest.param((6, 4), id="tall-6x4"), pytest.param((3, 5), id="wide-3x5"),
                                   pytest.param((4, 4), id="square-4x4")])
def test_orthogonal_init_shapes(impl, ref, shape):
    A = np.random.default_rng(sum(shape)).normal(size=shape)
    got = impl.orthogonal_init(A)
    assert_shape(got, shape, "orthogonal_init output (same shape as A)")
    assert_close(got, ref.orthogonal_init(A), f"orthogonal_init of a Gaussian A {shape} (QR with diag(R) > 0)")


def test_orthogonal_init_gain(impl, ref):
    rng = np.random.default_rng(20)
    for shape, gain in [((5, 3), np.sqrt(2.0)), ((2, 6), 0.5)]:
        A = rng.normal(size=shape)
        assert_close(impl.orthogonal_init(A, gain), ref.orthogonal_init(A, gain),
                     f"orthogonal_init of A {shape} with gain={gain:.4g}")
    A = rng.normal(size=(4, 3))
    assert_close(impl.orthogonal_init(A, gain=3.0), ref.orthogonal_init(A, 3.0),
                 "orthogonal_init(A, gain=3.0) passed by keyword")


def test_orthogonal_init_vectors_and_sign(impl, ref):
    # A single column or row is normalized with its own sign; a negative diagonal gets flipped.
    cases = [(np.array([[3.0], [-4.0], [1.0]]), "a single column (3, 1)"),
             (np.array([[-2.0, 1.0, 2.0]]), "a single row (1, 3)"),
             (-np.eye(3) + 0.1 * np.random.default_rng(21).normal(size=(3, 3)), "A close to −I")]
    for A, label in cases:
        assert_close(impl.orthogonal_init(A), ref.orthogonal_init(A), f"orthogonal_init of {label}")


def test_orthogonal_init_is_pure(impl, ref):
    A = np.random.default_rng(22).normal(size=(5, 2))
    assert_close(impl.pure("orthogonal_init", A, 1.5), ref.orthogonal_init(A, 1.5), "orthogonal_init (purity case)")


# sparse_init --------------------------------------------------------------------------------------
@pytest.mark.parametrize("n_in,n_out,k,scale", [pytest.param(8, 5, 3, 1.0, id="8x5-k3"),
                                                pytest.param(4, 6, 4, 0.3, id="k-equals-n_in-scale0.3")])
def test_sparse_init_seeded(impl, ref, n_in, n_out, k, scale):
    seed = 100 + n_in * k
    got = impl.sparse_init(n_in, n_out, k, impl.keep("_seeded_rng", seed), scale)
    assert_shape(got, (n_in, n_out), "sparse_init output (n_in, n_out)")
    assert_close(got, ref.sparse_init(n_in, n_out, k, np.random.default_rng(seed), scale),
                 f"sparse_init({n_in}, {n_out}, k={k}, rng, scale={scale}) with a seeded generator "
                 f"(per column: rng.choice(n_in, k, replace=False), then rng.normal(0, scale, k))")


def test_sparse_init_consecutive_calls(impl, ref):
    h, rng = impl.keep("_seeded_rng", 31), np.random.default_rng(31)
    for call, (n_in, n_out, k) in enumerate([(6, 4, 2), (4, 4, 3), (9, 2, 5)]):
        assert_close(impl.sparse_init(n_in, n_out, k, h), ref.sparse_init(n_in, n_out, k, rng),
                     f"sparse_init call {call + 1} ({n_in}, {n_out}, k={k}) on the same generator, default scale")


def test_sparse_init_k_nonzeros_per_unit(impl, ref):
    # Checked on the returned numbers alone: k non-zeros in every column (unit), whatever n_in.
    W = np.asarray(impl.sparse_init(20, 7, 3, impl.keep("_seeded_rng", 32), 1.0), dtype=float)
    assert_shape(W, (20, 7), "sparse_init output (n_in, n_out)")
    counts = (W != 0).sum(axis=0)
    assert np.all(counts == 3), f"sparse_init(20, 7, k=3): non-zeros per column {counts.tolist()}, expected k in each"
    assert_close(W, ref.sparse_init(20, 7, 3, np.random.default_rng(32), 1.0), "sparse_init(20, 7, k=3, rng)")


# two_layer_grads ----------------------------------------------------------------------------------
@pytest.mark.parametrize("n,d,h", [pytest.param(7, 3, 4, id="n7-d3-h4"),
                                   pytest.param(1, 2, 1, id="one-example-one-unit")])
def test_two_layer_grads_random(impl, ref, n, d, h):
    X, y, W1, b1, w2, b2 = network(n * 100 + d * 10 + h, n, d, h)
    got = grads_dict(impl.two_layer_grads(X, y, W1, b1, w2, b2))
    for key, shape in (("W1", (d, h)), ("b1", (h,)), ("w2", (h,))):
        assert key in got, f"two_layer_grads: missing key {key!r}"
        assert_shape(got[key], shape, f"two_layer_grads()[{key!r}]")
    assert_close(got, ref.two_layer_grads(X, y, W1, b1, w2, b2), f"two_layer_grads with X {X.shape}, h={h}")


def test_two_layer_grads_saturated_units(impl, ref):
    # Large weights: most tanh units saturate and 1 − tanh² is tiny (but not zero everywhere).
    X, y, W1, b1, w2, b2 = network(40, 5, 3, 4, scale=6.0)
    assert_close(grads_dict(impl.two_layer_grads(X, y, W1, b1, w2, b2)), ref.two_layer_grads(X, y, W1, b1, w2, b2),
                 "two_layer_grads with saturated tanh units")


def test_two_layer_grads_symmetric_units(impl, ref):
    # Units 0 and 2 start identical (incoming weights, bias, outgoing weight): their gradients are equal,
    # and stay equal over gradient-descent steps taken with your own gradients.
    X, y, W1, b1, w2, b2 = network(41, 8, 3, 4)
    W1[:, 2], b1[2], w2[2] = W1[:, 0], b1[0], w2[0]
    want = ref.two_layer_grads(X, y, W1, b1, w2, b2)
    for step in range(5):
        g = grads_dict(impl.two_layer_grads(X, y, W1, b1, w2, b2))
        assert_close(g, want, f"two_layer_grads with two identical hidden units (after {step} GD steps)")
        g = {k: np.asarray(g[k], dtype=float) for k in ("W1", "b1", "w2", "b2")}
        assert_close((g["W1"][:, 2], g["b1"][2], g["w2"][2]), (g["W1"][:, 0], g["b1"][0], g["w2"][0]),
                     "the gradients of two identical hidden units (they must be equal)", rtol=1e-12, atol=1e-14)
        W1, b1, w2, b2 = W1 - 0.5 * want["W1"], b1 - 0.5 * want["b1"], w2 - 0.5 * want["w2"], b2 - 0.5 * want["b2"]
        want = ref.two_layer_grads(X, y, W1, b1, w2, b2)


def test_two_layer_grads_zero_init(impl, ref):
    # All-zero weights: H = tanh(b1) = 0 and w2 = 0, so only the output bias gets a gradient.
    X, y, _, _, _, _ = network(42, 6, 3, 5)
    args = (X, y, np.zeros((3, 5)), np.zeros(5), np.zeros(5), 0.0)
    assert_close(grads_dict(impl.two_layer_grads(*args)), ref.two_layer_grads(*args),
                 "two_layer_grads at the all-zero initialization")


def test_two_layer_grads_is_pure(impl, ref):
    X, y, W1, b1, w2, b2 = network(43, 5, 2, 3)
    assert_close(grads_dict(impl.pure("two_layer_grads", X, y, W1, b1, w2, b2)),
                 ref.two_layer_grads(X, y, W1, b1, w2, b2), "two_layer_grads (purity case)")
