"""Grade many submissions in parallel: batches of submissions go to scoring processes.

Each scoring process (``autograder.scoring``) runs one pytest session over a batch of
submissions, so start-up is paid once per batch, and writes one result file per submission as
soon as it is done; this module collects them, retries a batch whose scoring process died, and
turns raw test outcomes into scores with ``autograder.report``.
"""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from autograder.course import Course, Section
from autograder.errors import UserError

CHAPTER_DIRS = ("ch06", "ch07", "ch08", "ch09")


@dataclass
class Submission:
    id: str
    path: Path
    sections: list[str] | None = None  # None: the sections given to run_tests


def resolve_submissions(paths: list[str]) -> list[Submission]:
    """Check each PATH is a submission folder; ids are folder names and must be unique."""
    if not paths:
        raise UserError("no submission given: dlbook grade PATH... (e.g. dlbook grade submissions/*)")
    subs: list[Submission] = []
    seen: dict[str, Path] = {}
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UserError(f"{raw}: no such file or folder")
        if not path.is_dir():
            raise UserError(f"{raw}: not a submission folder (a submission is a folder with ch06/ ... ch09/ inside)")
        if not any((path / c).is_dir() for c in CHAPTER_DIRS):
            inner = [p.name for p in sorted(path.iterdir()) if p.is_dir() and any((p / c).is_dir() for c in CHAPTER_DIRS)]
            if inner:
                raise UserError(f"{raw}: holds submissions ({', '.join(inner[:3])}...), not chapter folders; "
                                f"did you mean {raw.rstrip('/')}/* ?")
            raise UserError(f"{raw}: not a submission (no ch06/, ch07/, ch08/ or ch09/ folder inside)")
        sid = path.resolve().name
        if sid in seen:
            raise UserError(f"{raw}: submission id {sid!r} used twice (also {seen[sid]}); ids are folder names")
        seen[sid] = path
        subs.append(Submission(sid, path.resolve()))
    return subs


def batches(subs: list[Submission], jobs: int, max_batch: int = 16) -> list[list[Submission]]:
    """Split into batches of equal size, none larger than ``max_batch``, in whole rounds of ``jobs``.

    A batch pays one scoring process's start-up, collection and reference values (about a second),
    so batches are as large as allowed; equal sizes keep the jobs busy until the end.
    """
    if not subs:
        return []
    jobs = max(1, jobs)
    rounds = math.ceil(len(subs) / (jobs * max_batch))
    size = max(1, math.ceil(len(subs) / (jobs * rounds)))
    return [subs[i:i + size] for i in range(0, len(subs), size)]


def sections_of(sub: Submission, section_ids: list[str]) -> list[str]:
    """The sections to grade in ``sub``: its own list (kept to ``section_ids``) or all of them."""
    return list(section_ids) if sub.sections is None else [x for x in sub.sections if x in section_ids]


def scoring_command(course_root: Path | str, targets_file: Path | str, results_dir: Path | str,
                    timeout: float | None) -> list[str]:
    """The command of one scoring process (``autograder.scoring``) over the targets in ``targets_file``."""
    cmd = [sys.executable, "-m", "autograder.scoring", str(targets_file), str(results_dir),
           "--course", str(course_root)]
    if timeout:
        cmd += ["--timeout", str(timeout)]
    return cmd


def scoring_env() -> dict[str, str]:
    """The environment of a scoring process: one thread per math library, headless plots, no plugins."""
    return dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
                MPLBACKEND="Agg", PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")


def tested_sections(course: Course, subs: list[Submission], sections: list[Section],
                    on_done: Callable[[str, list], None] | None) -> tuple[list[str], dict[str, list]]:
    """The ids of the sections with hidden tests; when there are none, every submission is done
    at once with no test records (given to ``on_done``), and the results say so."""
    section_ids = [s.id for s in sections if course.hidden_test_path(s).is_file()]
    results: dict[str, list] = {}
    if not section_ids:
        for s in subs:
            results[s.id] = []
            if on_done:
                on_done(s.id, [])
    return section_ids, results


def run_tests(course: Course, subs: list[Submission], sections: list[Section], *, jobs: int = 0,
              timeout: float | None = None, on_done: Callable[[str, list], None] | None = None,
              verbose: bool = False) -> dict[str, list]:
    """Run the hidden tests; returns {submission id: [test records]} (see plugin)."""
    jobs = jobs or os.cpu_count() or 1
    section_ids, results = tested_sections(course, subs, sections, on_done)
    if not section_ids:
        return results
    work = tempfile.mkdtemp(prefix="dlbook-grade-")
    pending = list(enumerate(batches(subs, jobs)))
    running: list[tuple[subprocess.Popen, int, list[Submission], Path, int, int]] = []
    attempts: dict[int, int] = {}
    # One core per job when there are enough: a scoring process and its sandbox take turns (one
    # waits while the other runs), and a hand-over on the same core costs less than across cores.
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    pin = 1 < jobs <= len(cpus)
    free_slots = list(range(jobs))
    try:
        while pending or running:
            while pending and len(running) < jobs:
                index, batch = pending.pop(0)
                attempts[index] = attempts.get(index, 0) + 1
                folder = Path(work) / f"batch{index}-{attempts[index]}"
                folder.mkdir()
                (folder / "targets.json").write_text(json.dumps(
                    [{"id": s.id, "path": str(s.path), "sections": sections_of(s, section_ids)} for s in batch]))
                cmd = scoring_command(course.root, folder / "targets.json", folder, timeout)
                # stderr goes to a file: a pipe nobody reads until the end could fill up and block.
                with open(folder / "stderr.txt", "wb") as err_file:
                    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, env=scoring_env(),
                                            stdout=None if verbose else subprocess.DEVNULL,
                                            stderr=None if verbose else err_file)
                slot = free_slots.pop(0)
                if pin:
                    try:
                        os.sched_setaffinity(proc.pid, {cpus[slot]})  # its sandboxes inherit it
                    except OSError:
                        pass
                running.append((proc, index, batch, folder, 0, slot))
            time.sleep(0.02)
            still = []
            for proc, index, batch, folder, seen, slot in running:
                seen = _collect(folder, batch, results, on_done, seen)
                if proc.poll() is None:
                    still.append((proc, index, batch, folder, seen, slot))
                    continue
                free_slots.append(slot)
                seen = _collect(folder, batch, results, on_done, seen)
                missing = [s for s in batch if s.id not in results]
                if missing:
                    err_path = folder / "stderr.txt"
                    err = err_path.read_bytes()[-2000:].decode(errors="replace") if err_path.is_file() else ""
                    if attempts[index] < 2:
                        pending.append((index, missing))
                    else:
                        last = next((ln.strip() for ln in reversed(err.splitlines()) if ln.strip()), "no message")
                        names = ", ".join(s.id for s in missing[:3]) + (" ..." if len(missing) > 3 else "")
                        raise UserError(f"grading {names} failed twice (scoring process exit {proc.returncode}: "
                                        f"{last[:300]}); submissions already graded are in the journal, "
                                        f"rerun with --resume")
            running = still
    finally:
        for proc, *_ in running:
            proc.kill()
        import shutil
        shutil.rmtree(work, ignore_errors=True)
    return results


def _collect(folder: Path, batch: list[Submission], results: dict, on_done, seen: int) -> int:
    for i, sub in enumerate(batch):
        if sub.id in results:
            continue
        path = folder / f"{i}.json"
        if path.is_file():
            data = json.loads(path.read_text())
            results[sub.id] = data["tests"]
            seen += 1
            if on_done:
                on_done(sub.id, data["tests"])
    return seen
