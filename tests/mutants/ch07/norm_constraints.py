"""Realistic mistakes in 7.2 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("projects_onto_sphere", "rescales every nonzero w to norm k, also points inside the ball",
           replace=[("    if norm <= k:\n        return w.copy()\n    return w * (k / norm)",
                     "    if norm == 0:\n        return w.copy()\n    return w * (k / norm)")]),
    Mutant("zero_vector_nan", "w·min(1, k/‖w‖) without guarding ‖w‖ = 0 (0/0 gives NaN)",
           replace=[("    if norm <= k:\n        return w.copy()\n    return w * (k / norm)",
                     "    with np.errstate(divide='ignore', invalid='ignore'):\n"
                     "        return w * np.minimum(1.0, k / norm)")]),
    Mutant("projection_in_place", "rescales w in place (np.asarray does not copy a float array)",
           replace=[("    return w * (k / norm)\n", "    w *= k / norm\n    return w\n")]),
    Mutant("max_norm_rows", "caps the norm of the rows (W[i, :]) instead of the columns (units)",
           replace=[("norms = np.linalg.norm(W, axis=0)", "norms = np.linalg.norm(W, axis=1)"),
                    ("return W * scale\n", "return W * scale[:, None]\n")]),
    Mutant("max_norm_normalizes_all", "sets every column to norm c, also the ones under the cap",
           replace=[("    scale[over] = c / norms[over]\n",
                     "    scale = c / np.maximum(norms, 1e-300)\n")]),
    Mutant("max_norm_frobenius", "constrains the Frobenius norm of the whole matrix instead of each column",
           replace=[("norms = np.linalg.norm(W, axis=0)", "norms = np.full(W.shape[1], np.linalg.norm(W))")]),
    Mutant("pgd_project_then_step", "projects first and steps after: the returned point can leave the ball",
           replace=[("        g = np.asarray(grad_fn(w), dtype=float)\n        w = project_l2_ball(w - lr * g, k)",
                     "        w = project_l2_ball(w, k)\n        w = w - lr * np.asarray(grad_fn(w), dtype=float)")]),
    Mutant("pgd_off_by_one", "runs steps − 1 updates",
           replace=[("    for _ in range(steps):\n        g = np.asarray(grad_fn(w), dtype=float)",
                     "    for _ in range(steps - 1):\n        g = np.asarray(grad_fn(w), dtype=float)")]),
    Mutant("pgd_projects_w0_first", "projects w0 onto the ball before the first gradient evaluation",
           replace=[("    w = np.array(w0, dtype=float)\n    for _ in range(steps):",
                     "    w = project_l2_ball(np.array(w0, dtype=float), k)\n    for _ in range(steps):")]),
    Mutant("cls_lambda_without_two", "x(λ) = (AᵀA + λI)⁻¹Aᵀb: forgets that ∇(λxᵀx) = 2λx",
           replace=[("return np.linalg.solve(AtA + 2.0 * lam * eye, Atb)", "return np.linalg.solve(AtA + lam * eye, Atb)"),
                    ("lo, hi = 0.0, np.linalg.norm(Atb) / (2.0 * radius)", "lo, hi = 0.0, np.linalg.norm(Atb) / radius")]),
    Mutant("cls_normal_equations_inside", "tests the inactive case with solve(AᵀA, Aᵀb), singular for wide or "
           "rank-deficient A",
           replace=[("x_ls = np.linalg.lstsq(A, b, rcond=None)[0]",
                     "x_ls = np.linalg.solve(A.T @ A + 1e-12 * np.eye(A.shape[1]), A.T @ b)")]),
    Mutant("cls_radius_not_squared", "compares xᵀx with r instead of r² for the inactive test",
           replace=[("if np.linalg.norm(x_ls) <= radius:", "if x_ls @ x_ls <= radius:")]),
    Mutant("cls_scaled_unconstrained", "rescales the unconstrained solution onto the sphere (right only for A ∝ I)",
           append="""
def constrained_least_squares(A, b, radius=1.0, tol=1e-12):
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    x_ls = np.linalg.lstsq(A, b, rcond=None)[0]
    norm = np.linalg.norm(x_ls)
    if norm <= radius:
        return x_ls, 0.0
    x = x_ls * (radius / norm)
    # multiplier from stationarity, in the least-squares sense
    r = A.T @ b - A.T @ A @ x
    return x, float((2 * x) @ r / ((2 * x) @ (2 * x)))
"""),
]
