"""Figure for 7.12: when the weight scaling inference rule is exact.

(a) Softmax regression with input dropout (p_keep = ½): the weight-scaled prediction
    softmax(½Wᵀv + b) against the exact ensemble over all 2⁸ masks. The normalized geometric
    mean lies on the diagonal (eq 7.66); the arithmetic mean (eq 7.53) does not.
(b) A ReLU regressor with dropout on its inputs (p_keep = 0.8): the gap between the exact
    ensemble mean and the weight-scaled output, against the weight-scaled output. A nonlinearity between the mask and the output breaks the rule; the
    same networks with biases so large that no ReLU switches off are linear in the mask, and exact.
(c) Monte Carlo: the average of k train-mode outputs approaches the test-mode output like 1/√k,
    for inverted dropout and for the book's convention alike.
"""
import numpy as np

from autograder.figures import attempt, new_figure, panel


def _softmax_points(mod, models=40, n=8, C=3, p_keep=0.5):
    """(weight_scaled, geometric, arithmetic), each (models * C,), from random softmax models."""
    def softmax_dropout_ensemble():
        rng = np.random.default_rng(0)
        rows = []
        for _ in range(models):
            W, b, v = rng.normal(scale=0.8, size=(n, C)), rng.normal(size=C), rng.normal(size=n)
            geo, arith, scaled = mod.softmax_dropout_ensemble(W, b, v, p_keep)
            rows.append(np.stack([np.asarray(a, dtype=float) for a in (scaled, geo, arith)]))
        return np.concatenate(rows, axis=1)
    return softmax_dropout_ensemble


def _mlp_points(mod, models=80, n=6, h=5, p_keep=0.8, active=False):
    """(weight_scaled, ensemble_mean), each (models,), from random input-dropout ReLU regressors.
    active=True adds 100 to every hidden bias (and subtracts it again at the output), so no ReLU
    ever switches off: the same networks, but linear in the mask."""
    def mlp_dropout_ensemble_gap():
        rng = np.random.default_rng(1)
        out = []
        for _ in range(models):
            W1, b1 = rng.normal(scale=0.6, size=(n, h)), rng.normal(scale=0.5, size=h)
            w2, x = rng.normal(scale=0.6, size=h), rng.normal(size=n)
            shift = 100.0 if active else 0.0
            mean, scaled = mod.mlp_dropout_ensemble_gap(W1, b1 + shift, w2, -shift * w2.sum(), x, p_keep)
            out.append((float(scaled), float(mean)))
        return np.array(out).T
    return mlp_dropout_ensemble_gap


def _monte_carlo(mod, inverted, p_keep=0.5, trials=4096):
    """Max |average of the first k train outputs − test output| for k = 1 .. trials."""
    def dropout_forward():
        rng = np.random.default_rng(2)
        X = rng.normal(size=(1, 20))
        test = np.asarray(mod.dropout_forward(X, p_keep, None, "test", inverted), dtype=float)
        outs = np.stack([np.asarray(mod.dropout_forward(X, p_keep, rng.random(X.shape) < p_keep, "train",
                                                        inverted), dtype=float) for _ in range(trials)])
        running = np.cumsum(outs, axis=0) / np.arange(1, trials + 1)[:, None, None]
        return np.abs(running - test).max(axis=(1, 2))
    return dropout_forward


def figure(mod):
    fig, axes = new_figure(1, 3, width=4.6, height=4.4)
    ax_soft, ax_mlp, ax_mc = axes[0]

    ax_soft.set_title("(a) Softmax regression, $p_{keep} = 1/2$")
    with panel(ax_soft):
        scaled, geo, arith = attempt(ax_soft, _softmax_points(mod))
        ax_soft.plot([0, 1], [0, 1], color="0.6", lw=1, zorder=0, label="diagonal")
        ax_soft.scatter(scaled, arith, s=22, marker="x", color="tab:orange", label="arithmetic mean (7.53)")
        ax_soft.scatter(scaled, geo, s=26, facecolor="none", edgecolor="tab:blue",
                        label="normalized geometric mean (7.66)")
        ax_soft.set_xlabel(r"weight-scaled: softmax$(\frac{1}{2}W^\top v + b)_y$")
        ax_soft.set_ylabel("exact ensemble over all $2^8$ masks")
        ax_soft.legend(loc="upper left", fontsize=8)
        ax_soft.set_xlim(0, 1)
        ax_soft.set_ylim(0, 1)
        ax_soft.grid(alpha=0.3)

    ax_mlp.set_title("(b) ReLU regressor, input dropout $p_{keep} = 0.8$")
    with panel(ax_mlp):
        scaled, mean = attempt(ax_mlp, _mlp_points(mod))
        scaled_lin, mean_lin = attempt(ax_mlp, _mlp_points(mod, active=True))
        ax_mlp.axhline(0.0, color="0.6", lw=1, zorder=0, label="exact: no gap")
        ax_mlp.scatter(scaled_lin, mean_lin - scaled_lin, s=26, facecolor="none", edgecolor="tab:blue",
                       label="same nets, every ReLU active")
        ax_mlp.scatter(scaled, mean - scaled, s=22, color="tab:red", alpha=0.8,
                       label=f"ReLU nets (mean |gap| {np.mean(np.abs(mean - scaled)):.2f})")
        ax_mlp.set_xlabel(r"weight-scaled: $w_2^\top \mathrm{relu}(0.8\,W_1^\top x + b_1) + b_2$")
        ax_mlp.set_ylabel(r"gap: $\sum_d p(d)\, f(d \odot x)$ − weight-scaled")
        ax_mlp.legend(loc="lower left", fontsize=8)
        ax_mlp.grid(alpha=0.3)

    ax_mc.set_title("(c) E[train output] = test output")
    with panel(ax_mc):
        k = np.arange(1, 4097)
        for inverted, color, label in ((True, "tab:green", "inverted: $x \\odot \\mu / p$ vs $x$"),
                                       (False, "tab:purple", "book: $x \\odot \\mu$ vs $p\\,x$")):
            err = attempt(ax_mc, _monte_carlo(mod, inverted))
            ax_mc.loglog(k, err, color=color, lw=1.5, label=label)
        ax_mc.loglog(k, 3.0 / np.sqrt(k), color="0.4", ls="--", lw=1, label=r"$\propto 1/\sqrt{k}$")
        ax_mc.set_xlabel("number of sampled masks $k$")
        ax_mc.set_ylabel("max |average of train outputs − test output|")
        ax_mc.legend(loc="lower left", fontsize=8)
        ax_mc.grid(alpha=0.3, which="both")

    fig.suptitle("7.12 Dropout: the weight scaling rule is exact only where the output is linear in the mask")
    fig.tight_layout()
    return fig
