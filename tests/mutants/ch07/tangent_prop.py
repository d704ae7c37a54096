"""Realistic mistakes in 7.14 that the hidden tests must catch."""
from autograder.mutation import Mutant

MUTANTS = [
    Mutant("tangents_sign_flipped", "+∂img/∂col: the tangent of a shift to the LEFT (forgets that the new pixel "
           "shows the old column c − t)",
           replace=[("return np.stack([-np.gradient(img, axis=1), -np.gradient(img, axis=0)])",
                     "return np.stack([np.gradient(img, axis=1), np.gradient(img, axis=0)])")]),
    Mutant("tangents_axes_swapped", "returns the row (down) tangent first",
           replace=[("return np.stack([-np.gradient(img, axis=1), -np.gradient(img, axis=0)])",
                     "return np.stack([-np.gradient(img, axis=0), -np.gradient(img, axis=1)])")]),
    Mutant("tangents_roll_wraps_around", "central differences with np.roll: the borders wrap around to the other side",
           replace=[("return np.stack([-np.gradient(img, axis=1), -np.gradient(img, axis=0)])",
                     "return np.stack([-(np.roll(img, -1, axis=1) - np.roll(img, 1, axis=1)) / 2,\n"
                     "                     -(np.roll(img, -1, axis=0) - np.roll(img, 1, axis=0)) / 2])")]),
    Mutant("tangents_forward_difference", "forward differences f[k+1] − f[k] (zero-padded at the end) instead of central",
           replace=[("return np.stack([-np.gradient(img, axis=1), -np.gradient(img, axis=0)])",
                     "dc = np.zeros_like(img)\n    dc[:, :-1] = np.diff(img, axis=1)\n"
                     "    dr = np.zeros_like(img)\n    dr[:-1] = np.diff(img, axis=0)\n"
                     "    return np.stack([-dc, -dr])")]),
    Mutant("penalty_sum_over_examples", "sums over the examples instead of averaging",
           replace=[("return float((directional ** 2).sum(axis=1).mean())", "return float((directional ** 2).sum())")]),
    Mutant("penalty_square_of_sum", "(Σ_t ∇fᵀv_t)²: squares after adding the tangents",
           replace=[("return float((directional ** 2).sum(axis=1).mean())",
                     "return float((directional.sum(axis=1) ** 2).mean())")]),
    Mutant("td_plus_T2", "solves [T1, T2][a; b] ≈ x2 − x1: the distance is right but b has the wrong sign",
           replace=[("A = np.hstack([T1, -T2])", "A = np.hstack([T1, T2])")]),
    Mutant("td_squared_distance", "returns the squared distance",
           replace=[("distance = float(np.linalg.norm(A @ z - r))", "distance = float(np.sum((A @ z - r) ** 2))")]),
    Mutant("td_one_sided", "one-sided tangent distance: only x1 moves on its plane, b = 0",
           replace=[("    z = np.linalg.lstsq(A, r, rcond=None)[0]\n",
                     "    z = np.concatenate([np.linalg.lstsq(T1, r, rcond=None)[0], np.zeros(T2.shape[1])])\n")]),
    Mutant("td_normal_equations", "solves the normal equations AᵀA z = Aᵀr: fails when the tangents are dependent",
           replace=[("    z = np.linalg.lstsq(A, r, rcond=None)[0]\n",
                     "    z = np.linalg.solve(A.T @ A + 1e-12 * np.eye(A.shape[1]), A.T @ r)\n")]),
    Mutant("ltp_not_centered", "SVD of the raw neighbors: the top direction points at their mean",
           replace=[("centered = neighbors - neighbors.mean(axis=0)", "centered = neighbors")]),
    Mutant("ltp_smallest_directions", "takes the last d right singular vectors (the normal space)",
           replace=[("U = np.linalg.svd(centered, full_matrices=False)[2][:d].T",
                     "U = np.linalg.svd(centered, full_matrices=True)[2][-d:].T")]),
    Mutant("ltp_left_singular_vectors", "uses U of the SVD (directions in sample space) transposed",
           replace=[("U = np.linalg.svd(centered, full_matrices=False)[2][:d].T",
                     "U = np.linalg.svd(centered.T, full_matrices=False)[2][:d].T")]),
    Mutant("ltp_no_sign_fix", "returns the singular vectors with whatever sign the SVD gives",
           replace=[("    return U * signs\n", "    return U\n")]),
]
