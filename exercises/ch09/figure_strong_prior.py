# Generated from solutions/ch09/figure_strong_prior.py by dlbook build. Edit that file instead.
"""Figure for 9.4: a fully connected layer and its projection onto the convolution matrices.

Targets are made by a 1-D convolution (kernel of length 5) of spatially smooth signals, plus noise.
(a) The fully connected weights W (20 × 24) fitted by least squares: the band is visible, but
    every entry is free and noisy.
(b) Its projection onto the support of the infinitely strong prior,
    ``conv_as_dense(project_onto_conv(W, 5), 24)``: banded and identical along each diagonal.
(c) The projected kernel (diagonal means) against the true kernel, with the entries of each
    diagonal of W that it averages.
(d) Training MSEs from ``permutation_experiment`` before and after a random permutation of the
    input positions: the fully connected layer does not notice, the convolution does.
"""
import numpy as np

from autograder.figures import attempt, new_figure, panel

N_IN, K, N = 24, 5, 70
TRUE_KERNEL = np.array([0.4, 1.0, -0.2, -0.8, 0.3])


def _data():
    rng = np.random.default_rng(0)
    z = rng.normal(size=(N, N_IN + 8))
    blur = np.exp(-0.5 * (np.arange(-4, 5) / 1.5) ** 2)
    X = np.array([np.convolve(row, blur, "valid") for row in z]) + 0.4 * rng.normal(size=(N, N_IN))
    Y = np.array([np.correlate(row, TRUE_KERNEL, "valid") for row in X]) + 0.3 * rng.normal(size=(N, N_IN - K + 1))
    return X, Y, rng.permutation(N_IN)


def _heatmap(ax, fig, W, vmax):
    im = ax.imshow(W, cmap="RdBu_r", vmin=-vmax, vmax=vmax, aspect="equal")
    ax.set_xticks(range(0, W.shape[1], 5))
    ax.set_yticks(range(0, W.shape[0], 5))
    ax.set_xlabel("input position")
    ax.set_ylabel("output unit")
    fig.colorbar(im, ax=ax, shrink=0.8, label="weight")


def figure(mod):
    X, Y, perm = _data()
    W_fc = np.linalg.lstsq(X, Y, rcond=None)[0].T  # (n_in − k + 1, n_in): y = W x
    vmax = float(np.abs(W_fc).max())
    fig, axes = new_figure(2, 2, width=6.0, height=4.4)
    (ax_a, ax_b), (ax_c, ax_d) = axes

    _heatmap(ax_a, fig, W_fc, vmax)
    ax_a.set_title("(a) fully connected W, least squares (every entry free)", fontsize=10)

    with panel(ax_b):
        w = np.asarray(attempt(ax_b, mod.project_onto_conv, W_fc, K), dtype=float)
        W_conv = np.asarray(attempt(ax_b, mod.conv_as_dense, w, N_IN), dtype=float)
        _heatmap(ax_b, fig, W_conv, vmax)
    ax_b.set_title("(b) its projection onto the convolution matrices", fontsize=10)

    with panel(ax_c):
        w = np.asarray(attempt(ax_c, mod.project_onto_conv, W_fc, K), dtype=float).ravel()
        rows = np.arange(N_IN - K + 1)
        for j in range(K):
            diag = W_fc[rows, rows + j]
            ax_c.plot(np.full(diag.size, j) + np.linspace(-0.2, 0.2, diag.size), diag, ".", color="0.6", ms=4,
                      label="entries W[i, i + j] of diagonal j" if j == 0 else None)
        ax_c.plot(np.arange(K), TRUE_KERNEL, "s", mfc="none", mec="k", ms=11, mew=1.5, label="true kernel")
        ax_c.plot(np.arange(w.size), w, "D", color="tab:red", ms=7, label="project_onto_conv (diagonal means)")
        ax_c.axhline(0, color="0.8", lw=0.8, zorder=0)
        ax_c.set_xticks(range(K))
        ax_c.set_xlabel("kernel tap j")
        ax_c.set_ylabel("weight")
        ax_c.grid(alpha=0.25)
        ax_c.legend(fontsize=8, loc="lower left")
    ax_c.set_title("(c) the projected kernel averages each diagonal", fontsize=10)

    with panel(ax_d):
        res = attempt(ax_d, mod.permutation_experiment, X, Y, perm, K)
        keys = ["fc", "fc_perm", "conv", "conv_perm"]
        values = [float(res[key]) for key in keys]
        colors = ["tab:blue", "tab:blue", "tab:orange", "tab:orange"]
        bars = ax_d.bar(range(4), values, color=colors, edgecolor="k", hatch=["", "//", "", "//"])
        for bar, v in zip(bars, values):
            ax_d.text(bar.get_x() + bar.get_width() / 2, v, f"{v:.3f}", ha="center", va="bottom", fontsize=9)
        ax_d.set_xticks(range(4), ["fully connected", "fully connected,\npermuted", "convolution",
                                   "convolution,\npermuted"], fontsize=9)
        ax_d.set_ylabel("training MSE")
        ax_d.set_ylim(0, max(values) * 1.15 + 1e-12)
        ax_d.text(0.02, 0.97, f"{N} signals, n_in = {N_IN}, k = {K}\nparameters: FC {N_IN * (N_IN - K + 1)}, "
                              f"conv {K}", transform=ax_d.transAxes, va="top", fontsize=9)
    ax_d.set_title("(d) permutation_experiment: the prior needs the topology", fontsize=10)

    fig.suptitle("9.4 Convolution as a fully connected layer with an infinitely strong prior", fontsize=12)
    fig.tight_layout(rect=(0, 0, 1, 0.96))
    return fig
