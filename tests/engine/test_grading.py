"""End-to-end grading: full marks for solutions/, zero for exercises/, exact scores for a mixed
submission, and hostile submissions that score zero without touching anyone else's grade."""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from autograder import grading
from autograder.errors import UserError

HOSTILE = Path(__file__).resolve().parents[1] / "hostile"
# The class's grading run (fixtures written, mixed_plan, graded) is in conftest.py, shared with
# test_hostile.py, which checks in detail what each hostile submission tried and what it changed.


def copy_solutions(course, dest: Path, sections) -> None:
    for s in sections:
        target = dest / s.filename
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(course.solution_path(s), target)


def scores(result):
    return {s["id"]: s["score"] for s in result["sections"]}


def test_solutions_get_full_marks(graded, written):
    r = graded["solutions"]
    bad = [(s["id"], t["name"], t["message"]) for s in r["sections"] for t in s["tests"] if t["status"] != "passed"]
    assert not bad
    assert r["score"] == r["max_score"] == sum(s.points for s in written)


def test_exercises_score_zero(graded):
    r = graded["exercises"]
    assert r["score"] == 0
    passed = [t["name"] for s in r["sections"] for t in s["tests"] if t["status"] == "passed"]
    assert not passed, f"tests that pass against a stub: {passed}"
    messages = {t["message"] for s in r["sections"] for t in s["tests"]}
    assert all("not implemented yet" in m for m in messages)


def test_every_written_section_appears_with_its_tests(graded, written):
    for r in graded.values():
        assert [s["id"] for s in r["sections"]] == [s.id for s in written]


def test_mixed_submission_scores_exactly(graded, mixed_plan):
    got = scores(graded["mixed"])
    for s in mixed_plan["correct"]:
        assert got[s.id] == s.points, f"{s.id} correct but scored {got[s.id]}"
    for s in mixed_plan["missing"]:
        assert got[s.id] == 0
        statuses = {t["status"] for sec in graded["mixed"]["sections"] if sec["id"] == s.id for t in sec["tests"]}
        assert statuses == {"missing"}
    for s in mixed_plan["buggy"]:
        alone = scores(graded[f"alone-{s.id}"])[s.id]
        assert 0 < got[s.id] < s.points
        assert got[s.id] == alone, "a buggy section scores the same whatever else the submission holds"


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.iterdir()))
def test_hostile_submission_scores_zero(graded, name):
    r = graded[f"hostile-{name}"]
    assert r["score"] == 0, {t["name"]: t["message"] for s in r["sections"] for t in s["tests"]
                             if t["status"] == "passed"}


def test_hostile_submissions_leave_others_untouched(graded, written):
    r = graded["good_student"]
    assert r["score"] == r["max_score"] == sum(s.points for s in written)


def test_hostile_messages_are_clear(graded):
    def messages(name):
        return " | ".join(t["message"] for s in graded[f"hostile-{name}"]["sections"] for t in s["tests"])
    assert "did not finish within" in messages("infinite_loop")
    assert "crashed the worker" in messages("os_exit") or "sys.exit" in messages("os_exit")
    assert "crashed the worker" in messages("segfault")
    assert "MemoryError" in messages("memory_hog") or "crashed" in messages("memory_hog")


def test_no_process_outlives_grading(graded):
    marker = "dlbook-hostile-detached-7f3a"
    alive = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if marker in cmd and "pytest" not in cmd:
                alive.append((pid, cmd))
    assert not alive


def test_messages_do_not_leak_expected_values(graded, course):
    # A wrong answer's message names shapes and error sizes, not the reference's numbers.
    r = graded["hostile-fake_output"]
    text = json.dumps(r)
    assert "0.25" not in text  # J on the XOR points


def test_a_scoring_process_that_keeps_failing_ends_in_one_line(course, monkeypatch, tmp_path):
    # Retried once, then a one-line error naming the submission and the process's last words.
    calls = []

    def broken(*args, **kwargs):
        calls.append(args)
        return [sys.executable, "-c", "import sys; sys.stderr.write('Traceback...\\nboom: course broken\\n'); sys.exit(3)"]

    monkeypatch.setattr(grading, "scoring_command", broken)
    sub = tmp_path / "alice"
    copy_solutions(course, sub, [course.section("6.1")])
    with pytest.raises(UserError) as err:
        grading.run_tests(course, [grading.Submission("alice", sub)], [course.section("6.1")], jobs=1)
    assert len(calls) == 2
    message = str(err.value)
    assert "alice" in message and "boom: course broken" in message and "\n" not in message
