"""Figures drawn from a student's own functions, degrading to a placeholder per panel.

A section's figure lives in ``solutions/chNN/figure_<module>.py`` as ``figure(mod) -> Figure``,
where ``mod`` is the module under test (the student's, or the reference). Wrap every call into
``mod`` with ``attempt``: a stub (NotImplementedError) or a crash draws a clear placeholder in
that panel instead of a traceback, so a half-done submission still renders.
"""
from __future__ import annotations

import sys

import matplotlib

if "ipykernel" not in sys.modules:  # headless, except inside a notebook's kernel
    matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402


class Missing(Exception):
    """Raised by ``attempt`` after drawing a placeholder; ``panel`` catches it."""


def placeholder(ax, message: str) -> None:
    """Replace the panel's content by ``message`` (the panel's title is kept)."""
    import textwrap

    title = ax.get_title()
    ax.clear()
    ax.set_title(title)
    message = "\n".join(textwrap.fill(line, 32) for line in message.splitlines())
    ax.set_xticks([])
    ax.set_yticks([])
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=10, color="0.35",
            transform=ax.transAxes)
    for spine in ax.spines.values():
        spine.set_linestyle((0, (4, 4)))
        spine.set_color("0.6")


def attempt(ax, fn, *args, **kwargs):
    """Call ``fn``; on NotImplementedError or any error, draw a placeholder in ``ax`` and raise Missing."""
    name = getattr(fn, "__name__", "function")
    try:
        return fn(*args, **kwargs)
    except NotImplementedError:
        placeholder(ax, f"{name} is not implemented yet")
    except Exception as exc:  # noqa: BLE001 - a student's bug must not break the figure
        placeholder(ax, f"{name} failed:\n{type(exc).__name__}: {str(exc)[:80]}")
    raise Missing(name)


class panel:
    """``with panel(ax): ...`` draws what it can; a Missing inside just leaves the placeholder."""

    def __init__(self, ax):
        self.ax = ax

    def __enter__(self):
        return self.ax

    def __exit__(self, exc_type, exc, tb):
        if exc_type is Missing:
            return True
        if exc_type is not None and issubclass(exc_type, Exception):
            placeholder(self.ax, f"could not draw: {exc_type.__name__}: {str(exc)[:80]}")
            return True
        return False


def new_figure(nrows: int = 1, ncols: int = 1, width: float = 5.0, height: float = 4.0, **kw):
    fig, axes = plt.subplots(nrows, ncols, figsize=(width * ncols, height * nrows), squeeze=False, **kw)
    return fig, axes
