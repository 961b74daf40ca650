"""Missions by program on a time line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..theme import STATUS_COLORS, STATUS_LABELS, STATUS_SYMBOLS
from .common import (
    ARTEMIS_SIDE_PROGRAMS,
    ILRS_SIDE_PROGRAMS,
    STATUS_ORDER,
    as_text,
    cite,
    date_columns,
    date_label,
    esc,
    finish_figure,
    hover_text,
    is_are,
    label_lanes,
    plural,
    program_list,
    today_line,
)


def _timeline_missions(
    ds: Any,
    programs: str | Sequence[str] | None,
    crewed: bool | None,
    statuses: Sequence[str] | None,
) -> pd.DataFrame:
    progs = program_list(programs, ILRS_SIDE_PROGRAMS + ARTEMIS_SIDE_PROGRAMS)
    m = ds.missions[ds.missions["program"].isin(progs)].copy()
    if crewed is not None:
        m = m[m["crewed"].astype(bool) == bool(crewed)]
    if statuses is not None:
        m = m[m["status"].isin(list(statuses))]
    m["c_start"], m["c_end"], m["c_prec"] = date_columns(m, "launch_date")
    m["c_program_order"] = m["program"].map({p: i for i, p in enumerate(progs)})
    return m.sort_values(["c_program_order", "c_start"])


#: Vertical offsets of the label lanes inside one program's row on the mission timeline.
TIMELINE_LANES: tuple[float, ...] = (-0.3, -0.1, 0.1, 0.3)


def _timeline_range(ds: Any, dated: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """x range: from the year before the first launch to 4 years after the last (label room)."""
    today = pd.Timestamp(ds.as_of)
    if dated.empty:
        return today - pd.DateOffset(years=10), today + pd.DateOffset(years=4)
    first = dated["c_start"].min()
    last = max(dated["c_end"].max(), today)
    return pd.Timestamp(first.year - 1, 1, 1), pd.Timestamp(last.year + 4, 12, 31)


def _timeline_lanes(dated: pd.DataFrame, progs: Sequence[str], x_lo: pd.Timestamp,
                    x_hi: pd.Timestamp, width_px: float = 1100.0) -> list[float]:
    """y position per mission: its program's row plus the first lane whose last label has ended.

    Labels are estimated at 8 px per character on a plot ``width_px`` wide, so names of
    missions launched close together go to different lanes instead of overlapping.
    """
    days_per_px = max((x_hi - x_lo).days, 1) / width_px
    day = pd.Timedelta(days=1)
    lanes = label_lanes(
        [str(p) for p in dated["program"]],
        [(t - x_lo) / day for t in dated["c_start"]],
        [(t - x_lo) / day for t in dated["c_end"]],
        [len(as_text(n)) for n in dated["name"]],
        units_per_px=days_per_px, max_lanes=len(TIMELINE_LANES))
    return [progs.index(p) + TIMELINE_LANES[k]
            for p, k in zip(dated["program"], lanes, strict=True)]


def figure(
    ds: Any,
    programs: str | Sequence[str] | None = None,
    *,
    crewed: bool | None = None,
    statuses: Sequence[str] | None = None,
    dark: bool = False,
) -> go.Figure:
    """Missions by program over time; status = colour + symbol, crewed = thick outline.

    ``programs``: None for the ILRS side (Chang'e, Luna) and the Artemis side (Artemis, CLPS),
    ``"all"`` for every program, or a list. A launch date known only to the year or month is
    drawn as a bar covering that whole year or month.
    """
    progs = program_list(programs, ILRS_SIDE_PROGRAMS + ARTEMIS_SIDE_PROGRAMS)
    m = _timeline_missions(ds, programs, crewed, statuses)
    dated = m.dropna(subset=["c_start"])
    x_lo, x_hi = _timeline_range(ds, dated)
    dated = dated.assign(c_y=_timeline_lanes(dated, progs, x_lo, x_hi))
    precise = dated["c_prec"].fillna("day").eq("day")
    fig = go.Figure()

    def hover_for(rows: pd.DataFrame) -> list[str]:
        return [
            hover_text(
                f"<b>{esc(r.name)}</b> ({esc(r.program)})",
                f"launch: {esc(date_label(r.c_start, r.c_prec, r.date_qualifier))}",
                f"status: {esc(STATUS_LABELS.get(str(r.status), r.status))}"
                + (" · crewed" if r.crewed else " · uncrewed"),
                (f"planned date last checked {esc(r.as_of)}"
                 if str(r.status) in ("planned", "in_progress") and as_text(r.as_of) else ""),
                esc(cite(ds, r.source_ids)),
            )
            for r in rows.itertuples()
        ]

    for status in STATUS_ORDER:
        for is_crewed in (False, True):
            sel = dated[(dated["status"] == status) & (dated["crewed"].astype(bool) == is_crewed)]
            if sel.empty:
                continue
            label = STATUS_LABELS[status] + (" · crewed" if is_crewed else "")
            color = STATUS_COLORS[status]
            outline = {"color": "#000000" if not dark else "#FFFFFF",
                       "width": 3 if is_crewed else 1}
            spans = sel[~precise.loc[sel.index]]
            points_empty = sel[precise.loc[sel.index]].empty
            if not spans.empty:
                fig.add_trace(
                    go.Bar(
                        base=list(spans["c_start"]),
                        x=[((e + pd.Timedelta(days=1)) - s).total_seconds() * 1000
                           for s, e in zip(spans["c_start"], spans["c_end"], strict=True)],
                        y=list(spans["c_y"]),
                        orientation="h",
                        width=0.2,
                        name=label,
                        legendgroup=label,
                        showlegend=points_empty,
                        marker={"color": color, "line": outline,
                                "pattern": {"shape": "/" if is_crewed else ""}},
                        text=[esc(n) for n in spans["name"]],
                        textposition="outside",
                        textfont={"size": 13},
                        hovertext=hover_for(spans),
                        hovertemplate="%{hovertext}<extra></extra>",
                        meta={"status": status, "crewed": is_crewed, "kind": "span"},
                    )
                )
            points = sel[precise.loc[sel.index]]
            if not points.empty:
                fig.add_trace(
                    go.Scatter(
                        x=list(points["c_start"]),
                        y=list(points["c_y"]),
                        mode="markers+text",
                        text=[esc(n) for n in points["name"]],
                        textposition="middle right",
                        textfont={"size": 13},
                        name=label,
                        legendgroup=label,
                        marker={"color": color, "symbol": STATUS_SYMBOLS[status],
                                "size": 16 if is_crewed else 12, "line": outline},
                        hovertext=hover_for(points),
                        hovertemplate="%{hovertext}<extra></extra>",
                        meta={"status": status, "crewed": is_crewed, "kind": "point"},
                    )
                )
    if not dated.empty:
        key_line = {"color": "#000000" if not dark else "#FFFFFF", "width": 3}
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name="crewed: thick outline",
                                 marker={"symbol": "square", "size": 14, "color": "rgba(0,0,0,0)",
                                         "line": key_line}, meta={"kind": "key"}))
        fig.add_trace(go.Bar(x=[None], y=[None], name="bar: date known only to month or year",
                             marker={"color": "#BBBBBB"}, meta={"kind": "key"}))
    today_line(fig, ds)
    fig.update_yaxes(tickvals=list(range(len(progs))), ticktext=[esc(p) for p in progs],
                     showgrid=False)
    fig.update_xaxes(type="date", title_text="Launch date", range=[x_lo, x_hi])
    fig.update_yaxes(range=[len(progs) - 0.5, -0.5])
    fig.update_layout(barmode="overlay", margin={"t": 140},
                      legend={"title": {"text": "Key:"}, "orientation": "h", "x": 0,
                              "y": 1.05, "yanchor": "bottom", "font": {"size": 14}})
    title = "Missions to the Moon: China–Russia side and US side"
    if programs is not None:
        title = "Missions to the Moon: " + ", ".join(progs)
    return finish_figure(fig, ds, name="mission_timeline", title=title, source_ids=m["source_ids"],
                   dark=dark, height=max(560, 120 * len(progs) + 260))


def summary(
    ds: Any,
    programs: str | Sequence[str] | None = None,
    *,
    crewed: bool | None = None,
    statuses: Sequence[str] | None = None,
    dark: bool = False,
) -> str:
    """Plain sentences: how many missions per side, planned, crewed, and spans."""
    m = _timeline_missions(ds, programs, crewed, statuses)
    dated = m.dropna(subset=["c_start"])
    if dated.empty:
        return "No missions with a launch date match these choices."
    ilrs = int(dated["program"].isin(ILRS_SIDE_PROGRAMS).sum())
    artemis = int(dated["program"].isin(ARTEMIS_SIDE_PROGRAMS).sum())
    planned = int(dated["status"].isin(["planned", "in_progress"]).sum())
    crew = int(dated["crewed"].astype(bool).sum())
    spans = int((~dated["c_prec"].fillna("day").eq("day")).sum())
    text = (
        f"The chart shows {plural(len(dated), 'mission')} from "
        f"{dated['c_start'].min().year} to {dated['c_start'].max().year}: {ilrs} on the "
        f"China–Russia side (Chang'e and Luna) and {artemis} on the US side (Artemis and CLPS)"
    )
    other = len(dated) - ilrs - artemis
    text += f", plus {other} from other programs." if other else "."
    text += (f" {planned} {'is' if planned == 1 else 'are'} planned or under way and "
             f"{crew} carr{'ies' if crew == 1 else 'y'} a crew.")
    if spans:
        text += (f" {plural(spans, 'launch date')} {'is' if spans == 1 else 'are'} known only "
                 "to the month or year, so they are drawn as bars.")
    undated = len(m) - len(dated)
    if undated:
        text += f" {plural(undated, 'mission')} without a launch date {is_are(undated)} left out."
    return text
