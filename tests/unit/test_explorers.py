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
import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from lunarexplainer import explorers as ex
from lunarexplainer.charts.sizes import MENU_ROW_PX
from lunarexplainer.charts.sizes import TITLE_BAND_PX
from lunarexplainer.data import Dataset
from lunarexplainer.data import load_dataset
from lunarexplainer.display import EXPORT_ENV
from lunarexplainer.display import PLOTLY_MIME
from lunarexplainer.explorers import EXPLORERS
from lunarexplainer.explorers import MissionTimelineExplorer
from lunarexplainer.explorers import PartnerExplorer
from lunarexplainer.explorers import RolesExplorer
from lunarexplainer.explorers import ScheduleSlipExplorer
from lunarexplainer.explorers import SouthPoleExplorer

from chart_data import EXPLORER_DATA
from chart_data import XSS
from chart_data import edited_copy

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


# --------------------------------------------------------------------------- common contract


def descendants(widget: w.Widget) -> list[w.Widget]:
    """``widget`` and every widget inside it (boxes opened)."""
    return [widget, *(d for child in getattr(widget, "children", ())
                      for d in descendants(child))]


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_every_explorer_has_the_common_parts(ds, name):
    explorer = EXPLORERS[name](ds)
    assert isinstance(explorer.widget, w.Box)
    assert isinstance(explorer.figure, go.FigureWidget)
    assert explorer.figure in descendants(explorer.widget)
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
def test_every_explorer_has_one_control_bar_over_a_figure_that_leaves_it_room(ds, name):
    """Every control sits in one bar at the top (a row that wraps only when narrow) or in a
    panel the bar's button opens, and the figure is short enough for the bar and the figure
    to fit a 1280×720 projector; a list in the bar shows at most a few rows at once."""
    explorer = EXPLORERS[name](ds)
    bar = explorer.widget.children[0]
    assert "lunarexplainer-controls" in bar._dom_classes
    assert bar.layout.flex_flow == "row wrap"
    inside = descendants(bar)
    hidden = [c for c in descendants(explorer.widget)
              if isinstance(c.layout, w.Layout) and c.layout.display == "none"]
    panel = [d for h in hidden for d in descendants(h)]
    assert all(control in inside or control in panel for control in explorer.controls.values())
    assert explorer.figure not in inside and explorer.figure not in panel
    lists = any(isinstance(c, w.SelectMultiple) for c in explorer.controls.values()
                if c in inside)
    assert explorer.bar_px == (ex.base.CONTROL_BAR_PX if lists else ex.base.MENU_BAR_PX)
    assert explorer.figure.layout.height + explorer.bar_px <= ex.base.EXPLORER_PX
    for control in explorer.controls.values():
        if isinstance(control, w.SelectMultiple) and control in inside:
            assert control.rows <= ex.base.LIST_ROWS
        assert control.description  # the control's accessible name


def test_the_timeline_button_shows_and_hides_its_lists(ds):
    explorer = MissionTimelineExplorer(ds)
    lists = [explorer.controls[name] for name in explorer.LISTS]
    assert explorer.lists.children == tuple(lists)
    assert explorer.lists.layout.display == "none" and "▾" in explorer.more.description
    assert "hidden" in explorer.more.tooltip  # a screen reader hears the state too
    explorer.more.value = True
    assert explorer.lists.layout.display == "flex" and "▴" in explorer.more.description
    assert "shown" in explorer.more.tooltip
    explorer.more.value = False
    assert explorer.lists.layout.display == "none" and "hidden" in explorer.more.tooltip


def test_a_click_on_a_role_picks_it_in_the_roles_menu(ds):
    """The message the served loader sends for a treemap click (templates/web/
    treemap_views.js) picks the role in the menu, and the band of one role picks all four."""
    explorer = RolesExplorer(ds)
    assert explorer.figure.layout.meta["level_views"] is True
    role = explorer.controls["role"]
    assert role.value == "all"
    first = role.options[1][1]
    explorer.figure._handle_custom_msg(
        {"lunarexplainer": "treemap_view", "level": f"role:{first}"}, [])
    assert role.value == first
    assert explorer.figure.data[0].level == f"role:{first}"
    assert {i.split("/")[0] for i in explorer.figure.data[0].ids} == {f"role:{first}"}
    explorer.figure._handle_custom_msg({"lunarexplainer": "treemap_view", "level": ""}, [])
    assert role.value == "all" and explorer.figure.data[0].level == ""
    for other in ({"lunarexplainer": "treemap_view", "level": "role:no such role"},
                  {"lunarexplainer": "something else", "level": f"role:{first}"},
                  {"level": f"role:{first}"}):
        explorer.figure._handle_custom_msg(other, [])
        assert role.value == "all"


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






# --------------------------------------------------------------------------- markup safety


def test_data_text_is_escaped_everywhere():
    bad = make_dataset(name_of_ce7=XSS)
    bad.sites.loc[bad.sites["id"] == "shackleton", "name"] = XSS
    bad.sites.loc[bad.sites["id"] == "shackleton", "summary"] = XSS
    bad.station_roles.loc[0, "objective"] = XSS
    for cls in EXPLORERS.values():
        e = cls(bad)
        if isinstance(e, MissionTimelineExplorer):
            e.controls["programs"].value = ("Chang'e",)
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
        expected = m[m["program"].isin(values["programs"])
                     & m["agency"].isin(values["agencies"])
                     & m["status"].isin(values["statuses"])
                     & (m["launch_date_end"].dt.year >= lo)
                     & (m["launch_date_start"].dt.year <= hi)]
        if values["crewed"] != "all":
            expected = expected[expected["crewed"] == (values["crewed"] == "crewed")]
        bar, dots = e.figure.data[0], e.figure.data[1]
        plotted = {html.unescape(t) for t in (*(bar.text or ()), *(dots.text or ()))}
        assert plotted == set(expected["name"])
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
        rows = ds.station_roles if role == "all" else \
            ds.station_roles[ds.station_roles["role"] == role]
        tree = e.figure.data[0]
        n_objectives = len(rows[["role", "objective"]].drop_duplicates())
        objectives = [i for i in tree.ids if "/objective:" in i and "/mission:" not in i]
        assert len(objectives) == n_objectives
        assert _note(e).visible is rows.empty
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


