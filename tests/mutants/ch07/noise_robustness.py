"""Realistic mistakes in 7.5 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("predict_W_layout_transposed", "reads W.ravel() as an (h, n) matrix and transposes it", append="""
def tanh_net_predict(theta, X, n_hidden):
    X = np.asarray(X, dtype=float)
    theta = np.asarray(theta, dtype=float)
    n, h = X.shape[1], n_hidden
    W = theta[:n * h].reshape(h, n).T
    c, v, d = theta[n * h:n * h + h], theta[n * h + h:n * h + 2 * h], theta[-1]
    return np.tanh(X @ W + c) @ v + d
"""),
    Mutant("jacobian_forgets_tanh_derivative", "g = v ⊙ (1 − tanh(a)) instead of v ⊙ (1 − tanh²(a))",
           replace=[("g = v * (1.0 - t ** 2)", "g = v * (1.0 - t)")]),
    Mutant("jacobian_W_block_transposed", "the W block as g xᵀ (h, n) raveled, not x gᵀ (n, h)",
           replace=[("dW = (X[:, :, None] * g[:, None, :])", "dW = (g[:, :, None] * X[:, None, :])")]),
    Mutant("jacobian_blocks_out_of_order", "puts ∂ŷ/∂v before ∂ŷ/∂c",
           replace=[("np.hstack([dW, g, t, np.ones((m, 1))])", "np.hstack([dW, t, g, np.ones((m, 1))])")]),
    Mutant("jacobian_divided_by_m", "divides the per-example gradients by m as if they were a mean loss's",
           replace=[("np.hstack([dW, g, t, np.ones((m, 1))])", "np.hstack([dW, g, t, np.ones((m, 1))]) / m")]),
    Mutant("noise_averages_predictions_first", "squares the error of the noise-averaged prediction, which drops "
           "the variance term (the regularizer)", append="""
def weight_noise_objective(theta, X, y, eps, n_hidden):
    theta = np.asarray(theta, dtype=float)
    preds = np.mean([tanh_net_predict(theta + e, X, n_hidden) for e in np.asarray(eps, dtype=float)], axis=0)
    return float(np.mean((preds - np.asarray(y, dtype=float)) ** 2))
"""),
    Mutant("noise_sums_over_samples", "sums over the S noise samples instead of averaging",
           replace=[("return float(np.mean(np.square(errors)))", "return float(np.sum(np.mean(np.square(errors), axis=1)))")]),
    Mutant("noise_first_sample_only", "uses only eps[0]",
           replace=[("for e in eps]", "for e in eps[:1]]")]),
    Mutant("noise_half_squared_error", "½ (ŷ − y)² instead of (ŷ − y)²",
           replace=[("return float(np.mean(np.square(errors)))", "return float(0.5 * np.mean(np.square(errors)))")]),
    Mutant("noise_on_W_only", "perturbs only the weight matrix W (not c, v, d)", append="""
def weight_noise_objective(theta, X, y, eps, n_hidden):
    theta = np.asarray(theta, dtype=float)
    n = np.asarray(X).shape[1]
    errors = []
    for e in np.asarray(eps, dtype=float):
        t = theta.copy()
        t[:n * n_hidden] += e[:n * n_hidden]
        errors.append(tanh_net_predict(t, X, n_hidden) - np.asarray(y, dtype=float))
    return float(np.mean(np.square(errors)))
"""),
    Mutant("smoothing_eps_over_k", "PyTorch's convention: ε/k off the true class and 1 − ε + ε/k on it",
           replace=[("t = np.full((m, k), eps / (k - 1))", "t = np.full((m, k), eps / k)"),
                    ("t[np.arange(m), y] = 1.0 - eps", "t[np.arange(m), y] = 1.0 - eps + eps / k")]),
    Mutant("smoothing_true_class_stays_one", "smooths the wrong classes but keeps 1 on the true class",
           replace=[("t[np.arange(m), y] = 1.0 - eps", "t[np.arange(m), y] = 1.0")]),
    Mutant("smoothing_grad_not_divided_by_m", "dZ = softmax(Z) − t, the gradient of the sum",
           replace=[("dZ = (np.exp(logp) - t) / m", "dZ = np.exp(logp) - t")]),
    Mutant("smoothing_log_of_softmax", "log of an unshifted softmax: exp(1e4) overflows", append="""
def smoothed_cross_entropy(Z, y, eps):
    Z = np.asarray(Z, dtype=float)
    y = np.asarray(y).astype(int)
    m, k = Z.shape
    P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
    t = np.full((m, k), eps / (k - 1))
    t[np.arange(m), y] = 1.0 - eps
    return float(-(t * np.log(P)).sum() / m), (P - t) / m
"""),
    Mutant("smoothing_shifts_logits_in_place", "subtracts the row max from Z in place", append="""
def smoothed_cross_entropy(Z, y, eps):
    Z = np.asarray(Z, dtype=float)
    Z -= Z.max(axis=1, keepdims=True)
    logp = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
    y = np.asarray(y).astype(int)
    m, k = logp.shape
    t = np.full((m, k), eps / (k - 1))
    t[np.arange(m), y] = 1.0 - eps
    return float(-(t * logp).sum() / m), (np.exp(logp) - t) / m
"""),
]
