# Generated from solutions/ch06/figure_depth_vs_width.py by dlbook build. Edit that file instead.
"""Figure for 6.4, after the book's Fig. 6.5: depth folds space, so linear pieces grow
exponentially with depth but only linearly with width."""
import numpy as np

from autograder.figures import attempt, new_figure, panel

DEPTHS = (1, 2, 3, 4)
COLORS = ("tab:blue", "tab:orange", "tab:green", "tab:red")
SHIFT = 1.5  # vertical offset between the curves of the left panel
N_GRID = 2 ** 12 + 1  # every kink j/2^d (d <= 10) is a grid point; small enough for 1024 shallow units


def _n_params(net):
    return int(sum(np.size(W) + np.size(b) for W, b in net))


def _as_fn(mod, net):
    # relu_mlp_forward has already run once (through attempt) before this is counted
    return lambda x: np.asarray(mod.relu_mlp_forward(net, x[:, None]), dtype=float)[:, 0]


def figure(mod):
    fig, axes = new_figure(1, 2, width=5.6, height=4.6)
    left, right = axes[0]

    with panel(left):
        x = np.linspace(0.0, 1.0, 2001)
        for d, color in zip(DEPTHS, COLORS):
            net = attempt(left, mod.tent_map_net, d)
            y = attempt(left, mod.relu_mlp_forward, net, x[:, None])
            left.plot(x, np.asarray(y, dtype=float)[:, 0] + SHIFT * (d - 1), color=color, lw=1.6,
                      label=f"depth {d}: {2 ** d} pieces, {_n_params(net)} parameters")
        left.set_title("Outputs of tent_map_net(d): each width-2 layer\nfolds [0, 1] and doubles the pieces (Fig. 6.5)")
        left.set_xlabel("input x")
        left.set_ylabel("$T^d(x)$, each in [0, 1] (dotted lines), stacked by depth")
        left.set_yticks([])
        for k in range(len(DEPTHS)):
            for v in (0.0, 1.0):
                left.axhline(SHIFT * k + v, color="0.6", ls=":", lw=0.8, zorder=0)
        left.set_ylim(-0.1, SHIFT * len(DEPTHS) + 0.9)
        left.legend(loc="upper center", fontsize=7.5, ncol=2, framealpha=0.95)
        left.grid(alpha=0.3, axis="x")

    with panel(right):
        deep_p, deep_n, shallow_p, shallow_n = [], [], [], []
        for d in range(1, 11):
            net = attempt(right, mod.tent_map_net, d)
            deep_p.append(_n_params(net))
            deep_n.append(attempt(right, mod.count_linear_pieces_1d, _as_fn(mod, net), 0.0, 1.0, n_grid=N_GRID))
            knots = np.linspace(0.0, 1.0, 2 ** d + 1)
            values = np.asarray(attempt(right, mod.relu_mlp_forward, net, knots[:, None]), dtype=float)[:, 0]
            shallow = attempt(right, mod.shallow_relu_interpolant, knots, values)
            shallow_p.append(_n_params(shallow))
            shallow_n.append(attempt(right, mod.count_linear_pieces_1d, _as_fn(mod, shallow), 0.0, 1.0,
                                     n_grid=N_GRID))
        right.plot(deep_p, np.log2(deep_n), "o-", color="tab:red", label="deep: tent_map_net(d), width 2")
        right.plot(shallow_p, np.log2(shallow_n), "s-", color="tab:blue",
                   label="shallow: shallow_relu_interpolant,\none hidden layer with the same function")
        right.annotate("d = 1, 2: the two nets\nhave the same size", (deep_p[0], np.log2(deep_n[0])),
                       xytext=(2 ** 4.2, 0.45), fontsize=8, color="0.3",
                       arrowprops=dict(arrowstyle="->", color="0.5", lw=0.8))
        for d in (3, 6, 10):
            right.annotate(f"d = {d}: {2 * d} units", (deep_p[d - 1], np.log2(deep_n[d - 1])),
                           textcoords="offset points", xytext=(-72, 2), fontsize=8, color="tab:red")
            right.annotate(f"{2 ** d} units", (shallow_p[d - 1], np.log2(shallow_n[d - 1])),
                           textcoords="offset points", xytext=(6, -12), fontsize=8, color="tab:blue")
        right.set_xscale("log", base=2)
        right.set_xlim(2 ** 2.5, 2 ** 13)
        right.set_ylim(0, 10.9)
        right.set_title("Same functions, counted with count_linear_pieces_1d:\n"
                        "pieces grow exponentially with depth (eq. 6.42)")
        right.set_xlabel("number of parameters (log scale)")
        right.set_ylabel("$\\log_2$(number of linear pieces on [0, 1])")
        right.legend(loc="lower right", fontsize=8)
        right.grid(alpha=0.3, which="both")

    fig.suptitle("6.4 Depth vs width: a deep width-2 ReLU net folds the line, a shallow net pays one unit per piece")
    fig.tight_layout()
    return fig
