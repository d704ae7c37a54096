# Hostile: results whose comparisons always pass (ndarray subclass, float subclass, __array__ tricks).
import numpy as np


class Yes(np.ndarray):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __array_ufunc__(self, *args, **kwargs):
        return np.zeros(()) if kwargs.get("out") is None else None

    def __array_function__(self, func, types, args, kwargs):
        return True

    def __sub__(self, other):
        return np.zeros(np.shape(other))

    __rsub__ = __sub__


class YesFloat(float):
    def __eq__(self, other):
        return True

    def __sub__(self, other):
        return 0.0

    __rsub__ = __sub__

    def __abs__(self):
        return 0.0


class Sneaky:
    def __array__(self, dtype=None, copy=None):
        return np.zeros(3)

    def __eq__(self, other):
        return True


def fit_linear_model(X, y):
    return np.zeros(X.shape[1]).view(Yes), YesFloat(99.0), YesFloat(99.0)


def relu_net_forward(X, W, c, w, b, return_hidden=False):
    f = np.full(len(X), 99.0).view(Yes)
    return (f, Sneaky()) if return_hidden else f


def xor_mse_and_grads(X, y, params):
    return YesFloat(99.0), {k: Sneaky() for k in params}


def train_xor(hidden=8, lr=0.1, steps=3000, seed=0):
    return Sneaky(), Sneaky()
