# Generated from solutions/ch08/figure_meta_algorithms.py by dlbook build. Edit that file instead.
"""Figure for 8.7: continuation, coordinate descent and Polyak averaging.

(a) Continuation (sec 8.7.6, eq 8.40): a wiggly 1-D cost J and its Gaussian blurs J⁽ⁱ⁾ for
    σ = 2, 1, 0.5, 0 (``gaussian_smoothed``). Each level is minimized by local descent started
    at the previous level's minimizer; the path ends in the global minimum, while local descent
    on J itself, from the same start, stops in the nearest local minimum.
(b) Coordinate descent (sec 8.7.2) on the book's f(x) = (x₁ − x₂)² + α(x₁² + x₂²) with α = 0.1
    (``coordinate_descent_quadratic``): the strongly coupled variables force a staircase of
    short steps down the diagonal valley.
(c) Polyak averaging (sec 8.7.3, ``polyak_average``): noisy gradient descent on an
    ill-conditioned quadratic stalls at its noise floor; both averages get closer to the
    minimum than the iterates. The running mean keeps improving but remembers the distant
    start; the exponential average (eq 8.39) forgets it quickly.
"""
import numpy as np

from autograder.figures import attempt, new_figure, panel

SIGMAS = (2.0, 1.0, 0.5, 0.0)
GRID = np.linspace(-7.0, 5.0, 481)
THETA0 = -5.5


def wiggly(theta):
    """The 1-D cost of panel (a): a bowl with wiggles, global minimum near θ = 1."""
    theta = np.asarray(theta, dtype=float)
    return 0.06 * (theta - 1.0) ** 2 - 0.7 * np.cos(3.0 * (theta - 1.0)) - 0.35 * np.sin(1.9 * theta + 0.5)


def _descend(values, start):
    """Local descent on a grid: from the grid point nearest ``start``, step downhill until stuck."""
    i = int(np.argmin(np.abs(GRID - start)))
    while True:
        nbrs = [j for j in (i - 1, i + 1) if 0 <= j < len(GRID)]
        j = min(nbrs, key=lambda k: values[k])
        if values[j] >= values[i]:
            return i
        i = j


def _continuation(ax, mod):
    ax.set_title("(a) Continuation: minimize ever less blurred costs")
    colors = {2.0: "#c6dbef", 1.0: "#6baed6", 0.5: "#2171b5", 0.0: "black"}
    curves = {}
    for s in SIGMAS:
        curves[s] = np.array([float(np.asarray(attempt(ax, mod.gaussian_smoothed, wiggly, float(t), s)))
                              for t in GRID])
    start, path = THETA0, []
    for s in SIGMAS:
        i = _descend(curves[s], start)
        path.append((GRID[i], curves[s][i]))
        start = GRID[i]
    for s in SIGMAS:
        label = r"$J(\theta)$ ($\sigma = 0$)" if s == 0 else rf"$J^{{(i)}}$, $\sigma = {s:g}$"
        ax.plot(GRID, curves[s], color=colors[s], lw=2.2 if s == 0 else 1.8, label=label)
    for (x0, y0), (x1, y1) in zip(path[:-1], path[1:]):
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops=dict(arrowstyle="->", color="tab:green", lw=1.5))
    ax.plot(*zip(*path), "o", color="tab:green", ms=7, zorder=5, label="warm-started minimizers")
    stuck = _descend(curves[0.0], THETA0)
    ax.plot([THETA0], [curves[2.0][int(np.argmin(np.abs(GRID - THETA0)))]], "k^", ms=8, label=f"start θ = {THETA0:g}")
    ax.plot([GRID[stuck]], [curves[0.0][stuck]], "X", color="tab:red", ms=10, zorder=5,
            label="local descent on J alone")
    ax.set_xlabel(r"parameter $\theta$")
    ax.set_ylabel(r"cost $J^{(i)}(\theta) = \mathbb{E}_{\theta' \sim N(\theta, \sigma^2)} J(\theta')$")
    ax.legend(fontsize=8, loc="upper center")
    ax.set_ylim(-1.4, 4.3)
    ax.grid(alpha=0.3)


def _coordinate_descent(ax, mod, alpha=0.1, x0=(-1.5, 1.2), sweeps=12):
    ax.set_title(rf"(b) Coordinate descent, $(x_1 - x_2)^2 + {alpha:g}(x_1^2 + x_2^2)$")
    A = np.array([[2 + 2 * alpha, -2.0], [-2.0, 2 + 2 * alpha]])
    xs = np.asarray(attempt(ax, mod.coordinate_descent_quadratic, A, np.zeros(2), np.array(x0), sweeps), dtype=float)
    g = np.linspace(-2.0, 2.0, 201)
    X1, X2 = np.meshgrid(g, g)
    F = (X1 - X2) ** 2 + alpha * (X1 ** 2 + X2 ** 2)
    ax.contour(X1, X2, F, levels=np.geomspace(0.01, 8, 14), colors="0.6", linewidths=0.8)
    stairs = [xs[0]]
    for k in range(1, len(xs)):
        stairs += [np.array([xs[k][0], xs[k - 1][1]]), xs[k]]
    stairs = np.array(stairs)
    ax.plot(stairs[:, 0], stairs[:, 1], "-", color="tab:purple", lw=1.5, label="one coordinate at a time")
    ax.plot(xs[:, 0], xs[:, 1], "o", color="tab:purple", ms=4, label=f"after each sweep ({sweeps} sweeps)")
    ax.plot([x0[0]], [x0[1]], "k^", ms=8, label="start x0")
    ax.plot([0], [0], "*", color="tab:orange", ms=14, label="minimum")
    shrink = xs[-1, 1] / xs[-2, 1]
    ax.text(0.03, 0.96, f"x₂ shrinks by {shrink:.3f} per sweep\n(= 1/(1+α)²)", transform=ax.transAxes,
            va="top", fontsize=8, color="0.25", bbox=dict(boxstyle="round", fc="white", ec="0.7"))
    ax.set_xlabel(r"$x_1$")
    ax.set_ylabel(r"$x_2$")
    ax.set_aspect("equal")
    ax.legend(fontsize=8, loc="lower right")


def _polyak(ax, mod, T=400, runs=40, lr=0.1, noise=1.0, alpha=0.95):
    ax.set_title("(c) Polyak averaging of noisy gradient descent")
    rng = np.random.default_rng(0)
    curv = np.array([1.0, 10.0])  # an ill-conditioned quadratic bowl, minimum at 0
    sq = {"iterates": 0.0, "mean": 0.0, "ema": 0.0}
    for _ in range(runs):
        theta, thetas = np.array([-4.0, 2.5]), []
        for _ in range(T):
            theta = theta - lr * (curv * theta + noise * rng.normal(size=2))
            thetas.append(theta)
        thetas = np.array(thetas)
        mean = np.asarray(attempt(ax, mod.polyak_average, thetas), dtype=float)
        ema = np.asarray(attempt(ax, mod.polyak_average, thetas, alpha), dtype=float)
        for key, path in (("iterates", thetas), ("mean", mean), ("ema", ema)):
            sq[key] = sq[key] + np.sum(path ** 2, axis=1) / runs
    t = np.arange(1, T + 1)
    ax.loglog(t, np.sqrt(sq["iterates"]), "-", color="0.5", lw=1.5, label=r"iterates $\theta^{(t)}$")
    ax.loglog(t, np.sqrt(sq["mean"]), "-", color="tab:blue", lw=2,
              label=r"running mean $\frac{1}{t}\sum_{i \leq t} \theta^{(i)}$")
    ax.loglog(t, np.sqrt(sq["ema"]), "-", color="tab:red", lw=2, label=f"EMA, α = {alpha:g} (eq 8.39)")
    ax.text(0.03, 0.04, f"noisy GD on ½(θ₁² + 10θ₂²)\nε = {lr:g}, start (−4, 2.5)\nRMS over {runs} runs",
            transform=ax.transAxes, fontsize=8, color="0.25", bbox=dict(boxstyle="round", fc="white", ec="0.7"))
    ax.set_xlabel("iteration t")
    ax.set_ylabel(r"distance to the minimum (RMS over runs)")
    ax.legend(fontsize=8, loc="upper right")
    ax.grid(alpha=0.3, which="both")


def figure(mod):
    fig, axes = new_figure(1, 3, width=5.6, height=5.0)
    ax_cont, ax_cd, ax_polyak = axes[0]
    with panel(ax_cont):
        _continuation(ax_cont, mod)
    with panel(ax_cd):
        _coordinate_descent(ax_cd, mod)
    with panel(ax_polyak):
        _polyak(ax_polyak, mod)
    fig.suptitle("8.7 Meta-algorithms: continuation, coordinate descent and Polyak averaging")
    fig.tight_layout()
    return fig
