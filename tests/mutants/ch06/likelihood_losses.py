"""Realistic mistakes in 6.2 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("log_softmax_no_max_shift", "log Σ exp z without subtracting the max: exp(1e4) overflows to inf",
           replace=[("    shifted = Z - Z.max(axis=1, keepdims=True)\n", "    shifted = Z\n")]),
    Mutant("log_softmax_global_max", "subtracts the max of the whole array, so rows far below it underflow to log 0",
           replace=[("shifted = Z - Z.max(axis=1, keepdims=True)", "shifted = Z - Z.max()")]),
    Mutant("log_softmax_max_over_columns", "takes the max over axis 0 (per class) instead of per row",
           replace=[("shifted = Z - Z.max(axis=1, keepdims=True)", "shifted = Z - Z.max(axis=0, keepdims=True)")]),
    Mutant("log_softmax_in_place", "subtracts the row max in place (np.asarray does not copy): right values, "
           "but the caller's logits change", append="""
def log_softmax(Z):
    Z = np.asarray(Z, dtype=float)
    Z -= Z.max(axis=1, keepdims=True)
    return Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
"""),
    Mutant("ce_log_of_softmax", "takes the log of a softmax that has underflowed to 0 (-inf for confident mistakes)",
           replace=[("    J = float(-logp[rows, y].mean())\n",
                     "    J = float(-np.log(np.exp(logp)[rows, y]).mean())\n")]),
    Mutant("ce_grad_not_divided_by_m", "dZ = softmax(Z) − onehot(y), the gradient of the sum, not of the mean",
           replace=[("    dZ /= m\n", "")]),
    Mutant("ce_sum_not_mean", "J summed over the batch instead of averaged",
           replace=[("J = float(-logp[rows, y].mean())", "J = float(-logp[rows, y].sum())")]),
    Mutant("bce_log_sigmoid", "J = −mean(y log σ(z) + (1 − y) log(1 − σ(z))): log 0 = −inf for large |z|",
           replace=[("J = float(np.mean(np.logaddexp(0.0, (1.0 - 2.0 * y) * z)))",
                     "s = 1.0 / (1.0 + np.exp(-z))\n    J = float(-np.mean(y * np.log(s) + (1.0 - y) * np.log(1.0 - s)))")]),
    Mutant("bce_naive_softplus", "softplus as log(1 + exp(a)): overflows to inf when the answer is confidently wrong",
           replace=[("J = float(np.mean(np.logaddexp(0.0, (1.0 - 2.0 * y) * z)))",
                     "J = float(np.mean(np.log1p(np.exp((1.0 - 2.0 * y) * z))))")]),
    Mutant("bce_wrong_sign", "ζ((2y − 1)z) instead of ζ((1 − 2y)z)",
           replace=[("np.logaddexp(0.0, (1.0 - 2.0 * y) * z)", "np.logaddexp(0.0, (2.0 * y - 1.0) * z)")]),
    Mutant("bce_grad_not_divided_by_m", "dz = σ(z) − y without the 1/m of the mean",
           replace=[("dz = (sigma - y) / m", "dz = sigma - y")]),
    Mutant("mdn_no_log_softmax", "adds the raw mixing logits instead of their log-softmax",
           replace=[("log_pi = log_softmax(logit_pi)", "log_pi = np.asarray(logit_pi, dtype=float)")]),
    Mutant("mdn_exp_log_sigma_as_variance", "treats exp(log_sigma) as the variance σ², not σ",
           replace=[("resid = (y[:, None] - mu) * np.exp(-log_sigma)",
                     "resid = (y[:, None] - mu) * np.exp(-0.5 * log_sigma)"),
                    ("log_normal = -0.5 * np.log(2.0 * np.pi) - log_sigma - 0.5 * resid ** 2",
                     "log_normal = -0.5 * np.log(2.0 * np.pi) - 0.5 * log_sigma - 0.5 * resid ** 2")]),
    Mutant("mdn_sigma_is_log_sigma", "uses log_sigma as if it were σ itself",
           replace=[("resid = (y[:, None] - mu) * np.exp(-log_sigma)", "resid = (y[:, None] - mu) / log_sigma"),
                    ("log_normal = -0.5 * np.log(2.0 * np.pi) - log_sigma - 0.5 * resid ** 2",
                     "log_normal = -0.5 * np.log(2.0 * np.pi) - np.log(log_sigma) - 0.5 * resid ** 2")]),
    Mutant("mdn_drops_2pi_constant", "drops −½ log 2π as 'a constant that does not matter'",
           replace=[("log_normal = -0.5 * np.log(2.0 * np.pi) - log_sigma - 0.5 * resid ** 2",
                     "log_normal = -log_sigma - 0.5 * resid ** 2")]),
    Mutant("mdn_sums_densities", "log of the summed densities without log-sum-exp: far targets give log 0",
           replace=[("    a_max = a.max(axis=1, keepdims=True)\n    log_lik = a_max[:, 0] + np.log(np.exp(a - a_max).sum(axis=1))\n",
                     "    log_lik = np.log(np.exp(a).sum(axis=1))\n")]),
    Mutant("mdn_centres_mu_in_place", "subtracts y from mu in place to get the residuals", append="""
def mdn_nll(y, logit_pi, mu, log_sigma):
    y = np.asarray(y, dtype=float)
    mu = np.asarray(mu, dtype=float)
    mu -= y[:, None]
    log_pi = log_softmax(logit_pi)
    a = log_pi - 0.5 * np.log(2.0 * np.pi) - log_sigma - 0.5 * (mu * np.exp(-log_sigma)) ** 2
    a_max = a.max(axis=1, keepdims=True)
    return float(-(a_max[:, 0] + np.log(np.exp(a - a_max).sum(axis=1))).mean())
"""),
]
