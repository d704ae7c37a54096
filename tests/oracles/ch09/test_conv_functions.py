"""9.5 reference against independent implementations: PyTorch (float64, CPU) conv2d,
conv2d_weight / conv2d_input, conv_transpose2d and unfold; SciPy correlate2d / convolve2d; the
book's equations as plain loops; central differences."""
import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from scipy.signal import convolve2d, correlate2d

from autograder.testing import numerical_gradient, rel_error


@pytest.fixture(scope="module")
def sol(reference):
    return reference("9.5")


def t(a):
    return torch.from_numpy(np.ascontiguousarray(a))


CASES = [  # C_in, C_out, H, W, kh, kw, stride, padding
    (1, 1, 6, 7, 3, 2, 1, 0),
    (2, 3, 7, 9, 3, 3, 2, 1),
    (3, 2, 10, 7, 2, 3, 3, 2),
    (2, 2, 8, 9, 3, 2, 2, 0),
    (2, 3, 8, 7, 2, 1, 3, 0),
    (1, 2, 4, 5, 4, 5, 1, 0),
    (2, 2, 5, 5, 1, 1, 2, 1),
]


def random_case(seed, C_in, C_out, H, W, kh, kw):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(C_in, H, W)), rng.normal(size=(C_out, C_in, kh, kw))


# conv2d_multi ---------------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES)
def test_conv2d_multi_matches_torch(sol, case):
    C_in, C_out, H, W, kh, kw, s, p = case
    V, K = random_case(sum(case), C_in, C_out, H, W, kh, kw)
    want = F.conv2d(t(V)[None], t(K), stride=s, padding=p)[0].numpy()
    got = sol.conv2d_multi(V, K, s, p)
    assert got.shape == want.shape == (C_out, (H + 2 * p - kh) // s + 1, (W + 2 * p - kw) // s + 1)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(sol._conv2d_multi_loops(V, K, s, p), want, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("kh,kw", [(3, 5), (2, 4), (4, 1), (1, 2), (3, 3)])
def test_conv2d_multi_padding_modes_match_torch(sol, kh, kw):
    V, K = random_case(kh * 10 + kw, 2, 3, 6, 7, kh, kw)
    full = F.conv2d(t(V)[None], t(K), padding=(kh - 1, kw - 1))[0].numpy()
    with warnings.catch_warnings():  # torch warns that an even kernel needs a padded copy
        warnings.simplefilter("ignore", UserWarning)
        same = F.conv2d(t(V)[None], t(K), padding="same")[0].numpy()
    valid = F.conv2d(t(V)[None], t(K))[0].numpy()
    for mode, want in (("full", full), ("same", same), ("valid", valid)):
        np.testing.assert_allclose(sol.conv2d_multi(V, K, 1, mode), want, rtol=1e-12, atol=1e-12, err_msg=mode)
        np.testing.assert_allclose(sol._conv2d_multi_loops(V, K, 1, mode), want, rtol=1e-12, atol=1e-12)
    assert sol.conv2d_multi(V, K, 1, "same").shape == (3, 6, 7)


@pytest.mark.parametrize("case", CASES)
def test_conv2d_multi_matches_scipy_per_channel(sol, case):
    # Z[i] = Σ_l correlate2d(Vp[l], K[i, l], 'valid')[::s, ::s].
    C_in, C_out, H, W, kh, kw, s, p = case
    V, K = random_case(sum(case) + 1, C_in, C_out, H, W, kh, kw)
    Vp = np.pad(V, ((0, 0), (p, p), (p, p)))
    want = np.stack([sum(correlate2d(Vp[l], K[i, l], "valid")[::s, ::s] for l in range(C_in))
                     for i in range(C_out)])
    np.testing.assert_allclose(sol.conv2d_multi(V, K, s, p), want, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("kh,kw", [(3, 3), (2, 4), (4, 3)])
def test_conv2d_multi_same_matches_scipy(sol, kh, kw):
    # scipy's correlate2d(mode='same') pads the extra zero at the bottom/right, like the reference;
    # convolve2d(mode='same') puts it at the top/left (it flips the kernel).
    rng = np.random.default_rng(kh + kw)
    V, K = rng.normal(size=(1, 6, 7)), rng.normal(size=(1, 1, kh, kw))
    np.testing.assert_allclose(sol.conv2d_multi(V, K, 1, "same")[0], correlate2d(V[0], K[0, 0], "same"),
                               rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(sol.conv2d_multi(V, K, 1, "full")[0], correlate2d(V[0], K[0, 0], "full"),
                               rtol=1e-12, atol=1e-12)


def test_conv2d_multi_is_not_true_convolution(sol):
    rng = np.random.default_rng(3)
    V, K = rng.normal(size=(1, 6, 6)), rng.normal(size=(1, 1, 3, 3))
    Z = sol.conv2d_multi(V, K)[0]
    np.testing.assert_allclose(Z, convolve2d(V[0], K[0, 0, ::-1, ::-1], "valid"), rtol=1e-12, atol=1e-12)
    assert np.abs(Z - convolve2d(V[0], K[0, 0], "valid")).max() > 1e-3


def test_conv2d_multi_errors_and_purity(sol):
    V, K = random_case(4, 2, 2, 6, 6, 3, 3)
    with pytest.raises(ValueError):
        sol.conv2d_multi(V, K, 2, "same")
    with pytest.raises(ValueError):
        sol.conv2d_multi(V, K, 1, "circular")
    with pytest.raises(ValueError):
        sol.conv2d_multi(V, K, 1, -1)
    with pytest.raises(RuntimeError):  # torch rejects 'same' with a stride too
        F.conv2d(t(V)[None], t(K), stride=2, padding="same")
    V0, K0 = V.copy(), K.copy()
    sol.conv2d_multi(V, K, 2, 1)
    sol.conv2d_backward(np.ones((2, 3, 3)), V, K, 2, 1)
    np.testing.assert_array_equal(V, V0)
    np.testing.assert_array_equal(K, K0)


# conv2d_backward ------------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES)
def test_conv2d_backward_matches_torch_grad(sol, case):
    C_in, C_out, H, W, kh, kw, s, p = case
    V, K = random_case(sum(case) + 2, C_in, C_out, H, W, kh, kw)
    G = np.random.default_rng(sum(case)).normal(size=sol.conv2d_multi(V, K, s, p).shape)
    dV, dK = sol.conv2d_backward(G, V, K, s, p)
    want_dK = torch.nn.grad.conv2d_weight(t(V)[None], K.shape, t(G)[None], stride=s, padding=p).numpy()
    want_dV = torch.nn.grad.conv2d_input((1,) + V.shape, t(K), t(G)[None], stride=s, padding=p)[0].numpy()
    np.testing.assert_allclose(dK, want_dK, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(dV, want_dV, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("case", CASES)
def test_conv2d_backward_input_is_transposed_convolution(sol, case):
    # dV = conv_transpose2d(G, K) with K passed unchanged; output_padding restores the input size.
    C_in, C_out, H, W, kh, kw, s, p = case
    V, K = random_case(sum(case) + 3, C_in, C_out, H, W, kh, kw)
    G = np.random.default_rng(sum(case) + 3).normal(size=sol.conv2d_multi(V, K, s, p).shape)
    op = ((H + 2 * p - kh) % s, (W + 2 * p - kw) % s)
    want = F.conv_transpose2d(t(G)[None], t(K), stride=s, padding=p, output_padding=op)[0].numpy()
    dV, _ = sol.conv2d_backward(G, V, K, s, p)
    assert dV.shape == V.shape == want.shape
    np.testing.assert_allclose(dV, want, rtol=1e-12, atol=1e-12)
    if op != (0, 0):  # without output_padding the transposed convolution is too small
        short = F.conv_transpose2d(t(G)[None], t(K), stride=s, padding=p)[0].numpy()
        assert short.shape != V.shape


@pytest.mark.parametrize("case", CASES)
def test_conv2d_backward_matches_central_differences(sol, case):
    C_in, C_out, H, W, kh, kw, s, p = case
    V, K = random_case(sum(case) + 4, C_in, C_out, H, W, kh, kw)
    G = np.random.default_rng(sum(case) + 4).normal(size=sol.conv2d_multi(V, K, s, p).shape)
    dV, dK = sol.conv2d_backward(G, V, K, s, p)
    num_dV = numerical_gradient(lambda v: float(np.sum(G * sol.conv2d_multi(v, K, s, p))), V)
    num_dK = numerical_gradient(lambda k: float(np.sum(G * sol.conv2d_multi(V, k, s, p))), K)
    assert rel_error(dV, num_dV) < 1e-6 or np.abs(dV - num_dV).max() < 1e-9
    assert rel_error(dK, num_dK) < 1e-6 or np.abs(dK - num_dK).max() < 1e-9


@pytest.mark.parametrize("s", [1, 2, 3])
def test_conv2d_backward_single_channel_scipy_identities(sol, s):
    # dK = correlate2d(V, dilated G, 'valid') (cut to the kernel), dV = convolve2d(dilated G, K, 'full')
    # (zero-padded to V's size when the windows leave rows uncovered).
    rng = np.random.default_rng(s)
    H, W, kh, kw = 9, 8, 3, 2
    V, K = rng.normal(size=(1, H, W)), rng.normal(size=(1, 1, kh, kw))
    Z = sol.conv2d_multi(V, K, s, 0)
    G = rng.normal(size=Z.shape)
    Gd = np.zeros((1, (Z.shape[1] - 1) * s + 1, (Z.shape[2] - 1) * s + 1))
    Gd[:, ::s, ::s] = G
    dV, dK = sol.conv2d_backward(G, V, K, s, 0)
    np.testing.assert_allclose(dK[0, 0], correlate2d(V[0], Gd[0], "valid")[:kh, :kw], rtol=1e-12, atol=1e-12)
    full = convolve2d(Gd[0], K[0, 0], "full")
    want = np.zeros((H, W))
    want[:full.shape[0], :full.shape[1]] = full
    np.testing.assert_allclose(dV[0], want, rtol=1e-12, atol=1e-12)


def test_conv2d_backward_matches_book_equations_as_loops(sol):
    # Eq. 9.11 and eq. 9.13 written literally (0-based), with padding handled on Vp.
    rng = np.random.default_rng(7)
    s, p = 2, 1
    V, K = rng.normal(size=(2, 7, 8)), rng.normal(size=(3, 2, 3, 2))
    Vp = np.pad(V, ((0, 0), (p, p), (p, p)))
    G = rng.normal(size=sol.conv2d_multi(V, K, s, p).shape)
    C_out, C_in, kh, kw = K.shape
    dK = np.zeros_like(K)
    for i, j, k, l in np.ndindex(K.shape):
        dK[i, j, k, l] = sum(G[i, m, n] * Vp[j, m * s + k, n * s + l]
                             for m in range(G.shape[1]) for n in range(G.shape[2]))
    dVp = np.zeros_like(Vp)
    for i, j, k in np.ndindex(Vp.shape):
        dVp[i, j, k] = sum(K[q, i, m, pp] * G[q, l, n]
                           for l in range(G.shape[1]) for m in range(kh) if l * s + m == j
                           for n in range(G.shape[2]) for pp in range(kw) if n * s + pp == k
                           for q in range(C_out))
    got_dV, got_dK = sol.conv2d_backward(G, V, K, s, p)
    np.testing.assert_allclose(got_dK, dK, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(got_dV, dVp[:, p:-p, p:-p], rtol=1e-12, atol=1e-12)


# locally_connected2d and tiled_conv2d ---------------------------------------------------
def torch_locally_connected(V, Wt):
    C_out, H_out, W_out, C_in, kh, kw = Wt.shape
    cols = F.unfold(t(V)[None], (kh, kw))[0]  # (C_in·kh·kw, L), channel-major then rows, cols
    Wr = t(Wt).reshape(C_out, H_out * W_out, C_in * kh * kw)
    return torch.einsum("ilp,pl->il", Wr, cols).reshape(C_out, H_out, W_out).numpy()


@pytest.mark.parametrize("shape", [(2, 3, 5, 7, 2, 3), (1, 2, 6, 4, 3, 2), (3, 1, 4, 4, 1, 1)])
def test_locally_connected2d_matches_torch_unfold(sol, shape):
    C_in, C_out, H, W, kh, kw = shape
    rng = np.random.default_rng(sum(shape))
    V = rng.normal(size=(C_in, H, W))
    Wt = rng.normal(size=(C_out, H - kh + 1, W - kw + 1, C_in, kh, kw))
    np.testing.assert_allclose(sol.locally_connected2d(V, Wt), torch_locally_connected(V, Wt), rtol=1e-12, atol=1e-12)
    with pytest.raises(ValueError):
        sol.locally_connected2d(V, Wt[:, :-1])


def test_locally_connected2d_with_shared_weights_is_convolution(sol):
    rng = np.random.default_rng(8)
    V, K = rng.normal(size=(2, 6, 5)), rng.normal(size=(3, 2, 3, 2))
    Wt = np.broadcast_to(K[:, None, None], (3, 4, 4, 2, 3, 2)).copy()
    want = F.conv2d(t(V)[None], t(K))[0].numpy()
    np.testing.assert_allclose(sol.locally_connected2d(V, Wt), want, rtol=1e-12, atol=1e-12)


def tiled_loops(V, K):
    C_out, C_in, kh, kw, tt, _ = K.shape
    H_out, W_out = V.shape[1] - kh + 1, V.shape[2] - kw + 1
    Z = np.zeros((C_out, H_out, W_out))
    for i, x, y in np.ndindex(Z.shape):
        Z[i, x, y] = np.sum(V[:, x:x + kh, y:y + kw] * K[i, :, :, :, x % tt, y % tt])
    return Z


@pytest.mark.parametrize("tt", [1, 2, 3, 6])
def test_tiled_conv2d_matches_loops_and_limits(sol, tt):
    rng = np.random.default_rng(tt)
    V, K = rng.normal(size=(2, 7, 6)), rng.normal(size=(2, 2, 2, 3, tt, tt))
    Z = sol.tiled_conv2d(V, K)
    np.testing.assert_allclose(Z, tiled_loops(V, K), rtol=1e-12, atol=1e-12)
    if tt == 1:
        np.testing.assert_allclose(Z, F.conv2d(t(V)[None], t(K[..., 0, 0]))[0].numpy(), rtol=1e-12, atol=1e-12)
    if tt >= max(Z.shape[1:]):  # every output has its own kernel: a locally connected layer
        Wt = np.moveaxis(K, (4, 5), (1, 2))[:, :Z.shape[1], :Z.shape[2]]
        np.testing.assert_allclose(Z, torch_locally_connected(V, Wt), rtol=1e-12, atol=1e-12)


def test_tiled_conv2d_outputs_t_apart_share_a_kernel(sol):
    # On a periodic image (period t in both directions) the output is periodic with period t too.
    tt = 2
    rng = np.random.default_rng(9)
    tile = rng.normal(size=(1, tt, tt))
    V = np.tile(tile, (1, 5, 5))
    Z = sol.tiled_conv2d(V, rng.normal(size=(1, 1, 3, 3, tt, tt)))
    np.testing.assert_allclose(Z[:, tt:, :], Z[:, :-tt, :], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(Z[:, :, tt:], Z[:, :, :-tt], rtol=1e-12, atol=1e-12)


def test_parameter_counts_of_the_quiz(sol):
    # 1 → 1 channel, 3×3 kernels, 30×30 output: 8100 / 36 / 9 parameters.
    assert np.prod((1, 30, 30, 1, 3, 3)) == 8100
    assert np.prod((1, 1, 3, 3, 2, 2)) == 36
    assert np.prod((1, 1, 3, 3)) == 9
    V = np.zeros((1, 32, 32))
    assert sol.locally_connected2d(V, np.zeros((1, 30, 30, 1, 3, 3))).shape == (1, 30, 30)
    assert sol.tiled_conv2d(V, np.zeros((1, 1, 3, 3, 2, 2))).shape == (1, 30, 30)
    assert sol.conv2d_multi(np.zeros((1, 32, 32)), np.zeros((1, 1, 5, 5)), 2, 2).shape == (1, 16, 16)
