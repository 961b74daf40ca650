"""schemas.py and dates.py: the declared contract, the generated data dictionary, ISO dates."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pandera.pandas as pa
import pytest

from lunarexplainer import schemas
from lunarexplainer.data import TABLES
from lunarexplainer.dates import is_iso_date
from lunarexplainer.dates import long_date
from lunarexplainer.dates import parse_iso_date

REPO = Path(__file__).resolve().parents[2]
MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal"


def test_data_dictionary_is_in_step_with_the_schemas() -> None:
    readme = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    assert readme == schemas.data_dictionary(), (
        "data/README.md is out of date: run "
        "`.venv/bin/python -m lunarexplainer.schemas > data/README.md`")


def test_module_main_prints_the_dictionary() -> None:
    run = subprocess.run([sys.executable, "-m", "lunarexplainer.schemas"], capture_output=True,
                         text=True, check=True)
    assert run.stdout == schemas.data_dictionary()


def test_dictionary_states_how_lines_are_counted() -> None:
    text = schemas.data_dictionary()
    assert "the header is line 1, so the first data row is line 2" in text


def test_one_model_per_table_with_title_description_and_units() -> None:
    assert list(schemas.SCHEMAS) == list(TABLES)
    for table, model in schemas.SCHEMAS.items():
        assert issubclass(model, pa.DataFrameModel)
        assert model.__doc__, table
        schema = model.to_schema()
        assert "source_ids" in schema.columns or table == "sources"
        for name, column in schema.columns.items():
            assert column.title and column.description, (table, name)
            kind = column.metadata["kind"]
            if kind in {"number", "integer", "date"}:
                assert column.metadata["unit"], (table, name)


def test_columns_match_the_fixture_headers() -> None:
    for table in TABLES:
        header = (MINIMAL / f"{table}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == list(schemas.column_specs(table)), table


def test_contract_columns() -> None:
    assert list(schemas.column_specs("missions")) == [
        "id", "name", "program", "agency", "country_iso3", "mission_type", "crewed",
        "launch_date", "landing_date", "end_date", "date_qualifier", "as_of", "status",
        "site_id", "target_site_id", "ilrs_phase", "summary", "source_ids"]
    assert list(schemas.column_specs("sources")) == [
        "id", "title", "publisher", "url", "kind", "published", "accessed"]
    assert list(schemas.column_specs("schedule_history")) == [
        "id", "mission_id", "announced_on", "announced_by", "target_date", "qualifier", "summary",
        "source_ids"]
    assert schemas.column_specs("sources")["kind"]["allowed"] == [
        "official", "intergovernmental", "research", "encyclopedia", "news", "state_media",
        "mirror", "other"]
    assert schemas.column_specs("missions")["status"]["allowed"] == [
        "success", "partial", "failure", "planned", "in_progress", "cancelled"]


def test_iso3_list() -> None:
    assert len(schemas.ISO3_CODES) == 249
    assert {"CHN", "RUS", "USA", "THA", "ZAF", "JPN", "ARE"} <= schemas.ISO3_CODES
    assert all(len(c) == 3 and c.isupper() for c in schemas.ISO3_CODES)
    assert "SUN" not in schemas.ISO3_CODES and "XKX" not in schemas.ISO3_CODES


@pytest.mark.parametrize(("text", "precision", "start", "end"), [
    ("2028", "year", date(2028, 1, 1), date(2028, 12, 31)),
    ("2026-08", "month", date(2026, 8, 1), date(2026, 8, 31)),
    ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29)),
    ("2026-08-15", "day", date(2026, 8, 15), date(2026, 8, 15)),
])
def test_parse_iso_date(text: str, precision: str, start: date, end: date) -> None:
    assert parse_iso_date(text) == (precision, start, end)


@pytest.mark.parametrize("text", ["2025-13-40", "2025-13", "2023-02-29", "26-08-15", "2026-8",
                                  "2026/08/15", " 2026", "2026-08-15T00:00", "0000", ""])
def test_bad_iso_dates(text: str) -> None:
    assert parse_iso_date(text) is None
    assert not is_iso_date(text)


def test_long_date() -> None:
    assert long_date(date(2026, 11, 24)) == "24 November 2026"
    assert long_date(date(2026, 3, 9)) == "9 March 2026"


def test_loaded_tables_pass_the_full_models_including_dtypes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    from lunarexplainer.data import load_dataset

    ds = load_dataset(MINIMAL)
    for table, model in schemas.SCHEMAS.items():
        model.validate(getattr(ds, table), lazy=True)
