"""Every checkable sentence a lesson says about a chart is true of the chart as built.

The text around each chart (the markdown cells just before and just after the cell that draws
it) is read from the notebook and resolved against the figure that cell draws, with the
shipped data:

* **Colour words** ("blue", "pink", "orange-red", "grey", "yellow", ...) must be colours the
  figure really uses; "<colour> <program>" or "<program> <colour>" must be that program's
  colour (so "pink Luna" fails if Luna is drawn in another colour).
* **Mark words** ("hollow circle", "cross", "thick outline", "dashed", "dotted line", "star",
  "diamond") must be marks in the figure.
* **Controls** named for the website ("two menus", "slider") must be in the static form.
* **Claims with a number or a list** are checked one by one in :data:`CLAIMS`: each sentence
  must still be in the lesson (so changing it means changing its check) and must hold.

A sentence that names a colour, mark or control the chart does not have fails this test.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import nbformat
import pytest

from lunarexplainer import charts
from lunarexplainer import facts
from lunarexplainer import load_dataset
from lunarexplainer.charts import schedule_slip
from lunarexplainer.explorers import EXPLORERS
from lunarexplainer.theme import PALETTE
from lunarexplainer.theme import PROGRAM_COLORS

from harness import NOTEBOOKS

LESSONS = ["00_start_here", "01_partnership", "02_station_roles", "03_artemis_comparison",
           "04_south_pole"]

#: Colour words a lesson may use, and the hex colours each may stand for.
COLOUR_WORDS: dict[str, set[str]] = {
    "orange-red": {PALETTE["vermillion"]},
    "pink": {PALETTE["reddish_purple"]},
    "blue": {PALETTE["blue"], PALETTE["sky_blue"]},
    "green": {PALETTE["bluish_green"]},
    "yellow": {PALETTE["yellow"], "#FFD700", "GOLD", "YELLOW"},
}
#: Mark words and a test on the figure's flattened values.
MARK_WORDS: dict[str, Callable[[dict[str, list[Any]]], bool]] = {
    "hollow circle": lambda v: any("circle-open" in str(s) for s in v["symbol"]),
    "cross": lambda v: any(str(s).startswith("x") for s in v["symbol"]),
    "diamond": lambda v: any("diamond" in str(s) for s in v["symbol"]),
    "star": lambda v: any("star" in str(s) for s in v["symbol"]),
    "thick outline": lambda v: any(isinstance(w, int | float) and w >= 3 for w in v["width"]),
    "dashed": lambda v: any(d in ("dash", "longdash", "dashdot") for d in v["dash"]),
    "dotted line": lambda v: "dot" in v["dash"],
}
PROGRAMS = [p for p in PROGRAM_COLORS if p not in ("other",)]


def _walk(node: Any, out: dict[str, list[Any]], key: str = "") -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            _walk(v, out, k)
    elif isinstance(node, list | tuple):
        for v in node:
            _walk(v, out, key)
    else:
        out.setdefault(key, []).append(node)


def values(fig: Any) -> dict[str, list[Any]]:
    """Every value in the figure's JSON by its last key (colours, symbols, widths, ...)."""
    out: dict[str, list[Any]] = {"symbol": [], "width": [], "dash": [], "color": [],
                                 "fillcolor": [], "bgcolor": [], "text": [], "name": []}
    _walk(fig.to_plotly_json(), out)
    return out


def colours(v: dict[str, list[Any]]) -> set[str]:
    found = set()
    for key in ("color", "fillcolor", "bgcolor", "fgcolor"):
        found |= {str(c).upper() for c in v.get(key, []) if isinstance(c, str)}
    return found


def is_grey(c: str) -> bool:
    m = re.fullmatch(r"#([0-9A-F]{2})([0-9A-F]{2})([0-9A-F]{2})", c)
    if m:
        r, g, b = (int(x, 16) for x in m.groups())
        return r == g == b and 0x60 <= r <= 0xDD
    m = re.fullmatch(r"RGBA?\((\d+),\s*(\d+),\s*(\d+).*\)", c.replace(" ", ""))
    return bool(m) and len(set(m.groups())) == 1


# --------------------------------------------------------------------------- the notebooks


def chart_cells(stem: str) -> list[tuple[str, str, str]]:
    """``(chart name, 'figure' or 'explorer', the text around it)`` for each chart cell."""
    nb = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    cells = nb.cells
    out = []
    for i, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        shown = re.search(r'show\(ds, "(\w+)"', cell.source)
        explored = next((name for name, cls in EXPLORERS.items()
                         if re.search(rf"\b{cls.__name__}\(ds", cell.source)), None)
        if not (shown or explored):
            continue
        before = cells[i - 1].source if i and cells[i - 1].cell_type == "markdown" else ""
        after = (cells[i + 1].source if i + 1 < len(cells)
                 and cells[i + 1].cell_type == "markdown" else "")
        kind = "figure" if shown else "explorer"
        out.append((shown.group(1) if shown else explored, kind, before + "\n" + after))
    return out


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def built(ds: Any, name: str, kind: str) -> tuple[Any, Any | None]:
    """The figure a cell draws, and for an explorer its static (website) form."""
    if kind == "figure":
        return charts.figure(ds, name), None
    explorer = EXPLORERS[name](ds)
    return explorer.figure, explorer.to_figure()


def _pairs(stem: str) -> list[tuple[str, str, str]]:
    return chart_cells(stem)


@pytest.mark.parametrize("stem", LESSONS)
def test_every_lesson_has_its_charts_described(stem) -> None:
    assert chart_cells(stem), f"{stem}: no chart cell found"


@pytest.mark.parametrize("stem", LESSONS)
def test_colours_marks_and_controls_named_are_in_the_chart(stem, ds) -> None:
    problems = []
    for name, kind, text in chart_cells(stem):
        fig, static = built(ds, name, kind)
        v = values(fig)
        used = colours(v)
        words = text.lower()
        for word, hexes in COLOUR_WORDS.items():
            pattern = rf"(?<![\w-]){re.escape(word)}(?![\w-])"
            if re.search(pattern, words) and not ({h.upper() for h in hexes} & used):
                problems.append(f"{name}: the text says {word!r}, the chart has no such colour")
        if re.search(r"\bgr[ae]y\b", words) and not any(is_grey(c) for c in used):
            problems.append(f"{name}: the text says 'grey', the chart has no grey")
        for program in PROGRAMS:
            for word, hexes in COLOUR_WORDS.items():
                p, w = re.escape(program.lower()), re.escape(word)
                if re.search(rf"(?<![\w-]){w} {p}\b|\b{p} {w}(?![\w-])", words):
                    if PROGRAM_COLORS[program].upper() not in {h.upper() for h in hexes}:
                        problems.append(f"{name}: '{word} {program}' but {program} is "
                                        f"{PROGRAM_COLORS[program]}")
                    if PROGRAM_COLORS[program].upper() not in used:
                        problems.append(f"{name}: {program}'s colour is not in the chart")
        for word, test in MARK_WORDS.items():
            if re.search(rf"\b{re.escape(word)}s?\b", words) and not test(v):
                problems.append(f"{name}: the text says {word!r}, the chart has none")
        if static is not None and "website" in words:
            menus = len(static.layout.updatemenus or ())
            if "two menus" in words:
                assert menus == 2, f"{name}: the text says two menus, the website has {menus}"
            if "menu" in words and not menus and not static.layout.sliders:
                problems.append(f"{name}: the text names a menu, the website has none")
            if "slider" in words and not static.layout.sliders:
                problems.append(f"{name}: the text names a slider, the website has none")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- single claims


def _legend(fig: Any) -> list[str]:
    return [html.unescape(t.name) for t in fig.data if t.showlegend is not False and t.name]


def _labels(fig: Any) -> str:
    v = values(fig)
    return html.unescape(" ".join(str(x) for x in v["text"] + v.get("label", []) if x))


def _explorer(ds: Any, name: str) -> Any:
    return EXPLORERS[name](ds)


#: (lesson, the sentence as it stands in the lesson, its check on the shipped data).
CLAIMS: list[tuple[str, str, Callable[[Any], bool]]] = [
    ("00_start_here", "the key above the chart shows success, partial success, failure and in\n"
     "  progress",
     lambda ds: [n.removeprefix("flown: ") for n in _legend(charts.figure(ds, "overview"))
                 ][:4] == ["success", "partial success", "failure", "in progress"]),
    ("00_start_here", "with the Soviet Union's Luna 24 of 1976",
     lambda ds: "Luna 24" in html.unescape(str(charts.figure(ds, "overview").to_plotly_json()))
     and "Luna 24" in facts.mission_rows(ds)["name"].tolist()),
    ("00_start_here", "the bottom\ntwo are the US-led side (Apollo, Artemis",
     lambda ds: "Apollo 11" in html.unescape(str(charts.figure(ds, "overview").to_plotly_json()))),
    ("00_start_here", "names the missions it leaves out",
     lambda ds: "Left out" in charts.summary(ds, "overview")),
    ("00_start_here", "the US Apollo missions of the 1960s and 1970s",
     lambda ds: {"Apollo, 1960s", "Apollo, 1970s"} <= set(charts.figure(ds, "outcomes").data[0].y)),
    ("00_start_here", "Colour and pattern show the outcome",
     lambda ds: all(t.marker.pattern.shape is not None for t in charts.figure(ds, "outcomes").data)
     and len({t.marker.color for t in charts.figure(ds, "outcomes").data})
     == len(charts.figure(ds, "outcomes").data)),
    ("02_station_roles", "each with how it went in brackets: succeeded,\nfailed or planned",
     lambda ds: all(f"({w})" in _labels(charts.figure(ds, "station_roles"))
                    for w in ("succeeded", "failed", "planned"))),
    ("03_artemis_comparison", "three from each",
     lambda ds: [s.side for s in map(schedule_slip.prepare(ds).subjects.get,
                                     schedule_slip.default_subjects(ds))].count("us") == 3
     and len(schedule_slip.default_subjects(ds)) == 6),
    ("03_artemis_comparison", "one for the programs and one for the launch years",
     lambda ds: len(_explorer(ds, "mission_timeline").to_figure().layout.updatemenus) == 2),
    ("03_artemis_comparison", "The China–Russia side has no\ncrewed mission in the chart",
     lambda ds: not any(w >= 3 for t in _explorer(ds, "mission_timeline").figure.data[:2]
                        for w, p in zip(t.marker.line.width or (), t.hovertext or (),
                                        strict=False)
                        if "Chang" in p or "Luna" in p)),
    ("03_artemis_comparison", "Artemis III was turned from a landing into a test\nin Earth orbit",
     lambda ds: ds.missions.set_index("id").loc["artemis-3", "mission_type"]
     == "crewed_earth_orbit"),
    ("03_artemis_comparison", "Russia's Luna 26 and Luna 27 by\nseveral years",
     lambda ds: facts.plan_target_shift(ds, "luna-26").years >= 2
     and facts.plan_target_shift(ds, "luna-27").years >= 2),
    ("04_south_pole", "the bar at the bottom left shows 100 km",
     lambda ds: "100 km" in _labels(charts.figure(ds, "south_pole"))),
    ("04_south_pole", "mark it with an outlined star",
     lambda ds: any("star-open" in str(s)
                    for s in values(charts.figure(ds, "south_pole"))["symbol"])),
]


def _lesson_text(stem: str) -> str:
    nb = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


@pytest.mark.parametrize("stem,sentence,check", CLAIMS,
                         ids=[f"{s}:{t[:30]}" for s, t, _ in CLAIMS])
def test_claim(stem, sentence, check, ds) -> None:
    assert sentence in _lesson_text(stem), f"{stem} no longer says: {sentence!r}"
    assert check(ds), f"{stem}: not true of the chart: {sentence!r}"


def test_a_wrong_colour_sentence_fails(ds) -> None:
    """The colour check itself: 'pink Artemis' would be caught."""
    fig = charts.figure(ds, "overview")
    text = "pink artemis"
    wrong = [p for p in PROGRAMS if re.search(rf"pink {re.escape(p.lower())}\b", text)
             and PROGRAM_COLORS[p].upper() not in {PALETTE["reddish_purple"].upper()}]
    assert wrong == ["Artemis"] and colours(values(fig))


#: Sentences once found to describe a different chart (lesson, words); they must not return.
WRONG_BEFORE = [
    ("00_start_here", "drawn in different colours"),
    ("00_start_here", "gap in the middle"),
    ("03_artemis_comparison", "drawn as bars"),
    ("03_artemis_comparison", "first crewed mission on each side"),
]


@pytest.mark.parametrize("stem,words", WRONG_BEFORE)
def test_sentences_that_were_wrong_are_gone(stem, words) -> None:
    assert words not in _lesson_text(stem).replace("\n", " ")
