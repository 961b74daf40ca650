"""Show a chart in a notebook with its plain-text summary and a caption.

How maps stay offline: every figure is sent with a Plotly config whose ``topojsonURL`` is a
``data:`` URL holding the world topojson shipped in :mod:`lunarexplainer.assets`. plotly.js in
JupyterLab, Voila and exported HTML reads the map shapes from that URL and never contacts the
CDN. Non-map figures get the same config without the topojson (it is 380 kB).
"""

from __future__ import annotations

import html
from typing import Any

import plotly.graph_objects as go

from .assets import plotly_config

__all__ = ["figure_config", "figure_bundle", "caption_markdown", "show_figure", "show"]

PLOTLY_MIME = "application/vnd.plotly.v1+json"
GEO_TRACE_TYPES = {"choropleth", "scattergeo"}


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
    from IPython.display import Markdown, display

    if caption is None and isinstance(fig.layout.meta, dict):
        caption = fig.layout.meta.get("caption")
    display(figure_bundle(fig, include_html=include_html), raw=True)
    display(Markdown(caption_markdown(summary, caption)))


def show(ds: Any, name: str, **options: Any) -> None:
    """Build chart ``name`` from :data:`lunarexplainer.figures.FIGURES` and display it.

    It returns nothing, so that ``show(...)`` as a cell's last line draws the chart once.
    Example: ``show(ds, "partner_map", year=2024)``.
    """
    from .figures import FIGURES

    try:
        figure_fn, summary_fn = FIGURES[name]
    except KeyError:
        known = ", ".join(sorted(FIGURES))
        raise KeyError(f"unknown chart {name!r}; choose one of: {known}") from None
    show_figure(figure_fn(ds, **options), summary_fn(ds, **options))
