"""The whole story on one page: both sides' Moon missions, flown against planned, on one time line.

Four rows, two per side: the China–Russia side (Chang'e and Luna, Luna 24 of the Soviet Union
included) and the US-led side (Apollo, Artemis and the commercial CLPS landers), each split into
the missions that have *flown* and the ones still *planned*.

* A flown mission is a mark at its launch day; colour and shape give its outcome (the key shows
  each one), a thick outline means a crew was on board.
* A planned launch known only to the month or year is a bar over that whole month or year;
  a plan that says "no earlier than" (NET) goes on as a dashed line to the right edge, because
  it may come later still. A plan known to the day is a hollow circle.
* Only Moon missions are drawn: missions whose type never goes to the Moon
  (:data:`EARTH_ORBIT_TYPES`: a Moon program's rehearsal in Earth orbit) and missions without a
  launch date are left out, and the summary names them.

Options: ``dark``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .. import theme
from ..text import format_list
from ..text import nt
from ..text import t
from .common import ARTEMIS_SIDE_PROGRAMS
from .common import EPOCH
from .common import ILRS_SIDE_PROGRAMS
from .common import cite
from .common import date_columns
from .common import date_label
from .common import esc
from .common import finish_figure
from .common import hover_text
from .common import iso
from .common import label_lanes
from .common import plain

NAME = "overview"
#: The two sides and their programs, top first.
SIDES: dict[str, tuple[str, ...]] = {
    "ilrs": ILRS_SIDE_PROGRAMS,
    "us": ("Apollo", *ARTEMIS_SIDE_PROGRAMS),
}
#: Statuses of missions that have launched (drawn as marks), in key order.
FLOWN_STATUSES: tuple[str, ...] = ("success", "partial", "failure", "in_progress")
#: y of each row's centre; lanes spread a row over +-LANE_SPREAD.
ROW_Y: dict[tuple[str, str], float] = {("ilrs", "flown"): 0.0, ("ilrs", "planned"): 1.0,
                                       ("us", "flown"): 2.3, ("us", "planned"): 3.3}
LANE_STEP = 0.22
MAX_LANES = 5
HEIGHT = 700
#: Width (px) of the words of one entry of the key.
KEY_ENTRY_PX = 320
PLOT_PX = 900


def side_label(side: str) -> str:
    return t("China–Russia side") if side == "ilrs" else t("US-led side")


def _row_label(side: str, kind: str) -> str:
    if kind == "flown":
        return t("{side}: flown", side=side_label(side))
    return t("{side}: planned", side=side_label(side))


#: Flights of a Moon program that stay in Earth orbit (Artemis III as now planned): in
#: ``missions.csv`` but not drawn as going to the Moon.
EARTH_ORBIT_TYPES: tuple[str, ...] = ("crewed_earth_orbit",)

def _side_of(program: object) -> str | None:
    return next((s for s, progs in SIDES.items() if program in progs), None)


def _all(ds: Any) -> pd.DataFrame:
    m = ds.missions.copy()
    m["side"] = m["program"].map(_side_of)
    m = m[m["side"].notna()].copy()
    m["c_start"], m["c_end"], m["c_prec"] = date_columns(m, "launch_date")
    m["moon"] = ~m["mission_type"].isin(list(EARTH_ORBIT_TYPES))
    m["kind"] = m["status"].map(lambda s: "flown" if s in FLOWN_STATUSES else
                                ("planned" if s == "planned" else None))
    return m


def missions(ds: Any) -> pd.DataFrame:
    """The chart's table: dated Moon missions of both sides, flown or planned, by launch."""
    m = _all(ds)
    m = m[m["moon"] & m["kind"].notna() & m["c_start"].notna()].copy()
    m["crewed"] = m["crewed"].fillna(False).astype(bool)
    m["precise"] = m["c_prec"].fillna("day").eq("day")
    m["net"] = m["date_qualifier"].astype("string").fillna("").eq("NET")
    return m.sort_values("c_start", kind="stable").reset_index(drop=True)


def _left_out(ds: Any) -> tuple[list[str], list[str]]:
    """Names of the sides' missions left out: (not to the Moon, no launch date)."""
    m = _all(ds)
    m = m[m["kind"].notna()]
    not_moon = [plain(n) for n in m.loc[~m["moon"], "name"]]
    undated = [plain(n) for n in m.loc[m["moon"] & m["c_start"].isna(), "name"]]
    return not_moon, undated


def _lanes_y(m: pd.DataFrame, x_span_days: float) -> list[float]:
    """y per mission: lanes inside each row so that no two names (or marks) overlap.

    Names of planned missions are written to the LEFT of their bar (the right edge is where
    the plans crowd), so lanes are worked out on a reversed time line.
    """
    day = pd.Timedelta(days=1)
    start = ((m["c_start"] - EPOCH) / day).tolist()
    end = ((m["c_end"].fillna(m["c_start"]) - EPOCH) / day).tolist()
    order = sorted(range(len(m)), key=lambda i: -end[i])
    groups = list(zip(m["side"], m["kind"], strict=True))
    chars = [len(str(n)) if k == "planned" else 0 for n, k in zip(m["name"], m["kind"],
                                                                strict=True)]
    lanes = label_lanes([groups[i] for i in order], [-end[i] for i in order],
                        [-start[i] for i in order], [chars[i] for i in order],
                        units_per_px=x_span_days / PLOT_PX, max_lanes=MAX_LANES, pad_px=18.0,
                        char_px=9.0)
    lane = dict(zip(order, lanes, strict=True))
    return [ROW_Y[g] - LANE_STEP * (MAX_LANES - 1) / 2 + LANE_STEP * lane[i]
            for i, g in enumerate(groups)]


def _hover(ds: Any, r: Any) -> str:
    when = date_label(r.c_start, r.c_prec, r.date_qualifier)
    lines = [f"<b>{esc(r.name)}</b> ({esc(theme.program_name(r.program))})",
             esc(t("Launch: {date}", date=when)),
             esc(t("Status: {status}", status=theme.status_label(r.status)))]
    if r.crewed:
        lines.append(esc(t("crewed")))
    lines.append(esc(cite(ds, r.source_ids)))
    return hover_text(*lines)


def figure(ds: Any, *, dark: bool = False) -> go.Figure:
    """Both sides' Moon missions, flown (marks) against planned (bars), on one time line."""
    m = missions(ds)
    today = pd.Timestamp(ds.as_of)
    first = int(m["c_start"].min().year) if len(m) else today.year - 10
    last = int(m["c_end"].fillna(m["c_start"]).max().year) if len(m) else today.year
    x_lo = pd.Timestamp(first - 2, 1, 1)
    x_hi = pd.Timestamp(max(last, today.year) + 3, 12, 31)
    m["y"] = _lanes_y(m, (x_hi - x_lo).days) if len(m) else []
    m["hover"] = [_hover(ds, r) for r in m.itertuples()]
    ink = "#F2F2F2" if dark else "#1A1A1A"
    fig = go.Figure()
    flown = m[m["kind"] == "flown"]
    for status in FLOWN_STATUSES:
        sel = flown[flown["status"] == status]
        if sel.empty:
            continue
        fig.add_trace(go.Scatter(
            x=[iso(v) for v in sel["c_start"]], y=sel["y"].tolist(), mode="markers",
            name=esc(t("flown: {status}", status=theme.status_label(status))),
            marker={"color": theme.status_color(status), "symbol": theme.status_symbol(status),
                    "size": 14, "line": {"color": ink,
                                         "width": [3 if c else 1 for c in sel["crewed"]]}},
            hovertext=sel["hover"].tolist(), hovertemplate="%{hovertext}<extra></extra>",
            meta={"kind": "flown", "status": status}))
    planned = m[m["kind"] == "planned"]
    spans = planned[~planned["precise"]]
    if not spans.empty:
        width = ((spans["c_end"] + pd.Timedelta(days=1) - spans["c_start"])
                 / pd.Timedelta(milliseconds=1)).tolist()
        fig.add_trace(go.Bar(
            orientation="h", base=[iso(v) for v in spans["c_start"]], x=width,
            y=spans["y"].tolist(), width=0.13,
            name=esc(t("planned: bar over the month or year")),
            marker={"color": theme.status_color("planned"),
                    "line": {"color": ink, "width": [3 if c else 1 for c in spans["crewed"]]}},
            hovertext=spans["hover"].tolist(), hovertemplate="%{hovertext}<extra></extra>",
            meta={"kind": "planned_span"}))
    days = planned[planned["precise"]]
    if not days.empty:
        fig.add_trace(go.Scatter(
            x=[iso(v) for v in days["c_start"]], y=days["y"].tolist(), mode="markers",
            name=esc(t("planned for a known day")),
            marker={"color": theme.status_color("planned"),
                    "symbol": theme.status_symbol("planned"), "size": 14,
                    "line": {"width": [3 if c else 1 for c in days["crewed"]]}},
            hovertext=days["hover"].tolist(), hovertemplate="%{hovertext}<extra></extra>",
            meta={"kind": "planned_day"}))
    if not planned.empty:
        fig.add_trace(go.Scatter(
            x=[iso(v - pd.Timedelta(days=60)) for v in planned["c_start"]],
            y=planned["y"].tolist(), mode="text", text=[esc(n) for n in planned["name"]],
            textposition="middle left", textfont={"size": theme.LABEL_FONT_SIZE, "color": ink},
            hoverinfo="skip", showlegend=False, meta={"kind": "planned_names"}))
    net = planned[planned["net"]]
    if not net.empty:
        xs: list[Any] = []
        ys: list[Any] = []
        for end, y in zip(net["c_end"].fillna(net["c_start"]), net["y"], strict=True):
            xs += [iso(end + pd.Timedelta(days=1)), iso(x_hi), None]
            ys += [y, y, None]
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", hoverinfo="skip",
            name=esc(t("“no earlier than”: may come later")),
            line={"color": theme.status_color("planned"), "width": 3, "dash": "dash"},
            meta={"kind": "net"}))
    if m["crewed"].any():
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", hoverinfo="skip",
            name=esc(t("crewed: thick outline")),
            marker={"symbol": "square", "size": 13, "color": "#1E1E1E" if dark else "#FFFFFF",
                    "line": {"color": ink, "width": 3}},
            meta={"kind": "key", "crewed": True}))
    rows = list(ROW_Y)
    fig.update_layout(
        barmode="overlay", showlegend=True,
        # two entries a row at 16 px: KEY_ENTRY_PX holds the longest entry's words
        legend={"title": {"text": esc(t("Key:"))}, "orientation": "h", "x": 0, "y": 1.02,
                "entrywidth": KEY_ENTRY_PX, "entrywidthmode": "pixels",
                "yanchor": "bottom", "font": {"size": theme.LEGEND_FONT_SIZE}},
        shapes=[{"type": "line", "xref": "x", "yref": "paper", "x0": iso(today),
                 "x1": iso(today), "y0": 0, "y1": 1,
                 "line": {"dash": "dot", "width": 2, "color": "#777777"}}],
        margin={"t": 184, "l": 200, "r": 30})
    fig.add_annotation(x=iso(today), y=1, yref="paper", text=esc(t("today")), showarrow=False,
                       yanchor="bottom", font={"size": theme.LABEL_FONT_SIZE}, name="today")
    fig.update_xaxes(type="date", range=[iso(x_lo), iso(x_hi)], title_text=t("Launch date"),
                     showgrid=True)
    fig.update_yaxes(tickvals=[ROW_Y[r] for r in rows],
                     ticktext=[esc(_row_label(*r)) for r in rows],
                     range=[ROW_Y[rows[-1]] + 0.5, ROW_Y[rows[0]] - 0.5], showgrid=False,
                     zeroline=False)
    fig = finish_figure(fig, ds, name=NAME, title=t("Flown and planned: both sides' Moon "
                                                    "missions on one time line"),
                        source_ids=m["source_ids"], dark=dark, height=HEIGHT)
    return fig


def counts(ds: Any) -> dict[tuple[str, str], int]:
    """Missions per (side, status) in the chart; the numbers its summary and lessons quote."""
    m = missions(ds)
    return {k: int(v) for k, v in m.groupby(["side", "status"]).size().items()}


def summary(ds: Any, *, dark: bool = False) -> str:
    """Plain sentences: per side what flew and how it went, what is planned, and the gaps."""
    m = missions(ds)
    if m.empty:
        return t("No Moon missions of either side have a launch date in the data.")
    out = []
    for side in SIDES:
        s = m[m["side"] == side]
        f = s[s["kind"] == "flown"]
        p = s[s["kind"] == "planned"]
        c = {k: int((f["status"] == k).sum()) for k in FLOWN_STATUSES}
        last = (date_label(p.iloc[-1]["c_start"], p.iloc[-1]["c_prec"],
                           p.iloc[-1]["date_qualifier"]) if len(p) else "")
        first = int(f["c_start"].min().year) if len(f) else ""
        flown = nt("{side}: {n} Moon mission flown since {first} ({success} succeeded, "
                   "{partial} partly succeeded, {failure} failed, {active} still at work)",
                   "{side}: {n} Moon missions flown since {first} ({success} succeeded, "
                   "{partial} partly succeeded, {failure} failed, {active} still at work)",
                   len(f), side=side_label(side), first=first, success=c["success"],
                   partial=c["partial"], failure=c["failure"], active=c["in_progress"])
        planned = nt("{n} more planned, the last {last}", "{n} more planned, the last {last}",
                     len(p), last=last) if len(p) else t("none planned")
        out.append(t("{flown}; {planned}.", flown=flown, planned=planned))
    planned = m[m["kind"] == "planned"]
    spans = int((~planned["precise"]).sum())
    net = int(planned["net"].sum())
    if spans:
        bars = nt("{n} planned date is known only to the month or year, so it is a bar over "
                  "that time", "{n} planned dates are known only to the month or year, so they "
                  "are bars over that time", spans)
        lines = nt("{n} says “no earlier than”, so a dashed line runs on to the right",
                   "{n} say “no earlier than”, so dashed lines run on to the right", net)
        out.append(t("{bars}; {lines}.", bars=bars, lines=lines))
    not_moon, undated = _left_out(ds)
    if not_moon or undated:
        out.append(t("Left out: {not_moon} (not going to the Moon) and {undated} (no launch "
                     "date yet).", not_moon=format_list(not_moon) or "–",
                     undated=format_list(undated) or "–"))
    return " ".join(out)


__all__ = ["NAME", "SIDES", "FLOWN_STATUSES", "missions", "counts", "figure", "summary",
           "side_label"]
