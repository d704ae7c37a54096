# Generated from solutions/ch07/figure_multitask.py by dlbook build. Edit that file instead.
"""Figure for 7.7: validation error of one shared-trunk network against three separate networks of
the same architecture (10 inputs, 20 ReLU units, a scalar head), on three related linear tasks
y_t = x·(B a_t) + noise, as the number of examples per task grows. Trained with the module's own
init_mtl_params and mtl_loss_and_grads (full-batch gradient descent)."""
import numpy as np

from autograder.figures import attempt, new_figure, panel, placeholder

SIZES = (5, 10, 20, 50, 100, 200)
SEEDS = range(5)
D, R, HIDDEN, T = 10, 2, 20, 3
LR, STEPS = 0.1, 300


def related_tasks(seed, n, n_val=500, noise=0.1):
    """B (D, R) orthonormal, unit a_t: T different directions in one R-dim subspace, Var(y) = 1."""
    rng = np.random.default_rng(seed)
    B = np.linalg.qr(rng.normal(size=(D, R)))[0]
    A = rng.normal(size=(R, T))
    A /= np.linalg.norm(A, axis=0)
    Xs = [rng.normal(size=(n, D)) for _ in range(T)]
    ys = [X @ B @ A[:, t] + noise * rng.normal(size=n) for t, X in enumerate(Xs)]
    Xv = [rng.normal(size=(n_val, D)) for _ in range(T)]
    return Xs, ys, Xv, [X @ B @ A[:, t] for t, X in enumerate(Xv)]


def _step(params, grads):
    return {"Ws": params["Ws"] - LR * np.asarray(grads["Ws"], float),
            "bs": params["bs"] - LR * np.asarray(grads["bs"], float),
            "heads": [{"W": h["W"] - LR * np.asarray(g["W"], float), "b": h["b"] - LR * np.asarray(g["b"], float)}
                      for h, g in zip(params["heads"], grads["heads"])]}


def _train(mod, X, Ys, params):
    lam = np.ones(len(Ys))
    for _ in range(STEPS):
        params = _step(params, mod.mtl_loss_and_grads(X, Ys, params, lam)[1])
    return params


def _experiment(mod, n, seed):
    """Per-task validation MSE of the multi-task net and of the single-task nets."""
    Xs, ys, Xv, yv = related_tasks(seed, n)
    Ys = [np.full((T * n, 1), np.nan) for _ in range(T)]
    for t in range(T):
        Ys[t][t * n:(t + 1) * n, 0] = ys[t]  # each example carries the label of its own task only
    p = _train(mod, np.vstack(Xs), Ys, mod.init_mtl_params(D, HIDDEN, [1] * T, np.random.default_rng(100 + seed)))
    mtl = [np.mean((np.asarray(mod.mtl_forward(Xv[t], p)[0][t], float)[:, 0] - yv[t]) ** 2) for t in range(T)]
    stl = []
    for t in range(T):
        q = _train(mod, Xs[t], [ys[t][:, None]], mod.init_mtl_params(D, HIDDEN, [1], np.random.default_rng(200 + seed)))
        stl.append(np.mean((np.asarray(mod.mtl_forward(Xv[t], q)[0][0], float)[:, 0] - yv[t]) ** 2))
    return np.array(mtl), np.array(stl)


def figure(mod):
    fig, axes = new_figure(1, 2, width=5.6, height=4.6)
    left, right = axes[0]
    left.set_title("Validation MSE against examples per task")
    right.set_title("Per task and seed")
    runs = None
    with panel(left):
        p0 = attempt(left, mod.init_mtl_params, D, HIDDEN, [1], np.random.default_rng(0))
        attempt(left, mod.mtl_forward, np.zeros((2, D)), p0)
        attempt(left, mod.mtl_loss_and_grads, np.zeros((2, D)), [np.zeros((2, 1))], p0, np.ones(1))
        runs = {n: [_experiment(mod, n, seed) for seed in SEEDS] for n in SIZES}  # (mtl (T,), stl (T,)) per seed

        for k, (name, color) in enumerate((("3 single-task nets (10-20-1 each)", "tab:orange"),
                                            ("1 multi-task net (shared 10-20 trunk, 3 heads)", "tab:blue"))):
            per_seed = np.array([[np.mean(r[1 - k]) for r in runs[n]] for n in SIZES])  # (sizes, seeds)
            mean = per_seed.mean(axis=1)
            left.fill_between(SIZES, per_seed.min(axis=1), per_seed.max(axis=1), color=color, alpha=0.2)
            left.plot(SIZES, mean, "o-", color=color, lw=2, label=name)
        left.axhline(1.0, color="0.5", ls=":", lw=1, label="predicting 0 (Var y = 1)")
        left.set_xscale("log")
        left.set_yscale("log")
        left.set_xticks(SIZES)
        left.set_xticklabels([str(n) for n in SIZES])
        left.set_xlabel("training examples per task")
        left.set_ylabel("validation MSE (mean over the 3 tasks)")
        left.set_title("Shared trunk vs separate nets: mean over 5 seeds,\nband = min to max; "
                       "tasks y_t = x·(B a_t) + noise, rank(B) = 2")
        left.legend(loc="lower left", fontsize=8)
        left.grid(alpha=0.3, which="both")

    with panel(right):
        if runs is None:
            placeholder(right, "needs init_mtl_params, mtl_forward\nand mtl_loss_and_grads")
            return _finish(fig)
        for n, marker, color in ((20, "o", "tab:purple"), (100, "s", "tab:green")):
            mtl = np.concatenate([r[0] for r in runs[n]])
            stl = np.concatenate([r[1] for r in runs[n]])
            wins = int(np.sum(mtl < stl))
            right.scatter(stl, mtl, marker=marker, s=40, color=color, edgecolor="k", alpha=0.85,
                          label=f"{n} examples per task: multi-task better on {wins}/{mtl.size}")
        lo = min(right.get_xlim()[0], right.get_ylim()[0])
        hi = max(right.get_xlim()[1], right.get_ylim()[1])
        right.plot([lo, hi], [lo, hi], "k--", lw=1, label="equal error")
        right.set_xscale("log")
        right.set_yscale("log")
        right.set_xlabel("single-task validation MSE")
        right.set_ylabel("multi-task validation MSE")
        right.set_title("Each task of each seed: points below the\ndiagonal are tasks that gain from sharing")
        right.legend(loc="upper left", fontsize=8)
        right.grid(alpha=0.3, which="both")

    return _finish(fig)


def _finish(fig):
    fig.suptitle("7.7 Multi-task learning: the shared parameters see the pooled examples of every task")
    fig.tight_layout()
    return fig
