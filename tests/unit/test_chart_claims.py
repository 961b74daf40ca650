"""The claims table: figure and summary, from the fixture folder read by the real loader."""

from __future__ import annotations

import html
import re

from lunarexplainer import theme
from lunarexplainer.charts import claims
from lunarexplainer.charts.common import paper_height


def _cells(fig):
    return [[html.unescape(re.sub(r"</?b>", "", v)) for v in col]
            for col in fig.data[0].cells.values]


def test_claims_table_columns(ds) -> None:
    fig = claims.figure(ds)
    table = fig.data[0]
    rows = ds.article_claims
    assert table.type == "table"
    headers = [re.sub(r"</?b>", "", h) for h in table.header.values]
    assert headers == ["The 2021 report said (in our words)", "Verdict", "Why",
                       "How we checked"]
    claim, verdict, why, checked = _cells(fig)
    assert claim == list(rows["claim"])
    assert why == list(rows["reason"])
    # The verdict cell is the verdict's mark and words, read from the data.
    assert verdict == [f"{theme.VERDICT_MARKS[v]} {theme.VERDICT_LABELS[v]}"
                       for v in rows["verdict"]]
    assert list(table.meta["verdicts"]) == list(rows["verdict"])
    # The source checked with, then the day; a state's own media says so.
    sources = ds.sources.set_index("id")
    for cell, sid in zip(checked, rows["check_source_id"], strict=True):
        assert cell.startswith(sources.at[sid, "title"])
        assert ("; state media)" in cell) == (sources.at[sid, "kind"] == "state_media")
        assert re.search(r"Checked \d+ \w+ \d{4}\.$", cell)
    assert any("state media" in c for c in checked)  # the fixture has one
    # No <br> in any cell, so Plotly wraps every column itself; text stays ≥ 14 px.
    assert not any("<br>" in v for col in table.cells.values for v in col)
    assert table.cells.font.size >= 14 and table.header.font.size >= 14
    # On paper the figure is tall enough for every row at the narrowest layout width.
    assert fig.layout.meta["paper_height"] >= 30 * len(rows) + 36


def test_the_whole_table_fits_a_projector_and_scrolls(real_ds) -> None:
    """On screen the real table (17 claims) fits 1280×720 and says that it scrolls; paper
    and images get every row (``paper_height``)."""
    fig = claims.figure(real_ds)
    n = len(real_ds.article_claims)
    assert fig.layout.height <= 720 < fig.layout.meta["paper_height"]
    assert paper_height(fig) == fig.layout.meta["paper_height"]
    (hint,) = [a for a in fig.layout.annotations if a.name == "scroll"]
    assert f"Scroll inside the table to read all {n} claims." in hint.text
    assert all(a.font.size >= 16 for a in fig.layout.annotations if a.name != "source")
    # a short table is not told to scroll
    small = claims.figure(real_ds, verdicts=["too_soon"])
    assert not [a for a in small.layout.annotations if a.name == "scroll"]


def test_verdicts_are_not_shown_by_outcome_colours(ds) -> None:
    fig = claims.figure(ds)
    fill = fig.data[0].cells.fill.color
    # One fill for every cell: no colour carries a verdict, so no outcome colour is reused.
    assert isinstance(fill, str)
    assert fill.upper() not in {c.upper() for c in theme.STATUS_COLORS.values()}
    # Every verdict has its own mark.
    assert len(set(theme.VERDICT_MARKS.values())) == len(theme.VERDICTS)


def test_report_details_are_on_the_table_and_in_the_summary(ds, real_ds) -> None:
    fig = claims.figure(real_ds)
    note = next(a for a in fig.layout.annotations if a.name == "report")
    text = html.unescape(note.text.replace("<br>", " "))
    assert text == claims.report_line(real_ds)
    assert "China and Russia join hands to build lunar space station" in text
    assert "9 March 2021" in text and "Rehnuma" in text
    assert claims.report_line(real_ds) in claims.summary(real_ds)
    # Without the memorandum's milestone (the fixture), the line names no day.
    assert "shortly after the memorandum was signed" in claims.report_line(ds)


def test_summary_counts_every_verdict(ds) -> None:
    summary = claims.summary(ds)
    v = ds.article_claims["verdict"].value_counts()
    assert f"We checked {len(ds.article_claims)} of its claims" in summary
    for verdict in theme.VERDICTS:
        assert f"{v.get(verdict, 0)} “{theme.VERDICT_LABELS[verdict]}”" in summary
    assert "1 claim was checked mainly with a state's own media" in summary


def test_a_verdict_filter_keeps_only_those_rows(ds) -> None:
    fig = claims.figure(ds, verdicts=["true", "partly_true"])
    assert set(fig.data[0].meta["verdicts"]) == {"true", "partly_true"}
    assert "0 “too soon to tell”" in claims.summary(ds, verdicts=["true", "partly_true"])
