"""Realistic mistakes in 8.7 that the hidden tests must catch."""
from autograder.mutation import Mutant

SIGMA = "sigma = np.sqrt(delta + np.mean(centered ** 2, axis=0))"
DH = "dH = (dH_hat - dH_hat.mean(axis=0) - H_hat * np.mean(dH_hat * H_hat, axis=0)) / sigma"

MUTANTS = [
    # batchnorm_forward
    Mutant("bn_unbiased_variance", "σ² with the unbiased variance (ddof=1, divide by m − 1) instead of eq 8.37's 1/m",
           replace=[(SIGMA, "sigma = np.sqrt(delta + np.var(H, axis=0, ddof=1))")]),
    Mutant("bn_delta_outside_sqrt", "σ = sqrt(var) + δ instead of sqrt(var + δ)",
           replace=[(SIGMA, "sigma = np.sqrt(np.mean(centered ** 2, axis=0)) + delta")]),
    Mutant("bn_stats_per_row", "statistics over the units of each example (axis 1: layer norm), not the minibatch",
           append="""
def batchnorm_forward(H, gamma, beta, delta=1e-5):
    H = np.asarray(H, dtype=float)
    mu = H.mean(axis=1, keepdims=True)
    sigma = np.sqrt(delta + H.var(axis=1, keepdims=True))
    H_hat = (H - mu) / sigma
    return gamma * H_hat + beta, (H_hat, np.asarray(gamma, dtype=float), sigma)
"""),
    Mutant("bn_forward_in_place", "normalizes H in place (H -= μ; H /= σ), changing the caller's array", append="""
def batchnorm_forward(H, gamma, beta, delta=1e-5):
    H -= H.mean(axis=0)
    sigma = np.sqrt(delta + np.mean(H ** 2, axis=0))
    H /= sigma
    return gamma * H + beta, (H.copy(), np.asarray(gamma, dtype=float), sigma)
"""),
    # batchnorm_backward
    Mutant("bn_backward_fixed_statistics", "dH = γG/σ: treats μ and σ as constants (no path through them)",
           replace=[(DH, "dH = dH_hat / sigma")]),
    Mutant("bn_backward_mean_path_only", "back-propagates through μ but not through σ",
           replace=[(DH, "dH = (dH_hat - dH_hat.mean(axis=0)) / sigma")]),
    Mutant("bn_backward_unbiased_in_variance_path", "the variance path with 1/(m − 1) instead of 1/m",
           replace=[(DH, "dH = (dH_hat - dH_hat.mean(axis=0)"
                         " - H_hat * np.sum(dH_hat * H_hat, axis=0) / (len(dout) - 1)) / sigma")]),
    Mutant("bn_backward_forgets_gamma", "dH' = G instead of G ⊙ γ",
           replace=[("dH_hat = dout * gamma", "dH_hat = dout")]),
    Mutant("bn_backward_scales_dout_in_place", "dH' = dout; dH' *= γ: scales the caller's dout in place",
           replace=[("dH_hat = dout * gamma", "dH_hat = dout\n    dH_hat *= gamma")]),
    Mutant("bn_dbeta_mean", "dβ as the mean of G over the minibatch instead of the sum",
           replace=[("dbeta = dout.sum(axis=0)", "dbeta = dout.mean(axis=0)")]),
    Mutant("bn_dgamma_without_H_hat", "dγ = ΣG (like dβ), forgetting the factor H'",
           replace=[("dgamma = np.sum(dout * H_hat, axis=0)", "dgamma = np.sum(dout, axis=0)")]),
    # coordinate_descent_quadratic
    Mutant("cd_jacobi", "updates every coordinate from the previous sweep's x (Jacobi, not coordinate descent)",
           replace=[("        for i in range(d):\n            rest = A[i] @ x - A[i, i] * x[i]\n",
                     "        x_old = x.copy()\n        for i in range(d):\n"
                     "            rest = A[i] @ x_old - A[i, i] * x_old[i]\n")]),
    Mutant("cd_reverse_order", "sweeps i = d−1, ..., 0 instead of 0, ..., d−1",
           replace=[("        for i in range(d):\n", "        for i in reversed(range(d)):\n")]),
    Mutant("cd_missing_x0_row", "returns only the n_sweeps iterates, without x0",
           replace=[("xs = [x.copy()]", "xs = []")]),
    Mutant("cd_integer_copy", "copies x0 without casting: integer x0 truncates every update",
           replace=[("    x = np.array(x0, dtype=float)\n", "    x = np.array(x0)\n")]),
    Mutant("cd_mutates_x0", "np.asarray does not copy a float x0: the updates change the caller's array",
           replace=[("    x = np.array(x0, dtype=float)\n", "    x = np.asarray(x0, dtype=float)\n")]),
    Mutant("cd_gradient_step", "a coordinate gradient step x_i −= 0.1·∂f/∂x_i instead of the exact minimization",
           replace=[("            x[i] = (b[i] - rest) / A[i, i]\n",
                     "            x[i] -= 0.1 * (rest + A[i, i] * x[i] - b[i])\n")]),
    # polyak_average
    Mutant("polyak_falsy_alpha", "`if not alpha`: α = 0 is taken for the arithmetic mean",
           replace=[("    if alpha is None:\n", "    if not alpha:\n")]),
    Mutant("polyak_ema_from_zero", "starts the EMA at 0 (θ̂(1) = (1 − α)θ(1)) instead of at θ(1)",
           replace=[("out[0] = thetas[0]", "out[0] = (1.0 - alpha) * thetas[0]")]),
    Mutant("polyak_swapped_alpha", "θ̂(t) = (1 − α)θ̂(t−1) + αθ(t): α weighs the new point",
           replace=[("out[t] = alpha * out[t - 1] + (1.0 - alpha) * thetas[t]",
                     "out[t] = (1.0 - alpha) * out[t - 1] + alpha * thetas[t]")]),
    Mutant("polyak_divides_by_T", "divides every running sum by T instead of by t",
           replace=[("np.cumsum(thetas, axis=0) / np.arange(1, T + 1)[:, None]", "np.cumsum(thetas, axis=0) / T")]),
    Mutant("polyak_ema_in_place", "writes the EMA into the caller's array (out = thetas, no copy)",
           replace=[("out = np.empty_like(thetas)", "out = thetas")]),
    # gaussian_smoothed
    Mutant("gauss_physicists_hermite", "hermgauss (weight e^(−x²)) without the √2 node scaling: blur σ/√2",
           replace=[("x, w = np.polynomial.hermite_e.hermegauss(int(n_nodes))",
                     "x, w = np.polynomial.hermite.hermgauss(int(n_nodes))\n    w = w * np.sqrt(2.0)")]),
    Mutant("gauss_unnormalized", "forgets to divide by sqrt(2π)",
           replace=[("float(w @ values / np.sqrt(2.0 * np.pi))", "float(w @ values)")]),
    Mutant("gauss_sigma_squared", "nodes scaled by σ² instead of σ",
           replace=[("theta + sigma * xk", "theta + sigma ** 2 * xk")]),
    Mutant("gauss_ignores_n_nodes", "always uses 40 nodes",
           replace=[("hermegauss(int(n_nodes))", "hermegauss(40)")]),
]
