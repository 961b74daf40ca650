"""The one-page overview: both sides, flown against planned, uncertainty drawn, Moon only."""

from __future__ import annotations

import html

import pandas as pd

from lunarexplainer import charts
from lunarexplainer.charts import overview
from lunarexplainer.theme import STATUS_COLORS
from lunarexplainer.theme import STATUS_SYMBOLS


def _trace(fig, kind):
    return [t for t in fig.data if (t.meta or {}).get("kind") == kind]


def _names(trace):
    return [html.unescape(h.split("</b>")[0].removeprefix("<b>")) for h in trace.hovertext]


def test_registered_and_rows(ds) -> None:
    assert charts.CHARTS["overview"] == (overview.figure, overview.summary)
    fig = overview.figure(ds)
    ticks = list(fig.layout.yaxis.ticktext)
    assert ticks == ["China–Russia side: flown", "China–Russia side: planned",
                     "US-led side: flown", "US-led side: planned"]


def test_flown_marks_by_outcome_with_apollo_and_luna_24(ds) -> None:
    fig = overview.figure(ds)
    flown = {t.meta["status"]: t for t in _trace(fig, "flown")}
    for status, trace in flown.items():
        assert trace.marker.color == STATUS_COLORS[status]
        assert trace.marker.symbol == STATUS_SYMBOLS[status]
    names = {n for t in flown.values() for n in _names(t)}
    # The old days of both sides: Apollo on the US side, the Soviet Luna 24 on the other.
    assert {"Apollo 11", "Luna 24", "Luna 25", "IM-1", "Artemis II"} <= names
    assert "Luna 25" in _names(flown["failure"])
    # Context and other countries' missions are not part of either side.
    assert not names & {"Chandrayaan-3", "Beresheet"}
    # Crewed missions have the thick outline.
    crew = dict(zip(_names(flown["success"]), flown["success"].marker.line.width, strict=True))
    assert crew["Apollo 11"] == 3 and crew["Chang'e 4"] == 1


def test_planned_spans_and_open_ended_net(ds) -> None:
    fig = overview.figure(ds)
    (bars,) = _trace(fig, "planned_span")
    spans = dict(zip(_names(bars), zip(bars.base, bars.x, strict=True), strict=True))
    assert set(spans) == {"Chang'e 7", "Chang'e 8", "Luna 26", "Artemis III"}
    base, width = spans["Chang'e 8"]
    # A year-only plan covers the whole year, not 1 January.
    assert pd.Timestamp(base) == pd.Timestamp("2028-01-01")
    assert round(width / 86_400_000) == 366
    assert round(spans["Chang'e 7"][1] / 86_400_000) == 31
    (net,) = _trace(fig, "net")
    # Two NET plans (Luna 26, Artemis III): each a dashed line to the right edge of the axis.
    ends = [x for x in net.x[1::3]]
    assert len(ends) == 2 and all(pd.Timestamp(e) == pd.Timestamp(fig.layout.xaxis.range[1])
                                  for e in ends)
    assert net.line.dash == "dash"
    (labels,) = _trace(fig, "planned_names")
    assert {html.unescape(x) for x in labels.text} == set(spans)


def test_no_two_planned_names_share_a_lane_and_overlap(ds) -> None:
    fig = overview.figure(ds)
    (labels,) = _trace(fig, "planned_names")
    ys = list(labels.y)
    assert len(set(ys)) == len(ys) or len(ys) <= 1


def test_summary_numbers_from_the_chart(ds) -> None:
    fig = overview.figure(ds)
    text = overview.summary(ds)
    flown = {t.meta["status"]: len(t.x) for t in _trace(fig, "flown")}
    # Fixture: Chang'e 4, 6, Luna 24 succeeded; Luna 25 failed (China–Russia side).
    assert ("China–Russia side: 4 Moon missions flown since 1976 (3 succeeded, 0 partly "
            "succeeded, 1 failed, 0 still at work); 3 more planned, the last no earlier than "
            "2028.") in text
    assert "US-led side: 4 Moon missions flown since 1969" in text
    assert sum(flown.values()) == 8
    assert "4 planned dates are known only to the month or year" in text
    assert "2 say “no earlier than”" in text


def test_left_out_missions_are_named(real_ds) -> None:
    text = overview.summary(real_ds)
    fig = overview.figure(real_ds)
    shown = {n for t in fig.data if t.hovertext for n in _names(t)}
    m = real_ds.missions.set_index("id")
    artemis_3 = m.loc["artemis-3"]
    if artemis_3["mission_type"] == "crewed_earth_orbit":
        assert "Artemis III" not in shown
        assert "Left out: Artemis III (not going to the Moon)" in text
    assert "Vostok 1" not in shown and "Tianwen-1 / Zhurong" not in shown
