"""What hidden tests are written with: the implementation under test, and comparisons.

A hidden test receives two fixtures (from ``autograder.plugin``):

- ``impl``: the implementation under test, running in the sandbox. ``impl.f(x)`` calls the
  student's ``f`` and returns plain data; ``impl.call("f", x)`` returns the whole ``Reply``
  (``.value``, ``.mutated``, ``.calls``); ``impl.pure("f", x)`` fails when an input was
  changed in place; ``impl.keep("forward", x)`` leaves the result in the worker and returns a
  ``Handle`` to pass to a later call (caches never leave the worker).
- ``ref``: the reference solution module, imported in the scoring process.

Compare with ``assert_close``; its message names the case, the shapes and the largest error,
never the expected values. Test functions given to student code are ``Fn("name", ...)``
(see ``autograder.worker.fns``); ``materialize`` builds the same functions for the reference.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from autograder.sandbox import Reply, StudentError, Worker
from autograder.worker import fns
from autograder.worker.codec import Fn, Handle, describe

__all__ = ["Impl", "Fn", "Handle", "assert_close", "assert_pure", "assert_shape", "materialize", "rel_error",
           "numerical_gradient", "describe", "Case"]


class Impl:
    """The implementation under test: a section's module in the sandbox."""

    def __init__(self, worker: Worker, section_id: str):
        self._worker = worker
        self._section = section_id

    def call(self, name: str, *args, _keep: bool = False, _check_pure: bool = True, _timeout: float | None = None,
             **kwargs) -> Reply:
        return self._worker.call(name, args, kwargs, keep=_keep, check_pure=_check_pure, timeout=_timeout)

    def pure(self, name: str, *args, **kwargs):
        """Call ``name`` and fail if it changed any of its inputs in place; returns the value."""
        reply = self.call(name, *args, **kwargs)
        assert_pure(reply, name)
        return reply.value

    def keep(self, name: str, *args, **kwargs) -> Handle:
        """Call ``name`` and keep its result in the worker; returns a Handle (index it: ``h[1]``)."""
        reply = self.call(name, *args, _keep=True, _check_pure=False, **kwargs)
        return Handle(reply.handle)

    def fetch(self, handle: Handle):
        return self._worker.fetch(handle)

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)

        def proxy(*args, **kwargs):
            return self.call(name, *args, **kwargs).value

        proxy.__name__ = name
        return proxy


class Case:
    """A named input for parametrized tests: ``pytest.param(Case(...), id=...)``."""

    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)


def materialize(value):
    """Replace ``Fn`` markers by the real test functions, for calling the reference."""
    if isinstance(value, Fn):
        return fns.build(value.name, value.params)
    if isinstance(value, (list, tuple)):
        return type(value)(materialize(v) for v in value)
    if isinstance(value, dict):
        return {k: materialize(v) for k, v in value.items()}
    return value


def rel_error(a, b) -> float:
    """max |a − b| / max(|a| + |b|, 1e-300), as cs231n's gradient checks."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-300))) if a.size else 0.0


def numerical_gradient(f, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Central differences of a scalar f at x (float64, any shape), x left unchanged."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        fp = f(x)
        x[idx] = old - h
        fm = f(x)
        x[idx] = old
        grad[idx] = (fp - fm) / (2 * h)
    return grad


def assert_pure(reply: Reply, what: str):
    if reply.mutated:
        raise AssertionError(f"{what} changed its input in place ({', '.join(reply.mutated)}); "
                             f"work on a copy (e.g. x = x.copy() or x = x + ...)")


def assert_shape(got, shape: tuple, what: str):
    arr = _as_array(got, what)
    if arr.shape != tuple(shape):
        raise AssertionError(f"{what}: expected shape {tuple(shape)}, got {arr.shape}")


def _as_array(got, what: str) -> np.ndarray:
    if isinstance(got, (dict, str)) or got is None:
        raise AssertionError(f"{what}: expected numbers, got {describe(got)}")
    try:
        arr = np.asarray(got)
    except (ValueError, TypeError):
        raise AssertionError(f"{what}: expected numbers, got a ragged {describe(got)}") from None
    if arr.dtype.kind not in "biufc":
        raise AssertionError(f"{what}: expected numbers, got {describe(got)}")
    return arr


def assert_close(got: Any, want: Any, what: str, rtol: float = 1e-7, atol: float = 1e-10,
                 equal_nan: bool = False):
    """Compare a student's value with the reference's, recursively (tuples, lists, dicts, arrays,
    numbers). Lists and arrays are interchangeable; a scalar may come back as a 0-d or size-1
    array. The message names ``what``, the shapes and the largest error, not the expected value."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            raise AssertionError(f"{what}: expected a dict with keys {sorted(map(str, want))}, got {describe(got)}")
        missing = [k for k in want if k not in got]
        if missing:
            raise AssertionError(f"{what}: missing key(s) {sorted(map(str, missing))}")
        for k in want:
            assert_close(got[k], want[k], f"{what}[{k!r}]", rtol, atol, equal_nan)
        return
    if isinstance(want, tuple) or (isinstance(want, list) and any(isinstance(w, (tuple, list, dict, np.ndarray))
                                                                  for w in want)):
        if not isinstance(got, (tuple, list)):
            raise AssertionError(f"{what}: expected a {type(want).__name__} of length {len(want)}, got {describe(got)}")
        if len(got) != len(want):
            raise AssertionError(f"{what}: expected {len(want)} items, got {len(got)}")
        for i, (g, w) in enumerate(zip(got, want)):
            assert_close(g, w, f"{what}[{i}]", rtol, atol, equal_nan)
        return
    if isinstance(want, (str, bool)) or want is None:
        if got != want or type(got) is not type(want):
            raise AssertionError(f"{what}: expected a different {type(want).__name__} value, got {got!r}"[:300])
        return
    want_arr = np.asarray(want, dtype=float if np.asarray(want).dtype.kind in "biu" else None)
    got_arr = _as_array(got, what)
    if want_arr.shape == () and got_arr.size == 1:
        got_arr = got_arr.reshape(())
    if got_arr.shape != want_arr.shape:
        raise AssertionError(f"{what}: expected shape {want_arr.shape}, got {got_arr.shape}")
    if got_arr.dtype.kind == "c" and want_arr.dtype.kind != "c":
        raise AssertionError(f"{what}: expected real numbers, got complex")
    g = got_arr.astype(want_arr.dtype if want_arr.dtype.kind == "c" else float)
    w = want_arr
    # equal_nan: NaN exactly where the reference has NaN; otherwise NaN nowhere.
    bad_nan = (np.isnan(g) != np.isnan(w)) if equal_nan else (np.isnan(g) | np.isnan(w))
    if np.any(bad_nan):
        idx = np.unravel_index(int(np.argmax(bad_nan)), g.shape) if g.shape else ()
        raise AssertionError(f"{what}: got NaN where a number was expected, at index {tuple(int(i) for i in idx)}"
                             if np.isnan(g[idx] if g.shape else g) else
                             f"{what}: expected NaN at index {tuple(int(i) for i in idx)}")
    inf_mismatch = (np.isinf(g) | np.isinf(w)) & ~(g == w)
    if np.any(inf_mismatch):
        idx = np.unravel_index(int(np.argmax(inf_mismatch)), g.shape) if g.shape else ()
        raise AssertionError(f"{what}: infinite value mismatch at index {tuple(int(i) for i in idx)} "
                             f"(got {g[idx] if g.shape else g})")
    finite = np.isfinite(g) & np.isfinite(w)
    with np.errstate(invalid="ignore", over="ignore"):
        err = np.where(finite, np.abs(g - w), 0.0)
    tol = atol + rtol * np.abs(w)
    bad = finite & (err > tol)
    if np.any(bad):
        idx = np.unravel_index(int(np.argmax(np.where(bad, err - tol, -np.inf))), g.shape) if g.shape else ()
        count = int(bad.sum())
        where = f" at index {tuple(int(i) for i in idx)}" if g.shape else ""
        worst = float(err[idx] if g.shape else err)
        scale = float(np.abs(w[idx] if g.shape else w))
        # Coarse (one significant digit, relative) so the message cannot be solved for the answer.
        size = f"relative error about {worst / scale:.0e}" if scale > atol else f"error about {worst:.0e}"
        if g.size > 1:
            text = f"{count} of {g.size} values differ from the reference; the worst{where}"
        else:
            text = "the value differs from the reference"
        raise AssertionError(f"{what}: {text} ({size}; rtol {rtol:g}, atol {atol:g})")
