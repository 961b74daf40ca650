"""Validation of a data folder: CSV text -> typed frames -> schema and cross-table checks.

:func:`validate_contents` reads every table of a folder, collects *every* problem in a
:class:`Problems` (one ``file:row: column: problem (value)`` line each) and raises them together
as one :class:`~lunarexplainer.data.DataValidationError`, or returns the ``Dataset``. pandera
(slow to import) is imported here only when a cache misses.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pandas as pd

from .data import FAILURE_COLUMNS
from .data import TABLES
from .data import Dataset
from .data import DataValidationError
from .dates import FIRST_YEAR
from .dates import LAST_YEAR
from .dates import parse_iso_date
from .text import nt
from .text import t


class Problems:
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
        files = [f"{table}.csv" for table in TABLES]
        df["_f"] = [files.index(f) if f in files else -1 for f in df["file"]]
        df["_r"] = df["row"].fillna(0)
        df["_c"] = [
            order.get(f.removesuffix(".csv"), []).index(c)
            if c in order.get(f.removesuffix(".csv"), []) else -1
            for f, c in zip(df["file"], df["column"], strict=True)
        ]
        df = df.sort_values(["_f", "_r", "_c"], kind="stable")
        return df[FAILURE_COLUMNS].reset_index(drop=True)


def validate_contents(folder: Path, contents: dict[str, bytes | None]) -> Dataset:
    from .schemas import column_specs  # imports pandera: only when the cache misses

    problems = Problems()
    specs = {table: column_specs(table) for table in TABLES}
    order = {table: list(spec) for table, spec in specs.items()}
    if not folder.is_dir():
        problems.add(str(folder), None, "folder", t("no such folder"))
        raise DataValidationError(problems.frame(order))
    raw: dict[str, pd.DataFrame] = {}
    typed: dict[str, pd.DataFrame] = {}
    for table in TABLES:
        frame = parse_csv(table, contents[table], specs[table], folder, problems)
        if frame is None:
            continue
        raw[table] = frame
        typed[table] = _convert(table, frame, specs[table], problems)
        _check_with_pandera(table, typed[table], raw[table], specs[table], problems)
    _check_across_tables(typed, raw, problems)
    if problems.rows:
        raise DataValidationError(problems.frame(order))
    return Dataset(**{table: _finish(typed[table], specs[table]) for table in TABLES})


def _first_line(text: str, limit: int = 60) -> str:
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def parse_csv(table: str, data: bytes | None, spec: dict[str, dict[str, Any]], folder: Path,
               problems: Problems) -> pd.DataFrame | None:
    """Text of one CSV file -> DataFrame of strings indexed by the line each record starts on."""
    file = f"{table}.csv"
    if data is None:
        problems.add(file, None, "file", t("missing file"),
                     t("expected in {folder}", folder=folder))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        problems.add(file, line, "file", t("not UTF-8 text: save the file as CSV UTF-8"),
                     f"byte 0x{data[err.start]:02x}")
        return None
    text = text.removeprefix("\ufeff")  # the byte-order mark some spreadsheets add
    if not text.strip():
        problems.add(file, 1, "file", t("empty file: needs a header row"))
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
            problem = t("a quote (\") is opened but never closed")
        elif "expected after" in message:
            problem = t("text after a closing quote: quote the whole field")
        else:
            problem = t("cannot read CSV: {error}", error=message)
        problems.add(file, start, "file", problem, _first_line(rest))
        return None
    if not records:
        problems.add(file, 1, "file", t("empty file: needs a header row"))
        return None
    header_line, header = records[0]
    header = [h.strip() for h in header]
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.add(file, header_line, name or t("(empty name)"), t("column appears twice"))
        seen.add(name)
        if name not in spec:
            problems.add(file, header_line, name or t("(empty name)"),
                         t("unknown column (not in the data dictionary)"))
    for name in spec:
        if name not in seen:
            problems.add(file, header_line, name, t("missing column"))
    physical = text.splitlines()
    good: list[list[str]] = []
    lines: list[int] = []
    loose_ids: list[str] = []  # ids of unreadable rows, so references to them still resolve
    for line, record in records[1:]:
        if len(record) != len(header):
            problems.add(file, line, "file",
                         nt("{count} fields instead of {expected}: quote text that contains commas",
                            "{count} fields instead of {expected}: quote text that contains commas",
                            len(record), count=len(record), expected=len(header)),
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
             problems: Problems) -> pd.DataFrame:
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
                    problems.add(file, line, name, t("not a number"), v)
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
                    problems.add(file, line, name, t("not a whole number"), v)
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
                        problems.add(file, line, name, t("not true or false"), v)
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
        return t("out of range {low} to {high}", low=low, high=high)
    if low is not None:
        return (t("must be more than {low}", low=low) if strict_low
                else t("must be {low} or more", low=low))
    return t("must be {high} or less", high=high)


def _check_with_pandera(table: str, typed: pd.DataFrame, raw: pd.DataFrame,
                        spec: dict[str, dict[str, Any]], problems: Problems) -> None:
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
            problems.add(file, None, str(name), t("failed check {check}", check=check))
            continue
        line = int(line)
        column = schema.columns[name]
        value = raw.at[line, name] if name in raw.columns else case.failure_case
        problem_text = (column.metadata or {}).get("problem")
        if check == "not_nullable":
            problems.add(file, line, name, t("empty but required"))
        elif check == "field_uniqueness":
            first = int(raw.index[raw[name].eq(value).fillna(False).to_numpy()].min())
            if first != line:
                problems.add(file, line, name, t("duplicate, first on line {first}", first=first),
                             value)
        elif check.startswith("isin("):
            allowed = column.checks[int(case.check_number)].statistics["allowed_values"]
            problems.add(file, line, name,
                         t(problem_text) if problem_text
                         else t("not one of {values}", values=", ".join(allowed)), value)
        elif check.startswith("str_matches("):
            problems.add(file, line, name,
                         t(problem_text) if problem_text else t("wrong format"), value)
        elif check == "iso_date":
            if isinstance(value, str) and parse_iso_date(value) is not None:
                problems.add(file, line, name, t("outside the years {first} to {last}",
                                                 first=FIRST_YEAR, last=LAST_YEAR), value)
            else:
                problems.add(file, line, name, t("not an ISO date"), value)
        elif check.split("(")[0] in _RANGE_CHECKS:
            problems.add(file, line, name, _range_text(column), value)
        else:
            problems.add(file, line, name, t("failed check {check}", check=check), value)


def _ids(typed: dict[str, pd.DataFrame], table: str) -> set[str] | None:
    frame = typed.get(table)
    if frame is None or "id" not in frame.columns:
        return None  # the table could not be read: its problems are reported already
    return set(frame["id"].dropna()) | set(frame.attrs.get("loose_ids", []))


def _check_across_tables(typed: dict[str, pd.DataFrame], raw: dict[str, pd.DataFrame],
                         problems: Problems) -> None:
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
                        problems.add(file, line, "source_ids", t("unknown source id"), sid)
                        break
    missions, phases = _ids(typed, "missions"), _ids(typed, "phases")
    not_an_id = t("not an id in {file}", file="sites.csv")
    refs("missions", "site_id", _ids(typed, "sites"), not_an_id)
    refs("missions", "target_site_id", _ids(typed, "sites"), not_an_id)
    refs("station_roles", "mission_id", missions, t("not an id in {file}", file="missions.csv"))
    if missions is not None and phases is not None:
        refs("schedule_history", "mission_id", missions | phases,
             t("not an id in {file} or {other}", file="missions.csv", other="phases.csv"))
    refs("context", "claim_id", _ids(typed, "article_claims"),
         t("not an id in {file}", file="article_claims.csv"))
    _check_moon_and_context(typed, missions, problems)
    _check_claim_sources(typed, problems)
    if phases is not None:
        for required in REQUIRED_PHASE_IDS:
            if required not in phases:
                problems.add("phases.csv", None, "id", t("required id missing"), required)

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
                problems.add(file, line, later,
                             t("before {column} {date}", column=earlier, date=b), a)

    not_before("missions", "landing_date", "launch_date")
    not_before("missions", "end_date", "launch_date")
    not_before("context", "landing_date", "launch_date")
    not_before("context", "end_date", "launch_date")
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
                                 t("empty but required when status is {status}",
                                   status=status))
                continue
            if status != "planned" or pd.isna(launch):
                continue
            p_as_of, p_launch = parse_iso_date(as_of), parse_iso_date(launch)
            if p_as_of is not None and p_launch is not None and p_launch.end < p_as_of.start:
                problems.add("missions.csv", line, "launch_date",
                             t("planned date already past on as_of {as_of}", as_of=as_of),
                             launch)

    _check_dates_against_sources(typed, problems)

    partners = typed.get("partners")
    if partners is not None and {"kind", "iso3"} <= set(partners.columns):
        for line, kind, iso3 in zip(partners.index, partners["kind"], partners["iso3"],
                                    strict=True):
            if kind == "country" and pd.isna(iso3):
                problems.add("partners.csv", line, "iso3",
                             t("empty but required for a country"))
    if partners is not None and {"framework", "entity"} <= set(partners.columns):
        first: dict[tuple[str, str], int] = {}
        for line, fw, entity in zip(partners.index, partners["framework"], partners["entity"],
                                    strict=True):
            if pd.isna(fw) or pd.isna(entity):
                continue
            key = (fw, entity)
            if key in first:
                problems.add("partners.csv", line, "entity",
                             t("duplicate partner of {framework}, first on line {first}",
                               framework=fw, first=first[key]), entity)
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
                             t("same page as {id} on line {line}", id=first_id,
                               line=first_line), url)
            else:
                seen[key] = (line, sid)


def _check_moon_and_context(typed: dict[str, pd.DataFrame], missions: set[str] | None,
                            problems: Problems) -> None:
    """missions.csv holds Moon missions only; context.csv the report's other milestones."""
    from .vocab import MOON_PROGRAMS

    m = typed.get("missions")
    if m is not None and {"program", "mission_type"} <= set(m.columns):
        for line, program, kind in zip(m.index, m["program"], m["mission_type"], strict=True):
            if kind == "crewed_earth_orbit" and not pd.isna(program) \
                    and program not in MOON_PROGRAMS \
                    and not problems.is_bad("missions.csv", line, "mission_type"):
                problems.add("missions.csv", line, "mission_type",
                             t("not a Moon mission: a flight of program 'other' that stays "
                               "in Earth orbit belongs in context.csv"), kind)
    c = typed.get("context")
    if c is not None and missions is not None and "id" in c.columns:
        for line, cid in c["id"].dropna().items():
            if cid in missions:
                problems.add("context.csv", line, "id",
                             t("also an id in missions.csv: a row is a Moon mission or "
                               "context, not both"), cid)


def _check_claim_sources(typed: dict[str, pd.DataFrame], problems: Problems) -> None:
    """The source a claim was checked with is one of the row's sources."""
    c = typed.get("article_claims")
    if c is None or not {"check_source_id", "source_ids"} <= set(c.columns):
        return
    for line, used, ids in zip(c.index, c["check_source_id"], c["source_ids"], strict=True):
        if pd.isna(used) or pd.isna(ids) or problems.is_bad("article_claims.csv", line,
                                                            "source_ids"):
            continue
        if used not in str(ids).split(";"):
            problems.add("article_claims.csv", line, "check_source_id",
                         t("not one of the row's source_ids"), used)


#: Dates of things that happened, which no source can report before it was published:
#: (table, column, statuses the rule applies to or None for every row).
_EVENT_DATES: tuple[tuple[str, str, frozenset[str] | None], ...] = (
    ("missions", "launch_date", frozenset({"success", "partial", "failure", "in_progress"})),
    ("missions", "landing_date", frozenset({"success", "partial", "failure"})),
    ("missions", "end_date", frozenset({"success", "partial", "failure"})),
    ("context", "launch_date", None),
    ("context", "landing_date", None),
    ("context", "end_date", None),
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


def _check_dates_against_sources(typed: dict[str, pd.DataFrame], problems: Problems) -> None:
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
                problems.add("sources.csv", line, "published",
                             t("after accessed {date}", date=acc), pub)

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
                             t("not the published date of any of the row's sources"), value)
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
                             t("after its newest source, published {date}", date=newest),
                             value)


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
