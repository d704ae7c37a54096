"""Grading on Dask's distributed scheduler (dlbook grade --scheduler): a real scheduler and two
workers on loopback, as subprocesses. The cluster grades exactly like local grading, a worker killed
mid-task costs nothing (its submission is re-run elsewhere, recorded once), and a submission that
cannot be graded ends the run in one line naming it while the others stay in the journal."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import distributed
import psutil
import pytest

from autograder import cli
from autograder import distributed as dist
from autograder.errors import UserError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "submissions"


def dlbook(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "autograder.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, **kwargs)


class Cluster:
    """A scheduler and ``n`` single-threaded workers (no nanny: one process each), each in its own
    process group so a kill takes the worker's scoring process and sandbox with it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.procs: list[subprocess.Popen] = []
        folder.mkdir()

    def start(self, workers: int = 2):
        sched_file = self.folder / "scheduler.json"
        self.scheduler = self._spawn("scheduler", [
            "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(sched_file)])
        deadline = time.monotonic() + 30
        while not (sched_file.is_file() and sched_file.stat().st_size):
            assert self.scheduler.poll() is None, (self.folder / "scheduler.log").read_text()
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.1)
        self.address = json.loads(sched_file.read_text())["address"]
        tmp = self.folder / "worker-tmp"  # tasks of a killed worker leave their temporary folder here
        tmp.mkdir()
        self.workers = [self._spawn(f"worker{i}", [
            "worker", self.address, "--nthreads", "1", "--no-nanny", "--host", "127.0.0.1", "--no-dashboard",
            "--name", f"w{i}", "--local-directory", str(self.folder / f"w{i}")],
            env=dict(os.environ, DLBOOK_COURSE=str(ROOT), TMPDIR=str(tmp))) for i in range(workers)]
        if workers:
            with distributed.Client(self.address, timeout=30, set_as_default=False) as client:
                client.wait_for_workers(workers, timeout=30)
        return self

    def _spawn(self, name, args, env=None):
        log = open(self.folder / f"{name}.log", "wb")
        proc = subprocess.Popen([sys.executable, "-m", "dask", *args], cwd=self.folder, stdin=subprocess.DEVNULL,
                                stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        log.close()
        self.procs.append(proc)
        return proc

    def stop(self):
        for proc in reversed(self.procs):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=10)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Shared by the tests that leave it intact."""
    c = Cluster(tmp_path_factory.mktemp("cluster") / "cluster")
    try:
        yield c.start(workers=2)
    finally:
        c.stop()


@pytest.fixture
def own_cluster(tmp_path):
    """For a test that kills a worker."""
    c = Cluster(tmp_path / "cluster")
    try:
        yield c.start(workers=2)
    finally:
        c.stop()


def slow_solution(folder: Path, seconds: float, broken: bool = False) -> Path:
    """The reference for 6.1 sleeping ``seconds`` at import (slow enough to be killed mid-task);
    ``broken``: with a train_xor that raises, so only the train_xor tests fail."""
    (folder / "ch06").mkdir(parents=True)
    text = (ROOT / "solutions" / "ch06" / "xor.py").read_text()
    text += f"\nimport time as _time\n_time.sleep({seconds})\n"
    if broken:
        text += "\n\ndef train_xor(*args, **kwargs):\n    raise ValueError('not done')\n"
    (folder / "ch06" / "xor.py").write_text(text)
    return folder


def stub(folder: Path) -> Path:
    (folder / "ch06").mkdir(parents=True)
    shutil.copyfile(ROOT / "exercises" / "ch06" / "xor.py", folder / "ch06" / "xor.py")
    return folder


def results_by_id(path: Path) -> dict[str, dict]:
    subs = json.loads(path.read_text())["submissions"]
    return {s["id"]: s for s in subs}


def in_name_order(result: dict) -> dict:
    """A submission's result with each section's tests sorted by name: the order of a section's tests
    depends on which submissions share a pytest session (a local batch), not on the grades."""
    return dict(result, sections=[dict(sec, tests=sorted(sec["tests"], key=lambda t: t["name"]))
                                  for sec in result["sections"]])


def journal_ids(path: Path) -> list[str]:
    return [e["id"] for e in map(json.loads, path.read_text().splitlines()) if e["kind"] == "result"]


def test_cluster_grades_exactly_like_local_grading(cluster, tmp_path):
    """Right, partial and buggy students plus a stub: the same JSON, test by test, as dlbook grade."""
    subs = [str(EXAMPLES / n) for n in ("alice", "bob", "carol")] + [str(stub(tmp_path / "stub"))]
    common = ["-s", "6.1,6.2", "--timeout", "2"]
    local = subprocess.Popen([sys.executable, "-m", "autograder.cli", "grade", *subs, *common, "-q",
                              "--json", str(tmp_path / "local.json")], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        run = dlbook("grade", *subs, *common, "--scheduler", cluster.address, "--json", str(tmp_path / "dask.json"),
                     "--journal", str(tmp_path / "dask.journal"))
        assert local.wait(timeout=120) == 0, local.stderr.read()
    finally:
        if local.poll() is None:
            local.kill()
    assert run.returncode == 0, run.stderr
    on_cluster, here = results_by_id(tmp_path / "dask.json"), results_by_id(tmp_path / "local.json")
    assert list(on_cluster) == ["alice", "bob", "carol", "stub"]
    assert {k: in_name_order(v) for k, v in on_cluster.items()} == {k: in_name_order(v) for k, v in here.items()}
    assert on_cluster["alice"]["score"] == on_cluster["alice"]["max_score"] == 26
    assert 0 < on_cluster["carol"]["score"] < 26
    assert 0 < on_cluster["bob"]["score"] < on_cluster["carol"]["score"] and on_cluster["stub"]["score"] == 0
    assert "isolation on the Dask workers (4 submission(s))" in run.stdout
    assert not (tmp_path / "dask.journal").exists()  # a finished run removes its journal


def test_a_worker_killed_mid_task_costs_nothing(own_cluster, tmp_path):
    """SIGKILL a worker while it grades: its submission is re-run on the other worker, every
    submission gets its own right result, recorded exactly once (output and journal)."""
    cluster = own_cluster
    names = ["right", "broken"]
    subs = [slow_solution(tmp_path / "right", 1.0), slow_solution(tmp_path / "broken", 1.0, broken=True)]
    out, journal = tmp_path / "grades.json", tmp_path / "grades.journal"
    journal.write_text("")
    os.link(journal, tmp_path / "journal.copy")  # the run removes its journal at the end; this link keeps it
    run = subprocess.Popen([sys.executable, "-m", "autograder.cli", "grade", *map(str, subs), "-s", "6.1", "-q",
                            "--scheduler", cluster.address, "--json", str(out), "--journal", str(journal)],
                           cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        victim = scoring = None
        deadline = time.monotonic() + 60
        while victim is None:  # wait until a worker runs a scoring process, i.e. is grading
            assert run.poll() is None and time.monotonic() < deadline, "no worker started grading"
            for worker in cluster.workers:
                for child in psutil.Process(worker.pid).children(recursive=True):
                    try:
                        cmd = child.cmdline()
                    except psutil.Error:
                        continue
                    if "autograder.scoring" in cmd:
                        victim, scoring = worker, child
                        graded = json.loads(Path(cmd[cmd.index("autograder.scoring") + 1]).read_text())
            time.sleep(0.05)
        time.sleep(0.3)  # the task takes pytest's start-up plus the 1 s import: it is still running
        try:
            alive = scoring.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            alive = False
        assert alive, "the scoring process ended before the kill"
        os.killpg(victim.pid, signal.SIGKILL)
        stdout, stderr = run.communicate(timeout=90)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 0, stderr
    assert graded[0]["id"] in names
    results = results_by_id(out)
    assert sorted(results) == sorted(names) and len(json.loads(out.read_text())["submissions"]) == 2
    failing = {}
    for n in names:  # the killed worker's submission too
        hidden = [t for t in results[n]["sections"][0]["tests"] if not t["name"].startswith("quiz")]
        assert len(hidden) > 10
        failing[n] = sorted({t["name"].split("[")[0] for t in hidden if t["status"] != "passed"})
    assert failing["right"] == [] and failing["broken"]
    assert all(name.startswith("test_train_xor") for name in failing["broken"]), failing
    assert results["right"]["score"] == 10 and 0 < results["broken"]["score"] < 10
    assert sorted(journal_ids(tmp_path / "journal.copy")) == sorted(names)  # each once
    assert not journal.exists()


def test_a_submission_that_cannot_be_graded_is_one_line_and_resumable(cluster, tmp_path, monkeypatch, capsys):
    """A task that fails on every try (here: a broken payload) ends the run with a one-line error
    naming that submission, after the others are journaled; --resume then grades just it."""
    subs = [slow_solution(tmp_path / "good", 0), stub(tmp_path / "stub"), slow_solution(tmp_path / "broken", 0)]
    out, journal = tmp_path / "grades.json", tmp_path / "grades.journal"
    pack = dist.pack_submission
    monkeypatch.setattr(dist, "pack_submission", lambda path: None if path.name == "broken" else pack(path))
    args = ["grade", *map(str, subs), "-s", "6.1", "-q", "--scheduler", cluster.address, "--json", str(out),
            "--journal", str(journal)]
    with pytest.raises(SystemExit) as exit_:
        cli.main(args)
    assert exit_.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("dlbook: error: 1 submission(s) could not be graded"), err
    assert "broken (AttributeError" in err[0] and "--resume" in err[0]
    assert sorted(journal_ids(journal)) == ["good", "stub"] and not out.exists()

    monkeypatch.setattr(dist, "pack_submission", pack)
    cli.main(["grade", "--resume", "-q", "--scheduler", cluster.address, "--json", str(out), "--journal", str(journal)])
    results = results_by_id(out)
    assert [results[n]["score"] for n in ("good", "stub", "broken")] == [10, 0, 10]


@pytest.mark.parametrize("address", ["localhost:8786", "tcp://", "http://10.0.0.5:8786", "tcp://host:99999",
                                     "tcp://a b:8786"])
def test_bad_scheduler_address_is_one_line(address):
    run = dlbook("grade", "solutions", "-s", "6.1", "--scheduler", address)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dlbook: error: --scheduler") and "tcp://HOST:PORT" in lines[0]


def test_unreachable_scheduler_is_one_line(course, tmp_path):
    with pytest.raises(UserError, match=r"^cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9: ") as err:
        dist.run_tests_dask(course, [dist.Submission("s", stub(tmp_path / "s"))], [course.section("6.1")],
                            scheduler="tcp://127.0.0.1:9", connect_timeout=1)
    assert "\n" not in str(err.value)


def test_a_scheduler_without_workers_is_one_line(course, tmp_path):
    c = Cluster(tmp_path / "cluster")
    try:
        c.start(workers=0)
        with pytest.raises(UserError, match=r"^the Dask scheduler at tcp://127\.0\.0\.1:\d+ has no workers"):
            dist.run_tests_dask(course, [dist.Submission("s", stub(tmp_path / "s"))], [course.section("6.1")],
                                scheduler=c.address, connect_timeout=1)
    finally:
        c.stop()


def test_jobs_with_scheduler_is_refused():
    run = dlbook("grade", "solutions", "--scheduler", "tcp://127.0.0.1:8786", "--jobs", "2")
    assert run.returncode == 2 and run.stderr.startswith("dlbook: error: --jobs and --scheduler")


def test_the_task_carries_only_what_the_sandbox_would_copy(tmp_path):
    sub = tmp_path / "s"
    (sub / "ch06").mkdir(parents=True)
    (sub / "ch07").mkdir()
    (sub / "ch06" / "xor.py").write_text("x = 1\n")
    (sub / "ch06" / "answers_xor.yml").write_text("section: '6.1'\n")
    (sub / "ch06" / "test_xor.py").write_text("planted")
    (sub / "ch06" / "conftest.py").write_text("planted")
    (sub / "ch06" / "notes.txt").write_text("no")
    (sub / "ch06" / "big.py").write_bytes(b"#" * (dist.MAX_FILE_BYTES + 1))
    (sub / "ch06" / "link.py").symlink_to(ROOT / "solutions" / "ch06" / "xor.py")
    (sub / "ch08").symlink_to(ROOT / "solutions" / "ch08")
    (sub / "ch07" / "dropout.py").write_text("y = 2\n")
    assert dist.pack_submission(sub) == {"ch06/answers_xor.yml": b"section: '6.1'\n", "ch06/xor.py": b"x = 1\n",
                                         "ch07/dropout.py": b"y = 2\n"}


def test_a_worker_without_the_course_or_with_another_one_says_so(course, tmp_path, monkeypatch):
    monkeypatch.delenv("DLBOOK_COURSE", raising=False)
    with pytest.raises(UserError, match="no course on worker .*no course.yml in /no/such/course"):
        dist.grade_on_worker("s", {}, ["6.1"], "/no/such/course", {}, None)
    monkeypatch.setenv("DLBOOK_COURSE", str(tmp_path))
    assert dist.worker_course_root(str(ROOT)) == ROOT  # DLBOOK_COURSE without course.yml: the client's path
    monkeypatch.setenv("DLBOOK_COURSE", str(ROOT))
    stale = dict(dist.course_fingerprint(ROOT, ["6.1"]), **{"tests/sections/ch06/test_xor.py": "0" * 64})
    with pytest.raises(UserError, match=r"is not the client's \(tests/sections/ch06/test_xor.py differ"):
        dist.grade_on_worker("s", {}, ["6.1"], "/elsewhere", stale, None)
