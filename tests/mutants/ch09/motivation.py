"""Realistic mistakes in 9.2 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("costs_output_as_wide_as_image", "n = height·width outputs: the output is taken as wide as the image "
           "(the one-column border of the valid output forgotten)",
           replace=[("n = height * (width - 1)", "n = height * width")]),
    Mutant("costs_height_minus_one", "n = (height − 1)·width: subtracts the upper neighbour (height and width "
           "swapped)", replace=[("n = height * (width - 1)", "n = (height - 1) * width")]),
    Mutant("costs_two_flops_per_output", "conv_flops = 2n: the addition of the two products forgotten",
           replace=[('"conv_flops": 3 * n', '"conv_flops": 2 * n')]),
    Mutant("costs_dense_flops_without_adds", "dense_flops = m·n: one flop per matrix entry instead of a "
           "multiply and an add", replace=[('"dense_flops": 2 * m * n', '"dense_flops": m * n')]),
    Mutant("costs_int32_overflow", "counts computed in NumPy int32: m·n wraps around past 2**31",
           replace=[("m = height * width", "m = np.int32(height * width)")]),
    Mutant("costs_sparse_params_per_input", "sparse parameters k·m (k connections per input) instead of k·n",
           replace=[('"sparse": k * n', '"sparse": k * m')]),
    Mutant("rf_own_stride_included", "each layer's own stride multiplies its kernel: ∏_{j≤l} s_j instead of ∏_{j<l}",
           replace=[("        r += (int(k) - 1) * jump\n        jump *= int(s)",
                     "        jump *= int(s)\n        r += (int(k) - 1) * jump")]),
    Mutant("rf_sums_kernel_widths", "r = Σ k_l·jump (the overlap of neighbouring windows not subtracted)",
           replace=[("r, jump = 1, 1", "r, jump = 0, 1"), ("r += (int(k) - 1) * jump", "r += int(k) * jump")]),
    Mutant("rf_stride_not_cumulative", "jump = s of the layer below only, not the product of all strides below",
           replace=[("jump *= int(s)", "jump = int(s)")]),
    Mutant("rf_ignores_strides", "r = 1 + Σ (k_l − 1): strides ignored",
           replace=[("jump *= int(s)", "jump *= 1")]),
    Mutant("rf_pops_the_lists", "top-down recursion r ← (r − 1)·s + k that pops the caller's lists: right value, "
           "emptied inputs", append="""
def receptive_field(kernel_sizes, strides):
    r = 1
    while kernel_sizes:
        k, s = kernel_sizes.pop(), strides.pop()
        r = (r - 1) * s + k
    return r
"""),
    Mutant("circular_convolution", "rolls the wrong way, I[(i − a) mod H, (j − b) mod W]: a circular convolution "
           "with the kernel flipped", replace=[("np.roll(I, (-a, -b), axis=(0, 1))", "np.roll(I, (a, b), axis=(0, 1))")]),
    Mutant("circular_axes_swapped", "kernel row offset a applied along the columns and b along the rows",
           replace=[("np.roll(I, (-a, -b), axis=(0, 1))", "np.roll(I, (-b, -a), axis=(0, 1))")]),
    Mutant("circular_zero_padding", "pads with zeros instead of wrapping ('same' cross-correlation): not "
           "equivariant at the borders", append="""
def circular_cross_correlate2d(I, K):
    I = np.asarray(I, dtype=float)
    K = np.asarray(K, dtype=float)
    H, W = I.shape
    kh, kw = K.shape
    P = np.pad(I, ((0, kh - 1), (0, kw - 1)))
    S = np.zeros((H, W))
    for a in range(kh):
        for b in range(kw):
            S += K[a, b] * P[a:a + H, b:b + W]
    return S
"""),
    Mutant("circular_mod_H_for_both_axes", "wraps both indices with the number of rows H", append="""
def circular_cross_correlate2d(I, K):
    I = np.asarray(I, dtype=float)
    K = np.asarray(K, dtype=float)
    H, W = I.shape
    S = np.zeros((H, W))
    for i in range(H):
        for j in range(W):
            for a in range(K.shape[0]):
                for b in range(K.shape[1]):
                    S[i, j] += I[(i + a) % H, ((j + b) % H) % W] * K[a, b]
    return S
"""),
    Mutant("circular_rolls_input_in_place", "shifts the caller's image in place, one column at a time: right "
           "value, changed input", append="""
def circular_cross_correlate2d(I, K):
    I = np.asarray(I, dtype=float)
    K = np.asarray(K, dtype=float)
    S = np.zeros(I.shape)
    for a in range(K.shape[0]):
        for b in range(K.shape[1]):
            S += K[a, b] * I
            I[:] = np.roll(I, -1, axis=1)
        I[:] = np.roll(I, (-1, K.shape[1]), axis=(0, 1))
    return S
"""),
]
