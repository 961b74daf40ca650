"""Live explorer of the mission timeline chart."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import ipywidgets as w
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import theme
from ..charts.common import (
    FOOTER_MARGIN,
    as_text,
    cite,
    date_label,
    empty_note,
    esc,
    finish_figure,
    hover_text,
    label_lanes,
    plain,
)
from ..theme import STATUS_COLORS, STATUS_LABELS, STATUS_SYMBOLS
from .base import (
    DESCRIPTION_STYLE,
    EPOCH,
    Explorer,
    days_since_epoch,
    iso,
)


class MissionTimelineExplorer(Explorer):
    """Missions by program over time, filtered by program, agency, crew, status and years.

    A launch date known only to the year or month is a bar over that whole period; only
    day-precise dates are drawn as points. Names go to label lanes (the same
    :func:`~lunarexplainer.charts.common.label_lanes` as the mission timeline figure) so they never
    overlap, the key sits above the chart and the x axis leaves room for the last names.
    """

    name = "mission_timeline"
    empty_text = "Nothing selected — pick at least one program"
    #: Plot width (px) assumed when estimating label lengths (a notebook at 1280 px).
    PLOT_PX = 950
    #: Height of one label lane (px), most lanes in one program's row, gap between rows.
    LANE_PX = 24
    MAX_LANES = 10
    ROW_GAP = 0.8
    #: Pixels from the top: title, menus (static form only), key (2 rows), 'today' label.
    TITLE_PX = 52
    MENU_PX = 44
    KEY_PX = 64
    MARGIN_B = FOOTER_MARGIN

    def _prepare(self) -> None:
        m = self.ds.missions.copy()
        m = m[m["launch_date_start"].notna()].reset_index(drop=True)
        self.undated = int(self.ds.missions["launch_date_start"].isna().sum())
        m["program"] = m["program"].fillna("other").astype(str)
        m["agency"] = m["agency"].fillna("unknown").astype(str)
        m["status"] = m["status"].fillna("planned").astype(str)
        m["crewed"] = m["crewed"].fillna(False).astype(bool)
        m["precise"] = m["launch_date_precision"].fillna("day").eq("day")
        m["y0"] = m["launch_date_start"].dt.year
        m["y1"] = m["launch_date_end"].dt.year
        known = [p for p in theme.PROGRAM_COLORS if p in set(m["program"]) and p != "ILRS"]
        self.programs = known + sorted(set(m["program"]) - set(known))
        order = {p: i for i, p in enumerate(self.programs)}
        m["order"] = m["program"].map(order)
        m = m.sort_values(["order", "launch_date_start"], kind="stable").reset_index(drop=True)
        self.agencies = sorted(m["agency"].unique())
        self.statuses = [s for s in STATUS_COLORS if s in set(m["status"])]
        self.ink = "#1A1A1A"
        day = pd.Timedelta(days=1)
        m["d0"] = (m["launch_date_start"] - EPOCH) / day
        m["d1"] = (m["launch_date_end"].fillna(m["launch_date_start"]) - EPOCH) / day + 1
        m["chars"] = [len(as_text(n)) for n in m["name"]]
        m["x_start"] = [iso(t) for t in m["launch_date_start"]]
        m["width_ms"] = (m["d1"] - m["d0"]) * 86_400_000
        m["label"] = [esc(n) for n in m["name"]]
        m["color"] = [theme.status_color(s) for s in m["status"]]
        m["symbol"] = [theme.status_symbol(s) for s in m["status"]]
        m["line_width"] = np.where(m["crewed"], 3, 1).astype(float)
        m["hover"] = [
            hover_text(
                f"<b>{esc(r.name)}</b> ({esc(r.program)}, {esc(r.agency)})",
                f"launch: {esc(date_label(r.launch_date_start, r.launch_date_precision, r.date_qualifier))}",  # noqa: E501
                f"status: {esc(STATUS_LABELS.get(r.status, r.status))}"
                + (" · crewed" if r.crewed else " · uncrewed"),
                esc(cite(self.ds, r.source_ids)),
            )
            for r in m.itertuples()
        ]
        self.m = m
        lo = int(m["y0"].min()) if len(m) else 1950
        hi = int(m["y1"].max()) if len(m) else 2040
        self.year_bounds = (lo, hi)
        self._columns()

    def _make_controls(self) -> dict[str, w.Widget]:
        o = self.options
        rows = min(7, max(3, len(self.programs)))
        default_programs = o.get("programs") or [
            p for p in ("Chang'e", "Luna", "Artemis", "CLPS") if p in self.programs
        ] or self.programs
        return {
            "program": w.SelectMultiple(options=self.programs, value=tuple(default_programs),
                                        rows=rows, description="Program", style=DESCRIPTION_STYLE),
            "agency": w.SelectMultiple(options=self.agencies,
                                       value=tuple(o.get("agencies") or self.agencies),
                                       rows=rows, description="Agency", style=DESCRIPTION_STYLE),
            "status": w.SelectMultiple(
                options=[(STATUS_LABELS.get(s, s), s) for s in self.statuses],
                value=tuple(o.get("statuses") or self.statuses), rows=rows,
                description="Status", style=DESCRIPTION_STYLE),
            "crewed": w.ToggleButtons(options=[("all", "all"), ("crewed", "crewed"),
                                               ("uncrewed", "uncrewed")],
                                      value=o.get("crewed", "all"), description="Crew",
                                      style={"button_width": "6em"}),
            "years": w.IntRangeSlider(value=o.get("years", self.year_bounds),
                                      min=self.year_bounds[0], max=self.year_bounds[1],
                                      description="Launch years", continuous_update=False,
                                      style=DESCRIPTION_STYLE, layout=w.Layout(width="28em")),
        }

    # -- geometry shared by the live figure and the static form -------------------------------
    def _top(self, menus: bool) -> int:
        """Top margin (px): title, menus (static form), key, and the 'today' label."""
        return self.TITLE_PX + (self.MENU_PX if menus else 0) + self.KEY_PX + 24

    def _x_range(self, idx: np.ndarray, lo: int, hi: int) -> tuple[float, float]:
        """x range in days: from just before year ``lo`` to after ``hi`` plus room for names."""
        c = self.col
        x_lo = days_since_epoch(lo) - 60.0
        x_hi = days_since_epoch(hi + 1) + 30.0
        if len(idx):
            label = (8.0 * c["chars"][idx] + 40) / self.PLOT_PX
            need = (np.maximum(c["d1"][idx], c["d0"][idx]) - x_lo * label) / (1 - label)
            x_hi = max(x_hi, float(need.max()))
        return x_lo, x_hi

    def _geometry(self, idx: np.ndarray, rows: Sequence[str], x_lo: float,
                  x_hi: float) -> dict[str, Any]:
        """y per mission (label lanes inside each program's row), ticks and plot height."""
        c = self.col
        progs = c["program"][idx].tolist()  # plain Python values: faster in the loops below
        lanes = label_lanes(progs, c["d0"][idx].tolist(), c["d1"][idx].tolist(),
                            c["chars"][idx].tolist(),
                            units_per_px=(x_hi - x_lo) / self.PLOT_PX,
                            max_lanes=self.MAX_LANES)
        used: dict[str, int] = {}
        for p, k in zip(progs, lanes, strict=True):
            used[p] = max(used.get(p, 0), k + 1)
        start: dict[str, float] = {}
        pos = 0.0
        for p in rows:
            start[p] = pos
            pos += used.get(p, 1) + self.ROW_GAP
        y = [start[p] + k for p, k in zip(progs, lanes, strict=True)]
        ticks = [start[p] + (used.get(p, 1) - 1) / 2 for p in rows]
        bottom = pos - self.ROW_GAP + 0.5
        return {"y": y, "tickvals": ticks, "ticktext": [esc(p) for p in rows],
                "range": [bottom, -0.6], "plot_px": max(220, int(bottom + 0.6) * self.LANE_PX)}

    def _band(self, height: int, menus: int) -> dict[str, Any]:
        """Layout keys placing the key (and menus) in their own rows above the plot."""
        top = self._top(bool(menus))
        key_top = self.TITLE_PX + (self.MENU_PX if menus else 0)
        plot_h = height - top - self.MARGIN_B
        out: dict[str, Any] = {"legend.y": 1 - key_top / height}
        for i in range(menus):
            out[f"updatemenus[{i}].y"] = 1 + (top - self.TITLE_PX) / plot_h
        return out

    def _height(self, geometry: dict[str, Any], menus: bool) -> int:
        return int(self._top(menus) + geometry["plot_px"] + self.MARGIN_B)

    def _base_figure(self) -> go.Figure:
        fig = go.Figure()
        fig.add_trace(go.Bar(  # 0: month/year-precise launches as spans
            base=[], x=[], y=[], orientation="h", width=0.45, name="launch month or year",
            marker={"color": [], "line": {"color": self.ink, "width": []}},
            text=[], textposition="outside", textfont={"size": 13}, hovertext=[],
            hovertemplate="%{hovertext}<extra></extra>", showlegend=False, cliponaxis=False,
            constraintext="none", meta={"kind": "span"}))
        fig.add_trace(go.Scatter(  # 1: day-precise launches
            x=[], y=[], mode="markers+text", textposition="middle right",
            textfont={"size": 13}, name="launch day", showlegend=False, text=[], hovertext=[],
            marker={"color": [], "symbol": [], "size": 13,
                    "line": {"color": self.ink, "width": []}},
            hovertemplate="%{hovertext}<extra></extra>", meta={"kind": "point"}))
        for trace in self._key_traces():
            fig.add_trace(trace)
        fig.add_annotation(**empty_note(self.empty_text))
        today = iso(self.ds.as_of)
        fig.add_vline(x=today, line={"dash": "dot", "width": 2, "color": "#777777"})
        fig.add_annotation(x=today, y=1, yref="paper", text="today", showarrow=False,
                           yanchor="bottom", font={"size": 14}, name="today")
        fig.update_xaxes(type="date", title_text="Launch date")
        fig.update_yaxes(showgrid=False, tickvals=[], ticktext=[], autorange=False,
                         zeroline=False)
        fig.update_layout(barmode="overlay", margin={"t": self._top(False), "r": 30},
                          legend={"title": {"text": "Key:"}, "orientation": "h", "x": 0,
                                  "yref": "container", "yanchor": "top",
                                  "font": {"size": 14}})
        finish_figure(fig, self.ds, name=self.name, title="Missions to the Moon",
                source_ids=self.m["source_ids"], dark=False, height=600)
        fig.update_layout(margin={"b": self.MARGIN_B})
        return fig

    def _key_traces(self) -> list[go.Scatter | go.Bar]:
        """Legend entries only (no data): status colours and symbols, crew, bars."""
        keys: list[go.Scatter | go.Bar] = [go.Scatter(
            x=[None], y=[None], mode="markers", name=STATUS_LABELS.get(status, status),
            marker={"color": STATUS_COLORS[status], "symbol": STATUS_SYMBOLS[status],
                    "size": 13, "line": {"color": self.ink, "width": 1}},
            meta={"kind": "key"}) for status in self.statuses]
        keys.append(go.Scatter(x=[None], y=[None], mode="markers", name="crewed: thick outline",
                               marker={"symbol": "square", "size": 13, "color": "#FFFFFF",
                                       "line": {"color": self.ink, "width": 3}},
                               meta={"kind": "key"}))
        keys.append(go.Bar(x=[None], y=[None], name="bar: date known only to month or year",
                           marker={"color": "#BBBBBB"}, meta={"kind": "key"}))
        return keys

    def _columns(self) -> None:
        """Plain arrays of the precomputed columns, for fast filtering and trace updates."""
        m = self.m
        self.col = {c: m[c].to_numpy() for c in ("program", "agency", "status", "crewed",
                                                  "y0", "y1", "precise", "x_start", "d0", "d1",
                                                  "chars", "width_ms", "label", "hover",
                                                  "color", "symbol", "line_width")}

    def _mask(self, values: dict[str, Any], *, programs: bool = True,
              years: bool = True) -> tuple[np.ndarray, str | None]:
        """Boolean mask of the missions matching every control, or an 'empty' message."""
        c = self.col
        for key in ("program", "agency", "status"):
            if not values[key]:
                return np.zeros(len(self.m), bool), f"Nothing selected — pick at least one {key}"
        mask = np.isin(c["agency"], list(values["agency"])) & np.isin(c["status"],
                                                                     list(values["status"]))
        if programs:
            mask &= np.isin(c["program"], list(values["program"]))
        if years:
            lo, hi = values["years"]
            mask &= (c["y1"] >= lo) & (c["y0"] <= hi)
        if values["crewed"] != "all":
            mask &= c["crewed"] == (values["crewed"] == "crewed")
        empty = None if mask.any() else "No missions match these choices — try more options"
        return mask, empty

    def _filter(self, values: dict[str, Any]) -> tuple[pd.DataFrame, str | None]:
        """The matching missions as a DataFrame (for summaries and the static form)."""
        mask, empty = self._mask(values)
        return self.m[mask], empty

    def _update(self, values: dict[str, Any]) -> None:
        mask, empty = self._mask(values)
        c = self.col
        chosen = set(values["program"])
        rows = [p for p in self.programs if p in chosen]
        idx = np.flatnonzero(mask)
        lo, hi = values["years"]
        x_lo, x_hi = self._x_range(idx, lo, hi)
        geo = self._geometry(idx, rows, x_lo, x_hi)
        y = np.asarray(geo["y"], dtype=float)
        precise = c["precise"][idx]
        spans, points = idx[~precise], idx[precise]
        bar, dots = self.figure.data[0], self.figure.data[1]
        bar.update(base=c["x_start"][spans].tolist(), x=c["width_ms"][spans].tolist(),
                   y=y[~precise].tolist(), text=c["label"][spans].tolist(),
                   hovertext=c["hover"][spans].tolist(),
                   marker={"color": c["color"][spans].tolist(),
                           "line": {"width": c["line_width"][spans].tolist()}})
        dots.update(x=c["x_start"][points].tolist(), y=y[precise].tolist(),
                    text=c["label"][points].tolist(), hovertext=c["hover"][points].tolist(),
                    marker={"color": c["color"][points].tolist(),
                            "symbol": c["symbol"][points].tolist(),
                            "line": {"width": c["line_width"][points].tolist()}})
        layout = self.figure.layout
        axis = (geo["tickvals"], geo["ticktext"], geo["range"])
        if getattr(self, "_axis", None) != axis:  # axis changes only when they differ
            self._axis = axis
            layout.yaxis.update(tickvals=axis[0], ticktext=axis[1], range=axis[2])
        xr = (x_lo, x_hi)
        if getattr(self, "_xr", None) != xr:
            self._xr = xr
            layout.xaxis.range = [iso(EPOCH + pd.Timedelta(days=v)) for v in xr]
        height = self._height(geo, menus=False)
        if getattr(self, "_h", None) != height:
            self._h = height
            layout.height = height
            layout.legend.y = self._band(height, 0)["legend.y"]
        layout.title.text = html.escape(f"Missions to the Moon, {lo}–{hi}: {len(idx)} shown")
        self._set_empty(empty)

    def _summary_for(self, values: dict[str, Any]) -> str:
        sel, empty = self._filter(values)
        if empty:
            return empty.replace("—", "-") + "."
        lo, hi = values["years"]
        spans = int((~sel["precise"]).sum())
        planned = int(sel["status"].isin(["planned", "in_progress"]).sum())
        crew = int(sel["crewed"].sum())
        by_program = sel["program"].value_counts(sort=False)
        parts = ", ".join(f"{int(by_program[p])} {plain(p)}" for p in self.programs
                          if p in by_program.index)
        text = (f"The chart shows {len(sel)} mission{'s' if len(sel) != 1 else ''} launched "
                f"between {lo} and {hi} ({parts}). {planned} "
                f"{'is' if planned == 1 else 'are'} planned or under way and {crew} "
                f"carr{'ies' if crew == 1 else 'y'} a crew.")
        if spans:
            text += (f" {spans} launch date{'s are' if spans != 1 else ' is'} known only to the "
                     "month or year, so drawn as bars.")
        return text

    def summary(self) -> str:
        return self._summary_for(self.values())

    def _static_values(self) -> dict[str, Any]:
        """The choices the static form starts with: the live ones, or every program if none."""
        values = self.values()
        if not values["program"]:
            values["program"] = tuple(self.programs)
        for key, every in (("agency", self.agencies), ("status", self.statuses)):
            if not values[key]:
                values[key] = tuple(every)
        if not self._mask(values)[0].any():
            values = dict(values, program=tuple(self.programs), agency=tuple(self.agencies),
                          status=tuple(self.statuses), crewed="all", years=self.year_bounds)
        return values

    def static_summary(self) -> str:
        return self._summary_for(self._static_values())

    def to_figure(self) -> go.Figure:
        """One span + one point trace per program; a program dropdown and a years dropdown.

        It opens on the live choices (so :meth:`static_summary` describes it); the program
        menu also offers every program together and each one alone, each with its own label
        lanes, rows and height; the years menu zooms the x axis.
        """
        values = self._static_values()
        c = self.col
        mask, _ = self._mask(values, programs=False, years=False)
        idx_all = np.flatnonzero(mask)
        b_lo, b_hi = self.year_bounds
        full = self._x_range(idx_all, b_lo, b_hi)  # lanes for the widest view fit every zoom
        fig = go.Figure()
        per_prog = {p: idx_all[c["program"][idx_all] == p] for p in self.programs}
        for p in self.programs:
            g = per_prog[p]
            pr = c["precise"][g]
            fig.add_trace(go.Bar(
                base=c["x_start"][g][~pr].tolist(), x=c["width_ms"][g][~pr].tolist(), y=[],
                orientation="h", width=0.45, name=esc(p),
                showlegend=False, text=c["label"][g][~pr].tolist(), textposition="outside",
                textfont={"size": 13}, cliponaxis=False, constraintext="none",
                hovertext=c["hover"][g][~pr].tolist(),
                hovertemplate="%{hovertext}<extra></extra>",
                marker={"color": c["color"][g][~pr].tolist(),
                        "line": {"color": self.ink, "width": c["line_width"][g][~pr].tolist()}},
                meta={"kind": "span", "program": p}))
            fig.add_trace(go.Scatter(
                x=c["x_start"][g][pr].tolist(), y=[], mode="markers+text", name=esc(p),
                showlegend=False, text=c["label"][g][pr].tolist(),
                textposition="middle right", textfont={"size": 13},
                hovertext=c["hover"][g][pr].tolist(),
                hovertemplate="%{hovertext}<extra></extra>",
                marker={"color": c["color"][g][pr].tolist(), "symbol": c["symbol"][g][pr].tolist(),
                        "size": 13,
                        "line": {"color": self.ink, "width": c["line_width"][g][pr].tolist()}},
                meta={"kind": "point", "program": p}))
        keys = self._key_traces()
        for t in keys:
            fig.add_trace(t)
        live = self._finish_static(self.figure)
        fig.update_layout(live.layout)
        n_data = 2 * len(self.programs)

        def option(label: str, rows: Sequence[str]) -> dict[str, Any]:
            idx = idx_all[np.isin(c["program"][idx_all], list(rows))]
            geo = self._geometry(idx, rows, *full)
            y_of = dict(zip(idx.tolist(), geo["y"], strict=True))
            ys, vis = [], []
            for p in self.programs:
                g = per_prog[p] if p in rows else per_prog[p][:0]
                pr = c["precise"][g]
                ys += [[y_of[i] for i in g[~pr]], [y_of[i] for i in g[pr]]]
                vis += [p in rows, p in rows]
            height = self._height(geo, menus=True)
            # A new "y" makes plotly.js guess axis types (and ranges) again unless the update
            # names them, so a program choice also resets the years menu to "All years".
            xr = self._x_range(idx, b_lo, b_hi)
            layout = {"xaxis.type": "date", "yaxis.type": "linear", "xaxis.autorange": False,
                      "xaxis.range": [iso(EPOCH + pd.Timedelta(days=v)) for v in xr],
                      "updatemenus[1].active": 0,
                      "yaxis.tickvals": geo["tickvals"], "yaxis.ticktext": geo["ticktext"],
                      "yaxis.range": geo["range"], "height": height, **self._band(height, 2)}
            return {"label": html.escape(label), "method": "update",
                    "args": [{"y": ys + [[None]] * len(keys),
                              "visible": vis + [True] * len(keys)}, layout]}

        chosen = [p for p in self.programs if p in set(values["program"])]
        buttons = [option("All programs", self.programs)]
        if chosen != self.programs:
            name = (", ".join(chosen) if len(chosen) <= 4
                    else f"{len(chosen)} chosen programs")
            buttons.insert(0, option(name, chosen))
        buttons += [option(p, [p]) for p in self.programs]
        first = buttons[0]["args"]
        for i, trace in enumerate(fig.data[:n_data]):
            trace.y = first[0]["y"][i]
            trace.visible = first[0]["visible"][i]
        fig.update_yaxes(tickvals=first[1]["yaxis.tickvals"],
                         ticktext=first[1]["yaxis.ticktext"], range=first[1]["yaxis.range"],
                         autorange=False)

        def x_range(lo: int, hi: int) -> list[str | None]:
            sub = idx_all[(c["y1"][idx_all] >= lo) & (c["y0"][idx_all] <= hi)]
            return [iso(EPOCH + pd.Timedelta(days=v)) for v in self._x_range(sub, lo, hi)]

        cuts = sorted({b_lo, *(y for y in (1990, 2010, 2020) if b_lo < y <= b_hi), b_hi + 1})
        year_buttons = [{"label": "All years", "method": "relayout",
                         "args": [{"xaxis.range": x_range(b_lo, b_hi)}]}]
        for a, b in zip(cuts, cuts[1:], strict=False):
            year_buttons.append({"label": f"{a}–{b - 1}", "method": "relayout",
                                 "args": [{"xaxis.range": x_range(a, b - 1)}]})
        lo, hi = values["years"]
        fig.update_xaxes(range=x_range(lo, hi), autorange=False)
        year_active = next((i for i, b in enumerate(year_buttons)
                            if b["args"][0]["xaxis.range"] == list(fig.layout.xaxis.range)), 0)
        title = "Missions to the Moon by program (pick programs and years above)"
        fig.update_layout(title_text=title, height=first[1]["height"],
                          margin={"t": self._top(True)})
        self._menus_band(fig, [
            {"type": "dropdown", "buttons": buttons, "showactive": True, "active": 0,
             "name": "program"},
            {"type": "dropdown", "buttons": year_buttons, "showactive": True,
             "active": year_active, "name": "years"}], top=self._top(True))
        fig.update_layout(legend_y=first[1]["legend.y"])
        return fig
