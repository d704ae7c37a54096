# Generated from solutions/ch08/adaptive_learning_rates.py by dlbook build. Edit that file instead.
"""8.5 Algorithms with Adaptive Learning Rates.

One learning rate for every parameter is a poor fit when the cost is steep along some
directions and flat along others. The algorithms of sec. 8.5 give every parameter its own
effective step by dividing the gradient, element by element, by a running root of the squared
gradients: AdaGrad sums all of them since the start (Algorithm 8.4), RMSProp keeps an
exponentially decaying average (Algorithm 8.5), optionally with Nesterov momentum
(Algorithm 8.6), and Adam adds a decaying average of the gradient itself, with a correction of
the bias both averages have early in training (Algorithm 8.7). You write one step of each.

Contract (the same for every optimizer of the course):
``step(theta, grad_or_grad_fn, state, **hyper) -> (theta_new, state_new)``.

- ``theta`` is an ndarray of any shape (a vector (d,), a weight matrix, ...) and the gradient
  has the same shape; every operation is element-wise (⊙), float64.
- ``state`` is a dict of the optimizer's accumulators. An empty dict ``{}`` is a valid first
  state: a missing entry reads as zeros (the step counter ``t`` as 0).
- Steps are pure: they return a new ``theta`` and a new ``state`` dict with new arrays, and
  change neither ``theta``, the gradient, nor ``state`` (no ``state[...] = ...``, no ``+=`` on
  an array you were given).
- ``rmsprop_nesterov_step`` receives ``grad_fn`` instead of a gradient and calls it exactly once,
  at the look-ahead point θ + αv; the other steps receive the gradient ``grad`` as an array.

Where the book's placement of the small constant δ differs between algorithms, the graded
convention is the book's: δ is added *outside* the square root in AdaGrad (Algorithm 8.4) and
Adam (Algorithm 8.7), *inside* it in RMSProp (Algorithm 8.5), and Algorithm 8.6 has no δ at all
(``delta=0.0`` by default; a positive δ goes inside the root, as in RMSProp).
"""
from __future__ import annotations

from typing import Callable

import numpy as np


def adagrad_step(theta: np.ndarray, grad: np.ndarray, state: dict, lr: float,
                 delta: float = 1e-7) -> tuple[np.ndarray, dict]:
    """One AdaGrad step.

    Parameters
    ----------
    theta : ndarray of any shape
        The parameters θ.
    grad : ndarray, same shape as theta
        The (minibatch) gradient g at θ.
    state : dict
        ``{'r': ndarray like theta}``, the sum of all squared gradients so far; ``{}`` means
        r = 0.
    lr : float
        The global learning rate ε.
    delta : float
        The small constant δ (the book suggests 10⁻⁷), added outside the square root.

    Returns
    -------
    theta_new : ndarray, same shape as theta
        θ − ε / (δ + √r) ⊙ g, with r already including g ⊙ g.
    state_new : dict
        ``{'r': r}`` with r ← r + g ⊙ g, a new array.

    Notes
    -----
    Algorithm 8.4 (Duchi et al., 2011): accumulate r ← r + g ⊙ g, then apply
    Δθ = −ε / (δ + √r) ⊙ g element-wise. Parameters with large past gradients get a rapidly
    shrinking step, those with small ones keep a large step. Because r grows from the start of
    training, the effective rate can become too small too early for deep networks (sec. 8.5.1).

    Hints
    -----
    Accumulate first, then update with the new r. δ goes *outside* the square root:
    ``lr / (delta + np.sqrt(r))``, not ``lr / np.sqrt(delta + r)``. ``state.get('r', 0.0)``
    reads a missing r as zero without touching the caller's dict.
    """
    # TODO: implement adagrad_step (the docstring's Notes and Hints say how).
    raise NotImplementedError("8.5 adagrad_step: not implemented yet")


def rmsprop_step(theta: np.ndarray, grad: np.ndarray, state: dict, lr: float, rho: float = 0.9,
                 delta: float = 1e-6) -> tuple[np.ndarray, dict]:
    """One RMSProp step.

    Parameters
    ----------
    theta : ndarray of any shape
        The parameters θ.
    grad : ndarray, same shape as theta
        The gradient g at θ.
    state : dict
        ``{'r': ndarray like theta}``, the decaying average of squared gradients; ``{}`` means
        r = 0.
    lr : float
        The global learning rate ε.
    rho : float
        The decay rate ρ in [0, 1).
    delta : float
        The small constant δ (the book suggests 10⁻⁶), added *inside* the square root.

    Returns
    -------
    theta_new : ndarray, same shape as theta
        θ − ε / √(δ + r) ⊙ g, with the updated r.
    state_new : dict
        ``{'r': r}`` with r ← ρr + (1 − ρ) g ⊙ g, a new array.

    Notes
    -----
    Algorithm 8.5 (Hinton, 2012): AdaGrad with the sum replaced by an exponentially weighted
    moving average, so the distant past is forgotten and the algorithm can converge quickly
    once it reaches a locally convex bowl (sec. 8.5.2).

    Hints
    -----
    The book puts δ *inside* the square root, ``lr / np.sqrt(delta + r)``, and that is what is
    graded. PyTorch's ``RMSprop`` adds its eps outside (``sqrt(r) + eps``); the two differ a lot
    when the gradients are small. ρ multiplies the old average, 1 − ρ the new squared gradient.
    """
    # TODO: implement rmsprop_step (the docstring's Notes and Hints say how).
    raise NotImplementedError("8.5 rmsprop_step: not implemented yet")


def rmsprop_nesterov_step(theta: np.ndarray, grad_fn: Callable[[np.ndarray], np.ndarray], state: dict,
                          lr: float, rho: float, alpha: float, delta: float = 0.0) -> tuple[np.ndarray, dict]:
    """One step of RMSProp with Nesterov momentum.

    Parameters
    ----------
    theta : ndarray of any shape
        The parameters θ.
    grad_fn : callable
        ``grad_fn(x) -> ndarray like x``, the gradient of the cost at any point x. Called
        exactly once per step, at the look-ahead point θ̃ = θ + αv.
    state : dict
        ``{'r': ndarray like theta, 'v': ndarray like theta}``: the decaying average of squared
        gradients and the velocity. ``{}`` means r = 0 and v = 0.
    lr : float
        The global learning rate ε.
    rho : float
        The decay rate ρ in [0, 1).
    alpha : float
        The momentum coefficient α in [0, 1).
    delta : float
        A small constant inside the square root, √(δ + r). The book's algorithm has none: the
        default 0.0 is exactly Algorithm 8.6 (then every gradient coordinate must be nonzero
        on the first step, else 0/0).

    Returns
    -------
    theta_new : ndarray, same shape as theta
        θ + v with the updated velocity v.
    state_new : dict
        ``{'r': r, 'v': v}``, new arrays, with g = grad_fn(θ + αv_old),
        r ← ρr + (1 − ρ) g ⊙ g and v ← αv − ε / √(δ + r) ⊙ g.

    Notes
    -----
    Algorithm 8.6: interim update θ̃ ← θ + αv; gradient g at θ̃; accumulate
    r ← ρr + (1 − ρ) g ⊙ g; velocity v ← αv − ε/√r ⊙ g; apply θ ← θ + v. The momentum is
    Nesterov's (eqs. 8.21-8.22, Algorithm 8.3): the gradient is taken *after* the momentum
    move, and the rescaled gradient is added to the velocity, which carries past learning
    rates with it.

    Hints
    -----
    Call ``grad_fn`` once, on ``theta + alpha * v`` (not on ``theta``), before you change r or
    v. Use the *updated* r in the velocity update. δ, if given, goes inside the root, as in
    RMSProp.
    """
    # TODO: implement rmsprop_nesterov_step (the docstring's Notes and Hints say how).
    raise NotImplementedError("8.5 rmsprop_nesterov_step: not implemented yet")


def adam_step(theta: np.ndarray, grad: np.ndarray, state: dict, lr: float = 1e-3, rho1: float = 0.9,
              rho2: float = 0.999, delta: float = 1e-8) -> tuple[np.ndarray, dict]:
    """One Adam step.

    Parameters
    ----------
    theta : ndarray of any shape
        The parameters θ.
    grad : ndarray, same shape as theta
        The gradient g at θ.
    state : dict
        ``{'s': ndarray like theta, 'r': ndarray like theta, 't': int}``: the *uncorrected*
        first and second moment estimates and the number of steps taken so far. ``{}`` means
        s = r = 0 and t = 0.
    lr : float
        The step size ε (the book suggests 0.001).
    rho1, rho2 : float
        Exponential decay rates of the moment estimates, in [0, 1) (0.9 and 0.999).
    delta : float
        The small constant δ (10⁻⁸), added *outside* the square root.

    Returns
    -------
    theta_new : ndarray, same shape as theta
        θ − ε ŝ / (√r̂ + δ).
    state_new : dict
        ``{'s': s, 'r': r, 't': t}``: the updated uncorrected moments (new arrays) and the
        incremented step count t (an int).

    Notes
    -----
    Algorithm 8.7 (Kingma and Ba, 2014): t ← t + 1; s ← ρ₁s + (1 − ρ₁)g;
    r ← ρ₂r + (1 − ρ₂) g ⊙ g; ŝ ← s / (1 − ρ₁ᵗ); r̂ ← r / (1 − ρ₂ᵗ);
    Δθ = −ε ŝ / (√r̂ + δ). The moments start at 0, so early on they are biased towards 0; the
    corrections remove that bias (sec. 8.5.3). On the first step ŝ = g and r̂ = g ⊙ g, so every
    coordinate moves by about ε, whatever the scale of g.

    Hints
    -----
    Increment t *before* the bias correction (the first step uses t = 1). Store the
    uncorrected s and r in the new state, never ŝ and r̂. δ goes outside the root:
    ``np.sqrt(r_hat) + delta``. This is PyTorch's ``Adam``, not the "efficient" form with a
    corrected learning rate and δ added to √r.
    """
    # TODO: implement adam_step (the docstring's Notes and Hints say how).
    raise NotImplementedError("8.5 adam_step: not implemented yet")
