"""Worksheet pages: the quiz with room to write, and an answer key from the same quiz data."""

from __future__ import annotations

import html
import re

from lunarexplainer import load_dataset
from lunarexplainer.lesson.quiz import MultipleChoice
from lunarexplainer.lesson.quiz import lesson_questions
from lunarexplainer.worksheets import Block
from lunarexplainer.worksheets import Sheet
from lunarexplainer.worksheets import sheet_html


def _text(page: str) -> str:
    body = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def _sheet() -> tuple[Sheet, object]:
    ds = load_dataset()
    blocks = [Block("heading", "The story in one picture"),
              Block("think", "Why might space agencies send robots first?")]
    return Sheet("00_start_here", "Start here", blocks,
                 lesson_questions("00_start_here", ds)), ds


def test_worksheet_has_every_question_and_option_but_no_answers():
    sheet, ds = _sheet()
    page = sheet_html(sheet, ds, answers=False)
    text = _text(page)
    assert "Why might space agencies send robots first?" in text
    assert page.count('class="ws-lines"') == 1  # lines to write on
    for q in sheet.quiz:
        assert q.prompt in text
        if isinstance(q, MultipleChoice):
            assert all(option in text for option in q.options)
        assert q.explanation not in text
    assert "Answer key" not in text and "Name:" in text
    assert "http" not in page.replace("http-equiv", "")  # nothing to load


def test_answer_key_gives_each_answer_and_its_explanation():
    sheet, ds = _sheet()
    text = _text(sheet_html(sheet, ds, answers=True))
    assert text.count("Answer: ") == len(sheet.quiz) > 0
    for q in sheet.quiz:
        assert f"Answer: {q.answer_text()}" in text
        assert q.explanation in text
    assert "Why might space agencies" not in text  # the key is the quiz only


def test_data_text_is_escaped():
    sheet, ds = _sheet()
    sheet.blocks.append(Block("think", "<script>alert(1)</script>"))
    page = sheet_html(sheet, ds, answers=False)
    assert "<script>" not in page and "&lt;script&gt;" in page
