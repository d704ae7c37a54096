"""Realistic mistakes in 6.1 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("no_intercept", "fits f(x) = xᵀw without the bias column",
           replace=[("A = np.column_stack([X, np.ones(X.shape[0])])\n    theta, *_ = np.linalg.lstsq(A, y, rcond=None)\n    w, b = theta[:-1], float(theta[-1])",
                     "A = X\n    theta, *_ = np.linalg.lstsq(A, y, rcond=None)\n    w, b = theta, 0.0")]),
    Mutant("sum_not_mean", "J as the sum of squared errors instead of the mean",
           replace=[("J = float(np.mean((A @ theta - y) ** 2))", "J = float(np.sum((A @ theta - y) ** 2))")]),
    Mutant("transposed_W", "pre-activation X @ W.T (only works for square symmetric W)",
           replace=[("H = np.maximum(0.0, np.asarray(X, dtype=float) @ W + c)",
                     "H = np.maximum(0.0, np.asarray(X, dtype=float) @ np.asarray(W).T + c)")]),
    Mutant("hidden_is_preactivation", "return_hidden returns Z instead of relu(Z)",
           replace=[("    f = H @ w + b\n    return (f, H) if return_hidden else f",
                     "    f = H @ w + b\n    return (f, np.asarray(X, dtype=float) @ W + c) if return_hidden else f")]),
    Mutant("relu_grad_one_at_zero", "relu'(0) = 1 instead of 0",
           replace=[("dZ = np.outer(df, w) * (Z > 0)", "dZ = np.outer(df, w) * (Z >= 0)")]),
    Mutant("missing_factor_two", "forgets the 2 of d(r²)/dr",
           replace=[("df = 2.0 * r / m", "df = r / m")]),
    Mutant("no_batch_mean_in_grad", "gradient of the sum, not of the mean",
           replace=[("df = 2.0 * r / m", "df = 2.0 * r")]),
    Mutant("centers_inputs_in_place", "centres X and y in place (np.asarray does not copy): right answer, "
           "but the caller's arrays change", append="""
def fit_linear_model(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    X -= x_mean
    y -= y_mean
    w, *_ = np.linalg.lstsq(X, y, rcond=None)
    return w, float(y_mean - x_mean @ w), float(np.mean((X @ w - y) ** 2))
"""),
    Mutant("history_after_update", "records the loss after each update instead of before",
           replace=[("        history[t], grads = xor_mse_and_grads(X, y, params)\n        params = {k: params[k] - lr * grads[k] for k in params}",
                     "        _, grads = xor_mse_and_grads(X, y, params)\n        params = {k: params[k] - lr * grads[k] for k in params}\n        history[t] = xor_mse_and_grads(X, y, params)[0]")]),
    Mutant("wrong_init_order", "draws c before W, so the documented initialization is not followed",
           replace=[("        \"W\": rng.normal(size=(2, hidden)),\n        \"c\": rng.uniform(0, 0.1, hidden),",
                     "        \"c\": rng.uniform(0, 0.1, hidden),\n        \"W\": rng.normal(size=(2, hidden)),")]),
]
