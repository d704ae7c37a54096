# Generated from solutions/ch07/figure_l1_regularization.py by dlbook build. Edit that file instead.
"""Figure for 7.1.2: the L1 soft threshold next to L2's rescaling (eq. 7.23 against eq. 7.13 with
H = 1), the Laplace prior behind L1 (eq. 7.24), and the lasso regularization path from ISTA."""
import numpy as np

from autograder.figures import attempt, new_figure, panel

ALPHA = 1.0


def _lasso_data():
    rng = np.random.default_rng(0)
    m, n = 60, 6
    X = rng.normal(size=(m, n))
    X[:, 1] = 0.7 * X[:, 0] + 0.3 * X[:, 1]  # two correlated features
    w_true = np.array([1.5, 0.0, -2.0, 0.0, 0.6, 0.0])
    y = X @ w_true + 0.5 * rng.normal(size=m)
    return X, y


def figure(mod):
    fig, axes = new_figure(1, 3, width=5.0, height=4.8)
    left, middle, right = axes[0]

    with panel(left):
        left.set_title("L1 against L2, one weight")
        w_star = np.linspace(-3.0, 3.0, 601)
        w_l1 = np.asarray(attempt(left, mod.soft_threshold, w_star, ALPHA / 1.0), dtype=float)
        w_h4 = np.asarray(attempt(left, mod.l1_quadratic_solution, w_star, np.full_like(w_star, 4.0), ALPHA),
                          dtype=float)
        left.plot(w_star, w_star, color="0.6", ls=":", lw=1.2, label="no penalty: w = w*")
        left.plot(w_star, w_star / (1.0 + ALPHA), color="tab:blue", lw=2.2,
                  label="L2, H = 1: w = w*·H/(H + α) (eq. 7.13)")
        left.plot(w_star, w_l1, color="tab:red", lw=2.2, label="L1, H = 1: soft_threshold(w*, α/H)")
        left.plot(w_star, w_h4, color="tab:red", ls="--", lw=1.4,
                  label="L1, H = 4: l1_quadratic_solution (eq. 7.23)")
        left.axvspan(-ALPHA, ALPHA, color="tab:red", alpha=0.08, label="|w*| <= α/H (H = 1): exactly 0")
        left.set_xlabel("unregularized optimum $w^*$")
        left.set_ylabel("regularized optimum $w$")
        left.set_title(f"One coordinate, α = {ALPHA:g}: L2 rescales,\nL1 shifts by α/H and stops at 0")
        left.legend(loc="lower right", fontsize=7)
        left.grid(alpha=0.3)
        left.set_aspect("equal")

    with panel(middle):
        middle.set_title("Priors")
        w = np.linspace(-4.0, 4.0, 801)
        log_p = np.array([attempt(middle, mod.laplace_log_prior, np.array([v]), ALPHA) for v in w], dtype=float)
        var = 2.0 / ALPHA ** 2  # the Gaussian with the same variance as Laplace(0, 1/α)
        gauss = np.exp(-0.5 * w ** 2 / var) / np.sqrt(2 * np.pi * var)
        middle.plot(w, np.exp(log_p), color="tab:red", lw=2.2, label=f"Laplace(0, 1/α), α = {ALPHA:g} (eq. 7.24)")
        middle.plot(w, gauss, color="tab:blue", lw=2.2, label="Gaussian with the same variance (L2)")
        middle.set_xlabel("weight $w_i$")
        middle.set_ylabel("prior density $p(w_i)$")
        middle.set_title("exp(laplace_log_prior): a sharp peak at 0\nand heavier tails than the Gaussian")
        middle.legend(loc="upper right", fontsize=7.5)
        middle.grid(alpha=0.3)

    with panel(right):
        right.set_title("Lasso path")
        X, y = _lasso_data()
        alphas = np.logspace(-3, 0.5, 24)
        path = np.array([np.asarray(attempt(right, mod.ista_lasso, X, y, a, 1500), dtype=float) for a in alphas])
        colors = ("tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple", "tab:brown")
        for j in range(path.shape[1]):
            right.semilogx(alphas, path[:, j], "-", color=colors[j % len(colors)], lw=1.8, label=f"$w_{j + 1}$")
        nonzero = (path != 0).sum(axis=1)
        for a, k in list(zip(alphas, nonzero))[1::4]:
            right.annotate(f"{k} ≠ 0", (a, 1.0), xycoords=("data", "axes fraction"), xytext=(0, -12),
                           textcoords="offset points", ha="center", fontsize=8, color="0.3")
        right.axhline(0, color="k", lw=0.8)
        right.set_ylim(path.min() - 0.2, path.max() + 0.45)  # room for the counts at the top
        right.set_xlabel("α (log scale)")
        right.set_ylabel("lasso coefficient from ista_lasso")
        right.set_title("Regularization path: the weights hit\nexactly 0 one by one as α grows")
        right.legend(loc="lower right", fontsize=7.5, ncol=2)
        right.grid(alpha=0.3, which="both")

    fig.suptitle("7.1.2 L1 regularization: soft thresholding makes solutions sparse")
    fig.tight_layout(rect=(0, 0, 1, 0.96))
    return fig
