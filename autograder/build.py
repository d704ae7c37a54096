"""Generate ``exercises/`` from ``solutions/``: stubs, public tests and the student conftest.

A solution function keeps its signature and docstring; the code between ``### BEGIN SOLUTION``
and ``### END SOLUTION`` (nbgrader's markers) becomes a TODO and a ``NotImplementedError`` that
names the section and the function. Markers are strict: an unmatched, nested or out-of-function
marker is an error naming the file and line.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from autograder.atomic import write_text_atomic
from autograder.course import Course, Section
from autograder.errors import UserError

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
MARKER = re.compile(r"^\s*###\s*(BEGIN|END)\s+SOLUTION\s*$")
HEADER = "# Generated from {src} by dlbook build. Edit that file instead.\n"


@dataclass
class Block:
    begin: int  # 0-based line index of BEGIN
    end: int  # 0-based line index of END
    function: str
    indent: str


def find_blocks(source: str, filename: str) -> list[Block]:
    """The solution blocks of a file, each checked to sit inside exactly one function body."""
    lines = source.splitlines()
    try:
        tree = ast.parse(source, filename=filename)
    except SyntaxError as exc:
        raise UserError(f"{filename}:{exc.lineno}: syntax error: {exc.msg}") from None
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    blocks: list[Block] = []
    open_at: int | None = None
    for i, line in enumerate(lines):
        if "SOLUTION" in line and "###" in line and not MARKER.match(line):
            raise UserError(f"{filename}:{i + 1}: malformed marker {line.strip()!r} (write '{BEGIN}' or '{END}')")
        m = MARKER.match(line)
        if not m:
            continue
        if m.group(1) == "BEGIN":
            if open_at is not None:
                raise UserError(f"{filename}:{i + 1}: nested '{BEGIN}' (the block opened at line {open_at + 1} "
                                f"is not closed)")
            open_at = i
            continue
        if open_at is None:
            raise UserError(f"{filename}:{i + 1}: '{END}' without a matching '{BEGIN}'")
        owner = _enclosing_function(functions, open_at + 1, i + 1)
        if owner is None:
            raise UserError(f"{filename}:{open_at + 1}: solution markers must sit inside a function body, "
                            f"after its docstring")
        indent = re.match(r"^\s*", lines[open_at]).group(0)
        blocks.append(Block(open_at, i, owner.name, indent))
        open_at = None
    if open_at is not None:
        raise UserError(f"{filename}:{open_at + 1}: '{BEGIN}' is never closed by '{END}'")
    return blocks


def _enclosing_function(functions, begin_line: int, end_line: int):
    best = None
    for fn in functions:
        body = fn.body
        first = body[0]
        has_doc = isinstance(first, ast.Expr) and isinstance(getattr(first, "value", None), ast.Constant) and \
            isinstance(first.value.value, str)
        start = first.end_lineno + 1 if has_doc else first.lineno
        if start <= begin_line and end_line <= fn.end_lineno + 1:
            if best is None or fn.lineno > best.lineno:  # innermost
                best = fn
    return best


def make_stub(source: str, section: Section, src_name: str) -> str:
    """The student's stub for one solution file."""
    blocks = find_blocks(source, src_name)
    if not blocks:
        raise UserError(f"{src_name}: no '{BEGIN}' blocks, so the stub would be the solution")
    lines = source.splitlines()
    out: list[str] = []
    pos = 0
    seen: set[str] = set()
    for b in blocks:
        out.extend(lines[pos:b.begin])
        if b.function in seen:
            out.append(f"{b.indent}# TODO: the rest of {b.function}.")
        else:
            seen.add(b.function)
            out.append(f"{b.indent}# TODO: implement {b.function} (the docstring's Notes and Hints say how).")
            out.append(f'{b.indent}raise NotImplementedError("{section.id} {b.function}: not implemented yet")')
        pos = b.end + 1
    out.extend(lines[pos:])
    stub = HEADER.format(src=src_name) + "\n".join(out) + "\n"
    try:
        ast.parse(stub)
    except SyntaxError as exc:
        raise UserError(f"{src_name}: the generated stub does not parse (line {exc.lineno}: {exc.msg})") from None
    return stub


def generated_files(course: Course) -> dict[Path, str]:
    """Every file ``dlbook build`` writes under exercises/, with its content."""
    files: dict[Path, str] = {}
    conftest = course.solutions / "conftest.py"
    if conftest.is_file():
        files[course.exercises / "conftest.py"] = HEADER.format(src="solutions/conftest.py") + conftest.read_text()
    for section in course.sections:
        src = course.solution_path(section)
        if not src.is_file():
            continue
        rel = f"solutions/{section.filename}"
        files[course.exercises / section.filename] = make_stub(src.read_text(encoding="utf-8"), section, rel)
        public = course.solutions / section.public_test
        if public.is_file():
            files[course.exercises / section.public_test] = (
                HEADER.format(src=f"solutions/{section.public_test}") + public.read_text(encoding="utf-8"))
        quiz_key = course.solutions / section.quiz_file
        if quiz_key.is_file():
            from autograder import quiz

            files[course.exercises / section.quiz_file] = quiz.student_copy(
                quiz.load_quiz(quiz_key), seed="dlbook")
        figure = course.solutions / section.chapter_dir / f"figure_{section.name}.py"
        if figure.is_file():
            files[course.exercises / figure.relative_to(course.solutions)] = (
                HEADER.format(src=f"solutions/{figure.relative_to(course.solutions)}") + figure.read_text())
    # Notebooks are made from the stubs just generated (their cells are the stub's functions).
    notebooks = {}
    for section in course.sections:
        stub = course.exercises / section.filename
        if stub in files:
            from autograder import notebook

            notebooks[course.exercises / section.notebook_file] = notebook.student_markdown(
                course, section, stub_source=files[stub])
    files.update(notebooks)
    return files


def stale_files(course: Course, files: dict[Path, str]) -> list[Path]:
    """Generated files under exercises/ that no source produces any more."""
    if not course.exercises.is_dir():
        return []
    out = []
    for path in course.exercises.rglob("*"):
        if path.name.startswith("answers_"):
            continue  # a student's saved quiz answers, not a generated file
        if path.is_file() and path not in files and "__pycache__" not in path.parts:
            try:
                first = path.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0]
            except OSError:
                continue
            if first.startswith("# Generated from ") or path.suffix in (".py", ".yml", ".ipynb"):
                out.append(path)
    return out


def build(course: Course, check: bool = False) -> list[str]:
    """Write (or with ``check``, compare) exercises/. Returns the list of changed paths."""
    files = generated_files(course)
    changed: list[str] = []
    for path, text in sorted(files.items()):
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            changed.append(str(path.relative_to(course.root)))
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_text_atomic(path, text)
    for path in stale_files(course, files):
        changed.append(str(path.relative_to(course.root)) + " (stale)")
        if not check:
            path.unlink()
    return changed
