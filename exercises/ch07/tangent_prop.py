# Generated from solutions/ch07/tangent_prop.py by dlbook build. Edit that file instead.
"""7.14 Tangent Distance, Tangent Prop and Manifold Tangent Classifier.

The manifold hypothesis says that the examples of a class lie near a low-dimensional manifold,
and that a classifier should be invariant to moves *along* it: a digit shifted by a pixel is the
same digit. Three methods of section 7.14 use the manifold's tangent vectors v at a point x. The
tangent distance algorithm (Simard et al., 1993) compares two examples by the distance between
their tangent planes instead of between the points; tangent prop (Simard et al., 1992) adds the
penalty Ω(f) = Σ_i ((∇ₓf(x))ᵀ v⁽ⁱ⁾)² (eq 7.67) so that f changes little along the tangents; the
manifold tangent classifier (Rifai et al., 2011c) estimates the tangents from data instead of
writing them down. You compute translation tangents of an image, the tangent prop penalty, the
two-sided tangent distance, and a local tangent plane from an example's neighbors.

Conventions: float64. Images are (H, W) arrays with row 0 at the top; a flattened image is a
vector of n = H·W entries. Tangent vectors are the COLUMNS of ``T`` (n, t) in
``tangent_distance`` and ``local_tangent_plane``, and the rows ``V[i, t]`` (one set per example)
in ``tangent_prop_penalty``. No function changes its inputs.
"""
from __future__ import annotations

import numpy as np


def translation_tangents(img: np.ndarray) -> np.ndarray:
    """Tangent vectors of the translation manifold at an image: d/dt of the image shifted by t.

    Parameters
    ----------
    img : ndarray of shape (H, W), H ≥ 2, W ≥ 2
        A grayscale image.

    Returns
    -------
    ndarray of shape (2, H, W)
        ``out[0]`` is the tangent of a shift to the RIGHT, d/dt img(r, c − t) at t = 0, which is
        −∂img/∂col; ``out[1]`` is the tangent of a shift DOWN, −∂img/∂row. Derivatives are finite
        differences with ``np.gradient`` semantics: central differences (f[k+1] − f[k−1]) / 2 in
        the interior and one-sided differences f[1] − f[0], f[−1] − f[−2] at the borders
        (``edge_order=1``), with a spacing of one pixel.

    Notes
    -----
    Section 7.14 and Fig 7.9: the tangent vectors of the manifold of translated copies of x tell
    tangent prop and tangent distance which directions should not change the class. To first
    order, shifting right by a small a gives img + a · out[0].

    Hints
    -----
    Shifting the content right by t means the new pixel at column c shows the old column c − t,
    hence the minus sign. ``np.gradient(img, axis=...)`` has exactly the border rule above.
    """
    # TODO: implement translation_tangents (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.14 translation_tangents: not implemented yet")


def tangent_prop_penalty(grad_x: np.ndarray, V: np.ndarray) -> float:
    """The tangent prop regularizer, averaged over examples.

    Parameters
    ----------
    grad_x : ndarray of shape (m, n)
        Row i is ∇ₓf(x) at the i-th example x_i.
    V : ndarray of shape (m, T, n)
        ``V[i, t]`` is the t-th tangent vector v_i⁽ᵗ⁾ at x_i.

    Returns
    -------
    float
        (1/m) Σ_i Σ_t ((∇ₓf(x_i))ᵀ v_i⁽ᵗ⁾)²: the mean over examples of eq 7.67.

    Notes
    -----
    Eq. 7.67, Ω(f) = Σ_i ((∇ₓf(x))ᵀ v⁽ⁱ⁾)²: each term is the squared directional derivative of f
    along a tangent, which is zero when f is locally invariant to that transformation. For a
    linear f(x) = wᵀx the penalty is Σ_t (wᵀv_t)².

    Hints
    -----
    Square each directional derivative separately, then add over tangents and average over
    examples. ``np.einsum('in,itn->it', grad_x, V)`` gives all the directional derivatives.
    """
    # TODO: implement tangent_prop_penalty (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.14 tangent_prop_penalty: not implemented yet")


def tangent_distance(x1: np.ndarray, T1: np.ndarray, x2: np.ndarray, T2: np.ndarray
                     ) -> tuple[float, np.ndarray, np.ndarray]:
    """Two-sided tangent distance: the distance between the tangent planes through x1 and x2.

    Parameters
    ----------
    x1 : ndarray of shape (n,)
    T1 : ndarray of shape (n, t1)
        Tangent vectors at x1, as columns.
    x2 : ndarray of shape (n,)
    T2 : ndarray of shape (n, t2)
        Tangent vectors at x2, as columns. t2 = 0 (an (n, 0) array) gives the one-sided
        distance from x2 to the tangent plane of x1, with b of shape (0,).

    Returns
    -------
    distance : float
        min over a, b of ‖(x1 + T1 a) − (x2 + T2 b)‖₂.
    a : ndarray of shape (t1,)
    b : ndarray of shape (t2,)
        A minimizer: the minimum-norm least-squares solution of [T1, −T2] [a; b] ≈ x2 − x1 (what
        ``np.linalg.lstsq`` returns). It is unique when the t1 + t2 tangents are linearly
        independent; otherwise (e.g. x1 and x2 share a tangent) the minimum-norm one is graded.

    Notes
    -----
    Section 7.14, the tangent distance algorithm (Simard et al., 1993): a non-parametric nearest
    neighbor method whose metric is the distance between the manifolds of the two points, each
    approximated by its tangent plane. Finding the closest pair of points on the two planes is a
    linear least-squares problem. 0 ≤ distance ≤ ‖x1 − x2‖, with 0 when x2 lies on the tangent
    plane of x1.

    Hints
    -----
    Stack the tangents into one matrix A = [T1, −T2] of shape (n, t1 + t2), solve for z = [a; b]
    with ``np.linalg.lstsq(A, x2 - x1, rcond=None)``, and compute the distance as the norm of
    the residual A z − (x2 − x1) yourself (lstsq's ``residuals`` are empty for rank-deficient A).
    Normal equations fail when A is rank-deficient.
    """
    # TODO: implement tangent_distance (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.14 tangent_distance: not implemented yet")


def local_tangent_plane(neighbors: np.ndarray, d: int) -> np.ndarray:
    """Estimate the d-dimensional tangent space at a point from its nearest neighbors (local PCA).

    Parameters
    ----------
    neighbors : ndarray of shape (N, n)
        The N nearest neighbors of a point, one per row (N ≥ 2).
    d : int
        Dimension of the tangent space, 1 ≤ d ≤ min(N − 1, n).

    Returns
    -------
    ndarray of shape (n, d)
        Orthonormal columns: the top-d right singular vectors of the centered neighbors (the
        neighbors minus their mean), in order of decreasing singular value. Each column's sign
        is fixed so that its entry of largest magnitude is positive (the first such entry if
        several tie).

    Notes
    -----
    Section 7.14: the manifold tangent classifier (Rifai et al., 2011c) estimates the tangent
    vectors of the data manifold from data (with a contractive autoencoder) and then applies
    tangent prop with them. Local PCA on the nearest neighbors is the classic non-parametric
    estimate of the same tangent plane (section 5.11.3's manifold learning); it needs no network.

    Hints
    -----
    Center first: without it the top direction points at the neighbors' mean, not along the
    manifold. ``np.linalg.svd(C, full_matrices=False)`` returns Vᵀ with the right singular vectors as
    ROWS. A singular vector is only defined up to sign; fix it as stated.
    """
    # TODO: implement local_tangent_plane (the docstring's Notes and Hints say how).
    raise NotImplementedError("7.14 local_tangent_plane: not implemented yet")
