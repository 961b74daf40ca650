"""Modules a kernel may never use, put in ``sys.modules`` so that their code runs only if it is.

Some libraries import a module at their top that they use only in a rare call: plotly's
renderers import nbformat to read its version when a figure is shown through a renderer,
which lessons never do, and nbformat's validator, through jsonschema, imports
rfc3987_syntax, which builds its Lark parsers at import (about 1.6 s of one core). With
:func:`defer_module` such a module costs nothing until it is used, and is then the usual,
complete module: the same object, in ``sys.modules``, with all its names.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
import types
from typing import Any

__all__ = ["DeferredModule", "defer_module"]

#: What the import system and ``inspect.getmodule`` read from a module in ``sys.modules``:
#: a deferred module answers these without running its code.
_METADATA = frozenset({"__spec__", "__name__", "__file__", "__class__"})
_LOAD_LOCK = threading.RLock()


class DeferredModule(types.ModuleType):
    """A module in ``sys.modules`` whose code runs, once and in full, when it is first used.

    The standard library's ``importlib.util.LazyLoader`` runs the module on any attribute read,
    ``__spec__`` included, and ``import`` (or ``importlib.import_module``) reads ``__spec__``
    of a module it finds in ``sys.modules``, so importing it again loads it at once
    (python/cpython#127036). This one answers the import system's reads from the module's
    metadata and runs the code on the first other read (``__path__`` for a submodule
    import, ``__version__``, any name), write or deletion; then it is a plain module.
    """

    # types.ModuleType's methods are called by name, not through super(): once the code has run,
    # the module is a plain module and no longer an instance of this class.
    def __getattribute__(self, attr: str) -> Any:
        if attr not in _METADATA:
            _run_deferred(self)
        return types.ModuleType.__getattribute__(self, attr)

    def __setattr__(self, attr: str, value: Any) -> None:
        _run_deferred(self)
        types.ModuleType.__setattr__(self, attr, value)

    def __delattr__(self, attr: str) -> None:
        _run_deferred(self)
        types.ModuleType.__delattr__(self, attr)


def _run_deferred(module: types.ModuleType) -> None:
    namespace = object.__getattribute__(module, "__dict__")
    with _LOAD_LOCK:  # another thread waits here until the module has run
        if type(module) is not DeferredModule or namespace.get("__deferred_running__"):
            return  # already run, or running in this thread (its own code reads itself)
        spec = namespace["__spec__"]
        namespace["__deferred_running__"] = True
        spec._initializing = True  # as during any import: a circular import sees it partial
        try:
            spec.loader.exec_module(module)
            types.ModuleType.__setattr__(module, "__class__", types.ModuleType)
        except BaseException:
            if sys.modules.get(spec.name) is module:
                del sys.modules[spec.name]  # as after a failed import
            raise
        finally:
            spec._initializing = False
            del namespace["__deferred_running__"]


def defer_module(name: str) -> None:
    """Put module ``name`` in ``sys.modules`` without running its code (see
    :class:`DeferredModule`). Nothing happens if it is loaded already or cannot be found."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    module.__class__ = DeferredModule
    sys.modules[name] = module
