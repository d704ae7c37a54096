"""Class rosters: which student ids to expect. Unmatched folders and students without a submission
are reported, never silently dropped: a missing student gets a row of zeros marked missing."""
from __future__ import annotations

import csv
from pathlib import Path

from autograder.errors import UserError

ID_COLUMNS = ("id", "student_id", "username", "login", "sis_id")


def read_roster(path: str) -> list[str]:
    p = Path(path)
    if not p.is_file():
        raise UserError(f"{path}: no such roster file")
    try:
        rows = list(csv.reader(p.read_text(encoding="utf-8-sig").splitlines()))
    except (csv.Error, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: not a readable CSV ({exc})") from None
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise UserError(f"{path}: the roster is empty")
    header = [c.strip().lower() for c in rows[0]]
    column = next((header.index(c) for c in ID_COLUMNS if c in header), None)
    if column is None:
        raise UserError(f"{path}: no id column (name one of: {', '.join(ID_COLUMNS)})")
    ids, seen = [], set()
    for n, row in enumerate(rows[1:], start=2):
        if column >= len(row) or not row[column].strip():
            raise UserError(f"{path} line {n}: empty student id")
        sid = row[column].strip()
        if sid in seen:
            raise UserError(f"{path} line {n}: student id {sid!r} listed twice")
        seen.add(sid)
        ids.append(sid)
    return ids


def missing_result(sub_id: str, sections, max_scores: dict[str, float]) -> dict:
    """The result row of a student on the roster who handed nothing in."""
    secs = [{"id": s.id, "title": s.title, "score": 0.0, "max_score": max_scores[s.id],
             "tests": [{"name": "submission", "score": 0.0, "max_score": max_scores[s.id],
                        "status": "missing", "message": "no submission from this student"}]} for s in sections]
    return {"id": sub_id, "score": 0.0, "max_score": sum(s["max_score"] for s in secs), "sections": secs,
            "missing": True}
