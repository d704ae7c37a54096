# Generated from solutions/ch08/figure_sgd_momentum.py by dlbook build. Edit that file instead.
"""Figure for 8.3: SGD, momentum and Nesterov momentum in a long, narrow canyon (Fig 8.5 analog).

The objective is an ill-conditioned quadratic J(θ) = ½(θ − θ*)ᵀA(θ − θ*) in 2-D, rotated 30°,
with curvatures 0.1 along the canyon and 10 across it (condition number 100). Every method
runs 50 steps of the module's own ``run_optimizer`` from the same start with the same ε; SGD
is the module's ``sgd_step`` with a constant rate (ε_τ = ε0), momentum and Nesterov use α = 0.9.

(a) Contours with the three trajectories: SGD crawls along the canyon, momentum runs along it
    and overshoots, Nesterov's look-ahead damps the overshoot.
(b) The excess cost J(θ_t) − J* per iteration, log scale.
(c) The linear learning-rate decay of eq 8.14, read off the module's ``sgd_step``.
"""
import numpy as np

from autograder.figures import attempt, new_figure, panel

ANGLE = np.deg2rad(30.0)
R = np.array([[np.cos(ANGLE), -np.sin(ANGLE)], [np.sin(ANGLE), np.cos(ANGLE)]])
A = R @ np.diag([0.1, 10.0]) @ R.T
THETA_STAR = np.array([0.0, 0.0])
THETA0 = R @ np.array([-9.0, 1.0])
LR, ALPHA, STEPS = 0.13, 0.9, 50
SCHEDULE = dict(eps0=0.1, eps_tau=0.001, tau=100)


def _grad(theta):
    return A @ (np.asarray(theta, dtype=float) - THETA_STAR)


def _cost(theta):
    d = np.asarray(theta, dtype=float) - THETA_STAR
    return 0.5 * np.einsum("...i,ij,...j->...", d, A, d)


def _sgd(mod):
    """The module's sgd_step in the optimizer-step contract (the iteration k lives in the state)."""
    def sgd_step(theta, grad, state, lr):
        k = state.get("k", 0)
        return mod.sgd_step(theta, grad, k, lr, lr, 1), {"k": k + 1}
    return sgd_step


def _methods(mod):
    return [("SGD (sgd_step, constant ε)", _sgd(mod), {}, "tab:red", "o"),
            (f"momentum (momentum_step), α = {ALPHA:g}", getattr(mod, "momentum_step", None), {"alpha": ALPHA},
             "tab:blue", "s"),
            (f"Nesterov (nesterov_step), α = {ALPHA:g}", getattr(mod, "nesterov_step", None), {"alpha": ALPHA},
             "tab:green", "^")]


def _trajectories(mod, ax):
    """{label: trajectory} for every method that runs; a placeholder if none does."""
    out, errors = {}, []
    for label, step, hp, _, _ in _methods(mod):
        try:
            traj = np.asarray(mod.run_optimizer(step, THETA0, _grad, STEPS, lr=LR, **hp), dtype=float)
            if traj.shape != (STEPS + 1, 2):
                raise ValueError(f"trajectory of shape {traj.shape}")
            out[label] = traj
        except Exception as exc:  # noqa: BLE001 - a student's bug must not break the figure
            why = "not implemented yet" if isinstance(exc, NotImplementedError) else f"failed ({type(exc).__name__})"
            errors.append(f"{label.split(' (')[0]}: {why}")
    if not out:
        attempt(ax, mod.run_optimizer, _sgd(mod), THETA0, _grad, STEPS, lr=LR)  # draws the placeholder
    return out, errors


def figure(mod):
    fig, axes = new_figure(1, 3, width=5.0, height=4.6, gridspec_kw={"width_ratios": [1.5, 1.0, 1.0]})
    ax_path, ax_cost, ax_lr = axes[0]
    fig.set_size_inches(17.0, 5.2)
    styles = {label: (color, marker) for label, _, _, color, marker in _methods(mod)}

    with panel(ax_path):
        ax_path.set_title(f"(a) {STEPS} steps in a canyon (κ = 100), ε = {LR:g}")
        U, V = np.meshgrid(np.linspace(-10, 3.5, 400), np.linspace(-6.5, 3.5, 300))
        J = _cost(np.stack([U, V], axis=-1))
        ax_path.contourf(U, V, J, levels=np.geomspace(0.01, 200, 16), cmap="Greys", alpha=0.3)
        ax_path.contour(U, V, J, levels=np.geomspace(0.01, 200, 16), colors="0.6", linewidths=0.6)
        paths, errors = _trajectories(mod, ax_path)
        for label, traj in paths.items():
            color, marker = styles[label]
            ax_path.plot(traj[:, 0], traj[:, 1], marker + "-", color=color, ms=3, lw=1.3, label=label)
        ax_path.plot(*THETA0, "k*", ms=12, label=r"start $\theta_0$")
        ax_path.plot(*THETA_STAR, "kx", ms=10, mew=2, label=r"minimum $\theta^*$")
        if errors:
            ax_path.text(0.02, 0.02, "\n".join(errors), transform=ax_path.transAxes, fontsize=8, color="0.35")
        ax_path.set_xlim(-10, 3.5)
        ax_path.set_ylim(-6.5, 3.5)
        ax_path.set_aspect("equal")
        ax_path.set_xlabel(r"$\theta_1$")
        ax_path.set_ylabel(r"$\theta_2$")
        ax_path.legend(loc="upper left", fontsize=8)

    with panel(ax_cost):
        ax_cost.set_title("(b) Excess cost per iteration")
        paths, _ = _trajectories(mod, ax_cost)
        for label, traj in paths.items():
            color, marker = styles[label]
            ax_cost.semilogy(np.arange(STEPS + 1), _cost(traj) + 1e-16, marker + "-", color=color, ms=3, lw=1.3,
                             label=label.split(" (")[0])
        ax_cost.set_xlabel("iteration $t$")
        ax_cost.set_ylabel(r"$J(\theta_t) - J^*$ (log scale)")
        ax_cost.legend(loc="lower left", fontsize=8)
        ax_cost.grid(alpha=0.3, which="both")

    with panel(ax_lr):
        e0, et, tau = SCHEDULE["eps0"], SCHEDULE["eps_tau"], SCHEDULE["tau"]
        ax_lr.set_title(r"(c) Linear decay of $\epsilon_k$ (eq 8.14)")
        ks = np.arange(0, 2 * tau + 1)
        # θ = 0 and ĝ = −1: the step returns ε_k itself.
        eps = np.array([float(np.asarray(attempt(ax_lr, mod.sgd_step, np.zeros(1), -np.ones(1), int(k), e0, et, tau),
                                         dtype=float).ravel()[0]) for k in ks])
        ax_lr.plot(ks, eps, color="tab:red", lw=2, label=r"$\epsilon_k$ from sgd_step")
        ax_lr.axvline(tau, color="0.5", ls="--", lw=1)
        ax_lr.annotate(rf"$k = \tau = {tau}$: $\epsilon_\tau = \epsilon_0/100$," "\nthen constant", xy=(tau, et),
                       xytext=(tau * 1.04, e0 * 0.3), fontsize=8, arrowprops=dict(arrowstyle="->", color="0.3"))
        ax_lr.plot([0], [e0], "o", color="tab:red")
        ax_lr.text(6, e0 * 1.0, rf"$\epsilon_0 = {e0:g}$", va="top", fontsize=9)
        ax_lr.set_xlabel("iteration $k$")
        ax_lr.set_ylabel(r"learning rate $\epsilon_k$")
        ax_lr.legend(loc="upper right", fontsize=8)
        ax_lr.grid(alpha=0.3)

    fig.suptitle("8.3 Basic algorithms: momentum accumulates the steps along the canyon floor")
    fig.tight_layout()
    return fig
