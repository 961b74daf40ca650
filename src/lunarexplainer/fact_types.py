"""The ids and value types the fact functions in :mod:`lunarexplainer.facts` use.

Row ids of the things lessons ask about, and the small frozen dataclasses a fact returns when
it has parts. :mod:`lunarexplainer.facts` re-exports all of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field

__all__ = [
    "ILRS",
    "ARTEMIS_ACCORDS",
    "MEMORANDUM_MILESTONE",
    "VOSTOK_1",
    "REPORT_TITLE",
    "REPORT_CREDIT",
    "OTHER_CREWED_FLIGHTS",
    "ARTEMIS_LANDING_GOAL",
    "CHINA_LANDING_GOAL",
    "ILRS_CONSTRUCTION",
    "POLAR_LATITUDE",
    "SHACKLETON",
    "LUNA_25",
    "LUNA_26",
    "WATER_ICE_OBJECTIVE",
    "WRONG_OPTIONS",
    "OfficialCount",
    "TargetShift",
    "RankedMission",
    "Crater",
    "ReportDetails",
    "ClaimCheck",
]

ILRS = "ILRS"
ARTEMIS_ACCORDS = "Artemis Accords"
#: ``milestones.csv`` id of the 2021 CNSA–Roscosmos memorandum on the station.
MEMORANDUM_MILESTONE = "ilrs-mou-2021"
#: ``context.csv`` id of the first human spaceflight (context for the 2021 report, not a Moon
#: mission).
VOSTOK_1 = "vostok-1"
#: The 2021 report as our reference copy gives it: its headline and whom it credits. The copy
#: names no outlet and no exact day; it came out shortly after the memorandum was signed.
REPORT_TITLE = "China and Russia join hands to build lunar space station"
REPORT_CREDIT = "Rehnuma"
#: Crewed flights whose launch years are the wrong options next to Vostok 1's.
OTHER_CREWED_FLIGHTS = ("apollo-11", "shenzhou-5", "crew-dragon-demo-2")
#: ``schedule_history.csv``/``phases.csv`` id of NASA's first crewed Artemis landing.
ARTEMIS_LANDING_GOAL = "artemis-first-crewed-landing"
CHINA_LANDING_GOAL = "china-first-crewed-landing"
ILRS_CONSTRUCTION = "ilrs-construction"
#: "Near the south pole" means within 10° of it.
POLAR_LATITUDE = -80.0
SHACKLETON = "shackleton"
LUNA_25 = "luna-25"
LUNA_26 = "luna-26"
#: ``station_roles.csv`` has no id column: an objective's own value is its key.
WATER_ICE_OBJECTIVE = "water ice and other volatiles at the poles"
#: How many wrong options a "which one" question offers.
WRONG_OPTIONS = 3


@dataclass(frozen=True)
class OfficialCount:
    """A framework's own member count (``framework_counts.csv``) and the day it applies to."""

    framework: str
    count: int
    as_of: dt.date
    precision: str


@dataclass(frozen=True)
class TargetShift:
    """How a target year moved between the first and the latest announcement: ``years``
    later (negative if earlier), worked out here from the two years."""

    first: int
    latest: int
    years: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "years", self.latest - self.first)


@dataclass(frozen=True)
class RankedMission:
    """A mission (or plan) and how many rows it has in the table that ranks it."""

    mission_id: str
    name: str
    count: int


@dataclass(frozen=True)
class Crater:
    """A crater by id and name, with its width."""

    site_id: str
    name: str
    diameter_km: float


@dataclass(frozen=True)
class ReportDetails:
    """The 2021 report's publication details: headline, credit and the day it follows."""

    title: str
    credit: str
    after: dt.date


@dataclass(frozen=True)
class ClaimCheck:
    """A checked claim: verdict (code, words, mark), reason, and the source checked with."""

    id: str
    claim: str
    verdict: str
    label: str
    mark: str
    reason: str
    source_id: str
    source: str
    publisher: str
    source_kind: str
    checked_on: dt.date
