"""Grading throughput: N copies of a full submission, graded as `dlbook grade` does.

Prints wall seconds per submission and per section, and beside them the floor: starting a bare
interpreter with numpy (what every worker and scoring process pays at least once).

    python benchmarks/grade_throughput.py [--copies 20] [--jobs 2]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder import course as course_mod
from autograder import grading, report
from autograder.quiz_grading import grade_quizzes


def floor_seconds(repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-I", "-c", "import numpy"], check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ns = parser.parse_args()
    course = course_mod.load(Path(__file__).resolve().parents[1])
    sections = course.written()
    tmp = Path(tempfile.mkdtemp(prefix="dlbook-bench-"))
    subs = []
    for i in range(ns.copies):
        folder = tmp / f"student{i:03d}"
        shutil.copytree(course.solutions, folder, ignore=shutil.ignore_patterns("test_*", "conftest.py", "figure_*",
                                                                                  "notes_*", "__pycache__"))
        subs.append(grading.Submission(folder.name, folder))
    start = time.perf_counter()
    raw = grading.run_tests(course, subs, sections, jobs=ns.jobs)
    results = [report.submission_result(course, s.id, sections, raw[s.id], grade_quizzes(course, sections, s.path))
               for s in subs]
    wall = time.perf_counter() - start
    shutil.rmtree(tmp, ignore_errors=True)
    assert all(r["score"] == r["max_score"] for r in results), "a copy of the solutions lost points"
    tests = sum(len(s["tests"]) for s in results[0]["sections"])
    floor = floor_seconds()
    print(f"sections graded:            {len(sections)} ({tests} tests and quiz questions per submission)")
    print(f"submissions:                {ns.copies} on {ns.jobs} job(s), {os.cpu_count()} core(s)")
    print(f"wall time:                  {wall:.2f} s")
    print(f"seconds per submission:     {wall / ns.copies:.3f}")
    print(f"seconds per section:        {wall / ns.copies / len(sections):.4f}")
    print(f"floor (python -I + numpy):  {floor:.3f} s per process start")


if __name__ == "__main__":
    main()
