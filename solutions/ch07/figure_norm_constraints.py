"""Figure for 7.2: a norm constraint on a least-squares problem, and the max-norm constraint per unit.

Left: contours of ½‖Ax − b‖² with the unit disk, the unconstrained minimum outside it, the
constrained optimum on the circle (``constrained_least_squares``) and a projected-gradient
trajectory (``projected_gradient_descent``, one step at a time). Right: column norms of a weight
matrix before and after ``max_norm_columns``.
"""
from __future__ import annotations

import numpy as np

from autograder.figures import attempt, new_figure, panel

A = np.array([[1.5, 0.0], [0.6, 0.5]])
X_LS = np.array([1.6, 1.2])
B = A @ X_LS
RADIUS = 1.0
W0 = np.array([-0.7, -0.55])
STEPS = 40
C = 1.0


def grad(x):
    return A.T @ (A @ np.asarray(x, dtype=float) - B)


def figure(mod):
    fig, axes = new_figure(1, 2, width=5.4, height=5.0)
    left, right = axes[0]
    with panel(left):
        left.set_title("Constrained least squares: min ½‖Ax − b‖² s.t. ‖x‖ ≤ 1")
        g1, g2 = np.meshgrid(np.linspace(-1.6, 2.4, 240), np.linspace(-1.6, 2.0, 220))
        P = np.stack([g1.ravel(), g2.ravel()], axis=1)
        J = 0.5 * np.sum((P @ A.T - B) ** 2, axis=1).reshape(g1.shape)
        left.contour(g1, g2, J, levels=np.geomspace(0.02, 12, 14), cmap="viridis", linewidths=0.9)
        t = np.linspace(0, 2 * np.pi, 300)
        left.fill(RADIUS * np.cos(t), RADIUS * np.sin(t), color="tab:blue", alpha=0.08)
        left.plot(RADIUS * np.cos(t), RADIUS * np.sin(t), color="tab:blue", lw=1.5, label="‖x‖ = 1")
        left.plot(*X_LS, "k*", ms=14, label="unconstrained minimum A⁻¹b")
        left.set_aspect("equal")
        left.set_xlabel("$x_1$")
        left.set_ylabel("$x_2$")
        left.set_xlim(-1.6, 2.4)
        left.set_ylim(-1.6, 2.0)
        left.grid(alpha=0.3)
        x_star, lam = attempt(left, mod.constrained_least_squares, A, B, RADIUS)
        x_star = np.asarray(x_star, dtype=float)
        left.plot(*x_star, "o", color="tab:red", ms=10, mec="k", zorder=5,
                  label=f"constrained optimum (λ* = {float(lam):.3f})")
        # the level set of J through x* touches the circle there ...
        J_star = 0.5 * np.sum((A @ x_star - B) ** 2)
        left.contour(g1, g2, J, levels=[J_star], colors="tab:red", linestyles="--", linewidths=1.2)
        # ... and stationarity says −∇J(x*) = 2λ*x*, an outward normal of the circle
        g = -grad(x_star)
        tip = x_star + 0.45 * g / max(np.linalg.norm(g), 1e-12)
        left.annotate("", xy=tip, xytext=x_star, arrowprops=dict(arrowstyle="->", color="tab:red", lw=1.5))
        left.text(*(tip + np.array([0.03, 0.03])), "−∇J(x*) = 2λ*x*", color="tab:red", fontsize=8,
                  bbox=dict(facecolor="white", edgecolor="none", alpha=0.8, pad=1))
        lr = 0.35 / np.linalg.norm(A, 2) ** 2
        path = [W0]
        for _ in range(STEPS):
            path.append(np.asarray(attempt(left, mod.projected_gradient_descent, grad, path[-1], RADIUS, lr, 1),
                                   dtype=float))
        path = np.array(path)
        left.plot(path[:, 0], path[:, 1], ".-", color="tab:orange", ms=5, lw=1.2,
                  label=f"projected GD, {STEPS} steps")
        left.legend(loc="lower right", fontsize=8)
    with panel(right):
        right.set_title(f"max_norm_columns: each unit's incoming\nweights capped at norm c = {C:g}")
        rng = np.random.default_rng(0)
        W = rng.normal(size=(6, 10)) * np.linspace(0.15, 0.9, 10)
        W_new = np.asarray(attempt(right, mod.max_norm_columns, W, C), dtype=float)
        units = np.arange(W.shape[1])
        right.bar(units - 0.2, np.linalg.norm(W, axis=0), width=0.4, color="0.7", label="before")
        right.bar(units + 0.2, np.linalg.norm(W_new, axis=0), width=0.4, color="tab:green", label="after")
        right.axhline(C, color="k", ls="--", lw=1, label="cap c")
        right.set_xticks(units)
        right.set_xlabel("unit j (column W[:, j])")
        right.set_ylabel("‖W[:, j]‖₂")
        right.legend(loc="upper left", fontsize=8)
        right.grid(axis="y", alpha=0.3)
    fig.suptitle("7.2 Norm penalties as constraints: an active constraint acts like the penalty λ*‖x‖²")
    fig.tight_layout()
    return fig
