"""Hidden grading tests for 8.1 How Learning Differs from Pure Optimization.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs. A ``np.random.Generator`` cannot cross the sandbox
boundary, so ``shuffled_minibatches`` gets one made in the worker by the module's given helper
``_seeded_rng(seed)`` (kept there with ``impl.keep``); the reference gets
``np.random.default_rng(seed)``.
"""
import numpy as np
import pytest

from autograder.testing import assert_close, assert_shape, describe

pytestmark = pytest.mark.section("8.1")


def pair(value, name):
    """The (J, grad) pair, with a readable failure otherwise."""
    assert isinstance(value, (tuple, list)) and len(value) == 2, \
        f"{name} must return a pair (J, grad), got {describe(value)}"
    return value


def batch_list(value, n, b):
    """A list of integer index arrays with the sizes [b] * (n // b) (+ [n % b])."""
    assert isinstance(value, (list, tuple)), f"shuffled_minibatches must return a list of arrays, got {describe(value)}"
    sizes = [np.asarray(v).size for v in value]
    want = [b] * (n // b) + ([n % b] if n % b else [])
    assert sizes == want, (f"shuffled_minibatches({n}, {b}, rng): chunk sizes {sizes[:12]}, expected n // b chunks "
                           f"of size b, then one chunk of the n % b left over (never dropped, never empty)")
    for v in value:
        assert np.asarray(v).dtype.kind in "iu", f"minibatch indices must be integers, got {describe(v)}"
    return value


def logistic_data(seed, n, d, scale=1.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * scale
    y = rng.integers(0, 2, size=n)
    y[0], y[-1] = 0, 1  # both classes present
    theta = rng.normal(size=d)
    return theta, X, y


# shuffled_minibatches --------------------------------------------------------------------------
@pytest.mark.parametrize("n,b", [pytest.param(10, 4, id="n10-b4-remainder"), pytest.param(12, 4, id="n12-b4-exact"),
                                 pytest.param(7, 1, id="b1-sgd"), pytest.param(5, 8, id="b-larger-than-n")])
def test_shuffled_minibatches_seeded(impl, ref, n, b):
    got = batch_list(impl.shuffled_minibatches(n, b, impl.keep("_seeded_rng", 100 + n)), n, b)
    assert_close(got, ref.shuffled_minibatches(n, b, np.random.default_rng(100 + n)),
                 f"shuffled_minibatches({n}, {b}, rng) with a seeded generator "
                 f"(consecutive chunks of one rng.permutation(n))")


def test_shuffled_minibatches_consecutive_epochs(impl, ref):
    # Several epochs on the same generator: each call must draw exactly one permutation, nothing more.
    h, rng = impl.keep("_seeded_rng", 7), np.random.default_rng(7)
    for epoch, (n, b) in enumerate([(9, 4), (9, 4), (6, 6), (11, 3)]):
        got = batch_list(impl.shuffled_minibatches(n, b, h), n, b)
        assert_close(got, ref.shuffled_minibatches(n, b, rng),
                     f"shuffled_minibatches, call {epoch + 1} on the same generator (one rng.permutation per call)")


def test_shuffled_minibatches_is_one_epoch(impl, ref):
    # Whatever the generator: every index 0 .. n-1 exactly once (checked without the reference's numbers).
    got = batch_list(impl.shuffled_minibatches(17, 5, impl.keep("_seeded_rng", 3)), 17, 5)
    flat = np.sort(np.concatenate([np.asarray(v).ravel() for v in got]))
    assert np.array_equal(flat, np.arange(17)), "an epoch must use every example exactly once"
    assert not all(np.array_equal(np.asarray(v), np.arange(5 * k, 5 * k + len(v))) for k, v in enumerate(got)), \
        "the examples were not shuffled"
    assert_close(got, ref.shuffled_minibatches(17, 5, np.random.default_rng(3)), "shuffled_minibatches(17, 5, rng)")


# logistic_empirical_risk_and_grad --------------------------------------------------------------
@pytest.mark.parametrize("n,d", [pytest.param(12, 3, id="n12-d3"), pytest.param(1, 4, id="single-row"),
                                 pytest.param(9, 1, id="d1")])
def test_logistic_empirical_risk_and_grad_full_batch(impl, ref, n, d):
    theta, X, y = logistic_data(10 * n + d, n, d, scale=1.5)
    J, g = pair(impl.logistic_empirical_risk_and_grad(theta, X, y), "logistic_empirical_risk_and_grad")
    J_ref, g_ref = ref.logistic_empirical_risk_and_grad(theta, X, y)
    assert_close(J, J_ref, f"J on all rows of X {X.shape} (idx=None)")
    assert_shape(g, (d,), "grad")
    assert_close(g, g_ref, f"grad on all rows of X {X.shape} (idx=None)")
    assert_close(pair(impl.logistic_empirical_risk_and_grad(theta, X, y, None), "logistic_empirical_risk_and_grad"),
                 (J_ref, g_ref), "(J, grad) with idx=None passed explicitly")


def test_logistic_empirical_risk_and_grad_minibatch(impl, ref):
    theta, X, y = logistic_data(31, 15, 3)
    y = y.astype(float)
    idx = np.array([11, 2, 7, 0, 14])  # unsorted
    J, g = pair(impl.logistic_empirical_risk_and_grad(theta, X, y, idx), "logistic_empirical_risk_and_grad")
    J_ref, g_ref = ref.logistic_empirical_risk_and_grad(theta, X, y, idx)
    assert_close(J, J_ref, "J on the minibatch idx (a mean over the m = len(idx) rows)")
    assert_close(g, g_ref, "grad on the minibatch idx (divide by m = len(idx), not n)")


def test_logistic_empirical_risk_and_grad_repeated_rows(impl, ref):
    # Sampling with replacement: a repeated row counts once per appearance.
    theta, X, y = logistic_data(32, 8, 2)
    idx = np.array([3, 3, 0, 5, 3, 6])
    got = pair(impl.logistic_empirical_risk_and_grad(theta, X, y, idx), "logistic_empirical_risk_and_grad")
    assert_close(got, ref.logistic_empirical_risk_and_grad(theta, X, y, idx),
                 "(J, grad) on a minibatch that repeats row 3 three times")


def test_logistic_empirical_risk_and_grad_minibatches_average_to_full(impl, ref):
    # Eq 8.9 on an exact partition into equal-size minibatches: the mean of the ĝ's is the full gradient.
    theta, X, y = logistic_data(33, 12, 3)
    parts = [np.array([4, 9, 0, 7]), np.array([1, 11, 3, 6]), np.array([10, 2, 8, 5])]
    grads = [np.asarray(pair(impl.logistic_empirical_risk_and_grad(theta, X, y, p),
                             "logistic_empirical_risk_and_grad")[1], dtype=float) for p in parts]
    assert_close(np.mean(grads, axis=0), ref.logistic_empirical_risk_and_grad(theta, X, y)[1],
                 "the mean of the minibatch gradients over an exact partition of the rows")


def test_logistic_empirical_risk_and_grad_huge_logits(impl, ref):
    # |xᵀθ| up to 1000, confidently right and confidently wrong: log(sigmoid) gives inf or NaN here.
    theta = np.array([1.0, -0.5])
    X = np.array([[1000.0, 0.0], [-1000.0, 0.0], [0.0, 2000.0], [0.0, -2000.0], [30.0, 4.0], [-2.0, 1.0]])
    y = np.array([0, 1, 1, 1, 0, 1])
    J, g = pair(impl.logistic_empirical_risk_and_grad(theta, X, y), "logistic_empirical_risk_and_grad")
    J_arr = np.asarray(J, dtype=float) if not isinstance(J, (dict, str)) and J is not None else None
    assert J_arr is not None and J_arr.size == 1 and np.isfinite(J_arr).all(), \
        "J is not a finite number for |xᵀθ| = 1000: use np.logaddexp(0, a) for the softplus ζ(a)"
    J_ref, g_ref = ref.logistic_empirical_risk_and_grad(theta, X, y)
    assert_close(J, J_ref, "J with |xᵀθ| up to 1000")
    assert_close(g, g_ref, "grad with |xᵀθ| up to 1000")
    idx = np.array([0, 3, 5])
    assert_close(pair(impl.logistic_empirical_risk_and_grad(theta, X, y, idx), "logistic_empirical_risk_and_grad"),
                 ref.logistic_empirical_risk_and_grad(theta, X, y, idx),
                 "(J, grad) on a minibatch with |xᵀθ| = 1000")


def test_logistic_empirical_risk_and_grad_is_pure(impl, ref):
    theta, X, y = logistic_data(34, 7, 3)
    idx = np.array([6, 1, 2])
    assert_close(impl.pure("logistic_empirical_risk_and_grad", theta, X, y, idx),
                 ref.logistic_empirical_risk_and_grad(theta, X, y, idx),
                 "logistic_empirical_risk_and_grad (purity case)")


# gradient_standard_error -----------------------------------------------------------------------
def per_example(seed, n, d):
    rng = np.random.default_rng(seed)
    G = rng.normal(size=(n, d)) * rng.uniform(0.5, 3.0, size=d) + rng.normal(size=d)
    G[:, -1] = 1.25  # a coordinate every example agrees on: no sampling error
    return G


@pytest.mark.parametrize("m,replace", [pytest.param(3, True, id="m3-iid"),
                                       pytest.param(3, False, id="m3-no-replacement"),
                                       pytest.param(1, False, id="m1-no-replacement"),
                                       pytest.param(20, True, id="m-larger-than-n-iid")])
def test_gradient_standard_error_random(impl, ref, m, replace):
    G = per_example(40 + m, 9, 4)
    got = impl.gradient_standard_error(G, m, replace)
    assert_shape(got, (4,), "gradient_standard_error output")
    assert_close(got, ref.gradient_standard_error(G, m, replace),
                 f"gradient_standard_error on per-example gradients {G.shape}, m={m}, replace={replace}")


def test_gradient_standard_error_full_batch_and_default(impl, ref):
    # m = n without replacement is the full gradient: no error at all. And replace defaults to True.
    G = per_example(50, 6, 3)
    assert_close(impl.gradient_standard_error(G, 6, False), ref.gradient_standard_error(G, 6, False),
                 "gradient_standard_error with m = n, replace=False (the full batch)")
    assert_close(impl.gradient_standard_error(G, 2), ref.gradient_standard_error(G, 2, True),
                 "gradient_standard_error(G, m) with the default replace=True")


def test_gradient_standard_error_is_pure(impl, ref):
    G = per_example(51, 7, 2)
    assert_close(impl.pure("gradient_standard_error", G, 4, False), ref.gradient_standard_error(G, 4, False),
                 "gradient_standard_error (purity case)")
