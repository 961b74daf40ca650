"""Live explorer of the south pole map: layers and a site to read about.

Everything drawn, said and written comes from :mod:`lunarexplainer.charts.south_pole`; this
module only makes the two controls (named like the chart's options) and the site note panel
beside the map (so that the explorer, controls included, fits a 1280×720 projector).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import plotly.graph_objects as go

from ..charts import south_pole
from ..text import t
from .base import CONTROL_BAR_PX
from .base import DESCRIPTION_STYLE
from .base import EXPLORER_PX
from .base import LIST_ROWS
from .base import Explorer

#: Narrowest the map figure and the site note beside it may be (px; narrower, the note goes
#: under the map), and the share of the figure's width the map takes (the key has the rest).
MAP_FIGURE_PX = 760
NOTE_PX = 300
MAP_SHARE = 0.66


class SouthPoleExplorer(Explorer):
    """The Moon's south pole on our own polar-stereographic map; pick a site to read about it."""

    chart = south_pole
    name = "south_pole"
    bar_px = CONTROL_BAR_PX

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
                                       rows=min(len(layers), LIST_ROWS), description=t("Layers"),
                                       style=DESCRIPTION_STYLE),
        }

    def _base_figure(self) -> go.Figure:
        """The chart's figure, as tall as the explorer leaves under the control bar (its
        margins, key and footer are in pixels or in shares of the plot, so they stay put),
        its map a little wider to be as large as the height lets it be."""
        fig = super()._base_figure()
        fig.update_layout(height=min(south_pole.HEIGHT, EXPLORER_PX - self.bar_px),
                          xaxis_domain=[0, MAP_SHARE], legend_x=MAP_SHARE + 0.02)
        fig.layout.annotations[0].x = MAP_SHARE / 2  # the on-map message
        return fig

    def _body(self) -> w.Widget:
        """The map, and beside it the note about the chosen site (it scrolls if long); on a
        narrow page the note goes under the map, which keeps its size."""
        height = f"{self.figure.layout.height - 16}px"
        self.info = w.HTML(layout=w.Layout(border="1px solid #BBBBBB", padding="0 0.6em",
                                           margin="8px 0 0 0", max_height=height,
                                           overflow="auto", flex=f"1 1 {NOTE_PX}px"),
                           style={"font_size": "16px"})
        self.info.add_class("lunarexplainer-note")
        figure = w.VBox([self.figure], layout=w.Layout(flex=f"1 1 {MAP_FIGURE_PX}px"))
        return w.HBox([figure, self.info], layout=w.Layout(
            width="100%", flex_flow="row wrap", align_items="flex-start"))

    def static_summary(self) -> str:
        """Summary of the static form as it opens (without a site its menus cannot show)."""
        return south_pole.static_summary(self.prepared, **self.values())

    def _update(self, values: dict[str, Any]) -> None:
        super()._update(values)
        self.info.value = south_pole.site_info(self.prepared, values["site"])
