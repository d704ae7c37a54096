"""Realistic mistakes in 7.7 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("init_variance_as_std", "passes the variance 2/n_in as the standard deviation of Ws",
           replace=[("Ws = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_shared))",
                     "Ws = rng.normal(0.0, 2.0 / n_in, size=(n_in, n_shared))")]),
    Mutant("init_heads_before_trunk", "draws the heads' weights before Ws",
           replace=[("    Ws = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_shared))\n    heads = []\n"
                     "    for k in out_dims:\n        W = rng.normal(0.0, np.sqrt(1.0 / n_shared), size=(n_shared, k))\n"
                     "        heads.append({\"W\": W, \"b\": np.zeros(k)})\n",
                     "    heads = []\n    for k in out_dims:\n"
                     "        W = rng.normal(0.0, np.sqrt(1.0 / n_shared), size=(n_shared, k))\n"
                     "        heads.append({\"W\": W, \"b\": np.zeros(k)})\n"
                     "    Ws = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_shared))\n")]),
    Mutant("init_random_biases", "draws the biases from the generator too (extra draws, non-zero biases)",
           replace=[("        heads.append({\"W\": W, \"b\": np.zeros(k)})",
                     "        heads.append({\"W\": W, \"b\": rng.normal(0.0, 0.01, size=k)})")]),
    Mutant("forward_bias_after_relu", "adds bs after the rectifier: relu(X @ Ws) + bs",
           replace=[("    Z = X @ params[\"Ws\"] + params[\"bs\"]\n    H = np.maximum(0.0, Z)\n",
                     "    Z = X @ params[\"Ws\"]\n    H = np.maximum(0.0, Z) + params[\"bs\"]\n")]),
    Mutant("nan_times_mask", "masks missing labels by multiplying: NaN · 0 is still NaN",
           replace=[("r = np.where(observed, out - Y, 0.0)", "r = (out - Y) * observed")]),
    Mutant("mean_over_all_rows", "divides by every entry of the task (m·k_t), observed or not",
           replace=[("        n = int(observed.sum())\n", "        n = int(observed.sum())\n        n = Y.size\n")]),
    Mutant("mean_per_column", "averages the per-column means instead of the mean over all observed entries",
           replace=[("        if n > 0:\n            J += float(task_weights[t]) * float((r ** 2).sum()) / n\n"
                     "        dout = 2.0 * float(task_weights[t]) * r / max(n, 1)",
                     "        n_col = np.maximum(observed.sum(axis=0), 1) * Y.shape[1]\n"
                     "        J += float(task_weights[t]) * float(((r ** 2) / n_col).sum())\n"
                     "        dout = 2.0 * float(task_weights[t]) * r / n_col")]),
    Mutant("trunk_grad_last_task_only", "overwrites the trunk gradient with each task's instead of summing",
           replace=[("dH += dout @ head[\"W\"].T", "dH = dout @ head[\"W\"].T")]),
    Mutant("task_weight_only_in_loss", "λ_t scales J but not the gradients",
           replace=[("dout = 2.0 * float(task_weights[t]) * r / max(n, 1)", "dout = 2.0 * r / max(n, 1)")]),
    Mutant("missing_factor_two", "forgets the 2 of d(r²)/dr",
           replace=[("dout = 2.0 * float(task_weights[t]) * r / max(n, 1)",
                     "dout = float(task_weights[t]) * r / max(n, 1)")]),
    Mutant("relu_grad_one_at_zero", "relu'(0) = 1 instead of 0",
           replace=[("dZ = dH * (Z > 0)", "dZ = dH * (Z >= 0)")]),
    Mutant("nanmean_for_empty_task", "np.nanmean-style mean: a task with no label gives NaN (0/0)",
           replace=[("        if n > 0:\n            J += float(task_weights[t]) * float((r ** 2).sum()) / n\n"
                     "        dout = 2.0 * float(task_weights[t]) * r / max(n, 1)",
                     "        J += float(task_weights[t]) * float((r ** 2).sum()) / n\n"
                     "        dout = 2.0 * float(task_weights[t]) * r / n")]),
    Mutant("fills_missing_labels_in_place", "sets the caller's NaN labels to 0 in place (np.asarray does not copy)",
           append="""
_reference_loss_and_grads = mtl_loss_and_grads


def mtl_loss_and_grads(X, Ys, params, task_weights):
    observed = [~np.isnan(np.asarray(Y, dtype=float)) for Y in Ys]
    for Y, obs in zip(Ys, observed):
        Y[~obs] = 0.0
    return _reference_loss_and_grads(X, [np.where(obs, Y, np.nan) for Y, obs in zip(Ys, observed)],
                                     params, task_weights)
"""),
]
