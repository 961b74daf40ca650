"""Gantt chart of the ILRS phases with their missions."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .. import theme
from ..text import format_list
from ..text import format_number
from ..text import nt
from ..text import t
from ..theme import FRAMEWORK_COLORS
from ..theme import STATUS_SYMBOLS
from .common import STATUS_ORDER
from .common import date_columns
from .common import date_label
from .common import esc
from .common import finish_figure
from .common import hover_source
from .common import hover_text
from .common import ilrs_phase_rows
from .common import is_missing
from .common import midpoint
from .common import plain
from .common import span_trace
from .common import today_line


def _phase_missions(ds: Any, phases: pd.DataFrame) -> pd.DataFrame:
    m = ds.missions
    phase_names = {str(i).removeprefix("ilrs-"): i for i in phases["id"]}
    out = m[m["ilrs_phase"].astype("string").isin(list(phase_names))].copy()
    out["c_start"], out["c_end"], out["c_prec"] = date_columns(out, "launch_date")
    return out.sort_values("c_start")


def figure(ds: Any, *, dark: bool = False) -> go.Figure:
    """Gantt chart of the ILRS phases with the ILRS missions placed inside them."""
    phases = ilrs_phase_rows(ds).reset_index(drop=True)
    missions = _phase_missions(ds, phases)
    fig = go.Figure()
    row_of = {str(pid).removeprefix("ilrs-"): i for i, pid in enumerate(phases["id"])}
    finishes = []
    for ph in phases.itertuples():
        finish = ph.c_finish if not is_missing(ph.c_finish) else max(
            ph.c_start + pd.DateOffset(years=5), pd.Timestamp(ds.as_of))
        finishes.append(finish)
    widths = [
        ((f + pd.Timedelta(days=1)) - s).total_seconds() * 1000
        for s, f in zip(phases["c_start"], finishes, strict=True)
    ]
    end_text = [
        (t("open-ended") if o else date_label(e, "year"))
        for o, e in zip(phases["c_open"], phases["c_finish"], strict=True)
    ]
    hover = [
        hover_text(
            t("<b>{phase}</b> phase", phase=esc(ph.name)),
            esc(t("{start} – {end}", start=date_label(ph.c_start, ph.c_prec, ph.qualifier),
                  end=end)),
            esc(ph.summary),
            hover_source(ds, ph.source_ids),
        )
        for ph, end in zip(phases.itertuples(), end_text, strict=True)
    ]
    fig.add_trace(
        go.Bar(
            base=list(phases["c_start"]),
            x=widths,
            y=list(range(len(phases))),
            orientation="h",
            name="phases",
            marker={"color": [FRAMEWORK_COLORS["ILRS"]] * len(phases), "opacity": 0.3,
                    "pattern": {"shape": ["/" if o else "" for o in phases["c_open"]]}},
            width=0.8,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        )
    )
    # Missions inside their phase row, spread a little so labels do not overlap.
    counters: dict[int, int] = {}
    placed: dict[str, dict[str, list[Any]]] = {}
    for r in missions.itertuples():
        row = row_of[str(r.ilrs_phase)]
        k = counters.get(row, 0)
        counters[row] = k + 1
        offset = (-0.25, 0.0, 0.25)[k % 3]
        group = placed.setdefault(str(r.program), {"x": [], "y": [], "s0": [], "e0": [], "text": [],
                                                   "hover": [], "symbol": []})
        start, end = r.c_start, r.c_end
        if is_missing(start):
            continue
        mid = midpoint(start, end)
        group["x"].append(mid)
        group["y"].append(row + offset)
        group["s0"].append(start if str(r.c_prec) != "day" else None)
        group["e0"].append(end if str(r.c_prec) != "day" else None)
        group["text"].append(esc(r.name))
        group["symbol"].append(STATUS_SYMBOLS.get(str(r.status), "circle"))
        group["hover"].append(hover_text(
            f"<b>{esc(r.name)}</b> ({esc(theme.program_name(r.program))})",
            esc(t("launch: {date}", date=date_label(start, r.c_prec, r.date_qualifier))),
            esc(t("status: {status}", status=theme.status_label(r.status))),
            hover_source(ds, r.source_ids),
        ))
    for program, g in placed.items():
        fig.add_trace(span_trace(g["s0"], g["e0"], g["y"], theme.program_color(program)))
        fig.add_trace(
            go.Scatter(
                x=g["x"], y=g["y"], mode="markers+text", text=g["text"],
                textposition="middle right", name=html.escape(theme.program_name(program)),
                marker={"size": 14, "color": theme.program_color(program),
                        "symbol": g["symbol"], "line": {"width": 2,
                                                        "color": theme.program_color(program)}},
                hovertext=g["hover"], hovertemplate="%{hovertext}<extra></extra>",
                meta={"program": program}, showlegend=False,
            )
        )
    # Key: one plain entry per side colour (its programs named; every mission is named on the
    # chart), then one grey entry per status shape, so the legend never shows a program with
    # the symbol of whichever mission came first.
    sides: dict[str, list[str]] = {}
    for program in placed:
        sides.setdefault(theme.PROGRAM_SIDES.get(program, "neutral"), []).append(program)
    for side, programs in sides.items():
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers",
                                 name=esc(format_list(theme.program_name(p) for p in programs)),
                                 marker={"size": 14, "symbol": "square",
                                         "color": theme.SIDE_COLORS[side]},
                                 meta={"kind": "key", "side": side}))
    shown = sorted({str(s) for s in missions["status"]},
                   key=lambda st: STATUS_ORDER.index(st) if st in STATUS_ORDER else 99)
    for status in shown:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers",
                                 name=esc(theme.status_label(status)),
                                 marker={"size": 13, "symbol": STATUS_SYMBOLS.get(status, "circle"),
                                         "color": theme.SIDE_COLORS["neutral"],
                                         "line": {"width": 2,
                                                  "color": theme.SIDE_COLORS["neutral"]}},
                                 meta={"kind": "key"}))
    today_line(fig, ds)
    fig.update_yaxes(
        tickvals=list(range(len(phases))),
        ticktext=[esc(n) for n in phases["name"]],
        autorange="reversed",
        showgrid=False,
    )
    fig.update_xaxes(type="date", title_text=t("Year"))
    fig.update_layout(barmode="overlay",
                      legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0})
    title = t("The ILRS plan in phases, and the missions in each")
    ids = list(phases["source_ids"]) + list(missions["source_ids"])
    return finish_figure(fig, ds, name="ilrs_phases", title=title, source_ids=ids, dark=dark)


def summary(ds: Any, *, dark: bool = False) -> str:
    """Plain sentences: the phases with their years and how many missions each holds."""
    phases = ilrs_phase_rows(ds)
    missions = _phase_missions(ds, phases)
    if phases.empty:
        return t("There are no ILRS phases in the data yet.")
    parts = []
    for ph in phases.itertuples():
        n = int((missions["ilrs_phase"] == str(ph.id).removeprefix("ilrs-")).sum())
        if ph.c_open:
            parts.append(nt("{phase} (from {start}, {n} mission)",
                            "{phase} (from {start}, {n} missions)", n,
                            phase=plain(ph.name), start=ph.c_start.year))
        else:
            parts.append(nt("{phase} ({start}–{end}, {n} mission)",
                            "{phase} ({start}–{end}, {n} missions)", n,
                            phase=plain(ph.name), start=ph.c_start.year,
                            end=ph.c_finish.year))
    flown = int(missions["status"].isin(["success", "partial", "failure"]).sum())
    return " ".join([
        nt("The ILRS is planned in {n} phase: {phases}.",
           "The ILRS is planned in {n} phases: {phases}.", len(phases),
           phases=format_list(parts)),
        nt("{flown} of the {n} mission placed in a phase has already flown.",
           "{flown} of the {n} missions placed in a phase have already flown.",
           len(missions), flown=format_number(flown)),
    ])
