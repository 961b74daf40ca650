"""Map of the Moon's south pole on our own polar-stereographic projection (no geo traces).

One builder (the contract is at the top of :mod:`.common`) makes the lesson figure, the live
explorer (:class:`lunarexplainer.explorers.south_pole.SouthPoleExplorer`) and its static form.
:func:`prepare` projects every place once: the grid and its labels, crater rims at true size,
landing sites and candidate regions (one trace per program, so the key names each colour),
other features, names placed so they never overlap (one text trace per layer, so they hide
with it), the 100 km scale bar, hovers and site notes. :func:`build` turns ``layers`` (names
from :data:`LAYERS`) and ``site`` (a site id or "") into which traces show, the star, the title
and the on-map message. A layer with nothing to draw says so: NASA's candidate regions have no
published coordinates, so the key and a message count them instead of an empty map.
:func:`site_info` is the note about one site that the explorer shows under the map and the
static form beside it. ``lat_limit`` (the map's edge) goes to :func:`prepare`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import theme
from ..text import format_list
from ..text import format_number
from ..text import nt
from ..text import t
from ..text import wrap_lines
from .common import MOON_RADIUS_KM
from .common import Spec
from .common import as_text
from .common import empty_note
from .common import esc
from .common import finish_figure
from .common import hover_text
from .common import merge_props
from .common import plain
from .common import short_source
from .common import source_names
from .common import source_titles
from .common import wrap_text
from .labels import place_labels
from .lunar_coordinates import coord_text
from .lunar_coordinates import latitude_label
from .lunar_coordinates import longitude_label
from .lunar_coordinates import project_south_pole
from .lunar_coordinates import rim
from .sizes import HOVER_CHARS
from .sizes import MAX_HEIGHT

#: Layer names, in drawing order (one vocabulary for the figure, the explorer, the static form).
LAYERS: tuple[str, ...] = ("graticule", "craters", "landing_sites", "candidate_regions",
                           "features")
#: Layers whose places carry names on the map, in the order names are placed.
NAMED_LAYERS: tuple[str, ...] = ("landing_sites", "candidate_regions", "craters", "features")
LAT_LIMIT = -80.0
DEFAULT_SITE = "shackleton"  # the site an explorer opens on (if the data has it)
HEIGHT = MAX_HEIGHT
#: The map takes the left of the figure; the key (and the static form's site note) the right.
MAP_DOMAIN = (0.0, 0.6)
KEY_X = 0.63
PAD = 1.12  # room around the map's outer ring, as a share of its radius
MAP_PX = 500  # about the size (px) of the drawn map, for keeping names apart
NAME_FONT = GRID_FONT = 16
#: Characters per line of the on-map message and of the static form's site note (hovers:
#: :data:`.sizes.HOVER_CHARS`).
NOTE_CHARS, INFO_CHARS = 36, 42
INFO_FONT = 16
FOOTER_GAP_PX = 10  # the source footer sits this far under the map (no axis ticks to clear)
MARGIN = {"l": 20, "r": 20, "t": 80, "b": 64}
LEGEND_ROW_PX = 26
#: The plot area on the site's page (the narrowest the map is drawn at): its width, and its
#: height without a menu row (the tallest). Names on the map keep left of the key and the
#: site note, which start at KEY_X of this width.
PLOT_WIDTH_PX = 1020
PLOT_HEIGHT_PX = HEIGHT - MARGIN["t"] - MARGIN["b"]


def layer_label(layer: str) -> str:
    """The name of a layer as a student reads it (controls, menus)."""
    return {"graticule": t("grid"), "craters": t("crater rims"),
            "landing_sites": t("landing sites"), "candidate_regions": t("candidate regions"),
            "features": t("mountains and other features")}[layer]


def kind_word(kind: str) -> str:
    """What kind of place a site is, in words."""
    return {"crater": t("crater"), "basin": t("impact basin"), "landing_site": t("landing site"),
            "candidate_region": t("candidate landing region"),
            "massif": t("mountain (massif)")}.get(kind, t("other place"))


def layer_of(kind: str, program: str) -> str:
    """The layer a place is drawn in; a mission's site (a crash site too) is a landing site."""
    fixed = {"crater": "craters", "basin": "craters", "candidate_region": "candidate_regions"}
    return fixed.get(kind) or ("landing_sites" if kind == "landing_site" or program
                               else "features")


# ---------------------------------------------------------------------------------------------
# prepare: everything that does not depend on the options
# ---------------------------------------------------------------------------------------------


@dataclass
class PoleMap:
    """What :func:`prepare` computes once: places, projected traces, titles and notes."""

    ds: Any
    lat_limit: float
    r_max: float
    km_per_px: float
    #: Every row of ``ds.sites`` by id, with ``layer``, ``on_map``, ``x``/``y`` (NaN if not on
    #: the map), ``hover`` and ``missions``; ``on_map`` and ``not_drawn`` (a map layer's places
    #: without coordinates) are parts of it.
    places: pd.DataFrame
    on_map: pd.DataFrame
    not_drawn: pd.DataFrame
    sources: dict[str, tuple[str, str]]  # id -> (title (publisher), url)
    #: ``(layer, trace dict)`` in drawing order per dark flag (the star is added last).
    traces: dict[bool, list[tuple[str, dict[str, Any]]]] = field(default_factory=dict)
    layouts: dict[bool, dict[str, Any]] = field(default_factory=dict)
    stars: dict[str, tuple[float, float, str]] = field(default_factory=dict)  # id -> x, y, hover
    drawn_layers: frozenset[str] = frozenset()
    #: Layers offered (the grid, and those with places), and site ids offered (landing sites
    #: first, then craters, features and candidate regions).
    layers: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()

    def frame_text(self) -> str:
        return latitude_label(self.lat_limit)


def prepare(ds: Any, lat_limit: float = LAT_LIMIT) -> PoleMap:
    """Project the places south of ``lat_limit`` and build every trace once."""
    lat_limit = float(lat_limit)
    r_max = float(2 * MOON_RADIUS_KM * math.tan(math.radians(90 + lat_limit) / 2))
    s = ds.sites.copy()
    for col in ("lat", "lon", "diameter_km"):
        s[col] = pd.to_numeric(s[col], errors="coerce")
    s["id"] = s["id"].astype(str)
    s["kind"] = s["kind"].fillna("other").astype(str)
    s["program"] = [as_text(p) for p in s["program"]]
    s["layer"] = [layer_of(k, p) for k, p in zip(s["kind"], s["program"], strict=True)]
    located = s["lat"].notna() & s["lon"].notna()
    s["on_map"] = located & (s["lat"] <= lat_limit)
    x, y = project_south_pole(s["lat"].fillna(-90), s["lon"].fillna(0))
    s["x"] = np.where(s["on_map"], x, np.nan)
    s["y"] = np.where(s["on_map"], y, np.nan)
    missions: dict[str, list[str]] = {}
    for sid, name in zip(ds.missions["site_id"], ds.missions["name"], strict=True):
        if as_text(sid):
            missions.setdefault(str(sid), []).append(as_text(name))
    s["missions"] = [missions.get(i, []) for i in s["id"]]
    sources = source_titles(ds)
    s["hover"] = [_hover(sources, r) for r in s.itertuples()]
    p = s.set_index("id", drop=False)
    not_drawn = p[~located.to_numpy() & p["layer"].isin(["landing_sites", "candidate_regions"])]
    pole = PoleMap(ds=ds, lat_limit=lat_limit, r_max=r_max, km_per_px=2 * r_max * PAD / MAP_PX,
                   places=p, on_map=p[p["on_map"]], not_drawn=not_drawn, sources=sources)
    offered = pd.concat([pole.on_map, not_drawn])
    pole.layers = ("graticule", *[la for la in LAYERS[1:] if la in set(offered["layer"])])
    rank = {"landing_sites": 0, "craters": 1, "features": 2, "candidate_regions": 3}
    pole.sites = tuple(r.id for r in sorted(offered.itertuples(), key=lambda r: (
        rank[r.layer], str(r.name).lower())))
    pole.stars = {r.id: (float(r.x), float(r.y), r.hover) for r in pole.on_map.itertuples()}
    pole.drawn_layers = frozenset(pole.on_map["layer"])
    for dark in (False, True):
        pole.traces[dark] = _traces(pole, dark)
        pole.layouts[dark] = _layout(pole, dark)
    return pole


def _hover(sources: dict[str, tuple[str, str]], r: Any) -> str:
    """Hover text of one place: name and kind, where, size, missions, a short source."""
    lines = [f"<b>{esc(r.name)}</b> ({esc(kind_word(r.kind))})"]
    if not pd.isna(r.lat) and not pd.isna(r.lon):
        lines.append(esc(coord_text(float(r.lat), float(r.lon))))
    if not pd.isna(r.diameter_km):
        lines.append(esc(t("{km} km across", km=format_number(float(r.diameter_km)))))
    if r.missions:
        lines.append(wrap_text(t("Missions: {names}", names=format_list(r.missions)),
                               HOVER_CHARS))
    lines.append(wrap_text(short_source(sources, r.source_ids), HOVER_CHARS))
    return hover_text(*lines)


def _colors(dark: bool) -> tuple[str, str, str]:
    """(ink, faint text, grid lines)."""
    return ("#F2F2F2", "#A6A6A6", "#555555") if dark else ("#1A1A1A", "#6B6B6B", "#C8C8C8")


def _grid(pole: PoleMap) -> tuple[list[Any], list[Any], list[float], list[float], list[str]]:
    """Grid lines (x, y) and the grid's labels (x, y, text)."""
    lat_limit, r_max, kpp = pole.lat_limit, pole.r_max, pole.km_per_px
    step = 2.0 if 90 + lat_limit <= 12 else 5.0
    lats = np.arange(-90 + step, lat_limit + 0.01, step)
    ring = np.linspace(0, 360, 181)
    gx: list[Any] = []
    gy: list[Any] = []
    for la in lats:
        x, y = project_south_pole(np.full_like(ring, la), ring)
        gx += [*x.tolist(), None]
        gy += [*y.tolist(), None]
    lons = list(range(0, 360, 30))
    for lo in lons:
        x, y = project_south_pole([-90, lat_limit], [lo, lo])
        gx += [*x.tolist(), None]
        gy += [*y.tolist(), None]
    lr = r_max + 20 * kpp
    lx = [lr * math.sin(math.radians(lo)) for lo in lons]
    ly = [lr * math.cos(math.radians(lo)) for lo in lons]
    # Latitude labels along the 195° meridian (lower left, where there is least to see).
    tx, ty = project_south_pole(lats, [195] * len(lats))
    texts = [longitude_label(lo) for lo in lons] + [latitude_label(la) for la in lats]
    return gx, gy, lx + tx.tolist(), ly + ty.tolist(), texts


def map_edges(pole: PoleMap) -> tuple[float, float]:
    """x (km from the pole) of the key's left edge and of the plot's left edge, on the site's
    page (:data:`PLOT_WIDTH_PX`, :data:`PLOT_HEIGHT_PX`): names stay between the two."""
    km_per_plot_px = 2 * pole.r_max * PAD / PLOT_HEIGHT_PX
    centre = sum(MAP_DOMAIN) / 2 * PLOT_WIDTH_PX
    return ((KEY_X * PLOT_WIDTH_PX - centre) * km_per_plot_px,
            (MAP_DOMAIN[0] * PLOT_WIDTH_PX - centre) * km_per_plot_px)


def _label_spots(pole: PoleMap, grid_labels: tuple[list[float], list[float], list[str]]
                 ) -> list[tuple[str, float, float, float, float, str, str]]:
    """Where each name goes: the shared greedy placement (``place_labels``), no overlaps.

    Landing sites are placed first, then candidate regions, craters (largest first) and other
    features; every marker, rim and grid label is kept clear.
    Returns ``(layer, x, y, ax, ay, xanchor, escaped text)``.
    """
    kpp = pole.km_per_px
    drawn = pole.on_map.copy()
    drawn["rank"] = drawn["layer"].map({la: i for i, la in enumerate(NAMED_LAYERS)})
    drawn["size"] = drawn["diameter_km"].fillna(0)
    drawn = drawn.sort_values(["rank", "size"], ascending=[True, False], kind="stable")
    blocked = [(x - 9 * kpp, y - 9 * kpp, x + 9 * kpp, y + 9 * kpp)
               for x, y in zip(drawn["x"], drawn["y"], strict=True)]
    # Crater rims too (a square a little inside each circle), so names sit beside them.
    for r in drawn[(drawn["layer"] == "craters") & drawn["diameter_km"].notna()].itertuples():
        half = 0.72 * float(r.diameter_km) / 2
        blocked.append((r.x - half, r.y - half, r.x + half, r.y + half))
    for x, y, text in zip(*grid_labels, strict=True):
        half_w = (4.5 * len(text) + 4) * kpp
        blocked.append((x - half_w, y - 10 * kpp, x + half_w, y + 10 * kpp))
    # The key and the site note on the right, the figure's edge on the left: the map is as
    # tall as the plot and centred in MAP_DOMAIN, so they are this many km from the pole.
    pad = pole.r_max * PAD
    key_left, plot_left = map_edges(pole)
    blocked.append((key_left - 8 * kpp, -100 * pad, 100 * pad, 100 * pad))
    blocked.append((-100 * pad, -100 * pad, plot_left, 100 * pad))
    # Above and below the map is off the plot (the title and menus, the source line).
    blocked.append((-100 * pad, pad, 100 * pad, 100 * pad))
    blocked.append((-100 * pad, -100 * pad, 100 * pad, -pad))
    items = []
    for r in drawn.itertuples():
        text = format_list(r.missions) if r.missions else as_text(r.name)
        clear = (float(r.diameter_km) / 2 if r.layer == "craters"
                 and not pd.isna(r.diameter_km) else 0.0) + 8 * kpp
        items.append((float(r.x), float(r.y), text, clear))
    placed = place_labels(items, blocked, kpp)
    return [(r.layer, x, y, ax, ay, anchor, esc(text))
            for r, (x, y, text, _c), (ax, ay, anchor) in
            zip(drawn.itertuples(), items, placed, strict=True)]


def _traces(pole: PoleMap, dark: bool) -> list[tuple[str, dict[str, Any]]]:
    """Every trace but the star, as ``(layer, trace dict)``; arrays are plain lists."""
    ink, faint, grid_color = _colors(dark)
    gx, gy, lx, ly, ltext = _grid(pole)
    out: list[tuple[str, dict[str, Any]]] = [
        ("graticule", {"type": "scatter", "x": gx, "y": gy, "mode": "lines", "name": t("grid"),
                       "line": {"color": grid_color, "width": 1}, "hoverinfo": "skip",
                       "showlegend": False, "meta": {"layer": "graticule"}}),
        ("graticule", {"type": "scatter", "x": lx, "y": ly, "mode": "text",
                       "text": [esc(x) for x in ltext], "name": t("grid labels"),
                       "textfont": {"size": GRID_FONT, "color": faint}, "hoverinfo": "skip",
                       "showlegend": False, "cliponaxis": False,
                       "meta": {"layer": "graticule", "kind": "grid labels"}}),
    ]
    on_map = pole.on_map
    craters = on_map[(on_map["layer"] == "craters") & on_map["diameter_km"].notna()]
    if len(craters):
        rx: list[Any] = []
        ry: list[Any] = []
        rh: list[Any] = []
        for r in craters.itertuples():
            cx, cy = rim(float(r.lat), float(r.lon), float(r.diameter_km))
            rx, ry = rx + [*cx.tolist(), None], ry + [*cy.tolist(), None]
            rh += [r.hover] * len(cx) + [None]
        out.append(("craters", {
            "type": "scatter", "x": rx, "y": ry, "mode": "lines",
            "name": t("crater rim (true size)"), "line": {"color": ink, "width": 2},
            "hovertext": rh, "hovertemplate": "%{hovertext}<extra></extra>",
            "meta": {"layer": "craters", "site_ids": craters["id"].tolist()}}))
    centres = on_map[on_map["layer"] == "craters"]
    if len(centres):
        out.append(("craters", _markers(centres, name=t("crater centre"), symbol="circle-open",
                                        size=6, color=ink, line=ink, showlegend=False)))
    for layer, symbol in (("landing_sites", "circle"), ("candidate_regions", "square")):
        rows = on_map[on_map["layer"] == layer]
        for program, g in rows.groupby(rows["program"].replace("", "other"), sort=True):
            shown = esc(theme.program_name(program))
            label = (t("{program} landing site", program=shown) if symbol == "circle"
                     else t("{program} candidate region", program=shown))
            out.append((layer, _markers(g, name=label, symbol=symbol, size=15,
                                        color=theme.program_color(program), line=ink,
                                        program=program)))
    for layer, missing in pole.not_drawn.groupby("layer", sort=False):
        # A key entry with no point: says how many places cannot be drawn.
        not_drawn = t("(no coordinates: not drawn)")
        count = (nt("{n} candidate region", "{n} candidate regions", len(missing))
                 if layer == "candidate_regions" else
                 nt("{n} landing site", "{n} landing sites", len(missing)))
        out.append((str(layer), {
            "type": "scatter", "x": [None], "y": [None], "mode": "markers",
            "name": f"{esc(count)}<br>{esc(not_drawn)}",
            "marker": {"symbol": "square-open", "size": 15, "color": faint},
            "hoverinfo": "skip",
            "meta": {"layer": str(layer), "kind": "not drawn",
                     "site_ids": missing["id"].tolist()}}))
    feats = on_map[on_map["layer"] == "features"]
    if len(feats):
        out.append(("features", _markers(feats, name=t("mountains and other features"),
                                         symbol="triangle-up-open", size=14, color=faint,
                                         line=faint)))
    spots = _label_spots(pole, (lx, ly, ltext))
    kpp = pole.km_per_px
    position = {"left": "middle right", "right": "middle left", "center": "middle center"}
    for layer in NAMED_LAYERS:
        mine = [sp for sp in spots if sp[0] == layer]
        if not mine:
            continue
        nx = [x + ax * kpp for _, x, _y, ax, _ay, _a, _t in mine]
        ny = [y - ay * kpp for _, _x, y, _ax, ay, _a, _t in mine]
        leader_x = [v for sp, x1 in zip(mine, nx, strict=True) for v in (sp[1], x1, None)]
        leader_y = [v for sp, y1 in zip(mine, ny, strict=True) for v in (sp[2], y1, None)]
        out.append((layer, {"type": "scatter", "x": leader_x, "y": leader_y, "mode": "lines",
                            "showlegend": False, "line": {"color": faint, "width": 1},
                            "hoverinfo": "skip", "name": t("name lines"),
                            "meta": {"layer": layer, "kind": "leaders"}}))
        out.append((layer, {
            "type": "scatter", "x": nx, "y": ny, "mode": "text",
            "text": [sp[6] for sp in mine], "showlegend": False,
            "textposition": [position[sp[5]] for sp in mine], "hoverinfo": "skip",
            "textfont": {"size": NAME_FONT, "color": ink}, "cliponaxis": False,
            "name": t("names"), "meta": {"layer": layer, "kind": "labels",
                                         "anchors": [sp[5] for sp in mine]}}))
    return out


def _markers(rows: pd.DataFrame, *, name: str, symbol: str, size: int, color: str, line: str,
             showlegend: bool = True, program: str | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {"layer": str(rows["layer"].iloc[0]), "site_ids": rows["id"].tolist(),
                            **({} if program is None else {"program": program})}
    return {"type": "scatter", "x": rows["x"].tolist(), "y": rows["y"].tolist(),
            "mode": "markers", "name": name, "showlegend": showlegend,
            "marker": {"symbol": symbol, "size": size, "color": color,
                       "line": {"color": line, "width": 1.5}},
            "hovertext": rows["hover"].tolist(), "hovertemplate": "%{hovertext}<extra></extra>",
            "meta": meta}


def _layout(pole: PoleMap, dark: bool) -> dict[str, Any]:
    """The fixed part of the layout: theme, axes, key, scale bar, footer and meta."""
    ink = _colors(dark)[0]
    pad = pole.r_max * PAD
    fig = go.Figure()
    x0, y0 = -pad * 0.95, -pad * 0.95
    fig.add_shape(type="line", x0=x0, x1=x0 + 100, y0=y0, y1=y0,
                  line={"color": ink, "width": 4}, name="scale bar")
    fig.update_xaxes(range=[-pad, pad], visible=False, showgrid=False, zeroline=False,
                     constrain="domain", domain=list(MAP_DOMAIN))
    fig.update_yaxes(range=[-pad, pad], visible=False, showgrid=False, zeroline=False,
                     scaleanchor="x", scaleratio=1, constrain="domain")
    fig.update_layout(legend={"orientation": "v", "x": KEY_X, "y": 1, "xanchor": "left",
                              "yanchor": "top", "title": {"text": esc(t("Key"))},
                              "itemsizing": "constant", "font": {"size": NAME_FONT}},
                      plot_bgcolor="rgba(0,0,0,0)")
    ids = list(pole.on_map["source_ids"]) or list(pole.places["source_ids"])
    finish_figure(fig, pole.ds, name="south_pole", title=_title(pole, ""), source_ids=ids,
                  dark=dark, height=HEIGHT)
    fig.update_layout(margin=MARGIN)
    fig.update_annotations(selector={"name": "source"}, yshift=-FOOTER_GAP_PX)
    layout = fig.layout.to_plotly_json()
    layout["annotations"] = [
        {**empty_note(""), "x": sum(MAP_DOMAIN) / 2},
        {"text": esc(t("100 km")), "x": x0 + 50, "y": y0, "xref": "x", "yref": "y",
         "showarrow": False, "yanchor": "bottom", "yshift": 4,
         "font": {"size": GRID_FONT, "color": ink}, "name": "scale label"},
        *layout["annotations"],
    ]
    return layout


def _title(pole: PoleMap, site: str) -> str:
    """Plain title: the frame, and the chosen site's name."""
    frame = pole.frame_text()
    if not site:
        return t("The Moon's south pole (south of {frame}): where missions aim", frame=frame)
    return t("The Moon's south pole (south of {frame}): {site}", frame=frame,
             site=as_text(pole.places.loc[site, "name"]))


# ---------------------------------------------------------------------------------------------
# build: the options → a spec
# ---------------------------------------------------------------------------------------------


def chosen_layers(pole: PoleMap, layers: Sequence[str] | str | None) -> tuple[str, ...]:
    """``layers`` checked against :data:`LAYERS` (``None``: every layer the data has)."""
    if layers is None:
        return pole.layers
    chosen = (layers,) if isinstance(layers, str) else tuple(layers)
    unknown = [la for la in chosen if la not in LAYERS]
    if unknown:
        raise ValueError(f"unknown layer {unknown[0]!r}; choose from: {', '.join(LAYERS)}")
    return chosen


def checked_site(pole: PoleMap, site: str | None) -> str:
    site = as_text(site)
    if site and site not in pole.places.index:
        raise ValueError(f"unknown site {site!r}; choose one of: {', '.join(pole.sites)}")
    return site


def empty_text(pole: PoleMap, layers: Sequence[str]) -> str | None:
    """The message the map shows when the chosen layers draw nothing (None if they do)."""
    if not layers:
        return t("Nothing selected: pick at least one layer.")
    if pole.drawn_layers.intersection(layers) or set(layers) == {"graticule"}:
        return None
    missing = int(pole.not_drawn["layer"].isin(layers).sum())
    if missing:
        return nt("The {n} candidate region in our data has no published coordinates, "
                  "so the map cannot show it.",
                  "The {n} candidate regions in our data have no published coordinates, "
                  "so the map cannot show them.", missing)
    return t("Nothing in these layers lies south of {frame}.", frame=pole.frame_text())


def build(pole: PoleMap, layers: Sequence[str] | str | None = None, site: str = "",
          *, dark: bool = False) -> Spec:
    """What ``layers`` and ``site`` change, the same traces in the same order for every choice.

    Only the option-dependent parts are in the spec (every trace's ``visible``; the star's
    points and hover; the title and the on-map message), because everything else is the same
    for every choice and made once in :func:`prepare`: :func:`figure_from` merges the two, an
    explorer applies just this (fast), and a static button carries just this.
    """
    layers = chosen_layers(pole, layers)
    site = checked_site(pole, site)
    wanted = set(layers)
    data: list[dict[str, Any]] = [{"visible": layer in wanted} for layer, _ in pole.traces[dark]]
    x, y, hover = pole.stars.get(site, (None, None, None))
    data.append({"x": [] if x is None else [x], "y": [] if y is None else [y],
                 "hovertext": [] if hover is None else [hover]})
    note = empty_text(pole, layers)
    layout: dict[str, Any] = {"title": {"text": esc(_title(pole, site))},
                              "annotations[0].visible": note is not None}
    if note is not None:  # a hidden message keeps its old text (one key less to update)
        layout["annotations[0].text"] = wrap_text(note, NOTE_CHARS)
    return {"data": data, "layout": layout}


def _star(ink: str) -> dict[str, Any]:
    """The outlined star on the chosen site (its points come from :func:`build`): ink, not a
    colour, since every colour already has a meaning."""
    return {"type": "scatter", "x": [], "y": [], "mode": "markers", "name": t("selected site"),
            "marker": {"symbol": "star-open", "size": 30, "color": ink,
                       "line": {"color": ink, "width": 3}},
            "hovertext": [], "hovertemplate": "%{hovertext}<extra></extra>",
            "meta": {"layer": "selected"}}


def figure_from(pole: PoleMap, layers: Sequence[str] | str | None = None, site: str = "",
                *, dark: bool = False) -> go.Figure:
    """The finished figure: :func:`build` merged into the traces and layout of :func:`prepare`
    (themed and finished there with ``finish_figure``: title, footer, meta)."""
    spec = build(pole, layers, site, dark=dark)
    bodies = [trace for _layer, trace in pole.traces[dark]] + [_star(_colors(dark)[0])]
    fig = go.Figure(data=[merge_props(body, part) for body, part in
                          zip(bodies, spec["data"], strict=True)],
                    layout=pole.layouts[dark])
    fig.update_layout(spec["layout"])
    return fig


def figure(ds: Any, layers: Sequence[str] | str | None = None, site: str = "", *,
           lat_limit: float = LAT_LIMIT, dark: bool = False) -> go.Figure:
    """Map of the lunar south pole (south of ``lat_limit``) on plain x/y axes in km.

    Polar stereographic projection: 0° longitude points up (towards Earth), crater rims are
    drawn as true-size circles, and a scale bar shows 100 km. ``layers`` picks from
    :data:`LAYERS`; ``site`` (a site id) is starred and named in the title. Places without
    coordinates cannot be drawn: the key and the summary count them.
    """
    return figure_from(prepare(ds, lat_limit), layers, site, dark=dark)


# ---------------------------------------------------------------------------------------------
# words: summary, site note, choices
# ---------------------------------------------------------------------------------------------


def summary_of(pole: PoleMap, layers: Sequence[str] | str | None = None, site: str = "",
               *, dark: bool = False) -> str:
    """Plain sentences: the area, the sites shown and left out, the craters, the chosen site."""
    layers = chosen_layers(pole, layers)
    site = checked_site(pole, site)
    if not layers:
        return t("Nothing selected: pick at least one layer.")
    p = pole.places
    parts = [t("The map shows the area within {degrees}° of the Moon's south pole.",
               degrees=format_number(90 + pole.lat_limit))]
    site_layers = [la for la in ("landing_sites", "candidate_regions") if la in layers]
    if site_layers:
        mine = p[p["layer"].isin(site_layers)]
        shown = mine[mine["on_map"]]
        north = mine[mine["lat"].notna() & mine["lon"].notna() & ~mine["on_map"]]
        names = format_list([plain(n) for n in shown["name"]], limit=4)
        parts.append(nt("{n} landing site or target is shown ({names}).",
                        "{n} landing sites and targets are shown ({names}).",
                        len(shown), names=names) if len(shown) else
                     t("No landing site or target lies in this area."))
        if len(north):
            parts.append(nt("{n} more is further north and left out.",
                            "{n} more are further north and left out.", len(north)))
        no_xy = mine[mine["lat"].isna() | mine["lon"].isna()]
        if len(no_xy):
            programs = sorted({plain(theme.program_name(x)) for x in no_xy["program"] if x})
            parts.append(nt("{n} candidate site ({programs}) has no coordinates in our data, "
                            "so the map cannot show it.",
                            "{n} candidate sites ({programs}) have no coordinates in our data, "
                            "so the map cannot show them.", len(no_xy),
                            programs=format_list(programs) or t("no program")))
    if "craters" in layers:
        n = int((pole.on_map["layer"] == "craters").sum())
        parts.append(nt("{n} crater rim is drawn at true size.",
                        "{n} crater rims are drawn at true size.", n))
    if site:
        parts.append(starred_sentence(p.loc[site]))
    return " ".join(parts)


def says_its_kind(r: pd.Series) -> bool:
    """Whether a place's name already says what it is ("IM-1 Odysseus landing site", a crash
    site, "沙克尔顿撞击坑"), so its kind is not said again after it."""
    return r["layer"] == "landing_sites" or kind_word(r["kind"]).casefold() in \
        as_text(r["name"]).casefold()


def starred_sentence(r: pd.Series) -> str:
    """The caption's sentence about the chosen site: what the star marks, and where.

    A name that says what the place is comes alone; otherwise with its kind ("the crater
    Shackleton").
    """
    name, kind = plain(r["name"]), kind_word(r["kind"])
    if not says_its_kind(r):
        name = t("the {kind} {name}", kind=kind, name=name)
    if r["on_map"]:
        return t("The star marks {name} at {where}.", name=name,
                 where=coord_text(float(r["lat"]), float(r["lon"])))
    if pd.isna(r["lat"]) or pd.isna(r["lon"]):
        return t("The map cannot mark {name}: its centre coordinates are not published.",
                 name=name)
    return t("This map does not reach as far as {name}.", name=name)


def summary(ds: Any, layers: Sequence[str] | str | None = None, site: str = "", *,
            lat_limit: float = LAT_LIMIT, dark: bool = False) -> str:
    """Plain sentences about :func:`figure` with the same options."""
    return summary_of(prepare(ds, lat_limit), layers, site, dark=dark)


#: In the static form's note (which has no scroll bar): at most this many summary lines
#: and sources; the explorer's panel shows them all.
NOTE_SUMMARY_LINES = 6
NOTE_SOURCES = 2


def site_info(pole: PoleMap, site: str, width: int | None = None) -> str:
    """Note about one site (markup for an HTML widget or a Plotly annotation).

    Name and kind, where, diameter, missions, the summary and the sources (linked). With
    ``width``, lines are wrapped to about that many characters (a Plotly note has no width).
    """
    if not site:
        pick = t("Pick a site to read about it.")
        return f"<i>{esc(pick)}</i>"
    r = pole.places.loc[checked_site(pole, site)]
    where = (coord_text(float(r["lat"]), float(r["lon"])) if not pd.isna(r["lat"])
             and not pd.isna(r["lon"]) else t("no published centre coordinates"))
    lines = [t("Where: {where}", where=where)]
    if not pd.isna(r["diameter_km"]):
        lines.append(t("Diameter: {km} km", km=format_number(float(r["diameter_km"]))))
    if r["missions"]:
        lines.append(t("Missions: {names}", names=format_list(r["missions"])))

    def wrapped(text: str) -> list[str]:
        return [text] if width is None else wrap_lines(
            text, width, break_long_words=False) or [""]

    summary = wrapped(as_text(r["summary"]))
    if width is not None and len(summary) > NOTE_SUMMARY_LINES:  # a note must fit the screen
        summary = [*summary[:NOTE_SUMMARY_LINES - 1], summary[NOTE_SUMMARY_LINES - 1] + " …"]
    name, kind = as_text(r["name"]), kind_word(r["kind"])
    gap = "<br>" if width is not None and len(name) + len(kind) + 3 > width else " "
    out = [f"<b>{esc(name)}</b>" + ("" if says_its_kind(r) else f"{gap}({esc(kind)})")]
    out += [esc(piece) for text in lines for piece in wrapped(text)]
    out += [esc(piece) for piece in summary]
    sources = source_names(pole.sources, r["source_ids"])
    out.append(esc(nt("Source:", "Sources:", len(sources))) if sources
               else esc(t("Source: not recorded")))
    if width is not None and len(sources) > NOTE_SOURCES:
        more = len(sources) - NOTE_SOURCES
        sources = sources[:NOTE_SOURCES]
        tail = [esc(nt("and {n} more (see the sources on this page)",
                       "and {n} more (see the sources on this page)", more))]
    else:
        tail = []
    for name, url in sources:
        for piece in wrapped(name):
            out.append(f'<a href="{esc(url)}" target="_blank">{esc(piece)}</a>' if url
                       else esc(piece))
    return "<br>".join(out + tail)


def site_options(pole: PoleMap) -> list[tuple[str, str]]:
    """``(label, id)`` for the site control: none, landing sites, craters, features, regions."""
    places = pole.places
    return [(t("(no site)"), "")] + [
        (as_text(places.loc[i, "name"]) if says_its_kind(places.loc[i]) else
         t("{name} ({kind})", name=as_text(places.loc[i, "name"]),
           kind=kind_word(places.loc[i, "kind"])), i) for i in pole.sites]


def layer_options(pole: PoleMap) -> list[tuple[str, str]]:
    """``(label, layer)`` for the layers control (layers the data has)."""
    return [(layer_label(la), la) for la in pole.layers]


def default_site(pole: PoleMap) -> str:
    return DEFAULT_SITE if DEFAULT_SITE in pole.sites else ""


# ---------------------------------------------------------------------------------------------
# static form: Plotly's own menus (made in .south_pole_menus from build() and summary_of())
# ---------------------------------------------------------------------------------------------


def static_form(pole: PoleMap, layers: Sequence[str] | str | None = None, site: str = "",
                *, dark: bool = False) -> go.Figure:
    """The figure with a layers menu and short site menus (see :mod:`.south_pole_menus`)."""
    from . import south_pole_menus

    return south_pole_menus.static_form(pole, layers, site, dark=dark)


def static_summary(pole: PoleMap, layers: Sequence[str] | str | None = None, site: str = "",
                   *, dark: bool = False) -> str:
    """Summary of the static form as it opens (see :mod:`.south_pole_menus`)."""
    from . import south_pole_menus

    return summary_of(pole, **south_pole_menus.static_options(pole, layers, site, dark=dark))
