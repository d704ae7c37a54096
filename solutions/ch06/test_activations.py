"""Self-check for 6.3 (public tests): run `pytest exercises/ch06/test_activations.py` or `dlbook check 6.3`.

These check the conventions, the book's identities and simple properties; the grader runs more,
hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("6.3")

KINDS = ("relu", "abs", "leaky", "prelu", "softplus", "sigmoid", "tanh", "hard_tanh")


def test_values_and_kink_conventions(mod):
    z = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
    np.testing.assert_allclose(mod.activation_forward(z, "relu"), [0, 0, 0, 1, 2])
    np.testing.assert_allclose(mod.activation_forward(z, "abs"), [2, 1, 0, 1, 2])
    np.testing.assert_allclose(mod.activation_forward(z, "leaky", 0.1), [-0.2, -0.1, 0, 1, 2])
    np.testing.assert_allclose(mod.activation_forward(3 * z, "hard_tanh"), [-1, -1, 0, 1, 1])
    np.testing.assert_allclose(mod.activation_grad(z, "relu"), [0, 0, 0, 1, 1], err_msg="relu'(0) = 0")
    np.testing.assert_allclose(mod.activation_grad(z, "abs"), [-1, -1, 0, 1, 1], err_msg="abs'(0) = 0")
    np.testing.assert_allclose(mod.activation_grad(z, "leaky", 0.1), [0.1, 0.1, 0.1, 1, 1], err_msg="g'(0) = alpha")
    np.testing.assert_allclose(mod.activation_grad(z, "hard_tanh"), [0, 0, 1, 0, 0],
                               err_msg="hard_tanh' = 1 only on the open interval (-1, 1)")


def test_softplus_is_stable(mod):
    assert float(mod.activation_forward(np.array(0.0), "softplus")) == pytest.approx(np.log(2.0))
    assert float(mod.activation_forward(np.array(1000.0), "softplus")) == pytest.approx(1000.0, rel=1e-12)
    # log(1 + e^-40) ≈ 4.25e-18: log(1 + exp(z)) rounds it to 0
    assert float(mod.activation_forward(np.array(-40.0), "softplus")) == pytest.approx(np.exp(-40.0), rel=1e-10)
    for kind in ("softplus", "sigmoid", "tanh"):
        big = np.array([-1000.0, 1000.0])
        assert np.all(np.isfinite(mod.activation_forward(big, kind))), f"{kind} at |z| = 1000 is not finite"
        assert np.all(np.isfinite(mod.activation_grad(big, kind))), f"{kind}' at |z| = 1000 is not finite"


def test_book_identities(mod):
    z = np.linspace(-6, 6, 41)
    sig = mod.activation_forward(z, "sigmoid")
    np.testing.assert_allclose(mod.activation_forward(z, "tanh"), 2 * mod.activation_forward(2 * z, "sigmoid") - 1,
                               atol=1e-12, err_msg="tanh(z) = 2σ(2z) − 1 (sec 6.3.2)")
    np.testing.assert_allclose(mod.activation_forward(z, "softplus") - mod.activation_forward(-z, "softplus"), z,
                               atol=1e-12, err_msg="ζ(z) − ζ(−z) = z (sec 3.10)")
    np.testing.assert_allclose(mod.activation_grad(z, "sigmoid"), sig * (1 - sig), atol=1e-12,
                               err_msg="σ' = σ(1 − σ)")
    np.testing.assert_allclose(mod.activation_grad(z, "softplus"), sig, atol=1e-12, err_msg="ζ' = σ")


def test_grads_match_central_differences(mod):
    rng = np.random.default_rng(0)
    size = rng.uniform(0.05, 3, size=(4, 6))  # away from the kink at 0 ...
    size = np.where(np.abs(size - 1) < 0.05, size + 0.1, size)  # ... and from hard_tanh's at ±1
    z = size * rng.choice([-1.0, 1.0], size=size.shape)
    alpha = np.linspace(0.05, 0.3, 6)
    h = 1e-6
    for kind in KINDS:
        num = (mod.activation_forward(z + h, kind, alpha) - mod.activation_forward(z - h, kind, alpha)) / (2 * h)
        np.testing.assert_allclose(mod.activation_grad(z, kind, alpha), num, rtol=1e-6, atol=1e-8, err_msg=kind)


def test_prelu_has_one_slope_per_unit(mod):
    z = -np.ones((2, 3, 4))
    alpha = np.array([0.1, 0.2, 0.3, 0.4])
    np.testing.assert_allclose(mod.activation_forward(z, "prelu", alpha), -np.broadcast_to(alpha, z.shape),
                               err_msg="alpha[j] is the slope of unit j, the last axis")
    np.testing.assert_allclose(mod.activation_grad(z, "prelu", alpha), np.broadcast_to(alpha, z.shape))


def test_maxout_forward_groups_and_ties(mod):
    Z = np.array([[1.0, 3.0, 3.0, -2.0, 0.0, -2.0]])
    out, argmax = mod.maxout_forward(Z, 3)
    np.testing.assert_allclose(out, [[3.0, 0.0]], err_msg="groups are contiguous: [1, 3, 3] and [-2, 0, -2]")
    np.testing.assert_array_equal(argmax, [[1, 1]], err_msg="argmax within the group, ties to the lowest index")
    z = np.linspace(-2, 2, 9)
    relu, _ = mod.maxout_forward(np.stack([z, np.zeros_like(z)], axis=1), 2)
    np.testing.assert_allclose(relu[:, 0], np.maximum(z, 0), err_msg="pieces (z, 0) give a ReLU")
    absz, _ = mod.maxout_forward(np.stack([z, -z], axis=1), 2)
    np.testing.assert_allclose(absz[:, 0], np.abs(z), err_msg="pieces (z, -z) give |z|")


def test_maxout_backward_routes_to_the_winner(mod):
    rng = np.random.default_rng(1)
    Z = rng.normal(size=(4, 6))
    dout = rng.normal(size=(4, 2))
    _, argmax = mod.maxout_forward(Z, 3)
    dZ = np.asarray(mod.maxout_backward(dout, argmax, 3))
    assert np.shape(dZ) == (4, 6)
    np.testing.assert_allclose(dZ.reshape(4, 2, 3).sum(-1), dout, err_msg="each group's gradients sum to dout")
    assert np.count_nonzero(dZ) == dout.size, "only the winning piece of each group gets a gradient"
    # central differences of J(Z) = sum(out * dout)
    h, num = 1e-6, np.zeros_like(Z)
    for idx in np.ndindex(Z.shape):
        e = np.zeros_like(Z)
        e[idx] = h
        num[idx] = np.sum((mod.maxout_forward(Z + e, 3)[0] - mod.maxout_forward(Z - e, 3)[0]) * dout) / (2 * h)
    np.testing.assert_allclose(dZ, num, rtol=1e-6, atol=1e-8)


def test_unknown_kind_raises_value_error(mod):
    with pytest.raises(ValueError):
        mod.activation_forward(np.zeros(3), "swish")
    with pytest.raises(ValueError):
        mod.activation_grad(np.zeros(3), "swish")
