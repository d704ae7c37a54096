"""Shared fixtures of the project's own tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from autograder import course as course_mod

ROOT = Path(__file__).resolve().parent.parent

# Hostile submissions and mutants are data, not tests: pytest must never import them
# (tests/hostile/planted_conftest/conftest.py would otherwise turn failures into passes).
collect_ignore = ["hostile", "mutants"]


@pytest.fixture(scope="session")
def course():
    return course_mod.load(ROOT)


@pytest.fixture(scope="session")
def reference(course):
    """reference("6.1") -> the reference module solutions/ch06/xor.py, imported by path."""
    import importlib.util
    import sys

    cache = {}

    def load(section_id: str):
        if section_id not in cache:
            section = course.section(section_id)
            name = f"dlbook_oracle_{section.name}"
            spec = importlib.util.spec_from_file_location(name, course.solution_path(section))
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            spec.loader.exec_module(module)
            cache[section_id] = module
        return cache[section_id]

    return load


@pytest.fixture(scope="session")
def complete(course):
    """Written sections with all their files (the completeness test keeps this equal to written())."""
    return [s for s in course.written() if course.is_complete(s)]
