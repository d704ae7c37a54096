"""Figure for 9.1: cross-correlation versus true convolution on an image, and the convolution matrix.

Top row: a small scene drawn in code, a Sobel edge-detecting kernel, its cross-correlation
(``cross_correlate2d``, what CNN libraries compute) and its true convolution (``conv2d_true``): the
flipped kernel reports every vertical edge with the opposite sign.
Bottom left: Fig. 9.1's setting (a 3×4 input a…l, a 2×2 kernel w x / y z) as the matrix of
``conv_matrix``: sparse, every row the same four weights, shifted.
Bottom right: one image row through the house and both feature maps along it.
"""
import numpy as np

from autograder.figures import attempt, new_figure, panel, placeholder

SOBEL_X = np.array([[-1.0, 0.0, 1.0],
                    [-2.0, 0.0, 2.0],
                    [-1.0, 0.0, 1.0]])  # right minus left, under cross-correlation
PROFILE_ROW = 46  # an image row through the house, its door and window, and the tree


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


def _annotate(ax, values, fmt="{:g}", fontsize=11):
    for (r, c), v in np.ndenumerate(values):
        ax.text(c, r, fmt.format(v), ha="center", va="center", fontsize=fontsize,
                color="white" if abs(v) > 1.2 else "black")


def figure(mod):
    fig, axes = new_figure(2, 4, width=4.2, height=3.7)
    gs = axes[1, 0].get_gridspec()
    for ax in axes[1]:
        ax.remove()
    ax_mat, ax_prof = fig.add_subplot(gs[1, :2]), fig.add_subplot(gs[1, 2:])
    img = scene()

    ax = axes[0, 0]
    ax.imshow(img, cmap="gray", vmin=0, vmax=1)
    ax.axhline(PROFILE_ROW, color="tab:orange", lw=1, ls="--")
    ax.set_title(f"input image I, {img.shape[0]}×{img.shape[1]}\n(dashed: the row plotted below)", fontsize=10)
    ax.set_xlabel("column j")
    ax.set_ylabel("row i")

    ax = axes[0, 1]
    ax.imshow(SOBEL_X, cmap="RdBu_r", vmin=-2.5, vmax=2.5)
    _annotate(ax, SOBEL_X, fontsize=14)
    ax.set_title("kernel K: Sobel edge detector\n(not symmetric left-right)", fontsize=10)
    ax.set_xticks(range(3))
    ax.set_yticks(range(3))
    ax.set_xlabel("kernel column n")
    ax.set_ylabel("kernel row m")

    maps = {}
    lim = 3.0
    for ax, key, fn, title in ((axes[0, 2], "cross-correlation", mod.cross_correlate2d,
                                "cross_correlate2d(I, K), eq 9.6\nno flip: dark→bright edges > 0"),
                               (axes[0, 3], "true convolution", mod.conv2d_true,
                                "conv2d_true(I, K), eq 9.4\nK flipped: the same edges < 0")):
        ax.set_title(title, fontsize=10)
        with panel(ax):
            S = np.asarray(attempt(ax, fn, img, SOBEL_X), dtype=float)
            im = ax.imshow(S, cmap="RdBu_r", vmin=-lim, vmax=lim)
            maps[key] = S
            ax.set_xlabel("column j")
            ax.set_ylabel("row i")
            fig.colorbar(im, ax=ax, orientation="horizontal", shrink=0.8, fraction=0.05, pad=0.2,
                         label="response")

    ax_mat.set_title("conv_matrix for Fig 9.1: input 3×4 (a…l), kernel [[w, x], [y, z]]")
    with panel(ax_mat):
        M = np.asarray(attempt(ax_mat, mod.conv_matrix, np.array([[1.0, 2.0], [3.0, 4.0]]), (3, 4)), dtype=float)
        ax_mat.imshow(M != 0, cmap="Blues", vmin=0, vmax=1.6, aspect="auto")
        letters = {1.0: "w", 2.0: "x", 3.0: "y", 4.0: "z"}
        for (r, c), v in np.ndenumerate(M):
            if v != 0:
                ax_mat.text(c, r, letters.get(float(v), f"{v:g}"), ha="center", va="center", fontsize=11)
        ax_mat.set_xticks(range(M.shape[1]))
        ax_mat.set_xticklabels(list("abcdefghijkl")[:M.shape[1]])
        ax_mat.set_yticks(range(M.shape[0]))
        ax_mat.set_yticklabels([f"S[{r // 3},{r % 3}]" for r in range(M.shape[0])])
        ax_mat.set_xlabel("input pixel (flattened row-major)")
        ax_mat.set_ylabel("output pixel")
        ax_mat.text(1.01, 0.5, f"{np.count_nonzero(M)} of {M.size} entries nonzero\n"
                    f"{len(np.unique(M[M != 0]))} distinct values", transform=ax_mat.transAxes, fontsize=9,
                    va="center")

    ax_prof.set_title(f"along image row {PROFILE_ROW} (dashed line)")
    if not maps:
        placeholder(ax_prof, "needs cross_correlate2d or conv2d_true")
    else:
        with panel(ax_prof):
            cols = np.arange(img.shape[1])
            ax_prof.plot(cols, 3 * img[PROFILE_ROW], color="0.4", lw=2, label="input I (×3)")
            colors = {"cross-correlation": "tab:red", "true convolution": "tab:blue"}
            for key, S in maps.items():
                # the valid output (i, j) is centred on input pixel (i + 1, j + 1)
                ax_prof.plot(cols[1:-1], S[PROFILE_ROW - 1], color=colors[key], lw=1.4, label=key)
            ax_prof.axhline(0, color="k", lw=0.6)
            ax_prof.set_xlabel("column j")
            ax_prof.set_ylabel("value")
            ax_prof.legend(fontsize=8, loc="lower right")
    fig.suptitle("9.1 Convolution: what libraries call 'convolution' is cross-correlation; the kernel flip "
                 "reverses every edge's sign")
    fig.tight_layout()
    return fig
