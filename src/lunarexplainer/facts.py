"""Every fact a lesson quotes, computed once: one named function per fact.

A quiz answer, an explanation, the teacher guide's answer key and a caption that quote the same
fact call the same function here, so they cannot disagree. Each function takes the
:class:`~lunarexplainer.data.Dataset` first and returns a plain value (``int``, ``float``,
``str``, ``datetime.date``, a list of them, or a small frozen dataclass when a fact has parts).
Facts read the tables only; rows are found by their ids and coded columns, never by matching
English text.

**Member counts differ on purpose**, so each has its own function:

* ``*_official_count``: the number the framework itself announced (``framework_counts.csv``,
  newest row). The ILRS figure mixes countries and organizations.
* ``*_listed_*``: member rows in our own list (``partners.csv``), countries and organizations
  counted separately, including members whose joining date is unknown.
* ``*_dated_members``: the rows of our list with a known joining date (the growth chart can only
  place these).

The ``*_rows`` functions give the table a "Show me why" button displays for a fact.
"""

from __future__ import annotations

import datetime as dt
import inspect
from typing import Any

import pandas as pd

from . import fact_types
from .fact_types import ARTEMIS_ACCORDS
from .fact_types import ARTEMIS_LANDING_GOAL
from .fact_types import CHINA_LANDING_GOAL
from .fact_types import ILRS
from .fact_types import ILRS_CONSTRUCTION
from .fact_types import LUNA_25
from .fact_types import LUNA_26
from .fact_types import MEMORANDUM_MILESTONE
from .fact_types import OTHER_CREWED_FLIGHTS
from .fact_types import POLAR_LATITUDE
from .fact_types import REPORT_CREDIT
from .fact_types import REPORT_TITLE
from .fact_types import SHACKLETON
from .fact_types import VOSTOK_1
from .fact_types import WATER_ICE_OBJECTIVE
from .fact_types import WRONG_OPTIONS
from .fact_types import ClaimCheck
from .fact_types import Crater
from .fact_types import OfficialCount
from .fact_types import RankedMission
from .fact_types import ReportDetails
from .fact_types import TargetShift

# --------------------------------------------------------------------------- helpers


def _row(table: pd.DataFrame, row_id: str, table_name: str, column: str = "id") -> pd.Series:
    rows = table[table[column] == row_id]
    if rows.empty:
        raise LookupError(f"{table_name}.csv has no row with {column} {row_id!r}")
    return rows.iloc[0]


def _day(value: Any) -> dt.date:
    return pd.Timestamp(value).date()


def _names(ds: Any) -> dict[str, str]:
    """Display name of every mission and phase id."""
    names = dict(zip(ds.missions["id"], ds.missions["name"], strict=True))
    names.update(zip(ds.phases["id"], ds.phases["name"], strict=True))
    return {str(k): str(v) for k, v in names.items()}


def _members(ds: Any, framework: str, kind: str | None = None) -> pd.DataFrame:
    """Member rows of ``framework`` that had joined by ``ds.as_of`` (or have no known date)."""
    p = ds.partners[ds.partners["framework"] == framework]
    if kind is not None:
        p = p[p["kind"] == kind]
    return p[p["joined_on_start"].isna() | (p["joined_on_start"] <= ds.as_of)]


def _ranked(ds: Any, counts: pd.Series) -> list[RankedMission]:
    """Missions by count, most first; ties in the order of their ids."""
    names = _names(ds)
    frame = counts.rename("count").rename_axis("mission_id").reset_index()
    frame = frame.sort_values(["count", "mission_id"], ascending=[False, True], kind="stable")
    return [RankedMission(str(r.mission_id), names.get(str(r.mission_id), str(r.mission_id)),
                          int(r.count)) for r in frame.itertuples()]


def _objective_counts(ds: Any) -> pd.Series:
    sr = ds.station_roles.dropna(subset=["mission_id"])
    return sr.drop_duplicates(["objective", "mission_id"])["mission_id"].value_counts()


def _polar_craters(ds: Any) -> pd.DataFrame:
    s = ds.sites
    polar = s[(s["kind"] == "crater") & (s["lat"] <= POLAR_LATITUDE)]
    polar = polar.dropna(subset=["diameter_km"])
    return polar.sort_values(["diameter_km", "id"], ascending=[False, True], kind="stable")


def _targets(ds: Any, plan_id: str) -> pd.DataFrame:
    """The announcements of one plan's target (``schedule_history``), oldest first."""
    sh = ds.schedule_history
    rows = sh[sh["mission_id"] == plan_id]
    if rows.empty:
        raise LookupError(f"schedule_history.csv has no rows for {plan_id!r}")
    return rows.sort_values("announced_on_start", kind="stable")


def _landing_targets(ds: Any) -> pd.DataFrame:
    return _targets(ds, ARTEMIS_LANDING_GOAL)


def _ilrs_phases(ds: Any) -> pd.DataFrame:
    ph = ds.phases
    ph = ph[(ph["program"] == ILRS) & (ph["kind"] == "phase")]
    return ph.sort_values(["start_date_start", "id"], kind="stable")


# --------------------------------------------------------------------------- lesson 00


def mission_count(ds: Any) -> int:
    """Rows of the missions table: one per mission."""
    return len(ds.missions)


def missions_with_launch_date_count(ds: Any) -> int:
    """Missions with a launch date (flown or planned with a date)."""
    return int(ds.missions["launch_date"].notna().sum())


def mission_column_count(ds: Any) -> int:
    """Columns of ``ds.missions`` as a student sees it (``len(ds.missions.columns)``)."""
    return len(ds.missions.columns)


def vostok_launch_date(ds: Any) -> dt.date:
    """Launch day of Vostok 1, the first human spaceflight (``context.csv``)."""
    return _day(_row(ds.context, VOSTOK_1, "context")["launch_date_start"])


def vostok_launch_year(ds: Any) -> int:
    """Year of the first human spaceflight (Vostok 1)."""
    return vostok_launch_date(ds).year


def _flights(ds: Any) -> pd.DataFrame:
    """Moon missions and the report's context milestones together (id, name, launch, crew)."""
    columns = ["id", "name", "launch_date", "launch_date_start", "crewed"]
    return pd.concat([ds.missions[columns], ds.context[columns]], ignore_index=True)


def other_crewed_flight_years(ds: Any) -> list[int]:
    """Launch years of other landmark crewed flights (Apollo 11, Shenzhou 5, Crew Dragon)."""
    f = _flights(ds)
    rows = f[f["id"].isin(OTHER_CREWED_FLIGHTS)]
    return [int(ts.year) for ts in rows["launch_date_start"].dropna()]


# --------------------------------------------------------------------------- lesson 01


def memorandum_date(ds: Any) -> dt.date:
    """Day the 2021 CNSA–Roscosmos memorandum on the station was signed (``milestones.csv``)."""
    row = _row(ds.milestones, MEMORANDUM_MILESTONE, "milestones")
    if row["date_precision"] != "day":
        raise LookupError(f"milestones.csv: {MEMORANDUM_MILESTONE} has no exact day")
    return _day(row["date_start"])


def memorandum_weekday(ds: Any) -> int:
    """Weekday of the memorandum's signing, Monday = 0 (as :meth:`datetime.date.weekday`)."""
    return memorandum_date(ds).weekday()


def official_count(ds: Any, framework: str) -> OfficialCount | None:
    """The newest count ``framework`` itself announced (``framework_counts.csv``), if any."""
    fc = ds.framework_counts
    fc = fc[(fc["framework"] == framework) & fc["count"].notna()]
    if fc.empty:
        return None
    row = fc.sort_values("as_of_start", kind="stable").iloc[-1]
    return OfficialCount(framework, int(row["count"]), _day(row["as_of_start"]),
                         str(row["as_of_precision"]))


def ilrs_official_count(ds: Any) -> int | None:
    """The ILRS side's own latest count of members, countries and organizations together."""
    count = official_count(ds, ILRS)
    return None if count is None else count.count


def artemis_accords_official_count(ds: Any) -> int | None:
    """The latest official number of Artemis Accords signatories."""
    count = official_count(ds, ARTEMIS_ACCORDS)
    return None if count is None else count.count


def member_count(ds: Any, framework: str, kind: str | None = None, *,
                 year: int | None = None) -> int:
    """Members of ``framework`` in our list (``partners.csv``), of one ``kind`` or all.

    Without ``year``: every listed row that had joined by ``ds.as_of`` or has no known date
    (the ``*_listed_*`` counts). With ``year``: only rows with a known joining date up to the
    end of that year (what the growth chart and the map can place).
    """
    if year is None:
        return len(_members(ds, framework, kind))
    p = _members(ds, framework, kind)
    end = min(pd.Timestamp(int(year), 12, 31), pd.Timestamp(ds.as_of))
    return int((p["joined_on_start"].notna() & (p["joined_on_start"] <= end)).sum())


def ilrs_listed_countries(ds: Any) -> int:
    """ILRS member countries in our list (``partners.csv``), with or without a joining date."""
    return len(_members(ds, ILRS, "country"))


def ilrs_listed_organizations(ds: Any) -> int:
    """International organizations in our ILRS list (``partners.csv``)."""
    return len(_members(ds, ILRS, "organization"))


def ilrs_listed_members(ds: Any) -> int:
    """All ILRS rows in our list: countries and organizations together."""
    return len(_members(ds, ILRS))


def ilrs_dated_members(ds: Any) -> int:
    """ILRS rows in our list with a known joining date (what the growth chart can place)."""
    return int(_members(ds, ILRS)["joined_on_start"].notna().sum())


def artemis_accords_listed_countries(ds: Any) -> int:
    """Artemis Accords signatory countries in our list (``partners.csv``)."""
    return len(_members(ds, ARTEMIS_ACCORDS, "country"))


def artemis_accords_signatories(ds: Any) -> int:
    """Artemis Accords signatories: the official count when the data has one, else our list."""
    official = artemis_accords_official_count(ds)
    return artemis_accords_listed_countries(ds) if official is None else official


def framework_with_more_member_countries(ds: Any) -> str:
    """``"ILRS"``, ``"Artemis Accords"`` or ``"equal"``: the Accords' signatories
    (:func:`artemis_accords_signatories`) against the ILRS countries in our list."""
    artemis, ilrs = artemis_accords_signatories(ds), ilrs_listed_countries(ds)
    if artemis == ilrs:
        return "equal"
    return ARTEMIS_ACCORDS if artemis > ilrs else ILRS


# --------------------------------------------------------------------------- lesson 02


def station_role_count(ds: Any) -> int:
    """Kinds of work (roles) the ILRS plan gives the station."""
    return int(ds.station_roles["role"].nunique())


def station_objective_count(ds: Any) -> int:
    """Objectives of all roles together (each role–objective pair once)."""
    return len(ds.station_roles[["role", "objective"]].drop_duplicates())


def station_roles_row_count(ds: Any) -> int:
    """Rows of ``ds.station_roles``: one per objective and mission, so objectives repeat."""
    return len(ds.station_roles)


def mission_with_most_objectives(ds: Any) -> RankedMission:
    """The mission linked to the most station objectives, with that number."""
    ranked = _ranked(ds, _objective_counts(ds))
    if not ranked:
        raise LookupError("station_roles.csv links no objective to a mission")
    return ranked[0]


def missions_with_fewer_objectives(ds: Any) -> list[str]:
    """Names of the next missions by number of objectives (wrong options)."""
    return [r.name for r in _ranked(ds, _objective_counts(ds))[1:1 + WRONG_OPTIONS]]


def first_ilrs_phase(ds: Any) -> str:
    """Name of the ILRS phase that starts first."""
    phases = _ilrs_phases(ds)
    if phases.empty:
        raise LookupError("phases.csv has no ILRS phase")
    return str(phases.iloc[0]["name"])


def ilrs_phase_names(ds: Any) -> list[str]:
    """Names of the ILRS phases, in order of their start."""
    return [str(n) for n in _ilrs_phases(ds)["name"]]


def ilrs_construction_start_year(ds: Any) -> int:
    """Year the ILRS construction phase is planned to start."""
    return int(_row(ds.phases, ILRS_CONSTRUCTION, "phases")["start_date_start"].year)


def ilrs_construction_end_year(ds: Any) -> int:
    """Year by which the ILRS construction phase should be finished."""
    return int(_row(ds.phases, ILRS_CONSTRUCTION, "phases")["end_date_start"].year)


# --------------------------------------------------------------------------- lesson 03


def artemis_landing_target_years(ds: Any) -> list[int]:
    """Target years of NASA's first crewed Artemis landing, in the order they were announced."""
    return [int(ts.year) for ts in _landing_targets(ds)["target_date_start"]]


def latest_artemis_landing_target_year(ds: Any) -> int:
    """The newest announced target year for NASA's first crewed Artemis landing."""
    return artemis_landing_target_years(ds)[-1]


def artemis_landing_target_shift(ds: Any) -> TargetShift:
    """How far NASA's landing target moved, from the first announcement to the latest."""
    return plan_target_shift(ds, ARTEMIS_LANDING_GOAL)


def artemis_landing_target_at_memorandum(ds: Any) -> int:
    """NASA's landing target year in force when the 2021 memorandum was signed."""
    rows = _landing_targets(ds)
    before = rows[rows["announced_on_start"] <= pd.Timestamp(memorandum_date(ds))]
    row = before.iloc[-1] if not before.empty else rows.iloc[0]
    return int(row["target_date_start"].year)


def artemis_landing_goal_of_2021_held(ds: Any) -> bool:
    """Whether Artemis landed a crew by the target year in force in 2021 (from ``missions``)."""
    m = ds.missions
    landed = m[(m["program"] == "Artemis") & (m["mission_type"] == "crewed_lunar_landing")
               & (m["status"] == "success")]
    if landed.empty:
        return False
    first = landed["landing_date_start"].fillna(landed["launch_date_start"]).min()
    return bool(first.year <= artemis_landing_target_at_memorandum(ds))


def target_changes(ds: Any) -> pd.Series:
    """Times each plan's target moved: announcements whose target starts on another day than
    the one before it (oldest first). Restating the same target is not a change."""
    sh = ds.schedule_history.sort_values(["mission_id", "announced_on_start"], kind="stable")
    moved = sh.groupby("mission_id")["target_date_start"].transform(
        lambda s: s.ne(s.shift()) & s.shift().notna())
    return moved.groupby(sh["mission_id"]).sum().astype(int)


def most_revised_plan(ds: Any) -> RankedMission:
    """The plan whose target changed most often (:func:`target_changes`), and how often."""
    ranked = _ranked(ds, target_changes(ds))
    if not ranked:
        raise LookupError("schedule_history.csv is empty")
    return ranked[0]


def other_revised_plans(ds: Any) -> list[str]:
    """Names of the next most revised plans (wrong options)."""
    return [r.name for r in _ranked(ds, target_changes(ds))[1:1 + WRONG_OPTIONS]]


def plan_target_shift(ds: Any, plan_id: str) -> TargetShift:
    """How a plan's target year moved, first announcement to latest (LookupError if none)."""
    targets = _targets(ds, plan_id)["target_date_start"]
    return TargetShift(int(targets.iloc[0].year), int(targets.iloc[-1].year))


def luna_26_target_shift(ds: Any) -> TargetShift:
    """How far Russia's Luna 26 orbiter's target year moved."""
    return plan_target_shift(ds, LUNA_26)


def planned_moon_missions(ds: Any, side: str) -> int:
    """Planned Moon missions with a launch date on one side ("ilrs" or "us") of the overview."""
    from .charts import overview

    m = overview.missions(ds)
    return int(((m["side"] == side) & (m["kind"] == "planned")).sum())


def planned_moon_missions_ilrs(ds: Any) -> int:
    """Planned Moon missions of the China–Russia side (Chang'e and Luna)."""
    return planned_moon_missions(ds, "ilrs")


def planned_moon_missions_us(ds: Any) -> int:
    """Planned Moon missions of the US-led side (Apollo, Artemis and CLPS)."""
    return planned_moon_missions(ds, "us")


def side_with_more_planned_moon_missions(ds: Any) -> str:
    """``"ilrs"``, ``"us"`` or ``"equal"``: the side with more planned Moon missions."""
    a, b = planned_moon_missions_ilrs(ds), planned_moon_missions_us(ds)
    return "ilrs" if a > b else ("us" if b > a else "equal")


def luna_25_failed(ds: Any) -> bool:
    """Whether Luna 25, listed under the station's landing objectives, failed."""
    return bool((ds.missions.loc[ds.missions["id"] == LUNA_25, "status"] == "failure").any())


def luna_26_slipped(ds: Any) -> bool:
    """Whether Luna 26's target year moved later (False without a schedule for it)."""
    return bool((ds.schedule_history["mission_id"] == LUNA_26).any()
                and luna_26_target_shift(ds).years > 0)


def china_crewed_landing_year(ds: Any) -> int:
    """Year by which China aims to land its own astronauts on the Moon."""
    return int(_row(ds.phases, CHINA_LANDING_GOAL, "phases")["start_date_start"].year)


# --------------------------------------------------------------------------- lesson 04


def widest_polar_crater(ds: Any) -> Crater:
    """The widest crater within 10° of the south pole."""
    polar = _polar_craters(ds)
    if polar.empty:
        raise LookupError("sites.csv has no crater with a width near the south pole")
    row = polar.iloc[0]
    return Crater(str(row["id"]), str(row["name"]), float(row["diameter_km"]))


def other_polar_craters(ds: Any) -> list[str]:
    """Names of the next widest craters near the south pole (wrong options)."""
    return [str(n) for n in _polar_craters(ds)["name"].iloc[1:1 + WRONG_OPTIONS]]


def shackleton_diameter_km(ds: Any) -> float:
    """Width of Shackleton crater, the one with the pole almost on its rim."""
    return float(_row(ds.sites, SHACKLETON, "sites")["diameter_km"])


# --------------------------------------------------------------------------- lesson 05


def report_details(ds: Any) -> ReportDetails:
    """The 2021 report's headline and credit, and the signing it came out shortly after."""
    return ReportDetails(REPORT_TITLE, REPORT_CREDIT, memorandum_date(ds))


def claim_count(ds: Any) -> int:
    """Claims of the 2021 report checked in our data."""
    return len(ds.article_claims)


def verdict_counts(ds: Any) -> dict[str, int]:
    """How many claims have each verdict, every verdict listed (in ``theme.VERDICTS`` order)."""
    from .theme import VERDICTS

    counts = ds.article_claims["verdict"].value_counts()
    return {v: int(counts.get(v, 0)) for v in VERDICTS}


def claims_true_count(ds: Any) -> int:
    """Claims that were true when the report was written and are still true."""
    return verdict_counts(ds)["true"]


def claims_true_then_changed_count(ds: Any) -> int:
    """Claims that were true when written, about a plan or situation that changed since."""
    return verdict_counts(ds)["true_then_changed"]


def claims_partly_true_count(ds: Any) -> int:
    """Claims with one part right and one part wrong."""
    return verdict_counts(ds)["partly_true"]


def claim_checks(ds: Any) -> list[ClaimCheck]:
    """Every claim's check, in table order (the claims table, lesson and guide key read it)."""
    from .theme import verdict_label
    from .theme import verdict_mark

    src = ds.sources.set_index("id")
    return [ClaimCheck(str(r.id), str(r.claim), str(r.verdict), verdict_label(r.verdict),
                       verdict_mark(r.verdict), str(r.reason), str(r.check_source_id),
                       *(str(src.at[r.check_source_id, k]) for k in ("title", "publisher",
                                                                      "kind")),
                       _day(r.checked_on_start)) for r in ds.article_claims.itertuples()]


def first_true_then_changed_claim(ds: Any) -> str:
    """The first claim (in table order) that was true when written but whose plan changed."""
    c = ds.article_claims
    rows = c[c["verdict"] == "true_then_changed"]
    if rows.empty:
        raise LookupError("article_claims.csv has no claim with verdict 'true_then_changed'")
    return str(rows.iloc[0]["claim"])


def some_true_claims(ds: Any) -> list[str]:
    """The first claims that are simply true (wrong options next to another verdict)."""
    c = ds.article_claims
    return [str(x) for x in c[c["verdict"] == "true"]["claim"].iloc[:WRONG_OPTIONS]]


def state_media_check_count(ds: Any) -> int:
    """Claims we checked mainly with a state's own media (sources of kind ``state_media``)."""
    return sum(check.source_kind == "state_media" for check in claim_checks(ds))


def years_from_vostok_to_memorandum(ds: Any) -> int:
    """Years between Vostok 1 and the 2021 memorandum, as the difference of the two years."""
    return memorandum_date(ds).year - vostok_launch_year(ds)


def days_from_vostok_to_memorandum(ds: Any) -> int:
    """Days between Vostok 1's launch and the memorandum's signing."""
    return (memorandum_date(ds) - vostok_launch_date(ds)).days


# --------------------------------------------------------------------------- rows


def source_rows(ds: Any) -> pd.DataFrame:
    """Every source with its title, publisher and web address."""
    return ds.sources[["id", "title", "publisher", "url"]]


def mission_rows(ds: Any) -> pd.DataFrame:
    """The missions table, one row per mission."""
    return ds.missions[["id", "name", "program", "launch_date", "status"]]


def crewed_mission_rows(ds: Any) -> pd.DataFrame:
    """Crewed flights, Moon missions and the report's context milestones, earliest first."""
    f = _flights(ds)
    f = f[f["crewed"].astype(bool)].sort_values("launch_date_start", kind="stable")
    return f[["id", "name", "launch_date"]].reset_index(drop=True)


def agency_claim_rows(ds: Any) -> pd.DataFrame:
    """The 2021 report's claims with what happened (the signing ceremony among them)."""
    return ds.article_claims[["id", "claim", "what_happened"]]


def ilrs_country_rows(ds: Any) -> pd.DataFrame:
    """ILRS member countries in our list."""
    return _members(ds, ILRS, "country")[["entity", "iso3", "joined_on"]]


def framework_count_rows(ds: Any) -> pd.DataFrame:
    """The official member counts of both frameworks."""
    return ds.framework_counts[["framework", "count", "as_of"]]


def framework_summary_rows(ds: Any) -> pd.DataFrame:
    """The official counts with their notes."""
    return ds.framework_counts[["framework", "count", "summary"]]


def objective_rows(ds: Any) -> pd.DataFrame:
    """Each role–objective pair once."""
    return ds.station_roles[["role", "objective"]].drop_duplicates()


def objectives_per_mission_rows(ds: Any) -> pd.DataFrame:
    """Missions with the number of objectives they are linked to, most first."""
    ranked = _ranked(ds, _objective_counts(ds))
    return pd.DataFrame({"mission_id": [r.mission_id for r in ranked],
                         "objectives": [r.count for r in ranked]})


def ilrs_phase_rows(ds: Any) -> pd.DataFrame:
    """The ILRS phases in order, with their dates."""
    return _ilrs_phases(ds)[["id", "name", "start_date", "end_date", "qualifier"]]


def artemis_landing_target_rows(ds: Any) -> pd.DataFrame:
    """Every announced target of NASA's first crewed Artemis landing, oldest first."""
    return _landing_targets(ds)[["announced_on", "target_date", "qualifier"]]


def revisions_per_plan_rows(ds: Any) -> pd.DataFrame:
    """Plans with how often their target changed and how many announcements they have."""
    ranked = _ranked(ds, target_changes(ds))
    announced = ds.schedule_history["mission_id"].value_counts()
    return pd.DataFrame({"mission_id": [r.mission_id for r in ranked],
                         "target_changes": [r.count for r in ranked],
                         "announcements": [int(announced[r.mission_id]) for r in ranked]})


def planned_moon_mission_rows(ds: Any) -> pd.DataFrame:
    """Planned Moon missions of both sides with a launch date, as the overview draws them."""
    from .charts import overview

    m = overview.missions(ds)
    return m[m["kind"] == "planned"][["name", "program", "launch_date", "date_qualifier"]]


def memorandum_rows(ds: Any) -> pd.DataFrame:
    """The 2021 memorandum's milestone row."""
    ms = ds.milestones
    return ms[ms["id"] == MEMORANDUM_MILESTONE][["title", "date", "summary"]]


def luna_25_rows(ds: Any) -> pd.DataFrame:
    """The station objectives Luna 25 was meant to serve."""
    sr = ds.station_roles
    return sr[sr["mission_id"] == LUNA_25][["role", "objective", "mission_id"]]


def luna_26_target_rows(ds: Any) -> pd.DataFrame:
    """Every announced target of Luna 26, oldest first."""
    sh = ds.schedule_history.sort_values("announced_on_start", kind="stable")
    return sh[sh["mission_id"] == LUNA_26][["announced_on", "target_date", "qualifier"]]


def candidate_region_rows(ds: Any) -> pd.DataFrame:
    """NASA's candidate landing regions, with their (empty) coordinates."""
    s = ds.sites
    return s[s["kind"] == "candidate_region"][["name", "lat", "lon"]]


def goal_rows(ds: Any) -> pd.DataFrame:
    """The crewed-landing goals (``kind == 'goal'`` in phases)."""
    ph = ds.phases
    return ph[ph["kind"] == "goal"][["id", "name", "start_date"]]


def water_ice_objective_rows(ds: Any) -> pd.DataFrame:
    """The station objective about water ice at the poles, with its missions."""
    sr = ds.station_roles
    from .datatext import english_text

    return sr[english_text(sr, "objective") == WATER_ICE_OBJECTIVE][
        ["objective", "mission_id", "summary"]]


def polar_crater_rows(ds: Any) -> pd.DataFrame:
    """Craters within 10° of the south pole, widest first."""
    return _polar_craters(ds)[["name", "lat", "lon", "diameter_km"]]


def shackleton_rows(ds: Any) -> pd.DataFrame:
    """Shackleton crater's row."""
    s = ds.sites
    return s[s["id"] == SHACKLETON][["name", "lat", "diameter_km"]]


def verdict_count_rows(ds: Any) -> pd.DataFrame:
    """How many claims have each verdict (every verdict, in words)."""
    from .theme import verdict_label

    counts = verdict_counts(ds)
    return pd.DataFrame({"verdict": [verdict_label(v) for v in counts],
                         "claims": list(counts.values())})


def changed_since_claim_rows(ds: Any) -> pd.DataFrame:
    """Claims that were true when written but whose plan changed since, with the reason."""
    c = ds.article_claims
    return c[c["verdict"] == "true_then_changed"][["claim", "reason", "what_happened"]]


def too_soon_claim_rows(ds: Any) -> pd.DataFrame:
    """Claims that cannot be judged yet."""
    c = ds.article_claims
    return c[c["verdict"] == "too_soon"][["claim", "reason", "checked_on"]]


def claim_check_rows(ds: Any) -> pd.DataFrame:
    """Each claim with its verdict, reason and the source we checked it with."""
    checks = claim_checks(ds)
    return pd.DataFrame({"claim": [c.claim for c in checks],
                         "verdict": [c.label for c in checks],
                         "reason": [c.reason for c in checks],
                         "checked_with": [c.source for c in checks],
                         "publisher": [c.publisher for c in checks],
                         "kind": [c.source_kind for c in checks]})


def context_rows(ds: Any) -> pd.DataFrame:
    """The report's context milestones (not Moon missions), earliest first."""
    c = ds.context.sort_values("launch_date_start", kind="stable")
    return c[["id", "name", "kind", "launch_date", "claim_id"]].reset_index(drop=True)


#: The ids and types above, then every public function defined here, in the order written.
__all__ = [*fact_types.__all__, *(
    name for name, value in list(globals().items())
    if inspect.isfunction(value) and value.__module__ == __name__ and not name.startswith("_"))]
