# Generated from solutions/ch06/figure_activations.py by dlbook build. Edit that file instead.
"""Figure for 6.3: the hidden units of sec. 6.3 and their derivatives, drawn from your functions.

Eight panels on z ∈ [−4, 4]: g(z) solid, g′(z) dashed. At the kinks a dot marks the derivative
value that the grader expects (relu′(0) = 0, leaky′(0) = α, abs′(0) = 0, hard_tanh′(±1) = 0).
The last panel is a maxout unit with k = 3 linear pieces of z (eq. 6.37), its derivative taken
from ``maxout_backward``.
"""
import numpy as np

from autograder.figures import attempt, new_figure, panel

Z = np.linspace(-4.0, 4.0, 801)
LEAKY_ALPHA = 0.1  # larger than the default 0.01, so the slope is visible
# maxout pieces w·z + b: a convex, piecewise-linear function with 3 pieces
PIECE_W = np.array([-0.5, 0.3, 1.5])
PIECE_B = np.array([-0.5, 0.0, -1.8])
PANELS = [
    ("relu", "ReLU  max(0, z)", {}, [0.0]),
    ("leaky", f"leaky ReLU (α = {LEAKY_ALPHA})", {"alpha": LEAKY_ALPHA}, [0.0]),
    ("abs", "absolute value |z|  (α = −1)", {}, [0.0]),
    ("softplus", "softplus  ζ(z) = log(1 + eᶻ)", {}, []),
    ("sigmoid", "logistic sigmoid  σ(z)", {}, []),
    ("tanh", "tanh(z) = 2σ(2z) − 1", {}, []),
    ("hard_tanh", "hard tanh  max(−1, min(1, z))", {}, [-1.0, 1.0]),
]
G_COLOR, D_COLOR = "tab:blue", "tab:orange"


def _broken(y, jump=0.2):
    """Insert NaN where y jumps, so a step is not drawn as a vertical line."""
    y = np.array(y, dtype=float)
    y[1:][np.abs(np.diff(y)) > jump] = np.nan
    return y


def _try(fn, *args, **kwargs):
    """The value, or None when the function is missing or fails (the panel still shows g)."""
    try:
        return np.asarray(fn(*args, **kwargs), dtype=float)
    except Exception:  # noqa: BLE001 - a student's bug must not break the figure
        return None


def _style(ax, bounded):
    ax.axhline(0, color="0.75", lw=0.8, zorder=0)
    ax.axvline(0, color="0.75", lw=0.8, zorder=0)
    ax.set_xlim(Z[0], Z[-1])
    ax.set_ylim((-1.5, 1.5) if bounded else (-1.5, 4.3))
    ax.set_xlabel("z")
    ax.grid(alpha=0.25)


def _missing_grad(ax, name):
    ax.text(0.5, 0.04, f"g′: {name} not implemented yet", transform=ax.transAxes, ha="center", va="bottom",
            fontsize=8, color="0.4")


def _activation_panel(ax, mod, kind, kw, kinks):
    g = attempt(ax, mod.activation_forward, Z, kind, **kw)
    ax.plot(Z, np.asarray(g, dtype=float), color=G_COLOR, lw=2, label="g(z)")
    dg = _try(mod.activation_grad, Z, kind, **kw)
    if dg is None or dg.shape != Z.shape:
        _missing_grad(ax, "activation_grad")
    else:
        ax.plot(Z, _broken(dg), color=D_COLOR, lw=1.8, ls="--", label="g′(z)")
        at_kinks = _try(mod.activation_grad, np.array(kinks), kind, **kw) if kinks else None
        if at_kinks is not None and at_kinks.shape == (len(kinks),):
            ax.plot(kinks, at_kinks, "o", color=D_COLOR, ms=6, mec="k", mew=0.8, label="g′ at a kink")
    _style(ax, bounded=kind in ("sigmoid", "tanh", "hard_tanh"))


def _maxout_panel(ax, mod):
    pieces = Z[:, None] * PIECE_W + PIECE_B  # (801, 3): one maxout unit with k = 3
    out, argmax = attempt(ax, mod.maxout_forward, pieces, 3)
    for j in range(3):
        ax.plot(Z, pieces[:, j], color="0.45", lw=1.0, ls=":", label="pieces wⱼz + bⱼ" if j == 0 else None)
    ax.plot(Z, np.asarray(out, dtype=float)[:, 0], color=G_COLOR, lw=2, label="g(z)")
    dZ = _try(mod.maxout_backward, np.ones((Z.size, 1)), argmax, 3)
    if dZ is None or dZ.shape != pieces.shape:
        _missing_grad(ax, "maxout_backward")
    else:
        ax.plot(Z, _broken(dZ @ PIECE_W), color=D_COLOR, lw=1.8, ls="--", label="g′(z)")  # chain rule: dZ·∂Z/∂z
    _style(ax, bounded=False)


def figure(mod):
    fig, axes = new_figure(2, 4, width=4.0, height=3.2)
    for ax, (kind, title, kw, kinks) in zip(axes.flat, PANELS):
        with panel(ax):
            _activation_panel(ax, mod, kind, kw, kinks)
        ax.set_title(title, fontsize=10)  # after the panel: a placeholder clears the axes
    with panel(axes[1, 3]):
        _maxout_panel(axes[1, 3], mod)
    axes[1, 3].set_title("maxout, k = 3 pieces (eq 6.37)", fontsize=10)
    for ax in axes[:, 0]:
        ax.set_ylabel("g(z), g′(z)")
    handles = {}
    for ax in axes.flat:
        for h, lab in zip(*ax.get_legend_handles_labels()):
            handles.setdefault(lab, h)
    if handles:
        fig.legend(handles.values(), handles.keys(), loc="lower center", ncol=len(handles), frameon=False,
                   fontsize=9)
    fig.suptitle("6.3 Hidden units: activations g(z) (solid) and their derivatives g′(z) (dashed)", fontsize=12)
    fig.tight_layout(rect=(0, 0.05, 1, 0.96))
    return fig
