"""The words around the lessons on the site and in Voila, per language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lunarexplainer import site_text
from lunarexplainer.cli import build_parser
from lunarexplainer.text import current_language
from lunarexplainer.text import in_language


def test_the_language_switch_links_each_page_to_the_same_page_in_each_language() -> None:
    langs = ["en", "zh", "ru"]
    with in_language("en"):
        en = site_text.language_links(langs, "03_artemis_comparison.html")
    with in_language("ru"):
        ru = site_text.language_links(langs, "03_artemis_comparison.html")
    assert [(x["lang"], x["href"], x["current"]) for x in en] == [
        ("en", "03_artemis_comparison.html", True),
        ("zh", "zh/03_artemis_comparison.html", False),
        ("ru", "ru/03_artemis_comparison.html", False)]
    assert [(x["href"], x["current"]) for x in ru] == [
        ("../03_artemis_comparison.html", False), ("../zh/03_artemis_comparison.html", False),
        ("03_artemis_comparison.html", True)]
    assert [x["name"] for x in en] == ["English", "简体中文", "Русский"]


def test_in_language_goes_back_to_what_was_chosen_before() -> None:
    with in_language("zh"):
        assert current_language() == "zh"
        with in_language("ru"):
            assert current_language() == "ru"
        assert current_language() == "zh"
    assert current_language() == "en"


def test_the_script_words_file_has_every_language(tmp_path: Path) -> None:
    path = site_text.write_script_words(tmp_path / "lx-text.js")
    text = path.read_text(encoding="utf-8")
    words = json.loads(text.split("window.LX_TEXTS = ", 1)[1].split(";\n", 1)[0])
    assert sorted(words) == ["en", "ru", "zh-Hans"]
    assert words["en"]["exit"] == "Exit presenting"
    assert all(set(w) == set(words["en"]) for w in words.values())
    assert "document.documentElement.lang" in text


@pytest.mark.parametrize("given, langs", [("zh", ["zh"]), ("en,zh,ru", ["en", "zh", "ru"]),
                                          ("RU, en", ["ru", "en"])])
def test_export_takes_one_language_or_several(given: str, langs: list[str]) -> None:
    assert build_parser().parse_args(["export", "--lang", given]).lang == langs


def test_export_refuses_an_unknown_language(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["export", "--lang", "fr"])
    assert "unknown language 'fr': choose from en, zh, ru" in capsys.readouterr().err
