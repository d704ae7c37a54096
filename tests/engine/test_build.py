"""dlbook build: stubs keep signatures and docstrings, markers are strict, exercises/ never drifts."""
import ast
import subprocess
import sys

import pytest

from autograder import build
from autograder.course import Section
from autograder.errors import UserError

SECTION = Section(id="7.1.2", title="L1", chapter=7, module="ch07/l1_regularization", points=10, quiz_points=3)

GOOD = '''"""Module."""
import numpy as np


def soft_threshold(w: np.ndarray, alpha: float) -> np.ndarray:
    """Prox of alpha·|w|.

    Hints
    -----
    np.sign(w) * max(|w| - alpha, 0).
    """
    ### BEGIN SOLUTION
    return np.sign(w) * np.maximum(np.abs(w) - alpha, 0.0)
    ### END SOLUTION
'''


def test_stub_keeps_signature_and_docstring_and_raises():
    stub = build.make_stub(GOOD, SECTION, "solutions/ch07/l1_regularization.py")
    assert stub.splitlines()[0] == ("# Generated from solutions/ch07/l1_regularization.py by dlbook build. "
                                    "Edit that file instead.")
    tree = ast.parse(stub)
    fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef))
    assert fn.name == "soft_threshold" and [a.arg for a in fn.args.args] == ["w", "alpha"]
    assert "Prox of alpha" in ast.get_docstring(fn)
    assert "np.maximum" not in stub
    ns = {}
    exec(compile(stub, "stub", "exec"), ns)
    with pytest.raises(NotImplementedError, match="7.1.2 soft_threshold: not implemented yet"):
        ns["soft_threshold"](1.0, 0.5)


@pytest.mark.parametrize("source,message", [
    pytest.param(GOOD.replace("    ### END SOLUTION\n", ""), ":12: '### BEGIN SOLUTION' is never closed", id="unclosed"),
    pytest.param(GOOD.replace("    ### BEGIN SOLUTION\n", ""), ":13: '### END SOLUTION' without a matching", id="unopened"),
    pytest.param(GOOD.replace("    ### BEGIN SOLUTION\n", "    ### BEGIN SOLUTION\n    ### BEGIN SOLUTION\n"),
                 ":13: nested", id="nested"),
    pytest.param("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n", ":1: solution markers must sit inside a function",
                 id="module-level"),
    pytest.param(GOOD.replace("### BEGIN SOLUTION", "### BEGIN SOLUTOIN SOLUTION"), "malformed marker", id="malformed"),
    pytest.param("def f(:\n    pass\n", ":1: syntax error", id="syntax"),
])
def test_marker_errors_name_file_and_line(source, message):
    with pytest.raises(UserError) as err:
        build.make_stub(source, SECTION, "solutions/ch07/l1_regularization.py")
    assert str(err.value).startswith("solutions/ch07/l1_regularization.py:")
    assert message in str(err.value)


def test_marker_before_the_docstring_is_rejected():
    src = 'def f():\n    ### BEGIN SOLUTION\n    """doc"""\n    ### END SOLUTION\n'
    with pytest.raises(UserError, match="x.py:2: solution markers must sit inside a function body, after its docstring"):
        build.make_stub(src, SECTION, "x.py")


def test_exercises_are_up_to_date(course):
    changed = build.build(course, check=True)
    assert not changed, f"exercises/ is out of date, run 'dlbook build': {changed}"


def test_every_solution_module_has_markers_in_every_public_function(course):
    from autograder.progress import todo_functions
    for s in course.written():
        stub = (course.exercises / s.filename).read_text()
        names, todo = todo_functions(stub)
        assert names and set(names) == set(todo), f"{s.id}: functions without a TODO in the stub: {set(names) - set(todo)}"


def test_build_check_cli_reports_drift(course, tmp_path):
    import shutil
    copy = tmp_path / "course"
    shutil.copytree(course.root, copy, ignore=shutil.ignore_patterns(".git", ".venv", "*.egg-info", "__pycache__"))
    stub = next((copy / "exercises").rglob("xor.py"))
    stub.write_text(stub.read_text() + "\n# edited by hand\n")
    run = subprocess.run([sys.executable, "-m", "autograder.cli", "--course", str(copy), "build", "--check"],
                         capture_output=True, text=True)
    assert run.returncode == 1 and "exercises/ch06/xor.py" in run.stderr
    run = subprocess.run([sys.executable, "-m", "autograder.cli", "--course", str(copy), "build"],
                         capture_output=True, text=True)
    assert run.returncode == 0
    run = subprocess.run([sys.executable, "-m", "autograder.cli", "--course", str(copy), "build", "--check"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
