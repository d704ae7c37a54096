"""Realistic mistakes in 9.6 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    # recurrent_conv_labeler
    Mutant("labeler_true_convolution", "writes its own convolution and flips the kernels",
           replace=[("    UX = _conv2d_same(X, U)  # the image does not change between steps\n",
                     "    _conv2d_same = lambda A, B: _reference_conv(A, B[:, :, ::-1, ::-1])\n"
                     "    UX = _conv2d_same(X, U)  # the image does not change between steps\n")],
           append="\n_reference_conv = _conv2d_same\n"),
    Mutant("labeler_feeds_back_scores", "W acts on the previous scores V ∗ H instead of the probabilities Ŷ",
           replace=[("    for t in range(int(n_steps)):\n"
                     "        pre = UX if t == 0 else UX + _conv2d_same(Y_hat[t - 1], W)",
                     "    prev_scores = None\n    for t in range(int(n_steps)):\n"
                     "        pre = UX if t == 0 else UX + _conv2d_same(prev_scores, W)"),
                    ("        scores = _conv2d_same(np.maximum(pre, 0.0), V)\n",
                     "        scores = _conv2d_same(np.maximum(pre, 0.0), V)\n        prev_scores = scores\n")]),
    Mutant("labeler_relu_before_sum", "relu(U ∗ X) + W ∗ Ŷ: the rectifier applied to the image term only",
           replace=[("scores = _conv2d_same(np.maximum(pre, 0.0), V)",
                     "scores = _conv2d_same(np.maximum(UX, 0.0) + (pre - UX), V)")]),
    Mutant("labeler_softmax_unstable", "softmax without subtracting the per-pixel maximum",
           replace=[("        scores = scores - scores.max(axis=0, keepdims=True)\n", "")]),
    Mutant("labeler_softmax_over_space", "softmax over the pixels of each class map instead of over the classes",
           replace=[("scores = scores - scores.max(axis=0, keepdims=True)",
                     "scores = scores - scores.max(axis=(1, 2), keepdims=True)"),
                    ("Y_hat[t] = e / e.sum(axis=0, keepdims=True)",
                     "Y_hat[t] = e / e.sum(axis=(1, 2), keepdims=True)")]),
    Mutant("labeler_w_at_first_step", "adds W ∗ (uniform 1/n_cls) at the first step instead of leaving W out",
           replace=[("pre = UX if t == 0 else UX + _conv2d_same(Y_hat[t - 1], W)",
                     "pre = UX + _conv2d_same(Y_hat[t - 1] if t else np.full(Y_hat.shape[1:], 1.0 / n_cls), W)")]),
    # pixelwise_cross_entropy
    Mutant("ce_grad_no_mean", "dlogits = softmax − onehot, without the 1/(H·W) of the mean",
           replace=[("return loss, dlogits / n_pixels", "return loss, dlogits")]),
    Mutant("ce_mean_over_classes", "divides the loss by n_cls·H·W (np.mean over the whole log-probability tensor)",
           replace=[("loss = float(-picked.sum() / n_pixels)", "loss = float(-picked.sum() / log_probs.size)")]),
    Mutant("ce_unstable", "log Σ exp of the raw scores (overflows for large scores)",
           replace=[("shifted = logits - logits.max(axis=0, keepdims=True)", "shifted = logits")]),
    Mutant("ce_softmax_over_last_axis", "softmax over the last (column) axis instead of the class axis",
           replace=[("shifted = logits - logits.max(axis=0, keepdims=True)\n"
                     "    log_probs = shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))",
                     "shifted = logits - logits.max(axis=-1, keepdims=True)\n"
                     "    log_probs = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))")]),
    # label_connected_regions
    Mutant("regions_8_connected", "diagonal neighbours are connected too",
           replace=[("for a, b in ((i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1)):",
                     "for a, b in ((i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1),\n"
                     "                             (i - 1, j - 1), (i - 1, j + 1), (i + 1, j - 1), (i + 1, j + 1)):")]),
    Mutant("regions_wrap_around", "checks only the upper bounds: index −1 reaches the last row/column",
           replace=[("if 0 <= a < H and 0 <= b < W and region[a][b] < 0",
                     "if a < H and b < W and region[a][b] < 0")]),
    Mutant("regions_recursive", "recursive flood fill (overflows the stack on large regions)", append="""
def label_connected_regions(label_map):
    labels = np.asarray(label_map)
    H, W = labels.shape
    region = -np.ones((H, W), dtype=int)

    def fill(i, j, label, rid):
        if 0 <= i < H and 0 <= j < W and region[i, j] < 0 and labels[i, j] == label:
            region[i, j] = rid
            fill(i - 1, j, label, rid)
            fill(i + 1, j, label, rid)
            fill(i, j - 1, label, rid)
            fill(i, j + 1, label, rid)

    n = 0
    for i in range(H):
        for j in range(W):
            if region[i, j] < 0:
                fill(i, j, labels[i, j], n)
                n += 1
    return region, n
"""),
    Mutant("regions_numbered_by_label", "numbers the regions label by label (as per-class scipy.ndimage.label)",
           append="""
_reference_regions = label_connected_regions


def label_connected_regions(label_map):
    region, n = _reference_regions(label_map)
    labels = np.asarray(label_map)
    firsts = [(labels.ravel()[np.argmax(region.ravel() == r)], r) for r in range(n)]
    order = [r for _, r in sorted(firsts)]
    remap = np.empty(n, dtype=int)
    remap[order] = np.arange(n)
    return remap[region], n
"""),
    Mutant("regions_marks_input", "marks visited pixels by overwriting the caller's label_map", append="""
_reference_regions = label_connected_regions


def label_connected_regions(label_map):
    region, n = _reference_regions(label_map)
    label_map[...] = -1  # visited
    return region, n
"""),
]
