"""Realistic mistakes in 6.5 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    # numerical_gradient
    Mutant("forward_differences", "(f(x + h e_i) − f(x)) / h instead of central differences",
           replace=[("        x[idx] = old - h\n        f_minus = f(x)", "        x[idx] = old\n        f_minus = f(x)"),
                    ("grad[idx] = (f_plus - f_minus) / (2 * h)", "grad[idx] = (f_plus - f_minus) / h")]),
    Mutant("mutates_x_no_restore", "perturbs the caller's x in place and never puts the entry back",
           append="""
def numerical_gradient(f, x, h=1e-5):
    x = np.asarray(x, dtype=float)
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        x[idx] += h
        f_plus = f(x)
        x[idx] -= 2 * h
        f_minus = f(x)
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad
"""),
    Mutant("no_float_cast", "keeps an integer x as integers, so x[i] + h is truncated",
           replace=[("x = np.array(x, dtype=float)  # a copy", "x = np.array(x)  # a copy")]),
    # mlp_forward_backward
    Mutant("weight_decay_half_gradient", "gradient lam·W instead of 2·lam·W (as if the penalty had a ½)",
           replace=[("Hs[l].T @ G + 2.0 * lam * Ws[l]", "Hs[l].T @ G + lam * Ws[l]")]),
    Mutant("weight_decay_half_cost", "J = CE + ½·lam·Σ‖W‖² (the ½ eq 6.56 does not have)",
           replace=[("lam * sum(np.sum(W ** 2) for W in Ws))", "0.5 * lam * sum(np.sum(W ** 2) for W in Ws))")]),
    Mutant("penalizes_biases", "weight decay on the biases too, in J and in db",
           replace=[("lam * sum(np.sum(W ** 2) for W in Ws))",
                     "lam * sum(np.sum(W ** 2) for W in Ws) + lam * sum(np.sum(b ** 2) for b in bs))"),
                    ('grads[f"b{l + 1}"] = G.sum(axis=0)', 'grads[f"b{l + 1}"] = G.sum(axis=0) + 2.0 * lam * bs[l]')]),
    Mutant("relu_grad_one_at_zero", "relu'(0) = 1 instead of 0",
           replace=[("G = (G @ Ws[l].T) * (Zs[l - 1] > 0)", "G = (G @ Ws[l].T) * (Zs[l - 1] >= 0)")]),
    Mutant("ce_grad_no_mean", "gradient of the summed cross-entropy: forgets the 1/m",
           replace=[("    G /= m\n", "")]),
    Mutant("naive_softmax", "softmax without subtracting the row maximum (overflows for large logits)",
           replace=[("shifted = U - U.max(axis=1, keepdims=True)", "shifted = U")]),
    Mutant("no_relu_mask", "back-propagates through the hidden layers as if they were linear",
           replace=[("G = (G @ Ws[l].T) * (Zs[l - 1] > 0)", "G = G @ Ws[l].T")]),
    # reverse_mode_autodiff
    Mutant("fan_out_overwrite", "grads[p] = ... overwrites instead of accumulating over children",
           replace=[("grads[p] += grads[i] * d", "grads[p] = grads[i] * d")]),
    Mutant("sub_sign_swapped", "sub gives −1 to the first parent and +1 to the second",
           replace=[("local = [1.0, -1.0]", "local = [-1.0, 1.0]")]),
    Mutant("div_partials_swapped", "div's partials given to the wrong parents",
           replace=[("local = [1.0 / args[1], -args[0] / args[1] ** 2]",
                     "local = [-args[0] / args[1] ** 2, 1.0 / args[1]]")]),
    Mutant("mul_self_counted_once", "mul(x, x) visits the repeated parent once (set of parents): d(x·x)/dx = x",
           replace=[("for p, d in zip(parents, local):", "for p, d in dict(zip(parents, local)).items():")]),
    # jacobian_chain_cost
    Mutant("chain_cost_orders_swapped", "left_to_right and right_to_left exchanged",
           replace=[('if order == "left_to_right":', 'if order == "right_to_left":'),
                    ('if order == "right_to_left":\n        return sum(dims[i]',
                     'if order == "left_to_right":\n        return sum(dims[i]')]),
    Mutant("chain_cost_off_by_one", "left to right uses the growing inner dimension instead of dims[0] rows",
           replace=[("return sum(dims[0] * dims[i] * dims[i + 1] for i in range(1, k))",
                     "return sum(dims[i - 1] * dims[i] * dims[i + 1] for i in range(1, k))")]),
]
