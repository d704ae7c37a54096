"""The grading journal: every finished submission is appended as it completes, so an interrupted
run loses nothing and ``dlbook grade --resume`` grades only the rest.

JSON lines: a header (what was asked: paths, sections, timeout), then one line per finished
submission. Each line is written whole and fsynced; a torn last line (a kill mid-write) is ignored.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from autograder.errors import UserError

VERSION = 1


def default_path(json_path: str | None) -> Path:
    if json_path and json_path != "-":
        return Path(json_path + ".journal")
    return Path(".dlbook-grade.journal")


class Journal:
    def __init__(self, path: Path, header: dict, done: dict[str, dict] | None = None):
        self.path = path
        self.header = header
        self.done = done or {}

    @classmethod
    def start(cls, path: Path, header: dict) -> "Journal":
        try:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(json.dumps({"kind": "header", "version": VERSION, **header}) + "\n")
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise UserError(f"{path}: cannot write the journal ({exc.strerror})") from None
        return cls(path, header)

    @classmethod
    def load(cls, path: Path) -> "Journal":
        if not path.is_file():
            raise UserError(f"{path}: no journal to resume (grade without --resume first)")
        header, done = None, {}
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # a torn last line
            if entry.get("kind") == "header":
                header = entry
            elif entry.get("kind") == "result" and header is not None:
                done[entry["id"]] = entry["result"]
        if header is None or header.get("version") != VERSION:
            raise UserError(f"{path}: not a dlbook grading journal")
        return cls(path, header, done)

    def record(self, sub_id: str, result: dict) -> None:
        self.done[sub_id] = result
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"kind": "result", "id": sub_id, "result": result}) + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def finish(self) -> None:
        try:
            self.path.unlink()
        except OSError:
            pass
