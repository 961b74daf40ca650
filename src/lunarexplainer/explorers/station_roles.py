"""Live explorer of the ILRS roles treemap: a ``role`` dropdown ("all four roles" or one role).

Everything it draws, says and exports comes from :mod:`lunarexplainer.charts.station_roles`
(``prepare`` once, ``build`` for each choice, ``summary_of``, ``static_form``); the base class
applies each ``build`` in place.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..charts import station_roles
from ..text import t
from .base import DESCRIPTION_STYLE
from .base import Explorer


class RolesExplorer(Explorer):
    """Pick all four ILRS roles, or one, to see its objectives and the missions serving them."""

    chart = station_roles
    name = "station_roles"

    def __init__(self, ds: Any, **options: Any) -> None:
        super().__init__(ds, **options)
        # A click on a role opens its view, as the menu does (and the band of one role's
        # view opens all four again), instead of plotly.js's zoom into the narrow column.
        self.figure.on_treemap_view(self.open_level)

    def _make_controls(self) -> dict[str, w.Widget]:
        options = station_roles.role_options(self.prepared)
        values = [value for _, value in options]
        value = self.options.get("role", values[0])
        return {"role": w.Dropdown(options=options, value=value, description=t("Role"),
                                   style=DESCRIPTION_STYLE, layout=w.Layout(width="30em"))}

    def open_level(self, level: str) -> None:
        """Pick the view a treemap click asked for: a role's tile id, or "" for all four."""
        value = station_roles.role_of_level(level)
        if value in {v for _, v in self.controls["role"].options}:
            self.controls["role"].value = value
