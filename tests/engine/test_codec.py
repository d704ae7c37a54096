"""The sandbox boundary carries plain data only, and never unpickles."""
import io
import json
import pickle
import struct

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


def forged(header: dict, body: bytes = b"") -> bytes:
    raw = json.dumps(header).encode()
    return codec.MAGIC + struct.pack(">I", len(raw)) + raw + body


def test_pickle_payloads_are_never_loaded():
    class Evil:
        def __reduce__(self):
            return (exec, ("raise SystemExit('pwned')",))
    payload = pickle.dumps(Evil())
    with pytest.raises(codec.CodecError):
        codec.decode(payload)
    buf = io.BytesIO()  # the old npz format, with an object array inside
    np.savez(buf, __tree__=np.frombuffer(b'{"$nd": "a0"}', dtype=np.uint8), a0=np.array([Evil()], dtype=object))
    with pytest.raises(codec.CodecError):
        codec.decode(buf.getvalue())
    for dtype in ("|O8", "|O", "|V8", "<M8[s]", "[('a','<f8')]", "<U1", "|S8", "<f8,<f8", "<f8 "):
        with pytest.raises(codec.CodecError):
            codec.decode(forged({"tree": {"$nd": 0}, "arrays": [[dtype, [1], 0, 8]]}, payload[:8].ljust(8, b"x")))


@pytest.mark.parametrize("header, body", [
    ({"tree": {"$nd": 0}, "arrays": [["<f8", [2], 0, 16]]}, b"x" * 8),  # truncated data
    ({"tree": {"$nd": 0}, "arrays": [["<f8", [3], 0, 16]]}, b"x" * 24),  # shape and size disagree
    ({"tree": {"$nd": 0}, "arrays": [["<f8", [-2], 0, -16]]}, b"x" * 16),
    ({"tree": {"$nd": 0}, "arrays": [["<f8", [2], 16, 16]]}, b"x" * 16),  # past the end
    ({"tree": {"$nd": 1}, "arrays": [["<f8", [1], 0, 8]]}, b"x" * 8),  # no such array
    ({"tree": {"$nd": "0"}, "arrays": [["<f8", [1], 0, 8]]}, b"x" * 8),
    ({"tree": {"$py": "os.system"}}, b""),
    ({"arrays": []}, b""),
])
def test_forged_messages_are_refused(header, body):
    with pytest.raises(codec.CodecError):
        codec.decode(forged(header, body))


def test_truncated_and_foreign_bytes_are_refused():
    good = codec.encode({"a": np.arange(4.0)})
    for bad in (good[:3], good[:12], good[:-1], b"", b"PK\x03\x04" + good, good[:5] + b"\xff\xff\xff\xff" + good[9:]):
        with pytest.raises(codec.CodecError):
            codec.decode(bad)


def test_decoded_arrays_are_private_and_writable():
    a = np.arange(6.0).reshape(2, 3).T  # not C-contiguous
    out = codec.decode(codec.encode(a))
    assert out.flags.writeable and np.array_equal(out, a) and out.shape == (3, 2)
    out[0, 0] = 99.0
    assert a[0, 0] == 0.0


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
