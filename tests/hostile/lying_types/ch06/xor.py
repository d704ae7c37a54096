# Hostile: computes the right answers, then hides them behind types whose stored data is wrong.
# Every Python-level way of reading the values (float(), int(), __array__, tolist, item, len,
# iteration, indexing, keys/items, ==, <, -, abs, round, repr, format, np.asarray ...) gives the
# right answer; only the data actually stored in the object (the float's own value, the array's
# buffer, the tuple's and dict's real items) is wrong. Complements always_equal, whose objects
# merely compare equal. A grader that reads values through the object's own methods would give
# this submission full marks; one that takes the stored data gives zero.
import numpy as np


# The right answers (what the methods report) ----------------------------------------------
def _fit(X, y):
    X = np.asarray(X, dtype=float)
    A = np.column_stack([X, np.ones(len(X))])
    theta = np.linalg.lstsq(A, np.asarray(y, dtype=float), rcond=None)[0]
    return theta[:-1], float(theta[-1]), float(np.mean((A @ theta - y) ** 2))


def _forward(X, W, c, w, b):
    H = np.maximum(0.0, np.asarray(X, dtype=float) @ W + c)
    return H @ w + b, H


def _grads(X, y, p):
    X = np.asarray(X, dtype=float)
    Z = X @ p["W"] + p["c"]
    H = np.maximum(0.0, Z)
    r = H @ p["w"] + float(p["b"]) - y
    df = 2.0 * r / len(X)
    dZ = np.outer(df, p["w"]) * (Z > 0)
    return float(np.mean(r ** 2)), {"W": X.T @ dZ, "c": dZ.sum(0), "w": H.T @ df, "b": float(df.sum())}


# Liars ----------------------------------------------------------------------------------------
class LyingFloat(float):
    """Stores `value + 1`; every method reports `value`."""

    def __new__(cls, value):
        self = super().__new__(cls, value + 1.0)
        self.truth = value
        return self

    def __float__(self):
        return self.truth

    def __int__(self):
        return int(self.truth)

    def __index__(self):
        return int(self.truth)

    def __array__(self, dtype=None, copy=None):
        return np.array(self.truth, dtype=dtype)

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __lt__(self, other):
        return self.truth < other

    def __le__(self, other):
        return self.truth <= other

    def __gt__(self, other):
        return self.truth > other

    def __ge__(self, other):
        return self.truth >= other

    def __sub__(self, other):
        return self.truth - other

    def __rsub__(self, other):
        return other - self.truth

    def __add__(self, other):
        return self.truth + other

    __radd__ = __add__

    def __abs__(self):
        return abs(self.truth)

    def __round__(self, n=None):
        return round(self.truth, n)

    def __repr__(self):
        return repr(self.truth)

    __str__ = __repr__

    def __format__(self, spec):
        return format(self.truth, spec)

    def __hash__(self):
        return hash(self.truth)

    def is_integer(self):
        return float(self.truth).is_integer()


class LyingScalar(np.float64):
    """A numpy scalar storing `value + 1` that reports `value`."""

    def __new__(cls, value):
        self = super().__new__(cls, value + 1.0)
        self.truth = value
        return self

    def __float__(self):
        return self.truth

    def __array__(self, dtype=None, copy=None):
        return np.array(self.truth, dtype=dtype)

    def item(self, *args):
        return self.truth

    def tolist(self):
        return self.truth

    def __eq__(self, other):
        return True

    def __repr__(self):
        return repr(self.truth)

    def __hash__(self):
        return hash(self.truth)


class LyingArray(np.ndarray):
    """Its buffer holds `value + 1`; the methods and __array_interface__ report `value`."""

    @classmethod
    def of(cls, value):
        value = np.asarray(value, dtype=float)
        self = (value + 1.0).view(cls)
        self.truth = value
        self.calls = 0
        return self

    def __array_finalize__(self, obj):
        self.truth = getattr(obj, "truth", None)
        self.calls = 0

    def __array__(self, dtype=None, copy=None):  # a different array at each call, the first one right
        self.calls += 1
        out = self.truth if self.calls == 1 else self.truth + self.calls
        return np.array(out, dtype=dtype)

    @property
    def __array_interface__(self):
        return self.truth.__array_interface__

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        inputs = [i.truth if isinstance(i, LyingArray) else i for i in inputs]
        return getattr(ufunc, method)(*inputs, **kwargs)

    def __array_function__(self, func, types, args, kwargs):
        args = [a.truth if isinstance(a, LyingArray) else a for a in args]
        return func(*args, **kwargs)

    def __eq__(self, other):
        return np.ones(self.shape, dtype=bool)

    def __getitem__(self, key):
        return self.truth[key]

    def __iter__(self):
        return iter(self.truth)

    def __len__(self):
        return len(self.truth)

    def tolist(self):
        return self.truth.tolist()

    def item(self, *args):
        return self.truth.item(*args)

    def astype(self, *args, **kwargs):
        return self.truth.astype(*args, **kwargs)

    def copy(self, *args, **kwargs):
        return self.truth.copy()

    def all(self, *args, **kwargs):
        return True

    def any(self, *args, **kwargs):
        return True

    def __float__(self):
        return float(self.truth)

    def __reduce__(self):
        return (np.array, (self.truth,))


class LyingTuple(tuple):
    """Holds one wrong item; reports the right items."""

    def __new__(cls, items):
        self = super().__new__(cls, (np.full(3, 7.0),))
        self.truth = tuple(items)
        return self

    def __len__(self):
        return len(self.truth)

    def __iter__(self):
        return iter(self.truth)

    def __getitem__(self, i):
        return self.truth[i]

    def __eq__(self, other):
        return True

    def __hash__(self):
        return 0


class LyingList(list):
    def __init__(self, items):
        super().__init__([7.0])
        self.truth = list(items)

    def __len__(self):
        return len(self.truth)

    def __iter__(self):
        return iter(self.truth)

    def __getitem__(self, i):
        return self.truth[i]

    def __array__(self, dtype=None, copy=None):
        return np.array(self.truth, dtype=dtype)


class LyingDict(dict):
    """Really holds {'wrong': 0}; reports the right mapping."""

    def __init__(self, truth):
        super().__init__(wrong=0.0)
        self.truth = dict(truth)

    def __getitem__(self, k):
        return self.truth[k]

    def __contains__(self, k):
        return k in self.truth

    def __iter__(self):
        return iter(self.truth)

    def __len__(self):
        return len(self.truth)

    def keys(self):
        return self.truth.keys()

    def items(self):
        return self.truth.items()

    def values(self):
        return self.truth.values()

    def get(self, k, default=None):
        return self.truth.get(k, default)

    def __eq__(self, other):
        return True

    __hash__ = None


try:  # np.bool_ (and bool) cannot be subclassed; a submission that tries must still import
    class LyingBool(np.bool_):
        pass
except TypeError:
    LyingBool = None


# The section ----------------------------------------------------------------------------------
def fit_linear_model(X, y):
    w, b, J = _fit(X, y)
    return LyingTuple((LyingArray.of(w), LyingFloat(b), LyingScalar(J)))


def relu_net_forward(X, W, c, w, b, return_hidden=False):
    f, H = _forward(X, W, c, w, b)
    return LyingTuple((LyingArray.of(f), LyingArray.of(H))) if return_hidden else LyingArray.of(f)


def xor_mse_and_grads(X, y, params):
    J, g = _grads(X, y, params)
    return LyingTuple((LyingFloat(J), LyingDict({k: (LyingArray.of(v) if k != "b" else LyingFloat(v))
                                                 for k, v in g.items()})))


def train_xor(hidden=8, lr=0.1, steps=3000, seed=0):
    # The book's exact solution (zero loss), padded to `hidden` units, behind liars.
    W = np.zeros((2, hidden))
    W[:, :2] = 1.0
    c = np.zeros(hidden)
    c[1] = -1.0
    w = np.zeros(hidden)
    w[:2] = [1.0, -2.0]
    params = LyingDict({"W": LyingArray.of(W), "c": LyingArray.of(c), "w": LyingArray.of(w), "b": LyingFloat(0.0)})
    return LyingTuple((params, LyingArray.of(np.zeros(steps))))
