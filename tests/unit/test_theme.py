"""Tests for the shared Plotly theme."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from lunarexplainer import theme

OKABE_ITO = {c.upper() for c in theme.PALETTE.values()}
PROGRAMS = ["Chang'e", "Luna", "Artemis", "Apollo", "CLPS", "Chandrayaan", "other"]
STATUSES = ["success", "partial", "failure", "planned", "in_progress", "cancelled"]


@pytest.mark.parametrize("name", [theme.TEMPLATE_NAME, theme.DARK_TEMPLATE_NAME])
def test_templates_registered_with_projector_sizes(name: str) -> None:
    assert name in pio.templates
    layout = pio.templates[name].layout
    assert layout.font.size >= 16
    assert layout.title.font.size >= 20
    assert layout.xaxis.tickfont.size >= 14
    assert layout.yaxis.tickfont.size >= 14
    assert layout.hoverlabel.font.size >= 14
    assert layout.legend.font.size >= 14


def test_every_program_status_and_framework_has_a_fixed_palette_colour() -> None:
    for program in PROGRAMS:
        assert theme.PROGRAM_COLORS[program].upper() in OKABE_ITO
    for status in STATUSES:
        assert theme.STATUS_COLORS[status].upper() in OKABE_ITO
    for framework in ["ILRS", "Artemis Accords", "both"]:
        assert theme.FRAMEWORK_COLORS[framework].upper() in OKABE_ITO
    # Within each family, colours are distinct.
    assert len({theme.PROGRAM_COLORS[p] for p in PROGRAMS}) == len(PROGRAMS)
    assert len(set(theme.STATUS_COLORS.values())) == len(STATUSES)
    assert len(set(theme.FRAMEWORK_COLORS.values())) == 3


def test_status_is_also_shown_by_marker_symbol() -> None:
    assert set(theme.STATUS_SYMBOLS) == set(STATUSES)
    assert len(set(theme.STATUS_SYMBOLS.values())) == len(STATUSES)
    fig = go.Figure(go.Scatter(x=[0], y=[0], marker_symbol=theme.STATUS_SYMBOLS["failure"]))
    assert fig.data[0].marker.symbol == "x"


def test_colours_are_hex() -> None:
    for colour in theme.PALETTE.values():
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", colour)


@pytest.mark.parametrize("dark", [False, True])
def test_apply_theme(dark: bool) -> None:
    fig = theme.apply_theme(go.Figure(), dark=dark)
    expected = theme.DARK_TEMPLATE_NAME if dark else theme.TEMPLATE_NAME
    assert fig.layout.template.layout.paper_bgcolor == (
        pio.templates[expected].layout.paper_bgcolor
    )
    assert fig.layout.template.layout.title.font.size >= 20


def test_fallback_colours() -> None:
    assert theme.program_color("unknown") == theme.PROGRAM_COLORS["other"]
    assert theme.status_symbol("nonsense") == "circle"


def test_verdicts_have_words_and_marks_and_match_the_schema() -> None:
    from lunarexplainer import schemas

    assert list(theme.VERDICTS) == schemas.VERDICTS
    assert set(theme.VERDICT_LABELS) == set(theme.VERDICT_MARKS) == set(theme.VERDICTS)
    assert len(set(theme.VERDICT_MARKS.values())) == len(theme.VERDICTS)
    assert theme.verdict_label("true_then_changed") == "true when written; the plan changed since"
    assert theme.verdict_mark("partly_true") == "◐"
