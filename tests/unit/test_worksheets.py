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


def test_the_roles_treemap_is_drawn_as_wide_as_its_tiles_and_without_what_to_click():
    """On paper the roles treemap keeps the width its tiles were laid out for (at the
    worksheets' 900 px their text ran out of them) and loses its "Click a tile…" subtitle
    and menu; a chart that names no width is drawn at CHART_WIDTH."""
    from lunarexplainer.charts import partner_growth
    from lunarexplainer.charts import station_roles
    from lunarexplainer.charts.common import paper_width
    from lunarexplainer.worksheets import CHART_WIDTH
    from lunarexplainer.worksheets import _static_figure

    ds = load_dataset()
    form = station_roles.static_form(station_roles.prepare(ds))
    assert form.layout.title.subtitle.text and form.layout.updatemenus
    paper = _static_figure(form.to_plotly_json())
    assert paper_width(paper, CHART_WIDTH) == station_roles.LAYOUT_PX + 20 > CHART_WIDTH
    assert not paper.layout.title.subtitle.text and not paper.layout.updatemenus
    other = _static_figure(partner_growth.figure(ds).to_plotly_json())
    assert paper_width(other, CHART_WIDTH) == CHART_WIDTH
