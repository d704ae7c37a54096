"""Realistic mistakes in 7.8 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("tie_is_improvement", "counts v' <= v as an improvement, so a tie resets the patience",
           replace=[("        if v_new < v:\n            j, i_star, v = 0, i, v_new",
                     "        if v_new <= v:\n            j, i_star, v = 0, i, v_new")]),
    Mutant("patience_not_reset", "never resets j after an improvement: counts all non-improvements",
           replace=[("j, i_star, v = 0, i, v_new", "i_star, v = i, v_new")]),
    Mutant("patience_off_by_one", "stops after p + 1 non-improvements (while j <= p)",
           replace=[("while j < patience and k < val_errors.size:", "while j <= patience and k < val_errors.size:")]),
    Mutant("evaluations_not_steps", "reports i* as the number of evaluations instead of training steps",
           replace=[("j, i_star, v = 0, i, v_new", "j, i_star, v = 0, k, v_new")]),
    Mutant("argmin_of_whole_curve", "takes the argmin of the whole curve and never stops early", append="""
def early_stopping_from_curve(val_errors, n, patience):
    val_errors = np.asarray(val_errors, dtype=float)
    if val_errors.size == 0:
        return 0, 0, float("inf")
    best = int(np.argmin(val_errors))
    return (best + 1) * n, val_errors.size * n, float(val_errors[best])
"""),
    Mutant("train_tie_is_improvement", "early_stopping_train counts a tie v' = v as an improvement",
           replace=[("        if v_new < v:\n            j, v, i_star = 0, v_new, i",
                     "        if v_new <= v:\n            j, v, i_star = 0, v_new, i")]),
    Mutant("stores_reference_not_copy", "θ* = θ keeps a reference that in-place training keeps changing",
           replace=[("theta_star = np.array(theta, dtype=float, copy=True)", "theta_star = theta")]),
    Mutant("trains_caller_theta0", "trains the caller's θ0 itself (np.asarray does not copy)",
           replace=[("theta = np.array(theta0, dtype=float, copy=True)", "theta = np.asarray(theta0, dtype=float)")]),
    Mutant("v_starts_at_theta0", "initializes v with the validation error of θ0 instead of ∞",
           replace=[("    v = np.inf\n    while j < patience and evals < max_evals:",
                     "    v = float(val_error(theta))\n    while j < patience and evals < max_evals:")]),
    Mutant("returns_last_theta", "returns the last parameters instead of the best ones",
           replace=[("return theta_star, int(i_star)", "return theta, int(i_star)")]),
    Mutant("max_evals_off_by_one", "allows max_evals + 1 evaluations",
           replace=[("while j < patience and evals < max_evals:", "while j < patience and evals <= max_evals:")]),
    Mutant("tau_off_by_one", "uses (1 − ελ)^(τ+1): one step too many",
           replace=[("factors = 1.0 - (1.0 - lr * lam) ** tau", "factors = 1.0 - (1.0 - lr * lam) ** (tau + 1)")]),
    Mutant("remaining_not_covered", "uses (1 − ελ)^τ, the part of w* still to go, instead of 1 − (1 − ελ)^τ",
           replace=[("factors = 1.0 - (1.0 - lr * lam) ** tau", "factors = (1.0 - lr * lam) ** tau")]),
    Mutant("no_rotation_back", "returns Qᵀw⁽τ⁾ (eq 7.40's left side) instead of w⁽τ⁾",
           replace=[("return Q @ (factors * (Q.T @ w_star))", "return factors * (Q.T @ w_star)")]),
    Mutant("q_transposed", "rotates with Q and back with Qᵀ (rows of Q taken as eigenvectors)",
           replace=[("return Q @ (factors * (Q.T @ w_star))", "return Q.T @ (factors * (Q @ w_star))")]),
    Mutant("approximation_only", "returns eq 7.45's 1/(τε) for every direction", append="""
def equivalent_weight_decay(eigvals, lr, tau):
    lam = np.asarray(eigvals, dtype=float)
    return np.full(lam.shape, np.inf if tau == 0 else 1.0 / (tau * lr))
"""),
    Mutant("ratio_inverted", "solves (1 − ελ)^τ = λ/(λ + α) instead of α/(λ + α)",
           replace=[("alpha[nonzero] = lam[nonzero] * q[nonzero] / one_minus_q[nonzero]",
                     "alpha[nonzero] = lam[nonzero] * one_minus_q[nonzero] / q[nonzero]")]),
    Mutant("zero_eigenvalue_nan", "no special case for λ = 0 (0/0 gives NaN)",
           replace=[("alpha[nonzero] = lam[nonzero] * q[nonzero] / one_minus_q[nonzero]",
                     "alpha = lam * q / one_minus_q")]),
]
