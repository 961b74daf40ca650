"""The lesson manifest (lesson/lessons.toml) says what each notebook really does."""

from __future__ import annotations

import ast
import importlib
import re

import nbformat
import pytest

from lunarexplainer import images
from lunarexplainer.lesson import manifest

from harness import NOTEBOOKS
from harness import notebook_paths

PATHS = {path.stem: path for path in notebook_paths()}


def code_of(stem: str) -> list[ast.Module]:
    nb = nbformat.read(PATHS[stem], as_version=4)
    return [ast.parse(c.source) for c in nb.cells if c.cell_type == "code"]


def shown_charts(trees: list[ast.Module]) -> list[str]:
    """Names passed to show(ds, "name"), in the order the notebook draws them."""
    names = [node.args[1].value for tree in trees for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
             and node.func.id == "show" and len(node.args) >= 2
             and isinstance(node.args[1], ast.Constant)]
    return list(dict.fromkeys(names))


def explored_charts(trees: list[ast.Module]) -> list[str]:
    """Charts of the explorers the notebook builds, named as in the manifest."""
    imported = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "lunarexplainer.explorers"):
                module = importlib.import_module(node.module)
                imported.update({a.asname or a.name: getattr(module, a.name) for a in node.names})
    from lunarexplainer.explorers import EXPLORERS

    registry = {cls: name for name, cls in EXPLORERS.items()}
    names = [registry[imported[node.func.id]]
             for tree in trees for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
             and node.func.id in imported]
    return list(dict.fromkeys(names))


def test_the_manifest_lists_every_notebook_in_order():
    assert manifest.stems() == list(PATHS)
    assert [lesson.number for lesson in manifest.lessons()] == [s[:2] for s in PATHS]


@pytest.mark.parametrize("lesson", manifest.lessons(), ids=lambda lesson: lesson.stem)
def test_each_entry_matches_its_notebook(lesson):
    trees = code_of(lesson.stem)
    assert list(lesson.charts) == shown_charts(trees), "charts differ from show() calls"
    assert list(lesson.explorers) == explored_charts(trees), "explorers differ from the code"
    nb = nbformat.read(PATHS[lesson.stem], as_version=4)
    heading = nb.cells[0].source.splitlines()[0]
    assert re.sub(r"^# (\d\d · )?", "", heading) == lesson.title
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert f"**Time needed:** {lesson.time_needed()}" in text


def test_the_parsers_find_what_the_notebooks_call():
    trees = code_of("01_partnership")
    assert shown_charts(trees) == ["partnership_timeline", "partner_growth"]
    assert explored_charts(trees) == ["partner_map"]


def test_lookups():
    assert manifest.lesson("04_south_pole").minutes == (30, 45)
    assert manifest.lesson("04_south_pole").time_needed() == "about 30–45 minutes"
    assert manifest.lesson("00_start_here").time_needed() == "about 20 minutes"
    assert manifest.lesson_showing("overview").stem == "00_start_here"
    assert manifest.lesson_exploring("mission_timeline").stem == "03_artemis_comparison"
    assert manifest.lesson_showing("partner_map") is None
    with pytest.raises(KeyError, match="00_start_here"):
        manifest.lesson("99_nope")


def test_a_bad_entry_is_named(tmp_path, monkeypatch):
    bad = tmp_path / "lessons.toml"
    bad.write_text('[[lesson]]\nstem = "00_x"\ntitle = "X"\nsummary = "x"\nminutes = 5\n'
                   'charts = []\nexplorer = []\n', encoding="utf-8")
    monkeypatch.setattr(manifest, "MANIFEST", bad)
    manifest.lessons.cache_clear()
    try:
        with pytest.raises(ValueError, match="lessons.toml: lesson '00_x': unknown key 'explorer'"):
            manifest.lessons()
    finally:
        manifest.lessons.cache_clear()


def test_slide_images_are_named_after_the_lesson_that_shows_them():
    topics = images.figure_topics(NOTEBOOKS, {
        "overview": "", "mission_timeline": "", "claims": "", "partner_map": "",
        "partner_map_explorer": "", "mission_timeline_explorer": "",
        "station_roles_explorer": ""})
    assert topics == {
        "overview": "00_start_here", "mission_timeline": "figures",
        "claims": "05_fact_check_2021",
        "partner_map": "figures", "partner_map_explorer": "01_partnership",
        "mission_timeline_explorer": "03_artemis_comparison",
        "station_roles_explorer": "02_station_roles"}


def test_slide_images_of_a_missing_notebook_go_to_figures(tmp_path):
    assert images.figure_topics(tmp_path, {"claims": ""}) == {"claims": "figures"}
