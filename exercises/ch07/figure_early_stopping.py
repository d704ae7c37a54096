# Generated from solutions/ch07/figure_early_stopping.py by dlbook build. Edit that file instead.
"""Figure for 7.8: early stopping on a learning curve, and early stopping as L2 regularization.

(a) Like Fig. 7.3: training and validation error of gradient descent on an over-parametrized
    linear regression (40 examples, 30 weights, noisy targets), with the point Algorithm 7.1
    picks and the point where it stops. The trajectory comes from ``gd_quadratic_iterate``
    (eq. 7.40) and the stopping point from ``early_stopping_from_curve``.
(b) Per eigendirection, the fraction of w* that τ gradient steps recover, 1 − (1 − ελ)^τ
    (eq. 7.40), against the L2 shrinkage factor λ/(λ + α) with α = 1/(τε) (eqs. 7.13, 7.45);
    markers use the exact α_i of ``equivalent_weight_decay`` (eq. 7.43) and fall on the curve.
"""
import numpy as np

from autograder.figures import attempt, new_figure, panel

N_EVAL, PATIENCE, T_MAX = 10, 20, 1500
LR = 0.01
LAMBDAS = np.geomspace(1e-3, 1.0 / LR, 120)
TAUS = ((20, "tab:blue"), (200, "tab:red"))


def _regression(seed=1, d=30, m_train=40, m_val=500, noise=2.0):
    """Training quadratic (H, w*) and the data to measure train/validation MSE of any w."""
    rng = np.random.default_rng(seed)
    w_true = 0.5 * rng.normal(size=d)
    X_tr, X_va = rng.normal(size=(m_train, d)), rng.normal(size=(m_val, d))
    y_tr = X_tr @ w_true + noise * rng.normal(size=m_train)
    y_va = X_va @ w_true + noise * rng.normal(size=m_val)
    H = X_tr.T @ X_tr / m_train
    H = (H + H.T) / 2
    w_star = np.linalg.solve(H, X_tr.T @ y_tr / m_train)
    return H, w_star, (X_tr, y_tr), (X_va, y_va)


def figure(mod):
    fig, axes = new_figure(1, 2, width=5.6, height=4.4)
    ax_curve, ax_factor = axes[0]

    with panel(ax_curve):
        ax_curve.set_title("(a) Learning curves and Algorithm 7.1")
        H, w_star, (X_tr, y_tr), (X_va, y_va) = _regression()
        steps = np.arange(0, T_MAX + 1, N_EVAL)
        W = np.array([np.asarray(attempt(ax_curve, mod.gd_quadratic_iterate, H, w_star, LR, int(t)), dtype=float)
                      for t in steps])
        train = np.mean((W @ X_tr.T - y_tr) ** 2, axis=1)
        val = np.mean((W @ X_va.T - y_va) ** 2, axis=1)
        i_star, i_stop, v_star = attempt(ax_curve, mod.early_stopping_from_curve, val[1:], N_EVAL, PATIENCE)
        ax_curve.plot(steps, train, color="tab:blue", lw=2, label="training MSE")
        ax_curve.plot(steps, val, color="tab:green", lw=2, label="validation MSE")
        ax_curve.axvline(i_star, color="k", ls="--", lw=1.2, label=f"best step i* = {i_star}")
        ax_curve.axvspan(i_star, i_stop, color="0.85", zorder=0,
                         label=f"patience p = {PATIENCE} evals (stop at {i_stop})")
        ax_curve.plot([i_star], [v_star], "o", color="k", ms=7, zorder=4)
        ax_curve.set_xlabel(f"training steps τ (validation every n = {N_EVAL})")
        ax_curve.set_ylabel("mean squared error")
        ax_curve.set_ylim(0, 1.15 * max(val.max(), train.max()))
        ax_curve.legend(loc="upper right", fontsize=8)
        ax_curve.grid(alpha=0.3)

    with panel(ax_factor):
        ax_factor.set_title("(b) τ GD steps ≈ L2 with α = 1/(τε)  (ε = 0.01)")
        for tau, color in TAUS:
            # With H = diag(λ) and w* = 1, the iterate is the vector of per-direction factors.
            gd = np.asarray(attempt(ax_factor, mod.gd_quadratic_iterate, np.diag(LAMBDAS), np.ones(LAMBDAS.size),
                                    LR, tau), dtype=float)
            alpha = 1.0 / (tau * LR)
            ax_factor.semilogx(LAMBDAS, gd, color=color, lw=2.2,
                               label=fr"GD, $\tau$ = {tau}: $1-(1-\epsilon\lambda)^\tau$")
            ax_factor.semilogx(LAMBDAS, LAMBDAS / (LAMBDAS + alpha), color=color, ls="--", lw=1.5,
                               label=fr"L2, $\alpha = 1/(\tau\epsilon)$ = {alpha:g}")
            lam_pts = LAMBDAS[::12]
            a_exact = np.asarray(attempt(ax_factor, mod.equivalent_weight_decay, lam_pts, LR, tau), dtype=float)
            ax_factor.semilogx(lam_pts, lam_pts / (lam_pts + a_exact), "o", color=color, mfc="white", ms=6,
                               label=r"L2 with exact $\alpha_i$ (eq 7.43)" if tau == TAUS[0][0] else None)
        ax_factor.set_xlabel(r"eigenvalue $\lambda$ of H (curvature)")
        ax_factor.set_ylabel(r"fraction of $w^*$ kept along the eigenvector")
        ax_factor.set_ylim(-0.03, 1.05)
        ax_factor.legend(loc="upper left", fontsize=7.5)
        ax_factor.grid(alpha=0.3, which="both")

    fig.suptitle("7.8 Early stopping: stop at the validation minimum; on a quadratic it acts like weight decay")
    fig.tight_layout()
    return fig
