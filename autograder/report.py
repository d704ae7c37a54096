"""Scores from test outcomes, and the grade files: JSON, CSV and Gradescope results.

Points live in course.yml: a section's ``points`` are shared equally among its hidden tests and
its ``quiz`` points among its quiz questions. Every graded section appears in every submission,
scored 0 with status ``missing`` when the submission has none of it.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from autograder.atomic import check_target, write_text_atomic
from autograder.course import Course, Section
from autograder.errors import UserError


def _round(x: float) -> float:
    return round(x + 0.0, 4)


def section_result(section: Section, tests: list[dict], quiz: list[dict] | None = None) -> dict:
    """Score one section from its test records (and quiz question records)."""
    out_tests = []
    code = [t for t in tests if t["section"] == section.id]
    score = max_score = 0.0
    if code:
        each = section.points / len(code)
        for t in code:
            out_tests.append({"name": t["name"], "score": _round(each if t["status"] == "passed" else 0.0),
                              "max_score": _round(each), "status": t["status"], "message": t.get("message", "")})
        # Summed from counts, not from the rounded per-test shares, so full marks are exact.
        score = section.points * sum(t["status"] == "passed" for t in code) / len(code)
        max_score = section.points
    for q in quiz or []:
        out_tests.append(q)
        score += q["score"]
        max_score += q["max_score"]
    return {"id": section.id, "title": section.title, "score": _round(score), "max_score": _round(max_score),
            "tests": out_tests}


def submission_result(course: Course, sub_id: str, sections: list[Section], tests: list[dict],
                      quizzes: dict[str, list[dict]] | None = None) -> dict:
    secs = [section_result(s, tests, (quizzes or {}).get(s.id)) for s in sections]
    return {"id": sub_id, "score": _round(sum(s["score"] for s in secs)),
            "max_score": _round(sum(s["max_score"] for s in secs)), "sections": secs}


def to_json(results: list[dict], extra: dict | None = None) -> str:
    return json.dumps({"submissions": results, **(extra or {})}, indent=2) + "\n"


def to_csv(results: list[dict], sections: list[Section]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", *[s.id for s in sections], "total", "max_score", "status"])
    for r in results:
        by_id = {s["id"]: s["score"] for s in r["sections"]}
        writer.writerow([r["id"], *[by_id.get(s.id, 0.0) for s in sections], r["score"], r["max_score"],
                         "missing" if r.get("missing") else "graded"])
    return buf.getvalue()


def to_gradescope(result: dict) -> dict:
    """Gradescope's results.json for one submission: hidden tests are shown after publishing."""
    tests = []
    for sec in result["sections"]:
        for t in sec["tests"]:
            visible = t.get("visibility") or ("visible" if t["name"].startswith("quiz") else "after_published")
            tests.append({"name": f"{sec['id']} {sec['title']}: {t['name']}", "score": t["score"],
                          "max_score": t["max_score"], "status": "passed" if t["status"] == "passed" else "failed",
                          "output": t["message"] or t["status"], "visibility": visible})
    return {"score": result["score"], "tests": tests, "visibility": "after_published",
            "stdout_visibility": "hidden"}


def check_writable(path: str | None) -> None:
    """Fail early, before grading, when an output file could not be written."""
    if not path or path == "-":
        return
    p = Path(path)
    if p.is_dir():
        raise UserError(f"{path}: is a folder; give a file name")
    folder = check_target(p)
    import os
    if not os.access(folder, os.W_OK):
        raise UserError(f"{path}: folder {folder} is not writable")


def write_outputs(results: list[dict], sections: list[Section], json_path: str | None, csv_path: str | None,
                  gradescope_dir: str | None, stdout=None, extra: dict | None = None) -> None:
    if json_path == "-":
        (stdout.write if stdout else print)(to_json(results, extra))
    elif json_path:
        write_text_atomic(json_path, to_json(results, extra))
    if csv_path:
        write_text_atomic(csv_path, to_csv(results, sections))
    if gradescope_dir:
        root = Path(gradescope_dir)
        root.mkdir(parents=True, exist_ok=True)
        for r in results:
            folder = root / r["id"]
            folder.mkdir(exist_ok=True)
            write_text_atomic(folder / "results.json", json.dumps(to_gradescope(r), indent=2))
