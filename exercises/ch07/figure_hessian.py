# Generated from solutions/ch07/figure_hessian.py by dlbook build. Edit that file instead.
"""Figure for 7.0, after the book's Figs. 4.5 and 4.6: the quadratic ½xᵀHx for three Hessians,
with their eigenvectors, and steepest descent zig-zagging on the ill-conditioned one."""
import numpy as np

from autograder.figures import attempt, new_figure, panel


def _rotation(deg):
    t = np.deg2rad(deg)
    return np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])


def _hessian(lams, deg):
    R = _rotation(deg)
    H = R @ np.diag(lams) @ R.T
    return 0.5 * (H + H.T)


PD = _hessian([1.0, 3.0], 30.0)
INDEFINITE = _hessian([-1.0, 2.0], -20.0)
ILL = _hessian([1.0, 5.0], 35.0)  # κ = 5
GRID = np.linspace(-2.2, 2.2, 241)
COLORS = ("tab:red", "tab:blue")


def _contours(ax, H, levels=None):
    gx, gy = np.meshgrid(GRID, GRID)
    P = np.stack([gx.ravel(), gy.ravel()], axis=1)
    f = 0.5 * np.einsum("ij,jk,ik->i", P, H, P).reshape(gx.shape)
    if levels is None:
        levels = np.linspace(f.min(), f.max(), 16)
    cs = ax.contour(gx, gy, f, levels=levels, cmap="viridis", linewidths=1.0)
    ax.set_xlim(GRID[0], GRID[-1])
    ax.set_ylim(GRID[0], GRID[-1])
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.grid(alpha=0.2)
    return cs


def _eigen_arrows(ax, info):
    lams = np.asarray(info["eigvals"], dtype=float)
    V = np.asarray(info["eigvecs"], dtype=float)
    for k, color in zip(range(len(lams)), COLORS):
        v = V[:, k] * 1.4
        ax.annotate("", xy=(v[0], v[1]), xytext=(0, 0),
                    arrowprops=dict(arrowstyle="-|>", color=color, lw=2.2, mutation_scale=16))
        ax.plot([], [], color=color, lw=2.2, label=f"eigenvector $v_{k + 1}$, $\\lambda_{k + 1}$ = {lams[k]:.3g}")
    ax.plot(0, 0, "k*", ms=10, label="critical point x = 0")


def figure(mod):
    fig, axes = new_figure(1, 3, width=4.8, height=5.6)
    left, middle, right = axes[0]

    with panel(left):
        left.set_title("Positive definite")
        f = lambda x: float(0.5 * x @ PD @ x)  # noqa: E731
        H = np.asarray(attempt(left, mod.numerical_hessian, f, np.array([0.3, -0.2])), dtype=float)
        info = attempt(left, mod.analyze_hessian, H)
        _contours(left, H, levels=np.linspace(0.05, 6.0, 14) ** 1.0)
        _eigen_arrows(left, info)
        err = np.max(np.abs(H - PD))
        left.set_title(f"H from numerical_hessian (max error {err:.0e}):\n"
                       f"{info['kind'].replace('_', ' ')} → {info['critical_point'].replace('_', ' ')}")
        left.legend(loc="lower left", fontsize=7.5, framealpha=0.95)

    with panel(middle):
        middle.set_title("Indefinite")
        info = attempt(middle, mod.analyze_hessian, INDEFINITE)
        _contours(middle, INDEFINITE, levels=np.linspace(-3.0, 3.0, 25))
        _eigen_arrows(middle, info)
        middle.set_title(f"Eigenvalues of both signs (Fig. 4.5):\n"
                         f"{info['kind']} → {info['critical_point']}")
        middle.legend(loc="lower left", fontsize=7.5, framealpha=0.95)

    with panel(right):
        right.set_title("Ill-conditioned")
        info = attempt(right, mod.analyze_hessian, ILL)
        _contours(right, ILL, levels=np.linspace(0.02, 8.0, 16) ** 1.0)
        _eigen_arrows(right, info)
        # The worst start for steepest descent: equal parts along both eigenvectors, scaled by 1/λ.
        x = _rotation(35.0) @ np.array([-1.9, 0.38])
        path = [x]
        for _ in range(20):
            g = ILL @ x
            eps, _ = attempt(right, mod.optimal_step_size, g, ILL)
            if not np.isfinite(eps) or eps == 0:
                break
            x = x - eps * g
            path.append(x)
        path = np.array(path)
        right.plot(path[:, 0], path[:, 1], "o-", color="tab:orange", ms=3.5, lw=1.4,
                   label="steepest descent, step ε* (eq. 4.10)")
        right.set_title(f"Condition number κ = {info['condition_number']:.3g} (eq. 4.2):\n"
                        "each exact step is orthogonal to the last")
        right.legend(loc="lower left", fontsize=7.5, framealpha=0.95)

    fig.suptitle("7.0 Contours of ½xᵀHx: the eigenvectors of H are the axes of curvature, "
                 "the eigenvalues their strength")
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    return fig
