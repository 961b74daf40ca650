"""The mission timeline: its figure, its explorer and its static form, from one builder.

Data: the fixture folders tests/fixtures/charts/ (the ``ds`` fixture) and
tests/fixtures/explorers/ (``eds``), read by the real loader, and the shipped data for the
checks on real counts. Expected numbers are computed from the loaded tables.
"""

from __future__ import annotations

import html
import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from lunarexplainer.charts import mission_timeline
from lunarexplainer.data import Dataset
from lunarexplainer.data import load_dataset
from lunarexplainer.display import EXPORT_ENV
from lunarexplainer.explorers import MissionTimelineExplorer
from lunarexplainer.theme import STATUS_COLORS
from lunarexplainer.theme import STATUS_SYMBOLS

from chart_data import EXPLORER_DATA

SIDES = ["Chang'e", "Luna", "Artemis", "CLPS"]
DATA_KINDS = {"span", "point"}




def _drawn(fig: go.Figure) -> list:
    return [t for t in fig.data if (t.meta or {}).get("kind") in DATA_KINDS]


def _hovers(fig: go.Figure) -> list[str]:
    return [h for t in fig.data for h in (t.hovertext or ()) if h]


def _note(fig: go.Figure):  # type: ignore[no-untyped-def]
    return [a for a in fig.layout.annotations if a.name == "nothing-selected"][0]


def _plotted_names(explorer: MissionTimelineExplorer) -> set[str]:
    bar, dots = explorer.figure.data[0], explorer.figure.data[1]
    return {html.unescape(t) for t in (*(bar.text or ()), *(dots.text or ()))}


def _static_names(fig: go.Figure) -> set[str]:
    """Mission names the static timeline shows as it opens (visible data traces)."""
    return {html.unescape(t) for tr in _drawn(fig) if tr.visible is not False
            for t in (tr.text or ())}


def _moon(ds: Dataset) -> pd.DataFrame:
    return ds.missions  # Moon missions only; the report's other firsts are in ds.context


# --------------------------------------------------------------------------- the figure


def test_default_shows_the_two_sides_with_status_marks_and_crew_outline(ds) -> None:
    fig = mission_timeline.figure(ds)
    sides = ds.missions[ds.missions["program"].isin(SIDES)]
    drawn = _drawn(fig)
    assert sum(len(t.y) for t in drawn) == len(sides)
    (spans,) = [t for t in drawn if t.meta["kind"] == "span"]
    (points,) = [t for t in drawn if t.meta["kind"] == "point"]
    # Year/month-precise launches are bars covering the whole period, never a precise day.
    n_inexact = int(sides["launch_date_precision"].ne("day").sum())
    assert len(spans.y) == n_inexact
    assert all(w >= 28 * 86_400_000 for w in spans.x)
    by_name = sides.set_index("name")
    for i, label in enumerate(points.text):
        row = by_name.loc[html.unescape(label)]
        assert points.marker.symbol[i] == STATUS_SYMBOLS[row["status"]]
        assert points.marker.color[i] == STATUS_COLORS[row["status"]]
        assert points.marker.line.width[i] == (3 if row["crewed"] else 1)
    for i, label in enumerate(spans.text):
        row = by_name.loc[html.unescape(label)]
        assert spans.marker.color[i] == STATUS_COLORS[row["status"]]
        assert spans.marker.line.width[i] == (3 if row["crewed"] else 1)
    # The key says exactly what the marks mean: crew = thick outline, bars = month or year.
    keys = {t.name: t for t in fig.data if (t.meta or {}).get("kind") == "key"}
    assert keys["crewed: thick outline"].marker.line.width == 3
    assert keys["bar: month or year only"].type == "bar"
    # Each outcome in the key is drawn as the chart draws it: its shape where a mark of that
    # outcome is drawn, a filled square (a short bar) where it is drawn only as bars, and not
    # at all where nothing of it is drawn.
    marks = set(zip(points.marker.symbol, points.marker.color, strict=True))
    marks |= {("square", c) for c in spans.marker.color}
    for t in keys.values():
        if "status" in t.meta:
            if t.showlegend is False:
                assert t.marker.color not in {c for _, c in marks}
            else:
                assert (t.marker.symbol, t.marker.color) in marks, t.name
    assert not any(getattr(getattr(t.marker, "pattern", None), "shape", None)
                   for t in fig.data if t.type == "bar")  # no hatching anywhere
    summary = mission_timeline.summary(ds)
    ilrs = int(sides["program"].isin(["Chang'e", "Luna"]).sum())
    assert f"{len(sides)} missions" in summary
    assert f"{ilrs} on the China–Russia side" in summary
    assert f"{int(sides['crewed'].sum())} carry a crew" in summary


def test_filters(ds) -> None:
    fig = mission_timeline.figure(ds, programs="all", crewed="crewed")
    assert sum(len(t.y) for t in _drawn(fig)) == int(_moon(ds)["crewed"].sum())
    fig = mission_timeline.figure(ds, programs=["Luna"], statuses=["failure"])
    expected = ds.missions[(ds.missions["program"] == "Luna")
                           & (ds.missions["status"] == "failure")]
    assert sum(len(t.y) for t in _drawn(fig)) == len(expected)
    with pytest.raises(ValueError):
        mission_timeline.figure(ds, crewed="sometimes")


def test_hover_says_when_a_plan_was_last_confirmed(ds) -> None:
    fig = mission_timeline.figure(ds)
    planned = ds.missions[ds.missions["status"].isin(["planned", "in_progress"])
                          & ds.missions["program"].isin(SIDES) & ds.missions["as_of"].notna()]
    hovers = _hovers(fig)
    for name in planned["name"]:
        (hover,) = [h for h in hovers if f"<b>{html.escape(name)}</b>" in h]
        assert "Plan last confirmed" in hover and "Launch:" in hover and "Source" in hover
    done = [h for h in hovers if "<b>Chang&#x27;e 4</b>" in h][0]
    assert "Plan last confirmed" not in done
    assert all(len(line) <= 90 for h in hovers for line in h.split("<br>"))


def test_escaped_name_appears_in_hover(xss_ds) -> None:
    fig = mission_timeline.figure(xss_ds)
    escaped = "&lt;img src=x onerror=alert(1)&gt;"
    assert any(escaped in h for h in _hovers(fig))


def test_context_milestones_are_not_drawn_as_moon_missions(real_ds) -> None:
    fig = mission_timeline.figure(real_ds, programs="all")
    hovers = " ".join(_hovers(fig))
    assert len(real_ds.context)
    for name in real_ds.context["name"]:
        assert f"<b>{html.escape(name)}</b>" not in hovers
    shown = {html.unescape(h.split("</b>")[0].removeprefix("<b>")) for h in _hovers(fig)}
    assert shown == set(real_ds.missions.dropna(subset=["launch_date_start"])["name"])


def test_real_data_summary_counts(real_ds) -> None:
    sides = real_ds.missions[real_ds.missions["program"].isin(SIDES)]
    dated = sides.dropna(subset=["launch_date_start"])
    text = mission_timeline.summary(real_ds)
    assert f"The chart shows {len(dated)} missions" in text
    assert f"{int(dated['crewed'].sum())} carry a crew" in text
    undated = len(sides) - len(dated)
    if undated:
        assert f"{undated} mission" in text and "left out" in text


def test_real_data_timeline_labels_do_not_share_a_lane(real_ds) -> None:
    """Missions launched within a year of each other in one program sit in different lanes."""
    fig = mission_timeline.figure(real_ds)
    pts = [(x, y) for t in _drawn(fig)
           for x, y in zip(t.base if t.type == "bar" else t.x, t.y, strict=True)]
    for i, (x1, y1) in enumerate(pts):
        for x2, y2 in pts[i + 1:]:
            if y1 == y2:
                assert abs((pd.Timestamp(x1) - pd.Timestamp(x2)).days) > 365


@pytest.mark.parametrize("programs", [None, "all"])
def test_every_view_fits_a_projector(real_ds, programs) -> None:
    """At most 720 px tall, menus included; names that do not fit are said to be in the hover."""
    prepared = mission_timeline.prepare(real_ds)
    fig = mission_timeline.figure_from(prepared, programs=programs)
    assert fig.layout.height <= 720
    static = mission_timeline.static_form(prepared, programs=programs)
    assert static.layout.height <= 720
    for menu in static.layout.updatemenus:
        for button in menu.buttons:
            assert button.args[1]["height"] <= 720
    drawn = _drawn(fig)
    unnamed = sum(1 for t in drawn for x in t.text if not x)
    if unnamed:
        assert "hover" in fig.layout.xaxis.title.text
    else:
        assert fig.layout.xaxis.title.text == "Launch date"
    if programs is None:
        assert unnamed == 0  # the default view names every mission


# --------------------------------------------------------------------------- the explorer


def test_explorer_filters_by_every_control(eds):
    e = MissionTimelineExplorer(eds)
    c = e.controls
    assert set(c) == {"programs", "agencies", "statuses", "crewed", "years"}
    assert _plotted_names(e) == {"Chang'e 4", "Chang'e 7", "Luna 25", "Artemis III", "IM-1"}
    c["programs"].value = ("Chang'e",)
    assert _plotted_names(e) == {"Chang'e 4", "Chang'e 7"}
    assert list(e.figure.layout.yaxis.ticktext) == ["Chang&#x27;e"]
    c["programs"].value = ("Chang'e", "Artemis", "Apollo")
    c["crewed"].value = "crewed"
    assert _plotted_names(e) == {"Artemis III", "Apollo 11"}
    c["crewed"].value = "all"
    c["statuses"].value = ("planned",)
    assert _plotted_names(e) == {"Chang'e 7", "Artemis III"}
    c["statuses"].value = tuple(o[1] for o in c["statuses"].options)
    c["agencies"].value = ("NASA",)
    assert _plotted_names(e) == {"Apollo 11", "Artemis III"}
    c["agencies"].value = tuple(o[1] for o in c["agencies"].options)
    c["years"].value = (2020, c["years"].max)
    assert _plotted_names(e) == {"Chang'e 7", "Artemis III"}
    assert "2 shown" in e.figure.layout.title.text
    assert "2 missions" in e.summary()


def test_explorer_draws_month_and_year_dates_as_spans(eds):
    e = MissionTimelineExplorer(eds, programs=["Chang'e", "Artemis", "Apollo"])
    bar, dots = e.figure.data[0], e.figure.data[1]
    assert set(bar.text) == {"Chang&#x27;e 7", "Artemis III"}
    i = list(bar.text).index("Artemis III")
    assert pd.Timestamp(bar.base[i]) == pd.Timestamp("2027-01-01")
    days = bar.x[i] / 86_400_000
    assert days == 365  # the whole year 2027, not one day
    assert "Artemis III" not in dots.text
    assert pd.Timestamp(dots.x[list(dots.text).index("Apollo 11")]) == pd.Timestamp("1969-07-16")
    assert "known only to the month or year" in e.summary()


def test_explorer_updates_keep_the_date_axis(eds):
    """plotly.js re-guesses an axis type when x data change unless the same update names it.

    The first trace holds bar lengths in milliseconds, so a guess gives a linear axis (the
    years vanish, the 'today' line gets NaN); every data update must carry xaxis.type.
    """
    e = MissionTimelineExplorer(eds)
    sent: list[dict] = []
    e.figure.observe(lambda ch: ch["new"] and sent.append(ch["new"]),
                     names=["_py2js_update", "_py2js_restyle"])
    e.controls["programs"].value = e.controls["programs"].value[:1]
    e.controls["crewed"].value = "crewed"
    assert len(sent) == 2
    for msg in sent:
        assert msg["style_data"], msg  # the traces changed...
        assert msg["layout_data"]["xaxis.type"] == "date"  # ...and the axis type came along


def test_explorer_empty_selection_is_friendly(eds):
    e = MissionTimelineExplorer(eds)
    assert _note(e.figure).visible is False
    e.controls["programs"].value = ()
    assert _note(e.figure).visible is True
    assert "pick at least one program" in _note(e.figure).text
    assert _plotted_names(e) == set()
    assert e.output.outputs == ()
    assert "Nothing selected" in e.summary()
    e.controls["programs"].value = ("Luna",)
    assert _note(e.figure).visible is False
    e.controls["crewed"].value = "crewed"
    assert _note(e.figure).visible is True and "No missions match" in _note(e.figure).text


@pytest.mark.parametrize("options", [{"programs": []}, {"agencies": []}, {"statuses": []},
                                     {"programs": ["Luna"], "crewed": "crewed"},
                                     {"years": (1900, 1950)}])
def test_a_choice_with_nothing_to_show_displays_the_message(eds, options):
    prepared = mission_timeline.prepare(eds)
    spec = mission_timeline.build(prepared, **options)
    notes = [a for a in spec["layout"]["annotations"] if a["name"] == "nothing-selected"]
    assert len(notes) == 1 and notes[0]["visible"] is True and notes[0]["text"]
    assert spec["data"][0]["y"] == [] and spec["data"][1]["y"] == []
    assert html.unescape(notes[0]["text"]) == mission_timeline.summary_of(prepared, **options)
    fig = mission_timeline.figure(eds, **options)
    assert _note(fig).visible is True and _note(fig).text == notes[0]["text"]
    assert "0 shown" in fig.layout.title.text


def _label_boxes(fig: go.Figure, width_px: float) -> list[tuple[float, float, float]]:
    """(y, left px, right px) of each visible mission label, at 8 px per character."""
    x0, x1 = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    px_per_day = width_px / (x1 - x0).days
    boxes = []
    for tr in _drawn(fig):
        if tr.visible is False:
            continue
        starts = tr.base if tr.type == "bar" else tr.x
        widths = tr.x if tr.type == "bar" else [0] * len(starts)
        for s0, wd, y, text in zip(starts, widths, tr.y, tr.text, strict=True):
            left = (pd.Timestamp(s0) - x0).days * px_per_day + wd / 86_400_000 * px_per_day
            boxes.append((y, left, left + 8 * len(html.unescape(text)) + 20))
    return boxes


@pytest.mark.parametrize("live", [True, False])
def test_labels_never_overlap_and_fit(eds, live):
    crowded = load_dataset(EXPLORER_DATA)
    extra = crowded.missions.iloc[[0] * 6].copy()
    for k in range(6):  # six Apollo flights within 18 months: more than the old 4 lanes
        day = pd.Timestamp(1969, 1, 1) + pd.DateOffset(months=3 * k)
        extra.iloc[k, extra.columns.get_loc("id")] = f"apollo-x{k}"
        extra.iloc[k, extra.columns.get_loc("name")] = f"Apollo X{k}"
        extra.iloc[k, extra.columns.get_loc("launch_date_start")] = day
        extra.iloc[k, extra.columns.get_loc("launch_date_end")] = day
    crowded.missions = pd.concat([crowded.missions, extra], ignore_index=True)
    e = MissionTimelineExplorer(crowded, programs=["Chang'e", "Luna", "Artemis", "Apollo",
                                                   "CLPS"])
    fig = go.Figure(e.figure) if live else e.to_figure()
    boxes = _label_boxes(fig, e.PLOT_PX)
    assert len(boxes) == 12
    assert all(b - a > 20 for _, a, b in boxes)  # every one of them has its name
    for i, (y1, a1, b1) in enumerate(boxes):
        # the last names may run on into the right margin kept for them, no further
        assert b1 <= e.PLOT_PX + mission_timeline.RIGHT_ROOM_PX
        for y2, a2, b2 in boxes[i + 1:]:
            assert y1 != y2 or b1 <= a2 or b2 <= a1, "labels overlap"
    # the key sits above the plot, not beside it; the right margin holds only the last names
    assert fig.layout.legend.orientation == "h" and fig.layout.legend.yref == "container"
    assert fig.layout.margin.r <= mission_timeline.RIGHT_ROOM_PX + 10


def test_the_time_axis_ends_near_the_last_launch(real_ds):
    """Room is left for the last names only as far as they need: a long name is drawn
    without its nickname, and names may run on into the right margin."""
    fig = mission_timeline.figure(real_ds)
    last = max(pd.Timestamp(b).year for t in _drawn(fig) for b in
               (t.base if t.type == "bar" else t.x))
    end = pd.Timestamp(fig.layout.xaxis.range[1])
    assert end.year - last <= 10, (last, end)
    labels = [html.unescape(x) for t in _drawn(fig) for x in t.text]
    assert "Blue Moon Mark 1 Pathfinder" in labels
    assert max(map(len, labels)) <= mission_timeline.LABEL_CHARS
    assert mission_timeline.short_name("A very long mission name that goes on and on") == (
        "A very long mission name…")


# --------------------------------------------------------------------------- the static form


def test_static_form_has_program_and_years_dropdowns(eds):
    e = MissionTimelineExplorer(eds)
    fig = e.to_figure()
    menu, years = fig.layout.updatemenus
    # the live choice first, then all programs, then each program alone
    assert [b.label for b in menu.buttons] == (
        ["Chang&#x27;e, Luna, Artemis and CLPS", "All programs"]
        + [html.escape(p) for p in e.programs])
    assert years.buttons[0].label == "All years" and len(years.buttons) >= 2
    assert not [a for a in fig.layout.annotations
                if a.name == "nothing-selected" and a.visible]
    for b in (*menu.buttons, *years.buttons):
        assert b.method == "update"
        assert len(b.args[0]["y"]) == len(fig.data)
    apollo = next(b for b in menu.buttons if b.label == "Apollo").args
    assert apollo[1]["yaxis.ticktext"] == ["Apollo"]
    shown = {html.unescape(t) for texts in apollo[0]["text"][:2] for t in texts}
    assert shown == {"Apollo 11"}
    # picking in one menu puts the other back on the entry the form opened on
    assert apollo[1]["updatemenus[1].active"] == years.active
    assert years.buttons[-1].args[1]["updatemenus[0].active"] == menu.active


def test_static_summary_matches_what_it_opens_on(eds, monkeypatch):
    monkeypatch.setenv(EXPORT_ENV, "1")
    e = MissionTimelineExplorer(eds)
    fig = e.to_figure()
    assert _static_names(fig) == _plotted_names(e)  # same as the live widget
    assert e.static_summary() == e.summary()
    assert "5 missions" in e.summary() and "1 Apollo" not in e.summary()
    ticks = [html.unescape(t) for t in fig.layout.yaxis.ticktext]
    assert ticks == ["Chang'e", "Luna", "Artemis", "CLPS"]
    # every program chosen: the static form opens on all of them and the summary says so
    e.controls["programs"].value = tuple(e.programs)
    fig = e.to_figure()
    assert fig.layout.updatemenus[0].buttons[0].label == "All programs"
    assert _static_names(fig) == _plotted_names(e) and "Apollo 11" in _static_names(fig)
    assert "6 missions" in e.static_summary() and "1 Apollo" in e.static_summary()
    # nothing chosen live: the static form shows every program, and its summary too
    e.controls["programs"].value = ()
    assert "Nothing selected" in e.summary()
    fig = e.to_figure()
    assert "6 missions" in e.static_summary()
    assert len(_static_names(fig)) == 6
    bundle = e._repr_mimebundle_()
    assert "6 missions" in bundle["text/markdown"]


TRACE_KEYS = ("x", "y", "base", "text", "hovertext")


@pytest.mark.parametrize("data", ["charts", "explorers"])
def test_figure_explorer_and_static_form_agree(ds, eds, data):
    """For every choice the static form offers: the explorer set to it, build() and the static
    button show the same traces, title and summary."""
    dataset = ds if data == "charts" else eds
    e = MissionTimelineExplorer(dataset)
    prepared = e.prepared
    # a fresh explorer shows figure(ds) with its default values
    fresh = mission_timeline.figure(dataset)
    for a, b in zip(fresh.data, e.figure.data, strict=True):
        assert a.to_plotly_json() | {"uid": None} == b.to_plotly_json() | {"uid": None}
    assert fresh.layout.title.text == e.figure.layout.title.text
    assert mission_timeline.summary(dataset) == e.summary()

    static = e.to_figure()
    choices = mission_timeline.static_choices(prepared, **e.values())
    buttons = [b for menu in static.layout.updatemenus for b in menu.buttons]
    assert len(buttons) == len(choices) >= 4
    for button, (_, label, options) in zip(buttons, choices, strict=True):
        assert button.label == html.escape(label)
        for name, control in e.controls.items():
            control.value = options[name]
        spec = mission_timeline.build(prepared, **options)
        restyle, relayout = button.args[0], button.args[1]
        for i, (live, built) in enumerate(zip(e.figure.data, spec["data"], strict=True)):
            for key in TRACE_KEYS:
                want = built.get(key)
                if want is None:
                    continue
                got = getattr(live, key)
                assert list(got) == list(want), (label, i, key)
                assert restyle[key][i] == want, (label, i, key)
        title = spec["layout"]["title"]["text"]
        assert e.figure.layout.title.text == title == relayout["title.text"]
        assert e.summary() == mission_timeline.summary_of(prepared, **options)
        assert relayout["yaxis.ticktext"] == list(e.figure.layout.yaxis.ticktext)
        json.dumps(button.args)  # plain JSON for the exported page


def test_static_titles_and_messages_follow_the_menus(eds):
    prepared = mission_timeline.prepare(eds)
    fig = mission_timeline.static_form(prepared)
    titles = {b.args[1]["title.text"] for m in fig.layout.updatemenus for b in m.buttons}
    assert len(titles) > 3
    for m in fig.layout.updatemenus:
        for b in m.buttons:
            notes = [a for a in b.args[1]["annotations"] if a["name"] == "nothing-selected"]
            n = sum(len(y) for y in b.args[0]["y"][:2])
            assert notes[0]["visible"] is (n == 0)
            assert f"{n} shown" in b.args[1]["title.text"]


def test_program_names_in_words_and_in_the_catalog(ds, fake_catalog):
    assert mission_timeline.program_label("other") == "other programs"
    assert mission_timeline.program_label("Chang'e") == "Chang'e"
    fake_catalog({"Chang'e": "Чанъэ", "other programs": "другие программы",
                  "{n} {program} mission": "{n} миссия {program}",
                  "{n} {program} missions": "{n} миссии {program}"})
    assert mission_timeline.program_label("Chang'e") == "Чанъэ"
    assert mission_timeline.program_label("other") == "другие программы"
    fig = mission_timeline.figure(ds)
    assert "Чанъэ" in json.dumps(fig.to_plotly_json(), ensure_ascii=False)
