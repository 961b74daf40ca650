"""check-data --stale: planned rows whose plan was last confirmed too long ago."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from lunarexplainer.data import check_data_main
from lunarexplainer.stale import StalePlan
from lunarexplainer.stale import stale_plans

REPO = Path(__file__).resolve().parents[2]
MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal"
SHIPPED = REPO / "data"
#: The fixture's only planned row (Chang'e 7) is on line 4 of missions.csv; its plan comes
#: from src-b, published 13 April 2026, and its launch is planned for August 2026.
OK_LINE = ("OK: 3 Moon missions, 1 context milestones, 2 sites, 3 partners, 1 framework counts, "
           "2 schedule changes, "
           "5 phases, 1 milestones, 2 station roles, 1 article claims, 2 sources from {dir} "
           "(facts up to 13 April 2026, checked 24 November 2026)")


#: Every test here gets its own empty cache (the fixture is in conftest.py).
pytestmark = pytest.mark.usefixtures("private_cache")


def edit(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def later_launch(folder: Path) -> None:
    """Move the planned launch out of the way, so only the age of the plan matters."""
    edit(folder, "missions.csv", "false,2026-08,,,around", "false,2027,,,around")


def _snapshot(path: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(path.iterdir())}


# --------------------------------------------------------------------------- the rule


def test_a_fresh_plan_is_not_stale(folder: Path) -> None:
    assert stale_plans(folder, today=date(2026, 5, 1)) == []


def test_six_months_to_the_day_is_still_fresh(folder: Path) -> None:
    later_launch(folder)
    assert stale_plans(folder, today=date(2026, 10, 13)) == []
    assert stale_plans(folder, today=date(2026, 10, 14)) == [
        StalePlan("missions.csv", 4, "as_of", "2026-04-13", 6)]


def test_exact_line(folder: Path) -> None:
    later_launch(folder)
    [plan] = stale_plans(folder, today=date(2027, 7, 20))
    assert plan.text() == "missions.csv:4: as_of: plan last confirmed 2026-04-13 (15 months ago)"


def test_a_planned_launch_that_has_gone_by_is_reported_even_if_the_plan_is_recent(
        folder: Path) -> None:
    [plan] = stale_plans(folder, months=12, today=date(2026, 9, 1))
    assert plan.text() == ("missions.csv:4: as_of: plan last confirmed 2026-04-13 (4 months ago); "
                           "planned launch 2026-08 has passed")
    assert stale_plans(folder, months=12, today=date(2026, 8, 31)) == []


def test_months_changes_the_limit(folder: Path) -> None:
    later_launch(folder)
    assert stale_plans(folder, months=1, today=date(2026, 5, 13)) == []
    assert [p.months_ago for p in stale_plans(folder, months=1, today=date(2026, 5, 14))] == [1]
    [plan] = stale_plans(folder, months=0, today=date(2026, 4, 14))
    assert plan.text().endswith("(less than a month ago)")
    with pytest.raises(ValueError, match="0 or more"):
        stale_plans(folder, months=-1, today=date(2026, 5, 1))


def test_a_month_only_date_counts_from_its_last_day(folder: Path) -> None:
    later_launch(folder)
    edit(folder, "missions.csv", "around,2026-04-13,planned", "around,2026-04,planned")
    edit(folder, "sources.csv", "official,2026-04-13,", "official,2026-04,")
    edit(folder, "framework_counts.csv", ",2026-04-13,", ",2026-04,")
    assert stale_plans(folder, today=date(2026, 10, 30)) == []
    assert [p.as_of for p in stale_plans(folder, today=date(2026, 10, 31))] == ["2026-04"]


def test_finished_missions_are_never_stale(folder: Path) -> None:
    edit(folder, "missions.csv", "around,2026-04-13,planned", "around,2026-04-13,cancelled")
    assert stale_plans(folder, today=date(2040, 1, 1)) == []


def test_line_numbers_count_lines_inside_quoted_fields(folder: Path) -> None:
    later_launch(folder)
    edit(folder, "missions.csv", '"First landing on the far side, in Von Kármán crater."',
         '"First landing on the far side,\nin Von Kármán crater."')
    [plan] = stale_plans(folder, today=date(2027, 1, 1))
    assert plan.line == 5
    lines = (folder / "missions.csv").read_text(encoding="utf-8").splitlines()
    assert lines[plan.line - 1].startswith("change-7,")


def test_nothing_is_written_into_the_folder(folder: Path) -> None:
    before = _snapshot(folder)
    stale_plans(folder, today=date(2027, 1, 1))
    check_data_main(folder, stale=True, strict=True, today=date(2027, 1, 1))
    assert _snapshot(folder) == before


# --------------------------------------------------------------------------- check-data output


def test_check_data_stale_prints_lines_and_a_summary(folder: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    later_launch(folder)
    assert check_data_main(folder, stale=True, today=date(2027, 1, 1)) == 0
    assert capsys.readouterr().out.splitlines() == [
        OK_LINE.format(dir=folder.resolve()),
        "missions.csv:4: as_of: plan last confirmed 2026-04-13 (8 months ago)",
        "1 of 1 planned rows need a newer source (last confirmed more than 6 months before "
        "1 January 2027, or the planned launch has passed).",
    ]


def test_check_data_stale_all_fresh(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_data_main(folder, stale=True, months=1, strict=True,
                           today=date(2026, 5, 1)) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "All 1 planned rows were confirmed within 1 month before 1 May 2026."]


def test_strict_makes_stale_rows_fail(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_data_main(folder, stale=True, strict=True, today=date(2027, 1, 1)) == 1
    assert check_data_main(folder, stale=True, strict=False, today=date(2027, 1, 1)) == 0


def test_without_stale_nothing_about_age_is_printed(folder: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert check_data_main(folder, today=date(2040, 1, 1)) == 0
    assert capsys.readouterr().out.splitlines() == [OK_LINE.format(dir=folder.resolve())]


def test_invalid_data_reports_problems_not_staleness(folder: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    edit(folder, "sites.csv", "-89.67", "-95")
    assert check_data_main(folder, stale=True, today=date(2027, 1, 1)) == 1
    out = capsys.readouterr().out
    assert "plan last confirmed" not in out and "lat: out of range" in out


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lunarexplainer.cli", "check-data", *args],
                          capture_output=True, text=True, check=False, cwd=REPO)


def test_cli_stale_and_strict(folder: Path) -> None:
    # The fixture's plan is from April 2026, so it is stale on any day this test runs.
    run = _cli("--stale", str(folder))
    assert run.returncode == 0, run.stderr
    assert "missions.csv:4: as_of: plan last confirmed 2026-04-13 (" in run.stdout
    assert _cli("--stale", "--strict", str(folder)).returncode == 1
    edit(folder, "missions.csv", "false,2026-08,,,around", "false,2199,,,around")
    run = _cli("--stale", "--months", "12000", "--strict", str(folder))
    assert run.returncode == 0, run.stdout
    assert run.stdout.splitlines()[-1].startswith("All 1 planned rows were confirmed within "
                                                  "12000 months before ")


@pytest.mark.parametrize("args", [["--months", "3"], ["--strict"]])
def test_cli_months_and_strict_need_stale(folder: Path, args: list[str]) -> None:
    run = _cli(*args, str(folder))
    assert run.returncode == 2
    assert "--months and --strict go with --stale" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("value", ["-1", "six", "1.5"])
def test_cli_months_must_be_a_whole_number(folder: Path, value: str) -> None:
    run = _cli("--stale", "--months", value, str(folder))
    assert run.returncode == 2 and "Traceback" not in run.stderr


# --------------------------------------------------------------------------- shipped data


def test_every_shipped_stale_line_points_at_a_planned_row() -> None:
    found = stale_plans(SHIPPED, today=date(2026, 12, 1))
    assert found, "the shipped data has plans older than six months on 1 December 2026"
    with (SHIPPED / "missions.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        by_line = {}
        for row in reader:
            by_line[reader.line_num] = row
    for plan in found:
        row = by_line[plan.line]
        assert row["status"] in {"planned", "in_progress"}, plan
        assert row["as_of"] == plan.as_of, plan


def test_python_dash_m_runs_the_same_commands(folder: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "lunarexplainer", "check-data", "--stale",
                          "--strict", str(folder)],
                         capture_output=True, text=True, check=False, cwd=REPO)
    assert run.returncode == 1, run.stderr
    assert "missions.csv:4: as_of: plan last confirmed 2026-04-13 (" in run.stdout
