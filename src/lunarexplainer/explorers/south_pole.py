"""Live explorer of the south pole map: layers and a site to read about.

Everything drawn, said and written comes from :mod:`lunarexplainer.charts.south_pole`; this
module only makes the two controls (named like the chart's options) and the site note panel.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..charts import south_pole
from ..text import t
from .base import DESCRIPTION_STYLE
from .base import Explorer


class SouthPoleExplorer(Explorer):
    """The Moon's south pole on our own polar-stereographic map; pick a site to read about it."""

    chart = south_pole
    name = "south_pole"

    def _prepare(self) -> None:
        self.prepared = south_pole.prepare(
            self.ds, lat_limit=self.options.get("lat_limit", south_pole.LAT_LIMIT))

    def _make_controls(self) -> dict[str, w.Widget]:
        pole, o = self.prepared, self.options
        sites = south_pole.site_options(pole)
        layers = south_pole.layer_options(pole)
        site = o.get("site", south_pole.default_site(pole))
        return {
            "site": w.Dropdown(options=sites,
                               value=site if site in {v for _, v in sites} else "",
                               description=t("Site"), style=DESCRIPTION_STYLE,
                               layout=w.Layout(width="30em")),
            "layers": w.SelectMultiple(options=layers,
                                       value=tuple(south_pole.chosen_layers(
                                           pole, o.get("layers"))),
                                       rows=len(layers), description=t("Layers"),
                                       style=DESCRIPTION_STYLE),
        }

    def _extra_widgets(self) -> list[w.Widget]:
        self.info = w.HTML(layout=w.Layout(border="1px solid #BBBBBB", padding="0.5em",
                                           width="100%"), style={"font_size": "16px"})
        return [self.info]

    def static_summary(self) -> str:
        """Summary of the static form as it opens (without a site its menus cannot show)."""
        return south_pole.static_summary(self.prepared, **self.values())

    def _update(self, values: dict[str, Any]) -> None:
        super()._update(values)
        self.info.value = south_pole.site_info(self.prepared, values["site"])
