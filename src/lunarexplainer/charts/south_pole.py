"""Map of the Moon's south pole on our own polar-stereographic projection."""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import theme
from .common import (
    MOON_RADIUS_KM,
    as_text,
    cite,
    esc,
    finish_figure,
    hover_text,
    is_are,
    join_names,
    place_labels,
    plain,
    plural,
)

SOUTH_POLE_LAYERS: tuple[str, ...] = ("graticule", "craters", "sites", "features")


def project_south_pole(lat: Any, lon: Any, radius_km: float = MOON_RADIUS_KM) -> tuple[Any, Any]:
    """Polar stereographic projection centred on the south pole, in km.

    0° longitude points up (towards Earth) and 90° E to the right.
    """
    lat_r = np.radians(np.asarray(lat, dtype=float))
    lon_r = np.radians(np.asarray(lon, dtype=float))
    colat = np.pi / 2 + lat_r  # angular distance from the south pole
    r = 2 * radius_km * np.tan(colat / 2)
    return r * np.sin(lon_r), r * np.cos(lon_r)


def rim(lat: float, lon: float, diameter_km: float, n: int = 73) -> tuple[Any, Any]:
    """Crater rim: the small circle of the given diameter on the sphere, projected."""
    alpha = (diameter_km / 2) / MOON_RADIUS_KM
    lat0, lon0 = math.radians(lat), math.radians(lon)
    bearings = np.linspace(0, 2 * np.pi, n)
    lat2 = np.arcsin(np.sin(lat0) * np.cos(alpha)
                     + np.cos(lat0) * np.sin(alpha) * np.cos(bearings))
    lon2 = lon0 + np.arctan2(np.sin(bearings) * np.sin(alpha) * np.cos(lat0),
                             np.cos(alpha) - np.sin(lat0) * np.sin(lat2))
    return project_south_pole(np.degrees(lat2), np.degrees(lon2))


def coord_text(lat: float, lon: float) -> str:
    ns = "S" if lat < 0 else "N"
    lon = ((lon + 180) % 360) - 180
    ew = "W" if lon < 0 else "E"
    return f"{abs(lat):.1f}° {ns}, {abs(lon):.1f}° {ew}"


def _pole_sites(ds: Any, lat_limit: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(landing sites and targets inside the frame, those outside)."""
    s = ds.sites.copy()
    s["lat"] = pd.to_numeric(s["lat"], errors="coerce")
    s["lon"] = pd.to_numeric(s["lon"], errors="coerce")
    s = s.dropna(subset=["lat", "lon"])
    targets = s[s["kind"].isin(["landing_site", "candidate_region"])
                | (s["program"].notna() & (s["program"].astype("string") != ""))]
    inside = targets[targets["lat"] <= lat_limit]
    return inside, targets[targets["lat"] > lat_limit]


def _sites_without_coordinates(ds: Any) -> pd.DataFrame:
    """Landing sites and targets whose latitude or longitude is missing."""
    s = ds.sites
    targets = s[s["kind"].isin(["landing_site", "candidate_region"])
                | (s["program"].notna() & (s["program"].astype("string") != ""))]
    lat = pd.to_numeric(targets["lat"], errors="coerce")
    lon = pd.to_numeric(targets["lon"], errors="coerce")
    return targets[lat.isna() | lon.isna()]


def _site_missions(ds: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    m = ds.missions
    for sid, name in zip(m["site_id"], m["name"], strict=True):
        if as_text(sid):
            out.setdefault(str(sid), []).append(as_text(name))
    return out


def site_label(name: object) -> str:
    """Short map label for a site: "IM-1 Odysseus landing site" -> "IM-1 Odysseus"."""
    text = as_text(name)
    for tail in (" landing site", " landing area", " site"):
        if text.lower().endswith(tail) and len(text) > len(tail):
            return text[: -len(tail)]
    return text


#: Nominal size of one screen pixel on the south-pole map, as a share of the map's width,
#: used to keep labels apart (the map is about 500 px across in a 720 px tall figure).
_POLE_MAP_PX = 500


def figure(
    ds: Any,
    layers: Sequence[str] | None = None,
    selected: str | Sequence[str] | None = None,
    *,
    lat_limit: float = -80.0,
    dark: bool = False,
) -> go.Figure:
    """Map of the lunar south pole (south of ``lat_limit``) on plain x/y axes in km.

    Polar stereographic projection: 0° longitude points up (towards Earth), crater rims are
    drawn as true-size circles, and a scale bar shows 100 km. ``layers`` picks from
    ``("graticule", "craters", "sites", "features")``; ``selected`` is one or more site ids to
    highlight. Sites without coordinates cannot be drawn and are left out. Nothing is
    downloaded: there are no geo traces.
    """
    layers = set(SOUTH_POLE_LAYERS if layers is None else layers)
    chosen = {selected} if isinstance(selected, str) else set(selected or [])
    ink = "#F2F2F2" if dark else "#1A1A1A"
    faint = "#8C8C8C" if dark else "#8A8A8A"
    grid = "#555555" if dark else "#C8C8C8"
    fig = go.Figure()
    r_max = float(2 * MOON_RADIUS_KM * math.tan(math.radians(90 + lat_limit) / 2))
    pad = r_max * 1.2
    km_per_px = 2 * pad / _POLE_MAP_PX
    used_sources: list[str] = []
    blocked: list[tuple[float, float, float, float]] = []

    if "graticule" in layers:
        gx: list[Any] = []
        gy: list[Any] = []
        step = 2.0 if 90 + lat_limit <= 12 else 5.0
        lats = np.arange(-90 + step, lat_limit + 0.01, step)
        ring = np.linspace(0, 360, 181)
        for la in lats:
            x, y = project_south_pole(np.full_like(ring, la), ring)
            gx += list(x) + [None]
            gy += list(y) + [None]
        for lo in range(0, 360, 30):
            x, y = project_south_pole([-90, lat_limit], [lo, lo])
            gx += list(x) + [None]
            gy += list(y) + [None]
        fig.add_trace(go.Scatter(x=gx, y=gy, mode="lines", name="grid",
                                 line={"color": grid, "width": 1}, hoverinfo="skip",
                                 showlegend=False))
        lab_lon = list(range(0, 360, 30))
        names = []
        for lo in lab_lon:
            signed = ((lo + 180) % 360) - 180
            names.append("0°" if signed == 0 else ("180°" if abs(signed) == 180 else
                         f"{abs(signed)}° {'E' if signed > 0 else 'W'}"))
        lr = r_max + 20 * km_per_px
        lx = [lr * math.sin(math.radians(lo)) for lo in lab_lon]
        ly = [lr * math.cos(math.radians(lo)) for lo in lab_lon]
        # Latitude labels along the 195° meridian (lower left, where there is least to see).
        tx, ty = project_south_pole(lats, [195] * len(lats))
        fig.add_trace(go.Scatter(
            x=lx + list(tx), y=ly + list(ty), mode="text",
            text=names + [f"{abs(la):.0f}° S" for la in lats],
            textfont={"size": 14, "color": faint},
            hoverinfo="skip", showlegend=False, name="grid labels", cliponaxis=False,
        ))
        for x, y in zip(list(tx), list(ty), strict=True):
            blocked.append((x - 25 * km_per_px, y - 10 * km_per_px,
                            x + 25 * km_per_px, y + 10 * km_per_px))
        blocked.append((-20 * km_per_px, r_max - 4 * km_per_px,
                        20 * km_per_px, r_max + 40 * km_per_px))  # the "0°" label

    natural = ds.sites.copy()
    natural["lat"] = pd.to_numeric(natural["lat"], errors="coerce")
    natural["lon"] = pd.to_numeric(natural["lon"], errors="coerce")
    natural["diameter_km"] = pd.to_numeric(natural["diameter_km"], errors="coerce")
    craters = natural[natural["kind"].isin(["crater", "basin"]) & natural["diameter_km"].notna()
                      & (natural["lat"] <= lat_limit)]
    inside, _outside = _pole_sites(ds, lat_limit)
    site_xy = project_south_pole(inside["lat"], inside["lon"])
    for x, y in zip(list(site_xy[0]), list(site_xy[1]), strict=True):
        blocked.append((x - 9 * km_per_px, y - 9 * km_per_px, x + 9 * km_per_px,
                        y + 9 * km_per_px))
    small_craters: list[tuple[float, float, str, float]] = []
    if "craters" in layers and not craters.empty:
        cx: list[Any] = []
        cy: list[Any] = []
        ch: list[Any] = []
        big_x, big_y, big_t = [], [], []
        for c in craters.itertuples():
            x, y = rim(float(c.lat), float(c.lon), float(c.diameter_km))
            text = hover_text(f"<b>{esc(c.name)}</b> ({esc(c.kind)})",
                          f"{coord_text(float(c.lat), float(c.lon))} · "
                          f"{float(c.diameter_km):g} km across",
                          esc(cite(ds, c.source_ids)))
            cx += list(x) + [None]
            cy += list(y) + [None]
            ch += [text] * len(x) + [None]
            used_sources.append(as_text(c.source_ids))
            px_, py_ = project_south_pole(float(c.lat), float(c.lon))
            radius = float(c.diameter_km) / 2
            label_px = 8.5 * len(as_text(c.name))
            blocked.append((float(px_) - radius, float(py_) - radius, float(px_) + radius,
                            float(py_) + radius))
            if 2 * radius / km_per_px >= 25:
                big_x.append(float(px_))
                big_y.append(float(py_))
                big_t.append(esc(c.name))
                blocked.append((float(px_) - label_px / 2 * km_per_px,
                                float(py_) - 9 * km_per_px,
                                float(px_) + label_px / 2 * km_per_px,
                                float(py_) + 9 * km_per_px))
            else:
                small_craters.append((float(px_), float(py_), as_text(c.name), radius))
        fig.add_trace(go.Scatter(x=cx, y=cy, mode="lines", name="crater rim (true size)",
                                 line={"color": ink, "width": 2}, hovertext=ch,
                                 hovertemplate="%{hovertext}<extra></extra>",
                                 meta={"layer": "craters"}))
        fig.add_trace(go.Scatter(x=big_x, y=big_y, mode="text", text=big_t,
                                 textfont={"size": 14, "color": ink}, hoverinfo="skip",
                                 showlegend=False, name="crater names"))

    if "features" in layers:
        feats = natural[natural["kind"].isin(["massif", "other"])
                        & (natural["program"].isna() | (natural["program"].astype("string") == ""))
                        & (natural["lat"] <= lat_limit)]
        if not feats.empty:
            fx, fy = project_south_pole(feats["lat"], feats["lon"])
            fig.add_trace(go.Scatter(
                x=list(fx), y=list(fy), mode="markers+text", name="mountains and other features",
                marker={"symbol": "triangle-up-open", "size": 12, "color": faint},
                text=[esc(n) for n in feats["name"]], textposition="bottom center",
                textfont={"size": 14},
                hovertext=[hover_text(f"<b>{esc(f.name)}</b> ({esc(f.kind)})",
                                  coord_text(float(f.lat), float(f.lon)),
                                  esc(cite(ds, f.source_ids))) for f in feats.itertuples()],
                hovertemplate="%{hovertext}<extra></extra>", meta={"layer": "features"},
            ))
            used_sources += list(feats["source_ids"])

    by_site = _site_missions(ds)
    labels: list[tuple[float, float, str, float]] = []
    label_text: list[str] = []
    if "sites" in layers:
        for program, g in inside.groupby(inside["program"].fillna("other").astype(str), sort=True):
            x, y = project_south_pole(g["lat"], g["lon"])
            hover = [
                hover_text(
                    f"<b>{esc(s.name)}</b>",
                    coord_text(float(s.lat), float(s.lon)),
                    "mission: " + (", ".join(esc(n) for n in by_site.get(str(s.id), []))
                                   or "none yet"),
                    esc(cite(ds, s.source_ids)),
                )
                for s in g.itertuples()
            ]
            is_sel = [str(i) in chosen for i in g["id"]]
            fig.add_trace(go.Scatter(
                x=list(x), y=list(y), mode="markers", name=html.escape(program),
                marker={"size": [22 if s else 15 for s in is_sel],
                        "color": theme.program_color(program),
                        "symbol": ["star" if s else "circle" for s in is_sel],
                        "line": {"color": ink, "width": [3 if s else 1.5 for s in is_sel]}},
                hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
                meta={"layer": "sites", "program": program, "site_ids": list(g["id"])},
            ))
            for xx, yy, name in zip(list(x), list(y), g["name"], strict=True):
                short = site_label(name)
                labels.append((float(xx), float(yy), short, 8 * km_per_px))
                label_text.append(f"<b>{esc(short)}</b>")
            used_sources += list(g["source_ids"])
    placed = place_labels(labels, blocked, km_per_px)
    placed += place_labels(small_craters, blocked, km_per_px,
                            directions=[(-1, -1), (-1, 0), (-1, 1), (1, -1), (0, -1), (1, 1)])
    texts = label_text + [esc(c[2]) for c in small_craters]
    for (x, y, _t, _c), (ax, ay, anchor), text in zip(labels + small_craters, placed, texts,
                                                      strict=True):
        fig.add_annotation(x=x, y=y, ax=ax, ay=ay, text=text, showarrow=True, arrowhead=0,
                           arrowwidth=1, arrowcolor=faint, xanchor=anchor, yanchor="middle",
                           font={"size": 15 if text.startswith("<b>") else 14, "color": ink},
                           name="site label" if text.startswith("<b>") else "crater label")

    # Scale bar: 100 km, bottom left.
    x0, y0 = -pad * 0.95, -pad * 0.92
    fig.add_shape(type="line", x0=x0, x1=x0 + 100, y0=y0, y1=y0,
                  line={"color": ink, "width": 4}, name="scale bar")
    fig.add_annotation(x=x0 + 50, y=y0, text="100 km", showarrow=False, yanchor="bottom",
                       yshift=4, font={"size": 14, "color": ink}, name="scale label")

    fig.update_xaxes(range=[-pad, pad], visible=False, showgrid=False, zeroline=False,
                     constrain="domain", domain=[0, 0.66])
    fig.update_yaxes(range=[-pad, pad], visible=False, showgrid=False, zeroline=False,
                     scaleanchor="x", scaleratio=1, constrain="domain")
    fig.update_layout(legend={"orientation": "v", "x": 0.68, "y": 0.98, "xanchor": "left",
                              "title": {"text": "Key"},
                              "itemsizing": "constant"},
                      margin={"l": 20, "r": 20, "t": 80},
                      plot_bgcolor="rgba(0,0,0,0)")
    title = f"The Moon's south pole (south of {abs(lat_limit):g}° S): where missions aim"
    return finish_figure(fig, ds, name="south_pole", title=title,
                   source_ids=used_sources or list(ds.sites["source_ids"]), dark=dark,
                   height=720)


def summary(
    ds: Any,
    layers: Sequence[str] | None = None,
    selected: str | Sequence[str] | None = None,
    *,
    lat_limit: float = -80.0,
    dark: bool = False,
) -> str:
    """Plain sentences: how many sites are shown, which are left out, how many craters."""
    inside, outside = _pole_sites(ds, lat_limit)
    craters = ds.sites[ds.sites["kind"].isin(["crater", "basin"])
                       & pd.to_numeric(ds.sites["diameter_km"], errors="coerce").notna()
                       & (pd.to_numeric(ds.sites["lat"], errors="coerce") <= lat_limit)]
    names = [plain(n) for n in inside["name"]]
    text = (
        f"The map shows the area within {90 + lat_limit:g}° of the Moon's south pole. "
        f"{plural(len(inside), 'landing site or target', 'landing sites and targets')} "
        f"{'is' if len(inside) == 1 else 'are'} shown"
        + (f" ({join_names(names, 4)})" if names else "")
        + f"; {len(outside)} more {'is' if len(outside) == 1 else 'are'} further north "
        "and left out."
    )
    text += f" {plural(len(craters), 'crater rim')} {is_are(len(craters))} drawn at true size."
    no_xy = _sites_without_coordinates(ds)
    if len(no_xy):
        programs = sorted({plain(p) for p in no_xy["program"].dropna() if as_text(p)})
        whose = f" ({join_names(programs)})" if programs else ""
        text += (f" {plural(len(no_xy), 'candidate site')}{whose} "
                 f"{'has' if len(no_xy) == 1 else 'have'} no coordinates in our data, "
                 "so the map cannot show "
                 f"{'it' if len(no_xy) == 1 else 'them'}.")
    if selected:
        chosen = {selected} if isinstance(selected, str) else set(selected)
        picked = inside[inside["id"].isin(list(chosen))]
        if not picked.empty:
            s = picked.iloc[0]
            text += (f" Highlighted: {plain(s['name'])} at "
                     f"{coord_text(float(s['lat']), float(s['lon']))}.")
    return text
