# Generated from solutions/ch06/backprop.py by dlbook build. Edit that file instead.
"""6.5 Back-Propagation and Other Differentiation Algorithms.

Back-propagation computes the gradient of a scalar cost with respect to every node of a
computational graph at the cost of about one extra forward pass, by applying the chain rule
(eq. 6.49) from the output backwards and storing every intermediate derivative (dynamic
programming, Algorithm 6.2). You write the tool that checks gradients (central differences),
back-propagation through a fully connected ReLU network with a softmax output (Algorithms
6.3 and 6.4, with the weight decay of eq. 6.56), reverse-mode automatic differentiation on a
small scalar graph, and the cost of multiplying a chain of Jacobians in either order.

Conventions: float64, batch first. A layer is ``H = g(H_prev @ W + b)`` with ``W`` of shape
(n_in, n_out): the batch form of the book's ``h = g(Wᵀh_prev + b)``. The rectifier's derivative at
0 is taken as 0 (as PyTorch does). The weight decay of eq. 6.56 has no ½, so it adds 2·λ·W to the
gradient of every weight matrix; biases are not penalized. No function changes its inputs.
"""
from __future__ import annotations

from typing import Callable

import numpy as np


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Gradient of a scalar function by central differences.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``; it is called with arrays of the shape of ``x``.
    x : ndarray of any shape
        The point. Integer arrays are treated as float64. Left unchanged.
    h : float
        The step.

    Returns
    -------
    grad : ndarray of float64, same shape as x
        ``grad[i] = (f(x + h e_i) − f(x − h e_i)) / (2h)`` for every index ``i`` of ``x``.

    Notes
    -----
    The truncation error of central differences is O(h²) (forward differences:
    O(h)), while the round-off error grows like ε·|f|/h; the total is smallest near
    h ≈ ε^(1/3) ≈ 1e-5 in float64. Gradients computed by back-propagation (Algorithm 6.2,
    eq. 6.49) are checked against these numbers.

    Hints
    -----
    Work on a float copy (``np.array(x, dtype=float)``): with an integer array,
    ``x[i] += h`` would truncate the step to 0. Loop over ``np.ndindex(x.shape)`` and put
    each entry back before moving on, so ``f`` always sees x with one entry changed.
    """
    # TODO: implement numerical_gradient (the docstring's Notes and Hints say how).
    raise NotImplementedError("6.5 numerical_gradient: not implemented yet")


def mlp_forward_backward(params: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray, lam: float
                         ) -> tuple[float, dict[str, np.ndarray]]:
    """Cost and gradients of a ReLU network with a softmax output (forward and back-propagation).

    Parameters
    ----------
    params : dict
        ``{'W1': (n_0, n_1), 'b1': (n_1,), ..., 'WL': (n_{L-1}, C), 'bL': (C,)}``; the number
        of layers L ≥ 1 is the number of ``'W'`` keys. Layers 1..L−1 are ReLU layers, layer L
        gives the unnormalized log-probabilities (logits) of C classes.
    X : ndarray of shape (m, n_0)
        Inputs, one per row.
    y : ndarray of int, shape (m,)
        Class labels in {0, ..., C−1}.
    lam : float
        Weight-decay coefficient λ ≥ 0.

    Returns
    -------
    J : float
        Mean cross-entropy of the softmax outputs plus ``lam * Σ_l ‖W_l‖²_F``.
    grads : dict
        The gradient of J with respect to every parameter, same keys and shapes as
        ``params``.

    Notes
    -----
    Forward pass as in Algorithm 6.3: ``H_0 = X``, ``Z_l = H_{l−1} @ W_l + b_l``,
    ``H_l = max(0, Z_l)`` for l < L, logits ``U = Z_L``. The cost is eq. 6.56 for L layers:
    J = J_MLE + λ Σ_l Σ_ij (W_l)²_ij, with no ½ and no penalty on the biases.

    Backward pass as in Algorithm 6.4 (and the walk-through of Sec. 6.5.7): with
    ``G_L = (softmax(U) − onehot(y)) / m``,
    ``dW_l = H_{l−1}ᵀ G_l + 2·λ·W_l``, ``db_l = Σ_rows G_l``,
    ``G_{l−1} = (G_l @ W_lᵀ) ⊙ [Z_{l−1} > 0]`` (relu'(0) = 0).

    Hints
    -----
    Compute the log-softmax stably: subtract each row's maximum before exponentiating
    (``U − max − log Σ exp(U − max)``); logits of size 1000 must not give inf or nan.
    Keep every ``Z_l`` (or ``H_l``) from the forward pass for the backward pass.
    """
    # TODO: implement mlp_forward_backward (the docstring's Notes and Hints say how).
    raise NotImplementedError("6.5 mlp_forward_backward: not implemented yet")


def reverse_mode_autodiff(nodes: list[tuple[str, tuple[int, ...]]], inputs: dict[int, float]
                          ) -> tuple[np.ndarray, np.ndarray]:
    """Values and reverse-mode derivatives of a scalar computational graph.

    Parameters
    ----------
    nodes : list of (str, tuple of int), length N
        The graph in topological order: ``nodes[i] = (op, parents)`` computes u⁽ⁱ⁾ from the
        nodes listed in ``parents`` (all with smaller indices). Ops and their parents:

        - ``'input'`` with ``()``: the value ``inputs[i]``;
        - ``'add'``, ``'sub'``, ``'mul'``, ``'div'`` with ``(a, b)``: u⁽ᵃ⁾ + u⁽ᵇ⁾, u⁽ᵃ⁾ − u⁽ᵇ⁾,
          u⁽ᵃ⁾·u⁽ᵇ⁾, u⁽ᵃ⁾ / u⁽ᵇ⁾ (in this order; ``a`` may equal ``b``);
        - ``'exp'``, ``'log'``, ``'sin'``, ``'square'``, ``'relu'`` with ``(a,)``.

        The last node is the output u⁽ᴺ⁾.
    inputs : dict of int to float
        The value of every ``'input'`` node, keyed by its index in ``nodes``.

    Returns
    -------
    values : ndarray of shape (N,)
        u⁽ⁱ⁾ for every node (the forward pass, Algorithm 6.1).
    grads : ndarray of shape (N,)
        ∂u⁽ᴺ⁾/∂u⁽ʲ⁾ for every node j (0 for nodes the output does not depend on); the
        last entry is 1.

    Notes
    -----
    Algorithm 6.2: visit the nodes in reverse order and apply eq. 6.49,
    ∂u⁽ᴺ⁾/∂u⁽ʲ⁾ = Σ_{i : j ∈ Pa(u⁽ⁱ⁾)} ∂u⁽ᴺ⁾/∂u⁽ⁱ⁾ · ∂u⁽ⁱ⁾/∂u⁽ʲ⁾.
    A node used by several children (fan-out) receives the sum of their
    contributions; ``mul`` with both parents equal gives 2·u (the book's op.bprop
    remark in Sec. 6.5.6). relu'(0) = 0.

    Hints
    -----
    Start from ``grads[N−1] = 1`` and, for each node from last to first, add
    ``grads[i] * ∂u⁽ⁱ⁾/∂u⁽ᵖ⁾`` to ``grads[p]`` for each parent p: accumulate with ``+=``,
    never overwrite. Mind the order of the parents of ``sub`` and ``div``.
    """
    # TODO: implement reverse_mode_autodiff (the docstring's Notes and Hints say how).
    raise NotImplementedError("6.5 reverse_mode_autodiff: not implemented yet")


def jacobian_chain_cost(dims: list[int], order: str) -> int:
    """Scalar multiplications needed to form the product M_1 M_2 ⋯ M_k in a fixed order.

    Parameters
    ----------
    dims : list of int, length k + 1
        ``M_i`` has shape ``(dims[i−1], dims[i])``.
    order : {'left_to_right', 'right_to_left'}
        ``'left_to_right'`` computes ((M_1 M_2) M_3) ⋯; ``'right_to_left'`` computes
        M_1 (⋯ (M_{k−1} M_k)).

    Returns
    -------
    cost : int
        The total number of scalar multiplications; a (p×q)(q×r) product costs p·q·r.
        0 for a single matrix.

    Raises
    ------
    ValueError
        For any other ``order``.

    Notes
    -----
    Sec. 6.5.9: forward and reverse mode differ like multiplying a product of Jacobians
    such as ABCD (eq. 6.58) from the left or from the right. When the last factor is a
    column (the gradient of a scalar), right to left needs only matrix-vector products:
    that is reverse mode, i.e. back-propagation.

    Hints
    -----
    Left to right, the running product always has dims[0] rows; right to left, it always
    has dims[k] columns. Use Python ints (no overflow).
    """
    # TODO: implement jacobian_chain_cost (the docstring's Notes and Hints say how).
    raise NotImplementedError("6.5 jacobian_chain_cost: not implemented yet")
