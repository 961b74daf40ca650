"""Test datasets for charts and explorers, read by the real loader from small fixture folders.

``tests/fixtures/charts/`` holds made-up rows (test fixtures, not facts); tests compute every
expected number from the loaded tables. :func:`hostile_copy` writes a copy of a folder with
live-looking HTML in some names, to prove that charts escape data text.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from lunarexplainer.data import Dataset
from lunarexplainer.data import load_dataset

from harness import REPO

CHART_DATA = REPO / "tests" / "fixtures" / "charts"
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
