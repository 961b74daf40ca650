"""Every choice of an explorer's static form, and what the chart's builder says it shows.

Shared by the unit tests (the button and slider ``args``) and the browser tests (clicking each
entry on the exported site). For each control entry of :meth:`Explorer.to_figure` this lists
how to reach it (which menus to open and which entries to pick, or which slider step), the
chart options it stands for, and the expected title, caption and empty-state message, computed
from the chart module (``figure_from`` and ``summary_of``) for those options, never read
back from the figure.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from lunarexplainer.charts import mission_timeline
from lunarexplainer.charts import partner_map
from lunarexplainer.charts import schedule_slip_menus
from lunarexplainer.charts import south_pole_menus
from lunarexplainer.charts import station_roles


@dataclass
class Choice:
    """One entry of a static form, the steps that reach it, and what it must show."""

    #: ``("menu", updatemenus index, button index)`` or ``("slider", sliders index, step)``
    #: for each click, in order; the last one is the entry itself.
    clicks: list[tuple[str, int, int]]
    options: dict[str, Any]
    title: str = ""
    summary: str = ""
    #: The words of the in-plot note when the choice shows nothing, else None.
    empty: str | None = None


def plain(markup: object) -> str:
    """Plotly text as a student reads it: tags dropped, entities decoded, spaces collapsed."""
    text = re.sub(r"<br\s*/?>", " ", str(markup or ""))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def _entries(explorer: Any) -> list[tuple[list[tuple[str, int, int]], dict[str, Any]]]:
    name, p, values = explorer.name, explorer.prepared, explorer.values()
    if name == "mission_timeline":
        choices = mission_timeline.static_choices(p, **values)
        count = {0: 0, 1: 0}
        out = []
        for menu, _label, options in choices:
            out.append(([("menu", menu, count[menu])], options))
            count[menu] += 1
        return out
    if name == "partner_map":
        lo, hi = p.years
        out = [([("menu", 0, i)], {"framework": c, "year": values["year"]})
               for i, (_label, c) in enumerate(partner_map.framework_choices())]
        for k, (_label, c) in enumerate(partner_map.framework_choices()):
            out += [([("menu", 0, k), ("slider", k, j)], {"framework": c, "year": y})
                    for j, y in enumerate(range(lo, hi + 1))]
        return out
    if name == "schedule_slip":
        choices, _current = schedule_slip_menus.static_choices(p, values["subjects"])
        out = [([("menu", 0, i)], {"subjects": chosen}) for i, (_l, chosen) in
               enumerate(choices)]
        menu = 0
        for i, entries in enumerate(schedule_slip_menus.member_choices(p, choices)):
            if entries:
                menu += 1
                out += [([("menu", 0, i), ("menu", menu, j)], {"subjects": chosen})
                        for j, (_l, chosen) in enumerate(entries)]
        return out
    if name == "station_roles":
        return [([("menu", 0, i)], {"role": role})
                for i, (_label, role) in enumerate(station_roles.role_options(p))]
    if name == "south_pole":
        choices = south_pole_menus.static_choices(p, values["layers"])
        out = [([("menu", 0, i)], {"layers": layers, "site": ""})
               for i, (_label, layers) in enumerate(choices.layers)]
        menu = 0
        for i, menus in enumerate(choices.sites):
            for _group, entries in menus:
                menu += 1
                out += [([("menu", 0, i), ("menu", menu, j)],
                         {"layers": choices.layers[i][1], "site": sid})
                        for j, (_label, sid) in enumerate(entries)]
        return out
    raise KeyError(f"no static form choices known for {name!r}")


def form_choices(explorer: Any) -> list[Choice]:
    """Every entry of ``explorer.to_figure()``, with the builder's title, caption and note."""
    chart, prepared = explorer.chart, explorer.prepared
    out = []
    for clicks, options in _entries(explorer):
        fig = chart.figure_from(prepared, **options)
        note = next((a for a in fig.layout.annotations if a.name == "nothing-selected"), None)
        empty = plain(note.text) if note is not None and note.visible else None
        out.append(Choice(clicks, options, plain(fig.layout.title.text),
                          chart.summary_of(prepared, **options), empty))
    return out
