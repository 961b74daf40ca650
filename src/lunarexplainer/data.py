"""Load the curated tables in ``data/`` into typed pandas DataFrames, checked against the schemas.

``load_dataset()`` reads every CSV, reports *all* problems at once as one ``DataValidationError``
(one line per problem, ``missions.csv:17: launch_date: not an ISO date (2025-13-40)``), and
otherwise returns a ``Dataset``. A validated result is cached in memory and in the user cache
folder, keyed by the bytes of the data files and the code version, so a warm start does not
import pandera at all and any edit to a file is picked up at once. Nothing is ever written
into a data folder.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import io
import os
import pickle
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from . import __version__
from .dates import FIRST_YEAR, LAST_YEAR, parse_iso_date

TABLES: tuple[str, ...] = (
    "missions", "sites", "partners", "framework_counts", "schedule_history", "phases",
    "milestones", "station_roles", "article_claims", "sources",
)
# Plain names for the one-line summary of `check-data`.
TABLE_LABELS = {
    "missions": "missions", "sites": "sites", "partners": "partners",
    "framework_counts": "framework counts", "schedule_history": "schedule changes",
    "phases": "phases", "milestones": "milestones", "station_roles": "station roles",
    "article_claims": "article claims", "sources": "sources",
}
FAILURE_COLUMNS = ["file", "row", "column", "problem", "value"]
# Kept in step with schemas.SOURCE_KINDS (a test checks it); data.py must not import pandera.
STRONG_KINDS = frozenset({"official", "intergovernmental", "research", "encyclopedia", "news"})
#: Words a caption adds after the publisher for sources that are not strong (``with_kind``).
KIND_WORDS = {"state_media": "state media", "mirror": "copy of another page",
              "other": "blog or other page"}
_PRECISION_RANK = {"year": 1, "month": 2, "day": 3}
DATA_ENV = "LUNAREXPLAINER_DATA"
NO_CACHE_ENV = "LUNAREXPLAINER_NO_CACHE"
_CODE_FILES = ("data.py", "schemas.py", "dates.py")
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


class _Problems:
    """Collects failures; ``bad`` remembers cells already reported so each gets one line."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.bad: set[tuple[str, int | None, str]] = set()

    def add(self, file: str, row: int | None, column: str, problem: str,
            value: Any = None) -> None:
        key = (file, row, column)
        if row is not None and key in self.bad:
            return
        self.bad.add(key)
        if value is not None and not isinstance(value, str):
            value = None if pd.isna(value) else str(value)
        self.rows.append({"file": file, "row": row, "column": column, "problem": problem,
                          "value": value})

    def is_bad(self, file: str, row: int, column: str) -> bool:
        return (file, row, column) in self.bad

    def frame(self, order: dict[str, list[str]]) -> pd.DataFrame:
        df = pd.DataFrame(self.rows, columns=FAILURE_COLUMNS)
        df["row"] = df["row"].astype("Int64")
        files = [f"{t}.csv" for t in TABLES]
        df["_f"] = [files.index(f) if f in files else -1 for f in df["file"]]
        df["_r"] = df["row"].fillna(0)
        df["_c"] = [
            order.get(f.removesuffix(".csv"), []).index(c)
            if c in order.get(f.removesuffix(".csv"), []) else -1
            for f, c in zip(df["file"], df["column"], strict=True)
        ]
        df = df.sort_values(["_f", "_r", "_c"], kind="stable")
        return df[FAILURE_COLUMNS].reset_index(drop=True)


# --------------------------------------------------------------------------- dataset


@dataclass
class Dataset:
    """All tables as typed DataFrames (treat them as read-only; each load gives fresh copies)."""

    missions: pd.DataFrame
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

    def _newest_source(self) -> pd.Series | None:
        s = self.sources
        if "published_start" not in s.columns:
            return None
        dated = s[s["published_start"].notna()]
        if dated.empty:
            return None
        rank = dated["published_precision"].map(_PRECISION_RANK).fillna(0)
        order = dated.assign(_rank=rank).sort_values(["published_start", "_rank"],
                                                     kind="stable")
        return order.iloc[-1]

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
        by_id = self.sources.set_index("id")
        parts = []
        for sid in ids:
            if sid in by_id.index:
                row = by_id.loc[sid]
                publisher = row["publisher"]
                words = [] if pd.isna(publisher) else [str(publisher)]
                kind = row.get("kind") if with_kind else None
                if isinstance(kind, str) and kind in KIND_WORDS:
                    words.append(KIND_WORDS[kind])
                parts.append(f"{row['title']} ({'; '.join(words)})" if words else row["title"])
            else:
                parts.append(sid)
        return ("Source: " if len(parts) == 1 else "Sources: ") + "; ".join(parts)

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


def load_dataset(path: str | os.PathLike[str] | None = None) -> Dataset:
    """Load and validate every table (see ``data/README.md``); raises DataValidationError."""
    folder = resolve_data_dir(path)
    contents = _read_files(folder)
    key = _cache_key(contents)
    dataset = _MEMORY.get(key)
    if dataset is None:
        dataset = _read_disk_cache(key)
    if dataset is None:
        dataset = _validate(folder, contents)
        _write_disk_cache(key, dataset, folder)
    _MEMORY[key] = dataset
    result = dataset.copy()
    result.path = folder
    return result


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
    return _validate(folder, _read_files(folder))


def _validate(folder: Path, contents: dict[str, bytes | None]) -> Dataset:
    from .schemas import column_specs  # imports pandera: only when the cache misses

    problems = _Problems()
    specs = {table: column_specs(table) for table in TABLES}
    order = {table: list(spec) for table, spec in specs.items()}
    if not folder.is_dir():
        problems.add(str(folder), None, "folder", "no such folder")
        raise DataValidationError(problems.frame(order))
    raw: dict[str, pd.DataFrame] = {}
    typed: dict[str, pd.DataFrame] = {}
    for table in TABLES:
        frame = _parse_csv(table, contents[table], specs[table], folder, problems)
        if frame is None:
            continue
        raw[table] = frame
        typed[table] = _convert(table, frame, specs[table], problems)
        _check_with_pandera(table, typed[table], raw[table], specs[table], problems)
    _check_across_tables(typed, raw, problems)
    if problems.rows:
        raise DataValidationError(problems.frame(order))
    return Dataset(**{t: _finish(typed[t], specs[t]) for t in TABLES})


def _first_line(text: str, limit: int = 60) -> str:
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _parse_csv(table: str, data: bytes | None, spec: dict[str, dict[str, Any]], folder: Path,
               problems: _Problems) -> pd.DataFrame | None:
    """Text of one CSV file -> DataFrame of strings indexed by the line each record starts on."""
    file = f"{table}.csv"
    if data is None:
        problems.add(file, None, "file", "missing file", f"expected in {folder}")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        problems.add(file, line, "file", "not UTF-8 text: save the file as CSV UTF-8",
                     f"byte 0x{data[err.start]:02x}")
        return None
    text = text.removeprefix("\ufeff")  # the byte-order mark some spreadsheets add
    if not text.strip():
        problems.add(file, 1, "file", "empty file: needs a header row")
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    previous = 0
    try:
        for record in reader:
            start, previous = previous + 1, reader.line_num
            if record:  # blank lines hold no data
                records.append((start, record))
    except csv.Error as err:
        start = previous + 1
        rest = text.splitlines()[start - 1] if start - 1 < len(text.splitlines()) else ""
        message = str(err)
        if "unexpected end of data" in message:
            problem = "a quote (\") is opened but never closed"
        elif "expected after" in message:
            problem = "text after a closing quote: quote the whole field"
        else:
            problem = f"cannot read CSV: {message}"
        problems.add(file, start, "file", problem, _first_line(rest))
        return None
    if not records:
        problems.add(file, 1, "file", "empty file: needs a header row")
        return None
    header_line, header = records[0]
    header = [h.strip() for h in header]
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.add(file, header_line, name or "(empty name)", "column appears twice")
        seen.add(name)
        if name not in spec:
            problems.add(file, header_line, name or "(empty name)",
                         "unknown column (not in the data dictionary)")
    for name in spec:
        if name not in seen:
            problems.add(file, header_line, name, "missing column")
    physical = text.splitlines()
    good: list[list[str]] = []
    lines: list[int] = []
    loose_ids: list[str] = []  # ids of unreadable rows, so references to them still resolve
    for line, record in records[1:]:
        if len(record) != len(header):
            problems.add(file, line, "file",
                         f"{len(record)} fields instead of {len(header)}: "
                         "quote text that contains commas",
                         _first_line(physical[line - 1]))
            if "id" in header and header.index("id") < len(record):
                loose_ids.append(record[header.index("id")])
            continue
        good.append(record)
        lines.append(line)
    frame = pd.DataFrame(good, columns=header, index=pd.Index(lines, name="line"), dtype=object)
    keep = [c for c in spec if c in frame.columns]
    if len(set(header)) != len(header):
        frame = frame.loc[:, ~frame.columns.duplicated()]
    frame = frame[keep].astype("string")
    frame = frame.mask(frame.eq(""))
    frame.attrs["loose_ids"] = loose_ids
    return frame


_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_INTEGER = re.compile(r"^[+-]?\d+$")


def _convert(table: str, raw: pd.DataFrame, spec: dict[str, dict[str, Any]],
             problems: _Problems) -> pd.DataFrame:
    """Text -> typed columns; a cell that cannot be read is reported and left empty."""
    file = f"{table}.csv"
    out = pd.DataFrame(index=raw.index)
    out.attrs["loose_ids"] = raw.attrs.get("loose_ids", [])
    for name, col in spec.items():
        if name not in raw.columns:
            continue
        values = raw[name]
        kind = col["kind"]
        if kind == "number":
            parsed = []
            for line, v in values.items():
                if pd.isna(v):
                    parsed.append(None)
                elif _NUMBER.match(v.strip()):
                    parsed.append(float(v))
                else:
                    problems.add(file, line, name, "not a number", v)
                    parsed.append(None)
            out[name] = pd.array(parsed, dtype="Float64").astype("float64")
        elif kind == "integer":
            parsed = []
            for line, v in values.items():
                if pd.isna(v):
                    parsed.append(None)
                elif _INTEGER.match(v.strip()):
                    parsed.append(int(v))
                else:
                    problems.add(file, line, name, "not a whole number", v)
                    parsed.append(None)
            out[name] = pd.array(parsed, dtype="Int64")
        elif kind == "bool":
            parsed = []
            for line, v in values.items():
                word = None if pd.isna(v) else v.strip().lower()
                if word in {"true", "false"}:
                    parsed.append(word == "true")
                else:
                    if word is not None:
                        problems.add(file, line, name, "not true or false", v)
                    parsed.append(None)
            series = pd.array(parsed, dtype="boolean")
            out[name] = series.astype(bool) if not series.isna().any() else series
        else:
            out[name] = values
    return out


_RANGE_CHECKS = {"greater_than_or_equal_to", "less_than_or_equal_to", "greater_than",
                 "less_than", "in_range"}


def _range_text(column: Any) -> str:
    low = high = None
    strict_low = False
    for check in column.checks:
        stats = check.statistics or {}
        if check.name == "greater_than_or_equal_to":
            low = stats.get("min_value")
        elif check.name == "greater_than":
            low, strict_low = stats.get("min_value"), True
        elif check.name == "less_than_or_equal_to":
            high = stats.get("max_value")
    if low is not None and high is not None:
        return f"out of range {low} to {high}"
    if low is not None:
        return f"must be more than {low}" if strict_low else f"must be {low} or more"
    return f"must be {high} or less"


def _check_with_pandera(table: str, typed: pd.DataFrame, raw: pd.DataFrame,
                        spec: dict[str, dict[str, Any]], problems: _Problems) -> None:
    """Per-column checks declared in schemas.py, mapped to one plain line per cell."""
    import pandera.errors

    from .schemas import SCHEMAS

    schema = SCHEMAS[table].to_schema()
    present = [c for c in spec if c in typed.columns]
    schema = schema.select_columns(present) if len(present) != len(spec) else schema
    # The loader has set every dtype already; pandera's own dtype check is slow, so skip it.
    schema = schema.update_columns({name: {"dtype": None} for name in present})
    try:
        schema.validate(typed, lazy=True)
    except pandera.errors.SchemaErrors as err:
        cases = err.failure_cases
    else:
        return
    file = f"{table}.csv"
    for case in cases.itertuples(index=False):
        name, check, line = case.column, str(case.check), case.index
        if check.startswith("dtype(") or check == "column_in_dataframe":
            continue  # the loader sets dtypes and reports missing columns itself
        if line is None or pd.isna(line) or name not in schema.columns:
            problems.add(file, None, str(name), f"failed check {check}")
            continue
        line = int(line)
        column = schema.columns[name]
        value = raw.at[line, name] if name in raw.columns else case.failure_case
        problem_text = (column.metadata or {}).get("problem")
        if check == "not_nullable":
            problems.add(file, line, name, "empty but required")
        elif check == "field_uniqueness":
            first = int(raw.index[raw[name].eq(value).fillna(False).to_numpy()].min())
            if first != line:
                problems.add(file, line, name, f"duplicate, first on line {first}", value)
        elif check.startswith("isin("):
            allowed = column.checks[int(case.check_number)].statistics["allowed_values"]
            problems.add(file, line, name,
                         problem_text or "not one of " + ", ".join(allowed), value)
        elif check.startswith("str_matches("):
            problems.add(file, line, name, problem_text or "wrong format", value)
        elif check == "iso_date":
            if isinstance(value, str) and parse_iso_date(value) is not None:
                problems.add(file, line, name,
                             f"outside the years {FIRST_YEAR} to {LAST_YEAR}", value)
            else:
                problems.add(file, line, name, "not an ISO date", value)
        elif check.split("(")[0] in _RANGE_CHECKS:
            problems.add(file, line, name, _range_text(column), value)
        else:
            problems.add(file, line, name, f"failed check {check}", value)


def _ids(typed: dict[str, pd.DataFrame], table: str) -> set[str] | None:
    frame = typed.get(table)
    if frame is None or "id" not in frame.columns:
        return None  # the table could not be read: its problems are reported already
    return set(frame["id"].dropna()) | set(frame.attrs.get("loose_ids", []))


def _check_across_tables(typed: dict[str, pd.DataFrame], raw: dict[str, pd.DataFrame],
                         problems: _Problems) -> None:
    """References between tables, date order, and rules that need more than one column."""
    from .schemas import REQUIRED_PHASE_IDS

    def refs(table: str, column: str, targets: set[str] | None, problem: str) -> None:
        frame = typed.get(table)
        if frame is None or targets is None or column not in frame.columns:
            return
        for line, value in frame[column].dropna().items():
            if value not in targets and not problems.is_bad(f"{table}.csv", line, column):
                problems.add(f"{table}.csv", line, column, problem, value)

    sources = _ids(typed, "sources")
    if sources is not None:
        for table, frame in typed.items():
            if table == "sources" or "source_ids" not in frame.columns:
                continue
            file = f"{table}.csv"
            for line, value in frame["source_ids"].dropna().items():
                if problems.is_bad(file, line, "source_ids"):
                    continue
                for sid in value.split(";"):
                    if sid not in sources:
                        problems.add(file, line, "source_ids", "unknown source id", sid)
                        break
    missions, phases = _ids(typed, "missions"), _ids(typed, "phases")
    refs("missions", "site_id", _ids(typed, "sites"), "not an id in sites.csv")
    refs("missions", "target_site_id", _ids(typed, "sites"), "not an id in sites.csv")
    refs("station_roles", "mission_id", missions, "not an id in missions.csv")
    if missions is not None and phases is not None:
        refs("schedule_history", "mission_id", missions | phases,
             "not an id in missions.csv or phases.csv")
    if phases is not None:
        for required in REQUIRED_PHASE_IDS:
            if required not in phases:
                problems.add("phases.csv", None, "id", "required id missing", required)

    def not_before(table: str, later: str, earlier: str) -> None:
        frame = typed.get(table)
        if frame is None or later not in frame.columns or earlier not in frame.columns:
            return
        file = f"{table}.csv"
        for line, a, b in zip(frame.index, frame[later], frame[earlier], strict=True):
            if pd.isna(a) or pd.isna(b) or problems.is_bad(file, line, later) \
                    or problems.is_bad(file, line, earlier):
                continue
            pa, pb = parse_iso_date(a), parse_iso_date(b)
            if pa is not None and pb is not None and pa.end < pb.start:
                problems.add(file, line, later, f"before {earlier} {b}", a)

    not_before("missions", "landing_date", "launch_date")
    not_before("missions", "end_date", "launch_date")
    not_before("phases", "end_date", "start_date")

    m = typed.get("missions")
    if m is not None and {"status", "as_of", "launch_date"} <= set(m.columns):
        for line, status, as_of, launch in zip(m.index, m["status"], m["as_of"],
                                               m["launch_date"], strict=True):
            if status not in {"planned", "in_progress"}:
                continue
            if pd.isna(as_of):
                if not problems.is_bad("missions.csv", line, "as_of"):
                    problems.add("missions.csv", line, "as_of",
                                 f"empty but required when status is {status}")
                continue
            if status != "planned" or pd.isna(launch):
                continue
            p_as_of, p_launch = parse_iso_date(as_of), parse_iso_date(launch)
            if p_as_of is not None and p_launch is not None and p_launch.end < p_as_of.start:
                problems.add("missions.csv", line, "launch_date",
                             f"planned date already past on as_of {as_of}", launch)

    _check_dates_against_sources(typed, problems)

    partners = typed.get("partners")
    if partners is not None and {"kind", "iso3"} <= set(partners.columns):
        for line, kind, iso3 in zip(partners.index, partners["kind"], partners["iso3"],
                                    strict=True):
            if kind == "country" and pd.isna(iso3):
                problems.add("partners.csv", line, "iso3", "empty but required for a country")
    if partners is not None and {"framework", "entity"} <= set(partners.columns):
        first: dict[tuple[str, str], int] = {}
        for line, fw, entity in zip(partners.index, partners["framework"], partners["entity"],
                                    strict=True):
            if pd.isna(fw) or pd.isna(entity):
                continue
            key = (fw, entity)
            if key in first:
                problems.add("partners.csv", line, "entity",
                             f"duplicate partner of {fw}, first on line {first[key]}", entity)
            else:
                first[key] = line

    # One page, one source row: two ids for the same page would let a row look better
    # supported than it is, and one of them would soon be read again without the other.
    src = typed.get("sources")
    if src is not None and {"id", "url"} <= set(src.columns):
        seen: dict[str, tuple[int, str]] = {}
        for line, sid, url in zip(src.index, src["id"], src["url"], strict=True):
            if pd.isna(url) or problems.is_bad("sources.csv", line, "url"):
                continue
            key = str(url).strip().rstrip("/").lower()
            if key in seen:
                first_line, first_id = seen[key]
                problems.add("sources.csv", line, "url",
                             f"same page as {first_id} on line {first_line}", url)
            else:
                seen[key] = (line, sid)


#: Dates of things that happened, which no source can report before it was published:
#: (table, column, statuses the rule applies to or None for every row).
_EVENT_DATES: tuple[tuple[str, str, frozenset[str] | None], ...] = (
    ("missions", "launch_date", frozenset({"success", "partial", "failure", "in_progress"})),
    ("missions", "landing_date", frozenset({"success", "partial", "failure"})),
    ("missions", "end_date", frozenset({"success", "partial", "failure"})),
    ("partners", "joined_on", None),
    ("schedule_history", "announced_on", None),
    ("phases", "announced_on", None),
    ("milestones", "date", None),
)
#: Dates that must be the publication date of one of the row's sources.
_PUBLICATION_DATES: tuple[tuple[str, str, frozenset[str] | None], ...] = (
    ("missions", "as_of", frozenset({"planned", "in_progress"})),
    ("framework_counts", "as_of", None),
)


def _check_dates_against_sources(typed: dict[str, pd.DataFrame], problems: _Problems) -> None:
    """The date rules: a source is not published after we read it; a row's "as of" is the
    publication date of one of its sources; nothing happened after every source of the row
    about it was published."""
    src = typed.get("sources")
    if src is None or not {"id", "published", "accessed"} <= set(src.columns):
        return
    published: dict[str, str | None] = {}
    for line, sid, pub, acc in zip(src.index, src["id"], src["published"], src["accessed"],
                                   strict=True):
        if pd.isna(sid):
            continue
        ok = not pd.isna(pub) and not problems.is_bad("sources.csv", line, "published")
        published[sid] = pub if ok else None
        if ok and not pd.isna(acc) and not problems.is_bad("sources.csv", line, "accessed"):
            p_pub, p_acc = parse_iso_date(pub), parse_iso_date(acc)
            if p_pub is not None and p_acc is not None and p_pub.start > p_acc.end:
                problems.add("sources.csv", line, "published", f"after accessed {acc}", pub)

    def rows(table: str, column: str, statuses: frozenset[str] | None):
        frame = typed.get(table)
        if frame is None or column not in frame.columns or "source_ids" not in frame.columns:
            return
        file = f"{table}.csv"
        status = frame["status"] if statuses is not None and "status" in frame.columns else None
        for line in frame.index:
            value = frame.at[line, column]
            if pd.isna(value) or problems.is_bad(file, line, column) \
                    or problems.is_bad(file, line, "source_ids"):
                continue
            if status is not None and status.at[line] not in statuses:
                continue
            ids = str(frame.at[line, "source_ids"]).split(";")
            if not all(i in published for i in ids):
                continue  # an unknown id is reported already
            yield file, line, value, [published[i] for i in ids]

    for table, column, statuses in _PUBLICATION_DATES:
        for file, line, value, dates in rows(table, column, statuses):
            if value not in dates:
                problems.add(file, line, column,
                             "not the published date of any of the row's sources", value)
    for table, column, statuses in _EVENT_DATES:
        for file, line, value, dates in rows(table, column, statuses):
            if any(d is None for d in dates):
                continue  # an undated source may be the newest
            parsed = [(d, parse_iso_date(d)) for d in dates]
            newest, p_newest = max(((d, p) for d, p in parsed if p is not None),
                                   key=lambda dp: dp[1].end, default=(None, None))
            p_value = parse_iso_date(value)
            if p_newest is not None and p_value is not None and p_value.start > p_newest.end:
                problems.add(file, line, column,
                             f"after its newest source, published {newest}", value)


def _finish(frame: pd.DataFrame, spec: dict[str, dict[str, Any]]) -> pd.DataFrame:
    """Validated frame -> the public form: derived date columns and a plain 0..n-1 index."""
    out = frame.copy()
    out.attrs.clear()
    for name, col in spec.items():
        if col["kind"] == "bool":
            out[name] = out[name].astype(bool)
        if col["kind"] != "date":
            continue
        parsed = [None if pd.isna(v) else parse_iso_date(v) for v in out[name]]
        out[f"{name}_precision"] = pd.array(
            [p.precision if p else None for p in parsed], dtype="string")
        out[f"{name}_start"] = pd.to_datetime(
            pd.Series([p.start if p else None for p in parsed], index=out.index, dtype=object)
        ).astype("datetime64[ns]")
        out[f"{name}_end"] = pd.to_datetime(
            pd.Series([p.end if p else None for p in parsed], index=out.index, dtype=object)
        ).astype("datetime64[ns]")
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- stale plans


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
        ago = ("less than a month ago" if self.months_ago == 0 else "1 month ago"
               if self.months_ago == 1 else f"{self.months_ago} months ago")
        text = f"{self.file}:{self.line}: {self.column}: plan last confirmed {self.as_of} ({ago})"
        if self.passed_launch is not None:
            text += f"; planned launch {self.passed_launch} has passed"
        return text


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
        raise ValueError("months must be 0 or more")
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

    frame = _parse_csv(table, (folder / f"{table}.csv").read_bytes(), column_specs(table),
                       folder, _Problems())
    return [] if frame is None else [int(i) for i in frame.index]


# --------------------------------------------------------------------------- command line


def check_data_main(path: str | os.PathLike[str] | None = None, *, stale: bool = False,
                    months: int = 6, strict: bool = False, today: date | None = None) -> int:
    """``lunarexplainer check-data [--stale [--months N] [--strict]] [DIR]``.

    Prints every problem (exit 1) or a one-line summary (exit 0). With ``stale``, also lists
    every planned row whose plan was last confirmed more than ``months`` months before
    ``today`` or whose planned launch has gone by; that still exits 0 unless ``strict``."""
    folder = resolve_data_dir(path)
    try:
        dataset = load_dataset(folder)
    except DataValidationError as err:
        lines = err.lines()
        for line in lines:
            print(line)
        noun = "problem" if len(lines) == 1 else "problems"
        print(f"{len(lines)} {noun} found in {folder}")
        return 1
    counts = ", ".join(f"{len(getattr(dataset, t))} {TABLE_LABELS[t]}" for t in TABLES)
    print(f"OK: {counts} from {folder} (facts up to {dataset.as_of_text}, "
          f"checked {dataset.checked_on_text})")
    if not stale:
        return 0
    from .text import format_date

    today = date.today() if today is None else today
    found = stale_plans(folder, months=months, today=today)
    for plan in found:
        print(plan.text())
    planned = int(dataset.missions["status"].isin(PLANNED_STATUSES).sum())
    when = format_date(today, "day")
    span = "1 month" if months == 1 else f"{months} months"
    if found:
        print(f"{len(found)} of {planned} planned rows need a newer source (last confirmed more "
              f"than {span} before {when}, or the planned launch has passed).")
    else:
        print(f"All {planned} planned rows were confirmed within {span} before {when}.")
    return 1 if strict and found else 0
