"""Realistic mistakes in 7.4 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("translate_with_roll", "np.roll: the content that leaves one side wraps around to the other", append="""
def translate_batch(imgs, dy, dx, fill=0.0):
    imgs = np.asarray(imgs, dtype=float)
    return np.roll(imgs, (int(dy), int(dx)), axis=(1, 2))
"""),
    Mutant("translate_opposite_direction", "moves the content up/left for positive dy/dx (samples imgs[i + dy])",
           replace=[("    dy, dx = int(dy), int(dx)\n", "    dy, dx = -int(dy), -int(dx)\n")]),
    Mutant("translate_ignores_fill", "pads the border with zeros whatever fill says",
           replace=[("out = np.full(imgs.shape, float(fill))", "out = np.zeros(imgs.shape)")]),
    Mutant("translate_big_shift_unhandled", "slices [dy:] and [:H - dy] with no special case for |dy| >= H: "
           "they no longer match (or wrap to the other end)", append="""
def translate_batch(imgs, dy, dx, fill=0.0):
    imgs = np.asarray(imgs, dtype=float)
    _, H, W = imgs.shape
    out = np.full(imgs.shape, float(fill))
    rows_out, rows_in = (slice(dy, H), slice(0, H - dy)) if dy >= 0 else (slice(0, H + dy), slice(-dy, H))
    cols_out, cols_in = (slice(dx, W), slice(0, W - dx)) if dx >= 0 else (slice(0, W + dx), slice(-dx, W))
    out[:, rows_out, cols_out] = imgs[:, rows_in, cols_in]
    return out
"""),
    Mutant("translate_full_like_int", "np.full_like keeps an integer dtype: fill 0.5 becomes 0",
           replace=[("    imgs = np.asarray(imgs, dtype=float)\n    _, H, W = imgs.shape\n",
                     "    imgs = np.asarray(imgs)\n    _, H, W = imgs.shape\n"),
                    ("out = np.full(imgs.shape, float(fill))", "out = np.full_like(imgs, fill)")]),
    Mutant("warp_truncates_coordinates", "astype(int)/trunc instead of floor: −0.5 rounds to 0, weights go negative",
           replace=[("r0, c0 = np.floor(p[0]), np.floor(p[1])", "r0, c0 = np.trunc(p[0]), np.trunc(p[1])")]),
    Mutant("warp_xy_order", "treats pixel coordinates as (x, y) = (col, row) when applying M",
           replace=[("p = M @ np.stack([rows.ravel(), cols.ravel()]) + offset[:, None]",
                     "p = (M @ np.stack([cols.ravel(), rows.ravel()]) + offset[:, None])[::-1]")]),
    Mutant("warp_transposed_M", "applies Mᵀ instead of M",
           replace=[("p = M @ np.stack", "p = M.T @ np.stack")]),
    Mutant("warp_offset_subtracted", "M @ o − offset",
           replace=[("+ offset[:, None]", "- offset[:, None]")]),
    Mutant("warp_constant_mode", "any sample point outside [0, H−1]×[0, W−1] gives 0 (scipy's mode='constant'), "
           "instead of interpolating against the zero padding",
           replace=[("    return out.reshape(H, W)\n",
                     "    out[(p[0] < 0) | (p[0] > H - 1) | (p[1] < 0) | (p[1] > W - 1)] = 0.0\n"
                     "    return out.reshape(H, W)\n")]),
    Mutant("warp_clamps_to_edge", "outside neighbours repeat the edge pixel instead of counting as 0",
           replace=[("        out[inside] = img[r[inside], c[inside]]\n",
                     "        out = img[np.clip(r, 0, H - 1), np.clip(c, 0, W - 1)]\n")]),
    Mutant("warp_nearest_neighbour", "rounds the sample point to the nearest pixel instead of interpolating",
           replace=[("    fr, fc = p[0] - r0, p[1] - c0\n",
                     "    fr, fc = np.round(p[0] - r0), np.round(p[1] - c0)\n")]),
    Mutant("augment_repeat_labels", "np.repeat(labels, 1 + S): labels interleaved, not in blocks",
           replace=[("np.tile(labels, len(blocks))", "np.repeat(labels, len(blocks))")]),
    Mutant("augment_without_originals", "returns only the shifted copies",
           replace=[("blocks = [imgs.copy()] + [translate_batch", "blocks = [translate_batch")]),
    Mutant("augment_example_major", "all shifts of image 0, then of image 1, ... (labels matching)", append="""
def augment_with_shifts(imgs, labels, shifts):
    imgs = np.asarray(imgs, dtype=float)
    blocks = [imgs] + [translate_batch(imgs, dy, dx) for dy, dx in shifts]
    N, H, W = imgs.shape
    return np.stack(blocks, axis=1).reshape(-1, H, W), np.repeat(np.asarray(labels), len(blocks))
"""),
    Mutant("noise_sigma_as_variance", "draws with standard deviation σ² instead of σ",
           replace=[("rng.normal(0.0, sigma, size=X.shape)\n", "rng.normal(0.0, sigma ** 2, size=X.shape)\n")]),
    Mutant("noise_global_random", "np.random.normal instead of the given generator",
           replace=[("rng.normal(0.0, sigma, size=X.shape)\n", "np.random.normal(0.0, sigma, size=X.shape)\n")]),
    Mutant("noise_same_per_row", "one noise vector shared by every row (size=X.shape[-1])",
           replace=[("rng.normal(0.0, sigma, size=X.shape)\n", "rng.normal(0.0, sigma, size=X.shape[-1:])\n")]),
    Mutant("noise_added_in_place", "X += noise: np.asarray does not copy a float array", append="""
def noisy_inputs(X, sigma, rng):
    X = np.asarray(X, dtype=float)
    X += rng.normal(0.0, sigma, size=X.shape)
    return X
"""),
]
