"""Hidden grading tests for 7.7 Multi-Task Learning.

Each test runs against the implementation under test (``impl``, sandboxed) and compares with
the reference (``ref``) on the same inputs. A numpy Generator cannot cross the sandbox, so
``init_mtl_params`` gets one made by the module's given ``_seeded_rng(seed)`` (kept in the
worker with ``impl.keep``); the reference gets ``np.random.default_rng(seed)``. The forward
cache is opaque: ``mtl_forward`` is called with ``impl.keep`` and only its outputs are fetched.
"""
import numpy as np
import pytest

from autograder.testing import Handle, assert_close, assert_pure, assert_shape

pytestmark = pytest.mark.section("7.7")


def random_params(seed, n_in, n_shared, out_dims):
    """Parameters with non-zero biases and non-square, non-symmetric weights."""
    rng = np.random.default_rng(seed)
    return {"Ws": rng.normal(size=(n_in, n_shared)), "bs": 0.5 * rng.normal(size=n_shared),
            "heads": [{"W": rng.normal(size=(n_shared, k)), "b": rng.normal(size=k)} for k in out_dims]}


def random_targets(seed, m, out_dims, p_missing):
    rng = np.random.default_rng(seed)
    Ys = []
    for k in out_dims:
        Y = rng.normal(size=(m, k))
        Y[rng.random((m, k)) < p_missing] = np.nan
        Ys.append(Y)
    return Ys


def forward_outputs(impl, X, params):
    """The student's outputs (the first item of mtl_forward's result); the cache stays in the worker."""
    return impl.fetch(impl.keep("mtl_forward", X, params)[0])


def check_loss_and_grads(got, want, what):
    assert isinstance(got, (tuple, list)) and len(got) == 2, f"{what}: return (J, grads)"
    J, grads = got
    assert_close(J, want[0], f"{what}: J")
    assert isinstance(grads, dict) and "heads" in grads, f"{what}: grads must be a dict with keys 'Ws', 'bs', 'heads'"
    assert_close(grads, want[1], f"{what}: grads")


# init_mtl_params ---------------------------------------------------------------------------
@pytest.mark.parametrize("n_in,n_shared,out_dims", [pytest.param(4, 6, [1], id="one-task"),
                                                    pytest.param(5, 3, [2, 1, 3], id="three-tasks")])
def test_init_mtl_params_seeded(impl, ref, n_in, n_shared, out_dims):
    got = impl.init_mtl_params(n_in, n_shared, out_dims, impl.keep("_seeded_rng", 17))
    want = ref.init_mtl_params(n_in, n_shared, out_dims, np.random.default_rng(17))
    assert isinstance(got, dict) and isinstance(got.get("heads"), (list, tuple)), \
        "return {'Ws': ..., 'bs': ..., 'heads': [{'W': ..., 'b': ...}, ...]}"
    assert len(got["heads"]) == len(out_dims), "one head per task"
    assert_shape(got["Ws"], (n_in, n_shared), "Ws")
    for t, k in enumerate(out_dims):
        assert_shape(got["heads"][t]["W"], (n_shared, k), f"heads[{t}]['W']")
    assert_close(got, want, f"init_mtl_params({n_in}, {n_shared}, {out_dims}) with a seeded generator "
                            "(the documented draws, in order)")


def test_init_mtl_params_consecutive_calls(impl, ref):
    # The same generator twice: each call must draw exactly the documented normals, nothing else.
    h, rng = impl.keep("_seeded_rng", 5), np.random.default_rng(5)
    for k, dims in enumerate(([2, 2], [1, 3, 1])):
        assert_close(impl.init_mtl_params(3, 4, dims, h), ref.init_mtl_params(3, 4, dims, rng),
                     f"init_mtl_params, call {k + 1} on the same generator (out_dims {dims})")


def test_init_mtl_params_is_pure(impl, ref):
    dims = [3, 1]
    got = impl.pure("init_mtl_params", 6, 5, dims, impl.keep("_seeded_rng", 8))
    assert_close(got, ref.init_mtl_params(6, 5, dims, np.random.default_rng(8)), "init_mtl_params (purity case)")


# mtl_forward ---------------------------------------------------------------------------------
@pytest.mark.parametrize("m,n_in,n_shared,out_dims", [pytest.param(7, 3, 5, [2, 1, 4], id="m7-three-tasks"),
                                                      pytest.param(1, 4, 4, [3], id="one-row-square-Ws"),
                                                      pytest.param(5, 6, 2, [1, 1], id="narrow-trunk")])
def test_mtl_forward_random(impl, ref, m, n_in, n_shared, out_dims):
    params = random_params(m + n_in + n_shared, n_in, n_shared, out_dims)
    X = np.random.default_rng(m).normal(size=(m, n_in))
    got = forward_outputs(impl, X, params)
    want = ref.mtl_forward(X, params)[0]
    assert isinstance(got, (list, tuple)) and len(got) == len(out_dims), "outputs: one (m, k_t) array per task"
    for t, k in enumerate(out_dims):
        assert_shape(got[t], (m, k), f"outputs[{t}]")
    assert_close(got, want, f"mtl_forward outputs on random X {X.shape}, Ws {params['Ws'].shape}, heads {out_dims}")


def test_mtl_forward_is_pure(impl, ref):
    params = random_params(3, 3, 4, [2, 1])
    X = np.random.default_rng(4).normal(size=(5, 3)) + 0.5
    reply = impl.call("mtl_forward", X, params, _keep=True)
    assert_pure(reply, "mtl_forward")
    got = impl.fetch(Handle(reply.handle)[0])
    assert_close(got, ref.mtl_forward(X, params)[0], "mtl_forward outputs (purity case)")


# mtl_loss_and_grads --------------------------------------------------------------------------
@pytest.mark.parametrize("m,n_in,n_shared,out_dims,p_missing", [
    pytest.param(8, 3, 5, [2, 1, 3], 0.3, id="three-tasks-missing"),
    pytest.param(6, 4, 3, [1, 2], 0.0, id="no-missing"),
    pytest.param(10, 2, 6, [4], 0.5, id="one-task-half-missing"),
])
def test_mtl_loss_and_grads_random(impl, ref, m, n_in, n_shared, out_dims, p_missing):
    params = random_params(10 * m + n_in, n_in, n_shared, out_dims)
    X = np.random.default_rng(m * n_in).normal(size=(m, n_in))
    Ys = random_targets(m + n_shared, m, out_dims, p_missing)
    lam = np.linspace(0.5, 2.0, len(out_dims))
    check_loss_and_grads(impl.mtl_loss_and_grads(X, Ys, params, lam), ref.mtl_loss_and_grads(X, Ys, params, lam),
                         f"random X {X.shape}, heads {out_dims}, {p_missing:.0%} labels missing")


def test_mtl_loss_and_grads_columns_missing_unevenly(impl, ref):
    # One task with 3 outputs whose columns have 1, 4 and 6 observed entries: the mean is over all
    # observed entries of the task, not per column or per row.
    params = random_params(21, 3, 4, [3, 1])
    X = np.random.default_rng(22).normal(size=(6, 3))
    Y0 = np.random.default_rng(23).normal(size=(6, 3))
    Y0[1:, 0] = np.nan
    Y0[[0, 3], 1] = np.nan
    Y1 = np.random.default_rng(24).normal(size=(6, 1))
    Ys, lam = [Y0, Y1], np.array([1.0, 0.25])
    check_loss_and_grads(impl.mtl_loss_and_grads(X, Ys, params, lam), ref.mtl_loss_and_grads(X, Ys, params, lam),
                         "a task whose columns have different numbers of observed labels")


def test_mtl_loss_and_grads_task_with_no_labels(impl, ref):
    # A task whose labels are all missing contributes 0 to J and nothing to any gradient.
    params = random_params(31, 3, 4, [2, 1])
    X = np.random.default_rng(32).normal(size=(5, 3))
    Ys = [np.random.default_rng(33).normal(size=(5, 2)), np.full((5, 1), np.nan)]
    lam = np.array([0.7, 1.3])
    got = impl.mtl_loss_and_grads(X, Ys, params, lam)
    assert np.isfinite(np.asarray(got[0], dtype=float)), "J is not finite when a task has no observed label"
    check_loss_and_grads(got, ref.mtl_loss_and_grads(X, Ys, params, lam), "task 2 has no observed label")


def test_mtl_loss_and_grads_task_weights(impl, ref):
    # Several weightings of the same tasks, including a zero weight: λ scales each task's whole
    # contribution (to J, to its head and to the trunk).
    params = random_params(41, 4, 5, [1, 2, 1])
    X = np.random.default_rng(42).normal(size=(7, 4))
    Ys = random_targets(43, 7, [1, 2, 1], 0.2)
    for lam in (np.array([1.0, 0.0, 0.0]), np.array([0.0, 3.0, 0.5]), np.array([0.2, 0.2, 2.0])):
        check_loss_and_grads(impl.mtl_loss_and_grads(X, Ys, params, lam), ref.mtl_loss_and_grads(X, Ys, params, lam),
                             f"task_weights {lam.tolist()}")


def test_mtl_loss_and_grads_kink_convention(impl, ref):
    # bs = 0 and a zero input row: that row's pre-activations are exactly 0, so relu'(0) = 0 decides.
    params = random_params(51, 3, 4, [2, 1])
    params["bs"] = np.zeros(4)
    X = np.random.default_rng(52).normal(size=(5, 3))
    X[[1, 3]] = 0.0
    Ys = random_targets(53, 5, [2, 1], 0.0)
    lam = np.array([1.0, 0.5])
    check_loss_and_grads(impl.mtl_loss_and_grads(X, Ys, params, lam), ref.mtl_loss_and_grads(X, Ys, params, lam),
                         "rows whose pre-activations are exactly 0 (use relu'(0) = 0)")


def test_mtl_loss_and_grads_is_pure(impl, ref):
    params = random_params(61, 3, 4, [2, 2])
    X = np.random.default_rng(62).normal(size=(6, 3))
    Ys = random_targets(63, 6, [2, 2], 0.4)
    lam = np.array([1.5, 0.5])
    got = impl.pure("mtl_loss_and_grads", X, Ys, params, lam)
    check_loss_and_grads(got, ref.mtl_loss_and_grads(X, Ys, params, lam), "mtl_loss_and_grads (purity case)")
