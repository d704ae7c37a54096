"""Figure for 7.14: translation tangents of a digit, the first-order shifts they predict, and why
tangent distance sees through small translations.

Row 1: a (smoothed, upsampled) digit x, its two translation tangents v_right and v_down
       (``translation_tangents``, diverging colormap), and the distance from x to its shifted copies:
       Euclidean, against the two-sided tangent distance (``tangent_distance``).
Row 2: the first-order shifts x + a·v_right for a ∈ {−2, −1, 1, 2} pixels.
Row 3: the true shifted images, for comparison.
"""
import numpy as np

from autograder.figures import attempt, new_figure, panel, placeholder

# Digit 16 of scikit-learn's load_digits (a 6), pixel values 0..16, shipped here.
DIGIT = np.array([[0, 0, 0, 8, 15, 1, 0, 0],
                  [0, 0, 0, 12, 14, 0, 0, 0],
                  [0, 0, 3, 16, 7, 0, 0, 0],
                  [0, 0, 6, 16, 2, 0, 0, 0],
                  [0, 0, 7, 16, 16, 13, 5, 0],
                  [0, 0, 15, 16, 9, 9, 14, 0],
                  [0, 0, 3, 14, 9, 2, 16, 2],
                  [0, 0, 0, 7, 15, 16, 11, 0]], dtype=float) / 16.0
SHIFTS = [-2, -1, 1, 2]


def _smooth_digit(factor=2, pad=2):
    """Upsample the 8×8 digit by ``factor`` and blur it (binomial kernel), with a zero border."""
    img = np.kron(np.pad(DIGIT, pad), np.ones((factor, factor)))
    kernel = np.array([1.0, 4.0, 6.0, 4.0, 1.0]) / 16.0
    for _ in range(2):
        img = np.apply_along_axis(lambda v: np.convolve(v, kernel, mode="same"), 0, img)
        img = np.apply_along_axis(lambda v: np.convolve(v, kernel, mode="same"), 1, img)
    return img / img.max()


def _shift(img, dy, dx):
    """Whole-pixel translation, content moved down by dy and right by dx, zero fill."""
    out = np.zeros_like(img)
    H, W = img.shape
    out[max(dy, 0):H + min(dy, 0), max(dx, 0):W + min(dx, 0)] = \
        img[max(-dy, 0):H - max(dy, 0), max(-dx, 0):W - max(dx, 0)]
    return out


def _show(ax, img, title, diverging=False):
    ax.axis("on")
    if diverging:
        lim = float(np.abs(img).max()) or 1.0
        ax.imshow(img, cmap="RdBu_r", vmin=-lim, vmax=lim)
    else:
        ax.imshow(img, cmap="gray_r", vmin=0.0, vmax=1.0)
    ax.set_title(title, fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])


def _distances(mod, x, tangents, shifts):
    """Euclidean and two-sided tangent distances from x to x shifted right by each a in shifts."""
    def tangent_distance():
        T1 = tangents.reshape(2, -1).T
        euclid, td = [], []
        for a in shifts:
            x2 = _shift(x, 0, int(a))
            T2 = np.asarray(mod.translation_tangents(x2), dtype=float).reshape(2, -1).T
            dist = mod.tangent_distance(x.ravel(), T1, x2.ravel(), T2)[0]
            euclid.append(np.linalg.norm(x - x2))
            td.append(float(np.asarray(dist, dtype=float)))
        return np.array(euclid), np.array(td)
    return tangent_distance


def figure(mod):
    fig, axes = new_figure(3, 4, width=2.6, height=2.5)
    for ax in axes.ravel():
        ax.axis("off")
    x = _smooth_digit()

    _show(axes[0, 0], x, "x")
    axes[0, 1].set_title("translation tangents", fontsize=9)
    drawn = False
    with panel(axes[0, 1]):
        tangents = np.asarray(attempt(axes[0, 1], mod.translation_tangents, x), dtype=float)
        _show(axes[0, 1], tangents[0], r"$v_{right} = -\partial x / \partial col$", diverging=True)
        _show(axes[0, 2], tangents[1], r"$v_{down} = -\partial x / \partial row$", diverging=True)
        for ax in axes[0, 1:3]:
            ax.set_xlabel("red: ink arrives, blue: ink leaves", fontsize=7)
        for ax, a in zip(axes[1], SHIFTS):
            _show(ax, np.clip(x + a * tangents[0], -0.2, 1.2), f"x + ({a:+d})·$v_{{right}}$")
        drawn = True
    if not drawn:
        placeholder(axes[1, 0], "translation_tangents\nis needed for this row")
        axes[1, 0].axis("on")
    for ax, a in zip(axes[2], SHIFTS):
        _show(ax, _shift(x, 0, a), f"x shifted {a:+d} px (true)")

    ax_d = axes[0, 3]
    ax_d.axis("on")
    ax_d.set_title("distance to shifted x", fontsize=9)
    with panel(ax_d):
        if not drawn:
            attempt(ax_d, mod.translation_tangents, x)
        shifts = np.arange(-4, 5)
        euclid, td = attempt(ax_d, _distances(mod, x, tangents, shifts))
        ax_d.plot(shifts, euclid, "o-", color="tab:red", ms=3, label="Euclidean")
        ax_d.plot(shifts, td, "s-", color="tab:blue", ms=3, label="tangent distance")
        ax_d.set_xlabel("shift to the right (pixels)", fontsize=8)
        ax_d.set_ylabel("distance", fontsize=8)
        ax_d.tick_params(labelsize=7)
        ax_d.legend(fontsize=7, loc="upper center")
        ax_d.grid(alpha=0.3)

    fig.suptitle("7.14 Translation tangents: x + a·v approximates a shift of a pixels (for small a)")
    fig.tight_layout()
    return fig
