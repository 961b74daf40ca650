"""Notebook-test fixtures: each lesson executed once per test session, offline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from harness import execute_offline


@pytest.fixture(scope="session")
def executed(tmp_path_factory) -> Callable[[Path], nbformat.NotebookNode]:  # type: ignore[no-untyped-def]
    """``executed(path)``: the lesson run on a fresh kernel with the network blocked, once."""
    done: dict[Path, nbformat.NotebookNode] = {}

    def _get(path: Path) -> nbformat.NotebookNode:
        if path not in done:
            done[path] = execute_offline(path, tmp_path_factory.mktemp(path.stem))
        return done[path]

    return _get
