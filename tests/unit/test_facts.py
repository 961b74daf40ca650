"""Facts (facts.py): each computed from the tables, read through the real loader.

The data is ``tests/fixtures/minimal/`` plus, for the ``lesson_ds`` fixture, a few rows appended
to its CSV files, chosen so that each fact has a trap to fall into (an organization among the
countries, a wider crater outside the polar cap, a member with no known joining date, an
objective listed once per mission …). A few sanity checks run on the shipped data.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from lunarexplainer import facts
from lunarexplainer import load_dataset
from lunarexplainer.facts import Crater
from lunarexplainer.facts import OfficialCount
from lunarexplainer.facts import RankedMission
from lunarexplainer.facts import TargetShift

MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal"

EXTRA_ROWS = {
    "context.csv": [
        "vostok-1,Vostok 1,Soviet space program,RUS,crewed_earth_orbit,true,1961-04-12,,"
        "1961-04-12,success,,First person in space.,src-a",
        "shenzhou-5,Shenzhou 5,CMSA,CHN,crewed_earth_orbit,true,2003-10-15,,2003-10-15,"
        "success,,China's first astronaut.,src-a",
    ],
    "missions.csv": [
        "artemis-4,Artemis IV,Artemis,NASA,USA,crewed_lunar_landing,true,2028,,,,2026-02-27,"
        "planned,,,,Planned crew landing.,src-b;src-c",
        "luna-26,Luna 26,Luna,Roscosmos,RUS,orbiter,false,,,,,2026-04-13,planned,,,,"
        "No launch date yet.,src-b",
    ],
    "sources.csv": [
        "src-c,Plan of February 2026,Example Agency,https://example.org/c,official,2026-02-27,"
        "2026-11-24",
        "src-d,Count of April 2025,Example Agency,https://example.org/d,official,2025-04-23,"
        "2026-11-24",
        "src-e,Count of January 2024,Example Agency,https://example.org/e,official,2024-01-01,"
        "2026-11-24",
    ],
    "milestones.csv": [
        "ilrs-mou-2021,2021-03-09,ILRS,Memorandum signed,The memorandum.,src-a",
    ],
    "partners.csv": [
        "ilrs-china,ILRS,China,CHN,country,2021-03-09,Founding partner.,src-a",
        "ilrs-dji,ILRS,Djibouti,DJI,country,,Joined; date unknown.,src-a",
        "accords-can,Artemis Accords,Canada,CAN,country,2020-10-13,Signatory.,src-b",
    ],
    "framework_counts.csv": [
        "ilrs-2025,ILRS,17,2025-04-23,Official count.,src-a;src-d",
        "accords-2024,Artemis Accords,2,2024-01-01,Older count.,src-e",
    ],
    "schedule_history.csv": [
        "afl-2021-11,artemis-first-crewed-landing,2021-11,NASA,2025,NET,Slipped.,src-b",
        "afl-2026-02-27,artemis-first-crewed-landing,2026-02-27,NASA,2028,,Slipped again.,src-b",
        "afl-2018-06,artemis-first-crewed-landing,2018-06,NASA,2023,,Before the memorandum.,src-b",
        "c7-2024-05,change-7,2024-05,CNSA,2026-08,,Month given.,src-a",
        "c7-2024-09,change-7,2024-09,CNSA,2026-08,,Restated.,src-a",
        "c7-2025-03,change-7,2025-03,CNSA,2026-08,,Restated again.,src-a",
        "c7-2025-02,change-7,2025-02,CNSA,2026-08,,Restated once more.,src-a",
    ],
    "sites.csv": [
        "amundsen,Amundsen,crater,-84.5,82.8,103.39,,Wide polar crater.,src-a",
        "cabeus,Cabeus,crater,-85.28,-41.81,101,,Polar crater.,src-a",
        "schroedinger,Schrödinger,crater,-75,132,316,,Wider but outside the polar cap.,src-a",
        "haworth,Haworth,crater,-87.2,-5,,,Width unknown here.,src-a",
    ],
    "station_roles.csv": [
        "ice-change-7,lunar exploration and utilization,"
        "water ice and other volatiles at the poles,change-7,"
        "Ice.,src-a",
        "ice-change-4,lunar exploration and utilization,"
        "water ice and other volatiles at the poles,change-4,"
        "Ice again.,src-a",
        "landing-change-7,technical verification,safe landing,change-7,Landing.,src-a",
    ],
    "article_claims.csv": [
        "claim-nasa-2024,NASA lands by 2024.,It did not.,true_then_changed,The plan changed.,"
        "src-b,2026-11-24,src-b",
        "claim-station,The station runs on its own.,Not built yet.,too_soon,Not built.,src-a,"
        "2026-11-24,src-a",
        "claim-tuesday,Signed on a Tuesday.,It was.,true,It was a Tuesday.,src-a,2026-11-24,"
        "src-a",
        "claim-mars,Second on Mars.,Mars 3 landed first.,partly_true,Half right.,src-b,"
        "2026-11-24,src-a;src-b",
    ],
}


@pytest.fixture(scope="module")
def minimal_ds():
    return load_dataset(MINIMAL)


@pytest.fixture(scope="module")
def lesson_ds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lesson-data")
    for path in MINIMAL.glob("*.csv"):
        shutil.copy(path, folder / path.name)
    for name, rows in EXTRA_ROWS.items():
        with (folder / name).open("a", encoding="utf-8") as handle:
            handle.write("".join(f"{row}\n" for row in rows))
    return load_dataset(folder)


@pytest.fixture(scope="module")
def shipped():
    return load_dataset()


# --------------------------------------------------------------------------- lesson 00


def test_mission_counts(lesson_ds):
    # Moon missions only: Vostok 1 and Shenzhou 5 are context (context.csv), not counted
    assert facts.mission_count(lesson_ds) == 5
    assert facts.missions_with_launch_date_count(lesson_ds) == 4  # Luna 26 has none
    assert facts.mission_column_count(lesson_ds) == len(lesson_ds.missions.columns)


def test_first_human_spaceflight(lesson_ds):
    assert facts.vostok_launch_date(lesson_ds) == dt.date(1961, 4, 12)
    assert facts.vostok_launch_year(lesson_ds) == 1961
    assert sorted(facts.other_crewed_flight_years(lesson_ds)) == [1969, 2003]


def test_a_missing_row_is_named(minimal_ds):
    with pytest.raises(LookupError, match="context.csv has no row with id 'vostok-1'"):
        facts.vostok_launch_year(minimal_ds)
    with pytest.raises(LookupError, match="ilrs-mou-2021"):
        facts.memorandum_date(minimal_ds)


# --------------------------------------------------------------------------- lesson 01


def test_memorandum_is_found_by_its_milestone_id(lesson_ds):
    assert facts.memorandum_date(lesson_ds) == dt.date(2021, 3, 9)
    assert facts.memorandum_weekday(lesson_ds) == 1  # Tuesday, Monday being 0


def test_the_three_kinds_of_member_count_differ(lesson_ds):
    # official (framework_counts.csv, newest row) against our rows (partners.csv)
    assert facts.ilrs_official_count(lesson_ds) == 17
    assert facts.artemis_accords_official_count(lesson_ds) == 3  # 2026 row beats the 2024 one
    assert facts.official_count(lesson_ds, "Artemis Accords") == OfficialCount(
        "Artemis Accords", 3, dt.date(2026, 4, 13), "day")
    # Russia, China and Djibouti (no date)
    assert facts.ilrs_listed_countries(lesson_ds) == 3
    assert facts.ilrs_listed_organizations(lesson_ds) == 1
    assert facts.ilrs_listed_members(lesson_ds) == 4
    assert facts.ilrs_dated_members(lesson_ds) == 3  # Djibouti has no joining date
    assert facts.artemis_accords_listed_countries(lesson_ds) == 2
    assert facts.artemis_accords_signatories(lesson_ds) == 3


def test_member_count_by_year_counts_only_dated_rows(lesson_ds):
    assert facts.member_count(lesson_ds, "ILRS", "country") == 3  # with Djibouti (no date)
    assert facts.member_count(lesson_ds, "ILRS", "country", year=2021) == 2
    assert facts.member_count(lesson_ds, "ILRS", year=2022) == 2
    assert facts.member_count(lesson_ds, "ILRS", year=2023) == 3  # the organization joins
    assert facts.member_count(lesson_ds, "ILRS", year=2031) == 3  # not past the data's date


def test_without_an_official_count(minimal_ds):
    assert facts.ilrs_official_count(minimal_ds) is None
    assert facts.official_count(minimal_ds, "ILRS") is None


def test_which_framework_has_more_countries(lesson_ds, minimal_ds):
    assert facts.framework_with_more_member_countries(lesson_ds) == "equal"  # 3 and 3
    assert facts.framework_with_more_member_countries(minimal_ds) == "Artemis Accords"
    more = lesson_ds.copy()
    more.framework_counts = more.framework_counts[more.framework_counts["framework"] == "ILRS"]
    assert facts.artemis_accords_signatories(more) == 2  # falls back to our rows
    assert facts.framework_with_more_member_countries(more) == "ILRS"


# --------------------------------------------------------------------------- lesson 02


def test_roles_and_objectives(lesson_ds):
    assert facts.station_role_count(lesson_ds) == 2
    # rock samples, in-situ resources, water ice (two missions, one objective), safe landing
    assert facts.station_objective_count(lesson_ds) == 4
    assert facts.station_roles_row_count(lesson_ds) == 5


def test_mission_with_most_objectives(lesson_ds):
    assert facts.mission_with_most_objectives(lesson_ds) == RankedMission(
        "change-4", "Chang'e 4", 2)  # ties with Chang'e 7 are broken by id
    assert facts.missions_with_fewer_objectives(lesson_ds) == ["Chang'e 7"]


def test_ilrs_phases(lesson_ds):
    assert facts.first_ilrs_phase(lesson_ds) == "Reconnaissance"
    assert facts.ilrs_phase_names(lesson_ds) == ["Reconnaissance", "Construction", "Utilization"]
    assert facts.ilrs_construction_start_year(lesson_ds) == 2026
    assert facts.ilrs_construction_end_year(lesson_ds) == 2035


# --------------------------------------------------------------------------- lesson 03


def test_landing_targets_in_the_order_they_were_announced(lesson_ds):
    assert facts.artemis_landing_target_years(lesson_ds) == [2023, 2024, 2025, 2028]
    assert facts.latest_artemis_landing_target_year(lesson_ds) == 2028
    shift = facts.artemis_landing_target_shift(lesson_ds)
    assert (shift.first, shift.latest, shift.years) == (2023, 2028, 5)
    assert shift == TargetShift(2023, 2028)
    # in force on 9 March 2021: the 2019 announcement (2024), not the 2018 one
    assert facts.artemis_landing_target_at_memorandum(lesson_ds) == 2024
    assert facts.artemis_landing_goal_of_2021_held(lesson_ds) is False


def test_a_landing_by_the_2021_target_counts_as_held(lesson_ds):
    landed = lesson_ds.copy()
    m = landed.missions
    row = m["id"] == "artemis-4"
    m.loc[row, "status"] = "success"
    m.loc[row, "landing_date_start"] = m.loc[row, "launch_date_start"].iloc[0].replace(year=2024)
    assert facts.artemis_landing_goal_of_2021_held(landed) is True


def test_most_revised_plan_counts_changes_not_restatements(lesson_ds):
    # Chang'e 7 has the most rows (5), but its target changed once; the restatements of
    # the same target are not changes. The Artemis landing target changed three times.
    rows = lesson_ds.schedule_history["mission_id"].value_counts()
    assert rows["change-7"] > rows["artemis-first-crewed-landing"]
    assert facts.target_changes(lesson_ds).to_dict() == {
        "artemis-first-crewed-landing": 3, "change-7": 1}
    assert facts.most_revised_plan(lesson_ds) == RankedMission(
        "artemis-first-crewed-landing", "First Artemis landing", 3)
    assert facts.other_revised_plans(lesson_ds) == ["Chang'e 7"]
    why = facts.revisions_per_plan_rows(lesson_ds)
    assert why.to_dict("list") == {"mission_id": ["artemis-first-crewed-landing", "change-7"],
                                   "target_changes": [3, 1], "announcements": [4, 5]}
    shift = facts.plan_target_shift(lesson_ds, "change-7")
    assert (shift.first, shift.latest, shift.years) == (2026, 2026, 0)
    with pytest.raises(LookupError, match="schedule_history.csv has no rows for 'no-such-plan'"):
        facts.plan_target_shift(lesson_ds, "no-such-plan")


def test_china_goal(lesson_ds):
    assert facts.china_crewed_landing_year(lesson_ds) == 2030


# --------------------------------------------------------------------------- lesson 04


def test_widest_crater_near_the_pole(lesson_ds):
    # Schrödinger is wider but 15° from the pole; Haworth has no width
    assert facts.widest_polar_crater(lesson_ds) == Crater("amundsen", "Amundsen", 103.39)
    assert facts.other_polar_craters(lesson_ds) == ["Cabeus", "Shackleton"]
    assert facts.shackleton_diameter_km(lesson_ds) == 21.0
    assert list(facts.polar_crater_rows(lesson_ds)["name"]) == ["Amundsen", "Cabeus",
                                                                "Shackleton"]


# --------------------------------------------------------------------------- lesson 05


def test_claims(lesson_ds, minimal_ds):
    assert facts.claim_count(lesson_ds) == 5
    assert facts.verdict_counts(lesson_ds) == {"true": 2, "true_then_changed": 1,
                                               "partly_true": 1, "not_true": 0, "too_soon": 1}
    assert facts.claims_true_count(lesson_ds) == 2
    assert facts.claims_true_then_changed_count(lesson_ds) == 1
    assert facts.claims_partly_true_count(lesson_ds) == 1
    assert facts.first_true_then_changed_claim(lesson_ds) == "NASA lands by 2024."
    assert facts.some_true_claims(lesson_ds) == ["The station is open to partners.",
                                                 "Signed on a Tuesday."]
    with pytest.raises(LookupError, match="true_then_changed"):
        facts.first_true_then_changed_claim(minimal_ds)


def test_claim_checks_name_the_source_and_its_kind(lesson_ds):
    checks = {c.id: c for c in facts.claim_checks(lesson_ds)}
    assert list(checks)[0] == "claim-open"  # table order
    mars = checks["claim-mars"]
    assert (mars.verdict, mars.label, mars.mark, mars.reason) == (
        "partly_true", "partly true", "◐", "Half right.")
    assert (mars.source_id, mars.source, mars.publisher, mars.source_kind) == (
        "src-b", "Another page, with a comma", "Example Agency", "official")
    assert mars.checked_on == dt.date(2026, 11, 24)
    assert checks["claim-nasa-2024"].mark == "↻"
    assert facts.state_media_check_count(lesson_ds) == 0
    state = lesson_ds.copy()
    state.sources.loc[state.sources["id"] == "src-b", "kind"] = "state_media"
    assert facts.state_media_check_count(state) == 2  # claim-nasa-2024 and claim-mars


def test_report_details(lesson_ds):
    report = facts.report_details(lesson_ds)
    assert report.title == facts.REPORT_TITLE and report.credit == facts.REPORT_CREDIT
    assert report.after == dt.date(2021, 3, 9)


def test_years_and_days_from_vostok_to_the_memorandum(lesson_ds):
    assert facts.years_from_vostok_to_memorandum(lesson_ds) == 60
    assert facts.days_from_vostok_to_memorandum(lesson_ds) == (
        dt.date(2021, 3, 9) - dt.date(1961, 4, 12)).days


# --------------------------------------------------------------------------- rows


def test_rows_show_what_the_fact_counts(lesson_ds):
    assert len(facts.ilrs_country_rows(lesson_ds)) == facts.ilrs_listed_countries(lesson_ds)
    assert len(facts.objective_rows(lesson_ds)) == facts.station_objective_count(lesson_ds)
    top = facts.objectives_per_mission_rows(lesson_ds).iloc[0]
    assert (top["mission_id"], top["objectives"]) == ("change-4", 2)
    assert list(facts.artemis_landing_target_rows(lesson_ds)["target_date"]) == [
        "2023", "2024", "2025", "2028"]
    assert len(facts.water_ice_objective_rows(lesson_ds)) == 2
    assert list(facts.changed_since_claim_rows(lesson_ds)["claim"]) == ["NASA lands by 2024."]
    assert len(facts.too_soon_claim_rows(lesson_ds)) == 1
    assert len(facts.claim_check_rows(lesson_ds)) == facts.claim_count(lesson_ds)
    assert dict(zip(*facts.verdict_count_rows(lesson_ds).to_dict("list").values(),
                    strict=True))["not true"] == 0
    assert list(facts.context_rows(lesson_ds)["id"]) == ["first-flight", "vostok-1",
                                                         "shenzhou-5"]
    assert list(facts.crewed_mission_rows(lesson_ds)["id"]) == [
        "first-flight", "vostok-1", "apollo-11", "shenzhou-5", "artemis-4"]


def test_every_rows_function_gives_a_table(lesson_ds):
    names = [n for n in facts.__all__ if n.endswith("_rows")]
    assert len(names) >= 15
    for name in names:
        table = getattr(facts, name)(lesson_ds)
        assert list(table.columns), name


# --------------------------------------------------------------------------- shipped data


def test_shipped_data_sanity(shipped):
    assert facts.memorandum_date(shipped) == dt.date(2021, 3, 9)
    assert facts.vostok_launch_year(shipped) == 1961
    assert facts.years_from_vostok_to_memorandum(shipped) == 60
    countries, orgs = facts.ilrs_listed_countries(shipped), facts.ilrs_listed_organizations(shipped)
    assert facts.ilrs_listed_members(shipped) == countries + orgs
    assert facts.ilrs_dated_members(shipped) <= facts.ilrs_listed_members(shipped)
    assert facts.artemis_accords_signatories(shipped) >= facts.artemis_accords_listed_countries(
        shipped) > countries
    shift = facts.artemis_landing_target_shift(shipped)
    assert shift.years == shift.latest - shift.first > 0
    assert facts.widest_polar_crater(shipped).diameter_km > facts.shackleton_diameter_km(shipped)
    assert 0 < facts.claims_true_count(shipped) < facts.claim_count(shipped)
    assert sum(facts.verdict_counts(shipped).values()) == facts.claim_count(shipped)
    # The teacher's two cases: NASA's 2024 aim was true when written; the Mars claim is not
    # simply true, because the Soviet Mars 3 landed first.
    c = shipped.article_claims.set_index("id")
    assert c.at["claim-nasa-2024", "verdict"] == "true_then_changed"
    assert c.at["claim-second-on-mars", "verdict"] == "partly_true"
