# Generated from solutions/ch07/figure_augmentation.py by dlbook build. Edit that file instead.
"""Figure for 7.4: one 8×8 digit and the augmented copies made from it.

Row 1: translations by one pixel, (dy, dx) = (rows down, columns right) (``translate_batch``);
       the label stays 6.
Row 2: small rotations and a scaling about the centre (``affine_warp_bilinear``), and a 180°
       rotation that turns the 6 into something a reader calls 9: a transformation that changes
       the class must not be used as augmentation.
Row 3: Gaussian input noise of growing σ (``noisy_inputs``, pixel values range over 0..16).
"""
import numpy as np

from autograder.figures import attempt, new_figure, panel

# Digit 16 of scikit-learn's load_digits (a 6), pixel values 0..16; shipped here so the
# figure needs no download and no scikit-learn.
DIGIT = np.array([[0, 0, 0, 8, 15, 1, 0, 0],
                  [0, 0, 0, 12, 14, 0, 0, 0],
                  [0, 0, 3, 16, 7, 0, 0, 0],
                  [0, 0, 6, 16, 2, 0, 0, 0],
                  [0, 0, 7, 16, 16, 13, 5, 0],
                  [0, 0, 15, 16, 9, 9, 14, 0],
                  [0, 0, 3, 14, 9, 2, 16, 2],
                  [0, 0, 0, 7, 15, 16, 11, 0]], dtype=float)
LABEL = 6

SHIFTS = [(0, 0), (-1, 0), (1, 0), (0, -1), (0, 1), (1, 1)]
ROTATIONS = [(-20, 1.0), (-10, 1.0), (10, 1.0), (20, 1.0), (0, 0.8), (180, 1.0)]  # (degrees, scale)
SIGMAS = [0.5, 1.0, 2.0, 3.0, 5.0, 8.0]


def _about_centre(degrees, scale, shape):
    """(M, offset) of the pull map that turns the content `degrees` counter-clockwise on screen and
    scales it by `scale`, about the image centre (rows point down, hence the minus sign)."""
    t = np.deg2rad(-degrees)
    c = (np.array(shape, dtype=float) - 1.0) / 2.0
    M = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]]) / scale
    return M, c - M @ c


def _show(ax, img, title, color="black"):
    ax.axis("on")
    ax.imshow(np.asarray(img, dtype=float), cmap="gray_r", vmin=0.0, vmax=16.0, interpolation="nearest")
    ax.set_title(title, fontsize=9, color=color)
    ax.set_xticks([])
    ax.set_yticks([])


def figure(mod):
    fig, axes = new_figure(3, 6, width=1.9, height=2.45)
    for ax in axes.ravel():
        ax.axis("off")  # each row is drawn in one go; a missing function leaves one placeholder

    axes[0, 0].set_title("translations", fontsize=9)  # kept by a placeholder
    with panel(axes[0, 0]):
        outs = [attempt(axes[0, 0], mod.translate_batch, DIGIT[None], dy, dx, 0.0) for dy, dx in SHIFTS]
        for ax, out, (dy, dx) in zip(axes[0], outs, SHIFTS):
            what = "original" if (dy, dx) == (0, 0) else f"shift ({dy:+d}, {dx:+d})"
            _show(ax, np.asarray(out, dtype=float)[0], f"{what}\nlabel {LABEL}")

    axes[1, 0].set_title("rotations and scaling", fontsize=9)  # kept by a placeholder
    with panel(axes[1, 0]):
        outs = [attempt(axes[1, 0], mod.affine_warp_bilinear, DIGIT, *_about_centre(deg, scale, DIGIT.shape))
                for deg, scale in ROTATIONS]
        for ax, out, (deg, scale) in zip(axes[1], outs, ROTATIONS):
            if deg == 180:
                _show(ax, out, "rotate 180°\nlabel 6? reads as 9", color="tab:red")
                for spine in ax.spines.values():
                    spine.set_color("tab:red")
                    spine.set_linewidth(2)
            elif scale != 1.0:
                _show(ax, out, f"scale ×{scale}\nlabel {LABEL}")
            else:
                _show(ax, out, f"rotate {deg:+d}° (ccw)\nlabel {LABEL}")

    axes[2, 0].set_title("input noise", fontsize=9)  # kept by a placeholder
    with panel(axes[2, 0]):
        outs = [attempt(axes[2, 0], mod.noisy_inputs, DIGIT, sigma, np.random.default_rng(0)) for sigma in SIGMAS]
        for ax, out, sigma in zip(axes[2], outs, SIGMAS):
            _show(ax, out, f"noise σ = {sigma:g}\nlabel {LABEL}")

    for r, name in enumerate(["translate_batch", "affine_warp_bilinear", "noisy_inputs"]):
        axes[r, 0].axis("on")
        axes[r, 0].set_ylabel(name, fontsize=9)  # after the panels: a placeholder clears its axes
    fig.suptitle("7.4 Dataset augmentation: label-preserving transformations of one digit (and one that is not)",
                 fontsize=11)
    fig.subplots_adjust(left=0.04, right=0.99, bottom=0.02, top=0.88, wspace=0.12, hspace=0.42)
    return fig
