"""Realistic mistakes in 7.1.1 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    # ridge_closed_form
    Mutant("ridge_alpha_broadcast", "XᵀX + α adds α to every entry instead of αI",
           replace=[("X.T @ X + alpha * np.eye(n)", "X.T @ X + alpha")]),
    Mutant("ridge_double_alpha", "uses 2α (mixing up ½α‖w‖² with scikit-learn's α‖w‖²)",
           replace=[("X.T @ X + alpha * np.eye(n)", "X.T @ X + 2 * alpha * np.eye(n)")]),
    Mutant("ridge_mean_loss", "solves the mean-loss version (XᵀX/m + αI) w = Xᵀy/m",
           replace=[("return np.linalg.solve(X.T @ X + alpha * np.eye(n), X.T @ y)",
                     "m = X.shape[0]\n    return np.linalg.solve(X.T @ X / m + alpha * np.eye(n), X.T @ y / m)")]),
    # l2_regularized_optimum
    Mutant("factors_complement", "shrinkage factor α/(λ + α) instead of λ/(λ + α)",
           replace=[("factors = lam / (lam + alpha)", "factors = alpha / (lam + alpha)")]),
    Mutant("optimum_no_rotation", "scales w* coordinate-wise, as if H were diagonal: w̃ = factors ⊙ w*",
           replace=[("w_tilde = Q @ (factors * (Q.T @ w_star))", "w_tilde = factors * w_star")]),
    Mutant("optimum_missing_transpose", "rotates with Q twice: Q diag(f) Q w* instead of Q diag(f) Qᵀ w*",
           replace=[("w_tilde = Q @ (factors * (Q.T @ w_star))", "w_tilde = Q @ (factors * (Q @ w_star))")]),
    Mutant("eigenvalues_descending", "eigenvalues (factors and Q's columns) in descending order",
           replace=[("lam, Q = np.linalg.eigh(H)", "lam, Q = np.linalg.eigh(H)\n    lam, Q = lam[::-1], Q[:, ::-1]")]),
    Mutant("q_no_sign_convention", "returns eigh's eigenvectors with their arbitrary signs",
           replace=[("Q = Q * np.where(lead < 0, -1.0, 1.0)", "Q = Q * 1.0")]),
    # weight_decay_sgd_step
    Mutant("decay_without_lr", "w ← (1 − α)w − ε∇J: the decay is not scaled by the learning rate",
           replace=[("return (1.0 - lr * alpha) * w - lr * np.asarray(grad_J, dtype=float)",
                     "return (1.0 - alpha) * w - lr * np.asarray(grad_J, dtype=float)")]),
    Mutant("step_in_place", "updates the caller's w in place and returns it",
           append="""
def weight_decay_sgd_step(w, grad_J, lr, alpha):
    w *= 1.0 - lr * alpha
    w -= lr * grad_J
    return w
"""),
    Mutant("decay_after_step", "steps first, then decays: (1 − εα)(w − ε∇J)",
           replace=[("return (1.0 - lr * alpha) * w - lr * np.asarray(grad_J, dtype=float)",
                     "return (1.0 - lr * alpha) * (w - lr * np.asarray(grad_J, dtype=float))")]),
    # ridge_by_gradient_descent
    Mutant("gd_decay_counted_twice", "passes ∇J + αw to the step, which adds αw again",
           replace=[("w = weight_decay_sgd_step(w, X.T @ r, lr, alpha)",
                     "w = weight_decay_sgd_step(w, X.T @ r + alpha * w, lr, alpha)")]),
    Mutant("gd_mean_gradient", "gradient of the mean squared error, Xᵀ(Xw − y)/m",
           replace=[("w = weight_decay_sgd_step(w, X.T @ r, lr, alpha)",
                     "w = weight_decay_sgd_step(w, X.T @ r / X.shape[0], lr, alpha)")]),
    Mutant("gd_loss_after_update", "records the objective after each update instead of before",
           append="""
def ridge_by_gradient_descent(X, y, alpha, lr, steps):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1])
    losses = np.zeros(steps)
    for t in range(steps):
        w = weight_decay_sgd_step(w, X.T @ (X @ w - y), lr, alpha)
        r = X @ w - y
        losses[t] = 0.5 * (r @ r) + 0.5 * alpha * (w @ w)
    return w, losses
"""),
    Mutant("gd_loss_without_penalty", "records only the data term ½‖Xw − y‖²",
           replace=[("losses[t] = 0.5 * (r @ r) + 0.5 * alpha * (w @ w)", "losses[t] = 0.5 * (r @ r)")]),
]
