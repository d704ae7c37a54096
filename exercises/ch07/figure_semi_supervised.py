# Generated from solutions/ch07/figure_semi_supervised.py by dlbook build. Edit that file instead.
"""Figure for 7.6: two moons with one label per class. A supervised classifier sees only the two
labeled points; harmonic label propagation follows the moons through the unlabeled points. A third
panel shows semi-supervised EM pulling a Gaussian mixture from its two-labels-per-class start to
the clusters."""
import numpy as np

from autograder.figures import attempt, new_figure, panel

SIGMA = 0.15  # width of the similarity graph on the moons
CMAP = "coolwarm"


def two_moons(n, noise, rng):
    """n points per moon (sklearn's make_moons layout), and their classes."""
    t = rng.uniform(0.0, np.pi, size=(2, n))
    upper = np.c_[np.cos(t[0]), np.sin(t[0])]
    lower = np.c_[1.0 - np.cos(t[1]), 0.5 - np.sin(t[1])]
    X = np.vstack([upper, lower]) + noise * rng.normal(size=(2 * n, 2))
    return X, np.repeat([0, 1], n)


def _grid(X, steps=160):
    lo, hi = X.min(axis=0) - 0.4, X.max(axis=0) + 0.4
    gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], steps), np.linspace(lo[1], hi[1], steps))
    return gx, gy, np.c_[gx.ravel(), gy.ravel()]


def _extend(G, X, F, sigma):
    """P(class 1) at new points G: the weighted average of F over the graph (a harmonic extension)."""
    logw = -((G[:, None, :] - X[None, :, :]) ** 2).sum(axis=2) / (2 * sigma ** 2)
    w = np.exp(logw - logw.max(axis=1, keepdims=True))
    return (w @ F[:, 1]) / w.sum(axis=1)


def _moons_panel(ax, X, y, labeled, pred, p_grid, gx, gy, title):
    ax.contourf(gx, gy, p_grid.reshape(gx.shape), levels=np.linspace(0, 1, 11), cmap=CMAP, alpha=0.35)
    ax.contour(gx, gy, p_grid.reshape(gx.shape), levels=[0.5], colors="k", linewidths=1.5)
    colors = np.where(pred == 1, "tab:red", "tab:blue")
    for c, marker in ((0, "o"), (1, "s")):
        sel = (y == c) & ~labeled
        ax.scatter(X[sel, 0], X[sel, 1], s=14, marker=marker, c=colors[sel], edgecolor="0.2", linewidths=0.3,
                   label=f"unlabeled, true class {c}")
    for c, color in ((0, "tab:blue"), (1, "tab:red")):
        sel = (y == c) & labeled
        ax.scatter(X[sel, 0], X[sel, 1], s=260, marker="*", color=color, edgecolor="k", zorder=4,
                   label=f"the one label of class {c}")
    ax.text(0.98, 0.02, "fill colour: predicted class", transform=ax.transAxes, ha="right", va="bottom",
            fontsize=7, color="0.3")
    ax.set_title(title)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="lower left", fontsize=7, framealpha=0.9)


def figure(mod):
    rng = np.random.default_rng(0)
    X, y = two_moons(150, 0.08, rng)
    labeled = np.zeros(len(X), dtype=bool)
    labeled[[np.argmin(X[:150, 0]), 150 + np.argmax(X[150:, 0])]] = True  # the outer tips
    Y_lab = np.eye(2)[y[labeled]]
    gx, gy, G = _grid(X)

    fig, axes = new_figure(1, 3, width=5.0, height=4.6)
    left, middle, right = axes[0]

    left.set_title("Supervised only: one Gaussian per labeled point")
    middle.set_title("Harmonic label propagation")
    right.set_title("Semi-supervised EM")
    with panel(left):
        # Supervised only: a Gaussian per class on its single labeled point (equal priors, shared
        # variance), i.e. the nearest labeled point wins.
        mus, s2 = X[labeled], 0.3
        logp = [np.asarray(attempt(left, mod.gmm_log_likelihood, G, np.array([1.0]), mus[c][None], s2), float)
                for c in (0, 1)]
        p1 = 1.0 / (1.0 + np.exp(np.clip(logp[0] - logp[1], -700, 700)))
        pred = (X @ (mus[1] - mus[0]) > 0.5 * (mus[1] @ mus[1] - mus[0] @ mus[0])).astype(int)
        acc = np.mean(pred == y)
        _moons_panel(left, X, y, labeled, pred, p1, gx, gy,
                     f"Supervised only (2 labels): P(y=1|x) of a Gaussian\nper labeled point, accuracy {acc:.0%}")

    with panel(middle):
        F = np.asarray(attempt(middle, mod.harmonic_label_propagation, X, Y_lab, labeled, SIGMA), float)
        acc = np.mean(F.argmax(axis=1) == y)
        _moons_panel(middle, X, y, labeled, F.argmax(axis=1), _extend(G, X, F, SIGMA), gx, gy,
                     f"Harmonic label propagation, σ = {SIGMA}:\nlabels follow the moons, accuracy {acc:.0%}")

    with panel(right):
        rng = np.random.default_rng(1)
        truth = np.array([[-2.5, 0.0], [2.0, 1.5]])
        # two labels per class, both on the side facing the other class: a biased supervised start
        X_lab = truth[[0, 0, 1, 1]] + np.array([[1.3, 0.9], [1.0, 1.5], [-1.1, -1.4], [-1.6, -0.8]])
        y_lab = np.array([0, 0, 1, 1])
        z = rng.integers(0, 2, 400)
        X_unlab = truth[z] + 0.9 * rng.normal(size=(400, 2))
        start = attempt(right, mod.semi_supervised_em, X_lab, y_lab, X_unlab, 2, 0)
        _, mus, sigma2, _ = attempt(right, mod.semi_supervised_em, X_lab, y_lab, X_unlab, 2, 30)
        right.scatter(X_unlab[:, 0], X_unlab[:, 1], s=8, color="0.6", alpha=0.6, label="unlabeled")
        for c, color in ((0, "tab:blue"), (1, "tab:red")):
            right.scatter(*X_lab[y_lab == c].T, s=70, color=color, edgecolor="k", zorder=3,
                          label=f"labeled, class {c}")
        right.scatter(*np.asarray(start[1], float).T, marker="X", s=160, color="gold", edgecolor="k", zorder=4,
                      label="start: supervised MLE of μ")
        right.scatter(*np.asarray(mus, float).T, marker="*", s=260, color="lime", edgecolor="k", zorder=5,
                      label="after 30 EM iterations")
        right.scatter(*truth.T, marker="+", s=200, color="k", zorder=6, label="true means")
        for a, b in zip(np.asarray(start[1], float), np.asarray(mus, float)):
            right.annotate("", xy=b, xytext=a, arrowprops=dict(arrowstyle="->", color="k", lw=1.2), zorder=3)
        right.set_title(f"semi_supervised_em, 2 labels/class + 400 unlabeled:\n"
                        f"μ moves to the clusters, σ² {float(start[2]):.2f} → {float(sigma2):.2f}")
        right.set_xlabel("$x_1$")
        right.set_ylabel("$x_2$")
        right.legend(loc="upper left", fontsize=7, framealpha=0.9)
        right.set_ylim(-3.5, 6.0)

    fig.suptitle("7.6 Semi-supervised learning: unlabeled data shape the decision through the structure of P(x)")
    fig.tight_layout()
    return fig
