"""Gradescope: ``dlbook gradescope OUT.zip`` builds an autograder zip, and ``run`` is what its
``run_autograder`` calls on Gradescope's machine.

The zip holds setup.sh and run_autograder at its root and the course under source/ (course.yml,
the engine, solutions/ and the hidden tests: the zip stays with the instructor and Gradescope).
A submission may be the chapter folders (ch06/xor.py ...) or loose files (xor.py,
answers_xor.yml): loose files are placed by module name. Grading uses the same hardened
grader as ``dlbook grade`` (bubblewrap is installed by setup.sh) and writes
/autograder/results/results.json with hidden tests visible after publishing.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from autograder.course import Course

SETUP = """#!/usr/bin/env bash
# Gradescope setup: bubblewrap for the sandbox, then the course package and what it needs.
set -euo pipefail
apt-get update -qq && apt-get install -y -qq bubblewrap python3-pip python3-venv >/dev/null || true
python3 -m pip install --quiet --upgrade pip || true
python3 -m pip install --quiet -e /autograder/source
"""

RUN = """#!/usr/bin/env bash
# Gradescope entry point: grade /autograder/submission, write /autograder/results/results.json.
set -uo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
PYTHON="${PYTHON:-python3}"
cd "$ROOT/source" && exec "$PYTHON" -m autograder.gradescope --root "$ROOT"
"""

SOURCE_PARTS = ("course.yml", "pyproject.toml", "README.md", "autograder", "solutions", "tests/sections")


def build_zip(course: Course, out: Path) -> int:
    """Write the autograder zip; returns the number of files in it."""
    from autograder.atomic import write_bytes_atomic
    import io

    buf = io.BytesIO()
    count = 0
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in (("setup.sh", SETUP), ("run_autograder", RUN)):
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o755 << 16
            zf.writestr(info, text)
            count += 1
        for part in SOURCE_PARTS:
            path = course.root / part
            files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
            for f in files:
                if "__pycache__" in f.parts or f.suffix == ".pyc" or f.name.startswith("answers_"):
                    continue
                zf.write(f, "source/" + str(f.relative_to(course.root)))
                count += 1
    write_bytes_atomic(out, buf.getvalue())
    return count


def arrange(course: Course, submission: Path, dest: Path) -> None:
    """Copy a Gradescope submission into a dlbook submission folder (dest/chNN/...)."""
    by_file = {}
    for s in course.sections:
        by_file[f"{s.name}.py"] = s.filename
        by_file[f"answers_{s.name}.yml"] = s.answers_file
    for f in sorted(submission.rglob("*")):
        if f.is_symlink() or not f.is_file():
            continue
        target = by_file.get(f.name)
        if target is None:
            continue
        rel = f.relative_to(submission)
        # prefer a file already in its chapter folder over a loose one with the same name
        if (dest / target).exists() and rel.parts[0] != target.split("/")[0]:
            continue
        (dest / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, dest / target)


def run(root: Path) -> dict:
    from autograder import course as course_mod
    from autograder import grading, report
    from autograder.quiz_grading import grade_quizzes

    course = course_mod.load(Path(__file__).resolve().parent.parent if (root / "source").is_dir() is False
                             else root / "source")
    sections = course.written()
    work = Path(tempfile.mkdtemp(prefix="dlbook-gs-")) / "submission"
    work.mkdir()
    arrange(course, root / "submission", work)
    sub = grading.Submission("submission", work)
    raw = grading.run_tests(course, [sub], sections)
    result = report.submission_result(course, sub.id, sections, raw[sub.id], grade_quizzes(course, sections, work))
    out = report.to_gradescope(result)
    found = sorted(str(p.relative_to(work)) for p in work.rglob("*") if p.is_file())
    out["output"] = ("Graded files: " + (", ".join(found) if found else "none found (name files like xor.py, "
                                                                          "or hand in the chNN folders)"))
    (root / "results").mkdir(parents=True, exist_ok=True)
    from autograder.atomic import write_text_atomic
    write_text_atomic(root / "results" / "results.json", json.dumps(out, indent=2))
    shutil.rmtree(work.parent, ignore_errors=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.gradescope")
    parser.add_argument("--root", default=os.environ.get("AUTOGRADER_ROOT", "/autograder"))
    ns = parser.parse_args(argv)
    run(Path(ns.root))
    return 0


if __name__ == "__main__":
    sys.exit(main())
