"""Realistic mistakes in 9.1 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("conv1d_is_correlation", "conv1d_full does not flip w (np.correlate instead of np.convolve)",
           replace=[("s[a:a + k] += x[a] * w", "s[a:a + k] += x[a] * w[::-1]")]),
    Mutant("conv1d_padding_one_short", "conv1d_full pads with k − 2 zeros: output length n + k − 2, the last "
           "overlap is lost", append="""
def conv1d_full(x, w):
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    n, k = len(x), len(w)
    s = np.zeros(n + k - 2)
    for t in range(n + k - 2):
        for a in range(n):
            if 0 <= t - a < k:
                s[t] += x[a] * w[t - a]
    return s
"""),
    Mutant("conv1d_negative_index_wraps", "conv1d_full checks t − j < n but not t − j >= 0: x[-1] wraps around",
           append="""
def conv1d_full(x, w):
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    n, k = len(x), len(w)
    s = np.zeros(n + k - 1)
    for t in range(n + k - 1):
        for j in range(k):
            if t - j < n:
                s[t] += x[t - j] * w[j]
    return s
"""),
    Mutant("conv2d_true_without_flip", "conv2d_true is cross-correlation: the kernel is not flipped",
           replace=[("Kf = K[::-1, ::-1]", "Kf = K")]),
    Mutant("conv2d_true_flips_rows_only", "conv2d_true flips the kernel along the rows only (K[::-1])",
           replace=[("Kf = K[::-1, ::-1]", "Kf = K[::-1]")]),
    Mutant("conv2d_true_literal_eq_9_5", "conv2d_true as eq 9.5 with 0-based outputs, I[i − m, j − n]: negative "
           "indices wrap around", append="""
def conv2d_true(I, K):
    I = np.asarray(I, dtype=float)
    K = np.asarray(K, dtype=float)
    kh, kw = K.shape
    S = np.zeros((I.shape[0] - kh + 1, I.shape[1] - kw + 1))
    for i in range(S.shape[0]):
        for j in range(S.shape[1]):
            for m in range(kh):
                for n in range(kw):
                    S[i, j] += I[i - m, j - n] * K[m, n]
    return S
"""),
    Mutant("conv2d_true_flips_kernel_in_place", "conv2d_true flips the caller's kernel in place: right values, "
           "changed input", append="""
def conv2d_true(I, K):
    K = np.asarray(K, dtype=float)
    K[...] = K[::-1, ::-1].copy()
    return cross_correlate2d(I, K)
"""),
    Mutant("correlation_flips_kernel", "cross_correlate2d flips the kernel: true convolution where "
           "cross-correlation was meant",
           replace=[("S += K[m, n] * I[m:m + out_h, n:n + out_w]",
                     "S += K[kh - 1 - m, kw - 1 - n] * I[m:m + out_h, n:n + out_w]")]),
    Mutant("correlation_output_one_short", "cross_correlate2d computes H − kh by W − kw outputs (one row and "
           "one column short)", append="""
def cross_correlate2d(I, K):
    I = np.asarray(I, dtype=float)
    K = np.asarray(K, dtype=float)
    kh, kw = K.shape
    out_h, out_w = I.shape[0] - kh, I.shape[1] - kw
    S = np.zeros((out_h, out_w))
    for m in range(kh):
        for n in range(kw):
            S += K[m, n] * I[m:m + out_h, n:n + out_w]
    return S
"""),
    Mutant("correlation_kernel_shape_swapped", "cross_correlate2d unpacks the kernel shape as kw, kh = K.shape: "
           "the output size uses the wrong kernel side on each axis", append="""
def cross_correlate2d(I, K):
    I = np.asarray(I, dtype=float)
    K = np.asarray(K, dtype=float)
    kw, kh = K.shape
    out_h, out_w = I.shape[0] - kh + 1, I.shape[1] - kw + 1
    S = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            win = I[i:i + K.shape[0], j:j + K.shape[1]]
            S[i, j] = np.sum(win * K[:win.shape[0], :win.shape[1]])
    return S
"""),
    Mutant("correlation_integer_output", "cross_correlate2d allocates its output like the image: an int image "
           "truncates the float results", append="""
def cross_correlate2d(I, K):
    I = np.asarray(I)
    K = np.asarray(K, dtype=float)
    kh, kw = K.shape
    out_h, out_w = I.shape[0] - kh + 1, I.shape[1] - kw + 1
    S = np.zeros_like(I, shape=(out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            S[i, j] = np.sum(I[i:i + kh, j:j + kw] * K)
    return S
"""),
    Mutant("conv_matrix_column_major", "conv_matrix flattens the image column-major (order='F')",
           replace=[("                start = (i + m) * W + j\n                M[row, start:start + kw] = K[m]",
                     "                for n in range(kw):\n                    M[row, (j + n) * H + i + m] = K[m, n]")]),
    Mutant("conv_matrix_row_index_with_out_h", "conv_matrix numbers the output pixel (i, j) as i·out_h + j",
           replace=[("row = i * out_w + j", "row = i * out_h + j")]),
    Mutant("conv_matrix_column_index_with_out_w", "conv_matrix uses the output width for the image's columns: "
           "(i + m)·out_w + j + n", replace=[("start = (i + m) * W + j", "start = (i + m) * out_w + j")]),
    Mutant("conv_matrix_of_true_convolution", "conv_matrix writes the flipped kernel (the matrix of convolution, "
           "not cross-correlation)", replace=[("M[row, start:start + kw] = K[m]",
                                               "M[row, start:start + kw] = K[kh - 1 - m, ::-1]")]),
    Mutant("conv_matrix_transposed", "conv_matrix returns Mᵀ, of shape (H·W, out_h·out_w)",
           replace=[("    return M\n", "    return M.T\n")]),
]
