"""The one place that touches plotly internals: a ``FigureWidget`` subclass for explorers.

plotly.js forgets an axis type set in the layout whenever a trace's ``x`` or ``y`` changes, and
plotly.py refreshes a widget's saved state only when the figure itself is displayed. This
subclass works around both, and applies an explorer's change in one message of just the changed
values (:meth:`FigureWidget.show_changes`); ``tests/unit/test_widget.py`` pins the plotly
behaviour it relies on.

It also sends Plotly's widget code once per page instead of once per widget. ``go.FigureWidget``
is an anywidget whose ``_esm`` (the widget's JavaScript module, sent in its state) is Plotly's
whole widget bundle, about 5 MB. When the Jupyter server that started this kernel serves that
bundle (:mod:`lunarexplainer.serverext` says so in the environment), ``_esm`` becomes
:func:`bundle_loader`: a few lines that ``import()`` the bundle from the server, relative to the
page's base URL (so it works under a hub's ``/user/NAME/``, in Lab and in Voila). The browser
fetches and runs it once per page, and keeps it in its cache. Otherwise (nbconvert, tests, a
kernel from another environment) the inline bundle stays.

The loader is ready at once and keeps Plotly's update messages until the bundle has run, then
hands them to Plotly's model in order. anywidget (0.11) waits only 2 s for a widget's module
after the widget is created and then drops every message to it for good: with the bundle
inline five times over, the later explorers on a page missed that deadline and never answered.
"""

from __future__ import annotations

import json
import os
import re
from copy import deepcopy
from pathlib import Path
from typing import Any

from ..deferred import defer_module

# go.FigureWidget imports plotly.io._renderers, which imports nbformat at its top only to read
# nbformat.__version__ when a figure is shown with a renderer (which explorers never do).
# nbformat -> jsonschema -> rfc3987_syntax builds Lark parsers at import: about 1.6 s of a
# kernel's 2.5 s to import the explorers. Likewise plotly.io._kaleido imports kaleido (and
# its browser driver, choreographer) for image export, which a kernel never does. So both are
# deferred here: their code runs only when something really uses them, and then they are the
# usual, complete modules.
defer_module("nbformat")
defer_module("kaleido")

import plotly.graph_objects as go  # noqa: E402

# Reached through plotly's lazy `go.FigureWidget` lookup inside a kernel, plotly.io._renderers
# took longer than imported plainly first (measured in `make bench`: notebook_exec_s). So
# import it plainly, before the subclass below needs it.
import plotly.io._renderers  # noqa: E402, F401  (see above)
from plotly.basedatatypes import Undefined  # noqa: E402

from ..serverext import BUNDLE_FILE_ENV  # noqa: E402
from ..serverext import BUNDLE_URL_ENV  # noqa: E402

LOADER = """\
// Plotly's widget code, fetched once per page from the Jupyter server (lunarexplainer.serverext).
function baseUrl() {
  const config = document.getElementById("jupyter-config-data");  // Lab, Notebook and Voila
  if (config) {
    try {
      const url = JSON.parse(config.textContent).baseUrl;
      if (url) { return url; }
    } catch (err) { /* fall through */ }
  }
  return (document.body && document.body.dataset.baseUrl) || "/";
}
let bundle;  // one import for every widget on the page
const load = () => (bundle ??= import(new URL(ROUTE, new URL(baseUrl(), document.baseURI)).href));
load();
// anywidget ignores every message to a model whose module is not ready within 2 s of its
// creation. So this module is ready at once; what Python sends before Plotly's code is here
// is kept and handed to Plotly's model, in order, once it is.
export default () => {
  let plotly;
  return {
    initialize(ctx) {
      const early = [];
      const keep = MESSAGES.map((name) => {
        const hold = () => {
          const value = ctx.model.get(name);
          if (value !== null) { early.push([name, value]); }
        };
        ctx.model.on(`change:${name}`, hold);
        return [name, hold];
      });
      plotly = load().then((module) => {
        keep.forEach(([name, hold]) => ctx.model.off(`change:${name}`, hold));
        const widget = module.default();
        widget.initialize(ctx);
        for (const [name, value] of early) {
          ctx.model.set(name, value);
          ctx.model.set(name, null);
        }
        return widget;
      });
    },
    async render(ctx) {
      // Once Plotly has drawn the figure: it follows its own width, and a treemap click that
      // opens a view of its own (treemap_views.js) goes to Python, which picks that view in
      // the explorer's menu; plotly.js does not zoom.
      const drawn = (event) => {
        const gd = event.detail && event.detail.element;
        if (!gd || !(gd === ctx.el || ctx.el.contains(gd))) { return; }
        document.removeEventListener("plotlywidget-after-render", drawn);
        // A figure drawn before its page had laid it out (Voila, a page opened from another
        // lesson's link) is drawn at plotly.js's default 700 px and kept there: plotly.js
        // resizes it only when the window's size changes. So it is resized whenever its box
        // is not the width it was drawn at (a ResizeObserver also reports once at the start).
        new ResizeObserver(() => {
          const full = gd._fullLayout || {};
          if (full.autosize && gd.clientWidth && Math.abs(full.width - gd.clientWidth) > 1
              && gd._responsiveChartHandler) {
            gd._responsiveChartHandler();
          }
        }).observe(gd);
        gd.on("plotly_treemapclick", (ev) => {
          const level = lxTreemapView(gd, ev);
          if (level === null) { return undefined; }
          ctx.model.send({ lunarexplainer: "treemap_view", level });
          return false;
        });
      };
      document.addEventListener("plotlywidget-after-render", drawn);
      return (await plotly).render(ctx);
    },
  };
};
"""


def plotly_messages() -> list[str]:
    """The widget traits plotly.py sends updates through (set to a message, then to None)."""
    return sorted(name for name in go.FigureWidget.class_trait_names()
                  if name.startswith("_py2js_"))


#: The treemap click rule the loader shares with the static site (``lxTreemapView``).
TREEMAP_VIEWS = Path(__file__).parent.parent / "templates" / "web" / "treemap_views.js"


def bundle_loader(route: str) -> str:
    """The ES module that imports Plotly's widget bundle from ``route`` under the base URL."""
    return (f"const ROUTE = {json.dumps(route)};\n"
            f"const MESSAGES = {json.dumps(plotly_messages())};\n"
            f"{TREEMAP_VIEWS.read_text(encoding='utf-8')}\n{LOADER}")


def inline_bundle_file() -> Path:
    """The file ``go.FigureWidget`` sends inline as its ``_esm``."""
    return Path(go.FigureWidget._esm._path)


def served_loader(environ: Any = os.environ) -> str | None:
    """The loader when this kernel's server serves this kernel's own bundle, else None."""
    route, served = environ.get(BUNDLE_URL_ENV), environ.get(BUNDLE_FILE_ENV)
    if not route or not served:
        return None
    try:
        same = Path(served).samefile(inline_bundle_file())
    except OSError:
        return None
    return bundle_loader(route) if same else None


class FigureWidget(go.FigureWidget):
    """A ``FigureWidget`` that keeps the layout's axis types and can refresh its saved state.

    plotly.js forgets an axis type set in the layout whenever a trace's ``x`` or ``y`` changes
    (it clears the type and guesses again from the first trace). The mission timeline's first
    trace holds bar lengths in milliseconds, so the guess was "linear": after any control
    change the launch-date axis lost its years and the "today" line had no place to go.
    Naming the types in the same message stops the guess, exactly as the static forms do.

    Its ``_esm`` is the small loader of :func:`served_loader` when the server serves the
    bundle (see the module's docstring).
    """

    _esm = served_loader() or go.FigureWidget._esm

    def on_treemap_view(self, callback: Any) -> None:
        """Call ``callback(level)`` when a treemap click asks for the view of ``level`` (a
        top-level tile's id, or "" for all of them) instead of plotly.js's zoom. Only the
        served loader sends these (a chart asks for them with ``layout.meta.level_views``);
        with the inline bundle plotly.js zooms as usual."""
        def handle(_widget: Any, content: Any, _buffers: Any) -> None:
            # the loader's ctx.model.send({lunarexplainer: "treemap_view", level})
            if isinstance(content, dict) and content.get("lunarexplainer") == "treemap_view":
                level = content.get("level")
                if isinstance(level, str):
                    callback(level)

        self.on_msg(handle)

    def sync_state(self) -> None:
        """Make the state a new view starts from equal to the figure as it is now.

        Updates reach the browser as messages; a view created later (Voila fetches widget
        state only after the notebook has run, Lab after a page reload) starts from
        ``_widget_data``/``_widget_layout``, which plotly refreshes only when the figure
        itself is displayed, not when it sits inside a box. Without this a Voila page opened
        on the figure as first built (titles like "Members"), not on the controls' state.
        """
        self._widget_layout = deepcopy(self._layout_obj._props)
        self._widget_data = deepcopy(self._data)

    def show_changes(self, spec: dict[str, Any], last: dict[str, Any]) -> None:
        """Show ``spec`` (a builder's plain ``{"data", "layout"}``) where ``last`` is shown now,
        in ONE update message carrying only the values that differ.

        The same message and the same figure as assigning each changed value inside
        ``batch_update()`` (``tests/unit/test_widget.py`` compares them), without plotly.py's
        per-assignment work: each assignment validates the value, parses its path and records
        it, then the batch's end parses every path again, compares and stores it. That work
        was most of an explorer's update (mission timeline p95: 6.3 ms that way, 1.2 ms this
        way, measured together on a busy 2-core machine). The values are not validated
        again: they come from the chart's builder, and that test gives every control's every
        value to plotly's validating assignment too. A list of dicts whose length changes (an
        annotation added) is stored whole, and plotly's cached objects for it are dropped so
        ``fig.layout.annotations`` reads it anew.
        """
        changed: dict[int, dict[str, Any]] = {}
        for index, (new, old) in enumerate(zip(spec["data"], last["data"], strict=True)):
            if paths := changed_paths(new, old):
                store(self._data[index], paths, self._data_objs[index])
                changed[index] = paths
        # Plotly's restyle: one list per path, a value per changed trace (Undefined: no change).
        traces = sorted(changed)
        restyle = {path: [changed[i].get(path, Undefined) for i in traces]
                   for path in sorted({p for paths in changed.values() for p in paths})}
        relayout = changed_paths(spec["layout"], last["layout"])
        store(self._layout, relayout, self._layout_obj)
        if restyle or relayout:
            self._send_update_msg(restyle, relayout, traces)

    def _pinned_axis_types(self) -> dict[str, str]:
        return {f"{name}.type": axis["type"] for name, axis in self._layout.items()
                if name.startswith(("xaxis", "yaxis")) and isinstance(axis, dict)
                and axis.get("type") not in (None, "-")}

    def _send_restyle_msg(self, restyle_data: dict[str, Any], trace_indexes: Any = None,
                          source_view_id: str | None = None) -> None:
        self._send_update_msg(restyle_data, {}, trace_indexes, source_view_id)

    def _send_update_msg(self, restyle_data: dict[str, Any], relayout_data: dict[str, Any],
                         trace_indexes: Any = None, source_view_id: str | None = None) -> None:
        if restyle_data:
            relayout_data = {**self._pinned_axis_types(), **relayout_data}
        super()._send_update_msg(restyle_data, relayout_data, trace_indexes, source_view_id)


def changed_paths(new: dict[str, Any], old: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Plotly key paths (``"marker.colors"``, ``"annotations[1].text"``) of the values in
    ``new`` that differ from ``old``: dicts compared key by key, lists of dicts of the same
    length item by item, ``meta`` and everything else as one value; ``type`` never."""
    out: dict[str, Any] = {}
    for key, value in new.items():
        before = old.get(key)
        if key == "type" or value == before:
            continue
        path = f"{prefix}{key}"
        if isinstance(value, dict) and isinstance(before, dict) and key != "meta":
            out.update(changed_paths(value, before, path + "."))
        elif (isinstance(value, list) and isinstance(before, list) and len(value) == len(before)
              and value and all(isinstance(v, dict) for v in (*value, *before))):
            for i, (item, was) in enumerate(zip(value, before, strict=True)):
                out.update(changed_paths(item, was, f"{path}[{i}]."))
        else:
            out[path] = value
    return out


PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def store(props: dict[str, Any], paths: dict[str, Any], obj: Any) -> None:
    """Write ``paths`` (from :func:`changed_paths`) into a figure's plain ``props`` (a trace's
    or the layout's dict), as plotly's own update does; ``None`` removes a value."""
    for path, value in paths.items():
        keys = [int(i) if i else name for name, i in PATH_PART.findall(path)]
        here = props
        for key, after in zip(keys, keys[1:], strict=False):
            if isinstance(here, list):
                here.extend([None] * (key + 1 - len(here)))
                if here[key] is None:
                    here[key] = [] if isinstance(after, int) else {}
            elif here.get(key) is None:
                here[key] = [] if isinstance(after, int) else {}
            here = here[key]
        last = keys[-1]
        if value is None:
            if isinstance(here, dict):
                here.pop(last, None)
            else:
                here[last] = None
        else:
            value = deepcopy(value)
            if isinstance(here, list):
                here.extend([None] * (last + 1 - len(here)))
            here[last] = value
        # plotly keeps objects for dicts and lists of dicts: those of a value replaced whole
        # (a list of annotations that grew) are made anew when next read.
        owner = obj if len(keys) == 1 else None
        if owner is None and isinstance(value, list) and any(isinstance(v, dict) for v in value):
            owner = obj[tuple(keys[:-1])]
        if owner is not None:
            owner._compound_props.pop(last, None)
            owner._compound_array_props.pop(last, None)
