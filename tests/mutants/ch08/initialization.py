"""Realistic mistakes in 8.4 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("gl_fan_in_heuristic", "the older heuristic U(−1/√m, 1/√m) instead of eq 8.23",
           replace=[("a = np.sqrt(6.0 / (n_in + n_out))", "a = 1.0 / np.sqrt(n_in)")]),
    Mutant("gl_std_as_bound", "uses the Glorot standard deviation √(2/(m + n)) as the uniform bound",
           replace=[("a = np.sqrt(6.0 / (n_in + n_out))", "a = np.sqrt(2.0 / (n_in + n_out))")]),
    Mutant("gl_torch_layout", "PyTorch's (out, in) layout: shape (n_out, n_in)",
           replace=[("return rng.uniform(-a, a, size=(n_in, n_out))", "return rng.uniform(-a, a, size=(n_out, n_in))")]),
    Mutant("gl_transposed_draw", "draws (n_out, n_in) and transposes: right shape, different numbers",
           replace=[("return rng.uniform(-a, a, size=(n_in, n_out))", "return rng.uniform(-a, a, size=(n_out, n_in)).T")]),
    Mutant("gl_global_random", "draws from the global np.random instead of the given generator",
           replace=[("return rng.uniform(-a, a, size=(n_in, n_out))", "return np.random.uniform(-a, a, size=(n_in, n_out))")]),
    Mutant("gl_normal", "draws N(0, 2/(m + n)) instead of the uniform distribution",
           replace=[("return rng.uniform(-a, a, size=(n_in, n_out))", "return rng.normal(0.0, a / np.sqrt(3.0), size=(n_in, n_out))")]),
    Mutant("or_no_sign_fix", "takes np.linalg.qr's Q as it is (diag(R) may be negative)",
           replace=[("    Q = Q * np.where(np.diag(R) < 0, -1.0, 1.0)\n", "")]),
    Mutant("or_complete_mode", "full QR (mode='complete'): a square Q for a tall A",
           replace=[("Q, R = np.linalg.qr(M)", "Q, R = np.linalg.qr(M, mode=\"complete\")")]),
    Mutant("or_wide_not_transposed", "decomposes a wide A directly (no transpose)",
           replace=[("    M = A if rows >= cols else A.T\n", "    M = A\n"),
                    ("    return gain * (Q if rows >= cols else Q.T)\n", "    return gain * Q\n")]),
    Mutant("or_svd", "U Vᵀ from the SVD: orthogonal, but not the QR factor",
           replace=[("    Q, R = np.linalg.qr(M)\n    Q = Q * np.where(np.diag(R) < 0, -1.0, 1.0)\n",
                     "    U, _, Vt = np.linalg.svd(M, full_matrices=False)\n    Q = U @ Vt\n")]),
    Mutant("or_gain_squared", "multiplies by gain² (the variance) instead of gain",
           replace=[("return gain * (Q if rows >= cols else Q.T)", "return gain ** 2 * (Q if rows >= cols else Q.T)")]),
    Mutant("sp_with_replacement", "rng.choice(n_in, k) with the default replace=True",
           replace=[("        rows = rng.choice(n_in, k, replace=False)\n", "        rows = rng.choice(n_in, k)\n")]),
    Mutant("sp_rows_first", "draws the rows of every column first, then all the values", append="""
def sparse_init(n_in, n_out, k, rng, scale=1.0):
    W = np.zeros((n_in, n_out))
    rows = [rng.choice(n_in, k, replace=False) for _ in range(n_out)]
    for j in range(n_out):
        W[rows[j], j] = rng.normal(0.0, scale, k)
    return W
"""),
    Mutant("sp_per_input", "k non-zeros per row (per input, torch's nn.Linear semantics) instead of per unit",
           append="""
def sparse_init(n_in, n_out, k, rng, scale=1.0):
    W = np.zeros((n_out, n_in))
    for j in range(n_in):
        rows = rng.choice(n_out, min(k, n_out), replace=False)
        W[rows, j] = rng.normal(0.0, scale, min(k, n_out))
    return W.T
"""),
    Mutant("sp_ignores_scale", "draws the non-zero values with std 1, ignoring scale",
           replace=[("W[rows, j] = rng.normal(0.0, scale, k)", "W[rows, j] = rng.normal(0.0, 1.0, k)")]),
    Mutant("sp_scale_as_variance", "passes scale² (a variance) where numpy wants the standard deviation",
           replace=[("W[rows, j] = rng.normal(0.0, scale, k)", "W[rows, j] = rng.normal(0.0, scale ** 2, k)")]),
    Mutant("tl_tanh_prime", "tanh'(z) = 1 − tanh(z) instead of 1 − tanh²(z)",
           replace=[("dZ = np.outer(r, w2) * (1.0 - H ** 2)", "dZ = np.outer(r, w2) * (1.0 - H)")]),
    Mutant("tl_no_half", "gradients of (1/n)Σ(ŷ − y)²: twice the right values",
           replace=[("r = (H @ w2 + b2 - y) / n", "r = 2.0 * (H @ w2 + b2 - y) / n")]),
    Mutant("tl_sum_not_mean", "forgets the 1/n of the mean",
           replace=[("r = (H @ w2 + b2 - y) / n", "r = H @ w2 + b2 - y")]),
    Mutant("tl_b2_mean", "∂L/∂b2 = mean(r) with r already divided by n",
           replace=[("\"b2\": float(r.sum())", "\"b2\": float(r.mean())")]),
    Mutant("tl_forgets_w2", "∂L/∂Z without the outgoing weights w2",
           replace=[("dZ = np.outer(r, w2) * (1.0 - H ** 2)", "dZ = r[:, None] * (1.0 - H ** 2)")]),
    Mutant("tl_b1_without_tanh_prime", "∂L/∂b1 from ∂L/∂H, forgetting the tanh derivative for the bias",
           replace=[("\"b1\": dZ.sum(axis=0)", "\"b1\": np.outer(r, w2).sum(axis=0)")]),
    Mutant("tl_residual_aliases_y", "r = y; r -= ŷ: the residual is computed inside the caller's y", append="""
def two_layer_grads(X, y, W1, b1, w2, b2):
    n = X.shape[0]
    H = np.tanh(X @ W1 + b1)
    r = y
    r -= H @ w2 + b2
    r *= -1.0 / n
    dZ = np.outer(r, w2) * (1.0 - H ** 2)
    return {"W1": X.T @ dZ, "b1": dZ.sum(axis=0), "w2": H.T @ r, "b2": float(r.sum())}
"""),
]
