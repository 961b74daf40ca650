"""The plotly and anywidget behaviour explorers/widget.py relies on, and the bundle loader."""

from __future__ import annotations

import gzip
import re

import anywidget
import plotly.graph_objects as go
import pytest

from lunarexplainer import serverext
from lunarexplainer.explorers import widget


def test_plotly_figurewidget_is_an_anywidget_whose_esm_is_the_bundle_file():
    assert issubclass(go.FigureWidget, anywidget.AnyWidget)
    esm = go.FigureWidget._esm
    assert widget.inline_bundle_file() == serverext.plotly_widget_bundle()
    text = str(esm)
    assert len(text) > 1_000_000 and text == serverext.plotly_widget_bundle().read_text()
    # an ES module whose default export is the widget (what the loader re-exports)
    assert re.search(r"export\s*\{[^}]*\bas default\b[^}]*\}", text[-5000:])
    assert go.FigureWidget()._esm == text  # each widget's state carries it, when inline


def test_without_a_serving_server_the_bundle_stays_inline(monkeypatch):
    monkeypatch.delenv(serverext.BUNDLE_URL_ENV, raising=False)
    monkeypatch.delenv(serverext.BUNDLE_FILE_ENV, raising=False)
    assert widget.served_loader() is None
    other = {serverext.BUNDLE_URL_ENV: "lunarexplainer/plotly-widget.0.js",
             serverext.BUNDLE_FILE_ENV: __file__}  # a server serving another plotly
    assert widget.served_loader(other) is None


def test_a_serving_server_gets_the_loader(monkeypatch):
    monkeypatch.delenv(serverext.BUNDLE_URL_ENV, raising=False)
    route = serverext.publish_bundle()
    try:
        loader = widget.served_loader()
    finally:
        monkeypatch.delenv(serverext.BUNDLE_URL_ENV)
        monkeypatch.delenv(serverext.BUNDLE_FILE_ENV)
    assert re.fullmatch(r"lunarexplainer/plotly-widget\.[0-9a-f]{16}\.js", route)
    assert loader is not None and len(loader) < 2500
    assert f'"{route}"' in loader and "jupyter-config-data" in loader
    assert "import(new URL(ROUTE" in loader and "export default" in loader
    assert "_py2js_update" in loader  # messages that arrive before the bundle are kept
    # anywidget takes a multi-line string as the module's source, not as a file name
    assert anywidget._util.try_file_contents(loader) is None


def test_widget_subclass_sends_the_loader_when_the_class_is_made_with_the_env(monkeypatch):
    route = serverext.publish_bundle()
    try:
        class Probe(go.FigureWidget):
            _esm = widget.served_loader() or go.FigureWidget._esm
    finally:
        monkeypatch.delenv(serverext.BUNDLE_URL_ENV)
        monkeypatch.delenv(serverext.BUNDLE_FILE_ENV)
    assert route in Probe()._esm and len(Probe()._esm) < 2500


@pytest.fixture
def bundle_app():
    from tornado import web

    return web.Application(serverext.bundle_handlers("/user/ana/"))


def _fetch(app, path: str, **headers: str):  # noqa: ANN202
    """GET ``path`` from ``app`` on a thread of its own.

    Tornado's test client runs its own event loop, which it cannot do on a
    thread where an earlier test left a loop running, so it gets a fresh one.
    """
    from concurrent.futures import ThreadPoolExecutor

    from tornado.httpclient import HTTPClientError
    from tornado.testing import AsyncHTTPTestCase

    class Case(AsyncHTTPTestCase):
        def get_app(self):  # noqa: ANN202
            return app

        def runTest(self):  # noqa: N802
            pass

    def fetch():  # noqa: ANN202
        case = Case()
        case.setUp()
        try:
            return case.fetch(path, headers=headers, decompress_response=False)
        except HTTPClientError as err:  # pragma: no cover
            return err.response
        finally:
            case.tearDown()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fetch).result(timeout=60)


def test_server_serves_the_bundle_under_the_base_url_for_good(bundle_app):
    route = serverext.bundle_route()
    body = serverext.plotly_widget_bundle().read_bytes()
    plain = _fetch(bundle_app, f"/user/ana/{route}")
    assert plain.code == 200 and plain.body == body
    assert plain.headers["Content-Type"].startswith("text/javascript")
    assert "immutable" in plain.headers["Cache-Control"]
    packed = _fetch(bundle_app, f"/user/ana/{route}", **{"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.body) == body and len(packed.body) < len(body) / 2
    assert _fetch(bundle_app, "/user/ana/lunarexplainer/plotly-widget.0123abcd.js").code == 404
    assert _fetch(bundle_app, f"/{route}").code == 404  # only under the base URL
