"""Live explorer of the south pole map: layers and a site to read about."""

from __future__ import annotations

import html
import textwrap
from typing import Any

import ipywidgets as w
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import theme
from ..charts.common import (
    MOON_RADIUS_KM,
    as_text,
    cite,
    empty_note,
    esc,
    finish_figure,
    hover_text,
    place_labels,
    plain,
)
from ..charts.south_pole import coord_text, project_south_pole, rim, site_label
from .base import (
    DESCRIPTION_STYLE,
    Explorer,
)

POLE_LAYERS: tuple[tuple[str, str], ...] = (
    ("grid", "graticule"), ("crater rims", "craters"), ("landing sites", "landing_sites"),
    ("candidate regions", "candidate_regions"), ("other features", "features"),
)
KIND_WORDS = {"crater": "crater", "basin": "impact basin", "landing_site": "landing site",
              "candidate_region": "candidate landing region", "massif": "mountain (massif)",
              "other": "other feature"}


class SouthPoleExplorer(Explorer):
    """The Moon's south pole on our own polar-stereographic map; pick a site to read about it."""

    name = "south_pole"
    empty_text = "Nothing selected — pick at least one layer"
    #: Size (px) the square map is drawn at (700 px figure; 900 px static form), for label
    #: placement; characters per line of the static form's site notes and their line height.
    MAP_PX = 500
    INFO_CHARS = 105
    INFO_LINE_PX = 17
    LABEL_FONT = 14

    def _prepare(self) -> None:
        self.lat_limit = float(self.options.get("lat_limit", -80.0))
        s = self.ds.sites.copy()
        for col in ("lat", "lon", "diameter_km"):
            s[col] = pd.to_numeric(s[col], errors="coerce")
        s["kind"] = s["kind"].fillna("other").astype(str)
        s["program"] = s["program"].fillna("").astype(str)
        inside = s["lat"].le(self.lat_limit) | s["lat"].isna()
        s = s[inside].reset_index(drop=True)
        s["layer"] = np.select(
            [s["kind"].isin(["crater", "basin"]), s["kind"].eq("landing_site"),
             s["kind"].eq("candidate_region")],
            ["craters", "landing_sites", "candidate_regions"], default="features")
        x, y = project_south_pole(s["lat"].fillna(-90), s["lon"].fillna(0))
        s["x"], s["y"] = np.where(s["lat"].notna(), x, np.nan), np.where(s["lat"].notna(), y,
                                                                         np.nan)
        by_site: dict[str, list[str]] = {}
        for sid, name in zip(self.ds.missions["site_id"], self.ds.missions["name"], strict=True):
            if as_text(sid):
                by_site.setdefault(str(sid), []).append(as_text(name))
        self.by_site = by_site
        s["hover"] = [hover_text(f"<b>{esc(r.name)}</b> ({esc(KIND_WORDS.get(r.kind, r.kind))})",
                             coord_text(r.lat, r.lon) if not pd.isna(r.lat) else "",
                             esc(cite(self.ds, r.source_ids))) for r in s.itertuples()]
        s["label"] = [esc(n) for n in s["name"]]
        self.s = s
        self.r_max = float(2 * MOON_RADIUS_KM * np.tan(np.radians(90 + self.lat_limit) / 2))
        # Graticule and crater rims, projected once.
        gx: list[Any] = []
        gy: list[Any] = []
        ring = np.linspace(0, 360, 181)
        for la in np.arange(-88.0, self.lat_limit - 0.01, -2.0):
            px_, py_ = project_south_pole(np.full_like(ring, la), ring)
            gx += [*px_.tolist(), None]
            gy += [*py_.tolist(), None]
        for lo in range(0, 360, 30):
            px_, py_ = project_south_pole([-90, self.lat_limit], [lo, lo])
            gx += [*px_.tolist(), None]
            gy += [*py_.tolist(), None]
        self.grid = (gx, gy)
        rx: list[Any] = []
        ry: list[Any] = []
        rh: list[Any] = []
        for r in s[(s["layer"] == "craters") & s["diameter_km"].notna()
                   & s["lat"].notna()].itertuples():
            cx, cy = rim(float(r.lat), float(r.lon), float(r.diameter_km))
            rx += [*cx.tolist(), None]
            ry += [*cy.tolist(), None]
            rh += [r.hover] * len(cx) + [None]
        self.rims = (rx, ry, rh)
        self.sources = {str(i): (t, u) for i, t, u in
                        zip(self.ds.sources["id"], self.ds.sources["title"],
                            self.ds.sources["url"], strict=True)}
        self.label_spots = self._label_spots()

    @property
    def km_per_px(self) -> float:
        """Map kilometres per screen pixel (the map is about MAP_PX pixels across)."""
        return 2 * self.r_max * 1.12 / self.MAP_PX

    def _label_spots(self) -> list[tuple[str, float, float, float, float, str, str]]:
        """Where each name goes: the charts' greedy placement (``place_labels``), no overlaps.

        Landing sites are placed first, then craters (largest first), then other features;
        every marker is kept clear. Returns (layer, x, y, ax, ay, xanchor, escaped text).
        """
        kpp = self.km_per_px
        drawn = self.s[self.s["x"].notna()].copy()
        drawn["rank"] = drawn["layer"].map({"landing_sites": 0, "candidate_regions": 1,
                                            "craters": 2}).fillna(3)
        drawn["size"] = drawn["diameter_km"].fillna(0)
        drawn = drawn.sort_values(["rank", "size"], ascending=[True, False], kind="stable")
        blocked = [(x - 9 * kpp, y - 9 * kpp, x + 9 * kpp, y + 9 * kpp)
                   for x, y in zip(drawn["x"], drawn["y"], strict=True)]
        # Crater rims too (a square a little inside each circle), so names sit beside them.
        for r in drawn[(drawn["layer"] == "craters") & drawn["diameter_km"].notna()].itertuples():
            half = 0.72 * float(r.diameter_km) / 2
            blocked.append((r.x - half, r.y - half, r.x + half, r.y + half))
        items = []
        for r in drawn.itertuples():
            text = site_label(r.name) if r.layer == "landing_sites" else as_text(r.name)
            clear = (float(r.diameter_km) / 2 if r.layer == "craters"
                     and not pd.isna(r.diameter_km) else 0.0) + 8 * kpp
            items.append((float(r.x), float(r.y), text, clear))
        placed = place_labels(items, blocked, kpp)
        return [(r.layer, x, y, ax, ay, anchor, esc(text))
                for r, (x, y, text, _c), (ax, ay, anchor) in
                zip(drawn.itertuples(), items, placed, strict=True)]

    def _make_controls(self) -> dict[str, w.Widget]:
        o = self.options
        options = [("(none)", "")] + [
            (f"{n} ({KIND_WORDS.get(k, k)})", str(i))
            for n, k, i in sorted(zip(self.s["name"], self.s["kind"], self.s["id"],
                                      strict=True), key=lambda t: str(t[0]).lower())]
        ids = {v for _, v in options}
        default_site = o.get("site", "shackleton" if "shackleton" in ids else "")
        return {
            "site": w.Dropdown(options=options,
                               value=default_site if default_site in ids else "",
                               description="Site", style=DESCRIPTION_STYLE,
                               layout=w.Layout(width="30em")),
            "layers": w.SelectMultiple(options=list(POLE_LAYERS),
                                       value=tuple(o.get("layers") or [v for _, v in
                                                                         POLE_LAYERS]),
                                       rows=len(POLE_LAYERS), description="Layers",
                                       style=DESCRIPTION_STYLE),
        }

    def _extra_widgets(self) -> list[w.Widget]:
        self.info = w.HTML(layout=w.Layout(border="1px solid #BBBBBB", padding="0.5em",
                                           width="100%"))
        return [self.info]

    def _base_figure(self) -> go.Figure:
        fig = go.Figure()
        gx, gy = self.grid
        fig.add_trace(go.Scatter(x=gx, y=gy, mode="lines", name="grid", showlegend=False,
                                 line={"color": "#AAAAAA", "width": 1}, hoverinfo="skip",
                                 meta={"layer": "graticule"}))
        rx, ry, rh = self.rims
        fig.add_trace(go.Scatter(x=rx, y=ry, mode="lines", name="crater rims (true size)",
                                 line={"color": "#1A1A1A", "width": 2}, hovertext=rh,
                                 hovertemplate="%{hovertext}<extra></extra>",
                                 meta={"layer": "craters"}))
        styles = {
            "craters": ("crater names", "circle-open", "#1A1A1A", 6),
            "landing_sites": ("landing sites", "circle", theme.PALETTE["vermillion"], 13),
            "candidate_regions": ("candidate regions", "square", theme.PALETTE["blue"], 13),
            "features": ("mountains and other features", "triangle-up-open", "#777777", 12),
        }
        for layer, (label, symbol, color, size) in styles.items():
            g = self.s[(self.s["layer"] == layer) & self.s["x"].notna()]
            colors = [theme.program_color(p) if p else color for p in g["program"]]
            fig.add_trace(go.Scatter(
                x=g["x"].tolist(), y=g["y"].tolist(), mode="markers", name=label,
                marker={"symbol": symbol, "size": size, "color": colors,
                        "line": {"color": "#1A1A1A", "width": 1}},
                hovertext=g["hover"].tolist(), hovertemplate="%{hovertext}<extra></extra>",
                meta={"layer": layer, "site_ids": g["id"].astype(str).tolist()}))
        # Names (and thin leader lines) as one text trace per layer, so they show and hide
        # with their layer at the cost of one trace property.
        kpp = self.km_per_px
        position = {"left": "middle right", "right": "middle left", "center": "middle center"}
        for layer in styles:
            spots = [sp for sp in self.label_spots if sp[0] == layer]
            if not spots:
                continue
            lx = [x + ax * kpp for _, x, _y, ax, _ay, _a, _t in spots]
            ly = [y - ay * kpp for _, _x, y, _ax, ay, _a, _t in spots]
            leader_x: list[Any] = []
            leader_y: list[Any] = []
            for (_, x, y, *_rest), x1, y1 in zip(spots, lx, ly, strict=True):
                leader_x += [x, x1, None]
                leader_y += [y, y1, None]
            fig.add_trace(go.Scatter(x=leader_x, y=leader_y, mode="lines", showlegend=False,
                                     line={"color": "#8A8A8A", "width": 1}, hoverinfo="skip",
                                     name="name lines", meta={"layer": layer, "kind": "leaders"}))
            fig.add_trace(go.Scatter(
                x=lx, y=ly, mode="text", text=[sp[6] for sp in spots], showlegend=False,
                textposition=[position[sp[5]] for sp in spots], hoverinfo="skip",
                textfont={"size": self.LABEL_FONT, "color": "#1A1A1A"}, cliponaxis=False,
                name="names", meta={"layer": layer, "kind": "labels",
                                    "anchors": [sp[5] for sp in spots]}))
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name="selected site",
                                 marker={"symbol": "star", "size": 24, "color": "#F0E442",
                                         "line": {"color": "#000000", "width": 2}},
                                 hoverinfo="skip", meta={"layer": "selected"}))
        fig.add_annotation(**empty_note(self.empty_text))
        pad = self.r_max * 1.12
        fig.update_xaxes(range=[-pad, pad], visible=False, showgrid=False, zeroline=False,
                         constrain="domain")
        fig.update_yaxes(range=[-pad, pad], visible=False, showgrid=False, zeroline=False,
                         scaleanchor="x", scaleratio=1, constrain="domain")
        fig.update_layout(legend={"orientation": "v", "x": 1.02, "y": 1},
                          margin={"l": 20, "r": 20, "t": 80})
        title = f"The Moon's south pole (south of {abs(self.lat_limit):g}° S)"
        finish_figure(fig, self.ds, name=self.name, title=title, source_ids=self.s["source_ids"],
                dark=False, height=700)
        return fig

    def site_info_html(self, site_id: str, wrap: int | None = None) -> str:
        """HTML for the info panel: name, coordinates, kind, size, summary, missions, source.

        With ``wrap``, every line is broken to at most about ``wrap`` characters (the static
        form's note has no width of its own) and the source line is not made smaller.
        """
        if not site_id:
            return "<i>Pick a site to read about it.</i>"
        r = self.s[self.s["id"].astype(str) == site_id].iloc[0]
        where = ("no published centre coordinates" if pd.isna(r["lat"])
                 else coord_text(float(r["lat"]), float(r["lon"])))
        missions = self.by_site.get(site_id, [])
        sources = []
        for sid in as_text(r["source_ids"]).split(";"):
            sid = sid.strip()
            if not sid:
                continue
            title, url = self.sources.get(sid, (sid, ""))
            sources.append(f"{as_text(title)} — {as_text(url)}" if as_text(url) else as_text(title))
        # (bold lead-in, plain text) per line; the text is escaped (and wrapped) below.
        lines: list[tuple[str, str]] = [
            (f"<b>{esc(r['name'])}</b> ", f"({KIND_WORDS.get(r['kind'], r['kind'])})"),
            ("<b>Where:</b> ", where)]
        if not pd.isna(r["diameter_km"]):
            lines.append(("<b>Diameter:</b> ", f"{float(r['diameter_km']):g} km"))
        if missions:
            lines.append(("<b>Missions:</b> ", ", ".join(missions)))
        lines.append(("", as_text(r["summary"])))
        lines.append(("<b>Source:</b> ", "; ".join(sources) or "not recorded"))
        out = []
        for lead, text in lines:
            if wrap is None:
                out.append(lead + esc(text))
                continue
            first = max(20, wrap - len(html.unescape(lead.replace("<b>", "")
                                                     .replace("</b>", ""))))
            pieces = textwrap.wrap(text, first, break_long_words=False,
                                   break_on_hyphens=False) or [""]
            rest = textwrap.wrap(" ".join(pieces[1:]), wrap, break_long_words=False,
                                 break_on_hyphens=False)
            out.append(lead + "<br>".join(esc(x) for x in [pieces[0], *rest]))
        if wrap is None:
            out[-1] = f"<small>{out[-1]}</small>"
        return "<br>".join(out)

    def _update(self, values: dict[str, Any]) -> None:
        layers = set(values["layers"])
        for trace in self.figure.data[:-1]:
            vis = trace.meta["layer"] in layers
            if trace.visible != vis:
                trace.visible = vis
        site = values["site"]
        star = self.figure.data[-1]
        row = self.s[self.s["id"].astype(str) == site] if site else self.s.iloc[:0]
        if len(row) and not pd.isna(row["x"].iloc[0]):
            star.x, star.y = [float(row["x"].iloc[0])], [float(row["y"].iloc[0])]
        else:
            star.x, star.y = [], []
        self.info.value = self.site_info_html(site)
        title = f"The Moon's south pole (south of {abs(self.lat_limit):g}° S)"
        if len(row):
            title += f": {as_text(row['name'].iloc[0])}"
        self.figure.layout.title.text = html.escape(title)
        self._set_empty(None if layers else self.empty_text)

    def summary(self) -> str:
        values = self.values()
        layers = set(values["layers"])
        if not layers:
            return "Nothing selected - pick at least one layer."
        shown = self.s[self.s["layer"].isin(layers) & self.s["x"].notna()]
        text = (f"The map shows {len(shown)} place{'s' if len(shown) != 1 else ''} within "
                f"{90 + self.lat_limit:g}° of the Moon's south pole.")
        if values["site"]:
            r = self.s[self.s["id"].astype(str) == values["site"]].iloc[0]
            where = ("with no published centre coordinates" if pd.isna(r["lat"]) else
                     "at " + coord_text(float(r["lat"]), float(r["lon"])))
            text += (f" Selected: {plain(r['name'])}, a "
                     f"{KIND_WORDS.get(r['kind'], r['kind'])} {where}.")
        return text

    def to_figure(self) -> go.Figure:
        """Layer buttons (visibility of the layer traces) and a site dropdown (star + note)."""
        fig = self._finish_static(self.figure)
        n = len(fig.data)
        star_index = n - 1
        layer_buttons = [{"label": "All layers", "method": "restyle",
                          "args": [{"visible": True}, list(range(n - 1))]}]
        for label, layer in POLE_LAYERS:
            vis = [t.meta["layer"] in (layer, "graticule") for t in fig.data[:-1]]
            layer_buttons.append({"label": html.escape(label), "method": "restyle",
                                  "args": [{"visible": vis}, list(range(n - 1))]})
        for trace in fig.data:  # opens on "All layers", whatever the live choice
            trace.visible = True
        site_buttons = []
        for label, site in self.controls["site"].options:
            row = self.s[self.s["id"].astype(str) == site] if site else self.s.iloc[:0]
            has_xy = bool(len(row)) and not pd.isna(row["x"].iloc[0])
            xy = ([[float(row["x"].iloc[0])]], [[float(row["y"].iloc[0])]]) if has_xy \
                else ([[]], [[]])
            info = self.site_info_html(site, wrap=self.INFO_CHARS)
            site_buttons.append({
                "label": html.escape(label), "method": "update",
                "args": [{"x": xy[0], "y": xy[1]},
                         {"annotations[1].text": info if site else ""},
                         [star_index]]})
        # The site note hangs under the map (wrapped, so it stays inside the figure); the
        # source line goes under the longest note.
        lines = max(b["args"][1]["annotations[1].text"].count("<br>") + 1
                    for b in site_buttons)
        info_px = lines * self.INFO_LINE_PX + 12
        fig.add_annotation(text="", xref="paper", yref="paper", x=0, y=0, yshift=-8,
                           xanchor="left", yanchor="top", align="left", showarrow=False,
                           font={"size": 13}, name="site-info", bgcolor="rgba(255,255,255,0.9)")
        fig.update_annotations(selector={"name": "source"}, yshift=-(info_px + 16))
        idx = [i for i, a in enumerate(fig.layout.annotations) if a.name == "site-info"][0]
        for b in site_buttons:
            text = b["args"][1].pop("annotations[1].text")
            b["args"][1][f"annotations[{idx}].text"] = text
        current = [v for _, v in self.controls["site"].options].index(
            self.controls["site"].value)
        fig.layout.annotations[idx].text = site_buttons[current]["args"][1][
            f"annotations[{idx}].text"]
        bottom = info_px + 16 + 40
        fig.update_layout(height=640 + bottom, margin={"b": bottom})
        self._menus_band(fig, [
            {"type": "dropdown", "buttons": layer_buttons, "name": "layers", "active": 0},
            {"type": "dropdown", "buttons": site_buttons, "name": "site", "active": current}])
        return fig
