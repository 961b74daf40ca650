"""The context time line: the report's firsts that are not Moon missions, on their own chart."""

from __future__ import annotations

import html

from lunarexplainer import theme
from lunarexplainer.charts import context_timeline


def test_one_row_per_kind_with_its_own_shape(ds) -> None:
    fig = context_timeline.figure(ds)
    kinds = {t.meta["kind"]: t for t in fig.data}
    assert set(kinds) == set(ds.context["kind"])
    for kind, trace in kinds.items():
        names = list(ds.context[ds.context["kind"] == kind]["name"])
        assert [html.unescape(x.replace("<br>", " ")) for x in trace.text] == names
        assert trace.marker.symbol == context_timeline.KIND_SYMBOLS[kind]
        assert set(trace.y) == {context_timeline.KIND_LABELS[kind]}
    # Shapes are not the mission-status shapes, and the ink is no outcome colour.
    assert not set(context_timeline.KIND_SYMBOLS.values()) & set(theme.STATUS_SYMBOLS.values())
    assert {t.marker.color for t in fig.data} == {"#1A1A1A"}
    # Hovers name the report's claim each milestone belongs to, with its verdict.
    mars = kinds["mars_mission"].hovertext[0]
    assert "Second on Mars." in mars and "partly true" in mars


def test_the_signing_is_a_dashed_line_when_the_data_has_it(ds, real_ds) -> None:
    assert not [s for s in context_timeline.figure(ds).layout.shapes]  # fixture: no memorandum
    fig = context_timeline.figure(real_ds)
    (line,) = fig.layout.shapes
    assert line.line.dash == "dash" and str(line.x0).startswith("2021-03-09")
    assert any(a.name == "memorandum" and "9 March 2021" in a.text
               for a in fig.layout.annotations)


def test_no_moon_mission_is_on_it_and_no_context_on_the_moon_charts(real_ds) -> None:
    fig = context_timeline.figure(real_ds)
    drawn = {html.unescape(x.replace("<br>", " ")) for t in fig.data for x in t.text}
    assert drawn == set(real_ds.context["name"])
    assert not drawn & set(real_ds.missions["name"])


def test_summary(real_ds) -> None:
    text = context_timeline.summary(real_ds)
    assert f"mentions {len(real_ds.context)} spaceflight milestones" in text
    assert "from Vostok 1 (1961) to Tiangong completion (Mengtian module) (2022)" in text
    assert "never counted as missions to the Moon" in text
