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
    "crewed_earth_orbit",
]
#: Programs whose missions belong to a Moon program: only these may fly a ``crewed_earth_orbit``
#: rehearsal in missions.csv (Artemis III). A flight of program "other" that stays in Earth
#: orbit is context, not a Moon mission, and belongs in context.csv.
MOON_PROGRAMS = [p for p in PROGRAMS if p != "other"]
#: What a row of context.csv is: spaceflight milestones the 2021 report mentions that are not
#: Moon missions.
CONTEXT_KINDS = ["crewed_earth_orbit", "space_station", "mars_mission"]
FLOWN_STATUSES = ["success", "partial", "failure"]
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
#: Verdicts on the 2021 report's claims. They keep apart what was true when the report was
#: written from what happened later: a plan that changed after 2021 does not make the claim
#: untrue (``true_then_changed``), and a claim about the future is ``too_soon`` to judge.
VERDICTS = ["true", "true_then_changed", "partly_true", "not_true", "too_soon"]
#: What kind of publisher a source is. The first five are the strong kinds: a row that cites
#: at least one of them rests on an agency, an intergovernmental text, a research team, the
#: encyclopedia article itself or an established newsroom.
SOURCE_KINDS = ["official", "intergovernmental", "research", "encyclopedia", "news",
                "state_media", "mirror", "other"]
STRONG_SOURCE_KINDS = frozenset(SOURCE_KINDS[:5])
