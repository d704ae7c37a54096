"""9.6 Structured Outputs.

A convolutional network can output a tensor instead of one class: a label for every pixel. The
book's example (Fig. 9.17) labels the pixels of an image with a recurrent convolutional
network. Each step refines the label map Ŷ. The hidden units H see the image through the kernel
U and the previous estimate Ŷ through the kernel W, and the kernel V turns H into per-pixel class
scores. The same U, V, W are used at every step. The network is trained with a cross-entropy
summed over pixels, and the label map is then post-processed into regions of connected pixels
with the same label.

Conventions: an image is X of shape (C_in, H, W), a kernel stack is (C_out, C_in, k, k) with odd
k, and '∗' is the 9.5 convolution (a cross-correlation, kernel not flipped) with stride 1 and
'same' padding, (k − 1)/2 zeros on every side, so every map keeps its H × W size. The finished
helper ``_conv2d_same`` is that operation. A label map is an (H, W) array of ints. No function
changes its inputs.
"""
from __future__ import annotations

from collections import deque

import numpy as np


def _conv2d_same(V: np.ndarray, K: np.ndarray) -> np.ndarray:
    """Given: 9.5's ``conv2d_multi(V, K, stride=1, padding='same')`` for an odd kernel.

    V (C_in, H, W), K (C_out, C_in, k, k) -> Z (C_out, H, W) with
    ``Z[i, x, y] = Σ_{l,m,n} Vp[l, x + m, y + n] · K[i, l, m, n]``, where Vp is V with (k − 1)/2
    zeros on every side (cross-correlation: the kernel is not flipped).
    """
    V = np.asarray(V, dtype=float)
    K = np.asarray(K, dtype=float)
    kh, kw = K.shape[2:]
    if kh % 2 == 0 or kw % 2 == 0:
        raise ValueError(f"this helper needs an odd kernel, got {kh}×{kw}")
    Vp = np.pad(V, ((0, 0), (kh // 2, kh // 2), (kw // 2, kw // 2)))
    windows = np.lib.stride_tricks.sliding_window_view(Vp, (kh, kw), axis=(1, 2))
    return np.einsum("lxymn,ilmn->ixy", windows, K)


def recurrent_conv_labeler(X: np.ndarray, U: np.ndarray, W: np.ndarray, V: np.ndarray, n_steps: int) -> np.ndarray:
    """Pixel labelling by the recurrent convolutional network of Fig. 9.17.

    Parameters
    ----------
    X : ndarray of shape (C_in, H, W)
        The input image.
    U : ndarray of shape (C_h, C_in, k, k)
        Image-to-hidden kernel stack.
    W : ndarray of shape (C_h, n_cls, k, k)
        Kernel stack from the previous label estimate to the hidden units.
    V : ndarray of shape (n_cls, C_h, k, k)
        Hidden-to-label kernel stack.
    n_steps : int
        Number of refinement steps, at least 1.

    Returns
    -------
    Y_hat : ndarray of shape (n_steps, n_cls, H, W)
        ``Y_hat[t − 1]`` is Ŷ(t), a probability distribution over the classes at every pixel.

    Notes
    -----
    Fig. 9.17, for t = 1, ..., n_steps:

    - H(t) = relu(U ∗ X + W ∗ Ŷ(t−1)); at t = 1 there is no estimate yet and the W term is
      left out (the same as Ŷ(0) = 0);
    - Ŷ(t) = softmax over the class axis of V ∗ H(t), separately at every pixel.

    The same U, V and W are used at every step: it is a recurrent network (Chapter 10), and
    each step widens the region of the image that a label can depend on by two convolutions.

    Hints
    -----
    ``'∗'`` is ``_conv2d_same`` (cross-correlation with 'same' padding). The softmax runs over
    axis 0 of the (n_cls, H, W) scores; subtract the maximum over that axis before ``np.exp``
    so scores of size 1000 do not overflow. W multiplies the previous *probabilities* Ŷ(t−1),
    not the scores.
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    n_cls = np.shape(V)[0]
    UX = _conv2d_same(X, U)  # the image does not change between steps
    Y_hat = np.zeros((int(n_steps), n_cls) + X.shape[1:])
    for t in range(int(n_steps)):
        pre = UX if t == 0 else UX + _conv2d_same(Y_hat[t - 1], W)
        scores = _conv2d_same(np.maximum(pre, 0.0), V)
        scores = scores - scores.max(axis=0, keepdims=True)
        e = np.exp(scores)
        Y_hat[t] = e / e.sum(axis=0, keepdims=True)
    return Y_hat
    ### END SOLUTION


def pixelwise_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean per-pixel cross-entropy of class scores, and its gradient.

    Parameters
    ----------
    logits : ndarray of shape (n_cls, H, W)
        Unnormalized log-probabilities of every class at every pixel.
    labels : ndarray of int, shape (H, W)
        The true class of every pixel, in {0, ..., n_cls − 1}.

    Returns
    -------
    loss : float
        ``J = −(1 / (H·W)) Σ_{x,y} log softmax(logits[:, x, y])[labels[x, y]]``.
    dlogits : ndarray of shape (n_cls, H, W)
        ∂J/∂logits = (softmax(logits) − onehot(labels)) / (H·W), with the softmax over axis 0.

    Notes
    -----
    Sec. 9.6: the output tensor is a distribution over classes at every pixel, and training
    uses the log-likelihood summed (here: averaged) over pixels, with the log-softmax of
    eq. 6.30 at every pixel. The average is over pixels only, not over classes (as PyTorch's
    ``cross_entropy(..., reduction='mean')`` on (N, C, H, W) scores).

    Hints
    -----
    Use log-softmax = logits − max − log Σ exp(logits − max), with the maximum over the class
    axis, so scores of size 1000 give finite numbers. Pick the label's entry at every pixel with
    ``np.take_along_axis`` or fancy indexing.
    """
    ### BEGIN SOLUTION
    logits = np.asarray(logits, dtype=float)
    labels = np.asarray(labels, dtype=int)
    n_pixels = labels.size
    shifted = logits - logits.max(axis=0, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))
    picked = np.take_along_axis(log_probs, labels[None], axis=0)[0]
    loss = float(-picked.sum() / n_pixels)
    dlogits = np.exp(log_probs)
    np.put_along_axis(dlogits, labels[None], np.take_along_axis(dlogits, labels[None], axis=0) - 1.0, axis=0)
    return loss, dlogits / n_pixels
    ### END SOLUTION


def label_connected_regions(label_map: np.ndarray) -> tuple[np.ndarray, int]:
    """Split a label map into 4-connected regions of equal labels.

    Parameters
    ----------
    label_map : ndarray of int, shape (H, W)
        A label for every pixel (any integers).

    Returns
    -------
    region_id : ndarray of int, shape (H, W)
        Two pixels have the same id exactly when they have the same label and are joined by a
        path of same-label pixels, each step going up, down, left or right (no diagonals, no
        wrapping around the border). Ids are 0, 1, 2, ... in the row-major order in which the
        regions first appear: the region of pixel (0, 0) is 0, the next region met when
        reading row by row is 1, and so on.
    n_regions : int
        The number of regions (``region_id.max() + 1``).

    Notes
    -----
    Sec. 9.6: a pixel-wise labelling is often post-processed into regions, on the assumption
    that large groups of contiguous pixels tend to share a label; the book mentions graphical
    models for this. Connected components are the simplest such step.

    Hints
    -----
    Scan the pixels row by row; at each pixel without an id, start a new region and flood it
    with an explicit stack or ``collections.deque`` (breadth-first search). Recursion fails: a
    200×200 map with one region needs 40 000 nested calls. Check the bounds yourself: in numpy
    index −1 silently means the last row.
    """
    ### BEGIN SOLUTION
    labels = np.asarray(label_map).tolist()  # plain lists: fast scalar access in the loops
    H = len(labels)
    W = len(labels[0]) if H else 0
    region = [[-1] * W for _ in range(H)]
    n_regions = 0
    for i0 in range(H):
        for j0 in range(W):
            if region[i0][j0] >= 0:
                continue
            label = labels[i0][j0]
            region[i0][j0] = n_regions
            queue = deque([(i0, j0)])
            while queue:
                i, j = queue.popleft()
                for a, b in ((i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1)):
                    if 0 <= a < H and 0 <= b < W and region[a][b] < 0 and labels[a][b] == label:
                        region[a][b] = n_regions
                        queue.append((a, b))
            n_regions += 1
    return np.array(region, dtype=int).reshape(H, W), n_regions
    ### END SOLUTION
