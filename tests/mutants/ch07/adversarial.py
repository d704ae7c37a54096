"""Realistic mistakes in 7.13 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("input_grad_uses_x_not_w", "returns (σ − y)·x, the per-example gradient with respect to w, not x",
           replace=[("return r[:, None] * w[None, :]", "return r[:, None] * X")]),
    Mutant("input_grad_sign_flipped", "(y − σ)·w: the gradient of the log-likelihood, not of the loss",
           replace=[("r = _sigmoid(X @ w + b) - np.asarray(y, dtype=float)",
                     "r = np.asarray(y, dtype=float) - _sigmoid(X @ w + b)")]),
    Mutant("input_grad_divided_by_m", "divides by m as if it were the gradient of the mean loss",
           replace=[("return r[:, None] * w[None, :]", "return r[:, None] * w[None, :] / X.shape[0]")]),
    Mutant("fgsm_descends", "x − ε sign(∇J): moves against the gradient, which lowers the loss",
           replace=[("X_adv = np.asarray(X, dtype=float) + eps * np.sign(np.asarray(grad_X, dtype=float))",
                     "X_adv = np.asarray(X, dtype=float) - eps * np.sign(np.asarray(grad_X, dtype=float))")]),
    Mutant("fgsm_raw_gradient", "x + ε ∇J: the raw gradient instead of its sign",
           replace=[("X_adv = np.asarray(X, dtype=float) + eps * np.sign(np.asarray(grad_X, dtype=float))",
                     "X_adv = np.asarray(X, dtype=float) + eps * np.asarray(grad_X, dtype=float)")]),
    Mutant("fgsm_sign_zero_is_plus", "sign(0) = +1: inputs with a zero gradient move too",
           replace=[("X_adv = np.asarray(X, dtype=float) + eps * np.sign(np.asarray(grad_X, dtype=float))",
                     "X_adv = np.asarray(X, dtype=float) + eps * np.where(np.asarray(grad_X) >= 0, 1.0, -1.0)")]),
    Mutant("fgsm_never_clips", "ignores the clip argument",
           replace=[("    if clip is not None:\n        X_adv = np.clip(X_adv, clip[0], clip[1])\n", "")]),
    Mutant("fgsm_clips_to_unit_range", "always clips to [0, 1], whatever clip says",
           replace=[("X_adv = np.clip(X_adv, clip[0], clip[1])", "X_adv = np.clip(X_adv, 0.0, 1.0)")]),
    Mutant("worst_case_l2_norm", "the change is ε‖w‖₂ (the answer for an L2 ball), not ε‖w‖₁",
           replace=[("return eps * np.sign(w), float(eps * np.abs(w).sum())",
                     "return eps * np.sign(w), float(eps * np.linalg.norm(w))")]),
    Mutant("worst_case_signed_sum", "the change is ε Σ w_i, ignoring that negative weights also help",
           replace=[("return eps * np.sign(w), float(eps * np.abs(w).sum())",
                     "return eps * np.sign(w), float(eps * w.sum())")]),
    Mutant("step_clips_adversarial_inputs", "builds X_adv with fgsm's default clip to [0, 1]",
           replace=[("X_adv = fgsm(X, logistic_input_grad(X, y, w, b), eps, clip=None)\n",
                     "X_adv = fgsm(X, logistic_input_grad(X, y, w, b), eps)\n")]),
    Mutant("step_mix_swapped", "gives the adversarial loss the weight mix and the clean loss 1 − mix",
           replace=[("for weight, inputs in ((mix, X), (1.0 - mix, X_adv)):",
                     "for weight, inputs in ((1.0 - mix, X), (mix, X_adv)):")]),
    Mutant("step_bias_gradient_summed", "∂J/∂b as the sum of σ − y instead of its mean",
           replace=[("grad_b = grad_b + weight * r.mean()", "grad_b = grad_b + weight * r.sum()")]),
    Mutant("step_gradient_ascent", "adds the gradient to the parameters",
           replace=[("return w - lr * grad_w, float(b - lr * grad_b)", "return w + lr * grad_w, float(b + lr * grad_b)")]),
    Mutant("step_updates_w_in_place", "updates w in place (w -= lr * grad), changing the caller's array", append="""
def adversarial_logistic_step(X, y, w, b, eps, lr, mix=0.5):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    X_adv = fgsm(X, logistic_input_grad(X, y, w, b), eps, clip=None)
    m = X.shape[0]
    r0 = _sigmoid(X @ w + b) - y
    r1 = _sigmoid(X_adv @ w + b) - y
    grad_w = (mix * X.T @ r0 + (1.0 - mix) * X_adv.T @ r1) / m
    grad_b = mix * r0.mean() + (1.0 - mix) * r1.mean()
    w -= lr * grad_w
    return w, float(b - lr * grad_b)
"""),
]
