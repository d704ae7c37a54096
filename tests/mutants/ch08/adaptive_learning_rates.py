"""Realistic mistakes in 8.5 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    # AdaGrad
    Mutant("adagrad_delta_inside_sqrt", "AdaGrad with δ inside the square root: ε/√(δ + r)",
           replace=[("theta_new = theta - lr / (delta + np.sqrt(r)) * g",
                     "theta_new = theta - lr / np.sqrt(delta + r) * g")]),
    Mutant("adagrad_no_accumulation", "r = g⊙g: forgets the sum over past gradients",
           replace=[('r = np.asarray(state.get("r", 0.0), dtype=float) + g * g', "r = g * g")]),
    Mutant("adagrad_update_before_accumulate", "divides by the r of the previous step (r = 0 on the first step)",
           append="""
def adagrad_step(theta, grad, state, lr, delta=1e-7):
    theta = np.asarray(theta, dtype=float)
    g = np.asarray(grad, dtype=float)
    r_old = np.asarray(state.get("r", 0.0), dtype=float)
    theta_new = theta - lr / (delta + np.sqrt(r_old)) * g
    return theta_new, {"r": r_old + g * g}
"""),
    Mutant("adagrad_in_place", "updates the caller's theta in place (theta -= ...)", append="""
def adagrad_step(theta, grad, state, lr, delta=1e-7):
    r = np.asarray(state.get("r", 0.0), dtype=float) + grad * grad
    theta -= lr / (delta + np.sqrt(r)) * grad
    return theta, {"r": r}
"""),
    # RMSProp
    Mutant("rmsprop_delta_outside_sqrt", "PyTorch's placement ε/(√r + δ) instead of the book's ε/√(δ + r)",
           replace=[("theta_new = theta - lr / np.sqrt(delta + r) * g",
                     "theta_new = theta - lr / (np.sqrt(r) + delta) * g")]),
    Mutant("rmsprop_rho_swapped", "r ← (1 − ρ)r + ρ g⊙g",
           replace=[('r = rho * np.asarray(state.get("r", 0.0), dtype=float) + (1.0 - rho) * g * g',
                     'r = (1.0 - rho) * np.asarray(state.get("r", 0.0), dtype=float) + rho * g * g')]),
    Mutant("rmsprop_state_setdefault", "stores r in the caller's dict with setdefault and updates it in place",
           append="""
def rmsprop_step(theta, grad, state, lr, rho=0.9, delta=1e-6):
    g = np.asarray(grad, dtype=float)
    r = state.setdefault("r", np.zeros_like(g))
    r *= rho
    r += (1.0 - rho) * g * g
    return np.asarray(theta, dtype=float) - lr / np.sqrt(delta + r) * g, state
"""),
    # RMSProp with Nesterov momentum
    Mutant("nesterov_grad_at_theta", "evaluates the gradient at θ instead of the look-ahead point θ + αv",
           replace=[("g = np.asarray(grad_fn(theta + alpha * v), dtype=float)",
                     "g = np.asarray(grad_fn(theta), dtype=float)")]),
    Mutant("nesterov_lookahead_minus", "look-ahead point θ − αv",
           replace=[("g = np.asarray(grad_fn(theta + alpha * v), dtype=float)",
                     "g = np.asarray(grad_fn(theta - alpha * v), dtype=float)")]),
    Mutant("nesterov_old_r", "rescales the gradient with the r of the previous step",
           replace=[("    r = rho * r + (1.0 - rho) * g * g\n    v = alpha * v - lr / np.sqrt(delta + r) * g\n",
                     "    v = alpha * v - lr / np.sqrt(delta + r) * g\n    r = rho * r + (1.0 - rho) * g * g\n")]),
    Mutant("nesterov_momentum_twice", "applies the look-ahead move and then the full velocity: θ ← θ + αv_old + v",
           replace=[("    theta_new = theta + v\n    return theta_new, {\"r\": r, \"v\": v}",
                     "    theta_new = theta + alpha * np.asarray(state.get(\"v\", 0.0), dtype=float) + v\n"
                     "    return theta_new, {\"r\": r, \"v\": v}")]),
    Mutant("nesterov_extra_grad_call", "also evaluates the gradient at θ (two calls per step; the value is right)",
           replace=[("    g = np.asarray(grad_fn(theta + alpha * v), dtype=float)\n",
                     "    g_here = grad_fn(theta)  # noqa: F841\n"
                     "    g = np.asarray(grad_fn(theta + alpha * v), dtype=float)\n")]),
    # Adam
    Mutant("adam_no_bias_correction", "ŝ = s and r̂ = r: no bias correction",
           replace=[("    s_hat = s / (1.0 - rho1 ** t)\n    r_hat = r / (1.0 - rho2 ** t)\n",
                     "    s_hat = s\n    r_hat = r\n")]),
    Mutant("adam_only_first_moment_corrected", "corrects s but forgets to correct r",
           replace=[("    r_hat = r / (1.0 - rho2 ** t)\n", "    r_hat = r\n")]),
    Mutant("adam_delta_inside_sqrt", "√(r̂ + δ) instead of √r̂ + δ",
           replace=[("theta_new = theta - lr * s_hat / (np.sqrt(r_hat) + delta)",
                     "theta_new = theta - lr * s_hat / np.sqrt(r_hat + delta)")]),
    Mutant("adam_efficient_form", "Kingma-Ba's 'efficient' form: ε√(1−ρ2ᵗ)/(1−ρ1ᵗ) · s/(√r + δ)",
           replace=[("theta_new = theta - lr * s_hat / (np.sqrt(r_hat) + delta)",
                     "theta_new = theta - lr * np.sqrt(1.0 - rho2 ** t) / (1.0 - rho1 ** t)"
                     " * s / (np.sqrt(r) + delta)")]),
    Mutant("adam_stores_corrected_moments", "stores ŝ and r̂ in the state instead of s and r",
           replace=[('return theta_new, {"s": s, "r": r, "t": t}',
                     'return theta_new, {"s": s_hat, "r": r_hat, "t": t}')]),
    Mutant("adam_t_not_saved", "increments t for the correction but stores the old count",
           replace=[('return theta_new, {"s": s, "r": r, "t": t}',
                     'return theta_new, {"s": s, "r": r, "t": t - 1}')]),
    Mutant("adam_t_incremented_twice", "increments t in the state and again before the correction",
           replace=[("    s_hat = s / (1.0 - rho1 ** t)\n    r_hat = r / (1.0 - rho2 ** t)\n",
                     "    s_hat = s / (1.0 - rho1 ** (t + 1))\n    r_hat = r / (1.0 - rho2 ** (t + 1))\n")]),
]
