"""Figure for 8.6: steepest descent zig-zags, conjugate gradients do not (an analog of Fig 8.6).

(a) Contours of the 2-D quadratic J(θ) = ½θᵀAθ − bᵀθ with condition number 10 and steepest
    descent with exact line searches: one iteration of ``conjugate_gradient_quadratic`` (β₁ = 0)
    from each point. Successive steps are orthogonal.
(b) The same quadratic: CG (``conjugate_gradient_quadratic``) reaches the minimum in two line
    searches, and one ``newton_step`` jumps there directly.
(c) The relative gap J(θ_t) − J* on a 30-dimensional quadratic with eigenvalues evenly spread
    in [1, 1000]: steepest descent and CG with exact line searches; BFGS from M₀ = I
    (``bfgs_inverse_update``) and L-BFGS with 5 pairs and γ = sᵀy/yᵀy (``lbfgs_direction``),
    both with a simple backtracking line search; Newton's single step.
"""
import numpy as np

from autograder.figures import attempt, new_figure, panel

A2 = np.array([[5.5, 4.5], [4.5, 5.5]])  # eigenvalues 1 and 10, axes rotated by 45°
B2 = np.array([1.0, 1.0])
START2 = np.array([0.1, 0.1]) + 0.32 * np.array([-11.0, 9.0])  # the worst case for steepest descent
D, STEPS = 30, 60


def _contours(ax):
    star = np.linalg.solve(A2, B2)
    u, v = np.meshgrid(np.linspace(-4.5, 4.5, 241), np.linspace(-4.0, 4.0, 241))
    P = np.stack([u, v], axis=-1)
    J = 0.5 * np.einsum("...i,ij,...j->...", P, A2, P) - P @ B2
    J_star = -0.5 * B2 @ star
    ax.contour(u, v, J - J_star, levels=np.geomspace(0.02, 80, 14), cmap="Greys", linewidths=0.8)
    ax.plot(*star, "*", color="gold", ms=16, mec="k", zorder=5, label=r"minimum $A^{-1}b$")
    ax.set_xlabel(r"$\theta_1$")
    ax.set_ylabel(r"$\theta_2$")
    ax.set_aspect("equal")
    ax.set_xlim(-4.5, 4.5)
    ax.set_ylim(-4.0, 4.0)


def _steepest_descent(mod, A, b, theta0, n):
    """n steepest-descent steps with exact line search: one CG iteration (β₁ = 0) at a time."""
    path = [np.asarray(theta0, dtype=float)]
    for _ in range(n):
        path.append(np.asarray(mod.conjugate_gradient_quadratic(A, b, path[-1], 1), dtype=float)[-1])
    return np.array(path)


def _quadratic_30d():
    rng = np.random.default_rng(0)
    Q, _ = np.linalg.qr(rng.normal(size=(D, D)))
    lam = np.linspace(1.0, 1e3, D)
    A = Q @ np.diag(lam) @ Q.T
    return (A + A.T) / 2, rng.normal(size=D), rng.normal(size=D) * 3


def _backtracking(J, theta, g, direction):
    """Largest ε in 1, 1/2, 1/4, ... with the Armijo condition (c = 1e-4)."""
    eps, J0, slope = 1.0, J(theta), g @ direction
    while J(theta + eps * direction) > J0 + 1e-4 * eps * slope and eps > 1e-12:
        eps /= 2
    return eps


def _quasi_newton(mod, A, b, theta0, memory=None):
    """BFGS (memory=None, bfgs_inverse_update) or L-BFGS (lbfgs_direction) with backtracking."""
    J = lambda t: 0.5 * t @ A @ t - b @ t  # noqa: E731
    theta, M = np.asarray(theta0, dtype=float), np.eye(len(theta0))
    S, Y, path = [], [], [theta]
    for _ in range(STEPS):
        g = A @ theta - b
        if np.linalg.norm(g) < 1e-13:
            break
        if memory is None:
            direction = -M @ g
        else:
            gamma = (S[-1] @ Y[-1]) / (Y[-1] @ Y[-1]) if S else 1.0
            direction = np.asarray(mod.lbfgs_direction(g, np.array(S).reshape(-1, len(g)),
                                                       np.array(Y).reshape(-1, len(g)), gamma), dtype=float)
        new = theta + _backtracking(J, theta, g, direction) * direction
        s, y = new - theta, A @ (new - theta)
        if memory is None:
            M = np.asarray(mod.bfgs_inverse_update(M, s, y), dtype=float)
        else:
            S, Y = (S + [s])[-memory:], (Y + [y])[-memory:]
        theta = new
        path.append(theta)
    return np.array(path)


def figure(mod):
    fig, axes = new_figure(1, 3, width=5.0, height=4.6)
    ax_sd, ax_cg, ax_err = axes[0]

    with panel(ax_sd):
        ax_sd.set_title("(a) Steepest descent, exact line search")
        attempt(ax_sd, mod.conjugate_gradient_quadratic, A2, B2, START2, 1)
        path = _steepest_descent(mod, A2, B2, START2, 12)
        _contours(ax_sd)
        ax_sd.plot(path[:, 0], path[:, 1], "o-", color="tab:red", ms=4, lw=1.4,
                   label="steepest descent (12 steps)")
        ax_sd.plot(*START2, "ks", ms=7, label=r"start $\theta_0$")
        ax_sd.legend(loc="lower right", fontsize=8)

    with panel(ax_cg):
        ax_cg.set_title("(b) Conjugate gradients and Newton")
        cg = np.asarray(attempt(ax_cg, mod.conjugate_gradient_quadratic, A2, B2, START2, 2), dtype=float)
        _contours(ax_cg)
        ax_cg.plot(cg[:, 0], cg[:, 1], "o-", color="tab:blue", ms=6, lw=2, label="CG: 2 line searches")
        try:
            newton = np.asarray(mod.newton_step(START2, A2 @ START2 - B2, A2), dtype=float)
            ax_cg.annotate("", xy=newton, xytext=START2,
                           arrowprops=dict(arrowstyle="->", color="tab:green", lw=1.8, ls="--"))
            ax_cg.plot([], [], "--", color="tab:green", label="one Newton step")
        except Exception:  # noqa: BLE001 - a student's bug must not break the figure
            ax_cg.text(0.5, 0.96, "newton_step: not implemented yet (or failed)", transform=ax_cg.transAxes,
                       ha="center", va="top", fontsize=9, color="0.35")
        ax_cg.plot(*START2, "ks", ms=7, label=r"start $\theta_0$")
        ax_cg.legend(loc="lower right", fontsize=8)

    with panel(ax_err):
        ax_err.set_title(f"(c) A {D}-d quadratic, condition number 1000")
        A, b, theta0 = _quadratic_30d()
        star = np.linalg.solve(A, b)
        J = lambda t: 0.5 * t @ A @ t - b @ t  # noqa: E731
        J_star = J(star)
        runs = [("steepest descent (exact l.s.)", "tab:red", "-",
                 lambda: _steepest_descent(mod, A, b, theta0, STEPS)),
                ("CG (exact l.s.)", "tab:blue", "-",
                 lambda: np.asarray(mod.conjugate_gradient_quadratic(A, b, theta0, STEPS), dtype=float)),
                ("BFGS, $M_0 = I$ (backtracking)", "tab:purple", "--", lambda: _quasi_newton(mod, A, b, theta0)),
                (r"L-BFGS, 5 pairs, $\gamma = s^\top y / y^\top y$ (backtracking)", "tab:orange", "--",
                 lambda: _quasi_newton(mod, A, b, theta0, memory=5)),
                ("Newton (one step)", "tab:green", ":",
                 lambda: np.array([theta0, np.asarray(mod.newton_step(theta0, A @ theta0 - b, A), dtype=float)]))]
        drawn, missing = 0, []
        for label, color, ls, run in runs:
            try:
                path = run()
            except Exception:  # noqa: BLE001
                missing.append(label.split(" (")[0].split(",")[0])
                continue
            gap = np.array([J(t) - J_star for t in path]) / (J(theta0) - J_star)
            ax_err.semilogy(np.arange(len(gap)), np.maximum(gap, 1e-17), ls, color=color, lw=2, label=label)
            drawn += 1
        if not drawn:
            attempt(ax_err, mod.conjugate_gradient_quadratic, A, b, theta0, STEPS)
        if missing:
            ax_err.text(0.97, 0.76, "not drawn (not implemented\nyet, or failed):\n" + "\n".join(missing),
                        transform=ax_err.transAxes, ha="right", va="top", fontsize=8, color="0.35")
        ax_err.axvline(D, color="0.6", lw=0.8, ls=":")
        ax_err.text(D + 0.5, 1e-15, f"d = {D}", color="0.4", fontsize=8)
        ax_err.set_ylim(1e-17, 1e6)
        ax_err.set_xlabel("iteration (line search)")
        ax_err.set_ylabel(r"$(J(\theta_t) - J^*) \,/\, (J(\theta_0) - J^*)$ (log scale)")
        ax_err.legend(loc="upper right", fontsize=7, ncol=1)
        ax_err.grid(alpha=0.3, which="both")

    fig.suptitle("8.6 Second-order methods on quadratics: conjugate directions undo no progress")
    fig.tight_layout()
    return fig
