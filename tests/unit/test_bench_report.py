"""README's benchmark table is written from benchmarks/results.json, never by hand."""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_report", REPO / "benchmarks" / "report.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def results() -> dict:
    return json.loads((REPO / "benchmarks" / "results.json").read_text(encoding="utf-8"))


def test_readme_quotes_the_last_benchmark_run(report, results):
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert report.updated_readme(text, results) == text, (
        "README's benchmark table differs from benchmarks/results.json: "
        "run `python benchmarks/report.py`")


def test_every_goal_has_a_row_with_its_floor(report, results):
    keys = {row[0].strip("`").split(" ")[0].strip("`") for row in report.rows(results)}
    assert set(results["goals"]) <= keys
    floors = {row[0]: row[3] for row in report.rows(results)}
    for key in ("`browser_redraw_ms`", "`notebook_exec_s`", "`live_page_mb`",
                "`explorer_update_ms`", "`import_overhead_ratio`"):
        assert floors[key], f"{key} has no floor"


def test_a_missed_goal_reads_no_and_names_what_missed(report, results):
    r = copy.deepcopy(results)
    name = next(iter(r["browser_redraw_ms"]))
    r["browser_redraw_ms"][name] = {"p50": 60.0, "p95": 80.0, "n": 30}
    r["notebook_exec_s"] = {**r["notebook_exec_s"], "01_partnership": 2.5}
    rows = {row[0]: row for row in report.rows(r)}
    assert rows["`browser_redraw_ms`"][4] == "**no**"
    assert name in rows["`browser_redraw_ms`"][2]
    assert rows["`notebook_exec_s`"][4] == "**no**"
    fast = {"p50": 10.0, "p95": 20.0, "n": 30}
    r["browser_redraw_ms"] = {k: fast for k in r["browser_redraw_ms"]}
    assert {row[0]: row for row in report.rows(r)}["`browser_redraw_ms`"][4] == "yes"


def test_the_sizing_on_paper_follows_the_measured_class(report, results):
    r = copy.deepcopy(results)
    cold = r["class_load"]["cold"]
    cold["mb_per_student"], cold["server_idle_mb"] = 400, 100
    table = report.sizing(r)
    assert "| 30 | 15.0 GB" in table and "| 100 | 50.0 GB" in table
    assert "| 100 | 50.0 GB, plus headroom | " in table and table.endswith("Z2JH |")
