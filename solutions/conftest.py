"""Self-check support: the `mod` fixture loads the module that a public test file checks.

`test_xor.py` checks `xor.py` in the same folder, or in $DLBOOK_IMPL/<chapter>/ when
`dlbook check --path DIR` points it at your own folder.
"""
import importlib.util
import os
import pathlib
import sys

import pytest


def pytest_configure(config):
    config.addinivalue_line("markers", "section(id): the course section a test belongs to")


@pytest.fixture(scope="module")
def mod(request):
    namespace = getattr(request.config, "dlbook_notebook_namespace", None)
    if namespace is not None:  # run from a notebook: check the functions it defines
        import types
        return types.SimpleNamespace(**namespace)
    test_file = pathlib.Path(str(request.fspath))
    name = test_file.stem[len("test_"):]
    folder = test_file.parent
    if os.environ.get("DLBOOK_IMPL"):
        folder = pathlib.Path(os.environ["DLBOOK_IMPL"]) / folder.name
    path = folder / f"{name}.py"
    if not path.is_file():
        pytest.fail(f"{path} does not exist", pytrace=False)
    unique = f"selfcheck_{abs(hash(str(path)))}_{name}"
    spec = importlib.util.spec_from_file_location(unique, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[unique] = module
    spec.loader.exec_module(module)
    return module
