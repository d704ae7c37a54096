"""Test functions that hidden tests hand to student code (``codec.Fn("name", **params)``).

A function given to a student function (an objective, a gradient, a network) must run in the
worker, so it is named here and built from plain parameters. Every call is recorded: a test can
check that a Nesterov step evaluated its gradient exactly once, at the look-ahead point.
Add new functions with ``@register("name")``: a factory from plain parameters to a callable.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

_REGISTRY: dict[str, Callable] = {}
_CALLS: list = []
MAX_RECORDED = 10_000


def register(name: str):
    def deco(factory):
        _REGISTRY[name] = factory
        return factory
    return deco


class Recorded:
    """A callable that records its arguments; deep copies are the same object."""

    def __init__(self, name: str, fn: Callable):
        self.name = name
        self.fn = fn

    def __call__(self, *args):
        if len(_CALLS) < MAX_RECORDED:
            _CALLS.append([self.name, tuple(np.array(a, dtype=float, copy=True) if _is_numeric(a) else None
                                            for a in args)])
        return self.fn(*args)

    def __deepcopy__(self, memo):
        return self

    def __repr__(self):
        return f"<test function {self.name}>"


def _is_numeric(a) -> bool:
    try:
        return np.asarray(a).dtype.kind in "biuf"
    except Exception:  # noqa: BLE001
        return False


def build(name: str, params: dict) -> Recorded:
    if name not in _REGISTRY:
        raise LookupError(f"no test function named {name!r}")
    return Recorded(name, _REGISTRY[name](**params))


def reset_calls():
    _CALLS.clear()


def recorded_calls() -> list:
    return [list(c) for c in _CALLS]


def evaluate(name: str, params: dict, *args):
    """Run a test function in the scoring process too (for the reference), without recording."""
    return _REGISTRY[name](**params)(*args)


# Scalar objectives and their gradients ---------------------------------------------------
@register("quadratic")
def _quadratic(A, b=None, c=0.0):
    A = np.asarray(A, dtype=float)
    b = np.zeros(A.shape[0]) if b is None else np.asarray(b, dtype=float)
    return lambda x: float(0.5 * np.asarray(x) @ A @ np.asarray(x) + b @ np.asarray(x) + c)


@register("quadratic_grad")
def _quadratic_grad(A, b=None):
    A = np.asarray(A, dtype=float)
    b = np.zeros(A.shape[0]) if b is None else np.asarray(b, dtype=float)
    return lambda x: 0.5 * (A + A.T) @ np.asarray(x, dtype=float) + b


@register("rosenbrock")
def _rosenbrock(a=1.0, b=100.0):
    def f(x):
        x = np.asarray(x, dtype=float)
        return float(np.sum(b * (x[1:] - x[:-1] ** 2) ** 2 + (a - x[:-1]) ** 2))
    return f


@register("rosenbrock_grad")
def _rosenbrock_grad(a=1.0, b=100.0):
    def g(x):
        x = np.asarray(x, dtype=float)
        out = np.zeros_like(x)
        d = x[1:] - x[:-1] ** 2
        out[:-1] += -4 * b * x[:-1] * d - 2 * (a - x[:-1])
        out[1:] += 2 * b * d
        return out
    return g


@register("sum_sin_x2")
def _sum_sin_x2():
    return lambda x: float(np.sum(np.sin(x) * np.asarray(x, dtype=float) ** 2))


@register("logsumexp")
def _logsumexp():
    def f(x):
        x = np.asarray(x, dtype=float)
        m = x.max()
        return float(m + np.log(np.exp(x - m).sum()))
    return f


@register("weighted_sum_squares")
def _weighted_sum_squares(weights):
    w = np.asarray(weights, dtype=float)
    return lambda x: float(np.sum(w * np.asarray(x, dtype=float) ** 2))


# Scalar functions of a 1-D input (vectorized over x) -------------------------------------
@register("tent_power")
def _tent_power(depth: int):
    def f(x):
        y = np.asarray(x, dtype=float)
        for _ in range(depth):
            y = 2 * np.maximum(y, 0) - 4 * np.maximum(y - 0.5, 0)
        return y
    return f


@register("abs")
def _abs():
    return lambda x: np.abs(np.asarray(x, dtype=float))


@register("square")
def _square():
    return lambda x: np.asarray(x, dtype=float) ** 2


@register("shallow_relu")
def _shallow_relu(w1, b1, w2, b2=0.0):
    w1, b1, w2 = (np.asarray(v, dtype=float) for v in (w1, b1, w2))
    return lambda x: np.maximum(np.asarray(x, dtype=float)[..., None] * w1 + b1, 0) @ w2 + b2


@register("piecewise_linear")
def _piecewise_linear(knots, values):
    knots, values = np.asarray(knots, dtype=float), np.asarray(values, dtype=float)
    return lambda x: np.interp(np.asarray(x, dtype=float), knots, values)
