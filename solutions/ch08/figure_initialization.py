"""Figure for 8.4: how the initial scale carries signals through depth, and why symmetry must break.

(a) Forward pass of one batch through a 10-layer tanh MLP (200 units per layer): the standard
    deviation of each layer's activations for the heuristic U(−1/√m, 1/√m) (computed here),
    the module's ``glorot_uniform`` (eq 8.23), ``orthogonal_init`` (gain 1, from a Gaussian
    matrix) and ``sparse_init`` (k = 16 inputs per unit, scale 1/4).
(b) The same networks, backward: the standard deviation of the gradient with respect to each
    layer's activations, for a unit-variance gradient at the top.
(c) Symmetry breaking with the module's ``two_layer_grads``: gradient descent on a 1-D
    regression with 6 tanh units, started from 6 identical units and from random weights. The
    identical units stay identical, so the net learns exactly what a single unit learns.
"""
import numpy as np

from autograder.figures import attempt, new_figure, panel

DEPTH, WIDTH, BATCH = 10, 200, 250
HIDDEN, STEPS, LR = 6, 3000, 0.1


def _weights(mod, name, rng):
    """DEPTH weight matrices (WIDTH, WIDTH) for one initialization scheme."""
    m = WIDTH
    if name == "heuristic":
        return [rng.uniform(-1 / np.sqrt(m), 1 / np.sqrt(m), size=(m, m)) for _ in range(DEPTH)]
    if name == "glorot":
        return [np.asarray(mod.glorot_uniform(m, m, rng), dtype=float) for _ in range(DEPTH)]
    if name == "orthogonal":
        return [np.asarray(mod.orthogonal_init(rng.normal(size=(m, m)), 1.0), dtype=float) for _ in range(DEPTH)]
    return [np.asarray(mod.sparse_init(m, m, 16, rng, 0.25), dtype=float) for _ in range(DEPTH)]


SCHEMES = [("heuristic", r"$U(-1/\sqrt{m}, 1/\sqrt{m})$ (old heuristic)", "tab:gray", "o", None),
           ("glorot", "glorot_uniform (eq 8.23)", "tab:blue", "s", "glorot_uniform"),
           ("orthogonal", "orthogonal_init, gain 1", "tab:green", "^", "orthogonal_init"),
           ("sparse", "sparse_init, k = 16, scale 1/4", "tab:orange", "D", "sparse_init")]


def _stds(mod, memo):
    """{scheme: (forward stds, backward stds)} per layer, for every scheme that runs."""
    if "stds" in memo:
        return memo["stds"]
    X = np.random.default_rng(0).normal(size=(BATCH, WIDTH))
    out, missing = {}, []
    for name, _, _, _, fn in SCHEMES:
        try:
            Ws = _weights(mod, name, np.random.default_rng(1))
            if any(W.shape != (WIDTH, WIDTH) for W in Ws):
                raise ValueError("wrong shape")
        except Exception as exc:  # noqa: BLE001 - a student's bug must not break the figure
            missing.append(f"{fn}: {'not implemented yet' if isinstance(exc, NotImplementedError) else 'failed'}")
            continue
        H, hs = X, []
        for W in Ws:
            H = np.tanh(H @ W)
            hs.append(H)
        G, back = np.random.default_rng(2).normal(size=(BATCH, WIDTH)), []
        for W, H in zip(Ws[::-1], hs[::-1]):
            back.append(G.std())
            G = (G * (1 - H ** 2)) @ W.T
        out[name] = (np.array([h.std() for h in hs]), np.array(back[::-1]))
    memo["stds"] = (out, missing)
    return memo["stds"]


def _data():
    rng = np.random.default_rng(3)
    x = np.sort(rng.uniform(-2, 2, size=64))
    return x[:, None], np.sin(2 * x) + 0.3 * x


def _train(mod, symmetric):
    X, y = _data()
    rng = np.random.default_rng(4)
    if symmetric:
        W1, b1, w2 = np.full((1, HIDDEN), 0.7), np.full(HIDDEN, 0.2), np.full(HIDDEN, 0.3)
    else:
        W1, b1, w2 = rng.normal(size=(1, HIDDEN)) * 1.5, rng.normal(size=HIDDEN), rng.normal(size=HIDDEN) * 0.5
    b2 = 0.0

    def two_layer_grads():
        nonlocal W1, b1, w2, b2
        losses = []
        for _ in range(STEPS):
            losses.append(0.5 * np.mean((np.tanh(X @ W1 + b1) @ w2 + b2 - y) ** 2))
            g = mod.two_layer_grads(X, y, W1, b1, w2, b2)
            W1, b1 = W1 - LR * np.asarray(g["W1"], dtype=float), b1 - LR * np.asarray(g["b1"], dtype=float)
            w2, b2 = w2 - LR * np.asarray(g["w2"], dtype=float), b2 - LR * float(np.asarray(g["b2"]))
        losses.append(0.5 * np.mean((np.tanh(X @ W1 + b1) @ w2 + b2 - y) ** 2))
        return np.array(losses), W1, b1, w2, b2
    return two_layer_grads


def figure(mod):
    fig, axes = new_figure(1, 3, width=5.4, height=4.6)
    ax_fwd, ax_bwd, ax_sym = axes[0]
    layers = np.arange(1, DEPTH + 1)
    memo = {}

    for ax, which, title, ylabel in [
            (ax_fwd, 0, "(a) Forward: activations", r"std of activations $h^{(l)}$"),
            (ax_bwd, 1, "(b) Backward: gradients", r"std of $\partial L/\partial h^{(l)}$")]:
        with panel(ax):
            ax.set_title(f"{title}, 10-layer tanh MLP")
            stds, missing = _stds(mod, memo)
            for name, label, color, marker, _ in SCHEMES:
                if name in stds:
                    ax.semilogy(layers, stds[name][which], marker + "-", color=color, label=label, ms=5)
            for note in missing:  # listed in the legend, so they never cover a curve
                ax.plot([], [], " ", label=note)
            ax.set_xlabel("layer $l$" + (" (input side = 1)" if which else ""))
            ax.set_ylabel(ylabel + " (log scale)")
            ax.set_xticks(layers)
            ax.set_ylim(1e-3, 2)
            ax.legend(loc="lower left" if which == 0 else "lower right", fontsize=8)
            ax.grid(alpha=0.3, which="both")

    with panel(ax_sym):
        ax_sym.set_title(f"(c) Breaking symmetry: {HIDDEN} tanh units, GD")
        sym = attempt(ax_sym, _train(mod, True))
        rnd = attempt(ax_sym, _train(mod, False))
        t = np.arange(STEPS + 1)
        ax_sym.semilogy(t, rnd[0], color="tab:blue", lw=2, label="random initialization")
        ax_sym.semilogy(t, sym[0], color="tab:red", lw=2, label=f"{HIDDEN} identical units")
        spread = float(np.ptp(sym[1]) + np.ptp(sym[2]) + np.ptp(sym[3]))
        ax_sym.text(0.97, 0.6, f"identical units after {STEPS} steps:\nlargest difference between their weights\n"
                               f"{spread:.0e} (round-off): they still act as one unit",
                    transform=ax_sym.transAxes, ha="right", fontsize=8, color="tab:red")
        ax_sym.set_xlabel("gradient-descent step")
        ax_sym.set_ylabel(r"training cost $\frac{1}{2n}\sum(\hat y - y)^2$ (log scale)")
        ax_sym.legend(loc="lower left", fontsize=8)
        ax_sym.grid(alpha=0.3, which="both")

    fig.suptitle("8.4 Initialization: the scale keeps signals alive through depth, randomness breaks symmetry")
    fig.tight_layout()
    return fig
