# Hostile: looks for the reference solution on disk and delegates to it.
import os

_found = None
_roots = ["/", os.path.expanduser("~"), os.getcwd(), os.path.dirname(os.path.abspath(__file__))]
for env in ("DLBOOK_COURSE", "PWD", "OLDPWD", "VIRTUAL_ENV"):
    if os.environ.get(env):
        _roots.append(os.environ[env])
for root in _roots:
    for dirpath, dirnames, filenames in os.walk(root):
        if dirpath.count(os.sep) > 6 or dirpath.startswith(("/proc", "/sys", "/dev", "/usr")):
            dirnames[:] = []
            continue
        if dirpath.endswith(os.path.join("solutions", "ch06")) and "xor.py" in filenames:
            _found = os.path.join(dirpath, "xor.py")
            break
    if _found:
        break
if _found is None:  # try the scoring process's memory and files through /proc
    for pid in os.listdir("/proc"):
        try:
            cwd = os.readlink(f"/proc/{pid}/cwd")
            if os.path.isfile(os.path.join(cwd, "solutions", "ch06", "xor.py")):
                _found = os.path.join(cwd, "solutions", "ch06", "xor.py")
                break
        except OSError:
            continue

_ns = {}
if _found:
    exec(compile(open(_found).read(), _found, "exec"), _ns)


def _delegate(name):
    def f(*args, **kwargs):
        if name not in _ns:
            raise RuntimeError("reference not found")
        return _ns[name](*args, **kwargs)
    f.__name__ = name
    return f


fit_linear_model = _delegate("fit_linear_model")
relu_net_forward = _delegate("relu_net_forward")
xor_mse_and_grads = _delegate("xor_mse_and_grads")
train_xor = _delegate("train_xor")
