"""Translated data text: ``data/<lang>/<table>.csv`` beside each table, keyed by row id.

Each translation file has an ``id`` column and some of the table's text columns
(:data:`TEXT_COLUMNS`); a row gives the text of the table's row with that id in that language.
An empty cell, or a row that is not there, leaves the English text (``check-data`` warns about
it, naming the English file and row). Source titles are never translated: they stay in the
language the source was published in.

A file that cannot be used (an unknown id or column, an id twice, broken CSV) is a
:class:`~lunarexplainer.data.DataValidationError` with one line per problem, the same
``file:row: column: problem (value)`` lines as the tables themselves.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .text import nt
from .text import t

__all__ = ["TEXT_COLUMNS", "Translations", "translation_files", "read_translations",
           "translated", "english_text", "missing_translations", "english_lines"]

#: Table -> its columns that are translated (every other column is ids, codes, dates, numbers).
TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "missions": ("name", "summary"),
    "context": ("name", "summary"),
    "sites": ("name", "summary"),
    "partners": ("entity", "summary"),
    "framework_counts": ("summary",),
    "schedule_history": ("announced_by", "summary"),
    "phases": ("name", "summary"),
    "milestones": ("title", "summary"),
    "station_roles": ("objective", "summary"),
    "article_claims": ("claim", "what_happened", "reason"),
}


@dataclass
class Translations:
    """One language's data text: table -> id -> column -> text, and the files' problems."""

    lang: str
    text: dict[str, dict[str, dict[str, str]]]
    problems: list[tuple[str, int | None, str, str, str]]


def translation_files(folder: Path, lang: str) -> dict[str, bytes | None]:
    """The bytes of each table's translation file in ``folder/lang`` (None: no file)."""
    out: dict[str, bytes | None] = {}
    for table in TEXT_COLUMNS:
        try:
            out[table] = (folder / lang / f"{table}.csv").read_bytes()
        except OSError:
            out[table] = None
    return out


def _records(data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), strict=True)
    rows, line = [], 1
    for record in reader:
        rows.append((line, record))
        line = reader.line_num + 1
    return (rows[0][1] if rows else []), [(n, r) for n, r in rows[1:] if any(r)]


def read_translations(folder: Path, lang: str, ids: dict[str, set[str]]) -> Translations:
    """Read ``folder/lang/*.csv`` and check them against the tables' ids (``table -> ids``)."""
    found = Translations(lang, {}, [])
    for table, data in translation_files(folder, lang).items():
        if data is None:
            continue
        file = f"{lang}/{table}.csv"
        try:
            header, records = _records(data)
        except (UnicodeDecodeError, csv.Error) as err:
            found.problems.append((file, None, "file", t("not readable CSV UTF-8"),
                                   str(err)))
            continue
        allowed = set(TEXT_COLUMNS[table])
        if "id" not in header:
            found.problems.append((file, 1, "id", t("missing column"), None))
            continue
        for name in header:
            if name != "id" and name not in allowed:
                found.problems.append((file, 1, name, t(
                    "not a translated column of {file} (use {columns})", file=f"{table}.csv",
                    columns=", ".join(sorted(allowed))), name))
        table_text: dict[str, dict[str, str]] = {}
        for line, record in records:
            if len(record) != len(header):
                found.problems.append((file, line, "file", nt(
                    "{count} fields instead of {expected}: quote text that contains commas",
                    "{count} fields instead of {expected}: quote text that contains commas",
                    len(record), count=len(record), expected=len(header)), ",".join(record)[:60]))
                continue
            row = dict(zip(header, record, strict=True))
            rid = row["id"].strip()
            if rid not in ids.get(table, set()):
                found.problems.append((file, line, "id",
                                       t("no such row in {file}", file=f"{table}.csv"), rid))
            elif rid in table_text:
                found.problems.append((file, line, "id", t("appears twice"), rid))
            else:
                table_text[rid] = {c: v.strip() for c, v in row.items()
                                   if c in allowed and v.strip()}
        found.text[table] = table_text
    return found


def _row_ids(frame: pd.DataFrame) -> list[str]:
    return [str(v) for v in frame["id"]]


def translated(tables: dict[str, pd.DataFrame], translations: Translations) -> None:
    """Put the translated text into ``tables`` (changed in place), row by row. The English
    text stays in each table's ``attrs["english"]`` (see :func:`english_text`)."""
    for table, by_id in translations.text.items():
        frame = tables[table]
        ids = _row_ids(frame)  # plain texts by id: attrs must compare equal in pandas ops
        frame.attrs["english"] = {c: dict(zip(ids, frame[c].tolist(), strict=True))
                                  for c in TEXT_COLUMNS[table]}
        position = {rid: i for i, rid in enumerate(_row_ids(frame))}
        for rid, columns in by_id.items():
            for column, text in columns.items():
                frame.iat[position[rid], frame.columns.get_loc(column)] = text


def english_text(frame: pd.DataFrame, column: str) -> pd.Series:
    """``frame[column]`` in English, whatever the language the dataset was loaded in: for
    logic that must find a row by its English text (the charts and facts never compare
    translated words)."""
    english = frame.attrs.get("english", {}).get(column)
    if english is None:
        return frame[column]
    return frame["id"].astype(str).map(english).astype(frame[column].dtype)


def missing_translations(tables: dict[str, pd.DataFrame], translations: Translations,
                         english_lines: dict[str, dict[str, int]]) -> list[str]:
    """One warning per English text that has no translation: ``lang/table.csv:
    table.csv:ROW: column: no translation (id)``."""
    lang, out = translations.lang, []
    missing = t("no translation")
    for table, columns in TEXT_COLUMNS.items():
        frame = tables[table]
        given = translations.text.get(table, {})
        for i, rid in enumerate(_row_ids(frame)):
            for column in columns:
                if pd.isna(frame.iloc[i][column]) or column in given.get(rid, {}):
                    continue
                line = english_lines.get(table, {}).get(rid)
                where = f"{table}.csv:{line}" if line else f"{table}.csv"
                out.append(f"{lang}/{table}.csv: {where}: {column}: {missing} ({rid})")
    return out


def english_lines(folder: Path) -> dict[str, dict[str, int]]:
    """table -> row id -> the line its row starts on in the English file."""
    out: dict[str, dict[str, int]] = {}
    for table in TEXT_COLUMNS:
        try:
            header, records = _records((folder / f"{table}.csv").read_bytes())
        except (OSError, UnicodeDecodeError, csv.Error):
            continue
        if "id" in header:
            at = header.index("id")
            out[table] = {r[at]: line for line, r in records if len(r) > at}
    return out
