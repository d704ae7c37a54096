"""Read and validate the course manifest, ``course.yml``.

The manifest is the one place that lists sections. Everything else (build, grading, quizzes,
notebooks, release) asks this module which sections exist and where their files are.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from autograder.errors import UserError

MANIFEST = "course.yml"
ID_PATTERN = r"^[6-9]\.\d+(\.\d+)?$"
MODULE_PATTERN = r"^ch0[6-9]/[a-z][a-z0-9_]*$"

SCHEMA = {
    "type": "object",
    "required": ["title", "sections"],
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": 1},
        "book": {"type": "string"},
        "release": {"type": "boolean"},
        "defaults": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "points": {"type": "number", "exclusiveMinimum": 0},
                "quiz": {"type": "number", "minimum": 0},
            },
        },
        "sections": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/section"}},
    },
    "$defs": {
        "section": {
            "type": "object",
            "required": ["id", "chapter", "module", "title"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string", "pattern": ID_PATTERN},
                "chapter": {"type": "integer", "minimum": 6, "maximum": 9},
                "module": {"type": "string", "pattern": MODULE_PATTERN},
                "title": {"type": "string", "minLength": 1},
                "points": {"type": "number", "exclusiveMinimum": 0},
                "quiz": {"type": "number", "minimum": 0},
                "teaches": {"type": "string"},
            },
        }
    },
}


@dataclass(frozen=True)
class Section:
    """One book section: its id, where its files live, and what it is worth."""

    id: str
    title: str
    chapter: int
    module: str  # "ch07/l1_regularization"
    points: float
    quiz_points: float
    teaches: str = ""

    @property
    def name(self) -> str:
        """The module's file stem, e.g. ``l1_regularization``."""
        return self.module.split("/")[1]

    @property
    def chapter_dir(self) -> str:
        return self.module.split("/")[0]

    @property
    def filename(self) -> str:
        return self.module + ".py"

    @property
    def public_test(self) -> str:
        return f"{self.chapter_dir}/test_{self.name}.py"

    @property
    def quiz_file(self) -> str:
        return f"{self.chapter_dir}/quiz_{self.name}.yml"

    @property
    def notebook_file(self) -> str:
        """The student notebook (Jupytext Markdown) beside the stub."""
        return f"{self.chapter_dir}/notebook_{self.name}.md"

    @property
    def answers_file(self) -> str:
        """Where a student's quiz answers are saved inside a submission."""
        return f"{self.chapter_dir}/answers_{self.name}.yml"


@dataclass
class Course:
    """The loaded manifest plus the folder it lives in."""

    root: Path
    title: str
    sections: list[Section] = field(default_factory=list)
    release: bool = False  # a student bundle: exercises only, no solutions or hidden tests

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        known = ", ".join(s.id for s in self.sections)
        raise UserError(f"unknown section {section_id!r}; known sections: {known}")

    def select(self, ids: list[str] | None) -> list[Section]:
        """The sections named by ``ids`` (all when empty), in book order."""
        if not ids:
            return list(self.sections)
        wanted = {self.section(i).id for i in ids}
        return [s for s in self.sections if s.id in wanted]

    # Where things are -------------------------------------------------------------------
    @property
    def solutions(self) -> Path:
        return self.root / "solutions"

    @property
    def exercises(self) -> Path:
        return self.root / "exercises"

    @property
    def hidden_tests(self) -> Path:
        return self.root / "tests" / "sections"

    def solution_path(self, s: Section) -> Path:
        return self.solutions / s.filename

    def hidden_test_path(self, s: Section) -> Path:
        return self.hidden_tests / s.chapter_dir / f"test_{s.name}.py"

    def is_written(self, s: Section) -> bool:
        """A section counts as written once its reference and hidden tests exist
        (in a student bundle: once its stub is there)."""
        if self.release:
            return (self.exercises / s.filename).is_file()
        return self.solution_path(s).is_file() and self.hidden_test_path(s).is_file()

    def require_instructor(self, what: str) -> None:
        if self.release:
            raise UserError(f"{what} needs the course checkout (solutions and hidden tests), not a student bundle")

    def section_files(self, s: Section) -> list[Path]:
        """The eight hand-written files of a complete section (docs/AUTHORING.md)."""
        return [self.solution_path(s), self.solutions / s.public_test, self.hidden_test_path(s),
                self.root / "tests" / "oracles" / s.chapter_dir / f"test_{s.name}.py",
                self.root / "tests" / "mutants" / f"{s.module}.py", self.solutions / s.quiz_file,
                self.solutions / s.chapter_dir / f"figure_{s.name}.py",
                self.solutions / s.chapter_dir / f"notes_{s.name}.md"]

    def is_complete(self, s: Section) -> bool:
        return all(p.is_file() for p in self.section_files(s))

    def written(self) -> list[Section]:
        return [s for s in self.sections if self.is_written(s)]


def _field_path(error) -> str:
    parts = [str(p) for p in error.path]
    return ".".join(parts) if parts else "(top level)"


def parse(text: str, root: Path, source: str = MANIFEST) -> Course:
    """Parse and validate manifest text. Errors name the file, the section and the field."""
    from autograder import schema

    try:
        data = schema.load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise UserError(f"{source}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise UserError(f"{source}: expected a mapping with 'title' and 'sections'")
    errors = schema.errors(SCHEMA, data)
    if errors:
        err = errors[0]
        path = list(err.path)
        where = ""
        if len(path) >= 2 and path[0] == "sections" and isinstance(path[1], int):
            sec = data["sections"][path[1]]
            sid = sec.get("id") if isinstance(sec, dict) else None
            where = f" section {sid!r}" if sid else f" section #{path[1] + 1}"
            fld = ".".join(map(str, path[2:])) or "(entry)"
        else:
            fld = _field_path(err)
        raise UserError(f"{source}:{where} field {fld}: {err.message}")

    defaults = data.get("defaults", {})
    sections: list[Section] = []
    seen_ids: set[str] = set()
    seen_modules: set[str] = set()
    for raw in data["sections"]:
        sid = raw["id"]
        if sid in seen_ids:
            raise UserError(f"{source}: section {sid!r} field id: listed twice")
        name = raw["module"].split("/")[1]
        if name in seen_modules:
            raise UserError(f"{source}: section {sid!r} field module: module name {name!r} used twice")
        if raw["module"][:4] != f"ch0{raw['chapter']}":
            raise UserError(
                f"{source}: section {sid!r} field module: {raw['module']!r} is not in chapter {raw['chapter']}"
            )
        if not sid.startswith(f"{raw['chapter']}."):
            raise UserError(f"{source}: section {sid!r} field chapter: id does not belong to chapter {raw['chapter']}")
        seen_ids.add(sid)
        seen_modules.add(name)
        sections.append(
            Section(
                id=sid,
                title=raw["title"],
                chapter=raw["chapter"],
                module=raw["module"],
                points=float(raw.get("points", defaults.get("points", 10))),
                quiz_points=float(raw.get("quiz", defaults.get("quiz", 0))),
                teaches=raw.get("teaches", ""),
            )
        )
    return Course(root=root, title=data["title"], sections=sections, release=bool(data.get("release", False)))


def find_root(start: Path | None = None) -> Path:
    """The course folder: $DLBOOK_COURSE, else the nearest folder upwards holding course.yml,
    else the checkout this package was installed from."""
    env = os.environ.get("DLBOOK_COURSE")
    if env:
        root = Path(env)
        if not (root / MANIFEST).is_file():
            raise UserError(f"DLBOOK_COURSE={env}: no {MANIFEST} there")
        return root.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        if (folder / MANIFEST).is_file():
            return folder
    pkg_root = Path(__file__).resolve().parent.parent
    if (pkg_root / MANIFEST).is_file():
        return pkg_root
    raise UserError(f"no {MANIFEST} found in {here} or above; run dlbook inside the course folder or pass --course")


def load(root: Path | None = None) -> Course:
    """Load the manifest of the course at ``root`` (found automatically when None)."""
    root = Path(root).resolve() if root else find_root()
    path = root / MANIFEST
    if not path.is_file():
        raise UserError(f"{path}: no course manifest here")
    return parse(path.read_text(encoding="utf-8"), root, source=str(path))


def section_id_from_marker(value: str) -> str:
    if not re.match(ID_PATTERN, value):
        raise UserError(f"section marker {value!r} is not a section id like '7.1.2'")
    return value
