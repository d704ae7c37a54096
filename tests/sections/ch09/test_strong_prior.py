"""Hidden grading tests for 9.4 Convolution and Pooling as an Infinitely Strong Prior.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs. Kernels are non-symmetric (a flip shows), matrices
non-square, and the data of the permutation experiment is smooth in space with some noise, so
that the normal equations are well enough conditioned for every correct route.
"""
import numpy as np
import pytest

from autograder.testing import assert_close, assert_shape

pytestmark = pytest.mark.section("9.4")

KEYS = ("fc", "fc_perm", "conv", "conv_perm")


def smooth_signals(N, n, rng, noise=0.3):
    z = rng.normal(size=(N, n + 6))
    blur = np.exp(-0.5 * (np.arange(-3, 4) / 1.5) ** 2)
    return np.array([np.convolve(row, blur, "valid") for row in z]) + noise * rng.normal(size=(N, n))


def check_experiment(got, want, what):
    assert isinstance(got, dict), "permutation_experiment must return a dict with keys 'fc', 'fc_perm', " \
                                  "'conv', 'conv_perm'"
    for key in KEYS:
        assert key in got, f"permutation_experiment: missing key {key!r}"
        assert_close(got[key], want[key], f"permutation_experiment[{key!r}], {what}")


# conv_as_dense -----------------------------------------------------------------------------
def test_conv_as_dense_random(impl, ref):
    for k, n_in in [(3, 8), (4, 11), (2, 3), (6, 9)]:
        w = np.random.default_rng(10 * k + n_in).normal(size=k)
        got = impl.conv_as_dense(w, n_in)
        assert_shape(got, (n_in - k + 1, n_in), f"conv_as_dense(w of length {k}, n_in={n_in})")
        assert_close(got, ref.conv_as_dense(w, n_in), f"conv_as_dense(w of length {k}, n_in={n_in}) "
                                                      "(W @ x is the 'valid' cross-correlation)")


def test_conv_as_dense_edge_kernels(impl, ref):
    # k = 1: a scaled identity; k = n_in: a single row holding the kernel.
    for w, n_in, what in [(np.array([-1.5]), 5, "k = 1"), (np.array([0.3, -2.0, 1.1, 0.7]), 4, "k = n_in = 4"),
                          (np.array([2.0, 0.0, -1.0]), 7, "a kernel with a zero tap, n_in = 7")]:
        got = impl.conv_as_dense(w, n_in)
        assert_shape(got, (n_in - len(w) + 1, n_in), f"conv_as_dense, {what}")
        assert_close(got, ref.conv_as_dense(w, n_in), f"conv_as_dense, {what}")


def test_conv_as_dense_is_pure(impl, ref):
    w = np.array([0.5, -1.25, 2.0])
    assert_close(impl.pure("conv_as_dense", w, 6), ref.conv_as_dense(w, 6), "conv_as_dense(w of length 3, 6)")


# project_onto_conv -------------------------------------------------------------------------
def test_project_onto_conv_random(impl, ref):
    for k, n_in in [(3, 8), (5, 12), (2, 4), (4, 6)]:
        W = np.random.default_rng(20 + k * n_in).normal(size=(n_in - k + 1, n_in))
        got = impl.project_onto_conv(W, k)
        assert_shape(got, (k,), f"project_onto_conv(W {W.shape}, k={k})")
        assert_close(got, ref.project_onto_conv(W, k), f"project_onto_conv(W {W.shape}, k={k}) "
                                                       "(mean of each diagonal W[i, i + j])")


def test_project_onto_conv_recovers_the_kernel(impl, ref):
    # A convolution matrix, and one with junk added OUTSIDE the band: both project to the kernel.
    rng = np.random.default_rng(30)
    for k, n_in in [(3, 9), (5, 7)]:
        w = rng.normal(size=k)
        W = ref.conv_as_dense(w, n_in)
        assert_close(impl.project_onto_conv(W, k), ref.project_onto_conv(W, k),
                     f"project_onto_conv of a convolution matrix {W.shape}, k={k} (gives its kernel back)")
        i, c = np.indices(W.shape)
        off_band = (c < i) | (c > i + k - 1)
        W = W + np.where(off_band, rng.normal(size=W.shape), 0.0)
        assert_close(impl.project_onto_conv(W, k), ref.project_onto_conv(W, k),
                     f"project_onto_conv of a convolution matrix {W.shape} plus entries outside the band, k={k} "
                     "(only the band's k diagonals count)")


def test_project_onto_conv_edge_shapes(impl, ref):
    rng = np.random.default_rng(40)
    for k, n_in, what in [(1, 5, "k = 1, square W (5, 5): the mean of the main diagonal"),
                          (4, 4, "k = n_in = 4, W (1, 4): its only row"),
                          (6, 7, "k = 6, W (2, 7)")]:
        W = rng.normal(size=(n_in - k + 1, n_in))
        got = impl.project_onto_conv(W, k)
        assert_shape(got, (k,), f"project_onto_conv, {what}")
        assert_close(got, ref.project_onto_conv(W, k), f"project_onto_conv, {what}")


def test_project_onto_conv_is_pure(impl, ref):
    W = np.random.default_rng(50).normal(size=(5, 7))
    assert_close(impl.pure("project_onto_conv", W, 3), ref.project_onto_conv(W, 3), "project_onto_conv(W (5, 7), 3)")


# permutation_experiment --------------------------------------------------------------------
@pytest.mark.parametrize("N,n_in,k", [pytest.param(40, 10, 3, id="N40-n10-k3"),
                                      pytest.param(30, 12, 5, id="N30-n12-k5"),
                                      pytest.param(25, 6, 1, id="N25-n6-k1")])
def test_permutation_experiment_random(impl, ref, N, n_in, k):
    rng = np.random.default_rng(N + n_in + k)
    X = smooth_signals(N, n_in, rng)
    Y = X[:, : n_in - k + 1] * 0.8 - X[:, k - 1:] * 0.5 + 0.2 * rng.normal(size=(N, n_in - k + 1))
    perm = rng.permutation(n_in)
    check_experiment(impl.permutation_experiment(X, Y, perm, k), ref.permutation_experiment(X, Y, perm, k),
                     f"smooth X ({N}, {n_in}), k={k}, a random permutation (X[:, perm]; MSE = mean over all "
                     "N·(n_in − k + 1) entries; no bias)")


def test_permutation_experiment_identity_permutation(impl, ref):
    rng = np.random.default_rng(60)
    X = smooth_signals(20, 9, rng)
    Y = rng.normal(size=(20, 7))
    perm = np.arange(9)
    check_experiment(impl.permutation_experiment(X, Y, perm, 3), ref.permutation_experiment(X, Y, perm, 3),
                     "the identity permutation (fc == fc_perm, conv == conv_perm)")


def test_permutation_experiment_targets_from_a_kernel(impl, ref):
    # Y is exactly a convolution of X: the convolutional layer fits it perfectly, until the
    # inputs are permuted.
    rng = np.random.default_rng(70)
    X = smooth_signals(35, 11, rng, noise=0.1)
    kernel = np.array([1.0, -2.0, 0.5, 0.25])
    Y = np.array([np.correlate(row, kernel, "valid") for row in X])
    perm = rng.permutation(11)
    check_experiment(impl.permutation_experiment(X, Y, perm, 4), ref.permutation_experiment(X, Y, perm, 4),
                     "Y made by a convolution of X with a kernel of length 4")


def test_permutation_experiment_fewer_examples_than_inputs(impl, ref):
    # N < n_in: the fully connected layer interpolates (MSE 0 up to rounding; the normal
    # equations are singular). The convolution, with k parameters, still cannot.
    rng = np.random.default_rng(80)
    X = smooth_signals(6, 10, rng)
    Y = rng.normal(size=(6, 8))
    perm = rng.permutation(10)
    check_experiment(impl.permutation_experiment(X, Y, perm, 3), ref.permutation_experiment(X, Y, perm, 3),
                     "X (6, 10): fewer examples than inputs")


def test_permutation_experiment_is_pure(impl, ref):
    rng = np.random.default_rng(90)
    X = smooth_signals(15, 8, rng)
    Y = rng.normal(size=(15, 6))
    perm = rng.permutation(8)
    check_experiment(impl.pure("permutation_experiment", X, Y, perm, 3), ref.permutation_experiment(X, Y, perm, 3),
                     "X (15, 8), k=3 (purity case)")
