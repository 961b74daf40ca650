"""One pure function per chart: Dataset in, annotated ``go.Figure`` out.

Every ``<name>_figure(ds, **options)`` has a companion ``<name>_summary(ds, **options)`` that
says in one to three plain sentences what the chart shows, with numbers read from the data
(for screen readers, slides and handouts).

Conventions shared by every function:

* ``ds`` is a :class:`lunarexplainer.data.Dataset` (or anything with the same tables and the
  derived ``*_start``/``*_end``/``*_precision`` date columns).
* ``dark=True`` uses the dark template; all other options mean the same in every function.
* Text that comes from the data is HTML-escaped before it goes into a title, label or hover,
  because Plotly renders a subset of HTML in text. Summaries are plain text.
* Each figure carries a "Data as of …" and source line under the plot, and each hover names
  its source. ``fig.layout.meta`` holds ``{"name", "caption", "source_ids"}`` for captions.
* Dates known only to the year or month are drawn as spans, never as one precise day.
"""

from __future__ import annotations

import calendar
import html
import math
import textwrap
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import theme
from .theme import (
    FRAMEWORK_COLORS,
    STATUS_COLORS,
    STATUS_LABELS,
    STATUS_SYMBOLS,
)

__all__ = [
    "FIGURES",
    "MOON_RADIUS_KM",
    "ILRS_SIDE_PROGRAMS",
    "ARTEMIS_SIDE_PROGRAMS",
    "source_line",
    "default_slip_subjects",
    "label_lanes",
    "partnership_timeline_figure",
    "partnership_timeline_summary",
    "partner_growth_figure",
    "partner_growth_summary",
    "partner_map_figure",
    "partner_map_summary",
    "station_roles_figure",
    "station_roles_summary",
    "ilrs_phases_figure",
    "ilrs_phases_summary",
    "mission_timeline_figure",
    "mission_timeline_summary",
    "schedule_slip_figure",
    "schedule_slip_summary",
    "south_pole_figure",
    "south_pole_summary",
    "outcomes_figure",
    "outcomes_summary",
    "claims_figure",
    "claims_summary",
]

#: Mean radius of the Moon (km), used to project crater rims at their true size.
MOON_RADIUS_KM = 1737.4
#: Programs on the China–Russia (ILRS) side and on the US (Artemis) side.
ILRS_SIDE_PROGRAMS: tuple[str, ...] = ("Chang'e", "Luna")
ARTEMIS_SIDE_PROGRAMS: tuple[str, ...] = ("Artemis", "CLPS")
ALL_PROGRAMS: tuple[str, ...] = ("Chang'e", "Luna", "Artemis", "CLPS", "Apollo", "Chandrayaan",
                                 "other")
STATUS_ORDER: tuple[str, ...] = tuple(STATUS_COLORS)
QUALIFIER_WORDS = {"NET": "no earlier than", "by": "by", "around": "around"}
_MS_PER_DAY = 86_400_000
#: Pixels between the bottom of the plot area and the "Data as of" source line.
FOOTER_SHIFT = 78
# Bottom margin that leaves room for the two-line source footer under the plot.
FOOTER_MARGIN = FOOTER_SHIFT + 58

# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _str(value: object) -> str:
    """Data value as a string ('' for missing)."""
    return "" if _missing(value) else str(value)


def _esc(value: object) -> str:
    """Data value escaped for Plotly text (titles, labels, hovers)."""
    return html.escape(_str(value), quote=True)


def _plain(value: object) -> str:
    """Data value for a plain-text summary: no characters that could start HTML markup."""
    return _str(value).replace("<", "‹").replace(">", "›").replace("&", "and")


def _ids(source_ids: Iterable[object]) -> list[str]:
    """Unique source ids, in first-seen order, from ';'-separated cells."""
    seen: dict[str, None] = {}
    for cell in source_ids:
        for part in _str(cell).split(";"):
            part = part.strip()
            if part:
                seen.setdefault(part, None)
    return list(seen)


def _cite(ds: Any, source_ids: object) -> str:
    ids = _ids([source_ids])
    if not ids:
        return "Source: not recorded"
    try:
        return str(ds.cite(";".join(ids)))
    except Exception:  # an unknown id must not break a chart
        return "Source: " + ", ".join(ids)


def source_line(ds: Any, source_ids: Iterable[object], limit: int = 2) -> str:
    """Short plain source line for a set of rows: the first ``limit`` sources, then a count."""
    ids = _ids(source_ids)
    if not ids:
        return "Source: not recorded"
    line = _cite(ds, ";".join(ids[:limit]))
    if len(ids) > limit:
        more = len(ids) - limit
        line += f"; and {more} more source{'s' if more > 1 else ''} (see data/sources.csv)"
    return line


def _date_cols(df: pd.DataFrame, col: str) -> tuple[pd.Series, pd.Series, pd.Series]:
    """``(start, end, precision)`` for a date column, derived here if the loader did not."""
    if f"{col}_start" in df.columns and f"{col}_end" in df.columns:
        start = pd.to_datetime(df[f"{col}_start"])
        end = pd.to_datetime(df[f"{col}_end"])
        if f"{col}_precision" in df.columns:
            precision = df[f"{col}_precision"].astype("string")
        else:
            precision = pd.Series(pd.NA, index=df.index, dtype="string")
        return start, end, precision
    starts, ends, precs = [], [], []
    for value in df[col] if col in df.columns else [pd.NA] * len(df):
        text = _str(value)
        if len(text) == 4 and text.isdigit():
            y = int(text)
            starts.append(pd.Timestamp(y, 1, 1))
            ends.append(pd.Timestamp(y, 12, 31))
            precs.append("year")
        elif len(text) == 7:
            y, m = int(text[:4]), int(text[5:7])
            starts.append(pd.Timestamp(y, m, 1))
            ends.append(pd.Timestamp(y, m, calendar.monthrange(y, m)[1]))
            precs.append("month")
        elif text:
            day = pd.Timestamp(text[:10])
            starts.append(day)
            ends.append(day)
            precs.append("day")
        else:
            starts.append(pd.NaT)
            ends.append(pd.NaT)
            precs.append(pd.NA)
    return (
        pd.Series(pd.to_datetime(starts), index=df.index),
        pd.Series(pd.to_datetime(ends), index=df.index),
        pd.Series(precs, index=df.index, dtype="string"),
    )


def _date_label(start: object, precision: object, qualifier: object = None) -> str:
    """'2028', 'August 2026' or '15 August 2026', with 'no earlier than'/'by'/'around'."""
    if _missing(start):
        return "date unknown"
    ts = pd.Timestamp(start)
    prec = _str(precision) or "day"
    if prec == "year":
        text = f"{ts.year}"
    elif prec == "month":
        text = f"{calendar.month_name[ts.month]} {ts.year}"
    else:
        text = f"{ts.day} {calendar.month_name[ts.month]} {ts.year}"
    word = QUALIFIER_WORDS.get(_str(qualifier), "")
    return f"{word} {text}" if word else text


def _mid(start: pd.Timestamp, end: pd.Timestamp) -> pd.Timestamp:
    return start + (end - start) / 2


def _month_year(ts: pd.Timestamp) -> str:
    return f"{calendar.month_name[ts.month]} {ts.year}"


def _hover(*lines: str) -> str:
    """Join already-escaped hover lines."""
    return "<br>".join(line for line in lines if line)


def _finish(
    fig: go.Figure,
    ds: Any,
    *,
    name: str,
    title: str,
    source_ids: Iterable[object],
    dark: bool,
    height: int = 560,
) -> go.Figure:
    """Theme, title, 'Data as of' + source annotation, and caption metadata."""
    ids = _ids(source_ids)
    line = source_line(ds, ids)
    caption = f"Data as of {ds.as_of_text}. {line}."
    theme.apply_theme(fig, dark=dark)
    fig.update_layout(
        title={"text": html.escape(title), "y": 1, "yref": "container", "yanchor": "top",
               "pad": {"t": 16}},
        height=height,
        meta={"name": name, "caption": caption, "source_ids": ids},
    )
    short = source_line(ds, ids, limit=1)
    if len(short) > 95:  # two short lines fit a narrow notebook or a printed page
        short = short[:92].rstrip() + "…"
    fig.add_annotation(
        text=html.escape(f"Data as of {ds.as_of_text}") + "<br>" + html.escape(short),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-FOOTER_SHIFT,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": 13},
        align="left",
        name="source",
    )
    # Keep room for the source line under the plot.
    fig.update_layout(margin={"b": FOOTER_MARGIN})
    return fig


def _spans(starts: Iterable[Any], ends: Iterable[Any], at: Iterable[Any],
           *, vertical: bool = False) -> tuple[list[Any], list[Any]]:
    """Line segments from each start to end (error bars do not draw on date axes)."""
    a: list[Any] = []
    b: list[Any] = []
    for s0, e0, pos in zip(starts, ends, at, strict=True):
        if _missing(s0) or _missing(e0):
            continue
        a += [s0, e0 + pd.Timedelta(hours=23, minutes=59), None]
        b += [pos, pos, None]
    return (b, a) if vertical else (a, b)


def _span_trace(starts: Iterable[Any], ends: Iterable[Any], at: Iterable[Any], color: str,
                *, vertical: bool = False, name: str = "date range", width: int = 4,
                legendgroup: str | None = None) -> go.Scatter:
    x, y = _spans(starts, ends, at, vertical=vertical)
    return go.Scatter(x=x, y=y, mode="lines", line={"color": color, "width": width},
                      hoverinfo="skip", showlegend=False, name=name, legendgroup=legendgroup,
                      meta={"kind": "span"})


def _today_line(fig: go.Figure, ds: Any, *, vertical: bool = True) -> None:
    x = pd.Timestamp(ds.as_of)
    if vertical:
        fig.add_vline(x=x, line={"dash": "dot", "width": 2, "color": "#777777"})
        fig.add_annotation(x=x, y=1, yref="paper", text="today", showarrow=False,
                           yanchor="bottom", font={"size": 14})


def _program_list(programs: str | Sequence[str] | None, default: Sequence[str]) -> list[str]:
    if programs is None:
        return list(default)
    if isinstance(programs, str):
        return list(ALL_PROGRAMS) if programs == "all" else [programs]
    return list(programs)


def _join_names(names: Sequence[str], limit: int = 3) -> str:
    names = list(names)
    if len(names) <= limit:
        if len(names) <= 1:
            return "".join(names)
        return ", ".join(names[:-1]) + " and " + names[-1]
    return ", ".join(names[:limit]) + f" and {len(names) - limit} more"


def _is(n: int) -> str:
    return "is" if n == 1 else "are"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


# ---------------------------------------------------------------------------------------------
# 1. Partnership timeline
# ---------------------------------------------------------------------------------------------


def _ilrs_phases(ds: Any) -> pd.DataFrame:
    ph = ds.phases
    mask = ph["id"].astype("string").str.startswith("ilrs-").fillna(False)
    if "kind" in ph.columns:
        mask &= ph["kind"].astype("string").fillna("phase").eq("phase")
    out = ph[mask].copy()
    out["c_start"], out["c_end"], out["c_prec"] = _date_cols(out, "start_date")
    end_start, end_end, _ = _date_cols(out, "end_date")
    out["c_finish"] = end_end
    out["c_open"] = out["c_finish"].isna()
    return out.sort_values("c_start")


def _timeline_milestones(ds: Any, programs: Sequence[str]) -> pd.DataFrame:
    ms = ds.milestones
    out = ms[ms["program"].isin(list(programs))].copy()
    out["c_start"], out["c_end"], out["c_prec"] = _date_cols(out, "date")
    return out.dropna(subset=["c_start"]).sort_values("c_start")


def partnership_timeline_figure(
    ds: Any, *, programs: Sequence[str] = ("ILRS",), dark: bool = False
) -> go.Figure:
    """China–Russia / ILRS milestones on a time line, with the ILRS phases shaded.

    Each milestone gets its own row (earliest at the top) with its title to the right, so
    titles never overlap. The time axis runs from the first milestone to a few years after
    today; phases that start later are named in a note at the right.
    """
    ms = _timeline_milestones(ds, programs).reset_index(drop=True)
    phases = _ilrs_phases(ds)
    fig = go.Figure()
    ys = list(range(len(ms)))
    xs = [_mid(s, e) for s, e in zip(ms["c_start"], ms["c_end"], strict=True)]
    hover = [
        _hover(
            f"<b>{_esc(r.title)}</b>",
            _esc(_date_label(r.c_start, r.c_prec)),
            _esc(r.summary),
            _esc(_cite(ds, r.source_ids)),
        )
        for r in ms.itertuples()
    ]
    ink = "#F2F2F2" if dark else "#1A1A1A"
    colors = [theme.program_color(p) for p in ms["program"]]
    inexact = ms["c_prec"].fillna("day").ne("day").to_numpy()
    fig.add_trace(_span_trace(ms["c_start"][inexact], ms["c_end"][inexact],
                              [y for y, i in zip(ys, inexact, strict=True) if i],
                              "#777777" if not dark else "#BBBBBB", width=6))
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers+text",
            name="milestones",
            text=[_esc(t) for t in ms["title"]],
            textposition="middle right",
            textfont={"size": 15, "color": ink},
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
    shades = ["rgba(213,94,0,0.10)", "rgba(213,94,0,0.22)", "rgba(213,94,0,0.34)",
              "rgba(213,94,0,0.46)"]
    later: list[str] = []
    for i, ph in enumerate(phases.itertuples()):
        finish = ph.c_finish if not _missing(ph.c_finish) else ph.c_start + pd.DateOffset(years=5)
        fig.add_vrect(x0=ph.c_start, x1=finish, fillcolor=shades[i % len(shades)], line_width=0,
                      layer="below")
        if ph.c_start >= x_hi:
            later.append(f"{_esc(ph.name)} from {ph.c_start.year}")
            continue
        v0, v1 = max(ph.c_start, x_lo), min(finish, x_hi)
        goes_on = finish > x_hi or ph.c_open
        fig.add_annotation(
            x=_mid(v0, v1), y=-1.0, showarrow=False, yanchor="middle",
            text=f"<i>{_esc(ph.name)}</i>" + (" →" if goes_on else ""), font={"size": 15},
        )
    if later:
        fig.add_annotation(x=0.995, xref="paper", y=-0.45, yanchor="middle",
                           xanchor="right", showarrow=False, align="right",
                           text="Later phases: " + "; ".join(later), font={"size": 14})
    _today_line(fig, ds)
    fig.update_yaxes(visible=False, range=[len(ms) - 0.3, -1.6])
    fig.update_xaxes(title_text="Year", showgrid=True, range=[x_lo, x_hi], dtick="M12",
                     tickformat="%Y")
    title = "China and Russia's Moon station: from first agreements to today"
    ids = list(ms["source_ids"]) + list(phases["source_ids"])
    return _finish(fig, ds, name="partnership_timeline", title=title, source_ids=ids, dark=dark,
                   height=max(560, 40 * len(ms) + 260))


def partnership_timeline_summary(
    ds: Any, *, programs: Sequence[str] = ("ILRS",), dark: bool = False
) -> str:
    """Plain sentences: how many milestones, first and latest, and the phases."""
    ms = _timeline_milestones(ds, programs)
    phases = _ilrs_phases(ds)
    if ms.empty:
        return "There are no ILRS milestones in the data yet."
    first, last = ms.iloc[0], ms.iloc[-1]
    text = (
        f"The time line shows {_plural(len(ms), 'milestone')} of the China–Russia lunar station "
        f"(ILRS) from {first['c_start'].year} to {last['c_start'].year}: it starts with "
        f"“{_plain(first['title'])}” ({_date_label(first['c_start'], first['c_prec'])}) and the "
        f"latest is “{_plain(last['title'])}” ({_date_label(last['c_start'], last['c_prec'])})."
    )
    if not phases.empty:
        names = [_plain(n).lower() for n in phases["name"]]
        text += f" The shaded bands are the {len(phases)} planned phases: {_join_names(names, 5)}."
    return text


# ---------------------------------------------------------------------------------------------
# 2. Partner growth
# ---------------------------------------------------------------------------------------------

FRAMEWORKS: tuple[str, ...] = ("ILRS", "Artemis Accords")
KIND_PLURALS = {"country": "countries", "organization": "organizations"}


def _partners(ds: Any, until: object = None) -> pd.DataFrame:
    p = ds.partners.copy()
    p["c_start"], p["c_end"], p["c_prec"] = _date_cols(p, "joined_on")
    p = p.dropna(subset=["c_start"])
    if until is not None:
        p = p[p["c_start"] <= _until_ts(until)]
    return p.sort_values("c_start")


def _until_ts(until: object) -> pd.Timestamp:
    if isinstance(until, int | np.integer):
        return pd.Timestamp(int(until), 12, 31)
    return pd.Timestamp(until)


def partner_growth_figure(
    ds: Any,
    *,
    frameworks: Sequence[str] | None = None,
    until: object = None,
    dark: bool = False,
) -> go.Figure:
    """Cumulative members over time, ILRS vs Artemis Accords, countries and organizations."""
    frameworks = list(frameworks or FRAMEWORKS)
    p = _partners(ds, until)
    end = pd.Timestamp(ds.as_of) if until is None else min(_until_ts(until), ds.as_of)
    fig = go.Figure()
    for fw in frameworks:
        for kind, dash in (("country", "solid"), ("organization", "dash")):
            rows = p[(p["framework"] == fw) & (p["kind"] == kind)]
            if rows.empty:
                continue
            groups = rows.groupby("c_start", sort=True)
            xs: list[Any] = []
            ys: list[int] = []
            hover: list[str] = []
            total = 0
            for day, g in groups:
                total += len(g)
                xs.append(day)
                ys.append(total)
                names = ", ".join(_esc(e) for e in g["entity"])
                when = _esc(_date_label(day, g["c_prec"].iloc[0]))
                hover.append(_hover(
                    f"<b>{_esc(fw)}</b>: {_plural(total, kind, KIND_PLURALS.get(kind))}",
                    f"joined {when}: {names}",
                    _esc(_cite(ds, ";".join(g["source_ids"].astype(str)))),
                ))
            xs.append(end)
            ys.append(total)
            hover.append(_hover(f"<b>{_esc(fw)}</b>: "
                                f"{_plural(total, kind, KIND_PLURALS.get(kind))}",
                                f"as of {_esc(ds.as_of_text)}"))
            fig.add_trace(
                go.Scatter(
                    x=xs, y=ys, mode="lines+markers", line_shape="hv",
                    name=f"{html.escape(fw)}: {KIND_PLURALS.get(kind, kind + 's')}",
                    line={"color": FRAMEWORK_COLORS.get(fw, "#999999"), "dash": dash,
                          "width": 3},
                    marker={"size": 8, "symbol": "circle" if kind == "country" else "square"},
                    hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
                    meta={"framework": fw, "kind": kind},
                )
            )
    fig.update_xaxes(title_text="Date joined")
    fig.update_yaxes(title_text="Members so far", rangemode="tozero")
    fig.update_layout(legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0})
    title = "Who signed up? Members of the ILRS and the Artemis Accords over time"
    return _finish(fig, ds, name="partner_growth", title=title, source_ids=p["source_ids"],
                   dark=dark)


def _counts(p: pd.DataFrame, fw: str) -> tuple[int, int]:
    rows = p[p["framework"] == fw]
    return int((rows["kind"] == "country").sum()), int((rows["kind"] == "organization").sum())


def partner_growth_summary(
    ds: Any,
    *,
    frameworks: Sequence[str] | None = None,
    until: object = None,
    dark: bool = False,
) -> str:
    """Plain sentences with the member counts of each framework.

    Without ``until`` every listed member counts, also those with no known joining date (the
    lines cannot place them, and the summary says so). The last official count is quoted
    when it differs from our list.
    """
    p = _partners(ds, until)
    if until is None:
        listed_all = ds.partners
        undated = ds.partners[ds.partners["joined_on"].isna()
                              | (ds.partners["joined_on"].astype("string") == "")]
    else:
        listed_all = p
        undated = p.iloc[0:0]
    when = pd.Timestamp(ds.as_of) if until is None else min(_until_ts(until), ds.as_of)
    parts = []
    frameworks = list(frameworks or FRAMEWORKS)
    for fw in frameworks:
        countries, orgs = _counts(listed_all, fw)
        if fw == "ILRS":
            parts.append(f"{_plural(countries, 'country', 'countries')} and "
                         f"{_plural(orgs, 'organization')} had joined the ILRS")
        else:
            n = countries + orgs
            parts.append(f"the {fw} had {_plural(n, 'signatory', 'signatories')}")
    text = f"By {_month_year(when)}, " + "; ".join(parts) + "."
    undated = undated[undated["framework"].isin(frameworks)]
    if not undated.empty:
        names = [_plain(e) for e in undated["entity"]]
        text += (f" {_plural(len(undated), 'member')} with no known joining date "
                 f"({_join_names(names, 4)}) {_is(len(undated))} not on the lines.")
    if until is None and hasattr(ds, "framework_counts"):
        notes = []
        for row in ds.framework_counts.itertuples():
            if row.framework not in frameworks or _missing(row.count):
                continue
            listed = sum(_counts(listed_all, row.framework))
            if int(row.count) != listed:
                start, _, prec = _date_cols(ds.framework_counts.loc[[row.Index]], "as_of")
                notes.append(f"the last official count we found for the {row.framework} was "
                             f"{int(row.count)} ({_date_label(start.iloc[0], prec.iloc[0])}), "
                             f"while our list has {listed}")
        if notes:
            text += (" Sources count members differently: " + "; ".join(notes) + ".")
    return text


# ---------------------------------------------------------------------------------------------
# 3. Partner map
# ---------------------------------------------------------------------------------------------


def _map_members(ds: Any, year: int | None, framework: str | None) -> pd.DataFrame:
    p = _partners(ds, year)
    p = p[(p["kind"] == "country") & p["iso3"].notna() & (p["iso3"].astype(str) != "")]
    if framework is not None:
        p = p[p["framework"] == framework]
    rows = []
    for iso3, g in p.groupby("iso3", sort=True):
        fws = sorted(set(g["framework"]))
        category = fws[0] if len(fws) == 1 else "both"
        rows.append({
            "iso3": str(iso3),
            "entity": str(g["entity"].iloc[0]),
            "category": category,
            "frameworks": fws,
            "joined": {
                fw: _date_label(r["c_start"], r["c_prec"]) for fw, r in
                ((r["framework"], r) for _, r in g.iterrows())
            },
            "source_ids": ";".join(_ids(g["source_ids"])),
        })
    return pd.DataFrame(rows, columns=["iso3", "entity", "category", "frameworks", "joined",
                                       "source_ids"])


MAP_CATEGORY_LABELS = {"ILRS": "ILRS only", "Artemis Accords": "Artemis Accords only",
                       "both": "both"}


def partner_map_figure(
    ds: Any, *, year: int | None = None, framework: str | None = None, dark: bool = False
) -> go.Figure:
    """World map of ILRS and Artemis Accords member countries (a 'both' colour for overlaps).

    Countries too small for the 1:110m shapes are drawn as dots. Display with
    :func:`lunarexplainer.assets.plotly_config` (``display.show_figure`` does) so the map
    shapes come from the package, not from a CDN.
    """
    from .assets import country_centroids, topojson_country_ids

    members = _map_members(ds, year, framework)
    shapes = topojson_country_ids()
    centroids = country_centroids()
    fig = go.Figure()
    for category in ("ILRS", "Artemis Accords", "both"):
        rows = members[members["category"] == category]
        if rows.empty:
            continue
        color = FRAMEWORK_COLORS[category]
        label = MAP_CATEGORY_LABELS[category] if framework is None else category
        hover = [
            _hover(
                f"<b>{_esc(r.entity)}</b>",
                "<br>".join(f"{_esc(fw)}: joined {_esc(when)}" for fw, when in r.joined.items()),
                _esc(_cite(ds, r.source_ids)),
            )
            for r in rows.itertuples()
        ]
        big = rows["iso3"].isin(shapes).to_numpy()
        if big.any():
            fig.add_trace(
                go.Choropleth(
                    locations=list(rows["iso3"][big]),
                    z=[1] * int(big.sum()),
                    locationmode="ISO-3",
                    colorscale=[[0, color], [1, color]],
                    showscale=False,
                    marker={"line": {"color": "white", "width": 0.5}},
                    name=html.escape(label),
                    legendgroup=category,
                    showlegend=True,
                    hovertext=[h for h, b in zip(hover, big, strict=True) if b],
                    hovertemplate="%{hovertext}<extra></extra>",
                    meta={"category": category},
                )
            )
        small = rows[~big & rows["iso3"].isin(centroids)]
        if not small.empty:
            fig.add_trace(
                go.Scattergeo(
                    lon=[centroids[i][0] for i in small["iso3"]],
                    lat=[centroids[i][1] for i in small["iso3"]],
                    mode="markers",
                    marker={"size": 10, "color": color, "line": {"color": "black", "width": 1}},
                    name=html.escape(label) + " (small country)",
                    legendgroup=category,
                    showlegend=not big.any(),
                    hovertext=[h for h, b in zip(hover, big, strict=True) if not b],
                    hovertemplate="%{hovertext}<extra></extra>",
                    meta={"category": category},
                )
            )
    fig.update_geos(
        projection_type="natural earth",
        showcountries=True,
        showland=True,
        showocean=False,
        showframe=False,
        resolution=110,
        scope="world",
        lataxis_range=[-58, 85],
    )
    fig.update_layout(legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
                      margin={"l": 10, "r": 10, "t": 90})
    when = f" in {year}" if year is not None else ""
    title = (f"{framework} members{when}" if framework else
             f"Who has joined? ILRS and Artemis Accords countries{when}")
    p = _partners(ds, year)
    return _finish(fig, ds, name="partner_map", title=title, source_ids=p["source_ids"],
                   dark=dark, height=560)


def partner_map_summary(
    ds: Any, *, year: int | None = None, framework: str | None = None, dark: bool = False
) -> str:
    """Plain sentences: countries per colour and which countries are in both."""
    members = _map_members(ds, year, framework)
    p = _partners(ds, year)
    orgs = p[p["kind"] == "organization"]
    if framework is not None:
        orgs = orgs[orgs["framework"] == framework]
    when = f"by the end of {year}" if year is not None else f"as of {ds.as_of_text}"
    counts = members["category"].value_counts()
    if framework is not None:
        text = (f"The map shows {_plural(int(counts.sum()), 'country', 'countries')} in the "
                f"{framework} {when}.")
    else:
        both = members[members["category"] == "both"]["entity"].map(_plain).tolist()
        text = (
            f"The map shows {_plural(int(counts.get('ILRS', 0)), 'country', 'countries')} only in "
            f"the ILRS, {int(counts.get('Artemis Accords', 0))} only in the Artemis Accords and "
            f"{int(counts.get('both', 0))} in both {when}."
        )
        if both:
            text += f" The countries in both are {_join_names(both, 5)}."
    if not orgs.empty:
        text += f" {_plural(len(orgs), 'organization')} that joined are not shown on the map."
    return text


# ---------------------------------------------------------------------------------------------
# 4. Station roles
# ---------------------------------------------------------------------------------------------

ROLE_COLORS = {
    "lunar exploration and utilization": theme.PALETTE["vermillion"],
    "lunar-based observation": theme.PALETTE["blue"],
    "basic scientific experiments": theme.PALETTE["bluish_green"],
    "technical verification": theme.PALETTE["orange"],
}


def _mission_names(ds: Any) -> dict[str, str]:
    m = ds.missions
    return {str(i): _str(n) or str(i) for i, n in zip(m["id"], m["name"], strict=True)}


def _roles_tree(ds: Any) -> pd.DataFrame:
    """Nodes of the roles → objectives → missions tree."""
    names = _mission_names(ds)
    programs = dict(zip(ds.missions["id"].astype(str), ds.missions["program"], strict=True))
    nodes: dict[str, dict[str, Any]] = {}
    for r in ds.station_roles.itertuples():
        role, objective, mid = _str(r.role), _str(r.objective), _str(r.mission_id)
        rid = f"role:{role}"
        oid = f"{rid}/objective:{objective}"
        lid = f"{oid}/mission:{mid or '-'}"
        nodes.setdefault(rid, {"id": rid, "parent": "", "label": role, "level": "role",
                               "role": role, "sources": []})
        nodes.setdefault(oid, {"id": oid, "parent": rid, "label": objective,
                               "level": "objective", "role": role, "sources": []})
        leaf = nodes.setdefault(lid, {
            "id": lid, "parent": oid, "label": names.get(mid, mid) if mid else "no mission yet",
            "level": "mission", "role": role, "mission_id": mid,
            "program": programs.get(mid, ""), "summary": _str(r.summary), "sources": [],
        })
        for key in (rid, oid, lid):
            nodes[key]["sources"].append(_str(r.source_ids))
        del leaf
    return pd.DataFrame(list(nodes.values()))


def _mix(color: str, other: str, t: float) -> str:
    """``color`` moved a fraction ``t`` of the way towards ``other`` (both '#RRGGBB')."""
    a = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(a, b, strict=True))


def _luminance(color: str) -> float:
    """WCAG relative luminance of a '#RRGGBB' colour."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(int(color[i:i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _ink_on(color: str) -> str:
    """Black or white text, whichever contrasts more with the fill ``color``."""
    lum = _luminance(color)
    return "#1A1A1A" if (lum + 0.05) / (_luminance("#1A1A1A") + 0.05) >= 1.05 / (lum + 0.05) \
        else "#FFFFFF"


def _wrap(value: object, width: int) -> str:
    """Data text wrapped to ``width`` characters, each line HTML-escaped, joined with <br>."""
    return "<br>".join(_esc(line) for line in textwrap.wrap(_str(value), width)) or ""


#: Width (px) the roles treemap is laid out for; text is wrapped to fit it (and ~1000 px).
ROLES_LAYOUT_PX = 1180
#: Rough width of one character of 16 px bold text, for wrapping tile text.
ROLES_CHAR_PX = 10.5
#: Smallest column width of a role, counted in objectives (fits its name at 1000 px).
ROLES_MIN_COLUMN = 4.5


def station_roles_figure(ds: Any, *, role: str | None = None, dark: bool = False) -> go.Figure:
    """Treemap: the four ILRS roles, each with its objectives and the missions serving them.

    The first view shows roles (coloured headers) and objective tiles that list their missions;
    clicking an objective zooms in to one tile per mission. Every objective gets the same area.
    """
    tree = _roles_tree(ds)
    if role is not None:
        tree = tree[tree["role"] == role]
    # One visible root, so the path bar reads "All four roles › role" after a click, and the
    # roles are always columns with their objectives stacked as rows.
    root = {"id": "all", "parent": "", "level": "root", "role": "",
            "label": "All four roles" if role is None else "ILRS roles",
            "sources": list(tree.loc[tree["level"] == "role", "sources"].sum() or [])}
    tree = pd.concat([pd.DataFrame([root]), tree.assign(parent=tree["parent"].replace("", "all"))])
    tree = tree.reset_index(drop=True)
    children = tree.groupby("parent")["id"].apply(list).to_dict()
    # Each role is a column whose width follows its number of objectives (at least
    # ROLES_MIN_COLUMN, so short columns still fit their words); the objectives share it equally.
    per_role = tree[tree["level"] == "objective"].groupby("role").size().to_dict()
    weight = {r: max(n, ROLES_MIN_COLUMN) for r, n in per_role.items()}
    total = sum(weight.values()) or 1
    paper = "#1E1E1E" if dark else "#FFFFFF"
    values, colors, inks, texts, hover = [], [], [], [], []
    for n in tree.itertuples():
        base = ROLE_COLORS.get(n.role, theme.PALETTE["grey"])
        kids = children.get(n.id, [])
        leaves = tree[tree["parent"] == n.id] if n.level == "objective" else tree.iloc[0:0]
        named = [lab for lab, mid in zip(leaves["label"], leaves["mission_id"], strict=True)
                 if _str(mid)]
        cite = "<br>".join(_esc(line) for line in textwrap.wrap(
            source_line(ds, n.sources, limit=2), 70))
        # Roles are columns as wide as their share of objectives; wrap text to fit them.
        share = weight.get(n.role, total) / total
        wrap = int(min(60, max(16, (ROLES_LAYOUT_PX * share - 16) / ROLES_CHAR_PX)))
        if n.level == "root":
            values.append(0.0)
            color = "#3A3A3A" if dark else "#E8E8E8"
            text = f"<b>{_esc(n.label)}</b>"
            tip = _hover(f"<b>{_esc(n.label)}</b> of the ILRS", cite)
        elif n.level == "role":
            values.append(0.0)
            color = base
            text = f"<b>{_esc(n.label[:1].upper() + n.label[1:])}</b>"
            tip = _hover(f"Role: <b>{_esc(n.label)}</b>",
                         _esc(f"{_plural(len(kids), 'objective')}; click to zoom in"), cite)
        elif n.level == "objective":
            values.append(0.0 if kids else weight.get(n.role, 1) / per_role.get(n.role, 1))
            color = _mix(base, paper, 0.55 if dark else 0.72)
            # Non-breaking spaces keep each mission name on one line.
            missions = _wrap(" · ".join(x.replace(" ", "\u00a0") for x in named), wrap) if named \
                else "<i>no mission yet</i>"
            text = f"<b>{_wrap(n.label, wrap)}</b><br>{missions}"
            summaries = tree.loc[tree["parent"] == n.id, "summary"]
            tip = _hover(f"Objective: <b>{_esc(n.label)}</b>", f"Role: {_esc(n.role)}",
                         *(_wrap(s, 70) for s in summaries if _str(s)), cite)
        else:
            siblings = len(children.get(n.parent, [])) or 1
            values.append(weight.get(n.role, 1) / per_role.get(n.role, 1) / siblings)
            color = _mix(base, paper, 0.35 if dark else 0.45) if _str(n.mission_id) \
                else _mix(theme.PALETTE["grey"], paper, 0.5)
            text = f"<b>{_esc(n.label)}</b><br>{_wrap(n.summary, wrap)}"
            objective = tree.loc[tree["id"] == n.parent, "label"].iloc[0]
            tip = _hover(f"Mission: <b>{_esc(n.label)}</b>", f"Objective: {_esc(objective)}",
                         _wrap(n.summary, 70), cite)
        colors.append(color)
        inks.append(_ink_on(color))
        texts.append(text)
        hover.append(tip)
    fig = go.Figure(
        go.Treemap(
            ids=list(tree["id"]),
            parents=list(tree["parent"]),
            # Treemap headers always show the label, so roles get a capitalised bold label.
            labels=[f"<b>{_esc(x[:1].upper() + x[1:])}</b>" if lv == "role" else _esc(x)
                    for x, lv in zip(tree["label"], tree["level"], strict=True)],
            values=values,
            branchvalues="remainder",
            text=texts,
            texttemplate="%{text}",
            textposition="middle center",
            textfont={"size": [17 if lv == "role" else 16 for lv in tree["level"]],
                      "color": inks},
            marker={"colors": colors, "line": {"color": paper, "width": 2},
                    "pad": {"t": 36, "l": 4, "r": 4, "b": 4}},
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            maxdepth=3,
            pathbar={"visible": True, "textfont": {"size": 15}},
            tiling={"packing": "slice-dice", "pad": 3},
            sort=False,
        )
    )
    fig.update_layout(uniformtext={"minsize": 14, "mode": "show"})
    rows = ds.station_roles if role is None else ds.station_roles[ds.station_roles["role"] == role]
    title = ("What will the ILRS do? Four roles, their objectives and missions" if role is None
             else f"What will the ILRS do? The role “{role}”")
    _finish(fig, ds, name="station_roles", title=title, source_ids=rows["source_ids"],
            dark=dark, height=680)
    fig.update_layout(title_subtitle={
        "text": "Click a tile to see its missions; click the path bar above the tiles to go back.",
        "font": {"size": 15}})
    # No axes here, so the source line can sit right under the tiles.
    fig.update_annotations(selector={"name": "source"}, yshift=-8)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 104, "b": 36})
    return fig


def station_roles_summary(ds: Any, *, role: str | None = None, dark: bool = False) -> str:
    """Plain sentences: numbers of roles, objectives and linked missions."""
    sr = ds.station_roles
    if role is not None:
        sr = sr[sr["role"] == role]
    roles = sr["role"].nunique()
    objectives = sr[["role", "objective"]].drop_duplicates()
    missions = sr["mission_id"].dropna()
    missions = missions[missions.astype(str) != ""].unique()
    has_mission = sr["mission_id"].notna() & (sr["mission_id"].astype("string") != "")
    without = objectives.merge(
        sr[has_mission][["role", "objective"]].drop_duplicates(), how="left", indicator=True
    )
    empty = int((without["_merge"] == "left_only").sum())
    text = (
        f"The ILRS plan splits the station's work into {_plural(roles, 'role')} and "
        f"{_plural(len(objectives), 'objective')}; {_plural(len(missions), 'mission')} "
        f"{'is' if len(missions) == 1 else 'are'} linked to them."
    )
    if empty:
        text += f" {_plural(empty, 'objective')} {'has' if empty == 1 else 'have'} no mission yet."
    return text


# ---------------------------------------------------------------------------------------------
# 5. ILRS phases (Gantt)
# ---------------------------------------------------------------------------------------------


def _phase_missions(ds: Any, phases: pd.DataFrame) -> pd.DataFrame:
    m = ds.missions
    phase_names = {str(i).removeprefix("ilrs-"): i for i in phases["id"]}
    out = m[m["ilrs_phase"].astype("string").isin(list(phase_names))].copy()
    out["c_start"], out["c_end"], out["c_prec"] = _date_cols(out, "launch_date")
    return out.sort_values("c_start")


def ilrs_phases_figure(ds: Any, *, dark: bool = False) -> go.Figure:
    """Gantt chart of the ILRS phases with the ILRS missions placed inside them."""
    phases = _ilrs_phases(ds).reset_index(drop=True)
    missions = _phase_missions(ds, phases)
    fig = go.Figure()
    row_of = {str(pid).removeprefix("ilrs-"): i for i, pid in enumerate(phases["id"])}
    finishes = []
    for ph in phases.itertuples():
        finish = ph.c_finish if not _missing(ph.c_finish) else max(
            ph.c_start + pd.DateOffset(years=5), pd.Timestamp(ds.as_of))
        finishes.append(finish)
    widths = [
        ((f + pd.Timedelta(days=1)) - s).total_seconds() * 1000
        for s, f in zip(phases["c_start"], finishes, strict=True)
    ]
    end_text = [
        ("open-ended" if o else _date_label(e, "year"))
        for o, e in zip(phases["c_open"], phases["c_finish"], strict=True)
    ]
    hover = [
        _hover(
            f"<b>{_esc(ph.name)}</b> phase",
            f"{_esc(_date_label(ph.c_start, ph.c_prec, ph.qualifier))} – {_esc(end)}",
            _esc(ph.summary),
            _esc(_cite(ds, ph.source_ids)),
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
            marker={"color": [FRAMEWORK_COLORS["ILRS"]] * len(phases), "opacity": 0.25,
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
        if _missing(start):
            continue
        mid = _mid(start, end)
        group["x"].append(mid)
        group["y"].append(row + offset)
        group["s0"].append(start if str(r.c_prec) != "day" else None)
        group["e0"].append(end if str(r.c_prec) != "day" else None)
        group["text"].append(_esc(r.name))
        group["symbol"].append(STATUS_SYMBOLS.get(str(r.status), "circle"))
        group["hover"].append(_hover(
            f"<b>{_esc(r.name)}</b> ({_esc(r.program)})",
            f"launch: {_esc(_date_label(start, r.c_prec, r.date_qualifier))}",
            f"status: {_esc(STATUS_LABELS.get(str(r.status), r.status))}",
            _esc(_cite(ds, r.source_ids)),
        ))
    for program, g in placed.items():
        fig.add_trace(_span_trace(g["s0"], g["e0"], g["y"], theme.program_color(program)))
        fig.add_trace(
            go.Scatter(
                x=g["x"], y=g["y"], mode="markers+text", text=g["text"],
                textposition="middle right", name=html.escape(program),
                marker={"size": 14, "color": theme.program_color(program),
                        "symbol": g["symbol"], "line": {"width": 2,
                                                        "color": theme.program_color(program)}},
                hovertext=g["hover"], hovertemplate="%{hovertext}<extra></extra>",
                meta={"program": program}, showlegend=False,
            )
        )
    # Key: one plain entry per program colour, then one grey entry per status shape, so the
    # legend never shows a program with the symbol of whichever mission came first.
    for program in placed:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=html.escape(program),
                                 marker={"size": 14, "symbol": "square",
                                         "color": theme.program_color(program)},
                                 meta={"kind": "key"}))
    shown = sorted({str(s) for s in missions["status"]},
                   key=lambda st: STATUS_ORDER.index(st) if st in STATUS_ORDER else 99)
    for status in shown:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers",
                                 name=_esc(STATUS_LABELS.get(status, status)),
                                 marker={"size": 13, "symbol": STATUS_SYMBOLS.get(status, "circle"),
                                         "color": "#888888", "line": {"width": 2,
                                                                      "color": "#888888"}},
                                 meta={"kind": "key"}))
    _today_line(fig, ds)
    fig.update_yaxes(
        tickvals=list(range(len(phases))),
        ticktext=[_esc(n) for n in phases["name"]],
        autorange="reversed",
        showgrid=False,
    )
    fig.update_xaxes(type="date", title_text="Year")
    fig.update_layout(barmode="overlay",
                      legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0})
    title = "The ILRS plan in phases, and the missions in each"
    ids = list(phases["source_ids"]) + list(missions["source_ids"])
    return _finish(fig, ds, name="ilrs_phases", title=title, source_ids=ids, dark=dark)


def ilrs_phases_summary(ds: Any, *, dark: bool = False) -> str:
    """Plain sentences: the phases with their years and how many missions each holds."""
    phases = _ilrs_phases(ds)
    missions = _phase_missions(ds, phases)
    if phases.empty:
        return "There are no ILRS phases in the data yet."
    parts = []
    for ph in phases.itertuples():
        span = (f"from {ph.c_start.year}" if ph.c_open else
                f"{ph.c_start.year}–{ph.c_finish.year}")
        n = int((missions["ilrs_phase"] == str(ph.id).removeprefix("ilrs-")).sum())
        parts.append(f"{_plain(ph.name).lower()} ({span}, {_plural(n, 'mission')})")
    flown = int(missions["status"].isin(["success", "partial", "failure"]).sum())
    return (
        f"The ILRS is planned in {len(phases)} phases: {_join_names(parts, 6)}. "
        f"{flown} of the {len(missions)} missions placed in a phase have already flown."
    )


# ---------------------------------------------------------------------------------------------
# 6. Mission timeline
# ---------------------------------------------------------------------------------------------


def _timeline_missions(
    ds: Any,
    programs: str | Sequence[str] | None,
    crewed: bool | None,
    statuses: Sequence[str] | None,
) -> pd.DataFrame:
    progs = _program_list(programs, ILRS_SIDE_PROGRAMS + ARTEMIS_SIDE_PROGRAMS)
    m = ds.missions[ds.missions["program"].isin(progs)].copy()
    if crewed is not None:
        m = m[m["crewed"].astype(bool) == bool(crewed)]
    if statuses is not None:
        m = m[m["status"].isin(list(statuses))]
    m["c_start"], m["c_end"], m["c_prec"] = _date_cols(m, "launch_date")
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


def label_lanes(groups: Sequence[object], starts: Sequence[float], ends: Sequence[float],
                label_chars: Sequence[int], *, units_per_px: float, max_lanes: int = 4,
                char_px: float = 8.0, pad_px: float = 30.0) -> list[int]:
    """Lane number (0, 1, ...) per label so that labels in one group never overlap.

    Items come in order of ``starts`` within each group; x values are plain numbers (e.g.
    days) and a label is estimated at ``char_px`` per character plus ``pad_px``. Each item
    takes the first lane of its group whose last label has ended; with ``max_lanes`` lanes
    all busy it takes the one that frees up first. Shared by the mission timeline figure
    and the mission timeline explorer.
    """
    lane_end: dict[object, list[float]] = {}
    out = []
    for g, start, end, n in zip(groups, starts, ends, label_chars, strict=True):
        busy = lane_end.setdefault(g, [])
        k = next((i for i, e in enumerate(busy) if e < start), None)
        if k is None:
            if len(busy) < max_lanes:
                busy.append(-math.inf)
                k = len(busy) - 1
            else:
                k = min(range(len(busy)), key=busy.__getitem__)
        busy[k] = max(end, start) + (char_px * n + pad_px) * units_per_px
        out.append(k)
    return out


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
        [len(_str(n)) for n in dated["name"]],
        units_per_px=days_per_px, max_lanes=len(TIMELINE_LANES))
    return [progs.index(p) + TIMELINE_LANES[k]
            for p, k in zip(dated["program"], lanes, strict=True)]


def mission_timeline_figure(
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
    progs = _program_list(programs, ILRS_SIDE_PROGRAMS + ARTEMIS_SIDE_PROGRAMS)
    m = _timeline_missions(ds, programs, crewed, statuses)
    dated = m.dropna(subset=["c_start"])
    x_lo, x_hi = _timeline_range(ds, dated)
    dated = dated.assign(c_y=_timeline_lanes(dated, progs, x_lo, x_hi))
    precise = dated["c_prec"].fillna("day").eq("day")
    fig = go.Figure()

    def hover_for(rows: pd.DataFrame) -> list[str]:
        return [
            _hover(
                f"<b>{_esc(r.name)}</b> ({_esc(r.program)})",
                f"launch: {_esc(_date_label(r.c_start, r.c_prec, r.date_qualifier))}",
                f"status: {_esc(STATUS_LABELS.get(str(r.status), r.status))}"
                + (" · crewed" if r.crewed else " · uncrewed"),
                (f"planned date last checked {_esc(r.as_of)}"
                 if str(r.status) in ("planned", "in_progress") and _str(r.as_of) else ""),
                _esc(_cite(ds, r.source_ids)),
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
                        text=[_esc(n) for n in spans["name"]],
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
                        text=[_esc(n) for n in points["name"]],
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
    _today_line(fig, ds)
    fig.update_yaxes(tickvals=list(range(len(progs))), ticktext=[_esc(p) for p in progs],
                     showgrid=False)
    fig.update_xaxes(type="date", title_text="Launch date", range=[x_lo, x_hi])
    fig.update_yaxes(range=[len(progs) - 0.5, -0.5])
    fig.update_layout(barmode="overlay", margin={"t": 140},
                      legend={"title": {"text": "Key:"}, "orientation": "h", "x": 0,
                              "y": 1.05, "yanchor": "bottom", "font": {"size": 14}})
    title = "Missions to the Moon: China–Russia side and US side"
    if programs is not None:
        title = "Missions to the Moon: " + ", ".join(progs)
    return _finish(fig, ds, name="mission_timeline", title=title, source_ids=m["source_ids"],
                   dark=dark, height=max(560, 120 * len(progs) + 260))


def mission_timeline_summary(
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
        f"The chart shows {_plural(len(dated), 'mission')} from "
        f"{dated['c_start'].min().year} to {dated['c_start'].max().year}: {ilrs} on the "
        f"China–Russia side (Chang'e and Luna) and {artemis} on the US side (Artemis and CLPS)"
    )
    other = len(dated) - ilrs - artemis
    text += f", plus {other} from other programs." if other else "."
    text += (f" {planned} {'is' if planned == 1 else 'are'} planned or under way and "
             f"{crew} carr{'ies' if crew == 1 else 'y'} a crew.")
    if spans:
        text += (f" {_plural(spans, 'launch date')} {'is' if spans == 1 else 'are'} known only "
                 "to the month or year, so they are drawn as bars.")
    undated = len(m) - len(dated)
    if undated:
        text += f" {_plural(undated, 'mission')} without a launch date {_is(undated)} left out."
    return text


# ---------------------------------------------------------------------------------------------
# 7. Schedule slip
# ---------------------------------------------------------------------------------------------


def _subject_names(ds: Any) -> dict[str, str]:
    names = _mission_names(ds)
    names.update({str(i): _str(n) or str(i)
                  for i, n in zip(ds.phases["id"], ds.phases["name"], strict=True)})
    return names


def _slips(ds: Any, mission_ids: Sequence[str] | None) -> pd.DataFrame:
    sh = ds.schedule_history.copy()
    if mission_ids is None:
        mission_ids = default_slip_subjects(ds)
    if mission_ids is not None:
        if isinstance(mission_ids, str):
            mission_ids = [mission_ids]
        sh = sh[sh["mission_id"].isin(list(mission_ids))]
    sh["c_a_start"], sh["c_a_end"], sh["c_a_prec"] = _date_cols(sh, "announced_on")
    sh["c_t_start"], sh["c_t_end"], sh["c_t_prec"] = _date_cols(sh, "target_date")
    sh = sh.dropna(subset=["c_a_start", "c_t_start"])
    sh["c_a_mid"] = [_mid(s, e) for s, e in zip(sh["c_a_start"], sh["c_a_end"], strict=True)]
    sh["c_t_mid"] = [_mid(s, e) for s, e in zip(sh["c_t_start"], sh["c_t_end"], strict=True)]
    return sh.sort_values(["mission_id", "c_a_start"])


def default_slip_subjects(ds: Any, limit: int = 5) -> list[str]:
    """Subjects shown by default: those whose target was announced most often (≥ 2 times)."""
    counts = ds.schedule_history["mission_id"].value_counts(sort=False)
    counts = counts[counts >= 2]
    order = sorted(counts.index, key=lambda i: (-int(counts[i]), str(i)))
    return [str(i) for i in order[:limit]]


def _is_2021_by_2024(r: Any) -> bool:
    return (r.c_a_start.year == 2021 and r.c_t_start.year == 2024 and r.c_t_end.year == 2024
            and _str(r.qualifier) in ("by", ""))


def schedule_slip_figure(
    ds: Any, mission_ids: Sequence[str] | None = None, *, dark: bool = False
) -> go.Figure:
    """When each target was announced (x) vs the date it aimed for (y), with a no-slip line.

    A point above the diagonal's earlier points means the goal moved later. Targets known only
    to the year or month are drawn with vertical bars spanning the whole period.
    """
    sh = _slips(ds, mission_ids)
    names = _subject_names(ds)
    palette = theme._COLORWAY
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
            _hover(
                f"<b>{_esc(label)}</b>",
                f"announced {_esc(_date_label(r.c_a_start, r.c_a_prec))}",
                f"target: {_esc(_date_label(r.c_t_start, r.c_t_prec, r.qualifier))}",
                _esc(r.summary),
                _esc(_cite(ds, r.source_ids)),
            )
            for r in g.itertuples()
        ]
        inexact = g["c_t_prec"].fillna("day").ne("day").to_numpy()
        fig.add_trace(_span_trace(g["c_t_start"][inexact], g["c_t_end"][inexact],
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
    return _finish(fig, ds, name="schedule_slip", title=title, source_ids=sh["source_ids"],
                   dark=dark)


def schedule_slip_summary(
    ds: Any, mission_ids: Sequence[str] | None = None, *, dark: bool = False
) -> str:
    """Plain sentences: for up to three subjects, how far the target moved."""
    sh = _slips(ds, mission_ids)
    names = _subject_names(ds)
    if sh.empty:
        return "There is no schedule history for these choices."
    parts = []
    subjects = list(dict.fromkeys(sh["mission_id"]))
    for subject in subjects[:3]:
        g = sh[sh["mission_id"] == subject]
        first, last = g.iloc[0], g.iloc[-1]
        years = (last["c_t_mid"] - first["c_t_mid"]).days / 365.25
        first_t = _date_label(first["c_t_start"], first["c_t_prec"], first["qualifier"])
        last_t = _date_label(last["c_t_start"], last["c_t_prec"], last["qualifier"])
        name = _plain(names.get(str(subject), str(subject)))
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


# ---------------------------------------------------------------------------------------------
# 8. South pole map (no geo traces: our own polar-stereographic projection)
# ---------------------------------------------------------------------------------------------

SOUTH_POLE_LAYERS: tuple[str, ...] = ("graticule", "craters", "sites", "features")


def project_south_pole(lat: Any, lon: Any, radius_km: float = MOON_RADIUS_KM) -> tuple[Any, Any]:
    """Polar stereographic projection centred on the south pole, in km.

    0° longitude points up (towards Earth) and 90° E to the right.
    """
    lat_r = np.radians(np.asarray(lat, dtype=float))
    lon_r = np.radians(np.asarray(lon, dtype=float))
    colat = np.pi / 2 + lat_r  # angular distance from the south pole
    r = 2 * radius_km * np.tan(colat / 2)
    return r * np.sin(lon_r), r * np.cos(lon_r)


def _rim(lat: float, lon: float, diameter_km: float, n: int = 73) -> tuple[Any, Any]:
    """Crater rim: the small circle of the given diameter on the sphere, projected."""
    alpha = (diameter_km / 2) / MOON_RADIUS_KM
    lat0, lon0 = math.radians(lat), math.radians(lon)
    bearings = np.linspace(0, 2 * np.pi, n)
    lat2 = np.arcsin(np.sin(lat0) * np.cos(alpha)
                     + np.cos(lat0) * np.sin(alpha) * np.cos(bearings))
    lon2 = lon0 + np.arctan2(np.sin(bearings) * np.sin(alpha) * np.cos(lat0),
                             np.cos(alpha) - np.sin(lat0) * np.sin(lat2))
    return project_south_pole(np.degrees(lat2), np.degrees(lon2))


def _coord_text(lat: float, lon: float) -> str:
    ns = "S" if lat < 0 else "N"
    lon = ((lon + 180) % 360) - 180
    ew = "W" if lon < 0 else "E"
    return f"{abs(lat):.1f}° {ns}, {abs(lon):.1f}° {ew}"


def _pole_sites(ds: Any, lat_limit: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(landing sites and targets inside the frame, those outside)."""
    s = ds.sites.copy()
    s["lat"] = pd.to_numeric(s["lat"], errors="coerce")
    s["lon"] = pd.to_numeric(s["lon"], errors="coerce")
    s = s.dropna(subset=["lat", "lon"])
    targets = s[s["kind"].isin(["landing_site", "candidate_region"])
                | (s["program"].notna() & (s["program"].astype("string") != ""))]
    inside = targets[targets["lat"] <= lat_limit]
    return inside, targets[targets["lat"] > lat_limit]


def _sites_without_coordinates(ds: Any) -> pd.DataFrame:
    """Landing sites and targets whose latitude or longitude is missing."""
    s = ds.sites
    targets = s[s["kind"].isin(["landing_site", "candidate_region"])
                | (s["program"].notna() & (s["program"].astype("string") != ""))]
    lat = pd.to_numeric(targets["lat"], errors="coerce")
    lon = pd.to_numeric(targets["lon"], errors="coerce")
    return targets[lat.isna() | lon.isna()]


def _site_missions(ds: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    m = ds.missions
    for sid, name in zip(m["site_id"], m["name"], strict=True):
        if _str(sid):
            out.setdefault(str(sid), []).append(_str(name))
    return out


def _site_label(name: object) -> str:
    """Short map label for a site: "IM-1 Odysseus landing site" -> "IM-1 Odysseus"."""
    text = _str(name)
    for tail in (" landing site", " landing area", " site"):
        if text.lower().endswith(tail) and len(text) > len(tail):
            return text[: -len(tail)]
    return text


#: Nominal size of one screen pixel on the south-pole map, as a share of the map's width,
#: used to keep labels apart (the map is about 500 px across in a 720 px tall figure).
_POLE_MAP_PX = 500


def _place_labels(
    items: list[tuple[float, float, str, float]], blocked: list[tuple[float, float, float, float]],
    km_per_px: float, directions: Sequence[tuple[int, int]] | None = None,
) -> list[tuple[float, float, str]]:
    """Greedy label placement: for each ``(x, y, text, clearance_km)`` pick an offset (px).

    Tries eight directions at two distances and keeps the first whose text box overlaps no
    box in ``blocked`` (x0, y0, x1, y1 in km); each placed box is then blocked too.
    Returns ``(ax, ay, xanchor)`` per item, in Plotly annotation pixels (ay grows downwards).
    """
    out = []
    directions = directions or [(1, -1), (1, 1), (-1, -1), (-1, 1), (1, 0), (-1, 0), (0, -1),
                                (0, 1)]
    for x, y, text, clear in items:
        w = (8.5 * len(text) + 8) * km_per_px
        h = 20 * km_per_px
        best = None
        for dist in (clear / km_per_px + 18, clear / km_per_px + 45, clear / km_per_px + 80):
            for dx, dy in directions:
                norm = math.hypot(dx, dy)
                ax, ay = dx / norm * dist, -dy / norm * dist
                lx, ly = x + ax * km_per_px, y - ay * km_per_px
                x0 = lx if dx > 0 else (lx - w if dx < 0 else lx - w / 2)
                box = (x0, ly - h / 2, x0 + w, ly + h / 2)
                if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                           for b in blocked):
                    best = (ax, ay, "left" if dx > 0 else ("right" if dx < 0 else "center"), box)
                    break
            if best:
                break
        if best is None:
            dist = clear / km_per_px + 22
            best = (dist, 0.0, "left", (x, y, x, y))
        blocked.append(best[3])
        out.append(best[:3])
    return out


def south_pole_figure(
    ds: Any,
    layers: Sequence[str] | None = None,
    selected: str | Sequence[str] | None = None,
    *,
    lat_limit: float = -80.0,
    dark: bool = False,
) -> go.Figure:
    """Map of the lunar south pole (south of ``lat_limit``) on plain x/y axes in km.

    Polar stereographic projection: 0° longitude points up (towards Earth), crater rims are
    drawn as true-size circles, and a scale bar shows 100 km. ``layers`` picks from
    ``("graticule", "craters", "sites", "features")``; ``selected`` is one or more site ids to
    highlight. Sites without coordinates cannot be drawn and are left out. Nothing is
    downloaded: there are no geo traces.
    """
    layers = set(SOUTH_POLE_LAYERS if layers is None else layers)
    chosen = {selected} if isinstance(selected, str) else set(selected or [])
    ink = "#F2F2F2" if dark else "#1A1A1A"
    faint = "#8C8C8C" if dark else "#8A8A8A"
    grid = "#555555" if dark else "#C8C8C8"
    fig = go.Figure()
    r_max = float(2 * MOON_RADIUS_KM * math.tan(math.radians(90 + lat_limit) / 2))
    pad = r_max * 1.2
    km_per_px = 2 * pad / _POLE_MAP_PX
    used_sources: list[str] = []
    blocked: list[tuple[float, float, float, float]] = []

    if "graticule" in layers:
        gx: list[Any] = []
        gy: list[Any] = []
        step = 2.0 if 90 + lat_limit <= 12 else 5.0
        lats = np.arange(-90 + step, lat_limit + 0.01, step)
        ring = np.linspace(0, 360, 181)
        for la in lats:
            x, y = project_south_pole(np.full_like(ring, la), ring)
            gx += list(x) + [None]
            gy += list(y) + [None]
        for lo in range(0, 360, 30):
            x, y = project_south_pole([-90, lat_limit], [lo, lo])
            gx += list(x) + [None]
            gy += list(y) + [None]
        fig.add_trace(go.Scatter(x=gx, y=gy, mode="lines", name="grid",
                                 line={"color": grid, "width": 1}, hoverinfo="skip",
                                 showlegend=False))
        lab_lon = list(range(0, 360, 30))
        names = []
        for lo in lab_lon:
            signed = ((lo + 180) % 360) - 180
            names.append("0°" if signed == 0 else ("180°" if abs(signed) == 180 else
                         f"{abs(signed)}° {'E' if signed > 0 else 'W'}"))
        lr = r_max + 20 * km_per_px
        lx = [lr * math.sin(math.radians(lo)) for lo in lab_lon]
        ly = [lr * math.cos(math.radians(lo)) for lo in lab_lon]
        # Latitude labels along the 195° meridian (lower left, where there is least to see).
        tx, ty = project_south_pole(lats, [195] * len(lats))
        fig.add_trace(go.Scatter(
            x=lx + list(tx), y=ly + list(ty), mode="text",
            text=names + [f"{abs(la):.0f}° S" for la in lats],
            textfont={"size": 14, "color": faint},
            hoverinfo="skip", showlegend=False, name="grid labels", cliponaxis=False,
        ))
        for x, y in zip(list(tx), list(ty), strict=True):
            blocked.append((x - 25 * km_per_px, y - 10 * km_per_px,
                            x + 25 * km_per_px, y + 10 * km_per_px))
        blocked.append((-20 * km_per_px, r_max - 4 * km_per_px,
                        20 * km_per_px, r_max + 40 * km_per_px))  # the "0°" label

    natural = ds.sites.copy()
    natural["lat"] = pd.to_numeric(natural["lat"], errors="coerce")
    natural["lon"] = pd.to_numeric(natural["lon"], errors="coerce")
    natural["diameter_km"] = pd.to_numeric(natural["diameter_km"], errors="coerce")
    craters = natural[natural["kind"].isin(["crater", "basin"]) & natural["diameter_km"].notna()
                      & (natural["lat"] <= lat_limit)]
    inside, _outside = _pole_sites(ds, lat_limit)
    site_xy = project_south_pole(inside["lat"], inside["lon"])
    for x, y in zip(list(site_xy[0]), list(site_xy[1]), strict=True):
        blocked.append((x - 9 * km_per_px, y - 9 * km_per_px, x + 9 * km_per_px,
                        y + 9 * km_per_px))
    small_craters: list[tuple[float, float, str, float]] = []
    if "craters" in layers and not craters.empty:
        cx: list[Any] = []
        cy: list[Any] = []
        ch: list[Any] = []
        big_x, big_y, big_t = [], [], []
        for c in craters.itertuples():
            x, y = _rim(float(c.lat), float(c.lon), float(c.diameter_km))
            text = _hover(f"<b>{_esc(c.name)}</b> ({_esc(c.kind)})",
                          f"{_coord_text(float(c.lat), float(c.lon))} · "
                          f"{float(c.diameter_km):g} km across",
                          _esc(_cite(ds, c.source_ids)))
            cx += list(x) + [None]
            cy += list(y) + [None]
            ch += [text] * len(x) + [None]
            used_sources.append(_str(c.source_ids))
            px_, py_ = project_south_pole(float(c.lat), float(c.lon))
            radius = float(c.diameter_km) / 2
            label_px = 8.5 * len(_str(c.name))
            blocked.append((float(px_) - radius, float(py_) - radius, float(px_) + radius,
                            float(py_) + radius))
            if 2 * radius / km_per_px >= 25:
                big_x.append(float(px_))
                big_y.append(float(py_))
                big_t.append(_esc(c.name))
                blocked.append((float(px_) - label_px / 2 * km_per_px,
                                float(py_) - 9 * km_per_px,
                                float(px_) + label_px / 2 * km_per_px,
                                float(py_) + 9 * km_per_px))
            else:
                small_craters.append((float(px_), float(py_), _str(c.name), radius))
        fig.add_trace(go.Scatter(x=cx, y=cy, mode="lines", name="crater rim (true size)",
                                 line={"color": ink, "width": 2}, hovertext=ch,
                                 hovertemplate="%{hovertext}<extra></extra>",
                                 meta={"layer": "craters"}))
        fig.add_trace(go.Scatter(x=big_x, y=big_y, mode="text", text=big_t,
                                 textfont={"size": 14, "color": ink}, hoverinfo="skip",
                                 showlegend=False, name="crater names"))

    if "features" in layers:
        feats = natural[natural["kind"].isin(["massif", "other"])
                        & (natural["program"].isna() | (natural["program"].astype("string") == ""))
                        & (natural["lat"] <= lat_limit)]
        if not feats.empty:
            fx, fy = project_south_pole(feats["lat"], feats["lon"])
            fig.add_trace(go.Scatter(
                x=list(fx), y=list(fy), mode="markers+text", name="mountains and other features",
                marker={"symbol": "triangle-up-open", "size": 12, "color": faint},
                text=[_esc(n) for n in feats["name"]], textposition="bottom center",
                textfont={"size": 14},
                hovertext=[_hover(f"<b>{_esc(f.name)}</b> ({_esc(f.kind)})",
                                  _coord_text(float(f.lat), float(f.lon)),
                                  _esc(_cite(ds, f.source_ids))) for f in feats.itertuples()],
                hovertemplate="%{hovertext}<extra></extra>", meta={"layer": "features"},
            ))
            used_sources += list(feats["source_ids"])

    by_site = _site_missions(ds)
    labels: list[tuple[float, float, str, float]] = []
    label_text: list[str] = []
    if "sites" in layers:
        for program, g in inside.groupby(inside["program"].fillna("other").astype(str), sort=True):
            x, y = project_south_pole(g["lat"], g["lon"])
            hover = [
                _hover(
                    f"<b>{_esc(s.name)}</b>",
                    _coord_text(float(s.lat), float(s.lon)),
                    "mission: " + (", ".join(_esc(n) for n in by_site.get(str(s.id), []))
                                   or "none yet"),
                    _esc(_cite(ds, s.source_ids)),
                )
                for s in g.itertuples()
            ]
            is_sel = [str(i) in chosen for i in g["id"]]
            fig.add_trace(go.Scatter(
                x=list(x), y=list(y), mode="markers", name=html.escape(program),
                marker={"size": [22 if s else 15 for s in is_sel],
                        "color": theme.program_color(program),
                        "symbol": ["star" if s else "circle" for s in is_sel],
                        "line": {"color": ink, "width": [3 if s else 1.5 for s in is_sel]}},
                hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
                meta={"layer": "sites", "program": program, "site_ids": list(g["id"])},
            ))
            for xx, yy, name in zip(list(x), list(y), g["name"], strict=True):
                short = _site_label(name)
                labels.append((float(xx), float(yy), short, 8 * km_per_px))
                label_text.append(f"<b>{_esc(short)}</b>")
            used_sources += list(g["source_ids"])
    placed = _place_labels(labels, blocked, km_per_px)
    placed += _place_labels(small_craters, blocked, km_per_px,
                            directions=[(-1, -1), (-1, 0), (-1, 1), (1, -1), (0, -1), (1, 1)])
    texts = label_text + [_esc(c[2]) for c in small_craters]
    for (x, y, _t, _c), (ax, ay, anchor), text in zip(labels + small_craters, placed, texts,
                                                      strict=True):
        fig.add_annotation(x=x, y=y, ax=ax, ay=ay, text=text, showarrow=True, arrowhead=0,
                           arrowwidth=1, arrowcolor=faint, xanchor=anchor, yanchor="middle",
                           font={"size": 15 if text.startswith("<b>") else 14, "color": ink},
                           name="site label" if text.startswith("<b>") else "crater label")

    # Scale bar: 100 km, bottom left.
    x0, y0 = -pad * 0.95, -pad * 0.92
    fig.add_shape(type="line", x0=x0, x1=x0 + 100, y0=y0, y1=y0,
                  line={"color": ink, "width": 4}, name="scale bar")
    fig.add_annotation(x=x0 + 50, y=y0, text="100 km", showarrow=False, yanchor="bottom",
                       yshift=4, font={"size": 14, "color": ink}, name="scale label")

    fig.update_xaxes(range=[-pad, pad], visible=False, showgrid=False, zeroline=False,
                     constrain="domain", domain=[0, 0.66])
    fig.update_yaxes(range=[-pad, pad], visible=False, showgrid=False, zeroline=False,
                     scaleanchor="x", scaleratio=1, constrain="domain")
    fig.update_layout(legend={"orientation": "v", "x": 0.68, "y": 0.98, "xanchor": "left",
                              "title": {"text": "Key"},
                              "itemsizing": "constant"},
                      margin={"l": 20, "r": 20, "t": 80},
                      plot_bgcolor="rgba(0,0,0,0)")
    title = f"The Moon's south pole (south of {abs(lat_limit):g}° S): where missions aim"
    return _finish(fig, ds, name="south_pole", title=title,
                   source_ids=used_sources or list(ds.sites["source_ids"]), dark=dark,
                   height=720)


def south_pole_summary(
    ds: Any,
    layers: Sequence[str] | None = None,
    selected: str | Sequence[str] | None = None,
    *,
    lat_limit: float = -80.0,
    dark: bool = False,
) -> str:
    """Plain sentences: how many sites are shown, which are left out, how many craters."""
    inside, outside = _pole_sites(ds, lat_limit)
    craters = ds.sites[ds.sites["kind"].isin(["crater", "basin"])
                       & pd.to_numeric(ds.sites["diameter_km"], errors="coerce").notna()
                       & (pd.to_numeric(ds.sites["lat"], errors="coerce") <= lat_limit)]
    names = [_plain(n) for n in inside["name"]]
    text = (
        f"The map shows the area within {90 + lat_limit:g}° of the Moon's south pole. "
        f"{_plural(len(inside), 'landing site or target', 'landing sites and targets')} "
        f"{'is' if len(inside) == 1 else 'are'} shown"
        + (f" ({_join_names(names, 4)})" if names else "")
        + f"; {len(outside)} more {'is' if len(outside) == 1 else 'are'} further north "
        "and left out."
    )
    text += f" {_plural(len(craters), 'crater rim')} {_is(len(craters))} drawn at true size."
    no_xy = _sites_without_coordinates(ds)
    if len(no_xy):
        programs = sorted({_plain(p) for p in no_xy["program"].dropna() if _str(p)})
        whose = f" ({_join_names(programs)})" if programs else ""
        text += (f" {_plural(len(no_xy), 'candidate site')}{whose} "
                 f"{'has' if len(no_xy) == 1 else 'have'} no coordinates in our data, "
                 "so the map cannot show "
                 f"{'it' if len(no_xy) == 1 else 'them'}.")
    if selected:
        chosen = {selected} if isinstance(selected, str) else set(selected)
        picked = inside[inside["id"].isin(list(chosen))]
        if not picked.empty:
            s = picked.iloc[0]
            text += (f" Highlighted: {_plain(s['name'])} at "
                     f"{_coord_text(float(s['lat']), float(s['lon']))}.")
    return text


# ---------------------------------------------------------------------------------------------
# 9. Outcomes
# ---------------------------------------------------------------------------------------------

STATUS_PATTERNS = {"success": "", "partial": "/", "failure": "x", "planned": ".",
                   "in_progress": "+", "cancelled": "-"}


#: Mission types that never went to the Moon. Rows of program "other" with these types are
#: context for the story (first astronaut, a Mars probe), so the outcomes chart leaves them out.
NOT_LUNAR_TYPES: tuple[str, ...] = ("crewed_earth_orbit", "space_station", "mars_mission")


def _outcomes_all(ds: Any, programs: str | Sequence[str] | None) -> pd.DataFrame:
    progs = _program_list(programs, ALL_PROGRAMS)
    m = ds.missions[ds.missions["program"].isin(progs)].copy()
    m["c_start"], _, _ = _date_cols(m, "launch_date")
    m = m.dropna(subset=["c_start"])
    m["decade"] = (m["c_start"].dt.year // 10 * 10).astype(int).astype(str) + "s"
    m["c_p"] = m["program"].map({p: i for i, p in enumerate(progs)})
    return m


def _not_lunar(m: pd.DataFrame) -> pd.Series:
    return (m["program"] == "other") & m["mission_type"].isin(list(NOT_LUNAR_TYPES))


def _outcomes(ds: Any, programs: str | Sequence[str] | None) -> pd.DataFrame:
    m = _outcomes_all(ds, programs)
    return m[~_not_lunar(m)]


def outcomes_figure(
    ds: Any, programs: str | Sequence[str] | None = None, *, dark: bool = False
) -> go.Figure:
    """Stacked bars: Moon mission outcomes per program and decade (colour + pattern per status).

    Each horizontal bar is one program in one decade, labelled "Apollo, 1960s"; bars are
    ordered by program, then by decade, from the top. Missions of program "other" that never
    went to the Moon (:data:`NOT_LUNAR_TYPES`) are left out.
    """
    m = _outcomes(ds, programs)
    keys = (m[["c_p", "program", "decade"]].drop_duplicates().sort_values(["c_p", "decade"]))
    labels = [f"{_esc(p)}, {d}" for p, d in zip(keys["program"], keys["decade"], strict=True)]
    pattern_ink = "#F2F2F2" if dark else "#1A1A1A"
    fig = go.Figure()
    for status in STATUS_ORDER:
        sel = m[m["status"] == status]
        if sel.empty:
            continue
        counts = sel.groupby(["program", "decade"]).size()
        names = sel.groupby(["program", "decade"])["name"].apply(
            lambda s: ", ".join(_esc(n) for n in s))
        srcs = sel.groupby(["program", "decade"])["source_ids"].apply(lambda s: ";".join(s))
        ys, hover = [], []
        for p, d in zip(keys["program"], keys["decade"], strict=True):
            n = int(counts.get((p, d), 0))
            ys.append(n)
            hover.append(_hover(
                f"<b>{_esc(p)}, {d}</b>: {n} {_esc(STATUS_LABELS[status])}",
                names.get((p, d), ""),
                _esc(source_line(ds, [srcs.get((p, d), "")])) if n else "",
            ))
        fig.add_trace(go.Bar(
            y=labels, x=ys, orientation="h", name=STATUS_LABELS[status],
            marker={"color": STATUS_COLORS[status],
                    "line": {"color": pattern_ink, "width": 1},
                    "pattern": {"shape": STATUS_PATTERNS[status], "fgcolor": pattern_ink,
                                "fillmode": "overlay", "size": 10, "solidity": 0.25}},
            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
            meta={"status": status},
        ))
    fig.update_layout(barmode="stack", bargap=0.15,
                      legend={"title": {"text": "Outcome:"}, "orientation": "h", "x": 0,
                              "y": 1.02, "yanchor": "bottom", "traceorder": "normal"})
    fig.update_xaxes(title_text="Number of missions", rangemode="tozero", dtick=1)
    fig.update_yaxes(title_text="", type="category", categoryorder="array",
                     categoryarray=labels, autorange="reversed", showgrid=False)
    title = "How did Moon missions go? Results by program and decade"
    return _finish(fig, ds, name="outcomes", title=title, source_ids=m["source_ids"], dark=dark)


def outcomes_summary(
    ds: Any, programs: str | Sequence[str] | None = None, *, dark: bool = False
) -> str:
    """Plain sentences: totals per outcome and the busiest program."""
    m = _outcomes(ds, programs)
    if m.empty:
        return "No missions with a launch date match these choices."
    c = m["status"].value_counts()
    flown = int(c.get("success", 0) + c.get("partial", 0) + c.get("failure", 0))
    text = (
        f"Of {_plural(len(m), 'Moon mission')} with a launch date, {flown} have flown: "
        f"{int(c.get('success', 0))} succeeded, {int(c.get('partial', 0))} partly succeeded "
        f"and {int(c.get('failure', 0))} failed."
    )
    later = int(c.get("planned", 0) + c.get("in_progress", 0))
    text += f" {later} {'is' if later == 1 else 'are'} planned or under way"
    cancelled = int(c.get("cancelled", 0))
    was = "was" if cancelled == 1 else "were"
    text += f" and {cancelled} {was} cancelled." if cancelled else "."
    top = m["program"].value_counts()
    text += (f" The program with the most missions here is {_plain(top.index[0])} "
             f"({int(top.iloc[0])}).")
    left_out = int(_not_lunar(_outcomes_all(ds, programs)).sum())
    if left_out:
        text += (f" {_plural(left_out, 'mission')} that did not go to the Moon "
                 f"{_is(left_out)} left out.")
    return text


# ---------------------------------------------------------------------------------------------
# 10. Claims of the 2021 report
# ---------------------------------------------------------------------------------------------

VERDICT_TINTS = {"held": "rgba(0,158,115,0.25)", "changed": "rgba(230,159,0,0.30)",
                 "pending": "rgba(153,153,153,0.25)"}


#: Narrowest width (px) the claims table is sized for (a notebook cell); wider is shorter.
CLAIMS_LAYOUT_PX = 1000
#: Relative column widths: claim, what happened, verdict, checked/source.
CLAIMS_COLUMNS = (3.0, 3.6, 1.0, 2.4)
#: Rough width of one character of 15 px text and the height of one line, in px.
CLAIMS_CHAR_PX = 8.7
CLAIMS_LINE_PX = 20


def _claim_lines(texts: Sequence[str], px: float) -> list[int]:
    """Lines each text needs when Plotly wraps it in a column ``px`` wide."""
    chars = max(8, int((px - 16) / CLAIMS_CHAR_PX))
    return [max(1, len(textwrap.wrap(t, chars))) for t in texts]


def claims_figure(ds: Any, *, verdicts: Sequence[str] | None = None,
                  dark: bool = False) -> go.Figure:
    """Table of the 2021 report's claims: what was said, what happened, and the verdict."""
    c = ds.article_claims
    if verdicts is not None:
        c = c[c["verdict"].isin(list(verdicts))]
    c = c.copy()
    c["c_start"], _, c["c_prec"] = _date_cols(c, "checked_on")
    ink = "#F2F2F2" if dark else "#1A1A1A"
    base_fill = "#262626" if dark else "#FFFFFF"
    verdict_cells = [f"<b>{_esc(v)}</b>" for v in c["verdict"]]
    # Cells without <br> are wrapped by Plotly to the column width, so every column stays
    # plain text; only the first source is named (the table has no hover).
    sources = []
    for d, p, sid in zip(c["c_start"], c["c_prec"], c["source_ids"], strict=True):
        ids = _ids([sid])
        more = f" (and {_plural(len(ids) - 1, 'more source')})" if len(ids) > 1 else ""
        sources.append(f"Checked {_date_label(d, p)}. {_cite(ds, ids[0] if ids else '')}{more}")
    columns = [[_str(x) for x in c["claim"]], [_str(x) for x in c["what_happened"]],
               [_str(x) for x in c["verdict"]], sources]
    table_px = CLAIMS_LAYOUT_PX - 20
    widths = [table_px * w / sum(CLAIMS_COLUMNS) for w in CLAIMS_COLUMNS]
    lines = [_claim_lines(col, px) for col, px in zip(columns, widths, strict=True)]
    row_px = [CLAIMS_LINE_PX * max(ls) + 14 for ls in zip(*lines, strict=True)]
    fills = [VERDICT_TINTS.get(str(v), base_fill) for v in c["verdict"]]
    fig = go.Figure(go.Table(
        columnwidth=list(CLAIMS_COLUMNS),
        header={"values": ["<b>The 2021 report said</b>", "<b>What happened</b>",
                           "<b>Verdict</b>", "<b>Checked / source</b>"],
                "font": {"size": 16, "color": ink}, "align": "left",
                "fill": {"color": "#3A3A3A" if dark else "#E8E8E8"}, "height": 36},
        cells={"values": [
            [_esc(x) for x in columns[0]],
            [_esc(x) for x in columns[1]],
            verdict_cells,
            [_esc(x) for x in sources],
        ],
            "font": {"size": 15, "color": ink}, "align": "left", "height": 30,
            "fill": {"color": [[base_fill] * len(c), [base_fill] * len(c), fills,
                               [base_fill] * len(c)]}},
    ))
    fig.update_layout(margin={"l": 10, "r": 10, "t": 70})
    title = "The 2021 report's claims: what happened next?"
    _finish(fig, ds, name="claims", title=title, source_ids=c["source_ids"], dark=dark,
            height=max(420, sum(row_px) + 36 + 70 + 60 + 24))
    # A table has no axes, so the source line sits just under it.
    fig.update_annotations(selector={"name": "source"}, yshift=-10)
    fig.update_layout(margin={"b": 60})
    return fig


def claims_summary(ds: Any, *, verdicts: Sequence[str] | None = None,
                   dark: bool = False) -> str:
    """Plain sentence: how many claims held, changed or are pending."""
    c = ds.article_claims
    if verdicts is not None:
        c = c[c["verdict"].isin(list(verdicts))]
    v = c["verdict"].value_counts()
    return (
        f"Of the {_plural(len(c), 'claim')} from the 2021 report checked here, "
        f"{int(v.get('held', 0))} held, {int(v.get('changed', 0))} changed and "
        f"{int(v.get('pending', 0))} {'is' if int(v.get('pending', 0)) == 1 else 'are'} "
        f"still open (data as of {ds.as_of_text})."
    )


# ---------------------------------------------------------------------------------------------

FIGURES: dict[str, tuple[Callable[..., go.Figure], Callable[..., str]]] = {
    "partnership_timeline": (partnership_timeline_figure, partnership_timeline_summary),
    "partner_growth": (partner_growth_figure, partner_growth_summary),
    "partner_map": (partner_map_figure, partner_map_summary),
    "station_roles": (station_roles_figure, station_roles_summary),
    "ilrs_phases": (ilrs_phases_figure, ilrs_phases_summary),
    "mission_timeline": (mission_timeline_figure, mission_timeline_summary),
    "schedule_slip": (schedule_slip_figure, schedule_slip_summary),
    "south_pole": (south_pole_figure, south_pole_summary),
    "outcomes": (outcomes_figure, outcomes_summary),
    "claims": (claims_figure, claims_summary),
}
