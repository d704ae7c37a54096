# Hostile: starts detached processes that try to outlive grading (double fork, new session).
import os
import time

MARKER = "dlbook-hostile-detached-7f3a"


def _spawn():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            try:
                os.execvp("sleep", ["sleep", "3600", MARKER])
            finally:
                os._exit(0)
        os._exit(0)


_spawn()


def fit_linear_model(X, y):
    _spawn()
    raise RuntimeError("nothing here")


def relu_net_forward(X, W, c, w, b, return_hidden=False):
    for _ in range(200):  # and a small fork bomb
        try:
            if os.fork() == 0:
                time.sleep(3600)
                os._exit(0)
        except OSError:
            break
    raise RuntimeError("nothing here")


def xor_mse_and_grads(X, y, params):
    raise RuntimeError("nothing here")


def train_xor(hidden=8, lr=0.1, steps=3000, seed=0):
    raise RuntimeError("nothing here")
