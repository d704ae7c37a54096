"""Figure for 7.13: FGSM against standard and adversarially trained logistic regression.

(a) Test accuracy on digits 0-vs-1 (pixels in [0, 1]) under FGSM attacks of size ε, for a model
    trained on clean data (mix = 1) and one trained on an equal mix of clean and FGSM examples
    with ε_train = 0.2 (``adversarial_logistic_step``).
(b-d) Like the book's Fig 7.8: a clean test digit x, the sign of its input gradient under the
    standard model, and x' = clip(x + ε sign(∇ₓJ)) with the model's P(y = 1) on each.

The digits come from scikit-learn's ``load_digits`` (bundled with the package, nothing is
downloaded); without scikit-learn a synthetic set of drawn 0s and 1s stands in.
"""
import numpy as np

from autograder.figures import attempt, new_figure, panel, placeholder

EPS_GRID = np.linspace(0.0, 0.3, 13)
EPS_TRAIN, EPS_SHOW = 0.2, 0.2
STEPS, LR = 1000, 2.0


def _synthetic_digits(rng, count=360):
    """8×8 drawings of 0s (rings) and 1s (bars) with random position, thickness and noise, in [0, 1]."""
    rows, cols = np.mgrid[0:8, 0:8]
    X, y = [], []
    for k in range(count):
        label = k % 2
        cr, cc = 3.5 + rng.normal(scale=0.4), 3.5 + rng.normal(scale=0.5)
        if label == 0:
            r = np.hypot((rows - cr) / rng.uniform(1.0, 1.3), (cols - cc) / rng.uniform(0.7, 1.0))
            img = np.clip(1.6 - np.abs(r - 2.6) * 1.6, 0, 1)
        else:
            slant = rng.normal(scale=0.2)
            img = np.clip(1.4 - np.abs(cols - cc - slant * (rows - cr)) * rng.uniform(1.0, 1.6), 0, 1)
        X.append(np.clip(img + rng.normal(scale=0.08, size=(8, 8)), 0, 1).ravel())
        y.append(label)
    return np.array(X), np.array(y, dtype=float), "synthetic 0s and 1s"


def _data():
    rng = np.random.default_rng(0)
    try:
        from sklearn.datasets import load_digits
    except ImportError:
        X, y, source = _synthetic_digits(rng)
    else:
        digits = load_digits()
        sel = digits.target < 2
        X, y, source = digits.data[sel] / 16.0, digits.target[sel].astype(float), "load_digits 0 vs 1"
    idx = rng.permutation(len(y))
    return X[idx[:200]], y[idx[:200]], X[idx[200:]], y[idx[200:]], source


def _trainer(mod, X, y):
    def adversarial_logistic_step(eps, mix):
        w, b = np.zeros(X.shape[1]), 0.0
        for _ in range(STEPS):
            w, b = mod.adversarial_logistic_step(X, y, w, b, eps, LR, mix)
            w, b = np.asarray(w, dtype=float), float(np.asarray(b, dtype=float))
        return w, b
    return adversarial_logistic_step


def _attack(mod, X, y):
    def fgsm(w, b, eps):
        grad = np.asarray(mod.logistic_input_grad(X, y, w, b), dtype=float)
        return np.asarray(mod.fgsm(X, grad, eps), dtype=float), np.sign(grad)
    return fgsm


def _prob(X, w, b):
    return 1.0 / (1.0 + np.exp(-(X @ w + b)))


def figure(mod):
    fig, axes = new_figure(1, 4, width=3.1, height=3.9, gridspec_kw={"width_ratios": [2.3, 1, 1, 1]})
    ax_acc, ax_x, ax_sign, ax_adv = axes[0]
    X_tr, y_tr, X_te, y_te, source = _data()

    ax_acc.set_title("(a) Accuracy under FGSM")
    models = {}
    with panel(ax_acc):
        train = _trainer(mod, X_tr, y_tr)
        models["standard"] = attempt(ax_acc, train, 0.0, 1.0)
        models["adversarial"] = attempt(ax_acc, train, EPS_TRAIN, 0.5)
        attack = _attack(mod, X_te, y_te)
        for key, color, label in (("standard", "tab:red", "standard training"),
                                  ("adversarial", "tab:blue",
                                   f"adversarial training ($\\epsilon_{{train}}$ = {EPS_TRAIN}, mix = 0.5)")):
            w, b = models[key]
            acc = [np.mean((_prob(attempt(ax_acc, attack, w, b, e)[0], w, b) > 0.5) == y_te) for e in EPS_GRID]
            ax_acc.plot(EPS_GRID, acc, "o-", color=color, ms=4, label=label)
        ax_acc.axvline(EPS_SHOW, color="0.6", ls=":", lw=1)
        ax_acc.set_xlabel(r"attack size $\epsilon$ (pixels in [0, 1])")
        ax_acc.set_ylabel(f"test accuracy ({len(y_te)} digits)")
        ax_acc.set_ylim(0, 1.03)
        ax_acc.legend(loc="lower left", fontsize=8)
        ax_acc.grid(alpha=0.3)
        ax_acc.text(0.98, 0.98, source, transform=ax_acc.transAxes, ha="right", va="top", fontsize=8, color="0.4")

    for ax, title in ((ax_x, "(b) x"), (ax_sign, r"(c) sign($\nabla_x J$)"), (ax_adv, r"(d) x' = x + $\epsilon$ sign(...)")):
        ax.set_title(title, fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
    drawn = False
    with panel(ax_x):
        if "standard" not in models:
            attempt(ax_x, _trainer(mod, X_tr, y_tr), 0.0, 1.0)
        w, b = models["standard"]
        X_adv, signs = attempt(ax_x, _attack(mod, X_te, y_te), w, b, EPS_SHOW)
        flipped = np.flatnonzero((_prob(X_adv, w, b) > 0.5) != y_te)
        i = int(flipped[0]) if flipped.size else 0
        p_clean, p_adv = _prob(X_te[i], w, b), _prob(X_adv[i], w, b)
        ax_x.imshow(X_te[i].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        ax_x.set_xlabel(f"label {int(y_te[i])}, P(y=1) = {p_clean:.2f}", fontsize=9)
        im = ax_sign.imshow(signs[i].reshape(8, 8), cmap="RdBu_r", vmin=-1, vmax=1)
        ax_sign.set_xlabel("standard model's gradient", fontsize=9)
        fig.colorbar(im, ax=ax_sign, shrink=0.6, ticks=[-1, 0, 1])
        ax_adv.imshow(X_adv[i].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        ax_adv.set_xlabel(f"ε = {EPS_SHOW}: P(y=1) = {p_adv:.2f}", fontsize=9)
        drawn = True
    if not drawn:
        for ax in (ax_sign, ax_adv):
            placeholder(ax, "needs logistic_input_grad,\nfgsm and adversarial_logistic_step")

    fig.suptitle("7.13 Adversarial training: FGSM examples fool a linear model; training on them helps")
    fig.tight_layout()
    return fig
