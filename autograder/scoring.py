"""One scoring process: run the hidden tests of some sections against some targets.

``python -m autograder.scoring TARGETS.json RESULTS_DIR [--timeout S]`` runs pytest in this
process with the ``autograder.plugin`` plugin; the plugin writes ``RESULTS_DIR/<index>.json``
for each target as soon as its last test has run. Student code never runs here, only in the
sandbox each target gets.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from pathlib import Path

from autograder import course as course_mod


UNUSED_PLUGINS = ("unraisableexception", "threadexception", "logging", "warnings", "faulthandler", "doctest",
                  "junitxml", "pastebin", "stepwise", "setuponly", "setupplan", "recwarn", "legacypath", "debugging")


def pytest_args(course: course_mod.Course, sections: list[str], targets_file: Path, results_dir: Path,
                timeout: float | None) -> list[str]:
    files = []
    for sid in sections:
        path = course.hidden_test_path(course.section(sid))
        if path.is_file():
            files.append(str(path))
    args = files + [
        "-p", "autograder.plugin", "-o", "addopts=", "--rootdir", str(course.root),
        "-c", str(course.root / "pyproject.toml"), "--import-mode=importlib", "--assert=plain",
        "-p", "no:cacheprovider", "-q", "--no-header", "-W", "ignore", "-s",
        # Student code never runs in this process: per-test capture, log and warning
        # bookkeeping and the final gc sweeps only cost time here.
        *(x for name in UNUSED_PLUGINS for x in ("-p", f"no:{name}")),
        "--dlbook-targets", str(targets_file), "--dlbook-results", str(results_dir),
    ]
    if timeout:
        args += ["--dlbook-timeout", str(timeout)]
    return args


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.scoring")
    parser.add_argument("targets")
    parser.add_argument("results")
    parser.add_argument("--course", required=True)
    parser.add_argument("--timeout", type=float, default=None)
    parser.add_argument("--verbose", action="store_true")
    ns = parser.parse_args(argv)
    import warnings

    import pytest

    warnings.simplefilter("ignore")  # the warnings plugin is off (UNUSED_PLUGINS); nothing to report here
    course = course_mod.load(Path(ns.course))
    targets = json.loads(Path(ns.targets).read_text())
    sections: list[str] = []
    for t in targets:
        for sid in t["sections"]:
            if sid not in sections:
                sections.append(sid)
    args = pytest_args(course, sections, Path(ns.targets), Path(ns.results), ns.timeout)
    if ns.verbose:
        return int(pytest.main(args))
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink):
        code = pytest.main(args)
    if code not in (0, 1):  # 1: some tests failed, which is what grading is for
        sys.stderr.write(sink.getvalue()[-4000:])
    return 0 if code in (0, 1) else int(code)


if __name__ == "__main__":
    sys.exit(main())
