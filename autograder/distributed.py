"""Grade on a Dask cluster (``dlbook grade --scheduler tcp://HOST:8786``): one task per submission.

The task carries the submission's files as bytes (``chNN/*.py`` and ``chNN/*.yml``, no tests, no
links, size-limited like ``sandbox.copy_submission``), so workers need no shared filesystem for
submissions. On the worker, ``grade_on_worker`` writes them to a temporary folder and runs the usual
scoring process (``python -m autograder.scoring``) on that one submission: student code still runs
only in the sandboxed subprocess the scoring process starts, never in the Dask worker. The task
returns the scoring process's result (plain JSON data).

Workers need this project installed and the course checkout: ``DLBOOK_COURSE`` on the worker, or
else the same path as the client's course. A task checks that the worker's course files (manifest,
hidden tests, references of the graded sections) are the client's, so a stale checkout cannot
change a grade. A worker lost mid-task has its tasks re-run elsewhere by the scheduler (up to
``distributed.scheduler.allowed-failures``); a task that raises is retried once. ``dask.distributed``
is imported only here, and only when a scheduler is used.
"""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import os
import re
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Callable

from autograder.course import Course, Section
from autograder.errors import UserError
from autograder.grading import Submission, scoring_command, scoring_env, sections_of, tested_sections
from autograder.sandbox import MAX_FILE_BYTES, submission_files

CONNECT_TIMEOUT = 10.0  # seconds to reach the scheduler
ADDRESS = re.compile(r"^(tcp|tls)://(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9][A-Za-z0-9._-]*):([0-9]{1,5})$")
CHAPTER = re.compile(r"^ch0[6-9]$")


def check_address(address: str) -> str:
    """A scheduler address like ``tcp://10.0.0.5:8786``; a one-line error otherwise."""
    m = ADDRESS.match(address or "")
    if not m or not 0 < int(m.group(3)) < 65536:
        raise UserError(f"--scheduler {address!r}: not a Dask scheduler address; expected tcp://HOST:PORT "
                        f"(e.g. tcp://10.0.0.5:8786)")
    return address


# The client side ------------------------------------------------------------------------------
def pack_submission(path: Path) -> dict[str, bytes]:
    """The files the sandbox would copy (``sandbox.submission_files``), as {"chNN/name": bytes}."""
    files: dict[str, bytes] = {}
    for name, f in submission_files(path):
        try:
            fd = os.open(f, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        with os.fdopen(fd, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
        if len(data) <= MAX_FILE_BYTES:  # it may have grown since it was listed
            files[name] = data
    return files


def course_fingerprint(root: Path, section_ids: list[str]) -> dict[str, str]:
    """sha256 of the course files grading reads: manifest, hidden tests and references of the sections."""
    from autograder import course as course_mod

    course = course_mod.load(root)
    paths = [course.root / "course.yml"]
    for sid in section_ids:
        sec = course.section(sid)
        paths += [course.hidden_test_path(sec), course.solution_path(sec)]
    out = {}
    for p in paths:
        rel = str(p.relative_to(course.root))
        out[rel] = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else ""
    return out


def _one_line(exc: BaseException, limit: int = 400) -> str:
    text = " ".join(str(exc).split())
    text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _failure(exc: BaseException, key: str) -> str:
    """One line on why a task failed, without its key (so equal causes group together)."""
    if type(exc).__name__ == "KilledWorker":
        return ("every worker that ran it died (distributed.scheduler.allowed-failures reached); "
                "see the workers' logs")
    return _one_line(exc).replace(f"'{key}'", "the task").replace(key, "the task")


@contextlib.contextmanager
def _quiet_dask_logs(verbose: bool):
    """Dask logs connection trouble with tracebacks; the CLI reports it in one line instead."""
    if verbose:
        yield
        return
    names = ["distributed"] + [n for n in logging.root.manager.loggerDict if n.startswith("distributed.")]
    saved = {n: logging.getLogger(n).level for n in names}
    for n in names:
        logging.getLogger(n).setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for n, level in saved.items():
            logging.getLogger(n).setLevel(level)


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise UserError("--scheduler needs dask.distributed: pip install -e '.[cluster]' in the course checkout "
                        "(or pip install 'dask[distributed]')") from None
    return distributed


def run_tests_dask(course: Course, subs: list[Submission], sections: list[Section], *, scheduler: str,
                   timeout: float | None = None, on_done: Callable[[str, list], None] | None = None,
                   verbose: bool = False, connect_timeout: float = CONNECT_TIMEOUT,
                   isolation: dict[str, str] | None = None) -> dict[str, list]:
    """``grading.run_tests`` on a Dask cluster: {submission id: [test records]}, ``on_done`` as each
    submission finishes (completion order). ``isolation``, when given, receives {submission id: the
    isolation level of the worker that graded it}. Submissions that still fail after the retries end
    the run with a one-line error naming them, once all the others are done (and given to on_done)."""
    check_address(scheduler)
    section_ids, results = tested_sections(course, subs, sections, on_done)
    if not section_ids:
        return results
    distributed = _import_distributed()
    with _quiet_dask_logs(verbose):
        return _run(distributed, course, subs, section_ids, scheduler, timeout, on_done, verbose, connect_timeout,
                    isolation)


def _run(distributed, course, subs, section_ids, scheduler, timeout, on_done, verbose, connect_timeout,
         isolation) -> dict[str, list]:
    results: dict[str, list] = {}
    try:
        client = distributed.Client(scheduler, timeout=connect_timeout, set_as_default=False)
    except Exception as exc:  # noqa: BLE001 - OSError, TimeoutError, ValueError...: all mean "not there"
        raise UserError(f"cannot reach the Dask scheduler at {scheduler}: {_one_line(exc)}") from None
    failed: dict[str, list[str]] = {}  # error message -> the submissions that failed with it
    try:
        try:
            client.wait_for_workers(1, timeout=connect_timeout)
        except Exception:  # noqa: BLE001 - a timeout: nothing would ever run
            raise UserError(f"the Dask scheduler at {scheduler} has no workers (waited {connect_timeout:g} s); "
                            f"start some: dask worker {scheduler} --nthreads 1") from None
        fingerprint = course_fingerprint(course.root, section_ids)
        run = uuid.uuid4().hex[:12]
        ids: dict[str, str] = {}  # task key -> submission id
        try:
            futures = [client.submit(grade_on_worker, s.id, pack_submission(s.path), sections_of(s, section_ids),
                                     str(course.root), fingerprint, timeout, verbose,
                                     key=f"dlbook-{s.id}-{run}", pure=False, retries=1) for s in subs]
            ids = {f.key: s.id for f, s in zip(futures, subs)}
            done = distributed.as_completed(futures, loop=client.loop)
        except Exception as exc:  # noqa: BLE001 - the connection broke while submitting
            raise UserError(f"lost the Dask scheduler at {scheduler}: {_one_line(exc)}") from None
        for fut in done:
            sid = ids[fut.key]
            if sid in results:
                continue
            try:
                data = fut.result()
            except (Exception, asyncio.CancelledError) as exc:  # noqa: BLE001
                # the task's own error after its retry, KilledWorker, or cancelled (the scheduler went away)
                failed.setdefault(_failure(exc, fut.key), []).append(sid)
                continue
            results[sid] = data["tests"]
            if isolation is not None:
                isolation[sid] = data.get("isolation", "unknown")
            fut.release()
            if on_done:
                on_done(sid, data["tests"])
    finally:
        try:
            client.close(timeout=5)
        except Exception:  # noqa: BLE001 - closing a broken connection must not hide the real error
            pass
    if failed:
        count = sum(len(v) for v in failed.values())
        parts = []
        for msg, sids in failed.items():
            shown = ", ".join(sids[:5]) + (f" and {len(sids) - 5} more" if len(sids) > 5 else "")
            parts.append(f"{shown} ({msg})")
        raise UserError(f"{count} submission(s) could not be graded on the cluster: {'; '.join(parts[:3])}"
                        + (f"; and {len(parts) - 3} other error(s)" if len(parts) > 3 else "")
                        + (f"; the {len(results)} graded are in the journal" if results else "")
                        + "; 'dlbook grade --resume' grades the rest")
    return results


# The worker side ------------------------------------------------------------------------------
def worker_course_root(client_root: str) -> Path:
    """The course on this worker: $DLBOOK_COURSE, else the client's path; it must hold course.yml."""
    tried = []
    for raw in (os.environ.get("DLBOOK_COURSE"), client_root):
        if raw:
            if (Path(raw) / "course.yml").is_file():
                return Path(raw)
            tried.append(raw)
    raise UserError(f"no course on worker {socket.gethostname()}: no course.yml in {' or '.join(tried)}; "
                    f"check out the course there and set DLBOOK_COURSE on the worker")


def grade_on_worker(sub_id: str, files: dict[str, bytes], section_ids: list[str], client_root: str,
                    fingerprint: dict[str, str], timeout: float | None, verbose: bool = False) -> dict:
    """The Dask task: grade one submission with a scoring process; returns its result (plain data)."""
    from autograder.sandbox import isolation_level

    root = worker_course_root(client_root)
    try:
        here = course_fingerprint(root, section_ids)
    except UserError as exc:
        raise UserError(f"the course at {root} on worker {socket.gethostname()} is not the client's ({exc}); "
                        f"update the worker's checkout") from None
    differ = sorted(k for k in fingerprint if here.get(k) != fingerprint[k])
    if differ:
        raise UserError(f"the course at {root} on worker {socket.gethostname()} is not the client's "
                        f"({', '.join(differ[:3])} differ); update the worker's checkout")
    with tempfile.TemporaryDirectory(prefix="dlbook-dask-") as work:
        folder = Path(work) / "submission"
        folder.mkdir()
        for name, data in files.items():
            chapter, _, base = name.partition("/")
            if not CHAPTER.match(chapter) or not base or "/" in base or base.startswith(".") \
                    or not base.endswith((".py", ".yml")):
                continue
            (folder / chapter).mkdir(exist_ok=True)
            (folder / chapter / base).write_bytes(data)
        out = Path(work) / "results"
        out.mkdir()
        targets = Path(work) / "targets.json"
        targets.write_text(json.dumps([{"id": sub_id, "path": str(folder), "sections": section_ids}]))
        proc = subprocess.run(scoring_command(root, targets, out, timeout), stdin=subprocess.DEVNULL,
                              env=scoring_env(), stdout=None if verbose else subprocess.DEVNULL,
                              stderr=None if verbose else subprocess.PIPE)
        result = out / "0.json"
        if not result.is_file():
            err = (proc.stderr or b"").decode(errors="replace").strip().splitlines()
            raise RuntimeError(f"the scoring process on {socket.gethostname()} failed (exit {proc.returncode})"
                               + (f": {err[-1]}" if err else ""))
        data = json.loads(result.read_text())
    data["isolation"] = isolation_level()
    data["worker"] = socket.gethostname()
    return data
