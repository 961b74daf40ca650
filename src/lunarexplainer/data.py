"""Load the curated tables in ``data/`` into typed pandas DataFrames, checked against the schemas.

``load_dataset()`` reads every CSV, reports *all* problems at once as one ``DataValidationError``
(one line per problem, ``missions.csv:17: launch_date: not an ISO date (2025-13-40)``), and
otherwise returns a ``Dataset``. A validated result is cached in memory and in the user cache
folder, keyed by the bytes of the data files and the code version, so a warm start does not
import pandera at all and any edit to a file is picked up at once. Nothing is ever written
into a data folder.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import __version__
from .text import N_
from .text import nt
from .text import t

TABLES: tuple[str, ...] = (
    "missions", "context", "sites", "partners", "framework_counts", "schedule_history", "phases",
    "milestones", "station_roles", "article_claims", "sources",
)
FAILURE_COLUMNS = ["file", "row", "column", "problem", "value"]
# Kept in step with schemas.SOURCE_KINDS (a test checks it); data.py must not import pandera.
STRONG_KINDS = frozenset({"official", "intergovernmental", "research", "encyclopedia", "news"})
#: Words a caption adds after the publisher for sources that are not strong (``with_kind``).
KIND_WORDS = {"state_media": N_("state media"), "mirror": N_("copy of another page"),
              "other": N_("blog or other page")}
_PRECISION_RANK = {"year": 1, "month": 2, "day": 3}
DATA_ENV = "LUNAREXPLAINER_DATA"
NO_CACHE_ENV = "LUNAREXPLAINER_NO_CACHE"
_CODE_FILES = ("data.py", "validation.py", "schemas.py", "dates.py")
_MAX_CACHE_FILES = 8


# --------------------------------------------------------------------------- errors


class DataValidationError(ValueError):
    """Every problem found in a data folder; ``.failures`` has one row per problem."""

    def __init__(self, failures: pd.DataFrame) -> None:
        self.failures = failures.reset_index(drop=True)
        super().__init__(str(self))

    def lines(self) -> list[str]:
        """One plain line per problem: ``file:row: column: problem (value)``."""
        return [_format_failure(r) for r in self.failures.itertuples(index=False)]

    def __str__(self) -> str:
        return "\n".join(self.lines())


def _format_failure(r: Any) -> str:
    where = f"{r.file}:{int(r.row)}" if not pd.isna(r.row) else f"{r.file}"
    value = "" if r.value is None or pd.isna(r.value) else f" ({r.value})"
    return f"{where}: {r.column}: {r.problem}{value}"


# --------------------------------------------------------------------------- dataset


@dataclass
class Dataset:
    """All tables as typed DataFrames (treat them as read-only; each load gives fresh copies)."""

    missions: pd.DataFrame
    context: pd.DataFrame
    sites: pd.DataFrame
    partners: pd.DataFrame
    framework_counts: pd.DataFrame
    schedule_history: pd.DataFrame
    phases: pd.DataFrame
    milestones: pd.DataFrame
    station_roles: pd.DataFrame
    article_claims: pd.DataFrame
    sources: pd.DataFrame
    path: Path | None = field(default=None, compare=False)

    @property
    def as_of(self) -> pd.Timestamp:
        """How current the facts are: the publication date of the newest source (its first
        possible day, when the source gives only a month or a year). NaT if no source has one."""
        newest = self._newest_source()
        return pd.NaT if newest is None else pd.Timestamp(newest["published_start"])

    @property
    def as_of_precision(self) -> str | None:
        """``day``, ``month`` or ``year``: how precisely the newest source is dated."""
        newest = self._newest_source()
        return None if newest is None else str(newest["published_precision"])

    @property
    def as_of_text(self) -> str:
        """``as_of`` in words, at its precision, e.g. ``16 June 2026`` or ``June 2026``."""
        from .text import format_date

        return format_date(self.as_of, self.as_of_precision)

    @property
    def checked_on(self) -> pd.Timestamp:
        """The day we last read the sources: the latest ``accessed`` date of any source."""
        return pd.Timestamp(self.sources["accessed_start"].max())

    @property
    def checked_on_text(self) -> str:
        """``checked_on`` in words, e.g. ``1 December 2026``."""
        from .text import format_date

        return format_date(self.checked_on, "day")

    @property
    def dates_text(self) -> str:
        """How current the facts are, in plain words, for pages, captions and quizzes:
        "Facts up to 10 June 2026 (sources checked 1 December 2026)"."""
        from .text import t

        return t("Facts up to {as_of} (sources checked {checked})", as_of=self.as_of_text,
                 checked=self.checked_on_text)

    def _newest_source(self) -> pd.Series | None:
        """The source published last; of several on that first possible day, the most precisely
        dated, and of those the last row. Charts ask for it often (every caption's date), so
        it is picked without sorting the table."""
        s = self.sources
        if "published_start" not in s.columns:
            return None
        starts = s["published_start"]
        newest = starts.max()
        if pd.isna(newest):
            return None
        latest = s[starts == newest]
        rank = latest["published_precision"].map(_PRECISION_RANK).fillna(0).to_numpy()
        return latest.iloc[int(np.flatnonzero(rank == rank.max())[-1])]

    def cite(self, source_ids: str | Iterable[str], *, with_kind: bool = False) -> str:
        """A short source line for captions: ``Source: Title (Publisher)``; several are
        joined with ``; ``. With ``with_kind``, a weak or state-run source also says what it
        is: ``Title (Publisher; state media)``. Unknown ids are shown as they are."""
        if source_ids is None or (not isinstance(source_ids, str | list | tuple | set)
                                  and pd.api.types.is_scalar(source_ids)
                                  and pd.isna(source_ids)):
            return ""
        if isinstance(source_ids, str):
            ids = [s for s in source_ids.split(";") if s.strip()]
        else:
            ids = [i for s in source_ids if isinstance(s, str) for i in s.split(";") if i.strip()]
        ids = list(dict.fromkeys(i.strip() for i in ids))
        if not ids:
            return ""
        # Looked up by position, not through set_index: captions and hover texts cite a
        # source per row, and indexing the whole table each time was most of the work.
        sources = self.sources
        known = sources["id"].to_numpy()
        parts = []
        for sid in ids:
            hits = np.flatnonzero(known == sid)
            if not len(hits):
                parts.append(sid)
                continue
            at = int(hits[0])
            publisher = sources["publisher"].iat[at]
            words = [] if pd.isna(publisher) else [str(publisher)]
            kind = sources["kind"].iat[at] if with_kind and "kind" in sources.columns else None
            if isinstance(kind, str) and kind in KIND_WORDS:
                words.append(t(KIND_WORDS[kind]))
            title = sources["title"].iat[at]
            parts.append(f"{title} ({'; '.join(words)})" if words else title)
        return nt("Source: {sources}", "Sources: {sources}", len(parts), sources="; ".join(parts))

    def source_strength(self) -> pd.DataFrame:
        """One row per data row (all tables but sources): ``table``, ``row`` (0-based),
        ``source_ids`` and ``strong`` (it cites at least one source of a strong kind)."""
        kinds = dict(zip(self.sources["id"], self.sources["kind"], strict=True))
        rows = []
        for table in TABLES:
            if table == "sources":
                continue
            for i, value in getattr(self, table)["source_ids"].items():
                ids = str(value).split(";")
                rows.append({"table": table, "row": i, "source_ids": value,
                             "strong": any(kinds.get(x) in STRONG_KINDS for x in ids)})
        return pd.DataFrame(rows, columns=["table", "row", "source_ids", "strong"])

    def tables(self) -> dict[str, pd.DataFrame]:
        """Table name -> DataFrame, in the usual order."""
        return {name: getattr(self, name) for name in TABLES}

    def copy(self) -> Dataset:
        """A copy whose DataFrames can be changed without touching the cached ones."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return Dataset(**{k: v.copy() if isinstance(v, pd.DataFrame) else v
                          for k, v in values.items()})


# --------------------------------------------------------------------------- locating data


def shipped_data_dir() -> Path:
    """The data that ships with the package: ``lunarexplainer/_data`` in a wheel, else the
    repository's ``data/`` folder in a source or editable checkout."""
    from importlib.resources import files

    packaged = files("lunarexplainer") / "_data"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "data"


def resolve_data_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The folder to read: ``path``, else ``$LUNAREXPLAINER_DATA``, else the shipped data."""
    if path is None:
        path = os.environ.get(DATA_ENV) or None
    if path is None:
        return shipped_data_dir()
    return Path(path).expanduser().resolve()


def cache_dir() -> Path:
    """Where validated results are kept: ``$XDG_CACHE_HOME/lunarexplainer`` or
    ``~/.cache/lunarexplainer``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lunarexplainer"


# --------------------------------------------------------------------------- loading

_MEMORY: dict[str, Dataset] = {}


def load_dataset(path: str | os.PathLike[str] | None = None, *,
                 lang: str | None = None) -> Dataset:
    """Load and validate every table (see ``data/README.md``); raises DataValidationError.

    ``lang`` (``en``, ``zh`` or ``ru``) chooses the language of everything from now on, as
    :func:`lunarexplainer.text.set_language` does; without it the current language is used
    (``$LUNAREXPLAINER_LANG``, else English). Names and summaries come from
    ``data/<lang>/<table>.csv`` where a translation is given (see :mod:`.datatext`)."""
    from .text import current_language
    from .text import set_language

    if lang is not None:
        set_language(lang)
    folder = resolve_data_dir(path)
    contents = _read_files(folder)
    key = _cache_key(contents)
    dataset = _MEMORY.get(key)
    if dataset is None:
        dataset = _read_disk_cache(key)
    if dataset is None:
        from .validation import validate_contents  # pandera only on a cache miss

        dataset = validate_contents(folder, contents)
        _write_disk_cache(key, dataset, folder)
    _MEMORY[key] = dataset
    language = current_language()
    if language != "en":
        dataset = _in_language(dataset, folder, key, language)
    result = dataset.copy()
    result.path = folder
    return result


def _in_language(dataset: Dataset, folder: Path, key: str, lang: str) -> Dataset:
    """``dataset`` with its text in ``lang`` where ``folder/lang`` translates it."""
    from . import datatext

    files = datatext.translation_files(folder, lang)
    digest = hashlib.sha256(key.encode())
    for table, data in files.items():
        digest.update(table.encode() + b"\0" + (data or b"<missing>"))
    memory_key = f"{lang}-{digest.hexdigest()}"
    if memory_key not in _MEMORY:
        translations = _translations(dataset, folder, lang)
        out = dataset.copy()
        datatext.translated(out.tables(), translations)
        _MEMORY[memory_key] = out
    return _MEMORY[memory_key]


def _translations(dataset: Dataset, folder: Path, lang: str) -> Any:
    """The checked translations of ``lang`` (raises DataValidationError for a bad file)."""
    from . import datatext

    ids = {t: {str(v) for v in getattr(dataset, t)["id"]} for t in datatext.TEXT_COLUMNS}
    translations = datatext.read_translations(folder, lang, ids)
    if translations.problems:
        raise DataValidationError(pd.DataFrame(translations.problems, columns=FAILURE_COLUMNS))
    return translations


def _read_files(folder: Path) -> dict[str, bytes | None]:
    contents: dict[str, bytes | None] = {}
    for table in TABLES:
        try:
            contents[table] = (folder / f"{table}.csv").read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            contents[table] = None
    return contents


def _cache_key(contents: dict[str, bytes | None]) -> str:
    versions = f"lunarexplainer {__version__} pandas {pd.__version__} python {sys.version_info[:2]}"
    digest = hashlib.sha256(versions.encode())
    here = Path(__file__).parent
    for name in _CODE_FILES:  # a code change (same version number) must also invalidate
        digest.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    for table, data in contents.items():
        digest.update(table.encode() + b"\0")
        digest.update(b"<missing>" if data is None else hashlib.sha256(data).digest())
    return digest.hexdigest()


def _cache_enabled() -> bool:
    return os.environ.get(NO_CACHE_ENV, "").strip().lower() not in {"1", "true", "yes"}


def _read_disk_cache(key: str) -> Dataset | None:
    if not _cache_enabled():
        return None
    file = cache_dir() / f"dataset-{key}.pickle"
    try:
        with file.open("rb") as handle:
            dataset = pickle.load(handle)
    except Exception:  # missing, unreadable or from another pandas: just validate again
        return None
    return dataset if isinstance(dataset, Dataset) else None


def _write_disk_cache(key: str, dataset: Dataset, folder: Path) -> None:
    if not _cache_enabled():
        return
    directory = cache_dir()
    try:
        if directory.resolve().is_relative_to(folder.resolve()):
            return  # never write into a data folder
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / f"dataset-{key}.pickle"
        tmp = directory / f".dataset-{key}.{os.getpid()}.tmp"
        stored = dataset.copy()
        stored.path = None
        with tmp.open("wb") as handle:
            pickle.dump(stored, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
        old = sorted(directory.glob("dataset-*.pickle"), key=lambda p: p.stat().st_mtime)
        for stale in old[:-_MAX_CACHE_FILES]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home is fine: we validate each time


# --------------------------------------------------------------------------- validation


def validate_data_dir(path: str | os.PathLike[str]) -> Dataset:
    """Validate a folder without any cache (raises DataValidationError)."""
    folder = Path(path).expanduser().resolve()
    from .validation import validate_contents

    return validate_contents(folder, _read_files(folder))


def _translation_warnings(dataset: Dataset, folder: Path) -> list[str]:
    """A line per data text without a translation, for every translated language."""
    from . import datatext
    from .text import LANGUAGES

    lines = datatext.english_lines(folder)
    out = []
    for lang in LANGUAGES[1:]:
        if not (folder / lang).is_dir():
            continue  # a folder with no translations at all: English is shown in every language
        out += datatext.missing_translations(dataset.tables(),
                                             _translations(dataset, folder, lang), lines)
    return out


# --------------------------------------------------------------------------- command line


def _table_counts(dataset: Dataset) -> str:
    """How many rows each table has, for the one-line summary of `check-data`. English writes
    the plural for every count there ("1 context milestones"); other languages their forms.
    Counts are written with plain digits (``{count}``, not nt's grouped ``{n}``), as ever."""
    from .text import nt

    def rows(table: str) -> dict[str, int]:
        size = len(getattr(dataset, table))
        return {"n": size, "count": size}

    return ", ".join([
        nt("{count} Moon missions", "{count} Moon missions", **rows("missions")),
        nt("{count} context milestones", "{count} context milestones", **rows("context")),
        nt("{count} sites", "{count} sites", **rows("sites")),
        nt("{count} partners", "{count} partners", **rows("partners")),
        nt("{count} framework counts", "{count} framework counts", **rows("framework_counts")),
        nt("{count} schedule changes", "{count} schedule changes", **rows("schedule_history")),
        nt("{count} phases", "{count} phases", **rows("phases")),
        nt("{count} milestones", "{count} milestones", **rows("milestones")),
        nt("{count} station roles", "{count} station roles", **rows("station_roles")),
        nt("{count} article claims", "{count} article claims", **rows("article_claims")),
        nt("{count} sources", "{count} sources", **rows("sources")),
    ])


def check_data_main(path: str | os.PathLike[str] | None = None, *, stale: bool = False,
                    months: int = 6, strict: bool = False, today: date | None = None) -> int:
    """``lunarexplainer check-data [--stale [--months N] [--strict]] [DIR]``.

    Prints every problem (exit 1) or a one-line summary (exit 0). With ``stale``, also lists
    every planned row whose plan was last confirmed more than ``months`` months before
    ``today`` or whose planned launch has gone by; that still exits 0 unless ``strict``."""
    from .text import format_date
    from .text import nt
    from .text import t

    folder = resolve_data_dir(path)
    try:
        dataset = load_dataset(folder)
    except DataValidationError as err:
        lines = err.lines()
        for line in lines:
            print(line)
        print(nt("{count} problem found in {folder}", "{count} problems found in {folder}",
                 len(lines), count=len(lines), folder=folder))
        return 1
    try:
        warnings = _translation_warnings(dataset, folder)
    except DataValidationError as err:
        for line in err.lines():
            print(line)
        count = len(err.lines())
        print(nt("{count} problems found in the translations in {folder}",
                 "{count} problems found in the translations in {folder}", count,
                 count=count, folder=folder))
        return 1
    print(t("OK: {counts} from {folder} (facts up to {as_of}, checked {checked})",
            counts=_table_counts(dataset), folder=folder, as_of=dataset.as_of_text,
            checked=dataset.checked_on_text))
    for warning in warnings:
        print(t("warning: {warning}", warning=warning))
    if warnings:
        print(nt("{count} texts have no translation yet: their English text is shown.",
                 "{count} texts have no translation yet: their English text is shown.",
                 len(warnings), count=len(warnings)))
    if not stale:
        return 0
    today = date.today() if today is None else today
    from .stale import PLANNED_STATUSES
    from .stale import stale_plans

    found = stale_plans(folder, months=months, today=today)
    for plan in found:
        print(plan.text())
    planned = int(dataset.missions["status"].isin(PLANNED_STATUSES).sum())
    when = format_date(today, "day")
    span = nt("{count} month", "{count} months", months, count=months)
    if found:
        print(nt("{count} of {planned} planned rows need a newer source (last confirmed more "
                 "than {span} before {date}, or the planned launch has passed).",
                 "{count} of {planned} planned rows need a newer source (last confirmed more "
                 "than {span} before {date}, or the planned launch has passed).",
                 len(found), count=len(found), planned=planned, span=span, date=when))
    else:
        print(nt("All {count} planned rows were confirmed within {span} before {date}.",
                 "All {count} planned rows were confirmed within {span} before {date}.",
                 planned, count=planned, span=span, date=when))
    return 1 if strict and found else 0
