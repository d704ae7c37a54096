"""9.3 Pooling.

A typical convolutional layer has three stages (Fig 9.7): convolution, a detector nonlinearity,
and pooling, which replaces the output at a location by a summary statistic of the outputs
nearby. Max pooling reports the maximum within a rectangular neighbourhood, and other pooling
functions report the average or the L2 norm. Pooling makes the representation approximately
invariant to small translations of the input (Fig 9.8). Pooling with a stride larger than one
also downsamples (Fig 9.10), and pooling over the whole image (global average pooling) lets a
network classify images of any size without a fully connected layer (Fig 9.11, right).

You write a 2-D max-pooling layer with its backward pass, 1-D pooling of detector outputs as in
Figs 9.8 and 9.10 (max, average and L2), and global average pooling.

Conventions: float64, batch first, images ``(N, C, H, W)``. The layer follows the usual contract:
``max_pool2d_forward(X, ...) -> (out, cache)`` and ``max_pool2d_backward(dout, cache) -> dX``. The
cache is yours. The grader hands your backward exactly the cache your own forward returned and
never looks inside it. 2-D max pooling has no padding. Windows start at multiples of ``stride``
and must fit inside the image, so they overlap when ``stride < pool`` and skip inputs when
``stride > pool``. A tie inside a window goes to the FIRST maximal entry in row-major order (what
``np.argmax`` on the flattened window returns), and the whole gradient of that window goes to that
one entry. No function changes its inputs.
"""
from __future__ import annotations

import numpy as np

MODES = ("max", "avg", "l2")


def max_pool2d_forward(X: np.ndarray, pool_h: int, pool_w: int, stride: int) -> tuple[np.ndarray, dict]:
    """Max pooling of every channel of every image over pool_h × pool_w windows.

    Parameters
    ----------
    X : ndarray of shape (N, C, H, W)
        Detector outputs, with H ≥ pool_h and W ≥ pool_w.
    pool_h, pool_w : int
        Height and width of the pooling window (≥ 1; they need not be equal).
    stride : int
        Step between window starts, ≥ 1, the same along both axes. It need not equal the
        window size.

    Returns
    -------
    out : ndarray of shape (N, C, out_h, out_w)
        ``out[n, c, i, j] = max X[n, c, i·stride : i·stride + pool_h, j·stride : j·stride + pool_w]``
        with ``out_h = (H − pool_h) // stride + 1`` and ``out_w = (W − pool_w) // stride + 1``
        (no padding, so rows or columns past the last full window are ignored).
    cache : dict
        Whatever your backward needs. It must record which input each window's maximum came
        from: the first maximal entry of the window in row-major order.

    Notes
    -----
    Sec 9.3, Figs 9.7 and 9.8: max pooling reports the maximum output within a rectangular
    neighbourhood. When the window is larger than the stride, neighbouring windows overlap,
    and one input can be the maximum of several windows.

    Hints
    -----
    Loop over i, j and take ``window.reshape(N, C, -1).argmax(-1)``, or build every window at
    once with ``np.lib.stride_tricks.sliding_window_view(X, (pool_h, pool_w), axis=(2, 3))``
    and keep every stride-th one. Either way, ``np.argmax`` of the flattened window already
    breaks ties as the grader expects. Convert the winner's position in its window to a
    position in the image (row ``i·stride + a // pool_w``, column ``j·stride + a % pool_w``).
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    N, C, H, W = X.shape
    out_h, out_w = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    windows = np.lib.stride_tricks.sliding_window_view(X, (pool_h, pool_w), axis=(2, 3))[:, :, ::stride, ::stride]
    flat = windows.reshape(N, C, out_h, out_w, pool_h * pool_w)
    arg = flat.argmax(axis=-1)  # first maximum in row-major order
    out = np.take_along_axis(flat, arg[..., None], axis=-1)[..., 0]
    rows = np.arange(out_h)[:, None] * stride + arg // pool_w
    cols = np.arange(out_w)[None, :] * stride + arg % pool_w
    cache = {"x_shape": X.shape, "argmax": rows * W + cols}  # flat index into each H·W plane
    return out, cache
    ### END SOLUTION


def max_pool2d_backward(dout: np.ndarray, cache: dict) -> np.ndarray:
    """Gradient of max pooling with respect to its input.

    Parameters
    ----------
    dout : ndarray of shape (N, C, out_h, out_w)
        Upstream gradient ∂J/∂out.
    cache : dict
        What your ``max_pool2d_forward`` returned for this input.

    Returns
    -------
    dX : ndarray of shape (N, C, H, W)
        Each ``dout[n, c, i, j]`` is added to the one input that was the maximum of window
        (i, j). Every other entry is 0.

    Notes
    -----
    The max passes its gradient to the winner only, as a maxout unit does (eq 6.37). With
    overlapping windows (stride < pool) one input can win several windows, and then it
    receives the SUM of their gradients. Without ties this is the exact gradient, and it is
    what PyTorch's autograd returns for ``max_pool2d``.

    Hints
    -----
    Accumulate: ``dX[..., r, c] += g`` in a loop, or ``np.add.at``. Fancy-index assignment
    ``dX[idx] = g`` keeps only one of the repeated indices. Do not rebuild a mask
    ``window == window.max()``: with ties it sends the gradient to every tied entry.
    """
    ### BEGIN SOLUTION
    dout = np.asarray(dout, dtype=float)
    N, C, H, W = cache["x_shape"]
    plane = np.arange(N * C).reshape(N, C, 1, 1) * (H * W)
    idx = plane + cache["argmax"]  # flat index into the whole of X
    dX = np.zeros(N * C * H * W)
    np.add.at(dX, idx.ravel(), dout.ravel())  # += : overlapping windows can share a winner
    return dX.reshape(N, C, H, W)
    ### END SOLUTION


def pool1d(x: np.ndarray, width: int, stride: int, mode: str = "max") -> np.ndarray:
    """Pool a 1-D row of detector outputs, keeping a final partial window (Figs 9.8 and 9.10).

    Parameters
    ----------
    x : ndarray of shape (n,)
        Detector outputs, n ≥ 1. Values may be negative.
    width : int
        Pool width, ≥ 1.
    stride : int
        Step between window starts, ≥ 1.
    mode : {'max', 'avg', 'l2'}, default 'max'
        Summary of each window: the maximum, the mean, or the L2 norm sqrt(Σ xᵢ²).

    Returns
    -------
    pooled : ndarray of shape (n_windows,)
        One value per window, in order.

    Raises
    ------
    ValueError
        If ``mode`` is not one of the three names above.

    Notes
    -----
    The windows are:

    - full windows ``x[s : s + width]`` for s = 0, stride, 2·stride, … while s ≤ n − width;
    - then one final, partial window ``x[s : n]`` at the next start s (the next multiple of
      stride), but only if the full windows stop short of the end (the last full window ends
      before n, i.e. (n − width) is not a multiple of stride) and that start s is < n. So no
      detector unit at the end is ignored when a window can start there. If n < width there
      is no full window and the single window is all of x.

    For n ≥ width the number of windows is that of PyTorch's ``max_pool1d`` with
    ``ceil_mode=True``: ceil((n − width)/stride) + 1, minus 1 when that last window would start
    at or past n. Fig 9.10 (width 3, stride 2, six detector units) has windows [0, 3), [2, 5)
    and the partial [4, 6). A partial window is not zero-padded: 'avg' divides by the number of
    entries actually in the window, and 'l2' is sqrt(Σ xᵢ²) over the entries present.

    Hints
    -----
    Build the list of window starts first, then summarize ``x[s:min(s + width, n)]``. A partial
    window must not be padded with zeros: its max over negative values is negative.
    """
    ### BEGIN SOLUTION
    if mode not in MODES:
        raise ValueError(f"unknown pooling mode {mode!r}; expected one of {', '.join(MODES)}")
    x = np.asarray(x, dtype=float)
    n = x.shape[0]
    starts = list(range(0, n - width + 1, stride))
    covered = starts[-1] + width if starts else 0
    following = starts[-1] + stride if starts else 0
    if covered < n and following < n:  # a partial window, so the last units are not ignored
        starts.append(following)
    summary = {"max": np.max, "avg": np.mean, "l2": lambda v: np.sqrt(np.sum(v * v))}[mode]
    return np.array([summary(x[s:min(s + width, n)]) for s in starts], dtype=float)
    ### END SOLUTION


def global_average_pool(X: np.ndarray) -> np.ndarray:
    """Average every feature map over all its spatial positions.

    Parameters
    ----------
    X : ndarray of shape (N, C, H, W)
        Feature maps of any spatial size.

    Returns
    -------
    out : ndarray of shape (N, C)
        ``out[n, c] = mean over (h, w) of X[n, c, h, w]``.

    Notes
    -----
    Fig 9.11 (right): a last convolutional layer outputs one feature map per class, and
    averaging each map spatially gives one score per class whatever the image size, so the
    network needs no fully connected layer.

    Hints
    -----
    One reduction over axes 2 and 3. The result is (N, C), not (N, C, 1, 1).
    """
    ### BEGIN SOLUTION
    return np.asarray(X, dtype=float).mean(axis=(2, 3))
    ### END SOLUTION
