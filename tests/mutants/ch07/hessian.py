"""Realistic mistakes in 7.0 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    # numerical_hessian
    Mutant("hessian_forward_differences", "[f(x+he_i+he_j) − f(x+he_i) − f(x+he_j) + f(x)] / h², O(h) error",
           append="""
def numerical_hessian(f, x, h=1e-4):
    x = np.array(x, dtype=float)
    n = x.size
    E = np.eye(n) * h
    H = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            H[i, j] = (f(x + E[i] + E[j]) - f(x + E[i]) - f(x + E[j]) + f(x)) / h ** 2
    return 0.5 * (H + H.T)
"""),
    Mutant("hessian_three_point_diagonal",
           "diagonal by (f(x+he_i) − 2f(x) + f(x−he_i))/h², not the stated formula",
           append="""
def numerical_hessian(f, x, h=1e-4):
    x = np.array(x, dtype=float)
    n = x.size
    E = np.eye(n) * h
    H = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            if i == j:
                H[i, i] = (f(x + E[i]) - 2 * f(x) + f(x - E[i])) / h ** 2
            else:
                H[i, j] = (f(x + E[i] + E[j]) - f(x + E[i] - E[j]) - f(x - E[i] + E[j])
                           + f(x - E[i] - E[j])) / (4 * h * h)
    return H
"""),
    Mutant("hessian_upper_triangle_only", "fills i <= j and never mirrors (no symmetrization, eq 4.7)",
           replace=[("        for j in range(n):\n            total = 0.0",
                     "        for j in range(i, n):\n            total = 0.0"),
                    ("return 0.5 * (H + H.T)", "return H")]),
    Mutant("hessian_denominator_2h2", "divides by 2h² instead of 4h²",
           replace=[("H[i, j] = total / (4 * h * h)", "H[i, j] = total / (2 * h * h)")]),
    Mutant("hessian_no_float_cast", "keeps an integer x as integers, so the steps of size h are truncated away",
           replace=[("x = np.array(x, dtype=float)  # a float copy", "x = np.array(x)  # a float copy")]),
    Mutant("hessian_ignores_h", "always uses the default step 1e-4",
           replace=[("                xp[i] += si * h\n                xp[j] += sj * h",
                     "                xp[i] += si * 1e-4\n                xp[j] += sj * 1e-4"),
                    ("H[i, j] = total / (4 * h * h)", "H[i, j] = total / (4 * 1e-4 * 1e-4)")]),
    # analyze_hessian
    Mutant("eigvals_descending", "eigenvalues (and vectors) in descending order",
           replace=[("lam, V = np.linalg.eigh(H)", "lam, V = np.linalg.eigh(H)\n    lam, V = lam[::-1], V[:, ::-1]")]),
    Mutant("eigvecs_no_sign_convention", "returns eigh's eigenvectors with their arbitrary signs",
           replace=[("V = V * np.where(lead < 0, -1.0, 1.0)", "V = V * 1.0")]),
    Mutant("zero_eigenvalue_checked_first", "any zero eigenvalue makes it semidefinite, even with both signs present",
           replace=[("elif pos.any() and neg.any():", "elif pos.any() and neg.any() and (pos | neg).all():")]),
    Mutant("ignores_tol", "compares eigenvalues with 0 instead of ±tol",
           replace=[("pos, neg = lam > tol, lam < -tol", "pos, neg = lam > 0, lam < 0"),
                    ("mags.min() <= tol", "mags.min() == 0")]),
    Mutant("condition_number_signed", "max λ / min λ instead of max|λ| / min|λ|",
           replace=[("float(mags.max() / mags.min())", "float(lam.max() / lam.min())")]),
    # optimal_step_size
    Mutant("decrease_first_order_only", "predicted decrease ε*·gᵀg, forgetting the curvature term of eq 4.9",
           replace=[("return eps, eps * gg - 0.5 * eps ** 2 * gHg", "return eps, eps * gg")]),
    Mutant("curvature_checked_before_zero_gradient", "tests gᵀHg <= 0 before g = 0, so g = 0 gives (inf, inf)",
           append="""
def optimal_step_size(g, H):
    g = np.asarray(g, dtype=float)
    gHg = float(g @ H @ g)
    if gHg <= 0.0:
        return float(np.inf), float(np.inf)
    gg = float(g @ g)
    eps = gg / gHg
    return eps, 0.5 * gg * eps
"""),
    Mutant("step_uses_norm", "ε* = ‖g‖ / gᵀHg instead of gᵀg / gᵀHg",
           replace=[("eps = gg / gHg", "eps = np.sqrt(gg) / gHg")]),
    # hessian_vector_product
    Mutant("hvp_forward_difference", "(∇f(x + r v) − ∇f(x)) / r",
           replace=[("g_minus = np.asarray(grad_fn(x - r * v), dtype=float)",
                     "g_minus = np.asarray(grad_fn(x), dtype=float)"),
                    ("return (g_plus - g_minus) / (2 * r)", "return (g_plus - g_minus) / r")]),
    Mutant("hvp_normalizes_v", "steps along v/‖v‖ and rescales: different points, different O(r²) error",
           append="""
def hessian_vector_product(grad_fn, x, v, r=1e-5):
    x = np.asarray(x, dtype=float)
    v = np.asarray(v, dtype=float)
    norm = np.linalg.norm(v)
    u = v / norm
    return norm * (np.asarray(grad_fn(x + r * u)) - np.asarray(grad_fn(x - r * u))) / (2 * r)
"""),
    Mutant("hvp_forms_hessian", "builds H column by column (n gradient pairs), then multiplies by v",
           append="""
def hessian_vector_product(grad_fn, x, v, r=1e-5):
    x = np.asarray(x, dtype=float)
    n = x.size
    H = np.zeros((n, n))
    for j in range(n):
        e = np.zeros(n)
        e[j] = r
        H[:, j] = (np.asarray(grad_fn(x + e)) - np.asarray(grad_fn(x - e))) / (2 * r)
    return H @ np.asarray(v, dtype=float)
"""),
    Mutant("hvp_divides_by_r", "divides by r instead of 2r",
           replace=[("return (g_plus - g_minus) / (2 * r)", "return (g_plus - g_minus) / r")]),
]
