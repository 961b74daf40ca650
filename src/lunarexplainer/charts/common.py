"""Helpers that several charts share: text escaping, sources, dates, hovers, the footer.

Every chart module imports what it needs from here; nothing here knows about one chart. The
pixel sizes several charts share (text measures, the footer, a static form's menu row) are in
:mod:`.sizes`.

**The builder contract.** A chart that has a live explorer is built in two steps, so that its
figure, its explorer and its static (kernel-free) form come from one piece of code:

* ``prepare(ds)`` computes everything that does not depend on the options, once;
* ``build(prepared, **options)`` returns a :data:`Spec`: ``{"data": [trace dicts],
  "layout": {...}}`` with the SAME number and order of traces for every choice of options, so
  an explorer can update its ``FigureWidget`` in place (:func:`apply_spec`) and a static form
  can turn each choice into the ``args`` of a Plotly menu button (:func:`menu_args`);
* ``figure_from(prepared, **options)`` is the finished figure of ``build`` (an explorer starts
  its ``FigureWidget`` from it) and ``figure(ds, **options)`` is
  ``figure_from(prepare(ds), **options)``;
* ``summary_of(prepared, **options)`` and ``summary(ds, **options)`` say what it shows;
* ``static_form(prepared, **options)`` is the figure with Plotly's own menus and sliders,
  built from ``build`` for each choice; it is only made when exporting. Every button and
  slider step sets what ``build`` gives for its choice (traces, title, the empty-state note)
  and the caption ``summary_of`` gives (:func:`saying`), so the three cannot drift apart.

Option names are the same in every chart and are the names of the explorer controls that set
them: ``programs``, ``agencies``, ``statuses``, ``crewed``, ``years``, ``year``, ``framework``,
``subjects``, ``layers``, ``site``, ``role``, ``verdicts``, ``dark``.

* Text that comes from the data is HTML-escaped (:func:`esc`) before it goes into a title,
  label or hover, because Plotly renders a subset of HTML in text. Summaries are plain text
  (:func:`plain`).
* :func:`finish_figure` gives every figure its theme, title, the two-line "Facts up to …" and source
  footer under the plot, and ``layout.meta = {"name", "caption", "source_ids"}``.
* Dates known only to the year or month are drawn as spans (:func:`span_trace`), never as
  one precise day.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import theme
from ..text import format_date
from ..text import full_stop
from ..text import t
from ..text import wrap_lines
from ..theme import STATUS_COLORS
from .sizes import FOOTER_MARGIN
from .sizes import FOOTER_SHIFT
from .sizes import MENU_ROW_PX
from .sizes import menu_y

#: Mean radius of the Moon (km), used to project crater rims at their true size.
MOON_RADIUS_KM = 1737.4
#: Programs on the China–Russia (ILRS) side and on the US (Artemis) side.
ILRS_SIDE_PROGRAMS: tuple[str, ...] = ("Chang'e", "Luna")
ARTEMIS_SIDE_PROGRAMS: tuple[str, ...] = ("Artemis", "CLPS")
ALL_PROGRAMS: tuple[str, ...] = ("Chang'e", "Luna", "Artemis", "CLPS", "Apollo", "Chandrayaan",
                                 "other")
STATUS_ORDER: tuple[str, ...] = tuple(STATUS_COLORS)



def is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def as_text(value: object) -> str:
    """Data value as a string ('' for missing)."""
    return "" if is_missing(value) else str(value)


def esc(value: object) -> str:
    """Data value escaped for Plotly text (titles, labels, hovers).

    A double quote becomes the numeric ``&#34;``: plotly.js decodes numeric references (and
    ``&amp;``, ``&lt;``, ``&gt;``) but shows a named ``&quot;`` as it is.
    """
    return html.escape(as_text(value), quote=True).replace("&quot;", "&#34;")


def plain(value: object) -> str:
    """Data value for a plain-text summary: no characters that could start HTML markup."""
    return as_text(value).replace("<", "‹").replace(">", "›").replace("&", "and")


def unique_ids(source_ids: Iterable[object]) -> list[str]:
    """Unique source ids, in first-seen order, from ';'-separated cells."""
    seen: dict[str, None] = {}
    for cell in source_ids:
        for part in as_text(cell).split(";"):
            part = part.strip()
            if part:
                seen.setdefault(part, None)
    return list(seen)


#: The order a chart's footer and caption name sources in: an agency's own page first, then
#: intergovernmental texts, research teams, established newsrooms and encyclopedia articles;
#: state media, copies of other pages and other pages last (kinds: data/README.md).
SOURCE_ORDER = ("official", "intergovernmental", "research", "news", "encyclopedia",
                "state_media", "mirror", "other")


def strongest_first(ds: Any, source_ids: Iterable[object]) -> list[str]:
    """Unique source ids, the most authoritative kind first (:data:`SOURCE_ORDER`); ids of
    one kind keep their order, and an id of no known kind comes last."""
    ids = unique_ids(source_ids)
    if "kind" not in ds.sources.columns:
        return ids
    kinds = dict(zip(ds.sources["id"].astype(str), ds.sources["kind"], strict=True))
    rank = {kind: i for i, kind in enumerate(SOURCE_ORDER)}
    return sorted(ids, key=lambda sid: rank.get(as_text(kinds.get(sid)), len(rank)))


def cite(ds: Any, source_ids: object) -> str:
    from ..text import t

    ids = unique_ids([source_ids])
    if not ids:
        return t("Source: not recorded")
    try:
        return str(ds.cite(";".join(ids)))
    except Exception:  # an unknown id must not break a chart
        return t("Source: {source_ids}", source_ids=", ".join(ids))


def source_line(ds: Any, source_ids: Iterable[object], limit: int = 2) -> str:
    """Short plain source line for a set of rows: the first ``limit`` sources, then a count."""
    from ..text import nt

    ids = unique_ids(source_ids)
    line = cite(ds, ";".join(ids[:limit]))
    if len(ids) > limit:
        line = nt("{sources}; and {n} more source (see data/sources.csv)",
                  "{sources}; and {n} more sources (see data/sources.csv)",
                  len(ids) - limit, sources=line)
    return line


def hover_source(ds: Any, source_ids: Iterable[object] | object) -> str:
    """The short source line of a hover, escaped: the first source, then how many more.

    The full list is on the page (the caption under the chart and the chart's footer).
    """
    from ..text import nt

    cells = [source_ids] if isinstance(source_ids, str) or is_missing(source_ids) \
        else source_ids
    ids = unique_ids(cells)  # type: ignore[arg-type]
    line = cite(ds, ids[0] if ids else "")
    if len(ids) > 1:
        line = nt("{source} and {n} more", "{source} and {n} more", len(ids) - 1, source=line)
    return esc(line)


def date_columns(df: pd.DataFrame, col: str) -> tuple[pd.Series, pd.Series, pd.Series]:
    """``(start, end, precision)`` of a date column, as the loader derived them."""
    return (pd.to_datetime(df[f"{col}_start"]), pd.to_datetime(df[f"{col}_end"]),
            df[f"{col}_precision"].astype("string"))


def date_label(start: object, precision: object, qualifier: object = None) -> str:
    """'2028', 'August 2026' or '15 August 2026', with 'no earlier than'/'by'/'around'."""
    return format_date(None if is_missing(start) else start, as_text(precision) or "day",
                       as_text(qualifier) or None)


def midpoint(start: pd.Timestamp, end: pd.Timestamp) -> pd.Timestamp:
    return start + (end - start) / 2


def hover_text(*lines: str) -> str:
    """Join already-escaped hover lines, each wrapped at whitespace to about 60 characters
    (:func:`~lunarexplainer.text.wrap_lines`), so that a hover box stays on the screen."""
    out = []
    for line in lines:
        for part in line.split("<br>") if line else ():
            if "<" in part:  # a tag (a bold name, a link): kept whole, wrapped as it is
                out.extend(wrap_lines(part) if "<a " not in part else [part])
            else:  # measured as it is read: an escaped "&#x27;" is one character
                out.extend(esc(piece) for piece in wrap_lines(html.unescape(part)))
    return "<br>".join(out)


def finish_figure(
    fig: go.Figure,
    ds: Any,
    *,
    name: str,
    title: str,
    source_ids: Iterable[object],
    dark: bool,
    height: int = 560,
) -> go.Figure:
    """Theme, title, 'Facts up to … (checked …)' + source annotation, and caption metadata."""
    ids = unique_ids(source_ids)
    line = source_line(ds, strongest_first(ds, ids))
    caption = f"{full_stop(ds.dates_text)} {full_stop(line)}"
    theme.apply_theme(fig, dark=dark)
    fig.update_layout(
        title={"text": esc(title), "y": 1, "yref": "container", "yanchor": "top",
               "pad": {"t": 16}},
        height=height,
        meta={"name": name, "caption": caption, "source_ids": ids},
    )
    fig.add_annotation(
        text=footer_text(ds, ids),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-FOOTER_SHIFT,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": theme.FOOTER_FONT_SIZE},
        align="left",
        name="source",
    )
    # Keep room for the source line under the plot.
    fig.update_layout(margin={"b": FOOTER_MARGIN})
    return fig


def footer_text(ds: Any, source_ids: Iterable[object]) -> str:
    """The source footer :func:`finish_figure` puts under a chart (escaped): how current the
    facts are, then the most authoritative source (:func:`strongest_first`) and how many
    more."""
    short = source_line(ds, strongest_first(ds, source_ids), limit=1)
    if len(short) > 95:  # two short lines fit a narrow notebook or a printed page
        short = short[:92].rstrip() + "…"
    return esc(ds.dates_text) + "<br>" + esc(short)


def paper_height(fig: go.Figure, default: int = 560) -> int:
    """Height (px) to draw a figure at on paper or as an image: ``meta.paper_height`` when the
    chart set one (a table that scrolls on screen is drawn with every row), else its own."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    return int(meta.get("paper_height") or fig.layout.height or default)


def paper_width(fig: go.Figure, default: int) -> int:
    """Width (px) to draw a figure at on paper: ``default``, or ``meta.paper_width`` when the
    chart set a wider one (the roles treemap's tiles are laid out for its width)."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    return max(default, int(meta.get("paper_width") or 0))


def span_segments(starts: Iterable[Any], ends: Iterable[Any], at: Iterable[Any],
           *, vertical: bool = False) -> tuple[list[Any], list[Any]]:
    """Line segments from each start to end (error bars do not draw on date axes)."""
    a: list[Any] = []
    b: list[Any] = []
    for s0, e0, pos in zip(starts, ends, at, strict=True):
        if is_missing(s0) or is_missing(e0):
            continue
        a += [s0, e0 + pd.Timedelta(hours=23, minutes=59), None]
        b += [pos, pos, None]
    return (b, a) if vertical else (a, b)


def span_trace(starts: Iterable[Any], ends: Iterable[Any], at: Iterable[Any], color: str,
                *, vertical: bool = False, name: str = "date range", width: int = 4,
                legendgroup: str | None = None) -> go.Scatter:
    x, y = span_segments(starts, ends, at, vertical=vertical)
    return go.Scatter(x=x, y=y, mode="lines", line={"color": color, "width": width},
                      hoverinfo="skip", showlegend=False, name=name, legendgroup=legendgroup,
                      meta={"kind": "span"})


def today_line(fig: go.Figure, ds: Any, *, vertical: bool = True) -> None:
    x = pd.Timestamp(ds.as_of)
    if vertical:
        fig.add_vline(x=x, line={"dash": "dot", "width": 2, "color": "#777777"})
        fig.add_annotation(x=x, y=1, yref="paper", text=esc(t("today")), showarrow=False,
                           yanchor="bottom", font={"size": theme.LABEL_FONT_SIZE})


def program_list(programs: str | Sequence[str] | None, default: Sequence[str]) -> list[str]:
    if programs is None:
        return list(default)
    if isinstance(programs, str):
        return list(ALL_PROGRAMS) if programs == "all" else [programs]
    return list(programs)


def ilrs_phase_rows(ds: Any) -> pd.DataFrame:
    ph = ds.phases
    mask = ph["id"].astype("string").str.startswith("ilrs-").fillna(False)
    if "kind" in ph.columns:
        mask &= ph["kind"].astype("string").fillna("phase").eq("phase")
    out = ph[mask].copy()
    out["c_start"], out["c_end"], out["c_prec"] = date_columns(out, "start_date")
    _, end_end, _ = date_columns(out, "end_date")
    out["c_finish"] = end_end
    out["c_open"] = out["c_finish"].isna()
    return out.sort_values("c_start")



FRAMEWORKS: tuple[str, ...] = ("ILRS", "Artemis Accords")


def dated_partners(ds: Any, until: object = None) -> pd.DataFrame:
    p = ds.partners.copy()
    p["c_start"], p["c_end"], p["c_prec"] = date_columns(p, "joined_on")
    p = p.dropna(subset=["c_start"])
    if until is not None:
        p = p[p["c_start"] <= until_timestamp(until)]
    return p.sort_values("c_start")


def until_timestamp(until: object) -> pd.Timestamp:
    if isinstance(until, int | np.integer):
        return pd.Timestamp(int(until), 12, 31)
    return pd.Timestamp(until)




def mission_names(ds: Any) -> dict[str, str]:
    m = ds.missions
    return {str(i): as_text(n) or str(i) for i, n in zip(m["id"], m["name"], strict=True)}




def mix_colors(color: str, other: str, t: float) -> str:
    """``color`` moved a fraction ``t`` of the way towards ``other`` (both '#RRGGBB')."""
    a = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(a, b, strict=True))


def luminance(color: str) -> float:
    """WCAG relative luminance of a '#RRGGBB' colour."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(int(color[i:i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ink_on(color: str) -> str:
    """Black or white text, whichever contrasts more with the fill ``color``."""
    lum = luminance(color)
    return "#1A1A1A" if (lum + 0.05) / (luminance("#1A1A1A") + 0.05) >= 1.05 / (lum + 0.05) \
        else "#FFFFFF"


def wrap_text(value: object, width: int) -> str:
    """Data text wrapped to ``width`` characters, each line HTML-escaped, joined with <br>."""
    return "<br>".join(esc(line) for line in wrap_lines(as_text(value), width,
                                                         break_on_hyphens=True)) or ""




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



def subject_names(ds: Any) -> dict[str, str]:
    names = mission_names(ds)
    names.update({str(i): as_text(n) or str(i)
                  for i, n in zip(ds.phases["id"], ds.phases["name"], strict=True)})
    return names



def empty_note(text: str, name: str = "nothing-selected", *,
               visible: bool = False) -> dict[str, Any]:
    """A centred paper annotation for the 'nothing selected' state (``text`` is plain)."""
    return {
        "text": esc(text), "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5,
        "showarrow": False, "font": {"size": 20}, "visible": visible, "name": name,
        "bgcolor": "rgba(255,255,255,0.85)",
    }


# ---------------------------------------------------------------------------------------------
# The builder contract: a spec of plain dicts, shared by a figure, its explorer and static form
# ---------------------------------------------------------------------------------------------

#: ``{"data": [trace dict, ...], "layout": {...}}`` (plain Python values, no go objects).
Spec = dict[str, Any]


def figure_from_spec(spec: Spec) -> go.Figure:
    """A ``go.Figure`` from a builder's spec."""
    return go.Figure(data=spec["data"], layout=spec["layout"])


def apply_spec(fig: go.BaseFigure, spec: Spec) -> None:
    """Update ``fig`` (a ``FigureWidget``) in place to show ``spec``; call inside
    ``fig.batch_update()``. Plotly sends only the values that changed."""
    for trace, new in zip(fig.data, spec["data"], strict=True):
        trace.update(new)
    fig.layout.update(spec["layout"])


def flatten(props: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"marker": {"color": c}}`` -> ``{"marker.color": c}`` (lists are values, not paths)."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            out.update(flatten(value, path + "."))
        else:
            out[path] = value
    return out


def menu_args(spec: Spec, layout_keys: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """``[restyle, relayout]`` for a Plotly ``"update"`` button that shows ``spec``.

    Every trace attribute in the spec is sent for every trace (``None`` where a trace does not
    set it, which plotly.js reads as "leave as default"). ``layout_keys`` limits the layout
    part to those flattened keys (e.g. ``["title.text", "height"]``); by default all of it.
    """
    flat = [flatten(trace) for trace in spec["data"]]
    keys = sorted({k for trace in flat for k in trace if k != "type"})
    restyle = {k: [trace.get(k) for trace in flat] for k in keys}
    layout = flatten(spec["layout"])
    if layout_keys is not None:
        wanted = set(layout_keys)
        layout = {k: v for k, v in layout.items() if k in wanted}
    return [restyle, layout]


# ---------------------------------------------------------------------------------------------
# Static forms: menus in their own row, and button args that carry only what a menu changes
# ---------------------------------------------------------------------------------------------

#: Where a static form keeps the caption of what it shows (the chart's ``summary_of`` for the
#: choice): ``layout.meta.summary``. The form opens with it (:func:`opens_saying`) and every
#: button or slider step sets it (:func:`saying`), as it sets the title and the empty-state
#: note from ``build``; the site's page script puts it under the chart (templates/web/site.js).
SUMMARY_PATH = "meta.summary"


def saying(args: list[Any], summary: str) -> list[Any]:
    """Plotly ``update`` args (``[restyle, relayout, ...]``) that also set the caption of the
    choice they show (plain text, from the chart's ``summary_of``)."""
    args[1][SUMMARY_PATH] = summary
    return args


def opens_saying(fig: go.Figure, summary: str) -> go.Figure:
    """A static form's caption as it opens (the explorer's static summary), in ``layout.meta``."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    fig.update_layout(meta={**meta, "summary": summary})
    return fig


def merge_props(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``extra`` merged in, dict by dict (lists are replaced, not merged).

    A builder whose traces change only in a few attributes can return just those (an explorer
    then updates fast); ``figure_from`` merges them into the trace bodies made once in
    ``prepare``, as ``trace.update`` does live.
    """
    out = dict(base)
    for key, value in extra.items():
        out[key] = (merge_props(out[key], value)
                    if isinstance(value, dict) and isinstance(out.get(key), dict) else value)
    return out


def place_menus(fig: go.Figure, menus: list[dict[str, Any]], *, x_step: float = 0.36) -> None:
    """Give Plotly menus their own row under the title: never over the title or the plot.

    Menus can only be placed in plot ("paper") units, so the row is worked out in pixels from
    the figure's height and margins: the top margin grows by one menu row and the menus hang
    from just under the title, ``x_step`` (paper units) apart.
    """
    height = int(fig.layout.height or 560)
    top = int(fig.layout.margin.t if fig.layout.margin.t is not None else 80) + MENU_ROW_PX
    bottom = int(fig.layout.margin.b if fig.layout.margin.b is not None else 80)
    for i, menu in enumerate(menus):
        menu.setdefault("x", i * x_step)
        menu.update(xanchor="left", y=menu_y(height, top, bottom), yanchor="top",
                    pad={"t": 0, "b": 0})
    fig.update_layout(updatemenus=menus, margin={"t": top},
                      title={"y": 1, "yanchor": "top", "yref": "container"})


# ---------------------------------------------------------------------------------------------
# Sources through the text layer (for hovers and notes that are translated)
# ---------------------------------------------------------------------------------------------


def source_titles(ds: Any) -> dict[str, tuple[str, str]]:
    """Source id -> ``(title (publisher), url)``, read once per chart (plain text)."""
    from ..text import t

    return {str(i): (t("{title} ({publisher})", title=as_text(ti), publisher=as_text(pu))
                     if as_text(pu) else as_text(ti), as_text(u))
            for i, ti, pu, u in zip(ds.sources["id"], ds.sources["title"],
                                    ds.sources["publisher"], ds.sources["url"], strict=True)}


def source_names(titles: dict[str, tuple[str, str]], ids: object) -> list[tuple[str, str]]:
    """``(title (publisher), url)`` for each id of a ';'-separated cell (unknown ids as is)."""
    return [titles.get(sid, (sid, "")) for sid in unique_ids([ids])]


def short_source(titles: dict[str, tuple[str, str]], ids: object) -> str:
    """'Source: title (publisher)', or 'Sources: first title and 2 more' (plain text)."""
    from ..text import format_list
    from ..text import nt
    from ..text import t

    names = [n for n, _url in source_names(titles, ids)]
    return (nt("Source: {sources}", "Sources: {sources}", len(names),
               sources=format_list(names, limit=1)) if names else t("Source: not recorded"))


def indexed_paths(args: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """:func:`menu_args` for a spec whose layout updates lists of objects in part.

    A live figure merges ``{"annotations": [{"text": a}, {"visible": v}]}`` into its
    annotations one by one, but a Plotly button's relayout would replace them with those bare
    objects (losing their places and fonts). This writes such lists as one path per value,
    ``{"annotations[0].text": a, "annotations[1].visible": v}``, which plotly.js merges the
    same way. Lists of anything else are left as they are.
    """
    restyle, relayout = args[0], args[1]
    out: dict[str, Any] = {}
    for key, value in relayout.items():
        if isinstance(value, list | tuple) and value and all(isinstance(v, dict) for v in value):
            for i, item in enumerate(value):
                out.update({f"{key}[{i}].{path}": v for path, v in flatten(item).items()})
        else:
            out[key] = value
    return [restyle, out, *args[2:]]


#: Plotly dates as numbers count from here.
EPOCH = pd.Timestamp("1970-01-01")


def iso(ts: Any) -> str | None:
    """Timestamp -> ISO text Plotly reads as a date (None for missing)."""
    return None if pd.isna(ts) else pd.Timestamp(ts).isoformat()
