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


# 7.8
@register("gd_quadratic_steps")
def _gd_quadratic_steps(H, w_star, lr, inplace=False):
    """train_steps(θ, n): n gradient steps on ½(θ − w*)ᵀH(θ − w*); in place (returning θ) if asked."""
    H, w_star, lr = np.asarray(H, dtype=float), np.asarray(w_star, dtype=float), float(lr)

    def train_steps(theta, n):
        if not inplace:
            theta = np.array(theta, dtype=float, copy=True)
        for _ in range(int(n)):
            theta -= lr * (H @ (theta - w_star))
        return theta
    return train_steps


@register("count_steps")
def _count_steps(step, inplace=False):
    """train_steps(θ, n) = θ + n·step (θ[0] counts steps when step[0] = 1); in place if asked."""
    step = np.asarray(step, dtype=float)

    def train_steps(theta, n):
        if not inplace:
            theta = np.array(theta, dtype=float, copy=True)
        theta += int(n) * step
        return theta
    return train_steps


@register("curve_lookup")
def _curve_lookup(values, n):
    """val_error(θ) = values[θ[0]/n − 1]: a given validation curve read off a step counter θ[0];
    +inf before the first evaluation, the last value after the end."""
    values, n = np.asarray(values, dtype=float), int(n)

    def val_error(theta):
        k = int(round(float(np.asarray(theta, dtype=float).reshape(-1)[0]) / n)) - 1
        return float("inf") if k < 0 else float(values[min(k, values.size - 1)])
    return val_error


# 7.11 -----------------------------------------------------------------------------------
# Base learners for bagging_predict: ``model = fit(X, y)`` and ``predict(model, X_test) -> (n_test,)``.
@register("bag_mean_fit")
def _bag_mean_fit():
    return lambda X, y: float(np.mean(np.asarray(y, dtype=float)))


@register("bag_constant_predict")
def _bag_constant_predict():
    return lambda model, X_test: np.full(len(X_test), float(model))


@register("bag_stump_fit")
def _bag_stump_fit():
    """Regression stump: the split x[f] <= t (t a midpoint) with the least squared error."""
    def fit(X, y):
        y = np.asarray(y, dtype=float)
        X = np.asarray(X, dtype=float).reshape(len(y), -1)
        best = (np.inf, 0, np.inf, float(y.mean()), float(y.mean()))
        for f in range(X.shape[1]):
            values = np.unique(X[:, f])
            for t in (values[:-1] + values[1:]) / 2:
                left = X[:, f] <= t
                yl, yr = y[left], y[~left]
                sse = float(np.sum((yl - yl.mean()) ** 2) + np.sum((yr - yr.mean()) ** 2))
                if sse < best[0]:
                    best = (sse, f, float(t), float(yl.mean()), float(yr.mean()))
        return best[1:]
    return fit


@register("bag_stump_predict")
def _bag_stump_predict():
    def predict(model, X_test):
        f, t, left, right = model
        X_test = np.asarray(X_test, dtype=float).reshape(len(X_test), -1)
        return np.where(X_test[:, int(f)] <= t, left, right)
    return predict


@register("bag_linear_fit")
def _bag_linear_fit():
    def fit(X, y):
        X = np.asarray(X, dtype=float).reshape(len(y), -1)
        return np.linalg.lstsq(np.column_stack([X, np.ones(len(X))]), np.asarray(y, dtype=float), rcond=None)[0]
    return fit


@register("bag_linear_predict")
def _bag_linear_predict():
    def predict(model, X_test):
        X_test = np.asarray(X_test, dtype=float).reshape(len(X_test), -1)
        return X_test @ np.asarray(model, dtype=float)[:-1] + float(np.asarray(model, dtype=float)[-1])
    return predict
