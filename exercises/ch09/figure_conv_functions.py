# Generated from solutions/ch09/figure_conv_functions.py by dlbook build. Edit that file instead.
"""Figure for 9.5: valid, same and full zero padding on a 1-D signal (Fig. 9.13 analog).

The same length-10 signal goes through a width-3 kernel with the three paddings, all computed
with the module's ``conv2d_multi`` (a 1-D signal is an image of height 1). Each output sits
under the centre of its window; the lines join it to the three (possibly zero) inputs it reads.
The shaded border outputs read fewer than k real inputs: their count is itself computed by
convolving an all-ones signal with an all-ones kernel.
"""
from __future__ import annotations

import numpy as np
from matplotlib.patches import Patch, Rectangle

from autograder.figures import attempt, new_figure, panel

X = np.array([2.0, 1.0, 3.0, 0.0, -1.0, 2.0, 4.0, 1.0, -2.0, 1.0])
KERNEL = np.array([1.0, 2.0, -1.0])
MODES = ("valid", "same", "full")
PADS = {"valid": (0, 0), "same": (1, 1), "full": (2, 2)}  # (left, right) zeros for k = 3

INPUT_COLOR, PAD_COLOR = "#cfe3f5", "#eeeeee"
FULL_COLOR, BORDER_COLOR = "#d7ecd0", "#f7c98b"


def _cell(ax, x, y, text, face, hatch=None, edge="0.3"):
    ax.add_patch(Rectangle((x - 0.45, y - 0.3), 0.9, 0.6, facecolor=face, edgecolor=edge, lw=1, hatch=hatch))
    ax.text(x, y, text, ha="center", va="center", fontsize=8)


def _draw(ax, mode, z, seen):
    k = len(KERNEL)
    left, right = PADS[mode]
    n = len(X)
    # Input row at y = 1: padding zeros (hatched) and the real signal.
    for q in range(-left, n + right):
        real = 0 <= q < n
        _cell(ax, q, 1.0, f"{X[q]:g}" if real else "0", INPUT_COLOR if real else PAD_COLOR,
              hatch=None if real else "///")
    # Output j reads padded inputs j .. j + k − 1, i.e. signal positions j − left .. j − left + k − 1.
    for j, (value, count) in enumerate(zip(z, seen)):
        centre = j - left + (k - 1) / 2
        border = count < k - 0.5
        for m in range(k):
            ax.plot([centre, j - left + m], [0.3, 0.7], color="C1" if border else "0.6", lw=1.0 if border else 0.6,
                    zorder=0)
        _cell(ax, centre, 0.0, f"{value:g}", BORDER_COLOR if border else FULL_COLOR)
    ax.set_xlim(-2.6, n + 1.6)
    ax.set_ylim(-0.6, 1.6)
    ax.set_yticks([0.0, 1.0])
    ax.set_yticklabels(["output", "input\n(zero-padded)"])
    ax.set_xticks(range(n))
    ax.set_xlabel("signal position")
    ax.set_title(f"{mode}: {n} inputs → {len(z)} outputs "
                 f"({int(np.sum(np.asarray(seen) < k - 0.5))} border outputs read fewer than {k} real inputs)",
                 fontsize=10)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)


def figure(mod):
    fig, axes = new_figure(3, 1, width=10.0, height=2.3)
    V = X.reshape(1, 1, -1)
    K = KERNEL.reshape(1, 1, 1, -1)
    for ax, mode in zip(axes[:, 0], MODES):
        ax.set_title(mode)
        with panel(ax):
            z = np.asarray(attempt(ax, mod.conv2d_multi, V, K, 1, mode), dtype=float).reshape(-1)
            seen = np.asarray(attempt(ax, mod.conv2d_multi, np.ones_like(V), np.ones_like(K), 1, mode),
                              dtype=float).reshape(-1)
            _draw(ax, mode, z, seen)
    axes[0, 0].legend(handles=[Patch(facecolor=INPUT_COLOR, edgecolor="0.3", label="signal"),
                               Patch(facecolor=PAD_COLOR, edgecolor="0.3", hatch="///", label="zero padding"),
                               Patch(facecolor=FULL_COLOR, edgecolor="0.3", label="output reads k real inputs"),
                               Patch(facecolor=BORDER_COLOR, edgecolor="0.3", label="border output")],
                      loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    kernel = ", ".join(f"{w:g}" for w in KERNEL)
    fig.suptitle(f"Valid, same and full zero padding: a length-{len(X)} signal, kernel [{kernel}] "
                 f"(k = {len(KERNEL)}, cross-correlation, stride 1)", fontsize=11)
    fig.tight_layout()
    return fig
