"""What the hostile submissions of tests/hostile/ tried, and that none of it got through.

test_grading.py checks that every hostile submission scores zero and that the good student keeps
full marks. Here: that the course checkout and the other students' folders are byte-identical
after grading, that nothing was planted anywhere the grader's user can see, that no hostile
process outlives grading, that resources stayed within the sandbox's limits, and that messages
say what happened. Most hostile functions end by raising ``HOSTILE-REPORT {json}``, what they
managed from inside the sandbox; it reaches the test as the test's message.

The class's grading run is shared with test_grading.py (conftest.py). A few attacks need a
specific setting and get their own small runs: without bubblewrap (as root: the weaker
isolation the README describes), two sandboxes side by side, and the quiz answers, which are
read by the grading process itself.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from autograder import grading
from autograder.sandbox import Limits, Sandbox, StudentError

HOSTILE = Path(__file__).resolve().parents[1] / "hostile"
REPORT = re.compile(r"HOSTILE-REPORT (\{.*?\})(?: \(\S+ line \d+|$)")
MAX_TMP_MB = 256  # what a sandbox may write to its temporary folders, in total
MAX_TASKS = 80  # processes or threads: the sandbox allows 64 (+8 for itself)
AS_ROOT = pytest.mark.skipif(os.geteuid() != 0, reason="without bubblewrap, only root isolates student code")


# Reading a graded result ----------------------------------------------------------------------
def records_of(result: dict, func: str | None = None) -> list[dict]:
    """The test records of a result, those of ``func``'s tests (test_<func>...) only if given."""
    return [t for s in result["sections"] for t in s["tests"]
            if func is None or t["name"].startswith(f"test_{func}")]


def reports(result: dict) -> dict[str, list[dict]]:
    """attack -> every HOSTILE-REPORT the submission sent (first calls first)."""
    out: dict[str, list[dict]] = {}
    for t in records_of(result):
        m = REPORT.search(t["message"])
        if m:
            data = json.loads(m.group(1))
            out.setdefault(data["attack"], []).append(data)
    return out


def first_report(result: dict, attack: str) -> dict:
    found = [r for r in reports(result).get(attack, []) if not r.get("again")]
    assert found, f"no report of {attack!r} (the attack did not run?): " + " | ".join(
        t["message"][:200] for t in records_of(result))
    return found[0]


def under(paths, roots) -> list[str]:
    roots = [str(r).rstrip("/") + "/" for r in roots]
    return [p for p in paths if any(str(p).startswith(r) for r in roots)]


# The class's grading run ----------------------------------------------------------------------
def test_checkout_and_other_students_unchanged(grading_run):
    """solutions/, exercises/, tests/sections/, tests/hostile/, course.yml and every student's
    folder: the same files, the same bytes, the same mtimes (a rewrite with identical bytes shows)."""
    assert grading_run.changes() == {"changed": [], "removed": [], "added": []}


def test_nothing_planted_in_the_checkout_or_the_class(grading_run):
    assert grading_run.planted["checkout"] == []
    assert grading_run.planted["submissions"] == []
    assert grading_run.planted["site"] == []  # site-packages, user site, home


def test_nothing_left_in_shared_temporary_folders(grading_run):
    """/tmp, /var/tmp, /dev/shm: shared by every process on the machine."""
    assert grading_run.planted["tmp"] == []


def test_no_hostile_process_outlives_grading(grading_run):
    assert grading_run.processes == []


def test_write_others_wrote_nothing_outside_its_sandbox(graded, course, grading_run):
    r = graded["hostile-write_others"]
    # Paths are as the sandbox sees them. Its /tmp is a private tmpfs: when the checkout itself
    # lives under /tmp (a CI clone), the hostile can make that path in its own /tmp and write
    # there. Such a path counts only if the grader's side shows the write too.
    seen_outside = {p for area in grading_run.planted.values() for p in area}
    seen_outside |= {str(p) for ps in grading_run.changes().values() for p in ps}
    for attack in ("walk-up", "proc-and-globs", "proc-links", "other-sandboxes"):
        rep = first_report(r, attack)
        touched = rep.get("planted", []) + rep.get("rewritten", []) + rep.get("read", [])
        hit = [p for p in under(touched, [course.root, "/tmp/pytest-of-"])
               if not p.startswith("/tmp/") or p in seen_outside or any(p.endswith(q) for q in seen_outside)]
        assert not hit, f"{attack}: {hit}"
    assert first_report(r, "other-sandboxes")["n_rewritten"] == 0


def test_startup_hooks_and_shadow_modules_never_ran_outside(graded, grading_run):
    ran = [p for area in grading_run.planted.values() for p in area if "_ran_" in p]
    assert not ran, f"a hostile module ran outside its sandbox: {ran}"
    imported = first_report(graded["hostile-sitecustomize"], "import-grader")["imported"]
    for name in ("autograder.testing", "autograder.plugin", "autograder.scoring"):
        assert not imported[name].startswith("/"), f"the worker could import the grader's {name}"


def test_output_flood_fails_cleanly(graded):
    r = graded["hostile-output_flood"]
    assert not any("importing the module" in t["message"] for t in records_of(r))
    frames = [t["message"] for t in records_of(r, "relu_net_forward")]  # one 288 MB array, then 300 of 1 MB
    assert sum("too much data" in m for m in frames) >= 2, frames
    grads = " | ".join(t["message"] for t in records_of(r, "xor_mse_and_grads"))
    assert "nested deeper than" in grads and "more than" in grads and "parts" in grads


def test_output_flood_file_size_is_limited(graded):
    rep = first_report(graded["hostile-output_flood"], "inodes-and-fsize")
    assert rep["big_mb"] <= 16 and rep["big_errno"] == 27  # EFBIG at the 16 MiB file-size limit


def test_output_flood_cannot_fill_disk_or_memory(graded):
    """Temporary folders in the sandbox are bounded (a tmpfs counts against the machine's RAM)."""
    rep = first_report(graded["hostile-output_flood"], "disk")
    assert rep["mb"] <= MAX_TMP_MB, f"wrote {rep['mb']} MB to temporary folders: {rep}"


def test_pickle_payloads_are_refused_as_data(graded):
    """__reduce__ objects, object/structured/record/void/datetime arrays, memoryviews, bytes, and
    subclasses of dict/list/tuple/str/int/ndarray/np.float64 whose methods lie: refused, or sent
    as their plain data. (Had any of their methods run in the scoring process, it would have left
    a dlbook_hostile_planted_ran_* file: test_nothing_left_in_shared_temporary_folders.)"""
    r = graded["hostile-pickle_payload"]
    assert all(t["status"] != "passed" for t in records_of(r))
    text = " | ".join(t["message"] for t in records_of(r))
    for what in ("a Reduce cannot be graded", "dtype object is not numeric", "'O')] is not numeric",
                 "(numpy.record", "a memoryview cannot be graded", "datetime64", "dict key of type EvilStr",
                 "dict key of type tuple", "dict key of type Reduce"):
        assert what in text, what


def test_forged_frames_fail_that_call_only(graded):
    """Frames written straight onto the worker's socket in place of its reply: one claiming
    the test passed is only a (wrong) value; a marker, raw JSON and a huge header are refused."""
    r = graded["hostile-pickle_payload"]
    got = {t["name"]: t for t in records_of(r, "train_xor")}
    assert all(t["status"] != "passed" for t in got.values())
    assert "loss_history: expected shape" in got["test_train_xor_solves_xor"]["message"]
    assert "not plain data" in got["test_train_xor_uses_the_specified_init"]["message"]  # a marker
    assert "not plain data" in got["test_train_xor_other_seeds[1]"]["message"]  # raw JSON
    assert "too much data" in got["test_train_xor_other_seeds[2]"]["message"]  # 2**62 bytes promised
    others = [t["message"] for t in records_of(r) if not t["name"].startswith("test_train_xor")]
    assert not [m for m in others if "crashed" in m or "forged" in m], others


def test_read_memory_found_nothing(graded):
    r = graded["hostile-read_memory"]
    assert first_report(r, "proc-mem")["hits"] == []
    assert first_report(r, "proc-env")["found"] == []
    fs = first_report(r, "filesystem-and-sockets")
    assert fs["found"] == [] and fs["connected"] == []
    assert not [h for h in first_report(r, "own-process")["hits"] if "reference" in h or h.startswith("function")]


def test_fork_bomb_is_contained(graded):
    rep = first_report(graded["hostile-process_exhaustion"], "fork-bomb")
    assert rep["processes"] <= MAX_TASKS, f"{rep['processes']} processes started (limit 64): {rep}"


def test_thread_bomb_is_contained(graded):
    rep = first_report(graded["hostile-process_exhaustion"], "thread-bomb")
    assert rep["threads"] <= MAX_TASKS, f"{rep['threads']} threads started (limit 64): {rep}"


def test_file_descriptors_are_limited(graded):
    rep = first_report(graded["hostile-process_exhaustion"], "fd-bomb")
    assert rep["fds"] <= 256 and not rep["raised"]


def test_a_section_worker_holds_only_its_own_socket(graded):
    """The fork server's control channel must not leak into section children: one that reads it
    steals spawn requests, and every stolen request stalls grading for the 30 s control timeout."""
    rep = first_report(graded["hostile-control_socket"], "inherited-sockets")
    assert rep["n_sockets"] == 1, rep


def test_a_section_worker_cannot_reach_into_its_fork_server(graded):
    """Neither the fork server's file descriptors (pidfd_getfd) nor its memory (/proc/<ppid>/mem,
    where writing would lift the limits of every later child)."""
    r = graded["hostile-control_socket"]
    assert first_report(r, "pidfd-getfd")["n_grabbed"] == 0
    assert first_report(r, "parent-mem")["writable"] is not True


# Quiz answers: read by the grading process itself ----------------------------------------------
QUIZ_SCRIPT = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    resource.setrlimit(resource.RLIMIT_AS, (1 << 29, 1 << 29))
    from autograder import course as course_mod
    from autograder.quiz_grading import grade_section_quiz
    course = course_mod.load(Path(sys.argv[1]))
    out = {}
    for sid in sys.argv[3:]:
        start = time.monotonic()
        try:
            records = grade_section_quiz(course, course.section(sid), Path(sys.argv[2]))
            out[sid] = {"ok": True, "score": sum(r["score"] for r in records),
                        "statuses": sorted({r["status"] for r in records})}
        except BaseException as exc:
            out[sid] = {"ok": False, "error": type(exc).__name__}
        out[sid]["seconds"] = round(time.monotonic() - start, 2)
    print(json.dumps(out))
""")


@pytest.fixture(scope="module")
def quiz_payload(course):
    """grade_section_quiz on tests/hostile/quiz_payload, each section on its own, in a child
    process with 512 MiB of memory (the alias bomb would otherwise take the machine's)."""
    sections = ["6.1", "6.2", "6.3", "6.4", "6.5"] + [s.id for s in course.sections if s.chapter == 7][:3]
    run = subprocess.run([sys.executable, "-c", QUIZ_SCRIPT, str(course.root), str(HOSTILE / "quiz_payload"),
                          *sections], capture_output=True, text=True, timeout=120, cwd=course.root)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_quiz_answers_with_python_tags_are_refused(quiz_payload):
    assert quiz_payload["6.3"]["ok"] and quiz_payload["6.3"]["score"] == 0


def test_quiz_answers_symlinked_to_the_key_are_refused(quiz_payload):
    for sid in ("6.4", "6.5"):  # answers_depth_vs_width.yml and quiz_backprop.yml are symlinks to keys
        assert quiz_payload[sid]["ok"] and quiz_payload[sid]["score"] == 0, (sid, quiz_payload[sid])


def test_quiz_answers_nested_deeply_fail_that_quiz_only(quiz_payload):
    """40 KB of '[[[[...]]]]': PyYAML's constructor recurses, the RecursionError escapes
    grade_section_quiz and ends `dlbook grade` for the whole class."""
    assert quiz_payload["6.1"]["ok"], quiz_payload["6.1"]
    assert quiz_payload["6.1"]["score"] == 0


def test_quiz_answers_alias_bomb_fails_fast(quiz_payload):
    """800 bytes of YAML aliases (a billion laughs): cheap to load, but str() of the answer
    expands 9**10 items in the grading process."""
    r = quiz_payload["6.2"]
    assert r["ok"] and r["score"] == 0 and r["seconds"] < 5, r


def test_quiz_of_a_symlinked_chapter_is_not_graded(quiz_payload, course):
    """ch07 -> ../../../solutions/ch07: the course's own quiz keys, read as the student's answers.
    (The code of a symlinked chapter is already refused: copy_submission skips it.)"""
    got = {sid: r for sid, r in quiz_payload.items() if sid.startswith("7")}
    assert got and all(r["score"] == 0 for r in got.values()), got


# Without bubblewrap ----------------------------------------------------------------------------
NOBWRAP_HOSTILE = ["write_others", "sitecustomize", "read_memory", "output_flood"]


@pytest.fixture(scope="module")
def nobwrap_run(course, tmp_path_factory, grade_class):
    """Section 6.1 graded with DLBOOK_NO_BWRAP=1: a good student and the hostile submissions that
    matter most there, side by side (two scoring processes, so they run at the same time)."""
    if os.geteuid() != 0:
        pytest.skip("without bubblewrap, only root isolates student code")
    root = tmp_path_factory.mktemp("nobwrap")
    section = course.section("6.1")
    good = root / "good_student"
    (good / section.chapter_dir).mkdir(parents=True)
    shutil.copyfile(course.solution_path(section), good / section.filename)
    subs = [grading.Submission("good_student", good)] + [
        grading.Submission(f"hostile-{name}", HOSTILE / name) for name in NOBWRAP_HOSTILE]
    return grade_class(subs, [section], subs_root=root, env={"DLBOOK_NO_BWRAP": "1"})


def test_nobwrap_hostile_submissions_score_zero(nobwrap_run):
    r = nobwrap_run.results
    assert r["good_student"]["score"] == r["good_student"]["max_score"] > 0
    scores = {name: r[f"hostile-{name}"]["score"] for name in NOBWRAP_HOSTILE if name != "read_memory"}
    assert scores == {name: 0 for name in scores}


def found_by(result: dict) -> list[str]:
    """Every reference or hidden test read_memory reported finding."""
    return [p for reps in reports(result).values() for rep in reps for p in rep.get("found", [])]


def test_nobwrap_read_memory_cannot_find_this_course(nobwrap_run, course):
    """The checkout being graded is hidden (the scoring process's command line names it).
    Other world-readable copies of the course on the machine are not: without bubblewrap they
    stay visible, as the README says; only then may read_memory score."""
    r = nobwrap_run.results["hostile-read_memory"]
    found = found_by(r)
    assert not under(found, [course.root]), found
    assert found or r["score"] == 0


def test_nobwrap_checkout_and_good_student_unchanged(nobwrap_run):
    assert nobwrap_run.changes() == {"changed": [], "removed": [], "added": []}
    assert nobwrap_run.planted["checkout"] == [] and nobwrap_run.planted["submissions"] == []
    assert nobwrap_run.planted["site"] == []


def test_nobwrap_nothing_left_in_shared_temporary_folders(nobwrap_run):
    """Without bubblewrap the sandbox's /tmp, /var/tmp and /dev/shm are the machine's: what a
    student writes there stays after grading (and fills the disk: see the next test)."""
    assert nobwrap_run.planted["tmp"] == []


def test_nobwrap_output_flood_cannot_fill_the_disk(nobwrap_run):
    rep = first_report(nobwrap_run.results["hostile-output_flood"], "disk")
    assert rep["mb"] <= MAX_TMP_MB, f"wrote {rep['mb']} MB to the machine's temporary folders: {rep}"


# Two sandboxes side by side, without bubblewrap --------------------------------------------------
X4 = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y4 = np.array([0.0, 1.0, 1.0, 0.0])


@pytest.fixture
def side_by_side(course, tmp_path):
    """A good student's sandbox with a live worker, and a function that runs one hostile
    function in a second sandbox beside it; both without bubblewrap, as `dlbook grade --jobs 2`
    would run two submissions."""
    good = tmp_path / "good"
    section = course.section("6.1")
    (good / section.chapter_dir).mkdir(parents=True)
    shutil.copyfile(course.solution_path(section), good / section.filename)
    limits = Limits(timeout=5)
    sandboxes = [Sandbox(good, limits, use_bwrap=False, hide=[course.root, good.parent])]
    worker = sandboxes[0].worker("ch06/xor")
    worker.call("fit_linear_model", (X4, Y4))

    def attack(name: str, func: str) -> dict:
        sb = Sandbox(HOSTILE / name, limits, use_bwrap=False, hide=[course.root, HOSTILE])
        sandboxes.append(sb)
        with pytest.raises(StudentError) as info:
            sb.worker("ch06/xor").call(func, (X4, Y4))
        m = REPORT.search(str(info.value))
        assert m, str(info.value)
        return json.loads(m.group(1))

    yield worker, attack
    for sb in sandboxes:
        sb.close()


@AS_ROOT
def test_nobwrap_a_student_cannot_kill_another_students_worker(side_by_side):
    """Every sandbox's code runs as the same uid (65534) in the same pid namespace: a
    kill(-1, SIGKILL) takes down every other student's worker graded at the same time."""
    worker, attack = side_by_side
    generation = worker.generation
    rep = attack("kill_others", "fit_linear_model")
    try:
        worker.call("fit_linear_model", (X4, Y4))
    except StudentError as exc:
        pytest.fail(f"the good student's worker was hit ({exc}); the hostile could signal {rep}")
    assert worker.generation == generation


@AS_ROOT
def test_nobwrap_a_student_cannot_read_another_students_sandbox(side_by_side):
    """The copy of each submission in /tmp/dlbook-sandbox-*/ is world-readable (uid 65534 must
    read its own): a student graded beside another can read, and run, the other's code."""
    _worker, attack = side_by_side
    rep = attack("write_others", "train_xor")
    assert rep["n_read"] == 0 and rep["n_rewritten"] == 0, rep


@AS_ROOT
@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv (util-linux)")
def test_without_mount_namespaces_the_summary_says_the_reference_is_exposed(course, tmp_path):
    """Root without CAP_SYS_ADMIN (a container's usual root, where bubblewrap fails too): the
    worker cannot unshare its mount namespace, so the course cannot be hidden. Grading goes on
    (the student still runs as nobody, with every limit), and the summary must say plainly that
    student code could read the reference, not claim the course is hidden."""
    cmd = ["setpriv", "--bounding-set", "-sys_admin", "--inh-caps", "-sys_admin", sys.executable, "-m",
           "autograder.cli", "grade", str(HOSTILE / "read_memory"), "-s", "6.1", "--timeout", "3"]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=course.root,
                         env=dict(os.environ, DLBOOK_NO_BWRAP="1", COLUMNS="200"))
    assert run.returncode == 0, run.stderr[-1000:]
    summary = " ".join(run.stdout.split())
    assert "weaker isolation" in summary and "the reference too" in summary, summary[-600:]
    assert "hiding the course" not in summary
