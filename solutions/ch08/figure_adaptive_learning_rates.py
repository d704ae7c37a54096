"""Figure for 8.5: per-parameter learning rates help only when the sensitivity is axis-aligned.

The cost is an ill-conditioned quadratic J(θ) = ½θᵀHθ with curvatures 1 and 50, once with its
axes along the coordinates (H diagonal) and once rotated by 45°, started from the same point
rotated with it. Gradient descent and momentum are rotation invariant: their two trajectories
are the same, rotated. AdaGrad, RMSProp and Adam rescale each *coordinate*, which equalizes the
two curvatures only when they sit on the coordinate axes.

(a) Contours and trajectories on the axis-aligned quadratic (60 steps each).
(b) The same on the rotated quadratic.
(c) The cost after 60 steps for both geometries (log scale), RMSProp with Nesterov momentum
    included.

SGD (here full-batch gradient descent) and momentum are written out in this file; the adaptive
steps are the module's own.
"""
import numpy as np

from autograder.figures import new_figure, panel, placeholder

CURV = np.array([1.0, 50.0])
THETA0 = np.array([-4.0, 1.5])
STEPS = 60
_c = np.cos(np.pi / 4)
ROT = np.array([[_c, -_c], [_c, _c]])
GEOMETRIES = {"axis-aligned": (np.diag(CURV), THETA0), "rotated 45°": (ROT @ np.diag(CURV) @ ROT.T, ROT @ THETA0)}


def _gd_step(theta, grad, state, lr):
    return theta - lr * grad, state


def _momentum_step(theta, grad, state, lr, alpha=0.9):
    v = alpha * state.get("v", 0.0) - lr * grad
    return theta + v, {"v": v}


def _methods(mod):
    """(label, step, hyperparameters, colour, takes grad_fn) for every method of the figure."""
    return [
        ("SGD (GD)", _gd_step, {"lr": 0.033}, "0.45", False),
        ("momentum", _momentum_step, {"lr": 0.012}, "tab:brown", False),
        ("AdaGrad", getattr(mod, "adagrad_step", None), {"lr": 1.5}, "tab:blue", False),
        ("RMSProp", getattr(mod, "rmsprop_step", None), {"lr": 0.17}, "tab:green", False),
        ("Adam", getattr(mod, "adam_step", None), {"lr": 0.5}, "tab:red", False),
        ("RMSProp+Nesterov", getattr(mod, "rmsprop_nesterov_step", None),
         {"lr": 0.1, "rho": 0.9, "alpha": 0.5}, "tab:purple", True),
    ]


def _trajectory(step, H, theta0, hyper, takes_fn):
    """θ_0 ... θ_STEPS from the empty state, or None if the step is missing or fails."""
    if step is None:
        return None
    try:
        theta, state, out = theta0.copy(), {}, [theta0.copy()]
        for _ in range(STEPS):
            g = (lambda x: H @ np.asarray(x, dtype=float)) if takes_fn else H @ theta
            theta, state = step(theta, g, state, **hyper)
            theta = np.asarray(theta, dtype=float).reshape(2)
            out.append(theta)
        traj = np.array(out)
        return traj if np.all(np.isfinite(traj)) else None
    except Exception:  # noqa: BLE001 - a student's bug must not break the figure
        return None


def _cost(H, traj):
    return 0.5 * np.einsum("ti,ij,tj->t", traj, H, traj)


def figure(mod):
    fig, axes = new_figure(1, 3, width=5.0, height=4.8)
    methods = _methods(mod)
    runs = {geo: {label: _trajectory(step, H, th0, hp, fn) for label, step, hp, _, fn in methods}
            for geo, (H, th0) in GEOMETRIES.items()}
    adaptive = [m[0] for m in methods[2:5]]
    missing = [name for (label, *_), name in zip(methods[2:], ["adagrad_step", "rmsprop_step", "adam_step",
                                                                 "rmsprop_nesterov_step"])
               if runs["axis-aligned"][label] is None]

    X, Y = np.meshgrid(np.linspace(-4.6, 1.6, 311), np.linspace(-4.6, 3.1, 311))
    windows = {"axis-aligned": ((-4.5, 1.5), (-3.0, 3.0)), "rotated 45°": ((-4.5, 1.5), (-4.5, 1.5))}
    for ax, (geo, (H, th0)) in zip(axes[0][:2], GEOMETRIES.items()):
        with panel(ax):
            ax.set_title(f"({'ab'[list(GEOMETRIES).index(geo)]}) {geo}: curvatures 1 and 50")
            Z = 0.5 * (H[0, 0] * X ** 2 + 2 * H[0, 1] * X * Y + H[1, 1] * Y ** 2)
            ax.contour(X, Y, Z, levels=np.geomspace(0.02, 400, 14), colors="0.8", linewidths=0.8)
            for k, (label, _, hp, colour, _) in enumerate(methods[:5]):
                traj = runs[geo][label]
                if traj is None:
                    continue
                style = dict(ls="--", lw=1.0, marker=None, zorder=2) if k < 2 else \
                    dict(ls="-", lw=1.4, marker="o", ms=2.2, zorder=3)
                ax.plot(traj[:, 0], traj[:, 1], color=colour, alpha=0.9, label=f"{label}, ε = {hp['lr']:g}", **style)
            ax.plot(*th0, "k*", ms=12, label="start")
            ax.plot(0, 0, "kx", ms=9, mew=2)
            if all(runs[geo][label] is None for label in adaptive):
                ax.text(0.03, 0.97, "not implemented yet:\n" + "\n".join(missing[:3]),
                        transform=ax.transAxes, ha="left", va="top", fontsize=9, color="0.35",
                        bbox=dict(boxstyle="round", fc="white", ec="0.7"))
            ax.set_xlim(*windows[geo][0])
            ax.set_ylim(*windows[geo][1])
            ax.set_aspect("equal")
            ax.set_xlabel(r"$\theta_1$")
            ax.set_ylabel(r"$\theta_2$")
            ax.legend(loc="lower right", fontsize=7.5, framealpha=0.9)

    ax = axes[0][2]
    with panel(ax):
        ax.set_title(f"(c) Cost after {STEPS} steps")
        labels = [m[0] for m in methods]
        done = [label for label in labels if runs["axis-aligned"][label] is not None]
        if len(done) == 2:  # only the baselines drawn in this file: nothing of the module works yet
            placeholder(ax, "not implemented yet:\n" + "\n".join(missing))
        else:
            x = np.arange(len(labels))
            for k, (geo, hatch, colour) in enumerate([("axis-aligned", "", "tab:cyan"),
                                                      ("rotated 45°", "//", "tab:orange")]):
                H = GEOMETRIES[geo][0]
                final = [(_cost(H, runs[geo][label])[-1] if runs[geo][label] is not None else np.nan)
                         for label in labels]
                ax.bar(x + (k - 0.5) * 0.38, np.maximum(final, 1e-22), width=0.38, color=colour, hatch=hatch,
                       edgecolor="0.3", label=geo)
            for i, label in enumerate(labels):
                if label not in done:
                    ax.text(i, 1e-21, "not\navailable", ha="center", va="bottom", fontsize=7, color="0.35",
                            rotation=90)
            ax.axhline(_cost(GEOMETRIES["axis-aligned"][0], THETA0[None])[0], color="0.5", ls=":", lw=1)
            ax.text(len(labels) - 0.5, _cost(GEOMETRIES["axis-aligned"][0], THETA0[None])[0] * 1.5,
                    "initial cost", ha="right", va="bottom", fontsize=8, color="0.4")
            ax.set_yscale("log")
            ax.set_ylim(1e-22, 1e4)
            ax.set_xticks(x)
            ax.set_xticklabels(labels, rotation=30, ha="right", fontsize=8)
            ax.set_ylabel(r"$J(\theta_{60})$ (log scale)")
            ax.legend(loc="upper left", fontsize=8)
            ax.grid(axis="y", alpha=0.3)

    fig.suptitle("8.5 Adaptive learning rates rescale coordinates: a big help when the curvature is "
                 "axis-aligned, much less once it is rotated")
    fig.tight_layout()
    return fig
