# Hostile: hard exits in every function, with output that looks like a passing report.
import os
import sys


def fit_linear_model(X, y):
    print("6.1 fit_linear_model PASSED 10/10")
    os._exit(0)


def relu_net_forward(X, W, c, w, b, return_hidden=False):
    sys.exit(0)


def xor_mse_and_grads(X, y, params):
    raise SystemExit(0)


def train_xor(hidden=8, lr=0.1, steps=3000, seed=0):
    os.kill(os.getpid(), 9)
