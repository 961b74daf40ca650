"""``check-data --stale``: planned rows whose plan was last confirmed too long ago."""

from __future__ import annotations

import calendar
import os
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .data import load_dataset
from .data import resolve_data_dir
from .dates import parse_iso_date
from .text import nt
from .text import t
from .validation import Problems
from .validation import parse_csv


class StalePlan(NamedTuple):
    """A planned or in-progress mission whose plan was last confirmed too long ago, or whose
    planned launch date has already gone by."""

    file: str
    line: int
    column: str
    as_of: str
    months_ago: int
    passed_launch: str | None = None

    def text(self) -> str:
        """``missions.csv:42: as_of: plan last confirmed 2025-08-22 (15 months ago)``, with
        ``; planned launch 2026-08 has passed`` added when that is so."""
        ago = (t("less than a month ago") if self.months_ago == 0
               else nt("{count} month ago", "{count} months ago", self.months_ago,
                       count=self.months_ago))
        if self.passed_launch is None:
            problem = t("plan last confirmed {date} ({ago})", date=self.as_of, ago=ago)
        else:
            problem = t("plan last confirmed {date} ({ago}); planned launch {launch} has passed",
                        date=self.as_of, ago=ago, launch=self.passed_launch)
        return f"{self.file}:{self.line}: {self.column}: {problem}"


#: Statuses of a row whose dates are a plan.
PLANNED_STATUSES = ("planned", "in_progress")


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _months_between(earlier: date, later: date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def stale_plans(path: str | os.PathLike[str] | None = None, *, months: int = 6,
                today: date | None = None) -> list[StalePlan]:
    """Every planned or in-progress mission whose ``as_of`` (the publication date of the newest
    source stating its plan) is more than ``months`` months before ``today``, and every planned
    mission whose launch date has gone by before ``today``. A date known only to the month or
    year counts from its last possible day. Raises DataValidationError if the folder does not
    validate. Nothing is written into the folder."""
    if months < 0:
        raise ValueError(t("months must be 0 or more"))
    today = date.today() if today is None else today
    folder = resolve_data_dir(path)
    dataset = load_dataset(folder)
    lines = _record_lines(folder, "missions")
    found = []
    m = dataset.missions
    for i, (status, as_of, launch) in enumerate(zip(m["status"], m["as_of"], m["launch_date"],
                                                    strict=True)):
        if status not in PLANNED_STATUSES or pd.isna(as_of):
            continue
        parsed = parse_iso_date(str(as_of))
        if parsed is None:
            continue
        planned = parse_iso_date(str(launch)) if status == "planned" and pd.notna(launch) else None
        passed = str(launch) if planned is not None and planned.end < today else None
        if _add_months(parsed.end, months) >= today and passed is None:
            continue
        found.append(StalePlan("missions.csv", lines[i], "as_of", str(as_of),
                               max(_months_between(parsed.end, today), 0), passed))
    return found


def _record_lines(folder: Path, table: str) -> list[int]:
    """The line each record of a (valid) table starts on, in file order."""
    from .schemas import column_specs

    frame = parse_csv(table, (folder / f"{table}.csv").read_bytes(), column_specs(table),
                       folder, Problems())
    return [] if frame is None else [int(i) for i in frame.index]
