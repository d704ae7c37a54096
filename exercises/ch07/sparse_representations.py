# Generated from solutions/ch07/sparse_representations.py by dlbook build. Edit that file instead.
"""7.10 Sparse Representations.

Parameter sparsity (eq 7.46) makes many *weights* zero; representational sparsity (eq 7.47)
makes many elements of the *representation* h zero. Section 7.10 obtains it by adding a penalty
on the representation to the loss, J̃ = J + αΩ(h) (eq 7.48), or by a hard constraint on the
number of nonzeros (eq 7.49, orthogonal matching pursuit). You compute sparse codes of inputs
under a dictionary W with ISTA (Ω(h) = ‖h‖₁) and with OMP, and the KL-divergence penalty on the
average activation of units in (0, 1).

Conventions: float64. A dictionary ``W`` has shape (d, K), one atom per *column*; an input x of
dimension d is reconstructed as ``W @ h`` with a code h of length K. A batch of inputs ``X`` is
(N, d) and its codes ``H`` are (N, K), one code per row. The soft threshold is
S(v, t) = sign(v)·max(|v| − t, 0). No function changes its inputs.
"""
from __future__ import annotations

import numpy as np


def sparse_code_ista(X: np.ndarray, W: np.ndarray, alpha: float, steps: int = 2000) -> np.ndarray:
    """Sparse codes by ISTA: for every row x of X, h = argmin ½‖x − Wh‖² + α‖h‖₁.

    Parameters
    ----------
    X : ndarray of shape (N, d)
        Inputs, one per row.
    W : ndarray of shape (d, K)
        Dictionary, atoms as columns (any shape: K < d, K = d or K > d).
    alpha : float
        Weight α ≥ 0 of the L1 penalty.
    steps : int
        Number of ISTA iterations (0 returns the starting point, all zeros).

    Returns
    -------
    H : ndarray of shape (N, K)
        The codes after exactly ``steps`` iterations, one row per input.

    Notes
    -----
    Eq. 7.48 with J the reconstruction error ½‖x − Wh‖² and Ω(h) = ‖h‖₁ (representational
    sparsity, eq 7.47). ISTA (iterative shrinkage-thresholding) is proximal gradient descent:
    with L = ‖W‖₂² (squared spectral norm, the Lipschitz constant of the gradient),

        h ← S(h − Wᵀ(Wh − x)/L, α/L),    starting from h = 0.

    Hints
    -----
    Graded iterate by iterate: start from zeros, use the step 1/L with L the *squared largest
    singular value* (``np.linalg.norm(W, 2) ** 2``, not the Frobenius norm), threshold at α/L
    (not α) and do exactly ``steps`` updates. All rows can be updated at once:
    ``H ← S(H − (H @ W.T − X) @ W / L, α/L)``.
    """
    # TODO: implement sparse_code_ista (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.10 sparse_code_ista: not implemented yet")


def omp(x: np.ndarray, W: np.ndarray, k: int) -> np.ndarray:
    """Orthogonal matching pursuit: a code h with (at most) k nonzeros such that Wh ≈ x.

    Parameters
    ----------
    x : ndarray of shape (d,)
        The input.
    W : ndarray of shape (d, K)
        Dictionary with unit-norm columns (atoms).
    k : int
        Number of atoms to select, 0 ≤ k ≤ K.

    Returns
    -------
    h : ndarray of shape (K,)
        Zero outside the selected atoms; on them, the least-squares coefficients
        argmin ‖x − W_S h_S‖².

    Notes
    -----
    A greedy solver for eq. 7.49, argmin ‖x − Wh‖² subject to ‖h‖₀ ≤ k. Start with r = x and an
    empty support S; k times: add j = argmax_j |W_jᵀ r| to S, re-solve the least squares on the
    whole support, update r = x − W_S h_S. The residual is then orthogonal to every selected atom.

    Hints
    -----
    The book writes ‖h‖₀ < k; this course selects exactly k atoms (scikit-learn's convention),
    unless the residual reaches 0 first (‖r‖ ≤ 1e-10·‖x‖: stop, x is represented exactly).
    Ties go to the lowest index j (``np.argmax`` does that); an atom is never selected twice.
    Re-fit *all* coefficients of the support each step (``np.linalg.lstsq``), not only the new
    one: that is the "orthogonal" in OMP.
    """
    # TODO: implement omp (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.10 omp: not implemented yet")


def kl_sparsity_penalty(H: np.ndarray, rho: float) -> tuple[float, np.ndarray]:
    """KL-divergence sparsity penalty on the average activation of each unit, and its gradient.

    Parameters
    ----------
    H : ndarray of shape (m, n)
        Activations of n units on m examples, every entry strictly inside (0, 1) (e.g. sigmoids).
    rho : float
        Target average activation ρ, 0 < ρ < 1 (small: a sparse code).

    Returns
    -------
    omega : float
        Ω = Σ_j [ρ log(ρ/ρ̂_j) + (1 − ρ) log((1 − ρ)/(1 − ρ̂_j))] with ρ̂_j = (1/m) Σ_i H_ij.
    dH : ndarray of shape (m, n)
        dΩ/dH_ij = (−ρ/ρ̂_j + (1 − ρ)/(1 − ρ̂_j)) / m.

    Notes
    -----
    §7.10: a penalty Ω(h) on the representation (eq 7.48); this one, the KL divergence between
    Bernoulli(ρ) and Bernoulli(ρ̂_j) summed over units, suits units constrained to (0, 1)
    (Larochelle and Bengio, 2008). Ω ≥ 0, with Ω = 0 exactly when every ρ̂_j = ρ.

    Hints
    -----
    ρ̂ is the mean over the *examples* (axis 0), one value per unit; Ω is a sum over units (not
    a mean). Every entry of column j of dH is the same, and carries the 1/m of the mean.
    """
    # TODO: implement kl_sparsity_penalty (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.10 kl_sparsity_penalty: not implemented yet")
