"""Realistic mistakes in 9.3 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("backward_assigns_instead_of_accumulating",
           "dX[idx] = dout (fancy-index assignment): an input that wins several overlapping windows keeps only "
           "one of their gradients",
           replace=[("np.add.at(dX, idx.ravel(), dout.ravel())  # += : overlapping windows can share a winner",
                     "dX[idx.ravel()] = dout.ravel()")]),
    Mutant("backward_to_every_tied_max",
           "backward rebuilds the mask window == window.max(), so every tied maximum gets the gradient", append="""
def max_pool2d_forward(X, pool_h, pool_w, stride):
    X = np.asarray(X, dtype=float)
    N, C, H, W = X.shape
    out = np.empty((N, C, (H - pool_h) // stride + 1, (W - pool_w) // stride + 1))
    for i in range(out.shape[2]):
        for j in range(out.shape[3]):
            out[:, :, i, j] = X[:, :, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w].max(axis=(2, 3))
    return out, {"X": X, "out": out, "pool": (pool_h, pool_w), "stride": stride}


def max_pool2d_backward(dout, cache):
    X, out, (pool_h, pool_w), stride = cache["X"], cache["out"], cache["pool"], cache["stride"]
    dX = np.zeros_like(X)
    for i in range(out.shape[2]):
        for j in range(out.shape[3]):
            window = X[:, :, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w]
            mask = window == out[:, :, i, j][:, :, None, None]
            dX[:, :, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w] += \\
                mask * np.asarray(dout)[:, :, i, j][:, :, None, None]
    return dX
"""),
    Mutant("ties_to_last_maximum", "a loop with >= keeps the LAST tied maximum of each window",
           replace=[("arg = flat.argmax(axis=-1)  # first maximum in row-major order",
                     "arg = pool_h * pool_w - 1 - flat[..., ::-1].argmax(axis=-1)")]),
    Mutant("ties_in_column_major_order", "the window is scanned column by column, so a tie goes to the first "
           "maximum in column-major order", append="""
def max_pool2d_forward(X, pool_h, pool_w, stride):
    X = np.asarray(X, dtype=float)
    N, C, H, W = X.shape
    out_h, out_w = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.empty((N, C, out_h, out_w))
    where = np.zeros((N, C, out_h, out_w, 2), dtype=int)
    for n in range(N):
        for c in range(C):
            for i in range(out_h):
                for j in range(out_w):
                    best = -np.inf
                    for b in range(pool_w):
                        for a in range(pool_h):
                            v = X[n, c, i * stride + a, j * stride + b]
                            if v > best:
                                best = v
                                where[n, c, i, j] = (i * stride + a, j * stride + b)
                    out[n, c, i, j] = best
    return out, {"shape": X.shape, "where": where}


def max_pool2d_backward(dout, cache):
    dout = np.asarray(dout, dtype=float)
    dX = np.zeros(cache["shape"])
    for idx in np.ndindex(dout.shape):
        r, c = cache["where"][idx]
        dX[idx[0], idx[1], r, c] += dout[idx]
    return dX
"""),
    Mutant("backward_offsets_by_pool_not_stride", "the winner's position is i·pool + a instead of i·stride + a "
           "(right only when stride equals the pool size)",
           replace=[("rows = np.arange(out_h)[:, None] * stride + arg // pool_w",
                     "rows = np.arange(out_h)[:, None] * pool_h + arg // pool_w"),
                    ("cols = np.arange(out_w)[None, :] * stride + arg % pool_w",
                     "cols = np.arange(out_w)[None, :] * pool_w + arg % pool_w")]),
    Mutant("window_position_divides_by_pool_h", "the flat window index is split with pool_h instead of pool_w "
           "(right only for square windows)",
           replace=[("rows = np.arange(out_h)[:, None] * stride + arg // pool_w",
                     "rows = np.arange(out_h)[:, None] * stride + arg // pool_h"),
                    ("cols = np.arange(out_w)[None, :] * stride + arg % pool_w",
                     "cols = np.arange(out_w)[None, :] * stride + arg % pool_h")]),
    Mutant("stride_taken_as_pool_size", "the windows step by the pool size whatever the stride (non-overlapping "
           "pooling only), out = (H − pool)//pool + 1", append="""
_max_pool2d_forward = max_pool2d_forward


def max_pool2d_forward(X, pool_h, pool_w, stride):
    X = np.asarray(X, dtype=float)
    N, C, H, W = X.shape
    out = np.empty((N, C, (H - pool_h) // pool_h + 1, (W - pool_w) // pool_w + 1))
    for i in range(out.shape[2]):
        for j in range(out.shape[3]):
            out[:, :, i, j] = X[:, :, i * pool_h:(i + 1) * pool_h, j * pool_w:(j + 1) * pool_w].max(axis=(2, 3))
    return out, _max_pool2d_forward(X, pool_h, pool_w, pool_h)[1]
"""),
    Mutant("running_max_starts_at_zero", "the running maximum starts at 0 (or the image is zero-padded): an "
           "all-negative window pools to 0",
           replace=[("out = np.take_along_axis(flat, arg[..., None], axis=-1)[..., 0]",
                     "out = np.maximum(np.take_along_axis(flat, arg[..., None], axis=-1)[..., 0], 0.0)")]),
    Mutant("backward_uses_last_forward", "the forward keeps its argmax in a module-level variable and backward "
           "reads that instead of its cache", append="""
_LAST = {}
_max_pool2d_forward = max_pool2d_forward
_max_pool2d_backward = max_pool2d_backward


def max_pool2d_forward(X, pool_h, pool_w, stride):
    out, cache = _max_pool2d_forward(X, pool_h, pool_w, stride)
    _LAST.update(cache)
    return out, {}


def max_pool2d_backward(dout, cache):
    return _max_pool2d_backward(dout, _LAST)
"""),
    Mutant("pool1d_drops_partial_window", "only full windows (floor mode): the last detector units are ignored",
           replace=[("    if covered < n and following < n:  # a partial window, so the last units are not ignored\n"
                     "        starts.append(following)\n", "")]),
    Mutant("pool1d_partial_window_always", "a partial window whenever the next start is < n, even when the full "
           "windows already reach the end",
           replace=[("if covered < n and following < n:", "if following < n:")]),
    Mutant("pool1d_zero_padded", "the partial window is zero-padded to the full width",
           replace=[("return np.array([summary(x[s:min(s + width, n)]) for s in starts], dtype=float)",
                     "xp = np.concatenate([x, np.zeros(width)])\n"
                     "    return np.array([summary(xp[s:s + width]) for s in starts], dtype=float)")]),
    Mutant("pool1d_avg_divides_by_width", "avg divides every window's sum by the full width",
           replace=[('"avg": np.mean', '"avg": lambda v: np.sum(v) / width')]),
    Mutant("pool1d_l2_root_mean_square", "l2 pooling as sqrt(mean x²) instead of sqrt(Σ x²)",
           replace=[('"l2": lambda v: np.sqrt(np.sum(v * v))', '"l2": lambda v: np.sqrt(np.mean(v * v))')]),
    Mutant("pool1d_unknown_mode_falls_back_to_max", "an unknown mode silently pools with max",
           replace=[('    if mode not in MODES:\n        raise ValueError(f"unknown pooling mode {mode!r}; '
                     'expected one of {\', \'.join(MODES)}")\n', '    mode = mode if mode in MODES else "max"\n')]),
    Mutant("pool1d_squares_in_place", "l2 squares x in place (np.asarray does not copy a float array)", append="""
_pool1d = pool1d


def pool1d(x, width, stride, mode="max"):
    x = np.asarray(x, dtype=float)
    if mode == "l2":
        np.square(x, out=x)  # squares in place
        counts = _pool1d(np.ones_like(x), width, stride, "l2") ** 2
        return np.sqrt(_pool1d(x, width, stride, "avg") * counts)
    return _pool1d(x, width, stride, mode)
"""),
    Mutant("global_average_keepdims", "global average pooling returns (N, C, 1, 1)",
           replace=[("mean(axis=(2, 3))", "mean(axis=(2, 3), keepdims=True)")]),
    Mutant("global_average_sums", "global pooling sums the feature map instead of averaging",
           replace=[("mean(axis=(2, 3))", "sum(axis=(2, 3))")]),
]
