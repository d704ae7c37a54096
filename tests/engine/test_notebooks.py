"""Student notebooks and figures: built from the section files, runnable, and graceful on stubs."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import types
from pathlib import Path

import jupytext
import matplotlib
import pytest

from autograder import notebook_tools
from autograder.notebook import split_module

matplotlib.use("Agg")
ROOT = Path(__file__).resolve().parents[2]


def load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sections(course):
    """Complete sections (test_course keeps them equal to the written ones)."""
    return [s for s in course.written() if course.is_complete(s)]


def test_every_written_section_has_a_notebook_with_its_functions(course):
    for s in sections(course):
        nb = jupytext.reads((course.exercises / s.notebook_file).read_text(), fmt="md")
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        _, parts = split_module((course.exercises / s.filename).read_text())
        for name, src in parts:
            assert src in code, f"{s.id}: the notebook lacks the stub of {name}"
        assert f"self_check({s.id!r}, globals())" in code
        assert f"check_quiz({s.id!r}, answers)" in code
        assert "BEGIN SOLUTION" not in code


@pytest.mark.parametrize("variant", ["solutions", "exercises", "half"])
def test_every_figure_renders(course, tmp_path, variant):
    for s in sections(course):
        fig_mod = load(course.solutions / s.chapter_dir / f"figure_{s.name}.py", f"fig_{s.name}")
        if variant == "half":  # the reference with its first function still a stub
            sol = load(course.solution_path(s), f"sol_{s.name}_half")
            stub = load(course.exercises / s.filename, f"stub_{s.name}_half")
            first = split_module(course.solution_path(s).read_text())[1][0][0]
            setattr(sol, first, getattr(stub, first))
            module = sol
        else:
            module = load((course.solutions if variant == "solutions" else course.exercises) / s.filename,
                          f"{variant}_{s.name}")
        fig = fig_mod.figure(module)
        assert fig.axes, f"{s.id}: figure without axes"
        if variant == "solutions":
            for ax in fig.axes:
                if ax.get_label() == "<colorbar>" or not ax.has_data():
                    continue
                assert ax.get_title() or fig._suptitle, f"{s.id}: a panel without a title"
        out = tmp_path / f"{s.id}-{variant}.png"
        fig.savefig(out, dpi=50)
        assert out.stat().st_size > 2000
        matplotlib.pyplot.close(fig)


def test_notebook_tools_on_the_reference(course, tmp_path, capsys):
    for s in sections(course):
        ns = vars(load(course.solution_path(s), f"nbref_{s.name}"))
        assert notebook_tools.self_check(s.id, ns) == 0
        from autograder import quiz as quiz_mod
        key = quiz_mod.load_quiz(course.solutions / s.quiz_file)
        right = notebook_tools.check_quiz(s.id, quiz_mod.key_answers(key), folder=tmp_path)
        assert right == len(key.questions)
        assert (tmp_path / s.answers_file).is_file()


def test_self_check_fails_on_stubs(course):
    s = course.written()[0]
    ns = vars(load(course.exercises / s.filename, f"nbstub_{s.name}"))
    assert notebook_tools.self_check(s.id, ns) != 0


def test_student_notebook_runs_in_a_real_kernel(course, tmp_path):
    """6.1's notebook, its function cells filled with the reference, executed by a Jupyter kernel."""
    from nbclient import NotebookClient

    s = course.section("6.1")
    nb = jupytext.reads((course.exercises / s.notebook_file).read_text(), fmt="md")
    _, solved = split_module(course.solution_path(s).read_text())
    solved = dict(solved)
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith("def "):
            name = cell.source.split("(", 1)[0][4:]
            cell.source = "\n".join(l for l in solved[name].split("\n") if "SOLUTION" not in l)
        if "answers = {" in cell.source:
            cell.source = cell.source.replace("'linear-fit': None", "'linear-fit': [0.5, 0.25]")
    os.environ.setdefault("DLBOOK_COURSE", str(ROOT))
    workdir = tmp_path / "ch06"
    workdir.mkdir()
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}).execute()
    outputs = "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "5 passed" in outputs
    assert "linear-fit: right" in outputs
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert images, "the figure cell shows no image"


def test_plot_cli(tmp_path):
    out = tmp_path / "fig.png"
    run = subprocess.run([sys.executable, "-m", "autograder.cli", "plot", "6.1", "--path", str(ROOT / "exercises"),
                          "-o", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert out.read_bytes()[:4] == b"\x89PNG"
    bad = subprocess.run([sys.executable, "-m", "autograder.cli", "plot", "6.1", "-o", str(tmp_path / "fig.txt")],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and ".png" in bad.stderr
