"""Explorers: drive each one by setting control values and check the figure and summary.

The data is the small made-up fixture folder tests/fixtures/explorers/ (not facts), read by the
real loader; expected numbers are computed from it.
"""

from __future__ import annotations

import html
import json
import tempfile
from pathlib import Path

import ipywidgets as w
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lunarexplainer import explorers as ex
from lunarexplainer.charts.south_pole import project_south_pole
from lunarexplainer.data import Dataset, load_dataset
from lunarexplainer.display import EXPORT_ENV, PLOTLY_MIME
from lunarexplainer.explorers import (
    EXPLORERS,
    MissionTimelineExplorer,
    PartnerExplorer,
    RolesExplorer,
    ScheduleSlipExplorer,
    SouthPoleExplorer,
)
from lunarexplainer.explorers.base import MENU_ROW_PX, TITLE_BAND_PX
from lunarexplainer.explorers.south_pole import POLE_LAYERS
from lunarexplainer.explorers.station_roles import ALL_ROLES

from chart_data import XSS, edited_copy
from harness import REPO

EXPLORER_DATA = REPO / "tests" / "fixtures" / "explorers"

# --------------------------------------------------------------------------- test data


def make_dataset(name_of_ce7: str = "Chang'e 7", *, tmp: Path | None = None) -> Dataset:
    """``tests/fixtures/explorers/`` through the real loader (Chang'e 7 renamed in a copy)."""
    if name_of_ce7 == "Chang'e 7":
        return load_dataset(EXPLORER_DATA)
    target = Path(tempfile.mkdtemp()) / "data" if tmp is None else tmp

    def rename(df: pd.DataFrame) -> pd.DataFrame:
        df.loc[df["id"] == "change-7", "name"] = name_of_ce7
        return df

    return edited_copy(target, "missions", rename, folder=EXPLORER_DATA)


WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return make_dataset()


def _note(explorer: ex.Explorer) -> go.layout.Annotation:
    return [a for a in explorer.figure.layout.annotations if a.name == "nothing-selected"][0]


def _error_text(explorer: ex.Explorer) -> str:
    return "".join(o.get("text", "") for o in explorer.output.outputs)


def _plotted_names(explorer: MissionTimelineExplorer) -> set[str]:
    bar, dots = explorer.figure.data[0], explorer.figure.data[1]
    return {html.unescape(t) for t in (*(bar.text or ()), *(dots.text or ()))}


# --------------------------------------------------------------------------- common contract


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_every_explorer_has_the_common_parts(ds, name):
    explorer = EXPLORERS[name](ds)
    assert isinstance(explorer.widget, w.Box)
    assert isinstance(explorer.figure, go.FigureWidget)
    assert explorer.figure in explorer.widget.children
    assert explorer.output in explorer.widget.children
    assert explorer.controls and all(isinstance(c, w.Widget) for c in explorer.controls.values())
    assert isinstance(explorer.summary(), str) and explorer.summary()
    assert explorer.output.outputs == ()
    static = explorer.to_figure()
    assert isinstance(static, go.Figure) and not isinstance(static, go.FigureWidget)
    assert static.layout.updatemenus or static.layout.sliders
    for control in explorer.controls.values():
        if isinstance(control, w.IntRangeSlider | w.IntSlider):
            assert control.continuous_update is False


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_live_display_carries_no_static_figure(ds, name, monkeypatch):
    monkeypatch.delenv(EXPORT_ENV, raising=False)
    explorer = EXPLORERS[name](ds)
    explorer.to_figure = None  # building the static form here would fail the test
    bundle = explorer._repr_mimebundle_()
    assert bundle[WIDGET_MIME]["model_id"] == explorer.widget.model_id
    assert PLOTLY_MIME not in bundle
    assert len(json.dumps(bundle)) < 2_000
    assert bundle["text/markdown"] == html.escape(explorer.summary(), quote=False)


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_export_display_has_widget_static_figure_and_summary(ds, name, monkeypatch):
    monkeypatch.setenv(EXPORT_ENV, "1")
    explorer = EXPLORERS[name](ds)
    bundle = explorer._repr_mimebundle_()
    assert bundle[WIDGET_MIME]["model_id"] == explorer.widget.model_id
    spec = bundle[PLOTLY_MIME]
    assert {"data", "layout", "config"} <= set(spec)
    json.dumps(spec)  # plain JSON
    assert spec["layout"].get("updatemenus") or spec["layout"].get("sliders")
    assert bundle["text/markdown"] == explorer.static_summary().replace("&", "&amp;")
    # JupyterLab ranks the widget view (-10) ahead of plotly (2) and markdown (60).
    assert list(bundle)[0] in ("text/plain", WIDGET_MIME)


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_handler_errors_are_shown_in_output(ds, name, monkeypatch):
    explorer = EXPLORERS[name](ds)

    def broken(values):
        raise RuntimeError("filter exploded")

    monkeypatch.setattr(explorer, "_update", broken)
    control = next(iter(explorer.controls.values()))
    options = [o[1] if isinstance(o, tuple) else o for o in getattr(control, "options", ())]
    if isinstance(control, w.SelectMultiple):
        control.value = tuple(options[:1]) if control.value != tuple(options[:1]) else ()
    else:
        control.value = next(o for o in options if o != control.value)
    text = _error_text(explorer)
    assert "filter exploded" in text and "RuntimeError" in text
    monkeypatch.undo()
    explorer.update()  # a good update clears the message
    assert explorer.output.outputs == ()


# --------------------------------------------------------------------------- mission timeline


def test_mission_timeline_filters_by_every_control(ds):
    e = MissionTimelineExplorer(ds)
    c = e.controls
    assert set(c) == {"program", "agency", "status", "crewed", "years"}
    assert _plotted_names(e) == {"Chang'e 4", "Chang'e 7", "Luna 25", "Artemis III", "IM-1"}
    c["program"].value = ("Chang'e",)
    assert _plotted_names(e) == {"Chang'e 4", "Chang'e 7"}
    assert list(e.figure.layout.yaxis.ticktext) == ["Chang&#x27;e"]
    c["program"].value = ("Chang'e", "Artemis", "Apollo")
    c["crewed"].value = "crewed"
    assert _plotted_names(e) == {"Artemis III", "Apollo 11"}
    c["crewed"].value = "all"
    c["status"].value = ("planned",)
    assert _plotted_names(e) == {"Chang'e 7", "Artemis III"}
    c["status"].value = tuple(o[1] for o in c["status"].options)
    c["agency"].value = ("NASA",)
    assert _plotted_names(e) == {"Apollo 11", "Artemis III"}
    c["agency"].value = tuple(c["agency"].options)
    c["years"].value = (2020, c["years"].max)
    assert _plotted_names(e) == {"Chang'e 7", "Artemis III"}
    assert "2 shown" in e.figure.layout.title.text
    assert "2 missions" in e.summary()


def test_mission_timeline_draws_month_and_year_dates_as_spans(ds):
    e = MissionTimelineExplorer(ds, programs=["Chang'e", "Artemis", "Apollo"])
    bar, dots = e.figure.data[0], e.figure.data[1]
    assert set(bar.text) == {"Chang&#x27;e 7", "Artemis III"}
    i = list(bar.text).index("Artemis III")
    assert pd.Timestamp(bar.base[i]) == pd.Timestamp("2027-01-01")
    days = bar.x[i] / 86_400_000
    assert days == 365  # the whole year 2027, not one day
    assert "Artemis III" not in dots.text
    assert pd.Timestamp(dots.x[list(dots.text).index("Apollo 11")]) == pd.Timestamp("1969-07-16")
    assert "known only to the month or year" in e.summary()


def test_mission_timeline_updates_keep_the_date_axis(ds):
    """plotly.js re-guesses an axis type when x data change unless the same update names it.

    The first trace holds bar lengths in milliseconds, so a guess gives a linear axis (the
    years vanish, the 'today' line gets NaN); every data update must carry xaxis.type.
    """
    e = MissionTimelineExplorer(ds)
    sent: list[dict] = []
    e.figure.observe(lambda ch: ch["new"] and sent.append(ch["new"]),
                     names=["_py2js_update", "_py2js_restyle"])
    e.controls["program"].value = e.controls["program"].value[:1]
    e.controls["crewed"].value = "crewed"
    assert len(sent) == 2
    for msg in sent:
        assert msg["style_data"], msg  # the traces changed...
        assert msg["layout_data"]["xaxis.type"] == "date"  # ...and the axis type came along


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_a_view_made_later_starts_from_the_controls_state(ds, name):
    """Voila builds views after the notebook ran, from _widget_data/_widget_layout."""
    e = EXPLORERS[name](ds)
    assert e.figure._widget_layout == e.figure.layout.to_plotly_json()
    assert e.figure._widget_data == [t.to_plotly_json() for t in e.figure.data]
    first = list(e.controls.values())[0]
    options = [o[1] if isinstance(o, tuple) else o for o in getattr(first, "options", ())]
    if isinstance(first, w.SelectMultiple):
        first.value = tuple(options[:1])
    elif options:
        first.value = next(o for o in options if o != first.value)
    e._repr_mimebundle_()  # displaying it again: the saved state follows the controls
    assert e.figure._widget_layout["title"] == e.figure.layout.to_plotly_json()["title"]


def test_partner_map_widget_uses_the_shipped_topojson(ds):
    """The live map's plotly.js gets the world shapes from the package, not cdn.plot.ly."""
    config = PartnerExplorer(ds).figure._config
    assert config["topojsonURL"].startswith("data:application/json;base64,")
    assert "topojsonURL" not in MissionTimelineExplorer(ds).figure._config  # 380 kB, maps only


def test_mission_timeline_empty_selection_is_friendly(ds):
    e = MissionTimelineExplorer(ds)
    assert _note(e).visible is False
    e.controls["program"].value = ()
    assert _note(e).visible is True
    assert "pick at least one program" in _note(e).text
    assert _plotted_names(e) == set()
    assert e.output.outputs == ()
    assert "Nothing selected" in e.summary()
    e.controls["program"].value = ("Luna",)
    assert _note(e).visible is False
    e.controls["crewed"].value = "crewed"
    assert _note(e).visible is True and "No missions match" in _note(e).text


def _static_names(fig: go.Figure) -> set[str]:
    """Mission names the static timeline shows as it opens (visible data traces)."""
    return {html.unescape(t) for tr in fig.data
            if (tr.meta or {}).get("kind") in {"span", "point"} and tr.visible is not False
            for t in (tr.text or ())}


def test_mission_timeline_static_form_has_program_dropdown(ds):
    e = MissionTimelineExplorer(ds)
    fig = e.to_figure()
    menu, years = fig.layout.updatemenus
    # the live choice first, then all programs, then each program alone
    assert [b.label for b in menu.buttons] == (
        ["Chang&#x27;e, Luna, Artemis, CLPS", "All programs"]
        + [html.escape(p) for p in e.programs])
    assert years.buttons[0].label == "All years" and len(years.buttons) >= 2
    assert all(b.method == "relayout" for b in years.buttons)  # combines with the programs
    assert not [a for a in fig.layout.annotations if a.name == "nothing-selected"]
    for b in menu.buttons:
        assert len(b.args[0]["visible"]) == len(fig.data) == len(b.args[0]["y"])
    apollo = next(b for b in menu.buttons if b.label == "Apollo").args
    assert apollo[1]["yaxis.ticktext"] == ["Apollo"]
    shown = {html.unescape(t) for tr, v in zip(fig.data, apollo[0]["visible"], strict=True)
             if v for t in (tr.text or ())}
    assert shown == {"Apollo 11"}


def test_mission_timeline_static_summary_matches_what_it_opens_on(ds, monkeypatch):
    monkeypatch.setenv(EXPORT_ENV, "1")
    e = MissionTimelineExplorer(ds)
    fig = e.to_figure()
    assert _static_names(fig) == _plotted_names(e)  # same as the live widget
    assert e.static_summary() == e.summary()
    assert "5 missions" in e.summary() and "1 Apollo" not in e.summary()
    ticks = [html.unescape(t) for t in fig.layout.yaxis.ticktext]
    assert ticks == ["Chang'e", "Luna", "Artemis", "CLPS"]
    # every program chosen: the static form opens on all of them and the summary says so
    e.controls["program"].value = tuple(e.programs)
    fig = e.to_figure()
    assert fig.layout.updatemenus[0].buttons[0].label == "All programs"
    assert _static_names(fig) == _plotted_names(e) and "Apollo 11" in _static_names(fig)
    assert "6 missions" in e.static_summary() and "1 Apollo" in e.static_summary()
    # nothing chosen live: the static form shows every program, and its summary too
    e.controls["program"].value = ()
    assert "Nothing selected" in e.summary()
    fig = e.to_figure()
    assert "6 missions" in e.static_summary()
    assert len(_static_names(fig)) == 6
    bundle = e._repr_mimebundle_()
    assert "6 missions" in bundle["text/markdown"]


def _label_boxes(fig: go.Figure, width_px: float) -> list[tuple[float, float, float]]:
    """(y, left px, right px) of each visible mission label, at 8 px per character."""
    x0, x1 = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    px_per_day = width_px / (x1 - x0).days
    boxes = []
    for tr in fig.data:
        if (tr.meta or {}).get("kind") not in {"span", "point"} or tr.visible is False:
            continue
        starts = tr.base if tr.type == "bar" else tr.x
        widths = tr.x if tr.type == "bar" else [0] * len(starts)
        for s0, wd, y, text in zip(starts, widths, tr.y, tr.text, strict=True):
            left = (pd.Timestamp(s0) - x0).days * px_per_day + wd / 86_400_000 * px_per_day
            boxes.append((y, left, left + 8 * len(html.unescape(text)) + 20))
    return boxes


@pytest.mark.parametrize("live", [True, False])
def test_mission_timeline_labels_never_overlap_and_fit(ds, live):
    crowded = make_dataset()
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
    for i, (y1, a1, b1) in enumerate(boxes):
        assert b1 <= e.PLOT_PX  # room for the last names on the right
        for y2, a2, b2 in boxes[i + 1:]:
            assert y1 != y2 or b1 <= a2 or b2 <= a1, "labels overlap"
    # the key sits above the plot, not beside it
    assert fig.layout.legend.orientation == "h" and fig.layout.legend.yref == "container"
    assert fig.layout.margin.r <= 40


# --------------------------------------------------------------------------- partners


def test_partner_explorer_year_drives_map_and_count(ds):
    e = PartnerExplorer(ds)
    c = e.controls
    c["framework"].value = "ILRS"
    c["year"].value = 2021
    ilrs = e.figure.data[6]  # "ILRS all" choropleth
    assert ilrs.visible is True and set(ilrs.locations) == {"CHN", "RUS"}
    assert "By the end of 2021: ILRS: 2 members" in e.count_label.value
    assert "2021" in e.figure.layout.title.text
    c["year"].value = 2023
    assert set(e.figure.data[6].locations) == {"CHN", "RUS", "PAK"}
    assert "4 members (3 countries, 1 organization)" in e.count_label.value
    c["framework"].value = "both"
    c["year"].value = 2025
    both = e.figure.data[4]
    assert list(both.locations) == ["PAK"]
    assert e.figure.data[6].visible is False
    small = e.figure.data[3]  # Artemis-only small countries: Singapore as a dot
    assert len(small.lon) == 1
    assert "1 country is in both" in e.summary()


def test_partner_explorer_before_anyone_joined(ds):
    e = PartnerExplorer(ds, framework="ILRS", year=2020)
    assert _note(e).visible is True
    assert "No member countries yet" in _note(e).text
    assert e.output.outputs == ()


def test_partner_static_form_has_year_slider_and_framework_buttons(ds, monkeypatch):
    monkeypatch.setenv(EXPORT_ENV, "1")
    e = PartnerExplorer(ds)
    fig = e.to_figure()
    (slider,) = fig.layout.sliders
    lo, hi = e.year_bounds
    assert [s.label for s in slider.steps] == [str(y) for y in range(lo, hi + 1)]
    (menu,) = fig.layout.updatemenus
    assert len(menu.buttons) == 3
    assert all(len(b.args[0]["visible"]) == len(fig.data) for b in menu.buttons)
    step = slider.steps[-1].args[0]
    assert len(step["locations"]) == len(fig.data)
    for trace, locations, lon in zip(fig.data, step["locations"], step["lon"], strict=True):
        if trace.type == "scattergeo":  # never `locations`, or plotly.js ignores lon/lat
            assert locations is None and lon is not None
        else:
            assert lon is None and locations is not None
    config = e._repr_mimebundle_()[PLOTLY_MIME]["config"]
    assert config["topojsonURL"].startswith("data:application/json;base64,")


# --------------------------------------------------------------------------- south pole


def test_south_pole_layers_and_site_info(ds):
    e = SouthPoleExplorer(ds)
    assert not any(t.type in ("scattergeo", "choropleth") for t in e.figure.data)
    assert e.figure.layout.yaxis.scaleanchor == "x"
    c = e.controls
    c["site"].value = "de-gerlache"
    info = e.info.value
    assert "de Gerlache" in info and "88.5° S" in info and "32 km" in info
    assert "CNSA news" in info and "https://www.cnsa.gov.cn/y" in info
    assert "Rim" not in info and "Crater." in info
    star = e.figure.data[-1]
    x, y = project_south_pole(-88.5, -87.1)
    assert star.x[0] == pytest.approx(float(x)) and star.y[0] == pytest.approx(float(y))
    assert "de Gerlache" in e.summary()
    c["site"].value = "region-a"
    assert "no published centre coordinates" in e.info.value
    assert e.figure.data[-1].x == ()
    c["layers"].value = ("landing_sites",)
    visible = {t.meta["layer"] for t in e.figure.data if t.visible is not False}
    assert visible == {"landing_sites", "selected"}
    c["layers"].value = ()
    assert _note(e).visible is True and "layer" in _note(e).text
    assert "Apollo 11 site" not in [o[0].split(" (")[0] for o in c["site"].options]


def test_south_pole_static_form(ds):
    e = SouthPoleExplorer(ds)
    fig = e.to_figure()
    layers, sites = fig.layout.updatemenus
    assert len(layers.buttons) == len(POLE_LAYERS) + 1
    assert len(sites.buttons) == len(e.controls["site"].options)


# --------------------------------------------------------------------------- roles


def test_roles_table_follows_the_picked_role(ds):
    e = RolesExplorer(ds)
    c = e.controls["role"]
    c.value = "lunar exploration and utilization"
    table = e.figure.data[0]
    assert table.type == "table"
    objectives = list(table.cells.values[1])
    missions = list(table.cells.values[2])
    assert objectives == ["samples", "samples", "resources"]
    assert missions[:2] == ["Chang&#x27;e 7", "Chang&#x27;e 4"]
    assert "no mission yet" in missions[2]
    assert "2 objectives served by 2 missions" in e.summary()
    assert "1 objective has no mission yet" in e.summary()
    c.value = ALL_ROLES
    assert len(e.figure.data[0].cells.values[0]) == len(ds.station_roles)
    (menu,) = e.to_figure().layout.updatemenus
    assert len(menu.buttons) == ds.station_roles["role"].nunique() + 1


# --------------------------------------------------------------------------- markup safety


def test_data_text_is_escaped_everywhere():
    bad = make_dataset(name_of_ce7=XSS)
    bad.sites.loc[bad.sites["id"] == "shackleton", "name"] = XSS
    bad.sites.loc[bad.sites["id"] == "shackleton", "summary"] = XSS
    bad.station_roles.loc[0, "objective"] = XSS
    for cls in EXPLORERS.values():
        e = cls(bad)
        if isinstance(e, MissionTimelineExplorer):
            e.controls["program"].value = ("Chang'e",)
        if isinstance(e, SouthPoleExplorer):
            e.controls["site"].value = "shackleton"
            assert "<img" not in e.info.value and "&lt;img" in e.info.value
        for fig in (e.figure, e.to_figure()):
            text = fig.to_json()
            assert "<img" not in text, cls.__name__
        assert "<img" not in e._repr_mimebundle_()["text/markdown"]


# --------------------------------------------------------------------------- property-based


def _value_strategy(control: w.Widget) -> st.SearchStrategy:
    if isinstance(control, w.SelectMultiple):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return st.lists(st.sampled_from(options), unique=True).map(tuple)
    if isinstance(control, w.Dropdown | w.ToggleButtons):
        return st.sampled_from([o[1] if isinstance(o, tuple) else o for o in control.options])
    if isinstance(control, w.IntRangeSlider):
        return st.tuples(st.integers(control.min, control.max),
                         st.integers(control.min, control.max)).map(lambda t: tuple(sorted(t)))
    if isinstance(control, w.IntSlider):
        return st.integers(control.min, control.max)
    raise AssertionError(f"no strategy for {type(control).__name__}")


def _check_consistent(e: ex.Explorer, ds: Dataset) -> None:
    values = e.values()
    if isinstance(e, MissionTimelineExplorer):
        m = ds.missions.dropna(subset=["launch_date_start"])
        lo, hi = values["years"]
        expected = m[m["program"].isin(values["program"]) & m["agency"].isin(values["agency"])
                     & m["status"].isin(values["status"])
                     & (m["launch_date_end"].dt.year >= lo)
                     & (m["launch_date_start"].dt.year <= hi)]
        if values["crewed"] != "all":
            expected = expected[expected["crewed"] == (values["crewed"] == "crewed")]
        assert _plotted_names(e) == set(expected["name"])
        assert _note(e).visible is expected.empty
    elif isinstance(e, ScheduleSlipExplorer):
        (labels,) = [t for t in e.figure.data if t.meta["kind"] == "labels"]
        shown = {e.prepared.subjects[s].label for s in values["subjects"]}
        assert set(labels.text) == shown and len(labels.text) == len(shown)
        n_points = sum(1 for t in e.figure.data if t.meta["kind"] == "line"
                       for x in t.x if x is not None)
        assert n_points == ds.schedule_history["mission_id"].isin(values["subjects"]).sum()
    elif isinstance(e, PartnerExplorer):
        p = ds.partners[(ds.partners["joined_on_start"].dt.year <= values["year"])
                        & (ds.partners["kind"] == "country")]
        if values["framework"] != "both":
            p = p[p["framework"] == values["framework"]]
        shown = [t for t in e.figure.data if t.visible]
        located = set()
        for t in shown:
            located |= set(t.locations or ()) if t.type == "choropleth" else set()
        n_dots = sum(len(t.lon or ()) for t in shown if t.type == "scattergeo")
        assert len(located) + n_dots == p["iso3"].nunique()
    elif isinstance(e, SouthPoleExplorer):
        layers = set(values["layers"])
        for t in e.figure.data[:-1]:
            assert (t.visible is not False) == (t.meta["layer"] in layers)
    elif isinstance(e, RolesExplorer):
        role = values["role"]
        rows = ds.station_roles if role == ALL_ROLES else \
            ds.station_roles[ds.station_roles["role"] == role]
        assert len(e.figure.data[0].cells.values[0]) == len(rows)
    assert isinstance(e.summary(), str)


@pytest.mark.parametrize("name", list(EXPLORERS))
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_control_sequences_keep_the_figure_consistent(ds, name, data):
    e = EXPLORERS[name](ds)
    names = list(e.controls)
    for _ in range(data.draw(st.integers(1, 6))):
        key = data.draw(st.sampled_from(names))
        e.controls[key].value = data.draw(_value_strategy(e.controls[key]))
        assert e.output.outputs == (), _error_text(e)
        _check_consistent(e, ds)


def test_updates_are_fast_enough(ds):
    """A cheap guard (the real benchmark is `make bench`): median update well under 16 ms."""
    import time

    e = MissionTimelineExplorer(ds)
    programs = [tuple(e.programs[: k + 1]) for k in range(len(e.programs))]
    samples = []
    for i in range(40):
        start = time.perf_counter()
        e.controls["program"].value = programs[i % len(programs)]
        samples.append(time.perf_counter() - start)
    assert float(np.median(samples)) < 0.016


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_static_menus_sit_between_title_and_plot(ds, name):
    """Menus hang in their own row: under the title (top ~50 px), above the plot area."""
    fig = EXPLORERS[name](ds).to_figure()
    height, top = fig.layout.height, fig.layout.margin.t
    plot_h = height - top - fig.layout.margin.b
    assert fig.layout.title.yref == "container" and fig.layout.title.y == 1
    for menu in fig.layout.updatemenus:
        assert menu.y > 1 and menu.yanchor == "top"
        menu_top = top - (menu.y - 1) * plot_h  # px from the top of the figure
        assert menu_top >= TITLE_BAND_PX - 1  # below the title
        assert menu_top + 36 <= top  # and above the plot
    legend = fig.layout.legend
    if legend.yref == "container" and legend.orientation == "h":  # key under the menus
        assert (1 - legend.y) * height >= TITLE_BAND_PX + MENU_ROW_PX - 1


@pytest.mark.parametrize("framework", ["both", "ILRS", "Artemis Accords"])
def test_partner_map_has_a_colour_key_in_both_forms(ds, framework):
    """Every colour on the map is named in a visible legend (choropleths hide by default)."""
    e = PartnerExplorer(ds, framework=framework, year=2025)
    for fig in (e.figure, e.to_figure()):
        assert fig.layout.showlegend is not False
        assert "key" in (fig.layout.legend.title.text or "").lower()
        keyed = [t for t in fig.data if t.type == "choropleth" and t.visible is not False]
        assert keyed and all(t.showlegend is True for t in keyed)
        named = {t.name for t in keyed}
        expected = ({"ILRS only", "Artemis Accords only", "both"} if framework == "both"
                    else {framework})
        assert named == expected


def test_partner_static_framework_buttons_show_data_before_the_slider_moves(ds):
    e = PartnerExplorer(ds, framework="both", year=2025)
    fig = e.to_figure()
    ilrs_all = next(t for t in fig.data if t.meta["key"] == "ILRS all" and t.type == "choropleth")
    assert set(ilrs_all.locations) == {"CHN", "RUS", "PAK"}


def test_roles_figure_height_grows_with_the_rows_in_both_forms(ds):
    """The table never scrolls inside itself: the figure is as tall as its rows need."""
    e = RolesExplorer(ds)
    c = e.controls["role"]
    heights = {}
    for _, role in c.options:
        c.value = role
        heights[role] = e.figure.layout.height
        n = len(e.figure.data[0].cells.values[0])
        table_px = heights[role] - e.figure.layout.margin.t - e.figure.layout.margin.b
        assert table_px >= e.HEADER_PX + n * e.ROW_PX, role
    assert heights[ALL_ROLES] > max(h for r, h in heights.items() if r != ALL_ROLES)
    longer = ds.station_roles.copy()
    longer.loc[0, "summary"] = "word " * 200  # a long cell makes its row (and figure) taller
    tall = RolesExplorer(Dataset(**{**vars(ds), "station_roles": longer}))
    tall.controls["role"].value = ALL_ROLES
    assert tall.figure.layout.height > heights[ALL_ROLES] + 10 * tall.LINE_PX
    fig = e.to_figure()
    (menu,) = fig.layout.updatemenus
    for b, (_, role) in zip(menu.buttons, c.options, strict=True):
        assert b.method == "update"
        assert b.args[1]["height"] == heights[role] + MENU_ROW_PX
        assert b.args[1]["title.text"] != fig.layout.title.text or role == c.value


def _pole_label_boxes(e: SouthPoleExplorer, fig: go.Figure) -> list[tuple[float, ...]]:
    """Screen boxes (px, y down) of the map's names, at the explorer's map scale."""
    kpp = e.km_per_px
    boxes = []
    for t in fig.data:
        if (t.meta or {}).get("kind") != "labels":
            continue
        for x, y, text, pos in zip(t.x, t.y, t.text, t.textposition, strict=True):
            w_px = 8.5 * len(html.unescape(text)) + 8
            px, py = x / kpp, -y / kpp
            x0 = {"middle right": px, "middle left": px - w_px,
                  "middle center": px - w_px / 2}[pos]
            boxes.append((x0, py - 10, x0 + w_px, py + 10))
    return boxes


@pytest.mark.parametrize("real", [False, True])
def test_south_pole_labels_do_not_overlap_in_either_form(ds, real):
    from lunarexplainer.data import load_dataset

    e = SouthPoleExplorer(load_dataset() if real else ds)
    for fig in (e.figure, e.to_figure()):
        boxes = _pole_label_boxes(e, fig)
        assert len(boxes) == int(e.s["x"].notna().sum())  # every drawn place is named
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
                centre_gap = np.hypot((a[0] + a[2] - b[0] - b[2]) / 2,
                                      (a[1] + a[3] - b[1] - b[3]) / 2)
                assert centre_gap >= 20
    # Hiding a layer hides its names (they are traces of that layer), live and static.
    e.controls["layers"].value = ("landing_sites",)
    shown = {t.meta["layer"] for t in e.figure.data
             if t.meta.get("kind") == "labels" and t.visible is not False}
    assert shown == {"landing_sites"}
    fig = e.to_figure()
    (layers, _sites) = fig.layout.updatemenus
    only_sites = next(b for b in layers.buttons if b.label == "landing sites")
    vis = only_sites.args[0]["visible"]
    for t, v in zip(fig.data, vis, strict=False):
        if t.meta.get("kind") == "labels":
            assert v is (t.meta["layer"] == "landing_sites")


def test_south_pole_static_site_notes_are_wrapped_inside_the_figure(ds):
    e = SouthPoleExplorer(ds)
    fig = e.to_figure()
    _layers, sites = fig.layout.updatemenus
    for b in sites.buttons:
        (text,) = [v for k, v in b.args[1].items() if k.endswith(".text")]
        for line in text.split("<br>"):
            plain = html.unescape(line.replace("<b>", "").replace("</b>", "")
                                  .replace("<i>", "").replace("</i>", ""))
            longest_word = max((len(x) for x in plain.split()), default=0)
            assert len(plain) <= max(e.INFO_CHARS, longest_word) + 2, line
    note = next(a for a in fig.layout.annotations if a.name == "site-info")
    source = next(a for a in fig.layout.annotations if a.name == "source")
    assert note.y == 0 and note.yanchor == "top" and source.yshift < note.yshift
    assert -source.yshift + 20 <= fig.layout.margin.b


def test_partner_summary_names_members_without_a_joining_date():
    from lunarexplainer import load_dataset

    ds = load_dataset()
    undated = ds.partners[ds.partners["joined_on"].isna()]
    assert len(undated), "the shipped data has members with no joining date"
    explorer = PartnerExplorer(ds)
    text = explorer.summary()
    assert f"{len(undated)} more members have no known joining date" in text
    for entity in undated["entity"]:
        assert entity in text
