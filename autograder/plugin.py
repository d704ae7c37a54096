"""The grader as a pytest plugin: hidden tests run once per target (solutions, a submission, ...).

Options:
  --dlbook-target PATH     the implementation under test (default: the course's solutions/)
  --dlbook-targets FILE    a JSON list of {"id", "path", "sections"}: grade several targets in one
                           session (each hidden test runs once per target whose sections include it)
  --dlbook-results DIR     write <DIR>/<id>.json per target as soon as its last test has run
  --dlbook-timeout S       wall-clock seconds per call into student code
  --dlbook-section ID      run only this section's tests (repeatable)

Every hidden test carries ``pytestmark = pytest.mark.section("6.1")``; the section decides which
module of the target the ``impl`` fixture loads and which reference ``ref`` is.
"""
from __future__ import annotations

import copy
import functools
import importlib.util
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from autograder import course as course_mod
from autograder.atomic import write_text_atomic
from autograder.sandbox import GradingProblem, Limits, ModuleMissing, Sandbox
from autograder.testing import Impl
from autograder.worker import codec

TARGET_ID = re.compile(r"\[@@\d+\]|(?<=\[)@@\d+-|-@@\d+")


@dataclass
class Target:
    id: str
    path: Path
    sections: set[str] | None = None  # None: every section
    index: int = 0

    def grades(self, section_id: str) -> bool:
        return self.sections is None or section_id in self.sections


@dataclass
class State:
    course: course_mod.Course
    targets: list[Target]
    results_dir: Path | None
    limits: Limits
    only: set[str] = field(default_factory=set)
    expected: dict[int, int] = field(default_factory=dict)  # target index -> items left
    results: dict[int, list] = field(default_factory=dict)
    sandboxes: dict[int, Sandbox] = field(default_factory=dict)
    refs: dict[str, object] = field(default_factory=dict)
    ref_cache: dict = field(default_factory=dict)
    impls: dict = field(default_factory=dict)  # (target index, section id) -> Impl or ModuleMissing
    ref_proxies: dict = field(default_factory=dict)


STATE = pytest.StashKey[State]()
ITEM_INFO = pytest.StashKey[tuple]()  # (target index, section id, test name)
ITEM_ORDER = pytest.StashKey[tuple]()  # where the test stands in its section, whatever the batch


def pytest_addoption(parser):
    group = parser.getgroup("dlbook", "dlbook grading")
    group.addoption("--dlbook-target", default=None, help="implementation under test (a folder like solutions/)")
    group.addoption("--dlbook-targets", default=None, help="JSON file listing targets to grade")
    group.addoption("--dlbook-results", default=None, help="folder for one result JSON per target")
    group.addoption("--dlbook-timeout", type=float, default=None, help="seconds per call into student code")
    group.addoption("--dlbook-section", action="append", default=[], help="only this section (repeatable)")


def pytest_configure(config):
    config.addinivalue_line("markers", "section(id): the course section a test belongs to")
    root = Path(config.rootpath)
    try:
        course = course_mod.load(root if (root / course_mod.MANIFEST).is_file() else None)
    except Exception as exc:  # noqa: BLE001
        raise pytest.UsageError(str(exc)) from None
    targets: list[Target] = []
    if config.getoption("dlbook_targets"):
        raw = json.loads(Path(config.getoption("dlbook_targets")).read_text())
        for i, t in enumerate(raw):
            targets.append(Target(id=t["id"], path=Path(t["path"]),
                                  sections=set(t["sections"]) if t.get("sections") is not None else None, index=i))
    else:
        path = config.getoption("dlbook_target") or os.environ.get("DLBOOK_TARGET") or str(course.solutions)
        targets.append(Target(id=Path(path).name, path=Path(path), index=0))
    limits = Limits()
    if config.getoption("dlbook_timeout"):
        limits.timeout = config.getoption("dlbook_timeout")
    results = config.getoption("dlbook_results")
    if results:
        Path(results).mkdir(parents=True, exist_ok=True)
    config.stash[STATE] = State(course=course, targets=targets, results_dir=Path(results) if results else None,
                                limits=limits, only=set(config.getoption("dlbook_section")))


def section_of(node) -> str | None:
    marker = node.get_closest_marker("section")
    return str(marker.args[0]) if marker and marker.args else None


def pytest_generate_tests(metafunc):
    if "impl" not in metafunc.fixturenames:
        return
    state = metafunc.config.stash[STATE]
    sid = section_of(metafunc.definition)
    if sid is None:
        raise pytest.UsageError(f"{metafunc.definition.nodeid}: a test using 'impl' needs pytest.mark.section(...)")
    targets = [t for t in state.targets if t.grades(sid)]
    metafunc.parametrize("dlbook_target", targets, ids=[f"@@{t.index}" for t in targets], scope="session")


def _order_key(state: State, item, sid: str, callspec) -> tuple:
    """Section order, then the test's line, then its parameters' positions: results list the
    tests in the same order however many submissions share the pytest session."""
    position = next((i for i, s in enumerate(state.course.sections) if s.id == sid), len(state.course.sections))
    params = tuple(i for name, i in callspec.indices.items() if name != "dlbook_target")
    return (position, item.location[1] or 0, params, item.name)


def pytest_collection_modifyitems(session, config, items):
    state = config.stash[STATE]
    keep, drop = [], []
    for item in items:
        sid = section_of(item)
        callspec = getattr(item, "callspec", None)
        if callspec is None or "dlbook_target" not in callspec.params:
            if "impl" in getattr(item, "fixturenames", ()):
                drop.append(item)  # no target grades this section
            else:
                keep.append(item)
            continue
        if state.only and sid not in state.only:
            drop.append(item)
            continue
        target = callspec.params["dlbook_target"]
        name = TARGET_ID.sub("", item.name)
        item.stash[ITEM_INFO] = (target.index, sid, name)
        item.stash[ITEM_ORDER] = _order_key(state, item, sid, callspec)
        state.expected[target.index] = state.expected.get(target.index, 0) + 1
        keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
    for t in state.targets:
        state.results.setdefault(t.index, [])
        if state.expected.get(t.index, 0) == 0:
            _write_result(state, t)


# The test being set up. Fixtures read it instead of asking for ``request``: pytest builds a
# fixture definition for ``request`` at every use, which cost more than the rest of the setup.
_CURRENT: list = [None]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    _CURRENT[0] = item


def _current() -> tuple[State, pytest.Item, str | None]:
    item = _CURRENT[0]
    info = item.stash.get(ITEM_INFO, None)
    return item.config.stash[STATE], item, info[1] if info else section_of(item)


def sandbox_for(state: State, target: Target) -> Sandbox:
    """The target's sandbox, started at its first test and closed after its last one."""
    sandbox = state.sandboxes.get(target.index)
    if sandbox is None:
        sandbox = Sandbox(target.path, state.limits, hide=[state.course.root, Path(target.path).resolve().parent])
        state.sandboxes[target.index] = sandbox
    return sandbox


def make_impl(state: State, sid: str, target: Target) -> Impl:
    key = (target.index, sid)
    impl = state.impls.get(key)
    if impl is None:
        section = state.course.section(sid)
        sandbox = sandbox_for(state, target)
        if not (sandbox.copy / section.filename).is_file():
            # Not handed in: fail at setup, without running the test or computing the reference.
            impl = ModuleMissing(f"{section.name}.py is not in the submission")
        else:
            impl = Impl(sandbox.worker(section.module), sid)
        state.impls[key] = impl
    if isinstance(impl, ModuleMissing):
        raise ModuleMissing(str(impl))
    return impl


def make_ref(state: State, sid: str) -> "CachedReference":
    ref = state.ref_proxies.get(sid)
    if ref is None:
        ref = state.ref_proxies[sid] = CachedReference(load_reference(state, state.course.section(sid)),
                                                       state.ref_cache)
    return ref


@pytest.fixture
def impl(dlbook_target):
    """The implementation under test (``dlbook_target`` is set by parametrization, one per target)."""
    state, _item, sid = _current()
    return make_impl(state, sid, dlbook_target)


@pytest.fixture
def ref():
    state, _item, sid = _current()
    return make_ref(state, sid)


def pytest_sessionfinish(session):
    state = session.config.stash.get(STATE, None)
    if state is not None:
        for sandbox in list(state.sandboxes.values()):
            sandbox.close()
        state.sandboxes.clear()


class CachedReference:
    """The reference module, with results memoized across targets: every submission of a batch
    gets the same inputs, so the expected values are computed once per scoring process.
    Calls whose arguments are not plain data (callables, generators) are not cached."""

    def __init__(self, module, cache: dict):
        self._module = module
        self._cache = cache

    def __getattr__(self, name):
        value = getattr(self._module, name)
        if not callable(value) or isinstance(value, type):
            return value

        def call(*args, **kwargs):
            try:
                key = (self._module.__name__, name, codec.encode((list(args), kwargs)))
            except codec.CodecError:
                return value(*args, **kwargs)
            if key not in self._cache:
                self._cache[key] = value(*args, **kwargs)
            return copy.deepcopy(self._cache[key])

        functools.update_wrapper(call, value)  # name, docstring and signature stay the reference's
        self.__dict__[name] = call  # found without __getattr__ next time
        return call


def load_reference(state: State, section) -> object:
    if section.module not in state.refs:
        path = state.course.solution_path(section)
        name = f"dlbook_reference_{section.name}"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        state.refs[section.module] = module
    return state.refs[section.module]


def _message(excinfo) -> tuple[str, str]:
    return _message_of(excinfo.value)


def _record(sid: str, name: str, when: str, exc: BaseException | None = None, skipped: bool = False) -> dict:
    """A test's record: passed, skipped (an error: every hidden test must run), or the status and
    message of what it raised; whatever fails in setup is an error, not a failed check."""
    if skipped:
        status, message = "error", "the test was skipped"
    elif exc is None:
        status, message = "passed", ""
    else:
        status, message = _message_of(exc)
        if when == "setup" and status == "failed":
            status = "error"
    return {"section": sid, "name": name, "status": status, "message": message}


def _message_of(exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, GradingProblem):
        return exc.status, str(exc)
    if isinstance(exc, AssertionError):
        text = str(exc).strip().split("\nassert ")[0].strip()
        return "failed", (text or "an assertion about the result failed")[:1000]
    return "error", f"the test could not check the result ({type(exc).__name__}: {str(exc)[:300]})"


@pytest.hookimpl(tryfirst=True, specname="pytest_runtest_makereport")
def pytest_runtest_makereport_plain(item, call):
    """When grading, a failure's report carries its one-line message only. pytest's own report
    re-parses the test's source for a traceback: a hundred times the cost of the test itself
    for a submission whose functions are still stubs."""
    excinfo = call.excinfo
    if excinfo is None or item.stash.get(ITEM_INFO, None) is None:
        return None
    if item.config.stash[STATE].results_dir is None or isinstance(excinfo.value, (pytest.skip.Exception,
                                                                                   BaseExceptionGroup)):
        return None
    status, message = _message(excinfo)
    return pytest.TestReport(item.nodeid, item.location, {}, "failed", f"{status}: {message}", call.when,
                             duration=call.duration, start=call.start, stop=call.stop,
                             user_properties=item.user_properties)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    info = item.stash.get(ITEM_INFO, None)
    if info is None:
        return
    state = item.config.stash[STATE]
    index, sid, name = info
    record = None
    if call.when == "setup" and report.failed:
        record = _record(sid, name, "setup", call.excinfo.value)
    elif call.when == "call":
        record = _record(sid, name, "call", None if report.passed or report.skipped else call.excinfo.value,
                         skipped=report.skipped)
    if record is not None:
        state.results[index].append((item.stash[ITEM_ORDER], record))



@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item, nextitem):
    info = item.stash.get(ITEM_INFO, None)
    if info is not None:
        _finish(item.config.stash[STATE], info[0])


def _finish(state: State, index: int):
    """One test of a target is done; after its last one, close its sandbox and write its result."""
    state.expected[index] -= 1
    if state.expected[index] == 0:
        target = next(t for t in state.targets if t.index == index)
        sandbox = state.sandboxes.pop(index, None)
        if sandbox is not None:  # free the worker before the next target starts
            sandbox.close()
        for key in [k for k in state.impls if k[0] == index]:
            del state.impls[key]
        _write_result(state, target)


# The lean protocol -------------------------------------------------------------------------
# When grading, a hidden test that needs nothing but ``impl``, ``ref`` and its parameters runs
# without pytest's per-test machinery (fixture resolution, reports, hooks, terminal output):
# that machinery cost more than most tests. Anything else (other fixtures, skip or xfail marks)
# takes pytest's ordinary path, with the same records.
LEAN_FIXTURES = frozenset({"impl", "ref", "dlbook_target"})
LEAN_BLOCKERS = ("skip", "skipif", "xfail", "usefixtures", "filterwarnings")


def _lean_plan(item) -> dict | None:
    callspec = getattr(item, "callspec", None)
    params = callspec.params if callspec is not None else {}
    if not isinstance(item, pytest.Function) or any(n not in LEAN_FIXTURES and n not in params
                                                    for n in item.fixturenames):
        return None
    if any(m.name in LEAN_BLOCKERS for m in item.iter_markers()):
        return None
    return params


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    info = item.stash.get(ITEM_INFO, None)
    if info is None:
        return None
    state = item.config.stash[STATE]
    if state.results_dir is None:
        return None
    params = _lean_plan(item)
    if params is None:
        return None
    index, sid, name = info
    _CURRENT[0] = item
    stage = "setup"
    try:
        wanted = item._fixtureinfo.argnames
        kwargs = {k: v for k, v in params.items() if k in wanted}
        if "impl" in wanted or "ref" in wanted:
            impl = make_impl(state, sid, params["dlbook_target"])  # first: a missing module skips the reference
            if "impl" in wanted:
                kwargs["impl"] = impl
        if "ref" in wanted:
            kwargs["ref"] = make_ref(state, sid)
        stage = "call"
        item.obj(**kwargs)
        record = _record(sid, name, stage)
    except (KeyboardInterrupt, pytest.exit.Exception):
        raise
    except BaseException as exc:  # noqa: BLE001 - a test's failure, whatever it raised
        record = _record(sid, name, stage, exc, skipped=isinstance(exc, pytest.skip.Exception))
    state.results[index].append((item.stash[ITEM_ORDER], record))
    _finish(state, index)
    return True


def _write_result(state: State, target: Target):
    if state.results_dir is None:
        return
    path = state.results_dir / f"{target.index}.json"
    tests = [record for _, record in sorted(state.results[target.index], key=lambda pair: pair[0])]
    write_text_atomic(path, json.dumps({"id": target.id, "path": str(target.path), "tests": tests}))
