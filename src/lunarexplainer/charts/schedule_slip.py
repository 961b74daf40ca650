"""Moving targets: when each target date was announced (x) against the date it aimed for (y).

One builder for the figure, the live explorer and the static form (see the builder contract
in :mod:`.common`). The one option is ``subjects``: mission or goal ids from
``schedule_history.mission_id`` (default: the most revised on each side, :func:`default_subjects`).

How to read it: each point is one announcement. A plan that never moved is a FLAT line; a
line that rises means the date slipped later. The dashed diagonal is where the target date
equals the day it was announced, i.e. where the deadline has arrived. Targets known only to
the month or year are drawn as vertical bars over the whole period, with the point at its
middle. Every line is named at its last point (direct labels), so no colour has to be matched
to a key: a line takes its program's colour (the same colours as every other chart), which
tells the two sides apart, and its label says which plan it is.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from datetime import timedelta
from typing import Any

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
from .common import finish_figure
from .common import hover_source
from .common import hover_text
from .common import iso
from .common import mix_colors
from .common import plain
from .common import subject_names
from .common import wrap_text
from .sizes import CHAR_PX
from .sizes import FOOTER_MARGIN
from .sizes import HOVER_CHARS
from .sizes import Rows

NAME = "schedule_slip"
#: Height of the plot area (px); one row of the key; the width the key and labels are laid
#: out for (narrower than a 1280 px screen, so the estimates err on the safe side).
PLOT_PX = 430
KEY_ROW_PX = 33
KEY_WIDTH_PX = 1100
PLOT_WIDTH_PX = 1000
LABEL_PX = 22  # height of one direct label (16 px text)
#: Left margin (px): room for the widest date the target axis writes ("Sep 2030", about
#: 120 px with its title), the same for every choice. Margins that followed the tick labels
#: (and the top label poking over the plot) made plotly.js draw the chart twice on many
#: control changes.
LEFT_MARGIN_PX = 135
DIAGONAL_COLOR = "#777777"
#: Sides of the comparison, for the summary (programs of the missions and goals).
SIDE_PROGRAMS = {"china-russia": (*ILRS_SIDE_PROGRAMS, "ILRS"), "us": ARTEMIS_SIDE_PROGRAMS}
SPAN_COLOR = "rgba(119, 119, 119, 0.45)"


HALF_YEAR_DAYS = 182.6


def days(ts: Any) -> float:
    """Days since 1970-01-01 (plain float, for fast arithmetic in :func:`build`)."""
    return (pd.Timestamp(ts) - EPOCH) / pd.Timedelta(days=1)


@dataclass
class Subject:
    """One mission or goal: its points, spans, hover texts, label and summary facts."""

    id: str
    name: str  # plain text
    label: str  # escaped, for Plotly
    side: str
    color: str
    ink: str  # label colour on a light background
    ink_dark: str  # and on a dark one
    x: list[str | None]
    y: list[str | None]
    span_x: list[str | None]
    span_y: list[str | None]
    hover: list[str]
    lo: float  # earliest and latest date drawn (days)
    hi: float
    a_lo: float  # earliest and latest announcement, and target (days)
    a_hi: float
    t_lo: float
    t_hi: float
    end: tuple[float, float]  # last point (days)
    n: int
    first: dict[str, str]
    last: dict[str, str]
    years: float  # how far the target moved (years, later > 0)
    callout: tuple[str | None, str | None] | None  # where "2021 plan: by 2024" points


@dataclass
class Prepared:
    """Everything that does not depend on the options (see :func:`prepare`)."""

    ds: Any
    subjects: dict[str, Subject]
    order: list[str]  # most revised first
    default: list[str]
    as_of: float  # days
    groups: list[str]  # one line trace per program colour, in this order
    group_names: dict[str, str]  # colour -> escaped key entry
    key_labels: list[str]  # escaped key entry of the diagonal
    styles: list[dict[str, Any]]  # the fixed look of each trace
    annotations: list[dict[str, Any]]  # note, callout, reading hint (then the footer)
    callout: tuple[str, str | None, str | None] | None  # subject, x, y of "by 2024"
    diagonal: dict[str, list[str]]  # its x and y
    room_rows: int  # rows of the key
    room: dict[str, Any]  # top margin, height and key position (see key_layout)
    source_ids: list[object] = field(default_factory=list)


def default_subjects(ds: Any, per_side: int = 3) -> list[str]:
    """Subjects shown by default, the same number from each side: on the China–Russia side and
    on the US side, the ``per_side`` plans whose target changed most often (at least once;
    :func:`~lunarexplainer.facts.target_changes`). ILRS phases are left to the full list, so
    the default compares missions and crewed-landing goals."""
    from .. import facts

    changes = facts.target_changes(ds)
    programs = _programs(ds)
    phases = set(ds.phases.loc[ds.phases["kind"] == "phase", "id"].astype(str))
    out: list[str] = []
    for side in SIDE_PROGRAMS:
        ids = [str(i) for i in changes.index
               if changes[i] >= 1 and str(i) not in phases and _side(programs.get(str(i), ""))
               == side]
        out += sorted(ids, key=lambda i: (-int(changes[i]), i))[:per_side]
    return out


def _programs(ds: Any) -> dict[str, str]:
    out = {str(i): as_text(p) for i, p in zip(ds.missions["id"], ds.missions["program"],
                                                 strict=True)}
    out.update({str(i): as_text(p) for i, p in zip(ds.phases["id"], ds.phases["program"],
                                                      strict=True)})
    return out


def _names(ds: Any) -> dict[str, str]:
    """Subject names; an ILRS phase is named as one ('ILRS: Construction (basic model)')."""
    names = subject_names(ds)
    for i, program in zip(ds.phases["id"], ds.phases["program"], strict=True):
        if as_text(program) == "ILRS":
            names[str(i)] = t("ILRS: {phase}", phase=names[str(i)])
    return names


def _side(program: str) -> str:
    return next((side for side, programs in SIDE_PROGRAMS.items() if program in programs),
                "other")


def _is_2021_by_2024(a_start: pd.Timestamp, t_start: pd.Timestamp, t_end: pd.Timestamp,
                     qualifier: str) -> bool:
    return (a_start.year == 2021 and t_start.year == 2024 and t_end.year == 2024
            and qualifier in ("by", ""))


def _subject(ds: Any, s: str, g: pd.DataFrame, name: str, program: str) -> Subject:
    color = theme.program_color(program)
    sx: list[str | None] = []
    sy: list[str | None] = []
    hover: list[str] = []
    callout = None
    for r in g.itertuples():
        qualifier = as_text(r.qualifier)
        if as_text(r.target_date_precision) not in ("", "day"):
            sx += [iso(r.a_mid), iso(r.a_mid), None]
            sy += [iso(r.target_date_start),
                   iso(r.target_date_end + pd.Timedelta(hours=23, minutes=59)), None]
        hover.append(hover_text(
            f"<b>{esc(name)}</b>",
            esc(t("announced {date}", date=format_date(r.announced_on_start,
                                                       r.announced_on_precision))),
            esc(t("target: {date}", date=format_date(r.target_date_start,
                                                     r.target_date_precision, qualifier))),
            wrap_text(r.summary, HOVER_CHARS),
            hover_source(ds, r.source_ids)))
        if callout is None and _is_2021_by_2024(r.announced_on_start, r.target_date_start,
                                                 r.target_date_end, qualifier):
            callout = (iso(r.a_mid), iso(r.t_mid))

    def facts(row: pd.Series) -> dict[str, str]:
        return {"target": t("“{date}”", date=plain(format_date(
                    row["target_date_start"], row["target_date_precision"],
                    as_text(row["qualifier"])))),
                "year": format_date(row["announced_on_start"], "year")}

    first, last = g.iloc[0], g.iloc[-1]
    return Subject(
        id=s, name=name, label=esc(name), side=_side(program), color=color,
        ink=mix_colors(color, "#000000", 0.3), ink_dark=mix_colors(color, "#FFFFFF", 0.3),
        x=[iso(a) for a in g["a_mid"]], y=[iso(v) for v in g["t_mid"]],
        span_x=sx, span_y=sy, hover=hover,
        lo=days(min(g["announced_on_start"].min(), g["target_date_start"].min())),
        hi=days(max(g["announced_on_end"].max(), g["target_date_end"].max())),
        a_lo=days(g["announced_on_start"].min()), a_hi=days(g["announced_on_end"].max()),
        t_lo=days(g["target_date_start"].min()), t_hi=days(g["target_date_end"].max()),
        end=(days(last["a_mid"]), days(last["t_mid"])), n=len(g),
        first=facts(first), last=facts(last),
        years=(last["t_mid"] - first["t_mid"]).days / 365.25, callout=callout)


def prepare(ds: Any) -> Prepared:
    """Each subject's points, spans, hovers and summary facts, and the fixed look, once."""
    sh = ds.schedule_history.dropna(subset=["announced_on_start", "target_date_start"]).copy()
    sh["mission_id"] = sh["mission_id"].astype(str)
    sh = sh.sort_values(["mission_id", "announced_on_start"], kind="stable")
    sh["a_mid"] = sh["announced_on_start"] + (sh["announced_on_end"]
                                              - sh["announced_on_start"]) / 2
    sh["t_mid"] = sh["target_date_start"] + (sh["target_date_end"]
                                             - sh["target_date_start"]) / 2
    counts = sh["mission_id"].value_counts()
    order = sorted(counts.index, key=lambda i: (-int(counts[i]), str(i)))
    names, programs = _names(ds), _programs(ds)
    subjects = {s: _subject(ds, s, sh[sh["mission_id"] == s], names.get(s, s),
                            programs.get(s, "other")) for s in order}
    # One line trace per program colour (Chang'e and ILRS share one), in the chart's order.
    in_group: dict[str, list[str]] = {}
    for s in order:
        program = programs.get(s, "other") or "other"
        members = in_group.setdefault(subjects[s].color, [])
        if program not in members:
            members.append(program)
    groups = list(in_group)
    group_names = {c: esc(format_list(theme.program_name(p) for p in in_group[c]))
                   for c in groups}
    key_labels = [esc(t("target = day announced (deadline reached)"))]
    every = list(subjects.values())
    lo = min((r.lo for r in every), default=0.0)
    hi = max((r.hi for r in every), default=0.0)
    # The diagonal is the same for every choice (the axes' ranges cut it).
    diagonal = {"x": [_iso_days(lo - 3650), _iso_days(hi + 3650)],
                "y": [_iso_days(lo - 3650), _iso_days(hi + 3650)]}
    styles: list[dict[str, Any]] = [
        {"type": "scatter", "mode": "lines", "name": key_labels[0],
         **diagonal,
         "line": {"color": DIAGONAL_COLOR, "dash": "dash", "width": 2}, "hoverinfo": "skip",
         "meta": {"kind": "diagonal"}},
        {"type": "scatter", "mode": "lines", "name": esc(t("date ranges")),
         "line": {"color": SPAN_COLOR, "width": 7}, "hoverinfo": "skip", "showlegend": False,
         "meta": {"kind": "span"}},
        *({"type": "scatter", "mode": "lines+markers", "name": group_names[c],
           "line": {"color": c, "width": 3}, "marker": {"size": 11, "color": c},
           "hovertemplate": "%{hovertext}<extra></extra>", "connectgaps": False,
           "meta": {"kind": "line", "color": c}} for c in groups),
        {"type": "scatter", "mode": "text", "name": esc(t("names")),
         "textposition": "middle right", "textfont": {"size": 16}, "cliponaxis": False,
         "hoverinfo": "skip", "showlegend": False, "meta": {"kind": "labels"}},
    ]
    # The 2021 plan "by 2024" (lesson 05 checks a 2021 report's claim) on the first subject
    # in the chart's order that had it.
    callout = next(((s, *subjects[s].callout) for s in order if subjects[s].callout), None)
    annotations = [
        empty_note(empty_text()),
        {"name": "by-2024", "text": esc(t("2021 plan: “by 2024”")), "showarrow": True,
         "arrowhead": 2, "ax": -70, "ay": -90, "font": {"size": 16}, "xref": "x",
         "yref": "y", "x": callout[1] if callout else None,
         "y": callout[2] if callout else None},
        {"name": "how-to-read", "xref": "paper", "yref": "paper", "x": 0.99, "y": 0.02,
         "xanchor": "right", "yanchor": "bottom", "align": "right", "showarrow": False,
         "font": {"size": 16},
         "text": esc(t("Flat line: the target did not move.")) + "<br>"
         + esc(t("Rising line: the date slipped later.")) + "<br>"
         + esc(t("Grey bar: a date known only to the month or year."))},
    ]
    default = [s for s in default_subjects(ds) if s in subjects] or order[:3]
    rows = key_rows([*key_labels, *group_names.values()])
    return Prepared(ds=ds, subjects=subjects, order=order, default=default,
                    as_of=days(ds.as_of), groups=groups, group_names=group_names,
                    key_labels=key_labels, styles=styles, annotations=annotations,
                    callout=callout, diagonal=diagonal,
                    room_rows=rows, room=key_layout(rows),
                    source_ids=list(sh["source_ids"]))


def chosen_subjects(prepared: Prepared, subjects: Sequence[str] | str | None) -> list[str]:
    """The known subjects of a choice, in the chart's order (``None``: the default)."""
    if subjects is None:
        return list(prepared.default)
    wanted = {subjects} if isinstance(subjects, str) else {str(s) for s in subjects}
    return [s for s in prepared.order if s in wanted]


# --------------------------------------------------------------------------------- words


def what_it_shows(prepared: Prepared, chosen: Sequence[str], *, for_summary: bool = False
                  ) -> str:
    """'Artemis III (7 announcements)' or '33 announcements for 5 missions and goals'.

    Names are as in the data (the title escapes them), or :func:`plain` for a summary.
    """
    n = sum(prepared.subjects[s].n for s in chosen)
    count = nt("{n} announcement", "{n} announcements", n)
    if len(chosen) <= 2:
        names = (prepared.subjects[s].name for s in chosen)
        return t("{names} ({count})", names=format_list(plain(n) if for_summary else n
                                                        for n in names), count=count)
    if len(chosen) == len(prepared.order):
        return t("{count} for all {k} missions and goals", count=count,
                 k=format_number(len(chosen)))
    return nt("{count} for {n} mission or goal", "{count} for {n} missions and goals",
              len(chosen), count=count)


def title_of(prepared: Prepared, subjects: Sequence[str] | str | None = None) -> str:
    """Plain title for a choice."""
    chosen = chosen_subjects(prepared, subjects)
    if not chosen:
        return t("Moving targets: nothing to show")
    return t("Moving targets: {what}", what=what_it_shows(prepared, chosen))


def empty_text() -> str:
    """The message shown instead of an empty chart (no choice, or none with dates)."""
    return t("Nothing to show: pick at least one mission or goal.")


def _moves(s: Subject) -> dict[str, Any]:
    return {"name": plain(s.name), "first": s.first["target"], "y1": s.first["year"],
            "last": s.last["target"], "y2": s.last["year"]}


def _one_subject(s: Subject) -> str:
    """One sentence about how far one subject's target moved."""
    years = round(abs(s.years))
    if s.n == 1:
        return t("{name} has one announced target: {target}.", name=plain(s.name),
                 target=s.first["target"])
    if years == 0:
        return t("The target for {name} stayed about the same: {first} (announced {y1}), "
                 "then {last} (announced {y2}).", **_moves(s))
    if s.years > 0:
        return nt("The target for {name} moved from {first} (announced {y1}) to {last} "
                  "(announced {y2}), about {n} year later.",
                  "The target for {name} moved from {first} (announced {y1}) to {last} "
                  "(announced {y2}), about {n} years later.", years, **_moves(s))
    return nt("The target for {name} moved from {first} (announced {y1}) to {last} "
              "(announced {y2}), about {n} year earlier.",
              "The target for {name} moved from {first} (announced {y1}) to {last} "
              "(announced {y2}), about {n} years earlier.", years, **_moves(s))


def _side_sentence(side: str, group: list[Subject]) -> str:
    """How the plans of one side moved: how many slipped later, and the biggest move."""
    side_name = t("China–Russia") if side == "china-russia" else t("US")
    later = sum(1 for s in group if round(s.years) >= 1)
    biggest = max(group, key=lambda s: (abs(s.years), s.n))
    years = round(abs(biggest.years))
    if years == 0:
        return nt("On the {side} side, the {n} plan shown stayed within a few months of its "
                  "first target.",
                  "On the {side} side, the {n} plans shown stayed within a few months of "
                  "their first targets.", len(group), side=side_name)
    if later == len(group):
        counted = nt("On the {side} side, the {n} plan shown moved later",
                     "On the {side} side, all {n} plans shown moved later", len(group),
                     side=side_name)
    else:
        counted = nt("On the {side} side, {later} of the {n} plan shown moved later",
                     "On the {side} side, {later} of the {n} plans shown moved later",
                     len(group), side=side_name, later=format_number(later))
    if biggest.years > 0:
        moved = nt("{name} moved most, from {first} (announced {y1}) to {last} (announced "
                   "{y2}), about {n} year later",
                   "{name} moved most, from {first} (announced {y1}) to {last} (announced "
                   "{y2}), about {n} years later", years, **_moves(biggest))
    else:
        moved = nt("{name} moved most, from {first} (announced {y1}) to {last} (announced "
                   "{y2}), about {n} year earlier",
                   "{name} moved most, from {first} (announced {y1}) to {last} (announced "
                   "{y2}), about {n} years earlier", years, **_moves(biggest))
    return t("{counted}; {moved}.", counted=counted, moved=moved)


def summary_of(prepared: Prepared, subjects: Sequence[str] | str | None = None,
               *, dark: bool = False) -> str:
    """Plain sentences: what is shown, how to read it, and how far plans moved on each side."""
    chosen = chosen_subjects(prepared, subjects)
    if not chosen:
        return empty_text()
    parts = [t("The chart shows {what}.", what=what_it_shows(prepared, chosen,
                                                             for_summary=True)),
             t("A flat line means the target date did not move; a rising line means it "
               "slipped later.")]
    groups: dict[str, list[Subject]] = {}
    for s in chosen:
        groups.setdefault(prepared.subjects[s].side, []).append(prepared.subjects[s])
    for side in ("china-russia", "us"):
        group = groups.get(side, [])
        if len(group) == 1:
            parts.append(_one_subject(group[0]))
        elif group:
            parts.append(_side_sentence(side, group))
    others = groups.get("other", [])
    parts += [_one_subject(s) for s in others[:2]]
    if len(others) > 2:
        parts.append(nt("The chart shows {n} more.", "The chart shows {n} more.",
                        len(others) - 2))
    return " ".join(parts)


def summary(ds: Any, subjects: Sequence[str] | str | None = None, *, dark: bool = False) -> str:
    """:func:`summary_of` for a dataset."""
    return summary_of(prepare(ds), subjects, dark=dark)


# --------------------------------------------------------------------------------- builder


def key_rows(labels: Sequence[str]) -> int:
    """Rows the key needs for these entries (estimated at 8 px a character)."""
    rows, used = 1, 0.0
    for label in labels:
        item = 40 + 8.0 * len(label)
        if used and used + item > KEY_WIDTH_PX:
            rows, used = rows + 1, 0.0
        used += item
    return rows


def key_layout(rows: int, *, menus: bool = False, plot_px: int = PLOT_PX) -> dict[str, Any]:
    """Top margin, height and key position: the key sits under the title (and the menus),
    over a plot area ``plot_px`` tall."""
    frame = Rows(key=rows * KEY_ROW_PX + 12)
    top = frame.top(menus)
    height = plot_px + top + frame.under(menus)
    return {"margin": {"t": top}, "height": height,
            "legend": {"y": 1 - frame.above_key(menus) / height}}


def label_positions(ends: Sequence[tuple[float, float]], names: Sequence[str],
                    x_range: tuple[float, float], y_range: tuple[float, float],
                    plot_px: int = PLOT_PX) -> list[float]:
    """y (days) of each direct label: at its line's last point, nudged so none overlap.

    Labels sit right of their last point; two overlap when their boxes (estimated at
    :data:`.sizes.CHAR_PX` a character, :data:`LABEL_PX` tall) overlap on a plot of
    :data:`PLOT_WIDTH_PX` x ``plot_px`` pixels. Lower labels are placed first; a label
    that would overlap one already placed takes the nearest free place above or below, in
    steps of half a label.
    """
    per_px_y = (y_range[1] - y_range[0]) / plot_px
    per_px_x = (x_range[1] - x_range[0]) / PLOT_WIDTH_PX
    gap = LABEL_PX * per_px_y
    placed: list[tuple[float, float, float]] = []  # x0, x1, y
    out = [0.0] * len(ends)
    for i in sorted(range(len(ends)), key=lambda i: ends[i][1]):
        x0 = ends[i][0]
        x1 = x0 + (CHAR_PX * display_width(names[i]) + 12) * per_px_x
        near = [py for px0, px1, py in placed if x0 < px1 and px0 < x1]
        for k in range(4 * len(near) + 1):  # y, then a step up, a step down, two up, ...
            y = ends[i][1] + (k + 1) // 2 * (1 if k % 2 else -1) * gap / 2
            if all(abs(y - py) >= gap for py in near):
                break
        placed.append((x0, x1, y))
        out[i] = y
    return out


def _iso_days(n: float) -> str:
    return (EPOCH + timedelta(days=n)).isoformat()


def build(prepared: Prepared, subjects: Sequence[str] | str | None = None,
          *, dark: bool = False, plot_px: int = PLOT_PX) -> Spec:
    """What a choice changes: the spans, one line trace per program colour, the direct
    labels, the axes, the title, the key's room and the messages.

    The traces are always, in this order: the diagonal, the spans, one trace per colour group
    (:attr:`Prepared.groups`) and the labels. Their fixed look (colours, marks, names, key
    entries) is :attr:`Prepared.styles`, which :func:`figure_from` puts under this. The
    direct labels are kept apart on a plot area ``plot_px`` tall.
    """
    chosen = chosen_subjects(prepared, subjects)
    rows = [prepared.subjects[s] for s in chosen]
    shown = rows or [prepared.subjects[s] for s in prepared.order]
    x_lo = min(r.a_lo for r in shown) - HALF_YEAR_DAYS
    x_last = max(max(r.a_hi for r in shown), prepared.as_of)
    # room on the right for the longest label (px of a PLOT_WIDTH_PX-wide plot)
    room = min(CHAR_PX * max((display_width(r.name) for r in rows), default=0) + 24,
               0.4 * PLOT_WIDTH_PX)
    x_hi = x_last + (x_last - x_lo) * room / (PLOT_WIDTH_PX - room) + HALF_YEAR_DAYS / 2
    y_lo = min(r.t_lo for r in shown) - HALF_YEAR_DAYS
    y_hi = max(r.t_hi for r in shown) + HALF_YEAR_DAYS
    span_x: list[str | None] = []
    span_y: list[str | None] = []
    for r in rows:
        span_x += r.span_x
        span_y += r.span_y
    data: list[dict[str, Any]] = [prepared.diagonal, {"x": span_x, "y": span_y}]
    for group in prepared.groups:
        gx: list[str | None] = []
        gy: list[str | None] = []
        gh: list[str] = []
        for r in rows:
            if r.color == group:
                if gx:
                    gx.append(None)
                    gy.append(None)
                    gh.append("")
                gx += r.x
                gy += r.y
                gh += r.hover
        data.append({"x": gx, "y": gy, "hovertext": gh})
    label_y = label_positions([r.end for r in rows], [r.name for r in rows], (x_lo, x_hi),
                              (y_lo, y_hi), plot_px)
    data.append({
        "x": [_iso_days(r.end[0]) for r in rows], "y": [_iso_days(y) for y in label_y],
        "text": [r.label for r in rows],
        "textfont": {"color": [r.ink_dark if dark else r.ink for r in rows]}})
    layout = {
        "title": {"text": esc(title_of(prepared, subjects))},
        "xaxis": {"range": [_iso_days(x_lo), _iso_days(x_hi)]},
        "yaxis": {"range": [_iso_days(y_lo), _iso_days(y_hi)]},
        # the 'nothing to show' note and the "by 2024" callout; the reading hint and the
        # source footer (the last two) never change.
        "annotations": [{"visible": not rows},
                        {"visible": prepared.callout is not None
                         and prepared.callout[0] in chosen}, {}, {}],
    }
    return {"data": data, "layout": layout}


def merged(base: dict[str, Any], update: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``update`` laid over it, nested dicts merged (neither is changed)."""
    out = dict(base)
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def figure_from(prepared: Prepared, subjects: Sequence[str] | str | None = None,
                *, dark: bool = False, plot_px: int = PLOT_PX) -> go.Figure:
    """The finished figure of :func:`build`: its spec over the fixed look, themed, with the
    title, the footer and the caption metadata. ``plot_px`` is the plot area's height (the
    live explorer's is smaller, to leave room for its controls)."""
    spec = build(prepared, subjects, dark=dark, plot_px=plot_px)
    room = (prepared.room if plot_px == PLOT_PX
            else key_layout(prepared.room_rows, plot_px=plot_px))
    fig = go.Figure(data=[merged(style, trace) for style, trace
                          in zip(prepared.styles, spec["data"], strict=True)])
    axis = {"type": "date", "tickfont": {"size": 16}, "title": {"font": {"size": 16}}}
    fig.update_xaxes(axis, title_text=t("When the target was announced"))
    fig.update_yaxes(axis, title_text=t("Target date announced"), automargin="left")
    finish_figure(fig, prepared.ds, name=NAME, title=html.unescape(
        spec["layout"]["title"]["text"]), source_ids=prepared.source_ids, dark=dark,
        height=room["height"])
    fig.update_layout(
        legend={"orientation": "h", "x": 0, "xanchor": "left", "yref": "container",
                "yanchor": "top", "font": {"size": 16}},
        margin={"r": 40, "b": FOOTER_MARGIN, "l": LEFT_MARGIN_PX})
    fig.update_layout(room)
    layout = dict(spec["layout"])
    fixed = [*prepared.annotations, fig.layout.annotations[0].to_plotly_json()]
    layout["annotations"] = [merged(a, b) for a, b in zip(fixed, layout["annotations"],
                                                          strict=True)]
    fig.layout.annotations = ()
    fig.update_layout(layout)
    return fig


def figure(ds: Any, subjects: Sequence[str] | str | None = None, *,
           dark: bool = False) -> go.Figure:
    """When each target was announced (x) against the date it aimed for (y)."""
    return figure_from(prepare(ds), subjects, dark=dark)


# --------------------------------------------------------------------------------- static form


# static form: Plotly's own menus (made in .schedule_slip_menus from build() and summary_of())


def static_form(prepared: Prepared, subjects: Sequence[str] | str | None = None,
                *, dark: bool = False) -> go.Figure:
    """The figure with short menus of groups of plans (see :mod:`.schedule_slip_menus`)."""
    from . import schedule_slip_menus

    return schedule_slip_menus.static_form(prepared, subjects, dark=dark)


def static_summary(prepared: Prepared, subjects: Sequence[str] | str | None = None,
                   *, dark: bool = False) -> str:
    """Summary of the static form as it opens (see :mod:`.schedule_slip_menus`)."""
    from . import schedule_slip_menus

    return schedule_slip_menus.static_summary(prepared, subjects, dark=dark)
