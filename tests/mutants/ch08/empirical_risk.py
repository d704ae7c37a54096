"""Realistic mistakes in 8.1 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("sm_drops_last_partial_batch", "drops the smaller last minibatch (drop_last=True)",
           replace=[("for start in range(0, n_examples, batch_size)]",
                     "for start in range(0, n_examples - batch_size + 1, batch_size)]")]),
    Mutant("sm_array_split", "np.array_split into ceil(n/b) sections: sizes 4, 3, 3 instead of 4, 4, 2",
           replace=[("    return [perm[start:start + batch_size] for start in range(0, n_examples, batch_size)]\n",
                     "    return np.array_split(perm, -(-n_examples // batch_size))\n")]),
    Mutant("sm_no_shuffle", "forgets to shuffle: minibatches of consecutive examples in stored order",
           replace=[("perm = rng.permutation(n_examples)", "perm = np.arange(n_examples)")]),
    Mutant("sm_global_random", "shuffles with the global np.random instead of the given generator",
           replace=[("perm = rng.permutation(n_examples)", "perm = np.random.permutation(n_examples)")]),
    Mutant("sm_with_replacement", "draws the indices with replacement (rng.integers) instead of a permutation",
           replace=[("perm = rng.permutation(n_examples)", "perm = rng.integers(0, n_examples, size=n_examples)")]),
    Mutant("sm_extra_draw", "shuffles a copy of arange with rng.shuffle after also drawing a permutation",
           append="""
def shuffled_minibatches(n_examples, batch_size, rng):
    perm = rng.permutation(n_examples)
    rng.shuffle(perm)
    return [perm[start:start + batch_size] for start in range(0, n_examples, batch_size)]
"""),
    Mutant("lr_sum_not_mean", "J summed over the minibatch instead of averaged",
           replace=[("J = float(np.mean(np.logaddexp(0.0, (1.0 - 2.0 * y) * z)))",
                     "J = float(np.sum(np.logaddexp(0.0, (1.0 - 2.0 * y) * z)))")]),
    Mutant("lr_grad_divided_by_n", "divides the minibatch gradient by the full n instead of m = len(idx)",
           replace=[("        rows = np.asarray(idx, dtype=int)\n",
                     "        rows = np.asarray(idx, dtype=int)\n        n_all = X.shape[0]\n"),
                    ("grad = X.T @ (sigma - y) / m", "grad = X.T @ (sigma - y) / (m if idx is None else n_all)")]),
    Mutant("lr_ignores_idx", "always uses every row, whatever the minibatch",
           replace=[("        X, y = X[rows], y[rows]\n", "        pass\n")]),
    Mutant("lr_log_sigmoid", "−mean(y log σ + (1 − y) log(1 − σ)): log 0 gives inf/NaN at |xᵀθ| = 1000",
           replace=[("J = float(np.mean(np.logaddexp(0.0, (1.0 - 2.0 * y) * z)))",
                     "s = 1.0 / (1.0 + np.exp(-z))\n"
                     "    J = float(-np.mean(y * np.log(s) + (1.0 - y) * np.log(1.0 - s)))")]),
    Mutant("lr_grad_sign", "ĝ = Xᵀ(y − σ)/m, the gradient of the log-likelihood, not of the loss",
           replace=[("grad = X.T @ (sigma - y) / m", "grad = X.T @ (y - sigma) / m")]),
    Mutant("lr_unique_rows", "selects rows with a boolean mask, so a repeated index counts once",
           replace=[("        X, y = X[rows], y[rows]\n",
                     "        mask = np.isin(np.arange(X.shape[0]), rows)\n        X, y = X[mask], y[mask]\n")]),
    Mutant("se_ddof1", "the sample std (ddof=1) instead of the population std over the n examples",
           replace=[("se = G.std(axis=0) / np.sqrt(m)", "se = G.std(axis=0, ddof=1) / np.sqrt(m)")]),
    Mutant("se_divides_by_m", "σ/m instead of σ/√m",
           replace=[("se = G.std(axis=0) / np.sqrt(m)", "se = G.std(axis=0) / m")]),
    Mutant("se_correction_not_square_rooted", "multiplies by (n − m)/(n − 1) instead of its square root",
           replace=[("se = se * np.sqrt((n - m) / (n - 1))", "se = se * (n - m) / (n - 1)")]),
    Mutant("se_correction_over_n", "finite-population correction √((n − m)/n)",
           replace=[("se = se * np.sqrt((n - m) / (n - 1))", "se = se * np.sqrt((n - m) / n)")]),
    Mutant("se_ignores_replace", "always σ/√m, whatever replace says",
           replace=[("    if not replace:\n        se = se * np.sqrt((n - m) / (n - 1))\n", "")]),
    Mutant("se_std_over_coordinates", "std over axis 1 (within each example) instead of over the examples",
           replace=[("G.std(axis=0)", "G.std(axis=1)"), ("    n = G.shape[0]\n", "    n = G.shape[1]\n")]),
    Mutant("se_centres_in_place", "centres the per-example gradients in place", append="""
def gradient_standard_error(per_example_grads, m, replace=True):
    G = np.asarray(per_example_grads, dtype=float)
    n = G.shape[0]
    G -= G.mean(axis=0)
    se = np.sqrt((G ** 2).mean(axis=0)) / np.sqrt(m)
    if not replace:
        se = se * np.sqrt((n - m) / (n - 1))
    return se
"""),
]
