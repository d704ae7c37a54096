"""Realistic mistakes in 9.4 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("conv_as_dense_flipped_kernel", "true convolution: W[i, i + j] = w[k − 1 − j] (the kernel is flipped)",
           replace=[("W[rows, rows + j] = w[j]  # diagonal j holds w[j]", "W[rows, rows + j] = w[k - 1 - j]")]),
    Mutant("conv_as_dense_transposed", "returns the (n_in, n_in − k + 1) transpose (the W of y = Wᵀx)",
           replace=[("    return W\n    ### END SOLUTION\n\n\ndef project_onto_conv",
                     "    return W.T\n    ### END SOLUTION\n\n\ndef project_onto_conv")]),
    Mutant("conv_as_dense_same_size", "a square (n_in, n_in) matrix that lets the kernel run off the right edge "
           "('same'-style), instead of 'valid'", append="""
def conv_as_dense(w, n_in):
    w = np.asarray(w, dtype=float)
    W = np.zeros((n_in, n_in))
    for i in range(n_in):
        for j in range(len(w)):
            if i + j < n_in:
                W[i, i + j] = w[j]
    return W
"""),
    Mutant("project_sums_diagonals", "w[j] = sum of the diagonal instead of its mean",
           replace=[("np.diagonal(W, offset=j).mean()", "np.diagonal(W, offset=j).sum()")]),
    Mutant("project_lower_diagonals", "w[j] = mean of W[i + j, i] (offset −j: the diagonals below the main one)",
           replace=[("np.diagonal(W, offset=j).mean()", "np.diagonal(W, offset=-j).mean()")]),
    Mutant("project_first_columns", "w = column means of the first k columns of W (ignores that each row is "
           "shifted one place)",
           replace=[("return np.array([np.diagonal(W, offset=j).mean() for j in range(k)])",
                     "return W[:, :k].mean(axis=0)")]),
    Mutant("experiment_mse_is_sum", "the 'MSE' is the sum of squared residuals",
           replace=[("return float(np.mean((inputs @ B - Y) ** 2))", "return float(np.sum((inputs @ B - Y) ** 2))"),
                    ("return float(np.mean((windows @ w - Y.ravel()) ** 2))",
                     "return float(np.sum((windows @ w - Y.ravel()) ** 2))")]),
    Mutant("experiment_mse_per_example", "squared errors summed over the outputs and averaged over the N examples",
           replace=[("return float(np.mean((inputs @ B - Y) ** 2))",
                     "return float(np.sum((inputs @ B - Y) ** 2) / len(Y))"),
                    ("return float(np.mean((windows @ w - Y.ravel()) ** 2))",
                     "return float(np.sum((windows @ w - Y.ravel()) ** 2) / len(Y))")]),
    Mutant("experiment_fc_with_bias", "the fully connected layer gets a bias column",
           replace=[("        B = np.linalg.lstsq(inputs, Y, rcond=None)[0]\n"
                     "        return float(np.mean((inputs @ B - Y) ** 2))",
                     "        inputs = np.column_stack([inputs, np.ones(len(inputs))])\n"
                     "        B = np.linalg.lstsq(inputs, Y, rcond=None)[0]\n"
                     "        return float(np.mean((inputs @ B - Y) ** 2))")]),
    Mutant("experiment_untied_kernels", "a separate kernel for every output position (a locally connected layer, "
           "no parameter sharing)",
           replace=[("        windows = np.lib.stride_tricks.sliding_window_view(inputs, k, axis=1).reshape(-1, k)\n"
                     "        w = np.linalg.lstsq(windows, Y.ravel(), rcond=None)[0]\n"
                     "        return float(np.mean((windows @ w - Y.ravel()) ** 2))",
                     "        windows = np.lib.stride_tricks.sliding_window_view(inputs, k, axis=1)\n"
                     "        res = [windows[:, i] @ np.linalg.lstsq(windows[:, i], Y[:, i], rcond=None)[0] - Y[:, i]\n"
                     "               for i in range(Y.shape[1])]\n"
                     "        return float(np.mean(np.square(res)))")]),
    Mutant("experiment_no_refit_after_permutation", "fits both layers once on X and evaluates the same weights "
           "on X[:, perm] instead of refitting on the permuted inputs", append="""
def permutation_experiment(X, Y, perm, k):
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
    Xp = X[:, np.asarray(perm, dtype=int)]
    B = np.linalg.lstsq(X, Y, rcond=None)[0]
    windows = np.lib.stride_tricks.sliding_window_view(X, k, axis=1).reshape(-1, k)
    w = np.linalg.lstsq(windows, Y.ravel(), rcond=None)[0]
    windows_p = np.lib.stride_tricks.sliding_window_view(Xp, k, axis=1).reshape(-1, k)
    return {"fc": float(np.mean((X @ B - Y) ** 2)), "fc_perm": float(np.mean((Xp @ B - Y) ** 2)),
            "conv": float(np.mean((windows @ w - Y.ravel()) ** 2)),
            "conv_perm": float(np.mean((windows_p @ w - Y.ravel()) ** 2))}
"""),
    Mutant("experiment_permutes_targets_too", "the permutation is applied to the target positions as well "
           "(truncated to the outputs)", append="""
_permutation_experiment = permutation_experiment


def permutation_experiment(X, Y, perm, k):
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
    perm = np.asarray(perm, dtype=int)
    out_perm = np.argsort(perm[perm < Y.shape[1]])  # a permutation of the outputs
    res = _permutation_experiment(X, Y, np.arange(X.shape[1]), k)
    res_p = _permutation_experiment(X[:, perm], Y[:, out_perm], np.arange(X.shape[1]), k)
    return {"fc": res["fc"], "fc_perm": res_p["fc"], "conv": res["conv"], "conv_perm": res_p["conv"]}
"""),
    Mutant("experiment_permutes_in_place", "permutes the columns of the caller's X in place", append="""
_permutation_experiment = permutation_experiment


def permutation_experiment(X, Y, perm, k):
    res = _permutation_experiment(X, Y, perm, k)
    X[:] = X[:, perm]
    return res
"""),
]
