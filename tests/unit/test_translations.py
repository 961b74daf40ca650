"""Translated data text (data/<lang>/<table>.csv) and translated lessons (notebooks/<lang>/)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from lunarexplainer.data import DataValidationError
from lunarexplainer.data import check_data_main
from lunarexplainer.data import load_dataset
from lunarexplainer.lesson import translations
from lunarexplainer.text import current_language
from lunarexplainer.text import nt
from lunarexplainer.text import set_language
from lunarexplainer.text import t

MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    yield target
    set_language(None)


def _first_mission(folder: Path) -> tuple[str, str]:
    lines = (folder / "missions.csv").read_text(encoding="utf-8").splitlines()
    row = lines[1].split(",")
    return row[0], row[1]


def test_a_translation_replaces_the_text_of_its_row_only(folder: Path) -> None:
    mission_id, english = _first_mission(folder)
    (folder / "zh").mkdir()
    (folder / "zh" / "missions.csv").write_text(f"id,name\n{mission_id},测试任务\n",
                                                encoding="utf-8")
    zh = load_dataset(folder, lang="zh")
    names = dict(zip(zh.missions["id"], zh.missions["name"], strict=True))
    assert names[mission_id] == "测试任务"
    en = load_dataset(folder, lang="en")
    assert dict(zip(en.missions["id"], en.missions["name"], strict=True))[mission_id] == english
    # the summary was not translated: it stays English in the Chinese dataset
    assert list(zh.missions["summary"]) == list(en.missions["summary"])


def test_a_bad_translation_file_is_one_line_per_problem(folder: Path) -> None:
    mission_id, _ = _first_mission(folder)
    (folder / "ru").mkdir()
    (folder / "ru" / "missions.csv").write_text(
        f"id,name,launch_date\nno-such-mission,Нет\n{mission_id},Первая\n{mission_id},Вторая\n",
        encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        load_dataset(folder, lang="ru")
    # The problem words are in the language in use (here Russian); file, row, column and
    # value are kept as they are.
    fields = nt("{count} fields instead of {expected}: quote text that contains commas",
                "{count} fields instead of {expected}: quote text that contains commas", 2,
                count=2, expected=3)
    column = t("not a translated column of {file} (use {columns})", file="missions.csv",
               columns="name, summary")
    assert err.value.lines() == [
        f"ru/missions.csv:1: launch_date: {column} (launch_date)",
        f"ru/missions.csv:2: file: {fields} (no-such-mission,Нет)",
        f"ru/missions.csv:3: file: {fields} ({mission_id},Первая)",
        f"ru/missions.csv:4: file: {fields} ({mission_id},Вторая)",
    ]
    assert "ru" == current_language() and column != "not a translated column of missions.csv " \
        "(use name, summary)"
    (folder / "ru" / "missions.csv").write_text(
        f"id,name\nno-such-mission,Нет\n{mission_id},Первая\n{mission_id},Вторая\n",
        encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        load_dataset(folder, lang="ru")
    assert err.value.lines() == [
        f"ru/missions.csv:2: id: {t('no such row in {file}', file='missions.csv')} "
        "(no-such-mission)",
        f"ru/missions.csv:4: id: {t('appears twice')} ({mission_id})",
    ]


def test_check_data_warns_about_each_missing_text_with_the_english_row(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mission_id, _ = _first_mission(folder)
    (folder / "zh").mkdir()
    (folder / "zh" / "missions.csv").write_text(f"id,name\n{mission_id},测试任务\n",
                                                encoding="utf-8")
    assert check_data_main(folder) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("OK: ")
    warnings = [line for line in out if line.startswith("warning: ")]
    assert f"warning: zh/missions.csv: missions.csv:2: summary: no translation ({mission_id})" \
        in warnings
    assert not any(f"missions.csv:2: name: no translation ({mission_id})" in w for w in warnings)
    assert all(w.startswith("warning: zh/") for w in warnings)  # no ru/ folder: not warned
    assert out[-1] == f"{len(warnings)} texts have no translation yet: their English text is shown."


def test_translated_lessons_have_the_english_code_and_follow_the_english_text() -> None:
    found = []
    for lang in translations.TRANSLATED:
        for nb in translations.english_notebooks():
            found += [p.text() for p in translations.notebook_problems(nb, lang)
                      if "not translated yet" not in p.problem]
    assert found == [], "\n".join(found)


def test_a_changed_english_cell_makes_its_translation_stale(tmp_path: Path) -> None:
    notebooks = tmp_path / "notebooks"
    shutil.copytree(REPO / "notebooks", notebooks)
    english = translations.english_notebooks(notebooks)[0]
    zh = english.parent / "zh" / english.name
    nb = json.loads(zh.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
    cell["source"] = "已翻译的文字"
    zh.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    translations.mark_notebook(english, "zh")
    assert not [p for p in translations.notebook_problems(english, "zh")
                if p.cell == cell["id"]]
    source = json.loads(english.read_text(encoding="utf-8"))
    en_cell = next(c for c in source["cells"] if c["id"] == cell["id"])
    en_cell["source"] = "A changed English text."
    english.write_text(json.dumps(source), encoding="utf-8")
    stale = [p for p in translations.notebook_problems(english, "zh") if p.cell == cell["id"]]
    assert [p.problem for p in stale] == [
        "stale: the English text changed since it was translated"]
    code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    code["source"] = "print('different')"
    zh.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    assert any(p.cell == code["id"] and p.problem == "code differs from the English cell"
               for p in translations.notebook_problems(english, "zh"))


def test_the_language_line_is_the_only_code_that_differs() -> None:
    for lang in translations.TRANSLATED:
        for english in translations.english_notebooks():
            en = json.loads(english.read_text(encoding="utf-8"))
            tr = json.loads((english.parent / lang / english.name).read_text(encoding="utf-8"))
            pairs = [("".join(a["source"]), "".join(b["source"]))
                     for a, b in zip(en["cells"], tr["cells"], strict=True)
                     if a["cell_type"] == "code"]
            differ = [(a, b) for a, b in pairs if a != b]
            assert len(differ) == 1, english.name
            assert "ds = load_dataset()" in differ[0][0]
            assert f'ds = load_dataset(lang="{lang}")' in differ[0][1]


def _numbers(value: object) -> object:
    """The numbers in a fact's value (a count, a year, a shift), whatever its words."""
    import dataclasses

    if isinstance(value, bool | int | float):
        return value
    if dataclasses.is_dataclass(value):
        return {f.name: _numbers(getattr(value, f.name)) for f in dataclasses.fields(value)
                if isinstance(getattr(value, f.name), bool | int | float)}
    if isinstance(value, list | tuple):
        return [_numbers(v) for v in value if isinstance(v, bool | int | float)]
    return None


@pytest.mark.parametrize("lang", ["zh", "ru"])
def test_every_fact_counts_the_same_in_every_language(lang: str) -> None:
    """Facts find rows by ids and codes, never by translated words: the same numbers and the
    same "Show me why" rows in each language."""
    from lunarexplainer.lesson.content import fact_functions
    from lunarexplainer.lesson.content import rows_functions
    from lunarexplainer.text import in_language

    with in_language("en"):
        en = load_dataset()
        english = {name: _numbers(fn(en)) for name, fn in fact_functions().items()}
        english_rows = {name: len(fn(en)) for name, fn in rows_functions().items()}
    with in_language(lang):
        ds = load_dataset()
        assert {name: _numbers(fn(ds)) for name, fn in fact_functions().items()} == english
        assert {name: len(fn(ds)) for name, fn in rows_functions().items()} == english_rows
    assert sum(english_rows.values()) > 20
