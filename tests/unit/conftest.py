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


@pytest.fixture
def fake_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Use a Russian catalog made of the given ``{msgid: msgstr}`` (call it), then English again.

    Only the messages given are translated; every other one stays English, as with a catalog
    that is not finished.
    """
    from lunarexplainer import text

    def use(messages: dict[str, str]) -> None:
        folder = tmp_path / "locale" / "ru" / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        body = "".join(f"msgid {_po(k)}\nmsgstr {_po(v)}\n\n" for k, v in messages.items())
        (folder / "lunarexplainer.po").write_text(
            'msgid ""\nmsgstr ""\n"Language: ru\\n"\n\n' + body, encoding="utf-8")
        monkeypatch.setattr(text, "LOCALE_DIR", tmp_path / "locale")
        text.reload_catalogs()
        text.set_language("ru")

    yield use
    text.set_language(None)
    text.reload_catalogs()


def _po(value: str) -> str:
    """A string as a .po file writes it."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
