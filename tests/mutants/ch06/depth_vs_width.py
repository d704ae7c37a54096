"""Realistic mistakes in 6.4 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("relu_on_output_layer", "applies the ReLU after every layer, the linear output layer included",
           replace=[("H = np.maximum(0.0, Z) if l < last else Z", "H = np.maximum(0.0, Z)")]),
    Mutant("transposed_weights", "computes H @ W.T + b (the book's Wᵀh read literally on row-major batches)",
           replace=[("Z = H @ np.asarray(W, dtype=float) + np.asarray(b, dtype=float)",
                     "Z = H @ np.asarray(W, dtype=float).T + np.asarray(b, dtype=float)")]),
    Mutant("pops_params", "takes the output layer with params.pop(): right values, but the caller's list shrinks",
           append='''
def relu_mlp_forward(params, X):
    W_out, b_out = params.pop()
    H = np.asarray(X, dtype=float)
    for W, b in params:
        H = np.maximum(0.0, H @ W + b)
    return H @ W_out + b_out
'''),
    Mutant("tent_bias_not_carried", "merges the read-out into the next layer but drops the -1/2 bias of the "
           "next fold (only depth 1 is right)",
           replace=[("        params.append((w_out @ w_in, b_in.copy()))",
                     "        params.append((w_out @ w_in, np.zeros(2)))")]),
    Mutant("tent_wrong_folding_constants", "folds with T(x) = 2 relu(x) - 2 relu(x - 1/2) (a clamp, not a fold)",
           replace=[("w_out = np.array([[2.0], [-4.0]])", "w_out = np.array([[2.0], [-2.0]])")]),
    Mutant("tent_not_merged", "stacks each fold's (2, 1) read-out as its own layer instead of merging "
           "consecutive affine maps (values right on [0, 1], but width-1 layers and 2·depth layers)",
           append='''
def tent_map_net(depth):
    params = []
    for _ in range(depth):
        params.append((np.array([[1.0, 1.0]]), np.array([0.0, -0.5])))
        params.append((np.array([[2.0], [-4.0]]), np.zeros(1)))
    return params
'''),
    Mutant("pieces_counts_changed_intervals", "counts every slope change instead of runs of changes "
           "(a kink inside a grid interval counts twice)",
           replace=[("    kinks = int(np.count_nonzero(run_starts))", "    kinks = int(np.count_nonzero(changed))")]),
    Mutant("pieces_off_by_one", "returns the number of kinks instead of kinks + 1",
           replace=[("    return kinks + 1", "    return kinks")]),
    Mutant("pieces_absolute_threshold", "compares slope changes with rtol itself, not rtol·max|slope|",
           replace=[("changed = np.abs(np.diff(slopes)) > rtol * np.max(np.abs(slopes))",
                     "changed = np.abs(np.diff(slopes)) > rtol")]),
    Mutant("pieces_changes_of_values", "thresholds second differences of f (not of slopes) against rtol·max|slope|",
           replace=[("changed = np.abs(np.diff(slopes)) > rtol * np.max(np.abs(slopes))",
                     "changed = np.abs(np.diff(np.diff(y))) > rtol * np.max(np.abs(slopes))")]),
    Mutant("interpolant_slopes_not_differences", "uses the slopes s_i as output weights instead of s_i - s_{i-1}",
           replace=[("output = (slope_changes.reshape(K, 1), np.array([values[0]]))",
                     "output = (slopes.reshape(K, 1), np.array([values[0]]))")]),
    Mutant("interpolant_forgets_v0", "leaves out the constant v_0 (output bias 0)",
           replace=[("output = (slope_changes.reshape(K, 1), np.array([values[0]]))",
                     "output = (slope_changes.reshape(K, 1), np.zeros(1))")]),
    Mutant("interpolant_one_unit_per_knot", "one unit per knot (K + 1 units, the last one never switches on in "
           "[x_0, x_K])", append='''
def shallow_relu_interpolant(knots, values):
    knots = np.asarray(knots, dtype=float)
    values = np.asarray(values, dtype=float)
    slopes = np.concatenate([np.diff(values) / np.diff(knots), [0.0]])
    slope_changes = np.diff(np.concatenate([[0.0], slopes]))
    return [(np.ones((1, knots.size)), -knots), (slope_changes[:, None], np.array([values[0]]))]
'''),
]
