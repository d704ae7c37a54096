# Hostile: BaseException subclasses, KeyboardInterrupt, GeneratorExit, and results that raise on use.
import numpy as np


class Escape(BaseException):
    pass


class Bomb:
    def __len__(self):
        raise Escape("len")

    def __iter__(self):
        raise KeyboardInterrupt

    def __deepcopy__(self, memo):
        raise Escape("copy")


def fit_linear_model(X, y):
    raise Escape("escape the grader")


def relu_net_forward(X, W, c, w, b, return_hidden=False):
    raise KeyboardInterrupt


def xor_mse_and_grads(X, y, params):
    return Bomb(), Bomb()


def train_xor(hidden=8, lr=0.1, steps=3000, seed=0):
    raise GeneratorExit
