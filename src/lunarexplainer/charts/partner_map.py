"""World map of ILRS and Artemis Accords members: who had joined by a chosen year.

One builder for the figure, the live explorer (:class:`~lunarexplainer.explorers.partner_map.
PartnerExplorer`) and its static form (see the builder contract in :mod:`.common`).

Options: ``framework`` (``"both"``, ``"ILRS"`` or ``"Artemis Accords"``) and ``year`` (members
whose joining date falls in or before that year; ``None`` is the newest year, up to the data's
as-of date). The map has six traces in a fixed order, one shape layer (choropleth) and one dot
layer (countries too small for the 1:110m shapes) per colour slot: ILRS, Artemis Accords and
both. With ``framework="both"`` the slots are "ILRS only", "Artemis Accords only" and "both";
with one framework its own slot shows all its member countries and the other two are hidden.

:func:`count_text` is THE count of this chart: member rows with a known joining date, per
framework, with countries and organizations. The title, the explorer's label, the summary and
the static slider's titles all show it. Members without a joining date are not counted; the
summary names them. Organizations are counted but not drawn (they have no territory).

Display with :func:`lunarexplainer.display.figure_config` (``show`` does) so the map shapes come
from the package, never from a CDN.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .. import theme
from ..text import format_date
from ..text import format_list
from ..text import nt
from ..text import t
from ..theme import FRAMEWORK_COLORS
from .common import FRAMEWORKS
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
from .sizes import MENU_ROW_PX
from .sizes import Rows

NAME = "partner_map"
#: The ``framework`` option's values, in menu order.
FRAMEWORK_CHOICES: tuple[str, ...] = ("both", *FRAMEWORKS)
#: Colour slots, in trace order: each has a shape trace and a dot trace.
SLOTS: tuple[str, ...] = (*FRAMEWORKS, "both")
PARTS: tuple[str, ...] = ("shapes", "dots")
HEIGHT = 580
#: From the top: the title (two lines), then (static form) the menu row and the colour key's
#: row above the map; under it the footer and (static form) the year slider's row.
ROWS = Rows(title=84, key=34, bottom=64, slider=92)
#: Space (px) above the title's first line.
TITLE_PAD_PX = 40


def framework_label(choice: str) -> str:
    """What the framework menu calls a choice."""
    if choice == "both":
        return t("ILRS and Artemis Accords")
    return theme.framework_name(choice)


def framework_choices() -> list[tuple[str, str]]:
    """``(label, value)`` pairs of the framework menu (explorer and static form alike)."""
    return [(framework_label(c), c) for c in FRAMEWORK_CHOICES]


def _slot_label(slot: str, framework: str) -> str:
    if framework != "both":
        return theme.framework_name(slot)
    if slot == "both":
        return t("both")
    if slot == "ILRS":
        return t("ILRS only")
    return t("Artemis Accords only")


def _slot_members(slot: str, framework: str, joined: frozenset[str]) -> bool:
    """Whether a country that has joined ``joined`` is drawn in ``slot`` for ``framework``."""
    if framework == "both":
        return joined == {slot} if slot != "both" else len(joined) > 1
    return slot == framework and framework in joined


@dataclass
class Frame:
    """What the map shows by the end of one year, for every framework choice."""

    #: framework -> {"country": n, "organization": n} (member rows with a known date).
    counts: dict[str, dict[str, int]]
    #: framework choice -> slot -> {"locations", "hovertext"} and {"lon", "lat", "hovertext"}.
    traces: dict[str, dict[str, dict[str, dict[str, list[Any]]]]]
    #: Names (plain) of countries in both frameworks.
    both: list[str]


@dataclass
class Prepared:
    """Everything the builder needs, computed once from a Dataset."""

    ds: Any
    years: tuple[int, int]
    #: Year -> Frame, for every year from ``years[0] - 1`` (nobody yet) to ``years[1]``.
    frames: dict[int, Frame]
    source_ids: list[str]
    #: Plain names of members with no joining date, per framework.
    undated: dict[str, list[str]]
    as_of: pd.Timestamp | None
    source_note: dict[str, Any] = field(default_factory=dict)


def prepare(ds: Any) -> Prepared:
    """Per year, the map's countries, hovers and counts (all precomputed)."""
    from ..assets import country_centroids
    from ..assets import topojson_country_ids

    shapes, centroids = topojson_country_ids(), country_centroids()
    p = ds.partners
    dated = p[p["joined_on_start"].notna()]
    kinds = dated["kind"].fillna("country").astype(str).to_numpy()
    fws = dated["framework"].astype(str).to_numpy()
    years = dated["joined_on_start"].dt.year.to_numpy()
    iso3s = dated["iso3"].fillna("").astype(str).to_numpy()
    as_of = None if pd.isna(ds.as_of) else pd.Timestamp(ds.as_of)
    known = [y for y in (as_of.year if as_of is not None else None,
                         int(years.max()) if len(years) else None) if y is not None]
    hi = max(known) if known else pd.Timestamp.now().year
    lo = int(years.min()) if len(years) else hi
    # One entry per mapped country: name, (framework -> (year, date words)), sources.
    countries: dict[str, dict[str, Any]] = {}
    for row, kind, fw, year, iso3 in zip(dated.itertuples(), kinds, fws, years, iso3s,
                                         strict=True):
        if kind != "country" or not iso3:
            continue
        c = countries.setdefault(iso3, {"entity": as_text(row.entity), "joined": {},
                                        "sources": []})
        c["joined"][fw] = (int(year), format_date(row.joined_on_start, row.joined_on_precision))
        c["sources"].append(as_text(row.source_ids))
    hovers: dict[tuple[str, frozenset[str]], str] = {}

    def hover(iso3: str, joined: frozenset[str]) -> str:
        key = (iso3, joined)
        if key not in hovers:
            c = countries[iso3]
            lines = [esc(t("{framework}: joined {date}", framework=theme.framework_name(fw),
                           date=c["joined"][fw][1]))
                     for fw in FRAMEWORKS if fw in joined]
            hovers[key] = hover_text(f"<b>{esc(c['entity'])}</b>", *lines,
                                     hover_source(ds, list(c["sources"])))
        return hovers[key]

    frames = {}
    for year in range(lo - 1, hi + 1):
        upto = years <= year
        counts = {fw: {kind: int(((fws == fw) & (kinds == kind) & upto).sum())
                       for kind in ("country", "organization")} for fw in FRAMEWORKS}
        traces: dict[str, dict[str, dict[str, dict[str, list[Any]]]]] = {}
        both: list[str] = []
        for framework in FRAMEWORK_CHOICES:
            slots = {s: {"shapes": {"locations": [], "hovertext": []},
                         "dots": {"lon": [], "lat": [], "hovertext": []}} for s in SLOTS}
            for iso3 in sorted(countries):
                joined = frozenset(fw for fw, (y, _) in countries[iso3]["joined"].items()
                                   if y <= year)
                if not joined:
                    continue
                if framework == "both" and len(joined) > 1:
                    both.append(plain(countries[iso3]["entity"]))
                for slot in SLOTS:
                    if not _slot_members(slot, framework, joined):
                        continue
                    if iso3 in shapes:
                        slots[slot]["shapes"]["locations"].append(iso3)
                        slots[slot]["shapes"]["hovertext"].append(hover(iso3, joined))
                    elif iso3 in centroids:
                        lon, lat = centroids[iso3]
                        slots[slot]["dots"]["lon"].append(lon)
                        slots[slot]["dots"]["lat"].append(lat)
                        slots[slot]["dots"]["hovertext"].append(hover(iso3, joined))
            traces[framework] = slots
        frames[year] = Frame(counts=counts, traces=traces, both=sorted(both))
    undated_rows = p[p["joined_on_start"].isna()]
    undated = {fw: [plain(e) for e in undated_rows.loc[undated_rows["framework"] == fw,
                                                        "entity"]] for fw in FRAMEWORKS}
    prepared = Prepared(ds=ds, years=(lo, hi), frames=frames,
                        source_ids=unique_ids(p["source_ids"]), undated=undated, as_of=as_of)
    blank = finish_figure(go.Figure(), ds, name=NAME, title="", source_ids=prepared.source_ids,
                          dark=False)
    prepared.source_note = _footer(blank.layout.annotations[-1].to_plotly_json())
    return prepared


def _footer(note: dict[str, Any]) -> dict[str, Any]:
    """The source footer, moved up: a map has no axis labels under it."""
    return {**note, "yshift": -8}


# -- the words: one count, one "when", one empty message -------------------------------------

def _year(prepared: Prepared, year: int | None) -> int:
    """The year an option means: ``None`` or a year past the data's end is the newest year."""
    hi = prepared.years[1]
    return hi if year is None else min(int(year), hi)


def when_text(prepared: Prepared, year: int | None) -> str:
    """"by the end of 2024", or "by 24 November 2026" for the newest year (facts end there)."""
    year = _year(prepared, year)
    if year == prepared.years[1] and prepared.as_of is not None:
        return t("by {date}", date=format_date(prepared.as_of))
    return t("by the end of {year}", year=year)


def _framework_count(framework: str, counts: dict[str, int]) -> str:
    members = nt("{n} member", "{n} members", counts["country"] + counts["organization"])
    if not counts["organization"]:
        return t("{framework}: {members}", framework=theme.framework_name(framework),
                 members=members)
    return t("{framework}: {members} ({countries}, {organizations})",
             framework=theme.framework_name(framework),
             members=members,
             countries=nt("{n} country", "{n} countries", counts["country"]),
             organizations=nt("{n} organization", "{n} organizations",
                              counts["organization"]))


def _check(framework: str | None) -> str:
    framework = "both" if framework is None else framework
    if framework not in FRAMEWORK_CHOICES:
        raise ValueError(f"unknown framework {framework!r}; choose one of: "
                         + ", ".join(FRAMEWORK_CHOICES))
    return framework


def count_parts(prepared: Prepared, framework: str | None = "both",
                year: int | None = None) -> tuple[str, list[str]]:
    """(headline, counts): what is counted and when, then one count per framework shown."""
    framework = _check(framework)
    frame = _frame(prepared, year)
    headline = t("Members with a known joining date {when}", when=when_text(prepared, year))
    chosen = FRAMEWORKS if framework == "both" else (framework,)
    return headline, [_framework_count(fw, frame.counts[fw]) for fw in chosen]


def count_text(prepared: Prepared, framework: str | None = "both",
               year: int | None = None) -> str:
    """THE count of this chart in one line: title, label, summary and slider titles use it."""
    headline, counts = count_parts(prepared, framework, year)
    if len(counts) == 2:
        return t("{headline}: {ilrs}; {accords}", headline=headline, ilrs=counts[0],
                 accords=counts[1])
    return t("{headline}: {counts}", headline=headline, counts=counts[0])


def title_html(prepared: Prepared, framework: str | None = "both",
               year: int | None = None) -> str:
    """The count as a title of two lines: the headline, then the count of each framework."""
    headline, counts = count_parts(prepared, framework, year)
    line = (t("{ilrs}; {accords}", ilrs=counts[0], accords=counts[1]) if len(counts) == 2
            else counts[0])
    return "<br>".join(esc(text) for text in (t("{headline}:", headline=headline), line))


def empty_text(prepared: Prepared, year: int | None) -> str:
    return t("No member countries yet {when}.", when=when_text(prepared, year))


# -- the builder ------------------------------------------------------------------------------

def _frame(prepared: Prepared, year: int | None) -> Frame:
    return prepared.frames[max(_year(prepared, year), prepared.years[0] - 1)]


def _trace_dicts(slot: str, framework: str, data: dict[str, dict[str, list[Any]]]
                 ) -> list[dict[str, Any]]:
    color = FRAMEWORK_COLORS[slot]
    label = esc(_slot_label(slot, framework))
    visible = framework == "both" or slot == framework
    shapes, dots = data["shapes"], data["dots"]
    return [
        {"type": "choropleth", "locations": list(shapes["locations"]),
         "z": [1] * len(shapes["locations"]), "locationmode": "ISO-3",
         "colorscale": [[0, color], [1, color]], "zmin": 0, "zmax": 1, "showscale": False,
         "marker": {"line": {"color": "white", "width": 0.5}}, "name": label,
         "legendgroup": slot, "showlegend": True, "visible": visible,
         "hovertext": list(shapes["hovertext"]), "hovertemplate": "%{hovertext}<extra></extra>",
         "meta": {"slot": slot, "part": "shapes"}},
        {"type": "scattergeo", "lon": list(dots["lon"]), "lat": list(dots["lat"]),
         "mode": "markers", "marker": {"size": 12, "color": color,
                                       "line": {"color": "black", "width": 1}},
         "name": esc(t("{name} (small country)", name=_slot_label(slot, framework))),
         "legendgroup": slot, "showlegend": visible and not shapes["locations"]
         and bool(dots["lon"]), "visible": visible, "hovertext": list(dots["hovertext"]),
         "hovertemplate": "%{hovertext}<extra></extra>", "meta": {"slot": slot, "part": "dots"}},
    ]


def build(prepared: Prepared, *, framework: str | None = "both", year: int | None = None,
          dark: bool = False) -> Spec:
    """Six traces (shapes and dots per colour slot) and the title and message for a choice."""
    framework = _check(framework)
    slots = _frame(prepared, year).traces[framework]
    data = [d for slot in SLOTS for d in _trace_dicts(slot, framework, slots[slot])]
    empty = not any(d.get("locations") or d.get("lon") for d in data if d["visible"])
    note = empty_note(empty_text(prepared, year), visible=empty)
    return {"data": data, "layout": {"title": {"text": title_html(prepared, framework, year)},
                                     "annotations": [note, prepared.source_note]}}


def _base_layout() -> dict[str, Any]:
    return {
        "geo": {"projection": {"type": "natural earth"}, "showcountries": True,
                "showland": True, "showocean": False, "showframe": False, "resolution": 110,
                "scope": "world", "lataxis": {"range": [-58, 85]}},
        # The colour key: choropleths stay out of the legend unless asked (showlegend).
        "legend": {"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0,
                   "title": {"text": "<b>" + esc(t("Colour key:")) + "</b> "},
                   "font": {"size": 16}, "itemclick": False, "itemdoubleclick": False},
        "margin": {"l": 10, "r": 10, "t": ROWS.top(False), "b": ROWS.under(False)},
    }


def figure_from(prepared: Prepared, *, framework: str | None = "both", year: int | None = None,
                dark: bool = False) -> go.Figure:
    """The finished map for one choice: theme, colour key, footer and ``layout.meta``."""
    spec = build(prepared, framework=framework, year=year)
    note, _source = spec["layout"]["annotations"]
    fig = figure_from_spec({"data": spec["data"], "layout": {}})
    finish_figure(fig, prepared.ds, name=NAME, title="", source_ids=prepared.source_ids,
                  dark=dark, height=HEIGHT)
    fig.update_layout(_base_layout())
    fig.layout.title.text = spec["layout"]["title"]["text"]
    # Plotly hangs a title of two lines from its first line: pad it so the top line stays in
    fig.layout.title.pad.t = TITLE_PAD_PX
    fig.layout.annotations = [note, prepared.source_note]
    return fig


def figure(ds: Any, *, framework: str | None = "both", year: int | None = None,
           dark: bool = False) -> go.Figure:
    """World map of who had joined the ILRS and the Artemis Accords by ``year``."""
    return figure_from(prepare(ds), framework=framework, year=year, dark=dark)


def summary_of(prepared: Prepared, *, framework: str | None = "both", year: int | None = None,
               dark: bool = False) -> str:
    """The count, the countries in both, the organizations off the map, the undated members."""
    framework = _check(framework)
    frame = _frame(prepared, year)
    text = [t("{count}.", count=count_text(prepared, framework, year))]
    chosen = FRAMEWORKS if framework == "both" else (framework,)
    if framework == "both":
        slots = frame.traces["both"]

        def n(slot: str) -> int:
            return len(slots[slot]["shapes"]["locations"]) + len(slots[slot]["dots"]["lon"])

        if frame.both:
            text.append(t("On the map: {ilrs} only in the ILRS, {accords} only in the Artemis "
                          "Accords and {both} in both ({names}).",
                          ilrs=nt("{n} country", "{n} countries", n("ILRS")),
                          accords=nt("{n} country", "{n} countries", n("Artemis Accords")),
                          both=nt("{n} country", "{n} countries", n("both")),
                          names=format_list(frame.both, limit=5)))
        else:
            text.append(t("On the map: {ilrs} only in the ILRS, {accords} only in the Artemis "
                          "Accords and none in both.",
                          ilrs=nt("{n} country", "{n} countries", n("ILRS")),
                          accords=nt("{n} country", "{n} countries", n("Artemis Accords"))))
    orgs = sum(frame.counts[fw]["organization"] for fw in chosen)
    if orgs:
        text.append(nt("The {n} organization is counted but not drawn on the map.",
                       "The {n} organizations are counted but not drawn on the map.", orgs))
    undated = [name for fw in chosen for name in prepared.undated[fw]]
    if undated:
        text.append(nt("{n} more member has no known joining date, so it is not counted: "
                       "{names}.",
                       "{n} more members have no known joining date, so they are not counted: "
                       "{names}.", len(undated), names=format_list(undated, limit=8)))
    return " ".join(text)


def summary(ds: Any, *, framework: str | None = "both", year: int | None = None,
            dark: bool = False) -> str:
    return summary_of(prepare(ds), framework=framework, year=year)


# -- the static form --------------------------------------------------------------------------

def _args(prepared: Prepared, framework: str, year: int) -> list[dict[str, Any]]:
    """Plotly ``update`` args that show ``build(framework, year)``: traces, title, message,
    and the caption (:func:`summary_of`)."""
    spec = build(prepared, framework=framework, year=year)
    restyle, relayout = menu_args(spec, layout_keys=["title.text"])
    note = spec["layout"]["annotations"][0]
    relayout.update({"annotations[0].text": note["text"], "annotations[0].visible":
                     note["visible"]})
    return saying([restyle, relayout], summary_of(prepared, framework=framework, year=year))


def static_form(prepared: Prepared, *, framework: str | None = "both", year: int | None = None,
                dark: bool = False) -> go.Figure:
    """The map with framework buttons and a year slider, every state made by :func:`build`.

    Plotly's controls cannot combine two choices, so there is one year slider per framework
    and a framework button shows its own slider (set to the opening year) and hides the others.
    Every slider step and button carries the traces, title and message of that choice.
    """
    framework = _check(framework)
    opening = _year(prepared, year)
    fig = figure_from(prepared, framework=framework, year=opening, dark=dark)
    lo, hi = prepared.years
    years = list(range(lo, hi + 1))
    active = years.index(opening) if opening in years else 0
    sliders = []
    for choice in FRAMEWORK_CHOICES:
        steps = [{"label": str(y), "method": "update", "args": _args(prepared, choice, y)}
                 for y in years]
        sliders.append({"name": choice, "visible": choice == framework, "active": active,
                        "steps": steps, "currentvalue": {"prefix": t("Year: "),
                                                         "font": {"size": 16}},
                        "font": {"size": 16}, "pad": {"t": 8, "b": 0}, "x": 0, "len": 1.0,
                        "y": 0, "yanchor": "top"})
    buttons = []
    for label, choice in framework_choices():
        restyle, relayout = _args(prepared, choice, opening)
        for k, other in enumerate(FRAMEWORK_CHOICES):
            relayout[f"sliders[{k}].visible"] = other == choice
            relayout[f"sliders[{k}].active"] = active
        buttons.append({"label": esc(label), "method": "update", "args": [restyle, relayout]})
    height = HEIGHT + MENU_ROW_PX + ROWS.slider
    menu = {"type": "buttons", "direction": "right", "buttons": buttons, "name": "framework",
            "active": FRAMEWORK_CHOICES.index(framework), "x": 0, "xanchor": "left",
            "y": ROWS.menu_y(height), "yanchor": "top", "pad": {"t": 0, "b": 0},
            "font": {"size": 16}, "showactive": True}
    fig.update_layout(sliders=sliders, updatemenus=[menu], height=height,
                      margin={"t": ROWS.top(True), "b": ROWS.under(True)})
    fig.layout.annotations[1].yshift = -ROWS.slider - 8  # the source line goes under the slider
    return opens_saying(fig, summary_of(prepared, framework=framework, year=opening))
