# Generated from solutions/ch08/figure_optimization_challenges.py by dlbook build. Edit that file instead.
"""Figure for 8.2: a cliff, and what gradient clipping does there (an analog of Fig 8.3).

The objective is a deep product chain with one shared weight, J(θ) = ½(x·θ^L − y)² with
L = 10: all ten weights of ``product_chain_loss_and_grad`` set to θ, so dJ/dθ is the sum of the
ten partial derivatives. Its walls are cliffs: the gradient grows like θ^(2L−1).

(a) J(θ) with plain gradient descent and norm-clipped gradient descent
    (``clip_grad_norm``) from the same start on the wall and the same learning rate: the plain
    step catapults θ far off the plot, the clipped steps walk down the wall to a minimum.
    ``taylor_step_analysis`` shows why: the learning rate is far above ε_max at the start.
(b) The cost per iteration of both runs.
"""
import numpy as np

from autograder.figures import attempt, new_figure, panel

L, X, Y = 10, 1.0, 0.5
THETA0, LR, CLIP, STEPS = 1.15, 0.05, 1.0, 12
GRID = np.linspace(-1.3, 1.3, 521)


def _objective(mod):
    """J(θ) and dJ/dθ of the shared-weight chain, from the module's own function."""
    def product_chain_loss_and_grad(theta):
        loss, grad = mod.product_chain_loss_and_grad(np.full(L, float(theta)), X, Y)
        return float(np.asarray(loss, dtype=float)), float(np.sum(np.asarray(grad, dtype=float)))
    return product_chain_loss_and_grad


def _run(mod, clip):
    """Gradient descent on θ, with or without clipping; stops once θ leaves the plot for good."""
    objective = _objective(mod)

    def descend():
        thetas, losses = [THETA0], [objective(THETA0)[0]]
        for _ in range(STEPS):
            _, g = objective(thetas[-1])
            if clip:
                clipped, _ = mod.clip_grad_norm([np.array([g])], CLIP)
                g = float(np.asarray(clipped[0], dtype=float).ravel()[0])
            theta = thetas[-1] - LR * g
            loss = objective(theta)[0] if abs(theta) < 1e3 else np.inf
            thetas.append(theta)
            losses.append(loss)
            if not np.isfinite(loss):
                break
        return np.array(thetas), np.array(losses)
    descend.__name__ = "clip_grad_norm" if clip else "product_chain_loss_and_grad"
    return descend


def _maybe(fn, *args):
    """fn(*args), or None if it is not implemented yet or fails (the panel then draws the rest)."""
    try:
        return fn(*args)
    except Exception:  # noqa: BLE001 - a student's bug must not break the figure
        return None


def figure(mod):
    fig, axes = new_figure(1, 2, width=6.0, height=4.6)
    ax_cliff, ax_loss = axes[0]

    with panel(ax_cliff):
        ax_cliff.set_title("(a) A cliff: plain vs clipped gradient descent")
        objective = _objective(mod)
        J = np.array([attempt(ax_cliff, objective, t)[0] for t in GRID])
        plain = attempt(ax_cliff, _run(mod, clip=False))
        clipped = _maybe(_run(mod, clip=True))
        ax_cliff.plot(GRID, J, color="0.3", lw=2, label=r"$J(\theta) = \frac{1}{2}(\theta^{10} - 0.5)^2$")
        if clipped is not None:
            ax_cliff.plot(clipped[0], clipped[1], "o-", color="tab:green", ms=5, lw=1.2,
                          label=f"clipped GD (‖g‖ ≤ {CLIP:g}), ε = {LR:g}")
        else:
            ax_cliff.text(0.5, 0.12, "clip_grad_norm is not implemented yet", transform=ax_cliff.transAxes,
                          ha="center", fontsize=9, color="0.35")
        ax_cliff.plot(plain[0][:1], plain[1][:1], "s", color="tab:red", ms=9, label=f"plain GD, ε = {LR:g}")
        ax_cliff.annotate("", xy=(GRID[0], plain[1][0]), xytext=(THETA0, plain[1][0]),
                          arrowprops=dict(arrowstyle="->", color="tab:red", lw=1.8, ls="--"))
        ax_cliff.text(0.0, plain[1][0] + 0.4, f"plain step: θ → {plain[0][1]:.1f}, J = {plain[1][1]:.0e}\n"
                                              "(catapulted far off the plot)",
                      ha="center", va="bottom", color="tab:red", fontsize=9)
        g0 = objective(THETA0)[1]
        h = 1e-5
        curv = (objective(THETA0 + h)[1] - objective(THETA0 - h)[1]) / (2 * h)
        info = _maybe(mod.taylor_step_analysis, np.array([g0]), np.array([[curv]]), LR)
        text = (f"at θ₀ = {THETA0}: g = {g0:.0f}, ε_max = {float(info['eps_max']):.1e} ≪ ε = {LR:g};\n"
                f"Taylor-predicted change of the plain step: {float(info['predicted_change']):+.0f}"
                if isinstance(info, dict) else "taylor_step_analysis is not implemented yet")
        ax_cliff.text(0.5, 0.97, text, transform=ax_cliff.transAxes, ha="center", va="top", fontsize=8,
                      color="0.25", bbox=dict(boxstyle="round", fc="white", ec="0.7"))
        ax_cliff.set_xlim(GRID[0], GRID[-1])
        ax_cliff.set_ylim(-0.3, 12.0)
        ax_cliff.set_xlabel(r"shared weight $\theta$ (all $L = 10$ layers)")
        ax_cliff.set_ylabel(r"cost $J(\theta)$")
        ax_cliff.legend(loc="center", bbox_to_anchor=(0.5, 0.3), fontsize=8)
        ax_cliff.grid(alpha=0.3, which="both")

    with panel(ax_loss):
        ax_loss.set_title("(b) Cost per iteration")
        plain = attempt(ax_loss, _run(mod, clip=False))
        clipped = attempt(ax_loss, _run(mod, clip=True))
        ax_loss.semilogy(np.arange(len(clipped[1])), clipped[1] + 1e-12, "o-", color="tab:green",
                         label="clipped GD")
        finite = np.isfinite(plain[1])
        ax_loss.semilogy(np.arange(len(plain[1]))[finite], plain[1][finite], "s-", color="tab:red", label="plain GD")
        if not finite.all():
            k = int(np.argmin(finite))
            ax_loss.annotate("the next step overflows:\nθ never comes back", xy=(k - 1, plain[1][k - 1]),
                             xytext=(k + 1.5, 1e8),
                             color="tab:red", fontsize=9, arrowprops=dict(arrowstyle="->", color="tab:red"))
        ax_loss.set_xlabel("iteration")
        ax_loss.set_ylabel(r"cost $J(\theta_t)$ (log scale)")
        ax_loss.set_xlim(-0.5, STEPS + 0.5)
        ax_loss.legend(loc="center right", fontsize=8)
        ax_loss.grid(alpha=0.3, which="both")

    fig.suptitle("8.2 Cliffs and exploding gradients: clipping caps the step, keeps the direction")
    fig.tight_layout()
    return fig
