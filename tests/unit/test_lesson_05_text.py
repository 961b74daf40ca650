"""Lesson 05's words about its charts are true of the charts as built from the shipped data.

Every checkable sentence of the lesson is parsed here, not copied: the verdict list (marks and
words), "not by colour", the columns it names, the context chart's shapes, rows and dashed line,
the counts its summary quotes, and what its questions to think about ask the chart to show. If
the text or the data changes so that they disagree, a test here fails.
"""

from __future__ import annotations

import html
import re

import nbformat
import pandas as pd
import pytest

from lunarexplainer import facts
from lunarexplainer import load_dataset
from lunarexplainer import theme
from lunarexplainer.charts import claims
from lunarexplainer.charts import context_timeline

from harness import NOTEBOOKS

LESSON = NOTEBOOKS / "05_fact_check_2021.ipynb"
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


@pytest.fixture(scope="module")
def text() -> str:
    nb = nbformat.read(LESSON, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


@pytest.fixture(scope="module")
def shipped():
    return load_dataset()


@pytest.fixture(scope="module")
def table(shipped):
    return claims.figure(shipped)


@pytest.fixture(scope="module")
def context(shipped):
    return context_timeline.figure(shipped)


def _plain(values) -> list[str]:
    return [html.unescape(re.sub(r"</?b>", "", v)) for v in values]


def test_the_verdict_list_is_the_charts_vocabulary(text, table):
    listed = re.findall(r"^- \*\*(\S) (.+?)\*\*:", text, flags=re.M)
    assert listed == [(theme.VERDICT_MARKS[v], theme.VERDICT_LABELS[v]) for v in theme.VERDICTS]
    shown = set(_plain(table.data[0].cells.values[1]))
    # Every verdict the data uses is drawn as the text writes it.
    assert shown <= {f"{m} {w}" for m, w in listed}


def test_verdicts_are_not_shown_by_colour(text, table):
    assert "not by colour" in text
    fill = table.data[0].cells.fill.color
    assert isinstance(fill, str), "one fill for every cell"


def test_the_columns_the_text_names_exist(text, table):
    headers = _plain(table.data[0].header.values)
    assert "**How we checked**" in text and "How we checked" in headers
    assert "The 2021 report said (in our words)" in headers  # "in our own words"
    assert "our own words" in text


def test_how_we_checked_box_matches_the_column(text, shipped, table):
    assert "the day we last checked it" in text
    cells = _plain(table.data[0].cells.values[3])
    assert all(re.search(r"Checked \d+ \w+ \d{4}\.$", c) for c in cells)
    assert "says **state media**" in text
    state = facts.state_media_check_count(shipped)
    assert state == sum("; state media)" in c for c in cells) > 0


def test_the_report_details_are_where_the_text_says(text, shipped, table):
    assert "shown at the top of the table and in the text under it" in text
    note = next(a for a in table.layout.annotations if a.name == "report")
    assert html.unescape(note.text.replace("<br>", " ")) == claims.report_line(shipped)
    assert claims.report_line(shipped) in claims.summary(shipped)


def test_the_summary_counts_are_the_data(text, shipped):
    counts = facts.verdict_counts(shipped)
    summary = text.split("## Summary", 1)[1]
    assert "most of the report's claims were **✔ true**" in summary
    assert counts["true"] > sum(counts.values()) / 2
    quoted = re.findall(r"(One|one) claim[^*]*?\*\*(\S) ", summary) + re.findall(
        r"and (one), about [^*]*?\*\*(\S) ", summary)
    assert [m for _, m in quoted] == ["↻", "◐", "?"]
    for word, verdict in quoted:
        code = next(v for v, m in theme.VERDICT_MARKS.items() if m == verdict)
        assert counts[code] == WORDS[word.lower()], (verdict, counts)
    c = shipped.article_claims.set_index("id")
    assert "about NASA's landing date, was **↻" in summary
    assert c.at["claim-nasa-2024", "verdict"] == "true_then_changed"
    assert "about Mars, is only **◐" in summary
    assert c.at["claim-second-on-mars", "verdict"] == "partly_true"
    assert "about how the station will run, is\n  **? too soon" in summary
    assert c.at["claim-long-term-autonomous", "verdict"] == "too_soon"


def test_the_context_chart_is_as_described(text, shipped, context):
    flat = " ".join(text.split())
    shapes = dict(re.findall(r"an? (star|square|pentagon) for an? ([A-Za-z ]+?)(?:,| and)", flat))
    kind_of = {"crewed flight": "crewed_earth_orbit", "space station": "space_station",
               "Mars mission": "mars_mission"}
    assert len(shapes) == 3
    for shape, words in shapes.items():
        assert context_timeline.KIND_SYMBOLS[kind_of[words]] == shape
    assert {t.meta["kind"]: t.marker.symbol for t in context.data} == \
        context_timeline.KIND_SYMBOLS
    assert "one row per kind" in text
    assert all(len(set(t.y)) == 1 for t in context.data)
    assert len({t.y[0] for t in context.data}) == len(context.data)
    assert "each drawn at its launch date" in text
    for t in context.data:
        rows = shipped.context[shipped.context["kind"] == t.meta["kind"]]
        assert [pd.Timestamp(x) for x in t.x] == list(rows["launch_date_start"])
    assert "The dashed line marks\nthe day the agreement was signed" in text
    (line,) = context.layout.shapes
    assert line.line.dash == "dash"
    assert pd.Timestamp(line.x0).date() == facts.memorandum_date(shipped)
    assert "Hover over a mark to see the claim of the report it belongs to" in text
    assert all("The report's claim:" in html.unescape(h) for t in context.data
               for h in t.hovertext)


def test_the_context_list_and_question_can_be_answered(text, shipped):
    summary = text.split("## Summary", 1)[1]
    named = re.search(r"\((Gagarin[^)]*)\)", summary).group(1).split(", ")
    assert len(named) == len(shipped.context)
    # "which milestone on this chart was launched after the agreement was signed?": one does.
    assert "which milestone on this chart was launched after the agreement" in text
    signed = pd.Timestamp(facts.memorandum_date(shipped))
    assert int((shipped.context["launch_date_start"] > signed).sum()) == 1
    # "Find the row marked ↻": there is one.
    assert "find the row marked ↻" in text
    assert facts.claims_true_then_changed_count(shipped) == 1
