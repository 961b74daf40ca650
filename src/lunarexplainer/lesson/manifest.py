"""The lesson manifest (``lessons.toml``): the lessons in order, and the charts each one shows.

Nothing about a lesson is guessed from notebook code: the static site, the README's lesson table
and the teacher guide read it from here, and a test checks it against what each notebook calls.

>>> [lesson.stem for lesson in lessons()][:2]
['00_start_here', '01_partnership']
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..text import nt
from ..text import t

__all__ = [
    "MANIFEST", "Lesson", "lessons", "lesson", "stems",
    "lesson_showing", "lesson_exploring", "lessons_table",
]

MANIFEST = Path(__file__).parent / "lessons.toml"
#: Explorer registry names (``lunarexplainer.explorers.EXPLORERS``) that differ from the name of
#: the chart they explore.
_KEYS = {"stem", "title", "summary", "minutes", "charts", "explorers"}


@dataclass(frozen=True)
class Lesson:
    """One lesson: its notebook stem, title, one-line summary, time and charts."""

    stem: str
    title: str
    summary: str
    minutes: tuple[int, int]  # (shortest, longest); equal when the time is one number
    charts: tuple[str, ...]  # drawn with show(ds, name)
    explorers: tuple[str, ...]  # live explorers, by the chart they explore

    @property
    def number(self) -> str:
        """``"01"`` for ``01_partnership``."""
        return self.stem.split("_", 1)[0]

    def time_needed(self) -> str:
        """``about 45 minutes`` or ``about 30–45 minutes``, as the notebook says it."""
        low, high = self.minutes
        if low == high:
            return nt("about {n} minute", "about {n} minutes", high)
        return t("about {low}–{high} minutes", low=low, high=high)


def _lesson(entry: dict, index: int) -> Lesson:
    where = f"{MANIFEST.name}: lesson {entry.get('stem', f'#{index}')!r}"
    unknown = set(entry) - _KEYS
    missing = _KEYS - set(entry)
    if unknown or missing:
        problem = (f"unknown key {sorted(unknown)[0]!r}" if unknown
                   else f"{sorted(missing)[0]}: missing")
        raise ValueError(f"{where}: {problem}")
    minutes = entry["minutes"]
    low, high = (minutes, minutes) if isinstance(minutes, int) else tuple(minutes)
    return Lesson(str(entry["stem"]), str(entry["title"]), str(entry["summary"]),
                  (int(low), int(high)), tuple(entry["charts"]), tuple(entry["explorers"]))


@functools.cache
def lessons() -> tuple[Lesson, ...]:
    """Every lesson, in order."""
    data = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))
    return tuple(_lesson(entry, i) for i, entry in enumerate(data["lesson"], 1))


def stems() -> list[str]:
    """The lessons' notebook stems, in order."""
    return [lesson.stem for lesson in lessons()]


def lesson(stem: str) -> Lesson:
    """The lesson with notebook ``stem``."""
    for entry in lessons():
        if entry.stem == stem:
            return entry
    raise KeyError(f"no lesson {stem!r}; choose one of: {', '.join(stems())}")


def lesson_showing(chart: str) -> Lesson | None:
    """The first lesson that draws ``chart`` with ``show()``."""
    return next((entry for entry in lessons() if chart in entry.charts), None)


def lesson_exploring(chart: str) -> Lesson | None:
    """The first lesson with a live explorer of ``chart``."""
    return next((entry for entry in lessons() if chart in entry.explorers), None)


def lessons_table() -> str:
    """The README's lesson table (Markdown), one row per lesson."""
    rows = [f"| `{entry.stem}` | {entry.summary} |" for entry in lessons()]
    return "\n".join(["| notebook | what it is about |", "| --- | --- |", *rows])
