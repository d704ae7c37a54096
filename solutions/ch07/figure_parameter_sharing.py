"""Figure for 7.9: parameter sharing seen as a constrained dense layer.

(a) The dense matrix T of a valid 1-D convolution (``conv1d_as_dense``): every diagonal repeats
    one of the K kernel weights, and everything off the band is fixed at 0.
(b) An unconstrained dense layer of the same shape: every entry is its own parameter.
(c) The gradient of the shared kernel (``conv1d_backward``) is the sum of the dense layer's
    gradient doutᵀx along each tied diagonal: each weight collects all of its uses.
"""
import numpy as np

from autograder.figures import attempt, new_figure, panel

L = 20
KERNEL = np.array([1.0, -0.6, 1.8, 0.5, -1.4])


def _heatmap(fig, ax, M, title, vmax):
    im = ax.imshow(M, cmap="RdBu_r", vmin=-vmax, vmax=vmax, interpolation="nearest")
    ax.set_title(title)
    ax.set_xticks(range(0, M.shape[1], 5))
    ax.set_yticks(range(0, M.shape[0], 3))
    ax.set_xlabel("input position j")
    ax.set_ylabel("output position i")
    fig.colorbar(im, ax=ax, shrink=0.75, label="weight")


def figure(mod):
    fig, axes = new_figure(1, 3, width=4.9, height=4.3)
    ax_conv, ax_dense, ax_grad = axes[0]
    K = KERNEL.size
    M = L - K + 1
    vmax = float(np.abs(KERNEL).max())

    with panel(ax_conv):
        ax_conv.set_title("(a) Convolution as a dense matrix")
        T = np.asarray(attempt(ax_conv, mod.conv1d_as_dense, KERNEL, L), dtype=float)
        _heatmap(fig, ax_conv, T, f"(a) Convolution as a dense matrix\n{T.shape[0]}×{T.shape[1]}, "
                                  f"only K = {K} distinct parameters", vmax)

    with panel(ax_dense):
        rng = np.random.default_rng(0)
        W = rng.normal(scale=0.8, size=(M, L))
        _heatmap(fig, ax_dense, W, f"(b) Unconstrained dense layer\n{M}×{L} = {M * L} parameters", vmax)

    with panel(ax_grad):
        ax_grad.set_title("(c) Gradient of a shared weight")
        rng = np.random.default_rng(1)
        x, dout = rng.normal(size=(3, L)), rng.normal(size=(3, M))
        _, dw, _ = attempt(ax_grad, mod.conv1d_backward, x, KERNEL, dout)
        G = dout.T @ x  # the gradient of an unshared dense layer y = x @ Wᵀ
        diag_sums = [np.trace(G, offset=k) for k in range(K)]
        first_use = [G[0, k] for k in range(K)]
        ks = np.arange(K)
        ax_grad.bar(ks - 0.2, np.asarray(dw, dtype=float), width=0.4, color="tab:blue",
                    label="dw[k] from conv1d_backward")
        ax_grad.plot(ks - 0.2, diag_sums, "k_", ms=22, mew=2.5, label="Σ of dense gradient on diagonal k")
        ax_grad.bar(ks + 0.2, first_use, width=0.4, color="0.7", label="first use only (not the gradient)")
        ax_grad.axhline(0, color="k", lw=0.8)
        ax_grad.set_xticks(ks)
        ax_grad.set_xlabel("kernel tap k")
        ax_grad.set_ylabel(r"$\partial J / \partial w_k$")
        ax_grad.set_title(f"(c) Gradient of a shared weight\nsums {M} positions × 3 examples")
        lo, hi = min(np.min(dw), min(first_use), 0.0), max(np.max(dw), max(first_use), 0.0)
        ax_grad.set_ylim(lo - 0.1 * (hi - lo), hi + 0.5 * (hi - lo))
        ax_grad.legend(loc="upper center", fontsize=8)
        ax_grad.grid(alpha=0.3, axis="y")

    fig.suptitle("7.9 Parameter sharing: a convolution is a dense layer with tied diagonals")
    fig.tight_layout()
    return fig
