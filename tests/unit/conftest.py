"""Unit-test fixtures: chart fixture folders via the real loader, a private cache, a data copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lunarexplainer import data
from lunarexplainer import load_dataset

from chart_data import EXPLORER_DATA
from chart_data import chart_dataset
from chart_data import hostile_copy

MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal"


@pytest.fixture(scope="session")
def ds():
    """``tests/fixtures/charts/`` loaded by the real loader (test rows, not facts)."""
    return chart_dataset()


@pytest.fixture(scope="session")
def xss_ds(tmp_path_factory):
    """The same rows with live-looking HTML in some names."""
    return chart_dataset(hostile_copy(tmp_path_factory.mktemp("hostile") / "data"))


@pytest.fixture
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """An empty cache folder and in-memory cache, and no data folder from the environment."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("LUNAREXPLAINER_DATA", raising=False)
    monkeypatch.delenv("LUNAREXPLAINER_NO_CACHE", raising=False)
    data._MEMORY.clear()
    yield
    data._MEMORY.clear()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A fresh copy of the minimal valid data set (tests/fixtures/minimal)."""
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    return target


@pytest.fixture(scope="module")
def eds():
    """``tests/fixtures/explorers/`` through the real loader."""
    return load_dataset(EXPLORER_DATA)


@pytest.fixture(scope="module")
def real_ds():
    """The shipped, curated data."""
    return load_dataset()
