"""Show a chart in a notebook with its plain-text summary and a caption.

How maps stay offline: every figure is sent with a Plotly config whose ``topojsonURL`` is a
``data:`` URL holding the world topojson shipped in :mod:`lunarexplainer.assets`. plotly.js in
JupyterLab, Voila and exported HTML reads the map shapes from that URL and never contacts the
CDN. Non-map figures get the same config without the topojson (it is 380 kB).
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from collections.abc import Sequence
from datetime import date
from datetime import datetime
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .assets import plotly_config

__all__ = [
    "EXPORT_ENV",
    "exporting",
    "figure_config",
    "figure_bundle",
    "caption_markdown",
    "show_figure",
    "show",
    "cell_text",
    "column_label",
    "table_html",
    "table_bundle",
    "table",
]

PLOTLY_MIME = "application/vnd.plotly.v1+json"
#: Set to "1" by ``lunarexplainer export`` in the kernel that runs the lessons: only then do
#: explorers add their static (kernel-free) form to what they display.
EXPORT_ENV = "LUNAREXPLAINER_EXPORT"
GEO_TRACE_TYPES = {"choropleth", "scattergeo"}


def exporting() -> bool:
    """True inside the kernel of a static export (see :data:`EXPORT_ENV`)."""
    import os

    return os.environ.get(EXPORT_ENV) == "1"


def _has_geo(fig: go.Figure) -> bool:
    return any(getattr(t, "type", None) in GEO_TRACE_TYPES for t in fig.data)


def figure_config(fig: go.Figure, **extra: Any) -> dict[str, Any]:
    """Plotly config for ``fig``: offline topojson for maps, no Plotly logo."""
    if _has_geo(fig):
        return plotly_config(**extra)
    config: dict[str, Any] = {"displaylogo": False, "responsive": True}
    config.update(extra)
    return config


def figure_bundle(fig: go.Figure, *, include_html: bool = False) -> dict[str, Any]:
    """IPython MIME bundle for ``fig``: the Plotly JSON (with config) and a text fallback.

    The plotly MIME renderer of JupyterLab/Voila reads ``config`` from the JSON, so geo maps
    use the shipped topojson. With ``include_html=True`` a ``text/html`` fallback is added
    that expects plotly.js to be loaded once by the page (``window.Plotly``), as in a
    static export that ships one local plotly.js file.
    """
    spec = fig.to_plotly_json()
    spec["config"] = figure_config(fig)
    title = fig.layout.title.text or "Plotly chart"
    bundle: dict[str, Any] = {
        PLOTLY_MIME: spec,
        "text/plain": html.unescape(str(title)),
    }
    if include_html:
        import plotly.io as pio

        bundle["text/html"] = pio.to_html(
            fig, full_html=False, include_plotlyjs=False, config=figure_config(fig)
        )
    return bundle


def caption_markdown(summary: str, caption: str | None = None) -> str:
    """Markdown for the summary and caption; any markup characters are escaped."""
    parts = [html.escape(summary, quote=False)]
    if caption:
        parts.append(f"*{html.escape(caption, quote=False)}*")
    return "\n\n".join(parts)


def show_figure(
    fig: go.Figure, summary: str, caption: str | None = None, *, include_html: bool = False
) -> None:
    """Display ``fig`` followed by its plain-text summary and caption."""
    from IPython.display import Markdown
    from IPython.display import display

    if caption is None and isinstance(fig.layout.meta, dict):
        caption = fig.layout.meta.get("caption")
    display(figure_bundle(fig, include_html=include_html), raw=True)
    display(Markdown(caption_markdown(summary, caption)))


def show(ds: Any, name: str, **options: Any) -> None:
    """Build chart ``name`` (see :mod:`lunarexplainer.charts`) and display it.

    It returns nothing, so that ``show(...)`` as a cell's last line draws the chart once.
    Example: ``show(ds, "partner_map", year=2024)``.
    """
    from . import charts

    show_figure(charts.figure(ds, name, **options), charts.summary(ds, name, **options))


# --------------------------------------------------------------------------- tables

#: Output metadata that tells the static export this HTML was built (and escaped) by us.
TRUSTED_HTML_METADATA = {"lunarexplainer": {"trusted_html": True}}
_CELL_STYLE = "text-align: left; vertical-align: top; white-space: normal"
#: Longer words than this (web addresses) may break anywhere so that the table fits the page.
_LONG_WORD = 30


#: Single words up to this length (dates such as 2026-11-24, numbers) are never broken.
_SHORT_WORD = 12


def _cell_style(text: str) -> str:
    if any(len(word) > _LONG_WORD for word in text.split()):
        return _CELL_STYLE + "; overflow-wrap: anywhere"
    if " " not in text and len(text) <= _SHORT_WORD:
        return _CELL_STYLE.replace("white-space: normal", "white-space: nowrap")
    return _CELL_STYLE


def cell_text(value: Any) -> str:
    """Plain text for one table cell: blank for missing values, dates without a time."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, bool):
        from . import theme

        return theme.yes_no(value)
    if isinstance(value, pd.Timestamp | datetime):
        ts = pd.Timestamp(value)
        return ts.strftime("%Y-%m-%d") if ts == ts.normalize() else ts.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def column_label(name: Any) -> str:
    """Friendly heading for a column name: ``announced_on`` → ``Announced on`` (English; a
    table shows it through ``t()``, and the lessons' columns are in the catalog)."""
    text = str(name).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _code_words() -> dict[str, Any]:
    """Column name -> the function that shows that column's codes in words."""
    from . import theme

    return {
        "status": theme.status_label, "program": theme.program_name,
        "framework": theme.framework_name, "role": theme.role_name,
        "qualifier": theme.qualifier_name, "date_qualifier": theme.qualifier_name,
        "kind": theme.kind_name, "ilrs_phase": theme.phase_name,
    }


def _column_texts(frame: pd.DataFrame) -> list[list[str]]:
    """The cells of ``frame`` as text, row by row; code columns in words."""
    words = _code_words()
    shown = [words.get(str(c)) for c in frame.columns]
    return [[cell_text(v) if show is None or cell_text(v) == "" else show(v)
             for v, show in zip(values, shown, strict=True)]
            for values in frame.itertuples(index=False, name=None)]


def _table_frame(
    df: pd.DataFrame, columns: Sequence[str] | None, labels: Mapping[str, str] | None
) -> tuple[pd.DataFrame, list[str]]:
    if any(name is not None for name in df.index.names):
        df = df.reset_index()  # a named index (e.g. after groupby) is real data: keep it
    if columns is not None:
        df = df[list(columns)]
    from .text import t

    labels = dict(labels or {})
    headings = [t(labels.get(str(c), column_label(c))) for c in df.columns]
    return df, headings


def table_html(
    df: pd.DataFrame,
    columns: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> str:
    """A readable HTML table of ``df``: no index, blanks for missing values, full wrapped text.

    ``columns`` picks and orders columns; ``labels`` maps a column name to its heading (other
    headings are made from the name). Every value and heading is HTML-escaped.
    """
    frame, headings = _table_frame(df, columns, labels)
    head = "".join(
        f'<th scope="col" style="{_CELL_STYLE}">{html.escape(h)}</th>' for h in headings
    )
    rows = []
    for texts in _column_texts(frame):
        cells = "".join(f'<td style="{_cell_style(t)}">{html.escape(t)}</td>' for t in texts)
        rows.append(f"<tr>{cells}</tr>")
    body = "\n".join(rows)
    return (
        '<div>\n'
        '<table class="dataframe lx-table" style="border-collapse: collapse; max-width: 100%">\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</div>"
    )


def _table_text(frame: pd.DataFrame, headings: list[str]) -> str:
    rows = _column_texts(frame)
    return "\n".join(" | ".join(row) for row in [headings, *rows])


def table_bundle(
    df: pd.DataFrame,
    columns: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> tuple[dict[str, str], dict[str, Any]]:
    """MIME bundle and output metadata for :func:`table` (metadata marks the HTML as ours)."""
    frame, headings = _table_frame(df, columns, labels)
    data = {
        "text/html": table_html(df, columns, labels),
        "text/plain": _table_text(frame, headings),
    }
    return data, {key: dict(value) for key, value in TRUSTED_HTML_METADATA.items()}


def table(
    df: pd.DataFrame,
    columns: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> None:
    """Display ``df`` as a readable table for students (see :func:`table_html`).

    It returns nothing, so ``table(...)`` as a cell's last line shows the table once.
    Example: ``table(ds.framework_counts, ["framework", "count"], {"count": "Members"})``.
    """
    from IPython.display import display

    data, metadata = table_bundle(df, columns, labels)
    display(data, raw=True, metadata=metadata)
