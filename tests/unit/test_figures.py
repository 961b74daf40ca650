"""Tests for the charts, display.py and assets: data in, figure and summary out.

They use a small made-up dataset (tests/fixtures/charts/, read by the real loader) and
compute every expected number from it, so they do not depend on the curated data.


"""

from __future__ import annotations

import html
import json
import math
import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from lunarexplainer import assets
from lunarexplainer.charts import (
    CHARTS,
    claims,
    common,
    ilrs_phases,
    mission_timeline,
    outcomes,
    partner_growth,
    partner_map,
    partnership_timeline,
    south_pole,
    station_roles,
)
from lunarexplainer.display import caption_markdown, figure_bundle, figure_config
from lunarexplainer.theme import PROGRAM_COLORS, STATUS_COLORS, STATUS_SYMBOLS

from chart_data import XSS, edited_copy


def _texts(fig: go.Figure) -> str:
    return json.dumps(fig.to_plotly_json(), default=str)


def _hovers(fig: go.Figure) -> list[str]:
    out: list[str] = []
    for trace in fig.data:
        ht = getattr(trace, "hovertext", None)
        if ht is None:
            continue
        out += [h for h in ([ht] if isinstance(ht, str) else list(ht)) if h]
    return out


# --- every figure -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(CHARTS))
def test_every_figure_has_title_footer_meta_and_sourced_hovers(ds, name: str) -> None:
    figure_fn, summary_fn = CHARTS[name]
    fig = figure_fn(ds)
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text
    footers = [a.text for a in fig.layout.annotations if a.name == "source"]
    assert len(footers) == 1
    assert footers[0].startswith(f"Data as of {ds.as_of_text}")
    assert "Source" in footers[0]
    assert fig.layout.meta["name"] == name
    assert ds.as_of_text in fig.layout.meta["caption"]
    sourced = [h for h in _hovers(fig) if "Source" in h]
    if name != "claims":
        assert sourced, "hovers must name their source"
    summary = summary_fn(ds)
    assert 20 < len(summary) < 700
    assert "<" not in summary and ">" not in summary
    # 1–3 sentences-ish (allow a fourth short one for the data note).
    assert summary.count(". ") <= 4


@pytest.mark.parametrize("name", list(CHARTS))
def test_dark_variant(ds, name: str) -> None:
    fig = CHARTS[name][0](ds, dark=True)
    assert fig.layout.template.layout.paper_bgcolor.upper() == "#1E1E1E"


# --- markup safety ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(CHARTS))
def test_data_text_is_escaped(xss_ds, name: str) -> None:
    figure_fn, summary_fn = CHARTS[name]
    fig = figure_fn(xss_ds)
    dump = _texts(fig)
    assert "<img" not in dump
    assert "onerror=alert(1)>" not in dump
    summary = summary_fn(xss_ds)
    assert "<" not in summary and ">" not in summary


def test_escaped_name_appears_in_hover(xss_ds) -> None:
    fig = mission_timeline.figure(xss_ds)
    escaped = "&lt;img src=x onerror=alert(1)&gt;"
    assert any(escaped in h for h in _hovers(fig))
    fig = partnership_timeline.figure(xss_ds)
    assert any(escaped in h for h in _hovers(fig))


def test_caption_markdown_escapes() -> None:
    md = caption_markdown(f"Summary {XSS}", "Data as of today")
    assert "<img" not in md and "&lt;img" in md


# --- 1 partnership timeline -------------------------------------------------------------------


def test_partnership_timeline(ds) -> None:
    fig = partnership_timeline.figure(ds)
    ms = ds.milestones[ds.milestones["program"] == "ILRS"]
    points = [t for t in fig.data if t.name == "milestones"][0]
    assert len(points.x) == len(ms)
    assert set(points.text) == set(ms["title"])
    phases = ds.phases[ds.phases["id"].str.startswith("ilrs-") & (ds.phases["kind"] == "phase")]
    assert len([s for s in fig.layout.shapes if s.type == "rect"]) == len(phases)
    # A year-only milestone is drawn as a span covering that year.
    spans = [t for t in fig.data if (t.meta or {}).get("kind") == "span"]
    n_inexact = int(ms["date_precision"].ne("day").sum())
    assert sum(1 for v in spans[0].x if v is None) == n_inexact
    summary = partnership_timeline.summary(ds)
    first = ms.sort_values("date_start").iloc[0]
    assert f"{len(ms)} milestones" in summary
    assert first["title"] in summary
    assert f"{len(phases)} planned phases" in summary


# --- 2 partner growth -------------------------------------------------------------------------


def test_partner_growth(ds) -> None:
    fig = partner_growth.figure(ds)
    p = ds.partners
    groups = p.groupby(["framework", "kind"]).size()
    assert len(fig.data) == len(groups)
    for trace in fig.data:
        fw, kind = trace.meta["framework"], trace.meta["kind"]
        assert trace.y[-1] == groups[(fw, kind)]
        assert trace.line.shape == "hv"
        assert list(trace.y) == sorted(trace.y)
    ilrs = p[p["framework"] == "ILRS"]
    n_c = int((ilrs["kind"] == "country").sum())
    n_o = int((ilrs["kind"] == "organization").sum())
    n_a = int((p["framework"] == "Artemis Accords").sum())
    summary = partner_growth.summary(ds)
    assert summary.startswith("By November 2026, ")
    assert f"{n_c} countries and {n_o} organizations had joined the ILRS" in summary
    assert f"the Artemis Accords had {n_a} signatories" in summary


def test_partner_growth_until(ds) -> None:
    summary = partner_growth.summary(ds, until=2023)
    p = ds.partners[ds.partners["joined_on_start"] <= pd.Timestamp("2023-12-31")]
    n_a = int((p["framework"] == "Artemis Accords").sum())
    assert summary.startswith("By December 2023")
    assert f"had {n_a} signatories" in summary


# --- 3 partner map ----------------------------------------------------------------------------


def test_partner_map_categories_and_small_countries(ds) -> None:
    fig = partner_map.figure(ds)
    countries = ds.partners[ds.partners["kind"] == "country"]
    fw_by_iso = countries.groupby("iso3")["framework"].apply(set)
    both = sorted(i for i, s in fw_by_iso.items() if len(s) == 2)
    located: dict[str, list[str]] = {}
    for trace in fig.data:
        cat = trace.meta["category"]
        if trace.type == "choropleth":
            located.setdefault(cat, []).extend(trace.locations)
        else:
            located.setdefault(cat, []).extend(["(dot)"] * len(trace.lon))
    assert sorted(located["both"]) == both
    assert sum(len(v) for v in located.values()) == len(fw_by_iso)
    # Bahrain and Singapore are too small for the 110m shapes: drawn as dots.
    dots = [t for t in fig.data if t.type == "scattergeo"]
    small = set(fw_by_iso.index) - assets.topojson_country_ids()
    assert sum(len(t.lon) for t in dots) == len(small)
    summary = partner_map.summary(ds)
    assert f"{len(both)} in both" in summary
    for iso in both:
        assert countries[countries["iso3"] == iso]["entity"].iloc[0] in summary


def test_partner_map_year_and_framework(ds) -> None:
    fig = partner_map.figure(ds, year=2021)
    locs = [loc for t in fig.data if t.type == "choropleth" for loc in t.locations]
    expected = ds.partners[(ds.partners["joined_on_start"].dt.year <= 2021)
                           & (ds.partners["kind"] == "country")]["iso3"].nunique()
    assert len(locs) == expected
    fig = partner_map.figure(ds, framework="ILRS")
    assert {t.meta["category"] for t in fig.data} == {"ILRS"}


def test_maps_have_no_off_machine_geo_url(ds) -> None:
    fig = partner_map.figure(ds)
    config = figure_config(fig)
    assert not re.match(r"https?://", config["topojsonURL"])
    assert config["topojsonURL"].startswith("data:application/json;base64,")
    bundle = figure_bundle(fig)
    spec = bundle["application/vnd.plotly.v1+json"]
    assert spec["config"]["topojsonURL"] == config["topojsonURL"]
    assert "cdn.plot.ly" not in json.dumps(spec)
    # The south pole map has no geo traces at all.
    pole = south_pole.figure(ds)
    assert not any(t.type in {"choropleth", "scattergeo"} for t in pole.data)
    assert "topojsonURL" not in figure_config(pole)


def test_shipped_topojson_and_data_url_round_trip() -> None:
    import base64

    topo = assets.world_topojson()
    assert topo["type"] == "Topology"
    assert {"countries", "land", "coastlines"} <= set(topo["objects"])
    url = assets.topojson_data_url()
    payload = url.removeprefix("data:application/json;base64,").removesuffix("#")
    assert json.loads(base64.b64decode(payload)) == topo
    assert assets.geo_assets()["topojson"]["world_110m"] == topo
    script = assets.geo_assets_script()
    assert script.startswith("<script>") and script.count("</script>") == 1
    assert "THA" in assets.topojson_country_ids()
    assert "SGP" in assets.country_centroids()


# --- 4 station roles --------------------------------------------------------------------------


def test_station_roles(ds) -> None:
    fig = station_roles.figure(ds)
    sr = ds.station_roles
    objectives = sr[["role", "objective"]].drop_duplicates()
    missions = sr[["role", "objective", "mission_id"]].drop_duplicates()
    assert len(fig.data) == 1 and fig.data[0].type == "treemap"
    t = fig.data[0]
    ids, parents = list(t.ids), list(t.parents)
    # One root, then roles → objectives → missions, each parent an existing node.
    assert len(ids) == 1 + sr["role"].nunique() + len(objectives) + len(missions)
    assert len(set(ids)) == len(ids) and parents.count("") == 1
    assert all(p == "" or p in ids for p in parents)
    by_id = dict(zip(ids, zip(parents, t.labels, t.text, strict=True), strict=True))
    roles = [i for i, p in zip(ids, parents, strict=True) if p == ids[0]]
    assert sorted(re.sub("<[^>]+>", "", by_id[r][1]).lower() for r in roles) == \
        sorted(r.lower() for r in sr["role"].unique())
    for r in sr.itertuples():
        oid = next(i for i, (p, lab, _) in by_id.items()
                   if lab == html.escape(r.objective) and by_id[p][0] == ids[0]
                   and re.sub("<[^>]+>", "", by_id[p][1]).lower() == r.role.lower())
        kids = [by_id[i] for i, (p, *_) in by_id.items() if p == oid]
        n_missions = len(missions[(missions["role"] == r.role)
                                  & (missions["objective"] == r.objective)])
        assert len(kids) == n_missions
        # The objective tile names its missions (or says it has none).
        tile = by_id[oid][2].replace("<br>", " ").replace("\u00a0", " ")
        if isinstance(r.mission_id, str) and r.mission_id:
            name = ds.missions.set_index("id")["name"].get(r.mission_id, r.mission_id)
            assert html.escape(name) in tile
    # Every tile's text is at least 14 px and the whole first view is roles + objectives.
    sizes = t.textfont.size
    assert min(sizes if isinstance(sizes, tuple | list) else [sizes]) >= 14
    assert fig.layout.uniformtext.minsize >= 14 and t.maxdepth == 3
    assert all("Source" in h for h in t.hovertext)
    summary = station_roles.summary(ds)
    assert f"{sr['role'].nunique()} roles" in summary
    assert f"{len(objectives)} objectives" in summary
    named = sr["mission_id"].dropna()
    assert f"{named[named != ''].nunique()} missions" in summary


def test_station_roles_hover_quotes_summary_and_source(tmp_path) -> None:
    def edit(df):
        df["summary"] = [f"Row {i} & <why> it matters." for i in range(len(df))]
        return df

    ds = edited_copy(tmp_path / "data", "station_roles", edit)
    t = station_roles.figure(ds).data[0]
    row = ds.station_roles.iloc[0]
    hover = next(h for lab, h in zip(t.labels, t.hovertext, strict=True)
                 if lab == html.escape(row["objective"]))
    assert html.escape(row["summary"]) in hover.replace("<br>", " ")
    assert html.escape(ds.cite(row["source_ids"])) in hover.replace("<br>", " ")
    assert "<why>" not in json.dumps(t.to_plotly_json())


def test_station_roles_one_role(ds) -> None:
    sr = ds.station_roles
    role = sr["role"].iloc[-1]
    fig = station_roles.figure(ds, role=role)
    t = fig.data[0]
    rows = sr[sr["role"] == role]
    assert list(t.parents).count("") == 1 and t.ids[1] == f"role:{role}"
    assert len(t.ids) == 2 + len(rows[["objective"]].drop_duplicates()) + len(
        rows[["objective", "mission_id"]].drop_duplicates())
    assert f"{rows['objective'].nunique()} objective" in station_roles.summary(
        ds, role=role)


# --- 5 ILRS phases ----------------------------------------------------------------------------


def test_ilrs_phases(ds) -> None:
    fig = ilrs_phases.figure(ds)
    phases = ds.phases[ds.phases["id"].str.startswith("ilrs-") & (ds.phases["kind"] == "phase")]
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(bars) == 1 and len(bars[0].y) == len(phases)
    in_phase = ds.missions[ds.missions["ilrs_phase"].isin(["reconnaissance", "construction",
                                                           "utilization"])]
    markers = [t for t in fig.data if t.type == "scatter" and t.mode == "markers+text"]
    assert sum(len(t.x) for t in markers) == len(in_phase)
    summary = ilrs_phases.summary(ds)
    assert f"planned in {len(phases)} phases" in summary
    flown = int(in_phase["status"].isin(["success", "partial", "failure"]).sum())
    assert f"{flown} of the {len(in_phase)} missions" in summary


# --- 6 mission timeline -----------------------------------------------------------------------


def test_mission_timeline_default_sides(ds) -> None:
    fig = mission_timeline.figure(ds)
    sides = ds.missions[ds.missions["program"].isin(["Chang'e", "Luna", "Artemis", "CLPS"])]
    drawn = [t for t in fig.data if (t.meta or {}).get("kind") in {"span", "point"}]
    assert sum(len(t.y) for t in drawn) == len(sides)
    spans = [t for t in drawn if t.meta["kind"] == "span"]
    points = [t for t in drawn if t.meta["kind"] == "point"]
    # Year/month-precise launches are bars covering the whole period, never a precise day.
    n_inexact = int(sides["launch_date_precision"].ne("day").sum())
    assert sum(len(t.y) for t in spans) == n_inexact
    for t in spans:
        assert all(w >= 28 * 86_400_000 for w in t.x)
    for t in points:
        assert t.marker.symbol == STATUS_SYMBOLS[t.meta["status"]]
        assert t.marker.color == STATUS_COLORS[t.meta["status"]]
        assert t.marker.line.width == (3 if t.meta["crewed"] else 1)
    summary = mission_timeline.summary(ds)
    ilrs = int(sides["program"].isin(["Chang'e", "Luna"]).sum())
    assert f"{len(sides)} missions" in summary
    assert f"{ilrs} on the China–Russia side" in summary
    assert f"{int(sides['crewed'].sum())} carry a crew" in summary


def test_mission_timeline_filters(ds) -> None:
    fig = mission_timeline.figure(ds, "all", crewed=True)
    drawn = [t for t in fig.data if (t.meta or {}).get("kind") in {"span", "point"}]
    assert sum(len(t.y) for t in drawn) == int(ds.missions["crewed"].sum())
    fig = mission_timeline.figure(ds, ["Luna"], statuses=["failure"])
    drawn = [t for t in fig.data if (t.meta or {}).get("kind") in {"span", "point"}]
    expected = ds.missions[(ds.missions["program"] == "Luna")
                           & (ds.missions["status"] == "failure")]
    assert sum(len(t.y) for t in drawn) == len(expected)


# --- 8 south pole -----------------------------------------------------------------------------


def test_south_pole_projection_and_frame(ds) -> None:
    x, y = south_pole.project_south_pole([-90, -80], [0, 90])
    assert abs(x[0]) < 1e-9 and abs(y[0]) < 1e-9
    expected_r = 2 * common.MOON_RADIUS_KM * math.tan(math.radians(10) / 2)
    assert x[1] == pytest.approx(expected_r) and abs(y[1]) < 1e-6
    fig = south_pole.figure(ds)
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis.scaleratio == 1
    sites = ds.sites
    targets = sites[sites["kind"].isin(["landing_site", "candidate_region"])]
    inside = targets[targets["lat"] <= -80]
    site_traces = [t for t in fig.data if (t.meta or {}).get("layer") == "sites"]
    shown = [sid for t in site_traces for sid in t.meta["site_ids"]]
    assert sorted(shown) == sorted(inside["id"])
    for t in site_traces:
        assert t.marker.color == PROGRAM_COLORS[t.meta["program"]]
    summary = south_pole.summary(ds)
    assert f"{len(inside)} landing sites and targets are shown" in summary
    assert f"{len(targets) - len(inside)} more are further north" in summary
    hover = " ".join(h for t in site_traces for h in t.hovertext)
    assert "89.5° S, 12.3° W" in hover and "Source" in hover


def test_south_pole_crater_rim_true_size(ds) -> None:
    fig = south_pole.figure(ds, layers=["craters"])
    rims = [t for t in fig.data if (t.meta or {}).get("layer") == "craters"][0]
    # First rim: Shackleton, 21 km across, almost at the pole: width in km ≈ diameter.
    xs = [v for v in rims.x[: rims.x.index(None)]]
    ys = [v for v in rims.y[: rims.y.index(None)]]
    shackleton = ds.sites[ds.sites["id"] == "shackleton"].iloc[0]
    cx, cy = south_pole.project_south_pole(shackleton["lat"], shackleton["lon"])
    radii = [math.hypot(a - float(cx), b - float(cy)) for a, b in zip(xs, ys, strict=True)]
    assert sum(radii) / len(radii) == pytest.approx(shackleton["diameter_km"] / 2, rel=0.02)
    assert not [t for t in fig.data if (t.meta or {}).get("layer") == "sites"]


def test_south_pole_selected(ds) -> None:
    fig = south_pole.figure(ds, selected="site-artemis-3")
    t = [t for t in fig.data if (t.meta or {}).get("program") == "Artemis"][0]
    assert "star" in list(t.marker.symbol)
    assert "89.5° S, 12.3° W" in south_pole.summary(ds, selected="site-artemis-3")


# --- 9 outcomes -------------------------------------------------------------------------------


def test_outcomes(ds) -> None:
    fig = outcomes.figure(ds)
    m = ds.missions.dropna(subset=["launch_date_start"])
    not_moon = (m["program"] == "other") & m["mission_type"].isin(outcomes.NOT_LUNAR_TYPES)
    m = m[~not_moon]
    assert fig.layout.barmode == "stack"
    assert {t.meta["status"] for t in fig.data} == set(m["status"])
    assert sum(sum(t.x) for t in fig.data) == len(m)
    for t in fig.data:
        assert t.marker.color == STATUS_COLORS[t.meta["status"]]
        # The pattern is drawn over the status colour, not instead of it.
        assert t.marker.pattern.fillmode == "overlay"
    # One bar per program and decade, in program order, decades ascending.
    labels = list(fig.data[0].y)
    assert fig.layout.yaxis.categoryarray == tuple(labels)
    summary = outcomes.summary(ds)
    c = m["status"].value_counts()
    assert f"Of {len(m)} Moon missions" in summary
    assert f"{c.get('success', 0)} succeeded" in summary
    assert f"{c.get('failure', 0)} failed" in summary


# --- 10 claims --------------------------------------------------------------------------------


def test_claims(ds) -> None:
    fig = claims.figure(ds)
    table = fig.data[0]
    rows = ds.article_claims
    assert table.type == "table"
    assert len(table.cells.values[0]) == len(rows)
    assert all("Source" in v and v.startswith("Checked ") for v in table.cells.values[3])
    # No <br> in any cell, so Plotly wraps every column itself; text stays ≥ 14 px.
    assert not any("<br>" in v for col in table.cells.values for v in col)
    assert table.cells.font.size >= 14 and table.header.font.size >= 14
    # The figure is tall enough for every row at the narrowest layout width.
    assert fig.layout.height >= 30 * len(rows) + 36
    summary = claims.summary(ds)
    v = rows["verdict"].value_counts()
    assert f"{v['held']} held, {v['changed']} changed" in summary
    assert f"Of the {len(rows)} claims" in summary


def test_source_line_limits_and_counts(ds) -> None:
    line = common.source_line(ds, ["s1;s2", "s1"], limit=1)
    assert line.startswith("Source: ILRS page") and "1 more source" in line


# --- the shipped, curated dataset ---------------------------------------------------------------


@pytest.fixture(scope="module")
def real_ds():
    from lunarexplainer.data import load_dataset

    return load_dataset()


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_real_data_every_figure_builds(real_ds, name: str) -> None:
    fig_fn, summary_fn = CHARTS[name]
    for dark in (False, True):
        fig = fig_fn(real_ds, dark=dark)
        assert fig.layout.title.text and fig.data
        assert fig.layout.meta["name"] == name
    summary = summary_fn(real_ds)
    assert summary and "<" not in summary and "nan" not in summary.lower().split()


def test_real_data_summaries_have_the_right_counts(real_ds) -> None:
    ds = real_ds
    p = ds.partners
    ilrs = p[p["framework"] == "ILRS"]
    n_c = int((ilrs["kind"] == "country").sum())
    n_o = int((ilrs["kind"] == "organization").sum())
    n_a = int((p["framework"] == "Artemis Accords").sum())
    text = partner_growth.summary(ds)
    assert f"{n_c} countries and {n_o} organizations had joined the ILRS" in text
    assert f"the Artemis Accords had {n_a} signatories" in text
    undated = int(p["joined_on"].isna().sum())
    if undated:
        assert f"{undated} member" in text

    sides = ds.missions[ds.missions["program"].isin(["Chang'e", "Luna", "Artemis", "CLPS"])]
    dated = sides.dropna(subset=["launch_date_start"])
    text = mission_timeline.summary(ds)
    assert f"The chart shows {len(dated)} missions" in text
    assert f"{int(dated['crewed'].sum())} carry a crew" in text

    m = ds.missions.dropna(subset=["launch_date_start"])
    m = m[~((m["program"] == "other") & m["mission_type"].isin(outcomes.NOT_LUNAR_TYPES))]
    text = outcomes.summary(ds)
    assert f"Of {len(m)} Moon missions" in text
    assert f"{int((m['status'] == 'success').sum())} succeeded" in text

    s = ds.sites
    targets = s[s["kind"].isin(["landing_site", "candidate_region"]) | s["program"].notna()]
    no_xy = targets[targets["lat"].isna() | targets["lon"].isna()]
    inside = targets[targets["lat"] <= -80]
    text = south_pole.summary(ds)
    assert f"{len(inside)} landing sites and targets are shown" in text
    if len(no_xy):
        assert f"{len(no_xy)} candidate sites" in text and "no coordinates" in text
    fig = south_pole.figure(ds)
    shown = [i for t in fig.data if (t.meta or {}).get("layer") == "sites"
             for i in t.meta["site_ids"]]
    assert sorted(shown) == sorted(inside["id"])

    c = ds.article_claims["verdict"].value_counts()
    text = claims.summary(ds)
    assert f"Of the {len(ds.article_claims)} claims" in text
    assert f"{c.get('held', 0)} held" in text

    sr = ds.station_roles
    text = station_roles.summary(ds)
    assert f"{sr['role'].nunique()} roles" in text
    assert f"{len(sr[['role', 'objective']].drop_duplicates())} objectives" in text


def test_real_data_timeline_labels_do_not_share_a_lane(real_ds) -> None:
    """Missions launched within a year of each other in one program sit in different lanes."""
    fig = mission_timeline.figure(real_ds)
    pts = [(x, y) for t in fig.data if (t.meta or {}).get("kind") in {"span", "point"}
           for x, y in zip(t.base if t.type == "bar" else t.x, t.y, strict=True)]
    for i, (x1, y1) in enumerate(pts):
        for x2, y2 in pts[i + 1:]:
            if y1 == y2:
                assert abs((pd.Timestamp(x1) - pd.Timestamp(x2)).days) > 365
