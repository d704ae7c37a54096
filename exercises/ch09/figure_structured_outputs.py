# Generated from solutions/ch09/figure_structured_outputs.py by dlbook build. Edit that file instead.
"""Figure for 9.6: the recurrent convolutional labeler of Fig. 9.17 cleaning up a noisy label map.

A toy scene has three regions (background, a disc, a rectangle). The input X has one channel per
class: the one-hot ground truth plus Gaussian noise, so the per-pixel argmax of X is wrong at
about a third of the pixels. The kernels are set by hand: U copies X to the hidden units, V scales
them into class scores, and W adds the average of the previous estimate Ŷ(t−1) over a 5×5
neighbourhood, a vote of the neighbours. The panels show the argmax of Ŷ(t) for t = 1..4 (from
the module's ``recurrent_conv_labeler``), with the number of 4-connected regions found by
``label_connected_regions``, and the cross-entropy against the truth from
``pixelwise_cross_entropy``. The few specks left over sit at the border, where the zero padding
of the 'same' convolution leaves fewer neighbours to vote.
"""
from __future__ import annotations

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from autograder.figures import attempt, new_figure, panel, placeholder

H, W_IMG, K = 28, 36, 5
N_STEPS = 6
SHOWN = 4
CMAP = ListedColormap(["#f2efe6", "#3b7dd8", "#e0782f"])
CLASSES = ["background", "disc", "rectangle"]


def scene():
    yy, xx = np.mgrid[:H, :W_IMG]
    truth = np.zeros((H, W_IMG), dtype=int)
    truth[(yy - 13) ** 2 + (xx - 11) ** 2 < 8 ** 2] = 1
    truth[(yy >= 6) & (yy < 22) & (xx >= 22) & (xx < 32)] = 2
    X = np.eye(3)[truth].transpose(2, 0, 1) + 1.0 * np.random.default_rng(0).normal(size=(3, H, W_IMG))
    return truth, X


def kernels():
    delta = np.zeros((K, K))
    delta[K // 2, K // 2] = 1.0
    U, W, V = (np.zeros((3, 3, K, K)) for _ in range(3))
    for c in range(3):
        U[c, c] = delta                      # hidden unit c sees the evidence for class c
        W[c, c] = 6.0 * np.ones((K, K)) / K ** 2  # ... plus the neighbours' vote for class c
        V[c, c] = 4.0 * delta                # class score = 4 · hidden unit
    return U, W, V


def _show(ax, labels, title):
    ax.imshow(labels, cmap=CMAP, vmin=-0.5, vmax=2.5, interpolation="nearest")
    ax.set_title(title, fontsize=9)
    ax.set_xlabel("column")
    ax.set_ylabel("row")


def _region_count(mod, labels):
    try:
        return f"{int(mod.label_connected_regions(labels)[1])} regions"
    except Exception:  # noqa: BLE001 - the image is still worth showing
        return "regions: not implemented yet"


def figure(mod):
    truth, X = scene()
    U, W, V = kernels()
    fig, axes = new_figure(2, 4, width=3.4, height=3.5)
    step_axes = [axes[0, 2], axes[0, 3], axes[1, 0], axes[1, 1]]

    _show(axes[0, 0], truth, "ground truth (3 regions)")
    noisy = X.argmax(axis=0)
    _show(axes[0, 1], noisy, f"noisy input: argmax of X\n{100 * np.mean(noisy != truth):.1f}% of pixels wrong")

    Y = None
    step_axes[0].set_title("Ŷ(1)")
    with panel(step_axes[0]):
        Y = np.asarray(attempt(step_axes[0], mod.recurrent_conv_labeler, X, U, W, V, N_STEPS), dtype=float)
    steps = np.arange(1, N_STEPS + 1)
    for t, ax in enumerate(step_axes, start=1):
        ax.set_title(f"Ŷ({t})")
        if Y is None:
            if t > 1:
                placeholder(ax, "recurrent_conv_labeler is not implemented yet")
            continue
        with panel(ax):
            guess = Y[t - 1].argmax(axis=0)
            _show(ax, guess, f"argmax of Ŷ({t}): {100 * np.mean(guess != truth):.1f}% wrong,\n"
                             f"{_region_count(mod, guess)}")

    ax = axes[1, 2]
    ax.set_title("cross-entropy and pixel error", fontsize=9)
    with panel(ax):
        if Y is None:
            attempt(ax, mod.recurrent_conv_labeler, X, U, W, V, N_STEPS)
        ce = [attempt(ax, mod.pixelwise_cross_entropy, np.log(np.maximum(Y[t], 1e-300)), truth)[0]
              for t in range(N_STEPS)]
        err = [np.mean(Y[t].argmax(axis=0) != truth) for t in range(N_STEPS)]
        ax.plot(steps, ce, "o-", color="C0", label="mean cross-entropy of Ŷ(t) (nats)")
        ax.plot(steps, err, "s-", color="C3", label="fraction of pixels wrong")
        ax.axhline(np.mean(noisy != truth), color="C3", ls=":", lw=1, label="argmax of the input X")
        ax.set_xlabel("refinement step t")
        ax.set_ylabel("value")
        ax.set_ylim(bottom=0)
        ax.legend(fontsize=7)
        ax.grid(alpha=0.3)

    ax = axes[1, 3]
    ax.set_title("regions in the label map", fontsize=9)
    with panel(ax):
        counts = [attempt(ax, mod.label_connected_regions, noisy)[1]]
        if Y is None:
            attempt(ax, mod.recurrent_conv_labeler, X, U, W, V, N_STEPS)
        counts += [attempt(ax, mod.label_connected_regions, Y[t].argmax(axis=0))[1] for t in range(N_STEPS)]
        ax.semilogy(np.arange(N_STEPS + 1), counts, "o-", color="C2", label="4-connected regions of argmax")
        ax.axhline(3, color="0.3", ls="--", lw=1, label="ground truth: 3")
        ax.set_xticks(np.arange(N_STEPS + 1), ["X"] + [str(t) for t in steps])
        ax.set_xlabel("input X, then refinement step t")
        ax.set_ylabel("number of regions")
        ax.legend(fontsize=7)
        ax.grid(alpha=0.3, which="both")

    fig.suptitle("Fig. 9.17: a recurrent convolutional network refines its label map, with the same "
                 f"{K}×{K} kernels U, W, V at every step", fontsize=11)
    fig.legend(handles=[Patch(facecolor=CMAP(c), edgecolor="0.4", label=name) for c, name in enumerate(CLASSES)],
               loc="upper center", bbox_to_anchor=(0.5, 0.955), ncol=3, fontsize=9, frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 0.92))
    return fig
