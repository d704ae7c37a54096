"""Instructor delivery: the student bundle leaks nothing and installs alone, the Gradescope zip
grades a faked /autograder, rosters report everyone, interrupted runs resume, the class report."""
from __future__ import annotations

import ast
import json
from collections import Counter
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from autograder import quiz as quiz_mod
from autograder.build import find_blocks

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "submissions"


def dlbook(*args, cwd=ROOT, env=None, timeout=900):
    return subprocess.run([sys.executable, "-m", "autograder.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env=dict(os.environ, **(env or {})), timeout=timeout)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "bundle"
    run = dlbook("release", str(out))
    assert run.returncode == 0, run.stderr
    return out


def bundle_text(bundle: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in bundle.rglob("*") if p.is_file()
                     and "__pycache__" not in p.parts)


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_bundle_has_what_students_need(bundle, complete):
    for s in complete:
        for rel in (s.filename, s.public_test, s.quiz_file, s.notebook_file):
            assert (bundle / "exercises" / rel).is_file(), rel
    assert (bundle / "pyproject.toml").is_file() and (bundle / "README.md").is_file()
    text = (bundle / "pyproject.toml").read_text()
    assert "torch" not in text and "nbgrader" not in text
    assert not (bundle / "solutions").exists() and not (bundle / "tests").exists()


def given_code(course, section) -> str:
    """A reference's code outside its solution blocks: what the student is given finished."""
    source = course.solution_path(section).read_text()
    lines = source.splitlines()
    keep = [True] * len(lines)
    for block in find_blocks(source, section.filename):
        for i in range(block.begin, block.end + 1):
            keep[i] = False
    return "\n".join(line for line, k in zip(lines, keep) if k)


def test_bundle_leaks_no_solution_hidden_test_or_answer(bundle, course, complete):
    # Leaks are collected, not asserted one by one: pytest's diff of a huge string takes minutes.
    raw = bundle_text(bundle)
    text = normalize(raw)
    bundle_lines = {normalize(line) for line in raw.splitlines()}
    # lines the course hands out anyway (data in public tests, figures): not a leak
    public = {normalize(line) for line in bundle_text(course.exercises).splitlines()
              if "Generated from" not in line}
    given = normalize("\n".join(given_code(course, t) for t in complete))
    leaks = []
    for s in complete:
        source = course.solution_path(s).read_text()
        lines = source.splitlines()
        counts = Counter(normalize(line) for line in lines)
        for block in find_blocks(source, str(s.filename)):
            body = normalize("\n".join(lines[block.begin + 1:block.end]))
            if body in given:
                continue  # another section hands this piece out as finished code (shared pieces repeat)
            if body in text:
                leaks.append(f"{s.id} {block.function}: solution body")
            for line in lines[block.begin + 1:block.end]:
                n = normalize(line)  # a distinctive line that appears only inside the solution
                if len(n) >= 40 and not n.startswith("#") and counts[n] == 1 and n not in public \
                        and n in bundle_lines:
                    leaks.append(f"{s.id} {block.function}: solution line {n!r}")
        public_names = set(re.findall(r"def (test_\w+)", (course.solutions / s.public_test).read_text()))
        for node in ast.walk(ast.parse(course.hidden_test_path(s).read_text())):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_") \
                    and node.name not in public_names and re.search(rf"\b{node.name}\b", text):
                leaks.append(f"{s.id}: hidden test {node.name}")
        key = quiz_mod.load_quiz(course.solutions / s.quiz_file)
        if "answer:" in (bundle / "exercises" / s.quiz_file).read_text():
            leaks.append(f"{s.id}: quiz answers")
        for q in key.questions:
            if q.explanation and normalize(q.explanation) in text:
                leaks.append(f"{s.id} {q.id}: quiz explanation in plain text")
    assert not leaks, leaks[:20]


def test_bundle_installs_alone_and_every_public_test_fails(bundle, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    install = subprocess.run([str(py), "-m", "pip", "install", "-q", "-e", str(bundle)], capture_output=True,
                             text=True, timeout=900)
    assert install.returncode == 0, install.stderr[-2000:]
    run = subprocess.run([str(py), "-m", "pytest", "-q", "-p", "no:randomly"], cwd=bundle, capture_output=True,
                         text=True, timeout=900, env={k: v for k, v in os.environ.items() if k != "DLBOOK_COURSE"})
    last = run.stdout.strip().splitlines()[-1]
    assert run.returncode == 1 and " failed" in last and " passed" not in last, run.stdout[-2000:]
    listing = subprocess.run([str(venv / "bin" / "dlbook"), "list"], cwd=bundle, capture_output=True, text=True)
    assert listing.returncode == 0 and "ready" in listing.stdout
    refused = subprocess.run([str(venv / "bin" / "dlbook"), "grade", "exercises"], cwd=bundle, capture_output=True,
                             text=True)
    assert refused.returncode == 2 and "student bundle" in refused.stderr


def test_gradescope_zip_grades_a_faked_autograder(tmp_path):
    zpath = tmp_path / "autograder.zip"
    run = dlbook("gradescope", str(zpath))
    assert run.returncode == 0, run.stderr
    root = tmp_path / "autograder"
    with zipfile.ZipFile(zpath) as zf:
        names = zf.namelist()
        assert "setup.sh" in names and "run_autograder" in names
        assert not any(n.startswith("source/exercises") for n in names)
        zf.extractall(root)
    submission = root / "submission"
    submission.mkdir()
    for f in ("xor.py", "answers_xor.yml"):  # loose files, as students upload them
        shutil.copyfile(EXAMPLES / "alice" / "ch06" / f, submission / f)
    shutil.copytree(EXAMPLES / "bob" / "ch06", submission / "ch06")  # bob's 6.3, in its chapter folder
    run = subprocess.run(["bash", str(root / "run_autograder")], capture_output=True, text=True, timeout=900,
                         env=dict(os.environ, AUTOGRADER_ROOT=str(root), PYTHON=sys.executable))
    assert run.returncode == 0, run.stderr[-2000:]
    results = json.loads((root / "results" / "results.json").read_text())
    assert set(results) >= {"score", "tests"}
    by_name = {t["name"]: t for t in results["tests"]}
    xor = [t for n, t in by_name.items() if n.startswith("6.1 ") and ": quiz: " not in n]
    assert xor and all(t["status"] == "passed" for t in xor)
    assert any(n.startswith("6.3 ") and t["status"] == "passed" for n, t in by_name.items())
    for t in results["tests"]:
        assert set(t) >= {"name", "score", "max_score", "output", "visibility"}
        expected = "visible" if ": quiz: " in t["name"] else "after_published"
        assert t["visibility"] == expected


def test_roster_reports_missing_and_unknown(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name\nalice,Alice\nzoe,Zoe\n")
    out = tmp_path / "g.json"
    run = dlbook("grade", str(EXAMPLES / "alice"), str(EXAMPLES / "bob"), "-s", "6.1", "--roster", str(roster),
                 "--json", str(out), "--csv", str(tmp_path / "g.csv"), "-q")
    assert run.returncode == 0, run.stderr
    assert "zoe" in run.stderr and "bob" in run.stderr
    data = json.loads(out.read_text())
    assert [s["id"] for s in data["submissions"]] == ["alice", "zoe", "bob"]
    assert data["roster"] == {"missing": ["zoe"], "unknown": ["bob"]}
    zoe = data["submissions"][1]
    assert zoe["score"] == 0 and zoe["sections"][0]["tests"][0]["status"] == "missing"
    assert "zoe,0.0,0.0,13.0,missing" in (tmp_path / "g.csv").read_text()


def test_interrupted_run_resumes_without_losing_or_half_writing(tmp_path):
    subs = []
    for i in range(6):
        dest = tmp_path / "class" / f"s{i}"
        shutil.copytree(EXAMPLES / ("alice" if i % 2 else "carol"), dest)
        subs.append(str(dest))
    out = tmp_path / "g.json"
    cmd = [sys.executable, "-m", "autograder.cli", "grade", *subs, "-s", "6.1,6.3", "--json", str(out), "-q",
           "--jobs", "1"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    journal = Path(str(out) + ".journal")
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if journal.is_file() and journal.read_text().count('"kind": "result"') >= 1:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists(), "a killed run must not leave a grades file"
    done_before = journal.read_text().count('"kind": "result"')
    assert 1 <= done_before < 6
    run = dlbook("grade", "--resume", "--json", str(out), "-q")
    assert run.returncode == 0, run.stderr
    resumed = json.loads(out.read_text())
    assert [s["id"] for s in resumed["submissions"]] == [f"s{i}" for i in range(6)]
    assert not journal.exists()
    fresh = tmp_path / "fresh.json"
    assert dlbook("grade", *subs, "-s", "6.1,6.3", "--json", str(fresh), "-q").returncode == 0
    scores = lambda d: [(s["id"], s["score"]) for s in d["submissions"]]  # noqa: E731
    assert scores(resumed) == scores(json.loads(fresh.read_text()))
    assert dlbook("grade", "--resume", "--json", str(out)).returncode == 2  # nothing left to resume


def test_class_report(tmp_path):
    grades = tmp_path / "g.json"
    run = dlbook("grade", *[str(EXAMPLES / n) for n in ("alice", "bob", "carol")], "-s", "6.1,6.2",
                 "--json", str(grades), "-q")
    assert run.returncode == 0, run.stderr
    out = tmp_path / "report.html"
    run = dlbook("report", str(grades), "-o", str(out))
    assert run.returncode == 0, run.stderr
    page = out.read_text()
    for heading in ("Each student's total", "Score distribution per section", "Tests most often failed"):
        assert heading in page
    assert page.count("data:image/png;base64,") == 3
    assert "carol" in page and "<script" not in page and "http" not in page.replace("https://", "")
    assert sorted(p.name for p in (tmp_path / "report_files").iterdir()) == ["failed.png", "sections.png",
                                                                             "totals.png"]
    bad = dlbook("report", str(tmp_path / "report.html"), "-o", str(tmp_path / "x.html"))
    assert bad.returncode == 2 and "not a dlbook grades file" in bad.stderr
