"""Realistic mistakes in 7.1.2 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    # soft_threshold
    Mutant("soft_threshold_no_sign", "max(w − t, 0): forgets the sign, so negative weights all become 0",
           replace=[("return np.sign(w) * np.maximum(np.abs(w) - thresh, 0.0)",
                     "return np.maximum(w - thresh, 0.0)")]),
    Mutant("hard_threshold", "keeps w unchanged where |w| > t (hard instead of soft thresholding)",
           replace=[("return np.sign(w) * np.maximum(np.abs(w) - thresh, 0.0)",
                     "return np.where(np.abs(w) > thresh, w, 0.0)")]),
    Mutant("shrink_without_clipping", "w − t·sign(w): small weights are pushed past 0 (sign flip)",
           replace=[("return np.sign(w) * np.maximum(np.abs(w) - thresh, 0.0)",
                     "return w - thresh * np.sign(w)")]),
    Mutant("soft_threshold_in_place", "writes the result into the caller's array and returns it",
           append="""
def soft_threshold(w, thresh):
    w = np.asarray(w, dtype=float)
    w[...] = np.sign(w) * np.maximum(np.abs(w) - thresh, 0.0)
    return w
"""),
    # l1_quadratic_solution
    Mutant("threshold_alpha_times_h", "threshold α·H_ii instead of α/H_ii",
           replace=[("return soft_threshold(w_star, alpha / H_diag)", "return soft_threshold(w_star, alpha * H_diag)")]),
    Mutant("threshold_half", "threshold α/(2H_ii), as if the penalty were ½α|w|",
           replace=[("return soft_threshold(w_star, alpha / H_diag)",
                     "return soft_threshold(w_star, alpha / (2 * H_diag))")]),
    Mutant("threshold_ignores_h", "threshold α for every coordinate, ignoring the curvature",
           replace=[("return soft_threshold(w_star, alpha / H_diag)", "return soft_threshold(w_star, alpha)")]),
    # ista_lasso
    Mutant("ista_threshold_alpha", "soft threshold at α instead of α/L",
           replace=[("w = soft_threshold(w - grad / L, alpha / L)", "w = soft_threshold(w - grad / L, alpha)")]),
    Mutant("ista_gradient_sum", "gradient Xᵀ(Xw − y) without the 1/m of the mean",
           replace=[("grad = X.T @ (X @ w - y) / m", "grad = X.T @ (X @ w - y)")]),
    Mutant("ista_lipschitz_without_m", "L = λ_max(XᵀX) (step and threshold m times too small)",
           replace=[("L = np.linalg.eigvalsh(X.T @ X / m)[-1]", "L = np.linalg.eigvalsh(X.T @ X)[-1]")]),
    Mutant("ista_lipschitz_trace", "L = trace(XᵀX/m), an upper bound instead of λ_max: smaller steps",
           replace=[("L = np.linalg.eigvalsh(X.T @ X / m)[-1]", "L = np.trace(X.T @ X / m)")]),
    Mutant("ista_starts_at_least_squares", "starts from the least-squares solution instead of 0",
           replace=[("    w = np.zeros(n)\n    for _ in range(steps):",
                     "    w = np.linalg.lstsq(X, y, rcond=None)[0]\n    for _ in range(steps):")]),
    # laplace_log_prior
    Mutant("laplace_scale_alpha", "uses scale α instead of 1/α: −‖w‖₁/α − n log(2α)",
           replace=[("return float(-alpha * np.sum(np.abs(w)) + n * np.log(alpha) - n * np.log(2.0))",
                     "return float(-np.sum(np.abs(w)) / alpha - n * np.log(alpha) - n * np.log(2.0))")]),
    Mutant("laplace_log2_sign", "+ n log 2 instead of − n log 2",
           replace=[("return float(-alpha * np.sum(np.abs(w)) + n * np.log(alpha) - n * np.log(2.0))",
                     "return float(-alpha * np.sum(np.abs(w)) + n * np.log(alpha) + n * np.log(2.0))")]),
    Mutant("laplace_len", "n = len(w): counts the rows of a matrix of weights, not its entries",
           replace=[("    n = w.size\n", "    n = len(w)\n")]),
    Mutant("laplace_no_normalizer", "returns only −α‖w‖₁ (drops n log α − n log 2)",
           replace=[("return float(-alpha * np.sum(np.abs(w)) + n * np.log(alpha) - n * np.log(2.0))",
                     "return float(-alpha * np.sum(np.abs(w)))")]),
]
