"""Mutation test of the hidden tests: every buggy variant of a reference must lose points.

Every mutant must score below its section's maximum. Mutants are packed for speed: submission
k holds mutant k of every section (each section runs in its own worker child, so a mutant is
judged alone, exactly as if it were the only module handed in); all are graded in one run.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from autograder import course as course_mod
from autograder import grading, report
from autograder.mutation import load_mutants

MIN_MUTANTS = 4


def mutant_files(course):
    out = {}
    for s in course.written():
        path = course.root / "tests" / "mutants" / s.chapter_dir / f"{s.name}.py"
        out[s.id] = path
    return out


@pytest.fixture(scope="module")
def mutant_results(request, course, tmp_path_factory):
    # Grade the mutants of the selected tests' sections only (so -k 6.2 grades 6.2's), in one run.
    selected = {item.callspec.params["section_id"] for item in request.session.items
                if item.originalname == "test_every_mutant_loses_points"}
    root = tmp_path_factory.mktemp("mutants")
    packs: list[dict[str, tuple]] = []
    for sid, path in mutant_files(course).items():
        if sid not in selected or not path.is_file():
            continue
        section = course.section(sid)
        source = course.solution_path(section).read_text()
        for k, m in enumerate(load_mutants(path)):
            if k == len(packs):
                packs.append({})
            packs[k][sid] = (section, m)
            folder = root / f"pack{k:02d}" / section.chapter_dir
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{section.name}.py").write_text(m.apply(source))
    subs = [grading.Submission(f"pack{k:02d}", root / f"pack{k:02d}", sections=list(pack))
            for k, pack in enumerate(packs)]
    raw = grading.run_tests(course, subs, course.written(), jobs=2, timeout=20)
    out = {}
    for k, pack in enumerate(packs):
        for sid, (section, m) in pack.items():
            tests = [t for t in raw[f"pack{k:02d}"] if t["section"] == sid]
            out[f"{sid}--{m.name}"] = ((section, m), report.section_result(section, tests))
    return out


SECTIONS = [s.id for s in course_mod.load(Path(__file__).resolve().parents[2]).written()]


@pytest.mark.parametrize("section_id", SECTIONS)
def test_every_mutant_loses_points(course, mutant_results, section_id):
    path = mutant_files(course)[section_id]
    assert path.is_file(), f"section {section_id} has no mutants file {path.relative_to(course.root)}"
    mutants = load_mutants(path)
    assert len(mutants) >= MIN_MUTANTS, f"section {section_id} has {len(mutants)} mutants, needs {MIN_MUTANTS}"
    survivors = []
    for m in mutants:
        (section, _), result = mutant_results[f"{section_id}--{m.name}"]
        assert result["max_score"] == pytest.approx(section.points)
        if result["score"] >= result["max_score"] - 1e-9:
            survivors.append(f"{m.name} ({m.description})")
    assert not survivors, f"{section_id}: mutants that the hidden tests do not catch: {survivors}"
