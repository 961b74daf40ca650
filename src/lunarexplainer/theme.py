"""One Plotly look for every chart: colour-blind-safe colours and projector-sized fonts.

Colours come from the Okabe–Ito palette, which stays distinguishable for the common forms
of colour blindness. Every colour has ONE meaning in every lesson, defined here
(:data:`COLOR_FAMILIES`): outcome colours (green success, orange partial, vermilion failure,
sky blue planned) never stand for a side, and the side colours (reddish purple for the
China–Russia side, blue for the US side) never stand for an outcome. Programs of one side
share its colour and differ by shape, fill pattern or a label on the chart. Mission status is
also shown by marker shape, so it never depends on colour alone. A test checks that every
chart uses only the families :data:`CHART_COLOR_FAMILIES` gives it.

Importing this module registers two templates with Plotly: ``"lunarexplainer"`` (light) and
``"lunarexplainer_dark"``.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from .text import N_

__all__ = [
    "PALETTE",
    "PROGRAM_COLORS",
    "STATUS_COLORS",
    "STATUS_SYMBOLS",
    "FRAMEWORK_COLORS",
    "VERDICTS",
    "VERDICT_LABELS",
    "VERDICT_MARKS",
    "verdict_label",
    "verdict_mark",
    "CREWED_SYMBOLS",
    "FONT_FAMILY",
    "BASE_FONT_SIZE",
    "TITLE_FONT_SIZE",
    "TICK_FONT_SIZE",
    "HOVER_FONT_SIZE",
    "TEMPLATE_NAME",
    "DARK_TEMPLATE_NAME",
    "COLORWAY",
    "SIDE_COLORS",
    "PROGRAM_SIDES",
    "PROGRAM_SYMBOLS",
    "PROGRAM_PATTERNS",
    "ROLE_COLORS",
    "COLOR_FAMILIES",
    "CHART_COLOR_FAMILIES",
    "LABEL_FONT_SIZE",
    "FOOTER_FONT_SIZE",
    "LEGEND_FONT_SIZE",
    "apply_theme",
    "program_color",
    "program_symbol",
    "program_pattern",
    "color_family",
    "rgba",
    "status_color",
    "status_symbol",
    "status_label",
    "STATUS_LABELS",
    "PROGRAM_NAMES",
    "FRAMEWORK_NAMES",
    "ROLE_NAMES",
    "PHASE_NAMES",
    "QUALIFIER_NAMES",
    "KIND_NAMES",
    "program_name",
    "framework_name",
    "role_name",
    "phase_name",
    "qualifier_name",
    "kind_name",
    "yes_no",
]

#: The eight Okabe–Ito colours (Okabe & Ito, "Color Universal Design", 2008).
PALETTE: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}

#: The two sides and the neutral colours. A side colour never means an outcome.
SIDE_COLORS: dict[str, str] = {
    "ilrs": PALETTE["reddish_purple"],   # the China–Russia side (ILRS, Chang'e, Luna)
    "artemis": PALETTE["blue"],          # the US side (Artemis Accords, Artemis, CLPS, Apollo)
    "both": PALETTE["black"],            # in both frameworks
    "neutral": PALETTE["grey"],          # neither side, not decided, nothing yet
}

#: The side of each program ("neutral": neither of the two).
PROGRAM_SIDES: dict[str, str] = {  # in the order charts list programs
    "Chang'e": "ilrs", "Luna": "ilrs", "Artemis": "artemis", "Apollo": "artemis",
    "CLPS": "artemis", "Chandrayaan": "neutral", "other": "neutral", "ILRS": "ilrs",
}

#: A program is drawn in its side's colour; programs of one side differ by marker shape
#: (:data:`PROGRAM_SYMBOLS`), fill pattern (:data:`PROGRAM_PATTERNS`) or a direct label.
PROGRAM_COLORS: dict[str, str] = {p: SIDE_COLORS[s] for p, s in PROGRAM_SIDES.items()}
PROGRAM_SYMBOLS: dict[str, str] = {
    "Chang'e": "circle", "Luna": "square", "ILRS": "circle",
    "Artemis": "circle", "CLPS": "square", "Apollo": "diamond",
    "Chandrayaan": "triangle-up", "other": "cross",
}
PROGRAM_PATTERNS: dict[str, str] = {
    "Chang'e": "", "Luna": "/", "ILRS": "",
    "Artemis": "", "CLPS": "/", "Apollo": "x",
    "Chandrayaan": ".", "other": "-",
}

#: One fixed colour per mission status (outcome). No side, program or role uses these.
STATUS_COLORS: dict[str, str] = {
    "success": PALETTE["bluish_green"],
    "partial": PALETTE["orange"],
    "failure": PALETTE["vermillion"],
    "planned": PALETTE["sky_blue"],
    "in_progress": PALETTE["yellow"],
    "cancelled": PALETTE["grey"],
}

#: One marker shape per mission status, so status never depends on colour alone.
STATUS_SYMBOLS: dict[str, str] = {
    "success": "circle",
    "partial": "diamond",
    "failure": "x",
    "planned": "circle-open",
    "in_progress": "triangle-up",
    "cancelled": "square-open",
}



#: Words used for statuses in legends and summaries (English msgids; see status_label).
STATUS_LABELS: dict[str, str] = {
    "success": N_("success"),
    "partial": N_("partial success"),
    "failure": N_("failure"),
    "planned": N_("planned"),
    "in_progress": N_("in progress"),
    "cancelled": N_("cancelled"),
}

#: The data's codes shown as words (English msgids, the words the data itself uses; see
#: program_name and the functions beside it). A code missing here is shown as it is.
PROGRAM_NAMES: dict[str, str] = {
    "Chang'e": N_("Chang'e"),
    "Luna": N_("Luna"),
    "Artemis": N_("Artemis"),
    "Apollo": N_("Apollo"),
    "CLPS": N_("CLPS"),
    "Chandrayaan": N_("Chandrayaan"),
    "ILRS": N_("ILRS"),
    "other": N_("other"),
}
FRAMEWORK_NAMES: dict[str, str] = {
    "ILRS": N_("ILRS"),
    "Artemis Accords": N_("Artemis Accords"),
}
ROLE_NAMES: dict[str, str] = {
    "lunar exploration and utilization": N_("lunar exploration and utilization"),
    "lunar-based observation": N_("lunar-based observation"),
    "basic scientific experiments": N_("basic scientific experiments"),
    "technical verification": N_("technical verification"),
}
#: The ILRS phases as ``missions.ilrs_phase`` names them.
PHASE_NAMES: dict[str, str] = {
    "reconnaissance": N_("reconnaissance"),
    "construction": N_("construction"),
    "utilization": N_("utilization"),
}
QUALIFIER_NAMES: dict[str, str] = {
    "NET": N_("NET"),
    "by": N_("by"),
    "around": N_("around"),
}
#: Partner kinds (partners.kind) and phase kinds (phases.kind).
KIND_NAMES: dict[str, str] = {
    "country": N_("country"),
    "organization": N_("organization"),
    "phase": N_("phase"),
    "goal": N_("goal"),
}

#: One fixed colour per partnership framework: its side's colour; "both" is for countries in
#: both.
FRAMEWORK_COLORS: dict[str, str] = {
    "ILRS": SIDE_COLORS["ilrs"],
    "Artemis Accords": SIDE_COLORS["artemis"],
    "both": SIDE_COLORS["both"],
}

#: The verdicts on the 2021 report's claims, in the order keys and counts list them (kept in
#: step with ``schemas.VERDICTS``; a test checks it). They judge each claim on the day it was
#: written; what happened later is told beside the verdict, not folded into it.
VERDICTS: tuple[str, ...] = ("true", "true_then_changed", "partly_true", "not_true", "too_soon")

#: Words for the verdicts (English msgids; see verdict_label).
VERDICT_LABELS: dict[str, str] = {
    "true": N_("true"),
    "true_then_changed": N_("true when written; the plan changed since"),
    "partly_true": N_("partly true"),
    "not_true": N_("not true"),
    "too_soon": N_("too soon to tell"),
}

#: Verdicts are shown by a mark and a word, never by colour: every palette colour already
#: means a mission outcome (success, partial, failure, planned …), so a green "true" would
#: read as "success". The marks are in DejaVu Sans, which every machine we target has.
VERDICT_MARKS: dict[str, str] = {
    "true": "✔",
    "true_then_changed": "↻",
    "partly_true": "◐",
    "not_true": "✘",
    "too_soon": "?",
}

#: The four ILRS roles: a neutral set of greys (every role tile is named on the chart, so the
#: colour only separates the columns; it never repeats an outcome or a side colour).
ROLE_COLORS: dict[str, str] = {
    "lunar exploration and utilization": "#5C5C5C",
    "lunar-based observation": "#767676",
    "basic scientific experiments": "#8C8C8C",
    "technical verification": "#6A6A6A",
}

#: Where each colour's one meaning is defined: a chart may use the colours of the families it
#: names in :data:`CHART_COLOR_FAMILIES` (and their tints), and no other.
COLOR_FAMILIES: dict[str, dict[str, str]] = {
    "outcome": {k: v for k, v in STATUS_COLORS.items() if k != "cancelled"},
    "side": {k: v for k, v in SIDE_COLORS.items() if k != "neutral"},
    "role": ROLE_COLORS,
    "neutral": {"neutral": SIDE_COLORS["neutral"], "cancelled": STATUS_COLORS["cancelled"]},
}
CHART_COLOR_FAMILIES: dict[str, set[str]] = {
    "mission_timeline": {"outcome", "neutral"},
    "outcomes": {"outcome", "neutral"},
    "schedule_slip": {"side", "neutral"},
    "partnership_timeline": {"side", "neutral"},
    "partner_growth": {"side", "neutral"},
    "partner_map": {"side", "neutral"},
    "ilrs_phases": {"side", "neutral"},
    "station_roles": {"role", "neutral"},
    "south_pole": {"side", "neutral"},
    "claims": {"neutral"},
    "overview": {"outcome", "neutral"},
    "context_timeline": {"neutral"},
}

#: Crewed missions are drawn with thicker outlines; these symbols are used for point markers.
CREWED_SYMBOLS: dict[bool, str] = {True: "star", False: "circle"}

#: Latin and Cyrillic fonts first, then Chinese fonts found on Windows, macOS and Linux
#: classroom machines (no font is downloaded), so every character has a glyph.
FONT_FAMILY = ("Atkinson Hyperlegible, Verdana, 'DejaVu Sans', Arial, 'PingFang SC', "
               "'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', "
               "'WenQuanYi Micro Hei', sans-serif")
BASE_FONT_SIZE = 16
TITLE_FONT_SIZE = 22
TICK_FONT_SIZE = 16
HOVER_FONT_SIZE = 16
LEGEND_FONT_SIZE = 16
#: Text drawn on a chart (labels, notes, table cells): never under 16 px on a projector.
LABEL_FONT_SIZE = 16
#: The "Facts up to" and source footer under each chart.
FOOTER_FONT_SIZE = 13

TEMPLATE_NAME = "lunarexplainer"
DARK_TEMPLATE_NAME = "lunarexplainer_dark"

#: Only for a trace no chart gave a colour (every chart does): the neutral greys.
COLORWAY = ["#4D4D4D", "#999999"]


def _template(*, dark: bool) -> go.layout.Template:
    """Build the light or dark template (same sizes, different background and ink)."""
    ink = "#F2F2F2" if dark else "#1A1A1A"
    paper = "#1E1E1E" if dark else "#FFFFFF"
    plot = "#262626" if dark else "#FFFFFF"
    grid = "#444444" if dark else "#DDDDDD"
    hover_bg = "#333333" if dark else "#FFFFFF"
    axis = {
        "tickfont": {"size": TICK_FONT_SIZE, "color": ink},
        "title": {"font": {"size": BASE_FONT_SIZE, "color": ink}, "standoff": 12},
        "gridcolor": grid,
        "zerolinecolor": grid,
        "linecolor": ink,
        "showline": True,
        "ticks": "outside",
        "tickcolor": ink,
        "automargin": True,
    }
    layout = go.Layout(
        font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE, "color": ink},
        title={"font": {"size": TITLE_FONT_SIZE, "color": ink}, "x": 0.02, "xanchor": "left"},
        paper_bgcolor=paper,
        plot_bgcolor=plot,
        colorway=COLORWAY,
        xaxis=axis,
        yaxis=axis,
        legend={"font": {"size": LEGEND_FONT_SIZE, "color": ink}, "bgcolor": "rgba(0,0,0,0)"},
        hoverlabel={
            "font": {"size": HOVER_FONT_SIZE, "family": FONT_FAMILY, "color": ink},
            "bgcolor": hover_bg,
            "bordercolor": ink,
            "align": "left",
        },
        margin={"l": 70, "r": 30, "t": 80, "b": 100},
        geo={
            "bgcolor": paper,
            "landcolor": "#3A3A3A" if dark else "#EFEFEF",
            "lakecolor": paper,
            "showframe": False,
            "coastlinecolor": grid,
            "countrycolor": "#777777" if dark else "#BBBBBB",
        },
        polar={"bgcolor": plot},
    )
    template = go.layout.Template(layout=layout)
    template.data.bar = [go.Bar(marker={"line": {"width": 0}})]
    template.data.scatter = [go.Scatter(marker={"size": 11, "line": {"width": 1}})]
    return template


pio.templates[TEMPLATE_NAME] = _template(dark=False)
pio.templates[DARK_TEMPLATE_NAME] = _template(dark=True)


def apply_theme(fig: go.Figure, dark: bool = False) -> go.Figure:
    """Give ``fig`` the light (default) or dark lunarexplainer template and return it."""
    fig.update_layout(template=DARK_TEMPLATE_NAME if dark else TEMPLATE_NAME)
    return fig


def program_color(program: object) -> str:
    """Colour for a program name; unknown or missing programs get the "other" grey."""
    return PROGRAM_COLORS.get(str(program), PROGRAM_COLORS["other"])


def status_color(status: object) -> str:
    """Colour for a mission status; unknown statuses get grey."""
    return STATUS_COLORS.get(str(status), PALETTE["grey"])


def status_label(status: object) -> str:
    """A mission status in words, in the current language."""
    from .text import t

    return t(STATUS_LABELS.get(str(status), str(status)))


def _name(names: dict[str, str], code: object) -> str:
    """``code`` in words from ``names``, in the current language; unknown codes unchanged."""
    from .text import t

    if code is None:
        return ""
    text = str(code)
    return t(names[text]) if text in names else text


def program_name(code: object) -> str:
    """A program code ("Chang'e", "CLPS", "other" …) as its name, in the current language."""
    return _name(PROGRAM_NAMES, code)


def framework_name(code: object) -> str:
    """A framework code ("ILRS", "Artemis Accords") as its name, in the current language."""
    return _name(FRAMEWORK_NAMES, code)


def role_name(code: object) -> str:
    """One of the four ILRS roles in words, in the current language."""
    return _name(ROLE_NAMES, code)


def phase_name(code: object) -> str:
    """An ILRS phase code (``missions.ilrs_phase``) in words, in the current language."""
    return _name(PHASE_NAMES, code)


def qualifier_name(code: object) -> str:
    """A date qualifier code ("NET", "by", "around") as shown, in the current language."""
    return _name(QUALIFIER_NAMES, code)


#: Agencies as the data names them are names or abbreviations (CNSA, NASA, SpaceX / NASA),
#: kept as they are, except the one that is a description in English words.
AGENCY_NAMES = {"Soviet space program": N_("Soviet space program")}


def agency_name(code: object) -> str:
    """An agency as shown: its name or abbreviation, or its description in the current
    language."""
    return _name(AGENCY_NAMES, code)


def kind_name(code: object) -> str:
    """A partner kind ("country", "organization") or phase kind in words."""
    return _name(KIND_NAMES, code)


def yes_no(value: object) -> str:
    """A yes/no value as "yes" or "no", in the current language."""
    from .text import t

    return t("yes") if value else t("no")


def status_symbol(status: object) -> str:
    """Marker symbol for a mission status; unknown statuses get a plain circle."""
    return STATUS_SYMBOLS.get(str(status), "circle")


def verdict_label(verdict: object) -> str:
    """A claim's verdict in words, in the current language."""
    from .text import t

    return t(VERDICT_LABELS.get(str(verdict), str(verdict)))


def verdict_mark(verdict: object) -> str:
    """The mark that shows a verdict beside its words (✔, ↻, ◐, ✘ or ?)."""
    return VERDICT_MARKS.get(str(verdict), "")


def program_symbol(program: object) -> str:
    """Marker shape for a program (programs of one side share a colour)."""
    return PROGRAM_SYMBOLS.get(str(program), PROGRAM_SYMBOLS["other"])


def program_pattern(program: object) -> str:
    """Bar fill pattern for a program ('' for solid)."""
    return PROGRAM_PATTERNS.get(str(program), PROGRAM_PATTERNS["other"])


def color_family(color: str) -> str | None:
    """The family (see :data:`COLOR_FAMILIES`) a '#RRGGBB' colour belongs to, or None."""
    c = color.upper()
    for family, colors in COLOR_FAMILIES.items():
        if c in {v.upper() for v in colors.values()}:
            return family
    return None


def rgba(color: str, alpha: float) -> str:
    """``'#RRGGBB'`` as a CSS ``rgba(...)`` with opacity ``alpha`` (a tint of the same meaning)."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha:g})"
