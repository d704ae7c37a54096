"""Figure for 9.3: pooling, drawn from your functions.

(a), (b) Fig 9.8 replica: 16 detector outputs and their max pooling (width 3, stride 1, from
    ``pool1d``) before and after the input is shifted right by one. Every detector value
    changes, and the pooled values that change are circled in red: fewer than half of them.
(c) Fig 9.10: pooling with downsampling (width 3, stride 2) over the book's six detector units.
    Each window is a bracket, and the last one is partial. Max, average and L2 pooling are marked
    at the window centres.
(d) ``max_pool2d_backward`` with an upstream gradient of 1 on a 10×10 image (3×3 windows,
    stride 1): each input's dX is the number of overlapping windows whose maximum it is.
"""
import numpy as np

from autograder.figures import attempt, new_figure, panel

DETECTOR = np.array([0.1, 0.3, 1.0, 0.2, 0.1, 0.0, 0.6, 0.2, 0.1, 0.9, 0.3, 0.2, 0.0, 0.4, 0.1, 0.2])
SHIFTED = np.concatenate([[0.0], DETECTOR[:-1]])
FIG_9_10 = np.array([0.1, 1.0, 0.2, 0.1, 0.0, 0.1])
WIDTH = 3


def _pooled(mod, ax, x, width, stride, mode="max"):
    out = np.asarray(attempt(ax, mod.pool1d, x, width, stride, mode), dtype=float)
    if out.ndim != 1:
        raise ValueError(f"pool1d returned shape {out.shape}, expected (n_windows,)")
    return out


def _detector_stems(ax, x):
    pos = np.arange(x.size)
    ax.vlines(pos, 0, x, color="tab:blue", lw=2, alpha=0.6)
    ax.plot(pos, x, "o", color="tab:blue", ms=5, label="detector stage")


def _before_panel(mod, ax):
    before = _pooled(mod, ax, DETECTOR, WIDTH, 1)
    _detector_stems(ax, DETECTOR)
    ax.plot(np.arange(before.size) + (WIDTH - 1) / 2, before, "-D", color="tab:green", ms=6, lw=1.2,
            label="max pool (width 3, stride 1)")


def _after_panel(mod, ax):
    before = _pooled(mod, ax, DETECTOR, WIDTH, 1)
    after = _pooled(mod, ax, SHIFTED, WIDTH, 1)
    if after.shape != before.shape:
        raise ValueError("pool1d gave different lengths before and after the shift")
    centers = np.arange(after.size) + (WIDTH - 1) / 2
    changed = after != before
    _detector_stems(ax, SHIFTED)
    ax.plot(centers, after, "-D", color="tab:green", ms=6, lw=1.2, label="max pool (width 3, stride 1)")
    ax.plot(centers[changed], after[changed], "o", mfc="none", mec="red", ms=14, mew=2,
            label="pooled value changed")
    ax.text(0.99, 0.97, f"detector values changed: {int(np.sum(SHIFTED != DETECTOR))} of {DETECTOR.size}\n"
                        f"pooled values changed: {int(changed.sum())} of {changed.size}",
            transform=ax.transAxes, ha="right", va="top", fontsize=9, bbox=dict(boxstyle="round", fc="white", ec="0.7"))


def _style_1d(ax, n, legend_loc="upper left", top=1.55):
    ax.set_xlim(-0.7, n - 0.3)
    ax.set_ylim(-0.05, top)
    ax.set_xticks(range(n))
    ax.set_xlabel("position")
    ax.set_ylabel("value")
    ax.grid(alpha=0.25)
    ax.legend(loc=legend_loc, fontsize=8, framealpha=0.9)


def _downsampling_panel(mod, ax):
    x, stride = FIG_9_10, 2
    maxes = _pooled(mod, ax, x, WIDTH, stride, "max")
    avgs = _pooled(mod, ax, x, WIDTH, stride, "avg")
    l2s = _pooled(mod, ax, x, WIDTH, stride, "l2")
    _detector_stems(ax, x)
    for k, value in enumerate(maxes):
        start, end = k * stride, min(k * stride + WIDTH, x.size) - 1
        partial = end - start + 1 < WIDTH
        y = 1.12 + 0.08 * (k % 2)
        ax.plot([start, start, end, end], [y - 0.04, y, y, y - 0.04], color="0.3", lw=1.3,
                ls="--" if partial else "-")
        ax.text((start + end) / 2, y + 0.02, "partial window" if partial else f"window {k}", ha="center",
                va="bottom", fontsize=8, color="0.3")
    centers = [(k * stride + min(k * stride + WIDTH, x.size) - 1) / 2 for k in range(maxes.size)]
    ax.plot(centers, maxes, "D", color="tab:green", ms=8, label="max")
    ax.plot(centers, avgs, "v", color="tab:purple", ms=8, label="average")
    ax.plot(centers, l2s, "^", color="tab:red", ms=8, label="L2 norm")


def _backward_panel(mod, ax, fig):
    X = np.random.default_rng(3).normal(size=(1, 1, 10, 10))
    out, cache = attempt(ax, mod.max_pool2d_forward, X, 3, 3, 1)
    dout = np.ones(np.shape(out))
    dX = np.asarray(attempt(ax, mod.max_pool2d_backward, dout, cache), dtype=float).reshape(10, 10)
    im = ax.imshow(dX, cmap="Greens", vmin=0, vmax=max(1.0, dX.max()))
    for (r, c), v in np.ndenumerate(dX):
        if v:
            ax.text(c, r, f"{v:g}", ha="center", va="center", fontsize=8, color="k" if v < 0.6 * dX.max() else "w")
    ax.set_xlabel("column")
    ax.set_ylabel("row")
    fig.colorbar(im, ax=ax, shrink=0.85, label="dX (windows won)")
    ax.text(0.5, -0.22, f"sum of dX = {dX.sum():g} = number of windows ({dout.size})", transform=ax.transAxes,
            ha="center", fontsize=9)


def figure(mod):
    fig, axes = new_figure(2, 2, width=6.2, height=4.3)
    (ax_a, ax_b), (ax_c, ax_d) = axes
    with panel(ax_a):
        _before_panel(mod, ax_a)
        _style_1d(ax_a, DETECTOR.size)
    with panel(ax_b):
        _after_panel(mod, ax_b)
        _style_1d(ax_b, DETECTOR.size)
    ax_a.set_title("(a) detector outputs and their max pooling (Fig 9.8, top)", fontsize=10)
    ax_b.set_title("(b) the input shifted right by one (Fig 9.8, bottom)", fontsize=10)
    with panel(ax_c):
        _downsampling_panel(mod, ax_c)
        _style_1d(ax_c, FIG_9_10.size, legend_loc="center right", top=1.4)
    ax_c.set_title("(c) pooling with downsampling: width 3, stride 2 (Fig 9.10)", fontsize=10)
    with panel(ax_d):
        _backward_panel(mod, ax_d, fig)
    ax_d.set_title("(d) max_pool2d_backward, 3×3 windows, stride 1, dout = 1", fontsize=10)
    fig.suptitle("9.3 Pooling: approximate invariance to small shifts, downsampling, and the max's gradient",
                 fontsize=12)
    fig.tight_layout(rect=(0, 0, 1, 0.96))
    return fig
