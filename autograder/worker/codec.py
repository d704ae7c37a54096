"""Plain-data codec between the scoring process and the sandboxed worker. No pickle, ever.

A message is an ``.npz`` archive (written with ``np.savez``, read with ``allow_pickle=False``)
holding the JSON description of a value in ``__tree__`` and every numpy array beside it.
What can cross: None, bool, int, float, complex, str, numeric/bool numpy arrays and scalars,
and tuples, lists and dicts (str or int keys) of these. Two markers travel to the worker only:
``Fn`` (a named test function the worker builds from ``autograder.worker.fns``) and ``Handle``
(a value kept in the worker from an earlier call, e.g. a layer's cache).

Decoding builds only plain Python objects and base-class ``np.ndarray``s, so whatever the
worker sends, the scoring process never runs code chosen by the student.
"""
from __future__ import annotations

import io
import json
import math
import zipfile

import numpy as np

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
    arrays: dict[str, np.ndarray] = {}
    count = [0]

    def walk(v, depth):
        count[0] += 1
        if count[0] > MAX_NODES:
            raise CodecError(f"value has more than {MAX_NODES} parts")
        if depth > MAX_DEPTH:
            raise CodecError(f"value is nested deeper than {MAX_DEPTH} levels")
        if v is None or type(v) is bool:
            return v
        if isinstance(v, bool):  # pragma: no cover - bool cannot be subclassed
            return bool(v)
        if isinstance(v, np.ndarray) or isinstance(v, np.generic):
            arr = np.array(v, copy=True, subok=False)
            if arr.dtype.kind not in ARRAY_KINDS:
                raise CodecError(f"array of dtype {arr.dtype} is not numeric")
            key = f"a{len(arrays)}"
            arrays[key] = arr if arr.flags.c_contiguous else arr.copy(order="C")  # keeps 0-d arrays 0-d
            return {"$nd" if isinstance(v, np.ndarray) else "$sc": key}
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
    buf = io.BytesIO()
    payload = {"__tree__": np.frombuffer(json.dumps(tree).encode(), dtype=np.uint8)}
    payload.update(arrays)
    np.savez(buf, **payload)
    return buf.getvalue()


def decode(data: bytes, *, allow_markers: bool = False):
    """Decode a message. Only plain values come out; markers only when ``allow_markers``."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
    except (ValueError, OSError, zipfile.BadZipFile, EOFError, KeyError) as exc:
        raise CodecError(f"unreadable message ({type(exc).__name__})") from None
    tree_bytes = arrays.pop("__tree__", None)
    if tree_bytes is None or tree_bytes.dtype != np.uint8 or tree_bytes.ndim != 1:
        raise CodecError("message has no description")
    try:
        tree = json.loads(tree_bytes.tobytes().decode())
    except (ValueError, UnicodeDecodeError):
        raise CodecError("message description is not JSON") from None
    count = [0]

    def array(key, scalar):
        if not isinstance(key, str) or key not in arrays:
            raise CodecError("message refers to a missing array")
        arr = arrays[key]
        if arr.dtype.kind not in ARRAY_KINDS or type(arr) is not np.ndarray:
            raise CodecError(f"array of dtype {arr.dtype} is not numeric")
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
