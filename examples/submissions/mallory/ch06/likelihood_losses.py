# Hostile: monkeypatches numpy's comparisons (and pytest's, if it can find it), returns junk.
import numpy as np

np.allclose = lambda *a, **k: True
np.array_equal = lambda *a, **k: True
np.isclose = lambda a, b, *r, **k: np.ones(np.broadcast(a, b).shape, dtype=bool)
np.testing.assert_allclose = lambda *a, **k: None
try:
    import pytest
    pytest.approx = lambda *a, **k: object()
except Exception:
    pass


def fit_linear_model(X, y):
    return np.zeros(X.shape[1]), 0.0, 0.0


def relu_net_forward(X, W, c, w, b, return_hidden=False):
    f = np.zeros(len(X))
    return (f, np.zeros((len(X), W.shape[1]))) if return_hidden else f


def xor_mse_and_grads(X, y, params):
    return 0.0, {k: np.zeros_like(np.asarray(v, dtype=float)) for k, v in params.items()}


def train_xor(hidden=8, lr=0.1, steps=3000, seed=0):
    return {"W": np.zeros((2, hidden)), "c": np.zeros(hidden), "w": np.zeros(hidden), "b": 0.5}, np.zeros(steps)
