"""Notebooks: one per section, built from the section's files, never written by hand.

A notebook is: the section's notes (``notes_<module>.md``), the module's code split into one
cell per function (from the stub for students, from the solution for nbgrader's source), a
self-check cell (the public tests, run on the functions defined in the notebook), the figure
(``figure_<module>.py``, drawn from those functions) and the quiz.

Two outputs: the student notebook as Jupytext Markdown (``exercises/chNN/<module>.md``: text
that diffs well; ``jupytext --to ipynb`` or Jupyter with jupytext opens it), and nbgrader's source
notebook (``.ipynb``) with solution cells and autograded test cells whose hidden blocks run this
course's hidden tests (``autograder.nbgrading``).
"""
from __future__ import annotations

import ast
import re

import nbformat

from autograder.course import Course, Section
from autograder.quiz import LETTERS, Quiz, load_quiz

KERNEL = {"display_name": "Python 3", "language": "python", "name": "python3"}


def split_module(source: str) -> tuple[str, list[tuple[str, str]]]:
    """(header: docstring/imports/constants, [(function name, its source), ...]) of a module."""
    lines = source.splitlines()
    tree = ast.parse(source)
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    if not functions:
        return source, []
    first = functions[0]
    start = (first.decorator_list[0].lineno if first.decorator_list else first.lineno) - 1
    header_lines = lines[:start]
    if header_lines and header_lines[0].startswith("# Generated from"):
        header_lines = header_lines[1:]
    starts = [(n.decorator_list[0].lineno if getattr(n, "decorator_list", None) else n.lineno) - 1
              for n in tree.body]
    parts = []
    for fn in functions:
        begin = (fn.decorator_list[0].lineno if fn.decorator_list else fn.lineno) - 1
        # up to the next top-level statement: trailing comments (### END SOLUTION) belong to fn
        end = min([s for s in starts if s > begin] + [len(lines)])
        parts.append((fn.name, "\n".join(lines[begin:end]).rstrip()))
    # Module docstring goes to the notes, not to code.
    header = "\n".join(header_lines)
    doc = ast.get_docstring(tree)
    if doc is not None and tree.body and isinstance(tree.body[0], ast.Expr):
        node = tree.body[0]
        header = "\n".join(header_lines[node.end_lineno:])
    return header.strip("\n"), parts


def _md(text: str, **meta):
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata.update(meta)
    return cell


def _code(text: str, **meta):
    cell = nbformat.v4.new_code_cell(text)
    cell.metadata.update(meta)
    return cell


def quiz_markdown(quiz: Quiz) -> str:
    out = ["## Quiz", ""]
    for i, q in enumerate(quiz.questions, 1):
        out.append(f"**{i}. `{q.id}`** {q.prompt}")
        out.append("")
        for letter, option in zip(LETTERS, q.options):
            out.append(f"- ({letter}) {option}")
        if q.type == "numeric":
            what = ", ".join(q.labels) if q.labels else f"{q.count} number(s)"
            out.append(f"*Answer with {'a list of numbers' if q.count > 1 else 'a number'}: {what}.*")
        elif q.type == "choice":
            out.append("*Answer with one letter.*")
        else:
            out.append("*Answer with a list of letters: every right option.*")
        out.append("")
    return "\n".join(out).rstrip()


def _intro(course: Course, section: Section, module_doc: str | None) -> str:
    notes = course.solutions / section.chapter_dir / f"notes_{section.name}.md"
    text = [f"# {section.id} {section.title}", ""]
    if notes.is_file():
        text += [notes.read_text(encoding="utf-8").strip(), ""]
    if module_doc:
        text += ["## Conventions", "", module_doc.strip()]
    return "\n".join(text).rstrip()


def _module_parts(course: Course, section: Section, variant: str, source: str | None = None):
    if source is None:
        path = (course.solutions if variant == "nbgrader" else course.exercises) / section.filename
        source = path.read_text(encoding="utf-8")
    doc = ast.get_docstring(ast.parse(source))
    header, parts = split_module(source)
    return doc, header, parts


def student_notebook(course: Course, section: Section, stub_source: str | None = None) -> nbformat.NotebookNode:
    doc, header, parts = _module_parts(course, section, "student", stub_source)
    generated = (f"*Generated from `solutions/{section.chapter_dir}/` by `dlbook build`. Open it in Jupyter "
                 f"(with jupytext) or convert it: `jupytext --to ipynb notebook_{section.name}.md`.*")
    cells = [_md(_intro(course, section, doc) + "\n\n" + generated)]
    if header:
        cells.append(_code(header))
    cells.append(_md("## Your functions\n\nFill in each function (it raises `NotImplementedError` until you do), "
                     "run its cell, then the self-check below."))
    for _name, src in parts:
        cells.append(_code(src))
    cells.append(_md("## Self-check\n\nThe public tests of this section, run on the functions defined above. "
                     "The grader runs more, hidden, tests."))
    cells.append(_code(f"from autograder.notebook_tools import self_check\nself_check({section.id!r}, globals())"))
    figure = course.solutions / section.chapter_dir / f"figure_{section.name}.py"
    if figure.is_file():
        cells.append(_md("## Figure\n\nDrawn from your own functions: a wrong implementation shows in the picture."))
        cells.append(_code(f"from autograder.notebook_tools import show_figure\nshow_figure({section.id!r}, globals())"))
    quiz_path = course.solutions / section.quiz_file
    if quiz_path.is_file():
        quiz = load_quiz(quiz_path)
        cells.append(_md(quiz_markdown(quiz)))
        blank = ",\n".join(f"    {q.id!r}: None" for q in quiz.questions)
        cells.append(_code(f"answers = {{\n{blank},\n}}\n\nfrom autograder.notebook_tools import check_quiz\n"
                           f"check_quiz({section.id!r}, answers)"))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = KERNEL
    nb.metadata["jupytext"] = {"formats": "ipynb,md"}
    return nb


def student_markdown(course: Course, section: Section, stub_source: str | None = None) -> str:
    import jupytext

    nb = student_notebook(course, section, stub_source)
    # No tool version in generated text: it would make `dlbook build --check` depend on it.
    return re.sub(r"\n\s*jupytext_version: [^\n]*", "", jupytext.writes(nb, fmt="md"))


# nbgrader -----------------------------------------------------------------------------------
def _grade_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_")[:90]


def _nbg(**meta):
    base = {"schema_version": 3, "locked": False, "solution": False, "grade": False, "task": False}
    base.update(meta)
    return {"nbgrader": base}


def nbgrader_notebook(course: Course, section: Section, test_names: list[str]) -> nbformat.NotebookNode:
    """nbgrader source notebook: solution cells, then one autograded cell per hidden test and quiz question."""
    doc, header, parts = _module_parts(course, section, "nbgrader")
    cells = [_md(_intro(course, section, doc), **_nbg(grade_id="intro", locked=True))]
    if header:
        cells.append(_code(header, **_nbg(grade_id="imports", locked=True)))
    for name, src in parts:
        cells.append(_code(src, **_nbg(grade_id=f"fn_{name}", solution=True)))
    quiz_path = course.solutions / section.quiz_file
    quiz = load_quiz(quiz_path) if quiz_path.is_file() else None
    if quiz is not None:
        cells.append(_md(quiz_markdown(quiz), **_nbg(grade_id="quiz_text", locked=True)))
        blank = ", ".join(f"{q.id!r}: None" for q in quiz.questions)
        key = ",\n".join(f"    {q.id!r}: {_literal(q)}" for q in quiz.questions)
        cells.append(_code(f"answers = {{{blank}}}  # fill in every answer\n### BEGIN SOLUTION\n"
                           f"answers = {{\n{key},\n}}\n### END SOLUTION",
                           **_nbg(grade_id="quiz_answers", solution=True)))
    cells.append(_md("## Autograded tests\n\nEach cell below is one hidden test of the course's grader.",
                     **_nbg(grade_id="tests_text", locked=True)))
    shares = _shares(section.points, len(test_names))
    for name, points in zip(test_names, shares):
        fn = name.split("[", 1)[0]
        source = (f"# {name}\nassert callable(globals().get({_function_of(fn, parts)!r})), "
                  f"'define the function first'\n"
                  f"### BEGIN HIDDEN TESTS\nfrom autograder.nbgrading import run_hidden\n"
                  f"run_hidden({section.id!r}, {name!r}, globals())\n### END HIDDEN TESTS")
        cells.append(_code(source, **_nbg(grade_id=_grade_id(f"t_{name}"), grade=True, locked=True,
                                          points=points)))
    if quiz is not None:
        for q, qpoints in zip(quiz.questions, _shares(section.quiz_points, len(quiz.questions))):
            source = (f"# quiz: {q.id}\nassert answers.get({q.id!r}) is not None, 'answer the question'\n"
                      f"### BEGIN HIDDEN TESTS\nfrom autograder.nbgrading import check_answer\n"
                      f"check_answer({section.id!r}, {q.id!r}, answers)\n### END HIDDEN TESTS")
            cells.append(_code(source, **_nbg(grade_id=_grade_id(f"quiz_{q.id}"), grade=True, locked=True,
                                              points=qpoints)))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = KERNEL
    return nb


def _shares(total: float, n: int) -> list[float]:
    """n equal shares of total, rounded to 6 places, the last one absorbing the rounding."""
    if n == 0:
        return []
    each = round(total / n, 6)
    return [each] * (n - 1) + [round(total - each * (n - 1), 6)]


def _function_of(test_fn: str, parts) -> str:
    """The module function a test is about: the longest function name in the test's name."""
    names = sorted((n for n, _ in parts), key=len, reverse=True)
    for n in names:
        if n in test_fn:
            return n
    return names[0] if names else ""


def _literal(q) -> str:
    if q.type == "numeric":
        return repr(q.answer if len(q.answer) > 1 else q.answer[0])
    return repr(q.answer[0] if q.type == "choice" else q.answer)
