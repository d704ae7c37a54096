# Generated from solutions/ch06/figure_likelihood_losses.py by dlbook build. Edit that file instead.
"""Figure for 6.2: why the log-likelihood beats the squared error for a sigmoid unit, and what
a mixture density output buys over a single Gaussian.

(a) For y = 1, the loss against the logit z: cross-entropy ζ(−z) (eq 6.26) and MSE (σ(z) − 1)².
(b) |∂loss/∂z| on a log scale: the MSE's gradient vanishes when the unit is confidently wrong.
(c) A two-component Gaussian mixture (eq 6.35) against one Gaussian with the same mean and
    variance, on samples from the mixture, with each model's mean negative log-likelihood.
"""
import numpy as np

from autograder.figures import attempt, new_figure, panel

Z_GRID = np.linspace(-10.0, 10.0, 201)

# A bimodal target distribution: mixing logits, means and log standard deviations.
MIX_LOGITS = np.array([0.4, -0.4])
MIX_MU = np.array([-2.0, 1.5])
MIX_LOG_SIGMA = np.log(np.array([0.5, 0.8]))


def _sigmoid_curves(mod):
    """Per-point cross-entropy loss and σ(z) on Z_GRID for y = 1, from the module's own function."""
    def sigmoid_bce_from_logits(z):
        ones = np.ones_like(z)
        ce = np.array([float(np.asarray(mod.sigmoid_bce_from_logits(z[i:i + 1], ones[i:i + 1])[0], dtype=float))
                       for i in range(z.size)])
        _, dz = mod.sigmoid_bce_from_logits(z, ones)
        sigma = np.asarray(dz, dtype=float) * z.size + 1.0  # dz = (σ(z) − y) / m
        return ce, sigma
    return sigmoid_bce_from_logits


def _mixture_nll(mod, logit_pi, mu, log_sigma):
    """−log p(y) under a mixture with the same parameters for every y: per point, or the mean."""
    def mdn_nll(y, per_point=True):
        rows = [np.tile(v, (y.size, 1)) for v in (logit_pi, mu, log_sigma)]
        if not per_point:
            return float(np.asarray(mod.mdn_nll(y, *rows), dtype=float))
        return np.array([float(np.asarray(mod.mdn_nll(y[i:i + 1], *(r[i:i + 1] for r in rows)), dtype=float))
                         for i in range(y.size)])
    return mdn_nll


def figure(mod):
    fig, axes = new_figure(1, 3, width=4.7, height=4.2)
    ax_loss, ax_grad, ax_mdn = axes[0]

    with panel(ax_loss):
        ce, sigma = attempt(ax_loss, _sigmoid_curves(mod), Z_GRID)
        mse = (sigma - 1.0) ** 2
        ax_loss.plot(Z_GRID, ce, color="tab:blue", lw=2, label=r"cross-entropy $\zeta(-z)$")
        ax_loss.plot(Z_GRID, mse, color="tab:orange", lw=2, label=r"MSE $(\sigma(z)-1)^2$")
        ax_loss.axvspan(Z_GRID[0], -3, color="0.9", zorder=0)
        ax_loss.text(-6.5, 0.3 * ce.max(), "confidently\nwrong", ha="center", fontsize=9, color="0.3")
        ax_loss.set_xlabel("logit $z$ (true label $y = 1$)")
        ax_loss.set_ylabel("loss")
        ax_loss.set_title("(a) Loss of a sigmoid unit")
        ax_loss.legend(loc="upper right", fontsize=8)
        ax_loss.grid(alpha=0.3)

    with panel(ax_grad):
        _, sigma = attempt(ax_grad, _sigmoid_curves(mod), Z_GRID)
        g_ce = np.abs(sigma - 1.0)
        g_mse = np.abs(2.0 * (sigma - 1.0) * sigma * (1.0 - sigma))
        ax_grad.semilogy(Z_GRID, g_ce, color="tab:blue", lw=2, label=r"cross-entropy: $|\sigma(z) - 1|$")
        ax_grad.semilogy(Z_GRID, g_mse, color="tab:orange", lw=2,
                         label=r"MSE: $|2(\sigma(z)-1)\,\sigma(z)(1-\sigma(z))|$")
        ax_grad.axvspan(Z_GRID[0], -3, color="0.9", zorder=0)
        ax_grad.set_ylim(1e-6, 3.0)
        ax_grad.set_xlabel("logit $z$ (true label $y = 1$)")
        ax_grad.set_ylabel(r"$|\partial\,\mathrm{loss} / \partial z|$ (log scale)")
        ax_grad.set_title("(b) Gradient: MSE vanishes when wrong")
        ax_grad.legend(loc="lower left", fontsize=8)
        ax_grad.grid(alpha=0.3, which="both")

    with panel(ax_mdn):
        rng = np.random.default_rng(0)
        pi = np.exp(MIX_LOGITS - MIX_LOGITS.max())
        pi /= pi.sum()
        comp = rng.choice(2, size=400, p=pi)
        samples = rng.normal(MIX_MU[comp], np.exp(MIX_LOG_SIGMA[comp]))
        mean = float(pi @ MIX_MU)
        var = float(pi @ (np.exp(2 * MIX_LOG_SIGMA) + MIX_MU ** 2) - mean ** 2)
        one = dict(logit_pi=np.zeros(1), mu=np.array([mean]), log_sigma=np.array([0.5 * np.log(var)]))
        mix = dict(logit_pi=MIX_LOGITS, mu=MIX_MU, log_sigma=MIX_LOG_SIGMA)
        y_grid = np.linspace(-5.0, 5.0, 201)
        nll_mix = attempt(ax_mdn, _mixture_nll(mod, **mix), y_grid)
        nll_one = attempt(ax_mdn, _mixture_nll(mod, **one), y_grid)
        J_mix = attempt(ax_mdn, _mixture_nll(mod, **mix), samples, per_point=False)
        J_one = attempt(ax_mdn, _mixture_nll(mod, **one), samples, per_point=False)
        ax_mdn.hist(samples, bins=40, range=(-5, 5), density=True, color="0.8", edgecolor="0.6",
                    label="samples of $y$")
        ax_mdn.plot(y_grid, np.exp(-nll_mix), color="tab:green", lw=2,
                    label=f"mixture, K = 2 (NLL {J_mix:.3f})")
        ax_mdn.plot(y_grid, np.exp(-nll_one), color="tab:purple", lw=2, ls="--",
                    label=f"one Gaussian, K = 1 (NLL {J_one:.3f})")
        ax_mdn.set_xlabel("target $y$")
        ax_mdn.set_ylabel(r"density $p(y \mid x) = e^{-\mathrm{NLL}}$")
        ax_mdn.set_title("(c) Mixture density output (eq 6.35)")
        ax_mdn.legend(loc="upper right", fontsize=8)
        ax_mdn.set_ylim(0, 0.75)
        ax_mdn.grid(alpha=0.3)

    fig.suptitle("6.2 Likelihood-based losses: the log undoes the exp of the output unit")
    fig.tight_layout()
    return fig
