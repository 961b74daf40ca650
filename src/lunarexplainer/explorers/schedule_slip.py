"""Live explorer of the schedule slip chart."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from .. import theme
from ..charts.common import (
    FOOTER_MARGIN,
    cite,
    date_label,
    empty_note,
    esc,
    finish_figure,
    hover_text,
    plain,
    subject_names,
)
from ..charts.schedule_slip import default_slip_subjects
from ..charts.schedule_slip import summary as schedule_slip_summary
from .base import (
    DESCRIPTION_STYLE,
    MENU_ROW_PX,
    TITLE_BAND_PX,
    Explorer,
    count_text,
    iso,
)


class ScheduleSlipExplorer(Explorer):
    """When each target date was announced (x) against the date it aimed for (y)."""

    name = "schedule_slip"
    empty_text = "Nothing selected — pick at least one mission or goal"
    #: Height of the plot area (px), one row of the key above it, and the width the key is
    #: laid out for (narrower than a 1280 px screen, so the estimate errs on more rows).
    PLOT_PX = 420
    KEY_ROW_PX = 33
    KEY_WIDTH_PX = 1100
    MARGIN_B = FOOTER_MARGIN

    def _prepare(self) -> None:
        sh = self.ds.schedule_history.copy()
        sh = sh.dropna(subset=["announced_on_start", "target_date_start"])
        sh["mission_id"] = sh["mission_id"].astype(str)
        sh = sh.sort_values(["mission_id", "announced_on_start"], kind="stable")
        sh["a_mid"] = sh["announced_on_start"] + (sh["announced_on_end"]
                                                  - sh["announced_on_start"]) / 2
        sh["t_mid"] = sh["target_date_start"] + (sh["target_date_end"]
                                                 - sh["target_date_start"]) / 2
        self.sh = sh.reset_index(drop=True)
        names = subject_names(self.ds)
        counts = sh["mission_id"].value_counts()
        self.subjects = sorted(counts.index, key=lambda i: (-int(counts[i]), str(i)))
        self.names = {s: names.get(s, s) for s in self.subjects}
        self.default = [s for s in default_slip_subjects(self.ds) if s in self.subjects] \
            or self.subjects[:3]
        palette = theme.COLORWAY
        self.colors = {s: palette[i % len(palette)] for i, s in enumerate(self.subjects)}
        # Per subject: the line+markers and the vertical spans (target month/year).
        self.per_subject: dict[str, dict[str, Any]] = {}
        for s in self.subjects:
            g = self.sh[self.sh["mission_id"] == s]
            inexact = g["target_date_precision"].fillna("day").ne("day")
            sx: list[Any] = []
            sy: list[Any] = []
            for a, t0, t1 in zip(g["a_mid"][inexact], g["target_date_start"][inexact],
                                 g["target_date_end"][inexact], strict=True):
                sx += [iso(a), iso(a), None]
                sy += [iso(t0), iso(t1 + pd.Timedelta(hours=23, minutes=59)), None]
            label = self.names[s]
            self.per_subject[s] = {
                "x": [iso(a) for a in g["a_mid"]], "y": [iso(t) for t in g["t_mid"]],
                "span_x": sx, "span_y": sy,
                "lo": min(g["announced_on_start"].min(), g["target_date_start"].min()),
                "hi": max(g["announced_on_end"].max(), g["target_date_end"].max()),
                "hover": [hover_text(
                    f"<b>{esc(label)}</b>",
                    f"announced {esc(date_label(r.announced_on_start, r.announced_on_precision))}",  # noqa: E501
                    "target: " + esc(date_label(r.target_date_start, r.target_date_precision,
                                                  r.qualifier)),
                    esc(r.summary), esc(cite(self.ds, r.source_ids)))
                    for r in g.itertuples()],
            }

    def _make_controls(self) -> dict[str, w.Widget]:
        chosen = self.options.get("mission_ids") or self.default
        return {"subjects": w.SelectMultiple(
            options=[(self.names[s], s) for s in self.subjects],
            value=tuple(s for s in chosen if s in self.subjects),
            rows=min(10, max(3, len(self.subjects))), description="Missions and goals",
            style=DESCRIPTION_STYLE, layout=w.Layout(width="32em"))}

    def _base_figure(self) -> go.Figure:
        fig = go.Figure()
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name="no slip: target = date announced",
                                 line={"color": "#777777", "dash": "dash", "width": 2},
                                 hoverinfo="skip", meta={"kind": "diagonal"}))
        for s in self.subjects:
            d, color, label = self.per_subject[s], self.colors[s], html.escape(self.names[s])
            fig.add_trace(go.Scatter(x=d["span_x"], y=d["span_y"], mode="lines",
                                     line={"color": color, "width": 3}, hoverinfo="skip",
                                     showlegend=False, legendgroup=s, name=label + " (span)",
                                     visible=False, meta={"mission_id": s, "kind": "span"}))
            fig.add_trace(go.Scatter(x=d["x"], y=d["y"], mode="lines+markers", name=label,
                                     legendgroup=s, line={"color": color, "width": 3},
                                     marker={"size": 12, "color": color}, hovertext=d["hover"],
                                     hovertemplate="%{hovertext}<extra></extra>", visible=False,
                                     meta={"mission_id": s, "kind": "line"}))
        fig.add_annotation(**empty_note(self.empty_text))
        fig.update_xaxes(type="date", title_text="When the target was announced")
        fig.update_yaxes(type="date", title_text="Target date announced")
        finish_figure(fig, self.ds, name=self.name, title="Moving targets",
                source_ids=self.sh["source_ids"], dark=False)
        # The key sits above the plot (full width for the plot), under the title.
        fig.update_layout(legend={"orientation": "h", "x": 0, "xanchor": "left",
                                  "yref": "container", "yanchor": "top"},
                          margin={"r": 30, "b": self.MARGIN_B})
        fig.update_layout(self._key_layout(self.default, menus=False))
        return fig

    def _what(self, chosen: Sequence[str]) -> str:
        """What the chart shows, in words: 'Artemis III (7 announcements)' and so on."""
        chosen = [s for s in self.subjects if s in set(chosen)]
        n = int(self.sh["mission_id"].isin(chosen).sum())
        announcements = count_text(n, "announcement")
        if len(chosen) == len(self.subjects) and len(chosen) > 3:
            return f"{announcements} for all {len(chosen)} missions and goals"
        if len(chosen) <= 3:
            names = [self.names[s] for s in chosen]
            joined = (" and ".join(names) if len(names) <= 2
                      else f"{names[0]}, {names[1]} and {names[2]}")
            return f"{joined} ({announcements})"
        return f"{announcements} for {len(chosen)} missions and goals"

    def _title(self, chosen: Sequence[str]) -> str:
        """Escaped chart title for a choice of subjects."""
        if not chosen:
            return html.escape("Moving targets: nothing selected")
        return html.escape(f"Moving targets: {self._what(chosen)}")

    def _key_rows(self, chosen: Sequence[str]) -> int:
        """Rows the key needs: the 'no slip' line and one entry per subject."""
        labels = ["no slip: target = date announced"] + [self.names[s] for s in chosen]
        rows, used = 1, 0.0
        for label in labels:
            item = 40 + 8.0 * len(label)
            if used and used + item > self.KEY_WIDTH_PX:
                rows, used = rows + 1, 0.0
            used += item
        return rows

    def _key_layout(self, chosen: Sequence[str], *, menus: bool) -> dict[str, Any]:
        """Top margin, height and key position (px worked out as paper/container units)."""
        above = TITLE_BAND_PX + (MENU_ROW_PX if menus else 0)
        top = above + self._key_rows(chosen) * self.KEY_ROW_PX + 12
        height = self.PLOT_PX + top + self.MARGIN_B
        out = {"margin.t": top, "height": height, "legend.y": 1 - above / height}
        if menus:
            out["updatemenus[0].y"] = 1 + (top - TITLE_BAND_PX) / self.PLOT_PX
        return out

    def _range(self, chosen: Sequence[str]) -> tuple[str, str]:
        lo = min(self.per_subject[s]["lo"] for s in chosen)
        hi = max(max(self.per_subject[s]["hi"] for s in chosen), pd.Timestamp(self.ds.as_of))
        return iso(lo - pd.DateOffset(months=6)), iso(hi + pd.DateOffset(months=6))

    def _update(self, values: dict[str, Any]) -> None:
        chosen = set(values["subjects"])
        for trace in self.figure.data[1:]:
            vis = trace.meta["mission_id"] in chosen
            if trace.visible != vis:
                trace.visible = vis
        diag = self.figure.data[0]
        if chosen:
            lo, hi = self._range(list(chosen))
            diag.x, diag.y = [lo, hi], [lo, hi]
            self.figure.layout.xaxis.range = [lo, hi]
            self.figure.layout.yaxis.range = [lo, hi]
        else:
            diag.x, diag.y = [], []
        self.figure.layout.title.text = self._title(list(chosen))
        key = self._key_layout(list(chosen), menus=False)
        if self.figure.layout.margin.t != key["margin.t"]:
            self.figure.layout.margin.t = key["margin.t"]
            self.figure.layout.height = key["height"]
            self.figure.layout.legend.y = key["legend.y"]
        self._set_empty(None if chosen else self.empty_text)

    def summary(self) -> str:
        chosen = list(self.controls["subjects"].value)
        if not chosen:
            return "Nothing selected - pick at least one mission or goal."
        return (f"The chart shows {plain(self._what(chosen))}. "
                + schedule_slip_summary(self.ds, chosen))

    def to_figure(self) -> go.Figure:
        """A dropdown: the live choice, the most revised subjects, each one alone, or all.

        Each choice updates the traces, the axes, the title and the room for the key.
        """
        fig = self._finish_static(self.figure)
        metas = [t.meta for t in fig.data]

        def choice(label: str, chosen: Sequence[str]) -> dict[str, Any]:
            vis = [True] + [m["mission_id"] in set(chosen) for m in metas[1:]]
            lo, hi = self._range(chosen)
            layout = {"xaxis.range": [lo, hi], "yaxis.range": [lo, hi],
                      "title.text": self._title(chosen), **self._key_layout(chosen, menus=True)}
            return {"label": html.escape(label), "method": "update",
                    "args": [{"visible": vis}, layout]}

        live = [s for s in self.subjects if s in set(self.controls["subjects"].value)]
        buttons = [choice("Most revised", self.default)]
        buttons += [choice(self.names[s], [s]) for s in self.subjects]
        buttons.append(choice("All", self.subjects))
        current = next((i for i, (b, chosen) in enumerate(zip(
            buttons, [self.default, *([s] for s in self.subjects), self.subjects],
            strict=True)) if set(chosen) == set(live)), None)
        if current is None and live:  # the live choice is not on the menu: offer it first
            label = ", ".join(self.names[s] for s in live) if len(live) <= 3 \
                else f"{len(live)} chosen"
            buttons.insert(0, choice(label, live))
            current = 0
        opening = buttons[current or 0]["args"]
        for trace, vis in zip(fig.data, opening[0]["visible"], strict=True):
            trace.visible = vis
        layout = dict(opening[1])
        menu_y = layout.pop("updatemenus[0].y")
        fig.update_layout(layout)
        self._menus_band(fig, [{"type": "dropdown", "buttons": buttons, "active": current or 0,
                                "name": "subjects"}], top=int(layout["margin.t"]))
        fig.layout.updatemenus[0].y = menu_y
        lo, hi = self._range(self.subjects)
        fig.data[0].x, fig.data[0].y = [lo, hi], [lo, hi]
        return fig

    def static_summary(self) -> str:
        """The static form opens on the live choice (or the most revised subjects)."""
        if self.controls["subjects"].value:
            return self.summary()
        return (f"The chart shows {plain(self._what(self.default))}. "
                + schedule_slip_summary(self.ds, self.default))
