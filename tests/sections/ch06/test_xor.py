"""Hidden grading tests for 6.1 XOR Problem & ReLU Networks.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs.
"""
import numpy as np
import pytest

from autograder.testing import assert_close, assert_shape

pytestmark = pytest.mark.section("6.1")

X_XOR = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
Y_XOR = np.array([0, 1, 1, 0], dtype=float)
BOOK = {"W": np.ones((2, 2)), "c": np.array([0.0, -1.0]), "w": np.array([1.0, -2.0]), "b": 0.0}


def random_params(rng, n, h):
    return {"W": rng.normal(size=(n, h)), "c": rng.normal(size=h), "w": rng.normal(size=h), "b": rng.normal()}


@pytest.mark.parametrize("m,n", [pytest.param(4, 2, id="xor-shape"), pytest.param(30, 3, id="m30-n3"),
                                 pytest.param(7, 1, id="m7-n1")])
def test_fit_linear_model_random(impl, ref, m, n):
    rng = np.random.default_rng(m * 10 + n)
    X, y = rng.normal(size=(m, n)) + 2.0, rng.normal(size=m) + 1.5
    assert_close(impl.fit_linear_model(X, y), ref.fit_linear_model(X, y), f"fit_linear_model on random X {X.shape}")


def test_fit_linear_model_xor(impl, ref):
    assert_close(impl.fit_linear_model(X_XOR, Y_XOR), ref.fit_linear_model(X_XOR, Y_XOR),
                 "fit_linear_model on the XOR points (w, b, J)")


def test_fit_linear_model_rank_deficient_fit_and_loss(impl, ref):
    # Two identical columns: w is not unique, but every least-squares solution has the same fit.
    rng = np.random.default_rng(3)
    x = rng.normal(size=(12, 1))
    X, y = np.hstack([x, x, rng.normal(size=(12, 1))]), rng.normal(size=12)
    w, b, J = impl.fit_linear_model(X, y)
    w_ref, b_ref, J_ref = ref.fit_linear_model(X, y)
    assert_close(J, J_ref, "J with duplicated input columns", rtol=1e-6, atol=1e-9)
    assert_close(X @ np.asarray(w, dtype=float) + float(b), X @ w_ref + b_ref,
                 "predictions X @ w + b with duplicated input columns", rtol=1e-6, atol=1e-8)


def test_fit_linear_model_is_pure(impl, ref):
    rng = np.random.default_rng(8)
    X, y = rng.normal(size=(9, 2)) + 1.0, rng.normal(size=9) + 3.0  # non-zero means: centring in place shows
    got = impl.pure("fit_linear_model", X, y)
    assert_close(got, ref.fit_linear_model(X, y), "fit_linear_model on random X (9, 2)")


def test_relu_net_forward_book_solution(impl, ref):
    args = (X_XOR, BOOK["W"], BOOK["c"], BOOK["w"], BOOK["b"])
    assert_close(impl.relu_net_forward(*args, return_hidden=True), ref.relu_net_forward(*args, return_hidden=True),
                 "relu_net_forward with the book's solution, return_hidden=True (f, H)")


@pytest.mark.parametrize("m,n,h", [pytest.param(5, 3, 4, id="m5-n3-h4"), pytest.param(6, 4, 4, id="square-W"),
                                   pytest.param(1, 2, 7, id="single-row")])
def test_relu_net_forward_random(impl, ref, m, n, h):
    rng = np.random.default_rng(100 + m + n + h)
    p = random_params(rng, n, h)  # W is not symmetric: X @ W.T would differ
    X = rng.normal(size=(m, n))
    args = (X, p["W"], p["c"], p["w"], p["b"])
    got = impl.relu_net_forward(*args)
    assert_shape(got, (m,), "relu_net_forward output")
    assert_close(got, ref.relu_net_forward(*args), f"relu_net_forward on random inputs {X.shape}, W {p['W'].shape}")
    assert_close(impl.relu_net_forward(*args, return_hidden=True), ref.relu_net_forward(*args, return_hidden=True),
                 "relu_net_forward with return_hidden=True (f, H)")


def test_relu_net_forward_is_pure(impl, ref):
    rng = np.random.default_rng(5)
    p = random_params(rng, 2, 3)
    args = (X_XOR, p["W"], p["c"], p["w"], p["b"])
    got = impl.pure("relu_net_forward", *args, return_hidden=True)
    assert_close(got, ref.relu_net_forward(*args, return_hidden=True), "relu_net_forward (f, H) on the XOR points")


@pytest.mark.parametrize("n,h,m", [pytest.param(2, 3, 4, id="xor-h3"), pytest.param(3, 5, 9, id="n3-h5-m9"),
                                   pytest.param(2, 1, 4, id="h1")])
def test_xor_mse_and_grads_random(impl, ref, n, h, m):
    rng = np.random.default_rng(7 * n + h + m)
    params = random_params(rng, n, h)
    X, y = rng.normal(size=(m, n)), rng.normal(size=m)
    J, grads = impl.xor_mse_and_grads(X, y, params)
    J_ref, grads_ref = ref.xor_mse_and_grads(X, y, params)
    assert_close(J, J_ref, "J at random parameters")
    assert isinstance(grads, dict), "grads must be a dict with keys 'W', 'c', 'w', 'b'"
    for key in ("W", "c", "w", "b"):
        assert key in grads, f"grads has no key {key!r}"
        assert_close(grads[key], grads_ref[key], f"gradient of {key} at random parameters (n={n}, h={h}, m={m})")


def test_xor_mse_and_grads_at_and_near_book_solution(impl, ref):
    # Zero loss and gradients at the exact solution, and the right non-zero ones next to it.
    near = dict(BOOK, w=np.array([1.1, -2.0]), c=np.array([0.05, -0.9]))
    for params, what in ((BOOK, "at the book's exact solution"), (near, "next to the book's solution")):
        assert_close(impl.xor_mse_and_grads(X_XOR, Y_XOR, params), ref.xor_mse_and_grads(X_XOR, Y_XOR, params),
                     f"loss and gradients {what}")


def test_xor_mse_and_grads_kink_convention(impl, ref):
    # Pre-activations are exactly 0 at several points: relu'(0) must be 0 (CURRICULUM 6.1).
    params = dict(BOOK, b=0.1)
    J, grads = impl.xor_mse_and_grads(X_XOR, Y_XOR, params)
    J_ref, grads_ref = ref.xor_mse_and_grads(X_XOR, Y_XOR, params)
    assert_close(grads["W"], grads_ref["W"], "gradient of W where pre-activations are exactly 0 (use relu'(0) = 0)")
    assert_close(grads["c"], grads_ref["c"], "gradient of c where pre-activations are exactly 0 (use relu'(0) = 0)")


def test_xor_mse_and_grads_is_pure(impl, ref):
    rng = np.random.default_rng(11)
    params = random_params(rng, 2, 3)
    got = impl.pure("xor_mse_and_grads", X_XOR, Y_XOR, params)
    assert_close(got, ref.xor_mse_and_grads(X_XOR, Y_XOR, params), "xor_mse_and_grads (J, grads)")


def trained_loss(ref, params) -> float:
    """The loss of returned parameters, computed here (a reported history is not evidence)."""
    assert isinstance(params, dict) and {"W", "c", "w", "b"} <= set(params), \
        "params must be a dict with keys 'W', 'c', 'w', 'b'"
    p = {k: np.asarray(params[k], dtype=float) for k in ("W", "c", "w")}
    p["b"] = float(np.asarray(params["b"], dtype=float).reshape(-1)[0])
    return ref.xor_mse_and_grads(X_XOR, Y_XOR, p)[0]


def test_train_xor_solves_xor(impl, ref):
    params, history = impl.train_xor(8, 0.1, 3000, 0)
    assert_shape(history, (3000,), "loss_history")
    history = np.asarray(history, dtype=float)
    assert np.all(np.isfinite(history)), "the loss history has non-finite values"
    assert history[-1] < 1e-3, f"final loss {history[-1]:.3g} is not below 1e-3 with 8 hidden units"
    assert_close(history[0], ref.train_xor(8, 0.1, 1, 0)[1][0], "loss_history[0] (the loss at the initialization)",
                 rtol=1e-6)
    assert trained_loss(ref, params) < 1e-3, "the returned parameters do not reach a loss below 1e-3"
    f = ref.relu_net_forward(X_XOR, np.asarray(params["W"], float), np.asarray(params["c"], float),
                             np.asarray(params["w"], float), float(params["b"]))
    assert np.array_equal(np.round(f), Y_XOR), "the trained network's rounded outputs are not [0, 1, 1, 0]"


def test_train_xor_uses_the_specified_init(impl, ref):
    # loss_history[0] is the loss before the first update, i.e. at the documented initialization.
    _, history = impl.train_xor(4, 0.05, 5, 3)
    _, history_ref = ref.train_xor(4, 0.05, 5, 3)
    assert_shape(history, (5,), "loss_history")
    assert_close(np.asarray(history)[0], history_ref[0],
                 "loss_history[0] (the loss at the specified initialization, before any update)", rtol=1e-9)
    assert_close(history, history_ref, "the first 5 losses", rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("seed", [1, 2, 5])
def test_train_xor_other_seeds(impl, ref, seed):
    # With the specified initialization these seeds reach a loss of 1e-3 within 131 steps; 600
    # leaves a wide margin and keeps the test cheap.
    params, history = impl.train_xor(hidden=8, lr=0.1, steps=600, seed=seed)
    assert_shape(history, (600,), "loss_history")
    # Trained from this seed's initialization, not a hand-made solution with a made-up history.
    assert_close(np.asarray(history, dtype=float)[0], ref.train_xor(8, 0.1, 1, seed)[1][0],
                 f"seed {seed}: loss_history[0] (the loss at the initialization)", rtol=1e-6)
    assert trained_loss(ref, params) < 1e-3, f"seed {seed}: the returned parameters' loss is not below 1e-3"
