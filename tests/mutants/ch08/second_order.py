"""Realistic mistakes in 8.6 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    # newton_step
    Mutant("newton_sign", "θ − Δ with Δ = −(H + αI)⁻¹g: steps uphill",
           replace=[("    return theta + delta\n", "    return theta - delta\n")]),
    Mutant("newton_returns_step", "returns the step Δ instead of the new parameters θ + Δ",
           replace=[("    return theta + delta\n", "    return delta\n")]),
    Mutant("newton_damping_every_entry", "H + α (added to every entry) instead of H + αI",
           replace=[("system = hess + damping * np.eye(theta.shape[0])", "system = hess + damping")]),
    Mutant("newton_marquardt", "Marquardt's H + α·diag(H) instead of Levenberg's H + αI (eq 8.28)",
           replace=[("system = hess + damping * np.eye(theta.shape[0])",
                     "system = hess + damping * np.diag(np.diag(hess))")]),
    Mutant("newton_transposed", "g H⁻¹ (a row vector times the inverse): the transpose of H⁻¹g",
           replace=[("delta = np.linalg.solve(system, -grad)", "delta = -grad @ np.linalg.inv(system)")]),
    Mutant("newton_in_place", "updates the caller's θ in place", append="""
def newton_step(theta, grad, hess, damping=0.0):
    theta -= np.linalg.solve(hess + damping * np.eye(len(theta)), grad)
    return theta
"""),
    # conjugate_gradient_quadratic
    Mutant("cg_book_init", "follows the book's init g₀ = 0, ρ₀ = 0 literally: β₁ = 0/0", append="""
def conjugate_gradient_quadratic(A, b, theta0, n_iter, beta_rule="PR", tol=1e-12):
    if beta_rule not in ("PR", "FR"):
        raise ValueError(beta_rule)
    theta = np.array(theta0, dtype=float)
    out = [theta]
    g_prev, rho = np.zeros_like(theta), np.zeros_like(theta)
    for _ in range(n_iter):
        g = A @ theta - b
        if np.linalg.norm(g) < tol:
            out.append(theta)
            continue
        with np.errstate(all="ignore"):
            beta = ((g - g_prev) @ g) / (g_prev @ g_prev) if beta_rule == "PR" else (g @ g) / (g_prev @ g_prev)
            rho = -g + beta * rho
            eps = -(g @ rho) / (rho @ A @ rho)
        theta = theta + eps * rho
        out.append(theta)
        g_prev = g
    return np.array(out)
"""),
    Mutant("cg_no_beta", "ρ_t = −g_t always: steepest descent with exact line search (zig-zag)",
           replace=[("rho = -g if rho is None else -g + beta * rho", "rho = -g")]),
    Mutant("cg_line_search_sign", "ε* = gᵀρ/ρᵀAρ (sign lost): every step goes uphill",
           replace=[("eps = -(g @ rho) / (rho @ A @ rho)", "eps = (g @ rho) / (rho @ A @ rho)")]),
    Mutant("cg_line_search_no_A", "ε* = −gᵀρ/ρᵀρ: ignores the curvature along ρ",
           replace=[("eps = -(g @ rho) / (rho @ A @ rho)", "eps = -(g @ rho) / (rho @ rho)")]),
    Mutant("cg_gradient_sign", "g = b − Aθ (the residual) used as the gradient",
           replace=[("        g = A @ theta - b\n", "        g = b - A @ theta\n")]),
    Mutant("cg_pr_wrong_numerator", "Polak–Ribière with (g_t − g_{t−1})ᵀg_{t−1} in the numerator",
           replace=[("beta = ((g - g_prev) @ g) / (g_prev @ g_prev)",
                     "beta = ((g - g_prev) @ g_prev) / (g_prev @ g_prev)")]),
    Mutant("cg_fr_inverted", "Fletcher–Reeves ratio upside down: g_{t−1}ᵀg_{t−1} / g_tᵀg_t",
           replace=[("beta = (g @ g) / (g_prev @ g_prev)", "beta = (g_prev @ g_prev) / (g @ g)")]),
    Mutant("cg_no_tol_check", "never checks ‖g‖ < tol: 0/0 at the minimum, and tol is ignored",
           replace=[("        if np.linalg.norm(g) < tol:\n", "        if False:\n")]),
    Mutant("cg_tol_on_squared_norm", "compares gᵀg (not ‖g‖) with tol",
           replace=[("        if np.linalg.norm(g) < tol:\n", "        if g @ g < tol:\n")]),
    Mutant("cg_breaks_at_tol", "stops the loop at convergence: fewer than n_iter + 1 rows",
           replace=[("            iterates.append(theta)\n            continue\n", "            break\n")]),
    Mutant("cg_no_initial_row", "returns θ_1 .. θ_n without θ_0",
           replace=[("    return np.array(iterates)\n", "    return np.array(iterates[1:])\n")]),
    Mutant("cg_in_place_aliasing", "updates θ in place: the caller's θ₀ and every stored row are the same array",
           replace=[("    theta = np.array(theta0, dtype=float)\n", "    theta = np.asarray(theta0, dtype=float)\n"),
                    ("        theta = theta + eps * rho\n", "        theta += eps * rho\n")]),
    Mutant("cg_no_value_error", "ignores an unknown beta_rule (falls back to Polak–Ribière)",
           replace=[("        raise ValueError(f\"beta_rule must be 'PR' or 'FR', got {beta_rule!r}\")\n",
                     "        beta_rule = \"PR\"\n")]),
    # bfgs_inverse_update
    Mutant("bfgs_factors_swapped", "(I − ρ y sᵀ) M (I − ρ s yᵀ): the two factors in the wrong order",
           replace=[("    left = I - rho * np.outer(s, y)\n    right = I - rho * np.outer(y, s)\n",
                     "    left = I - rho * np.outer(y, s)\n    right = I - rho * np.outer(s, y)\n")]),
    Mutant("bfgs_rho_from_ss", "ρ = 1/sᵀs instead of 1/yᵀs",
           replace=[("    rho = 1.0 / ys\n", "    rho = 1.0 / float(s @ s)\n")]),
    Mutant("bfgs_missing_sst", "forgets the + ρ s sᵀ term",
           replace=[("    return left @ M @ right + rho * np.outer(s, s)\n", "    return left @ M @ right\n")]),
    Mutant("bfgs_no_curvature_check", "updates even when yᵀs <= 0 (negative ρ, or 1/0)",
           replace=[("    if ys <= 0:\n", "    if False:\n")]),
    Mutant("bfgs_dfp", "the DFP inverse update M + ssᵀ/yᵀs − MyyᵀM/yᵀMy instead of BFGS", append="""
def bfgs_inverse_update(M, s, y):
    M, s, y = (np.asarray(v, dtype=float) for v in (M, s, y))
    if y @ s <= 0:
        return M.copy()
    My = M @ y
    return M + np.outer(s, s) / (y @ s) - np.outer(My, My) / (y @ My)
"""),
    Mutant("bfgs_in_place", "accumulates the update into the caller's M", append="""
def bfgs_inverse_update(M, s, y):
    ys = float(y @ s)
    if ys <= 0:
        return M.copy()
    rho = 1.0 / ys
    I = np.eye(len(s))
    new = (I - rho * np.outer(s, y)) @ M @ (I - rho * np.outer(y, s)) + rho * np.outer(s, s)
    M[...] = new
    return M
"""),
    # lbfgs_direction
    Mutant("lbfgs_no_minus", "returns Mg, not the descent direction −Mg",
           replace=[("    return -r\n", "    return r\n")]),
    Mutant("lbfgs_first_loop_oldest_first", "the first loop runs oldest to newest",
           replace=[("for i in range(k - 1, -1, -1):", "for i in range(k):")]),
    Mutant("lbfgs_second_loop_newest_first", "the second loop runs newest to oldest",
           replace=[("    for i in range(k):\n        beta", "    for i in range(k - 1, -1, -1):\n        beta")]),
    Mutant("lbfgs_gamma_at_the_end", "scales the final result by gamma instead of H₀ = gamma·I",
           replace=[("    r = gamma * q\n", "    r = q\n"), ("    return -r\n", "    return -gamma * r\n")]),
    Mutant("lbfgs_gamma_inverted", "H₀ = I/gamma (gamma taken as a curvature)",
           replace=[("    r = gamma * q\n", "    r = q / gamma\n")]),
    Mutant("lbfgs_auto_gamma", "ignores gamma and uses the usual sᵀy/yᵀy of the newest pair",
           replace=[("    r = gamma * q\n",
                     "    r = (S[-1] @ Y[-1]) / (Y[-1] @ Y[-1]) * q if k else gamma * q\n")]),
    Mutant("lbfgs_q_aliases_grad", "q = grad, then q -= ...: the caller's gradient changes", append="""
def lbfgs_direction(grad, S, Y, gamma=1.0):
    q = grad
    k = len(S)
    a = np.zeros(k)
    for i in range(k - 1, -1, -1):
        a[i] = (S[i] @ q) / (Y[i] @ S[i])
        q -= a[i] * Y[i]
    r = gamma * q
    for i in range(k):
        r = r + S[i] * (a[i] - (Y[i] @ r) / (Y[i] @ S[i]))
    return -r
"""),
]
