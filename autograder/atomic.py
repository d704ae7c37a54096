"""Write files so that a reader never sees half of one: a temporary file, then a rename."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from autograder.errors import UserError


def check_target(path: Path | str) -> Path:
    """The folder ``path`` would be written in; a one-line error if it is missing or if ``path``
    is something other than a regular file (renaming over a device such as /dev/null, a folder or
    a dangling link would replace it)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"{path}: folder {folder} does not exist")
    if (path.exists() or path.is_symlink()) and not path.is_file():
        raise UserError(f"{path}: not a regular file; give a file name to write to")
    return folder


def write_bytes_atomic(path: Path | str, data: bytes) -> None:
    path = Path(path)
    folder = check_target(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError(f"{path}: cannot write here ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise UserError(f"{path}: cannot write ({exc.strerror})") from None
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_text_atomic(path: Path | str, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))
