"""``dlbook report grades.json -o report.html``: a class report an instructor opens offline.

One self-contained HTML page (figures embedded as PNG data, the same PNGs written beside it in
<name>_files/): the class at a glance, each student's total, the score distribution per section,
and the tests most often failed with a typical message, so the next lecture knows what to revisit.
"""
from __future__ import annotations

import base64
import html
import io
import json
import statistics
from collections import Counter, defaultdict
from pathlib import Path

from autograder.atomic import write_bytes_atomic, write_text_atomic
from autograder.errors import UserError

CSS = """
body { font-family: system-ui, -apple-system, Segoe UI, Roboto, sans-serif; margin: 2rem auto; max-width: 1100px;
       color: #222; padding: 0 1rem; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.3rem; }
.sub { color: #666; margin-top: 0; }
.cards { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1.2rem 0; }
.card { background: #f5f7fa; border-radius: 8px; padding: 0.8rem 1.2rem; min-width: 8rem; }
.card b { display: block; font-size: 1.6rem; }
img { max-width: 100%; border: 1px solid #eee; border-radius: 4px; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { text-align: left; padding: 0.35rem 0.6rem; border-bottom: 1px solid #eee; vertical-align: top; }
th { background: #fafafa; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { background: #4c78a8; height: 0.7rem; display: inline-block; border-radius: 2px; }
code { font-size: 0.85rem; color: #444; }
"""


def load_grades(path: Path) -> list[dict]:
    if not path.is_file():
        raise UserError(f"{path}: no such file (write one with dlbook grade --json FILE)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        subs = data["submissions"]
        for s in subs:
            s["id"], s["score"], s["max_score"]
            for sec in s["sections"]:
                sec["id"], sec["score"], sec["max_score"], sec["tests"]
    except (ValueError, KeyError, TypeError):
        raise UserError(f"{path}: not a dlbook grades file (expected the JSON of dlbook grade --json)") from None
    if not subs:
        raise UserError(f"{path}: holds no submissions")
    return subs


def summarize(subs: list[dict]) -> dict:
    totals = [s["score"] for s in subs]
    max_score = max(s["max_score"] for s in subs)
    sections: dict[str, dict] = {}
    for s in subs:
        for sec in s["sections"]:
            entry = sections.setdefault(sec["id"], {"title": sec.get("title", ""), "max": sec["max_score"],
                                                    "scores": []})
            entry["scores"].append(sec["score"])
    failed: Counter = Counter()
    messages: dict[tuple, Counter] = defaultdict(Counter)
    handed_in = [s for s in subs if not s.get("missing")]
    for s in handed_in:
        for sec in s["sections"]:
            if all(t["status"] == "missing" for t in sec["tests"]):
                continue  # a section not handed in is not a failed test
            for t in sec["tests"]:
                if t["status"] != "passed":
                    key = (sec["id"], t["name"])
                    failed[key] += 1
                    messages[key][t.get("message", "")[:160]] += 1
    return {"n": len(subs), "handed_in": len(handed_in), "totals": totals, "max": max_score,
            "sections": sections, "failed": failed, "messages": messages}


def _png(fig) -> bytes:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def figures(summary: dict, subs: list[dict]) -> dict[str, bytes]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    out = {}
    # 1. each student's total, sorted
    order = sorted(subs, key=lambda s: s["score"])
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.28 * len(order) + 1)))
    colors = ["#bbbbbb" if s.get("missing") else "#4c78a8" for s in order]
    ax.barh([s["id"] for s in order], [100 * s["score"] / s["max_score"] if s["max_score"] else 0 for s in order],
            color=colors)
    ax.set_xlim(0, 100)
    ax.set_xlabel("total score (% of the maximum)")
    ax.set_title("Each student's total (grey: no submission)")
    ax.axvline(100 * statistics.median(summary["totals"]) / summary["max"], color="k", ls="--", lw=1,
               label="class median")
    ax.legend(loc="lower right")
    out["totals"] = _png(fig)
    # 2. score distribution per section (percent of the section's points)
    ids = list(summary["sections"])
    fig, ax = plt.subplots(figsize=(max(6, 0.45 * len(ids) + 2), 4))
    data = [[100 * v / summary["sections"][i]["max"] for v in summary["sections"][i]["scores"]] for i in ids]
    ax.boxplot(data, showmeans=True, widths=0.6)
    rng = np.random.default_rng(0)
    for k, values in enumerate(data, start=1):
        ax.scatter(k + rng.uniform(-0.15, 0.15, len(values)), values, s=10, alpha=0.5, color="#f58518", zorder=3)
    ax.set_xticks(range(1, len(ids) + 1), ids, rotation=45 if len(ids) > 10 else 0)
    ax.set_ylim(-3, 103)
    ax.set_xlabel("section")
    ax.set_ylabel("score (% of the section's points)")
    ax.set_title("Score distribution per section (box: quartiles, triangle: mean, dots: students)")
    out["sections"] = _png(fig)
    # 3. tests most often failed
    top = summary["failed"].most_common(15)
    if top:
        fig, ax = plt.subplots(figsize=(8, 0.35 * len(top) + 1.2))
        labels = [f"{sid}  {name}"[:60] for (sid, name), _ in top][::-1]
        ax.barh(labels, [100 * n / summary["handed_in"] for _, n in top][::-1], color="#e45756")
        ax.set_xlabel("students failing it (% of those who handed in)")
        ax.set_xlim(0, 100)
        ax.set_title("Tests most often failed")
        out["failed"] = _png(fig)
    return out


def render(subs: list[dict], source: str) -> tuple[str, dict[str, bytes]]:
    summary = summarize(subs)
    pngs = figures(summary, subs)
    totals = summary["totals"]
    pct = [100 * s["score"] / s["max_score"] if s["max_score"] else 0 for s in subs]

    def img(name, alt):
        if name not in pngs:
            return "<p>No failed tests.</p>"
        data = base64.b64encode(pngs[name]).decode()
        return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'

    cards = [("students", summary["n"]), ("handed in", summary["handed_in"]),
             ("median", f"{statistics.median(pct):.0f}%"), ("mean", f"{statistics.mean(pct):.0f}%"),
             ("full marks", sum(1 for s in subs if s["score"] >= s["max_score"] - 1e-9))]
    rows_sections = []
    for sid, e in summary["sections"].items():
        mean = statistics.mean(e["scores"])
        full = sum(v >= e["max"] - 1e-9 for v in e["scores"])
        zero = sum(v <= 1e-9 for v in e["scores"])
        rows_sections.append(
            f"<tr><td>{html.escape(sid)}</td><td>{html.escape(e['title'])}</td>"
            f"<td class=num>{mean:.2f} / {e['max']:g}</td>"
            f"<td><span class=bar style='width:{100 * mean / e['max'] if e['max'] else 0:.0f}px'></span></td>"
            f"<td class=num>{full}</td><td class=num>{zero}</td></tr>")
    rows_failed = []
    for (sid, name), n in summary["failed"].most_common(25):
        message, _ = summary["messages"][(sid, name)].most_common(1)[0]
        rows_failed.append(f"<tr><td>{html.escape(sid)}</td><td><code>{html.escape(name)}</code></td>"
                           f"<td class=num>{n}</td><td>{html.escape(message)}</td></tr>")
    rows_students = []
    for s in sorted(subs, key=lambda s: -s["score"]):
        weakest = min(s["sections"], key=lambda sec: sec["score"] / sec["max_score"] if sec["max_score"] else 1)
        note = "no submission" if s.get("missing") else f"weakest: {weakest['id']}"
        rows_students.append(f"<tr><td>{html.escape(s['id'])}</td><td class=num>{s['score']:.2f} / "
                             f"{s['max_score']:g}</td><td class=num>{100 * s['score'] / s['max_score']:.0f}%</td>"
                             f"<td>{html.escape(note)}</td></tr>")
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Class report</title><style>{CSS}</style></head>
<body>
<h1>Class report</h1>
<p class=sub>{html.escape(source)}: {summary['n']} students, {len(summary['sections'])} sections,
maximum {summary['max']:g} points. Median total {statistics.median(totals):.2f}.</p>
<div class=cards>{''.join(f'<div class=card><b>{v}</b>{html.escape(k)}</div>' for k, v in cards)}</div>
<h2>Each student's total</h2>
{img('totals', "each student's total")}
<h2>Score distribution per section</h2>
{img('sections', 'score distribution per section')}
<table><tr><th>section</th><th>title</th><th>mean</th><th></th><th>full marks</th><th>zero</th></tr>
{''.join(rows_sections)}</table>
<h2>Tests most often failed</h2>
{img('failed', 'tests most often failed')}
<table><tr><th>section</th><th>test</th><th>students failing</th><th>most common message</th></tr>
{''.join(rows_failed) or '<tr><td colspan=4>none</td></tr>'}</table>
<h2>Students</h2>
<table><tr><th>student</th><th>score</th><th>%</th><th></th></tr>{''.join(rows_students)}</table>
</body></html>
"""
    return page, pngs


def write_report(grades: Path, out: Path) -> list[Path]:
    if out.suffix.lower() not in (".html", ".htm"):
        raise UserError(f"{out}: the report must end in .html")
    if not out.parent.is_dir():
        raise UserError(f"{out}: folder {out.parent} does not exist")
    subs = load_grades(grades)
    page, pngs = render(subs, grades.name)
    files_dir = out.with_name(out.stem + "_files")
    files_dir.mkdir(exist_ok=True)
    written = []
    for name, data in pngs.items():
        write_bytes_atomic(files_dir / f"{name}.png", data)
        written.append(files_dir / f"{name}.png")
    write_text_atomic(out, page)
    return [out, *written]
