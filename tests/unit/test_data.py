"""data.py: loading, one-line error messages, caching, and the shipped data itself."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest

from lunarexplainer import data
from lunarexplainer.data import TABLES
from lunarexplainer.data import Dataset
from lunarexplainer.data import DataValidationError
from lunarexplainer.data import check_data_main
from lunarexplainer.data import load_dataset

from chart_data import replace

REPO = Path(__file__).resolve().parents[2]
MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal"
SHIPPED = REPO / "data"


#: Every test here gets its own empty cache (the fixture is in conftest.py).
pytestmark = pytest.mark.usefixtures("private_cache")


def _snapshot(path: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(path.iterdir())}


# --------------------------------------------------------------------------- helpers to break data



def write(file: str, content: bytes) -> Callable[[Path], None]:
    return lambda folder: (folder / file).write_bytes(content)


def remove(file: str) -> Callable[[Path], None]:
    return lambda folder: (folder / file).unlink()


def reencode(file: str, encoding: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        path = folder / file
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))

    return edit


def drop_column(file: str, column: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        path = folder / file
        rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
        names = [n for n in rows[0] if n != column]
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=names, extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")

    return edit


def add_column(file: str, column: str, value: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        path = folder / file
        lines = path.read_text(encoding="utf-8").splitlines()
        lines = [lines[0] + f",{column}"] + [line + f",{value}" for line in lines[1:]]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    return edit


def drop_line(file: str, startswith: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        path = folder / file
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not line.startswith(startswith)]
        assert len(kept) == len(lines) - 1
        path.write_text("".join(kept), encoding="utf-8")

    return edit


APOLLO_11 = "apollo-11,Apollo 11,Apollo,NASA,USA,crewed_lunar_landing,tr…"

# (id, edit, exact expected line; "{dir}" stands for the data folder)
BAD_INPUT = [
    ("missing-file", remove("milestones.csv"),
     "milestones.csv: file: missing file (expected in {dir})"),
    ("empty-file", write("article_claims.csv", b""),
     "article_claims.csv:1: file: empty file: needs a header row"),
    ("blank-lines-only", write("article_claims.csv", b"\n\n"),
     "article_claims.csv:1: file: empty file: needs a header row"),
    ("not-utf8", reencode("missions.csv", "cp1252"),
     "missions.csv:2: file: not UTF-8 text: save the file as CSV UTF-8 (byte 0xe1)"),
    ("unclosed-quote", replace("missions.csv", ",First people", ',"First people'),
     f'missions.csv:3: file: a quote (") is opened but never closed ({APOLLO_11})'),
    ("text-after-quote", replace("sources.csv", '"Another page, with a comma"',
                                 '"Another page" with a comma'),
     "sources.csv:3: file: text after a closing quote: quote the whole field "
     '(src-b,"Another page" with a comma,Example Agency,http://exa…)'),
    ("wrong-field-count", replace("sites.csv", "Where Chang'e 4", "Where, Chang'e 4"),
     "sites.csv:3: file: 10 fields instead of 9: quote text that contains commas "
     "(site-change-4,Chang'e 4 landing site,landing_site,-45.47,17…)"),
    ("missing-column", drop_column("sites.csv", "diameter_km"),
     "sites.csv:1: diameter_km: missing column"),
    ("extra-column", add_column("sites.csv", "colour", "red"),
     "sites.csv:1: colour: unknown column (not in the data dictionary)"),
    ("duplicate-id", replace("missions.csv", "apollo-11,Apollo 11", "change-4,Apollo 11"),
     "missions.csv:3: id: duplicate, first on line 2 (change-4)"),
    ("duplicate-source-id", replace("sources.csv", "2026-11-20\n",
                                    "2026-11-20\nsrc-a,Copy,Someone,https://example.net/,other,,2026-11-24\n"),
     "sources.csv:4: id: duplicate, first on line 2 (src-a)"),
    ("bad-date", replace("missions.csv", "2018-12-07", "2025-13-40"),
     "missions.csv:2: launch_date: not an ISO date (2025-13-40)"),
    ("not-a-leap-day", replace("milestones.csv", "2021-03-09", "2023-02-29"),
     "milestones.csv:2: date: not an ISO date (2023-02-29)"),
    ("date-in-wrong-format", replace("partners.csv", "2021-03-09", "09/03/2021"),
     "partners.csv:2: joined_on: not an ISO date (09/03/2021)"),
    ("unknown-status", replace("missions.csv", ",success,,,,First", ",launched,,,,First"),
     "missions.csv:3: status: not one of success, partial, failure, planned, in_progress, "
     "cancelled (launched)"),
    ("unknown-program", replace("missions.csv", "apollo-11,Apollo 11,Apollo,",
                                "apollo-11,Apollo 11,Gemini,"),
     "missions.csv:3: program: not one of Chang'e, Luna, Artemis, Apollo, CLPS, Chandrayaan, "
     "other (Gemini)"),
    ("unknown-verdict", replace("article_claims.csv", ",true,", ",held,"),
     "article_claims.csv:2: verdict: not one of true, true_then_changed, partly_true, "
     "not_true, too_soon (held)"),
    ("empty-reason", replace("article_claims.csv", "Countries joined later.", ""),
     "article_claims.csv:2: reason: empty but required"),
    ("check-source-not-among-sources",
     replace("article_claims.csv", "Countries joined later.,src-a,",
             "Countries joined later.,src-b,"),
     "article_claims.csv:2: check_source_id: not one of the row's source_ids (src-b)"),
    ("context-in-missions", replace("missions.csv", "apollo-11,Apollo 11,Apollo,NASA,USA,"
                                    "crewed_lunar_landing", "apollo-11,Apollo 11,other,NASA,USA,"
                                    "crewed_earth_orbit"),
     "missions.csv:3: mission_type: not a Moon mission: a flight of program 'other' that stays "
     "in Earth orbit belongs in context.csv (crewed_earth_orbit)"),
    ("mars-is-no-moon-mission-type", replace("missions.csv", "apollo-11,Apollo 11,Apollo,NASA,USA,"
                                             "crewed_lunar_landing", "apollo-11,Apollo 11,Apollo,"
                                             "NASA,USA,mars_mission"),
     "missions.csv:3: mission_type: not one of orbiter, lander, lander_rover, sample_return, "
     "relay_satellite, impactor, crewed_lunar_orbit, crewed_lunar_flyby, crewed_lunar_landing, "
     "uncrewed_test_flight, crewed_earth_orbit (mars_mission)"),
    ("context-id-also-a-mission", replace("context.csv", "first-flight,", "apollo-11,"),
     "context.csv:2: id: also an id in missions.csv: a row is a Moon mission or context, not "
     "both (apollo-11)"),
    ("context-unknown-claim", replace("context.csv", ",claim-open,", ",claim-none,"),
     "context.csv:2: claim_id: not an id in article_claims.csv (claim-none)"),
    ("context-unknown-kind", replace("context.csv", ",crewed_earth_orbit,", ",lander,"),
     "context.csv:2: kind: not one of crewed_earth_orbit, space_station, mars_mission (lander)"),
    ("crewed-not-bool", replace("missions.csv", "crewed_lunar_landing,true,",
                                "crewed_lunar_landing,yes,"),
     "missions.csv:3: crewed: not true or false (yes)"),
    ("unresolved-source", replace("sites.csv", "Crater at the south pole.,src-a",
                                  "Crater at the south pole.,src-zz"),
     "sites.csv:2: source_ids: unknown source id (src-zz)"),
    ("empty-source-ids", replace("milestones.csv", "build a station.,src-a",
                                 "build a station.,"),
     "milestones.csv:2: source_ids: empty but required"),
    ("source-ids-with-space", replace("missions.csv", "src-a;src-b", "src-a; src-b"),
     "missions.csv:3: source_ids: not a ';'-separated list of source ids (no spaces) "
     "(src-a; src-b)"),
    ("lat-out-of-range", replace("sites.csv", "-89.67", "-95"),
     "sites.csv:2: lat: out of range -90 to 90 (-95)"),
    ("lon-out-of-range", replace("sites.csv", "177.6", "200.5"),
     "sites.csv:3: lon: out of range -180 to 180 (200.5)"),
    ("lat-not-a-number", replace("sites.csv", "-89.67", "89.67S"),
     "sites.csv:2: lat: not a number (89.67S)"),
    ("bad-iso3", replace("partners.csv", "JPN", "XYZ"),
     "partners.csv:3: iso3: not an ISO 3166-1 alpha-3 country code (XYZ)"),
    ("iso2-not-iso3", replace("missions.csv", ",CNSA,CHN,lander_rover,false,2018",
                              ",CNSA,CN,lander_rover,false,2018"),
     "missions.csv:2: country_iso3: not an ISO 3166-1 alpha-3 country code (CN)"),
    ("country-without-iso3", replace("partners.csv", ",RUS,", ",,"),
     "partners.csv:2: iso3: empty but required for a country"),
    ("duplicate-partner", replace("partners.csv", "Artemis Accords,Japan", "ILRS,Russia"),
     "partners.csv:3: entity: duplicate partner of ILRS, first on line 2 (Russia)"),
    ("landing-before-launch", replace("missions.csv", "2019-01-03", "2018-12-01"),
     "missions.csv:2: landing_date: before launch_date 2018-12-07 (2018-12-01)"),
    ("planned-in-the-past", replace("missions.csv", ",2026-08,", ",2025,"),
     "missions.csv:4: launch_date: planned date already past on as_of 2026-04-13 (2025)"),
    ("planned-without-as-of", replace("missions.csv", ",2026-04-13,planned", ",,planned"),
     "missions.csv:4: as_of: empty but required when status is planned"),
    ("unknown-site", replace("missions.csv", ",site-change-4,", ",site-nowhere,"),
     "missions.csv:2: site_id: not an id in sites.csv (site-nowhere)"),
    ("unknown-schedule-mission", replace("schedule_history.csv", "change-7,", "change-99,"),
     "schedule_history.csv:2: mission_id: not an id in missions.csv or phases.csv (change-99)"),
    ("unknown-role-mission", replace("station_roles.csv", ",change-4,", ",change-44,"),
     "station_roles.csv:2: mission_id: not an id in missions.csv (change-44)"),
    ("bad-url", replace("sources.csv", "https://example.org/moon", "ftp://example.org/moon"),
     "sources.csv:2: url: not a web address (http:// or https:// and a host) "
     "(ftp://example.org/moon)"),
    ("url-without-host", replace("sources.csv", "https://example.org/moon", "https:///moon"),
     "sources.csv:2: url: not a web address (http:// or https:// and a host) (https:///moon)"),
    ("negative-count", replace("framework_counts.csv", "Accords,3,", "Accords,-3,"),
     "framework_counts.csv:2: count: must be 0 or more (-3)"),
    ("count-not-whole", replace("framework_counts.csv", "Accords,3,", "Accords,3.5,"),
     "framework_counts.csv:2: count: not a whole number (3.5)"),
    ("required-phase-missing", drop_line("phases.csv", "china-first-crewed-landing"),
     "phases.csv: id: required id missing (china-first-crewed-landing)"),
    ("missing-required-value", replace("missions.csv", "apollo-11,Apollo 11,", "apollo-11,,"),
     "missions.csv:3: name: empty but required"),
    ("crewed-empty", replace("missions.csv", "crewed_lunar_landing,true,",
                             "crewed_lunar_landing,,"),
     "missions.csv:3: crewed: empty but required"),
    ("trailing-semicolon", replace("missions.csv", "src-a;src-b", "src-a;"),
     "missions.csv:3: source_ids: not a ';'-separated list of source ids (no spaces) (src-a;)"),
    ("diameter-zero", replace("sites.csv", "129.78,21,", "129.78,0,"),
     "sites.csv:2: diameter_km: must be more than 0 (0)"),
    ("unknown-qualifier", replace("phases.csv", "2035,by,", "2035,before,"),
     "phases.csv:3: qualifier: not one of NET, by, around (before)"),
    ("phase-ends-before-start", replace("phases.csv", "2021,2025,", "2021,2020,"),
     "phases.csv:2: end_date: before start_date 2021 (2020)"),
    ("bad-mission-id", replace("missions.csv", "apollo-11,Apollo 11,", "Apollo 11,Apollo 11,"),
     "missions.csv:3: id: not a valid id (lowercase letters, digits and '-') (Apollo 11)"),
]


@pytest.mark.parametrize(("edit", "expected"), [pytest.param(e, x, id=i) for i, e, x in BAD_INPUT])
def test_bad_input_gives_one_exact_line(folder: Path, edit: Callable[[Path], None],
                                        expected: str) -> None:
    edit(folder)
    before = _snapshot(folder)
    with pytest.raises(DataValidationError) as info:
        load_dataset(folder)
    assert info.value.lines() == [expected.format(dir=folder)]
    assert str(info.value) == expected.format(dir=folder)
    assert _snapshot(folder) == before  # nothing written into the data folder


def test_minimal_fixture_is_valid(folder: Path) -> None:
    ds = load_dataset(folder)
    assert isinstance(ds, Dataset)
    assert len(ds.missions) == 3 and ds.path == folder.resolve()


def test_all_problems_are_reported_together_in_file_and_line_order(folder: Path) -> None:
    replace("sites.csv", "-89.67", "-95")(folder)
    replace("missions.csv", "2018-12-07", "2025-13-40")(folder)
    replace("missions.csv", ",success,,,,First", ",launched,,,,First")(folder)
    remove("milestones.csv")(folder)
    with pytest.raises(DataValidationError) as info:
        load_dataset(folder)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.lines() == [
        "missions.csv:2: launch_date: not an ISO date (2025-13-40)",
        "missions.csv:3: status: not one of success, partial, failure, planned, in_progress, "
        "cancelled (launched)",
        "sites.csv:2: lat: out of range -90 to 90 (-95)",
        f"milestones.csv: file: missing file (expected in {folder})",
    ]
    assert list(err.failures.columns) == ["file", "row", "column", "problem", "value"]
    assert err.failures["row"].tolist()[:3] == [2, 3, 2]
    assert pd.isna(err.failures["row"].iloc[3])


def test_multi_line_quoted_field_reports_the_line_where_the_record_starts(folder: Path) -> None:
    path = folder / "missions.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace('"First landing on the far side, in Von Kármán crater."',
                        '"First landing on the far side,\nin Von Kármán crater."')
    path.write_text(text.replace("First people on the Moon.,src-a;src-b",
                                 "First people on the Moon.,src-q"), encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"^missions\.csv:4: source_ids: unknown "
                                                  r"source id \(src-q\)$"):
        load_dataset(folder)


def test_spreadsheet_style_booleans_are_accepted(folder: Path) -> None:
    replace("missions.csv", "crewed_lunar_landing,true,", "crewed_lunar_landing,TRUE,")(folder)
    assert load_dataset(folder).missions["crewed"].tolist() == [False, True, False]


def test_byte_order_mark_and_crlf_are_accepted(folder: Path) -> None:
    path = folder / "missions.csv"
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_dataset(folder).missions["id"].tolist() == ["change-4", "apollo-11", "change-7"]


def test_missing_folder_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError) as info:
        load_dataset(tmp_path / "nope")
    assert str(info.value) == f"{tmp_path / 'nope'}: folder: no such folder"


# --------------------------------------------------------------------------- typed result


def test_columns_are_typed_and_dates_have_precision_start_and_end(folder: Path) -> None:
    ds = load_dataset(folder)
    m = ds.missions.set_index("id")
    assert m["crewed"].dtype == bool
    assert m.loc["apollo-11", "crewed"] is True or m.loc["apollo-11", "crewed"] == True  # noqa: E712
    assert ds.sites["lat"].dtype == "float64"
    assert str(ds.framework_counts["count"].dtype) == "Int64"
    assert m.loc["change-7", "launch_date_precision"] == "month"
    assert m.loc["change-7", "launch_date_start"] == pd.Timestamp("2026-08-01")
    assert m.loc["change-7", "launch_date_end"] == pd.Timestamp("2026-08-31")
    assert m.loc["change-4", "launch_date_precision"] == "day"
    assert pd.isna(m.loc["change-4", "end_date_precision"])
    assert pd.isna(m.loc["change-4", "end_date_start"])
    ph = ds.phases.set_index("id")
    assert ph.loc["ilrs-construction", "end_date_precision"] == "year"
    assert ph.loc["ilrs-construction", "end_date_end"] == pd.Timestamp("2035-12-31")
    for table, frame in ds.tables().items():
        assert list(frame.index) == list(range(len(frame))), table
        for col in frame.columns:
            if col.endswith(("_start", "_end")) and f"{col.rsplit('_', 1)[0]}_precision" in frame:
                assert str(frame[col].dtype).startswith("datetime64"), (table, col)


def test_as_of_and_cite(folder: Path) -> None:
    ds = load_dataset(folder)
    # Facts go up to the newest publication date among the sources; the day we last read
    # any of them is a different date and is kept apart.
    assert ds.as_of == pd.Timestamp("2026-04-13")
    assert ds.as_of_text == "13 April 2026"
    assert ds.checked_on == pd.Timestamp("2026-11-24")
    assert ds.checked_on_text == "24 November 2026"
    assert ds.cite("src-a") == "Source: Example article about the Moon (Example News)"
    assert ds.cite("src-a;src-b") == (
        "Sources: Example article about the Moon (Example News); "
        "Another page, with a comma (Example Agency)")
    assert ds.cite(pd.NA) == "" and ds.cite("") == ""
    assert ds.cite(["src-b", "src-b"]) == "Source: Another page, with a comma (Example Agency)"


# --------------------------------------------------------------------------- where data comes from


def test_path_argument_env_var_and_shipped_default(folder: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the current folder must not matter
    assert data.resolve_data_dir() == SHIPPED
    monkeypatch.setenv("LUNAREXPLAINER_DATA", str(folder))
    assert load_dataset().path == folder.resolve()
    assert len(load_dataset().missions) == 3
    assert load_dataset(str(MINIMAL)).path == MINIMAL.resolve()


def test_results_are_cached_and_a_teachers_edit_is_picked_up(folder: Path) -> None:
    first = load_dataset(folder)
    cache_files = list(data.cache_dir().glob("dataset-*.pickle"))
    assert len(cache_files) == 1
    first.missions.loc[0, "name"] = "changed by a student"
    assert load_dataset(folder).missions.loc[0, "name"] == "Chang'e 4"  # a fresh copy
    replace("missions.csv", "Chang'e 4,Chang'e", "Chang'e four,Chang'e")(folder)
    assert load_dataset(folder).missions.loc[0, "name"] == "Chang'e four"
    data._MEMORY.clear()
    replace("missions.csv", "2018-12-07", "2025-13-40")(folder)
    with pytest.raises(DataValidationError):
        load_dataset(folder)
    assert not any(p.suffix == ".pickle" for p in folder.iterdir())


def test_cache_hit_does_not_import_pandera(folder: Path, tmp_path: Path) -> None:
    code = ("import sys, lunarexplainer; ds = lunarexplainer.load_dataset(sys.argv[1]); "
            "print(len(ds.missions), 'pandera' in sys.modules)")
    env = {**_env(), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    run = [sys.executable, "-c", code, str(folder)]
    cold = subprocess.run(run, env=env, capture_output=True, text=True, check=True, cwd=tmp_path)
    warm = subprocess.run(run, env=env, capture_output=True, text=True, check=True, cwd=tmp_path)
    assert cold.stdout.split() == ["3", "True"]
    assert warm.stdout.split() == ["3", "False"]


def test_no_cache_env_var_skips_the_disk_cache(folder: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LUNAREXPLAINER_NO_CACHE", "1")
    load_dataset(folder)
    assert not data.cache_dir().exists()


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("LUNAREXPLAINER_")}


# --------------------------------------------------------------------------- check-data command


def test_check_data_ok_prints_one_summary_line(folder: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert check_data_main(folder) == 0
    out = capsys.readouterr().out
    assert out == (
        "OK: 3 Moon missions, 1 context milestones, 2 sites, 3 partners, 1 framework counts, "
        "2 schedule changes, 5 phases, 1 milestones, 2 station roles, 1 article claims, 2 sources "
        f"from {folder.resolve()} (facts up to 13 April 2026, checked 24 November 2026)\n")


def test_check_data_prints_problems_and_a_count(folder: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    replace("sites.csv", "-89.67", "-95")(folder)
    remove("milestones.csv")(folder)
    assert check_data_main(folder) == 1
    assert capsys.readouterr().out.splitlines() == [
        "sites.csv:2: lat: out of range -90 to 90 (-95)",
        f"milestones.csv: file: missing file (expected in {folder})",
        f"2 problems found in {folder.resolve()}",
    ]


def test_check_data_problems_speak_the_language_and_keep_file_row_and_value(
        folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from lunarexplainer import text

    catalog = tmp_path / "locale" / "ru" / "LC_MESSAGES"
    catalog.mkdir(parents=True)
    (catalog / "lunarexplainer.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n'
        '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 '
        '&& (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
        'msgid "out of range {low} to {high}"\nmsgstr "вне диапазона от {low} до {high}"\n\n'
        'msgid "missing file"\nmsgstr "нет файла"\n\n'
        'msgid "expected in {folder}"\nmsgstr "должен быть в {folder}"\n\n'
        'msgid "{count} problem found in {folder}"\n'
        'msgid_plural "{count} problems found in {folder}"\n'
        'msgstr[0] "{count} ошибка в {folder}"\nmsgstr[1] "{count} ошибки в {folder}"\n'
        'msgstr[2] "{count} ошибок в {folder}"\n',
        encoding="utf-8")
    monkeypatch.setattr(text, "LOCALE_DIR", tmp_path / "locale")
    text.reload_catalogs()
    replace("sites.csv", "-89.67", "-95")(folder)
    remove("milestones.csv")(folder)
    try:
        text.set_language("ru")
        assert check_data_main(folder) == 1
    finally:
        text.set_language(None)
        text.reload_catalogs()
    assert capsys.readouterr().out.splitlines() == [
        "sites.csv:2: lat: вне диапазона от -90 до 90 (-95)",
        f"milestones.csv: file: нет файла (должен быть в {folder})",
        f"2 ошибки в {folder.resolve()}",
    ]


def test_cli_check_data_has_no_traceback(folder: Path, tmp_path: Path) -> None:
    reencode("missions.csv", "cp1252")(folder)
    run = subprocess.run(
        [sys.executable, "-m", "lunarexplainer.cli", "check-data", str(folder)],
        env={**_env(), "XDG_CACHE_HOME": str(tmp_path / "c")}, capture_output=True, text=True,
        cwd=tmp_path,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert run.stdout.splitlines()[0].startswith("missions.csv:2: file: not UTF-8 text")


# --------------------------------------------------------------------------- the shipped data


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    data._MEMORY.clear()
    try:
        return data.validate_data_dir(SHIPPED)
    except DataValidationError as err:  # show every problem, not a traceback
        pytest.fail(f"data/ does not validate:\n{err}", pytrace=False)


def test_shipped_data_validates_and_every_table_has_rows(shipped: Dataset) -> None:
    for table, frame in shipped.tables().items():
        assert len(frame) > 0, f"{table}.csv has no rows"


def test_shipped_data_loads_through_the_public_entry_point() -> None:
    ds = load_dataset()
    assert ds.path == SHIPPED
    assert ds.as_of_text == "10 June 2026"
    assert ds.checked_on_text == "2 December 2026"


def test_every_shipped_row_is_sourced(shipped: Dataset) -> None:
    known = set(shipped.sources["id"])
    used: set[str] = set()
    for table, frame in shipped.tables().items():
        if table == "sources":
            continue
        for i, value in frame["source_ids"].items():
            assert isinstance(value, str) and value, f"{table}.csv:{i + 2}: no source"
            ids = value.split(";")
            assert set(ids) <= known, f"{table}.csv:{i + 2}: {set(ids) - known}"
            used.update(ids)


def test_every_source_url_is_well_formed(shipped: Dataset) -> None:
    for i, row in shipped.sources.iterrows():
        url = urlparse(row["url"])
        assert url.scheme in {"http", "https"}, f"sources.csv:{i + 2}: {row['url']}"
        assert url.hostname and "." in url.hostname, f"sources.csv:{i + 2}: {row['url']}"
        assert " " not in row["url"]
        # Every source was read in one of the checking rounds.
        rounds = {"2026-11-24", "2026-12-01", "2026-12-02"}
        assert row["accessed"] in rounds, f"sources.csv:{i + 2}: accessed"


def test_shipped_ids_are_unique_and_contract_ids_exist(shipped: Dataset) -> None:
    for table in ("missions", "context", "sites", "phases", "milestones", "article_claims",
                  "sources"):
        ids = getattr(shipped, table)["id"]
        assert ids.is_unique, table
    missions = set(shipped.missions["id"])
    expected = {f"change-{n}" for n in range(1, 9)} | {f"artemis-{n}" for n in range(1, 6)} | {
        f"apollo-{n}" for n in [8, *range(10, 18)]} | {
        "queqiao", "queqiao-2", "luna-24", "luna-25", "luna-26", "luna-27", "luna-28",
        "chandrayaan-1", "chandrayaan-2", "chandrayaan-3", "slim", "danuri", "beresheet",
        "hakuto-r-m1", "hakuto-r-m2", "peregrine", "im-1", "im-2", "blue-ghost-1"}
    assert expected <= missions, sorted(expected - missions)


def test_shipped_moon_missions_and_context_are_apart(shipped: Dataset) -> None:
    context = set(shipped.context["id"])
    assert context == {"vostok-1", "shenzhou-5", "tiangong-completion", "crew-dragon-demo-2",
                       "tianwen-1"}
    assert not context & set(shipped.missions["id"])
    # Every context row is context *for* a claim of the report.
    assert set(shipped.context["claim_id"]) <= set(shipped.article_claims["id"])
    assert shipped.context["claim_id"].notna().all()
    # The only Earth-orbit flight among the Moon missions is a Moon program's rehearsal.
    earth = shipped.missions[shipped.missions["mission_type"] == "crewed_earth_orbit"]
    assert set(earth["program"]) <= {"Artemis"}


def test_shipped_claims_are_checked_with_one_of_their_sources(shipped: Dataset) -> None:
    c = shipped.article_claims
    for used, ids in zip(c["check_source_id"], c["source_ids"], strict=True):
        assert used in ids.split(";")
    assert c["reason"].str.len().between(10, 200).all()  # one line, not a paragraph


def test_shipped_planned_missions_have_as_of_and_future_dates(shipped: Dataset) -> None:
    planned = shipped.missions[shipped.missions["status"].isin(["planned", "in_progress"])]
    assert planned["as_of"].notna().all()
    dated = planned[planned["status"].eq("planned") & planned["launch_date_end"].notna()]
    assert (dated["launch_date_end"] >= dated["as_of_start"]).all()


def test_shipped_landing_sites_are_on_the_moon(shipped: Dataset) -> None:
    sites = shipped.sites.dropna(subset=["lat", "lon"])
    assert sites["lat"].between(-90, 90).all() and sites["lon"].between(-180, 180).all()
    ref = shipped.missions["site_id"].dropna()
    assert set(ref) <= set(shipped.sites["id"])


def test_all_tables_listed() -> None:
    assert TABLES == ("missions", "context", "sites", "partners", "framework_counts",
                      "schedule_history", "phases", "milestones", "station_roles",
                      "article_claims", "sources")


def test_a_table_with_only_a_header_loads_empty_but_typed(folder: Path) -> None:
    path = folder / "milestones.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    ds = load_dataset(folder)
    assert len(ds.milestones) == 0
    assert str(ds.milestones["date_start"].dtype) == "datetime64[ns]"
