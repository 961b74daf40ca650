"""A small, made-up Dataset-like object for figure tests.

The rows are test fixtures, not facts: tests compute every expected number from these
tables, so they never depend on the curated data in data/*.csv.
"""

from __future__ import annotations

import calendar
from types import SimpleNamespace

import pandas as pd

XSS = "<img src=x onerror=alert(1)>"

DATE_COLUMNS = {
    "missions": ["launch_date", "landing_date", "end_date", "as_of"],
    "sites": [],
    "partners": ["joined_on"],
    "framework_counts": ["as_of"],
    "schedule_history": ["announced_on", "target_date"],
    "phases": ["start_date", "end_date", "announced_on"],
    "milestones": ["date"],
    "station_roles": [],
    "article_claims": ["checked_on"],
    "sources": ["published", "accessed"],
}


def _span(value: object) -> tuple[object, pd.Timestamp, pd.Timestamp]:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return pd.NA, pd.NaT, pd.NaT
    text = str(value)
    if text == "":
        return pd.NA, pd.NaT, pd.NaT
    if len(text) == 4:
        year = int(text)
        return "year", pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    if len(text) == 7:
        year, month = int(text[:4]), int(text[5:7])
        last = calendar.monthrange(year, month)[1]
        return "month", pd.Timestamp(year, month, 1), pd.Timestamp(year, month, last)
    day = pd.Timestamp(text)
    return "day", day, day


def _add_dates(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    for col in columns:
        spans = [_span(v) for v in df[col]]
        df[f"{col}_precision"] = pd.array([s[0] for s in spans], dtype="string")
        df[f"{col}_start"] = pd.to_datetime(pd.Series([s[1] for s in spans], index=df.index))
        df[f"{col}_end"] = pd.to_datetime(pd.Series([s[2] for s in spans], index=df.index))
    return df


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=columns).astype("string")
    return df.fillna(pd.NA)


MISSION_COLUMNS = (
    "id,name,program,agency,country_iso3,mission_type,crewed,launch_date,landing_date,end_date,"
    "date_qualifier,as_of,status,site_id,ilrs_phase,summary,source_ids"
).split(",")


def _mission(mid, name, program, crewed, launch, status, site="", phase="", qual="", asof=""):
    return {
        "id": mid, "name": name, "program": program, "agency": "X", "country_iso3": "CHN",
        "mission_type": "lander", "crewed": crewed, "launch_date": launch, "landing_date": "",
        "end_date": "", "date_qualifier": qual, "as_of": asof, "status": status,
        "site_id": site, "ilrs_phase": phase, "summary": f"Summary of {name}.",
        "source_ids": "s1;s2",
    }


def make_fake_dataset(xss: bool = False) -> SimpleNamespace:
    """Build the fake dataset; with ``xss=True`` some names contain live-looking HTML."""
    bad = XSS if xss else "Chang'e 7"
    missions = [
        _mission("change-4", "Chang'e 4", "Chang'e", "false", "2018-12-07", "success",
                 "site-change-4", "reconnaissance"),
        _mission("change-6", "Chang'e 6", "Chang'e", "false", "2024-05-03", "success",
                 "site-change-6", "reconnaissance"),
        _mission("change-7", bad, "Chang'e", "false", "2026-08", "planned",
                 "site-change-7", "reconnaissance", "around", "2026-11-01"),
        _mission("change-8", "Chang'e 8", "Chang'e", "false", "2028", "planned",
                 "site-change-8", "construction", "", "2026-11-01"),
        _mission("luna-25", "Luna 25", "Luna", "false", "2023-08-10", "failure",
                 "site-luna-25"),
        _mission("luna-26", "Luna 26", "Luna", "false", "2028", "planned", "",
                 "construction", "NET", "2026-10-01"),
        _mission("artemis-1", "Artemis I", "Artemis", "false", "2022-11-16", "success"),
        _mission("artemis-2", "Artemis II", "Artemis", "true", "2026-04", "in_progress",
                 "", "", "", "2026-11-01"),
        _mission("artemis-3", "Artemis III", "Artemis", "true", "2027", "planned",
                 "site-artemis-3", "", "NET", "2026-11-01"),
        _mission("im-1", "IM-1", "CLPS", "false", "2024-02-15", "partial", "site-im-1"),
        _mission("apollo-11", "Apollo 11", "Apollo", "true", "1969-07-16", "success",
                 "site-apollo-11"),
        _mission("chandrayaan-3", "Chandrayaan-3", "Chandrayaan", "false", "2023-07-14",
                 "success", "site-chandrayaan-3"),
        _mission("beresheet", "Beresheet", "other", "false", "2019-02-22", "failure"),
        _mission("luna-24", "Luna 24", "Luna", "false", "1976-08-09", "success"),
    ]
    missions_df = _frame(missions, MISSION_COLUMNS)
    missions_df["crewed"] = missions_df["crewed"].map({"true": True, "false": False}).astype(bool)

    sites = _frame(
        [
            ["shackleton", "Shackleton", "crater", "-89.67", "129.78", "21", "", "Crater.", "s1"],
            ["de-gerlache", "de Gerlache", "crater", "-88.5", "-87.1", "32", "", "Crater.", "s1"],
            ["apollo-basin", "Apollo basin", "basin", "-36.1", "-151.8", "524", "", "B.", "s1"],
            ["site-change-7", bad if xss else "Chang'e 7 target", "landing_site", "-88.8",
             "-137.4", "", "Chang'e", "Target.", "s2"],
            ["site-artemis-3", "Artemis III region", "candidate_region", "-89.5", "-12.3", "",
             "Artemis", "Region.", "s2"],
            ["site-change-8", "Chang'e 8 target", "landing_site", "-85", "30", "", "Chang'e",
             "Target.", "s2"],
            ["site-apollo-11", "Tranquility Base", "landing_site", "0.67", "23.47", "",
             "Apollo", "Site.", "s2"],
            ["site-change-4", "Chang'e 4 site", "landing_site", "-45.44", "177.6", "",
             "Chang'e", "Site.", "s2"],
            ["malapert", "Malapert", "massif", "-86", "0", "", "", "Massif.", "s1"],
        ],
        "id,name,kind,lat,lon,diameter_km,program,summary,source_ids".split(","),
    )
    for col in ("lat", "lon", "diameter_km"):
        sites[col] = pd.to_numeric(sites[col])

    partners = _frame(
        [
            ["ILRS", "Russia", "RUS", "country", "2021-03-09", "", "s1"],
            ["ILRS", "China", "CHN", "country", "2021-03-09", "", "s1"],
            ["ILRS", "Pakistan", "PAK", "country", "2023-10", "", "s1"],
            ["ILRS", "Thailand", "THA", "country", "2024-05", "", "s1"],
            ["ILRS", "Senegal", "SEN", "country", "2024-11-20", "", "s1"],
            ["ILRS", "Bahrain", "BHR", "country", "2025", "", "s1"],
            ["ILRS", "APSCO", "CHN", "organization", "2023-04-25", "", "s1"],
            ["ILRS", bad if xss else "ANSO", "", "organization", "2023-12", "", "s1"],
            ["Artemis Accords", "United States", "USA", "country", "2020-10-13", "", "s2"],
            ["Artemis Accords", "Japan", "JPN", "country", "2020-10-13", "", "s2"],
            ["Artemis Accords", "Thailand", "THA", "country", "2024-12-16", "", "s2"],
            ["Artemis Accords", "Senegal", "SEN", "country", "2025-07-24", "", "s2"],
            ["Artemis Accords", "Singapore", "SGP", "country", "2025-10", "", "s2"],
        ],
        "framework,entity,iso3,kind,joined_on,summary,source_ids".split(","),
    )
    framework_counts = _frame(
        [
            ["ILRS", "7", "2026-11-24", "", "s1"],
            ["Artemis Accords", "5", "2026-11-24", "", "s2"],
        ],
        "framework,count,as_of,summary,source_ids".split(","),
    )
    framework_counts["count"] = pd.to_numeric(framework_counts["count"])
    schedule = _frame(
        [
            ["artemis-3", "2019-03-26", "2024", "by", "", "s2"],
            ["artemis-3", "2021-11-09", "2025", "NET", "", "s2"],
            ["artemis-3", "2024-01-09", "2026-09", "", "", "s2"],
            ["artemis-3", "2024-12-05", "2027", "NET", "", "s2"],
            ["ilrs-construction", "2021-06-16", "2026", "", "", "s1"],
            ["ilrs-construction", "2024-04", "2028", "", "", "s1"],
            ["change-7", "2021-06-16", "2024", "by", "", "s1"],
            ["change-7", "2023-04", "2026", "around", "", "s1"],
        ],
        "mission_id,announced_on,target_date,qualifier,summary,source_ids".split(","),
    )
    phases = _frame(
        [
            ["ilrs-reconnaissance", "ILRS", "Reconnaissance", "phase", "2021", "2025", "",
             "2021-06-16", "", "s1"],
            ["ilrs-construction", "ILRS", "Construction", "phase", "2026", "2035", "",
             "2021-06-16", "", "s1"],
            ["ilrs-utilization", "ILRS", bad if xss else "Utilization", "phase", "2036", "", "",
             "2021-06-16", "", "s1"],
            ["artemis-first-crewed-landing", "Artemis", "First crewed landing", "goal", "2027",
             "", "NET", "2024-12-05", "", "s2"],
            ["china-first-crewed-landing", "Chang'e", "Chinese crewed landing", "goal", "2030",
             "", "by", "2023-07", "", "s1"],
        ],
        "id,program,name,kind,start_date,end_date,qualifier,announced_on,summary,source_ids"
        .split(","),
    )
    milestones = _frame(
        [
            ["m1", "2017", "ILRS", "First talks", "Talks began.", "s1"],
            ["m2", "2021-03-09", "ILRS", "Memorandum signed", "MoU.", "s1"],
            ["m3", "2021-06-16", "ILRS", bad if xss else "Roadmap shown", "Roadmap.", "s1"],
            ["m4", "2024-05", "ILRS", "New partner", "Partner.", "s1"],
            ["m5", "2020-10-13", "Artemis", "Accords signed", "Accords.", "s2"],
        ],
        "id,date,program,title,summary,source_ids".split(","),
    )
    roles = _frame(
        [
            ["lunar exploration and utilization", "Survey the pole", "change-7", "", "s1"],
            ["lunar exploration and utilization", "Survey the pole", "change-8", "", "s1"],
            ["lunar exploration and utilization", "Use local resources", "change-8", "", "s1"],
            ["lunar-based observation", "Watch the sky", "", "", "s1"],
            ["basic scientific experiments", "Biology tests", "change-8", "", "s1"],
            ["technical verification", "Test landing", "luna-25", "", "s1"],
            ["technical verification", "Test landing", "change-6", "", "s1"],
        ],
        "role,objective,mission_id,summary,source_ids".split(","),
    )
    claims = _frame(
        [
            ["c1", "Station complete by 2035.", "Still the plan.", "pending", "2026-11-24", "s1"],
            ["c2", bad if xss else "Chang'e 7 in 2024.", "Moved to 2026.", "changed",
             "2026-11-24", "s1"],
            ["c3", "Russia partners with China.", "Yes.", "held", "2026-11-24", "s1"],
            ["c4", "Luna 25 lands.", "It crashed.", "changed", "2026-11-24", "s1"],
        ],
        "id,claim,what_happened,verdict,checked_on,source_ids".split(","),
    )
    sources = _frame(
        [
            ["s1", "ILRS page", "Wiki", "https://example.org/ilrs", "", "2026-11-24"],
            ["s2", "Artemis page", "Wiki", "https://example.org/artemis", "", "2026-11-20"],
        ],
        "id,title,publisher,url,published,accessed".split(","),
    )
    tables = {
        "missions": missions_df,
        "sites": sites,
        "partners": partners,
        "framework_counts": framework_counts,
        "schedule_history": schedule,
        "phases": phases,
        "milestones": milestones,
        "station_roles": roles,
        "article_claims": claims,
        "sources": sources,
    }
    for name, cols in DATE_COLUMNS.items():
        _add_dates(tables[name], cols)

    by_id = {r.id: r for r in sources.itertuples()}

    def cite(source_ids: str) -> str:
        parts = [f"{by_id[i].title} ({by_id[i].publisher})" for i in str(source_ids).split(";")]
        return ("Source: " if len(parts) == 1 else "Sources: ") + "; ".join(parts)

    as_of = pd.Timestamp("2026-11-24")
    return SimpleNamespace(**tables, as_of=as_of, as_of_text="24 November 2026", cite=cite)
