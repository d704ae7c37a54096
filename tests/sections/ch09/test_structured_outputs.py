"""Hidden grading tests for 9.6 Structured Outputs.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs.
"""
import numpy as np
import pytest

from autograder.testing import Case, assert_close, assert_shape

pytestmark = pytest.mark.section("9.6")


def labeler_case(seed, C_in, C_h, n_cls, H, W, k, scale=1.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(C_in, H, W))
    U = rng.normal(size=(C_h, C_in, k, k)) / k
    Wk = rng.normal(size=(C_h, n_cls, k, k)) * 2.0 / k
    V = rng.normal(size=(n_cls, C_h, k, k)) * scale / k
    return X, U, Wk, V


def check_labeler(impl, ref, args, n_steps, what, rtol=1e-7, atol=1e-10):
    got = impl.recurrent_conv_labeler(*args, n_steps)
    want = ref.recurrent_conv_labeler(*args, n_steps)
    assert_shape(got, want.shape, what)
    assert_close(got, want, what, rtol=rtol, atol=atol)


# recurrent_conv_labeler -----------------------------------------------------------------
LABELER_CASES = [
    pytest.param(Case(C_in=2, C_h=3, n_cls=3, H=5, W=7, k=3, n_steps=3), id="k3-5x7-3steps"),
    pytest.param(Case(C_in=1, C_h=2, n_cls=4, H=6, W=4, k=5, n_steps=4), id="k5-6x4-4steps"),
    pytest.param(Case(C_in=3, C_h=4, n_cls=2, H=3, W=8, k=1, n_steps=2), id="k1-3x8-2steps"),
]


@pytest.mark.parametrize("case", LABELER_CASES)
def test_recurrent_conv_labeler_random(impl, ref, case):
    args = labeler_case(case.H * 10 + case.k, case.C_in, case.C_h, case.n_cls, case.H, case.W, case.k)
    check_labeler(impl, ref, args, case.n_steps,
                  f"recurrent_conv_labeler with X {args[0].shape}, {case.k}×{case.k} kernels, n_steps={case.n_steps}")


def test_recurrent_conv_labeler_asymmetric_kernels(impl, ref):
    # One-hot kernels off the centre: a flipped kernel (true convolution) or padding on one side
    # only reads the wrong neighbour.
    rng = np.random.default_rng(5)
    X = rng.normal(size=(1, 5, 6))
    U = np.zeros((2, 1, 3, 3))
    U[0, 0, 0, 2], U[1, 0, 2, 1] = 1.5, -1.0
    Wk = np.zeros((2, 2, 3, 3))
    Wk[0, 1, 1, 0], Wk[1, 0, 0, 0] = 2.0, 1.0
    V = np.zeros((2, 2, 3, 3))
    V[0, 0, 2, 2], V[1, 1, 1, 2] = 1.0, 2.0
    check_labeler(impl, ref, (X, U, Wk, V), 3,
                  "recurrent_conv_labeler with one-hot kernels off the centre (cross-correlation, 'same' padding)")


def test_recurrent_conv_labeler_feedback_of_probabilities(impl, ref):
    # Larger scores make the difference between feeding back Ŷ(t−1) and the scores (or H) large;
    # step 1 has no W term, and the same U, W, V are used at every step.
    args = labeler_case(6, 2, 3, 3, 6, 5, 3, scale=4.0)
    check_labeler(impl, ref, args, 5, "recurrent_conv_labeler over 5 steps (W acts on the probabilities Ŷ(t−1))")
    X, U, Wk, V = args
    check_labeler(impl, ref, (X, U, Wk * 50.0, V), 1, "recurrent_conv_labeler with n_steps=1 (no W term at t = 1)")


def test_recurrent_conv_labeler_large_scores(impl, ref):
    # Scores in the hundreds: the softmax must subtract the per-pixel maximum.
    args = labeler_case(7, 2, 3, 4, 4, 5, 3, scale=400.0)
    check_labeler(impl, ref, args, 3, "recurrent_conv_labeler with class scores in the hundreds (stable softmax)",
                  rtol=1e-6, atol=1e-9)


def test_recurrent_conv_labeler_is_pure(impl, ref):
    args = labeler_case(8, 2, 2, 3, 4, 4, 3)
    assert_close(impl.pure("recurrent_conv_labeler", *args, 2), ref.recurrent_conv_labeler(*args, 2),
                 "recurrent_conv_labeler (purity case)")


# pixelwise_cross_entropy ----------------------------------------------------------------
def check_ce(impl, ref, logits, labels, what):
    got = impl.pixelwise_cross_entropy(logits, labels)
    want = ref.pixelwise_cross_entropy(logits, labels)
    assert isinstance(got, (tuple, list)) and len(got) == 2, "pixelwise_cross_entropy must return (loss, dlogits)"
    assert np.size(got[0]) == 1, f"loss {what}: expected one number"
    assert_close(got[0], want[0], f"loss {what}")
    assert_shape(got[1], logits.shape, f"dlogits {what}")
    assert_close(got[1], want[1], f"dlogits {what}")


@pytest.mark.parametrize("n_cls,H,W", [pytest.param(3, 4, 5, id="3cls-4x5"), pytest.param(5, 2, 6, id="5cls-2x6")])
def test_pixelwise_cross_entropy_random(impl, ref, n_cls, H, W):
    rng = np.random.default_rng(n_cls * 100 + H)
    logits, labels = rng.normal(size=(n_cls, H, W)) * 2.0, rng.integers(0, n_cls, size=(H, W))
    check_ce(impl, ref, logits, labels, f"for logits {logits.shape}")


def test_pixelwise_cross_entropy_large_scores(impl, ref):
    rng = np.random.default_rng(21)
    logits, labels = rng.normal(size=(4, 3, 3)) * 800.0, rng.integers(0, 4, size=(3, 3))
    check_ce(impl, ref, logits, labels, "for scores of size about 1000 (compute log-softmax stably)")


def test_pixelwise_cross_entropy_edge_shapes(impl, ref):
    # One pixel; one row; two classes. The mean is over the H·W pixels, not over the classes.
    check_ce(impl, ref, np.array([[[0.3]], [[-1.2]], [[2.0]]]), np.array([[2]]), "for a single pixel, 3 classes")
    rng = np.random.default_rng(22)
    check_ce(impl, ref, rng.normal(size=(2, 1, 7)), np.array([[0, 1, 1, 0, 1, 0, 0]]), "for a 1×7 map, 2 classes")


def test_pixelwise_cross_entropy_is_pure(impl, ref):
    rng = np.random.default_rng(23)
    logits, labels = rng.normal(size=(3, 2, 4)), rng.integers(0, 3, size=(2, 4))
    assert_close(impl.pure("pixelwise_cross_entropy", logits, labels), ref.pixelwise_cross_entropy(logits, labels),
                 "pixelwise_cross_entropy (loss, dlogits) (purity case)")


# label_connected_regions ----------------------------------------------------------------
def check_regions(impl, ref, label_map, what):
    got = impl.label_connected_regions(label_map)
    want = ref.label_connected_regions(label_map)
    assert isinstance(got, (tuple, list)) and len(got) == 2, \
        "label_connected_regions must return (region_id, n_regions)"
    assert_shape(got[0], label_map.shape, f"region_id {what}")
    assert_close(got[1], want[1], f"n_regions {what}", rtol=0, atol=0)
    assert_close(got[0], want[0], f"region_id {what} (ids 0, 1, ... in row-major order of first appearance)",
                 rtol=0, atol=0)


def test_label_connected_regions_diagonals_and_order(impl, ref):
    # A checkerboard corner, a ring around a hole and a U shape whose arms meet only at the
    # bottom: 4-connectivity, and ids numbered by first appearance in row-major order.
    label_map = np.array([[0, 1, 0, 2, 2, 2, 1],
                          [1, 0, 1, 2, 0, 2, 1],
                          [0, 1, 3, 2, 2, 2, 1],
                          [3, 3, 3, 0, 1, 0, 1],
                          [3, 0, 3, 0, 1, 0, 1],
                          [3, 3, 3, 0, 0, 0, 1]])
    check_regions(impl, ref, label_map, "on a hand-made 6×7 map with diagonal contacts, a ring and a U shape")


@pytest.mark.parametrize("H,W,n_cls", [pytest.param(9, 13, 2, id="9x13-2labels"),
                                       pytest.param(15, 8, 4, id="15x8-4labels")])
def test_label_connected_regions_random(impl, ref, H, W, n_cls):
    label_map = np.random.default_rng(H * W).integers(0, n_cls, size=(H, W))
    check_regions(impl, ref, label_map, f"on a random {H}×{W} map with {n_cls} labels")


def test_label_connected_regions_no_wraparound(impl, ref):
    # Row 0 and the last row, column 0 and the last column carry the same label but touch only
    # through the border: index −1 must not reach the other side.
    label_map = np.ones((5, 6), dtype=int)
    label_map[1:-1, 1:-1] = 2
    label_map[1:-1, 0] = 0
    label_map[0, 1:] = 5
    label_map[-1, :-1] = 5
    label_map[1:-1, -1] = 7
    label_map[2, 0] = 7
    check_regions(impl, ref, label_map, "on a map whose opposite borders have equal labels (no wrap-around)")


def test_label_connected_regions_large_and_winding(impl, ref):
    # One 200×200 region (a recursive flood fill overflows the stack), then a serpentine path
    # through a 60×61 map.
    check_regions(impl, ref, np.full((200, 200), 4), "on a 200×200 map with one region (do not recurse)")
    snake = np.zeros((60, 61), dtype=int)
    snake[::2, :] = 1
    snake[1::4, -1] = 1
    snake[3::4, 0] = 1
    check_regions(impl, ref, snake, "on a 60×61 serpentine path")


def test_label_connected_regions_arbitrary_labels(impl, ref):
    label_map = np.array([[-3, -3, 12, 12],
                          [40, -3, 40, 12],
                          [40, 40, 40, -3]])
    check_regions(impl, ref, label_map, "on a map with negative and large labels")
    check_regions(impl, ref, np.array([[5]]), "on a 1×1 map")


def test_label_connected_regions_is_pure(impl, ref):
    label_map = np.random.default_rng(30).integers(0, 3, size=(6, 7))
    got = impl.pure("label_connected_regions", label_map)
    assert_close(got, ref.label_connected_regions(label_map), "label_connected_regions (purity case)", rtol=0, atol=0)
