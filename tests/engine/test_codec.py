"""The sandbox boundary carries plain data only, and never unpickles."""
import io
import pickle

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograder.worker import codec

plain = st.recursive(
    st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@given(plain)
def test_plain_values_round_trip(value):
    assert codec.decode(codec.encode(value)) == value


def test_arrays_round_trip_as_base_ndarrays():
    class Sub(np.ndarray):
        def __eq__(self, other):
            return True
    a = np.arange(6.0).reshape(2, 3).view(Sub)
    out = codec.decode(codec.encode({"a": a, "s": np.float64(2.5), "i": np.int32(3), "b": np.bool_(True)}))
    assert type(out["a"]) is np.ndarray and out["a"].shape == (2, 3)
    assert out["s"] == 2.5 and out["i"] == 3 and out["b"]


@pytest.mark.parametrize("value", [np.array([object()], dtype=object), object(), {1.5: 2}, np.array(["a"]),
                                   lambda x: x])
def test_non_plain_values_are_refused(value):
    with pytest.raises(codec.CodecError):
        codec.encode(value)


def test_pickle_payloads_are_never_loaded():
    class Evil:
        def __reduce__(self):
            return (exec, ("raise SystemExit('pwned')",))
    buf = io.BytesIO()
    np.savez(buf, __tree__=np.frombuffer(b'{"$nd": "a0"}', dtype=np.uint8), a0=np.array([Evil()], dtype=object))
    with pytest.raises(codec.CodecError):
        codec.decode(buf.getvalue())
    with pytest.raises(codec.CodecError):
        codec.decode(pickle.dumps(Evil()))


def test_markers_only_where_allowed():
    data = codec.encode([codec.Fn("square"), codec.Handle(1)[0]])
    with pytest.raises(codec.CodecError):
        codec.decode(data)
    fn, handle = codec.decode(data, allow_markers=True)
    assert fn.name == "square" and handle.ident == 1 and handle.path == (0,)


def test_nan_and_inf_survive():
    out = codec.decode(codec.encode([float("nan"), float("inf"), -float("inf")]))
    assert np.isnan(out[0]) and out[1] == np.inf and out[2] == -np.inf


def test_deep_nesting_is_refused():
    v = []
    for _ in range(100):
        v = [v]
    with pytest.raises(codec.CodecError):
        codec.encode(v)
