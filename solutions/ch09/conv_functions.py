"""9.5 Variants of the Basic Convolution Function.

The "convolution" of a neural network is many cross-correlations in parallel: a kernel stack
K connects every input channel of an image V to every output channel of Z (eq. 9.7). Real
layers add a stride s (eq. 9.8, convolution followed by downsampling) and zero padding
('valid', 'same', 'full'; Fig. 9.13). Training needs two more operations of the same kind,
the gradients with respect to the kernel (g, eq. 9.11) and to the input (h, eqs. 9.12-9.13).
Dropping the weight sharing gives the locally connected layer (eq. 9.9); sharing among t × t
kernels that rotate through space gives tiled convolution (eq. 9.10).

Conventions (0-based, as numpy): an image is ``V`` of shape (C_in, H, W) (no batch axis), a
kernel stack is ``K`` of shape (C_out, C_in, kh, kw), and every operation is a
cross-correlation: the kernel is **not** flipped, as in PyTorch's ``conv2d``.
Z[i, x, y] = Σ_{l,m,n} Vp[l, x·s + m, y·s + n] · K[i, l, m, n], where Vp is V with p zeros on
each side. Output sizes are (H + 2p − kh)//s + 1 by (W + 2p − kw)//s + 1. Tiled convolution uses
the 0-based kernel slot (x mod t, y mod t), where the book writes the 1-based j%t + 1. No
function changes its inputs.
"""
from __future__ import annotations

import numpy as np


def conv2d_multi(V: np.ndarray, K: np.ndarray, stride: int = 1, padding: int | str = 0) -> np.ndarray:
    """Multi-channel strided, zero-padded convolution (cross-correlation) of one image.

    Parameters
    ----------
    V : ndarray of shape (C_in, H, W)
        The input image, channel first.
    K : ndarray of shape (C_out, C_in, kh, kw)
        The kernel stack: ``K[i, l]`` connects input channel l to output channel i.
    stride : int, default 1
        The step s ≥ 1 between windows, the same along rows and columns.
    padding : int or {'valid', 'same', 'full'}, default 0
        An int p ≥ 0 adds p zeros on every side. ``'valid'`` is p = 0. ``'full'`` adds kh − 1
        rows at the top and at the bottom and kw − 1 columns on the left and on the right.
        ``'same'`` (stride 1 only) adds kh − 1 rows in total, (kh − 1)//2 at the top and the
        rest at the bottom, and likewise for the columns: an even kernel puts its extra zero at
        the bottom/right (as PyTorch's ``padding='same'`` and SciPy's ``correlate2d(mode='same')``).

    Returns
    -------
    Z : ndarray of shape (C_out, H_out, W_out)
        ``Z[i, x, y] = Σ_{l,m,n} Vp[l, x·s + m, y·s + n] · K[i, l, m, n]`` with
        H_out = (H + pad_top + pad_bottom − kh)//s + 1 and likewise W_out: (H − kh + 1) for
        'valid', H for 'same', H + kh − 1 for 'full'.

    Raises
    ------
    ValueError
        For ``'same'`` with a stride other than 1, an unknown padding string or a negative p.

    Notes
    -----
    Eq. 9.7 is the stride-1 case, Z_{i,j,k} = Σ_{l,m,n} V_{l, j+m−1, k+n−1} K_{i,l,m,n}
    (1-based); eq. 9.8 adds the stride, c(K, V, s)_{i,j,k} = Σ V_{l,(j−1)s+m,(k−1)s+n} K_{i,l,m,n}:
    the same as a stride-1 convolution followed by keeping every s-th output (Fig. 9.12).
    Zero padding is Fig. 9.13's choice between 'valid', 'same' and 'full'.

    Hints
    -----
    The grader checks a cross-correlation: do not flip K. Pad first (``np.pad``), then slide.
    A stride keeps every s-th window position along *both spatial* axes, never the channel axis.
    ``np.lib.stride_tricks.sliding_window_view`` gives all windows without copying; six nested
    loops are also accepted (slow but correct).
    """
    ### BEGIN SOLUTION
    V = np.asarray(V, dtype=float)
    K = np.asarray(K, dtype=float)
    kh, kw = K.shape[2:]
    stride = int(stride)
    if stride < 1:
        raise ValueError(f"stride must be at least 1, got {stride}")
    if isinstance(padding, str):
        if padding == "valid":
            pads = ((0, 0), (0, 0))
        elif padding == "full":
            pads = ((kh - 1, kh - 1), (kw - 1, kw - 1))
        elif padding == "same":
            if stride != 1:
                raise ValueError("padding='same' needs stride 1")
            pads = (((kh - 1) // 2, kh // 2), ((kw - 1) // 2, kw // 2))  # extra zero bottom/right
        else:
            raise ValueError(f"padding must be an int, 'valid', 'same' or 'full', got {padding!r}")
    else:
        p = int(padding)
        if p < 0:
            raise ValueError(f"padding must be non-negative, got {p}")
        pads = ((p, p), (p, p))
    Vp = np.pad(V, ((0, 0),) + pads)
    # windows[l, x, y, m, n] = Vp[l, x + m, y + n]; the stride keeps every s-th x and y.
    windows = np.lib.stride_tricks.sliding_window_view(Vp, (kh, kw), axis=(1, 2))
    windows = windows[:, ::stride, ::stride]
    return np.einsum("lxymn,ilmn->ixy", windows, K)
    ### END SOLUTION


def _conv2d_multi_loops(V: np.ndarray, K: np.ndarray, stride: int = 1, padding: int | str = 0) -> np.ndarray:
    """Optional, not graded: ``conv2d_multi`` written as plain loops over eq. 9.8.

    Same parameters and result as ``conv2d_multi``. Writing this first and comparing the two on
    random inputs is a good way to get the vectorized version right.

    Hints
    -----
    Build the zero-padded Vp first; then six nested loops over i, x, y, l, m, n add up
    ``Vp[l, x·s + m, y·s + n] · K[i, l, m, n]``.
    """
    ### BEGIN SOLUTION
    V = np.asarray(V, dtype=float)
    K = np.asarray(K, dtype=float)
    C_out, C_in, kh, kw = K.shape
    if padding == "valid":
        top = bottom = left = right = 0
    elif padding == "full":
        top, bottom, left, right = kh - 1, kh - 1, kw - 1, kw - 1
    elif padding == "same":
        top, bottom, left, right = (kh - 1) // 2, kh // 2, (kw - 1) // 2, kw // 2
    else:
        top = bottom = left = right = int(padding)
    Vp = np.zeros((C_in, V.shape[1] + top + bottom, V.shape[2] + left + right))
    Vp[:, top:top + V.shape[1], left:left + V.shape[2]] = V
    H_out = (Vp.shape[1] - kh) // stride + 1
    W_out = (Vp.shape[2] - kw) // stride + 1
    Z = np.zeros((C_out, H_out, W_out))
    for i in range(C_out):
        for x in range(H_out):
            for y in range(W_out):
                total = 0.0
                for l in range(C_in):
                    for m in range(kh):
                        for n in range(kw):
                            total += Vp[l, x * stride + m, y * stride + n] * K[i, l, m, n]
                Z[i, x, y] = total
    return Z
    ### END SOLUTION


def conv2d_backward(G: np.ndarray, V: np.ndarray, K: np.ndarray, stride: int = 1, padding: int = 0
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Gradients of a cost J through ``Z = conv2d_multi(V, K, stride, padding)``.

    Parameters
    ----------
    G : ndarray of shape (C_out, H_out, W_out)
        ∂J/∂Z, with the shape of the forward output.
    V : ndarray of shape (C_in, H, W)
        The forward input.
    K : ndarray of shape (C_out, C_in, kh, kw)
        The forward kernel stack.
    stride : int, default 1
        The forward stride s ≥ 1.
    padding : int, default 0
        The forward zero padding p ≥ 0 on every side.

    Returns
    -------
    dV : ndarray of shape (C_in, H, W)
        ∂J/∂V = h(K, G, s): every G[i, x, y] is sent back through K to the inputs its window
        covered, ``dVp[l, x·s + m, y·s + n] += G[i, x, y] · K[i, l, m, n]``; then the padding is
        cut off. Inputs that no window covers (the last (H + 2p − kh) % s rows, the last
        (W + 2p − kw) % s columns, and the gaps when s > kh) get 0.
    dK : ndarray of shape (C_out, C_in, kh, kw)
        ∂J/∂K = g(G, V, s): ``dK[i, l, m, n] = Σ_{x,y} G[i, x, y] · Vp[l, x·s + m, y·s + n]``.

    Notes
    -----
    Eq. 9.11 (kernel gradient) and eqs. 9.12-9.13 (input gradient), 0-based. With stride 1 and
    one channel, dK is the 'valid' cross-correlation of V with G and dV is the 'full' *true*
    convolution of G with K (the kernel flipped). For a stride s, first dilate G: insert s − 1
    zeros between its entries. h is the transpose of the forward map; it is what a transposed
    convolution computes, which must be told the input size (PyTorch's ``output_padding``),
    because several input sizes give the same output size.

    Hints
    -----
    Check your result against central differences of J = Σ G ⊙ conv2d_multi(V, K, ...): dK is
    *not* flipped, and dV must have V's shape even when the windows do not reach the last
    rows or columns.
    """
    ### BEGIN SOLUTION
    G = np.asarray(G, dtype=float)
    V = np.asarray(V, dtype=float)
    K = np.asarray(K, dtype=float)
    s, p = int(stride), int(padding)
    _, H, W = V.shape
    kh, kw = K.shape[2:]
    H_out, W_out = G.shape[1:]
    Hp, Wp = H + 2 * p, W + 2 * p

    # Eq. 9.11: dK[i, l, m, n] = Σ_{x,y} G[i, x, y] Vp[l, x·s + m, y·s + n].
    Vp = np.pad(V, ((0, 0), (p, p), (p, p)))
    patches = np.lib.stride_tricks.sliding_window_view(Vp, (kh, kw), axis=(1, 2))[:, ::s, ::s]
    dK = np.einsum("ixy,lxymn->ilmn", G, patches)

    # Eqs. 9.12-9.13: a 'full' true convolution of the dilated G with K. The windows cover rows
    # 0 .. (H_out − 1)·s + kh − 1 of Vp; the extra rows below (output_padding) get no gradient.
    extra_h = Hp - ((H_out - 1) * s + kh)
    extra_w = Wp - ((W_out - 1) * s + kw)
    Gd = np.zeros((G.shape[0], (H_out - 1) * s + 1, (W_out - 1) * s + 1))
    Gd[:, ::s, ::s] = G
    Gd = np.pad(Gd, ((0, 0), (kh - 1, kh - 1 + extra_h), (kw - 1, kw - 1 + extra_w)))
    g_windows = np.lib.stride_tricks.sliding_window_view(Gd, (kh, kw), axis=(1, 2))
    dVp = np.einsum("ixymn,ilmn->lxy", g_windows, K[:, :, ::-1, ::-1])
    dV = dVp[:, p:p + H, p:p + W]
    return dV, dK
    ### END SOLUTION


def locally_connected2d(V: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Locally connected layer (unshared convolution), stride 1, 'valid'.

    Parameters
    ----------
    V : ndarray of shape (C_in, H, W_in)
        The input image.
    W : ndarray of shape (C_out, H_out, W_out, C_in, kh, kw)
        One kernel stack per output position, with H_out = H − kh + 1, W_out = W_in − kw + 1.

    Returns
    -------
    Z : ndarray of shape (C_out, H_out, W_out)
        ``Z[i, x, y] = Σ_{l,m,n} V[l, x + m, y + n] · W[i, x, y, l, m, n]``.

    Raises
    ------
    ValueError
        When ``W.shape[1:3]`` is not (H − kh + 1, W_in − kw + 1).

    Notes
    -----
    Eq. 9.9, Z_{i,j,k} = Σ_{l,m,n} V_{l,j+m−1,k+n−1} w_{i,j,k,l,m,n} (1-based): the same
    windows as a convolution, but no parameter sharing (Fig. 9.14). With
    ``W[:, x, y] = K`` at every (x, y) it is ``conv2d_multi(V, K)``.

    Hints
    -----
    Axes 1 and 2 of W are the output row x and column y; axes 4 and 5 are the offsets m, n in
    the window. No flip.
    """
    ### BEGIN SOLUTION
    V = np.asarray(V, dtype=float)
    W = np.asarray(W, dtype=float)
    kh, kw = W.shape[4:]
    H_out, W_out = V.shape[1] - kh + 1, V.shape[2] - kw + 1
    if W.shape[1:3] != (H_out, W_out):
        raise ValueError(f"W has {W.shape[1:3]} output positions; V and the kernel size give {(H_out, W_out)}")
    windows = np.lib.stride_tricks.sliding_window_view(V, (kh, kw), axis=(1, 2))
    return np.einsum("lxymn,ixylmn->ixy", windows, W)
    ### END SOLUTION


def tiled_conv2d(V: np.ndarray, K: np.ndarray) -> np.ndarray:
    """Tiled convolution with t × t kernel stacks used in rotation, stride 1, 'valid'.

    Parameters
    ----------
    V : ndarray of shape (C_in, H, W)
        The input image.
    K : ndarray of shape (C_out, C_in, kh, kw, t, t)
        ``K[..., a, b]`` is the kernel stack of slot (a, b); t = ``K.shape[-1]``.

    Returns
    -------
    Z : ndarray of shape (C_out, H − kh + 1, W − kw + 1)
        ``Z[i, x, y] = Σ_{l,m,n} V[l, x + m, y + n] · K[i, l, m, n, x % t, y % t]``.

    Notes
    -----
    Eq. 9.10, Z_{i,j,k} = Σ V_{l,j+m−1,k+n−1} K_{i,l,m,n,j%t+1,k%t+1}, in 0-based indices:
    output (x, y) uses slot (x mod t, y mod t), so neighbouring outputs use different kernels
    and outputs t apart share one (Fig. 9.16). t = 1 is ``conv2d_multi``; t ≥ the output size is
    a locally connected layer with W[:, x, y] = K[..., x, y].

    Hints
    -----
    The slot is (x % t, y % t) for output row x and column y, both counted from 0 — not the
    book's 1-based j%t + 1 read as a 0-based index. The slot's first index follows the row.
    """
    ### BEGIN SOLUTION
    V = np.asarray(V, dtype=float)
    K = np.asarray(K, dtype=float)
    kh, kw, t = K.shape[2], K.shape[3], K.shape[-1]
    windows = np.lib.stride_tricks.sliding_window_view(V, (kh, kw), axis=(1, 2))
    H_out, W_out = windows.shape[1:3]
    rows = np.arange(H_out) % t
    cols = np.arange(W_out) % t
    K_at = K[..., rows[:, None], cols[None, :]]  # (C_out, C_in, kh, kw, H_out, W_out): kernel per output
    return np.einsum("lxymn,ilmnxy->ixy", windows, K_at)
    ### END SOLUTION
