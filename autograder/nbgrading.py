"""The hidden tests inside nbgrader: what an autograded cell's hidden block calls.

``run_hidden("6.1", "<hidden test name>[<case>]", globals())`` runs the course's hidden
tests for the section once per kernel, against the functions the notebook defines, and fails the
cell unless that test passed. Student code runs in the notebook's kernel (nbgrader's model, weaker
than ``dlbook grade``'s sandbox), but through the same calls: plain data only, the same purity
checks, a timer per call, and the same per-function timeout rule, so scores match.
"""
from __future__ import annotations

import signal
import types

from autograder import course as course_mod
from autograder.sandbox import Limits, ModuleMissing, Reply, StudentError, WorkerTimeout, interpret
from autograder.worker import codec
from autograder.worker.host import Interrupt, SectionChild

_RESULTS: dict[tuple[str, int], dict] = {}


class InProcessWorker:
    """sandbox.Worker's interface, for functions defined in this process (a notebook)."""

    MAX_TIMEOUTS_PER_FUNCTION = 2

    def __init__(self, namespace: dict, timeout: float):
        self.child = SectionChild(sock=None, submission="", module="notebook/notebook")
        self.child.module = types.SimpleNamespace(**namespace)
        self.timeout = timeout
        self.timeouts: dict[str, int] = {}

    def _run(self, request: dict, timeout: float, what: str) -> dict:
        def alarm(signum, frame):
            raise Interrupt()

        request = codec.decode(codec.encode(request), allow_markers=True)
        old = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            reply = self.child.handle(request)
        except Interrupt:
            raise WorkerTimeout(f"{what} did not finish within {timeout:g} s (infinite loop or too slow?)") from None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
        try:
            return codec.decode(codec.encode(reply))
        except codec.CodecError as exc:
            raise StudentError(f"{what} returned something that is not plain data: {exc}") from None

    def call(self, func, args=(), kwargs=None, *, keep=False, check_pure=True, timeout=None) -> Reply:
        what = f"{func}(...)"
        if self.timeouts.get(func, 0) >= self.MAX_TIMEOUTS_PER_FUNCTION:
            raise WorkerTimeout(f"{what} was not run again: it already timed out {self.timeouts[func]} times")
        request = {"op": "call", "func": func, "args": list(args), "kwargs": dict(kwargs or {}), "keep": keep,
                   "check_pure": check_pure}
        try:
            reply = self._run(request, timeout or self.timeout, what)
        except WorkerTimeout:
            self.timeouts[func] = self.timeouts.get(func, 0) + 1
            raise
        return interpret(func, reply)

    def fetch(self, handle, timeout=None):
        reply = self._run({"op": "fetch", "handle": handle}, timeout or self.timeout, "reading a kept value")
        if not reply.get("ok"):
            raise StudentError(str(reply.get("message", "failed")))
        return reply.get("value")


def _run_section(section_id: str, namespace: dict, timeout: float) -> dict:
    import pytest

    from autograder.plugin import CachedReference, load_reference, State
    from autograder.testing import Impl

    course = course_mod.load(course_mod.find_root())
    section = course.section(section_id)
    results: dict[str, tuple[str, str]] = {}
    worker = InProcessWorker(namespace, timeout)
    state = State(course=course, targets=[], results_dir=None, limits=Limits(timeout=timeout))

    class KernelPlugin:
        def pytest_configure(self, config):
            config.addinivalue_line("markers", "section(id): the course section a test belongs to")

        @pytest.fixture
        def impl(self):
            return Impl(worker, section_id)

        @pytest.fixture
        def ref(self):
            return CachedReference(load_reference(state, section), state.ref_cache)

        @pytest.hookimpl(hookwrapper=True)
        def pytest_runtest_makereport(self, item, call):
            from autograder.plugin import _message

            outcome = yield
            report = outcome.get_result()
            if call.when == "call" or (call.when == "setup" and report.failed):
                if report.passed:
                    results[item.name] = ("passed", "")
                else:
                    results[item.name] = _message(call.excinfo) if call.excinfo else ("error", "skipped")

    pytest.main([str(course.hidden_test_path(section)), "-q", "-p", "no:cacheprovider", "-o", "addopts=",
                 "--import-mode=importlib", "--assert=plain", "--rootdir", str(course.root), "-W", "ignore",
                 "--no-header", "--tb=no"], plugins=[KernelPlugin()])
    return results


def run_hidden(section_id: str, test_name: str, namespace: dict, timeout: float | None = None) -> None:
    key = (section_id, id(namespace))
    if key not in _RESULTS:
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):
            _RESULTS[key] = _run_section(section_id, namespace, timeout or Limits().timeout)
    status, message = _RESULTS[key].get(test_name, ("error", f"no hidden test named {test_name}"))
    if status != "passed":
        raise AssertionError(f"{status}: {message}")


def check_answer(section_id: str, question_id: str, answers: dict) -> None:
    from autograder import quiz as quiz_mod
    from autograder.quiz_grading import key_path

    course = course_mod.load(course_mod.find_root())
    key = quiz_mod.load_quiz(key_path(course, course.section(section_id)))
    q = next(q for q in key.questions if q.id == question_id)
    try:
        ok = quiz_mod.is_right(q, quiz_mod.normalize(q, answers.get(question_id)))
    except ValueError as exc:
        raise AssertionError(f"answer not understood: {exc}") from None
    if not ok:
        raise AssertionError("wrong answer")


__all__ = ["run_hidden", "check_answer", "InProcessWorker", "ModuleMissing"]
