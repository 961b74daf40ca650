"""World map of ILRS and Artemis Accords member countries."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..theme import FRAMEWORK_COLORS
from .common import (
    cite,
    date_label,
    dated_partners,
    esc,
    finish_figure,
    hover_text,
    join_names,
    plain,
    plural,
    unique_ids,
)


def _map_members(ds: Any, year: int | None, framework: str | None) -> pd.DataFrame:
    p = dated_partners(ds, year)
    p = p[(p["kind"] == "country") & p["iso3"].notna() & (p["iso3"].astype(str) != "")]
    if framework is not None:
        p = p[p["framework"] == framework]
    rows = []
    for iso3, g in p.groupby("iso3", sort=True):
        fws = sorted(set(g["framework"]))
        category = fws[0] if len(fws) == 1 else "both"
        rows.append({
            "iso3": str(iso3),
            "entity": str(g["entity"].iloc[0]),
            "category": category,
            "frameworks": fws,
            "joined": {
                fw: date_label(r["c_start"], r["c_prec"]) for fw, r in
                ((r["framework"], r) for _, r in g.iterrows())
            },
            "source_ids": ";".join(unique_ids(g["source_ids"])),
        })
    return pd.DataFrame(rows, columns=["iso3", "entity", "category", "frameworks", "joined",
                                       "source_ids"])


MAP_CATEGORY_LABELS = {"ILRS": "ILRS only", "Artemis Accords": "Artemis Accords only",
                       "both": "both"}


def figure(
    ds: Any, *, year: int | None = None, framework: str | None = None, dark: bool = False
) -> go.Figure:
    """World map of ILRS and Artemis Accords member countries (a 'both' colour for overlaps).

    Countries too small for the 1:110m shapes are drawn as dots. Display with
    :func:`lunarexplainer.assets.plotly_config` (``display.show_figure`` does) so the map
    shapes come from the package, not from a CDN.
    """
    from ..assets import country_centroids, topojson_country_ids

    members = _map_members(ds, year, framework)
    shapes = topojson_country_ids()
    centroids = country_centroids()
    fig = go.Figure()
    for category in ("ILRS", "Artemis Accords", "both"):
        rows = members[members["category"] == category]
        if rows.empty:
            continue
        color = FRAMEWORK_COLORS[category]
        label = MAP_CATEGORY_LABELS[category] if framework is None else category
        hover = [
            hover_text(
                f"<b>{esc(r.entity)}</b>",
                "<br>".join(f"{esc(fw)}: joined {esc(when)}" for fw, when in r.joined.items()),
                esc(cite(ds, r.source_ids)),
            )
            for r in rows.itertuples()
        ]
        big = rows["iso3"].isin(shapes).to_numpy()
        if big.any():
            fig.add_trace(
                go.Choropleth(
                    locations=list(rows["iso3"][big]),
                    z=[1] * int(big.sum()),
                    locationmode="ISO-3",
                    colorscale=[[0, color], [1, color]],
                    showscale=False,
                    marker={"line": {"color": "white", "width": 0.5}},
                    name=html.escape(label),
                    legendgroup=category,
                    showlegend=True,
                    hovertext=[h for h, b in zip(hover, big, strict=True) if b],
                    hovertemplate="%{hovertext}<extra></extra>",
                    meta={"category": category},
                )
            )
        small = rows[~big & rows["iso3"].isin(centroids)]
        if not small.empty:
            fig.add_trace(
                go.Scattergeo(
                    lon=[centroids[i][0] for i in small["iso3"]],
                    lat=[centroids[i][1] for i in small["iso3"]],
                    mode="markers",
                    marker={"size": 10, "color": color, "line": {"color": "black", "width": 1}},
                    name=html.escape(label) + " (small country)",
                    legendgroup=category,
                    showlegend=not big.any(),
                    hovertext=[h for h, b in zip(hover, big, strict=True) if not b],
                    hovertemplate="%{hovertext}<extra></extra>",
                    meta={"category": category},
                )
            )
    fig.update_geos(
        projection_type="natural earth",
        showcountries=True,
        showland=True,
        showocean=False,
        showframe=False,
        resolution=110,
        scope="world",
        lataxis_range=[-58, 85],
    )
    fig.update_layout(legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
                      margin={"l": 10, "r": 10, "t": 90})
    when = f" in {year}" if year is not None else ""
    title = (f"{framework} members{when}" if framework else
             f"Who has joined? ILRS and Artemis Accords countries{when}")
    p = dated_partners(ds, year)
    return finish_figure(fig, ds, name="partner_map", title=title, source_ids=p["source_ids"],
                   dark=dark, height=560)


def summary(
    ds: Any, *, year: int | None = None, framework: str | None = None, dark: bool = False
) -> str:
    """Plain sentences: countries per colour and which countries are in both."""
    members = _map_members(ds, year, framework)
    p = dated_partners(ds, year)
    orgs = p[p["kind"] == "organization"]
    if framework is not None:
        orgs = orgs[orgs["framework"] == framework]
    when = f"by the end of {year}" if year is not None else f"as of {ds.as_of_text}"
    counts = members["category"].value_counts()
    if framework is not None:
        text = (f"The map shows {plural(int(counts.sum()), 'country', 'countries')} in the "
                f"{framework} {when}.")
    else:
        both = members[members["category"] == "both"]["entity"].map(plain).tolist()
        text = (
            f"The map shows {plural(int(counts.get('ILRS', 0)), 'country', 'countries')} only in "
            f"the ILRS, {int(counts.get('Artemis Accords', 0))} only in the Artemis Accords and "
            f"{int(counts.get('both', 0))} in both {when}."
        )
        if both:
            text += f" The countries in both are {join_names(both, 5)}."
    if not orgs.empty:
        text += f" {plural(len(orgs), 'organization')} that joined are not shown on the map."
    return text
