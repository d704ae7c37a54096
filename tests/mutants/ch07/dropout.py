"""Realistic mistakes in 7.12 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("inverted_multiplies_by_p_keep", "inverted dropout multiplies the kept units by p_keep instead of dividing",
           replace=[("return kept / p_keep if inverted else kept", "return kept * p_keep if inverted else kept")]),
    Mutant("p_keep_read_as_drop_probability", "scales by 1/(1 − p_keep), reading p_keep as PyTorch's drop probability",
           replace=[("return kept / p_keep if inverted else kept", "return kept / (1.0 - p_keep) if inverted else kept")]),
    Mutant("book_test_mode_not_scaled", "the weight scaling rule forgotten: test mode returns X for both conventions",
           replace=[("return X.copy() if inverted else X * p_keep", "return X.copy()")]),
    Mutant("inverted_test_mode_scaled_too", "inverted dropout ALSO multiplies by p_keep at test time (double scaling)",
           replace=[("return X.copy() if inverted else X * p_keep", "return X * p_keep")]),
    Mutant("backward_without_rescale", "backward passes dout ⊙ mask without the 1/p_keep of the inverted forward",
           replace=[("return grad / p_keep if inverted else grad", "return grad")]),
    Mutant("forward_masks_in_place", "multiplies X by the mask in place (np.asarray does not copy)", append="""
def dropout_forward(X, p_keep, mask, mode='train', inverted=True):
    X = np.asarray(X, dtype=float)
    if mode == 'train':
        if mask is None:
            raise ValueError("mask needed")
        X *= mask
        return X / p_keep if inverted else X
    if mode == 'test':
        return X.copy() if inverted else X * p_keep
    raise ValueError(mode)
"""),
    Mutant("ensemble_drop_probability_weights", "weights the masks with p_keep for a DROPPED unit (p and 1 − p swapped)",
           replace=[("    weights = p_keep ** kept * (1.0 - p_keep) ** (n - kept)  # p(d); 0.0 ** 0 = 1 handles p_keep = 1\n",
                     "    weights = (1.0 - p_keep) ** kept * p_keep ** (n - kept)\n")]),
    Mutant("ensemble_uniform_weights", "averages the 2ⁿ sub-networks uniformly (eq 7.58's 1/2ⁿ) whatever p_keep is",
           replace=[("    weights = p_keep ** kept * (1.0 - p_keep) ** (n - kept)  # p(d); 0.0 ** 0 = 1 handles p_keep = 1\n",
                     "    weights = np.full(2 ** n, 0.5 ** n)\n")]),
    Mutant("geometric_not_renormalized", "returns Π_d P(y|d)^p(d) without renormalizing over the classes (eq 7.59)",
           replace=[("geometric = np.exp(_log_softmax(weights @ logp))", "geometric = np.exp(weights @ logp)")]),
    Mutant("geometric_log_of_softmax", "log of an already-underflowed softmax: log 0 = −inf for large logits",
           replace=[("geometric = np.exp(_log_softmax(weights @ logp))",
                     "probs = np.exp(logp)\n    with np.errstate(divide='ignore', invalid='ignore'):\n"
                     "        g = np.exp(weights @ np.log(probs))\n    geometric = g / g.sum()")]),
    Mutant("weight_scaling_scales_bias", "weight-scaled prediction softmax(p_keep (Wᵀv + b)): the bias scaled too",
           replace=[("weight_scaled = np.exp(_log_softmax(p_keep * (v @ W) + b))",
                     "weight_scaled = np.exp(_log_softmax(p_keep * (v @ W + b)))")]),
    Mutant("mlp_scales_after_relu", "weight scaling applied to the hidden activations instead of the masked inputs",
           replace=[("weight_scaled = float(np.maximum(p_keep * (x @ W1) + b1, 0.0) @ w2 + b2)",
                     "weight_scaled = float(p_keep * np.maximum(x @ W1 + b1, 0.0) @ w2 + b2)")]),
    Mutant("mlp_ensemble_without_relu", "evaluates the sub-networks without the ReLU (a linear model), so the gap vanishes",
           replace=[("outputs = np.maximum((D * x) @ W1 + b1, 0.0) @ w2 + b2",
                     "outputs = ((D * x) @ W1 + b1) @ w2 + b2")]),
]
