"""7.4 Dataset Augmentation.

The best way to make a model generalize better is to train it on more data; for many tasks we can
create that data. A classifier has to be invariant to many transformations of its input, so
applying those transformations to the training images gives new (x, y) pairs with the *same*
label y. Section 7.4 names translations by a few pixels, small rotations and scalings, and
injecting noise into the inputs (Sietsma and Dow, 1991). You write these transformations for
grayscale images and the function that grows a labelled training set with them.

Conventions: float64 in and out (integer images are converted), images are ``(H, W)`` or a batch
``(N, H, W)``, pixel coordinates are ``(row, col)`` with row 0 at the top. No function changes
its inputs. Randomness comes only from an explicit ``rng: np.random.Generator``, with the exact
call stated in the docstring (never the global ``np.random``).
"""
from __future__ import annotations

import numpy as np


def translate_batch(imgs: np.ndarray, dy: int, dx: int, fill: float = 0.0) -> np.ndarray:
    """Translate every image of a batch by whole pixels, padding with ``fill`` (no wrap-around).

    Parameters
    ----------
    imgs : ndarray of shape (N, H, W)
        A batch of grayscale images.
    dy : int
        Rows to move the content *down* (negative: up).
    dx : int
        Columns to move the content *right* (negative: left).
    fill : float, default 0.0
        Value of the pixels uncovered by the shift.

    Returns
    -------
    ndarray of shape (N, H, W), float64
        A new array with ``out[n, i, j] = imgs[n, i − dy, j − dx]`` where ``0 ≤ i − dy < H`` and
        ``0 ≤ j − dx < W``, and ``fill`` everywhere else. A shift of ``|dy| ≥ H`` or ``|dx| ≥ W``
        moves everything out: the result is all ``fill``. ``dy = dx = 0`` returns a copy.

    Notes
    -----
    Section 7.4: translating the training images by a few pixels in each direction often greatly
    improves generalization, even for a convolutional network that is already partly
    translation invariant.

    Hints
    -----
    ``np.roll`` wraps the content around to the other side: a digit shifted right must not
    reappear on the left. Start from ``np.full(..., fill)`` and copy one slice into another; work
    out the slice bounds for positive and negative shifts separately, and check shifts that are
    zero or at least as large as the image.
    """
    ### BEGIN SOLUTION
    imgs = np.asarray(imgs, dtype=float)
    _, H, W = imgs.shape
    dy, dx = int(dy), int(dx)
    out = np.full(imgs.shape, float(fill))
    if abs(dy) >= H or abs(dx) >= W:
        return out
    out[:, max(dy, 0):H + min(dy, 0), max(dx, 0):W + min(dx, 0)] = \
        imgs[:, max(-dy, 0):H - max(dy, 0), max(-dx, 0):W - max(dx, 0)]
    return out
    ### END SOLUTION


def affine_warp_bilinear(img: np.ndarray, M: np.ndarray, offset: np.ndarray) -> np.ndarray:
    """Warp an image by an affine map, sampling with zero-padded bilinear interpolation.

    Parameters
    ----------
    img : ndarray of shape (H, W)
        A grayscale image.
    M : ndarray of shape (2, 2)
        Linear part of the map from output coordinates to input coordinates.
    offset : ndarray of shape (2,)
        Translation part of that map.

    Returns
    -------
    ndarray of shape (H, W), float64
        ``out[o] = bilinear(img, M @ o + offset)`` for every output pixel ``o = (row, col)``.

    Notes
    -----
    Section 7.4 (rotations and scalings as label-preserving transformations). This is an
    inverse-mapping ("pull") warp: each *output* pixel asks where it comes from in the input,
    so every output pixel gets exactly one value and there are no holes. At a point
    ``p = (r, c)`` with ``r0 = floor(r)``, ``c0 = floor(c)``, ``fr = r − r0``, ``fc = c − c0``:

        bilinear(img, p) = (1−fr)(1−fc) I[r0, c0] + (1−fr) fc I[r0, c0+1]
                         + fr (1−fc) I[r0+1, c0] + fr fc I[r0+1, c0+1],

    where ``I`` is ``img`` padded with zeros on every side: a neighbour outside the image
    counts as 0 and the other neighbours still contribute. This is
    ``scipy.ndimage.affine_transform(img, M, offset, order=1, mode='grid-constant')``.
    The identity map (``M = I``, ``offset = 0``) returns the image; ``M = I`` with an integer
    ``offset = (−dy, −dx)`` is ``translate_batch`` by ``(dy, dx)``.

    Hints
    -----
    Coordinates are (row, col), not (x, y). Use ``np.floor``, not ``astype(int)``: truncation
    rounds −0.5 up to 0. A point with −1 < r < 0 still takes part of its value from row 0.
    To rotate by θ about the centre ``c``: ``M = R(θ)``, ``offset = c − M @ c``.
    """
    ### BEGIN SOLUTION
    img = np.asarray(img, dtype=float)
    M = np.asarray(M, dtype=float)
    offset = np.asarray(offset, dtype=float)
    H, W = img.shape
    rows, cols = np.meshgrid(np.arange(H), np.arange(W), indexing="ij")
    p = M @ np.stack([rows.ravel(), cols.ravel()]) + offset[:, None]  # (2, H*W) input coordinates
    r0, c0 = np.floor(p[0]), np.floor(p[1])
    fr, fc = p[0] - r0, p[1] - c0
    r0, c0 = r0.astype(int), c0.astype(int)

    def pixel(r, c):
        """img[r, c], or 0 outside the image (zero padding)."""
        inside = (r >= 0) & (r < H) & (c >= 0) & (c < W)
        out = np.zeros(r.shape)
        out[inside] = img[r[inside], c[inside]]
        return out

    out = ((1 - fr) * (1 - fc) * pixel(r0, c0) + (1 - fr) * fc * pixel(r0, c0 + 1)
           + fr * (1 - fc) * pixel(r0 + 1, c0) + fr * fc * pixel(r0 + 1, c0 + 1))
    return out.reshape(H, W)
    ### END SOLUTION


def augment_with_shifts(imgs: np.ndarray, labels: np.ndarray, shifts: list[tuple[int, int]]
                        ) -> tuple[np.ndarray, np.ndarray]:
    """Grow a labelled training set by translated copies of every image.

    Parameters
    ----------
    imgs : ndarray of shape (N, H, W)
        The original images.
    labels : ndarray of shape (N,)
        Their labels.
    shifts : list of S pairs (dy, dx)
        Translations, as in ``translate_batch`` (zero padding).

    Returns
    -------
    imgs_aug : ndarray of shape (N·(1+S), H, W), float64
        The originals first, unchanged, then the whole batch shifted by ``shifts[0]``, then by
        ``shifts[1]``, and so on: block ``s + 1`` holds ``translate_batch(imgs, *shifts[s])``.
    labels_aug : ndarray of shape (N·(1+S),)
        ``labels`` repeated once per block: ``labels_aug[b·N + n] = labels[n]``.

    Notes
    -----
    Section 7.4: a translation does not change what a digit is, so a shifted copy keeps its
    label. An empty ``shifts`` returns a copy of the originals.

    Hints
    -----
    Blocks, not interleaving: the labels are ``np.tile(labels, 1 + S)``, not
    ``np.repeat``. Fill the uncovered border with 0.
    """
    ### BEGIN SOLUTION
    imgs = np.asarray(imgs, dtype=float)
    labels = np.asarray(labels)
    blocks = [imgs.copy()] + [translate_batch(imgs, dy, dx) for dy, dx in shifts]
    return np.concatenate(blocks, axis=0), np.tile(labels, len(blocks))
    ### END SOLUTION


def noisy_inputs(X: np.ndarray, sigma: float, rng: np.random.Generator) -> np.ndarray:
    """Inject Gaussian noise into the inputs: a new sample of ``X + N(0, σ²)`` per entry.

    Parameters
    ----------
    X : ndarray of any shape, e.g. (m, n) or (N, H, W)
        Inputs.
    sigma : float
        Standard deviation of the noise (not the variance), σ ≥ 0.
    rng : np.random.Generator
        Source of the noise. Exactly one call: ``rng.normal(0.0, sigma, size=X.shape)``.

    Returns
    -------
    ndarray of the shape of X, float64
        ``X + rng.normal(0.0, sigma, size=X.shape)``.

    Notes
    -----
    Section 7.4: injecting noise into the inputs (Sietsma and Dow, 1991) is a form of dataset
    augmentation. For least squares, Gaussian input noise of variance σ² is equivalent in
    expectation to an L2 penalty (Bishop, 1995; section 7.5):
    E‖(X + E)w − y‖² = ‖Xw − y‖² + mσ²‖w‖² for m examples.

    Hints
    -----
    The grader gives your function a seeded generator and compares the exact numbers, so draw
    all the noise with the one call above (``sigma * rng.standard_normal(X.shape)`` draws the same
    numbers). Never touch ``np.random`` itself.
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    return X + rng.normal(0.0, sigma, size=X.shape)
    ### END SOLUTION


def _seeded_rng(seed: int) -> np.random.Generator:
    """Given code, used by the grader: ``np.random.default_rng(seed)``, kept in the sandbox and
    passed to ``noisy_inputs`` (a Generator cannot be sent across). Leave it as it is."""
    return np.random.default_rng(seed)
