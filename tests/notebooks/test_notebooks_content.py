"""Lesson notebooks follow the template, are stored clean, and keep answers out of plain text."""

from __future__ import annotations

import ast
import re

import nbformat
import pytest

from lunarexplainer import load_dataset
from lunarexplainer.lesson import manifest, quiz
from lunarexplainer.lesson.quiz import MultipleChoice

from harness import notebook_paths

PATHS = notebook_paths()
MAX_DEF_LINES = 3


def read(path):
    return nbformat.read(path, as_version=4)


def markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def code_cells(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code"]


def test_all_lessons_are_there():
    assert [p.stem for p in PATHS] == manifest.stems()


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_template_sections_are_present(path):
    nb = read(path)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert "What you will learn" in first.source
    text = markdown(nb)
    for needed in ("Time needed", "Run All", "Question to think about", "## Summary",
                   "Where next", "Check your understanding"):
        assert needed in text, f"{path.name}: missing {needed!r}"
    code = code_cells(nb)
    assert "ds = load_dataset()" in code[1] and "ds.dates_text" in code[1]
    assert f'quiz.lesson_quiz("{path.stem}", ds)' in "\n".join(code)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_exactly_one_import_cell_and_it_comes_first(path):
    code = code_cells(read(path))
    with_imports = [i for i, src in enumerate(code)
                    if any(isinstance(n, ast.Import | ast.ImportFrom)
                           for n in ast.walk(ast.parse(src)))]
    assert with_imports == [0]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_outputs_and_execution_metadata_are_cleared(path):
    nb = read(path)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
        assert "execution" not in cell.metadata
    assert "widgets" not in nb.metadata


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_no_long_definitions_in_notebooks(path):
    for src in code_cells(read(path)):
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                lines = node.end_lineno - node.lineno + 1
                assert lines <= MAX_DEF_LINES, f"{path.name}: {node.name} has {lines} lines"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_quiz_answers_are_not_written_in_the_notebook(path):
    ds = load_dataset()
    text = "\n".join(c.source for c in read(path).cells)
    for q in quiz.lesson_quiz(path.stem, ds).questions:
        if isinstance(q, MultipleChoice):
            if len(q.correct) >= 12:
                assert q.correct not in text, f"{path.name} gives away {q.correct!r}"
        elif q.answer >= 10:
            assert not re.search(rf"\b{q.answer:g}\b", text), f"{path.name}: {q.answer:g}"


def test_exercise_answers_are_not_written_in_notebook_05():
    nb = read(next(p for p in PATHS if p.stem == "05_fact_check_2021"))
    text = "\n".join(c.source for c in nb.cells)
    code = "\n".join(code_cells(nb))
    assert "Tuesday" not in text
    assert not re.search(r"\b60\b|\b2028\b", text)
    assert code.count("= None") >= 4, "exercise cells should start from None"
    for checker in ("check_weekday", "check_years_since_first_flight", "check_nasa_2024"):
        assert f"exercises.{checker}(" in code
