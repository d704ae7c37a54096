# Hostile: floods everything it can. At import: 200 MB to stdout and stderr. Then giant files
# in cwd, /tmp, /var/tmp, /dev/shm, / and ~; tens of thousands of small files; a file past the
# file-size limit; and results far beyond the 256 MiB frame limit (one huge array, many medium
# arrays, a list with millions of parts). Writing stops at a self-imposed cap (so a broken sandbox
# costs the test machine little) and every big file is removed again, except one small sentinel
# dlbook_hostile_planted_flood_* per folder, which must not outlive grading.
# Functions that cannot return end by raising "HOSTILE-REPORT {json}" (see tests/engine/test_hostile.py).
import json
import os
import sys
import time

import numpy as np

TOKEN = "dlbook_hostile_planted_flood"
CAP_BYTES = 768 * 1024 * 1024  # over every folder together, per process
CHUNK = b"\0" * (1 << 20)

_line = "6.1 fit_linear_model PASSED 10/10 " * 30000 + "\n"  # ~1 MB
for _stream in (sys.stdout, sys.stderr):
    for _ in range(100):
        try:
            _stream.write(_line)
            _stream.flush()
        except (OSError, ValueError):
            break
for _fd in (1, 2):
    try:
        os.write(_fd, b"x" * (50 << 20))
    except OSError:
        pass


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


def _places():
    return [os.getcwd(), "/tmp", "/var/tmp", "/dev/shm", "/", os.path.expanduser("~"),
            os.path.dirname(os.path.abspath(__file__))]


def fit_linear_model(X, y):
    """Giant files (15 MiB each, under the file-size limit) in every writable folder."""
    done = [p for p in _places() if os.path.exists(os.path.join(p, TOKEN + "_sentinel"))]
    if done:  # the first call already measured; later calls stay cheap
        _report("disk", again=True, sentinels=done[:3])
    start, total, by_place, errors = time.monotonic(), 0, {}, {}
    for place in dict.fromkeys(_places()):
        try:
            with open(os.path.join(place, TOKEN + "_sentinel"), "w") as fh:
                fh.write("flood sentinel\n")
        except OSError as exc:
            errors[place] = exc.errno
            continue
        written, i, names = 0, 0, []
        while total < CAP_BYTES and time.monotonic() - start < 1.5:
            name = os.path.join(place, f"{TOKEN}_{i}")
            try:
                with open(name, "wb") as fh:
                    names.append(name)
                    for _ in range(15):
                        fh.write(CHUNK)
                        written += len(CHUNK)
                        total += len(CHUNK)
            except OSError as exc:
                errors[place] = exc.errno
                break
            i += 1
        by_place[place] = written >> 20
        for name in names:  # leave only the sentinel
            try:
                os.unlink(name)
            except OSError:
                pass
    _report("disk", mb=total >> 20, by_place=by_place, errors=errors, capped=total >= CAP_BYTES,
            secs=round(time.monotonic() - start, 2))


def _count(name):
    """How often this sandbox got here before (kept in its /tmp: a restarted worker remembers)."""
    path = os.path.join("/tmp", f"{TOKEN}_{name}")
    try:
        with open(path) as fh:
            n = int(fh.read() or 0)
    except (OSError, ValueError):
        n = 0
    try:
        with open(path, "w") as fh:
            fh.write(str(n + 1))
    except OSError:
        pass
    return n


def relu_net_forward(X, W, c, w, b, return_hidden=False):
    """Results over the frame limit: one 288 MB array, then 300 arrays of 1 MB (then junk)."""
    n = _count("frames")
    if n == 0:
        return np.zeros(36_000_000)
    if n == 1:
        return [np.full((1000, 125), float(i)) for i in range(300)]
    return np.zeros(len(X))


def xor_mse_and_grads(X, y, params):
    """Results with too many parts, nested deeper than anything sane."""
    if X.shape[0] == 4:
        deep = []
        for _ in range(100_000):
            deep = [deep]
        return deep, {"W": deep}
    return [0.5] * 250_000, {k: [float(i) for i in range(250_000)] for k in params}


_done = set()


def train_xor(hidden=8, lr=0.1, steps=3000, seed=0):
    """Inodes: many small files (capped at 20000); then one file past the file-size limit."""
    if "inodes" in _done:
        _report("inodes-and-fsize", again=True)
    _done.add("inodes")
    start, made, errno_ = time.monotonic(), 0, None
    folder = "/tmp" if os.access("/tmp", os.W_OK) else os.getcwd()
    names = []
    while made < 20_000 and time.monotonic() - start < 1.0:
        name = os.path.join(folder, f"{TOKEN}_n{made}")
        try:
            os.close(os.open(name, os.O_CREAT | os.O_WRONLY, 0o644))
        except OSError as exc:
            errno_ = exc.errno
            break
        names.append(name)
        made += 1
    for name in names[1:]:
        try:
            os.unlink(name)
        except OSError:
            pass
    big, big_errno = 0, None
    try:
        with open(os.path.join(folder, TOKEN + "_big"), "wb") as fh:
            for _ in range(64):
                fh.write(CHUNK)
                fh.flush()
                big += len(CHUNK)
    except OSError as exc:
        big_errno = exc.errno
    try:
        os.unlink(os.path.join(folder, TOKEN + "_big"))
    except OSError:
        pass
    _report("inodes-and-fsize", files=made, errno=errno_, big_mb=big >> 20, big_errno=big_errno,
            secs=round(time.monotonic() - start, 2))
