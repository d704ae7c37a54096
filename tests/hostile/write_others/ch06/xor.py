# Hostile: tries to write outside its sandbox: into the instructor's checkout (solutions/,
# tests/sections/, exercises/), other students' folders and their sandbox copies, found by walking
# up from its own file and cwd, from ../*, from /proc/*/cmdline, environ, cwd and root, and from
# /tmp/dlbook-*, /tmp/pytest-of-*. It plants new files named dlbook_hostile_planted_* and rewrites
# existing .py files with their own bytes (so a successful write is visible, by mtime and in the
# report below, without destroying anyone's work if the sandbox ever fails).
# Every function ends by raising "HOSTILE-REPORT {json}": what it managed, for tests/engine/test_hostile.py.
import json
import os
import time


TOKEN = "dlbook_hostile_planted"
PLANTED = f"# {TOKEN}: if you can read this, a sandboxed submission wrote here\n"


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


def _again(what):
    """Each attack runs once per worker; later calls repeat its report (keeps grading fast)."""
    if what in _reports:
        raise RuntimeError(_reports[what])


def _ancestors(path):
    out = []
    path = os.path.abspath(path)
    while True:
        out.append(path)
        parent = os.path.dirname(path)
        if parent == path:
            return out
        path = parent


def _proc_paths():
    """Absolute paths named by any process we can see (cmdline, environ, cwd, root)."""
    found = set()
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        for what in ("cmdline", "environ"):
            try:
                with open(f"/proc/{pid}/{what}", "rb") as fh:
                    data = fh.read(1 << 16)
            except OSError:
                continue
            for token in data.split(b"\0"):
                text = token.decode(errors="replace")
                text = text.split("=", 1)[1] if what == "environ" and "=" in text else text
                for part in text.replace(" ", ":").split(":"):
                    if part.startswith("/") and len(part) < 300:
                        found.add(part)
        for link in ("cwd", "root"):
            try:
                found.add(os.readlink(f"/proc/{pid}/{link}"))
            except OSError:
                pass
    return found


def _candidate_dirs():
    """Folders that might be a course checkout, a submission, or a folder of submissions."""
    seeds = set(_ancestors(os.path.dirname(os.path.abspath(__file__)))) | set(_ancestors(os.getcwd()))
    for rel in ("..", "../..", "../../.."):
        try:
            seeds.update(os.path.abspath(os.path.join(rel, e)) for e in os.listdir(rel))
        except OSError:
            pass
    for p in _proc_paths():
        seeds.update(_ancestors(p if os.path.isdir(p) else os.path.dirname(p)))
    for pattern in ("/tmp/dlbook-*", "/tmp/dlbook-*/*", "/tmp/pytest-of-*/pytest-*/*", "/tmp/pytest-of-*/pytest-*/*/*",
                    "/work/*", "/home/*", "/home/*/*", "/root/*", "/srv/*", "/opt/*", "/tmp/*"):
        seeds.update(_glob(pattern))
    return sorted(d for d in seeds if os.path.isdir(d))


def _plant(folder, name):
    path = os.path.join(folder, name)
    try:
        with open(path, "x") as fh:
            fh.write(PLANTED)
        return path
    except OSError:
        return None


def _rewrite(path):
    """Write a file's own bytes back: proves write access, changes nothing but the mtime."""
    try:
        with open(path, "r+b") as fh:
            data = fh.read()
            fh.seek(0)
            fh.write(data)
        return path
    except OSError:
        return None


def _attack(dirs, deadline):
    planted, rewritten, tried = [], [], 0
    for d in dirs:
        if time.monotonic() > deadline:
            break
        targets = [d]
        for sub in ("solutions/ch06", "tests/sections/ch06", "tests/sections/ch06/__pycache__", "exercises/ch06",
                    "tests/hostile/planted_conftest/ch06", "ch06"):
            if os.path.isdir(os.path.join(d, sub)):
                targets.append(os.path.join(d, sub))
        targets += [os.path.dirname(p) for p in _glob(os.path.join(d, "*", "ch06", "xor.py"))]
        for t in targets:
            tried += 1
            name = f"test_{TOKEN}.py" if "sections" in t else f"{TOKEN}.py"
            p = _plant(t, name)
            if p:
                planted.append(p)
            for f in _glob(os.path.join(t, "*.py"))[:20]:
                if os.path.abspath(f) != os.path.abspath(__file__) and TOKEN not in f and _rewrite(f):
                    rewritten.append(f)
    return planted, rewritten, tried


def fit_linear_model(X, y):
    _again('walk-up')
    # Up from its own file and cwd, and sideways through ../*.
    dirs = sorted(set(_ancestors(os.path.dirname(os.path.abspath(__file__)))) | set(_ancestors(os.getcwd())))
    for rel in ("..", "../.."):
        try:
            dirs += [os.path.abspath(os.path.join(rel, e)) for e in os.listdir(rel)]
        except OSError:
            pass
    planted, rewritten, tried = _attack(dirs, time.monotonic() + 1.0)
    _report("walk-up", planted=planted[:4], n_planted=len(planted), rewritten=rewritten[:4],
            n_rewritten=len(rewritten), tried=tried)


def relu_net_forward(X, W, c, w, b, return_hidden=False):
    _again('proc-and-globs')
    # Every folder any visible process names (the scoring process's --course, pytest's tmp dirs ...).
    planted, rewritten, tried = _attack(_candidate_dirs(), time.monotonic() + 1.5)
    _report("proc-and-globs", planted=planted[:4], n_planted=len(planted), rewritten=rewritten[:4],
            n_rewritten=len(rewritten), tried=tried)


def xor_mse_and_grads(X, y, params):
    _again('proc-links')
    # Through other processes' /proc/<pid>/cwd and /proc/<pid>/root.
    planted, rewritten = [], []
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        for link in ("cwd", "root"):
            base = f"/proc/{pid}/{link}"
            for sub in ("", "solutions/ch06", "tests/sections/ch06"):
                p = _plant(os.path.join(base, sub), f"{TOKEN}_{link}.py")
                if p:
                    planted.append(p)
            for f in _glob(os.path.join(base, "solutions", "ch06", "*.py"))[:5]:
                if _rewrite(f):
                    rewritten.append(f)
    _report("proc-links", planted=planted[:4], n_planted=len(planted), rewritten=rewritten[:4],
            n_rewritten=len(rewritten))


def train_xor(hidden=8, lr=0.1, steps=3000, seed=0):
    _again('other-sandboxes')
    # Other submissions' sandbox copies and the grader's result files in /tmp.
    mine = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    read, rewritten, planted = [], [], []
    for f in _glob("/tmp/dlbook-*/submission/*/*.py") + _glob("/tmp/dlbook-*/*/*.json") + _glob("/tmp/dlbook-*/*.json"):
        if os.path.abspath(f).startswith(mine + os.sep):
            continue
        try:
            with open(f, "rb") as fh:
                fh.read(1)
            read.append(f)
        except OSError:
            continue
        if _rewrite(f):
            rewritten.append(f)
    for d in _glob("/tmp/dlbook-*") + _glob("/tmp/dlbook-*/*"):
        if os.path.isdir(d) and not mine.startswith(os.path.abspath(d)):
            p = _plant(d, f"{TOKEN}.py")
            if p:
                planted.append(p)
    _report("other-sandboxes", read=read[:3], n_read=len(read), rewritten=rewritten[:3], n_rewritten=len(rewritten),
            planted=planted[:3], n_planted=len(planted))
