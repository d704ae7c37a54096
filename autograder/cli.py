"""The ``dlbook`` command. Every error a user can cause ends in one line and a non-zero exit."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import click

from autograder import course as course_mod
from autograder.errors import UserError


def _course(ctx) -> course_mod.Course:
    return course_mod.load(ctx.obj.get("course"))


def _sections(course, ids: tuple[str, ...]) -> list:
    flat: list[str] = []
    for i in ids:
        flat.extend(x for x in i.replace(",", " ").split() if x)
    return course.select(flat)


def _written_sections(course, ids: tuple[str, ...]) -> list:
    """The written sections among ``ids`` (all when empty); an error when there are none."""
    selected = [s for s in _sections(course, ids) if course.is_written(s)]
    if not selected:
        raise UserError("no written section selected")
    return selected


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--course", "course_dir", type=click.Path(file_okay=False), default=None,
              help="Course folder (default: the nearest folder with course.yml).")
@click.pass_context
def cli(ctx, course_dir):
    """Autograded exercises and quizzes for the Deep Learning Book, chapters 6 to 9."""
    ctx.ensure_object(dict)
    ctx.obj["course"] = Path(course_dir) if course_dir else None


@cli.command("list")
@click.option("--path", type=click.Path(), default=None, help="A student folder: show progress in it.")
@click.pass_context
def list_cmd(ctx, path):
    """Sections, their points, and (with --path) a student's progress."""
    from autograder.progress import module_progress

    course = _course(ctx)
    if path is not None and not Path(path).is_dir():
        raise UserError(f"{path}: not a folder")
    rows = []
    for s in course.sections:
        state = "ready" if course.is_written(s) else "not written yet"
        row = [s.id, s.title, f"{s.points:g}+{s.quiz_points:g}", state]
        if path is not None:
            row.append(module_progress(Path(path) / s.filename) if course.is_written(s) else "")
        rows.append(row)
    header = ["id", "title", "points", "status"] + (["progress"] if path is not None else [])
    _table(header, rows, title=course.title)


def _table(header, rows, title=None):
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for h in header:
        table.add_column(h, overflow="fold")
    for r in rows:
        table.add_row(*[str(x) for x in r])
    Console().print(table)


@cli.command()
@click.option("--check", is_flag=True, help="Exit 1 if exercises/ is out of date; write nothing.")
@click.pass_context
def build(ctx, check):
    """Generate exercises/ (stubs, public tests, quizzes, notebooks) from solutions/."""
    from autograder import build as build_mod

    course = _course(ctx)
    course.require_instructor("dlbook build")
    changed = build_mod.build(course, check=check)
    if check:
        if changed:
            click.echo(f"exercises/ is out of date ({len(changed)} file(s)); run 'dlbook build':", err=True)
            for c in changed:
                click.echo(f"  {c}", err=True)
            sys.exit(1)
        click.echo("exercises/ is up to date")
    else:
        click.echo(f"wrote {len(changed)} file(s)" if changed else "exercises/ was already up to date")


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--json", "json_path", default=None, help="Write the grades as JSON to FILE ('-' for stdout).")
@click.option("--csv", "csv_path", default=None, help="Write one row per student to FILE (LMS import).")
@click.option("--gradescope", "gradescope_dir", default=None, help="Write DIR/<id>/results.json for Gradescope.")
@click.option("--roster", default=None, help="CSV of student ids (column id): report missing and unknown.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Parallel scoring processes (default: cores).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=None, help="Seconds per call into student code (default 10).")
@click.option("--sections", "-s", multiple=True, help="Only these sections (ids, repeat or comma-separate).")
@click.option("--journal", default=None, help="Journal file (default: JSON path + .journal, or .dlbook-grade.journal).")
@click.option("--resume", is_flag=True, help="Finish an interrupted run from its journal.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or table.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Grade on a Dask cluster: the scheduler's address, e.g. tcp://10.0.0.5:8786.")
@click.pass_context
def grade(ctx, paths, json_path, csv_path, gradescope_dir, roster, jobs, timeout, sections, journal, resume, quiet,
          scheduler):
    """Grade submission folders with the hidden tests (student code runs sandboxed)."""
    from autograder import grading, report
    from autograder import journal as journal_mod
    from autograder import roster as roster_mod
    from autograder.quiz_grading import grade_quizzes
    from autograder.sandbox import isolation_level

    course = _course(ctx)
    course.require_instructor("dlbook grade")
    if scheduler is not None:
        from autograder.distributed import check_address

        check_address(scheduler)
        if jobs is not None:
            raise UserError("--jobs and --scheduler: on a cluster the workers' threads set the parallelism "
                            "(dask worker --nthreads 1 --nworkers N); drop --jobs")
    journal_path = Path(journal) if journal else journal_mod.default_path(json_path)
    if resume:
        jr = journal_mod.Journal.load(journal_path)
        paths = paths or tuple(jr.header["paths"])
        sections = sections or tuple(jr.header["sections"])
        if timeout is None:
            timeout = jr.header.get("timeout")
    selected = [s for s in _sections(course, sections) if course.is_written(s)]
    if sections and not selected:
        raise UserError(f"none of the sections {', '.join(sections)} is written yet")
    subs = grading.resolve_submissions(list(paths))
    expected = roster_mod.read_roster(roster) if roster else None
    for p in (json_path, csv_path):
        report.check_writable(p)
    if gradescope_dir and Path(gradescope_dir).exists() and not Path(gradescope_dir).is_dir():
        raise UserError(f"{gradescope_dir}: exists and is not a folder")
    header = {"paths": [str(s.path) for s in subs], "sections": [s.id for s in selected], "timeout": timeout}
    if resume:
        if jr.header["sections"] != header["sections"]:
            raise UserError(f"{journal_path}: the journal graded sections {jr.header['sections']}, "
                            f"not {header['sections']}")
    else:
        jr = journal_mod.Journal.start(journal_path, header)
    todo = [s for s in subs if s.id not in jr.done]
    show = not quiet and json_path != "-"
    start = time.monotonic()
    levels: dict[str, str] = {}  # on a cluster: the isolation level of the worker that graded each submission
    if scheduler is None:
        def run_tests(on_done):
            grading.run_tests(course, todo, selected, jobs=jobs or 0, timeout=timeout, on_done=on_done)
    else:
        def run_tests(on_done):
            from autograder.distributed import run_tests_dask

            run_tests_dask(course, todo, selected, scheduler=scheduler, timeout=timeout, on_done=on_done,
                           isolation=levels)

    def finish(sub_id, tests):
        sub = next(s for s in subs if s.id == sub_id)
        jr.record(sub_id, report.submission_result(course, sub_id, selected, tests,
                                                   grade_quizzes(course, selected, sub.path)))

    if show and todo:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      transient=True) as bar:
            task = bar.add_task("grading", total=len(todo))

            def on_done(sub_id, tests):
                finish(sub_id, tests)
                bar.advance(task)

            run_tests(on_done)
    elif todo:
        run_tests(finish)
    ordered = [jr.done[s.id] for s in subs]
    extra = {}
    if expected is not None:
        by_id = {r["id"]: r for r in ordered}
        maxima = {sec["id"]: sec["max_score"] for sec in ordered[0]["sections"]} if ordered else \
            {s.id: s.points + s.quiz_points for s in selected}
        missing = [sid for sid in expected if sid not in by_id]
        unknown = [r["id"] for r in ordered if r["id"] not in set(expected)]
        ordered = [by_id[sid] if sid in by_id else roster_mod.missing_result(sid, selected, maxima)
                   for sid in expected] + [by_id[sid] for sid in unknown]
        extra = {"roster": {"missing": missing, "unknown": unknown}}
        if missing:
            click.echo(f"dlbook: warning: {len(missing)} student(s) on the roster without a submission "
                       f"(scored 0): {', '.join(missing)}", err=True)
        if unknown:
            click.echo(f"dlbook: warning: {len(unknown)} folder(s) not on the roster (graded, listed last): "
                       f"{', '.join(unknown)}", err=True)
    report.write_outputs(ordered, selected, json_path, csv_path, gradescope_dir, extra=extra)
    jr.finish()
    if show:
        columns = [[s] for s in selected]
        if len(selected) > 8:  # too many to read: one column per chapter
            chapters = sorted({s.chapter for s in selected})
            columns = [[s for s in selected if s.chapter == c] for c in chapters]
        names = [cols[0].id if len(cols) == 1 else f"ch{cols[0].chapter:02d}" for cols in columns]
        rows = []
        for r in ordered:
            by_sec = {s["id"]: s["score"] for s in r["sections"]}
            rows.append([r["id"] + (" (missing)" if r.get("missing") else ""),
                         *[f"{sum(by_sec[s.id] for s in cols):.4g}" for cols in columns],
                         f"{r['score']:.4g}/{r['max_score']:g}"])
        resumed = f", {len(subs) - len(todo)} from the journal" if resume else ""
        _table(["submission", *names, "total"], rows,
               title=f"{len(todo)} submission(s) graded in {time.monotonic() - start:.1f} s{resumed}")
        if scheduler is None:
            click.echo(f"isolation: {isolation_level()}")
        else:
            for level in sorted(set(levels.values())):
                n = sum(v == level for v in levels.values())
                click.echo(f"isolation on the Dask workers ({n} submission(s)): {level}")


@cli.command()
@click.argument("section", required=False)
@click.option("--path", type=click.Path(), default=None, help="Your folder (default: the course's exercises/).")
@click.option("--timeout", type=int, default=60, help="Seconds per test.")
@click.pass_context
def check(ctx, section, path, timeout):
    """Run the public self-check tests (and show your quiz status) on your own code."""
    from autograder.quiz_grading import quiz_status

    course = _course(ctx)
    target = Path(path) if path else course.exercises
    if not target.is_dir():
        raise UserError(f"{target}: not a folder")
    sections = [course.section(section)] if section else course.written()
    if section and not course.is_written(sections[0]):
        raise UserError(f"section {section} is not written yet")
    tests = [str(course.exercises / s.public_test) for s in sections if (course.exercises / s.public_test).is_file()]
    if not tests:
        raise UserError("no public tests found; run 'dlbook build' first")
    env = dict(os.environ, DLBOOK_IMPL=str(target.resolve()), MPLBACKEND="Agg")
    cmd = [sys.executable, "-m", "pytest", *tests, "-o", "addopts=", "-p", "no:cacheprovider",
           "--import-mode=importlib", "--rootdir", str(course.root), "-c", str(course.root / "pyproject.toml"),
           f"--timeout={timeout}", "-q", "--no-header", "-rN", "--tb=line"]
    code = subprocess.call(cmd, env=env)
    for s in sections:
        status = quiz_status(course, s, target)
        if status:
            click.echo(f"quiz {s.id}: {status}")
    sys.exit(code if code in (0, 1) else 1)


@cli.command()
@click.argument("section")
@click.option("--path", type=click.Path(), default=None, help="Your folder (default: the course's exercises/).")
@click.pass_context
def quiz(ctx, section, path):
    """Take a section's quiz in the terminal; your answers are saved in your folder."""
    from autograder import quiz as quiz_mod
    from autograder.quiz_grading import submitted_answers

    course = _course(ctx)
    sec = course.section(section)
    folder = Path(path) if path else course.exercises
    if not folder.is_dir():
        raise UserError(f"{folder}: not a folder")
    copy = course.exercises / sec.quiz_file
    if not copy.is_file():
        raise UserError(f"section {sec.id} has no quiz yet")
    q = quiz_mod.load_quiz(copy)
    try:
        previous = submitted_answers(sec, folder)
    except (FileNotFoundError, ValueError):
        previous = {}
    click.echo(f"Quiz {sec.id} {sec.title}: {len(q.questions)} questions. Press Enter to keep a saved answer.")
    answers, right = {}, 0
    for i, question in enumerate(q.questions, 1):
        click.echo(f"\n{i}. {question.prompt}")
        for letter, option in zip(quiz_mod.LETTERS, question.options):
            click.echo(f"   ({letter}) {option}")
        if question.type == "numeric":
            hint = ", ".join(question.labels) if question.labels else f"{question.count} number(s)"
            ask = f"   your answer ({hint})"
        else:
            ask = "   your answer (one letter)" if question.type == "choice" else "   your answers (letters, e.g. a c)"
        while True:
            old = previous.get(question.id)
            shown = " ".join(map(str, old)) if isinstance(old, list) else (str(old) if old is not None else None)
            raw = click.prompt(ask, default=shown, show_default=shown is not None, err=False)
            try:
                value = quiz_mod.normalize(question, raw)
                break
            except ValueError as exc:
                click.echo(f"   {exc}; try again")
        ok, explanation = (quiz_mod.is_right(question, value), question.explanation) if q.is_key \
            else quiz_mod.check_student(question, value)
        right += ok
        click.echo("   right." + (f" {explanation}" if explanation else "") if ok else "   not right.")
        answers[question.id] = value if (question.type != "choice") else value[0]
    target = folder / sec.answers_file
    quiz_mod.write_answers(target, sec.id, answers)
    click.echo(f"\n{right} of {len(q.questions)} right. Answers saved to {target}")


@cli.command()
@click.argument("section")
@click.option("--path", type=click.Path(), default=None, help="Your folder (default: the course's exercises/).")
@click.option("-o", "--output", required=True, help="PNG (or PDF/SVG) file to write.")
@click.pass_context
def plot(ctx, section, path, output):
    """Render a section's figure, drawn from your own functions, to a file (headless)."""
    import importlib.util

    from autograder.atomic import write_bytes_atomic
    from autograder.notebook_tools import figure_module

    course = _course(ctx)
    sec = course.section(section)
    folder = Path(path) if path else course.exercises
    module_path = folder / sec.filename
    if not module_path.is_file():
        raise UserError(f"{module_path}: no such file (your module for section {sec.id})")
    suffix = Path(output).suffix.lower()
    if suffix not in (".png", ".pdf", ".svg"):
        raise UserError(f"{output}: the output must end in .png, .pdf or .svg")
    fig_mod = figure_module(course, sec)
    if fig_mod is None:
        raise UserError(f"section {sec.id} has no figure")
    spec = importlib.util.spec_from_file_location(f"student_{sec.name}", module_path)
    student = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(student)
    except Exception as exc:  # noqa: BLE001 - the student's module: report, don't crash
        raise UserError(f"{module_path}: importing it failed ({type(exc).__name__}: {exc})") from None
    import io

    fig = fig_mod.figure(student)
    buf = io.BytesIO()
    fig.savefig(buf, format=suffix[1:], dpi=110, bbox_inches="tight")
    write_bytes_atomic(output, buf.getvalue())
    click.echo(f"wrote {output}")


@cli.command("nbgrader")
@click.argument("out", type=click.Path())
@click.option("--sections", "-s", multiple=True, help="Only these sections (ids, repeat or comma-separate).")
@click.option("--force", is_flag=True, help="Write into OUT even if it exists.")
@click.pass_context
def nbgrader_cmd(ctx, out, sections, force):
    """Write an nbgrader course folder: one assignment per chapter, one notebook per section."""
    from autograder import nbgrader_export

    course = _course(ctx)
    course.require_instructor("dlbook nbgrader")
    selected = _written_sections(course, sections)
    written = nbgrader_export.export(course, selected, Path(out), force=force)
    click.echo(f"wrote {len(written)} notebook(s) to {out}; next: cd {out} && nbgrader generate_assignment ch06")


@cli.command("release")
@click.argument("out", type=click.Path())
@click.option("--sections", "-s", multiple=True, help="Only these sections (ids, repeat or comma-separate).")
@click.option("--force", is_flag=True, help="Replace OUT if it exists.")
@click.pass_context
def release_cmd(ctx, out, sections, force):
    """Write the student bundle: stubs, public tests, hashed quizzes, notebooks; no solutions."""
    from autograder import release

    course = _course(ctx)
    selected = _written_sections(course, sections)
    start = time.monotonic()
    files = release.release(course, selected, Path(out), force=force)
    click.echo(f"wrote the student bundle for {len(selected)} section(s) ({len(files)} files) to {out} "
               f"in {time.monotonic() - start:.1f} s")


@cli.command("gradescope")
@click.argument("out", type=click.Path(dir_okay=False))
@click.pass_context
def gradescope_cmd(ctx, out):
    """Build a Gradescope autograder zip (setup.sh, run_autograder, the course) as OUT.zip."""
    from autograder import gradescope

    course = _course(ctx)
    course.require_instructor("dlbook gradescope")
    if not out.endswith(".zip"):
        raise UserError(f"{out}: the autograder file must end in .zip")
    count = gradescope.build_zip(course, Path(out))
    click.echo(f"wrote {out} ({count} files); upload it as the assignment's autograder on Gradescope")


@cli.command("report")
@click.argument("grades", type=click.Path())
@click.option("-o", "--output", required=True, help="HTML file to write (PNGs go beside it).")
def report_cmd(grades, output):
    """A class report (HTML with figures) from the JSON of dlbook grade --json."""
    from autograder.class_report import write_report

    files = write_report(Path(grades), Path(output))
    click.echo(f"wrote {files[0]} and {len(files) - 1} figure(s) in {files[0].stem}_files/")


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="dlbook", standalone_mode=False)
    except UserError as exc:
        click.echo(f"dlbook: error: {exc}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("dlbook: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        click.echo(f"dlbook: error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code if exc.exit_code else 2)
    except KeyboardInterrupt:
        click.echo("dlbook: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)


if __name__ == "__main__":
    main()
