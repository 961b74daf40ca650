"""The eleven charts, one module each: Dataset in, annotated ``go.Figure`` and summary out.

=====================  ========================================================
chart                  module
=====================  ========================================================
partnership_timeline   :mod:`.partnership_timeline` (lesson 01)
partner_growth         :mod:`.partner_growth` (lesson 01)
partner_map            :mod:`.partner_map` (lesson 01, explorer)
station_roles          :mod:`.station_roles` (lesson 02, explorer)
ilrs_phases            :mod:`.ilrs_phases` (lesson 02)
mission_timeline       :mod:`.mission_timeline` (lesson 03, explorer)
schedule_slip          :mod:`.schedule_slip` (lesson 03, explorer)
south_pole             :mod:`.south_pole` (lesson 04, explorer)
outcomes               :mod:`.outcomes` (lesson 00)
overview               :mod:`.overview` (lesson 00, the opening chart)
claims                 :mod:`.claims` (lesson 05)
context_timeline       :mod:`.context_timeline` (lesson 05)
=====================  ========================================================

Every module has ``figure(ds, **options)`` and ``summary(ds, **options)``; helpers that
several charts share are in :mod:`.common`, and the pixel sizes they share in :mod:`.sizes`.
:data:`CHARTS` maps a chart's name to its ``(figure, summary)`` pair, and
:func:`figure`/:func:`summary` build one by name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go

from . import claims
from . import context_timeline
from . import ilrs_phases
from . import mission_timeline
from . import outcomes
from . import overview
from . import partner_growth
from . import partner_map
from . import partnership_timeline
from . import schedule_slip
from . import south_pole
from . import station_roles

__all__ = ["CHARTS", "figure", "summary"]

CHARTS: dict[str, tuple[Callable[..., go.Figure], Callable[..., str]]] = {
    module.__name__.rsplit(".", 1)[-1]: (module.figure, module.summary)
    for module in (partnership_timeline, partner_growth, partner_map, station_roles,
                   ilrs_phases, mission_timeline, schedule_slip, south_pole, outcomes, claims,
                   context_timeline, overview)
}


def _lookup(name: str) -> tuple[Callable[..., go.Figure], Callable[..., str]]:
    try:
        return CHARTS[name]
    except KeyError:
        known = ", ".join(sorted(CHARTS))
        raise KeyError(f"unknown chart {name!r}; choose one of: {known}") from None


def figure(ds: Any, name: str, **options: Any) -> go.Figure:
    """Chart ``name`` built from ``ds`` with ``options``."""
    return _lookup(name)[0](ds, **options)


def summary(ds: Any, name: str, **options: Any) -> str:
    """The plain-language summary of chart ``name`` for the same options."""
    return _lookup(name)[1](ds, **options)
