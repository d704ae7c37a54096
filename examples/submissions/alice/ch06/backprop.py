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
    ### BEGIN SOLUTION
    x = np.array(x, dtype=float)  # a copy: the caller's x is never touched
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        f_plus = f(x)
        x[idx] = old - h
        f_minus = f(x)
        x[idx] = old
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=int)
    L = sum(1 for k in params if k.startswith("W"))
    m = X.shape[0]
    Ws = [np.asarray(params[f"W{l}"], dtype=float) for l in range(1, L + 1)]
    bs = [np.asarray(params[f"b{l}"], dtype=float) for l in range(1, L + 1)]

    # Forward (Algorithm 6.3): Hs[l] is the input of layer l + 1.
    Hs, Zs = [X], []
    for l in range(L):
        Z = Hs[-1] @ Ws[l] + bs[l]
        Zs.append(Z)
        if l < L - 1:
            Hs.append(np.maximum(0.0, Z))
    U = Zs[-1]
    shifted = U - U.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    rows = np.arange(m)
    J = float(-log_probs[rows, y].mean() + lam * sum(np.sum(W ** 2) for W in Ws))

    # Backward (Algorithm 6.4): G is the gradient of J with respect to Z_l.
    G = np.exp(log_probs)
    G[rows, y] -= 1.0
    G /= m
    grads = {}
    for l in reversed(range(L)):
        grads[f"W{l + 1}"] = Hs[l].T @ G + 2.0 * lam * Ws[l]
        grads[f"b{l + 1}"] = G.sum(axis=0)
        if l > 0:
            G = (G @ Ws[l].T) * (Zs[l - 1] > 0)
    return J, {k: grads[k] for k in params}
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    n = len(nodes)
    values = np.zeros(n)
    for i, (op, parents) in enumerate(nodes):
        args = [values[p] for p in parents]
        if op == "input":
            values[i] = float(inputs[i])
        elif op == "add":
            values[i] = args[0] + args[1]
        elif op == "sub":
            values[i] = args[0] - args[1]
        elif op == "mul":
            values[i] = args[0] * args[1]
        elif op == "div":
            values[i] = args[0] / args[1]
        elif op == "exp":
            values[i] = np.exp(args[0])
        elif op == "log":
            values[i] = np.log(args[0])
        elif op == "sin":
            values[i] = np.sin(args[0])
        elif op == "square":
            values[i] = args[0] ** 2
        elif op == "relu":
            values[i] = max(args[0], 0.0)
        else:
            raise ValueError(f"unknown op {op!r} at node {i}")

    grads = np.zeros(n)
    grads[n - 1] = 1.0
    for i in reversed(range(n)):
        op, parents = nodes[i]
        if op == "input":
            continue
        args = [values[p] for p in parents]
        if op == "add":
            local = [1.0, 1.0]
        elif op == "sub":
            local = [1.0, -1.0]
        elif op == "mul":
            local = [args[1], args[0]]
        elif op == "div":
            local = [1.0 / args[1], -args[0] / args[1] ** 2]
        elif op == "exp":
            local = [values[i]]
        elif op == "log":
            local = [1.0 / args[0]]
        elif op == "sin":
            local = [np.cos(args[0])]
        elif op == "square":
            local = [2.0 * args[0]]
        else:  # relu
            local = [1.0 if args[0] > 0 else 0.0]
        for p, d in zip(parents, local):
            grads[p] += grads[i] * d
    return values, grads
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    dims = [int(d) for d in dims]
    k = len(dims) - 1
    if order == "left_to_right":
        return sum(dims[0] * dims[i] * dims[i + 1] for i in range(1, k))
    if order == "right_to_left":
        return sum(dims[i] * dims[i + 1] * dims[k] for i in range(k - 1))
    raise ValueError(f"order must be 'left_to_right' or 'right_to_left', got {order!r}")
    ### END SOLUTION
