"""lunarexplainer.deferred: a module whose code runs only when it is first used."""

from __future__ import annotations

import importlib
import sys
import threading
import types

import pytest

from lunarexplainer.deferred import DeferredModule
from lunarexplainer.deferred import defer_module

PACKAGE = "deferred_pkg_for_test"


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A package that counts how often its code ran (in ``builtins``, outside the module)."""
    root = tmp_path / PACKAGE
    root.mkdir()
    (root / "__init__.py").write_text(
        "import builtins, time\n"
        "builtins.deferred_runs = getattr(builtins, 'deferred_runs', 0) + 1\n"
        "time.sleep(0.05)  # long enough for a second thread to arrive meanwhile\n"
        "from . import helper\n"
        "VALUE = helper.HALF * 2\n"
        "__version__ = '1.0'\n"
    )
    (root / "helper.py").write_text(f"import {PACKAGE}\nHALF = 21\n")
    (root / "sub.py").write_text(f"from {PACKAGE} import VALUE\nDOUBLE = VALUE * 2\n")
    (tmp_path / "deferred_broken_for_test.py").write_text("raise RuntimeError('broken')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import builtins

    builtins.deferred_runs = 0
    yield
    for name in [m for m in sys.modules if m.startswith(("deferred_pkg", "deferred_broken"))]:
        del sys.modules[name]
    del builtins.deferred_runs


def runs() -> int:
    import builtins

    return builtins.deferred_runs


def test_import_does_not_run_it_and_first_use_runs_it_once(package):
    defer_module(PACKAGE)
    module = importlib.import_module(PACKAGE)  # as plotly's optional_imports.get_module does
    import deferred_pkg_for_test as again  # noqa: F401

    assert runs() == 0 and type(module) is DeferredModule and again is module
    assert module.__name__ == PACKAGE and module.__spec__.name == PACKAGE
    assert module.VALUE == 42
    assert runs() == 1 and type(module) is types.ModuleType
    assert module.helper.HALF == 21 and module is sys.modules[PACKAGE]
    assert module.__version__ == "1.0" and runs() == 1


def test_a_submodule_import_runs_the_package_first(package):
    defer_module(PACKAGE)
    from deferred_pkg_for_test import sub

    assert sub.DOUBLE == 84 and runs() == 1
    assert sys.modules[PACKAGE].sub is sub


def test_setting_an_attribute_runs_it_first(package):
    defer_module(PACKAGE)
    module = sys.modules[PACKAGE]
    module.VALUE = 7
    assert runs() == 1 and module.VALUE == 7 and module.__version__ == "1.0"


def test_two_threads_see_it_complete_and_it_runs_once(package):
    defer_module(PACKAGE)
    module = sys.modules[PACKAGE]
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(module.VALUE)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == [42] * 4 and runs() == 1


def test_a_module_that_fails_is_removed_like_a_failed_import(package):
    defer_module("deferred_broken_for_test")
    module = sys.modules["deferred_broken_for_test"]
    with pytest.raises(RuntimeError, match="broken"):
        module.anything  # noqa: B018
    assert "deferred_broken_for_test" not in sys.modules
    with pytest.raises(RuntimeError, match="broken"):
        importlib.import_module("deferred_broken_for_test")


def test_loaded_or_missing_modules_are_left_alone(package):
    defer_module("json")
    assert type(sys.modules["json"]) is types.ModuleType
    defer_module("no_such_module_anywhere")
    assert "no_such_module_anywhere" not in sys.modules
