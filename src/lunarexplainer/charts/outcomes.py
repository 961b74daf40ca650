"""Moon mission outcomes per program and decade."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .. import theme
from ..text import format_list
from ..text import format_number
from ..text import nt
from ..text import t
from ..theme import STATUS_COLORS
from .common import ALL_PROGRAMS
from .common import STATUS_ORDER
from .common import date_columns
from .common import esc
from .common import finish_figure
from .common import hover_source
from .common import hover_text
from .common import plain
from .common import program_list

STATUS_PATTERNS = {"success": "", "partial": "/", "failure": "x", "planned": ".",
                   "in_progress": "+", "cancelled": "-"}


def _outcomes(ds: Any, programs: str | Sequence[str] | None) -> pd.DataFrame:
    """Dated Moon missions of ``programs`` with their decade (missions.csv holds Moon missions
    only; the report's other milestones are in context.csv)."""
    progs = program_list(programs, ALL_PROGRAMS)
    m = ds.missions[ds.missions["program"].isin(progs)].copy()
    m["c_start"], _, _ = date_columns(m, "launch_date")
    m = m.dropna(subset=["c_start"])
    m["decade"] = (m["c_start"].dt.year // 10 * 10).astype(int).astype(str) + "s"
    m["c_p"] = m["program"].map({p: i for i, p in enumerate(progs)})
    return m


def figure(
    ds: Any, programs: str | Sequence[str] | None = None, *, dark: bool = False
) -> go.Figure:
    """Stacked bars: Moon mission outcomes per program and decade (colour + pattern per status).

    Each horizontal bar is one program in one decade, labelled "Apollo, 1960s"; bars are
    ordered by program, then by decade, from the top.
    """
    m = _outcomes(ds, programs)
    keys = (m[["c_p", "program", "decade"]].drop_duplicates().sort_values(["c_p", "decade"]))
    labels = [esc(t("{program}, {decade}", program=theme.program_name(p), decade=d))
              for p, d in zip(keys["program"], keys["decade"], strict=True)]
    pattern_ink = "#F2F2F2" if dark else "#1A1A1A"
    fig = go.Figure()
    for status in STATUS_ORDER:
        sel = m[m["status"] == status]
        if sel.empty:
            continue
        counts = sel.groupby(["program", "decade"]).size()
        names = sel.groupby(["program", "decade"])["name"].apply(
            lambda s: esc(format_list(s)))
        srcs = sel.groupby(["program", "decade"])["source_ids"].apply(lambda s: ";".join(s))
        ys, hover = [], []
        for p, d in zip(keys["program"], keys["decade"], strict=True):
            n = int(counts.get((p, d), 0))
            ys.append(n)
            hover.append(hover_text(
                f"<b>{esc(t('{program}, {decade}', program=theme.program_name(p), decade=d))}</b>: "
                + esc(t("{n} {status}", n=format_number(n), status=theme.status_label(status))),
                names.get((p, d), ""),
                hover_source(ds, [srcs.get((p, d), "")]) if n else "",
            ))
        fig.add_trace(go.Bar(
            y=labels, x=ys, orientation="h", name=esc(theme.status_label(status)),
            marker={"color": STATUS_COLORS[status],
                    "line": {"color": pattern_ink, "width": 1},
                    "pattern": {"shape": STATUS_PATTERNS[status], "fgcolor": pattern_ink,
                                "fillmode": "overlay", "size": 10, "solidity": 0.25}},
            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
            meta={"status": status},
        ))
    fig.update_layout(barmode="stack", bargap=0.15,
                      legend={"title": {"text": esc(t("Outcome:"))}, "orientation": "h", "x": 0,
                              "y": 1.02, "yanchor": "bottom", "traceorder": "normal"})
    fig.update_xaxes(title_text=t("Number of missions"), rangemode="tozero", dtick=1)
    fig.update_yaxes(title_text="", type="category", categoryorder="array",
                     categoryarray=labels, autorange="reversed", showgrid=False)
    title = t("How did Moon missions go? Results by program and decade")
    return finish_figure(fig, ds, name="outcomes", title=title, source_ids=m["source_ids"],
                         dark=dark)


def summary(
    ds: Any, programs: str | Sequence[str] | None = None, *, dark: bool = False
) -> str:
    """Plain sentences: totals per outcome and the busiest program."""
    m = _outcomes(ds, programs)
    if m.empty:
        return t("No missions with a launch date match these choices.")
    c = m["status"].value_counts()
    count = {k: int(c.get(k, 0)) for k in STATUS_ORDER}
    flown = count["success"] + count["partial"] + count["failure"]
    sentences = [nt(
        "Of {n} Moon mission with a launch date, {flown} has flown: {success} succeeded, "
        "{partial} partly succeeded and {failure} failed.",
        "Of {n} Moon missions with a launch date, {flown} have flown: {success} succeeded, "
        "{partial} partly succeeded and {failure} failed.",
        len(m), flown=flown, success=count["success"], partial=count["partial"],
        failure=count["failure"])]
    later = count["planned"] + count["in_progress"]
    if count["cancelled"]:
        sentences.append(nt("{n} is planned or under way and {cancelled} cancelled.",
                            "{n} are planned or under way and {cancelled} cancelled.",
                            later, cancelled=count["cancelled"]))
    else:
        sentences.append(nt("{n} is planned or under way.", "{n} are planned or under way.",
                            later))
    top = m["program"].value_counts()
    sentences.append(t("The program with the most missions here is {program} ({n}).",
                       program=plain(theme.program_name(top.index[0])),
                       n=format_number(int(top.iloc[0]))))
    return " ".join(sentences)
