# Generated from solutions/ch07/figure_sparse_representations.py by dlbook build. Edit that file instead.
"""Figure for 7.10: sparse codes of one 8×8 digit under an overcomplete dictionary.

The dictionary W (64 × 128) is the union of the 64 two-dimensional DCT atoms and the 64
single-pixel atoms. Rows 2-4: the ISTA code h of the digit (``sparse_code_ista``) for
α ∈ {0, 0.1, 1} as a stem plot, with its number of nonzeros, and the reconstruction Wh beside
it; row 5: the OMP code with k = 8 atoms (``omp``). Larger α: fewer nonzeros, blurrier
reconstruction (eq 7.48 trades reconstruction error against ‖h‖₁).
"""
import numpy as np

from autograder.figures import attempt, new_figure, panel

# Digit 3 of scikit-learn's load_digits (a 3), pixel values 0..16, shipped so nothing is downloaded.
DIGIT = np.array([[0, 0, 7, 15, 13, 1, 0, 0],
                  [0, 8, 13, 6, 15, 4, 0, 0],
                  [0, 2, 1, 13, 13, 0, 0, 0],
                  [0, 0, 2, 15, 11, 1, 0, 0],
                  [0, 0, 0, 1, 12, 12, 1, 0],
                  [0, 0, 0, 0, 1, 10, 8, 0],
                  [0, 0, 8, 4, 5, 14, 9, 0],
                  [0, 0, 7, 13, 13, 9, 0, 0]], dtype=float) / 16.0
ALPHAS = [0.0, 0.1, 1.0]
K_OMP = 8


def dct_dictionary(n=8):
    """(n², 2n²): orthonormal 2-D DCT-II atoms (columns), then the n² single-pixel atoms."""
    i = np.arange(n)
    C = np.sqrt(2.0 / n) * np.cos(np.pi * (2 * i[None, :] + 1) * i[:, None] / (2 * n))
    C[0] /= np.sqrt(2.0)  # rows of C: orthonormal 1-D DCT basis vectors
    atoms = np.einsum("ui,vj->ijuv", C, C).reshape(n * n, n * n)  # column u*n+v: C[u] ⊗ C[v]
    return np.hstack([atoms, np.eye(n * n)])


def _stem(ax, h, title):
    h = np.asarray(h, dtype=float).ravel()
    j = np.arange(h.size)
    for sel, color, label in ((j < 64, "tab:blue", "DCT atoms"), (j >= 64, "tab:orange", "pixel atoms")):
        nz = sel & (np.abs(h) > 1e-8)
        ax.vlines(j[nz], 0, h[nz], color=color, lw=1.2)
        ax.plot(j[nz], h[nz], "o", color=color, ms=3.5, label=label)
    ax.axhline(0, color="0.3", lw=0.8)
    ax.axvline(63.5, color="0.6", ls=":", lw=1)
    ax.set_xlim(-1, h.size)
    ax.set_title(title, fontsize=10)
    ax.set_ylabel("code $h_j$")
    ax.grid(alpha=0.3)


def _image(ax, img, title):
    ax.imshow(np.clip(np.asarray(img, dtype=float).reshape(8, 8), 0, 1), cmap="gray_r", vmin=0, vmax=1)
    ax.set_title(title, fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])


def figure(mod):
    W = dct_dictionary()
    x = DIGIT.ravel()
    fig, axes = new_figure(5, 2, width=5.6, height=2.35, gridspec_kw={"width_ratios": [3.4, 1]})

    montage = np.ones((4 * 9 - 1, 8 * 9 - 1))
    for a in range(4):
        for b in range(8):
            atom = W[:, a * 8 + b].reshape(8, 8)
            span = np.ptp(atom)
            montage[a * 9:a * 9 + 8, b * 9:b * 9 + 8] = (atom - atom.min()) / span if span > 1e-12 else 0.5
    axes[0, 0].imshow(montage, cmap="gray_r", vmin=0, vmax=1)
    axes[0, 0].set_title("Dictionary W (64 × 128): 64 DCT atoms (the first 32 shown)\n"
                         "and 64 single-pixel atoms", fontsize=10)
    axes[0, 0].set_xticks([])
    axes[0, 0].set_yticks([])
    _image(axes[0, 1], x, "the digit x")

    rows = [(f"ISTA, α = {a:g}", mod.sparse_code_ista, (x[None, :], W, a)) for a in ALPHAS]
    rows.append((f"OMP, k = {K_OMP}", mod.omp, (x, W, K_OMP)))
    for r, (name, fn, args) in enumerate(rows, start=1):
        ax_h, ax_img = axes[r]
        ax_h.set_title(name, fontsize=10)  # kept by the placeholder of a missing function
        ax_img.set_title("reconstruction Wh", fontsize=10)
        with panel(ax_h):
            h = np.asarray(attempt(ax_h, fn, *args), dtype=float).ravel()
            _stem(ax_h, h, f"{name}: {int(np.sum(np.abs(h) > 1e-8))} nonzeros of {h.size}")
            ax_h.legend(loc="upper right", fontsize=8)
        with panel(ax_img):
            h = np.asarray(attempt(ax_img, fn, *args), dtype=float).ravel()
            err = np.linalg.norm(x - W @ h) / np.linalg.norm(x)
            _image(ax_img, W @ h, f"Wh (rel. error {err:.2f})")
    axes[-1, 0].set_xlabel("atom index j  (0-63: DCT, 64-127: pixels)")
    fig.suptitle("7.10 Sparse representations: larger α, fewer nonzeros in h (eq 7.48); OMP keeps k atoms (eq 7.49)")
    fig.tight_layout()
    return fig
