"""Buggy variants of a reference solution, for testing the hidden tests themselves.

``tests/mutants/chNN/<module>.py`` holds ``MUTANTS = [Mutant(...), ...]``: realistic student
mistakes, each made from the reference by exact text replacements (every ``old`` must occur
exactly once) and/or by appending redefinitions of whole functions. The engine's mutation test
grades every variant and requires it to lose points in its own section.
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Mutant:
    name: str
    description: str
    replace: list[tuple[str, str]] = field(default_factory=list)
    append: str = ""

    def apply(self, source: str) -> str:
        out = source
        for old, new in self.replace:
            count = out.count(old)
            if count != 1:
                raise ValueError(f"mutant {self.name}: {old!r} occurs {count} times in the reference (need exactly 1)")
            out = out.replace(old, new)
        if self.append:
            out = out.rstrip("\n") + "\n\n\n# --- mutant redefinition ---\n" + self.append.strip("\n") + "\n"
        if out == source:
            raise ValueError(f"mutant {self.name}: changes nothing")
        return out


def load_mutants(path: Path) -> list[Mutant]:
    spec = importlib.util.spec_from_file_location(f"dlbook_mutants_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.MUTANTS)
