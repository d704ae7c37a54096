"""``dlbook nbgrader OUT``: an nbgrader course folder made from the course.

OUT/nbgrader_config.py, OUT/source/chNN/<section notebook>.ipynb (one assignment per chapter:
that is how a course hands out chapter 6 as one homework), with solution cells and one autograded
cell per hidden test and quiz question, points from course.yml. The hidden blocks call
``autograder.nbgrading``, which reads the course at autograde time: run nbgrader where this
package is installed (the course checkout), so DLBOOK_COURSE or the current folder finds course.yml.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat

from autograder.atomic import write_text_atomic
from autograder.course import Course, Section
from autograder.errors import UserError
from autograder.notebook import nbgrader_notebook

CONFIG = '''# nbgrader configuration written by `dlbook nbgrader`.
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "dlbook"
# Assignments (one per chapter): {assignments}
# A hanging cell cannot stall the run: every cell has a time limit, and a timeout fails it.
c.ExecutePreprocessor.timeout = {timeout}
c.ExecutePreprocessor.interrupt_on_timeout = True
c.Execute.timeout = {timeout}
c.Execute.interrupt_on_timeout = True
c.ClearSolutions.code_stub = {{"python": "# YOUR CODE HERE\\nraise NotImplementedError()"}}
'''


def hidden_test_names(course: Course, section: Section) -> list[str]:
    """Names of the section's hidden tests, as reports show them (pytest collection, no target)."""
    code = ("import sys, pytest\n"
            "class Names:\n"
            "    def pytest_configure(self, config):\n"
            "        config.addinivalue_line('markers', 'section(id): section')\n"
            "    def pytest_collection_finish(self, session):\n"
            "        print('\\n'.join('@@' + i.name for i in session.items))\n"
            "    @pytest.fixture\n    def impl(self): pass\n"
            "    @pytest.fixture\n    def ref(self): pass\n"
            "sys.exit(pytest.main([sys.argv[1], '--collect-only', '-q', '-p', 'no:cacheprovider', '-o', 'addopts=',"
            " '--import-mode=importlib', '--rootdir', sys.argv[2]], plugins=[Names()]))\n")
    run = subprocess.run([sys.executable, "-c", code, str(course.hidden_test_path(section)), str(course.root)],
                         capture_output=True, text=True, env={"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
                                                              **__import__("os").environ})
    names = [line[2:] for line in run.stdout.splitlines() if line.startswith("@@")]
    if run.returncode != 0 or not names:
        raise UserError(f"{course.hidden_test_path(section)}: could not collect the hidden tests "
                        f"({run.stdout[-300:]}{run.stderr[-300:]})")
    return names


def notebook_name(section: Section) -> str:
    return f"{section.id.replace('.', '_')}_{section.name}"


def export(course: Course, sections: list[Section], out: Path, force: bool = False, timeout: int = 60) -> list[Path]:
    if out.exists() and any(out.iterdir()) and not force:
        raise UserError(f"{out}: exists and is not empty (use --force to write into it)")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    assignments = {}
    for section in sections:
        names = hidden_test_names(course, section)
        nb = nbgrader_notebook(course, section, names)
        folder = out / "source" / section.chapter_dir
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{notebook_name(section)}.ipynb"
        write_text_atomic(path, nbformat.writes(nb))
        written.append(path)
        assignments.setdefault(section.chapter_dir, []).append(notebook_name(section))
    write_text_atomic(out / "nbgrader_config.py", CONFIG.format(assignments=", ".join(sorted(assignments)),
                                                                 timeout=timeout))
    return written


def notebook_to_submission(notebook: Path, section: Section, dest: Path) -> None:
    """The code and quiz answers of a (student's) section notebook as a dlbook submission folder:
    dest/chNN/<module>.py from the imports and solution cells, dest/chNN/answers_<module>.yml."""
    from autograder import quiz as quiz_mod

    nb = nbformat.read(str(notebook), as_version=4)
    code, answers = [], None
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code":
            continue
        if meta.get("grade_id") == "quiz_answers":
            answers = _literal_answers(cell.source)
        elif meta.get("grade_id") == "imports" or meta.get("solution"):
            code.append(cell.source)
    folder = dest / section.chapter_dir
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{section.name}.py").write_text("\n\n\n".join(code) + "\n")
    if isinstance(answers, dict):
        clean = {str(k): v for k, v in answers.items() if v is not None}
        quiz_mod.write_answers(folder / f"answers_{section.name}.yml", section.id, clean)


def _literal_answers(source: str):
    """The last `answers = {...}` of a cell, read as a literal (the cell is never executed)."""
    import ast

    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    value = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "answers" for t in node.targets):
            try:
                value = ast.literal_eval(node.value)
            except ValueError:
                value = None
    return value if isinstance(value, dict) else None
