# Generated from solutions/ch08/sgd_momentum.py by dlbook build. Edit that file instead.
"""8.3 Basic Algorithms.

Stochastic gradient descent (Algorithm 8.1) takes a step −ε_k·ĝ along a minibatch estimate of
the gradient. Its learning rate must shrink over time (eqs. 8.12-8.13); in practice it decays
linearly until iteration τ and then stays constant (eq. 8.14). Momentum (Algorithm 8.2) keeps a
velocity v, an exponentially decaying sum of past gradients (eqs. 8.15-8.16), so steps add up
along directions where successive gradients agree and cancel across a narrow canyon; its
terminal step is ε‖g‖/(1 − α) (eq. 8.17). Nesterov momentum (Algorithm 8.3) evaluates the
gradient after the velocity has been applied, at the look-ahead point θ + αv (eqs. 8.21-8.22).
You write the SGD step with its linear decay, the two momentum steps, and a small harness that
runs any step function and records the trajectory.

Conventions: float64. ``theta`` and ``grad`` have shape (d,). Optimizer steps follow one
contract, ``step(theta, grad_or_grad_fn, state, **hyper) -> (theta_new, state_new)``: they are
pure (they return a new array and a new state dict and never change ``theta`` or ``state``),
and an empty dict is a valid first state, in which a missing velocity reads as zeros. The
momentum state is ``{'v': ndarray of shape (d,)}``. Where the point of evaluation matters
(Nesterov), the second parameter is named ``grad_fn`` and is called exactly once; otherwise it
is named ``grad`` and is an array.
"""
from __future__ import annotations

import inspect

import numpy as np


def sgd_step(theta: np.ndarray, grad: np.ndarray, k: int, eps0: float, eps_tau: float, tau: int) -> np.ndarray:
    """One SGD step with the linearly decaying learning rate ε_k.

    Parameters
    ----------
    theta : ndarray of shape (d,)
        Current parameters θ.
    grad : ndarray of shape (d,)
        Gradient estimate ĝ at θ (a minibatch gradient, eq. 8.9).
    k : int
        Iteration number, counted from 0.
    eps0 : float
        Initial learning rate ε_0 (used at k = 0).
    eps_tau : float
        Final learning rate ε_τ (reached at k = τ and kept afterwards).
    tau : int
        Number of iterations of the decay, τ >= 1.

    Returns
    -------
    ndarray of shape (d,)
        θ − ε_k ĝ, a new array, with ε_k = (1 − α)ε_0 + αε_τ and α = k/τ for k <= τ, and
        ε_k = ε_τ for k > τ.

    Notes
    -----
    Algorithm 8.1 (SGD) with the linear schedule of eq. 8.14. A decaying learning rate is
    needed because the minibatch gradient stays noisy even at a minimum; the book's sufficient
    conditions are Σ ε_k = ∞ and Σ ε_k² < ∞ (eqs. 8.12-8.13), which a schedule that becomes
    constant satisfies only approximately.

    Hints
    -----
    k counts from 0, so the step at k = 0 uses ε_0 and the step at k = τ uses ε_τ exactly.
    After τ the rate stays at ε_τ: α must not grow past 1 (that would extrapolate the line).
    Use floating-point division k/τ.
    """
    # TODO: implement sgd_step (the docstring's Notes and Hints say how).
    raise NotImplementedError("8.3 sgd_step: not implemented yet")


def momentum_step(theta: np.ndarray, grad: np.ndarray, state: dict, lr: float, alpha: float) -> tuple[np.ndarray, dict]:
    """One step of SGD with (classical) momentum.

    Parameters
    ----------
    theta : ndarray of shape (d,)
        Current parameters θ.
    grad : ndarray of shape (d,)
        Gradient estimate g at θ.
    state : dict
        ``{'v': ndarray of shape (d,)}``, the velocity from the previous step; ``{}`` on the
        first step (v = 0). Not modified.
    lr : float
        Learning rate ε (may change from one step to the next).
    alpha : float
        Momentum parameter α in [0, 1).

    Returns
    -------
    theta_new : ndarray of shape (d,)
        θ + v_new.
    state_new : dict
        ``{'v': v_new}`` with v_new = αv − εg, a new dict holding a new array.

    Notes
    -----
    Algorithm 8.2, eqs. 8.15-8.16: v ← αv − ε∇θ(...), θ ← θ + v. If the gradient is always
    g, the velocity tends to −εg/(1 − α): the terminal step size ε‖g‖/(1 − α) of eq. 8.17.

    Hints
    -----
    Follow the book's parametrization, with ε inside the velocity. PyTorch's ``SGD`` keeps
    b ← αb + g and steps θ ← θ − εb instead; with a constant ε the parameters agree
    (b = −v/ε), but the stored state does not, and after ε changes neither does θ. The grader
    checks ``state_new['v']`` and changes ε between steps. Do not write into ``state``.
    """
    # TODO: implement momentum_step (the docstring's Notes and Hints say how).
    raise NotImplementedError("8.3 momentum_step: not implemented yet")


def nesterov_step(theta: np.ndarray, grad_fn, state: dict, lr: float, alpha: float) -> tuple[np.ndarray, dict]:
    """One step of SGD with Nesterov momentum.

    Parameters
    ----------
    theta : ndarray of shape (d,)
        Current parameters θ.
    grad_fn : callable
        ``grad_fn(x) -> ndarray of shape (d,)``, the (minibatch) gradient at a point x.
    state : dict
        ``{'v': ndarray of shape (d,)}``; ``{}`` on the first step (v = 0). Not modified.
    lr : float
        Learning rate ε.
    alpha : float
        Momentum parameter α in [0, 1).

    Returns
    -------
    theta_new : ndarray of shape (d,)
        θ + v_new.
    state_new : dict
        ``{'v': v_new}`` with v_new = αv − ε·grad_fn(θ + αv).

    Notes
    -----
    Algorithm 8.3, eqs. 8.21-8.22: the interim point θ̃ = θ + αv, then g = ∇J(θ̃),
    v ← αv − εg, θ ← θ + v. The only difference from classical momentum is where the gradient
    is evaluated: "after the current velocity is applied", a correction factor.

    Hints
    -----
    Call ``grad_fn`` exactly once per step, at θ + αv (on the first step, v = 0, so at θ);
    the grader records every call and its argument. Update θ from θ itself, not from the
    look-ahead point: ``theta_new`` is θ + v_new. (PyTorch's ``nesterov=True`` stores the
    look-ahead point θ + αv as its parameters, a reparametrization; do not return that.)
    """
    # TODO: implement nesterov_step (the docstring's Notes and Hints say how).
    raise NotImplementedError("8.3 nesterov_step: not implemented yet")


def run_optimizer(step, theta0: np.ndarray, grad_fn, n_steps: int, **hp) -> np.ndarray:
    """Run a step function for ``n_steps`` steps and return the whole trajectory.

    Parameters
    ----------
    step : callable
        An optimizer step ``step(theta, grad_or_grad_fn, state, **hp) -> (theta_new,
        state_new)``, e.g. ``momentum_step`` or ``nesterov_step``.
    theta0 : ndarray of shape (d,)
        Starting point. Not modified.
    grad_fn : callable
        ``grad_fn(theta) -> ndarray of shape (d,)``, the gradient of the objective.
    n_steps : int
        Number of steps, >= 0.
    **hp
        Hyperparameters passed on to every call of ``step`` by keyword (``lr=..., alpha=...``).

    Returns
    -------
    ndarray of shape (n_steps + 1, d)
        Row t is θ_t: row 0 is θ_0 itself, row t + 1 the parameters after step t.

    Notes
    -----
    The loop of Algorithms 8.1-8.3 ("while stopping criterion not met"), with a fixed number of
    iterations. It starts from the empty state ``{}`` and feeds each step the state the
    previous step returned.

    Hints
    -----
    Look at the *name* of the step's second parameter (``inspect.signature(step).parameters``):
    if it is ``grad_fn``, pass ``grad_fn`` itself (the step decides where to evaluate it);
    otherwise pass the array ``grad_fn(theta)``, evaluated once per step at the current θ.
    Pass the hyperparameters by keyword, and the returned state on to the next step.
    """
    # TODO: implement run_optimizer (the docstring's Notes and Hints say how).
    raise NotImplementedError("8.3 run_optimizer: not implemented yet")


# Given code, used by the grader. Leave it as it is. --------------------------------------
def _step_function(name: str):
    """This module's function called ``name``. A function cannot be sent into the sandbox, so
    the grader asks for a step by name and hands it to your ``run_optimizer``."""
    return globals()[name]


def _decaying_gd_step(theta, grad, state, lr):
    """A toy step in the optimizer contract (second parameter ``grad``): gradient descent with
    the rate lr/(1 + t), where the step counter t lives in the state."""
    t = state.get("t", 0)
    return np.asarray(theta, dtype=float) - lr / (1.0 + t) * np.asarray(grad, dtype=float), {"t": t + 1}


def _shifted_gd_step(theta, grad_fn, state, lr, shift):
    """A toy step in the optimizer contract (second parameter ``grad_fn``): one call of
    ``grad_fn`` at θ + shift, then a gradient-descent step from θ."""
    theta = np.asarray(theta, dtype=float)
    return theta - lr * np.asarray(grad_fn(theta + shift), dtype=float), dict(state)
