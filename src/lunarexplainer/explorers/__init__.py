"""Live explorers: ipywidgets controls driving one Plotly ``FigureWidget`` each.

=====================  =================================  =========================
explorer               module                             chart it explores
=====================  =================================  =========================
MissionTimelineExplorer :mod:`.mission_timeline`          ``charts.mission_timeline``
PartnerExplorer        :mod:`.partner_map`                ``charts.partner_map``
ScheduleSlipExplorer   :mod:`.schedule_slip`              ``charts.schedule_slip``
SouthPoleExplorer      :mod:`.south_pole`                 ``charts.south_pole``
RolesExplorer          :mod:`.station_roles`              ``charts.station_roles``
=====================  =================================  =========================

The shared machinery (controls, one handler, error output, static form) is in :mod:`.base`;
:mod:`.widget` is the only module that touches plotly internals. :data:`EXPLORERS` maps a
chart's name to its explorer class.
"""

from __future__ import annotations

from .base import Explorer
from .mission_timeline import MissionTimelineExplorer
from .partner_map import PartnerExplorer
from .schedule_slip import ScheduleSlipExplorer
from .south_pole import SouthPoleExplorer
from .station_roles import RolesExplorer

__all__ = [
    "EXPLORERS",
    "Explorer",
    "MissionTimelineExplorer",
    "PartnerExplorer",
    "ScheduleSlipExplorer",
    "SouthPoleExplorer",
    "RolesExplorer",
]

#: Chart name -> the explorer of that chart.
EXPLORERS: dict[str, type[Explorer]] = {
    "mission_timeline": MissionTimelineExplorer,
    "partner_map": PartnerExplorer,
    "schedule_slip": ScheduleSlipExplorer,
    "south_pole": SouthPoleExplorer,
    "station_roles": RolesExplorer,
}
