"""`dlbook grade` against `nbgrader autograde`, on this machine, on the same full-course submissions.

One run:

0. the working tree is copied to the temporary folder and everything below runs that copy (the CLI,
   nbgrader's kernels, the sandbox workers), so edits made in the checkout during the run (it takes
   minutes) cannot mix two versions of the engine; --no-snapshot runs the checkout itself;
1. setup (timed apart): `dlbook nbgrader` writes the nbgrader course (all written sections, quizzes
   included), `nbgrader generate_assignment` makes the release notebooks of every chapter;
2. students: every student hands in the release notebooks with each solution cell filled in from the
   source notebook (markers stripped, quiz answers included), as a student who solved everything
   would; each student's first function cell ends with a comment naming the student, so no two
   submissions are byte-identical (a grader caching by content would not be measured as faster);
3. the dlbook submission folders are derived from those same notebooks by
   `autograder.nbgrader_export.notebook_to_submission` (code cells -> chNN/<module>.py, quiz cell ->
   chNN/answers_<module>.yml);
4. timed: `dlbook grade SUBS... --json out.json -q --jobs J` (the real CLI, one subprocess) on the
   first --dlbook-copies students, and `nbgrader autograde chNN --create --force` (one call per
   chapter, all students at once) on the first --nbgrader-copies students;
5. both graders' scores are read back (JSON, gradebook) and must be full marks and equal, per student
   and section, for the students both graded; otherwise the run fails (exit 1) and says where.

Prints seconds per submission for each grader, the ratio nbgrader/dlbook, the floor (a bare
`python -I -c "import numpy"`, median of 5), a breakdown of dlbook's time, and whether the targets
(dlbook < 1 s per submission, ratio >= 50) are met. Progress goes to stderr. Everything is written
in a temporary folder (removed unless --keep); nothing is written into the checkout.

    python benchmarks/nbgrader_vs_dlbook.py [--dlbook-copies 50] [--nbgrader-copies 2] [--jobs 2] [--keep]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]  # the checkout this script belongs to
CODE = ROOT  # the course and engine actually run: a snapshot of ROOT (see snapshot()) or ROOT itself
SNAPSHOT_SKIP = (".git", "__pycache__", "*.egg-info", ".pytest_cache", ".hypothesis", ".venv", "build", "dist",
                 "out", "*.journal")

TARGET_DLBOOK = 1.0  # seconds per submission, at most
TARGET_RATIO = 50.0  # nbgrader / dlbook, at least
TOL = 1e-4


class BenchError(Exception):
    """Setup or a grader failed: the run cannot compare anything."""


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def env() -> dict:
    """Subprocess environment: this checkout first on the path, and its course for nbgrader's kernels."""
    e = dict(os.environ, DLBOOK_COURSE=str(CODE))
    e["PYTHONPATH"] = os.pathsep.join([str(CODE), *filter(None, [os.environ.get("PYTHONPATH")])])
    e.pop("DLBOOK_TIMEOUT", None)  # both graders at their default per-call timeout (10 s)
    return e


def snapshot(dest: Path) -> str:
    """Copy the working tree (no .git, caches or build output) to dest and use it for everything, so
    edits made in the checkout while the benchmark runs (minutes) cannot mix two versions of the
    engine in one run. Returns a line saying which code was measured."""
    global CODE
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*SNAPSHOT_SKIP), symlinks=True)
    CODE = dest
    return f"snapshot of {ROOT} at start ({_git_state()})"


def _git_state() -> str:
    """HEAD and whether the working tree differs from it, or 'not a git checkout' (read-only git calls:
    --no-optional-locks keeps `git status` from refreshing the index)."""
    git = ["git", "--no-optional-locks"]
    try:
        head = subprocess.run(git + ["rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              timeout=30)
        status = subprocess.run(git + ["status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                                capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "not a git checkout"
    if head.returncode != 0:
        return "not a git checkout"
    changed = len(status.stdout.splitlines())
    return f"HEAD {head.stdout.strip()}" + (f" + {changed} modified tracked file(s)" if changed else ", clean")


def use_code() -> None:
    """Import the engine from CODE (not from wherever the package is installed)."""
    global course_mod, notebook_name, notebook_to_submission
    sys.path.insert(0, str(CODE))
    for name in [m for m in sys.modules if m == "autograder" or m.startswith("autograder.")]:
        del sys.modules[name]
    from autograder import course as course_mod
    from autograder.nbgrader_export import notebook_name, notebook_to_submission


def dlbook_cmd() -> list[str]:
    """The installed `dlbook` console script beside this interpreter (what users run), else -m."""
    script = Path(sys.executable).parent / "dlbook"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "autograder.cli"]


def run(cmd: list[str], what: str, cwd: Path, timeout: float) -> float:
    """Run cmd; its wall seconds. Any failure is a BenchError with the end of its output."""
    start = time.perf_counter()
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env(), capture_output=True, text=True, timeout=timeout,
                           stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise BenchError(f"{what}: did not finish within {timeout:.0f} s") from None
    elapsed = time.perf_counter() - start
    if p.returncode != 0:
        raise BenchError(f"{what}: exit {p.returncode}\n{(p.stdout + p.stderr)[-3000:]}")
    return elapsed


def median_seconds(cmd: list[str], what: str, cwd: Path, repeats: int, timeout: float = 600) -> float:
    return statistics.median(run(cmd, what, cwd, timeout) for _ in range(repeats))


# students ------------------------------------------------------------------------------------
def strip_markers(source: str) -> str:
    return "\n".join(line for line in source.split("\n")
                     if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line)


def solved_notebooks(nbdir: Path, sections) -> dict:
    """Per section: the release notebook with every solution cell filled from the source (a student
    who solved everything), and the index of the cell that gets the per-student comment."""
    out = {}
    for section in sections:
        name = notebook_name(section)
        source = nbformat.read(str(nbdir / "source" / section.chapter_dir / f"{name}.ipynb"), as_version=4)
        release = nbformat.read(str(nbdir / "release" / section.chapter_dir / f"{name}.ipynb"), as_version=4)
        by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source for c in source.cells}
        mark = None
        for i, cell in enumerate(release.cells):
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution"):
                if meta["grade_id"] not in by_id:
                    raise BenchError(f"{name}: release cell {meta['grade_id']} is not in the source notebook")
                cell.source = strip_markers(by_id[meta["grade_id"]])
                if mark is None and cell.cell_type == "code" and meta["grade_id"].startswith("fn_"):
                    mark = i
        nbformat.validate(release)
        out[section.id] = (release, mark)
    return out


def write_students(solved: dict, sections, ids: list[str], dest: Path) -> None:
    """dest/<student>/chNN/<notebook>.ipynb for every student (nbgrader's submitted/ layout)."""
    for sid in ids:
        for section in sections:
            nb, mark = solved[section.id]
            nb = nbformat.from_dict(json.loads(json.dumps(nb)))  # a copy
            if mark is not None:
                nb.cells[mark].source = nb.cells[mark].source.rstrip("\n") + f"\n# handed in by {sid}\n"
            folder = dest / sid / section.chapter_dir
            folder.mkdir(parents=True, exist_ok=True)
            # already validated once per section above; nbformat.write would validate 34 x N times
            (folder / f"{notebook_name(section)}.ipynb").write_text(nbformat.v4.writes_json(nb))


# scores --------------------------------------------------------------------------------------
def nbgrader_scores(nbdir: Path, sections, ids: list[str]) -> dict:
    """(student, section id) -> (score, max_score, failed cells with their error) from the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    scores = {}
    with Gradebook(f"sqlite:///{nbdir / 'gradebook.db'}") as gb:
        for sid in ids:
            for section in sections:
                name = notebook_name(section)
                try:
                    nb = gb.find_submission_notebook(name, section.chapter_dir, sid)
                except MissingEntry:
                    scores[(sid, section.id)] = (None, None, ["not in the gradebook (not autograded)"])
                    continue
                failed = [g.name for g in nb.grades if g.score is None or g.score < g.max_score - TOL]
                scores[(sid, section.id)] = (nb.score, nb.max_score,
                                             _cell_errors(nbdir / "autograded" / sid / section.chapter_dir /
                                                          f"{name}.ipynb", failed) if failed else [])
    return scores


def _cell_errors(path: Path, grade_ids: list[str]) -> list[str]:
    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception:  # noqa: BLE001 - diagnostics only
        return grade_ids
    out = []
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in grade_ids:
            errs = [f"{o.get('ename')}: {str(o.get('evalue'))[:200]}" for o in cell.get("outputs", [])
                    if o.get("output_type") == "error"]
            out.append(f"{gid}: {'; '.join(errs) or 'no error output'}")
    return out


def dlbook_scores(json_path: Path) -> tuple[dict, dict]:
    """(student, section id) -> (score, max_score, failed tests); student -> (total, max)."""
    data = json.loads(json_path.read_text())
    per, totals = {}, {}
    for r in data["submissions"]:
        totals[r["id"]] = (r["score"], r["max_score"])
        for sec in r["sections"]:
            failed = [f"{t['name']}: {t['status']} {str(t.get('message') or '')[:200]}" for t in sec["tests"]
                      if t["score"] < t["max_score"] - TOL]
            per[(r["id"], sec["id"])] = (sec["score"], sec["max_score"], failed)
    return per, totals


def check_scores(sections, nb: dict, dl: dict, dl_totals: dict, nb_ids, dl_ids, full: float) -> list[str]:
    problems = []
    for sid in dl_ids:
        if sid not in dl_totals:
            problems.append(f"dlbook: {sid} is missing from the JSON")
            continue
        total, mx = dl_totals[sid]
        if abs(mx - full) > TOL or abs(total - mx) > TOL:
            problems.append(f"dlbook: {sid} scored {total:g}/{mx:g}, not {full:g}/{full:g}")
    for sid in dl_ids:
        for s in sections:
            score, mx, failed = dl.get((sid, s.id), (None, None, ["section missing from the JSON"]))
            if score is None or abs(score - mx) > TOL:
                problems.append(f"dlbook: {sid} {s.id}: {score}/{mx}: " + " | ".join(failed[:3]))
    for sid in nb_ids:
        for s in sections:
            score, mx, failed = nb[(sid, s.id)]
            expected = s.points + s.quiz_points
            if score is None or abs(mx - expected) > TOL or abs(score - mx) > TOL:
                problems.append(f"nbgrader: {sid} {s.id}: {score}/{mx} (course.yml: {expected:g}): "
                                + " | ".join(failed[:3]))
            if (sid, s.id) in dl:
                d_score, d_max, _ = dl[(sid, s.id)]
                if score is None or abs(score - d_score) > TOL or abs(mx - d_max) > TOL:
                    problems.append(f"differ: {sid} {s.id}: nbgrader {score}/{mx}, dlbook {d_score}/{d_max}")
    return problems


# main ----------------------------------------------------------------------------------------
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dlbook-copies", type=int, default=50, help="submissions graded by dlbook (default 50)")
    parser.add_argument("--nbgrader-copies", type=int, default=2, help="submissions graded by nbgrader (default 2)")
    parser.add_argument("--jobs", type=int, default=2, help="dlbook grade --jobs (default 2)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    parser.add_argument("--no-snapshot", action="store_true",
                        help="run the checkout itself, not a copy taken at start (edits during the run then count)")
    ns = parser.parse_args()
    if ns.dlbook_copies < 1 or ns.nbgrader_copies < 1 or ns.jobs < 1:
        parser.error("--dlbook-copies, --nbgrader-copies and --jobs must be at least 1")

    tmp = Path(tempfile.mkdtemp(prefix="dlbook-vs-nbgrader-"))
    try:
        code = f"the checkout {ROOT} ({_git_state()}), as it is during the run" if ns.no_snapshot else \
            snapshot(tmp / "checkout")
        use_code()
        course = course_mod.load(CODE)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    sections = course.written()
    chapters = sorted({s.chapter_dir for s in sections})
    full = sum(s.points + s.quiz_points for s in sections)
    ids = [f"student{i:03d}" for i in range(max(ns.dlbook_copies, ns.nbgrader_copies))]
    dl_ids, nb_ids = ids[:ns.dlbook_copies], ids[:ns.nbgrader_copies]
    nbdir, dldir = tmp / "nbgrader", tmp / "dlbook"
    dlbook = dlbook_cmd()
    nbgrader = [sys.executable, "-m", "nbgrader"]
    load = os.getloadavg()
    log(f"{len(sections)} sections in {len(chapters)} chapters, {full:g} points; {len(dl_ids)} dlbook and "
        f"{len(nb_ids)} nbgrader submissions; temp folder {tmp}; load average {load[0]:.2f}")
    t_all = time.perf_counter()
    try:
        # setup ---------------------------------------------------------------------------------
        setup = {}
        log("setup: dlbook nbgrader (the nbgrader course)")
        setup["dlbook nbgrader"] = run(dlbook + ["--course", str(CODE), "nbgrader", str(nbdir)],
                                       "dlbook nbgrader", tmp, 600)
        t = 0.0
        for ch in chapters:
            log(f"setup: nbgrader generate_assignment {ch}")
            t += run(nbgrader + ["generate_assignment", ch, "--force"], f"nbgrader generate_assignment {ch}",
                     nbdir, 600)
            if not (nbdir / "release" / ch).is_dir():
                raise BenchError(f"nbgrader generate_assignment {ch}: no release/{ch} folder")
        setup["generate_assignment"] = t
        log(f"setup: {len(ids)} students' notebooks, {len(dl_ids)} dlbook folders from them")
        t = time.perf_counter()
        solved = solved_notebooks(nbdir, sections)
        write_students(solved, sections, ids, tmp / "notebooks")
        for sid in nb_ids:
            shutil.copytree(tmp / "notebooks" / sid, nbdir / "submitted" / sid)
        for sid in dl_ids:
            for section in sections:
                notebook_to_submission(tmp / "notebooks" / sid / section.chapter_dir /
                                       f"{notebook_name(section)}.ipynb", section, dldir / sid)
        setup["student notebooks + conversion"] = time.perf_counter() - t

        # dlbook: breakdown (also warms the caches), then the timed run ------------------------
        log("dlbook: where the time goes (floor, CLI start, a one-section run, one full submission)")
        from grade_throughput import floor_seconds  # beside this script; after use_code()

        floor = floor_seconds()
        cli_start = median_seconds(dlbook + ["--help"], "dlbook --help", tmp, 3)
        first = str(dldir / dl_ids[0])
        one_section = median_seconds(dlbook + ["--course", str(CODE), "grade", first, "-s", sections[0].id, "-q",
                                               "--jobs", "1", "--json", str(tmp / "one_section.json")],
                                     "dlbook grade (one section)", tmp, 3)
        one_sub = run(dlbook + ["--course", str(CODE), "grade", first, "-q", "--jobs", str(ns.jobs),
                                "--json", str(tmp / "one_submission.json")], "dlbook grade (one submission)",
                      tmp, 600)
        log(f"dlbook grade: {len(dl_ids)} submissions, --jobs {ns.jobs}")
        out_json = tmp / "dlbook.json"
        dl_wall = run(dlbook + ["--course", str(CODE), "grade", *[str(dldir / s) for s in dl_ids],
                                "--json", str(out_json), "-q", "--jobs", str(ns.jobs)],
                      "dlbook grade", tmp, max(600, 60 * len(dl_ids)))
        log(f"dlbook grade: {dl_wall:.1f} s")

        # nbgrader: one autograde per chapter, all students at once -----------------------------
        nb_wall = 0.0
        per_chapter = {}
        for ch in chapters:
            n = sum(1 for s in sections if s.chapter_dir == ch) * len(nb_ids)
            log(f"nbgrader autograde {ch}: {n} notebooks")
            per_chapter[ch] = run(nbgrader + ["autograde", ch, "--create", "--force"], f"nbgrader autograde {ch}",
                                  nbdir, 120 * n + 300)
            nb_wall += per_chapter[ch]
            log(f"nbgrader autograde {ch}: {per_chapter[ch]:.1f} s")

        # the same work? ---------------------------------------------------------------------------
        dl, dl_totals = dlbook_scores(out_json)
        nb = nbgrader_scores(nbdir, sections, nb_ids)
        problems = check_scores(sections, nb, dl, dl_totals, nb_ids, dl_ids, full)
    except BenchError as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        print(f"temp folder kept for a look: {tmp}", file=sys.stderr)
        return 1
    except BaseException:
        if not ns.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        raise
    total_runtime = time.perf_counter() - t_all

    dl_per = dl_wall / len(dl_ids)
    nb_per = nb_wall / len(nb_ids)
    ratio = nb_per / dl_per
    n_nb_notebooks = len(nb_ids) * len(sections)
    nb_total = {sid: (sum(nb[(sid, s.id)][0] or 0 for s in sections), sum(nb[(sid, s.id)][1] or 0 for s in sections))
                for sid in nb_ids}
    try:
        from autograder.sandbox import isolation_level
        isolation = isolation_level()
    except Exception as exc:  # noqa: BLE001 - the sandbox is being edited by others; informative only
        isolation = f"unknown ({type(exc).__name__})"
    marginal = (dl_wall - one_sub) / (len(dl_ids) - 1) if len(dl_ids) > 1 else float("nan")
    met = lambda ok: "MET" if ok else "NOT MET"  # noqa: E731

    print(f"course:                      {len(sections)} sections, {len(chapters)} chapters, {full:g} points "
          f"(tests and quiz questions), every submission solves everything")
    print(f"code measured:               {code}")
    print(f"machine:                     {os.cpu_count()} core(s), load average {load[0]:.2f} at start, "
          f"{os.getloadavg()[0]:.2f} at end; dlbook isolation: {isolation}")
    print(f"setup (not timed below):     " + ", ".join(f"{k} {v:.1f} s" for k, v in setup.items()))
    print(f"dlbook grade:                {len(dl_ids)} submissions, --jobs {ns.jobs}: {dl_wall:.1f} s wall -> "
          f"{dl_per:.3f} s per submission")
    print(f"nbgrader autograde:          {len(nb_ids)} submissions ({n_nb_notebooks} notebooks, one call per "
          f"chapter): {nb_wall:.1f} s wall -> {nb_per:.2f} s per submission, {nb_wall / n_nb_notebooks:.2f} s "
          f"per notebook")
    print(f"   per chapter:              " + ", ".join(f"{ch} {t:.1f} s" for ch, t in per_chapter.items()))
    print(f"ratio nbgrader/dlbook:       {ratio:.1f}x")
    print(f"floor (python -I + numpy):   {floor:.3f} s (median of 5)")
    print(f"dlbook, where the time goes: CLI start (dlbook --help) {cli_start:.2f} s; run of 1 submission x 1 "
          f"section {one_section:.2f} s; 1 full submission alone {one_sub:.2f} s; each further submission "
          f"{marginal:.3f} s (from the {len(dl_ids)}-submission run)")
    scores_dl = sorted({f"{t:g}/{m:g}" for t, m in dl_totals.values()})
    print(f"scores, dlbook grade:        {', '.join(scores_dl)} for all {len(dl_totals)} submissions")
    print(f"scores, nbgrader autograde:  " + ", ".join(f"{sid} {t:g}/{m:g}" for sid, (t, m) in nb_total.items()))
    same = [sid for sid in nb_ids if sid in dl_totals]
    print(f"same student, both graders:  " + ", ".join(
        f"{sid} nbgrader {nb_total[sid][0]:g} = dlbook {dl_totals[sid][0]:g}" if abs(nb_total[sid][0] -
                                                                                       dl_totals[sid][0]) <= TOL
        else f"{sid} nbgrader {nb_total[sid][0]:g} != dlbook {dl_totals[sid][0]:g}" for sid in same))
    print(f"target dlbook < {TARGET_DLBOOK:g} s/sub:     {met(dl_per < TARGET_DLBOOK)} ({dl_per:.3f} s)")
    print(f"target ratio >= {TARGET_RATIO:g}:          {met(ratio >= TARGET_RATIO)} ({ratio:.1f}x)")
    print(f"benchmark runtime:           {total_runtime:.0f} s")
    if ns.keep or problems:
        print(f"temp folder kept:            {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    if problems:
        print(f"FAILED: the graders did not both give full and equal marks ({len(problems)} problem(s)); "
              f"the timings above do not compare the same work:", file=sys.stderr)
        for p in problems[:40]:
            print(f"  {p}", file=sys.stderr)
        if len(problems) > 40:
            print(f"  ... and {len(problems) - 40} more", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
