"""Tests for the charts, display.py and assets: data in, figure and summary out.

They use a small made-up dataset (tests/fixtures/charts/, read by the real loader) and
compute every expected number from it, so they do not depend on the curated data.


"""

from __future__ import annotations

import html
import json
import re

import plotly.graph_objects as go
import pytest

from lunarexplainer import assets
from lunarexplainer.charts import CHARTS
from lunarexplainer.charts import claims
from lunarexplainer.charts import common
from lunarexplainer.charts import outcomes
from lunarexplainer.charts import partner_growth
from lunarexplainer.charts import partner_map
from lunarexplainer.charts import partnership_timeline
from lunarexplainer.charts import station_roles
from lunarexplainer.display import caption_markdown
from lunarexplainer.display import figure_bundle
from lunarexplainer.display import figure_config

from chart_data import XSS
from chart_data import figure_text
from chart_data import hover_texts

# --- every figure -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(CHARTS))
def test_every_figure_has_title_footer_meta_and_sourced_hovers(ds, name: str) -> None:
    figure_fn, summary_fn = CHARTS[name]
    fig = figure_fn(ds)
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text
    footers = [a.text for a in fig.layout.annotations if a.name == "source"]
    assert len(footers) == 1
    assert footers[0].startswith(html.escape(ds.dates_text))
    assert ds.checked_on_text in footers[0] and ds.as_of_text in footers[0]
    assert "Source" in footers[0]
    assert fig.layout.meta["name"] == name
    assert ds.as_of_text in fig.layout.meta["caption"]
    sourced = [h for h in hover_texts(fig) if "Source" in h]
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
    dump = figure_text(fig)
    assert "<img" not in dump
    assert "onerror=alert(1)>" not in dump
    summary = summary_fn(xss_ds)
    assert "<" not in summary and ">" not in summary


def test_escaped_name_appears_in_hover(xss_ds) -> None:
    escaped = "&lt;img src=x onerror=alert(1)&gt;"
    fig = partnership_timeline.figure(xss_ds)
    assert any(escaped in h for h in hover_texts(fig))


def test_caption_markdown_escapes() -> None:
    md = caption_markdown(f"Summary {XSS}", "Data as of today")
    assert "<img" not in md and "&lt;img" in md




def test_maps_have_no_off_machine_geo_url(ds) -> None:
    fig = partner_map.figure(ds)
    config = figure_config(fig)
    assert not re.match(r"https?://", config["topojsonURL"])
    assert config["topojsonURL"].startswith("data:application/json;base64,")
    bundle = figure_bundle(fig)
    spec = bundle["application/vnd.plotly.v1+json"]
    assert spec["config"]["topojsonURL"] == config["topojsonURL"]
    assert "cdn.plot.ly" not in json.dumps(spec)


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






def test_source_line_limits_and_counts(ds) -> None:
    line = common.source_line(ds, ["s1;s2", "s1"], limit=1)
    assert line.startswith("Source: ILRS page") and "1 more source" in line


def test_footer_and_caption_lead_with_the_most_authoritative_source(ds) -> None:
    ds = ds.copy()
    kinds = {"s1": "mirror", "s2": "news", "s3": "state_media", "pub-2026-06-01": "other",
             "pub-2026-10-01": "official", "pub-2026-11-01": "news"}
    ds.sources["kind"] = [kinds.get(i, k) for i, k in
                          zip(ds.sources["id"], ds.sources["kind"], strict=True)]
    cells = ["s1;s3", "pub-2026-06-01", "s2", "pub-2026-11-01;pub-2026-10-01", "unknown-id"]
    # the agency's page, the two newsrooms in the data's order, state media, a copy, a blog,
    # an id not in sources.csv
    assert common.strongest_first(ds, cells) == [
        "pub-2026-10-01", "s2", "pub-2026-11-01", "s3", "s1", "pub-2026-06-01", "unknown-id"]
    footer = common.footer_text(ds, cells)
    assert footer.split("<br>")[1].startswith("Source: Report of 2026-10-01 (Agency)")
    fig = go.Figure(go.Scatter(x=[1], y=[1]))
    common.finish_figure(fig, ds, name="t", title="T", source_ids=cells, dark=False)
    assert "Sources: Report of 2026-10-01 (Agency); Artemis page (Wiki); and 5 more" in \
        fig.layout.meta["caption"]
    assert "Report of 2026-10-01" in fig.layout.annotations[-1].text


# --- the shipped, curated dataset ---------------------------------------------------------------



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

    m = ds.missions.dropna(subset=["launch_date_start"])  # Moon missions only
    text = outcomes.summary(ds)
    assert f"Of {len(m)} Moon missions" in text
    assert f"{int((m['status'] == 'success').sum())} succeeded" in text

    c = ds.article_claims["verdict"].value_counts()
    text = claims.summary(ds)
    assert f"We checked {len(ds.article_claims)} of its claims" in text
    assert f"{c.get('true', 0)} “true”" in text
    assert f"{c.get('true_then_changed', 0)} “true when written; the plan changed since”" in text

    sr = ds.station_roles
    text = station_roles.summary(ds)
    assert f"{sr['role'].nunique()} roles" in text
    assert f"{len(sr[['role', 'objective']].drop_duplicates())} objectives" in text
