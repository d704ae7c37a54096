"""Grading throughput: N copies of a full submission, graded as `dlbook grade` does.

Prints wall seconds per submission and per section, and beside them the floor: starting a bare
interpreter with numpy (what every worker and scoring process pays at least once). Then where
one submission's time goes, measured apart: the sandbox's start-up, a section child's start,
one call's round trip, the scoring process's own work, and the student code in the worker.

    python benchmarks/grade_throughput.py [--copies 20] [--jobs 2] [--no-breakdown]
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
    parser.add_argument("--no-breakdown", action="store_true", help="skip the per-submission breakdown")
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
    assert all(r["score"] == r["max_score"] for r in results), "a copy of the solutions lost points"
    tests = sum(len(s["tests"]) for s in results[0]["sections"])
    floor = floor_seconds()
    print(f"sections graded:            {len(sections)} ({tests} tests and quiz questions per submission)")
    print(f"submissions:                {ns.copies} on {ns.jobs} job(s), {os.cpu_count()} core(s)")
    print(f"wall time:                  {wall:.2f} s")
    print(f"seconds per submission:     {wall / ns.copies:.3f}")
    print(f"seconds per section:        {wall / ns.copies / len(sections):.4f}")
    print(f"floor (python -I + numpy):  {floor:.3f} s per process start")
    if not ns.no_breakdown:
        breakdown(course, sections, subs[0].path, tmp)
    shutil.rmtree(tmp, ignore_errors=True)


def breakdown(course, sections, folder: Path, tmp: Path) -> None:
    """Where one submission's time goes, each part measured apart (one process, one core)."""
    import contextlib
    import io
    import json
    import resource

    import pytest

    from autograder import sandbox, scoring

    sandbox.isolation_level()  # the one-off probes of bubblewrap, not counted below
    sandbox._bwrap_has_size()
    t = time.perf_counter()
    box = sandbox.Sandbox(folder)
    first = box.worker(sections[0].module)
    first.request({"op": "ping"})
    start = time.perf_counter() - t
    t = time.perf_counter()
    for s in sections[1:]:
        box.worker(s.module).request({"op": "ping"})  # fork a child, import the module
    child = (time.perf_counter() - t) / max(1, len(sections) - 1)
    t = time.perf_counter()
    for _ in range(1000):
        first.request({"op": "ping"})
    ping = (time.perf_counter() - t) / 1000
    box.close()

    calls, in_worker = [0], [0.0]
    exchange = sandbox.Worker._exchange

    def counted(self, *args, **kwargs):
        t0 = time.perf_counter()
        try:
            return exchange(self, *args, **kwargs)
        finally:
            calls[0] += 1
            in_worker[0] += time.perf_counter() - t0

    targets = tmp / "breakdown.json"
    targets.write_text(json.dumps([{"id": "one", "path": str(folder), "sections": [s.id for s in sections]}]))
    sandbox.Worker._exchange = counted
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    t = time.perf_counter()
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            pytest.main(scoring.pytest_args(course, [s.id for s in sections], targets, tmp / "breakdown", None))
    finally:
        sandbox.Worker._exchange = exchange
    wall = time.perf_counter() - t
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    scoring_cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    print("one submission alone, one core (where the time goes):")
    print(f"  sandbox start (bubblewrap, interpreter, numpy): {start * 1000:7.1f} ms")
    print(f"  section children (fork + import), {len(sections)} of them:  {child * len(sections) * 1000:7.1f} ms "
          f"({child * 1000:.1f} ms each)")
    print(f"  call round trips (framing, codec), {calls[0]} calls: {ping * calls[0] * 1000:7.1f} ms "
          f"({ping * 1e6:.0f} us each)")
    print(f"  waiting on the worker (student code + the above): {in_worker[0] * 1000:7.1f} ms")
    print(f"  scoring process CPU (pytest, reference, comparisons, codec): {scoring_cpu * 1000:7.1f} ms "
          f"(incl. start-up and collection, paid once per batch)")
    print(f"  total wall:                                   {wall * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
