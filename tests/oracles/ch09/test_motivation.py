"""9.2 reference against independent implementations: the book's numbers, brute-force receptive
fields (impulse propagation and PyTorch autograd), an explicit dense matrix, the FFT and PyTorch's
circular padding."""
import numpy as np
import pytest
import scipy.signal
import torch
import torch.nn.functional as F


@pytest.fixture(scope="module")
def sol(reference):
    return reference("9.2")


# edge_detection_costs -----------------------------------------------------------------------
def test_book_numbers_for_280_by_320(sol):
    c = sol.edge_detection_costs(280, 320)
    assert c["conv_flops"] == 319 * 280 * 3 == 267_960
    assert c["dense_matrix_entries"] == 320 * 280 * 319 * 280 == 8_003_072_000 > 8e9
    assert c["dense_flops"] > 16e9
    assert c["dense_flops"] / c["conv_flops"] == pytest.approx(59_733.33, rel=1e-6)  # "roughly 60,000"
    assert c["sparse_nonzeros"] == 2 * 319 * 280 == 178_640
    assert c["param_counts"] == {"dense": 8_003_072_000, "sparse": 178_640, "conv": 2}
    assert all(type(v) is int for v in (c["conv_flops"], c["dense_matrix_entries"], c["dense_flops"],
                                        c["sparse_nonzeros"], *c["param_counts"].values()))


@pytest.mark.parametrize("h,w", [(3, 4), (5, 2), (2, 5), (1, 3), (4, 1)])
def test_costs_against_the_explicit_matrix(sol, h, w):
    # Build the dense matrix of "pixel minus left neighbour" and count; apply it to check it is the detector.
    m, n = h * w, h * (w - 1)
    D = np.zeros((n, m))
    for i in range(h):
        for j in range(1, w):
            row = i * (w - 1) + (j - 1)
            D[row, i * w + j], D[row, i * w + j - 1] = 1.0, -1.0
    img = np.random.default_rng(h * 10 + w).normal(size=(h, w))
    np.testing.assert_allclose(D @ img.ravel(), (img[:, 1:] - img[:, :-1]).ravel(), atol=1e-12)
    c = sol.edge_detection_costs(h, w)
    assert c["dense_matrix_entries"] == D.size
    assert c["sparse_nonzeros"] == np.count_nonzero(D)
    assert c["dense_flops"] == 2 * D.size
    assert c["conv_flops"] == 3 * n
    assert c["param_counts"] == {"dense": D.size, "sparse": np.count_nonzero(D), "conv": 2}


# receptive_field ----------------------------------------------------------------------------
def impulse_span(kernels, strides):
    """Back-propagate an impulse from one top unit through all-ones kernels; span of the nonzeros."""
    g = np.ones(1)
    for k, s in zip(reversed(kernels), reversed(strides)):
        below = np.zeros((len(g) - 1) * s + k)
        for p, v in enumerate(g):  # unit p of this layer reads inputs p·s … p·s + k − 1 below
            below[p * s:p * s + k] += v
        g = below
    nz = np.flatnonzero(g)
    return int(nz[-1] - nz[0] + 1) if nz.size else 0


def torch_span(kernels, strides, n_in=200):
    x = torch.zeros(1, 1, n_in, dtype=torch.float64, requires_grad=True)
    h = x
    for k, s in zip(kernels, strides):
        h = F.conv1d(h, torch.ones(1, 1, k, dtype=torch.float64), stride=s)
    h[0, 0, h.shape[-1] // 2].backward()
    nz = np.flatnonzero(x.grad.numpy()[0, 0])
    return int(nz[-1] - nz[0] + 1)


STACKS = [([3], [1]), ([3, 3], [1, 1]), ([3, 3, 3], [1, 1, 1]), ([3, 2, 3], [1, 2, 1]), ([5, 3, 3, 2], [2, 2, 1, 2]),
          ([2, 2], [3, 1]), ([2, 3, 2], [4, 3, 1]), ([1, 1], [2, 2]), ([4, 1, 3], [2, 3, 1]), ([7, 5, 3], [3, 2, 2])]


@pytest.mark.parametrize("kernels,strides", STACKS)
def test_receptive_field_by_brute_force(sol, kernels, strides):
    r = sol.receptive_field(kernels, strides)
    assert r == impulse_span(kernels, strides)
    assert r == torch_span(kernels, strides)


def test_receptive_field_random_stacks_and_book_values(sol):
    assert sol.receptive_field([], []) == 1
    assert sol.receptive_field([3, 3, 3], [1, 1, 1]) == 7 and sol.receptive_field([3, 2, 3], [1, 2, 1]) == 8
    assert sol.receptive_field([5, 3, 3, 2], [2, 2, 1, 2]) == 21
    rng = np.random.default_rng(0)
    for _ in range(40):
        L = int(rng.integers(1, 6))
        kernels, strides = list(rng.integers(1, 6, size=L)), list(rng.integers(1, 4, size=L))
        kernels, strides = [int(k) for k in kernels], [int(s) for s in strides]
        assert sol.receptive_field(kernels, strides) == impulse_span(kernels, strides)


def test_receptive_field_counting_nonzeros_undercounts_with_gaps(sol):
    # why the span, not the count: stride 3 over a width-2 kernel leaves holes in the field
    kernels, strides = [2, 2], [3, 1]
    x = torch.zeros(1, 1, 50, dtype=torch.float64, requires_grad=True)
    h = F.conv1d(F.conv1d(x, torch.ones(1, 1, 2, dtype=torch.float64), stride=3),
                 torch.ones(1, 1, 2, dtype=torch.float64))
    h[0, 0, 5].backward()
    assert np.count_nonzero(x.grad.numpy()) == 4 < sol.receptive_field(kernels, strides) == 5


# circular_cross_correlate2d --------------------------------------------------------------------
def fft_circular(I, K):
    return np.real(np.fft.ifft2(np.fft.fft2(I) * np.conj(np.fft.fft2(K, s=I.shape))))


SHAPES = [((5, 7), (2, 3)), ((6, 4), (3, 3)), ((4, 6), (4, 6)), ((3, 5), (1, 1)), ((8, 8), (3, 5))]


@pytest.mark.parametrize("ishape,kshape", SHAPES)
def test_circular_matches_fft_and_torch_circular_padding(sol, ishape, kshape):
    rng = np.random.default_rng(sum(ishape) + sum(kshape))
    I, K = rng.normal(size=ishape), rng.normal(size=kshape)
    S = sol.circular_cross_correlate2d(I, K)
    np.testing.assert_allclose(S, fft_circular(I, K), rtol=1e-10, atol=1e-12)
    kh, kw = kshape
    padded = F.pad(torch.tensor(I)[None, None], (0, kw - 1, 0, kh - 1), mode="circular")
    t = F.conv2d(padded, torch.tensor(K)[None, None])[0, 0].numpy()
    np.testing.assert_allclose(S, t, rtol=1e-12, atol=1e-12)
    loops = np.array([[sum(I[(i + a) % ishape[0], (j + b) % ishape[1]] * K[a, b]
                           for a in range(kh) for b in range(kw))
                       for j in range(ishape[1])] for i in range(ishape[0])])
    np.testing.assert_allclose(S, loops, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("seed", range(4))
def test_circular_is_exactly_equivariant_and_zero_padding_is_not(sol, seed):
    rng = np.random.default_rng(seed)
    I, K = rng.normal(size=(6, 9)), rng.normal(size=(3, 2))
    shift = (int(rng.integers(-5, 6)), int(rng.integers(1, 8)))
    f = sol.circular_cross_correlate2d
    np.testing.assert_allclose(f(np.roll(I, shift, axis=(0, 1)), K), np.roll(f(I, K), shift, axis=(0, 1)),
                               rtol=1e-12, atol=1e-12)
    # zero-padded 'same' correlation: equivariant away from the borders only
    def same(A):
        return scipy.signal.correlate2d(A, K, mode="full")[K.shape[0] - 1:, K.shape[1] - 1:][:A.shape[0], :A.shape[1]]
    lhs, rhs = same(np.roll(I, shift, axis=(0, 1))), np.roll(same(I), shift, axis=(0, 1))
    assert np.abs(lhs - rhs).max() > 1e-3
    # in the interior (away from the wrapped rows/columns and the padded border) they agree with circular
    inner = f(I, K)[:I.shape[0] - K.shape[0] + 1, :I.shape[1] - K.shape[1] + 1]
    np.testing.assert_allclose(inner, scipy.signal.correlate2d(I, K, mode="valid"), rtol=1e-12, atol=1e-12)


def test_circular_input_unchanged_and_float_output(sol):
    I, K = np.arange(12).reshape(3, 4), np.array([[1, -1]])
    I0, K0 = I.copy(), K.copy()
    S = sol.circular_cross_correlate2d(I, K)
    assert S.dtype == np.float64
    np.testing.assert_array_equal(I, I0)
    np.testing.assert_array_equal(K, K0)
