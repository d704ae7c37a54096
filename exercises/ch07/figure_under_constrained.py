# Generated from solutions/ch07/figure_under_constrained.py by dlbook build. Edit that file instead.
"""Figure for 7.3: ridge tends to the pseudo-inverse, and weight decay tames separable logistic regression.

Left: ‖(XᵀX + αI)⁻¹Xᵀ − X⁺‖_F against α (log-log) for a rank-deficient X, from the module's
``ridge_pinv_path`` and ``pinv_svd``. The gap falls like α (eq. 7.29) until float64 round-off
takes over at very small α. Right: ‖w_t‖ of logistic regression on separable data
(``logistic_weight_norms``), without and with weight decay.
"""
from __future__ import annotations

import numpy as np

from autograder.figures import attempt, new_figure, panel


def _rank_deficient():
    rng = np.random.default_rng(0)
    return rng.normal(size=(8, 3)) @ rng.normal(size=(3, 6))  # rank 3, n = 6: XᵀX is singular


def _separable():
    rng = np.random.default_rng(1)
    w_true = np.array([1.0, -0.6])
    X = rng.normal(size=(120, 2))
    X = X[np.abs(X @ w_true) > 0.4][:30]
    return X, (X @ w_true > 0).astype(float)


def figure(mod):
    fig, axes = new_figure(1, 2, width=5.4, height=4.6)
    left, right = axes[0]
    with panel(left):
        left.set_title("Eq. 7.29: (XᵀX + αI)⁻¹Xᵀ → X⁺ as α ↘ 0\n(X of shape (8, 6) and rank 3)")
        X = _rank_deficient()
        alphas = np.logspace(1, -12, 53)
        P = np.asarray(attempt(left, mod.ridge_pinv_path, X, alphas), dtype=float)
        X_pinv = np.asarray(attempt(left, mod.pinv_svd, X), dtype=float)
        gap = np.linalg.norm(P - X_pinv, axis=(1, 2))
        left.loglog(alphas, gap, "o-", ms=3, color="tab:blue", label="‖P(α) − X⁺‖_F")
        s = np.linalg.svd(X, compute_uv=False)[:3]
        left.loglog(alphas, alphas * np.sqrt(np.sum(s ** -6.0)), ":", color="0.4",
                    label="small-α theory: α·‖Σ⁻³‖")
        left.axvspan(alphas.min(), 1e-8, color="tab:red", alpha=0.08, label="float64 round-off dominates")
        left.set_xlabel("α")
        left.set_ylabel("Frobenius distance to X⁺")
        left.invert_xaxis()
        left.grid(alpha=0.3, which="both")
        left.legend(loc="lower left", fontsize=8)
    with panel(right):
        right.set_title("Separable logistic regression: ‖w_t‖ grows\nwithout bound unless weights decay")
        X, y = _separable()
        steps = 20_000
        t = np.arange(1, steps + 1)
        for alpha, color in ((0.0, "tab:red"), (0.01, "tab:orange"), (0.1, "tab:green")):
            norms = np.asarray(attempt(right, mod.logistic_weight_norms, X, y, 1.0, steps, alpha), dtype=float)
            right.semilogx(t, norms, color=color, lw=2, label=f"α = {alpha:g}")
        right.set_xlabel("gradient step t (log scale)")
        right.set_ylabel("‖w_t‖₂")
        right.grid(alpha=0.3, which="both")
        right.legend(loc="upper left", fontsize=8)
    fig.suptitle("7.3 Regularization makes under-constrained problems well-posed")
    fig.tight_layout()
    return fig
