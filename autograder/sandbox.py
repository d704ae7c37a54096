"""Run untrusted student code: a sandboxed fork server per submission, a child per section.

``Sandbox(submission)`` copies the submission's Python files to a private temporary folder and
starts ``autograder.worker.host`` there: inside bubblewrap (own mount, pid, network, ipc and
user namespaces; only the interpreter, its packages and the copy visible) where ``bwrap`` is
installed, else as a plain subprocess that drops root. Resource limits apply to every child;
a cgroup caps the number of processes where the pids controller is writable. Everything the
sandbox started is killed on ``close()``.

``sandbox.worker("ch06/xor")`` gives a ``Worker``: ``call(func, args, kwargs)`` returns a
``Reply`` of plain data or raises ``StudentError`` / ``WorkerTimeout`` / ``ModuleMissing``.
A worker that timed out or died is replaced by a fresh child on the next call.
"""
from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from autograder.worker import codec
from autograder.worker.host import MAX_MESSAGE, recv_frame, send_frame

WORKER_PKG = Path(__file__).resolve().parent  # the autograder package: engine code only
MAX_FILE_BYTES = 1024 * 1024
MAX_FILES = 500
TMP_BYTES = 64 * 1024 * 1024  # the sandbox's /tmp
SANDBOX_LIB = "/opt/dlbook"
SANDBOX_SUBMISSION = "/submission"


class GradingProblem(Exception):
    """Something about the student's code that fails a test; the message is for the student."""

    status = "error"


class StudentError(GradingProblem):
    """Student code raised, crashed, exited or returned something that is not plain data."""


class WorkerTimeout(GradingProblem):
    status = "timeout"


class ModuleMissing(GradingProblem):
    status = "missing"


def _default_timeout() -> float:
    try:
        return float(os.environ.get("DLBOOK_TIMEOUT", "10"))
    except ValueError:
        return 10.0


@dataclass
class Limits:
    timeout: float = field(default_factory=_default_timeout)  # wall-clock seconds per call
    memory_mb: int = 2048
    cpu_seconds: int = 300  # per section child, all calls together
    file_mb: int = 16
    processes: int = 64

    def for_child(self) -> dict:
        return {"memory_mb": self.memory_mb, "cpu_seconds": self.cpu_seconds, "file_mb": self.file_mb,
                "processes": self.processes}


@dataclass
class Reply:
    value: object = None
    mutated: list = field(default_factory=list)
    calls: list = field(default_factory=list)
    handle: int | None = None
    summary: object = None


def interpret(func: str, reply: dict) -> Reply:
    """Turn a worker's reply to a call into a Reply, or raise the GradingProblem it reports."""
    what = f"{func}(...)"
    if not reply.get("ok"):
        kind = reply.get("kind")
        message = str(reply.get("message", "failed"))[:800]
        if kind in ("missing", "nofunc"):
            raise ModuleMissing(message)
        if kind == "exception":
            raise StudentError(f"{what} {message}")
        raise StudentError(message)
    mutated = reply.get("mutated") or []
    calls = reply.get("calls") or []
    if not isinstance(mutated, list) or not isinstance(calls, list):
        raise StudentError(f"{what}: the worker's reply was forged or corrupted")
    return Reply(value=reply.get("value"), mutated=[str(m) for m in mutated], calls=calls,
                 handle=reply.get("handle") if isinstance(reply.get("handle"), int) else None,
                 summary=reply.get("summary"))


def bwrap_path() -> str | None:
    if os.environ.get("DLBOOK_NO_BWRAP"):
        return None
    return shutil.which("bwrap")


def isolation_level() -> str:
    """A one-line description of how strongly student code is isolated here."""
    if bwrap_path() and _bwrap_works():
        return "bubblewrap: own mount, pid, network, ipc and user namespaces; only the interpreter and the submission are visible"
    if os.geteuid() == 0 and _can_unshare_mounts():
        return ("weaker isolation (bubblewrap not available): separate process, scrubbed environment, resource "
                "limits, no root, own mount and network namespace hiding the course and other submissions; "
                "other world-readable files stay visible")
    return ("weaker isolation (bubblewrap not available): separate process, scrubbed environment, resource limits; "
            "student code could still read world-readable files (the reference too) and use the network")


def _succeeds(cmd: list[str]) -> bool:
    """Whether a probe command exits with 0 within 10 s (its output discarded)."""
    try:
        return subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


_BWRAP_PROBE = ["--unshare-all", "--unshare-user", "--ro-bind", "/", "/"]


@functools.cache
def _bwrap_works() -> bool:
    exe = bwrap_path()
    return exe is not None and _succeeds([exe, *_BWRAP_PROBE, "--", "/bin/true"])


@functools.cache
def _bwrap_has_size() -> bool:
    """Whether this bubblewrap can cap a tmpfs (``--size``, bubblewrap 0.5 and later)."""
    exe = bwrap_path()
    return exe is not None and _succeeds([exe, *_BWRAP_PROBE, "--size", "1048576", "--tmpfs", "/tmp", "--",
                                          "/bin/true"])


@functools.cache
def _can_unshare_mounts() -> bool:
    """Whether this process may make mount and network namespaces (root with CAP_SYS_ADMIN)."""
    probe = "import ctypes, sys; sys.exit(ctypes.CDLL(None).unshare(0x00020000 | 0x40000000) != 0)"
    return _succeeds([sys.executable, "-I", "-c", probe])


def submission_files(src: Path) -> Iterator[tuple[str, Path]]:
    """What the grader takes from a submission, as ("chNN/name", path): chNN/*.py and chNN/*.yml,
    no links, no test or conftest files, none over MAX_FILE_BYTES, at most MAX_FILES."""
    count = 0
    for chapter in sorted(Path(src).glob("ch0[6-9]")):
        if chapter.is_symlink() or not chapter.is_dir():
            continue
        for f in sorted(chapter.iterdir()):
            if f.is_symlink() or not f.is_file() or f.suffix not in (".py", ".yml") or f.name.startswith(("test_", "conftest")):
                continue
            if f.stat().st_size > MAX_FILE_BYTES:
                continue
            if count >= MAX_FILES:
                return
            yield f"{chapter.name}/{f.name}", f
            count += 1


def copy_submission(src: Path, dest: Path) -> int:
    """Copy the submission's files (``submission_files``) into ``dest``. Returns the count."""
    count = 0
    for name, f in submission_files(src):
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, dest / name)
        count += 1
    for root, dirs, files in os.walk(dest):
        os.chmod(root, 0o755)
        for f in files:
            os.chmod(os.path.join(root, f), 0o644)
    return count


def _python_roots() -> list[str]:
    """Folders the interpreter and its packages live in (bound read-only into the sandbox)."""
    roots = {sys.prefix, sys.base_prefix, os.path.dirname(os.path.realpath(sys.executable))}
    import numpy
    roots.add(str(Path(numpy.__file__).resolve().parent.parent))
    out = []
    for r in sorted(roots, key=len):
        r = os.path.realpath(r)
        if not any(r == o or r.startswith(o + os.sep) for o in out):
            out.append(r)
    return out


def _clean_env() -> dict[str, str]:
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": "/tmp",
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "NUMEXPR_NUM_THREADS": "1",
        "MPLBACKEND": "Agg",
    }


class _PidsCgroup:
    """A cgroup-v1/v2 pids group, when this machine lets us make one (best effort)."""

    def __init__(self, limit: int):
        self.path: Path | None = None
        for base in (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup/unified"), Path("/sys/fs/cgroup")):
            if not (base / "cgroup.procs").exists():
                continue
            path = base / f"dlbook-{uuid.uuid4().hex[:12]}"
            try:
                path.mkdir()
                if (path / "pids.max").exists():
                    (path / "pids.max").write_text(str(limit))
                    self.path = path
                    return
                path.rmdir()
            except OSError:
                try:
                    path.rmdir()
                except OSError:
                    pass

    def add(self, pid: int) -> bool:
        if self.path is None:
            return False
        try:
            (self.path / "cgroup.procs").write_text(str(pid))
            return True
        except OSError:
            return False

    def pids(self) -> list[int]:
        if self.path is None:
            return []
        try:
            return [int(p) for p in (self.path / "cgroup.procs").read_text().split()]
        except OSError:
            return []

    def destroy(self):
        if self.path is None:
            return
        for _ in range(250):
            pids = self.pids()
            if not pids:
                break
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            time.sleep(0.002)
        try:
            self.path.rmdir()
        except OSError:
            pass


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read().decode(errors="replace")
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        for c in children.get(pid, []):
            out.append(c)
            todo.append(c)
    return out


class Sandbox:
    """The sandboxed fork server of one submission."""

    def __init__(self, submission: Path, limits: Limits | None = None, use_bwrap: bool | None = None,
                 hide: list[Path] | None = None):
        self.submission = Path(submission)
        # Without bubblewrap: folders to cover (course checkout, other submissions), where root can.
        self.hide = [str(Path(p).resolve()) for p in (hide or [])]
        self.limits = limits or Limits()
        self.use_bwrap = (bwrap_path() is not None and _bwrap_works()) if use_bwrap is None else use_bwrap
        self.tmp = Path(tempfile.mkdtemp(prefix="dlbook-sandbox-"))
        os.chmod(self.tmp, 0o755)
        self.copy = self.tmp / "submission"
        self.copy.mkdir()
        copy_submission(self.submission, self.copy)
        self.proc: subprocess.Popen | None = None
        self.control: socket.socket | None = None
        self.cgroup: _PidsCgroup | None = None
        self.workers: dict[str, Worker] = {}
        self.restarts = 0
        self.uid = 200000 + int.from_bytes(os.urandom(2), "big")

    # The fork server ---------------------------------------------------------------------
    def _command(self) -> list[str]:
        boot = (f"import sys; sys.path.insert(0, {self._lib()!r}); "
                "from autograder.worker.host import main; main()")
        py = [sys.executable, "-I", "-c", boot]
        sub = SANDBOX_SUBMISSION if self.use_bwrap else str(self.copy)
        if not self.use_bwrap:
            return py + [sub] + (["--hide", *self.hide] if self.hide else [])
        cmd = [bwrap_path(), "--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534",
               "--die-with-parent", "--new-session", "--proc", "/proc", "--dev", "/dev",
               *(["--size", str(TMP_BYTES)] if _bwrap_has_size() else []), "--tmpfs", "/tmp",
               "--clearenv", "--chdir", "/tmp"]
        for d in ("/usr", "/bin", "/lib", "/lib64", "/lib32", "/sbin", "/etc/ld.so.cache", "/etc/ld.so.conf",
                  "/etc/ld.so.conf.d", "/etc/alternatives", "/etc/localtime"):
            if os.path.exists(d):
                cmd += ["--ro-bind", d, d]
        for root in _python_roots():
            cmd += ["--ro-bind", root, root]
        cmd += ["--ro-bind", str(WORKER_PKG / "worker"), f"{SANDBOX_LIB}/autograder/worker",
                "--ro-bind", str(WORKER_PKG / "__init__.py"), f"{SANDBOX_LIB}/autograder/__init__.py",
                "--ro-bind", str(self.copy), SANDBOX_SUBMISSION]
        for k, v in _clean_env().items():
            cmd += ["--setenv", k, v]
        cmd += ["--remount-ro", "/", "--remount-ro", "/dev"]  # only /tmp (size-limited) is writable
        return cmd + ["--"] + py + [sub]

    def _lib(self) -> str:
        return SANDBOX_LIB if self.use_bwrap else str(WORKER_PKG.parent)

    def start(self):
        if self.proc is not None and self.proc.poll() is None:
            return
        self._stop_server()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        os.set_inheritable(theirs.fileno(), True)
        fd = theirs.fileno()

        self.cgroup = _PidsCgroup(self.limits.processes + 8)
        procs = str(self.cgroup.path / "cgroup.procs") if self.cgroup.path else None

        def preexec():
            if procs:  # join the pids cgroup before exec: bwrap forks its sandbox right away
                with open(procs, "w") as fh:
                    fh.write("0")
            if fd != 3:
                os.dup2(fd, 3)
                os.close(fd)  # only fd 3 may reach the fork server (and never its children)
            os.set_inheritable(3, True)

        self.proc = subprocess.Popen(
            self._command(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=None if os.environ.get("DLBOOK_DEBUG") else subprocess.DEVNULL,
            pass_fds=(fd, 3) if fd != 3 else (3,), preexec_fn=preexec, env=_clean_env(),
            cwd=str(self.copy), start_new_session=True, close_fds=True,
        )
        theirs.close()
        self.cgroup.add(self.proc.pid)
        self.control = ours
        self.control.settimeout(30)

    def _control(self, request: dict, fds: list[int] | None = None) -> dict:
        self.start()
        data = json.dumps(request).encode()
        socket.send_fds(self.control, [data], fds or [])
        reply = self.control.recv(65536)
        if not reply:
            raise OSError("fork server closed")
        return json.loads(reply.decode())

    def spawn(self, module: str) -> tuple[socket.socket, int]:
        """A fresh child for ``module``; restarts the fork server once if it is gone."""
        for attempt in range(2):
            ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                reply = self._control({"op": "spawn", "module": module, "limits": self._child_limits()},
                                      [theirs.fileno()])
                theirs.close()
                return ours, int(reply["pid"])
            except (OSError, ValueError, KeyError, socket.timeout):
                ours.close()
                theirs.close()
                self.restarts += 1
                self._stop_server()
                if attempt:
                    raise StudentError("the sandbox could not start a worker (killed by earlier code?)") from None
        raise AssertionError("unreachable")

    def _child_limits(self) -> dict:
        limits = self.limits.for_child()
        limits["processes"] = 0 if self.cgroup and self.cgroup.path else self.limits.processes
        limits["uid"] = self.uid  # without bubblewrap: a user of its own, so no other sandbox can be signalled
        return limits

    def kill_child(self, pid: int):
        try:
            self.control.settimeout(5)
            self._control({"op": "kill", "pid": pid})
        except (OSError, ValueError, socket.timeout, AttributeError):
            # The fork server itself is stuck or gone: start over.
            self._stop_server()
        finally:
            if self.control is not None:
                self.control.settimeout(30)

    def worker(self, module: str) -> "Worker":
        if module not in self.workers:
            self.workers[module] = Worker(self, module)
        return self.workers[module]

    def _stop_server(self):
        if self.control is not None:
            try:
                self.control.close()
            except OSError:
                pass
            self.control = None
        if self.proc is not None:
            # Every process the sandbox started is in its pids cgroup (joined before exec), even
            # detached ones; without a cgroup, walk the process tree.
            victims = self.cgroup.pids() if self.cgroup is not None and self.cgroup.path else _descendants(self.proc.pid)
            for pid in [self.proc.pid, *victims]:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            self.proc = None
        if self.cgroup is not None:
            self.cgroup.destroy()
            self.cgroup = None
        for w in self.workers.values():
            w.sock = None

    def close(self):
        for w in self.workers.values():
            w.close()
        self._stop_server()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Worker:
    """One section's module in its own child process.

    The module is imported by a separate ``load`` request, so a module that hangs or crashes
    at import fails every test of its section at once instead of timing out test after test.
    A function that timed out twice fails its later calls at once, for the same reason.
    """

    MAX_TIMEOUTS_PER_FUNCTION = 2

    def __init__(self, sandbox: Sandbox, module: str):
        self.sandbox = sandbox
        self.module = module
        self.sock: socket.socket | None = None
        self.pid: int | None = None
        self.generation = 0
        self.broken: GradingProblem | None = None
        self.timeouts: dict[str, int] = {}

    def _ensure(self):
        if self.broken is not None:
            raise type(self.broken)(str(self.broken))
        if self.sock is not None:
            return
        self.sock, self.pid = self.sandbox.spawn(self.module)
        self.generation += 1
        try:
            reply = self._exchange({"op": "load"}, self.sandbox.limits.timeout, "importing the module")
        except GradingProblem as exc:
            self.broken = exc
            raise
        if not reply.get("ok"):
            kind = reply.get("kind")
            cls = ModuleMissing if kind == "missing" else StudentError
            self.broken = cls(str(reply.get("message", "the module could not be imported"))[:800])
            raise self.broken

    def restart(self):
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
            self.sandbox.kill_child(self.pid)
        self.sock = None

    def request(self, message: dict, timeout: float | None = None, what: str = "the call") -> dict:
        timeout = self.sandbox.limits.timeout if timeout is None else timeout
        self._ensure()
        return self._exchange(message, timeout, what)

    def _exchange(self, message: dict, timeout: float, what: str) -> dict:
        try:
            payload = codec.encode(message)
        except codec.CodecError as exc:  # a test bug, not the student's
            raise RuntimeError(f"test input cannot be sent to the worker: {exc}") from None
        deadline = time.monotonic() + timeout
        try:
            self.sock.settimeout(timeout)
            send_frame(self.sock, payload)
            data = recv_frame(self.sock, MAX_MESSAGE, deadline)
        except socket.timeout:
            self.restart()
            raise WorkerTimeout(f"{what} did not finish within {timeout:g} s (infinite loop or too slow?)") from None
        except (EOFError, OSError):
            self.restart()
            raise StudentError(f"{what} crashed the worker process (segfault, os._exit, or killed "
                               f"for exceeding the memory/CPU limits)") from None
        except ValueError as exc:
            self.restart()
            raise StudentError(f"{what} sent back too much data ({exc})") from None
        try:
            reply = codec.decode(data)
        except codec.CodecError as exc:
            self.restart()
            raise StudentError(f"{what} returned something that is not plain data: {exc}") from None
        if not isinstance(reply, dict) or "ok" not in reply:
            self.restart()
            raise StudentError(f"{what}: the worker's reply was forged or corrupted")
        return reply

    def call(self, func: str, args=(), kwargs=None, *, keep: bool = False, check_pure: bool = True,
             timeout: float | None = None) -> Reply:
        what = f"{func}(...)"
        if self.timeouts.get(func, 0) >= self.MAX_TIMEOUTS_PER_FUNCTION:
            raise WorkerTimeout(f"{what} was not run again: it already timed out {self.timeouts[func]} times")
        try:
            reply = self.request({"op": "call", "func": func, "args": list(args), "kwargs": dict(kwargs or {}),
                                  "keep": keep, "check_pure": check_pure}, timeout=timeout, what=what)
        except WorkerTimeout:
            self.timeouts[func] = self.timeouts.get(func, 0) + 1
            raise
        return interpret(func, reply)

    def fetch(self, handle: codec.Handle, timeout: float | None = None):
        reply = self.request({"op": "fetch", "handle": handle}, timeout=timeout, what="reading a kept value")
        if not reply.get("ok"):
            raise StudentError(str(reply.get("message", "failed"))[:800])
        return reply.get("value")

    def close(self):
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
            self.sock = None
