"""``dlbook release OUT``: the student bundle, with no solution, no hidden test and no quiz answer.

OUT holds exercises/ (stubs, public tests, hashed quizzes, notebooks, figures), the autograder
package (for dlbook check / quiz / plot / list and the notebooks' helpers; it contains no course
content), a course.yml marked ``release: true`` listing the released sections, a README for
students and a pyproject.toml that installs what students need (no PyTorch, no nbgrader).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from autograder.atomic import write_text_atomic
from autograder.course import Course, Section
from autograder.errors import UserError

PYPROJECT = '''[build-system]
requires = ["setuptools>=64"]
build-backend = "setuptools.build_meta"

[project]
name = "dlbook-student"
version = "{version}"
description = "Deep Learning Book exercises, chapters 6 to 9: the student bundle"
requires-python = ">=3.10"
dependencies = [
    "numpy>=1.24",
    "pytest>=7.4",
    "pytest-timeout>=2.1",
    "matplotlib>=3.7",
    "pyyaml>=6",
    "click>=8.1",
    "rich>=13",
]

[project.optional-dependencies]
notebooks = ["jupyter", "jupytext>=1.15"]

[project.scripts]
dlbook = "autograder.cli:main"

[tool.setuptools]
packages = ["autograder", "autograder.worker"]

[tool.pytest.ini_options]
testpaths = ["exercises"]
addopts = "--strict-markers --import-mode=importlib -p no:cacheprovider"
markers = ["section(id): the course section a test belongs to"]
'''

README = '''# {title}: your exercises

Sections in this bundle: {sections}.

```bash
pip install -e .                     # what the exercises need (add ".[notebooks]" for Jupyter)
pytest                               # every public test: all fail until you fill in the stubs
dlbook list --path exercises         # your progress, function by function
```

For each section (say 6.1, in `exercises/ch06/xor.py`):

1. Read the notebook `exercises/ch06/notebook_xor.md` (open it in Jupyter with jupytext, or
   convert it: `jupytext --to ipynb exercises/ch06/notebook_xor.md`), or just the module's docstrings.
2. Fill in the functions of `exercises/ch06/xor.py`; each raises `NotImplementedError` until you do.
3. Self-check: `pytest exercises/ch06/test_xor.py` or `dlbook check 6.1` (tests, plus your quiz status).
4. Look at the figure drawn from your functions: `dlbook plot 6.1 -o xor.png`.
5. Take the quiz: `dlbook quiz 6.1` (answers are saved in `exercises/ch06/answers_xor.yml`).

Hand in the `exercises/` folder (or the chapter folders in it) as your instructor asks. The
grader runs more tests than the public ones, on other inputs, so test your own edge cases too.
'''

EXCLUDE = shutil.ignore_patterns("__pycache__", "*.pyc", "answers_*.yml")


def release(course: Course, sections: list[Section], out: Path, force: bool = False) -> list[Path]:
    from autograder import __version__, build

    if course.release:
        raise UserError("this is already a student bundle; run dlbook release in the course checkout")
    names = {s.name for s in sections}
    stale = [p for p in build.build(course, check=True)
             if p.endswith("conftest.py") or any(_belongs(Path(p.split(" ")[0]).name, n) for n in names)]
    if stale:
        raise UserError(f"exercises/ is out of date ({', '.join(stale[:3])}); run 'dlbook build' first")
    if out.exists():
        if not out.is_dir() or (any(out.iterdir()) and not force):
            raise UserError(f"{out}: exists and is not an empty folder (use --force to replace it)")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written: list[Path] = []
    ex = out / "exercises"
    ex.mkdir()
    shutil.copyfile(course.exercises / "conftest.py", ex / "conftest.py")
    for s in sections:
        folder = ex / s.chapter_dir
        folder.mkdir(exist_ok=True)
        for f in sorted((course.exercises / s.chapter_dir).iterdir()):
            if f.is_file() and _belongs(f.name, s.name):
                shutil.copyfile(f, folder / f.name)
                written.append(folder / f.name)
    shutil.copytree(Path(__file__).resolve().parent, out / "autograder", ignore=EXCLUDE)
    manifest = {
        "title": course.title,
        "release": True,
        "sections": [{"id": s.id, "chapter": s.chapter, "module": s.module, "title": s.title, "points": s.points,
                      "quiz": s.quiz_points, "teaches": s.teaches} for s in sections],
    }
    write_text_atomic(out / "course.yml", "# The released sections of the course (student bundle).\n"
                      + yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True, width=110))
    write_text_atomic(out / "pyproject.toml", PYPROJECT.format(version=__version__))
    write_text_atomic(out / "README.md", README.format(title=course.title, sections=", ".join(s.id for s in sections)))
    return written


def _belongs(filename: str, name: str) -> bool:
    stems = {f"{name}.py", f"test_{name}.py", f"quiz_{name}.yml", f"notebook_{name}.md", f"figure_{name}.py"}
    return filename in stems
