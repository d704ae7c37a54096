"""Realistic mistakes in 7.6 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("gmm_no_max_shift", "log Σ exp without subtracting the row maximum: -inf for far points",
           replace=[("    m = a.max(axis=1, keepdims=True)\n    return (m + np.log(",
                     "    m = np.zeros((a.shape[0], 1))\n    return (m + np.log(")]),
    Mutant("gmm_normalizer_without_d", "−½ log(2πσ²) instead of −(d/2) log(2πσ²) for σ²I in d dimensions",
           replace=[("a = log_pi - 0.5 * d * np.log(2.0 * np.pi * sigma2)", "a = log_pi - 0.5 * np.log(2.0 * np.pi * sigma2)")]),
    Mutant("gmm_sigma2_read_as_sigma", "divides the squared distance by 2σ⁴, reading sigma2 as σ",
           replace=[("a = log_pi - 0.5 * d * np.log(2.0 * np.pi * sigma2) - sq / (2.0 * sigma2)",
                     "a = log_pi - 0.5 * d * np.log(2.0 * np.pi * sigma2) - sq / (2.0 * sigma2 ** 2)")]),
    Mutant("em_labels_not_clamped", "labeled responsibilities from Bayes' rule too, instead of one-hot",
           replace=[("a = log_joint(X_unlab, pis, mus, sigma2)", "a = log_joint(X_all, pis, mus, sigma2)"),
                    ("pis, mus, sigma2 = m_step(X_all, w_all, np.vstack([R_lab, R_unlab]))",
                     "pis, mus, sigma2 = m_step(X_all, np.concatenate([np.ones(L), np.full(U, float(lam))]), R_unlab)")]),
    Mutant("em_lam_only_in_objective", "the M-step gives unlabeled points weight 1 whatever lam is",
           replace=[("w_all = np.concatenate([np.ones(L), np.full(U, float(lam))])", "w_all = np.ones(L + U)")]),
    Mutant("em_pi_over_point_count", "π_c = N_c / (L + U) instead of dividing by the total weight L + λU",
           replace=[("pis = Nc / w.sum()", "pis = Nc / len(X)")]),
    Mutant("em_sigma2_not_per_coordinate", "σ² = mean squared distance, not divided by d",
           replace=[("sigma2 = float((wR * sq).sum() / (d * w.sum()))", "sigma2 = float((wR * sq).sum() / w.sum())")]),
    Mutant("em_sigma2_unweighted", "σ² ignores the weights λ of the unlabeled points",
           replace=[("sigma2 = float((wR * sq).sum() / (d * w.sum()))",
                     "sigma2 = float((R * sq).sum() / (d * len(X)))")]),
    Mutant("em_uniform_start_priors", "starts from π = 1/C instead of the labeled class frequencies",
           replace=[("    pis, mus, sigma2 = m_step(X_lab, np.ones(L), R_lab)  # the supervised MLE\n",
                     "    pis, mus, sigma2 = m_step(X_lab, np.ones(L), R_lab)  # the supervised MLE\n"
                     "    pis = np.full(n_classes, 1.0 / n_classes)\n")]),
    Mutant("em_history_without_start", "history has one value per iteration, without the starting objective",
           replace=[("history = [objective(pis, mus, sigma2)]", "history = []")]),
    Mutant("em_density_ratio", "E-step as a ratio of densities: 0/0 when a point is far from every mean",
           replace=[("R_unlab = np.exp(a - a.max(axis=1, keepdims=True))", "R_unlab = np.exp(a)")]),
    Mutant("harmonic_column_normalized", "P = W D⁻¹ (columns sum to 1) instead of D⁻¹W",
           replace=[("P = W / W.sum(axis=1, keepdims=True)", "P = W / W.sum(axis=0, keepdims=True)")]),
    Mutant("harmonic_sigma_not_squared", "W = exp(−‖x_i − x_j‖² / (2σ))",
           replace=[("W = np.exp(-sq / (2.0 * sigma ** 2))", "W = np.exp(-sq / (2.0 * sigma))")]),
    Mutant("harmonic_distance_not_squared", "W = exp(−‖x_i − x_j‖ / (2σ²)) with the plain distance",
           replace=[("W = np.exp(-sq / (2.0 * sigma ** 2))", "W = np.exp(-np.sqrt(sq) / (2.0 * sigma ** 2))")]),
    Mutant("harmonic_labeled_first", "assumes the labeled points are the first L rows of X", append="""
def harmonic_label_propagation(X, Y_lab, labeled, sigma):
    X = np.asarray(X, dtype=float)
    Y_lab = np.asarray(Y_lab, dtype=float)
    L = len(Y_lab)
    sq = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    W = np.exp(-sq / (2.0 * sigma ** 2))
    np.fill_diagonal(W, 0.0)
    P = W / W.sum(axis=1, keepdims=True)
    F = np.zeros((len(X), Y_lab.shape[1]))
    F[:L] = Y_lab
    if L < len(X):
        F[L:] = np.linalg.solve(np.eye(len(X) - L) - P[L:, L:], P[L:, :L] @ Y_lab)
    return F
"""),
    Mutant("harmonic_few_iterations", "iterates F ← PF (re-clamping F_L) 30 times instead of solving", append="""
def harmonic_label_propagation(X, Y_lab, labeled, sigma):
    X = np.asarray(X, dtype=float)
    lab = np.asarray(labeled, dtype=bool)
    sq = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    W = np.exp(-sq / (2.0 * sigma ** 2))
    np.fill_diagonal(W, 0.0)
    P = W / W.sum(axis=1, keepdims=True)
    F = np.full((len(X), np.shape(Y_lab)[1]), 1.0 / np.shape(Y_lab)[1])
    for _ in range(30):
        F = P @ F
        F[lab] = Y_lab
    return F
"""),
    Mutant("harmonic_scales_X_in_place", "divides X by σ in place (np.asarray does not copy)", append="""
def harmonic_label_propagation(X, Y_lab, labeled, sigma):
    X = np.asarray(X, dtype=float)
    X /= sigma
    lab = np.asarray(labeled, dtype=bool)
    unl = ~lab
    sq = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    W = np.exp(-sq / 2.0)
    np.fill_diagonal(W, 0.0)
    P = W / W.sum(axis=1, keepdims=True)
    Y_lab = np.asarray(Y_lab, dtype=float)
    F = np.zeros((len(X), Y_lab.shape[1]))
    F[lab] = Y_lab
    if unl.any():
        F[unl] = np.linalg.solve(np.eye(int(unl.sum())) - P[np.ix_(unl, unl)], P[np.ix_(unl, lab)] @ Y_lab)
    return F
"""),
    Mutant("em_centres_inputs_in_place", "centres the inputs in place (np.asarray does not copy), then adds the "
           "mean back to μ: right answer, but the caller's arrays change", append="""
_em_on_centred = semi_supervised_em


def semi_supervised_em(X_lab, y_lab, X_unlab, n_classes, n_iter, lam=1.0):
    X_lab = np.asarray(X_lab, dtype=float)
    X_unlab = np.asarray(X_unlab, dtype=float)
    centre = X_lab.mean(axis=0)
    X_lab -= centre
    X_unlab -= centre
    pis, mus, sigma2, history = _em_on_centred(X_lab, y_lab, X_unlab, n_classes, n_iter, lam)
    return pis, mus + centre, sigma2, history
"""),
]
