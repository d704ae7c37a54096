"""A real nbgrader round trip: dlbook nbgrader, nbgrader generate_assignment, submissions made from
the release notebooks, nbgrader autograde with a real kernel, and gradebook scores equal to what
dlbook grade gives for the same code."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from autograder import grading, report
from autograder.mutation import load_mutants
from autograder.nbgrader_export import notebook_name, notebook_to_submission
from autograder.quiz_grading import grade_quizzes

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ["6.1", "6.2", "7.1.2", "7.12", "8.5", "9.3"]  # one notebook or more from every chapter issue
TIMEOUT = "2"


def strip_markers(source: str) -> str:
    return "\n".join(line for line in source.split("\n") if "### BEGIN SOLUTION" not in line
                     and "### END SOLUTION" not in line)


@pytest.fixture(scope="module")
def roundtrip(course, tmp_path_factory):
    out = tmp_path_factory.mktemp("nbgrader")
    env = dict(os.environ, DLBOOK_TIMEOUT=TIMEOUT, DLBOOK_COURSE=str(ROOT))
    run = subprocess.run([sys.executable, "-m", "autograder.cli", "nbgrader", str(out), "--force",
                          "-s", ",".join(SECTIONS)], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    nbgrader = [sys.executable, "-m", "nbgrader"]
    sections = [course.section(s) for s in SECTIONS]
    chapters = sorted({s.chapter_dir for s in sections})
    for chapter in chapters:
        run = subprocess.run(nbgrader + ["generate_assignment", chapter, "--force"], cwd=out, capture_output=True,
                             text=True, env=env)
        assert run.returncode == 0 and (out / "release" / chapter).is_dir(), run.stderr[-3000:]
    mutant = load_mutants(ROOT / "tests" / "mutants" / "ch06" / "likelihood_losses.py")[0]

    def edit(student, section, grade_id, source):
        code = strip_markers(source)
        if student == "wrong" and section.id == "6.2" and grade_id.startswith("fn_"):
            full = course.solution_path(section).read_text()
            mutated = mutant.apply(full)
            # the same mutation, applied to this cell's function when it contains the mutated text
            for old, new in mutant.replace:
                code = code.replace(old, new)
            assert mutated != full
        if student == "loop" and grade_id == "fn_fit_linear_model":
            code = code.replace('    X = np.asarray(X, dtype=float)\n    y = np.asarray(y, dtype=float)\n',
                                '    while True:\n        pass\n', 1)
        return code

    students = ["correct", "stubs", "wrong", "loop"]
    # The wrong and the looping student matter in chapter 6 only: they hand in nothing else.
    handed_in = {st: [s for s in sections if st in ("correct", "stubs") or s.chapter_dir == "ch06"]
                 for st in students}
    for student in students:
        for section in handed_in[student]:
            folder = out / "submitted" / student / section.chapter_dir
            folder.mkdir(parents=True, exist_ok=True)
            name = notebook_name(section)
            source = nbformat.read(str(out / "source" / section.chapter_dir / f"{name}.ipynb"), as_version=4)
            release = nbformat.read(str(out / "release" / section.chapter_dir / f"{name}.ipynb"), as_version=4)
            if student != "stubs":
                by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source for c in source.cells}
                for cell in release.cells:
                    meta = cell.metadata.get("nbgrader", {})
                    if meta.get("solution"):
                        cell.source = edit(student, section, meta["grade_id"], by_id[meta["grade_id"]])
            nbformat.write(release, str(folder / f"{name}.ipynb"))
    start = time.monotonic()
    for chapter in chapters:
        run = subprocess.run(nbgrader + ["autograde", chapter, "--create", "--force"], cwd=out, capture_output=True,
                             text=True, env=env, timeout=1200)
        assert run.returncode == 0, run.stderr[-3000:]
    elapsed = time.monotonic() - start
    from nbgrader.api import Gradebook
    scores = {}
    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:
        for student in students:
            for section in handed_in[student]:
                nb = gb.find_submission_notebook(notebook_name(section), section.chapter_dir, student)
                scores[(student, section.id)] = (nb.score, nb.max_score)
    # dlbook grade on the same code, extracted from the submitted notebooks
    subs = []
    for student in students:
        dest = out / "as_dlbook" / student
        for section in handed_in[student]:
            notebook_to_submission(out / "submitted" / student / section.chapter_dir /
                                   f"{notebook_name(section)}.ipynb", section, dest)
        subs.append(grading.Submission(student, dest, sections=[s.id for s in handed_in[student]]))
    raw = grading.run_tests(course, subs, sections, jobs=2, timeout=float(TIMEOUT))
    dlbook = {}
    for s in subs:
        mine = [course.section(x) for x in s.sections]
        r = report.submission_result(course, s.id, mine, raw[s.id], grade_quizzes(course, mine, s.path))
        for sec in r["sections"]:
            dlbook[(s.id, sec["id"])] = (sec["score"], sec["max_score"])
    return {"nbgrader": scores, "dlbook": dlbook, "seconds_per_notebook": elapsed / len(scores)}


def test_gradebook_equals_dlbook_grade(roundtrip):
    for key, (score, max_score) in roundtrip["nbgrader"].items():
        d_score, d_max = roundtrip["dlbook"][key]
        assert max_score == pytest.approx(d_max, abs=1e-4), key
        assert score == pytest.approx(d_score, abs=1e-4), (key, score, d_score)


def test_roundtrip_covers_the_cases(roundtrip):
    nb = roundtrip["nbgrader"]
    full = {s: nb[("correct", s)][1] for s in SECTIONS}
    assert all(nb[("correct", s)][0] == pytest.approx(full[s], abs=1e-4) for s in SECTIONS)
    assert all(nb[("stubs", s)][0] == 0 for s in SECTIONS)
    assert nb[("wrong", "6.1")][0] == pytest.approx(full["6.1"], abs=1e-4)
    assert 0 < nb[("wrong", "6.2")][0] < full["6.2"]
    assert 0 < nb[("loop", "6.1")][0] < full["6.1"]
    assert nb[("loop", "6.2")][0] == pytest.approx(full["6.2"], abs=1e-4)
    print(f"nbgrader autograde: {roundtrip['seconds_per_notebook']:.1f} s per notebook")
