"""One Plotly look for every chart: colour-blind-safe colours and projector-sized fonts.

Colours come from the Okabe–Ito palette, which stays distinguishable for the common forms
of colour blindness. Each program, mission status and partnership framework always gets the
same colour, so a student who learns "orange-red is Chang'e" can rely on it in every chart.
Mission status is also shown by marker shape, so it never depends on colour alone.

Importing this module registers two templates with Plotly: ``"lunarexplainer"`` (light) and
``"lunarexplainer_dark"``.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

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
    "apply_theme",
    "program_color",
    "status_color",
    "status_symbol",
    "status_label",
    "STATUS_LABELS",
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

#: One fixed colour per program. The China–Russia side is warm, the US side is cool.
PROGRAM_COLORS: dict[str, str] = {
    "Chang'e": PALETTE["vermillion"],
    "Luna": PALETTE["reddish_purple"],
    "Artemis": PALETTE["blue"],
    "Apollo": PALETTE["sky_blue"],
    "CLPS": PALETTE["bluish_green"],
    "Chandrayaan": PALETTE["orange"],
    "other": PALETTE["grey"],
    # milestones.csv also uses "ILRS" as a program.
    "ILRS": PALETTE["vermillion"],
}

#: One fixed colour per mission status.
STATUS_COLORS: dict[str, str] = {
    "success": PALETTE["bluish_green"],
    "partial": PALETTE["orange"],
    "failure": PALETTE["vermillion"],
    "planned": PALETTE["sky_blue"],
    "in_progress": PALETTE["blue"],
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

def N_(message: str) -> str:  # noqa: N802 - the usual gettext marker name
    """Mark ``message`` for the catalog without translating it yet (see :func:`status_label`)."""
    return message


#: Words used for statuses in legends and summaries (English msgids; see status_label).
STATUS_LABELS: dict[str, str] = {
    "success": N_("success"),
    "partial": N_("partial success"),
    "failure": N_("failure"),
    "planned": N_("planned"),
    "in_progress": N_("in progress"),
    "cancelled": N_("cancelled"),
}

#: One fixed colour per partnership framework; "both" is for countries in both.
FRAMEWORK_COLORS: dict[str, str] = {
    "ILRS": PALETTE["vermillion"],
    "Artemis Accords": PALETTE["blue"],
    "both": PALETTE["reddish_purple"],
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

#: Crewed missions are drawn with thicker outlines; these symbols are used for point markers.
CREWED_SYMBOLS: dict[bool, str] = {True: "star", False: "circle"}

FONT_FAMILY = "Atkinson Hyperlegible, Verdana, 'DejaVu Sans', Arial, sans-serif"
BASE_FONT_SIZE = 16
TITLE_FONT_SIZE = 22
TICK_FONT_SIZE = 14
HOVER_FONT_SIZE = 16
LEGEND_FONT_SIZE = 15

TEMPLATE_NAME = "lunarexplainer"
DARK_TEMPLATE_NAME = "lunarexplainer_dark"

COLORWAY = [
    PALETTE["blue"],
    PALETTE["vermillion"],
    PALETTE["bluish_green"],
    PALETTE["orange"],
    PALETTE["reddish_purple"],
    PALETTE["sky_blue"],
    PALETTE["grey"],
    PALETTE["yellow"],
]


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
