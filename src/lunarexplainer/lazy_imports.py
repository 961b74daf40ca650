"""Less work at a student's kernel start: a slow optional import made lazy.

Plotly's ``FigureWidget`` imports ``plotly.io._renderers``, which imports nbformat only to
read its version; nbformat imports jsonschema, and jsonschema, at import, tries the optional
``rfc3987_syntax`` package for its "iri" format check. That package builds an Earley parser
for the whole RFC 3987 grammar the moment it is imported: about 0.7 s on an idle 2-core
machine and several seconds on a busy one (``python -X importtime``), in every kernel that
shows an explorer, for a check no lesson uses. :func:`defer_iri_parser` puts a stand-in
module in its place that imports the real one the first time anything uses it, so the check
still works, only later.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import Any

__all__ = ["defer_iri_parser"]

IRI_PARSER = "rfc3987_syntax"


def defer_iri_parser() -> bool:
    """Make ``import rfc3987_syntax`` cheap until first use; True if the stand-in was set.

    Does nothing when the package is missing or already imported (then there is nothing to
    save), or when jsonschema is already imported (it has made its choice).
    """
    if IRI_PARSER in sys.modules or "jsonschema" in sys.modules:
        return False
    if importlib.util.find_spec(IRI_PARSER) is None:
        return False
    stand_in = types.ModuleType(IRI_PARSER, "stand-in: imports rfc3987_syntax on first use")

    def real() -> types.ModuleType:
        if sys.modules.get(IRI_PARSER) is stand_in:
            del sys.modules[IRI_PARSER]
        return importlib.import_module(IRI_PARSER)

    def is_valid_syntax(*args: Any, **kwargs: Any) -> bool:
        return real().is_valid_syntax(*args, **kwargs)

    def attribute(name: str) -> Any:
        if name.startswith("__"):  # the import system asks for __path__ and such: not a use
            raise AttributeError(name)
        return getattr(real(), name)

    stand_in.is_valid_syntax = is_valid_syntax  # type: ignore[attr-defined]
    stand_in.__getattr__ = attribute  # type: ignore[method-assign]
    sys.modules[IRI_PARSER] = stand_in
    return True
