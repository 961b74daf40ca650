"""Live explorer of the partner map: who had joined by a chosen year."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
import plotly.graph_objects as go

from ..charts.common import (
    as_text,
    cite,
    date_label,
    empty_note,
    esc,
    finish_figure,
    hover_text,
    plain,
)
from ..theme import FRAMEWORK_COLORS
from .base import (
    DESCRIPTION_STYLE,
    Explorer,
    count_text,
)

FRAMEWORK_CHOICES = ("both", "ILRS", "Artemis Accords")
_MAP_TRACES = (  # (trace key, shown for framework choice, colour key, legend label)
    ("ILRS only", "both", "ILRS", "ILRS only"),
    ("Artemis Accords only", "both", "Artemis Accords", "Artemis Accords only"),
    ("both", "both", "both", "both"),
    ("ILRS all", "ILRS", "ILRS", "ILRS"),
    ("Artemis Accords all", "Artemis Accords", "Artemis Accords", "Artemis Accords"),
)


class PartnerExplorer(Explorer):
    """Who had joined the ILRS and the Artemis Accords by a chosen year: map and count."""

    name = "partner_map"
    empty_text = "Nobody had joined yet in this year"

    def _prepare(self) -> None:
        from ..assets import country_centroids, topojson_country_ids

        p = self.ds.partners.copy()
        p = p[p["joined_on_start"].notna()].reset_index(drop=True)
        p["year"] = p["joined_on_start"].dt.year
        p["iso3"] = p["iso3"].fillna("").astype(str)
        p["kind"] = p["kind"].fillna("country").astype(str)
        p["when"] = [date_label(s, pr) for s, pr in
                     zip(p["joined_on_start"], p["joined_on_precision"], strict=True)]
        self.p = p
        self.shapes = topojson_country_ids()
        self.centroids = country_centroids()
        lo = int(p["year"].min()) if len(p) else int(self.ds.as_of.year)
        hi = max(int(self.ds.as_of.year), int(p["year"].max()) if len(p) else lo)
        self.year_bounds = (lo, hi)
        # Per year: what each map trace shows, and the counts (all precomputed).
        self.frames: dict[int, dict[str, Any]] = {y: self._compute(y) for y in range(lo, hi + 1)}

    def _compute(self, year: int) -> dict[str, Any]:
        p = self.p[self.p["year"] <= year]
        counts = {fw: {"country": int(((p["framework"] == fw) & (p["kind"] == "country")).sum()),
                       "organization": int(((p["framework"] == fw)
                                            & (p["kind"] == "organization")).sum())}
                  for fw in ("ILRS", "Artemis Accords")}
        countries = p[(p["kind"] == "country") & (p["iso3"] != "")]
        info: dict[str, dict[str, Any]] = {}
        for r in countries.itertuples():
            d = info.setdefault(r.iso3, {"entity": r.entity, "joined": {}, "sources": []})
            d["joined"][r.framework] = r.when
            d["sources"].append(as_text(r.source_ids))
        traces: dict[str, dict[str, list[Any]]] = {}
        for key, _choice, _color, _label in _MAP_TRACES:
            big: dict[str, list[Any]] = {"locations": [], "hovertext": []}
            small: dict[str, list[Any]] = {"lon": [], "lat": [], "hovertext": []}
            for iso3, d in sorted(info.items()):
                fws = set(d["joined"])
                keep = {
                    "ILRS only": fws == {"ILRS"},
                    "Artemis Accords only": fws == {"Artemis Accords"},
                    "both": len(fws) == 2,
                    "ILRS all": "ILRS" in fws,
                    "Artemis Accords all": "Artemis Accords" in fws,
                }[key]
                if not keep:
                    continue
                hover = hover_text(f"<b>{esc(d['entity'])}</b>",
                               "<br>".join(f"{esc(fw)}: joined {esc(t)}"
                                           for fw, t in sorted(d["joined"].items())),
                               esc(cite(self.ds, ";".join(d["sources"]))))
                if iso3 in self.shapes:
                    big["locations"].append(iso3)
                    big["hovertext"].append(hover)
                elif iso3 in self.centroids:
                    small["lon"].append(self.centroids[iso3][0])
                    small["lat"].append(self.centroids[iso3][1])
                    small["hovertext"].append(hover)
            traces[key] = {"big": big, "small": small}
        return {"counts": counts, "traces": traces}

    def _make_controls(self) -> dict[str, w.Widget]:
        o = self.options
        return {
            "framework": w.Dropdown(options=[("ILRS and Artemis Accords", "both"),
                                             ("ILRS", "ILRS"),
                                             ("Artemis Accords", "Artemis Accords")],
                                    value=o.get("framework", "both"), description="Show",
                                    style=DESCRIPTION_STYLE),
            "year": w.IntSlider(value=o.get("year", self.year_bounds[1]),
                                min=self.year_bounds[0], max=self.year_bounds[1],
                                description="By the end of", continuous_update=False,
                                style=DESCRIPTION_STYLE, layout=w.Layout(width="28em")),
        }

    def _extra_widgets(self) -> list[w.Widget]:
        self.count_label = w.HTML(layout=w.Layout(margin="0 0 0 1em"))
        return [self.count_label]

    def _base_figure(self) -> go.Figure:
        fig = go.Figure()
        for key, _choice, color_key, label in _MAP_TRACES:
            color = FRAMEWORK_COLORS[color_key]
            fig.add_trace(go.Choropleth(
                locations=[], z=[], locationmode="ISO-3", colorscale=[[0, color], [1, color]],
                zmin=0, zmax=1, showscale=False, name=html.escape(label), legendgroup=key,
                showlegend=True, marker={"line": {"color": "white", "width": 0.5}}, hovertext=[],
                hovertemplate="%{hovertext}<extra></extra>", meta={"key": key, "part": "big"}))
            fig.add_trace(go.Scattergeo(
                lon=[], lat=[], mode="markers", name=html.escape(label) + " (small country)",
                legendgroup=key, showlegend=False, hovertext=[],
                marker={"size": 10, "color": color, "line": {"color": "black", "width": 1}},
                hovertemplate="%{hovertext}<extra></extra>", meta={"key": key, "part": "small"}))
        fig.add_annotation(**empty_note(self.empty_text))
        fig.update_geos(projection_type="natural earth", showcountries=True, showland=True,
                        showocean=False, showframe=False, resolution=110, scope="world",
                        lataxis_range=[-58, 85])
        # The colour key: choropleths stay out of the legend unless asked (showlegend above).
        fig.update_layout(legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0,
                                  "title": {"text": "<b>Colour key:</b> "},
                                  "itemclick": False, "itemdoubleclick": False},
                          margin={"l": 10, "r": 10, "t": 90})
        finish_figure(fig, self.ds, name=self.name, title="Members",
                      source_ids=self.p["source_ids"], dark=False, height=560)
        return fig

    def _count_text(self, year: int, framework: str) -> str:
        counts = self.frames[year]["counts"]
        parts = []
        for fw in ("ILRS", "Artemis Accords"):
            if framework not in ("both", fw):
                continue
            c = counts[fw]
            n = c["country"] + c["organization"]
            detail = (f" ({count_text(c['country'], 'country', 'countries')}, "
                      f"{count_text(c['organization'], 'organization')})"
                      if c["organization"] else "")
            parts.append(f"{fw}: {n} member{'s' if n != 1 else ''}{detail}")
        return f"By the end of {year}: " + "; ".join(parts)

    def _update(self, values: dict[str, Any]) -> None:
        year, framework = int(values["year"]), values["framework"]
        frame = self.frames[year]
        shown = 0
        for i, (key, choice, _c, _l) in enumerate(_MAP_TRACES):
            big_t, small_t = self.figure.data[2 * i], self.figure.data[2 * i + 1]
            visible = choice == framework
            big_t.visible = visible
            small_t.visible = visible
            if not visible:
                continue
            big, small = frame["traces"][key]["big"], frame["traces"][key]["small"]
            big_t.locations = big["locations"]
            big_t.z = [1] * len(big["locations"])
            big_t.hovertext = big["hovertext"]
            small_t.lon, small_t.lat = small["lon"], small["lat"]
            small_t.hovertext = small["hovertext"]
            small_t.showlegend = not big["locations"] and bool(small["lon"])
            shown += len(big["locations"]) + len(small["lon"])
        text = self._count_text(year, framework)
        self.figure.layout.title.text = html.escape(text)
        self.count_label.value = f"<b>{html.escape(text)}</b>"
        self._set_empty(None if shown else f"No member countries yet by the end of {year}")

    def summary(self) -> str:
        values = self.values()
        year, framework = int(values["year"]), values["framework"]
        text = self._count_text(year, framework) + "."
        traces = self.frames[year]["traces"]
        if framework == "both":
            both = len(traces["both"]["big"]["locations"]) + len(traces["both"]["small"]["lon"])
            text += f" {both} countr{'y is' if both == 1 else 'ies are'} in both."
        orgs = sum(self.frames[year]["counts"][fw]["organization"]
                   for fw in ("ILRS", "Artemis Accords") if framework in ("both", fw))
        if orgs:
            text += (f" {count_text(orgs, 'organization')} {'is' if orgs == 1 else 'are'} members "
                     "too but not on the map.")
        partners = self.ds.partners
        chosen = [fw for fw in ("ILRS", "Artemis Accords") if framework in ("both", fw)]
        undated = partners[partners["framework"].isin(chosen) & partners["joined_on"].isna()]
        if len(undated):
            names = "; ".join(plain(str(e)) for e in undated["entity"])
            text += (f" {len(undated)} more {'member has' if len(undated) == 1 else 'members have'}"
                     f" no known joining date, so {'it is' if len(undated) == 1 else 'they are'}"
                     f" not counted here: {names}.")
        return text

    def to_figure(self) -> go.Figure:
        """Framework buttons (trace visibility) and a year slider (trace data + title)."""
        fig = self._finish_static(self.figure)
        lo, hi = self.year_bounds
        steps = []
        for year in range(lo, hi + 1):
            frame = self.frames[year]
            data: dict[str, list[Any]] = {"locations": [], "z": [], "hovertext": [], "lon": [],
                                          "lat": []}
            for key, *_ in _MAP_TRACES:
                big, small = frame["traces"][key]["big"], frame["traces"][key]["small"]
                data["locations"] += [big["locations"], None]
                data["z"] += [[1] * len(big["locations"]), None]
                data["lon"] += [None, small["lon"]]
                data["lat"] += [None, small["lat"]]
                data["hovertext"] += [big["hovertext"], small["hovertext"]]
            # null (None) removes an attribute: scattergeo must not get `locations`, or
            # plotly.js would place its points by location code instead of lon/lat.
            upd = dict(data)
            counts = frame["counts"]
            title = (f"By the end of {year}: ILRS "
                     f"{counts['ILRS']['country'] + counts['ILRS']['organization']}, "
                     f"Artemis Accords "
                     f"{sum(counts['Artemis Accords'].values())} members")
            steps.append({"label": str(year), "method": "update",
                          "args": [upd, {"title.text": html.escape(title)}]})
        # Every trace opens with the chosen year's data (the live figure only fills the
        # traces it shows), so the framework buttons work before the slider is touched.
        opening = steps[self.controls["year"].value - lo]["args"][0]
        for i, trace in enumerate(fig.data):
            for attr in ("locations", "z", "lon", "lat", "hovertext"):
                value = opening[attr][i]
                if value is not None:
                    setattr(trace, attr, value)
        fig.update_layout(sliders=[{
            "active": self.controls["year"].value - lo, "steps": steps,
            "currentvalue": {"prefix": "By the end of "}, "pad": {"t": 10}, "x": 0,
            "y": 0, "yanchor": "top", "len": 1.0, "name": "year"}])
        for note in fig.layout.annotations:  # the source line goes below the slider
            if note.name == "source":
                note.yshift = -130
        fig.update_layout(margin={"b": 170}, height=620)
        buttons = []
        for label, choice in (("Both", "both"), ("ILRS", "ILRS"),
                              ("Artemis Accords", "Artemis Accords")):
            vis = [c == choice for _, c, *_ in _MAP_TRACES for _part in (0, 1)]
            buttons.append({"label": label, "method": "restyle", "args": [{"visible": vis}]})
        self._menus_band(fig, [{
            "type": "buttons", "direction": "right", "buttons": buttons, "name": "framework",
            "active": FRAMEWORK_CHOICES.index(self.controls["framework"].value)}])
        return fig
