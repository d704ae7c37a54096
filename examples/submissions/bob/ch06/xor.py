"""6.1 XOR Problem & ReLU Networks.

A linear model cannot represent XOR (eqs 6.1-6.2); one hidden layer of rectified linear units
can (eqs 6.3-6.10). You fit the linear model, run the book's ReLU network forward, derive its
exact gradients and train it by gradient descent.

Conventions: float64, batch first. A hidden layer is ``H = max(0, X @ W + c)`` with
``W`` of shape (n, h): the batch form of the book's ``h = g(Wᵀx + c)``. The derivative of
the rectifier at 0 is taken as 0 (as PyTorch does). No function changes its inputs.
"""
from __future__ import annotations

import numpy as np


def fit_linear_model(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float, float]:
    """Least-squares fit of the linear model f(x) = xᵀw + b.

    Parameters
    ----------
    X : ndarray of shape (m, n)
        Inputs, one per row.
    y : ndarray of shape (m,)
        Targets.

    Returns
    -------
    w : ndarray of shape (n,)
        Weights minimizing the mean squared error.
    b : float
        Intercept.
    J : float
        The minimal mean squared error, mean((X @ w + b - y)²).

    Notes
    -----
    Eq. 6.2 is the model and eq. 6.1 the loss (with m = 4 on the XOR points). On the XOR data
    the book's answer is w = 0, b = ½ and J = 0.25.

    Hints
    -----
    Append a column of ones to X and solve the least-squares problem with ``np.linalg.lstsq``
    (not the normal equations: XᵀX can be singular).
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    A = np.column_stack([X, np.ones(X.shape[0])])
    theta, *_ = np.linalg.lstsq(A, y, rcond=None)
    w, b = theta[:-1], float(theta[-1])
    J = float(np.mean((A @ theta - y) ** 2))
    return w, b, J
    ### END SOLUTION


def relu_net_forward(X: np.ndarray, W: np.ndarray, c: np.ndarray, w: np.ndarray, b: float,
                     return_hidden: bool = False) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """The one-hidden-layer ReLU network of eq. 6.3, on a batch.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    W : ndarray of shape (n, h)
        Hidden-layer weights.
    c : ndarray of shape (h,)
        Hidden-layer biases.
    w : ndarray of shape (h,)
        Output weights.
    b : float
        Output bias.
    return_hidden : bool
        Also return the hidden representation H.

    Returns
    -------
    f : ndarray of shape (m,)
        f = max(0, X @ W + c) @ w + b.
    H : ndarray of shape (m, h)
        Only with ``return_hidden``: the learned representation (eqs 6.7-6.10).

    Notes
    -----
    Eq. 6.3, batched. With the book's solution (eqs 6.4-6.6) the outputs on the four XOR points
    are [0, 1, 1, 0] and H has rows [0, 0], [1, 0], [1, 0], [2, 1] (eq. 6.10).

    Hints
    -----
    ``W`` is (n, h), so the pre-activation is ``X @ W + c``, not ``X @ W.T``.
    """
    ### BEGIN SOLUTION
    H = np.maximum(0.0, np.asarray(X, dtype=float) @ W + c)
    f = H @ w + b
    return (f, H) if return_hidden else f
    ### END SOLUTION


def xor_mse_and_grads(X: np.ndarray, y: np.ndarray, params: dict[str, np.ndarray]
                      ) -> tuple[float, dict[str, np.ndarray]]:
    """Mean squared error of the ReLU network and its exact gradients.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    params : dict
        ``{'W': (n, h), 'c': (h,), 'w': (h,), 'b': float or 0-d array}``.

    Returns
    -------
    J : float
        (1/m) Σ (y − f(x))² (eq. 6.1 with m = 4 on the XOR points).
    grads : dict
        Gradients of J with the same keys and shapes as ``params`` (``'b'`` a float).

    Notes
    -----
    Eqs. 6.1 and 6.3. Uses relu'(0) = 0: a unit whose pre-activation is exactly 0 passes no
    gradient.

    Hints
    -----
    With r = f − y, dJ/df = 2r/m. Back-propagate through the output layer (dw = Hᵀ df, db = Σ df),
    then through the rectifier (mask by ``Z > 0``), then to W and c.
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    W, c, w = params["W"], params["c"], params["w"]
    b = float(params["b"])
    Z = X @ W + c
    H = np.maximum(0.0, Z)
    f = H @ w + b
    r = f - y
    m = X.shape[0]
    J = float(np.mean(r ** 2))
    df = 2.0 * r / m
    dZ = np.outer(df, w) * (Z > 0)
    grads = {"W": X.T @ dZ, "c": dZ.sum(axis=0), "w": H.T @ df, "b": float(df.sum())}
    return J, grads
    ### END SOLUTION


def train_xor(hidden: int = 8, lr: float = 0.1, steps: int = 3000, seed: int = 0
              ) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Train the ReLU network on the four XOR points by full-batch gradient descent.

    Parameters
    ----------
    hidden : int
        Number of hidden units h.
    lr : float
        Learning rate.
    steps : int
        Number of gradient steps.
    seed : int
        Seed of ``rng = np.random.default_rng(seed)``.

    Returns
    -------
    params : dict
        The trained ``{'W', 'c', 'w', 'b'}``.
    loss_history : ndarray of shape (steps,)
        ``loss_history[t]`` is the loss before update t.

    Notes
    -----
    Initialization, in this order: ``W = rng.normal(size=(2, hidden))``,
    ``c = rng.uniform(0, 0.1, hidden)``, ``w = rng.normal(size=hidden) / sqrt(hidden)``, ``b = 0``.
    The XOR points are X = [[0,0],[0,1],[1,0],[1,1]], y = [0,1,1,0]. Graded by properties (final
    loss, rounded predictions), not by the exact trajectory.

    Hints
    -----
    Use your ``xor_mse_and_grads``; each step is θ ← θ − lr·∇θ J for every parameter.
    """
    ### BEGIN SOLUTION
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([0, 1, 1, 0], dtype=float)
    rng = np.random.default_rng(seed)
    params = {
        "W": rng.normal(size=(2, hidden)),
        "c": rng.uniform(0, 0.1, hidden),
        "w": rng.normal(size=hidden) / np.sqrt(hidden),
        "b": 0.0,
    }
    history = np.empty(steps)
    for t in range(steps):
        history[t], grads = xor_mse_and_grads(X, y, params)
        params = {k: params[k] - lr * grads[k] for k in params}
    return params, history
    ### END SOLUTION
