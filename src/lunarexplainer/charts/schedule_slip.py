"""When each target date was announced against the date it aimed for."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .. import theme
from .common import (
    as_text,
    cite,
    date_columns,
    date_label,
    esc,
    finish_figure,
    hover_text,
    midpoint,
    plain,
    span_trace,
    subject_names,
)


def _slips(ds: Any, mission_ids: Sequence[str] | None) -> pd.DataFrame:
    sh = ds.schedule_history.copy()
    if mission_ids is None:
        mission_ids = default_slip_subjects(ds)
    if mission_ids is not None:
        if isinstance(mission_ids, str):
            mission_ids = [mission_ids]
        sh = sh[sh["mission_id"].isin(list(mission_ids))]
    sh["c_a_start"], sh["c_a_end"], sh["c_a_prec"] = date_columns(sh, "announced_on")
    sh["c_t_start"], sh["c_t_end"], sh["c_t_prec"] = date_columns(sh, "target_date")
    sh = sh.dropna(subset=["c_a_start", "c_t_start"])
    sh["c_a_mid"] = [midpoint(s, e) for s, e in zip(sh["c_a_start"], sh["c_a_end"], strict=True)]
    sh["c_t_mid"] = [midpoint(s, e) for s, e in zip(sh["c_t_start"], sh["c_t_end"], strict=True)]
    return sh.sort_values(["mission_id", "c_a_start"])


def default_slip_subjects(ds: Any, limit: int = 5) -> list[str]:
    """Subjects shown by default: those whose target was announced most often (≥ 2 times)."""
    counts = ds.schedule_history["mission_id"].value_counts(sort=False)
    counts = counts[counts >= 2]
    order = sorted(counts.index, key=lambda i: (-int(counts[i]), str(i)))
    return [str(i) for i in order[:limit]]


def _is_2021_by_2024(r: Any) -> bool:
    return (r.c_a_start.year == 2021 and r.c_t_start.year == 2024 and r.c_t_end.year == 2024
            and as_text(r.qualifier) in ("by", ""))


def figure(
    ds: Any, mission_ids: Sequence[str] | None = None, *, dark: bool = False
) -> go.Figure:
    """When each target was announced (x) vs the date it aimed for (y), with a no-slip line.

    A point above the diagonal's earlier points means the goal moved later. Targets known only
    to the year or month are drawn with vertical bars spanning the whole period.
    """
    sh = _slips(ds, mission_ids)
    names = subject_names(ds)
    palette = theme.COLORWAY
    fig = go.Figure()
    if not sh.empty:
        lo = min(sh["c_a_start"].min(), sh["c_t_start"].min())
        hi = max(sh["c_a_end"].max(), sh["c_t_end"].max(), pd.Timestamp(ds.as_of))
        fig.add_trace(
            go.Scatter(x=[lo, hi], y=[lo, hi], mode="lines",
                       name="no slip: target = date announced",
                       line={"color": "#777777", "dash": "dash", "width": 2}, hoverinfo="skip")
        )
    for i, (subject, g) in enumerate(sh.groupby("mission_id", sort=False)):
        color = palette[i % len(palette)]
        label = names.get(str(subject), str(subject))
        hover = [
            hover_text(
                f"<b>{esc(label)}</b>",
                f"announced {esc(date_label(r.c_a_start, r.c_a_prec))}",
                f"target: {esc(date_label(r.c_t_start, r.c_t_prec, r.qualifier))}",
                esc(r.summary),
                esc(cite(ds, r.source_ids)),
            )
            for r in g.itertuples()
        ]
        inexact = g["c_t_prec"].fillna("day").ne("day").to_numpy()
        fig.add_trace(span_trace(g["c_t_start"][inexact], g["c_t_end"][inexact],
                                  g["c_a_mid"][inexact], color, vertical=True, width=3,
                                  legendgroup=html.escape(label)))
        fig.add_trace(
            go.Scatter(
                x=list(g["c_a_mid"]), y=list(g["c_t_mid"]), mode="lines+markers",
                legendgroup=html.escape(label),
                name=html.escape(label), line={"color": color, "width": 3},
                marker={"size": 12, "color": color},
                hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
                meta={"mission_id": str(subject)},
            )
        )
    for r in sh.itertuples():
        if _is_2021_by_2024(r):
            fig.add_annotation(
                x=r.c_a_mid, y=r.c_t_mid, text="2021 plan: “by 2024”", showarrow=True,
                arrowhead=2, ax=-80, ay=-50, font={"size": 15}, name="by-2024",
            )
            break
    if not sh.empty:
        x_lo = sh["c_a_start"].min() - pd.DateOffset(months=6)
        x_hi = max(sh["c_a_end"].max(), pd.Timestamp(ds.as_of)) + pd.DateOffset(months=6)
        fig.update_xaxes(range=[x_lo, x_hi])
    fig.update_xaxes(type="date", title_text="When the target was announced")
    fig.update_yaxes(type="date", title_text="Target date announced")
    title = "Moving targets: how announced dates slipped"
    return finish_figure(fig, ds, name="schedule_slip", title=title, source_ids=sh["source_ids"],
                   dark=dark)


def summary(
    ds: Any, mission_ids: Sequence[str] | None = None, *, dark: bool = False
) -> str:
    """Plain sentences: for up to three subjects, how far the target moved."""
    sh = _slips(ds, mission_ids)
    names = subject_names(ds)
    if sh.empty:
        return "There is no schedule history for these choices."
    parts = []
    subjects = list(dict.fromkeys(sh["mission_id"]))
    for subject in subjects[:3]:
        g = sh[sh["mission_id"] == subject]
        first, last = g.iloc[0], g.iloc[-1]
        years = (last["c_t_mid"] - first["c_t_mid"]).days / 365.25
        first_t = date_label(first["c_t_start"], first["c_t_prec"], first["qualifier"])
        last_t = date_label(last["c_t_start"], last["c_t_prec"], last["qualifier"])
        name = plain(names.get(str(subject), str(subject)))
        if len(g) == 1:
            parts.append(f"{name} has one announced target, {first_t}")
        elif abs(years) < 0.5:
            parts.append(f"the target for {name} stayed about the same ({first_t} in "
                         f"{first['c_a_start'].year}, {last_t} in {last['c_a_start'].year})")
        else:
            way = "later" if years > 0 else "earlier"
            parts.append(
                f"the target for {name} moved from {first_t} (announced "
                f"{first['c_a_start'].year}) to {last_t} (announced {last['c_a_start'].year}), "
                f"about {abs(years):.0f} year{'s' if round(abs(years)) != 1 else ''} {way}"
            )
    text = "; ".join(parts)
    text = text[0].upper() + text[1:] + "."
    if len(subjects) > 3:
        text += f" The chart shows {len(subjects) - 3} more."
    return text
