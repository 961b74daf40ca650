"""The words a table's coded columns may hold (programs, statuses, roles …), as plain lists.

``schemas`` checks the data against them; charts order their options by them. They live here,
not in ``schemas``, so that a chart (and so a student's kernel) can use them without importing
pandera, which is slow to import and heavy in memory.
"""

from __future__ import annotations

PROGRAMS = ["Chang'e", "Luna", "Artemis", "Apollo", "CLPS", "Chandrayaan", "other"]
MILESTONE_PROGRAMS = ["ILRS", "Artemis", "Chang'e", "Luna", "Apollo", "other"]
STATUSES = ["success", "partial", "failure", "planned", "in_progress", "cancelled"]
MISSION_TYPES = [
    "orbiter", "lander", "lander_rover", "sample_return", "relay_satellite", "impactor",
    "crewed_lunar_orbit", "crewed_lunar_flyby", "crewed_lunar_landing", "uncrewed_test_flight",
    "crewed_earth_orbit", "space_station", "mars_mission",
]
QUALIFIERS = ["NET", "by", "around"]
ILRS_PHASES = ["reconnaissance", "construction", "utilization"]
SITE_KINDS = ["crater", "basin", "landing_site", "candidate_region", "massif", "other"]
FRAMEWORKS = ["ILRS", "Artemis Accords"]
PARTNER_KINDS = ["country", "organization"]
PHASE_KINDS = ["phase", "goal"]
ROLES = [
    "lunar exploration and utilization", "lunar-based observation",
    "basic scientific experiments", "technical verification",
]
VERDICTS = ["held", "changed", "pending"]
#: What kind of publisher a source is. The first five are the strong kinds: a row that cites
#: at least one of them rests on an agency, an intergovernmental text, a research team, the
#: encyclopedia article itself or an established newsroom.
SOURCE_KINDS = ["official", "intergovernmental", "research", "encyclopedia", "news",
                "state_media", "mirror", "other"]
STRONG_SOURCE_KINDS = frozenset(SOURCE_KINDS[:5])
