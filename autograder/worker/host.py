"""The worker side of the sandbox: a fork server and the per-section children it makes.

Runs inside the sandbox (bubblewrap where present), started by ``autograder.sandbox``. It never
sees an expected value: it receives inputs, calls the student's function, and sends back plain
data (``codec``). The fork server imports numpy once and never runs student code; each section
gets a fresh child forked from it, so one section's monkeypatching cannot reach another's.

Control protocol on fd 3 (a Unix socket): framed JSON requests ``spawn`` (with the child's
socket passed by SCM_RIGHTS), ``kill`` and ``exit``. Child protocol on its own socket: framed
codec messages ``call``, ``fetch`` and ``ping``.
"""
from __future__ import annotations

import copy
import ctypes
import errno
import gc
import importlib.util
import json
import os
import resource
import signal
import socket
import struct
import sys
import time
import traceback

import numpy as np

from autograder.worker import codec, fns

HEADER = struct.Struct(">Q")
MAX_MESSAGE = 256 * 1024 * 1024


class Interrupt(BaseException):
    """Raised by an in-process runner's timer; never swallowed as the student's exception."""


# Framing -------------------------------------------------------------------------------------
def send_frame(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(HEADER.pack(len(payload)) + payload)


def _receiver(sock: socket.socket, deadline: float | None):
    """sock.recv that raises EOFError when the peer is gone and, given a deadline (monotonic
    seconds), socket.timeout once it has passed, however the bytes trickle in."""
    def recv(n: int) -> bytes:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise socket.timeout()
            sock.settimeout(remaining)
        chunk = sock.recv(n)
        if not chunk:
            raise EOFError("peer closed")
        return chunk
    return recv


def _recv_exact(recv, n: int) -> bytes:
    chunks = []
    while n:
        chunk = recv(min(n, 1 << 20))
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def recv_frame(sock: socket.socket, limit: int = MAX_MESSAGE, deadline: float | None = None) -> bytes:
    """One framed message; ValueError if it announces more than ``limit`` bytes."""
    recv = _receiver(sock, deadline)
    data = recv(1 << 16)  # the header and, usually, the whole message with it
    if len(data) < HEADER.size:
        data += _recv_exact(recv, HEADER.size - len(data))
    (n,) = HEADER.unpack_from(data)
    if n > limit:
        raise ValueError(f"{n} bytes, over the limit of {limit}")
    have = len(data) - HEADER.size
    if have < n:
        return data[HEADER.size:] + _recv_exact(recv, n - have)
    return data[HEADER.size:HEADER.size + n]


# The child: one section's module, many calls -------------------------------------------------
class SectionChild:
    def __init__(self, sock: socket.socket, submission: str, module: str):
        self.sock = sock
        self.path = os.path.join(submission, module + ".py")
        self.name = module.replace("/", "_")
        self.module = None
        self.import_error: dict | None = None
        self.kept: dict[int, object] = {}

    def load(self):
        if self.module is not None or self.import_error is not None:
            return
        if not os.path.isfile(self.path):
            self.import_error = {"kind": "missing", "message": f"{os.path.basename(self.path)} is not in the submission"}
            return
        sys.path.insert(0, os.path.dirname(self.path))
        spec = importlib.util.spec_from_file_location(self.name, self.path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[self.name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException as exc:  # noqa: BLE001 - student code may raise anything
            self.import_error = {"kind": "import", "message": "importing the module failed: " + student_error(exc, self.path)}
            return
        self.module = module

    def resolve(self, value):
        """Turn Fn markers into callables and Handles into kept values (recursively)."""
        if isinstance(value, codec.Fn):
            return fns.build(value.name, value.params)
        if isinstance(value, codec.Handle):
            if value.ident not in self.kept:
                raise LookupError("a kept value is gone (the worker was restarted)")
            out = self.kept[value.ident]
            for key in value.path:
                out = out[key]
            return out
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        if isinstance(value, tuple):
            return tuple(self.resolve(v) for v in value)
        if isinstance(value, dict):
            return {k: self.resolve(v) for k, v in value.items()}
        return value

    def handle(self, request: dict) -> dict:
        op = request.get("op")
        if op == "ping":
            return {"ok": True, "value": None}
        if op == "load":
            self.load()
            return {"ok": False, **self.import_error} if self.import_error else {"ok": True, "value": None}
        if op == "fetch":
            return {"ok": True, "value": self.resolve(request["handle"])}
        if op != "call":
            return {"ok": False, "kind": "protocol", "message": f"unknown op {op!r}"}
        self.load()
        if self.import_error:
            return {"ok": False, **self.import_error}
        func = getattr(self.module, request["func"], None)
        if not callable(func):
            return {"ok": False, "kind": "nofunc", "message": f"{request['func']} is not defined in the module"}
        args = self.resolve(request.get("args", []))
        kwargs = self.resolve(request.get("kwargs", {}))
        before = copy.deepcopy((args, kwargs)) if request.get("check_pure", True) else None
        fns.reset_calls()
        try:
            result = func(*args, **kwargs)
        except Interrupt:
            raise
        except BaseException as exc:  # noqa: BLE001
            return {"ok": False, "kind": "exception", "message": student_error(exc, self.path)}
        reply = {"ok": True, "mutated": mutated(before, (args, kwargs)) if before is not None else [],
                 "calls": fns.recorded_calls()}
        if request.get("keep"):
            ident = len(self.kept) + 1
            self.kept[ident] = result
            reply["handle"] = ident
            reply["value"] = None
            reply["summary"] = _summary(result)
        else:
            reply["value"] = result
        return reply

    def serve(self):
        while True:
            try:
                data = recv_frame(self.sock)
            except (EOFError, OSError):
                return
            try:
                request = codec.decode(data, allow_markers=True)
                reply = self.handle(request)
                payload = codec.encode(reply)
            except codec.CodecError as exc:
                payload = codec.encode({"ok": False, "kind": "codec", "message": str(exc)})
            except BaseException as exc:  # noqa: BLE001 - e.g. a hostile __deepcopy__ or __getitem__
                payload = codec.encode({"ok": False, "kind": "exception", "message": student_error(exc, self.path)})
            send_frame(self.sock, payload)


def _summary(value):
    """Shapes of a kept value, so a test can say what came back without fetching it."""
    if isinstance(value, np.ndarray):
        return list(value.shape)
    if isinstance(value, tuple):
        return {"tuple": len(value)}
    return type(value).__name__


def mutated(before, after) -> list[str]:
    """Paths of the array or container arguments that the call changed in place."""
    out: list[str] = []

    def same(a, b) -> bool:
        if isinstance(a, np.ndarray):
            return isinstance(b, np.ndarray) and a.shape == b.shape and a.dtype == b.dtype and \
                bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
        if isinstance(a, (list, tuple)):
            return type(a) is type(b) and len(a) == len(b)
        if isinstance(a, dict):
            return isinstance(b, dict) and a.keys() == b.keys()
        if isinstance(a, (int, float, complex, np.number)) and not isinstance(a, bool):
            # a number inside a container (e.g. params["b"]) replaced in place
            try:
                return type(a) is type(b) and (a == b or (a != a and b != b))
            except Exception:  # noqa: BLE001
                return False
        return True

    def walk(a, b, path):
        if not same(a, b):
            out.append(path)
            return
        if isinstance(a, (list, tuple)):
            for i, (x, y) in enumerate(zip(a, b)):
                walk(x, y, f"{path}[{i}]")
        elif isinstance(a, dict):
            for k in a:
                walk(a[k], b[k], f"{path}[{k!r}]")

    args_b, kwargs_b = before
    args_a, kwargs_a = after
    for i, (x, y) in enumerate(zip(args_b, args_a)):
        walk(x, y, f"argument {i + 1}")
    for k in kwargs_b:
        walk(kwargs_b[k], kwargs_a[k], f"argument {k!r}")
    return out


def student_error(exc: BaseException, path: str) -> str:
    """'raised ValueError: ... (xor.py line 42: ...)' using the innermost frame in the student's file."""
    if isinstance(exc, SystemExit):
        head = f"called sys.exit({exc.code!r})"
    elif isinstance(exc, KeyboardInterrupt):
        head = "raised KeyboardInterrupt"
    elif isinstance(exc, NotImplementedError):
        head = "is not implemented yet (raises NotImplementedError)"
    else:
        try:
            text = str(exc)
        except BaseException:  # noqa: BLE001
            text = "<unprintable>"
        head = f"raised {type(exc).__name__}: {text}"[:500]
    where = ""
    try:
        for frame in traceback.extract_tb(exc.__traceback__):
            if frame.filename == path:
                where = f" ({os.path.basename(path)} line {frame.lineno}: {(frame.line or '').strip()[:120]})"
    except BaseException:  # noqa: BLE001
        pass
    return head + where


# The fork server ---------------------------------------------------------------------------
PR_SET_CHILD_SUBREAPER = 36


def _set_subreaper():
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except Exception:  # noqa: BLE001 - not Linux: nothing to do
        pass


def child_setup(limits: dict):
    """Limits and identity of a section child, applied after fork and before student code."""
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)
    mem = int(limits.get("memory_mb", 2048)) * 1024 * 1024
    cpu = int(limits.get("cpu_seconds", 300))
    fsize = int(limits.get("file_mb", 16)) * 1024 * 1024
    for res, value in ((resource.RLIMIT_AS, mem), (resource.RLIMIT_CPU, cpu), (resource.RLIMIT_FSIZE, fsize),
                       (resource.RLIMIT_CORE, 0), (resource.RLIMIT_NOFILE, 256)):
        try:
            resource.setrlimit(res, (value, value))
        except (ValueError, OSError):
            pass
    nproc = int(limits.get("processes", 0))
    if nproc:
        try:
            resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
        except (ValueError, OSError):
            pass
    if os.geteuid() == 0:
        # Without bubblewrap the grader may run as root: student code must not.
        uid = int(limits.get("uid", 65534))
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)


def serve_forever(control: socket.socket, submission: str):
    _set_subreaper()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    children: dict[int, int] = {}
    while True:
        _reap(children)
        try:
            msg, fds, _flags, _addr = socket.recv_fds(control, 65536, 4)
        except OSError as exc:
            if exc.errno == errno.EINTR:
                continue
            return
        if not msg:
            return
        request = json.loads(msg.decode())
        op = request.get("op")
        if op == "spawn":
            pid = os.fork()
            if pid == 0:
                try:
                    control.close()
                    os.closerange(3, fds[0])  # nothing of the fork server's but the child's own socket
                    os.closerange(fds[0] + 1, 1 << 16)
                    child_sock = socket.socket(fileno=fds[0])
                    child_setup(request.get("limits", {}))
                    SectionChild(child_sock, submission, request["module"]).serve()
                finally:
                    os._exit(0)
            for fd in fds:
                os.close(fd)
            children[pid] = 1
            control.sendall(json.dumps({"pid": pid}).encode())
        elif op == "kill":
            pid = int(request["pid"])
            if pid in children:
                _kill_group(pid)
            control.sendall(json.dumps({"killed": pid}).encode())
        elif op == "exit":
            for pid in list(children):
                _kill_group(pid)
            return
        else:
            control.sendall(json.dumps({"error": f"unknown op {op!r}"}).encode())


def _kill_group(pid: int):
    for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        try:
            target()
        except OSError:
            pass


def _reap(children: dict[int, int]):
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        children.pop(pid, None)


def hide_paths(paths: list[str], submission: str = "") -> bool:
    """Without bubblewrap, as root: a private mount and network namespace in which the given
    folders (the course checkout, other submissions) are covered by empty read-only tmpfs, and
    /tmp, /var/tmp and /dev/shm are private and size-limited (the submission's copy, which lives
    in /tmp, is bound back in at the same path)."""
    if os.geteuid() != 0 or not paths:
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    clone_newns, clone_newnet = 0x00020000, 0x40000000
    ms_rdonly, ms_rec, ms_private, ms_bind = 1, 16384, 1 << 18, 4096
    if libc.unshare(clone_newns | clone_newnet) != 0:
        return False
    if libc.mount(b"none", b"/", None, ms_rec | ms_private, None) != 0:
        return False
    ok = True
    keep = os.open(os.path.dirname(submission), os.O_PATH) if submission else None
    for path in paths:
        if os.path.isdir(path):
            ok &= libc.mount(b"tmpfs", path.encode(), b"tmpfs", ms_rdonly, b"size=4k,mode=0555") == 0
    for tmp in ("/tmp", "/var/tmp", "/dev/shm"):
        if os.path.isdir(tmp):
            ok &= libc.mount(b"tmpfs", tmp.encode(), b"tmpfs", 0, b"size=64m,mode=1777") == 0
    if keep is not None:
        parent = os.path.dirname(submission)
        os.makedirs(parent, exist_ok=True)
        os.chmod(parent, 0o755)
        ok &= libc.mount(f"/proc/self/fd/{keep}".encode(), parent.encode(), None, ms_bind, None) == 0
        os.close(keep)
        os.chdir(submission)
    return ok


def main():
    submission = sys.argv[1]
    hidden = sys.argv[3:] if len(sys.argv) > 2 and sys.argv[2] == "--hide" else []
    control = socket.socket(fileno=3)
    # Preload what sections use, so a child (which may run without access to the
    # interpreter's files when it drops privileges) never has to import it from disk.
    import numpy.fft  # noqa: F401
    import numpy.linalg  # noqa: F401
    import numpy.random  # noqa: F401
    for name in ("math", "itertools", "functools", "collections", "typing", "dataclasses", "heapq",
                 "bisect", "operator", "statistics", "warnings", "numbers", "fractions", "zipfile",
                 "encodings.cp437", "encodings.ascii", "encodings.latin_1", "numpy.lib.format", "random",
                 "string", "re", "abc", "enum", "contextlib", "textwrap", "decimal", "cmath"):
        importlib.import_module(name)
    # After every import: the engine itself may live under a hidden folder. Where this root cannot
    # make mount namespaces, grading goes on and the summary says isolation is weaker
    # (sandbox.isolation_level probes the same thing).
    hide_paths(hidden, submission)
    try:  # children (same uid under bubblewrap) may not read, write or ptrace the fork server
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE
    except Exception:  # noqa: BLE001
        pass
    # Children start with the collector ignoring everything loaded so far: a collection would
    # write to every object's header and copy the whole heap page by page after fork.
    gc.collect()
    gc.freeze()
    serve_forever(control, submission)


if __name__ == "__main__":
    main()
