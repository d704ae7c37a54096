"""Figure for 7.5: what noise on the weights and on the labels does to the loss.

(a) The training loss of a small tanh network along one direction s in weight space has a sharp
    and a flat minimum, both at zero loss. Weight noise replaces it by E_δ[L(s + δ)], δ ~ N(0, η)
    (eq 7.31 along that direction): the sharp basin fills in, and the minimum of the smoothed
    loss moves to the flat basin.
(b) At a minimum with zero residuals, J̃_W against η: for small η it is η·mean‖∇_θ ŷ‖² (the
    penalty the book derives after eq 7.32), computed from the parameter Jacobian.
(c) Label smoothing (section 7.5.1), k = 10: the loss of one example against its logit gap.
    Hard targets (ε = 0) keep rewarding a larger gap; smoothed targets have a finite optimum at
    log((1 − ε)(k − 1)/ε).
"""
from statistics import NormalDist

import numpy as np

from autograder.figures import attempt, new_figure, panel

# (a) ŷ(s) = −A tanh(8(s + 1)) + B tanh(0.8(s − 1.5)) + C on the single input x = 1, target 0:
# a steep zero crossing at s = −1 (sharp minimum) and a shallow one at s = 1.5 (flat minimum).
# In θ = concat(W.ravel(), c, v, [d]) with n = 1, h = 2: W = s·(8, 0.8), c = (8, −1.2).
K_SHARP, K_FLAT, S_SHARP, S_FLAT = 8.0, 0.8, -1.0, 1.5
_C = float(np.tanh(K_FLAT * (S_FLAT - S_SHARP)))
THETA0 = np.array([0.0, 0.0, -K_SHARP * S_SHARP, -K_FLAT * S_FLAT, -_C, 1.0, _C])
DIRECTION = np.array([K_SHARP, K_FLAT, 0.0, 0.0, 0.0, 0.0, 0.0])
X_PATH, Y_PATH = np.array([[1.0]]), np.array([0.0])
S_GRID = np.linspace(-3.0, 4.0, 141)
ETAS = [0.003, 0.02, 0.08]
# Evenly spaced quantiles of N(0, 1): a smooth, deterministic stand-in for random δ.
Z_QUANTILES = np.array([NormalDist().inv_cdf((i + 0.5) / 200) for i in range(200)])


def _path_losses(mod, eta):
    """E_δ[L(s + δ)] on S_GRID via the module's weight_noise_objective (η = 0: the plain loss)."""
    def weight_noise_objective(s_grid):
        eps = np.sqrt(eta) * Z_QUANTILES[:, None] * DIRECTION[None, :] if eta > 0 else np.zeros((1, 7))
        return np.array([float(np.asarray(mod.weight_noise_objective(THETA0 + s * DIRECTION, X_PATH, Y_PATH,
                                                                     eps, 2), dtype=float)) for s in s_grid])
    return weight_noise_objective


def figure(mod):
    fig, axes = new_figure(1, 3, width=4.8, height=4.2)
    ax_path, ax_eta, ax_ls = axes[0]

    ax_path.set_title("(a) Weight noise smooths the loss")
    with panel(ax_path):
        plain = attempt(ax_path, _path_losses(mod, 0.0), S_GRID)
        ax_path.plot(S_GRID, plain, color="black", lw=2, label="training loss $L(s)$")
        colors = ["tab:blue", "tab:orange", "tab:red"]
        for eta, color in zip(ETAS, colors):
            smooth = attempt(ax_path, _path_losses(mod, eta), S_GRID)
            i = int(np.argmin(smooth))
            ax_path.plot(S_GRID, smooth, color=color, lw=1.6,
                         label=rf"$E_\delta L(s+\delta)$, $\eta$ = {eta:g}")
            ax_path.plot(S_GRID[i], smooth[i], "o", color=color, ms=6)
        ax_path.annotate("sharp minimum", (S_SHARP, 0.0), xytext=(-2.9, 0.35), fontsize=8,
                         arrowprops=dict(arrowstyle="->", color="0.4"))
        ax_path.annotate("flat minimum", (S_FLAT, 0.0), xytext=(1.7, 0.45), fontsize=8,
                         arrowprops=dict(arrowstyle="->", color="0.4"))
        ax_path.set_ylim(-0.03, 1.35)
        ax_path.set_xlabel("position $s$ along one direction in weight space")
        ax_path.set_ylabel(r"squared error (dots: minimum of each curve)")
        ax_path.legend(loc="upper center", fontsize=7.5, ncol=2)
        ax_path.grid(alpha=0.3)

    ax_eta.set_title(r"(b) Small $\eta$: $\tilde J_W \approx \eta\,\mathrm{mean}\,\|\nabla_\theta \hat y\|^2$")
    with panel(ax_eta):
        rng = np.random.default_rng(0)
        n, h, m = 2, 4, 10
        theta, X = rng.normal(size=n * h + 2 * h + 1), rng.normal(size=(m, n))
        y = np.asarray(attempt(ax_eta, mod.tanh_net_predict, theta, X, h), dtype=float)  # zero residuals
        jac = np.asarray(attempt(ax_eta, mod.tanh_net_param_jacobian, theta, X, h), dtype=float)
        grad_sq = float(np.mean(np.sum(jac ** 2, axis=1)))
        etas = np.logspace(-5, 0, 11)
        z = rng.normal(size=(2000, theta.size))
        noisy = [float(attempt(ax_eta, mod.weight_noise_objective, theta, X, y, np.sqrt(e) * z, h)) for e in etas]
        ax_eta.loglog(etas, grad_sq * etas, color="tab:green", lw=2,
                      label=r"$\eta\,\mathrm{mean}_i\|\nabla_\theta \hat y(x_i)\|^2$ (Jacobian)")
        ax_eta.loglog(etas, noisy, "o", color="black", ms=5, label=r"$\tilde J_W$, 2000 noise samples")
        ax_eta.set_xlabel(r"weight-noise variance $\eta$")
        ax_eta.set_ylabel(r"$\tilde J_W$ at a minimum ($J = 0$)")
        ax_eta.legend(loc="upper left", fontsize=8)
        ax_eta.grid(alpha=0.3, which="both")

    ax_ls.set_title("(c) Label smoothing: a finite optimum")
    with panel(ax_ls):
        k, gaps = 10, np.linspace(0.0, 10.0, 201)
        for eps, color in zip([0.0, 0.05, 0.1, 0.2], ["black", "tab:blue", "tab:orange", "tab:red"]):
            losses = []
            for g in gaps:
                Z = np.zeros((1, k))
                Z[0, 0] = g
                J, _ = attempt(ax_ls, mod.smoothed_cross_entropy, Z, np.array([0]), eps)
                losses.append(float(J))
            ax_ls.plot(gaps, losses, color=color, lw=2, label=f"ε = {eps:g}")
            if eps > 0:
                best = np.log((1 - eps) * (k - 1) / eps)
                ax_ls.axvline(best, color=color, ls=":", lw=1)
                ax_ls.plot(gaps[int(np.argmin(losses))], min(losses), "o", color=color, ms=6)
        ax_ls.set_xlabel(r"logit gap $z_y - z_c$ (true class vs the other 9)")
        ax_ls.set_ylabel("smoothed cross-entropy of one example")
        ax_ls.legend(loc="upper right", fontsize=8, title="dotted: log((1−ε)(k−1)/ε)", title_fontsize=7.5)
        ax_ls.grid(alpha=0.3)

    fig.suptitle("7.5 Noise robustness: weight noise prefers flat minima, label smoothing keeps logits finite")
    fig.tight_layout()
    return fig
