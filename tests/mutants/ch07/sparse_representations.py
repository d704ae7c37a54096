"""Realistic mistakes in 7.10 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("ista_threshold_alpha", "soft-thresholds at α instead of α/L (the prox of the scaled step)",
           replace=[("np.maximum(np.abs(V) - alpha / L, 0.0)", "np.maximum(np.abs(V) - alpha, 0.0)")]),
    Mutant("ista_frobenius_lipschitz", "L = ‖W‖_F² (a valid but different step): converges, other iterates",
           replace=[("L = np.linalg.norm(W, 2) ** 2", "L = np.linalg.norm(W) ** 2")]),
    Mutant("ista_spectral_norm_not_squared", "L = ‖W‖₂ instead of ‖W‖₂²",
           replace=[("L = np.linalg.norm(W, 2) ** 2", "L = np.linalg.norm(W, 2)")]),
    Mutant("ista_one_step_short", "runs steps − 1 updates",
           replace=[("for _ in range(steps):", "for _ in range(1, steps):")]),
    Mutant("ista_starts_from_projection", "starts from h = Wᵀx instead of 0",
           replace=[("H = np.zeros((X.shape[0], W.shape[1]))", "H = X @ W")]),
    Mutant("omp_no_abs", "selects argmax W_jᵀr without the absolute value",
           replace=[("corr = np.abs(W.T @ r)", "corr = W.T @ r")]),
    Mutant("omp_matching_pursuit", "plain matching pursuit: only the new coefficient W_jᵀr is added, no re-fit",
           append="""
def omp(x, W, k):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    h = np.zeros(W.shape[1])
    r = x.copy()
    for _ in range(k):
        if np.linalg.norm(r) <= 1e-10 * np.linalg.norm(x):
            break
        c = W.T @ r
        j = int(np.argmax(np.abs(c)))
        h[j] += c[j]
        r = r - c[j] * W[:, j]
    return h
"""),
    Mutant("omp_ties_to_highest_index", "argsort picks the last of tied atoms (highest index)",
           replace=[("support.append(int(np.argmax(corr)))", "support.append(int(np.argsort(corr)[-1]))")]),
    Mutant("omp_k_minus_one_atoms", "the book's ‖h‖₀ < k read literally: selects k − 1 atoms",
           replace=[("for _ in range(k):\n        if np.linalg.norm(r) <= stop:",
                     "for _ in range(k - 1):\n        if np.linalg.norm(r) <= stop:")]),
    Mutant("omp_residual_in_place", "r = x (no copy) and an in-place residual update: the caller's x changes",
           replace=[("r = x.copy()", "r = x"),
                    ("r = x - W[:, support] @ coef", "r -= W[:, support] @ coef")]),
    Mutant("kl_mean_over_units", "ρ̂ as the mean over each example's units (axis 1)",
           replace=[("rho_hat = H.mean(axis=0)", "rho_hat = H.mean(axis=1, keepdims=True)")]),
    Mutant("kl_gradient_without_1_over_m", "dΩ/dH forgets the 1/m of the mean",
           replace=[("g = (-rho / rho_hat + (1 - rho) / (1 - rho_hat)) / m",
                     "g = -rho / rho_hat + (1 - rho) / (1 - rho_hat)")]),
    Mutant("kl_first_term_only", "Ω keeps only ρ log(ρ/ρ̂), dropping the (1 − ρ) term",
           replace=[("omega = float(np.sum(rho * np.log(rho / rho_hat) + (1 - rho) * np.log((1 - rho) / (1 - rho_hat))))",
                     "omega = float(np.sum(rho * np.log(rho / rho_hat)))")]),
    Mutant("kl_mean_over_units_in_omega", "Ω averaged over units instead of summed",
           replace=[("omega = float(np.sum(rho * np.log(rho / rho_hat)",
                     "omega = float(np.mean(rho * np.log(rho / rho_hat)")]),
]
