"""The 2021 report's context: spaceflight milestones it mentions that are not Moon missions.

The first person in space, China's first astronaut, Crew Dragon, Tianwen-1 to Mars and the
completed Tiangong station come from ``context.csv``, never from the Moon missions, and are
drawn on their own time line: one row per kind, one mark per milestone, and a dashed line for
the day the memorandum the report is about was signed. Every mark is drawn in the page's ink
(black, or white on dark): colour means a mission outcome in the other charts, and all these
milestones succeeded, so the kind is shown by the mark's shape and the row instead.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .. import facts
from .. import theme
from ..text import N_
from ..text import format_date
from ..text import full_stop
from ..text import nt
from ..text import t
from ..theme import verdict_label
from .common import cite
from .common import date_label
from .common import esc
from .common import finish_figure
from .common import hover_text
from .common import plain
from .common import wrap_text

#: Kinds of context milestone, top row first, with the words of their row.
KIND_LABELS: dict[str, str] = {
    "crewed_earth_orbit": N_("Crewed flights in Earth orbit"),
    "space_station": N_("Space stations"),
    "mars_mission": N_("Missions to Mars"),
}
#: One mark shape per kind; none of them is a mission-status shape (theme.STATUS_SYMBOLS).
KIND_SYMBOLS: dict[str, str] = {
    "crewed_earth_orbit": "star",
    "space_station": "square",
    "mars_mission": "pentagon",
}


def _ink(dark: bool) -> str:
    return "#F2F2F2" if dark else "#1A1A1A"


def _rows(ds: Any) -> pd.DataFrame:
    return ds.context.sort_values("launch_date_start", kind="stable").reset_index(drop=True)


def _hover(ds: Any, r: Any, claims: dict[str, Any]) -> str:
    lines = [f"<b>{esc(r.name)}</b> ({esc(theme.agency_name(r.agency))})",
             esc(t("Launch: {date}", date=date_label(r.launch_date_start,
                                                     r.launch_date_precision))),
             wrap_text(r.summary, 60)]
    claim = claims.get(str(r.claim_id))
    if claim is not None:
        lines.append(wrap_text(t("The report's claim: {claim} ({verdict})", claim=claim.claim,
                                 verdict=verdict_label(claim.verdict)), 60))
    lines.append(wrap_text(cite(ds, r.source_ids), 60))
    return hover_text(*lines)


def figure(ds: Any, *, dark: bool = False) -> go.Figure:
    """The report's context milestones on a time line of their own, one row per kind."""
    c = _rows(ds)
    ink = _ink(dark)
    claims = {check.id: check for check in facts.claim_checks(ds)}
    kinds = [k for k in KIND_LABELS if k in set(c["kind"])]
    fig = go.Figure()
    for kind in kinds:
        rows = c[c["kind"] == kind]
        fig.add_trace(go.Scatter(
            x=list(rows["launch_date_start"]), y=[t(KIND_LABELS[kind])] * len(rows),
            mode="markers+text", name=esc(t(KIND_LABELS[kind])),
            text=[wrap_text(n, 20) for n in rows["name"]], textposition="bottom center",
            cliponaxis=False,
            textfont={"size": theme.LABEL_FONT_SIZE, "color": ink},
            marker={"symbol": KIND_SYMBOLS[kind], "size": 16, "color": ink,
                    "line": {"color": ink, "width": 1}},
            hovertext=[_hover(ds, r, claims) for r in rows.itertuples()],
            hovertemplate="%{hovertext}<extra></extra>", meta={"kind": kind},
        ))
    try:
        signed = pd.Timestamp(facts.memorandum_date(ds))
    except LookupError:  # a teacher's data without the memorandum: no line to draw
        signed = None
    if signed is not None:
        fig.add_vline(x=signed, line={"color": ink, "width": 2, "dash": "dash"}, layer="below")
        fig.add_annotation(x=signed, y=1, xref="x", yref="paper", yanchor="bottom",
                           xanchor="right", showarrow=False,
                           font={"size": theme.LABEL_FONT_SIZE, "color": ink},
                           text=esc(t("Memorandum signed, {date}: the report follows",
                                      date=format_date(signed))), name="memorandum")
    years = [ts.year for ts in c["launch_date_start"].dropna()]
    end = signed.year if signed is not None else pd.Timestamp(ds.as_of).year
    first, last = min(years, default=end - 60), max([*years, end])
    fig.update_xaxes(title_text=t("Year"), type="date",
                     range=[pd.Timestamp(first - 4, 1, 1), pd.Timestamp(last + 9, 1, 1)])
    # Names sit under their marks (two lines at most), so each row keeps room below it.
    fig.update_yaxes(title_text="", type="category", categoryorder="array",
                     categoryarray=[t(KIND_LABELS[k]) for k in reversed(kinds)],
                     range=[-0.9, len(kinds) - 0.5], showgrid=False)
    fig.update_layout(showlegend=False, margin={"l": 20, "r": 30, "t": 110})
    title = t("Context, not Moon missions: firsts the 2021 report mentions")
    return finish_figure(fig, ds, name="context_timeline", title=title,
                         source_ids=c["source_ids"], dark=dark, height=460)


def summary(ds: Any, *, dark: bool = False) -> str:
    """Plain sentences: how many context milestones, the first and the last, and why apart."""
    c = _rows(ds)
    if c.empty:
        return t("The data has no context milestones.")
    first, last = c.iloc[0], c.iloc[-1]
    return " ".join([
        nt("The 2021 report mentions {n} spaceflight milestone that is not a Moon mission.",
           "The 2021 report mentions {n} spaceflight milestones that are not Moon missions: "
           "from {first} ({first_year}) to {last} ({last_year}).",
           len(c), first=plain(first["name"]), first_year=str(first["launch_date_start"].year),
           last=plain(last["name"]), last_year=str(last["launch_date_start"].year)),
        t("They are context for its claims, so they are drawn here on their own time line and "
          "never counted as missions to the Moon. The shape of each mark shows its kind."),
        full_stop(ds.dates_text),
    ])
