"""Live explorer of the mission timeline chart (:mod:`lunarexplainer.charts.mission_timeline`).

Its controls have the chart's option names (``programs``, ``agencies``, ``statuses``,
``crewed``, ``years``); the base class builds the figure, updates it and writes the summary and
the static form with the chart's own builder.
"""

from __future__ import annotations

from typing import Any
from typing import ClassVar

import ipywidgets as w

from .. import theme
from ..charts import mission_timeline as chart
from ..text import t
from .base import CONTROL_MARGIN
from .base import DESCRIPTION_STYLE
from .base import Explorer


class MissionTimelineExplorer(Explorer):
    """Moon missions by program over time, filtered by program, agency, status, crew and years."""

    chart: ClassVar[Any] = chart
    name = chart.NAME
    #: Plot width (px) the chart assumes when it places names in label lanes.
    PLOT_PX = chart.PLOT_PX
    #: The lists of programs, agencies and statuses that the button of the control bar
    #: shows and hides (the chart needs all its height to name every mission of the
    #: lessons' view, so the lists open only when asked for).
    LISTS = ("programs", "agencies", "statuses")

    @property
    def programs(self) -> list[str]:
        """Every program in the data, in the chart's row order."""
        return list(self.prepared.programs)

    def _make_controls(self) -> dict[str, w.Widget]:
        p = self.prepared
        o = chart.resolve(p, **self.options)
        rows = min(7, max(3, len(p.programs)))
        return {
            "programs": w.SelectMultiple(
                options=[(chart.program_label(x), x) for x in p.programs],
                value=tuple(x for x in o["programs"] if x in p.programs), rows=rows,
                description=t("Programs"), style=DESCRIPTION_STYLE),
            "agencies": w.SelectMultiple(
                options=[(theme.agency_name(a), a) for a in p.agencies],
                value=tuple(x for x in o["agencies"] if x in p.agencies),
                rows=rows, description=t("Agencies"), style=DESCRIPTION_STYLE),
            "statuses": w.SelectMultiple(
                options=[(theme.status_label(s), s) for s in p.statuses],
                value=tuple(x for x in o["statuses"] if x in p.statuses), rows=rows,
                description=t("Status"), style=DESCRIPTION_STYLE),
            "crewed": w.ToggleButtons(
                options=[(t("all"), "all"), (t("crewed"), "crewed"),
                         (t("uncrewed"), "uncrewed")],
                value=o["crewed"], description=t("Crew"),
                style={**DESCRIPTION_STYLE, "button_width": "6em"},
                # its label beside the buttons, not over them
                layout=w.Layout(width="auto", display="flex", align_items="center")),
            "years": w.IntRangeSlider(
                value=o["years"], min=p.year_bounds[0], max=p.year_bounds[1],
                description=t("Launch years"), continuous_update=False,
                style=DESCRIPTION_STYLE, layout=w.Layout(width="22em")),
        }

    def _bar_items(self) -> list[w.Widget]:
        """A button that shows the lists, the crew buttons and the years slider: one row."""
        self.more = w.ToggleButton(
            value=False, description=self._more_label(False), tooltip=self._more_tip(False),
            layout=w.Layout(width="auto"))
        self.more.add_class("lunarexplainer-more")
        self.lists = w.HBox([self.controls[name] for name in self.LISTS],
                            layout=w.Layout(flex_flow="row wrap", display="none"))
        for item in self.lists.children:
            item.layout.margin = CONTROL_MARGIN
        self.more.observe(self._show_lists, names="value")
        return [self.more, self.controls["crewed"], self.controls["years"]]

    def _more_label(self, open_: bool) -> str:
        label = t("Programs, agencies, status")
        return label + (" ▴" if open_ else " ▾")

    def _more_tip(self, open_: bool) -> str:
        """The button's tooltip, which a screen reader also reads: it says whether the lists
        are open (ipywidgets' toggle button tells it no state of its own)."""
        if open_:
            return t("The lists of programs, agencies and statuses are shown: press to hide them")
        return t("The lists of programs, agencies and statuses are hidden: press to show them")

    def _show_lists(self, change: dict[str, Any]) -> None:
        self.lists.layout.display = "flex" if change["new"] else "none"
        self.more.description = self._more_label(change["new"])
        self.more.tooltip = self._more_tip(change["new"])

    def _body(self) -> w.Widget:
        """The lists (hidden until the button shows them) over the figure."""
        return w.VBox([self.lists, self.figure])

    def static_summary(self) -> str:
        """What the static form opens on: the live choices, or every program if they match
        nothing (see :func:`~lunarexplainer.charts.mission_timeline.static_options`)."""
        return chart.summary_of(self.prepared,
                                **chart.static_options(self.prepared, **self.values()))
