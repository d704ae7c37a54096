"""7.12 Dropout.

Dropout trains the ensemble of all sub-networks formed by removing non-output units from a base
network: at each step a binary mask μ is sampled, each unit kept independently with the
*inclusion probability* ``p_keep``, and the masked network is trained (eqs 7.52-7.53). At test
time the ensemble's average over all 2ⁿ masks is approximated by one pass through the full
network with every unit's outgoing weights multiplied by ``p_keep``: the weight scaling inference
rule. For softmax regression the rule is exact for the normalized weighted geometric mean of the
ensemble (eqs 7.54-7.59, 7.66); with a nonlinearity between the mask and the output it is only an
approximation. You write the dropout layer itself and then check the rule by enumerating every
mask of a small model.

Conventions: float64, batch first. ``p_keep`` is the probability of KEEPING a unit (the book's
inclusion probability), not PyTorch's drop probability p = 1 − p_keep; 0 < p_keep ≤ 1. Masks are
explicit arguments (bool, True = keep; 0/1 numbers are accepted too): no function draws random
numbers. Two scaling conventions exist and both are graded:

- ``inverted=True`` (what libraries do): train ``X ⊙ mask / p_keep``, test ``X`` unchanged;
- ``inverted=False`` (the book's weight scaling rule): train ``X ⊙ mask``, test ``X · p_keep``.

Either way the expected train-mode output over random masks equals the test-mode output. Masks
are enumerated with probability p(d) = Π_i p_keep^{d_i} (1 − p_keep)^{1 − d_i}. No function
changes its inputs.
"""
from __future__ import annotations

import numpy as np


def dropout_forward(X: np.ndarray, p_keep: float, mask: np.ndarray | None, mode: str = 'train',
                    inverted: bool = True) -> np.ndarray:
    """Apply dropout with an explicit mask (train) or its deterministic replacement (test).

    Parameters
    ----------
    X : ndarray of any shape, e.g. (N, D)
        Activations (inputs or hidden units), one row per example.
    p_keep : float
        Inclusion probability of a unit, 0 < p_keep ≤ 1.
    mask : ndarray of the same shape as X, bool, or None
        True where the unit is kept. Required in ``'train'`` mode; ignored (may be None) in
        ``'test'`` mode.
    mode : {'train', 'test'}, default 'train'
    inverted : bool, default True
        Scaling convention (see the module docstring).

    Returns
    -------
    ndarray of the same shape as X, float64
        - train, inverted: ``X ⊙ mask / p_keep``
        - train, not inverted: ``X ⊙ mask``
        - test, inverted: ``X`` (a copy is fine)
        - test, not inverted: ``X · p_keep``

    Raises
    ------
    ValueError
        If ``mode`` is neither ``'train'`` nor ``'test'``, or if ``mask`` is None in train mode.

    Notes
    -----
    Section 7.12, eqs 7.52-7.53 (training samples one sub-network per step) and the weight
    scaling inference rule (after eq 7.55): at test time multiply each unit's output by its
    inclusion probability. Inverted dropout moves the factor 1/p_keep into training instead, so
    the test-time network is the plain one. With either convention E_mask[train output] equals
    the test output, element by element.

    Hints
    -----
    ``p_keep`` is the probability of keeping. Only ``mode == 'train'`` uses the mask. The
    scaling is by ``p_keep`` (test, book) or ``1 / p_keep`` (train, inverted), never both.
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    if mode == 'train':
        if mask is None:
            raise ValueError("dropout_forward: mode='train' needs a mask")
        kept = X * np.asarray(mask, dtype=float)
        return kept / p_keep if inverted else kept
    if mode == 'test':
        return X.copy() if inverted else X * p_keep
    raise ValueError(f"dropout_forward: mode must be 'train' or 'test', got {mode!r}")
    ### END SOLUTION


def dropout_backward(dout: np.ndarray, mask: np.ndarray, p_keep: float, inverted: bool = True) -> np.ndarray:
    """Gradient of the train-mode dropout forward with respect to its input.

    Parameters
    ----------
    dout : ndarray, same shape as the forward's X
        Upstream gradient ∂L/∂out.
    mask : ndarray of the same shape, bool
        The mask used in the forward pass (True = kept).
    p_keep : float
        Inclusion probability used in the forward pass, 0 < p_keep ≤ 1.
    inverted : bool, default True
        Scaling convention of the forward pass.

    Returns
    -------
    ndarray of the same shape as dout, float64
        ``dout ⊙ mask / p_keep`` (inverted) or ``dout ⊙ mask`` (not inverted).

    Notes
    -----
    Section 7.12: the train-mode forward is linear in X with a fixed mask, out = c · mask ⊙ X,
    so its Jacobian is diagonal and the gradient is c · mask ⊙ dout, with c = 1/p_keep
    (inverted) or 1. Dropped units get exactly zero gradient.

    Hints
    -----
    The scaling of the backward pass is the same as the forward pass's train mode.
    """
    ### BEGIN SOLUTION
    grad = np.asarray(dout, dtype=float) * np.asarray(mask, dtype=float)
    return grad / p_keep if inverted else grad
    ### END SOLUTION


def _all_masks(n: int) -> np.ndarray:
    """All 2ⁿ binary masks as rows of a (2ⁿ, n) float array; row k is the binary expansion of k."""
    return ((np.arange(2 ** n)[:, None] >> np.arange(n)[None, :]) & 1).astype(float)


def _log_softmax(Z: np.ndarray) -> np.ndarray:
    """Row-wise log-softmax (subtract the row max first)."""
    shifted = Z - Z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def softmax_dropout_ensemble(W: np.ndarray, b: np.ndarray, v: np.ndarray, p_keep: float
                             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Exact dropout ensemble of softmax regression, by enumerating every input mask.

    Parameters
    ----------
    W : ndarray of shape (n, C)
        Weights: the logits of one example are ``Wᵀv + b``. n ≤ 14.
    b : ndarray of shape (C,)
        Biases (never masked, never scaled).
    v : ndarray of shape (n,)
        One input vector; its n units are dropped independently.
    p_keep : float
        Inclusion probability of an input unit, 0 < p_keep ≤ 1.

    Returns
    -------
    geometric : ndarray of shape (C,)
        Normalized weighted geometric mean p_ens(y) ∝ Π_d P(y | v; d)^{p(d)} over all 2ⁿ masks d,
        renormalized to sum to 1 over the C classes.
    arithmetic : ndarray of shape (C,)
        Arithmetic mean Σ_d p(d) P(y | v; d).
    weight_scaled : ndarray of shape (C,)
        The weight scaling rule's prediction softmax(p_keep · Wᵀv + b).

    Notes
    -----
    The sub-network for mask d is P(y | v; d) = softmax(Wᵀ(d ⊙ v) + b) (eqs 7.56-7.57). The
    ensemble is the arithmetic mean of eq 7.53 or the (normalized) geometric mean of eqs
    7.54-7.55; for p_keep = ½ every mask has weight 2⁻ⁿ and this is eqs 7.58-7.59. Because
    log P(y | v; d) is linear in d up to a term that does not depend on y, the geometric mean is
    exactly softmax(p_keep · Wᵀv + b) (eq 7.66 for p_keep = ½), while the arithmetic mean is not.

    Hints
    -----
    Work in log space: average the log-probabilities (from a stable log-softmax) with weights
    p(d), then renormalize with a softmax. A product of 2ⁿ probabilities underflows, and
    ``log(softmax(...))`` is −inf for large logits. The weights must allow p_keep = 1 (every mask
    but the all-ones mask then has weight 0; 0 · log 0 must not become NaN). Scale Wᵀv, not b.
    """
    ### BEGIN SOLUTION
    W = np.asarray(W, dtype=float)
    b = np.asarray(b, dtype=float)
    v = np.asarray(v, dtype=float)
    n = W.shape[0]
    D = _all_masks(n)
    kept = D.sum(axis=1)
    weights = p_keep ** kept * (1.0 - p_keep) ** (n - kept)  # p(d); 0.0 ** 0 = 1 handles p_keep = 1
    logp = _log_softmax((D * v) @ W + b)                     # (2ⁿ, C): log P(y | v; d)
    geometric = np.exp(_log_softmax(weights @ logp))
    arithmetic = weights @ np.exp(logp)
    weight_scaled = np.exp(_log_softmax(p_keep * (v @ W) + b))
    return geometric, arithmetic, weight_scaled
    ### END SOLUTION


def mlp_dropout_ensemble_gap(W1: np.ndarray, b1: np.ndarray, w2: np.ndarray, b2: float, x: np.ndarray,
                             p_keep: float) -> tuple[float, float]:
    """Exact ensemble mean of a ReLU regressor under input dropout, and the weight-scaled guess.

    Parameters
    ----------
    W1 : ndarray of shape (n, h)
        First-layer weights, n ≤ 12 input units.
    b1 : ndarray of shape (h,)
        First-layer biases.
    w2 : ndarray of shape (h,)
        Output weights.
    b2 : float
        Output bias.
    x : ndarray of shape (n,)
        One input; its n units are dropped independently (masks d on the INPUT units only).
    p_keep : float
        Inclusion probability of an input unit, 0 < p_keep ≤ 1.

    Returns
    -------
    ensemble_mean : float
        Σ_d p(d) f(d ⊙ x) over all 2ⁿ masks, with f(x) = w2ᵀ relu(W1ᵀx + b1) + b2.
    weight_scaled : float
        w2ᵀ relu(p_keep · W1ᵀx + b1) + b2.

    Notes
    -----
    Eq. 7.53 (the arithmetic ensemble mean) against the weight scaling inference rule. The two
    agree when the output is linear in the mask (no ReLU, or a mask on the last hidden layer
    before a linear output); here a ReLU sits between the mask and the output, so in general
    E_d[relu(·)] ≠ relu(E_d[·]) and the rule is only an approximation.

    Hints
    -----
    Enumerate the masks as the rows of a (2ⁿ, n) 0/1 matrix and evaluate all sub-networks in
    one matrix product, or loop over ``itertools.product((0, 1), repeat=n)``. relu(z) is
    max(z, 0). The weights p(d) must sum to 1 and allow p_keep = 1.
    """
    ### BEGIN SOLUTION
    W1 = np.asarray(W1, dtype=float)
    b1 = np.asarray(b1, dtype=float)
    w2 = np.asarray(w2, dtype=float)
    x = np.asarray(x, dtype=float)
    n = W1.shape[0]
    D = _all_masks(n)
    kept = D.sum(axis=1)
    weights = p_keep ** kept * (1.0 - p_keep) ** (n - kept)
    outputs = np.maximum((D * x) @ W1 + b1, 0.0) @ w2 + b2
    ensemble_mean = float(weights @ outputs)
    weight_scaled = float(np.maximum(p_keep * (x @ W1) + b1, 0.0) @ w2 + b2)
    return ensemble_mean, weight_scaled
    ### END SOLUTION
