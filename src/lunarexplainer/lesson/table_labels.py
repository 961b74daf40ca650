"""The table headings the lessons' code cells ask for, for the catalog (``make messages``).

A lesson's code cell is the same in every language, so ``display.table(df, columns, labels)``
translates its headings itself. This Babel extractor (``babel.cfg``) reads the English
notebooks' code cells with :mod:`ast` and gives the catalog every heading a table can show:
each string value of ``labels``, and ``column_label(name)`` for each listed column without a
label. ``extract_row_headings`` does the same for the rows a quiz shows under "Show me why"
(the ``*_rows`` functions of :mod:`lunarexplainer.facts`, shown by ``table_html`` on the site):
it extracts that module's messages as Babel's Python extractor does, then the heading of
every column those functions pick.
"""

from __future__ import annotations

import ast
import io
import json
from collections.abc import Iterator
from typing import Any
from typing import BinaryIO

__all__ = ["table_headings", "row_headings", "extract_messages", "extract_row_headings"]


def _strings(node: ast.AST | None) -> list[str] | None:
    """The strings of a literal list or tuple of strings, else None."""
    if not isinstance(node, ast.List | ast.Tuple):
        return None
    out = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return out if len(out) == len(node.elts) else None


def _labels(node: ast.AST | None) -> dict[str, str]:
    """The string keys and values of a literal dict (others are left out)."""
    if not isinstance(node, ast.Dict):
        return {}
    return {k.value: v.value for k, v in zip(node.keys, node.values, strict=True)
            if isinstance(k, ast.Constant) and isinstance(k.value, str)
            and isinstance(v, ast.Constant) and isinstance(v.value, str)}


def _is_table_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    return ((isinstance(func, ast.Name) and func.id == "table")
            or (isinstance(func, ast.Attribute) and func.attr == "table"))


def table_headings(source: str) -> Iterator[tuple[int, str]]:
    """``(line, heading)`` for every heading the ``table(...)`` calls of ``source`` show."""
    from ..display import column_label

    # IPython magics and shell lines are not Python: leave them out, keep the line numbers.
    lines = ["" if line.lstrip().startswith(("%", "!")) else line
             for line in source.splitlines()]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return
    for node in ast.walk(tree):
        if not _is_table_call(node):
            continue
        args: dict[str, Any] = dict(zip(("df", "columns", "labels"), node.args, strict=False))
        args.update({k.arg: k.value for k in node.keywords if k.arg})
        labels = _labels(args.get("labels"))
        for heading in labels.values():
            yield node.lineno, heading
        for name in _strings(args.get("columns")) or []:
            if name not in labels:
                yield node.lineno, column_label(name)


def extract_messages(fileobj: BinaryIO, keywords: Any, comment_tags: Any,
                     options: dict) -> Iterator[tuple[int, str, Any, list[str]]]:
    """Babel extractor for the English lesson notebooks: the headings of their tables."""
    notebook = json.loads(fileobj.read().decode("utf-8"))
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        for line, heading in table_headings(
                "".join(source) if isinstance(source, list) else source):
            yield line, "t", heading, []


def row_headings(source: str) -> Iterator[tuple[int, str]]:
    """``(line, heading)`` for every column a ``*_rows`` function of ``source`` picks: the
    strings of ``frame[[...]]`` and the keys of ``pd.DataFrame({...})``."""
    from ..display import column_label

    for func in ast.walk(ast.parse(source)):
        if not (isinstance(func, ast.FunctionDef) and func.name.endswith("_rows")):
            continue
        for node in ast.walk(func):
            names: list[str] = []
            if isinstance(node, ast.Subscript):
                names = _strings(node.slice) or []
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and node.func.attr == "DataFrame" and node.args
                  and isinstance(node.args[0], ast.Dict)):
                names = [k.value for k in node.args[0].keys
                         if isinstance(k, ast.Constant) and isinstance(k.value, str)]
            for name in names:
                yield node.lineno, column_label(name)


def extract_row_headings(fileobj: BinaryIO, keywords: Any, comment_tags: Any,
                         options: dict) -> Iterator[tuple[int, str, Any, list[str]]]:
    """Babel extractor for ``facts.py``: its messages, then its rows' column headings."""
    from babel.messages.extract import extract_python

    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)
    for line, heading in row_headings(source.decode("utf-8")):
        yield line, "t", heading, []
