"""The engine tests' one grading run of a whole class, shared by test_grading.py and
test_hostile.py (grading is the expensive part: it runs once per session).

The class: solutions/ and exercises/ themselves, a good student (every section right), a mixed
one (right, buggy and missing sections), each buggy section alone, and every hostile submission
in tests/hostile/ (graded on the sections it hands code in for). Around the run, ``grade_class``
records what hostile code must never change: the course checkout (solutions/, exercises/,
tests/sections/, tests/hostile/, course.yml) and the other students' folders, byte for byte and
by mtime; files a hostile submission plants (names holding ``dlbook_hostile_planted``) anywhere
the grader's user can see; and processes a hostile submission names ``dlbh-*``. Planted files
and such processes are removed right after they are recorded, so a failing run leaves nothing
behind.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import site
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from autograder import grading, report
from autograder.mutation import load_mutants

HOSTILE = Path(__file__).resolve().parents[1] / "hostile"
TIMEOUT = 3.0
TOKENS = ("dlbook_hostile_planted", "dlbook-hostile-planted")
PROCESS_PREFIX = "dlbh-"
SANDBOX_UID = 65534  # the user student code runs as
SKIP_DIRS = {".git", ".venv", "venv", "node_modules", ".tox", ".mypy_cache", ".ruff_cache"}


def copy_solutions(course, dest: Path, sections) -> None:
    for s in sections:
        target = dest / s.filename
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(course.solution_path(s), target)


# What hostile code must not change ------------------------------------------------------------
def tree_state(paths) -> dict[str, tuple]:
    """path -> (sha256, mtime_ns) of every file (a symlink: its target) under ``paths``;
    bytecode caches are left out (the scoring processes may write them)."""
    out: dict[str, tuple] = {}

    def record(p: str):
        try:
            st = os.lstat(p)
            if os.path.islink(p):
                out[p] = ("link", os.readlink(p))
            elif os.path.isfile(p):
                with open(p, "rb") as fh:
                    out[p] = (hashlib.sha256(fh.read()).hexdigest(), st.st_mtime_ns)
        except OSError as exc:
            out[p] = ("unreadable", exc.errno)

    for path in map(str, paths):
        if not os.path.isdir(path) or os.path.islink(path):
            if os.path.lexists(path):
                record(path)
            continue
        for dirpath, dirnames, filenames in os.walk(path):
            for d in list(dirnames):
                if os.path.islink(os.path.join(dirpath, d)):
                    record(os.path.join(dirpath, d))
            dirnames[:] = [d for d in dirnames if d != "__pycache__" and d not in SKIP_DIRS]
            for f in filenames:
                record(os.path.join(dirpath, f))
    return out


def state_changes(before: dict, after: dict) -> dict[str, list[str]]:
    return {"changed": sorted(p for p in before if p in after and after[p] != before[p]),
            "removed": sorted(p for p in before if p not in after),
            "added": sorted(p for p in after if p not in before)}


def _planted_in(root: str, max_depth: int, scan_bytecode: bool) -> list[str]:
    """Files and folders under ``root`` whose name holds a hostile token; with ``scan_bytecode``
    also bytecode caches and start-up hooks whose content holds one."""
    found = []
    root = root.rstrip("/") or "/"
    base_depth = root.count(os.sep)
    for dirpath, dirnames, filenames in os.walk(root, onerror=lambda e: None):
        if dirpath.count(os.sep) - base_depth >= max_depth:
            dirnames[:] = []
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            if any(t in name for t in TOKENS):
                found.append(path)
            elif name in filenames and (
                    (scan_bytecode and name.endswith(".pyc"))
                    or name in ("sitecustomize.py", "usercustomize.py") or name.endswith(".pth")):
                try:
                    if os.path.getsize(path) < (1 << 20):
                        with open(path, "rb") as fh:
                            data = fh.read()
                        if any(t.encode() in data for t in TOKENS) and "/tests/hostile/" not in path:
                            found.append(path)
                except OSError:
                    pass
    return found


def planted_files(course_root: Path, subs_root: Path | None = None, since: float | None = None
                  ) -> dict[str, list[str]]:
    """Everything hostile submissions planted where the grader's user can see it, by area; with
    ``since`` (a time.time()), also whatever uid 65534 created in the shared temporary folders."""
    areas = {
        "checkout": [(str(course_root), 12, True)],
        "submissions": [(str(subs_root), 6, True)] if subs_root else [],
        "tmp": [("/tmp", 4, False), ("/var/tmp", 3, False), ("/dev/shm", 3, False), ("/tmp/.local", 8, False)],
        "site": [(d, 1, False) for d in {*site.getsitepackages(), site.getusersitepackages()} if os.path.isdir(d)]
                + [(str(Path.home()), 1, False)],
    }
    out = {}
    for area, roots in areas.items():
        hits = []
        for root, depth, scan in roots:
            if os.path.isdir(root):
                hits += _planted_in(root, depth, scan)
        out[area] = sorted(set(hits))
    out["tmp"] = [p for p in out["tmp"] if not (subs_root and p.startswith(str(subs_root)))]
    if since is not None:  # anything else the sandbox's user (65534) left there during the run
        for folder in ("/tmp", "/var/tmp", "/dev/shm"):
            try:
                names = os.listdir(folder)
            except OSError:
                continue
            for name in names:
                path = os.path.join(folder, name)
                try:
                    st = os.lstat(path)
                except OSError:
                    continue
                if st.st_uid == SANDBOX_UID and st.st_ctime >= since and path not in out["tmp"]:
                    out["tmp"].append(path)
    return out


def remove_planted(planted: dict[str, list[str]]) -> None:
    """Remove what hostile submissions planted (their own files, never anyone else's)."""
    for paths in planted.values():
        for p in sorted(paths, key=len, reverse=True):
            name = os.path.basename(p)
            ours = any(t in p for t in TOKENS) or name in ("sitecustomize.py", "usercustomize.py") or \
                p.endswith(".pth") or (name == ".local" and _sandbox_owned(p))
            if not ours:  # something else uid 65534 left: reported, not removed
                continue
            if os.path.isdir(p) and not os.path.islink(p):
                shutil.rmtree(p, ignore_errors=True)
            else:
                try:
                    os.unlink(p)
                except OSError:
                    pass


def _sandbox_owned(path: str) -> bool:
    try:
        return os.lstat(path).st_uid == SANDBOX_UID
    except OSError:
        return False


def hostile_processes() -> list[tuple[int, str]]:
    """Processes that hostile submissions named dlbh-* (fork bombs, immortals)."""
    out = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                comm = Path(f"/proc/{pid}/comm").read_text().strip()
            except OSError:
                continue
            if comm.startswith(PROCESS_PREFIX):
                out.append((int(pid), comm))
    return out


def kill_processes(procs) -> None:
    for pid, _comm in procs:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


@dataclass
class GradingRun:
    results: dict  # submission id -> report.submission_result(...)
    seconds: float
    before: dict = field(default_factory=dict)  # tree_state of the watched paths, before grading
    after: dict = field(default_factory=dict)
    planted: dict = field(default_factory=dict)  # area -> planted paths found right after grading
    processes: list = field(default_factory=list)  # dlbh-* processes alive right after grading

    def changes(self) -> dict[str, list[str]]:
        return state_changes(self.before, self.after)


@pytest.fixture(scope="session")
def grade_class(course):
    """grade_class(subs, sections, subs_root=..., env={...}) -> GradingRun: grades with
    ``env`` set in the environment of the scoring processes, and records what changed in the
    course checkout and under ``subs_root`` (``watch`` overrides what is recorded)."""

    def run(subs, sections, *, subs_root, watch=None, env=None, jobs=2) -> GradingRun:
        watch = watched(course, subs_root) if watch is None else watch
        remove_planted(planted_files(course.root, subs_root))  # leftovers of an earlier, killed run
        before = tree_state(watch)
        since = time.time()
        saved = {k: os.environ.get(k) for k in (env or {})}
        os.environ.update(env or {})
        start = time.monotonic()
        try:
            raw = grading.run_tests(course, subs, sections, jobs=jobs, timeout=TIMEOUT)
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        seconds = time.monotonic() - start
        results = {sid: report.submission_result(course, sid, sections, tests) for sid, tests in raw.items()}
        found = GradingRun(results, seconds, before, tree_state(watch), planted_files(course.root, subs_root, since),
                           hostile_processes())
        remove_planted(found.planted)
        kill_processes(found.processes)
        return found

    return run


def watched(course, subs_root: Path) -> list[Path]:
    """What no submission may change: the course checkout's graded parts and the class's folders."""
    return [course.root / "solutions", course.root / "exercises", course.root / "tests" / "sections",
            HOSTILE, course.root / "course.yml", subs_root]


def handed_in(folder: Path, sections) -> list[str]:
    """The sections a hostile submission hands code in for (through symlinks too). Only those
    are graded: the others could only say "missing", at the cost of a few hundred tests each."""
    return [s.id for s in sections if (folder / s.filename).is_file()] or [sections[0].id]


@pytest.fixture(scope="session")
def written(course):
    """Sections complete enough to grade here (reference, hidden tests and mutants)."""
    return [s for s in course.written() if course.is_complete(s)]


@pytest.fixture(scope="session")
def mixed_plan(written):
    """Which sections the mixed submission gets right, wrong (a mutant) and leaves out."""
    plan = {"correct": [], "buggy": [], "missing": []}
    for i, s in enumerate(written):
        plan[("correct", "buggy", "missing")[i % 3]].append(s)
    if not plan["buggy"]:  # with one section only, make it the buggy one
        plan["buggy"], plan["correct"] = plan["correct"], []
    return plan


@pytest.fixture(scope="session")
def grading_run(course, written, tmp_path_factory, mixed_plan, grade_class) -> GradingRun:
    root = tmp_path_factory.mktemp("subs")
    subs = [grading.Submission("solutions", course.solutions), grading.Submission("exercises", course.exercises)]
    good = root / "good_student"
    copy_solutions(course, good, written)
    subs.append(grading.Submission("good_student", good))
    mixed = root / "mixed"
    copy_solutions(course, mixed, mixed_plan["correct"])
    for s in mixed_plan["buggy"]:
        mutant = load_mutants(course.root / "tests" / "mutants" / f"{s.module}.py")[0]
        (mixed / s.chapter_dir).mkdir(parents=True, exist_ok=True)
        mutated = mutant.apply(course.solution_path(s).read_text())
        (mixed / s.filename).write_text(mutated)
        alone = root / f"alone-{s.id}"
        (alone / s.chapter_dir).mkdir(parents=True)
        (alone / s.filename).write_text(mutated)
        subs.append(grading.Submission(f"alone-{s.id}", alone, sections=[s.id]))
    subs.append(grading.Submission("mixed", mixed))
    for h in sorted(HOSTILE.iterdir()):
        subs.append(grading.Submission(f"hostile-{h.name}", h, sections=handed_in(h, written)))
    return grade_class(subs, written, subs_root=root)


@pytest.fixture(scope="session")
def graded(grading_run) -> dict:
    """Submission id -> result (report.submission_result) of the class's grading run."""
    return grading_run.results
