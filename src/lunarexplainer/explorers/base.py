"""Interactive explorers: ipywidgets controls driving one Plotly ``FigureWidget`` each.

Every explorer is built the same way:

* the controls and ONE ``go.FigureWidget`` are made once (the whole layout goes to the
  constructor, so Voila draws it right away);
* everything that does not depend on the controls (escaped labels, hover texts, projected
  coordinates, per-year member lists) is computed once at construction;
* ONE handler, :meth:`Explorer.update`, reads every control, filters with pandas and updates
  the traces in place, in one message that carries only the values that changed
  (:meth:`~lunarexplainer.explorers.widget.FigureWidget.show_changes`);
* an empty selection shows a friendly note on the chart instead of an error, and any error
  in the handler is printed into :attr:`Explorer.output` (shown under the chart) and logged;
* :meth:`Explorer.to_figure` gives a static ``go.Figure`` whose choices are Plotly's own
  client-side controls (dropdowns, buttons, sliders), so an exported page stays interactive
  with no kernel.

Text that comes from the data is HTML-escaped before Plotly or an HTML widget shows it.
"""

from __future__ import annotations

import html
import logging
import traceback
from typing import Any
from typing import ClassVar

import ipywidgets as w
import plotly.graph_objects as go

from ..charts.common import apply_spec
from ..display import PLOTLY_MIME
from ..display import exporting
from ..display import figure_bundle
from ..display import figure_config
from .widget import FigureWidget

log = logging.getLogger(__name__)

DESCRIPTION_STYLE = {"description_width": "initial"}
#: Rows a list of choices (``SelectMultiple``) shows at once: short enough that the control
#: bar is one row of about 80 px, so that an explorer, controls included, fits a 1280×720
#: projector; a longer list scrolls (mouse wheel, or the arrow keys once it has the focus).
LIST_ROWS = 4
#: Height (px) an explorer leaves for its control bar when it sizes its figure: a bar with
#: lists of choices, and a bar of menus and sliders only.
CONTROL_BAR_PX = 96
MENU_BAR_PX = 40
#: The tallest an explorer may be, control bar and figure together (a 1280×720 projector).
EXPLORER_PX = 720
#: Room between two controls of the bar.
CONTROL_MARGIN = "2px 28px 2px 2px"
#: Projector-sized words on every control of an explorer (JupyterLab's widgets are 13 px):
#: labels, menus and their entries, lists, buttons and slider readouts. A ``<style>`` in a
#: hidden HTML widget of each explorer, so Lab and Voila both get it with no extension.
CONTROL_TEXT_PX = 16
CONTROL_CSS = f"""\
.lunarexplainer-explorer .widget-label, .lunarexplainer-explorer .widget-label-basic,
.lunarexplainer-explorer select, .lunarexplainer-explorer option,
.lunarexplainer-explorer button, .lunarexplainer-explorer .widget-readout,
.lunarexplainer-explorer input {{ font-size: {CONTROL_TEXT_PX}px; }}
.lunarexplainer-explorer .widget-dropdown select {{ height: 32px; }}
.lunarexplainer-explorer .widget-readout {{ width: auto; max-width: none; overflow: visible; }}"""

class Explorer:
    """Base class: controls + one FigureWidget + one handler + error output + static form.

    An explorer whose ``chart`` is set uses that chart module's builder (see
    :mod:`lunarexplainer.charts.common`): ``prepare`` once, then ``build`` for the controls'
    values on every change, applied in place; its summary is the chart's ``summary_of`` and
    its static form the chart's ``static_form``. Control names are the chart's option names.
    """

    #: The chart module this explorer shows (``prepare``/``build``/``summary_of``/...).
    chart: ClassVar[Any] = None
    #: Short name used in :data:`EXPLORERS` (the chart's name).
    name: ClassVar[str] = ""
    #: Annotation text for an empty selection.
    empty_text: ClassVar[str] = "Nothing selected — pick at least one option"
    #: Height (px) of the live figure's plot area, passed to the chart's builder as
    #: ``plot_px`` (None: the chart's own, the static form's), so that the figure and the
    #: control bar above it fit :data:`EXPLORER_PX` together. Only the live figure gets it:
    #: the summary and the static form are the chart's own.
    plot_px: int | None = None
    #: Height (px) its control bar may take (:data:`CONTROL_BAR_PX` or :data:`MENU_BAR_PX`).
    bar_px: ClassVar[int] = MENU_BAR_PX

    def __init__(self, ds: Any, **options: Any) -> None:
        self.ds = ds
        self.options = options
        self.output = w.Output(layout=w.Layout(max_height="12em", overflow="auto"))
        self._prepare()
        self.controls: dict[str, w.Widget] = self._make_controls()
        base = self._base_figure()
        self.figure = FigureWidget(data=base.data, layout=base.layout)
        # The live widget's plotly.js reads map shapes from this config (the shipped
        # topojson), never from the CDN; other charts get the same config without it.
        self.figure._config = figure_config(base)
        self.widget = w.VBox(self._children(), layout=w.Layout(width="100%"))
        self.widget.add_class("lunarexplainer-explorer")
        self.widget.add_class(f"lunarexplainer-{self.name}")
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.update()
        self.figure.sync_state()  # views made later start from the controls' state

    # -- to be filled in by each explorer (the chart's builder gives the defaults) -------------
    def _prepare(self) -> None:
        """Precompute everything that does not depend on the controls."""
        if self.chart is not None:
            self.prepared = self.chart.prepare(self.ds)

    def _make_controls(self) -> dict[str, w.Widget]:
        raise NotImplementedError

    def _live(self, values: dict[str, Any]) -> dict[str, Any]:
        """The builder's options for the live figure: the controls' values and ``plot_px``."""
        return values if self.plot_px is None else {**values, "plot_px": self.plot_px}

    def _base_figure(self) -> go.Figure:
        return self.chart.figure_from(self.prepared, **self._live(self.values()))

    def _update(self, values: dict[str, Any]) -> None:
        """The chart's ``build`` for ``values``, applied in place, sending only what changed."""
        spec = self.chart.build(self.prepared, **self._live(values))
        last = getattr(self, "_shown", None)
        if last is None or len(last["data"]) != len(spec["data"]):
            with self.figure.batch_update():
                apply_spec(self.figure, spec)
        else:
            self.figure.show_changes(spec, last)
        self._shown = spec

    def summary(self) -> str:
        """One to three plain sentences about the current selection."""
        return self.chart.summary_of(self.prepared, **self.values())

    def to_figure(self) -> go.Figure:
        """Static form with Plotly's own client-side controls (built when exporting)."""
        return self.chart.static_form(self.prepared, **self.values())

    def _bar_items(self) -> list[w.Widget]:
        """What the control bar holds, left to right (by default each control)."""
        return list(self.controls.values())

    def _body(self) -> w.Widget:
        """What sits under the control bar (by default the figure)."""
        return self.figure

    # -- shared machinery ----------------------------------------------------------------------
    def _children(self) -> list[w.Widget]:
        """The control bar (one row, labels beside their controls, wrapping only when the
        page is narrow), the figure and the error output."""
        items = self._bar_items()
        for item in items:
            item.layout.margin = CONTROL_MARGIN
        bar = w.HBox(items, layout=w.Layout(flex_flow="row wrap", align_items="flex-start",
                                            width="100%"))
        bar.add_class("lunarexplainer-controls")
        style = w.HTML(f"<style>{CONTROL_CSS}</style>", layout=w.Layout(display="none"))
        return [bar, self._body(), self.output, style]

    def values(self) -> dict[str, Any]:
        """The current value of every control."""
        return {name: control.value for name, control in self.controls.items()}

    def _on_change(self, change: dict[str, Any]) -> None:
        self.update()

    def update(self) -> None:
        """The one handler: read every control, filter, update the figure in place."""
        try:
            self._update(self.values())
        except Exception as err:  # shown to the student, and logged for the teacher
            self._show_error(err)
        else:
            if self.output.outputs:
                self.output.outputs = ()

    def _show_error(self, err: BaseException) -> None:
        log.exception("%s update failed", type(self).__name__)
        text = "".join(traceback.format_exception(type(err), err, err.__traceback__))
        self.output.outputs = ()  # works with or without a kernel, unlike clear_output()
        self.output.append_stderr(
            f"Sorry, the chart could not be updated: {type(err).__name__}: {err}\n\n{text}")

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """The live widget and a Markdown summary; in a static export also the static form.

        Lab and Voila show the widget and never the static form, so it is built and sent only
        when :func:`~lunarexplainer.display.exporting` (in the export's kernel), where the
        exporter, which cannot run widgets, uses the Plotly JSON and the Markdown.
        """
        self.figure.sync_state()
        bundle = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        if exporting():
            bundle[PLOTLY_MIME] = figure_bundle(self.to_figure())[PLOTLY_MIME]
            bundle["text/markdown"] = html.escape(self.static_summary(), quote=False)
        else:
            bundle["text/markdown"] = html.escape(self.summary(), quote=False)
        return bundle

    def static_summary(self) -> str:
        """Summary of the static form as it opens (the live summary unless it differs)."""
        return self.summary()
