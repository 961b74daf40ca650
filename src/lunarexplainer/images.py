"""Static chart images with kaleido, shared by ``export --images`` and the worksheets.

:func:`kaleido_server` starts one kaleido browser for many images (about 0.15 s each after the
first) with Debian's Chromium, the shipped topojson and the package's own plotly.js, so nothing
is fetched from the internet.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["kaleido_server", "figure_image"]


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
