# (sample) bug: computes H @ W.T + b (the book's Wᵀh read literally on row-major batches)
"""6.4 Architecture Design: Depth vs Width.

A feedforward network is a chain of layers, h(1) = g(W(1)ᵀx + b(1)), h(2) = g(W(2)ᵀh(1) + b(2)),
... (eqs 6.40-6.41). With rectifiers, the network computes a piecewise-linear function, and depth
buys linear pieces far more cheaply than width: each layer can *fold* its input space onto
itself (Fig. 6.5, Montufar et al. 2014), so the number of linear regions of a deep rectifier
net grows exponentially with depth (eq. 6.42). You build a general ReLU MLP, the width-2
"tent map" net whose number of pieces doubles with every layer, a piece counter for 1-D
functions, and the shallow net that needs one unit per piece.

Conventions: float64, batch first. A network is a list of layers ``[(W1, b1), ..., (WL, bL)]``
with ``Wl`` of shape (n_{l-1}, n_l) and ``bl`` of shape (n_l,); a layer computes
``H @ W + b`` (the batch form of the book's ``Wᵀh + b``), followed by a ReLU on every layer
except the last, which is linear. No function changes its inputs.
"""
from __future__ import annotations

from typing import Callable

import numpy as np


def relu_mlp_forward(params: list[tuple[np.ndarray, np.ndarray]], X: np.ndarray) -> np.ndarray:
    """Forward pass of a ReLU multilayer perceptron with a linear output layer.

    Parameters
    ----------
    params : list of L tuples (W, b)
        Layer l has ``W`` of shape (n_{l-1}, n_l) and ``b`` of shape (n_l,). Widths may
        differ from layer to layer (W need not be square).
    X : ndarray of shape (m, n_0)
        Inputs, one per row.

    Returns
    -------
    out : ndarray of shape (m, n_L)
        ``H_0 = X``, ``H_l = max(0, H_{l-1} @ W_l + b_l)`` for l < L and
        ``out = H_{L-1} @ W_L + b_L`` (no rectifier on the output layer).

    Notes
    -----
    Eqs. 6.40-6.41, batched: row i of ``H_l`` is the book's h(l) for input x_i. The output unit
    is linear, as in the networks whose linear regions eq. 6.42 counts.

    Hints
    -----
    Loop over the layers; apply ``np.maximum(0, .)`` after every layer but the last. Do not
    ``pop`` from ``params``: it is the caller's list.
    """
    ### BEGIN SOLUTION
    H = np.asarray(X, dtype=float)
    last = len(params) - 1
    for l, (W, b) in enumerate(params):
        Z = H @ np.asarray(W, dtype=float).T + np.asarray(b, dtype=float)
        H = np.maximum(0.0, Z) if l < last else Z
    return H
    ### END SOLUTION


def tent_map_net(depth: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """A width-2 ReLU network with ``depth`` hidden layers computing the tent map T^depth on [0, 1].

    Parameters
    ----------
    depth : int
        Number of hidden layers (at least 1).

    Returns
    -------
    params : list of depth + 1 tuples (W, b)
        In the format of ``relu_mlp_forward``: the first layer has W of shape (1, 2), the
        depth − 1 middle layers (2, 2), the output layer (2, 1); biases (2,) and (1,).
        ``relu_mlp_forward(params, x[:, None])[:, 0]`` equals T(T(...T(x))) (depth times)
        for every x in [0, 1], where T(x) = 2·relu(x) − 4·relu(x − ½).

    Notes
    -----
    T folds [0, 1] onto itself: [0, ½] and [½, 1] are both stretched onto [0, 1], the second
    one mirrored. This is the folding of Fig. 6.5 (Montufar et al., 2014): every layer doubles
    the number of linear pieces, so T^depth has 2^depth pieces on [0, 1] from only 2 units per
    layer, the exponential-in-depth growth of eq. 6.42.

    Hints
    -----
    One layer with units relu(x) and relu(x − ½), followed by the linear read-out
    2·h₁ − 4·h₂, computes T. Composing: the read-out of one fold and the input layer of the
    next are consecutive affine maps, so merge them into one (2, 2) layer; only the last
    read-out stays a separate (2, 1) layer.
    """
    ### BEGIN SOLUTION
    w_in = np.array([[1.0, 1.0]])  # x -> (x, x)
    b_in = np.array([0.0, -0.5])   # -> (x, x - 1/2), then relu
    w_out = np.array([[2.0], [-4.0]])  # T = 2 h1 - 4 h2
    params = [(w_in.copy(), b_in.copy())]
    for _ in range(depth - 1):
        # read-out of one fold followed by the input layer of the next, merged
        params.append((w_out @ w_in, b_in.copy()))
    params.append((w_out.copy(), np.zeros(1)))
    return params
    ### END SOLUTION


def count_linear_pieces_1d(f: Callable[[np.ndarray], np.ndarray], lo: float, hi: float,
                           n_grid: int = 2**16 + 1, rtol: float = 1e-6) -> int:
    """Number of maximal linear pieces of a scalar piecewise-linear function on [lo, hi].

    Parameters
    ----------
    f : callable
        Vectorized: ``f(x)`` with ``x`` of shape (n,) returns shape (n,).
    lo, hi : float
        The interval, lo < hi.
    n_grid : int
        Number of grid points x_j = lo + j·(hi − lo)/(n_grid − 1), j = 0, ..., n_grid − 1
        (``np.linspace(lo, hi, n_grid)``), so n_grid − 1 grid intervals.
    rtol : float
        A slope change counts when it exceeds ``rtol * max |slope|``.

    Returns
    -------
    pieces : int
        Number of kinks + 1.

    Notes
    -----
    The algorithm is the contract (the grader compares counts):

    1. slopes s_j = (f(x_{j+1}) − f(x_j)) / (x_{j+1} − x_j) on the n_grid − 1 intervals;
    2. a slope change between intervals j and j + 1 is a change where
       |s_{j+1} − s_j| > rtol · max_j |s_j|;
    3. a kink strictly inside a grid interval changes the slope on both sides of that interval,
       so every *run* of consecutive changes counts as one kink;
    4. pieces = kinks + 1.

    Only meaningful for piecewise-linear f (such as ReLU networks) whose kinks are more than a
    couple of grid intervals apart. On a smooth f like x² every slope changes, the whole curve
    is one run and the "count" (2 here, or 1 once the grid is fine enough that the changes fall
    below the threshold) depends on the grid and on rtol. Used to check the 2^depth pieces of
    the tent map (Fig. 6.5) and the region counts behind eq. 6.42.

    Hints
    -----
    Call ``f`` once, on the whole grid, and stay vectorized (``np.diff``); the default grid has
    65537 points. A run starts where a change is not preceded by a change.
    """
    ### BEGIN SOLUTION
    x = np.linspace(lo, hi, n_grid)
    y = np.asarray(f(x), dtype=float).reshape(-1)
    slopes = np.diff(y) / np.diff(x)
    changed = np.abs(np.diff(slopes)) > rtol * np.max(np.abs(slopes))
    run_starts = changed.copy()
    run_starts[1:] &= ~changed[:-1]
    kinks = int(np.count_nonzero(run_starts))
    return kinks + 1
    ### END SOLUTION


def shallow_relu_interpolant(knots: np.ndarray, values: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """A one-hidden-layer ReLU network equal to the piecewise-linear interpolant of (knots, values).

    Parameters
    ----------
    knots : ndarray of shape (K + 1,)
        Strictly increasing x_0 < x_1 < ... < x_K.
    values : ndarray of shape (K + 1,)
        v_0, ..., v_K (any sign).

    Returns
    -------
    params : list of 2 tuples (W, b)
        In the format of ``relu_mlp_forward``: a hidden layer of exactly K units (W of shape
        (1, K), b (K,)) and a linear output layer (W (K, 1), b (1,)). On [x_0, x_K] the network
        equals ``np.interp(x, knots, values)``.

    Notes
    -----
    With slopes s_i = (v_{i+1} − v_i) / (x_{i+1} − x_i) for i = 0, ..., K − 1,

        f(x) = v_0 + Σ_{i=0}^{K−1} (s_i − s_{i−1}) · relu(x − x_i),   s_{−1} = 0:

    unit i switches on at knot x_i and changes the slope by s_i − s_{i−1}. K pieces need K
    units: a shallow net pays one unit per piece, where the deep tent-map net of
    ``tent_map_net`` pays two units per *doubling* (Fig. 6.5, eq. 6.42).

    Hints
    -----
    ``np.diff`` gives the slopes; prepend a 0 before differencing them again. The constant v_0
    goes into the output bias: the output layer is linear, so negative values are fine.
    """
    ### BEGIN SOLUTION
    knots = np.asarray(knots, dtype=float)
    values = np.asarray(values, dtype=float)
    slopes = np.diff(values) / np.diff(knots)
    slope_changes = np.diff(np.concatenate([[0.0], slopes]))
    K = slopes.size
    hidden = (np.ones((1, K)), -knots[:-1])
    output = (slope_changes.reshape(K, 1), np.array([values[0]]))
    return [hidden, output]
    ### END SOLUTION
