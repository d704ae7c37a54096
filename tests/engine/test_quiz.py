"""Quizzes: keys parse, student copies hide answers but still check them, answers files are untrusted."""
from __future__ import annotations

import yaml
import pytest

from autograder import quiz as quiz_mod
from autograder.quiz_grading import grade_section_quiz

KEY = """
section: "9.9"
questions:
  - id: num
    type: numeric
    prompt: "two numbers"
    answer: [0.5, -3]
    tol: 0.01
    explanation: "secret explanation text"
  - id: rel
    type: numeric
    prompt: "a big number"
    answer: 267960
    rtol: 1.0e-4
  - id: one
    type: choice
    prompt: "pick"
    options: [w, x, y, z]
    answer: c
  - id: many
    type: multi
    prompt: "pick some"
    options: [w, x, y]
    answer: [c, a]
"""


@pytest.fixture(scope="module")
def key():
    return quiz_mod.parse_quiz(KEY, "key.yml")


@pytest.fixture(scope="module")
def copy(key):
    return quiz_mod.parse_quiz(quiz_mod.student_copy(key, seed="t"), "copy.yml")


def test_student_copy_has_no_readable_answer(key):
    text = quiz_mod.student_copy(key, seed="t")
    data = yaml.safe_load(text)
    assert all("answer" not in q for q in data["questions"])
    assert "secret explanation" not in text and "267960" not in text


@pytest.mark.parametrize("qid,answer,expected", [
    ("num", [0.5, -3], True), ("num", [0.509, -2.991], True), ("num", [0.52, -3], False), ("num", [-3, 0.5], False),
    ("rel", [267960 * (1 + 0.9e-4)], True), ("rel", [267960 * (1 + 3e-4)], False), ("rel", [-267960], False),
    ("one", ["c"], True), ("one", ["b"], False), ("many", ["a", "c"], True), ("many", ["a"], False),
])
def test_key_and_copy_agree_inside_the_tolerance(key, copy, qid, answer, expected):
    kq = next(q for q in key.questions if q.id == qid)
    cq = next(q for q in copy.questions if q.id == qid)
    value = quiz_mod.normalize(kq, answer if kq.type == "numeric" else " ".join(answer))
    assert quiz_mod.is_right(kq, value) is expected
    assert quiz_mod.check_student(cq, value)[0] is expected


def test_explanation_unlocks_only_with_the_right_answer(copy):
    q = next(q for q in copy.questions if q.id == "num")
    assert quiz_mod.check_student(q, [0.503, -3.004]) == (True, "secret explanation text")
    assert quiz_mod.check_student(q, [0.6, -3.0]) == (False, "")


@pytest.mark.parametrize("raw,reason", [
    ("a b", "choose exactly one"), ("e", "not one of the options"), ("", "no option chosen"),
])
def test_bad_choice_answers_are_explained(key, raw, reason):
    q = next(q for q in key.questions if q.id == "one")
    with pytest.raises(ValueError, match=reason):
        quiz_mod.normalize(q, raw)


@pytest.mark.parametrize("text,fragment", [
    ("section: '9.9'\nquestions: []\n", "field questions"),
    ("section: '9.9'\nquestions:\n  - {id: a, type: choice, prompt: p, options: [x, y], answer: e}\n", "not an option letter"),
    ("section: '9.9'\nquestions:\n  - {id: a, type: numeric, prompt: p, answer: [1, x]}\n", "numeric answer"),
    ("section: '9.9'\nquestions:\n  - {id: a, type: numeric, prompt: p, answer: 0, rtol: 0.1}\n", "rtol cannot"),
])
def test_broken_keys_are_one_line_errors(text, fragment):
    from autograder.errors import UserError
    with pytest.raises(UserError, match=fragment):
        quiz_mod.parse_quiz(text, "quiz.yml")


def test_every_section_quiz_parses_and_builds(course, complete):
    for s in complete:
        path = course.solutions / s.quiz_file
        assert path.is_file(), f"{s.id} has no quiz"
        key = quiz_mod.load_quiz(path)
        assert key.is_key and key.section == s.id and len(key.questions) >= 2
        copy = quiz_mod.parse_quiz(quiz_mod.student_copy(key, seed="dlbook"), "copy")
        for kq, cq in zip(key.questions, copy.questions):
            assert quiz_mod.check_student(cq, kq.answer)[0], f"{s.id} {kq.id}: the key fails its own copy"


@pytest.mark.parametrize("content,status", [
    ("answers: {linear-fit: [0.5, 0.25]}\n", {"passed", "missing"}),
    ("!!python/object/apply:os.system ['echo pwned']\n", {"error"}),
    ("answers: [1, 2]\n", {"error"}),
    ("a: &a [1,2]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nanswers: {linear-fit: *c}\n",
     {"failed", "missing"}),
    ("answers: {linear-fit: 'x' }\n" + "#" * 70000 + "\n", {"error"}),
])
def test_untrusted_answers_cost_the_quiz_only(course, tmp_path, content, status):
    section = course.section("6.1")
    (tmp_path / "ch06").mkdir()
    (tmp_path / section.answers_file).write_text(content)
    records = grade_section_quiz(course, section, tmp_path)
    assert {r["status"] for r in records} == status
    assert sum(r["score"] for r in records) <= section.quiz_points
