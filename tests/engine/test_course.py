"""course.yml: the whole course listed in book order, and one-line errors naming file, section, field."""
from pathlib import Path

import pytest

from autograder import course as course_mod
from autograder.errors import UserError

BOOK_ORDER = ["6.1", "6.2", "6.3", "6.4", "6.5", "7.0", "7.1.1", "7.1.2"] + [f"7.{i}" for i in range(2, 15)] + \
    [f"8.{i}" for i in range(1, 8)] + [f"9.{i}" for i in range(1, 7)]


def test_manifest_lists_all_34_sections_in_book_order(course):
    assert [s.id for s in course.sections] == BOOK_ORDER
    assert len({s.module for s in course.sections}) == 34


def test_modules_match_curriculum(course):
    text = (course.root.parent / "shared" / "CURRICULUM.md")
    if not text.is_file():
        pytest.skip("shared/CURRICULUM.md is not beside the checkout")  # only in a bare clone
    table = {}
    for line in text.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[1].startswith("ch0"):
            table[cells[0]] = cells[1]
    assert {s.id: s.module for s in course.sections} == table


def good():
    return (Path(__file__).resolve().parents[2] / "course.yml").read_text()


@pytest.mark.parametrize("old,new,expected", [
    pytest.param('module: ch06/xor,', 'module: ch06/Xor-1,', "section '6.1' field module", id="bad-module"),
    pytest.param('{id: "6.2", chapter: 6,', '{id: "6.2", chapter: 7,', "section '6.2' field module", id="wrong-chapter"),
    pytest.param('  - {id: "6.3", chapter: 6,', '  - {id: "6.3", chapter: 6, pointz: 3,', "section '6.3' field (entry): unknown field", id="unknown-field"),
    pytest.param('{id: "6.4", chapter: 6,', '{id: "6.4", chapter: 6, points: -1,', "section '6.4' field points", id="negative-points"),
    pytest.param('{id: "6.5",', '{id: "6.1",', "section '6.1' field id: listed twice", id="duplicate-id"),
    pytest.param('title: "Deep', 'titl: "Deep', "field (top level)", id="missing-title"),
])
def test_schema_errors_are_one_line_and_name_the_field(old, new, expected):
    text = good()
    assert old in text
    with pytest.raises(UserError) as err:
        course_mod.parse(text.replace(old, new, 1), Path("."), source="course.yml")
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("course.yml:")
    assert expected in message, message


def test_yaml_syntax_error_names_the_line():
    with pytest.raises(UserError, match=r"course.yml line \d+: not valid YAML"):
        course_mod.parse("title: x\nsections: [\n  {id: 6.1", Path("."), source="course.yml")


def test_unknown_section_lists_known_ones(course):
    with pytest.raises(UserError, match="unknown section '6.9'.*6.1, 6.2"):
        course.section("6.9")


def test_every_written_section_is_complete(course, complete):
    missing = [s.id for s in course.written() if s not in complete]
    assert not missing, f"sections with a reference and hidden tests but not all eight files: {missing}"
