"""Live explorer of the partner map: who had joined by a chosen year.

Everything it shows is built by :mod:`lunarexplainer.charts.partner_map`; this module only makes
the controls (named like the chart's options) and the count label under them.
"""

from __future__ import annotations

import ipywidgets as w

from ..charts import partner_map
from ..text import t
from .base import DESCRIPTION_STYLE
from .base import Explorer


class PartnerExplorer(Explorer):
    """Who had joined the ILRS and the Artemis Accords by a chosen year: map and count."""

    chart = partner_map
    name = "partner_map"

    def _make_controls(self) -> dict[str, w.Widget]:
        o = self.options
        lo, hi = self.prepared.years
        year = o.get("year")
        return {
            "framework": w.Dropdown(options=partner_map.framework_choices(),
                                    value=o.get("framework") or "both",
                                    description=t("Show"), style=DESCRIPTION_STYLE),
            "year": w.IntSlider(value=hi if year is None else min(max(int(year), lo), hi),
                                min=lo, max=hi, description=t("Year"),
                                continuous_update=False, style=DESCRIPTION_STYLE,
                                layout=w.Layout(width="28em")),
        }
