"""Fixtures every test folder uses: ``run_notebook`` (helpers are in ``tests/harness.py``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest

from harness import execute_offline


@pytest.fixture
def run_notebook(tmp_path: Path) -> Callable[..., nbformat.NotebookNode]:
    """Execute a notebook on a fresh kernel as a student would, with the network blocked."""

    def _run(path: Path | str, timeout: int = 180, **env_extra: str) -> nbformat.NotebookNode:
        return execute_offline(Path(path), tmp_path, timeout=timeout, **env_extra)

    return _run
