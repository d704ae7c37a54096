"""Realistic mistakes in 8.3 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("sgd_alpha_not_capped", "α = k/τ for every k: the line is extrapolated past τ instead of staying at ε_τ",
           replace=[("alpha = min(k / tau, 1.0)", "alpha = k / tau")]),
    Mutant("sgd_off_by_one", "α = (k + 1)/τ: k counted from 1, so ε0 is never used",
           replace=[("alpha = min(k / tau, 1.0)", "alpha = min((k + 1) / tau, 1.0)")]),
    Mutant("sgd_swapped_rates", "ε_k = (1 − α)ε_τ + αε0: the schedule runs backwards",
           replace=[("eps_k = (1.0 - alpha) * eps0 + alpha * eps_tau", "eps_k = (1.0 - alpha) * eps_tau + alpha * eps0")]),
    Mutant("sgd_integer_division", "α = k // τ: zero until τ, so no decay at all before the jump",
           replace=[("alpha = min(k / tau, 1.0)", "alpha = min(k // tau, 1.0)")]),
    Mutant("sgd_ascent", "θ + ε_k ĝ: steps uphill",
           replace=[("return np.asarray(theta, dtype=float) - eps_k * np.asarray(grad, dtype=float)",
                     "return np.asarray(theta, dtype=float) + eps_k * np.asarray(grad, dtype=float)")]),
    Mutant("sgd_in_place", "updates theta in place", append="""
def sgd_step(theta, grad, k, eps0, eps_tau, tau):
    alpha = min(k / tau, 1.0)
    theta -= ((1.0 - alpha) * eps0 + alpha * eps_tau) * grad
    return theta
"""),
    Mutant("mom_torch_buffer", "PyTorch's parametrization: b ← αb + g, θ ← θ − εb, stores b as 'v'",
           append="""
def momentum_step(theta, grad, state, lr, alpha):
    theta = np.asarray(theta, dtype=float)
    b = alpha * np.asarray(state.get("v", np.zeros_like(theta)), dtype=float) + np.asarray(grad, dtype=float)
    return theta - lr * b, {"v": b}
"""),
    Mutant("mom_dampening", "v ← αv − (1 − α)εg: an exponential moving average instead of the book's sum",
           replace=[("    v_new = alpha * v - lr * np.asarray(grad, dtype=float)\n",
                     "    v_new = alpha * v - (1.0 - alpha) * lr * np.asarray(grad, dtype=float)\n")]),
    Mutant("mom_uses_old_velocity", "θ ← θ + v with the velocity from before the update",
           replace=[("    v_new = alpha * v - lr * np.asarray(grad, dtype=float)\n    return theta + v_new, {\"v\": v_new}",
                     "    v_new = alpha * v - lr * np.asarray(grad, dtype=float)\n    return theta + v, {\"v\": v_new}")]),
    Mutant("mom_writes_state", "stores the new velocity into the state dict it was given", append="""
def momentum_step(theta, grad, state, lr, alpha):
    theta = np.asarray(theta, dtype=float)
    state["v"] = alpha * state.get("v", 0.0) - lr * np.asarray(grad, dtype=float)
    return theta + state["v"], state
"""),
    Mutant("nag_gradient_at_theta", "Nesterov evaluates the gradient at θ (classical momentum)",
           replace=[("g = np.asarray(grad_fn(theta + alpha * v), dtype=float)", "g = np.asarray(grad_fn(theta), dtype=float)")]),
    Mutant("nag_look_ahead_minus", "look-ahead point θ − αv",
           replace=[("g = np.asarray(grad_fn(theta + alpha * v), dtype=float)",
                     "g = np.asarray(grad_fn(theta - alpha * v), dtype=float)")]),
    Mutant("nag_returns_look_ahead", "returns the look-ahead point θ_new + αv_new (PyTorch's reparametrized parameters)",
           replace=[("    v_new = alpha * v - lr * g\n    return theta + v_new, {\"v\": v_new}",
                     "    v_new = alpha * v - lr * g\n    return theta + v_new + alpha * v_new, {\"v\": v_new}")]),
    Mutant("nag_extra_call", "calls grad_fn twice: once at θ (unused) and once at the look-ahead point",
           replace=[("g = np.asarray(grad_fn(theta + alpha * v), dtype=float)",
                     "_ = grad_fn(theta)\n    g = np.asarray(grad_fn(theta + alpha * v), dtype=float)")]),
    Mutant("nag_steps_from_look_ahead", "θ_new = θ̃ + v_new: the step starts from the look-ahead point",
           replace=[("    v_new = alpha * v - lr * g\n    return theta + v_new, {\"v\": v_new}",
                     "    v_new = alpha * v - lr * g\n    return theta + alpha * v + v_new, {\"v\": v_new}")]),
    Mutant("run_no_theta0", "the trajectory leaves out θ_0 (n_steps rows)",
           replace=[("    trajectory = [theta]\n", "    trajectory = []\n")]),
    Mutant("run_always_grad", "always passes grad_fn(θ), whatever the step's parameter is called",
           replace=[("    wants_fn = len(names) > 1 and names[1] == \"grad_fn\"\n", "    wants_fn = False\n")]),
    Mutant("run_fresh_state", "starts every step from an empty state instead of the returned one",
           replace=[("theta, state = step(theta, grad_fn if wants_fn else grad_fn(theta), state, **hp)",
                     "theta, _ = step(theta, grad_fn if wants_fn else grad_fn(theta), {}, **hp)")]),
    Mutant("run_dispatch_by_function_name", "decides by the step's function name ('nesterov' in it), not its parameter",
           replace=[("    wants_fn = len(names) > 1 and names[1] == \"grad_fn\"\n",
                     "    wants_fn = \"nesterov\" in step.__name__\n")]),
]
