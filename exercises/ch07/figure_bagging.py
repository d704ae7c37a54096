# Generated from solutions/ch07/figure_bagging.py by dlbook build. Edit that file instead.
"""Figure for 7.11: why averaging helps, and bagging in action.

Left: the ensemble's expected squared error v/k + (k − 1)c/k (eq 7.51, lines) against the number
of members k, for error correlations c/v ∈ {0, 0.25, 0.5, 0.9}, with Monte-Carlo estimates from
``ensemble_mse`` (dots) on errors drawn with exactly that covariance. Right: bagged 1-nearest-
neighbour regression on a noisy sine (``bootstrap_indices``, ``bagging_predict``); each member is
a jagged step function, their average is smoother, and the out-of-bag error
(``oob_predictions``) estimates the test error without a validation set.
"""
import numpy as np

from autograder.figures import attempt, new_figure, panel

RATIOS = [0.0, 0.25, 0.5, 0.9]
KS = [1, 2, 3, 5, 8, 12, 20, 30, 40, 50]
COLORS = ["tab:blue", "tab:green", "tab:orange", "tab:red"]


def correlated_errors(rng, k, n, v, c):
    """(k, n) errors with E[ε_i²] = v and E[ε_iε_j] = c: a shared part plus a private part."""
    return np.sqrt(c) * rng.normal(size=(1, n)) + np.sqrt(v - c) * rng.normal(size=(k, n))


def nn_fit(X, y):
    return np.asarray(X, dtype=float)[:, 0], np.asarray(y, dtype=float)


def nn_predict(model, X_test):
    xs, ys = model
    return ys[np.argmin(np.abs(np.asarray(X_test, dtype=float)[:, :1] - xs[None, :]), axis=1)]


def truth(x):
    return np.sin(2 * np.pi * x)


def figure(mod):
    fig, axes = new_figure(1, 2, width=5.6, height=4.6)
    left, right = axes[0]

    left.set_title("Ensemble error v/k + (k−1)c/k (eq 7.51), v = 1")
    with panel(left):
        rng = np.random.default_rng(0)
        k_line = np.arange(1, 51)
        for ratio, color in zip(RATIOS, COLORS):
            left.plot(k_line, 1.0 / k_line + (k_line - 1) * ratio / k_line, color=color, lw=2,
                      label=f"c/v = {ratio:g}")
            emp = [attempt(left, mod.ensemble_mse, correlated_errors(rng, k, 20000, 1.0, ratio))[0] for k in KS]
            left.plot(KS, emp, "o", color=color, ms=5, mec="k", mew=0.5)
        left.plot([], [], "o", color="0.6", mec="k", mew=0.5, label="Monte Carlo (ensemble_mse)")
        left.set_xlabel("number of members k")
        left.set_ylabel("expected squared error of the average")
        left.set_ylim(0, 1.05)
        left.grid(alpha=0.3)
        left.legend(fontsize=8, loc="upper right", bbox_to_anchor=(1.0, 0.86))

    right.set_title("Bagged 1-nearest-neighbour regression")
    with panel(right):
        rng = np.random.default_rng(1)
        m, k = 40, 25
        X = np.sort(rng.uniform(0, 1, m))[:, None]
        y = truth(X[:, 0]) + 0.35 * rng.normal(size=m)
        grid = np.linspace(0, 1, 400)[:, None]
        idx = attempt(right, mod.bootstrap_indices, m, k, np.random.default_rng(2))
        members, ensemble = attempt(right, mod.bagging_predict, X, y, grid, idx, nn_fit, nn_predict)
        members, ensemble = np.asarray(members, dtype=float), np.asarray(ensemble, dtype=float)
        for i, row in enumerate(members[:8]):
            right.plot(grid[:, 0], row, color="0.65", lw=0.8, label="members (8 of 25)" if i == 0 else None)
        right.plot(grid[:, 0], truth(grid[:, 0]), "k--", lw=1.5, label="true function")
        right.plot(grid[:, 0], ensemble, color="tab:red", lw=2.5, label="bagged average")
        right.plot(X[:, 0], y, "o", color="tab:blue", ms=4, mec="k", mew=0.4, label="training data")
        member_mse = np.mean((members - truth(grid[:, 0])) ** 2)
        ens_mse = np.mean((ensemble - truth(grid[:, 0])) ** 2)
        title = (f"Bagged 1-nearest-neighbour regression\nvs truth: member MSE {member_mse:.3f}, "
                 f"ensemble MSE {ens_mse:.3f}")
        right.set_title(title)
        fresh = np.mean((ensemble - truth(grid[:, 0]) - 0.35 * rng.normal(size=len(grid))) ** 2)
        try:  # the out-of-bag estimate only changes the title: keep the plot if it is missing
            train_preds = np.asarray(mod.bagging_predict(X, y, X, idx, nn_fit, nn_predict)[0], dtype=float)
            oob = np.asarray(mod.oob_predictions(idx, train_preds), dtype=float)
            ok = ~np.isnan(oob)
            oob_text = f"out-of-bag MSE {np.mean((oob[ok] - y[ok]) ** 2):.3f}"
        except NotImplementedError:
            oob_text = "out-of-bag MSE n/a"
        except Exception as exc:  # noqa: BLE001 - a student's bug must not break the figure
            oob_text = f"out-of-bag MSE n/a ({type(exc).__name__})"
        right.set_title(title + f"\ntest MSE on fresh noisy y {fresh:.3f}, {oob_text}")
        right.set_xlabel("x")
        right.set_ylabel("y")
        right.set_ylim(-2.2, 2.2)
        right.grid(alpha=0.3)
        right.legend(fontsize=8, loc="lower left")
    fig.suptitle("7.11 Bagging: averaging k models removes the uncorrelated part of their errors")
    fig.tight_layout()
    return fig
