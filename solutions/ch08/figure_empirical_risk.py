"""Figure for 8.1: the minibatch gradient is an unbiased estimate whose error falls only like σ/√m.

Logistic regression on n = 20,000 synthetic examples, at a fixed θ. Minibatches come from the
module's own ``shuffled_minibatches`` (several epochs), their gradients from
``logistic_empirical_risk_and_grad``, and the predicted errors from ``gradient_standard_error``.

(a) Log-log: the empirical standard deviation of the minibatch gradient (one coordinate, dots)
    against the batch size m, with σ/√m (i.i.d.) and the finite-population curve (one epoch
    draws without replacement); 100 times the examples give only a 10 times smaller error.
(b) Histograms of the minibatch estimates for three batch sizes: all centred on the full-batch
    gradient (eq 8.9 is unbiased), narrower by √10 per tenfold m.
"""
import numpy as np

from autograder.figures import attempt, new_figure, panel

N = 20_000
SIZES = [1, 3, 10, 30, 100, 300, 1000, 3000, 10_000]
MAX_BATCHES = 400  # minibatches per size (several epochs for the large sizes)
COORD = 0  # the gradient coordinate plotted


def _data():
    rng = np.random.default_rng(0)
    X = np.column_stack([rng.normal(size=N), rng.normal(size=N), np.ones(N)])
    p = 1.0 / (1.0 + np.exp(-(X @ np.array([2.0, -1.0, 0.5]))))
    y = (rng.random(N) < p).astype(float)
    theta = np.array([0.5, 0.5, 0.0])  # not the optimum: the full gradient is not zero
    return theta, X, y


def _estimates(mod, theta, X, y, memo):
    """For each batch size: the COORD-th entry of ĝ on up to MAX_BATCHES shuffled minibatches."""
    def minibatch_gradients():
        if "est" in memo:
            return memo["est"]
        rng = np.random.default_rng(1)
        out = {}
        for m in SIZES:
            vals = []
            while len(vals) < MAX_BATCHES:
                for idx in mod.shuffled_minibatches(N, m, rng):
                    if len(idx) == m and len(vals) < MAX_BATCHES:
                        g = mod.logistic_empirical_risk_and_grad(theta, X, y, np.asarray(idx))[1]
                        vals.append(float(np.asarray(g, dtype=float)[COORD]))
            out[m] = np.array(vals)
        memo["est"] = out
        return out
    minibatch_gradients.__name__ = "shuffled_minibatches / logistic_empirical_risk_and_grad"
    return minibatch_gradients


def _per_example(mod, theta, X, y):
    def logistic_empirical_risk_and_grad():
        return np.array([np.asarray(mod.logistic_empirical_risk_and_grad(theta, X, y, np.array([i]))[1], dtype=float)
                         for i in range(N)])
    return logistic_empirical_risk_and_grad


def figure(mod):
    fig, axes = new_figure(1, 2, width=6.0, height=4.6)
    ax_se, ax_hist = axes[0]
    theta, X, y = _data()
    sizes = np.array(SIZES, dtype=float)
    memo = {}  # the minibatch estimates, computed once for both panels

    with panel(ax_se):
        ax_se.set_title("(a) Standard error of the minibatch gradient")
        est = attempt(ax_se, _estimates(mod, theta, X, y, memo))
        G = attempt(ax_se, _per_example(mod, theta, X, y))
        grid = np.unique(np.concatenate([np.round(np.logspace(0, np.log10(SIZES[-1]), 60)).astype(int), SIZES]))
        iid = np.array([float(np.asarray(attempt(ax_se, mod.gradient_standard_error, G, m, True))[COORD])
                        for m in grid])
        fpc = np.array([float(np.asarray(attempt(ax_se, mod.gradient_standard_error, G, m, False))[COORD])
                        for m in grid])
        emp = np.array([est[m].std() for m in SIZES])
        ax_se.loglog(grid, iid, color="tab:blue", lw=2, ls="--", label=r"$\sigma/\sqrt{m}$ (i.i.d. draws)")
        ax_se.loglog(grid, fpc, color="tab:green", lw=2,
                     label=r"$\sigma/\sqrt{m}\cdot\sqrt{(n-m)/(n-1)}$ (one epoch)")
        ax_se.loglog(sizes, emp, "o", color="black", ms=6, zorder=3,
                     label=f"empirical std over {MAX_BATCHES} minibatches")
        a, b = 10, 1000  # 100× the examples ...
        sa, sb = iid[grid == a][0], iid[grid == b][0]
        lift = 2.5  # draw the arrow parallel to the line, above it
        ax_se.plot([a, b], [sa, sb], "s", color="tab:red", ms=8, mfc="none", mew=2, zorder=4)
        ax_se.annotate("", xy=(b, sb * lift), xytext=(a, sa * lift),
                       arrowprops=dict(arrowstyle="->", color="tab:red", lw=1.8))
        ax_se.text(np.sqrt(a * b) * 1.2, np.sqrt(sa * sb) * lift * 1.25,
                   f"m = {a} → {b}: 100× the examples,\nonly {sa / sb:.0f}× smaller error",
                   color="tab:red", fontsize=9)
        ax_se.set_xlabel("minibatch size $m$ (log scale)")
        ax_se.set_ylabel(r"std of $\hat g_1$ across minibatches (log scale)")
        ax_se.legend(loc="lower left", fontsize=8)
        ax_se.grid(alpha=0.3, which="both")

    with panel(ax_hist):
        ax_hist.set_title(r"(b) Minibatch estimates $\hat g_1$ (eq 8.9) are unbiased")
        est = attempt(ax_hist, _estimates(mod, theta, X, y, memo))
        g_full = float(np.asarray(attempt(ax_hist, mod.logistic_empirical_risk_and_grad, theta, X, y)[1],
                                  dtype=float)[COORD])
        for m, color in [(10, "tab:orange"), (100, "tab:purple"), (1000, "tab:green")]:
            spread = 4.0 * est[m].std()
            bins = np.linspace(g_full - spread, g_full + spread, 32)
            ax_hist.hist(est[m], bins=bins, density=True, histtype="stepfilled", alpha=0.3, color=color,
                         edgecolor=color, lw=1.5, label=f"$m = {m}$: std {est[m].std():.3f}, "
                                                     f"mean {est[m].mean():.3f}")
        ax_hist.axvline(g_full, color="black", lw=2, ls="--", label=f"full-batch gradient {g_full:.3f}")
        ax_hist.set_xlabel(r"first gradient coordinate $\hat g_1$")
        ax_hist.set_ylabel("density")
        ax_hist.legend(loc="upper right", fontsize=8)
        ax_hist.grid(alpha=0.3)

    fig.suptitle("8.1 Minibatch gradients: unbiased, with error σ/√m (less than linear returns)")
    fig.tight_layout()
    return fig
