"""Table of the 2021 report's claims in our words: the verdict, why, and how we checked.

Verdicts are shown by a mark and a word (``theme.VERDICT_MARKS``), never by a fill colour:
every palette colour already means a mission outcome. The rows come from
:func:`lunarexplainer.facts.claim_checks`, the same list the lesson and the teacher guide read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from .. import facts
from .. import theme
from ..text import format_date
from ..text import format_list
from ..text import format_number
from ..text import full_stop
from ..text import nt
from ..text import t
from ..text import wrap_lines
from ..theme import VERDICTS
from ..theme import verdict_label
from ..theme import verdict_mark
from .common import date_label
from .common import esc
from .common import finish_figure
from .common import wrap_text

#: Narrowest width (px) the claims table is sized for (a notebook cell); wider is shorter.
CLAIMS_LAYOUT_PX = 1000
#: Height (px) of the table on screen: it fits a 1280×720 projector and scrolls inside
#: itself (wheel, scroll bar, or on the site the arrow keys); paper gets every row.
CLAIMS_SCREEN_PX = 700
#: Top margin: the title band, then the report's details and the scrolling hint.
CLAIMS_TOP_PX = 128
#: Relative column widths: claim, verdict, reason, how we checked.
CLAIMS_COLUMNS = (3.0, 1.4, 3.0, 3.0)
#: Rough width of one character of 15 px text and the height of one line, in px.
CLAIMS_CHAR_PX = 9.3
CLAIMS_LINE_PX = 21


def _claim_lines(texts: Sequence[str], px: float) -> list[int]:
    """Lines each text needs when Plotly wraps it in a column ``px`` wide."""
    chars = max(8, int((px - 16) / CLAIMS_CHAR_PX))
    return [max(1, len(wrap_lines(t, chars, break_on_hyphens=True))) for t in texts]


def verdict_text(verdict: object) -> str:
    """A verdict as the table shows it: its mark, then its words (``✔ true``)."""
    return t("{mark} {label}", mark=verdict_mark(verdict), label=verdict_label(verdict))


def report_line(ds: Any) -> str:
    """The report's publication details, in one sentence (title, credit, when)."""
    try:
        r = facts.report_details(ds)
    except LookupError:  # a teacher's data without the memorandum's milestone
        return t("Report: “{title}”, credited to {credit}; published shortly after the "
                 "memorandum was signed (our copy names no outlet and no exact day).",
                 title=facts.REPORT_TITLE, credit=facts.REPORT_CREDIT)
    return t("Report: “{title}”, credited to {credit}; published shortly after the "
             "signing on {date} (our copy names no outlet and no exact day).",
             title=r.title, credit=r.credit, date=format_date(r.after))


def checked_with(check: facts.ClaimCheck) -> str:
    """The source a claim was checked with, labelled when it is a state's own media."""
    if check.source_kind == "state_media":
        return t("{title} ({publisher}; state media)", title=check.source,
                 publisher=check.publisher)
    return t("{title} ({publisher})", title=check.source, publisher=check.publisher)


def _checks(ds: Any, verdicts: Sequence[str] | None) -> list[facts.ClaimCheck]:
    checks = facts.claim_checks(ds)
    if verdicts is not None:
        checks = [c for c in checks if c.verdict in set(verdicts)]
    return checks


def figure(ds: Any, *, verdicts: Sequence[str] | None = None,
                  dark: bool = False) -> go.Figure:
    """Table of the 2021 report's claims in our words: verdict, reason and how we checked."""
    checks = _checks(ds, verdicts)
    ink = "#F2F2F2" if dark else "#1A1A1A"
    base_fill = "#262626" if dark else "#FFFFFF"
    # Cells without <br> are wrapped by Plotly to the column width, so every column stays
    # plain text; the source named is the one we relied on most (the table has no hover).
    sources = [t("{source}. Checked {date}.", source=checked_with(c),
                 date=date_label(c.checked_on, "day")) for c in checks]
    columns = [[c.claim for c in checks], [verdict_text(c.verdict) for c in checks],
               [c.reason for c in checks], sources]
    table_px = CLAIMS_LAYOUT_PX - 20
    widths = [table_px * w / sum(CLAIMS_COLUMNS) for w in CLAIMS_COLUMNS]
    lines = [_claim_lines(col, px) for col, px in zip(columns, widths, strict=True)]
    row_px = [CLAIMS_LINE_PX * max(ls) + 14 for ls in zip(*lines, strict=True)]
    headers = [t("The 2021 report said (in our words)"), t("Verdict"), t("Why"),
               t("How we checked")]
    fig = go.Figure(go.Table(
        columnwidth=list(CLAIMS_COLUMNS),
        header={"values": [f"<b>{esc(head)}</b>" for head in headers],
                "font": {"size": 16, "color": ink}, "align": "left",
                "fill": {"color": "#3A3A3A" if dark else "#E8E8E8"}, "height": 36},
        cells={"values": [
            [esc(x) for x in columns[0]],
            [f"<b>{esc(x)}</b>" for x in columns[1]],
            [esc(x) for x in columns[2]],
            [esc(x) for x in columns[3]],
        ],
            "font": {"size": 16, "color": ink}, "align": "left", "height": 30,
            "fill": {"color": base_fill}},
        meta={"verdicts": [c.verdict for c in checks]},
    ))
    fig.update_layout(margin={"l": 10, "r": 10, "t": CLAIMS_TOP_PX})
    title = t("The 2021 report's claims: true when written?")
    every_row = sum(row_px) + 36 + CLAIMS_TOP_PX + 60 + 24
    finish_figure(fig, ds, name="claims", title=title,
                  source_ids=[c.source_id for c in checks], dark=dark,
                  height=min(CLAIMS_SCREEN_PX, max(420, every_row)))
    fig.layout.meta["paper_height"] = max(420, every_row)
    scrolls = every_row > CLAIMS_SCREEN_PX
    fig.add_annotation(text=wrap_text(report_line(ds), 100), xref="paper", yref="paper", x=0,
                       y=1, yshift=8 + 24 * scrolls, xanchor="left", yanchor="bottom",
                       showarrow=False, font={"size": theme.LABEL_FONT_SIZE}, align="left",
                       name="report")
    if scrolls:
        hint = nt("Scroll inside the table to read all {n} claim.",
                  "Scroll inside the table to read all {n} claims.", len(checks))
        fig.add_annotation(text=f"<i>{esc(hint)}</i>", xref="paper", yref="paper", x=0, y=1,
                           yshift=6, xanchor="left", yanchor="bottom", showarrow=False,
                           font={"size": theme.LABEL_FONT_SIZE}, align="left", name="scroll")
    # A table has no axes, so the source line sits just under it.
    fig.update_annotations(selector={"name": "source"}, yshift=-10)
    fig.update_layout(margin={"b": 60})
    return fig


def summary(ds: Any, *, verdicts: Sequence[str] | None = None,
                   dark: bool = False) -> str:
    """Plain sentences: the report, how many claims have each verdict, state media, date."""
    checks = _checks(ds, verdicts)
    counts = {v: sum(c.verdict == v for c in checks) for v in VERDICTS}
    if verdicts is None:
        counts = facts.verdict_counts(ds)
    items = [t("{n} “{label}”", n=format_number(n), label=verdict_label(v))
             for v, n in counts.items()]
    sentences = [
        report_line(ds),
        nt("We checked {n} of its claims, written in our own words.",
           "We checked {n} of its claims, written in our own words.", len(checks)),
        t("Verdicts: {counts}.", counts=format_list(items)),
    ]
    state = sum(c.source_kind == "state_media" for c in checks)
    if state:
        sentences.append(nt(
            "{n} claim was checked mainly with a state's own media, marked state media.",
            "{n} claims were checked mainly with a state's own media, marked state media.",
            state))
    sentences.append(full_stop(ds.dates_text))
    return " ".join(sentences)
