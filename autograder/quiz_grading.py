"""Quiz answers as graded tests of their section (``dlbook grade``) and as status (``dlbook check``).

Runs in the grading process, never in the sandbox: a student's answers file is data, read with
size limits and safe YAML; a malformed file costs that quiz only. The key is the course's own
``solutions/chNN/quiz_<module>.yml``. A submission without an answers file but with a key-format
quiz file (``solutions/`` itself) is graded on that file's answers.
"""
from __future__ import annotations

from pathlib import Path

from autograder import quiz as quiz_mod
from autograder.course import Course, Section
from autograder.errors import UserError


def key_path(course: Course, section: Section) -> Path:
    return course.solutions / section.quiz_file


def submitted_answers(section: Section, folder: Path) -> dict:
    """The answers a folder holds for a section's quiz; raises ValueError when unreadable."""
    if (Path(folder) / section.chapter_dir).is_symlink():
        raise ValueError(f"{section.chapter_dir} is a symbolic link: hand in the folder itself")
    answers = Path(folder) / section.answers_file
    if answers.exists():
        return quiz_mod.read_answers(answers)
    own_key = Path(folder) / section.quiz_file
    if own_key.is_file() and not own_key.is_symlink() and own_key.stat().st_size <= quiz_mod.MAX_ANSWERS_BYTES * 4:
        try:
            quiz = quiz_mod.load_quiz(own_key)
        except UserError:
            quiz = None
        if quiz is not None and quiz.is_key:
            return quiz_mod.key_answers(quiz)
    raise FileNotFoundError("no answers saved (run dlbook quiz)")


_KEYS: dict[tuple, quiz_mod.Quiz] = {}


def load_key(path: Path) -> quiz_mod.Quiz:
    """The parsed answer key, read once per grading process (and again if the file changes)."""
    st = path.stat()
    stamp = (str(path), st.st_mtime_ns, st.st_size)
    if stamp not in _KEYS:
        _KEYS[stamp] = quiz_mod.load_quiz(path)
    return _KEYS[stamp]


def grade_section_quiz(course: Course, section: Section, folder: Path) -> list[dict]:
    path = key_path(course, section)
    if not path.is_file() or section.quiz_points <= 0:
        return []
    key = load_key(path)
    each = section.quiz_points / len(key.questions)
    try:
        answers = submitted_answers(section, folder)
        problem, status = None, None
    except FileNotFoundError as exc:
        answers, problem, status = {}, str(exc), "missing"
    except ValueError as exc:
        answers, problem, status = {}, str(exc), "error"
    out = []
    for q in key.questions:
        record = {"name": f"quiz: {q.id}", "score": 0.0, "max_score": round(each, 4), "visibility": "visible"}
        if problem:
            record.update(status=status, message=problem)
        elif q.id not in answers:
            record.update(status="missing", message="not answered")
        else:
            try:
                ok = quiz_mod.is_right(q, quiz_mod.normalize(q, answers[q.id]))
                record.update(status="passed" if ok else "failed", message="" if ok else "wrong answer",
                              score=round(each, 4) if ok else 0.0)
            except ValueError as exc:
                record.update(status="failed", message=f"answer not understood: {exc}")
        out.append(record)
    return out


def grade_quizzes(course: Course, sections: list[Section], folder: Path) -> dict[str, list[dict]]:
    return {s.id: grade_section_quiz(course, s, folder) for s in sections}


def quiz_status(course: Course, section: Section, folder: Path) -> str | None:
    """'2 of 3 answered, 2 right' for a student's own folder, checked against the hashed copy."""
    copy = course.exercises / section.quiz_file
    if not copy.is_file():
        return None
    quiz = quiz_mod.load_quiz(copy)
    try:
        answers = submitted_answers(section, folder)
    except FileNotFoundError:
        return f"not taken yet ({len(quiz.questions)} questions): run dlbook quiz {section.id}"
    except ValueError as exc:
        return f"answers file unreadable: {exc}"
    answered = right = 0
    for q in quiz.questions:
        if q.id in answers:
            answered += 1
            try:
                value = quiz_mod.normalize(q, answers[q.id])
                right += (quiz_mod.is_right(q, value) if quiz.is_key else quiz_mod.check_student(q, value)[0])
            except ValueError:
                pass
    return f"{answered} of {len(quiz.questions)} answered, {right} right"
