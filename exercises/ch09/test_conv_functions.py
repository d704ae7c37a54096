# Generated from solutions/ch09/test_conv_functions.py by dlbook build. Edit that file instead.
"""Self-check for 9.5 (public tests): run `pytest exercises/ch09/test_conv_functions.py` or `dlbook check 9.5`.

These check output sizes, simple properties and consistency between your own functions; the
grader runs more, hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("9.5")


def central_differences(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    out = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        out[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return out


def test_conv2d_multi_output_sizes(mod):
    # Width 32, kernel 5, stride 2, padding 2 -> 16; m = 10, k = 3: valid 8, same 10, full 12.
    V, K = np.ones((1, 32, 32)), np.ones((1, 1, 5, 5))
    assert np.shape(mod.conv2d_multi(V, K, 2, 2)) == (1, 16, 16)
    V, K = np.ones((2, 10, 10)), np.ones((3, 2, 3, 3))
    for padding, size in (("valid", 8), ("same", 10), ("full", 12), (0, 8), (1, 10), (2, 12)):
        assert np.shape(mod.conv2d_multi(V, K, 1, padding)) == (3, size, size), f"padding={padding!r}"


def test_conv2d_multi_is_cross_correlation(mod):
    # A kernel that is 1 one column to the right of its top-left corner reads V[x, y + 1]:
    # a cross-correlation shifts the image left; a true convolution (flipped kernel) would not.
    V = np.arange(20.0).reshape(1, 4, 5)
    K = np.zeros((1, 1, 2, 2))
    K[0, 0, 0, 1] = 1.0
    np.testing.assert_allclose(mod.conv2d_multi(V, K), V[:, :3, 1:], err_msg="do not flip the kernel")


def test_conv2d_multi_stride_is_downsampling(mod):
    # Fig 9.12: a strided convolution equals the stride-1 one with every s-th output kept.
    rng = np.random.default_rng(0)
    V, K = rng.normal(size=(2, 9, 8)), rng.normal(size=(3, 2, 3, 2))
    full = np.asarray(mod.conv2d_multi(V, K, 1, 1))
    for s in (2, 3):
        np.testing.assert_allclose(mod.conv2d_multi(V, K, s, 1), full[:, ::s, ::s], rtol=1e-10, atol=1e-12,
                                   err_msg=f"stride {s}")


def test_conv2d_multi_sums_over_input_channels(mod):
    rng = np.random.default_rng(1)
    V, K = rng.normal(size=(3, 5, 6)), rng.normal(size=(2, 3, 3, 3))
    per_channel = sum(np.asarray(mod.conv2d_multi(V[l:l + 1], K[:, l:l + 1])) for l in range(3))
    np.testing.assert_allclose(mod.conv2d_multi(V, K), per_channel, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("stride,padding,H", [(1, 0, 6), (2, 1, 7), (2, 0, 8)])
def test_conv2d_backward_matches_central_differences(mod, stride, padding, H):
    rng = np.random.default_rng(stride + 10 * padding + H)
    V, K = rng.normal(size=(2, H, 5)), rng.normal(size=(3, 2, 3, 2))
    G = rng.normal(size=np.shape(mod.conv2d_multi(V, K, stride, padding)))
    dV, dK = mod.conv2d_backward(G, V, K, stride, padding)

    def J_of_V(v):
        return float(np.sum(G * mod.conv2d_multi(v, K, stride, padding)))

    def J_of_K(k):
        return float(np.sum(G * mod.conv2d_multi(V, k, stride, padding)))

    np.testing.assert_allclose(dV, central_differences(J_of_V, V), rtol=1e-6, atol=1e-8, err_msg="dV")
    np.testing.assert_allclose(dK, central_differences(J_of_K, K), rtol=1e-6, atol=1e-8, err_msg="dK")


def test_locally_connected_and_tiled_reduce_to_convolution(mod):
    rng = np.random.default_rng(2)
    V, K = rng.normal(size=(2, 5, 6)), rng.normal(size=(3, 2, 2, 3))
    Z = np.asarray(mod.conv2d_multi(V, K))
    W = np.broadcast_to(K[:, None, None], (3, 4, 4, 2, 2, 3)).copy()  # the same kernel everywhere
    np.testing.assert_allclose(mod.locally_connected2d(V, W), Z, rtol=1e-10, atol=1e-12,
                               err_msg="locally_connected2d with shared weights")
    np.testing.assert_allclose(mod.tiled_conv2d(V, K[..., None, None]), Z, rtol=1e-10, atol=1e-12,
                               err_msg="tiled_conv2d with t = 1")


def test_tiled_conv2d_uses_slot_x_mod_t(mod):
    # A 1×1 kernel per slot whose value is the slot number 10·a + b: output (x, y) of an
    # all-ones image shows which slot (x % t, y % t) it used.
    t = 2
    K = np.zeros((1, 1, 1, 1, t, t))
    for a in range(t):
        for b in range(t):
            K[0, 0, 0, 0, a, b] = 10 * a + b
    Z = np.asarray(mod.tiled_conv2d(np.ones((1, 3, 4)), K))
    want = np.array([[10 * (x % t) + y % t for y in range(4)] for x in range(3)], dtype=float)
    np.testing.assert_allclose(Z[0], want)
