# Generated from solutions/ch06/figure_backprop.py by dlbook build. Edit that file instead.
"""Figure for 6.5: the error of finite-difference gradients against the step h.

Central differences come from the module's own ``numerical_gradient``; forward differences are
computed here for comparison. Both curves are V-shaped in log-log axes: truncation error falls
with h (like h² and h), round-off error grows like ε/h.
"""
from __future__ import annotations

import numpy as np

from autograder.figures import attempt, new_figure, panel

X0 = np.array([0.9, -1.4, 2.3])
EPS = np.finfo(float).eps


def f(x):
    return float(np.sum(np.sin(x) * x ** 2))


def exact_grad(x):
    return 2 * x * np.sin(x) + x ** 2 * np.cos(x)


def forward_differences(fun, x, h):
    x = np.array(x, dtype=float)
    f0, out = fun(x), np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        e[i] = h
        out[i] = (fun(x + e) - f0) / h
    return out


def relative_error(g, g_true):
    return max(np.linalg.norm(np.asarray(g, dtype=float) - g_true) / np.linalg.norm(g_true), 1e-17)


def figure(mod):
    fig, axes = new_figure(1, 1, width=7.0, height=4.8)
    ax = axes[0, 0]
    hs = np.logspace(-14, -1, 66)
    g_true = exact_grad(X0)
    with panel(ax):
        central = np.array([relative_error(attempt(ax, mod.numerical_gradient, f, X0, h), g_true) for h in hs])
        forward = np.array([relative_error(forward_differences(f, X0, h), g_true) for h in hs])

        ax.loglog(hs, central, "o-", ms=3, lw=1.5, color="C0", label="central (your numerical_gradient)")
        ax.loglog(hs, forward, "s-", ms=3, lw=1.5, color="C3", label="forward differences")
        # Guides: truncation error ~ h² (central) and ~ h (forward); round-off ~ ε/h.
        ax.loglog(hs, 0.3 * hs ** 2, ":", color="C0", lw=1, label="O(h²) truncation")
        ax.loglog(hs, 0.5 * hs, ":", color="C3", lw=1, label="O(h) truncation")
        ax.loglog(hs, EPS / hs, "--", color="0.45", lw=1, label="ε/h round-off")
        for curve, color, name in ((central, "C0", "central"), (forward, "C3", "forward")):
            finite = np.where(np.isfinite(curve), curve, np.inf)
            i = int(np.argmin(finite))
            if np.isfinite(finite[i]):
                ax.axvline(hs[i], color=color, lw=0.8, alpha=0.5)
                ax.annotate(f"best {name}\nh ≈ {hs[i]:.0e}", (hs[i], curve[i]), textcoords="offset points",
                            xytext=(8, -26) if name == "central" else (-62, -30), fontsize=8, color=color)
        ax.axvline(1e-5, color="0.2", lw=0.8, ls="-.", alpha=0.6)
        ax.text(1.2e-5, 1e-14, "default\nh = 1e-5", fontsize=8, color="0.2")
        ax.text(2e-14, 1e-14, "round-off\ndominates", fontsize=8, color="0.35")
        ax.text(8e-4, 1e-14, "truncation\ndominates", fontsize=8, color="0.35")
        ax.set_xlim(hs[0], hs[-1])
        ax.set_ylim(1e-15, 1e5)
        ax.set_xlabel("step h")
        ax.set_ylabel("relative error ‖g − ∇f‖ / ‖∇f‖")
        ax.set_title("Finite-difference gradients of f(x) = Σ sin(xᵢ)·xᵢ²: the V shape")
        ax.grid(True, which="major", alpha=0.3)
        ax.legend(fontsize=8, loc="upper left", ncol=2, framealpha=0.9)
    fig.tight_layout()
    return fig
