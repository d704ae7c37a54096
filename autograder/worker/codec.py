"""Plain-data codec between the scoring process and the sandboxed worker. No pickle, ever.

A message is ``MAGIC``, the length of a JSON header, the header, then the raw bytes of every
numpy array. The header holds the description of the value (``tree``) and, per array, its dtype
(``<f8``-style strings of bool, int, unsigned, float or complex only), shape and byte range.
What can cross: None, bool, int, float, complex, str, numeric/bool numpy arrays and scalars,
and tuples, lists and dicts (str or int keys) of these. Two markers travel to the worker only:
``Fn`` (a named test function the worker builds from ``autograder.worker.fns``) and ``Handle``
(a value kept in the worker from an earlier call, e.g. a layer's cache).

Decoding builds only plain Python objects and base-class ``np.ndarray``s, so whatever the
worker sends, the scoring process never runs code chosen by the student. (An earlier version
used ``.npz`` archives; zip framing cost more than the tests themselves.)
"""
from __future__ import annotations

import json
import math
import re
import struct

import numpy as np

MAGIC = b"DLBC1"
_LEN = struct.Struct(">I")
_DTYPE = re.compile(r"[<>|=][biufc][0-9]{1,2}\Z")
MAX_DEPTH = 32
MAX_NODES = 200_000
ARRAY_KINDS = "biufc"  # bool, int, unsigned, float, complex


class CodecError(ValueError):
    """A value that cannot cross the sandbox boundary as plain data."""


class Fn:
    """A test function, named, that the worker builds from its own whitelist (``fns.py``)."""

    def __init__(self, name: str, **params):
        self.name = name
        self.params = params

    def __repr__(self):
        return f"Fn({self.name!r})"


class Handle:
    """A value that stays in the worker (e.g. a cache); ``path`` indexes into it."""

    def __init__(self, ident: int, path: tuple = ()):
        self.ident = ident
        self.path = tuple(path)

    def __getitem__(self, key) -> "Handle":
        return Handle(self.ident, self.path + (key,))

    def __repr__(self):
        return f"Handle({self.ident}, {self.path})"


def describe(value) -> str:
    """A short, safe description of a (plain) value for messages: type and shape only."""
    if isinstance(value, np.ndarray):
        return f"array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, (tuple, list)):
        return f"{type(value).__name__} of length {len(value)}"
    if isinstance(value, dict):
        return f"dict with keys {sorted(map(str, value))[:8]}"
    return type(value).__name__


def encode(value) -> bytes:
    arrays: list[np.ndarray] = []
    count = [0]

    def walk(v, depth):
        count[0] += 1
        if count[0] > MAX_NODES:
            raise CodecError(f"value has more than {MAX_NODES} parts")
        if depth > MAX_DEPTH:
            raise CodecError(f"value is nested deeper than {MAX_DEPTH} levels")
        t = type(v)
        if v is None or t is bool or t is int:
            return v
        if t is float:
            return v if math.isfinite(v) else {"$f": repr(v)}
        if t is str and not v.startswith("$"):
            return v
        if isinstance(v, np.ndarray) or isinstance(v, np.generic):
            arr = np.array(v, copy=True, subok=False)
            if arr.dtype.kind not in ARRAY_KINDS:
                raise CodecError(f"array of dtype {arr.dtype} is not numeric")
            arrays.append(arr)  # a fresh C-contiguous copy; 0-d arrays stay 0-d
            return {"$nd" if isinstance(v, np.ndarray) else "$sc": len(arrays) - 1}
        if isinstance(v, int):
            return int.__index__(v) if type(v) is not int else v
        if isinstance(v, float):
            f = float.__float__(v) if type(v) is not float else v
            if math.isfinite(f):
                return f
            return {"$f": repr(f)}
        if isinstance(v, complex):
            c = complex(v.real, v.imag)
            return {"$c": [walk(c.real, depth + 1), walk(c.imag, depth + 1)]}
        if isinstance(v, str):
            return {"$s": str.__str__(v)} if v.startswith("$") else str.__str__(v)
        if isinstance(v, tuple):
            return {"$t": [walk(x, depth + 1) for x in tuple.__iter__(v)]}
        if isinstance(v, list):
            return [walk(x, depth + 1) for x in list.__iter__(v)]
        if isinstance(v, dict):
            items = []
            for k, x in dict.items(v):
                if type(k) is str or type(k) is int:
                    items.append([k, walk(x, depth + 1)])
                elif isinstance(k, (np.integer,)):
                    items.append([int(k), walk(x, depth + 1)])
                else:
                    raise CodecError(f"dict key of type {type(k).__name__} (use str or int keys)")
            return {"$d": items}
        if isinstance(v, Fn):
            return {"$fn": v.name, "kw": walk(v.params, depth + 1)}
        if isinstance(v, Handle):
            return {"$h": v.ident, "path": walk(v.path, depth + 1)}
        raise CodecError(f"a {type(v).__name__} cannot be graded; return numpy arrays, numbers, "
                         f"strings, or tuples/lists/dicts of these")

    tree = walk(value, 0)
    specs, offset = [], 0
    for arr in arrays:
        specs.append([arr.dtype.str, list(arr.shape), offset, arr.nbytes])
        offset += arr.nbytes
    header = json.dumps({"tree": tree, "arrays": specs}, separators=(",", ":")).encode()
    return b"".join([MAGIC, _LEN.pack(len(header)), header, *(a.tobytes() for a in arrays)])


def _read_arrays(specs, body: memoryview) -> list[np.ndarray]:
    if not isinstance(specs, list) or len(specs) > MAX_NODES:
        raise CodecError("malformed array table")
    out = []
    for spec in specs:
        try:
            dtype_str, shape, offset, nbytes = spec
        except (TypeError, ValueError):
            raise CodecError("malformed array table") from None
        if not (isinstance(dtype_str, str) and _DTYPE.match(dtype_str) and isinstance(shape, list)
                and len(shape) <= MAX_DEPTH and all(type(n) is int and n >= 0 for n in shape)
                and type(offset) is int and type(nbytes) is int and 0 <= offset and 0 <= nbytes):
            raise CodecError("malformed array table")
        try:
            dtype = np.dtype(dtype_str)
        except TypeError:
            raise CodecError(f"array of dtype {dtype_str} is not numeric") from None
        if dtype.kind not in ARRAY_KINDS or dtype.fields is not None or dtype.subdtype is not None:
            raise CodecError(f"array of dtype {dtype} is not numeric")
        if math.prod(shape) * dtype.itemsize != nbytes or offset + nbytes > len(body):
            raise CodecError("array data does not match its shape")
        flat = np.frombuffer(body, dtype=dtype, count=nbytes // dtype.itemsize if dtype.itemsize else 0,
                             offset=offset)
        out.append(flat.reshape(shape).copy())
    return out


def decode(data: bytes, *, allow_markers: bool = False):
    """Decode a message. Only plain values come out; markers only when ``allow_markers``."""
    view = memoryview(data)
    head = len(MAGIC) + _LEN.size
    if len(view) < head or bytes(view[:len(MAGIC)]) != MAGIC:
        raise CodecError("unreadable message (not a dlbook codec message)")
    (n,) = _LEN.unpack(view[len(MAGIC):head])
    if head + n > len(view):
        raise CodecError("unreadable message (truncated)")
    try:
        header = json.loads(bytes(view[head:head + n]).decode())
    except (ValueError, UnicodeDecodeError):
        raise CodecError("message description is not JSON") from None
    if not isinstance(header, dict) or "tree" not in header:
        raise CodecError("message has no description")
    arrays = _read_arrays(header.get("arrays", []), view[head + n:])
    tree = header["tree"]
    count = [0]

    def array(key, scalar):
        if type(key) is not int or not 0 <= key < len(arrays):
            raise CodecError("message refers to a missing array")
        arr = arrays[key]
        return arr[()] if scalar else arr

    def walk(t, depth):
        count[0] += 1
        if count[0] > MAX_NODES or depth > MAX_DEPTH:
            raise CodecError("message is too large or too deep")
        if t is None or isinstance(t, (bool, int, float, str)):
            return t
        if isinstance(t, list):
            return [walk(x, depth + 1) for x in t]
        if isinstance(t, dict) and len(t) >= 1:
            if "$nd" in t:
                return array(t["$nd"], False)
            if "$sc" in t:
                return array(t["$sc"], True)
            if "$f" in t and t["$f"] in ("nan", "inf", "-inf"):
                return float(t["$f"])
            if "$s" in t and isinstance(t["$s"], str):
                return t["$s"]
            if "$c" in t and isinstance(t["$c"], list) and len(t["$c"]) == 2:
                re_, im = (walk(x, depth + 1) for x in t["$c"])
                if isinstance(re_, float) and isinstance(im, float):
                    return complex(re_, im)
            if "$t" in t and isinstance(t["$t"], list):
                return tuple(walk(x, depth + 1) for x in t["$t"])
            if "$d" in t and isinstance(t["$d"], list):
                out = {}
                for pair in t["$d"]:
                    if not (isinstance(pair, list) and len(pair) == 2 and type(pair[0]) in (str, int)):
                        raise CodecError("malformed dict in message")
                    out[pair[0]] = walk(pair[1], depth + 1)
                return out
            if allow_markers and "$fn" in t and isinstance(t["$fn"], str):
                return Fn(t["$fn"], **walk(t.get("kw", {"$d": []}), depth + 1))
            if allow_markers and "$h" in t and isinstance(t["$h"], int):
                return Handle(t["$h"], tuple(walk(t.get("path", {"$t": []}), depth + 1)))
        raise CodecError("message holds a value that is not plain data")

    return walk(tree, 0)
