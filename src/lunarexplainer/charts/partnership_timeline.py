"""China–Russia milestones on a time line, with the ILRS phases shaded."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .. import theme
from ..text import format_list
from ..text import nt
from ..text import t
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
from .sizes import MAX_HEIGHT


def _timeline_milestones(ds: Any, programs: Sequence[str]) -> pd.DataFrame:
    ms = ds.milestones
    out = ms[ms["program"].isin(list(programs))].copy()
    out["c_start"], out["c_end"], out["c_prec"] = date_columns(out, "date")
    return out.dropna(subset=["c_start"]).sort_values("c_start")


def figure(
    ds: Any, *, programs: Sequence[str] = ("ILRS",), dark: bool = False
) -> go.Figure:
    """China–Russia / ILRS milestones on a time line, with the ILRS phases shaded.

    Each milestone gets its own row (earliest at the top) with its title to the right, so
    titles never overlap. The time axis runs from the first milestone to a few years after
    today; phases that start later are named in a note at the right.
    """
    ms = _timeline_milestones(ds, programs).reset_index(drop=True)
    phases = ilrs_phase_rows(ds)
    fig = go.Figure()
    ys = list(range(len(ms)))
    xs = [midpoint(s, e) for s, e in zip(ms["c_start"], ms["c_end"], strict=True)]
    hover = [
        hover_text(
            f"<b>{esc(r.title)}</b>",
            esc(date_label(r.c_start, r.c_prec)),
            esc(r.summary),
            hover_source(ds, r.source_ids),
        )
        for r in ms.itertuples()
    ]
    ink = "#F2F2F2" if dark else "#1A1A1A"
    colors = [theme.program_color(p) for p in ms["program"]]
    inexact = ms["c_prec"].fillna("day").ne("day").to_numpy()
    fig.add_trace(span_trace(ms["c_start"][inexact], ms["c_end"][inexact],
                              [y for y, i in zip(ys, inexact, strict=True) if i],
                              "#777777" if not dark else "#BBBBBB", width=6))
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers+text",
            name="milestones",
            text=[esc(title) for title in ms["title"]],
            textposition="middle right",
            textfont={"size": 16, "color": ink},
            marker={"size": 15, "color": colors, "symbol": "diamond",
                    "line": {"color": ink, "width": 1}},
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        )
    )
    today = pd.Timestamp(ds.as_of)
    first = ms["c_start"].min() if not ms.empty else today - pd.DateOffset(years=5)
    x_lo = pd.Timestamp(first.year, 1, 1) - pd.DateOffset(months=6)
    x_hi = pd.Timestamp(max(today, ms["c_end"].max() if not ms.empty else today).year + 4, 12, 31)
    # The phases are the ILRS side's plan: its colour, darker for each later phase.
    shades = [theme.rgba(theme.SIDE_COLORS["ilrs"], a) for a in (0.12, 0.24, 0.36, 0.48)]
    later: list[str] = []
    for i, ph in enumerate(phases.itertuples()):
        finish = ph.c_finish if not is_missing(ph.c_finish) else ph.c_start + pd.DateOffset(years=5)
        fig.add_vrect(x0=ph.c_start, x1=finish, fillcolor=shades[i % len(shades)], line_width=0,
                      layer="below")
        if ph.c_start >= x_hi:
            later.append(t("{phase} from {year}", phase=ph.name, year=ph.c_start.year))
            continue
        v0, v1 = max(ph.c_start, x_lo), min(finish, x_hi)
        goes_on = finish > x_hi or ph.c_open
        fig.add_annotation(
            x=midpoint(v0, v1), y=-1.0, showarrow=False, yanchor="middle",
            text=f"<i>{esc(ph.name)}</i>" + (" →" if goes_on else ""), font={"size": 16},
        )
    if later:
        # Its own line above the phase names (at -1.0), so the two never overlap.
        fig.add_annotation(x=0.995, xref="paper", y=-1.85, yanchor="middle",
                           xanchor="right", showarrow=False, align="right",
                           text=esc(t("Later phases: {phases}", phases=format_list(later))),
                           font={"size": 16})
    today_line(fig, ds)
    fig.update_yaxes(visible=False, range=[len(ms) - 0.3, -2.4 if later else -1.6])
    fig.update_xaxes(title_text=t("Year"), showgrid=True, range=[x_lo, x_hi], dtick="M12",
                     tickformat="%Y")
    title = t("China and Russia's Moon station: from first agreements to today")
    ids = list(ms["source_ids"]) + list(phases["source_ids"])
    return finish_figure(fig, ds, name="partnership_timeline", title=title, source_ids=ids,
                         dark=dark, height=timeline_height(len(ms)))


#: The figure never grows past a projector (:data:`.sizes.MAX_HEIGHT`): more milestones get a
#: smaller row pitch.
ROW_PX = 40
#: Title, phase names, axis and the source footer.
FRAME_PX = 260


def timeline_height(rows: int) -> int:
    """Height (px) for ``rows`` milestones: 40 px a row, at most :data:`MAX_HEIGHT`."""
    return min(MAX_HEIGHT, max(560, ROW_PX * rows + FRAME_PX))


def summary(
    ds: Any, *, programs: Sequence[str] = ("ILRS",), dark: bool = False
) -> str:
    """Plain sentences: how many milestones, first and latest, and the phases."""
    ms = _timeline_milestones(ds, programs)
    phases = ilrs_phase_rows(ds)
    if ms.empty:
        return t("There are no ILRS milestones in the data yet.")
    first, last = ms.iloc[0], ms.iloc[-1]
    text = nt(
        "The time line shows {n} milestone of the China–Russia lunar station (ILRS) from "
        "{first_year} to {last_year}: it starts with “{first}” ({first_date}) and the latest "
        "is “{last}” ({last_date}).",
        "The time line shows {n} milestones of the China–Russia lunar station (ILRS) from "
        "{first_year} to {last_year}: it starts with “{first}” ({first_date}) and the latest "
        "is “{last}” ({last_date}).",
        len(ms), first_year=first["c_start"].year, last_year=last["c_start"].year,
        first=plain(first["title"]), first_date=date_label(first["c_start"], first["c_prec"]),
        last=plain(last["title"]), last_date=date_label(last["c_start"], last["c_prec"]))
    if not phases.empty:
        text += " " + nt("The shaded band is the {n} planned phase: {phases}.",
                         "The shaded bands are the {n} planned phases: {phases}.",
                         len(phases), phases=format_list(plain(n) for n in phases["name"]))
    return text
