"""Tests for the shared Plotly theme."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from lunarexplainer import theme
from lunarexplainer import vocab

OKABE_ITO = {c.upper() for c in theme.PALETTE.values()}
PROGRAMS = ["Chang'e", "Luna", "Artemis", "Apollo", "CLPS", "Chandrayaan", "other"]
STATUSES = ["success", "partial", "failure", "planned", "in_progress", "cancelled"]


@pytest.mark.parametrize("name", [theme.TEMPLATE_NAME, theme.DARK_TEMPLATE_NAME])
def test_templates_registered_with_projector_sizes(name: str) -> None:
    assert name in pio.templates
    layout = pio.templates[name].layout
    assert layout.font.size >= 16
    assert layout.title.font.size >= 20
    assert layout.xaxis.tickfont.size >= 16
    assert layout.yaxis.tickfont.size >= 16
    assert layout.hoverlabel.font.size >= 16
    assert layout.legend.font.size >= 16


def test_every_program_status_and_framework_has_a_fixed_palette_colour() -> None:
    for program in PROGRAMS:
        assert theme.PROGRAM_COLORS[program].upper() in OKABE_ITO
    for status in STATUSES:
        assert theme.STATUS_COLORS[status].upper() in OKABE_ITO
    for framework in ["ILRS", "Artemis Accords", "both"]:
        assert theme.FRAMEWORK_COLORS[framework].upper() in OKABE_ITO
    # Within each family, colours are distinct; a program has its side's colour, and the
    # programs of one side differ by marker shape and fill pattern.
    for program in PROGRAMS:
        side = theme.PROGRAM_SIDES[program]
        assert theme.PROGRAM_COLORS[program] == theme.SIDE_COLORS[side]
    for side in set(theme.PROGRAM_SIDES.values()):
        same = [p for p in PROGRAMS if theme.PROGRAM_SIDES[p] == side]
        assert len({theme.PROGRAM_SYMBOLS[p] for p in same}) == len(same)
        assert len({theme.PROGRAM_PATTERNS[p] for p in same}) == len(same)
    assert len(set(theme.STATUS_COLORS.values())) == len(STATUSES)
    assert len(set(theme.FRAMEWORK_COLORS.values())) == 3


def test_each_colour_has_one_meaning() -> None:
    """Outcome, side and role colours never overlap, so vermilion means failure everywhere."""
    families = {name: {c.upper() for c in colors.values()}
                for name, colors in theme.COLOR_FAMILIES.items()}
    names = list(families)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert not families[a] & families[b], (a, b, families[a] & families[b])
    for status in ("success", "partial", "failure", "planned"):
        assert theme.color_family(theme.STATUS_COLORS[status]) == "outcome"
    for program in ("Chang'e", "Luna", "ILRS", "Artemis", "CLPS"):
        assert theme.color_family(theme.program_color(program)) == "side"
    for framework in ("ILRS", "Artemis Accords"):
        assert theme.color_family(theme.FRAMEWORK_COLORS[framework]) == "side"
    for role in theme.ROLE_COLORS:
        assert theme.color_family(theme.ROLE_COLORS[role]) == "role"


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


CODE_WORDS = [
    (theme.program_name, [*vocab.PROGRAMS, *vocab.MILESTONE_PROGRAMS]),
    (theme.framework_name, vocab.FRAMEWORKS),
    (theme.role_name, vocab.ROLES),
    (theme.phase_name, vocab.ILRS_PHASES),
    (theme.qualifier_name, vocab.QUALIFIERS),
    (theme.kind_name, [*vocab.PARTNER_KINDS, *vocab.PHASE_KINDS]),
]


@pytest.mark.parametrize(("name", "codes"), CODE_WORDS)
def test_every_code_has_words_and_english_shows_the_code(name, codes) -> None:
    for code in codes:
        assert name(code) == code
    assert name("not-a-code") == "not-a-code"
    assert name(None) == ""


def test_code_words_come_from_the_catalog(fake_catalog) -> None:
    fake_catalog({"Chang'e": "Чанъэ", "ILRS": "МНЛС", "Artemis Accords": "Соглашения Артемиды",
                  "technical verification": "проверка технологий", "by": "к",
                  "reconnaissance": "разведка", "organization": "организация",
                  "yes": "да", "partial success": "частичный успех"})
    assert theme.program_name("Chang'e") == "Чанъэ"
    assert theme.program_name("ILRS") == "МНЛС"
    assert theme.framework_name("Artemis Accords") == "Соглашения Артемиды"
    assert theme.role_name("technical verification") == "проверка технологий"
    assert theme.qualifier_name("by") == "к"
    assert theme.phase_name("reconnaissance") == "разведка"
    assert theme.kind_name("organization") == "организация"
    assert theme.yes_no(True) == "да"
    assert theme.status_label("partial") == "частичный успех"
    assert theme.program_name("Luna") == "Luna"  # not translated yet: English
    assert theme.program_name("Luna-Glob") == "Luna-Glob"  # not a code: as it is
