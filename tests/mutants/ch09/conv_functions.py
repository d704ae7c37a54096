"""Realistic mistakes in 9.5 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    # conv2d_multi
    Mutant("true_convolution", "flips the kernel: convolution instead of cross-correlation",
           replace=[('return np.einsum("lxymn,ilmn->ixy", windows, K)',
                     'return np.einsum("lxymn,ilmn->ixy", windows, K[:, :, ::-1, ::-1])')]),
    Mutant("full_pads_k", "'full' pads k zeros on each side instead of k − 1 (off by one)",
           replace=[("pads = ((kh - 1, kh - 1), (kw - 1, kw - 1))", "pads = ((kh, kh), (kw, kw))")]),
    Mutant("same_extra_zero_top_left", "'same' with an even kernel puts the extra zero at the top/left",
           replace=[("pads = (((kh - 1) // 2, kh // 2), ((kw - 1) // 2, kw // 2))",
                     "pads = ((kh // 2, (kh - 1) // 2), (kw // 2, (kw - 1) // 2))")]),
    Mutant("same_half_kernel_both_sides", "'same' pads k//2 on both sides (one too many for even k)",
           replace=[("pads = (((kh - 1) // 2, kh // 2), ((kw - 1) // 2, kw // 2))",
                     "pads = ((kh // 2, kh // 2), (kw // 2, kw // 2))")]),
    Mutant("stride_on_channel_axis", "the stride slices the channel and row axes instead of rows and columns",
           replace=[("windows = windows[:, ::stride, ::stride]", "windows = windows[::stride, ::stride]")]),
    Mutant("stride_rows_only", "the stride is applied to the rows only",
           replace=[("windows = windows[:, ::stride, ::stride]", "windows = windows[:, ::stride, :]")]),
    Mutant("same_allows_stride", "padding='same' with stride > 1 quietly pads as for stride 1",
           replace=[("if stride != 1:\n                raise ValueError", "if False:\n                raise ValueError")]),
    Mutant("int_padding_one_side", "an int padding p is added at the bottom/right only",
           replace=[("pads = ((p, p), (p, p))", "pads = ((0, p), (0, p))")]),
    # conv2d_backward
    Mutant("dk_flipped", "the kernel gradient is flipped (as if the forward were a true convolution)",
           replace=[('dK = np.einsum("ixy,lxymn->ilmn", G, patches)',
                     'dK = np.einsum("ixy,lxymn->ilmn", G, patches)[:, :, ::-1, ::-1]')]),
    Mutant("dv_kernel_not_flipped", "the input gradient correlates the dilated G with K instead of convolving",
           replace=[('dVp = np.einsum("ixymn,ilmn->lxy", g_windows, K[:, :, ::-1, ::-1])',
                     'dVp = np.einsum("ixymn,ilmn->lxy", g_windows, K)')]),
    Mutant("dv_no_output_padding", "forgets the rows/columns no window covers: dV is too small",
           replace=[("Gd = np.pad(Gd, ((0, 0), (kh - 1, kh - 1 + extra_h), (kw - 1, kw - 1 + extra_w)))",
                     "Gd = np.pad(Gd, ((0, 0), (kh - 1, kh - 1), (kw - 1, kw - 1)))")]),
    Mutant("dv_output_padding_top_left", "the uncovered rows/columns are padded at the top/left",
           replace=[("Gd = np.pad(Gd, ((0, 0), (kh - 1, kh - 1 + extra_h), (kw - 1, kw - 1 + extra_w)))",
                     "Gd = np.pad(Gd, ((0, 0), (kh - 1 + extra_h, kh - 1), (kw - 1 + extra_w, kw - 1)))")]),
    Mutant("dv_crop_bottom_right_only", "crops the padding from the bottom/right only",
           replace=[("dV = dVp[:, p:p + H, p:p + W]", "dV = dVp[:, :H, :W]")]),
    Mutant("dk_ignores_stride", "the kernel gradient uses stride-1 windows (the first H_out × W_out of them)",
           replace=[("axis=(1, 2))[:, ::s, ::s]", "axis=(1, 2))[:, :H_out, :W_out]")]),
    Mutant("backward_flips_K_in_place", "flips the caller's K in place to convolve with it", append="""
_reference_backward = conv2d_backward


def conv2d_backward(G, V, K, stride=1, padding=0):
    K[...] = K[:, :, ::-1, ::-1]  # flipped in place for the full convolution
    return _reference_backward(G, V, K[:, :, ::-1, ::-1], stride, padding)
"""),
    # locally_connected2d
    Mutant("locally_connected_xy_swapped", "reads W[i, y, x] instead of W[i, x, y]",
           replace=[('return np.einsum("lxymn,ixylmn->ixy", windows, W)',
                     'return np.einsum("lxymn,iyxlmn->ixy", windows, W)')]),
    Mutant("locally_connected_flipped", "flips each local kernel",
           replace=[('return np.einsum("lxymn,ixylmn->ixy", windows, W)',
                     'return np.einsum("lxymn,ixylmn->ixy", windows, W[..., ::-1, ::-1])')]),
    # tiled_conv2d
    Mutant("tiled_one_based_slot", "the book's 1-based j%t + 1 read as a 0-based slot: ((x + 1) % t, (y + 1) % t)",
           replace=[("rows = np.arange(H_out) % t", "rows = (np.arange(H_out) + 1) % t"),
                    ("cols = np.arange(W_out) % t", "cols = (np.arange(W_out) + 1) % t")]),
    Mutant("tiled_slot_swapped", "slot (y % t, x % t): the column picks the first slot index",
           replace=[("K_at = K[..., rows[:, None], cols[None, :]]",
                     "K_at = K[..., cols[None, :], rows[:, None]]")]),
]
