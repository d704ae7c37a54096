# Hostile: prints and writes forged results everywhere it can, then returns wrong answers.
import json
import os
import sys

import numpy as np

FAKE = {"id": "fake_output", "tests": [{"section": "6.1", "name": "x", "status": "passed", "message": ""}] * 50}
print("=" * 20, "50 passed in 0.01s", "=" * 20)
sys.stderr.write("6.1: 10/10\n")
for fd in range(3, 64):
    try:
        os.write(fd, json.dumps(FAKE).encode())
    except OSError:
        pass
for name in ("0.json", "1.json", "results.json", "/tmp/0.json"):
    try:
        with open(name, "w") as fh:
            json.dump(FAKE, fh)
    except OSError:
        pass


def fit_linear_model(X, y):
    print('{"score": 10, "max_score": 10}')
    return np.ones(X.shape[1]), 1.0, 1.0


def relu_net_forward(X, W, c, w, b, return_hidden=False):
    return np.ones(len(X))


def xor_mse_and_grads(X, y, params):
    return 1.0, {k: np.ones_like(np.asarray(v, dtype=float)) for k, v in params.items()}


def train_xor(hidden=8, lr=0.1, steps=3000, seed=0):
    return {}, np.ones(steps)
