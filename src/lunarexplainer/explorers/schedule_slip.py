"""Live explorer of the schedule slip chart: one control, ``subjects``.

Everything it draws and says comes from :mod:`lunarexplainer.charts.schedule_slip`
(``prepare``/``build``/``summary_of``/``static_form``); this module only makes the control.
"""

from __future__ import annotations

import ipywidgets as w

from ..charts import schedule_slip
from ..text import t
from .base import CONTROL_BAR_PX
from .base import DESCRIPTION_STYLE
from .base import EXPLORER_PX
from .base import LIST_ROWS
from .base import Explorer


class ScheduleSlipExplorer(Explorer):
    """When each target date was announced (x) against the date it aimed for (y)."""

    chart = schedule_slip
    name = "schedule_slip"
    bar_px = CONTROL_BAR_PX

    def _prepare(self) -> None:
        super()._prepare()
        # The plot area: what the figure leaves of the explorer's height under the control
        # bar (the title, the key and the footer take the rest).
        frame = self.prepared.room["height"] - schedule_slip.PLOT_PX
        self.plot_px = min(schedule_slip.PLOT_PX, EXPLORER_PX - self.bar_px - frame)

    def _make_controls(self) -> dict[str, w.Widget]:
        prepared = self.prepared
        chosen = schedule_slip.chosen_subjects(prepared, self.options.get("subjects"))
        return {"subjects": w.SelectMultiple(
            options=[(prepared.subjects[s].name, s) for s in prepared.order],
            value=tuple(chosen), rows=LIST_ROWS,
            description=t("Missions and goals"), style=DESCRIPTION_STYLE,
            layout=w.Layout(width="32em"))}

    def static_summary(self) -> str:
        """Summary of the static form as it opens (the most revised when nothing is chosen)."""
        return schedule_slip.static_summary(self.prepared, **self.values())
