"""Make widget replies reach the browser at once: TCP_NODELAY on kernel websockets.

Every control change in an explorer is a round trip: browser -> Jupyter server -> kernel and
back. The server writes the reply to the browser's websocket in small pieces, and with
Nagle's algorithm on (Tornado's default for a websocket) a piece waits for the browser's
delayed acknowledgement, which Linux holds for 40 ms. Measured on loopback in Voila, a
do-nothing widget round trip took about 45 ms that way and about 4 ms with no delay
(``make bench``: ``browser_roundtrip_floor_ms``). Tornado's own advice for websockets that send
many small messages is to call ``set_nodelay(True)`` once the connection is open; this module
does that for Jupyter's kernel websocket.

It is used three ways:

* as a Jupyter server extension, switched on for every Jupyter server in the environment by
  ``etc/jupyter/jupyter_server_config.d/lunarexplainer.json`` (installed with the package), so
  ``make lab``, JupyterHub and Binder get it;
* ``python -m lunarexplainer.serverext NOTEBOOK [voila options]`` starts Voila with it (Voila's
  own server does not load server extensions); ``make present`` uses this;
* :func:`enable_nodelay` directly, in any process that serves kernels.

It also serves Plotly's widget code once per server instead of once per widget. Each
``FigureWidget`` would otherwise carry that code, about 5 MB, in its widget state, so a page with
five explorers received it five times over the websocket, and the browser ran it five times.
The extension serves the file at ``<base URL>/lunarexplainer/plotly-widget.<hash>.js``
(:data:`BUNDLE_ROUTE`). The hash is taken from the file's bytes, so the browser may keep the
file for good ("immutable"); gzipped, it is about 1.5 MB. The extension also puts the route and
the file in the environment (:data:`BUNDLE_URL_ENV`, :data:`BUNDLE_FILE_ENV`) of the kernels it
starts, and :mod:`lunarexplainer.explorers.widget` then sends a small loader instead of the
code. A kernel started without a server that serves the file (nbconvert, tests) keeps the
inline code.

As a server extension it also keeps Voila offline inside a Jupyter server (JupyterLab, a
JupyterHub user's server at ``/user/NAME/voila/…``): there Voila tells its page to load MathJax
from a CDN, because the server's settings name no ``mathjax_url``. The lessons use no maths,
so :func:`keep_voila_offline` sets none, as standalone Voila (``make present``) already does.
"""

from __future__ import annotations

import gzip
import hashlib
import inspect
import os
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "BUNDLE_FILE_ENV",
    "BUNDLE_ROUTE",
    "BUNDLE_URL_ENV",
    "bundle_handlers",
    "enable_nodelay",
    "keep_voila_offline",
    "main",
    "plotly_widget_bundle",
    "publish_bundle",
]

_MARK = "_lunarexplainer_nodelay"


def enable_nodelay() -> bool:
    """Patch Jupyter's kernel websocket handler to send without delay; True if newly patched.

    Voila's handler is a subclass, so it is covered too. Safe to call more than once.
    """
    from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

    if getattr(KernelWebsocketHandler, _MARK, False):
        return False
    original = KernelWebsocketHandler.open

    async def open(self: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: A001 (Tornado's name)
        self.set_nodelay(True)
        return await original(self, *args, **kwargs)

    open.__doc__ = original.__doc__
    KernelWebsocketHandler.open = open  # type: ignore[method-assign]
    setattr(KernelWebsocketHandler, _MARK, True)
    return True


#: Where the bundle is served, relative to the server's base URL (``{digest}`` filled in).
BUNDLE_ROUTE = "lunarexplainer/plotly-widget.{digest}.js"
#: Environment variables that tell a kernel the bundle is served, and which file it is.
BUNDLE_URL_ENV = "LUNAREXPLAINER_WIDGET_URL"
BUNDLE_FILE_ENV = "LUNAREXPLAINER_WIDGET_FILE"


def plotly_widget_bundle() -> Path:
    """The file of Plotly's widget code that ``go.FigureWidget`` sends as its ``_esm``.

    Found without importing plotly's widget classes (which would cost the server about 100 MB
    and seconds); ``tests/unit/test_widget.py`` checks it is the file ``go.FigureWidget`` uses.
    """
    return Path(str(resources.files("plotly") / "package_data" / "widgetbundle.js"))


@cache
def _bundle(path: Path) -> tuple[str, bytes, bytes]:
    """(digest, bytes, gzipped bytes) of the bundle file, read once per server."""
    body = path.read_bytes()
    return hashlib.sha256(body).hexdigest()[:16], body, gzip.compress(body, compresslevel=6)


def bundle_route(path: Path | None = None) -> str:
    """The bundle's route relative to the base URL, with its content hash."""
    digest, _, _ = _bundle(path or plotly_widget_bundle())
    return BUNDLE_ROUTE.format(digest=digest)


def bundle_handlers(base_url: str) -> list[tuple[str, Any]]:
    """Tornado handler rules that serve the bundle under ``base_url``."""
    from jupyter_server.utils import url_path_join
    from tornado import web

    class PlotlyWidgetBundleHandler(web.RequestHandler):
        """Plotly's widget code: immutable, gzipped when the browser accepts it."""

        def get(self, digest: str) -> None:
            current, body, packed = _bundle(plotly_widget_bundle())
            if digest != current:
                raise web.HTTPError(404)
            self.set_header("Content-Type", "text/javascript; charset=utf-8")
            self.set_header("Cache-Control", "public, max-age=31536000, immutable")
            self.set_header("Vary", "Accept-Encoding")
            if "gzip" in self.request.headers.get("Accept-Encoding", ""):
                self.set_header("Content-Encoding", "gzip")
                body = packed
            self.write(body)

        def compute_etag(self) -> str | None:
            return None  # the hash is in the URL

    pattern = BUNDLE_ROUTE.replace(".", r"\.").format(digest="([0-9a-f]+)")
    return [(url_path_join(base_url, pattern), PlotlyWidgetBundleHandler)]


def publish_bundle() -> str:
    """Tell kernels started from now on, in this process, that the bundle is served."""
    path = plotly_widget_bundle()
    os.environ[BUNDLE_URL_ENV] = bundle_route(path)
    os.environ[BUNDLE_FILE_ENV] = str(path)
    return os.environ[BUNDLE_URL_ENV]


def keep_voila_offline(settings: dict[str, Any]) -> None:
    """No MathJax from a CDN in Voila pages served by a Jupyter server (``web_app.settings``).

    Voila's page config falls back to a CDN URL when the key is missing; ``None`` (what
    standalone Voila passes) makes its page leave MathJax out. A URL set by the admin stays.
    """
    settings.setdefault("mathjax_url", None)
    settings.setdefault("mathjax_config", None)


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "lunarexplainer.serverext"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    enable_nodelay()
    keep_voila_offline(serverapp.web_app.settings)
    serverapp.log.info("lunarexplainer: kernel websockets send without delay (TCP_NODELAY)")
    serverapp.web_app.add_handlers(".*$", bundle_handlers(serverapp.base_url))
    route = publish_bundle()
    serverapp.log.info("lunarexplainer: Plotly's widget code served once at %s", route)


def with_xsrf_cookie(handler_class: type) -> type:
    """``handler_class`` that also sets the ``_xsrf`` cookie on the pages it serves.

    A Voila page shuts its kernel down when the student leaves it (a ``beforeunload`` beacon
    to ``voila/api/shutdown/<kernel>``), sending the ``_xsrf`` cookie's value as its token.
    Standalone Voila never sets that cookie, so the server refused every shutdown (403) and
    each page a student had left kept its kernel, about 150 MB, until the server stopped: a
    class going through the lessons in one tab piled them up. Inside JupyterLab or a
    JupyterHub user's server the cookie is already set.
    """

    class WithXsrfCookie(handler_class):  # type: ignore[misc, valid-type]
        async def prepare(self, *args: Any, **kwargs: Any) -> None:
            result = super().prepare(*args, **kwargs)
            if inspect.isawaitable(result):
                await result
            _ = self.xsrf_token  # Tornado sets the cookie when the token is first read

    WithXsrfCookie.__name__ = WithXsrfCookie.__qualname__ = handler_class.__name__
    return WithXsrfCookie


def _voila_app() -> Any:
    """Voila's app, also serving the widget bundle (Voila loads no server extensions)."""
    from voila.app import Voila
    from voila.tornado.handler import TornadoVoilaHandler

    class LunarVoila(Voila):
        def init_settings(self) -> dict:
            # gzip for pages and scripts: Voila's own JavaScript (and plotly.js for figures)
            # shrinks from about 10 MB to about 3 MB per page.
            return {**super().init_settings(), "compress_response": True}

        def init_handlers(self) -> list:
            pages = with_xsrf_cookie(TornadoVoilaHandler)
            own = [(route, pages, *rest) if handler is TornadoVoilaHandler
                   else (route, handler, *rest)
                   for route, handler, *rest in super().init_handlers()]
            return [*bundle_handlers(self.server_url), *own]

        def start(self) -> None:
            publish_bundle()  # before the first kernel starts (preheated ones too)
            super().start()

    return LunarVoila


def main(argv: list[str] | None = None) -> int:
    """Run Voila (same arguments as ``voila``) with kernel websockets sending at once."""
    enable_nodelay()
    sys.argv = ["voila", *(sys.argv[1:] if argv is None else argv)]
    _voila_app().launch_instance()
    return 0


if __name__ == "__main__":
    sys.exit(main())
