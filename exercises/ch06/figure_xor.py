# Generated from solutions/ch06/figure_xor.py by dlbook build. Edit that file instead.
"""Figure for 6.1, like the book's Fig. 6.1: XOR in input space and in the learned h-space."""
import numpy as np

from autograder.figures import attempt, new_figure, panel

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
Y = np.array([0, 1, 1, 0])
BOOK = dict(W=np.ones((2, 2)), c=np.array([0.0, -1.0]), w=np.array([1.0, -2.0]), b=0.0)


def _points(ax, P, title, xlabel, ylabel):
    for label, marker, color in ((0, "o", "tab:blue"), (1, "s", "tab:red")):
        sel = Y == label
        ax.scatter(P[sel, 0], P[sel, 1], s=160, marker=marker, color=color, edgecolor="k", zorder=3,
                   label=f"y = {label}")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)


def figure(mod):
    fig, axes = new_figure(1, 2, width=5.2, height=4.6)
    left, right = axes[0]
    with panel(left):
        w, b, J = attempt(left, mod.fit_linear_model, X, Y.astype(float))
        _points(left, X, f"Original x space: the best linear fit\npredicts {b:.2f} everywhere (J = {J:.2f})",
                "$x_1$", "$x_2$")
        gx, gy = np.meshgrid(np.linspace(-0.3, 1.3, 200), np.linspace(-0.3, 1.3, 200))
        f = np.c_[gx.ravel(), gy.ravel()] @ np.asarray(w, float) + b
        cs = left.contourf(gx, gy, f.reshape(gx.shape), levels=np.linspace(-0.5, 1.5, 21), cmap="coolwarm",
                          alpha=0.45, extend="both")
        fig.colorbar(cs, ax=left, shrink=0.8, label="linear model output")
        left.legend(loc="upper center", fontsize=8)
    with panel(right):
        _, H = attempt(right, mod.relu_net_forward, X, BOOK["W"], BOOK["c"], BOOK["w"], BOOK["b"],
                       return_hidden=True)
        H = np.asarray(H, dtype=float)
        _points(right, H + np.array([[0, 0], [-0.04, 0.04], [0.04, -0.04], [0, 0]]),
                "Learned h space (eq 6.10): (0,1) and (1,0)\nboth map to h = [1, 0]", "$h_1$", "$h_2$")
        h1 = np.linspace(-0.3, 2.4, 50)
        # decision boundary wᵀh + b = 0.5 with w = [1, -2]
        right.plot(h1, (h1 - 0.5) / 2.0, "k--", label="$w^T h + b = 0.5$")
        right.set_xlim(-0.3, 2.4)
        right.set_ylim(-0.4, 1.4)
        right.legend(loc="upper left", fontsize=8)
    fig.suptitle("6.1 XOR: not linearly separable in x, separable in the learned h")
    fig.tight_layout()
    return fig
