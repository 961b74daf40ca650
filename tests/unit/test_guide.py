"""The teacher guide's answer key and the lesson tables are generated (lesson/guide.py)."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from lunarexplainer import cli
from lunarexplainer import facts
from lunarexplainer import load_dataset
from lunarexplainer.data import shipped_data_dir
from lunarexplainer.lesson import guide
from lunarexplainer.lesson import manifest
from lunarexplainer.lesson import quiz

from harness import NOTEBOOKS
from harness import REPO

HOW = "is out of date: run `lunarexplainer guide` (or `make guide`) and commit the result"


@pytest.fixture(scope="module")
def ds():
    return load_dataset(shipped_data_dir())


def test_the_committed_teacher_guide_is_what_the_command_writes(ds):
    text = (NOTEBOOKS / "teacher_guide.md").read_text(encoding="utf-8")
    assert guide.updated_guide(text, ds) == text, f"notebooks/teacher_guide.md {HOW}"


def test_the_committed_readme_lesson_table_is_the_manifest():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert guide.updated_readme(text) == text, f"README.md {HOW}"
    for lesson in manifest.lessons():
        assert f"| `{lesson.stem}` | {lesson.summary} |" in text


def test_the_answer_key_has_every_question_and_its_answer(ds):
    key = guide.answer_key_markdown(ds)
    assert ds.as_of_text in key
    for lesson in manifest.lessons():
        assert f"**{lesson.number} · {lesson.title}**" in key
    for entries in quiz.answer_key(ds).values():
        for i, entry in enumerate(entries, 1):
            assert f"{i}. {entry.prompt} — {entry.answer}" in key
    shift = facts.artemis_landing_target_shift(ds)
    assert f"— {shift.years} years (from {shift.first} to {shift.latest})" in key
    assert f"— {facts.memorandum_date(ds).strftime('%A')}" in key  # the exercise's weekday
    assert "`years = signed.year - vostok.year` — 60" in key


def test_the_answer_key_follows_the_data(ds):
    changed = ds.copy()
    sh = changed.schedule_history
    goal = sh.index[sh["mission_id"] == "artemis-first-crewed-landing"]
    last = sh.loc[goal].sort_values("announced_on_start").index[-1]
    sh.loc[last, "target_date_start"] = pd.Timestamp("2040-01-01")
    first = facts.artemis_landing_target_shift(ds).first
    key = guide.answer_key_markdown(changed)
    assert f"— {2040 - first} years (from {first} to 2040)" in key
    assert f"(from {first} to {facts.artemis_landing_target_shift(ds).latest})" not in key


def test_hand_written_parts_are_kept(ds):
    text = "Intro.\n<!-- lessons:start -->\nSTALE\n<!-- lessons:end -->\nMiddle.\n" \
           "<!-- answer-key:start -->\nSTALE KEY\n<!-- answer-key:end -->\nGlossary.\n" \
           "<!-- glossary:start -->\nSTALE TERMS\n<!-- glossary:end -->\nEnd.\n"
    out = guide.updated_guide(text, ds)
    assert out.startswith("Intro.\n<!-- lessons:start -->\n")
    assert "\nMiddle.\n" in out and "<!-- answer-key:end -->\nGlossary.\n" in out
    assert out.endswith("<!-- glossary:end -->\nEnd.\n")
    assert "STALE" not in out
    assert guide.updated_guide(out, ds) == out


def test_the_guide_glossary_lists_every_term_of_the_glossary_file():
    from lunarexplainer.lesson import glossary

    text = (NOTEBOOKS / "teacher_guide.md").read_text(encoding="utf-8")
    block = text.split(guide.GLOSSARY_MARKERS[0])[1].split(guide.GLOSSARY_MARKERS[1])[0]
    terms = glossary.terms()
    assert len(terms) >= 20
    for term in terms:
        assert f"- **{term.term}**: {term.meaning}" in block
    listed = [line.split("**")[1] for line in block.splitlines() if line.startswith("- **")]
    assert listed == sorted(listed, key=str.casefold) and len(listed) == len(terms)


def test_missing_markers_are_an_error(ds):
    with pytest.raises(ValueError, match="teacher_guide.md: expected one <!-- lessons:start -->"):
        guide.updated_guide("No markers here.\n", ds)


def test_the_command_rewrites_both_files(tmp_path, capsys):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(NOTEBOOKS / "teacher_guide.md", notebooks / "teacher_guide.md")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (tmp_path / "README.md").write_text(readme.replace("| `00_start_here` |", "| `00_old` |"),
                                        encoding="utf-8")
    assert guide.guide_main(notebooks_dir=notebooks) == 0
    out = capsys.readouterr().out
    assert "teacher_guide.md: up to date" in out and "README.md: updated" in out
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == readme


def test_the_cli_prints_the_key(capsys):
    assert cli.main(["guide", "--print"]) == 0
    assert "**05 exercises** (model solutions)" in capsys.readouterr().out
    assert "guide" in cli.build_parser().format_help()


@pytest.mark.parametrize("lang", ["zh", "ru"])
def test_each_translated_guide_is_what_the_command_writes_in_its_language(lang):
    from lunarexplainer import load_dataset
    from lunarexplainer.text import in_language

    path = NOTEBOOKS / lang / "teacher_guide.md"
    text = path.read_text(encoding="utf-8")
    with in_language(lang):
        assert guide.updated_guide(text, load_dataset()) == text, f"{path.name} ({lang}) {HOW}"
