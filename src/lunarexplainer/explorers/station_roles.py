"""Live explorer of the ILRS roles treemap: a ``role`` dropdown ("all four roles" or one role).

Everything it draws, says and exports comes from :mod:`lunarexplainer.charts.station_roles`
(``prepare`` once, ``build`` for each choice, ``summary_of``, ``static_form``); the base class
applies each ``build`` in place.
"""

from __future__ import annotations

import ipywidgets as w

from ..charts import station_roles
from ..text import t
from .base import DESCRIPTION_STYLE
from .base import Explorer


class RolesExplorer(Explorer):
    """Pick all four ILRS roles, or one, to see its objectives and the missions serving them."""

    chart = station_roles
    name = "station_roles"

    def _make_controls(self) -> dict[str, w.Widget]:
        options = station_roles.role_options(self.prepared)
        values = [value for _, value in options]
        # Opens on the first role: the lesson has just shown all four with show().
        value = self.options.get("role", values[1] if len(values) > 1 else values[0])
        return {"role": w.Dropdown(options=options, value=value, description=t("Role"),
                                   style=DESCRIPTION_STYLE, layout=w.Layout(width="30em"))}
