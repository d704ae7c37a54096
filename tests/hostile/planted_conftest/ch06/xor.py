# Hostile: relies on its conftest.py (beside it and above it) to turn failures into passes.
def fit_linear_model(X, y):
    raise RuntimeError("not done")


def relu_net_forward(X, W, c, w, b, return_hidden=False):
    raise RuntimeError("not done")


def xor_mse_and_grads(X, y, params):
    raise RuntimeError("not done")


def train_xor(hidden=8, lr=0.1, steps=3000, seed=0):
    raise RuntimeError("not done")
