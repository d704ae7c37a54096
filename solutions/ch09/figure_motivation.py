"""Figure for 9.2: the edge detector of Fig. 9.6 and the growth of receptive fields (Fig. 9.4).

Top: a small scene drawn in code, its vertical edges from a 2-tap kernel
(``circular_cross_correlate2d`` with K = [[−1, 1]]), and what the same map costs as a convolution,
a dense matrix and a sparse matrix on the book's 280 × 320 image (``edge_detection_costs``).
Bottom: |∂z/∂x| over a 24 × 24 input for one unit in layers 1-4 of a stack of 3 × 3 circular
cross-correlations with strides (1, 2, 1, 1), back-propagated with the student's
``circular_cross_correlate2d``; the box is the receptive field that ``receptive_field`` predicts.
"""
import numpy as np
from matplotlib.colors import PowerNorm
from matplotlib.patches import Rectangle

from autograder.figures import attempt, new_figure, panel

KERNEL = np.full((3, 3), 1.0 / 9.0)  # positive weights: no gradient cancels inside the receptive field
STRIDES = [1, 2, 1, 1]
GRID = 24


def scene(height: int = 72, width: int = 96, supersample: int = 4) -> np.ndarray:
    """A grayscale scene (house, roof, window, door, tree, sun), values in [0, 1], anti-aliased."""
    s = supersample
    y, x = np.mgrid[0:height * s, 0:width * s] / s  # pixel coordinates, row down, column right
    img = 0.78 + 0.12 * (y / height)  # sky, brighter towards the horizon
    img = np.where((x - 80) ** 2 + (y - 13) ** 2 < 7.5 ** 2, 1.0, img)  # sun
    ground = y > 58 + 1.5 * np.sin(x / 9.0)
    img = np.where(ground, 0.32 + 0.06 * np.sin(x / 3.0) * np.cos(y / 2.0), img)  # textured ground
    body = (x > 18) & (x < 52) & (y > 34) & (y < 62)
    img = np.where(body, 0.58, img)
    roof = (y > 16) & (y <= 34) & (np.abs(x - 35) < (y - 16) * 1.05)  # a triangle: slanted edges
    img = np.where(roof, 0.18, img)
    img = np.where((x > 23) & (x < 31) & (y > 44) & (y < 62), 0.08, img)  # door
    window = (x > 37) & (x < 48) & (y > 39) & (y < 50)
    img = np.where(window, 0.95, img)
    img = np.where(window & ((np.abs(x - 42.5) < 0.6) | (np.abs(y - 44.5) < 0.6)), 0.3, img)  # window bars
    img = np.where((x > 69) & (x < 73) & (y > 42) & (y < 62), 0.22, img)  # trunk
    img = np.where((x - 71) ** 2 / 1.3 + (y - 35) ** 2 < 10 ** 2, 0.40, img)  # crown
    return img.reshape(height, s, width, s).mean(axis=(1, 3))


def input_gradient(correlate, layers: int, unit: tuple[int, int]) -> np.ndarray:
    """∂z/∂x for unit z = layer[layers][unit] of the stack, by the adjoint of each layer.

    Layer l: circular cross-correlation with KERNEL, then keep every STRIDES[l]-th row and column.
    The adjoint of the subsampling puts the gradient back on the kept positions (zeros between);
    the adjoint of circular cross-correlation with K is circular cross-correlation with the flipped
    kernel, rolled by (kh − 1, kw − 1).
    """
    sizes = [GRID]
    for s in STRIDES:
        sizes.append(sizes[-1] // s)
    g = np.zeros((sizes[layers], sizes[layers]))
    g[unit] = 1.0
    kh, kw = KERNEL.shape
    for l in range(layers, 0, -1):
        s = STRIDES[l - 1]
        up = np.zeros((sizes[l - 1], sizes[l - 1]))
        up[::s, ::s] = g
        g = np.roll(np.asarray(correlate(up, KERNEL[::-1, ::-1]), dtype=float), (kh - 1, kw - 1), axis=(0, 1))
    return g


def _rf_or_none(mod, layers):
    try:
        return int(mod.receptive_field([3] * layers, STRIDES[:layers]))
    except Exception:  # noqa: BLE001 - a stub or a bug: draw the gradient without the predicted box
        return None


def figure(mod):
    fig, axes = new_figure(2, 4, width=3.8, height=3.9)
    gs = axes[0, 2].get_gridspec()
    for ax in axes[0, 2:]:
        ax.remove()
    ax_cost = fig.add_subplot(gs[0, 2:])
    img = scene()

    ax = axes[0, 0]
    ax.imshow(img, cmap="gray", vmin=0, vmax=1)
    ax.set_title(f"input image, {img.shape[0]}×{img.shape[1]}", fontsize=10)
    ax.set_xlabel("column j")
    ax.set_ylabel("row i")

    ax = axes[0, 1]
    ax.set_title("each pixel minus its left neighbour\n(K = [[−1, 1]], Fig 9.6)", fontsize=10)
    with panel(ax):
        edges = np.asarray(attempt(ax, mod.circular_cross_correlate2d, img, np.array([[-1.0, 1.0]])), dtype=float)
        ax.imshow(edges[:, :-1], cmap="gray", vmin=-0.4, vmax=0.4)  # the last column wraps around: dropped
        ax.set_xlabel("column j")
        ax.set_ylabel("row i")

    ax_cost.set_title("its cost on the book's 280 × 320 image: edge_detection_costs(280, 320)", fontsize=10)
    with panel(ax_cost):
        c = attempt(ax_cost, mod.edge_detection_costs, 280, 320)
        p = c["param_counts"]
        bars = [("dense matrix: flops", c["dense_flops"], "tab:red"),
                ("dense matrix: entries", c["dense_matrix_entries"], "tab:red"),
                ("sparse matrix: nonzeros", c["sparse_nonzeros"], "tab:orange"),
                ("convolution: flops", c["conv_flops"], "tab:green"),
                ("parameters: dense (m·n)", p["dense"], "tab:red"),
                ("parameters: sparse (k·n)", p["sparse"], "tab:orange"),
                ("parameters: convolution (k)", p["conv"], "tab:green")]
        labels, values, colors = zip(*bars)
        y = np.arange(len(bars))[::-1]
        ax_cost.barh(y, [max(float(v), 1.0) for v in values], color=colors, log=True)
        for yi, v in zip(y, values):
            ax_cost.text(max(float(v), 1.0) * 1.4, yi, f"{int(v):,}", va="center", fontsize=9)
        ax_cost.set_yticks(y)
        ax_cost.set_yticklabels(labels, fontsize=9)
        ax_cost.set_xlim(1, 1e13)
        ax_cost.set_xlabel("count (log scale)")
        ratio = float(c["dense_flops"]) / max(float(c["conv_flops"]), 1.0)
        ax_cost.text(0.98, 0.04, f"dense / convolution flops ≈ {ratio:,.0f}", transform=ax_cost.transAxes,
                     ha="right", fontsize=9, bbox=dict(fc="white", ec="0.7"))

    for layers, ax in enumerate(axes[1], start=1):
        rf = _rf_or_none(mod, layers)
        jump = int(np.prod(STRIDES[:layers]))  # unit p of layer `layers` starts at input position p·jump
        span = rf if rf is not None else 1 + 2 * sum(int(np.prod(STRIDES[:l])) for l in range(layers))
        p = max(0, int(round((GRID - span) / 2 / jump)))
        ax.set_title(f"layer {layers}, strides {STRIDES[:layers]}", fontsize=10)
        with panel(ax):
            attempt(ax, mod.circular_cross_correlate2d, np.eye(3), np.ones((1, 1)))  # placeholder if a stub
            g = np.abs(input_gradient(mod.circular_cross_correlate2d, layers, (p, p)))
            ax.imshow(g / max(g.max(), 1e-300), cmap="magma", norm=PowerNorm(0.5, vmin=0, vmax=1))
            nz = np.flatnonzero(g.max(axis=0) > 1e-12)
            measured = int(nz[-1] - nz[0] + 1) if nz.size else 0
            text = f"measured span {measured}"
            if rf is not None:
                start = p * jump - 0.5
                ax.add_patch(Rectangle(
                    (start, start), rf, rf, fill=False, ec="tab:cyan", lw=1.5, ls="--"))
                text = f"receptive_field = {rf}\n" + text
            else:
                text = "receptive_field not implemented\n" + text
            ax.set_xlabel(text, fontsize=9)
            ax.set_xticks([])
            ax.set_yticks([])
    axes[1, 0].set_ylabel("|∂z/∂x| over the 24×24 input\n(square-root colour scale)", fontsize=9)
    fig.suptitle("9.2 Sparse interactions and parameter sharing (Fig 9.6); receptive fields grow with depth "
                 "(Fig 9.4, 3×3 kernels)")
    fig.tight_layout()
    return fig
