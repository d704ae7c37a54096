"""Realistic mistakes in 8.2 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("taylor_no_half", "drops the ½ of the second-order term: ε²gᵀHg − εgᵀg",
           replace=[("change = 0.5 * eps ** 2 * gHg - eps * gg", "change = eps ** 2 * gHg - eps * gg")]),
    Mutant("taylor_eps_squared_in_first_order_term", "½ε²gᵀHg − ε²gᵀg",
           replace=[("change = 0.5 * eps ** 2 * gHg - eps * gg", "change = 0.5 * eps ** 2 * gHg - eps ** 2 * gg")]),
    Mutant("taylor_eps_max_is_eps_opt", "takes the minimizer gᵀg/gᵀHg as the largest safe step",
           replace=[("eps_opt, eps_max = gg / gHg, 2.0 * gg / gHg", "eps_opt, eps_max = gg / gHg, gg / gHg")]),
    Mutant("taylor_only_checks_zero_curvature",
           "tests gᵀHg == 0 instead of <= 0: a negative curvature gives a negative step",
           replace=[("    if gHg > 0:\n", "    if gHg != 0:\n")]),
    Mutant("taylor_divides_at_zero_curvature", "divides whenever gᵀHg >= 0: gᵀHg = 0 (e.g. g = 0) divides by zero",
           replace=[("    if gHg > 0:\n", "    if gHg >= 0:\n")]),
    Mutant("taylor_cond_signed", "condition number λmax/λmin with signs: negative for an indefinite H",
           replace=[("mags = np.abs(np.linalg.eigvalsh(H))", "mags = np.linalg.eigvalsh(H)")]),
    Mutant("taylor_cond_from_diagonal", "condition number from the diagonal of H instead of its eigenvalues",
           replace=[("mags = np.abs(np.linalg.eigvalsh(H))", "mags = np.abs(np.diag(H))")]),
    Mutant("classify_degenerate_first", "any |λ| <= tol makes the point degenerate, even beside λ of both signs",
           replace=[("    elif pos.any() and neg.any():\n",
                     "    elif pos.any() and neg.any() and (pos | neg).all():\n")]),
    Mutant("classify_ignores_tol", "compares the eigenvalues with 0 instead of ±tol",
           replace=[("pos, neg = lam > tol, lam < -tol", "pos, neg = lam > 0, lam < 0")]),
    Mutant("classify_non_strict", "λ >= tol counts as positive (λ = tol is not zero)",
           replace=[("pos, neg = lam > tol, lam < -tol", "pos, neg = lam >= tol, lam <= -tol")]),
    Mutant("classify_index_is_count", "returns the number of negative eigenvalues, not their fraction",
           replace=[("return kind, float(neg.sum() / lam.size)", "return kind, float(neg.sum())")]),
    Mutant("classify_index_ignores_tol", "counts every λ < 0 in the index, even within tol of zero",
           replace=[("return kind, float(neg.sum() / lam.size)", "return kind, float((lam < 0).sum() / lam.size)")]),
    Mutant("clip_per_array", "clips each array by its own norm, which changes the direction", append="""
def clip_grad_norm(grads, threshold):
    arrays = [np.asarray(g, dtype=float) for g in grads]
    norm = float(np.sqrt(sum(float(np.sum(a * a)) for a in arrays)))
    out = []
    for a in arrays:
        n = float(np.sqrt(np.sum(a * a)))
        out.append(a * (threshold / n) if n > threshold else a.copy())
    return out, norm
"""),
    Mutant("clip_elementwise", "clips each value to [−v, v] (clip_grad_value_) instead of the norm",
           replace=[("        return [a * scale for a in arrays], norm\n",
                     "        return [np.clip(a, -threshold, threshold) for a in arrays], norm\n")]),
    Mutant("clip_returns_clipped_norm", "returns the norm after clipping",
           replace=[("        return [a * scale for a in arrays], norm\n",
                     "        return [a * scale for a in arrays], threshold\n")]),
    Mutant("clip_always_scales", "always rescales to the threshold, also small gradients (and 0/0 for zeros)",
           replace=[("    if norm > threshold:\n", "    if True:\n")]),
    Mutant("clip_torch_epsilon", "copies PyTorch's threshold / (norm + 1e-6)",
           replace=[("scale = threshold / norm", "scale = threshold / (norm + 1e-6)")]),
    Mutant("clip_in_place", "scales the caller's arrays in place", append="""
def clip_grad_norm(grads, threshold):
    norm = float(np.sqrt(sum(float(np.sum(np.asarray(g) ** 2)) for g in grads)))
    if norm > threshold:
        for g in grads:
            g *= threshold / norm
    return [np.array(g, dtype=float) for g in grads], norm
"""),
    Mutant("chain_divides_by_w", "∏_{k≠l} w_k as ∏_k w_k / w_l: NaN (0/0) when a weight is 0",
           replace=[("    grad = r * x * before * after\n", "    grad = r * x * np.prod(w) / w\n")]),
    Mutant("chain_missing_x", "forgets the input x in the gradient",
           replace=[("    grad = r * x * before * after\n", "    grad = r * before * after\n")]),
    Mutant("chain_prefix_includes_self", "the prefix product includes w_l itself (off by one)",
           replace=[("before = np.concatenate(([1.0], np.cumprod(w)[:-1]))", "before = np.cumprod(w)")]),
    Mutant("chain_no_half", "loss (ŷ − y)² without the ½ (and a gradient twice too large)",
           replace=[("    loss = 0.5 * r ** 2\n    grad = r * x * before * after\n",
                     "    loss = r ** 2\n    grad = 2 * r * x * before * after\n")]),
    Mutant("chain_sign", "gradient (y − ŷ)·x·∏ w_k, the negative",
           replace=[("    r = y_hat - y\n    loss = 0.5 * r ** 2\n    grad = r * x * before * after\n",
                     "    r = y_hat - y\n    loss = 0.5 * r ** 2\n    grad = -r * x * before * after\n")]),
]
