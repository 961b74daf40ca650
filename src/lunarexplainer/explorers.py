"""Interactive explorers: ipywidgets controls driving one Plotly ``FigureWidget`` each.

Every explorer is built the same way:

* the controls and ONE ``go.FigureWidget`` are made once (the whole layout goes to the
  constructor, so Voila draws it right away);
* everything that does not depend on the controls (escaped labels, hover texts, projected
  coordinates, per-year member lists) is computed once at construction;
* ONE handler, :meth:`Explorer.update`, reads every control, filters with pandas and updates
  the traces in place inside ``figure.batch_update()``;
* an empty selection shows a friendly note on the chart instead of an error, and any error
  in the handler is printed into :attr:`Explorer.output` (shown under the chart) and logged;
* :meth:`Explorer.to_figure` gives a static ``go.Figure`` whose choices are Plotly's own
  client-side controls (dropdowns, buttons, sliders), so an exported page stays interactive
  with no kernel.

Text that comes from the data is HTML-escaped before Plotly or an HTML widget shows it.
"""

from __future__ import annotations

import functools
import html
import logging
import textwrap
import traceback
from collections.abc import Sequence
from copy import deepcopy
from typing import Any, ClassVar

import ipywidgets as w
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import theme
from .display import PLOTLY_MIME, figure_bundle, figure_config
from .figures import (
    FOOTER_MARGIN,
    MOON_RADIUS_KM,
    _cite,
    _coord_text,
    _date_label,
    _esc,
    _finish,
    _hover,
    _place_labels,
    _plain,
    _rim,
    _site_label,
    _str,
    label_lanes,
    project_south_pole,
)
from .theme import FRAMEWORK_COLORS, STATUS_COLORS, STATUS_LABELS, STATUS_SYMBOLS

__all__ = [
    "EXPLORERS",
    "Explorer",
    "MissionTimelineExplorer",
    "PartnerExplorer",
    "ScheduleSlipExplorer",
    "SouthPoleExplorer",
    "RolesExplorer",
]

log = logging.getLogger(__name__)

# go.FigureWidget pulls in plotly.io._renderers -> nbformat -> jsonschema -> rfc3987_syntax
# (which builds Lark parsers, ~0.7 s). Reached through plotly's lazy `go.FigureWidget` lookup
# inside a kernel, that chain took about 4 s; imported plainly first, about 1 s (measured in
# `make bench`: notebook_exec_s). So import it plainly, before the subclass below needs it.
import plotly.io._renderers  # noqa: E402, F401  (see above)


class FigureWidget(go.FigureWidget):
    """A ``FigureWidget`` that keeps the layout's axis types and can refresh its saved state.

    plotly.js forgets an axis type set in the layout whenever a trace's ``x`` or ``y`` changes
    (it clears the type and guesses again from the first trace). The mission timeline's first
    trace holds bar lengths in milliseconds, so the guess was "linear": after any control
    change the launch-date axis lost its years and the "today" line had no place to go.
    Naming the types in the same message stops the guess, exactly as the static forms do.
    """

    def sync_state(self) -> None:
        """Make the state a new view starts from equal to the figure as it is now.

        Updates reach the browser as messages; a view created later (Voila fetches widget
        state only after the notebook has run, Lab after a page reload) starts from
        ``_widget_data``/``_widget_layout``, which plotly refreshes only when the figure
        itself is displayed, not when it sits inside a box. Without this a Voila page opened
        on the figure as first built (titles like "Members"), not on the controls' state.
        """
        self._widget_layout = deepcopy(self._layout_obj._props)
        self._widget_data = deepcopy(self._data)

    def _pinned_axis_types(self) -> dict[str, str]:
        return {f"{name}.type": axis["type"] for name, axis in self._layout.items()
                if name.startswith(("xaxis", "yaxis")) and isinstance(axis, dict)
                and axis.get("type") not in (None, "-")}

    def _send_restyle_msg(self, restyle_data: dict[str, Any], trace_indexes: Any = None,
                          source_view_id: str | None = None) -> None:
        self._send_update_msg(restyle_data, {}, trace_indexes, source_view_id)

    def _send_update_msg(self, restyle_data: dict[str, Any], relayout_data: dict[str, Any],
                         trace_indexes: Any = None, source_view_id: str | None = None) -> None:
        if restyle_data:
            relayout_data = {**self._pinned_axis_types(), **relayout_data}
        super()._send_update_msg(restyle_data, relayout_data, trace_indexes, source_view_id)

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
_WIDE = w.Layout(width="auto")
_DESC = {"description_width": "initial"}
_EPOCH = pd.Timestamp("1970-01-01")
#: Static forms: the title takes the top TITLE_BAND_PX pixels, then a row of menus MENU_ROW_PX
#: tall, then whatever sat between the title and the plot before (key, labels).
TITLE_BAND_PX = 52
MENU_ROW_PX = 44


def _note(text: str, name: str = "nothing-selected") -> dict[str, Any]:
    """A centred paper annotation used for the 'nothing selected' state (hidden at first)."""
    return {
        "text": html.escape(text), "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5,
        "showarrow": False, "font": {"size": 20}, "visible": False, "name": name,
        "bgcolor": "rgba(255,255,255,0.85)",
    }


def _iso(ts: Any) -> str | None:
    """Timestamp → ISO text Plotly reads as a date (None for missing)."""
    return None if pd.isna(ts) else pd.Timestamp(ts).isoformat()


@functools.lru_cache(maxsize=512)
def _days(year: int) -> float:
    """Days from 1970-01-01 to 1 January of ``year``."""
    return float((pd.Timestamp(year, 1, 1) - _EPOCH).days)


def _count(n: int, word: str, plural: str | None = None) -> str:
    """'1 country', '3 countries'."""
    return f"{n} {word if n == 1 else (plural or word + 's')}"


class Explorer:
    """Base class: controls + one FigureWidget + one handler + error output + static form."""

    #: Short name used in :data:`EXPLORERS`.
    name: ClassVar[str] = ""
    #: Annotation text for an empty selection.
    empty_text: ClassVar[str] = "Nothing selected — pick at least one option"

    def __init__(self, ds: Any, **options: Any) -> None:
        self.ds = ds
        self.options = options
        self.output = w.Output(layout=w.Layout(max_height="12em", overflow="auto"))
        self._prepare()
        self.controls: dict[str, w.Widget] = self._make_controls()
        base = self._base_figure()
        self.figure = FigureWidget(data=base.data, layout=base.layout)
        # The live widget's plotly.js reads map shapes from this config (the shipped
        # topojson), never from the CDN; other charts get the same config without it.
        self.figure._config = figure_config(base)
        self._note_index = self._annotation_index("nothing-selected")
        self.widget = w.VBox(self._children(), layout=w.Layout(width="100%"))
        self.widget.add_class("lunarexplainer-explorer")
        self.widget.add_class(f"lunarexplainer-{self.name}")
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.update()
        self.figure.sync_state()  # views made later start from the controls' state

    # -- to be filled in by each explorer ------------------------------------------------------
    def _prepare(self) -> None:
        """Precompute everything that does not depend on the controls."""

    def _make_controls(self) -> dict[str, w.Widget]:
        raise NotImplementedError

    def _base_figure(self) -> go.Figure:
        raise NotImplementedError

    def _update(self, values: dict[str, Any]) -> None:
        raise NotImplementedError

    def summary(self) -> str:
        """One to three plain sentences about the current selection."""
        raise NotImplementedError

    def to_figure(self) -> go.Figure:
        """Static form with Plotly's own client-side controls."""
        raise NotImplementedError

    def _extra_widgets(self) -> list[w.Widget]:
        return []

    # -- shared machinery ----------------------------------------------------------------------
    def _children(self) -> list[w.Widget]:
        controls = list(self.controls.values())
        rows = [w.HBox(controls[i:i + 3], layout=w.Layout(flex_flow="row wrap"))
                for i in range(0, len(controls), 3)]
        return [*rows, *self._extra_widgets(), self.figure, self.output]

    def _annotation_index(self, name: str) -> int | None:
        for i, a in enumerate(self.figure.layout.annotations):
            if a.name == name:
                return i
        return None

    def values(self) -> dict[str, Any]:
        """The current value of every control."""
        return {name: control.value for name, control in self.controls.items()}

    def _on_change(self, change: dict[str, Any]) -> None:
        self.update()

    def update(self) -> None:
        """The one handler: read every control, filter, update the figure in place."""
        try:
            with self.figure.batch_update():
                self._update(self.values())
        except Exception as err:  # shown to the student, and logged for the teacher
            self._show_error(err)
        else:
            if self.output.outputs:
                self.output.outputs = ()

    def _show_error(self, err: BaseException) -> None:
        log.exception("%s update failed", type(self).__name__)
        text = "".join(traceback.format_exception(type(err), err, err.__traceback__))
        self.output.outputs = ()  # works with or without a kernel, unlike clear_output()
        self.output.append_stderr(
            f"Sorry, the chart could not be updated: {type(err).__name__}: {err}\n\n{text}")

    def _set_empty(self, text: str | None) -> None:
        """Show (text) or hide (None) the 'nothing selected' note."""
        if self._note_index is None:
            return
        note = self.figure.layout.annotations[self._note_index]
        if text is None:
            if note.visible:
                note.visible = False
        else:
            note.text = html.escape(text)
            note.visible = True

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """Live widget for Lab/Voila; Plotly JSON and a Markdown summary for static export.

        JupyterLab ranks the widget view (-10) before Plotly's renderer (2) and Markdown, so a
        live kernel shows the widget; exporters that cannot run widgets use the other types.
        """
        self.figure.sync_state()
        bundle = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        static = self.to_figure()
        bundle[PLOTLY_MIME] = figure_bundle(static)[PLOTLY_MIME]
        bundle["text/markdown"] = html.escape(self.static_summary(), quote=False)
        return bundle

    @staticmethod
    def _menus_band(fig: go.Figure, menus: list[dict[str, Any]], top: int | None = None) -> None:
        """Give Plotly menus their own row under the title: never over the title or the plot.

        Menus can only be placed in plot ("paper") units, so the row is worked out in pixels
        from the figure's height and margins: the top margin grows by one menu row (or is
        ``top``) and the menus hang from just under the title.
        """
        height = int(fig.layout.height or 560)
        top = int(top if top is not None else int(fig.layout.margin.t or 80) + MENU_ROW_PX)
        bottom = int(fig.layout.margin.b if fig.layout.margin.b is not None else 80)
        plot_h = max(height - top - bottom, 1)
        x = 0.0
        for menu in menus:
            menu.setdefault("x", x)
            menu.update(xanchor="left", y=1 + (top - TITLE_BAND_PX) / plot_h, yanchor="top",
                        pad={"t": 0, "b": 0})
            x = menu["x"] + 0.36
        fig.update_layout(updatemenus=menus, margin={"t": top},
                          title={"y": 1, "yanchor": "top", "yref": "container"})

    def static_summary(self) -> str:
        """Summary of the static form as it opens (the live summary unless it differs)."""
        return self.summary()

    def _finish_static(self, fig: go.Figure) -> go.Figure:
        """Copy of the live figure without the 'nothing selected' note."""
        static = go.Figure(fig.to_dict())
        static.layout.annotations = [a for a in static.layout.annotations
                                     if a.name != "nothing-selected"]
        return static


# =============================================================================================
# Mission timeline
# =============================================================================================


class MissionTimelineExplorer(Explorer):
    """Missions by program over time, filtered by program, agency, crew, status and years.

    A launch date known only to the year or month is a bar over that whole period; only
    day-precise dates are drawn as points. Names go to label lanes (the same
    :func:`~lunarexplainer.figures.label_lanes` as the mission timeline figure) so they never
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
        m["d0"] = (m["launch_date_start"] - _EPOCH) / day
        m["d1"] = (m["launch_date_end"].fillna(m["launch_date_start"]) - _EPOCH) / day + 1
        m["chars"] = [len(_str(n)) for n in m["name"]]
        m["x_start"] = [_iso(t) for t in m["launch_date_start"]]
        m["width_ms"] = (m["d1"] - m["d0"]) * 86_400_000
        m["label"] = [_esc(n) for n in m["name"]]
        m["color"] = [theme.status_color(s) for s in m["status"]]
        m["symbol"] = [theme.status_symbol(s) for s in m["status"]]
        m["line_width"] = np.where(m["crewed"], 3, 1).astype(float)
        m["hover"] = [
            _hover(
                f"<b>{_esc(r.name)}</b> ({_esc(r.program)}, {_esc(r.agency)})",
                f"launch: {_esc(_date_label(r.launch_date_start, r.launch_date_precision, r.date_qualifier))}",  # noqa: E501
                f"status: {_esc(STATUS_LABELS.get(r.status, r.status))}"
                + (" · crewed" if r.crewed else " · uncrewed"),
                _esc(_cite(self.ds, r.source_ids)),
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
                                        rows=rows, description="Program", style=_DESC),
            "agency": w.SelectMultiple(options=self.agencies,
                                       value=tuple(o.get("agencies") or self.agencies),
                                       rows=rows, description="Agency", style=_DESC),
            "status": w.SelectMultiple(
                options=[(STATUS_LABELS.get(s, s), s) for s in self.statuses],
                value=tuple(o.get("statuses") or self.statuses), rows=rows,
                description="Status", style=_DESC),
            "crewed": w.ToggleButtons(options=[("all", "all"), ("crewed", "crewed"),
                                               ("uncrewed", "uncrewed")],
                                      value=o.get("crewed", "all"), description="Crew",
                                      style={"button_width": "6em"}),
            "years": w.IntRangeSlider(value=o.get("years", self.year_bounds),
                                      min=self.year_bounds[0], max=self.year_bounds[1],
                                      description="Launch years", continuous_update=False,
                                      style=_DESC, layout=w.Layout(width="28em")),
        }

    # -- geometry shared by the live figure and the static form -------------------------------
    def _top(self, menus: bool) -> int:
        """Top margin (px): title, menus (static form), key, and the 'today' label."""
        return self.TITLE_PX + (self.MENU_PX if menus else 0) + self.KEY_PX + 24

    def _x_range(self, idx: np.ndarray, lo: int, hi: int) -> tuple[float, float]:
        """x range in days: from just before year ``lo`` to after ``hi`` plus room for names."""
        c = self.col
        x_lo = _days(lo) - 60.0
        x_hi = _days(hi + 1) + 30.0
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
        return {"y": y, "tickvals": ticks, "ticktext": [_esc(p) for p in rows],
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
        fig.add_annotation(**_note(self.empty_text))
        today = _iso(self.ds.as_of)
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
        _finish(fig, self.ds, name=self.name, title="Missions to the Moon",
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
            layout.xaxis.range = [_iso(_EPOCH + pd.Timedelta(days=v)) for v in xr]
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
        parts = ", ".join(f"{int(by_program[p])} {_plain(p)}" for p in self.programs
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
                orientation="h", width=0.45, name=_esc(p),
                showlegend=False, text=c["label"][g][~pr].tolist(), textposition="outside",
                textfont={"size": 13}, cliponaxis=False, constraintext="none",
                hovertext=c["hover"][g][~pr].tolist(),
                hovertemplate="%{hovertext}<extra></extra>",
                marker={"color": c["color"][g][~pr].tolist(),
                        "line": {"color": self.ink, "width": c["line_width"][g][~pr].tolist()}},
                meta={"kind": "span", "program": p}))
            fig.add_trace(go.Scatter(
                x=c["x_start"][g][pr].tolist(), y=[], mode="markers+text", name=_esc(p),
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
                      "xaxis.range": [_iso(_EPOCH + pd.Timedelta(days=v)) for v in xr],
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
            return [_iso(_EPOCH + pd.Timedelta(days=v)) for v in self._x_range(sub, lo, hi)]

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


# =============================================================================================
# Partners: world map + member count by year
# =============================================================================================

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

    name = "partners"
    empty_text = "Nobody had joined yet in this year"

    def _prepare(self) -> None:
        from .assets import country_centroids, topojson_country_ids

        p = self.ds.partners.copy()
        p = p[p["joined_on_start"].notna()].reset_index(drop=True)
        p["year"] = p["joined_on_start"].dt.year
        p["iso3"] = p["iso3"].fillna("").astype(str)
        p["kind"] = p["kind"].fillna("country").astype(str)
        p["when"] = [_date_label(s, pr) for s, pr in
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
            d["sources"].append(_str(r.source_ids))
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
                hover = _hover(f"<b>{_esc(d['entity'])}</b>",
                               "<br>".join(f"{_esc(fw)}: joined {_esc(t)}"
                                           for fw, t in sorted(d["joined"].items())),
                               _esc(_cite(self.ds, ";".join(d["sources"]))))
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
                                    style=_DESC),
            "year": w.IntSlider(value=o.get("year", self.year_bounds[1]),
                                min=self.year_bounds[0], max=self.year_bounds[1],
                                description="By the end of", continuous_update=False,
                                style=_DESC, layout=w.Layout(width="28em")),
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
        fig.add_annotation(**_note(self.empty_text))
        fig.update_geos(projection_type="natural earth", showcountries=True, showland=True,
                        showocean=False, showframe=False, resolution=110, scope="world",
                        lataxis_range=[-58, 85])
        # The colour key: choropleths stay out of the legend unless asked (showlegend above).
        fig.update_layout(legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0,
                                  "title": {"text": "<b>Colour key:</b> "},
                                  "itemclick": False, "itemdoubleclick": False},
                          margin={"l": 10, "r": 10, "t": 90})
        _finish(fig, self.ds, name=self.name, title="Members", source_ids=self.p["source_ids"],
                dark=False, height=560)
        return fig

    def _count_text(self, year: int, framework: str) -> str:
        counts = self.frames[year]["counts"]
        parts = []
        for fw in ("ILRS", "Artemis Accords"):
            if framework not in ("both", fw):
                continue
            c = counts[fw]
            n = c["country"] + c["organization"]
            detail = (f" ({_count(c['country'], 'country', 'countries')}, "
                      f"{_count(c['organization'], 'organization')})"
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
            text += (f" {_count(orgs, 'organization')} {'is' if orgs == 1 else 'are'} members "
                     "too but not on the map.")
        partners = self.ds.partners
        chosen = [fw for fw in ("ILRS", "Artemis Accords") if framework in ("both", fw)]
        undated = partners[partners["framework"].isin(chosen) & partners["joined_on"].isna()]
        if len(undated):
            names = "; ".join(_plain(str(e)) for e in undated["entity"])
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


# =============================================================================================
# Schedule slip
# =============================================================================================


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
        from .figures import _subject_names, default_slip_subjects

        sh = self.ds.schedule_history.copy()
        sh = sh.dropna(subset=["announced_on_start", "target_date_start"])
        sh["mission_id"] = sh["mission_id"].astype(str)
        sh = sh.sort_values(["mission_id", "announced_on_start"], kind="stable")
        sh["a_mid"] = sh["announced_on_start"] + (sh["announced_on_end"]
                                                  - sh["announced_on_start"]) / 2
        sh["t_mid"] = sh["target_date_start"] + (sh["target_date_end"]
                                                 - sh["target_date_start"]) / 2
        self.sh = sh.reset_index(drop=True)
        names = _subject_names(self.ds)
        counts = sh["mission_id"].value_counts()
        self.subjects = sorted(counts.index, key=lambda i: (-int(counts[i]), str(i)))
        self.names = {s: names.get(s, s) for s in self.subjects}
        self.default = [s for s in default_slip_subjects(self.ds) if s in self.subjects] \
            or self.subjects[:3]
        palette = theme._COLORWAY
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
                sx += [_iso(a), _iso(a), None]
                sy += [_iso(t0), _iso(t1 + pd.Timedelta(hours=23, minutes=59)), None]
            label = self.names[s]
            self.per_subject[s] = {
                "x": [_iso(a) for a in g["a_mid"]], "y": [_iso(t) for t in g["t_mid"]],
                "span_x": sx, "span_y": sy,
                "lo": min(g["announced_on_start"].min(), g["target_date_start"].min()),
                "hi": max(g["announced_on_end"].max(), g["target_date_end"].max()),
                "hover": [_hover(
                    f"<b>{_esc(label)}</b>",
                    f"announced {_esc(_date_label(r.announced_on_start, r.announced_on_precision))}",  # noqa: E501
                    "target: " + _esc(_date_label(r.target_date_start, r.target_date_precision,
                                                  r.qualifier)),
                    _esc(r.summary), _esc(_cite(self.ds, r.source_ids)))
                    for r in g.itertuples()],
            }

    def _make_controls(self) -> dict[str, w.Widget]:
        chosen = self.options.get("mission_ids") or self.default
        return {"subjects": w.SelectMultiple(
            options=[(self.names[s], s) for s in self.subjects],
            value=tuple(s for s in chosen if s in self.subjects),
            rows=min(10, max(3, len(self.subjects))), description="Missions and goals",
            style=_DESC, layout=w.Layout(width="32em"))}

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
        fig.add_annotation(**_note(self.empty_text))
        fig.update_xaxes(type="date", title_text="When the target was announced")
        fig.update_yaxes(type="date", title_text="Target date announced")
        _finish(fig, self.ds, name=self.name, title="Moving targets",
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
        announcements = _count(n, "announcement")
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
        return _iso(lo - pd.DateOffset(months=6)), _iso(hi + pd.DateOffset(months=6))

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
        from .figures import schedule_slip_summary

        chosen = list(self.controls["subjects"].value)
        if not chosen:
            return "Nothing selected - pick at least one mission or goal."
        return (f"The chart shows {_plain(self._what(chosen))}. "
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
        from .figures import schedule_slip_summary

        if self.controls["subjects"].value:
            return self.summary()
        return (f"The chart shows {_plain(self._what(self.default))}. "
                + schedule_slip_summary(self.ds, self.default))


# =============================================================================================
# South pole map
# =============================================================================================

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
            if _str(sid):
                by_site.setdefault(str(sid), []).append(_str(name))
        self.by_site = by_site
        s["hover"] = [_hover(f"<b>{_esc(r.name)}</b> ({_esc(KIND_WORDS.get(r.kind, r.kind))})",
                             _coord_text(r.lat, r.lon) if not pd.isna(r.lat) else "",
                             _esc(_cite(self.ds, r.source_ids))) for r in s.itertuples()]
        s["label"] = [_esc(n) for n in s["name"]]
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
            cx, cy = _rim(float(r.lat), float(r.lon), float(r.diameter_km))
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
        """Where each name goes: figures.py's greedy placement, so no two names overlap.

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
            text = _site_label(r.name) if r.layer == "landing_sites" else _str(r.name)
            clear = (float(r.diameter_km) / 2 if r.layer == "craters"
                     and not pd.isna(r.diameter_km) else 0.0) + 8 * kpp
            items.append((float(r.x), float(r.y), text, clear))
        placed = _place_labels(items, blocked, kpp)
        return [(r.layer, x, y, ax, ay, anchor, _esc(text))
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
            "site": w.Dropdown(options=options, value=default_site if default_site in ids else "",
                               description="Site", style=_DESC, layout=w.Layout(width="30em")),
            "layers": w.SelectMultiple(options=list(POLE_LAYERS),
                                       value=tuple(o.get("layers") or [v for _, v in
                                                                         POLE_LAYERS]),
                                       rows=len(POLE_LAYERS), description="Layers",
                                       style=_DESC),
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
        fig.add_annotation(**_note(self.empty_text))
        pad = self.r_max * 1.12
        fig.update_xaxes(range=[-pad, pad], visible=False, showgrid=False, zeroline=False,
                         constrain="domain")
        fig.update_yaxes(range=[-pad, pad], visible=False, showgrid=False, zeroline=False,
                         scaleanchor="x", scaleratio=1, constrain="domain")
        fig.update_layout(legend={"orientation": "v", "x": 1.02, "y": 1},
                          margin={"l": 20, "r": 20, "t": 80})
        title = f"The Moon's south pole (south of {abs(self.lat_limit):g}° S)"
        _finish(fig, self.ds, name=self.name, title=title, source_ids=self.s["source_ids"],
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
                 else _coord_text(float(r["lat"]), float(r["lon"])))
        missions = self.by_site.get(site_id, [])
        sources = []
        for sid in _str(r["source_ids"]).split(";"):
            sid = sid.strip()
            if not sid:
                continue
            title, url = self.sources.get(sid, (sid, ""))
            sources.append(f"{_str(title)} — {_str(url)}" if _str(url) else _str(title))
        # (bold lead-in, plain text) per line; the text is escaped (and wrapped) below.
        lines: list[tuple[str, str]] = [
            (f"<b>{_esc(r['name'])}</b> ", f"({KIND_WORDS.get(r['kind'], r['kind'])})"),
            ("<b>Where:</b> ", where)]
        if not pd.isna(r["diameter_km"]):
            lines.append(("<b>Diameter:</b> ", f"{float(r['diameter_km']):g} km"))
        if missions:
            lines.append(("<b>Missions:</b> ", ", ".join(missions)))
        lines.append(("", _str(r["summary"])))
        lines.append(("<b>Source:</b> ", "; ".join(sources) or "not recorded"))
        out = []
        for lead, text in lines:
            if wrap is None:
                out.append(lead + _esc(text))
                continue
            first = max(20, wrap - len(html.unescape(lead.replace("<b>", "")
                                                     .replace("</b>", ""))))
            pieces = textwrap.wrap(text, first, break_long_words=False,
                                   break_on_hyphens=False) or [""]
            rest = textwrap.wrap(" ".join(pieces[1:]), wrap, break_long_words=False,
                                 break_on_hyphens=False)
            out.append(lead + "<br>".join(_esc(x) for x in [pieces[0], *rest]))
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
            title += f": {_str(row['name'].iloc[0])}"
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
                     "at " + _coord_text(float(r["lat"]), float(r["lon"])))
            text += (f" Selected: {_plain(r['name'])}, a "
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


# =============================================================================================
# Station roles
# =============================================================================================

ALL_ROLES = "all"


class RolesExplorer(Explorer):
    """Pick one of the four ILRS roles to list its objectives and the missions serving them."""

    name = "roles"
    empty_text = "Nothing to show for this role yet"
    HEADER = ("Role", "Objective", "Mission", "What it does", "Source")
    COLUMNS = (1.3, 1.9, 1.2, 3.2, 2.4)
    #: The table is laid out for this width (px; a little under a 1280 px screen, so the
    #: row estimate errs on the tall side), one character of 14 px text, one extra line,
    #: a one-line row and the header row.
    TABLE_PX = 1080
    CHAR_PX = 7.8
    LINE_PX = 18
    ROW_PX = 30
    HEADER_PX = 34
    MARGIN_T = 80
    MARGIN_B = 56

    def _prepare(self) -> None:
        sr = self.ds.station_roles.copy()
        names = {str(i): _str(n) or str(i) for i, n in
                 zip(self.ds.missions["id"], self.ds.missions["name"], strict=True)}
        sr["role"] = sr["role"].fillna("").astype(str)
        sr["c_role"] = [_esc(r) for r in sr["role"]]
        sr["c_objective"] = [_esc(o) for o in sr["objective"]]
        sr["c_mission"] = [_esc(names.get(_str(m), _str(m))) if _str(m) else "<i>no mission yet</i>"
                           for m in sr["mission_id"]]
        sr["c_summary"] = [_esc(s) for s in sr["summary"]]
        # The column is headed "Source", so the cell drops the "Source(s): " lead-in.
        sr["c_source"] = [_esc(_cite(self.ds, s).split(": ", 1)[-1]) for s in sr["source_ids"]]
        sr["has_mission"] = [bool(_str(m)) for m in sr["mission_id"]]
        self.sr = sr.reset_index(drop=True)
        self.roles = list(dict.fromkeys(self.sr["role"]))
        self.columns = ["c_role", "c_objective", "c_mission", "c_summary", "c_source"]
        self.cells = {role: self._cells(self.sr[self.sr["role"] == role])
                      for role in self.roles}
        self.cells[ALL_ROLES] = self._cells(self.sr)
        # Height of each row (px) once Plotly wraps its longest cell to the column width.
        widths = [self.TABLE_PX * c / sum(self.COLUMNS) for c in self.COLUMNS]
        lines = []
        for col, px in zip(self.columns, widths, strict=True):
            chars = max(6, int((px - 16) / self.CHAR_PX))
            lines.append([max(1, len(textwrap.wrap(html.unescape(t), chars,
                                                   break_long_words=True)))
                          for t in self.sr[col]])
        self.sr["row_px"] = [self.ROW_PX + self.LINE_PX * (max(ls) - 1) + 2
                             for ls in zip(*lines, strict=True)]

    def _height(self, role: str) -> int:
        """Figure height that shows every row of ``role`` with no scrolling in the table."""
        rows = int(self._rows(role)["row_px"].sum())
        return max(360, self.MARGIN_T + self.HEADER_PX + rows + self.MARGIN_B + 8)

    def _cells(self, rows: pd.DataFrame) -> list[list[str]]:
        return [rows[c].tolist() for c in self.columns]

    def _make_controls(self) -> dict[str, w.Widget]:
        options = [("all four roles", ALL_ROLES)] + [(r, r) for r in self.roles]
        value = self.options.get("role", self.roles[0] if self.roles else ALL_ROLES)
        return {"role": w.Dropdown(options=options, value=value, description="Role",
                                   style=_DESC, layout=w.Layout(width="30em"))}

    def _base_figure(self) -> go.Figure:
        fig = go.Figure(go.Table(
            columnwidth=list(self.COLUMNS),
            header={"values": [f"<b>{h}</b>" for h in self.HEADER], "align": "left",
                    "font": {"size": 16}, "fill": {"color": "#E8E8E8"},
                    "height": self.HEADER_PX},
            cells={"values": [[] for _ in self.HEADER], "align": "left", "font": {"size": 14},
                   "height": self.ROW_PX}))
        fig.add_annotation(**_note(self.empty_text))
        _finish(fig, self.ds, name=self.name, title="ILRS roles",
                source_ids=self.sr["source_ids"], dark=False,
                height=self._height(self.controls["role"].value))
        # A table has no axes: the source line sits just under it, and the figure is as tall
        # as the rows (see _height), so nothing scrolls inside the table.
        fig.update_annotations(selector={"name": "source"}, yshift=-8)
        fig.update_layout(margin={"l": 10, "r": 10, "t": self.MARGIN_T, "b": self.MARGIN_B})
        return fig

    def _rows(self, role: str) -> pd.DataFrame:
        return self.sr if role == ALL_ROLES else self.sr[self.sr["role"] == role]

    def _title(self, role: str) -> str:
        """Escaped title: the role and how many objectives and missions it lists."""
        rows = self._rows(role)
        n_obj = rows["objective"].nunique()
        n_mis = rows.loc[rows["has_mission"], "mission_id"].nunique()
        label = "all four roles" if role == ALL_ROLES else role
        return html.escape(f"ILRS role: {label} — {_count(n_obj, 'objective')}, "
                           f"{_count(n_mis, 'mission')}")

    def _update(self, values: dict[str, Any]) -> None:
        role = values["role"]
        rows = self._rows(role)
        self.figure.data[0].cells.values = self.cells[role]
        height = self._height(role)
        if self.figure.layout.height != height:
            self.figure.layout.height = height
        self.figure.layout.title.text = self._title(role)
        self._set_empty(None if len(rows) else self.empty_text)

    def summary(self) -> str:
        role = self.controls["role"].value
        rows = self._rows(role)
        if rows.empty:
            return "There are no objectives for this role in the data yet."
        objectives = rows["objective"].drop_duplicates()
        missions = rows.loc[rows["has_mission"], "mission_id"].unique()
        waiting = rows.groupby("objective")["has_mission"].any()
        empty = int((~waiting).sum())
        label = "the four ILRS roles together" if role == ALL_ROLES else f"the role “{role}”"
        text = (f"For {_plain(label)}, the plan lists {len(objectives)} "
                f"objective{'s' if len(objectives) != 1 else ''} served by {len(missions)} "
                f"mission{'s' if len(missions) != 1 else ''}.")
        if empty:
            text += f" {empty} objective{'s have' if empty != 1 else ' has'} no mission yet."
        return text

    def to_figure(self) -> go.Figure:
        """A dropdown of roles that swaps the table's cells."""
        fig = self._finish_static(self.figure)
        top = self.MARGIN_T + MENU_ROW_PX

        def layout(role: str) -> dict[str, Any]:
            height = self._height(role) + MENU_ROW_PX
            plot_h = height - top - self.MARGIN_B
            return {"height": height, "updatemenus[0].y": 1 + (top - TITLE_BAND_PX) / plot_h,
                    "title.text": self._title(role)}

        buttons = []
        for label, role in self.controls["role"].options:
            buttons.append({"label": html.escape(label), "method": "update",
                            "args": [{"cells.values": [self.cells[role]]}, layout(role), [0]]})
        current = [v for _, v in self.controls["role"].options].index(
            self.controls["role"].value)
        fig.update_layout(title_text=self._title(self.controls["role"].value),
                          height=self._height(self.controls["role"].value) + MENU_ROW_PX)
        self._menus_band(fig, [{"type": "dropdown", "buttons": buttons, "active": current,
                                "name": "role"}], top=top)
        return fig


EXPLORERS: dict[str, type[Explorer]] = {
    "mission_timeline": MissionTimelineExplorer,
    "partners": PartnerExplorer,
    "schedule_slip": ScheduleSlipExplorer,
    "south_pole": SouthPoleExplorer,
    "roles": RolesExplorer,
}
