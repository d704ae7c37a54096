"""9.1 The Convolution Operation.

Convolution combines an input with a kernel: s(t) = Σ_a x(a) w(t − a) (eq. 9.3), and in two
dimensions S(i, j) = Σ_m Σ_n I(m, n) K(i − m, j − n) (eq. 9.4), which, because convolution is
commutative, is also Σ_m Σ_n I(i − m, j − n) K(m, n) (eq. 9.5). Most neural network libraries
instead implement *cross-correlation*, S(i, j) = Σ_m Σ_n I(i + m, j + n) K(m, n) (eq. 9.6): the
same operation without flipping the kernel, and call it convolution. You write the full 1-D
convolution, the 2-D true convolution and the 2-D cross-correlation, and the matrix that turns
cross-correlation into a matrix-vector product: a sparse matrix whose rows all hold the same few
kernel weights (Sec. 9.1: Toeplitz in 1-D, doubly block circulant in 2-D).

Conventions: float64 out (integer inputs are converted). Images are 2-D arrays ``I`` of shape
``(H, W)`` indexed ``[row, col]``, kernels ``K`` of shape ``(kh, kw)`` with 1 ≤ kh ≤ H and
1 ≤ kw ≤ W, indices 0-based. The 2-D functions return the 'valid' region only, the positions where
the kernel lies entirely inside the image: shape ``(H − kh + 1, W − kw + 1)``, no padding.
Cross-correlation does not flip the kernel; true convolution flips it along *both* axes
(``K[::-1, ::-1]``). No function changes its inputs.
"""
from __future__ import annotations

import numpy as np


def conv1d_full(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Discrete 1-D convolution of finite sequences, every output where they overlap ('full').

    Parameters
    ----------
    x : ndarray of shape (n,)
        The input, n ≥ 1 (zero outside 0 … n − 1).
    w : ndarray of shape (k,)
        The kernel, k ≥ 1 (zero outside 0 … k − 1). k may be larger than n.

    Returns
    -------
    s : ndarray of shape (n + k − 1,)
        s[t] = Σ_a x[a] w[t − a] for t = 0 … n + k − 2, the sum running over the a with
        0 ≤ a < n and 0 ≤ t − a < k. No wrap-around.

    Notes
    -----
    Eq. 9.3 (the discrete form of eq. 9.1) with the infinite sums cut to the finite supports:
    the same as ``np.convolve(x, w, 'full')``. True convolution commutes:
    ``conv1d_full(x, w) == conv1d_full(w, x)``.

    Hints
    -----
    This is convolution: w is flipped relative to x (an impulse x = [1, 0, 0] gives back w
    itself, not w reversed). The output is longer than both inputs: k − 1 positions of implicit
    zero padding on each side.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    n, k = x.shape[0], w.shape[0]
    s = np.zeros(n + k - 1)
    for a in range(n):  # x[a] contributes x[a]·w to s[a], ..., s[a + k − 1]
        s[a:a + k] += x[a] * w
    return s
    ### END SOLUTION


def conv2d_true(I: np.ndarray, K: np.ndarray) -> np.ndarray:
    """True 2-D convolution (kernel flipped along both axes), 'valid' region only.

    Parameters
    ----------
    I : ndarray of shape (H, W)
        The input image.
    K : ndarray of shape (kh, kw)
        The kernel, 1 ≤ kh ≤ H, 1 ≤ kw ≤ W.

    Returns
    -------
    S : ndarray of shape (H − kh + 1, W − kw + 1)
        S[i, j] = Σ_{m,n} I[i + m, j + n] K[kh − 1 − m, kw − 1 − n]: eq. 9.4/9.5 restricted to
        the outputs where the flipped kernel lies entirely inside the image.

    Notes
    -----
    Eqs. 9.4 and 9.5: S(i, j) = Σ_m Σ_n I(i − m, j − n) K(m, n). Keeping only the 'valid'
    outputs and shifting the output index to start at 0 gives the formula above, which equals
    ``scipy.signal.convolve2d(I, K, mode='valid')`` and
    ``cross_correlate2d(I, K[::-1, ::-1])``.

    Hints
    -----
    Flip the kernel along both axes (``K[::-1, ::-1]``, a 180° rotation), not one. Eq. 9.5 read
    literally with 0-based outputs indexes I at i − m < 0; in Python that silently wraps around to
    the end of the array instead of failing.
    """
    ### BEGIN SOLUTION
    I = np.asarray(I, dtype=float)
    K = np.asarray(K, dtype=float)
    kh, kw = K.shape
    out_h, out_w = I.shape[0] - kh + 1, I.shape[1] - kw + 1
    Kf = K[::-1, ::-1]
    S = np.zeros((out_h, out_w))
    for m in range(kh):  # one kernel tap at a time: a shifted copy of the image, scaled
        for n in range(kw):
            S += Kf[m, n] * I[m:m + out_h, n:n + out_w]
    return S
    ### END SOLUTION


def cross_correlate2d(I: np.ndarray, K: np.ndarray) -> np.ndarray:
    """2-D cross-correlation (no kernel flip), 'valid' region only: what ML libraries call convolution.

    Parameters
    ----------
    I : ndarray of shape (H, W)
        The input image.
    K : ndarray of shape (kh, kw)
        The kernel, 1 ≤ kh ≤ H, 1 ≤ kw ≤ W.

    Returns
    -------
    S : ndarray of shape (H − kh + 1, W − kw + 1)
        S[i, j] = Σ_{m,n} I[i + m, j + n] K[m, n].

    Notes
    -----
    Eq. 9.6, as drawn in Fig. 9.1 (the output's top-left entry is aw + bx + ey + fz). Equals
    ``scipy.signal.correlate2d(I, K, mode='valid')`` and PyTorch's ``conv2d`` on one channel.

    Hints
    -----
    K[0, 0] multiplies the top-left pixel of each window: do not flip the kernel. Rows come first:
    the output has H − kh + 1 rows and W − kw + 1 columns.
    """
    ### BEGIN SOLUTION
    I = np.asarray(I, dtype=float)
    K = np.asarray(K, dtype=float)
    kh, kw = K.shape
    out_h, out_w = I.shape[0] - kh + 1, I.shape[1] - kw + 1
    S = np.zeros((out_h, out_w))
    for m in range(kh):
        for n in range(kw):
            S += K[m, n] * I[m:m + out_h, n:n + out_w]
    return S
    ### END SOLUTION


def conv_matrix(K: np.ndarray, input_shape: tuple[int, int]) -> np.ndarray:
    """The matrix of 2-D 'valid' cross-correlation with K, acting on the flattened image.

    Parameters
    ----------
    K : ndarray of shape (kh, kw)
        The kernel.
    input_shape : tuple (H, W)
        The image shape, kh ≤ H and kw ≤ W.

    Returns
    -------
    M : ndarray of shape (out_h · out_w, H · W)
        With out_h = H − kh + 1 and out_w = W − kw + 1, and both the image and the output
        flattened row-major (``ravel()``): ``M @ I.ravel() == cross_correlate2d(I, K).ravel()``
        for every image I. Row ``i·out_w + j`` (output pixel (i, j)) holds K[m, n] in column
        ``(i + m)·W + (j + n)`` and zeros elsewhere.

    Notes
    -----
    Sec. 9.1: discrete convolution can be viewed as multiplication by a matrix whose entries are
    constrained to equal other entries (the book: Toeplitz in 1-D, doubly block circulant in 2-D;
    without wrap-around the 'valid' matrix is block Toeplitz with Toeplitz blocks) and which is
    very sparse: each row has at most kh·kw nonzeros.
    Mᵀ applied to an output gradient gives the gradient with respect to the input (Sec. 9.5).

    Hints
    -----
    M is the same for every image, so it is determined by the identity above: column c of M is
    the flattened output for the image that is 1 at pixel c and 0 elsewhere. Mind the two
    different widths: a row index uses the output width out_w, a column index the image width W.
    """
    ### BEGIN SOLUTION
    K = np.asarray(K, dtype=float)
    kh, kw = K.shape
    H, W = int(input_shape[0]), int(input_shape[1])
    out_h, out_w = H - kh + 1, W - kw + 1
    M = np.zeros((out_h * out_w, H * W))
    for i in range(out_h):
        for j in range(out_w):
            row = i * out_w + j
            for m in range(kh):  # kernel row m touches image row i + m, columns j … j + kw − 1
                start = (i + m) * W + j
                M[row, start:start + kw] = K[m]
    return M
    ### END SOLUTION
