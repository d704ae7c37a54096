"""Figure for 7.1.1, after the book's Fig. 7.1: the L2-regularized optimum w̃ is where a contour of
J touches a circle of the penalty; as α grows it slides from w* to 0, shrinking the
low-curvature direction first."""
import numpy as np

from autograder.figures import attempt, new_figure, panel

ANGLE = np.deg2rad(20.0)
R = np.array([[np.cos(ANGLE), -np.sin(ANGLE)], [np.sin(ANGLE), np.cos(ANGLE)]])
LAMS = np.array([0.25, 4.0])  # eigenvalues of H: flat along the first eigenvector, steep along the second
H = R @ np.diag(LAMS) @ R.T
H = 0.5 * (H + H.T)
W_STAR = np.array([2.0, 1.4])
ALPHA_MARK = 1.0


def _fig71(ax, mod):
    alphas = np.logspace(-3, 3, 121)
    path = np.array([np.asarray(attempt(ax, mod.l2_regularized_optimum, H, W_STAR, a)[0], dtype=float)
                     for a in alphas])
    w_mark, _, Q = attempt(ax, mod.l2_regularized_optimum, H, W_STAR, ALPHA_MARK)
    w_mark, Q = np.asarray(w_mark, dtype=float), np.asarray(Q, dtype=float)

    g1, g2 = np.meshgrid(np.linspace(-1.0, 3.6, 300), np.linspace(-1.0, 2.6, 300))
    D = np.stack([g1 - W_STAR[0], g2 - W_STAR[1]], axis=-1)
    J = 0.5 * np.einsum("...i,ij,...j->...", D, H, D)
    j_mark = 0.5 * (w_mark - W_STAR) @ H @ (w_mark - W_STAR)
    ax.contour(g1, g2, J, levels=np.array([0.25, 1.0, 2.0, 4.0, 6.0]) * j_mark, colors="tab:blue",
               linewidths=0.8, alpha=0.6)
    ax.contour(g1, g2, J, levels=[j_mark], colors="tab:blue", linewidths=2.0)
    r = np.linalg.norm(w_mark)
    for rr in (0.4 * r, 0.7 * r, 1.3 * r):
        ax.add_patch(_circle(rr, lw=0.8, alpha=0.6))
    ax.add_patch(_circle(r, lw=2.0, alpha=1.0))
    ax.plot(path[:, 0], path[:, 1], color="k", lw=1.8, label=r"path of $\tilde w(\alpha)$, $\alpha$ from 0 to $\infty$")
    ax.plot(*W_STAR, "o", color="tab:blue", ms=8, label="$w^*$ (α = 0)")
    ax.plot(*w_mark, "o", color="tab:red", ms=8, label=f"$\\tilde w$ at α = {ALPHA_MARK:g}: contours touch")
    ax.plot(0, 0, "ko", ms=5, mfc="white")
    for k, name in ((0, "flat"), (1, "steep")):
        v = Q[:, k] * 0.9
        ax.annotate("", xy=W_STAR + v, xytext=W_STAR,
                    arrowprops=dict(arrowstyle="-|>", color="0.35", lw=1.2))
        ax.text(*(W_STAR + 1.15 * v), f"{name}: λ = {LAMS[k]:g}", fontsize=8, color="0.25", ha="center",
                bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.8))
    ax.plot([], [], color="tab:blue", lw=1.2, label="contours of J (ellipses)")
    ax.plot([], [], color="tab:orange", lw=1.2, label=r"contours of $\frac{1}{2}\alpha\|w\|^2$ (circles)")
    ax.set_aspect("equal")
    ax.set_xlim(-1.0, 3.6)
    ax.set_ylim(-1.0, 2.6)
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    ax.legend(loc="lower right", fontsize=7.5, framealpha=0.95)
    ax.grid(alpha=0.2)


def _circle(r, lw, alpha):
    import matplotlib.patches as mpatches

    return mpatches.Circle((0, 0), r, fill=False, color="tab:orange", lw=lw, alpha=alpha)


def figure(mod):
    fig, axes = new_figure(1, 3, width=5.0, height=5.0)
    left, middle, right = axes[0]

    with panel(left):
        left.set_title("Fig. 7.1: the regularized optimum")
        _fig71(left, mod)
        left.set_title("Fig. 7.1: J's ellipse touches the penalty's circle;\n"
                       "the flat direction is shrunk most")

    with panel(middle):
        middle.set_title("Shrinkage factors")
        alphas = np.logspace(-3, 3, 121)
        F = np.array([np.asarray(attempt(middle, mod.l2_regularized_optimum, H, W_STAR, a)[1], dtype=float)
                      for a in alphas])
        for k, color in ((0, "tab:green"), (1, "tab:purple")):
            middle.semilogx(alphas, F[:, k], color=color, lw=2, label=f"λ = {LAMS[k]:g}: λ/(λ + α)")
            middle.axvline(LAMS[k], color=color, ls=":", lw=1)
        middle.set_xlabel("α (log scale)")
        middle.set_ylabel("factor applied along the eigenvector (eq. 7.13)")
        middle.set_title("Shrinkage along each eigenvector of H:\nhalf at α = λ (dotted)")
        middle.legend(loc="lower left", fontsize=8)
        middle.grid(alpha=0.3, which="both")

    with panel(right):
        right.set_title("Weight decay by gradient descent")
        rng = np.random.default_rng(0)
        X = rng.normal(size=(30, 5)) * np.array([3.0, 1.0, 1.0, 0.5, 0.2])
        y = X @ rng.normal(size=5) + 0.5 * rng.normal(size=30)
        for alpha, color in ((0.1, "tab:blue"), (10.0, "tab:red")):
            w_cf = np.asarray(attempt(right, mod.ridge_closed_form, X, y, alpha), dtype=float)
            eig = np.linalg.eigvalsh(X.T @ X + alpha * np.eye(5))
            lam_max = eig[-1]
            _, losses = attempt(right, mod.ridge_by_gradient_descent, X, y, alpha, 1.0 / lam_max, 400)
            r = X @ w_cf - y
            best = 0.5 * r @ r + 0.5 * alpha * w_cf @ w_cf
            gap = np.asarray(losses, dtype=float) - best
            gap = np.where(gap > 1e-12 * best, gap, np.nan)  # below that, only round-off is left
            right.semilogy(np.arange(len(gap)), gap, color=color, lw=2,
                           label=f"α = {alpha:g}: κ = {lam_max / eig[0]:.0f}")
        right.set_xlabel("step t (lr = 1/λ_max)")
        right.set_ylabel("objective − objective of ridge_closed_form")
        right.set_title("ridge_by_gradient_descent reaches eq. 7.17;\nmore decay, better conditioning, faster")
        right.legend(loc="upper right", fontsize=8)
        right.grid(alpha=0.3, which="both")

    fig.suptitle("7.1.1 L2 regularization: w̃ = Q(Λ + αI)⁻¹ΛQᵀw*")
    fig.tight_layout(rect=(0, 0, 1, 0.96))
    return fig
