"""Static chart images with kaleido, shared by ``export --images`` and the worksheets.

:func:`export_images` writes every chart as PNG and SVG with ``summaries.md`` (slides and
handouts), each named after the first lesson that shows it.

:func:`kaleido_server` starts one kaleido browser for many images (about 0.15 s each after the
first) with Debian's Chromium, the shipped topojson and the package's own plotly.js, so nothing
is fetched from the internet.
"""

from __future__ import annotations

import os
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .text import full_stop

__all__ = ["IMAGE_WIDTH", "kaleido_server", "figure_image", "ImageItem", "figure_topics",
           "export_images"]

#: Width in pixels of exported images; the height is the figure's own (default 720).
IMAGE_WIDTH = 1280
DEFAULT_IMAGE_HEIGHT = 720


@contextmanager
def kaleido_server() -> Iterator[None]:
    """One kaleido server for the images written inside the ``with`` block."""
    import kaleido
    import plotly

    from .assets import configure_kaleido

    if "BROWSER_PATH" not in os.environ and Path("/usr/bin/chromium").exists():
        os.environ["BROWSER_PATH"] = "/usr/bin/chromium"
    configure_kaleido()
    plotly_js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    kaleido.start_sync_server(plotlyjs=str(plotly_js), mathjax=False, silence_warnings=True)
    try:
        yield
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def figure_image(figure: Any, fmt: str, width: int, height: int,
                 path: Path | None = None) -> bytes | None:
    """``figure`` as PNG or SVG: written to ``path``, or returned as bytes."""
    import plotly.io as pio

    with warnings.catch_warnings():
        # plotly passes kaleido options the shared server already has
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        if path is not None:
            pio.write_image(figure, path, format=fmt, width=width, height=height)
            return None
        return pio.to_image(figure, format=fmt, width=width, height=height)


# --------------------------------------------------------------------------- export --images


@dataclass
class ImageItem:
    """One chart to write as PNG and SVG."""

    name: str
    figure: Any
    summary: str
    caption: str
    pattern: str  # regex that finds the chart in a notebook's code


def figure_topics(notebooks_dir: Path, patterns: dict[str, str]) -> dict[str, str]:
    """For each item, the first lesson of the manifest that shows it (else ``figures``).

    Charts are named as in ``show(ds, name)``; ``<name>_explorer`` is the explorer registered
    as ``name``. Only lessons with a notebook in ``notebooks_dir`` count.
    """
    from .export import lesson_paths
    from .lesson import manifest

    present = {path.stem for path in lesson_paths(notebooks_dir)}
    topics = {}
    for name in patterns:
        if name.endswith("_explorer"):
            chart = name.removesuffix("_explorer")
            lesson = manifest.lesson_exploring(chart)
        else:
            lesson = manifest.lesson_showing(name)
        topics[name] = lesson.stem if lesson is not None and lesson.stem in present else "figures"
    return topics


def _caption(fig: Any, ds: Any) -> str:
    meta = fig.layout.meta
    if isinstance(meta, dict) and meta.get("caption"):
        return str(meta["caption"])
    return full_stop(ds.dates_text)


def _image_items(ds: Any) -> list[ImageItem]:
    from .charts import CHARTS

    items = [
        ImageItem(name, fn(ds), summary_fn(ds), "",
                  rf"[\"']{name}[\"']|\b{name}_figure\b")
        for name, (fn, summary_fn) in CHARTS.items()
    ]
    try:
        from .explorers import EXPLORERS
    except ImportError:
        EXPLORERS = {}  # noqa: N806 - explorers are optional for images
    for name, cls in EXPLORERS.items():
        explorer = cls(ds)
        items.append(ImageItem(f"{name}_explorer", explorer.to_figure(), explorer.summary(), "",
                               rf"\b{cls.__name__}\b"))
    for item in items:
        item.caption = _caption(item.figure, ds)
    return items


def export_images(out: Path | str, *, notebooks_dir: Path | None = None) -> list[Path]:
    """Write every chart as PNG and SVG plus ``summaries.md``; return the image paths."""
    from .charts.common import paper_height
    from .data import load_dataset
    from .export import find_notebooks_dir

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    ds = load_dataset()
    items = _image_items(ds)
    topics = figure_topics(Path(notebooks_dir) if notebooks_dir else find_notebooks_dir(),
                            {i.name: i.pattern for i in items})
    from .export import progress

    written: list[Path] = []
    from .text import t

    heading = t("Chart summaries")
    lines = [f"# {heading}\n\n{full_stop(ds.dates_text)}\n"]
    with kaleido_server():
        for i, item in enumerate(items, start=1):
            start = time.perf_counter()
            stem = f"{topics[item.name]}__{item.name}"
            height = paper_height(item.figure, DEFAULT_IMAGE_HEIGHT)
            for fmt in ("png", "svg"):
                path = out / f"{stem}.{fmt}"
                figure_image(item.figure, fmt, IMAGE_WIDTH, height, path)
                written.append(path)
            lines.append(
                f"## {stem}\n\n![{item.summary}]({stem}.png)\n\n{item.summary}\n\n"
                f"*{item.caption}*\n"
            )
            progress(i, len(items), stem, time.perf_counter() - start)
    (out / "summaries.md").write_text("\n".join(lines), encoding="utf-8")
    return written
