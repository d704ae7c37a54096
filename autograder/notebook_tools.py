"""What a student notebook calls: the self-check, the figure, and the quiz, on the notebook's own
functions. (The notebook's code cells define the functions; these helpers look them up in the
namespace passed as ``globals()``.)"""
from __future__ import annotations

import types
from pathlib import Path

from autograder import course as course_mod


def _course():
    return course_mod.load(course_mod.find_root())


def _module(namespace: dict) -> types.SimpleNamespace:
    return types.SimpleNamespace(**{k: v for k, v in namespace.items() if not k.startswith("_")})


def self_check(section_id: str, namespace: dict) -> int:
    """Run the section's public tests on the functions defined in the notebook; returns pytest's code."""
    import pytest

    course = _course()
    section = course.section(section_id)
    test_file = course.exercises / section.public_test
    if not test_file.is_file():
        test_file = course.solutions / section.public_test

    class UseNotebook:
        def pytest_configure(self, config):
            config.dlbook_notebook_namespace = dict(namespace)

    # No unraisable/thread exception plugins: at the end of a session they run gc.collect()
    # five times, which in a kernel holding large objects costs more than the tests.
    return int(pytest.main([str(test_file), "-q", "--no-header", "-p", "no:cacheprovider", "-o", "addopts=",
                            "-p", "no:unraisableexception", "-p", "no:threadexception",
                            "--import-mode=importlib", "--rootdir", str(course.root), "--tb=line", "-rN"],
                           plugins=[UseNotebook()]))


def figure_module(course, section):
    import importlib.util

    for base in (course.exercises, course.solutions):
        path = base / section.chapter_dir / f"figure_{section.name}.py"
        if path.is_file():
            spec = importlib.util.spec_from_file_location(f"dlbook_figure_{section.name}", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    return None


def show_figure(section_id: str, namespace: dict):
    course = _course()
    module = figure_module(course, course.section(section_id))
    if module is None:
        print(f"section {section_id} has no figure")
        return None
    fig = module.figure(_module(namespace))
    try:
        import io

        import matplotlib.pyplot as plt
        from IPython.display import Image, display

        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
        plt.close(fig)
        display(Image(data=buf.getvalue()))
    except ImportError:
        pass
    return fig


def check_quiz(section_id: str, answers: dict, folder: Path | None = None) -> int:
    """Check the answers against the hashed quiz, print right/wrong, save them; returns how many are right."""
    from autograder import quiz as quiz_mod

    course = _course()
    section = course.section(section_id)
    copy = course.exercises / section.quiz_file
    quiz = quiz_mod.load_quiz(copy if copy.is_file() else course.solutions / section.quiz_file)
    saved, right = {}, 0
    for q in quiz.questions:
        raw = answers.get(q.id)
        if raw is None:
            print(f"{q.id}: not answered")
            continue
        try:
            value = quiz_mod.normalize(q, raw)
        except ValueError as exc:
            print(f"{q.id}: {exc}")
            continue
        ok, explanation = (quiz_mod.is_right(q, value), q.explanation) if quiz.is_key else \
            quiz_mod.check_student(q, value)
        right += ok
        print(f"{q.id}: {'right. ' + explanation if ok else 'not right'}")
        saved[q.id] = value if q.type != "choice" else value[0]
    if folder is None:  # beside the notebook when it sits in its chapter folder, else in exercises/
        cwd = Path.cwd()
        folder = cwd.parent if cwd.name == section.chapter_dir else course.exercises
    target = folder / section.answers_file
    quiz_mod.write_answers(target, section.id, saved)
    print(f"{right} of {len(quiz.questions)} right; answers saved to {target}")
    return right
