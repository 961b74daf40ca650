"""Moon missions by program on a time line: the figure, its explorer and its static form.

One builder (see the contract in :mod:`.common`) draws all three views:

* one row per program, and inside a row one *label lane* per mission name that would
  otherwise overlap another (:func:`~.common.label_lanes`);
* a launch known to the day is a point; a launch known only to the month or year is a bar
  over that whole month or year. Colour and shape show the status, a thick outline shows a
  crewed mission (the key says exactly this);
* the chart never grows taller than a projector (720 px): lanes get thinner as rows fill up,
  and when even thin lanes cannot hold every name, the most crowded programs are drawn
  without names (their names stay in the hover and the axis title says so);
* only Moon missions are drawn: the report's other milestones (first astronaut, a Mars
  probe) live in ``context.csv`` and have their own chart, :mod:`.context_timeline`.

Options (the explorer's controls have the same names): ``programs`` (default: the two sides,
Chang'e and Luna against Artemis and CLPS; ``"all"``; one name or a list), ``agencies``,
``statuses``, ``crewed`` (``"all"``, ``"crewed"`` or ``"uncrewed"``), ``years``
(``(first, last)`` launch years) and ``dark``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import theme
from ..text import display_width
from ..text import format_date
from ..text import format_list
from ..text import format_number
from ..text import nt
from ..text import t
from .common import ARTEMIS_SIDE_PROGRAMS
from .common import EPOCH
from .common import ILRS_SIDE_PROGRAMS
from .common import Spec
from .common import as_text
from .common import empty_note
from .common import esc
from .common import figure_from_spec
from .common import finish_figure
from .common import hover_source
from .common import hover_text
from .common import menu_args
from .common import opens_saying
from .common import plain
from .common import saying
from .common import unique_ids
from .sizes import MAX_HEIGHT
from .sizes import TEXT_PX
from .sizes import Rows

NAME = "mission_timeline"
DEFAULT_PROGRAMS: tuple[str, ...] = ILRS_SIDE_PROGRAMS + ARTEMIS_SIDE_PROGRAMS
CREWED_CHOICES: tuple[str, ...] = ("all", "crewed", "uncrewed")
PLANNED_STATUSES: tuple[str, ...] = ("planned", "in_progress")

#: Plot width (px) assumed when estimating label lengths (a notebook or page at 1280 px);
#: names may run on into RIGHT_ROOM_PX of right margin, so the axis ends near the last launch.
PLOT_PX = 790
RIGHT_ROOM_PX = 160
#: A name longer than this is drawn shorter (its nickname in brackets left out); the hover
#: keeps the whole name.
LABEL_CHARS = 28
#: Label text (:data:`.sizes.TEXT_PX`): estimated width per character and gap after the mark
#: (px).
CHAR_PX = 9.0
LABEL_PAD_PX = 30.0
#: Width a mark without a name takes in its lane (px).
MARK_PAD_PX = 12.0
#: Lane height (px): at most LANE_PX, at least NAMED_LANE_PX while names are drawn.
LANE_PX = 24
NAMED_LANE_PX = 18
MAX_LANES = 10
ROW_GAP = 0.6
MIN_PLOT_PX = 220
#: From the top: the title, (static form only) the row of menus, then the key (two rows, 64 px)
#: and the 'today' label (24 px); under the plot, the footer.
ROWS = Rows(key=64 + 24)
#: Width of the words of one entry of the key (px): four entries a row, so the key takes two
#: rows.
KEY_ENTRY_PX = 175
#: Height of the plot area every view may use: the static form's, so that the figure, the
#: explorer and the static form place every mission in the same lane. The whole figure, menus
#: and footer included, fits a projector (:data:`.sizes.MAX_HEIGHT`).
PLOT_BUDGET_PX = MAX_HEIGHT - ROWS.top(True) - ROWS.under(True)
BAR_HEIGHT = 0.5
#: Where the static form's years menu cuts the time line.
YEAR_CUTS: tuple[int, ...] = (1990, 2010, 2020)

#: The row names' margin: the widest name of any program (estimated per character, plus the
#: ticks), the same for every choice. A margin that followed the names shown made plotly.js
#: draw the whole chart twice on most control changes (its automargin pass), so each redraw
#: of the explorer took twice as long.
TICK_CHAR_PX = 9.0
TICK_PAD_PX = 32

#: Milliseconds in a day (bar lengths on a date axis are in ms).
MS_PER_DAY = 86_400_000


def program_label(program: str) -> str:
    """A program's name as shown (the data's catch-all code "other" in words)."""
    return t("other programs") if program == "other" else theme.program_name(program)


def short_name(name: object) -> str:
    """A mission's name as its label on the chart: a name over LABEL_CHARS characters loses
    its nickname in brackets ("Blue Moon Mark 1 Pathfinder (Endurance)" → "Blue Moon Mark 1
    Pathfinder"), then, if still too long, its last words (ending in "…")."""
    text = as_text(name)
    if display_width(text) > LABEL_CHARS:
        text = re.sub(r"\s*\([^()]*\)\s*$", "", text) or text
    if display_width(text) > LABEL_CHARS:
        cut = text
        while display_width(cut) > LABEL_CHARS - 1:
            cut = cut[:-1]
        text = (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"
    return text


def _iso(days: float) -> str:
    return (EPOCH + pd.Timedelta(days=float(days))).isoformat()


@dataclass
class Prepared:
    """Everything about the missions that does not depend on the options (plain arrays)."""

    ds: Any
    programs: list[str]
    agencies: list[str]
    statuses: list[str]
    year_bounds: tuple[int, int]
    col: dict[str, np.ndarray]
    undated: dict[str, np.ndarray]
    source_ids: list[str]
    footer: dict[str, Any]
    today: str
    #: Left margin (px) that holds every program's row name (see TICK_CHAR_PX).
    label_margin: int = 0
    keys: dict[bool, list[dict[str, Any]]] = field(default_factory=dict)


def _hover(ds: Any, r: Any) -> str:
    crew = t("crewed") if r.crewed else t("uncrewed")
    when = format_date(r.launch_date_start, as_text(r.launch_date_precision) or "day",
                       as_text(r.date_qualifier) or None)
    lines = [
        f"<b>{esc(r.name)}</b> ({esc(program_label(r.program))}, "
        f"{esc(theme.agency_name(r.agency))})",
        esc(t("Launch: {date}", date=when)),
        esc(t("Status: {status} · {crew}", status=theme.status_label(r.status), crew=crew)),
    ]
    if r.status in PLANNED_STATUSES and not pd.isna(r.as_of_start):
        lines.append(esc(t("Plan last confirmed {date}",
                           date=format_date(r.as_of_start, as_text(r.as_of_precision)))))
    lines.append(hover_source(ds, r.source_ids))
    return hover_text(*lines)


def prepare(ds: Any) -> Prepared:
    """The chart's table: dated Moon missions in program order, as plain arrays."""
    m = ds.missions.copy()
    m["program"] = m["program"].fillna("other").astype(str)
    m["agency"] = m["agency"].fillna("unknown").astype(str)
    m["status"] = m["status"].fillna("planned").astype(str)
    m["crewed"] = m["crewed"].fillna(False).astype(bool)
    dated = m["launch_date_start"].notna()
    undated = m[~dated]
    m = m[dated].copy()
    known = [p for p in theme.PROGRAM_COLORS if p in set(m["program"]) and p != "ILRS"]
    programs = known + sorted(set(m["program"]) - set(known))
    m["order"] = m["program"].map({p: i for i, p in enumerate(programs)})
    m = m.sort_values(["order", "launch_date_start"], kind="stable").reset_index(drop=True)
    day = pd.Timedelta(days=1)
    m["d0"] = (m["launch_date_start"] - EPOCH) / day
    m["d1"] = (m["launch_date_end"].fillna(m["launch_date_start"]) - EPOCH) / day + 1
    m["precise"] = m["launch_date_precision"].fillna("day").eq("day")
    col = {
        "program": m["program"].to_numpy(str), "agency": m["agency"].to_numpy(str),
        "status": m["status"].to_numpy(str), "crewed": m["crewed"].to_numpy(bool),
        "y0": m["launch_date_start"].dt.year.to_numpy(int),
        "y1": m["launch_date_end"].fillna(m["launch_date_start"]).dt.year.to_numpy(int),
        "precise": m["precise"].to_numpy(bool),
        "d0": m["d0"].to_numpy(float), "d1": m["d1"].to_numpy(float),
        "x_start": np.array([ts.isoformat() for ts in m["launch_date_start"]], dtype=object),
        "width_ms": ((m["d1"] - m["d0"]) * MS_PER_DAY).to_numpy(float),
        "chars": np.array([display_width(short_name(n)) for n in m["name"]], dtype=float),
        "name": np.array([plain(n) for n in m["name"]], dtype=object),
        "label": np.array([esc(short_name(n)) for n in m["name"]], dtype=object),
        "hover": np.array([_hover(ds, r) for r in m.itertuples()], dtype=object),
        "color": np.array([theme.status_color(s) for s in m["status"]], dtype=object),
        "symbol": np.array([theme.status_symbol(s) for s in m["status"]], dtype=object),
        "line_width": np.where(m["crewed"], 3.0, 1.0),
    }
    lo = int(col["y0"].min()) if len(m) else pd.Timestamp(ds.as_of).year - 10
    hi = int(col["y1"].max()) if len(m) else pd.Timestamp(ds.as_of).year + 4
    source_ids = unique_ids(m["source_ids"])
    footer = finish_figure(go.Figure(), ds, name=NAME, title="", source_ids=source_ids,
                           dark=False).layout.annotations[0].to_plotly_json()
    prepared = Prepared(
        ds=ds, programs=programs, agencies=sorted(set(col["agency"])),
        statuses=[s for s in theme.STATUS_COLORS if s in set(col["status"])]
        + sorted(set(col["status"]) - set(theme.STATUS_COLORS)),
        year_bounds=(lo, hi), col=col,
        undated={k: undated[k].to_numpy() for k in ("program", "agency", "status", "crewed")},
        source_ids=source_ids, footer=footer, today=pd.Timestamp(ds.as_of).isoformat(),
        label_margin=round(max((display_width(program_label(p)) for p in programs), default=0)
                           * TICK_CHAR_PX) + TICK_PAD_PX)
    prepared.keys = {dark: _key_traces(prepared, dark) for dark in (False, True)}
    return prepared


def _ink(dark: bool) -> str:
    return "#F2F2F2" if dark else "#1A1A1A"


def _key_traces(prepared: Prepared, dark: bool) -> list[dict[str, Any]]:
    """Legend entries only (no data): status colour and shape, crew outline, bars."""
    ink = _ink(dark)
    keys: list[dict[str, Any]] = [
        {"type": "scatter", "x": [None], "y": [None], "mode": "markers",
         "name": esc(theme.status_label(s)), "hoverinfo": "skip",
         "marker": {"color": theme.status_color(s), "symbol": theme.status_symbol(s),
                    "size": 13, "line": {"color": ink, "width": 1}},
         "meta": {"kind": "key", "status": s}}
        for s in prepared.statuses]
    keys.append({"type": "scatter", "x": [None], "y": [None], "mode": "markers",
                 "name": esc(t("crewed: thick outline")), "hoverinfo": "skip",
                 "marker": {"symbol": "square", "size": 13,
                            "color": "#1E1E1E" if dark else "#FFFFFF",
                            "line": {"color": ink, "width": 3}},
                 "meta": {"kind": "key", "crewed": True}})
    keys.append({"type": "bar", "x": [None], "y": [None], "hoverinfo": "skip",
                 "name": esc(t("bar: month or year only")),
                 "marker": {"color": "#BBBBBB", "line": {"color": ink, "width": 1}},
                 "meta": {"kind": "key", "bar": True}})
    return keys


# -- options ------------------------------------------------------------------------------------


def _as_list(value: Any, every: Sequence[str], default: Sequence[str] | None = None) -> list[str]:
    if value is None:
        return list(every if default is None else default)
    if isinstance(value, str):
        return list(every) if value == "all" else [value]
    return [str(v) for v in value]


def _program_rank(prepared: Prepared, program: str) -> int:
    """A program's place in the chart's row order (unknown ones last)."""
    return (prepared.programs.index(program) if program in prepared.programs
            else len(prepared.programs))


def resolve(prepared: Prepared, *, programs: Any = None, agencies: Any = None,
            statuses: Any = None, crewed: str = "all", years: Any = None,
            dark: bool = False) -> dict[str, Any]:
    """The options with their defaults filled in (the explorer's controls start from these)."""
    if crewed not in CREWED_CHOICES:
        raise ValueError(f"crewed must be one of {', '.join(CREWED_CHOICES)}, not {crewed!r}")
    default = [p for p in DEFAULT_PROGRAMS if p in prepared.programs] or prepared.programs
    lo, hi = prepared.year_bounds if years is None else (int(years[0]), int(years[1]))
    return {
        "programs": tuple(sorted(_as_list(programs, prepared.programs, default),
                                 key=lambda p: _program_rank(prepared, p))),
        "agencies": tuple(_as_list(agencies, prepared.agencies)),
        "statuses": tuple(_as_list(statuses, prepared.statuses)),
        "crewed": crewed, "years": (min(lo, hi), max(lo, hi)), "dark": bool(dark),
    }


def _select(prepared: Prepared, o: dict[str, Any]) -> tuple[np.ndarray, str | None]:
    """Indexes of the matching missions, and the message to show instead when there are none."""
    c = prepared.col
    if not o["programs"]:
        return np.zeros(0, int), t("Nothing selected: pick at least one program.")
    if not o["agencies"]:
        return np.zeros(0, int), t("Nothing selected: pick at least one agency.")
    if not o["statuses"]:
        return np.zeros(0, int), t("Nothing selected: pick at least one status.")
    lo, hi = o["years"]
    mask = (np.isin(c["program"], o["programs"]) & np.isin(c["agency"], o["agencies"])
            & np.isin(c["status"], o["statuses"]) & (c["y1"] >= lo) & (c["y0"] <= hi))
    if o["crewed"] != "all":
        mask &= c["crewed"] == (o["crewed"] == "crewed")
    idx = np.flatnonzero(mask)
    if not len(idx):
        return idx, t("No missions match these choices: try more programs, statuses or years.")
    return idx, None


# -- geometry -----------------------------------------------------------------------------------


def _x_range(prepared: Prepared, idx: np.ndarray, lo: int, hi: int) -> tuple[float, float]:
    """x range in days: from just before year ``lo`` to after ``hi``, and further only as far
    as a name needs beyond the RIGHT_ROOM_PX it may take from the right margin."""
    c = prepared.col
    x_lo = float((pd.Timestamp(lo, 1, 1) - EPOCH).days) - 60.0
    x_hi = float((pd.Timestamp(hi + 1, 1, 1) - EPOCH).days) + 30.0
    if len(idx):
        name_px = CHAR_PX * c["chars"][idx] + 40
        # the share of the axis a mark may sit at and still end its name inside the figure
        fits = np.maximum((PLOT_PX + RIGHT_ROOM_PX - name_px) / PLOT_PX, 0.05)
        need = x_lo + (np.maximum(c["d1"][idx], c["d0"][idx]) - x_lo) / fits
        x_hi = max(x_hi, float(need.max()))
    return x_lo, x_hi


def _lanes(d0: Sequence[float], d1: Sequence[float], widths: Sequence[float],
           cap: int) -> list[int]:
    """Lane per item (in start order) so that no two overlap; -1 if all ``cap`` lanes are busy.

    An item spans from its start to its end plus ``widths`` (its name or mark, in x units).
    """
    ends: list[float] = []
    out = []
    for start, end, width in zip(d0, d1, widths, strict=True):
        k = next((i for i, e in enumerate(ends) if e < start), -1)
        if k < 0 and len(ends) < cap:
            ends.append(-np.inf)
            k = len(ends) - 1
        if k >= 0:
            ends[k] = max(start, end) + width
        out.append(k)
    return out


def _row(d0: list[float], d1: list[float], name_w: list[float], mark_w: float,
         cap: int) -> tuple[list[int], list[bool], int]:
    """Lanes of one program's row: names in at most ``cap`` lanes, marks of the rest under them.

    Returns each mission's lane, whether it is drawn with its name, and the lanes used.
    """
    named = _lanes(d0, d1, name_w, cap)
    rest = [i for i, k in enumerate(named) if k < 0]
    marks = _lanes([d0[i] for i in rest], [d1[i] for i in rest], [mark_w] * len(rest), MAX_LANES)
    n_named = max(named, default=-1) + 1
    lanes = list(named)
    for i, k in zip(rest, marks, strict=True):
        lanes[i] = n_named + max(k, 0)
    return lanes, [k >= 0 for k in named], n_named + (max(marks, default=-1) + 1)


@functools.lru_cache(maxsize=512)
def _row_table(d0: tuple[float, ...], d1: tuple[float, ...], name_w: tuple[float, ...],
               mark_w: float) -> list[tuple[list[int], list[bool], int]]:
    """:func:`_row` for every cap from 0 (no names) to the lanes all its names need.

    Cached: an explorer's controls come back to the same rows often, and lanes are the
    costly part of an update. (Callers only read the result.)
    """
    d0, d1, name_w = list(d0), list(d1), list(name_w)
    full = _row(d0, d1, name_w, mark_w, MAX_LANES)
    needed = max((k for k, shown in zip(full[0], full[1], strict=True) if shown),
                 default=-1) + 1
    return [_row(d0, d1, name_w, mark_w, k) for k in range(needed)] + [full]


def _geometry(prepared: Prepared, idx: np.ndarray, rows: Sequence[str],
              x_range: tuple[float, float]) -> dict[str, Any]:
    """y of each mission, which ones show their name, ticks, y range and plot height (px).

    Every row first gets as many lanes as its names need (up to MAX_LANES). While the rows
    cannot fit the plot budget at NAMED_LANE_PX a lane, the row with the most lanes keeps
    names in one lane fewer; the missions whose names no longer fit are drawn as marks alone
    (in lanes of their own under the names), and keep their names in the hover.
    """
    c = prepared.col
    per_px = (x_range[1] - x_range[0]) / PLOT_PX
    members = {p: idx[c["program"][idx] == p] for p in rows}
    data = {p: (tuple(c["d0"][g].tolist()), tuple(c["d1"][g].tolist()),
                tuple(((CHAR_PX * c["chars"][g] + LABEL_PAD_PX) * per_px).tolist()))
            for p, g in members.items()}
    tables = {p: _row_table(*data[p], MARK_PAD_PX * per_px) for p in rows}
    cap = {p: len(tables[p]) - 1 for p in rows}

    def units() -> float:
        return (sum(max(tables[p][cap[p]][2], 1) for p in rows)
                + ROW_GAP * max(len(rows) - 1, 0) + 1.1)

    while units() * NAMED_LANE_PX > PLOT_BUDGET_PX:  # give up the fewest names per lane saved
        best: tuple[float, int, str, int] | None = None
        for p in rows:
            used, names = tables[p][cap[p]][2], sum(tables[p][cap[p]][1])
            for k in range(cap[p] - 1, -1, -1):
                fewer, kept = tables[p][k][2], sum(tables[p][k][1])
                if fewer < used:
                    cost = (names - kept) / (used - fewer)
                    if best is None or (cost, -k) < best[:2]:
                        best = (cost, -k, p, k)
                    break
        if best is None:
            break
        cap[best[2]] = best[3]
    lay = {p: tables[p][cap[p]] for p in rows}
    y = np.zeros(len(idx))
    named = np.ones(len(idx), dtype=bool)
    where = {int(i): k for k, i in enumerate(idx)}
    ticks = []
    pos = 0.0
    for p in rows:
        lanes, has_name, used = lay[p]
        for i, lane, shown in zip(members[p].tolist(), lanes, has_name, strict=True):
            y[where[i]] = pos + lane
            named[where[i]] = shown
        ticks.append(pos + (max(used, 1) - 1) / 2)
        pos += max(used, 1) + ROW_GAP
    n_units = units()
    lane_px = min(LANE_PX, PLOT_BUDGET_PX / n_units)
    return {"y": y, "named": named,
            "unnamed_rows": [p for p in rows if not all(lay[p][1])],
            "tickvals": ticks, "range": [n_units - 0.6, -0.6],
            "plot_px": max(MIN_PLOT_PX, round(n_units * lane_px))}


# -- the builder --------------------------------------------------------------------------------


def title_of(prepared: Prepared, **options: Any) -> str:
    """The chart's title (plain text) for these options."""
    o = resolve(prepared, **options)
    idx, _ = _select(prepared, o)
    lo, hi = o["years"]
    return nt("Missions to the Moon, {first}–{last}: {n} shown",
              "Missions to the Moon, {first}–{last}: {n} shown", len(idx),
              first=str(lo), last=str(hi))


def build(prepared: Prepared, *, static: bool = False, **options: Any) -> Spec:
    """Traces (span bars, points, then the key) and layout for these options.

    ``static`` reserves the static form's row of menus under the title.
    """
    o = resolve(prepared, **options)
    c = prepared.col
    idx, empty = _select(prepared, o)
    lo, hi = o["years"]
    rows = [p for p in prepared.programs if p in set(o["programs"])]
    x_range = _x_range(prepared, idx, lo, hi)
    geo = _geometry(prepared, idx, rows, x_range)
    y = np.asarray(geo["y"], dtype=float)
    label = np.where(geo["named"], c["label"][idx], "") if len(idx) else c["label"][idx]
    precise = c["precise"][idx]
    spans, points = idx[~precise], idx[precise]
    ink = _ink(o["dark"])
    bar = {
        "type": "bar", "orientation": "h", "width": BAR_HEIGHT,
        "name": esc(t("launch month or year")),
        "base": c["x_start"][spans].tolist(), "x": c["width_ms"][spans].tolist(),
        "y": y[~precise].tolist(), "text": label[~precise].tolist(),
        "hovertext": c["hover"][spans].tolist(), "hovertemplate": "%{hovertext}<extra></extra>",
        "textposition": "outside", "textfont": {"size": TEXT_PX}, "cliponaxis": False,
        "constraintext": "none", "showlegend": False,
        "marker": {"color": c["color"][spans].tolist(),
                   "line": {"color": ink, "width": c["line_width"][spans].tolist()}},
        "meta": {"kind": "span"}}
    dots = {
        "type": "scatter", "mode": "markers+text", "name": esc(t("launch day")),
        "x": c["x_start"][points].tolist(), "y": y[precise].tolist(),
        "text": label[precise].tolist(), "hovertext": c["hover"][points].tolist(),
        "hovertemplate": "%{hovertext}<extra></extra>", "textposition": "middle right",
        "textfont": {"size": TEXT_PX}, "showlegend": False, "cliponaxis": False,
        "marker": {"color": c["color"][points].tolist(), "symbol": c["symbol"][points].tolist(),
                   "size": 13, "line": {"color": ink, "width": c["line_width"][points].tolist()}},
        "meta": {"kind": "point"}}
    top = ROWS.top(static)
    height = top + geo["plot_px"] + ROWS.under(static)
    x_title = t("Launch date")
    if geo["unnamed_rows"]:
        x_title = t("Launch date. Some names do not fit: hover over a mark, or pick fewer "
                    "programs.")
    today_label = {"x": prepared.today, "y": 1, "xref": "x", "yref": "paper",
                   "text": esc(t("today")), "showarrow": False, "yanchor": "bottom",
                   "font": {"size": theme.LABEL_FONT_SIZE}, "name": "today"}
    layout = {
        "title": {"text": esc(title_of(prepared, **o))},
        "height": height, "barmode": "overlay",
        "margin": {"t": top, "b": ROWS.under(static), "r": RIGHT_ROOM_PX + 10,
                   "l": prepared.label_margin},
        "xaxis": {"type": "date", "autorange": False, "range": [_iso(v) for v in x_range],
                  "title": {"text": esc(x_title)}},
        "yaxis": {"type": "linear", "autorange": False, "range": geo["range"],
                  "tickvals": geo["tickvals"], "ticktext": [esc(program_label(p)) for p in rows],
                  "showgrid": False, "zeroline": False},
        "legend": {"title": {"text": esc(t("Key:"))}, "orientation": "h", "x": 0,
                   "yref": "container", "yanchor": "top", "font": {"size": theme.LEGEND_FONT_SIZE},
                   "entrywidth": KEY_ENTRY_PX, "entrywidthmode": "pixels",
                   "y": 1 - ROWS.above_key(static) / height},
        # Under the marks, so a launch planned soon after today stays in sight.
        "shapes": [{"type": "line", "xref": "x", "yref": "paper", "x0": prepared.today,
                    "x1": prepared.today, "y0": 0, "y1": 1, "layer": "below",
                    "line": {"dash": "dot", "width": 2, "color": "#777777"}}],
        "annotations": [today_label, prepared.footer,
                        empty_note(empty or "", visible=empty is not None)],
    }
    return {"data": [bar, dots, *_keys_for(prepared, o["dark"], idx)], "layout": layout}


def _keys_for(prepared: Prepared, dark: bool, idx: np.ndarray) -> list[dict[str, Any]]:
    """The key of this view: an outcome only when a mark of it is drawn, with the shape
    drawn (a status seen only as bars, such as plans known to the month, is a filled square
    of its colour); the crew and bar entries only when such a mark is drawn."""
    c = prepared.col
    shown = set(c["status"][idx])
    as_point = set(c["status"][idx][c["precise"][idx]])
    drawn = {"crewed": bool(c["crewed"][idx].any()), "bar": bool((~c["precise"][idx]).any())}
    keys = []
    for key in prepared.keys[dark]:
        meta = key["meta"]
        if "status" in meta:
            s = meta["status"]
            symbol = theme.status_symbol(s) if s in as_point or s not in shown else "square"
            key = dict(key, marker=dict(key["marker"], symbol=symbol), showlegend=s in shown)
        else:
            key = dict(key, showlegend=drawn["crewed" if meta.get("crewed") else "bar"])
        keys.append(key)
    return keys


def figure_from(prepared: Prepared, *, static: bool = False, **options: Any) -> go.Figure:
    """The finished figure of :func:`build`: theme, title, footer and ``layout.meta``."""
    spec = build(prepared, static=static, **options)
    fig = figure_from_spec(spec)
    finish_figure(fig, prepared.ds, name=NAME, title=title_of(prepared, **options),
                  source_ids=prepared.source_ids, dark=bool(options.get("dark", False)),
                  height=spec["layout"]["height"])
    fig.update_layout(margin=spec["layout"]["margin"])
    fig.layout.annotations = spec["layout"]["annotations"]  # the footer once (update merges)
    return fig


def figure(ds: Any, **options: Any) -> go.Figure:
    """Moon missions by program over time; status = colour + shape, crewed = thick outline.

    A launch date known only to the year or month is a bar over that whole year or month.
    """
    return figure_from(prepare(ds), **options)


def summary_of(prepared: Prepared, **options: Any) -> str:
    """Plain sentences: how many missions per program and side, planned, crewed, bars."""
    o = resolve(prepared, **options)
    idx, empty = _select(prepared, o)
    if empty:
        return empty
    c = prepared.col
    progs = c["program"][idx]
    parts = []
    for p in prepared.programs:
        n = int((progs == p).sum())
        if n and p == "other":
            parts.append(nt("{n} mission from another program", "{n} missions from other "
                            "programs", n))
        elif n:
            parts.append(nt("{n} {program} mission", "{n} {program} missions", n,
                            program=plain(theme.program_name(p))))
    years = c["y0"][idx]
    text = [nt("The chart shows {n} mission with a launch date from {first} to {last}: "
               "{parts}.", "The chart shows {n} missions with launch dates from {first} to "
               "{last}: {parts}.", len(idx), first=str(years.min()), last=str(years.max()),
               parts=format_list(parts))]
    if any(p in DEFAULT_PROGRAMS for p in o["programs"]):
        text.append(t("By side: {ilrs} on the China–Russia side (Chang'e and Luna) and {us} on "
                      "the US side (Artemis and CLPS).",
                      ilrs=format_number(int(np.isin(progs, ILRS_SIDE_PROGRAMS).sum())),
                      us=format_number(int(np.isin(progs, ARTEMIS_SIDE_PROGRAMS).sum()))))
    planned = int(np.isin(c["status"][idx], PLANNED_STATUSES).sum())
    crew = int(c["crewed"][idx].sum())
    text.append(t("{planned} and {crewed}.",
                  planned=nt("{n} is planned or under way", "{n} are planned or under way",
                             planned),
                  crewed=nt("{n} carries a crew", "{n} carry a crew", crew)))
    spans = int((~c["precise"][idx]).sum())
    if spans:
        text.append(nt("{n} launch date is known only to the month or year, so it is drawn as "
                       "a bar.", "{n} launch dates are known only to the month or year, so "
                       "they are drawn as bars.", spans))
    u = prepared.undated
    left = (np.isin(u["program"], o["programs"]) & np.isin(u["agency"], o["agencies"])
            & np.isin(u["status"], o["statuses"]))
    if o["crewed"] != "all":
        left &= u["crewed"].astype(bool) == (o["crewed"] == "crewed")
    if int(left.sum()):
        text.append(nt("{n} mission without a launch date is left out.",
                       "{n} missions without a launch date are left out.", int(left.sum())))
    return " ".join(text)


def summary(ds: Any, **options: Any) -> str:
    return summary_of(prepare(ds), **options)


# -- the static form ----------------------------------------------------------------------------


def static_options(prepared: Prepared, **options: Any) -> dict[str, Any]:
    """The choices the static form opens on: these, or everything if they match nothing."""
    o = resolve(prepared, **options)
    if _select(prepared, o)[1] is not None:
        o = resolve(prepared, programs="all", dark=o["dark"])
    return o


def _program_choices(prepared: Prepared, opening: Sequence[str]) -> list[tuple[str, tuple]]:
    chosen = tuple(p for p in prepared.programs if p in set(opening))
    every = tuple(prepared.programs)
    choices = [(t("All programs"), every)]
    if chosen != every:
        label = (format_list(program_label(p) for p in chosen) if len(chosen) <= 4
                 else nt("{n} chosen program", "{n} chosen programs", len(chosen)))
        choices.insert(0, (label, chosen))
    return choices + [(program_label(p), (p,)) for p in prepared.programs]


def _year_choices(prepared: Prepared, opening: tuple[int, int]) -> list[tuple[str, tuple]]:
    lo, hi = prepared.year_bounds
    cuts = sorted({lo, *(y for y in YEAR_CUTS if lo < y <= hi), hi + 1})
    choices = [(t("All years"), (lo, hi))]
    choices += [(t("{first}–{last}", first=str(a), last=str(b - 1)), (a, b - 1))
                for a, b in zip(cuts, cuts[1:], strict=False)]
    if tuple(opening) not in [c[1] for c in choices]:
        choices.insert(0, (t("{first}–{last}", first=str(opening[0]), last=str(opening[1])),
                           tuple(opening)))
    return choices


def static_choices(prepared: Prepared, **options: Any) -> list[tuple[int, str, dict[str, Any]]]:
    """``(menu, label, options)`` for every entry of the static form's two menus.

    Menu 0 picks the programs, menu 1 the launch years; each entry changes one of the two
    from the choices the form opens on (its menus show which).
    """
    o = static_options(prepared, **options)
    out = [(0, label, dict(o, programs=progs))
           for label, progs in _program_choices(prepared, o["programs"])]
    out += [(1, label, dict(o, years=years))
            for label, years in _year_choices(prepared, o["years"])]
    return out


def static_form(prepared: Prepared, **options: Any) -> go.Figure:
    """The figure with Plotly's own menus: programs and launch years, each from :func:`build`.

    Each entry shows exactly ``build()`` for its choice (its own label lanes, rows, height,
    title and message); picking in one menu puts the other back on the entry the form opened
    on, so both menus always say what is drawn; its caption is :func:`summary_of` the choice.
    """
    o = static_options(prepared, **options)
    fig = figure_from(prepared, static=True, **o)
    choices = static_choices(prepared, **o)
    entries = {m: [c for n, _, c in choices if n == m] for m in (0, 1)}
    opening = {0: next(i for i, c in enumerate(entries[0]) if c["programs"] == o["programs"]),
               1: next(i for i, c in enumerate(entries[1]) if c["years"] == o["years"])}
    buttons: dict[int, list[dict[str, Any]]] = {0: [], 1: []}
    for menu, label, choice in choices:
        spec = build(prepared, static=True, **choice)
        restyle, relayout = menu_args(spec)
        height = spec["layout"]["height"]
        y = ROWS.menu_y(height)
        relayout.update({f"updatemenus[{1 - menu}].active": opening[1 - menu],
                         "updatemenus[0].y": y, "updatemenus[1].y": y})
        args = saying([restyle, relayout], summary_of(prepared, **choice))
        buttons[menu].append({"label": esc(label), "method": "update", "args": args})
    opens_saying(fig, summary_of(prepared, **o))
    y = ROWS.menu_y(int(fig.layout.height))
    fig.update_layout(updatemenus=[
        {"type": "dropdown", "buttons": buttons[m], "showactive": True, "active": opening[m],
         "name": name, "x": x, "xanchor": anchor, "y": y, "yanchor": "top",
         "pad": {"t": 0, "b": 0}, "font": {"size": theme.LABEL_FONT_SIZE}}
        # the years menu hangs from the plot's right edge: the row names' width (which moves
        # the plot's left edge) never brings it onto the programs menu
        for m, name, x, anchor in ((0, "programs", 0.0, "left"), (1, "years", 1.0, "right"))])
    return fig
