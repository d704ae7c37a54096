# Generated from solutions/ch09/motivation.py by dlbook build. Edit that file instead.
"""9.2 Motivation for Convolutional Networks.

Convolution brings three ideas to a network (Sec. 9.2). *Sparse interactions*: each output
depends on a few inputs (the kernel's width), not on all of them (Figs 9.2-9.3), yet in a deep
stack the *receptive field* of a unit, the input region that can affect it, grows with depth
(Fig. 9.4). *Parameter sharing*: one kernel is used at every position, so the layer stores k
parameters instead of m × n (Fig. 9.5). The book's example (Fig. 9.6) detects vertical edges by
subtracting each pixel's left neighbour: a 2-tap convolution that is tens of thousands of times
cheaper than the same linear map as a dense matrix. *Equivariance to translation*: shifting the
input shifts the output by the same amount, f(g(x)) = g(f(x)). You count the costs of Fig. 9.6,
compute receptive fields of a conv/pool stack, and write the circular cross-correlation, which is
exactly equivariant to circular shifts.

Conventions: float64 arrays, Python ints for counts. Images are 2-D ``(H, W)`` indexed
``[row, col]``. Cross-correlation does not flip the kernel (as in CNN libraries, eq. 9.6). No
function changes its inputs.
"""
from __future__ import annotations

import numpy as np


def edge_detection_costs(height: int, width: int) -> dict:
    """Fig. 9.6's accounting: the 'subtract the left neighbour' edge detector on one image.

    Parameters
    ----------
    height, width : int
        The image size, height ≥ 1 and width ≥ 1 (the book's photo is 280 high and 320 wide).

    Returns
    -------
    dict
        With m = height·width inputs, n = height·(width − 1) outputs (one per pixel that has a
        left neighbour) and k = 2 kernel taps, all values Python ints:

        - ``'conv_flops'``: 3n (two multiplications and one addition per output);
        - ``'dense_matrix_entries'``: m·n, the size of the equivalent dense matrix;
        - ``'dense_flops'``: 2·m·n (a multiplication and an addition per matrix entry);
        - ``'sparse_nonzeros'``: 2n, the nonzero entries of that matrix;
        - ``'param_counts'``: ``{'dense': m·n, 'sparse': k·n, 'conv': k}``, the parameters of a
          fully connected layer, of a sparsely connected one with k inputs per output, and of the
          convolution, which shares its k weights between all outputs.

    Notes
    -----
    Sec. 9.2, Fig. 9.6: for 280 × 320 the convolution takes 267,960 flops, the dense matrix
    has over eight billion entries and needs over sixteen billion flops (about 60,000 times
    more), and the sparse matrix still stores 178,640 nonzeros. The parameter counts m·n, k·n and
    k are the sparse-interactions and parameter-sharing arguments of Sec. 9.2.

    Hints
    -----
    The output is one column narrower than the image (the first column has no left neighbour).
    The counts exceed 2³¹: compute with Python ints, not NumPy int32.
    """
    # TODO: implement edge_detection_costs (the docstring's Notes and Hints say how).
    raise NotImplementedError("9.2 edge_detection_costs: not implemented yet")


def receptive_field(kernel_sizes: list[int], strides: list[int]) -> int:
    """Width of the input region that can affect one unit at the top of a stack of 1-D layers.

    Parameters
    ----------
    kernel_sizes : list of int
        k_1, …, k_L: the kernel (or pooling window) width of each layer, bottom first, each ≥ 1.
    strides : list of int
        s_1, …, s_L: the stride of each layer, each ≥ 1; same length as ``kernel_sizes``.

    Returns
    -------
    int
        r = 1 + Σ_l (k_l − 1)·∏_{j<l} s_j: the span (last − first + 1) of the input positions
        that are connected to one unit of layer L. An empty stack gives 1 (the input itself).

    Notes
    -----
    Fig. 9.4: units in deeper layers are indirectly connected to a larger part of the input,
    even though every direct connection is sparse. Layer l's kernel adds k_l − 1 of its own
    units, and each of them is ∏_{j<l} s_j input positions away from the next.

    Hints
    -----
    Keep a running "jump" (input positions between neighbouring units of the current layer),
    starting at 1. Layer l's stride only affects the layers above it: the top layer's stride
    never matters.
    """
    # TODO: implement receptive_field (the docstring's Notes and Hints say how).
    raise NotImplementedError("9.2 receptive_field: not implemented yet")


def circular_cross_correlate2d(I: np.ndarray, K: np.ndarray) -> np.ndarray:
    """Cross-correlation with wrap-around at the borders: output the same size as the input.

    Parameters
    ----------
    I : ndarray of shape (H, W)
        The input image.
    K : ndarray of shape (kh, kw)
        The kernel, 1 ≤ kh ≤ H and 1 ≤ kw ≤ W.

    Returns
    -------
    S : ndarray of shape (H, W)
        S[i, j] = Σ_{a,b} I[(i + a) mod H, (j + b) mod W] K[a, b].

    Notes
    -----
    Eq. 9.6 on an image that wraps around (a torus). Translating the input and then correlating
    equals correlating and then translating the output (Sec. 9.2 equivariance,
    f(g(x)) = g(f(x))), and here it holds exactly, also at the borders:
    ``f(np.roll(I, s, axis=(0, 1))) == np.roll(f(I), s, axis=(0, 1))`` for every shift s. With
    zero padding instead, the equality fails near the borders.

    Hints
    -----
    ``np.roll(I, -a, axis=0)[i] == I[(i + a) % H]``. Each axis wraps with its own length: rows
    mod H, columns mod W.
    """
    # TODO: implement circular_cross_correlate2d (the docstring's Notes and Hints say how).
    raise NotImplementedError("9.2 circular_cross_correlate2d: not implemented yet")
