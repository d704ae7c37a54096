"""Realistic mistakes in 6.3 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("relu_grad_one_at_zero", "relu'(0) = 1 (and leaky/prelu g'(0) = 1): z >= 0 instead of z > 0",
           replace=[("        return np.where(z > 0, 1.0, a)", "        return np.where(z >= 0, 1.0, a)")]),
    Mutant("leaky_grad_zero_for_negative", "leaky/prelu derivative copied from ReLU: 0 instead of alpha for z < 0",
           replace=[("        return np.where(z > 0, 1.0, a)", "        return (z > 0).astype(float)")]),
    Mutant("abs_grad_one_at_zero", "abs'(0) = 1: np.where(z >= 0, 1, -1) instead of np.sign",
           replace=[("        return np.sign(z)", "        return np.where(z >= 0, 1.0, -1.0)")]),
    Mutant("leaky_ignores_alpha", "leaky ReLU hard-codes the slope 0.01 and ignores the alpha argument",
           replace=[("a = 0.0 if kind == \"relu\" else -1.0 if kind == \"abs\" else np.asarray(alpha, dtype=float)",
                     "a = 0.0 if kind == \"relu\" else -1.0 if kind == \"abs\" else 0.01 if kind == \"leaky\" "
                     "else np.asarray(alpha, dtype=float)")]),
    Mutant("prelu_alpha_on_axis_1", "prelu slopes on axis 1 (PyTorch's channel axis) instead of the last axis",
           replace=[("a = 0.0 if kind == \"relu\" else -1.0 if kind == \"abs\" else np.asarray(alpha, dtype=float)",
                     "a = 0.0 if kind == \"relu\" else -1.0 if kind == \"abs\" else np.asarray(alpha, dtype=float)\n"
                     "        if kind == \"prelu\" and a.ndim == 1:\n"
                     "            a = a.reshape((1, -1) + (1,) * (z.ndim - 2))")]),
    Mutant("softplus_naive_overflow", "softplus as np.log(1 + np.exp(z)): inf at z = 1000, 0 at z = -40",
           replace=[("return np.logaddexp(0.0, z)", "return np.log(1 + np.exp(z))")]),
    Mutant("softplus_log_not_log1p", "softplus as max(z, 0) + log(1 + exp(-|z|)): no overflow, but the "
           "negative tail rounds to 0",
           replace=[("return np.logaddexp(0.0, z)", "return np.maximum(z, 0.0) + np.log(1.0 + np.exp(-np.abs(z)))")]),
    Mutant("sigmoid_overflow", "sigmoid as exp(z) / (1 + exp(z)): NaN at z = 1000",
           replace=[("        e = np.exp(-np.abs(z))  # only ever exponentiate a non-positive number\n"
                     "        return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))",
                     "        return np.exp(z) / (1.0 + np.exp(z))")]),
    Mutant("sigmoid_grad_in_terms_of_input", "sigmoid'(z) = z(1 - z): the output formula σ(1 − σ) applied to z",
           replace=[("return s if kind == \"softplus\" else s * (1.0 - s)",
                     "return s if kind == \"softplus\" else z * (1.0 - z)")]),
    Mutant("hard_tanh_grad_closed_interval", "hard_tanh' = 1 on the closed interval [-1, 1]",
           replace=[("((z > -1.0) & (z < 1.0))", "((z >= -1.0) & (z <= 1.0))")]),
    Mutant("relu_in_place", "relu clips z in place (np.asarray does not copy a float array): right value, "
           "but the caller's array changes", append="""
_activation_forward = activation_forward


def activation_forward(z, kind, alpha=0.01):
    if kind == "relu":
        z = np.asarray(z, dtype=float)
        z[z < 0] = 0.0
        return z
    return _activation_forward(z, kind, alpha)
"""),
    Mutant("maxout_strided_groups", "maxout groups z[:, i::n] (strided) instead of contiguous blocks of k",
           replace=[("groups = Z.reshape(m, width // k, k)",
                     "groups = Z.reshape(m, k, width // k).transpose(0, 2, 1)")]),
    Mutant("maxout_ties_to_last", "ties go to the highest index (a loop with >=)",
           replace=[("argmax = np.argmax(groups, axis=-1)", "argmax = k - 1 - np.argmax(groups[..., ::-1], axis=-1)")]),
    Mutant("maxout_backward_to_every_piece", "maxout_backward copies dout to all k pieces of the group instead of "
           "the winner only", replace=[("dZ = np.where(winner, dout[..., None], 0.0)",
                                        "dZ = np.repeat(dout[..., None], k, axis=-1)")]),
    Mutant("maxout_backward_strided_layout", "maxout_backward writes the group of unit i to columns i::n",
           replace=[("return dZ.reshape(dout.shape[0], -1)",
                     "return dZ.transpose(0, 2, 1).reshape(dout.shape[0], -1)")]),
]
