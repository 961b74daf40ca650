"""Test datasets for charts and explorers, read by the real loader from small fixture folders.

``tests/fixtures/charts/`` holds made-up rows (test fixtures, not facts); tests compute every
expected number from the loaded tables. :func:`hostile_copy` writes a copy of a folder with
live-looking HTML in some names, to prove that charts escape data text.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from lunarexplainer.data import Dataset
from lunarexplainer.data import load_dataset

from harness import REPO

CHART_DATA = REPO / "tests" / "fixtures" / "charts"
EXPLORER_DATA = REPO / "tests" / "fixtures" / "explorers"
XSS = "<img src=x onerror=alert(1)>"
#: (table, id column, id, column) cells that :func:`hostile_copy` replaces with :data:`XSS`.
HOSTILE_CELLS = (
    ("missions", "id", "change-7", "name"),
    ("sites", "id", "site-change-7", "name"),
    ("partners", "entity", "ANSO", "entity"),
    ("phases", "id", "ilrs-utilization", "name"),
    ("milestones", "id", "m3", "title"),
    ("article_claims", "id", "c2", "claim"),
)


def chart_dataset(folder: Path = CHART_DATA) -> Dataset:
    """The fixture folder, loaded and validated like the shipped data."""
    return load_dataset(folder)


def hostile_copy(target: Path, folder: Path = CHART_DATA, text: str = XSS) -> Path:
    """Copy ``folder`` to ``target`` with ``text`` in the cells of :data:`HOSTILE_CELLS`."""
    shutil.copytree(folder, target)
    for table, key, value, column in HOSTILE_CELLS:
        path = target / f"{table}.csv"
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        df.loc[df[key] == value, column] = text
        df.to_csv(path, index=False)
    return target


def edited_copy(target: Path, table: str, edit, folder: Path = CHART_DATA) -> Dataset:  # type: ignore[no-untyped-def]
    """Load a copy of ``folder`` after ``edit(df)`` changed one table (returns the Dataset)."""
    shutil.copytree(folder, target)
    path = target / f"{table}.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df = edit(df)
    df.to_csv(path, index=False)
    return load_dataset(target)


def figure_text(fig: go.Figure) -> str:
    """The whole figure as JSON text (to look for escaped or unescaped data text)."""
    return json.dumps(fig.to_plotly_json(), default=str)


def hover_texts(fig: go.Figure) -> list[str]:
    """Every non-empty hover text of every trace."""
    out: list[str] = []
    for trace in fig.data:
        ht = getattr(trace, "hovertext", None)
        if ht is None:
            continue
        out += [h for h in ([ht] if isinstance(ht, str) else list(ht)) if h]
    return out


def replace(file: str, old: str, new: str) -> Callable[[Path], None]:
    """An edit for a copied data folder: ``old`` -> ``new`` once in ``file`` (it must be there)."""
    def edit(folder: Path) -> None:
        path = folder / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture has no {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit
