"""Files shipped with the package so that world maps draw offline.

Plotly's geo traces (choropleth, scattergeo) load ``world_110m.json`` at render time from
``config.topojsonURL``, which by default is a CDN. Three ways to keep them offline:

* In a notebook (JupyterLab, Voila, nbconvert HTML): use :func:`plotly_config` as the figure's
  config. It points ``topojsonURL`` at a ``data:`` URL holding the shipped topojson, so nothing
  is fetched from any server. :func:`lunarexplainer.display.show_figure` does this for you.
* In static HTML: put :func:`geo_assets_script` before the figure; plotly.js then finds the
  topojson in ``window.PlotlyGeoAssets`` and never fetches it. Or copy :func:`topojson_dir`
  next to the page and use ``plotly_config(topojson_url="topojson/")``.
* For image export with kaleido: :func:`configure_kaleido` sets ``pio.defaults.topojson``.

The static site also loads :data:`SITE_PLOTLY_JS`, a plotly.js built with only the trace types
the lessons draw (``tools/plotly-bundle``); :func:`bundle_trace_types` reads which ones a
plotly.js file registers.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "TOPOJSON_NAME",
    "topojson_dir",
    "get_topojson_dir",
    "topojson_path",
    "world_topojson",
    "topojson_data_url",
    "plotly_config",
    "geo_assets",
    "geo_assets_script",
    "country_centroids",
    "topojson_country_ids",
    "configure_kaleido",
    "SITE_PLOTLY_JS",
    "site_plotly_js",
    "bundle_trace_types",
    "write_site_plotly",
]

#: The only topojson the package's maps need (scope "world", resolution 110).
TOPOJSON_NAME = "world_110m"


def topojson_dir() -> Path:
    """Folder holding ``world_110m.json`` (serve it as a ``topojsonURL`` folder)."""
    return Path(str(resources.files(__name__)))


get_topojson_dir = topojson_dir  # name used in the team contract


def topojson_path(name: str = TOPOJSON_NAME) -> Path:
    """Path of a shipped topojson file."""
    return topojson_dir() / f"{name}.json"


@cache
def _topojson_text(name: str = TOPOJSON_NAME) -> str:
    return topojson_path(name).read_text(encoding="utf-8")


def world_topojson() -> dict[str, Any]:
    """The shipped world topojson as a dict (a fresh copy each call)."""
    return json.loads(_topojson_text())


@cache
def topojson_data_url() -> str:
    """A self-contained ``topojsonURL`` value: the topojson as a base64 ``data:`` URL.

    plotly.js appends ``/world_110m.json`` to ``topojsonURL``; the trailing ``#`` turns that
    suffix into a URL fragment, which browsers ignore when reading a ``data:`` URL.
    """
    encoded = base64.b64encode(_topojson_text().encode("utf-8")).decode("ascii")
    return f"data:application/json;base64,{encoded}#"


def plotly_config(topojson_url: str | None = None, **extra: Any) -> dict[str, Any]:
    """Plotly config for our figures with an offline ``topojsonURL``.

    ``topojson_url`` may be a folder URL that serves ``world_110m.json`` (for example a
    relative ``"topojson/"`` next to an exported page); by default the topojson is inlined
    as a ``data:`` URL, which works in JupyterLab, Voila and ``file://`` pages alike.
    """
    config: dict[str, Any] = {
        "topojsonURL": topojson_url if topojson_url is not None else topojson_data_url(),
        "displaylogo": False,
        "responsive": True,
    }
    config.update(extra)
    return config


def geo_assets() -> dict[str, Any]:
    """The value to assign to ``window.PlotlyGeoAssets`` before plotly.js draws a map."""
    return {"topojson": {TOPOJSON_NAME: world_topojson()}}


def geo_assets_script() -> str:
    """A ``<script>`` tag that sets ``window.PlotlyGeoAssets`` (for static HTML pages).

    Place it before plotly.js is loaded or at least before the first map is drawn. It keeps
    any topojson already registered.
    """
    payload = _topojson_text().replace("</", "<\\/")
    return (
        "<script>window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};"
        "window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};"
        f"window.PlotlyGeoAssets.topojson[{json.dumps(TOPOJSON_NAME)}] = {payload};</script>"
    )


@cache
def _centroids() -> dict[str, tuple[float, float]]:
    raw = json.loads((topojson_dir() / "country_centroids.json").read_text(encoding="utf-8"))
    return {k: (float(v[0]), float(v[1])) for k, v in raw.items()}


def country_centroids() -> dict[str, tuple[float, float]]:
    """``{ISO3: (lon, lat)}`` label points for countries, including very small ones."""
    return dict(_centroids())


@cache
def _country_ids() -> frozenset[str]:
    geometries = world_topojson()["objects"]["countries"]["geometries"]
    return frozenset(str(g.get("id")) for g in geometries if g.get("id"))


def topojson_country_ids() -> frozenset[str]:
    """ISO3 codes that have a shape in ``world_110m`` (tiny countries do not)."""
    return _country_ids()


def configure_kaleido() -> None:
    """Make kaleido image export read the shipped topojson instead of the CDN."""
    import plotly.io as pio

    pio.defaults.topojson = topojson_dir().as_uri() + "/"


#: The static site's plotly.js (plotly.py's version, with fewer trace types), built by
#: ``tools/plotly-bundle``; its licences are in ``LICENSE-plotly-site.txt`` next to it.
SITE_PLOTLY_JS = "plotly-site.min.js"
SITE_PLOTLY_LICENSES = "LICENSE-plotly-site.txt"
#: How a minified plotly.js declares each trace module it registers.
_TRACE_MODULE = re.compile(r'moduleType:"trace",name:"([a-z0-9]+)"')


def site_plotly_js() -> Path:
    """Path of the shipped partial plotly.js bundle (see :data:`SITE_PLOTLY_JS`)."""
    return topojson_dir() / SITE_PLOTLY_JS


def bundle_trace_types(path: Path) -> frozenset[str]:
    """The trace types a minified plotly.js file registers (``scatter``, ``bar``, …)."""
    return frozenset(_TRACE_MODULE.findall(Path(path).read_text(encoding="utf-8")))


def write_site_plotly(assets: Path, types: set[str], *, shared: bool = False) -> Path:
    """Write a static site's ``plotly.min.js`` into ``assets`` for charts of trace ``types``.

    It is the partial bundle (:data:`SITE_PLOTLY_JS`, with its licences), or plotly.py's
    full plotly.js when a chart uses a trace type the bundle lacks, so such a chart is drawn
    rather than left blank. ``shared``: another language's site wrote ``assets`` already;
    its file is kept if it draws ``types``.
    """
    import plotly

    target = assets / "plotly.min.js"
    if shared and target.exists() and types <= bundle_trace_types(target):
        return target
    partial = site_plotly_js()
    if types <= bundle_trace_types(partial):
        shutil.copyfile(partial, target)
        shutil.copyfile(partial.with_name(SITE_PLOTLY_LICENSES), assets / SITE_PLOTLY_LICENSES)
    else:
        shutil.copyfile(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", target)
        (assets / SITE_PLOTLY_LICENSES).unlink(missing_ok=True)
    return target
