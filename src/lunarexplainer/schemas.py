"""The data contract, declared once: one pandera ``DataFrameModel`` per table in ``data/``.

Each column has a title, a plain description and (where it has one) a unit. ``data.py`` reads
the CSV files, converts the text into the types below and validates with these models;
``python -m lunarexplainer.schemas`` writes the data dictionary ``data/README.md`` from them.
Importing this module imports pandera, which is slow, so ``data.py`` only does so when the
validated-data cache misses.
"""

from __future__ import annotations

import sys
from typing import Any

import pandas as pd
import pandera.extensions
import pandera.pandas as pa
from pandera.typing import Series

from .dates import FIRST_YEAR
from .dates import LAST_YEAR
from .dates import is_iso_date
from .text import N_
from .vocab import CONTEXT_KINDS
from .vocab import FLOWN_STATUSES
from .vocab import FRAMEWORKS
from .vocab import ILRS_PHASES
from .vocab import MILESTONE_PROGRAMS
from .vocab import MISSION_TYPES
from .vocab import PARTNER_KINDS
from .vocab import PHASE_KINDS
from .vocab import PROGRAMS
from .vocab import QUALIFIERS
from .vocab import ROLES
from .vocab import SITE_KINDS
from .vocab import SOURCE_KINDS
from .vocab import STATUSES
from .vocab import STRONG_SOURCE_KINDS  # noqa: F401 (part of the data contract)
from .vocab import VERDICTS

REQUIRED_PHASE_IDS = [
    "ilrs-reconnaissance", "ilrs-construction", "ilrs-utilization",
    "artemis-first-crewed-landing", "china-first-crewed-landing",
]

# ISO 3166-1 alpha-3 codes of the 249 officially assigned country codes (shipped so that no
# extra dependency is needed to check them).
ISO3_CODES: frozenset[str] = frozenset(
    """
ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR
BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG
COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH
FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY
HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM
KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL
MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR
NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU
SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA
TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB
VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE
""".split()
)

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SOURCE_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
URL = r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}\.?(?::\d+)?(?:[/?#]\S*)?$"

Text = Series[pd.StringDtype]


def iso_date(value: str) -> bool:
    """The pandera check of every date column (``Field(iso_date=())``, see :func:`_date`):
    the text is a real reduced ISO date within the years the data covers."""
    return is_iso_date(value)


if not hasattr(pa.Check, "iso_date"):  # registered once, however often this module runs
    pandera.extensions.register_check_method(check_type="element_wise")(iso_date)


def _field(title: str, description: str, *, kind: str = "text", unit: str | None = None,
           required: bool = False, unique: bool = False, problem: str | None = None,
           **checks: Any) -> Any:
    """A column: ``kind`` tells the loader how to read the text (text, id, date, number,
    integer, bool, source_ids); ``problem`` is the message for a failed regex/isin check;
    ``checks`` are pandera's (``isin=``, ``ge=``, ``iso_date=()``, ...)."""
    return pa.Field(
        nullable=not required, unique=unique, title=title, description=description,
        metadata={"unit": unit, "kind": kind, "problem": problem}, **checks,
    )


def _id(title: str, description: str, pattern: str = SLUG) -> Any:
    return _field(title, description, kind="id", required=True, unique=True,
                  problem=N_("not a valid id (lowercase letters, digits and '-')"),
                  str_matches=pattern)


def _date(title: str, description: str, *, required: bool = False) -> Any:
    """A date column, checked as one: every non-empty value is a real reduced ISO date."""
    return _field(title, description + " ISO date: YYYY, YYYY-MM or YYYY-MM-DD, in the years "
                  f"{FIRST_YEAR} to {LAST_YEAR}.",
                  kind="date", unit="ISO 8601 date", required=required, iso_date=())


def _choice(title: str, description: str, values: list[str], *, required: bool = True) -> Any:
    return _field(title, description, required=required, isin=values)


def _sources() -> Any:
    return _field("Sources", "One or more ids from sources.csv, separated by ';' (no spaces).",
                  kind="source_ids", required=True,
                  problem=N_("not a ';'-separated list of source ids (no spaces)"),
                  str_matches=r"^[A-Za-z0-9][A-Za-z0-9._-]*(?:;[A-Za-z0-9][A-Za-z0-9._-]*)*$")


def _iso3(title: str, description: str, *, required: bool) -> Any:
    return _field(title, description, required=required, unit="ISO 3166-1 alpha-3",
                  problem=N_("not an ISO 3166-1 alpha-3 country code"),
                  isin=sorted(ISO3_CODES))


def _summary(required: bool = False) -> Any:
    return _field("Summary", "One or two plain sentences for students.", required=required)


class _Base(pa.DataFrameModel):
    class Config:
        strict = False  # the loader checks the header itself and adds derived date columns
        coerce = False  # the loader converts the text itself, with one message per cell


class MissionsSchema(_Base):
    """Missions to the Moon, flown or planned: who, when, how it went. Only Moon missions live
    here (a Moon program's rehearsal in Earth orbit, such as Artemis III, counts); the other
    spaceflight milestones the 2021 report mentions are in context.csv."""

    id: Text = _id("Mission id", "Short unique slug, e.g. change-4, artemis-2.")
    name: Text = _field("Name", "Mission name as usually written in English.", required=True)
    program: Text = _choice("Program", "Program family; sets the colour in charts.", PROGRAMS)
    agency: Text = _field("Agency", "Lead agency or company, e.g. CNSA, Roscosmos, NASA.",
                          required=True)
    country_iso3: Text = _iso3("Country", "Lead country (USSR missions: RUS, noted in the "
                               "summary).", required=True)
    mission_type: Text = _choice("Mission type", "What kind of spacecraft or flight it is.",
                                 MISSION_TYPES)
    crewed: Series[bool] = _field("Crewed", "true if people flew on it, else false.",
                                  kind="bool", required=True)
    launch_date: Text = _date("Launch date", "Launch (UTC); for planned missions the plan.")
    landing_date: Text = _date("Landing date", "Landing on the Moon (UTC), empty if none.")
    end_date: Text = _date("End date", "End of the mission (UTC), empty if still going/unknown.")
    date_qualifier: Text = _choice("Date qualifier", "How firm a planned date is: NET (no "
                                   "earlier than), by, around; empty = as stated.", QUALIFIERS,
                                   required=False)
    as_of: Text = _date("As of", "Publication date of the newest source that states the "
                        "planned date or the status, exactly as that source's `published` "
                        "(not the day we read it); required when status is planned or "
                        "in_progress.")
    status: Text = _choice("Status", "How the mission went, or whether it is still planned.",
                           STATUSES)
    site_id: Text = _field("Site", "Where it landed or crashed (an id from sites.csv); for a "
                           "mission that has not flown yet, its planned target; empty if "
                           "unknown.", kind="ref")
    target_site_id: Text = _field("Planned target", "Where a mission that has flown meant to "
                                  "land (an id from sites.csv), when that is known and differs "
                                  "from site_id; empty otherwise.", kind="ref")
    ilrs_phase: Text = _choice("ILRS phase", "ILRS phase the mission belongs to, or empty.",
                               ILRS_PHASES, required=False)
    summary: Text = _summary()
    source_ids: Text = _sources()


class ContextSchema(_Base):
    """Spaceflight milestones the 2021 report mentions that are not Moon missions: the first
    person in space, China's first astronaut, Crew Dragon, Tianwen-1 to Mars, Tiangong. They
    are context for the report's claims and are never counted as Moon missions."""

    id: Text = _id("Milestone id", "Short unique slug, e.g. vostok-1; never the id of a row of "
                   "missions.csv.")
    name: Text = _field("Name", "Name as usually written in English.", required=True)
    agency: Text = _field("Agency", "Lead agency or company.", required=True)
    country_iso3: Text = _iso3("Country", "Lead country (USSR flights: RUS, noted in the "
                               "summary).", required=True)
    kind: Text = _choice("Kind", "What it was: a crewed flight in Earth orbit, a space "
                         "station, or a mission to Mars.", CONTEXT_KINDS)
    crewed: Series[bool] = _field("Crewed", "true if people flew on it, else false.",
                                  kind="bool", required=True)
    launch_date: Text = _date("Launch date", "Launch (UTC).", required=True)
    landing_date: Text = _date("Landing date", "Landing on another world (Mars), UTC; empty "
                               "if none.")
    end_date: Text = _date("End date", "End of the flight (UTC), or the day a station was "
                           "completed; empty if still going or unknown.")
    status: Text = _choice("Status", "How it went.", FLOWN_STATUSES)
    claim_id: Text = _field("Claim", "The claim of the 2021 report this milestone is context "
                            "for (an id from article_claims.csv).", kind="ref")
    summary: Text = _summary()
    source_ids: Text = _sources()


class SitesSchema(_Base):
    """Places on the Moon: craters and regions near the south pole, and landing sites."""

    id: Text = _id("Site id", "Short unique slug; landing sites are site-<mission-id>.")
    name: Text = _field("Name", "Name of the place.", required=True)
    kind: Text = _choice("Kind", "What sort of place it is.", SITE_KINDS)
    lat: Series[float] = _field("Latitude", "Selenographic latitude; south is negative; "
                                "empty if not yet known.",
                                kind="number", unit="degrees", ge=-90, le=90)
    lon: Series[float] = _field("Longitude", "Selenographic longitude; west is negative; "
                                "empty if not yet known.",
                                kind="number", unit="degrees", ge=-180, le=180)
    diameter_km: Series[float] = _field("Diameter", "Diameter of a crater or basin.",
                                        kind="number", unit="km", gt=0)
    program: Text = _choice("Program", "Program colour for landing sites and targets; empty "
                            "for natural features.", PROGRAMS, required=False)
    summary: Text = _summary()
    source_ids: Text = _sources()


class PartnersSchema(_Base):
    """Countries and organizations that joined the ILRS or signed the Artemis Accords."""

    id: Text = _id("Partner id", "Short unique slug: ilrs-<iso3> or accords-<iso3> for a "
                   "country, the framework and the name for an organization.")
    framework: Text = _choice("Framework", "Which agreement the partner joined.", FRAMEWORKS)
    entity: Text = _field("Partner", "Country or organization name.", required=True)
    iso3: Text = _iso3("Country code", "The country's code; for an organization its host "
                       "country's code, or empty if international.", required=False)
    kind: Text = _choice("Kind", "country or organization.", PARTNER_KINDS)
    joined_on: Text = _date("Joined on", "Day (or month/year) it signed or joined.")
    summary: Text = _summary()
    source_ids: Text = _sources()


class FrameworkCountsSchema(_Base):
    """Official published partner counts (for example NASA's count of Accords signatories)."""

    id: Text = _id("Count id", "Short unique slug, e.g. ilrs, artemis-accords.")
    framework: Text = _choice("Framework", "Which agreement is counted.", FRAMEWORKS)
    count: Series[pd.Int64Dtype] = _field("Count", "Number of partners officially counted.",
                                          kind="integer", unit="partners", required=True, ge=0)
    as_of: Text = _date("As of", "Publication date of the source that gives the count.",
                        required=True)
    summary: Text = _summary()
    source_ids: Text = _sources()


class ScheduleHistorySchema(_Base):
    """How a planned date moved: one row per announcement of a target date, from the first one.
    Only plans live here; what actually happened (launch, landing, crash) is in missions.csv."""

    id: Text = _id("Announcement id", "Short unique slug: <mission_id>-<announced_on>.")
    mission_id: Text = _field("Mission or goal", "An id from missions.csv or phases.csv.",
                              kind="ref", required=True)
    announced_on: Text = _date("Announced on", "When this target was stated.", required=True)
    announced_by: Text = _field("Announced by", "Who stated the target: an agency, an official "
                                "(with the agency) or an outside body such as an audit office.",
                                required=True)
    target_date: Text = _date("Target date", "The date aimed for at that time.", required=True)
    qualifier: Text = _choice("Qualifier", "NET (no earlier than), by, around; empty = as "
                              "stated.", QUALIFIERS, required=False)
    summary: Text = _summary()
    source_ids: Text = _sources()


class PhasesSchema(_Base):
    """ILRS phases and headline goals (first crewed landings) with their planned dates."""

    id: Text = _id("Phase id", "ilrs-reconnaissance, ilrs-construction, ilrs-utilization, "
                   "artemis-first-crewed-landing, china-first-crewed-landing, …")
    program: Text = _choice("Program", "Program the phase or goal belongs to.",
                            MILESTONE_PROGRAMS)
    name: Text = _field("Name", "Name of the phase or goal.", required=True)
    kind: Text = _choice("Kind", "phase (a span of years) or goal (a target).", PHASE_KINDS)
    start_date: Text = _date("Start", "Planned start (or target date of a goal).")
    end_date: Text = _date("End", "Planned end, empty if open.")
    qualifier: Text = _choice("Qualifier", "NET, by, around; empty = as stated.", QUALIFIERS,
                              required=False)
    announced_on: Text = _date("Announced on", "When these dates were last stated.")
    summary: Text = _summary()
    source_ids: Text = _sources()


class MilestonesSchema(_Base):
    """Agreements, roadmaps and announcements, in date order."""

    id: Text = _id("Milestone id", "Short unique slug.")
    date: Text = _date("Date", "When it happened.", required=True)
    program: Text = _choice("Program", "Which program it belongs to.", MILESTONE_PROGRAMS)
    title: Text = _field("Title", "Short headline.", required=True)
    summary: Text = _summary()
    source_ids: Text = _sources()


class StationRolesSchema(_Base):
    """The four ILRS roles, broken down into objectives and the missions serving them."""

    id: Text = _id("Row id", "Short unique slug: the role's short name and the mission (or the "
                   "objective's first words).")
    role: Text = _choice("Role", "One of the four ILRS roles.", ROLES)
    objective: Text = _field("Objective", "What the station should do within the role.",
                             required=True)
    mission_id: Text = _field("Mission", "An id from missions.csv, or empty if no mission yet.",
                              kind="ref")
    summary: Text = _summary()
    source_ids: Text = _sources()


class ArticleClaimsSchema(_Base):
    """Claims of the 2021 report, in our own words, checked against what happened later. The
    verdict judges the claim on the day it was written; what happened since is told in
    ``what_happened``, so a plan that changed later does not make a true claim false."""

    id: Text = _id("Claim id", "Short unique slug.")
    claim: Text = _field("Claim", "The claim, paraphrased in our own words (never the "
                         "report's sentence).", required=True)
    what_happened: Text = _field("What happened", "What we found when checking it.")
    verdict: Text = _choice("Verdict", "true (true when written and still true), "
                            "true_then_changed (true when written; the plan or situation "
                            "changed since), partly_true (one part right, one part wrong), "
                            "not_true (wrong when written), too_soon (about something that "
                            "has not happened yet).", VERDICTS)
    reason: Text = _field("Reason", "One plain sentence: why this verdict.", required=True)
    check_source_id: Text = _field("Checked with", "The source we relied on most to check the "
                                   "claim (the \"how we checked\" box); one of the row's "
                                   "source_ids.", kind="ref", required=True)
    checked_on: Text = _date("Checked on", "Day it was last checked.", required=True)
    source_ids: Text = _sources()


class SourcesSchema(_Base):
    """Every source the data relies on; other tables point here through source_ids."""

    id: Text = _id("Source id", "Unique id, e.g. s-wiki-ilrs.", pattern=SOURCE_ID)
    title: Text = _field("Title", "Title of the page or article.", required=True)
    publisher: Text = _field("Publisher", "Who published it.", required=True)
    url: Text = _field("Web address", "Full http(s) address of the page. Each page is listed "
                       "once: two rows with the same address are an error.", required=True,
                       problem=N_("not a web address (http:// or https:// and a host)"),
                       str_matches=URL)
    kind: Text = _choice("Kind", "What kind of page it is: official (a government or agency "
                         "page), intergovernmental (a treaty text or a UN body), research (a "
                         "research team, journal or museum), encyclopedia (the encyclopedia "
                         "article itself), news (an established newsroom or wire service), "
                         "state_media (media run or controlled by a state, such as Xinhua, "
                         "TASS or CGTN), mirror (a copy of someone else's page) or other "
                         "(blogs, aggregators, content farms, personal pages).", SOURCE_KINDS)
    published: Text = _date("Published", "Publication date as the page gives it, at that "
                            "precision; empty if the page gives none.")
    accessed: Text = _date("Accessed", "Day we last read it.", required=True)


# Table name (file stem) -> model, in the order the data dictionary lists them.
SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    "missions": MissionsSchema,
    "context": ContextSchema,
    "sites": SitesSchema,
    "partners": PartnersSchema,
    "framework_counts": FrameworkCountsSchema,
    "schedule_history": ScheduleHistorySchema,
    "phases": PhasesSchema,
    "milestones": MilestonesSchema,
    "station_roles": StationRolesSchema,
    "article_claims": ArticleClaimsSchema,
    "sources": SourcesSchema,
}


def column_specs(table: str) -> dict[str, dict[str, Any]]:
    """Column name -> {kind, required, title, description, unit, allowed} for one table."""
    schema = SCHEMAS[table].to_schema()
    specs = {}
    for name, column in schema.columns.items():
        meta = column.metadata or {}
        allowed = next((c.statistics["allowed_values"] for c in column.checks
                        if c.name == "isin"), None)
        specs[name] = {
            "kind": meta.get("kind", "text"), "required": not column.nullable,
            "unique": column.unique, "title": column.title, "description": column.description,
            "unit": meta.get("unit"), "allowed": allowed,
        }
    return specs


def _allowed_text(allowed: list[str] | None) -> str:
    if not allowed:
        return ""
    if len(allowed) > 20:
        return "ISO 3166-1 alpha-3 code"
    return ", ".join(f"`{v}`" for v in allowed)


def data_dictionary() -> str:
    """The Markdown data dictionary (data/README.md), generated from the models."""
    lines = [
        "# Data dictionary",
        "",
        "<!-- Generated by `python -m lunarexplainer.schemas > data/README.md`; do not edit. -->",
        "",
        "Every table is a UTF-8 CSV file with a header row, comma-separated; quote a field "
        "that contains a comma. An empty cell means unknown or not applicable (the loader "
        "gives `<NA>`).",
        "",
        "- **Dates** use ISO 8601 with reduced precision: `2028` (a year), `2026-08` (a month) "
        "or `2026-08-15` (a day), UTC. For every date column `X` the loader adds "
        "`X_precision` (`year`, `month` or `day`), `X_start` and `X_end` (the first and last "
        "possible day).",
        "- **Sources:** every row has `source_ids`, one or more ids from `sources.csv` "
        "separated by `;` with no spaces. Each source has a `kind`: `official`, "
        "`intergovernmental`, `research`, `encyclopedia` and `news` are the strong kinds; "
        "`state_media`, `mirror` and `other` are shown as they are, so a reader can judge them. "
        "Prefer the agency's own page, an intergovernmental text, a research team, the "
        "encyclopedia article itself (not a copy) or an established newsroom.",
        "- **How current the facts are:** `Dataset.as_of` is the publication date of the newest "
        "source, so the facts are true *up to* that date; `Dataset.checked_on` is the last day "
        "we read the sources (`accessed`). They are different facts: a page read on 1 December "
        "may have been published in June. A planned row's own `as_of` is the `published` date "
        "of the newest source that states its plan. Never write \"no report up to <date>\": "
        "write that our newest source (its date) still lists the plan.",
        "- **Date rules** checked by `check-data`: a source's `published` is not after its "
        "`accessed`; a planned or in-progress mission's `as_of` is the `published` date of one "
        "of its sources; and a date of something that happened (an announcement, a joining, a "
        "milestone, a launch that took place) is not after the newest publication date of the "
        "row's sources, when they all have one.",
        "- **Stale plans:** `lunarexplainer check-data --stale [--months N] [--strict] [DIR]` "
        "lists every planned or in-progress mission whose plan was last confirmed more than N "
        "months (default 6) before today, one line each, e.g. `missions.csv:42: as_of: plan last "
        "confirmed 2025-08-22 (15 months ago)`. It exits 0, or 1 with `--strict` when a plan is "
        "stale. To update such a row, find a newer page that states the plan, add it to "
        "`sources.csv` (with its `kind`, `published` and `accessed`), add its id to the row's "
        "`source_ids`, and set the row's dates and `as_of` to what that page says.",
        "- **Checking:** run `lunarexplainer check-data [DIR]` (or `make check-data`). Each "
        "problem is one line, `file:line: column: problem (value)`. The line number is the "
        "line in the file as an editor shows it: the header is line 1, so the first data "
        "row is line 2.",
        "- Use your own folder with `load_dataset(path)` or the `LUNAREXPLAINER_DATA` "
        "environment variable; nothing is ever written into a data folder. A checked copy "
        "is cached in `~/.cache/lunarexplainer` (or `$XDG_CACHE_HOME`), keyed by the exact "
        "bytes of the files, so any edit is checked again; set `LUNAREXPLAINER_NO_CACHE=1` "
        "to turn the cache off.",
        "",
    ]
    for table, model in SCHEMAS.items():
        doc = " ".join((model.__doc__ or "").split())
        lines += [f"## `{table}.csv`", "", doc, "",
                  "| Column | Title | Description | Unit | Required | Allowed values |",
                  "|---|---|---|---|---|---|"]
        for name, spec in column_specs(table).items():
            unit = spec["unit"] or ""
            required = "yes" if spec["required"] else ""
            if spec["unique"]:
                required = "yes, unique"
            allowed = _allowed_text(spec["allowed"])
            if spec["kind"] == "bool":
                allowed = "`true`, `false`"
            desc = spec["description"].replace("|", "\\|")
            lines.append(f"| `{name}` | {spec['title']} | {desc} | {unit} | {required} | "
                         f"{allowed} |")
        lines.append("")
    lines += COUNTS_NOTE + _translations_note()
    return "\n".join(lines)


def _translations_note() -> list[str]:
    """How translated text sits beside the tables (appended to the data dictionary)."""
    from .datatext import TEXT_COLUMNS

    lines = [
        "## Translations: `zh/` and `ru/`",
        "",
        "Each table's text in Simplified Chinese and Russian lives beside it, in "
        "`zh/<table>.csv` and `ru/<table>.csv`: an `id` column (the row's id in the English "
        "table) and some of the text columns below. An empty cell or a missing row shows the "
        "English text, and `lunarexplainer check-data` warns about each one, naming the "
        "English file and row. An unknown id or column is a problem, like any other. "
        "`sources.csv` is never translated: a source's title stays in its own language. "
        "`<lang>/names.csv` lists the names the field uses in that language (`en`, the "
        "name, and the `url` of a page that shows it).",
        "",
        "| Table | Translated columns |",
        "|---|---|",
    ]
    lines += [f"| `{table}.csv` | {', '.join(f'`{c}`' for c in columns)} |"
              for table, columns in TEXT_COLUMNS.items()]
    return [*lines, ""]


#: Why the partner counts shown in different places differ (appended to the data dictionary).
COUNTS_NOTE = [
    "## Counting partners: three numbers",
    "",
    "Lessons and charts can show three different partner numbers. They count different "
    "things, so they need not agree; whenever a count is shown, say which one it is.",
    "",
    "1. **Official count** (`framework_counts.csv`): the number an organiser published, "
    "on the date in `as_of`. For the ILRS it is China's space agency's count of \"countries and "
    "international organizations\"; it does not say which members it includes.",
    "2. **Our rows** (`partners.csv`): every country or organization for which we found a "
    "source saying it joined or signed. For the ILRS this includes organizations that signed "
    "with a Chinese laboratory rather than with the agency (a university, a company, an "
    "institute) and members named after the official count was published, so it is larger "
    "than the official count.",
    "3. **Rows with a joining date**: the rows of `partners.csv` whose `joined_on` is known. "
    "Only these can be placed on a timeline or a map slider; members that we only know from "
    "a later list (for example one read out by the head of Roscosmos) have no date.",
    "",
    "The `summary` of each row of `framework_counts.csv` gives the current three numbers "
    "for that framework, and a test checks that it matches the tables.",
    "",
]


def main() -> int:
    """Print the data dictionary (``python -m lunarexplainer.schemas > data/README.md``)."""
    sys.stdout.write(data_dictionary())
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
