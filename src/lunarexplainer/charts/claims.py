"""Table of the 2021 report's claims, what happened and the verdict."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from .. import facts
from ..text import nt
from ..text import t
from .common import as_text
from .common import cite
from .common import date_columns
from .common import date_label
from .common import esc
from .common import finish_figure
from .common import unique_ids

VERDICT_TINTS = {"held": "rgba(0,158,115,0.25)", "changed": "rgba(230,159,0,0.30)",
                 "pending": "rgba(153,153,153,0.25)"}


#: Narrowest width (px) the claims table is sized for (a notebook cell); wider is shorter.
CLAIMS_LAYOUT_PX = 1000
#: Relative column widths: claim, what happened, verdict, checked/source.
CLAIMS_COLUMNS = (3.0, 3.6, 1.0, 2.4)
#: Rough width of one character of 15 px text and the height of one line, in px.
CLAIMS_CHAR_PX = 9.3
CLAIMS_LINE_PX = 21


def _claim_lines(texts: Sequence[str], px: float) -> list[int]:
    """Lines each text needs when Plotly wraps it in a column ``px`` wide."""
    chars = max(8, int((px - 16) / CLAIMS_CHAR_PX))
    return [max(1, len(textwrap.wrap(t, chars))) for t in texts]


def figure(ds: Any, *, verdicts: Sequence[str] | None = None,
                  dark: bool = False) -> go.Figure:
    """Table of the 2021 report's claims: what was said, what happened, and the verdict."""
    c = ds.article_claims
    if verdicts is not None:
        c = c[c["verdict"].isin(list(verdicts))]
    c = c.copy()
    c["c_start"], _, c["c_prec"] = date_columns(c, "checked_on")
    ink = "#F2F2F2" if dark else "#1A1A1A"
    base_fill = "#262626" if dark else "#FFFFFF"
    verdict_cells = [f"<b>{esc(v)}</b>" for v in c["verdict"]]
    # Cells without <br> are wrapped by Plotly to the column width, so every column stays
    # plain text; only the first source is named (the table has no hover).
    sources = []
    for d, p, sid in zip(c["c_start"], c["c_prec"], c["source_ids"], strict=True):
        ids = unique_ids([sid])
        line = t("Checked {date}. {source}", date=date_label(d, p),
                 source=cite(ds, ids[0] if ids else ""))
        if len(ids) > 1:
            line += " " + nt("(and {n} more source)", "(and {n} more sources)", len(ids) - 1)
        sources.append(line)
    columns = [[as_text(x) for x in c["claim"]], [as_text(x) for x in c["what_happened"]],
               [as_text(x) for x in c["verdict"]], sources]
    table_px = CLAIMS_LAYOUT_PX - 20
    widths = [table_px * w / sum(CLAIMS_COLUMNS) for w in CLAIMS_COLUMNS]
    lines = [_claim_lines(col, px) for col, px in zip(columns, widths, strict=True)]
    row_px = [CLAIMS_LINE_PX * max(ls) + 14 for ls in zip(*lines, strict=True)]
    fills = [VERDICT_TINTS.get(str(v), base_fill) for v in c["verdict"]]
    fig = go.Figure(go.Table(
        columnwidth=list(CLAIMS_COLUMNS),
        header={"values": [f"<b>{esc(t('The 2021 report said'))}</b>",
                           f"<b>{esc(t('What happened'))}</b>",
                           f"<b>{esc(t('Verdict'))}</b>",
                           f"<b>{esc(t('Checked / source'))}</b>"],
                "font": {"size": 16, "color": ink}, "align": "left",
                "fill": {"color": "#3A3A3A" if dark else "#E8E8E8"}, "height": 36},
        cells={"values": [
            [esc(x) for x in columns[0]],
            [esc(x) for x in columns[1]],
            verdict_cells,
            [esc(x) for x in sources],
        ],
            "font": {"size": 16, "color": ink}, "align": "left", "height": 30,
            "fill": {"color": [[base_fill] * len(c), [base_fill] * len(c), fills,
                               [base_fill] * len(c)]}},
    ))
    fig.update_layout(margin={"l": 10, "r": 10, "t": 70})
    title = t("The 2021 report's claims: what happened next?")
    finish_figure(fig, ds, name="claims", title=title, source_ids=c["source_ids"], dark=dark,
            height=max(420, sum(row_px) + 36 + 70 + 60 + 24))
    # A table has no axes, so the source line sits just under it.
    fig.update_annotations(selector={"name": "source"}, yshift=-10)
    fig.update_layout(margin={"b": 60})
    return fig


def summary(ds: Any, *, verdicts: Sequence[str] | None = None,
                   dark: bool = False) -> str:
    """Plain sentence: how many claims held, changed or are pending."""
    c = ds.article_claims
    if verdicts is not None:
        c = c[c["verdict"].isin(list(verdicts))]
    if verdicts is not None:
        v = c["verdict"].value_counts()
        held, changed, pending = (int(v.get(k, 0)) for k in ("held", "changed", "pending"))
    else:
        held, changed = facts.claims_held_count(ds), facts.claims_changed_count(ds)
        pending = facts.claims_pending_count(ds)
    return nt(
        "Of the {n} claim from the 2021 report checked here, {held} held, {changed} changed and "
        "{pending} still open. {date}.",
        "Of the {n} claims from the 2021 report checked here, {held} held, {changed} changed "
        "and {pending} still open. {date}.",
        len(c), held=held, changed=changed, pending=pending, date=ds.dates_text)
