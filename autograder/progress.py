"""How far a student is: which functions of a module still raise NotImplementedError."""
from __future__ import annotations

import ast
from pathlib import Path


def todo_functions(source: str) -> tuple[list[str], list[str]]:
    """(all public top-level functions, those whose body still raises NotImplementedError)."""
    tree = ast.parse(source)
    names, todo = [], []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            names.append(node.name)
            for sub in ast.walk(node):
                if isinstance(sub, ast.Raise) and sub.exc is not None:
                    exc = sub.exc.func if isinstance(sub.exc, ast.Call) else sub.exc
                    if isinstance(exc, ast.Name) and exc.id == "NotImplementedError":
                        todo.append(node.name)
                        break
    return names, todo


def module_progress(path: Path) -> str:
    if not path.is_file():
        return "missing"
    try:
        names, todo = todo_functions(path.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return "does not parse"
    done = len(names) - len(todo)
    return f"{done}/{len(names)} functions written"
