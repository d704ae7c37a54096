# Generated from solutions/ch09/test_motivation.py by dlbook build. Edit that file instead.
"""Self-check for 9.2 (public tests): run `pytest exercises/ch09/test_motivation.py` or `dlbook check 9.2`.

These check the book's own numbers and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("9.2")


def test_edge_detection_costs_book_numbers(mod):
    c = mod.edge_detection_costs(280, 320)
    assert c["conv_flops"] == 267_960, "319 × 280 × 3 flops (Fig 9.6)"
    assert c["dense_matrix_entries"] == 8_003_072_000, "320 × 280 × 319 × 280 entries: over eight billion"
    assert c["dense_flops"] == 16_006_144_000, "over sixteen billion flops"
    assert c["sparse_nonzeros"] == 178_640, "2 × 319 × 280 nonzeros"
    assert c["param_counts"] == {"dense": 8_003_072_000, "sparse": 178_640, "conv": 2}
    assert round(c["dense_flops"] / c["conv_flops"]) == 59_733, "about 60,000 times more efficient"


def test_receptive_field_book_and_quiz_stacks(mod):
    assert mod.receptive_field([3, 3], [1, 1]) == 5, "Fig 9.4: two layers of width-3 kernels see 5 inputs"
    assert mod.receptive_field([3, 3, 3], [1, 1, 1]) == 7
    assert mod.receptive_field([3, 2, 3], [1, 2, 1]) == 8
    assert mod.receptive_field([5, 3, 3, 2], [2, 2, 1, 2]) == 21


def test_receptive_field_edge_cases(mod):
    assert mod.receptive_field([], []) == 1, "no layers: a unit sees one input"
    assert mod.receptive_field([4], [3]) == 4, "one layer: the kernel width (its own stride does not matter)"
    assert mod.receptive_field([3, 3], [2, 7]) == mod.receptive_field([3, 3], [2, 1]), \
        "the top layer's stride does not change its receptive field"


def test_circular_correlation_small_example(mod):
    I = np.arange(12.0).reshape(3, 4)
    K = np.array([[1.0, 10.0]])
    S = mod.circular_cross_correlate2d(I, K)
    # S[i, j] = I[i, j] + 10 I[i, (j + 1) mod 4]: the last column wraps to the first
    np.testing.assert_allclose(S, I + 10 * np.roll(I, -1, axis=1), atol=1e-12)
    assert S[0, 3] == pytest.approx(3 + 10 * 0)


def test_circular_correlation_is_equivariant_to_shifts(mod):
    rng = np.random.default_rng(0)
    I, K = rng.normal(size=(5, 7)), rng.normal(size=(2, 3))
    S = mod.circular_cross_correlate2d(I, K)
    assert np.shape(S) == (5, 7)
    for shift in [(1, 0), (0, 3), (2, -1), (4, 6)]:
        np.testing.assert_allclose(mod.circular_cross_correlate2d(np.roll(I, shift, axis=(0, 1)), K),
                                   np.roll(S, shift, axis=(0, 1)), atol=1e-12,
                                   err_msg=f"f(shift(I)) == shift(f(I)) for shift {shift}")
