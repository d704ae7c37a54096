"""The dlbook command as a user meets it: outputs, exit codes, and one-line errors for bad input."""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def dlbook(*args, cwd=ROOT, stdin=None, env=None):
    return subprocess.run([sys.executable, "-m", "autograder.cli", *args], cwd=cwd, capture_output=True, text=True,
                          input=stdin, env=dict(os.environ, **(env or {})), timeout=600)


def assert_one_line_error(run, fragment):
    assert run.returncode != 0
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert lines[0].startswith("dlbook: error:") and fragment in lines[0], lines[0]


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    """A student who did 6.1 right, took its quiz, and left the rest as stubs."""
    folder = tmp_path_factory.mktemp("students") / "ada"
    shutil.copytree(ROOT / "exercises", folder)
    shutil.copyfile(ROOT / "solutions" / "ch06" / "xor.py", folder / "ch06" / "xor.py")
    run = dlbook("quiz", "6.1", "--path", str(folder), stdin="0.5 0.25\nb\n2 1 0\n")
    assert run.returncode == 0, run.stderr
    assert "3 of 3 right" in run.stdout
    return folder


@pytest.fixture(scope="module")
def graded(student, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    run = dlbook("grade", str(student), str(ROOT / "exercises"), "-s", "6.1,6.2", "--json", str(out / "g.json"),
                 "--csv", str(out / "g.csv"), "--gradescope", str(out / "gs"), "--jobs", "2")
    assert run.returncode == 0, run.stderr
    return out, run


def test_json_has_the_documented_shape(graded):
    out, _ = graded
    data = json.loads((out / "g.json").read_text())
    ada, stub = data["submissions"]
    assert ada["id"] == "ada" and stub["id"] == "exercises"
    assert [s["id"] for s in ada["sections"]] == ["6.1", "6.2"]
    s61 = ada["sections"][0]
    assert set(s61) == {"id", "title", "score", "max_score", "tests"}
    assert s61["score"] == s61["max_score"] == 13
    for t in s61["tests"]:
        assert set(t) >= {"name", "score", "max_score", "status", "message"}
        assert t["status"] in {"passed", "failed", "error", "timeout", "missing"}
    assert any(t["name"].startswith("quiz: ") for t in s61["tests"])
    assert ada["sections"][1]["score"] == 0 and stub["score"] == 0


def test_csv_has_a_row_per_submission_and_a_column_per_section(graded):
    out, _ = graded
    rows = list(csv.reader((out / "g.csv").open()))
    assert rows[0] == ["id", "6.1", "6.2", "total", "max_score", "status"]
    assert rows[1][0] == "ada" and float(rows[1][1]) == 13 and float(rows[1][3]) == 13
    assert float(rows[2][3]) == 0


def test_gradescope_results(graded):
    out, _ = graded
    data = json.loads((out / "gs" / "ada" / "results.json").read_text())
    assert data["score"] == 13
    hidden = [t for t in data["tests"] if not t["name"].split(": ", 1)[1].startswith("quiz")]
    assert hidden and all(t["visibility"] == "after_published" for t in hidden)


def test_summary_table_and_isolation_note(graded):
    _, run = graded
    assert "ada" in run.stdout and "isolation:" in run.stdout


def test_json_to_stdout(student):
    run = dlbook("grade", str(student), "-s", "6.1", "--json", "-")
    assert run.returncode == 0
    assert json.loads(run.stdout)["submissions"][0]["score"] == 13


@pytest.mark.parametrize("args,fragment", [
    pytest.param(["grade", "/no/such/folder"], "no such file or folder", id="missing-path"),
    pytest.param(["grade", "pyproject.toml"], "not a submission folder", id="a-file"),
    pytest.param(["grade", "autograder"], "not a submission (no ch06/", id="not-a-submission"),
    pytest.param(["grade", "tests"], "holds submissions", id="parent-folder"),
    pytest.param(["grade", "solutions", "-s", "6.9"], "unknown section '6.9'", id="unknown-section"),
    pytest.param(["grade", "solutions", "--json", "/no/such/dir/g.json"], "does not exist", id="unwritable-json"),
    pytest.param(["grade", "solutions", "--csv", "solutions"], "is a folder", id="csv-is-folder"),
    pytest.param(["grade", "solutions", "--json", "/dev/null"], "not a regular file", id="json-is-a-device"),
    pytest.param(["grade", "solutions", "solutions"], "used twice", id="duplicate-id"),
    pytest.param(["grade"], "no submission given", id="no-paths"),
    pytest.param(["grade", "solutions", "--jobs", "0"], "--jobs", id="bad-jobs"),
    pytest.param(["quiz", "6.1", "--path", "/no/such"], "not a folder", id="quiz-bad-path"),
    pytest.param(["check", "8.8"], "unknown section", id="check-unknown"),
    pytest.param(["frobnicate"], "No such command", id="unknown-command"),
])
def test_bad_input_is_one_line(args, fragment):
    assert_one_line_error(dlbook(*args), fragment)


def test_broken_course_yml_is_one_line(tmp_path):
    (tmp_path / "course.yml").write_text((ROOT / "course.yml").read_text().replace("module: ch06/xor,", "module: 6/xor,"))
    assert_one_line_error(dlbook("--course", str(tmp_path), "list"), "section '6.1' field module")


def test_failed_run_leaves_existing_output_intact(tmp_path):
    out = tmp_path / "grades.json"
    out.write_text("previous grades")
    run = dlbook("grade", "/no/such/folder", "--json", str(out))
    assert run.returncode != 0 and out.read_text() == "previous grades"
    assert [p.name for p in tmp_path.iterdir()] == ["grades.json"]


def test_list_shows_progress_and_unwritten_sections(student, tmp_path):
    run = dlbook("list", "--path", str(student))
    assert run.returncode == 0
    lines = run.stdout.splitlines()
    assert any("6.1" in line and "ready" in line and "4/4" in line for line in lines)
    assert any("6.2" in line and "ready" in line and "0/4" in line for line in lines)
    # a course whose manifest lists sections with no files yet
    shutil.copyfile(ROOT / "course.yml", tmp_path / "course.yml")
    run = dlbook("--course", str(tmp_path), "list")
    assert run.returncode == 0 and run.stdout.count("not written yet") == 34


def test_check_passes_on_solutions_and_fails_on_stubs(student):
    ok = dlbook("check", "6.1", "--path", str(ROOT / "solutions"))
    assert ok.returncode == 0 and "passed" in ok.stdout
    bad = dlbook("check", "6.2", "--path", str(student))
    assert bad.returncode == 1 and "not implemented yet" in bad.stdout
    mine = dlbook("check", "6.1", "--path", str(student))
    assert mine.returncode == 0 and "quiz 6.1: 3 of 3 answered, 3 right" in mine.stdout


def test_public_tests_fail_on_every_stub(course):
    files = [str(course.exercises / s.public_test) for s in course.written()]
    run = subprocess.run([sys.executable, "-m", "pytest", *files, "-q", "-p", "no:cacheprovider", "-o", "addopts=",
                          "--import-mode=importlib", "--rootdir", str(ROOT), "-c", str(ROOT / "pyproject.toml")],
                         capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert " passed" not in run.stdout.splitlines()[-1], run.stdout[-2000:]
    assert " failed" in run.stdout.splitlines()[-1]
