"""The partner map: its figure, its explorer and its static form, three views of one builder.

Data: the fixture folders ``tests/fixtures/charts/`` (``ds``) and ``tests/fixtures/explorers/``
(``xds``), read by the real loader; expected numbers are computed from their tables.
"""

from __future__ import annotations

import html
import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from lunarexplainer import assets
from lunarexplainer import load_dataset
from lunarexplainer.charts import partner_map
from lunarexplainer.display import EXPORT_ENV
from lunarexplainer.display import PLOTLY_MIME
from lunarexplainer.explorers import MissionTimelineExplorer
from lunarexplainer.explorers import PartnerExplorer

from chart_data import EXPLORER_DATA
from chart_data import XSS
from chart_data import edited_copy

#: Trace attributes that carry the map's data (what a student sees and hovers).
DATA_KEYS = ("locations", "z", "lon", "lat", "hovertext", "name", "visible", "showlegend")


@pytest.fixture(scope="module")
def xds():
    return load_dataset(EXPLORER_DATA)


def _note(fig: go.Figure) -> go.layout.Annotation:
    return next(a for a in fig.layout.annotations if a.name == "nothing-selected")


def _members(ds, year: int, framework: str | None = None, kind: str | None = None) -> pd.DataFrame:
    p = ds.partners[ds.partners["joined_on_start"].dt.year <= year]
    if framework is not None:
        p = p[p["framework"] == framework]
    if kind is not None:
        p = p[p["kind"] == kind]
    return p


def _located(fig: go.Figure) -> dict[str, list[str]]:
    """Visible slot -> the iso3 codes drawn as shapes and '(dot)' per dot."""
    out: dict[str, list[str]] = {}
    for trace in fig.data:
        if trace.visible is False:
            continue
        slot = out.setdefault(trace.meta["slot"], [])
        slot += list(trace.locations) if trace.type == "choropleth" else ["(dot)"] * len(trace.lon)
    return out


def _trace_data(trace: dict | go.BaseTraceType) -> dict[str, object]:
    props = trace if isinstance(trace, dict) else trace.to_plotly_json()
    out = {}
    for key in DATA_KEYS:
        value = props.get(key)
        out[key] = list(value) if isinstance(value, list | tuple) else value
    return out


def nt_countries(n: int) -> str:
    return f"{n} countr{'y' if n == 1 else 'ies'}"


# --------------------------------------------------------------------------- the figure


def test_partner_map_categories_and_small_countries(ds) -> None:
    fig = partner_map.figure(ds)
    countries = ds.partners[ds.partners["kind"] == "country"]
    fw_by_iso = countries.groupby("iso3")["framework"].apply(set)
    both = sorted(i for i, s in fw_by_iso.items() if len(s) == 2)
    located = _located(fig)
    assert sorted(located["both"]) == both
    assert sum(len(v) for v in located.values()) == len(fw_by_iso)
    # Bahrain and Singapore are too small for the 110m shapes: drawn as dots.
    dots = [t for t in fig.data if t.type == "scattergeo"]
    small = set(fw_by_iso.index) - assets.topojson_country_ids()
    assert small and sum(len(t.lon) for t in dots) == len(small)
    summary = partner_map.summary(ds)
    n_both = nt_countries(len(both))
    assert f"{n_both} in both" in summary
    for iso in both:
        assert countries[countries["iso3"] == iso]["entity"].iloc[0] in summary


def test_partner_map_year_and_framework(ds) -> None:
    fig = partner_map.figure(ds, year=2021)
    locs = [loc for t in fig.data if t.type == "choropleth" and t.visible for loc in t.locations]
    expected = _members(ds, 2021, kind="country")["iso3"].nunique()
    assert len(locs) == expected
    fig = partner_map.figure(ds, framework="ILRS")
    assert set(_located(fig)) == {"ILRS"}
    assert sorted(_located(fig)["ILRS"]) == sorted(
        [i for i in _members(ds, 2026, "ILRS", "country")["iso3"]
         if i in assets.topojson_country_ids()] + ["(dot)"])  # Bahrain
    with pytest.raises(ValueError, match="choose one of"):
        partner_map.figure(ds, framework="NATO")


def test_every_choice_has_six_traces_in_one_order(ds) -> None:
    prepared = partner_map.prepare(ds)
    lo, hi = prepared.years
    order = None
    for framework in partner_map.FRAMEWORK_CHOICES:
        for year in (lo - 5, lo, hi, hi + 3):
            spec = partner_map.build(prepared, framework=framework, year=year)
            kinds = [(d["type"], d["meta"]["slot"], d["meta"]["part"]) for d in spec["data"]]
            order = order or kinds
            assert kinds == order and len(kinds) == 6


def test_count_says_what_it_counts_and_when(ds) -> None:
    prepared = partner_map.prepare(ds)
    lo, hi = prepared.years
    assert hi == ds.as_of.year
    as_of = f"{ds.as_of.day} {ds.as_of:%B} {ds.as_of.year}"
    newest = partner_map.count_text(prepared, "both", hi)
    assert newest.startswith(f"Members with a known joining date by {as_of}: ")
    assert "end of" not in newest  # the data end on the as-of day, not with the year
    assert partner_map.count_text(prepared, "both", None) == newest
    for year in range(lo, hi):
        text = partner_map.count_text(prepared, "both", year)
        assert text.startswith(f"Members with a known joining date by the end of {year}: ")
        for fw in ("ILRS", "Artemis Accords"):
            c = len(_members(ds, year, fw, "country"))
            o = len(_members(ds, year, fw, "organization"))
            n = c + o
            words = f"{fw}: {n} member{'' if n == 1 else 's'}"
            if o:
                words += (f" ({c} countr{'y' if c == 1 else 'ies'}, "
                          f"{o} organization{'' if o == 1 else 's'})")
            assert words in text, (year, text)
    ilrs = partner_map.count_text(prepared, "ILRS", 2024)
    assert "ILRS: 7 members (5 countries, 2 organizations)" in ilrs and "Artemis" not in ilrs


def test_hovers_name_date_and_a_wrapped_source(ds) -> None:
    fig = partner_map.figure(ds)
    hovers = [h for t in fig.data for h in (t.hovertext or ())]
    assert hovers
    thailand = next(h for h in hovers if "<b>Thailand</b>" in h)
    assert "ILRS: joined May 2024" in thailand  # known to the month
    assert "Artemis Accords: joined 16 December 2024" in thailand
    for h in hovers:
        assert "Source" in h
        for line in h.split("<br>"):
            assert len(html.unescape(re.sub("<[^>]+>", "", line))) <= 62, line


def test_data_text_is_escaped_in_every_view(tmp_path) -> None:
    def rename(df: pd.DataFrame) -> pd.DataFrame:
        df.loc[df["entity"] == "Thailand", "entity"] = XSS
        return df

    bad = edited_copy(tmp_path / "data", "partners", rename)
    prepared = partner_map.prepare(bad)
    for fig in (partner_map.figure_from(prepared), partner_map.static_form(prepared)):
        dump = fig.to_json()
        assert "<img" not in dump and "&lt;img" in dump
    assert "<" not in partner_map.summary_of(prepared)


# --------------------------------------------------------------------------- the explorer


def test_partner_map_widget_uses_the_shipped_topojson(xds):
    """The live map's plotly.js gets the world shapes from the package, not cdn.plot.ly."""
    config = PartnerExplorer(xds).figure._config
    assert config["topojsonURL"].startswith("data:application/json;base64,")
    assert "topojsonURL" not in MissionTimelineExplorer(xds).figure._config  # 380 kB, maps only


def test_explorer_controls_are_the_charts_options(xds):
    e = PartnerExplorer(xds)
    assert set(e.controls) == {"framework", "year"}
    assert [v for _, v in e.controls["framework"].options] == list(
        partner_map.FRAMEWORK_CHOICES)
    assert (e.controls["year"].min, e.controls["year"].max) == e.prepared.years
    # Defaults: the figure with no options is the explorer as it opens.
    fresh = partner_map.figure(xds)
    assert [_trace_data(t) for t in e.figure.data] == [_trace_data(t) for t in fresh.data]
    assert e.figure.layout.title.text == fresh.layout.title.text
    assert e.summary() == partner_map.summary(xds)


def _count(explorer) -> str:  # type: ignore[no-untyped-def]
    """The count the explorer shows, read from its chart's title (its lines joined)."""
    return html.unescape(explorer.figure.layout.title.text.replace("<br>", " "))


def test_partner_explorer_shows_its_count_once_in_the_title(xds):
    e = PartnerExplorer(xds)
    # The title carries the count; no line above the chart repeats it (it cost 40 px).
    shown = [str(getattr(c, "value", "")) for c in e.widget.children if c is not e.figure]
    assert _count(e).startswith("Members with a known joining date by ")
    assert not [v for v in shown if "Members with a known joining date" in html.unescape(v)]


def test_partner_explorer_year_drives_map_and_count(xds):
    e = PartnerExplorer(xds)
    c = e.controls
    c["framework"].value = "ILRS"
    c["year"].value = 2021
    ilrs = e.figure.data[0]  # the ILRS slot's shapes
    assert ilrs.visible is True and set(ilrs.locations) == {"CHN", "RUS"}
    assert all(t.visible is False for t in e.figure.data[2:])
    assert _count(e) == "Members with a known joining date by the end of 2021: ILRS: 2 members"
    assert "2021" in e.figure.layout.title.text
    c["year"].value = 2023
    assert set(e.figure.data[0].locations) == {"CHN", "RUS", "PAK"}
    assert "4 members (3 countries, 1 organization)" in _count(e)
    c["framework"].value = "both"
    c["year"].value = 2025
    both = e.figure.data[4]
    assert list(both.locations) == ["PAK"]
    assert set(e.figure.data[0].locations) == {"CHN", "RUS"}  # ILRS only, Pakistan moved out
    small = e.figure.data[3]  # Artemis-only small countries: Singapore as a dot
    assert len(small.lon) == 1
    assert "1 country in both (Pakistan)" in e.summary()


def test_partner_explorer_before_anyone_joined(xds):
    e = PartnerExplorer(xds, framework="ILRS", year=2020)
    assert _note(e.figure).visible is True
    assert "No member countries yet by the end of 2020" in _note(e.figure).text
    assert e.output.outputs == ()
    e.controls["year"].value = 2021
    assert _note(e.figure).visible is False


def test_partner_map_has_a_colour_key_in_every_form(xds, monkeypatch):
    """Every colour on the map is named in a visible legend (choropleths hide by default)."""
    monkeypatch.setenv(EXPORT_ENV, "1")
    for framework in partner_map.FRAMEWORK_CHOICES:
        e = PartnerExplorer(xds, framework=framework, year=2025)
        for fig in (e.figure, e.to_figure(), partner_map.figure(xds, framework=framework,
                                                                year=2025)):
            assert fig.layout.showlegend is not False
            assert "key" in (fig.layout.legend.title.text or "").lower()
            keyed = [t for t in fig.data if t.type == "choropleth" and t.visible is not False]
            assert keyed and all(t.showlegend is True for t in keyed)
            named = {t.name for t in keyed}
            expected = ({"ILRS only", "Artemis Accords only", "both"} if framework == "both"
                        else {framework})
            assert named == expected


def test_partner_summary_names_members_without_a_joining_date():
    ds = load_dataset()
    undated = ds.partners[ds.partners["joined_on"].isna()]
    assert len(undated), "the shipped data has members with no joining date"
    explorer = PartnerExplorer(ds)
    text = explorer.summary()
    assert f"{len(undated)} more members have no known joining date" in text
    for entity in undated["entity"]:
        assert entity in text
    assert text.startswith(_count(explorer) + ".")


# --------------------------------------------------------------------------- the static form


def test_partner_static_form_has_year_sliders_and_framework_buttons(xds, monkeypatch):
    monkeypatch.setenv(EXPORT_ENV, "1")
    e = PartnerExplorer(xds)
    fig = e.to_figure()
    lo, hi = e.prepared.years
    assert len(fig.layout.sliders) == 3
    assert [s.visible for s in fig.layout.sliders] == [True, False, False]
    for slider in fig.layout.sliders:
        assert [s.label for s in slider.steps] == [str(y) for y in range(lo, hi + 1)]
        assert slider.active == hi - lo
    (menu,) = fig.layout.updatemenus
    assert [b.label for b in menu.buttons] == [html.escape(label) for label, _ in
                                               partner_map.framework_choices()]
    for k, b in enumerate(menu.buttons):
        assert all(len(v) == len(fig.data) for v in b.args[0].values())
        assert [b.args[1][f"sliders[{i}].visible"] for i in range(3)] == [i == k
                                                                          for i in range(3)]
    step = fig.layout.sliders[0].steps[-1].args[0]
    assert len(step["locations"]) == len(fig.data)
    for trace, locations, lon in zip(fig.data, step["locations"], step["lon"], strict=True):
        if trace.type == "scattergeo":  # never `locations`, or plotly.js ignores lon/lat
            assert locations is None and lon is not None
        else:
            assert lon is None and locations is not None
    config = e._repr_mimebundle_()[PLOTLY_MIME]["config"]
    assert config["topojsonURL"].startswith("data:application/json;base64,")
    assert fig.layout.height <= 720


def test_partner_static_framework_buttons_show_data_before_the_slider_moves(xds):
    e = PartnerExplorer(xds, framework="both", year=2025)
    fig = e.to_figure()
    ilrs_button = fig.layout.updatemenus[0].buttons[1]
    shapes = ilrs_button.args[0]["locations"][0]
    assert set(shapes) == {"CHN", "RUS", "PAK"}
    # Every trace opens with data: the opening choice's build.
    assert [_trace_data(t) for t in fig.data] == [
        _trace_data(d) for d in partner_map.build(e.prepared, framework="both",
                                                  year=2025)["data"]]


def _static_choices(fig: go.Figure):
    """(framework, year, restyle, relayout) for every state the static form can show."""
    (menu,) = fig.layout.updatemenus
    for button, (_, framework) in zip(menu.buttons, partner_map.framework_choices(),
                                      strict=True):
        k = partner_map.FRAMEWORK_CHOICES.index(framework)
        active = button.args[1][f"sliders[{k}].active"]
        year = int(fig.layout.sliders[k].steps[active].label)
        yield framework, year, button.args[0], button.args[1]
        slider = fig.layout.sliders[k]
        assert slider.name == framework
        for step in slider.steps:
            yield framework, int(step.label), step.args[0], step.args[1]


def test_figure_explorer_and_static_form_agree(xds, monkeypatch):
    """For every choice the static form offers, the explorer set to the same values shows
    build()'s traces, title, message and summary, and the static args hold exactly that."""
    monkeypatch.setenv(EXPORT_ENV, "1")
    e = PartnerExplorer(xds)
    prepared = e.prepared
    static = e.to_figure()
    seen = set()
    for framework, year, restyle, relayout in _static_choices(static):
        seen.add((framework, year))
        e.controls["framework"].value = framework
        e.controls["year"].value = year
        spec = partner_map.build(prepared, framework=framework, year=year)
        want = [_trace_data(d) for d in spec["data"]]
        assert [_trace_data(t) for t in e.figure.data] == want, (framework, year)
        fig = partner_map.figure(xds, framework=framework, year=year)
        assert [_trace_data(t) for t in fig.data] == want
        sent = [{k: (list(restyle[k][i]) if isinstance(restyle[k][i], list | tuple)
                     else restyle[k][i]) for k in DATA_KEYS} for i in range(len(want))]
        assert sent == want, (framework, year)
        title = spec["layout"]["title"]["text"]
        assert e.figure.layout.title.text == fig.layout.title.text == title
        assert relayout["title.text"] == title
        headline, counts = partner_map.count_parts(prepared, framework, year)
        # two lines: the headline, then every framework's count
        assert title.split("<br>") == [html.escape(f"{headline}:"), html.escape("; ".join(counts))]
        assert partner_map.count_text(prepared, framework, year) == (
            f"{headline}: " + "; ".join(counts))
        note = spec["layout"]["annotations"][0]
        assert relayout["annotations[0].text"] == _note(e.figure).text == note["text"]
        assert relayout["annotations[0].visible"] is _note(e.figure).visible is note["visible"]
        assert e.summary() == partner_map.summary_of(prepared, framework=framework, year=year)
        assert e.summary() == partner_map.summary(xds, framework=framework, year=year)
        label = _count(e)
        assert label == partner_map.count_text(prepared, framework, year)
        assert e.summary().startswith(label + ".")
    lo, hi = prepared.years
    assert seen == {(f, y) for f in partner_map.FRAMEWORK_CHOICES for y in range(lo, hi + 1)}
    assert static.layout.annotations[0].name == "nothing-selected"


def test_a_choice_with_nothing_to_show_says_so(xds, monkeypatch):
    """ILRS in 2020 (before its founding) and any year before the first member."""
    monkeypatch.setenv(EXPORT_ENV, "1")
    prepared = partner_map.prepare(xds)
    for framework, year in (("ILRS", 2020), ("both", 1990), ("Artemis Accords", 2019)):
        spec = partner_map.build(prepared, framework=framework, year=year)
        assert not any(d.get("locations") or d.get("lon") for d in spec["data"])
        note = spec["layout"]["annotations"][0]
        assert note["visible"] is True
        assert f"No member countries yet by the end of {year}" in note["text"]
        fig = partner_map.figure(xds, framework=framework, year=year)
        assert _note(fig).visible is True and _note(fig).text == note["text"]
    fig = partner_map.static_form(prepared)
    ilrs_2020 = fig.layout.sliders[1].steps[0]
    assert ilrs_2020.label == "2020"
    assert ilrs_2020.args[1]["annotations[0].visible"] is True
    assert "No member countries yet by the end of 2020" in ilrs_2020.args[1]["annotations[0].text"]
    assert "ILRS: 0 members" in ilrs_2020.args[1]["title.text"]
    later = fig.layout.sliders[1].steps[1]
    assert later.args[1]["annotations[0].visible"] is False
    assert _note(fig).visible is False
    source = next(a for a in fig.layout.annotations if a.name == "source")
    assert source.text.startswith("Facts up to")


def test_framework_names_come_from_the_catalog(ds, fake_catalog):
    assert partner_map.framework_choices()[1:] == [("ILRS", "ILRS"),
                                                   ("Artemis Accords", "Artemis Accords")]
    fake_catalog({"ILRS": "МНЛС", "Artemis Accords": "Соглашения Артемиды"})
    choices = dict((value, label) for label, value in partner_map.framework_choices())
    assert choices["ILRS"] == "МНЛС" and choices["Artemis Accords"] == "Соглашения Артемиды"
    assert "МНЛС" in partner_map.summary(ds, framework="ILRS")
