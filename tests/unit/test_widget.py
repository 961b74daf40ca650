"""The plotly and anywidget behaviour explorers/widget.py relies on, and the bundle loader."""

from __future__ import annotations

import gzip
import re

import anywidget
import ipywidgets as w
import plotly.graph_objects as go
import pytest

from lunarexplainer import serverext
from lunarexplainer.charts.common import apply_spec
from lunarexplainer.data import load_dataset
from lunarexplainer.explorers import EXPLORERS
from lunarexplainer.explorers import widget

from chart_data import EXPLORER_DATA


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

#: The loader is a few kB (with the treemap click rule it shares with the site), not 5 MB.
LOADER_MAX = 6000


def test_a_serving_server_gets_the_loader(monkeypatch):
    monkeypatch.delenv(serverext.BUNDLE_URL_ENV, raising=False)
    route = serverext.publish_bundle()
    try:
        loader = widget.served_loader()
    finally:
        monkeypatch.delenv(serverext.BUNDLE_URL_ENV)
        monkeypatch.delenv(serverext.BUNDLE_FILE_ENV)
    assert re.fullmatch(r"lunarexplainer/plotly-widget\.[0-9a-f]{16}\.js", route)
    assert loader is not None and len(loader) < LOADER_MAX
    assert f'"{route}"' in loader and "jupyter-config-data" in loader
    assert "function lxTreemapView" in loader and "plotly_treemapclick" in loader
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
    assert route in Probe()._esm and len(Probe()._esm) < LOADER_MAX


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


# --------------------------------------------------------------------------- show_changes


def option_values(control: w.Widget) -> list[object]:
    """Values a student can give a control, each different from the one before."""
    if isinstance(control, w.SelectMultiple):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return [tuple(options[:k]) for k in range(1, len(options) + 1)] + [
            (o,) for o in options] + [()]
    if isinstance(control, w.IntRangeSlider):
        lo, hi = control.min, control.max
        return [(lo, lo), (lo, hi), ((lo + hi) // 2, hi), (lo, hi)]
    if isinstance(control, w.IntSlider):
        return [control.min, control.max, (control.min + control.max) // 2]
    options = getattr(control, "options", ())
    return [o[1] if isinstance(o, tuple) else o for o in options]


def without_uids(fig: go.BaseFigure) -> dict:
    """The figure as plotly.js gets it, less the trace ids each widget makes up."""
    out = fig.to_plotly_json()
    out["data"] = [{k: v for k, v in trace.items() if k != "uid"} for trace in out["data"]]
    return out


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_an_update_gives_the_figure_and_message_plotlys_own_assignment_gives(name, monkeypatch):
    """``show_changes`` against assigning every value inside ``batch_update()``: after each
    change of each control, the kernel's figure is the same, and the one message it sent,
    applied to the browser's copy of the figure as plotly.js applies it, gives that figure."""
    sent: list[tuple[dict, dict, list[int]]] = []
    original = go.FigureWidget._send_update_msg

    def record(fig, restyle_data, relayout_data, trace_indexes=None, source_view_id=None):  # noqa: ANN001, ANN202
        if isinstance(fig, widget.FigureWidget):
            sent.append((restyle_data, relayout_data,
                         fig._normalize_trace_indexes(trace_indexes)))
        return original(fig, restyle_data, relayout_data, trace_indexes, source_view_id)

    monkeypatch.setattr(go.FigureWidget, "_send_update_msg", record)
    explorer = EXPLORERS[name](load_dataset(EXPLORER_DATA))
    reference = go.FigureWidget(explorer.figure.to_plotly_json())
    browser = go.Figure(explorer.figure.to_plotly_json())
    changes = 0
    for control in explorer.controls.values():
        for value in option_values(control):
            if value == control.value:
                continue
            sent.clear()
            control.value = value
            with reference.batch_update():
                apply_spec(reference, explorer.chart.build(
                    explorer.prepared, **explorer._live(explorer.values())))
            assert without_uids(explorer.figure) == without_uids(reference), (name, value)
            assert len(sent) <= 1
            for restyle, relayout, traces in sent:
                browser.plotly_update(restyle, relayout, traces)
            assert without_uids(browser) == without_uids(reference), (name, value)
            changes += 1
    assert changes >= 3


def test_a_list_of_dicts_that_grows_is_read_anew():
    fig = widget.FigureWidget(data=[{"type": "bar", "y": [1, 2]}],
                              layout={"annotations": [{"text": "a"}]})
    last = {"data": [{"type": "bar", "y": [1, 2]}], "layout": {"annotations": [{"text": "a"}]}}
    assert len(fig.layout.annotations) == 1
    spec = {"data": [{"type": "bar", "y": [3, 2], "marker": {"color": "red"}}],
            "layout": {"annotations": [{"text": "b"}, {"text": "c"}], "title": {"text": "t"}}}
    fig.show_changes(spec, last)
    assert [a.text for a in fig.layout.annotations] == ["b", "c"]
    assert fig.data[0].marker.color == "red" and list(fig.data[0].y) == [3, 2]
    assert fig.layout.title.text == "t"
    spec["data"][0]["y"].append(9)  # the figure keeps its own copy of what it shows
    assert list(fig.data[0].y) == [3, 2]
    fig.show_changes({"data": [{"type": "bar", "marker": {"color": None}}], "layout": {}},
                     spec)
    assert fig.data[0].marker.color is None
    breaks = {"xaxis": {"rangebreaks": [{"bounds": ["sat", "mon"]}]}}
    fig.show_changes({"data": [{"type": "bar"}], "layout": breaks},
                     {"data": [{"type": "bar"}], "layout": {}})
    assert len(fig.layout.xaxis.rangebreaks) == 1
    two = {"xaxis": {"rangebreaks": [{"bounds": ["sat", "mon"]}, {"values": ["2026-01-01"]}]}}
    fig.show_changes({"data": [{"type": "bar"}], "layout": two},
                     {"data": [{"type": "bar"}], "layout": breaks})
    assert [list(b.bounds or b.values) for b in fig.layout.xaxis.rangebreaks] == \
        [["sat", "mon"], ["2026-01-01"]]
