"""7.7 Multi-Task Learning.

Several tasks share a trunk of hidden units and each has its own output head (Fig. 7.2). The
shared parameters see the pooled examples of every task, which is where multi-task learning
gains its statistical strength; the heads stay task-specific. You initialize such a network,
run it forward, and write its loss and exact gradients when some labels are missing.

Conventions: float64, batch first. Parameters are a dict
``{'Ws': (n_in, n_shared), 'bs': (n_shared,), 'heads': [{'W': (n_shared, k_t), 'b': (k_t,)}, ...]}``
with one head per task t, in task order. The trunk is ``h = relu(X @ Ws + bs)`` (the batch form
of the book's h = g(Wᵀx + b)) and head t outputs ``ŷ_t = h @ W_t + b_t``. A missing label is
NaN. relu′(0) = 0, as in PyTorch. Gradients have exactly the structure of the parameters. A
forward cache is opaque: put anything in it. No function changes its inputs; random draws come
only from the ``rng`` passed in.
"""
from __future__ import annotations

import numpy as np


def init_mtl_params(n_in: int, n_shared: int, out_dims: list[int], rng: np.random.Generator) -> dict:
    """Random parameters of a shared-trunk network with one head per task.

    Parameters
    ----------
    n_in : int
        Number of inputs.
    n_shared : int
        Number of shared hidden units.
    out_dims : list of int
        Output size k_t of each task's head, in task order.
    rng : numpy.random.Generator
        The only source of randomness.

    Returns
    -------
    dict
        ``{'Ws': (n_in, n_shared), 'bs': (n_shared,), 'heads': [{'W': (n_shared, k_t), 'b': (k_t,)}
        for each task]}``. Every array is a separate array (no two share memory).

    Notes
    -----
    The architecture of Fig. 7.2. Draws, in this order and nothing else:
    ``Ws = rng.normal(0, sqrt(2 / n_in), (n_in, n_shared))`` (He scaling for the ReLU trunk), then
    for each task in order ``W_t = rng.normal(0, sqrt(1 / n_shared), (n_shared, k_t))``. Every
    bias is zero.

    Hints
    -----
    The second argument of ``rng.normal`` is the standard deviation, not the variance. Build a
    new ``np.zeros`` for every bias: one zeros array shared by two heads would tie them.
    """
    ### BEGIN SOLUTION
    Ws = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_shared))
    heads = []
    for k in out_dims:
        W = rng.normal(0.0, np.sqrt(1.0 / n_shared), size=(n_shared, k))
        heads.append({"W": W, "b": np.zeros(k)})
    return {"Ws": Ws, "bs": np.zeros(n_shared), "heads": heads}
    ### END SOLUTION


def mtl_forward(X: np.ndarray, params: dict) -> tuple[list[np.ndarray], dict]:
    """Forward pass: a shared ReLU trunk, then one linear head per task.

    Parameters
    ----------
    X : ndarray of shape (m, n_in)
    params : dict
        As returned by ``init_mtl_params``.

    Returns
    -------
    outputs : list of ndarray
        ``outputs[t]`` has shape (m, k_t): ŷ_t = relu(X @ Ws + bs) @ W_t + b_t.
    cache : anything
        Whatever your ``mtl_loss_and_grads`` wants to reuse. Never graded.

    Notes
    -----
    Fig. 7.2: the shared factors h^(shared) feed every task-specific head.

    Hints
    -----
    ``Ws`` is (n_in, n_shared): the pre-activation is ``X @ Ws + bs``, and the bias goes in before
    the rectifier.
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    Z = X @ params["Ws"] + params["bs"]
    H = np.maximum(0.0, Z)
    outputs = [H @ head["W"] + head["b"] for head in params["heads"]]
    return outputs, {"X": X, "Z": Z, "H": H}
    ### END SOLUTION


def mtl_loss_and_grads(X: np.ndarray, Ys: list[np.ndarray], params: dict, task_weights: np.ndarray
                       ) -> tuple[float, dict]:
    """Weighted multi-task squared error with missing labels, and its exact gradients.

    Parameters
    ----------
    X : ndarray of shape (m, n_in)
    Ys : list of ndarray
        ``Ys[t]`` has shape (m, k_t), like ``outputs[t]``; NaN marks a missing label.
    params : dict
        As returned by ``init_mtl_params``.
    task_weights : ndarray of shape (T,)
        The weight λ_t ≥ 0 of each task.

    Returns
    -------
    J : float
        Σ_t λ_t · J_t, where J_t is the mean of (ŷ_t − y_t)² over the *observed* entries of task t
        (the sum over the non-NaN entries of the (m, k_t) array, divided by their number). A
        task with no observed entry has J_t = 0.
    grads : dict
        ∂J/∂θ with the structure of ``params``: ``{'Ws', 'bs', 'heads': [{'W', 'b'}, ...]}``.

    Notes
    -----
    §7.7, Fig. 7.2. With n_t observed entries and residuals r_t = ŷ_t − y_t set to 0 where the
    label is missing, ∂J/∂ŷ_t = 2 λ_t r_t / n_t. Head t's gradient comes from task t alone; the
    trunk's gradient is the sum of every task's contribution back-propagated through its head:
    ∂J/∂h = Σ_t (∂J/∂ŷ_t) W_tᵀ, then through the rectifier with relu′(0) = 0.

    Hints
    -----
    A missing entry must contribute exactly nothing: ``NaN * 0`` is still NaN, so replace the
    residual with ``np.where(observed, ŷ − y, 0.0)``. Count observed entries over the whole
    (m, k_t) array, not per column or per row.
    """
    ### BEGIN SOLUTION
    outputs, cache = mtl_forward(X, params)
    X, Z, H = cache["X"], cache["Z"], cache["H"]
    J = 0.0
    dH = np.zeros_like(H)
    head_grads = []
    for t, (out, head) in enumerate(zip(outputs, params["heads"])):
        Y = np.asarray(Ys[t], dtype=float)
        observed = ~np.isnan(Y)
        n = int(observed.sum())
        r = np.where(observed, out - Y, 0.0)
        if n > 0:
            J += float(task_weights[t]) * float((r ** 2).sum()) / n
        dout = 2.0 * float(task_weights[t]) * r / max(n, 1)
        head_grads.append({"W": H.T @ dout, "b": dout.sum(axis=0)})
        dH += dout @ head["W"].T
    dZ = dH * (Z > 0)
    grads = {"Ws": X.T @ dZ, "bs": dZ.sum(axis=0), "heads": head_grads}
    return float(J), grads
    ### END SOLUTION


def _seeded_rng(seed: int) -> np.random.Generator:
    """Given code, used by the grader: ``np.random.default_rng(seed)``, kept in the sandbox and
    passed to ``init_mtl_params`` (a Generator cannot be sent across). Leave it as it is."""
    return np.random.default_rng(seed)
