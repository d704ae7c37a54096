# Hostile: every function tries to eat all the memory it can.
import numpy as np


def _eat():
    blocks = []
    while True:
        blocks.append(np.ones(50_000_000))


def fit_linear_model(X, y):
    _eat()


def relu_net_forward(X, W, c, w, b, return_hidden=False):
    _eat()


def xor_mse_and_grads(X, y, params):
    _eat()


def train_xor(hidden=8, lr=0.1, steps=3000, seed=0):
    return bytearray(30 * 1024**3)
