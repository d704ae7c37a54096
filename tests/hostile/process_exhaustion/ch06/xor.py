# Hostile: exhausts processes, threads and file descriptors, and leaves behind a process that
# ignores every signal it can, left its session and burns CPU.
# Self-bounded so that a broken sandbox cannot take the test machine down: the fork bomb stops at
# fan-out 4 and depth 4 (340 processes) and its processes exit after 2 s; the thread bomb stops
# at 2000 threads; the immortal process exits on its own after 120 s. Process names (comm) start
# with "dlbh-" so tests can check that none outlives grading.
# Each function measures once (a module-level flag) and ends by raising "HOSTILE-REPORT {json}".
import ctypes
import json
import os
import resource
import signal
import socket
import threading
import time

PR_SET_NAME, PR_SET_PDEATHSIG = 15, 1
_done = set()


def _dump(what, info):
    """The report as JSON of at most 400 characters: numbers first, long lists cut short."""
    info = dict(sorted(info.items(), key=lambda kv: isinstance(kv[1], (list, dict))))
    while True:
        text = json.dumps({"attack": what, **info}, separators=(",", ":"), default=str)
        longest = max((k for k, v in info.items() if isinstance(v, (list, dict)) and v),
                      key=lambda k: len(json.dumps(info[k], default=str)), default=None)
        if len(text) <= 400 or longest is None:
            return text[:400]
        v = info[longest]
        info[longest] = v[:-1] if isinstance(v, list) else dict(list(v.items())[:-1])


def _report(what, **info):
    raise RuntimeError("HOSTILE-REPORT " + _dump(what, info))


def _name(name):
    try:
        ctypes.CDLL(None).prctl(PR_SET_NAME, name.encode(), 0, 0, 0)
    except Exception:  # noqa: BLE001
        pass


def _once(what):
    if what in _done:
        _report(what, again=True)
    _done.add(what)


def _bomb(level, w, deadline):
    """Fork 4 children, each of which does the same one level down (4 levels: 340 processes)."""
    for _ in range(4):
        if level >= 4:
            return
        try:
            pid = os.fork()
        except OSError:
            os.write(w, b"e")
            return
        if pid == 0:
            try:
                _name("dlbh-forkbomb")
                os.write(w, b"x")
                _bomb(level + 1, w, deadline)
                time.sleep(max(0.0, deadline - time.monotonic()))
            finally:
                os._exit(0)


def fit_linear_model(X, y):
    """Fork bomb: every process forks 4 children, 4 levels deep, as fast as it can."""
    _once("fork-bomb")
    r, w = os.pipe()
    start = time.monotonic()
    _bomb(0, w, start + 2.0)
    os.close(w)
    time.sleep(0.3)
    os.set_blocking(r, False)
    try:
        counts = os.read(r, 1 << 16)
    except BlockingIOError:
        counts = b""
    os.close(r)
    for _ in range(8):  # reap the first level (the rest is reaped by the sandbox)
        try:
            os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
    _report("fork-bomb", processes=counts.count(b"x"), failed_forks=counts.count(b"e"),
            secs=round(time.monotonic() - start, 2))


def relu_net_forward(X, W, c, w, b, return_hidden=False):
    """Thread bomb: sleeping threads until the system says no (capped at 2000)."""
    _once("thread-bomb")
    stop, threads, error = threading.Event(), [], None
    start = time.monotonic()
    while len(threads) < 2000 and time.monotonic() - start < 1.5:
        t = threading.Thread(target=stop.wait, daemon=True)
        try:
            t.start()
        except (RuntimeError, MemoryError, OSError) as exc:
            error = type(exc).__name__
            break
        threads.append(t)
    stop.set()
    _report("thread-bomb", threads=len(threads), error=error, secs=round(time.monotonic() - start, 2))


def xor_mse_and_grads(X, y, params):
    """File descriptors: raise the limit if it can, then open everything it is allowed."""
    _once("fd-bomb")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (1 << 20, 1 << 20))
        raised = True
    except (ValueError, OSError):
        raised = False
    fds, error = [], None
    while len(fds) < 100_000:
        try:
            fds.append(os.dup(0))
            a, b = socket.socketpair()
            fds += [a.detach(), b.detach()]
            fds += list(os.pipe())
        except OSError as exc:
            error = exc.errno
            break
    n = len(fds)
    for fd in fds:
        os.close(fd)
    _report("fd-bomb", fds=n, error=error, limit=[soft, hard], raised=raised)


def train_xor(hidden=8, lr=0.1, steps=3000, seed=0):
    """An immortal: double fork, new session, every catchable signal ignored or blocked, CPU burn."""
    _once("immortal")
    if os.fork() == 0:
        try:
            os.setsid()
            if os.fork() == 0:
                _name("dlbh-immortal")
                try:
                    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0)
                except Exception:  # noqa: BLE001
                    pass
                for sig in range(1, signal.NSIG):
                    try:
                        signal.signal(sig, signal.SIG_IGN)
                    except (OSError, ValueError, RuntimeError):
                        pass
                try:
                    signal.pthread_sigmask(signal.SIG_BLOCK, range(1, signal.NSIG))
                except (OSError, ValueError):
                    pass
                end = time.monotonic() + 120
                while time.monotonic() < end:
                    sum(range(10_000))
        finally:
            os._exit(0)
    time.sleep(0.1)
    _report("immortal", started=True)
