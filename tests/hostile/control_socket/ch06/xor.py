# Hostile: goes after the sandbox's own machinery from inside a section's worker: the sockets it
# inherited (only its own channel should be there; the fork server's control channel must not),
# the fork server's file descriptors through pidfd_getfd, and the fork server's memory through
# /proc/<ppid>/mem opened for writing. It only looks and reports (raising "HOSTILE-REPORT {json}"):
# stealing the control channel stalls grading (each stolen spawn costs the grader's 30 s control
# timeout) and writing the fork server's memory would take it over.
import ctypes
import json
import os
import socket

SYS_PIDFD_GETFD = 438  # the same number on every Linux architecture


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


def _sockets():
    out = []
    for fd in sorted(int(f) for f in os.listdir("/proc/self/fd")):
        try:
            if os.readlink(f"/proc/self/fd/{fd}").startswith("socket:"):
                out.append(fd)
        except OSError:
            pass
    return out


def fit_linear_model(X, y):
    socks = _sockets()
    peeked = {}
    for fd in socks:  # is anything waiting on it that was meant for someone else?
        s = socket.socket(fileno=os.dup(fd))
        try:
            peeked[fd] = len(s.recv(1 << 16, socket.MSG_PEEK | socket.MSG_DONTWAIT))
        except OSError as exc:
            peeked[fd] = exc.errno
        finally:
            s.close()
    _report("inherited-sockets", sockets=socks, n_sockets=len(socks), peeked=peeked)


def relu_net_forward(X, W, c, w, b, return_hidden=False):
    grabbed = []
    try:
        pidfd = os.pidfd_open(os.getppid())
    except (OSError, AttributeError) as exc:
        _report("pidfd-getfd", error=str(exc)[:80])
    libc = ctypes.CDLL(None, use_errno=True)
    for target in range(0, 16):
        fd = libc.syscall(SYS_PIDFD_GETFD, pidfd, target, 0)
        if fd >= 0:
            try:
                grabbed.append([target, os.readlink(f"/proc/self/fd/{fd}")])
            finally:
                os.close(fd)
    os.close(pidfd)
    _report("pidfd-getfd", grabbed=grabbed, n_grabbed=len(grabbed))


def xor_mse_and_grads(X, y, params):
    try:
        fd = os.open(f"/proc/{os.getppid()}/mem", os.O_RDWR)
        os.close(fd)
        writable = True
    except OSError as exc:
        writable = exc.errno
    _report("parent-mem", writable=writable)


def train_xor(hidden=8, lr=0.1, steps=3000, seed=0):
    try:
        os.kill(os.getppid(), 0)  # could it SIGSTOP the fork server (and stall every later spawn)?
        can_signal = True
    except OSError:
        can_signal = False
    _report("signal-parent", can_signal_parent=can_signal)
