# Generated from solutions/ch08/test_initialization.py by dlbook build. Edit that file instead.
"""Self-check for 8.4 (public tests): run `pytest exercises/ch08/test_initialization.py` or `dlbook check 8.4`.

These check the book's own numbers and simple properties; the grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("8.4")


def test_glorot_uniform_one_draw(mod):
    # Eq 8.23 for m = 300, n = 100: a = √(6/400) ≈ 0.122474, drawn with one rng.uniform call.
    rng, twin = np.random.default_rng(0), np.random.default_rng(0)
    W = mod.glorot_uniform(300, 100, rng)
    a = np.sqrt(6 / 400)
    assert W.shape == (300, 100), "shape (n_in, n_out)"
    np.testing.assert_array_equal(W, twin.uniform(-a, a, size=(300, 100)))
    assert rng.bit_generator.state == twin.bit_generator.state, "exactly one draw"
    assert abs(W.var() - 2 / 400) < 4 * 0.005 * np.sqrt(0.8 / W.size), "Var(W) = 2/(m + n)"


def test_orthogonal_init_tall_and_wide(mod):
    rng = np.random.default_rng(1)
    for shape, gain in [((6, 4), 1.0), ((3, 5), 2.0), ((4, 4), 1.0)]:
        A = rng.normal(size=shape)
        Q = mod.orthogonal_init(A, gain)
        assert Q.shape == shape
        small = Q.T @ Q if shape[0] >= shape[1] else Q @ Q.T
        np.testing.assert_allclose(small, gain ** 2 * np.eye(min(shape)), atol=1e-12,
                                   err_msg="orthonormal columns (tall) or rows (wide), times the gain")


def test_orthogonal_init_is_gram_schmidt(mod):
    # Gram-Schmidt on the columns of A gives the Q of A = QR with diag(R) > 0.
    A = np.random.default_rng(2).normal(size=(5, 3))
    Q = np.zeros_like(A)
    for j in range(3):
        q = A[:, j] - Q[:, :j] @ (Q[:, :j].T @ A[:, j])
        Q[:, j] = q / np.linalg.norm(q)
    np.testing.assert_allclose(mod.orthogonal_init(A), Q, rtol=1e-10, atol=1e-12,
                               err_msg="fix the signs so that diag(R) > 0")


def test_sparse_init_k_per_unit(mod):
    rng, twin = np.random.default_rng(3), np.random.default_rng(3)
    W = mod.sparse_init(10, 4, 3, rng, scale=0.5)
    assert W.shape == (10, 4)
    assert list((W != 0).sum(axis=0)) == [3, 3, 3, 3], "exactly k non-zero incoming weights per unit (column)"
    want = np.zeros((10, 4))
    for j in range(4):
        rows = twin.choice(10, 3, replace=False)
        want[rows, j] = twin.normal(0.0, 0.5, 3)
    np.testing.assert_array_equal(W, want)


def test_two_layer_grads_central_differences(mod):
    rng = np.random.default_rng(4)
    X, y = rng.normal(size=(6, 3)), rng.normal(size=6)
    params = {"W1": rng.normal(size=(3, 4)), "b1": rng.normal(size=4), "w2": rng.normal(size=4), "b2": 0.3}

    def loss(p):
        yhat = np.tanh(X @ p["W1"] + p["b1"]) @ p["w2"] + p["b2"]
        return np.mean((yhat - y) ** 2) / 2

    grads = mod.two_layer_grads(X, y, params["W1"], params["b1"], params["w2"], params["b2"])
    for name in ("W1", "b1", "w2", "b2"):
        value = np.array(params[name], dtype=float)
        num = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            for sign in (1, -1):
                shifted = value.copy()
                shifted[idx] += sign * 1e-6
                num[idx] += sign * loss({**params, name: shifted}) / 2e-6
        np.testing.assert_allclose(grads[name], num, rtol=1e-6, atol=1e-9, err_msg=f"gradient of {name}")


def test_two_layer_grads_symmetry(mod):
    # Units 0 and 1 start identical (incoming weights, bias and outgoing weight): identical gradients.
    rng = np.random.default_rng(5)
    X, y = rng.normal(size=(8, 2)), rng.normal(size=8)
    W1, b1, w2 = rng.normal(size=(2, 3)), rng.normal(size=3), rng.normal(size=3)
    W1[:, 1], b1[1], w2[1] = W1[:, 0], b1[0], w2[0]
    g = mod.two_layer_grads(X, y, W1, b1, w2, 0.0)
    np.testing.assert_allclose(g["W1"][:, 1], g["W1"][:, 0], rtol=1e-12)
    assert g["b1"][1] == pytest.approx(g["b1"][0], rel=1e-12) and g["w2"][1] == pytest.approx(g["w2"][0], rel=1e-12)
    zero = mod.two_layer_grads(X, y, np.zeros((2, 3)), np.zeros(3), np.zeros(3), 0.0)
    np.testing.assert_array_equal(zero["W1"], 0.0, err_msg="all-zero init: w2 = 0 stops every gradient to W1")
