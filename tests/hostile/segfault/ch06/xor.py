# Hostile: segfaults (and deep recursion) inside the worker.
import ctypes
import sys


def fit_linear_model(X, y):
    ctypes.string_at(0)


def relu_net_forward(X, W, c, w, b, return_hidden=False):
    sys.setrecursionlimit(10**9)

    def f(n):
        return f(n + 1) + 1
    return f(0)


def xor_mse_and_grads(X, y, params):
    ctypes.string_at(0)


def train_xor(hidden=8, lr=0.1, steps=3000, seed=0):
    ctypes.string_at(0)
