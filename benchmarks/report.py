"""README's benchmark table, written from ``benchmarks/results.json`` (one copy of each figure).

``python benchmarks/run.py`` rewrites the block between ``<!-- bench:start -->`` and
``<!-- bench:end -->`` in README.md after each run into ``benchmarks/results.json``, and
``python benchmarks/report.py`` does it from the file as it is. A unit test fails when the
README's block differs from what this module writes, so README never quotes an old run.

Each row is one benchmark key: its goal, what was measured (the worst explorer or page named),
the floor it is measured against in the same run, and whether the goal was met.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "results.json"
README = REPO / "README.md"
MARKERS = ("<!-- bench:start -->", "<!-- bench:end -->")
SIZING_MARKERS = ("<!-- sizing:start -->", "<!-- sizing:end -->")
#: Class sizes worked out on paper from the measured class load.
CLASS_SIZES = (10, 30, 100)
NOTE = "<!-- written by `make bench` from benchmarks/results.json; do not edit by hand -->"


def _worst(values: dict[str, float]) -> tuple[str, float]:
    name = max(values, key=lambda k: values[k])
    return name, values[name]


def _range(values: list[float], fmt: str) -> str:
    low, high = min(values), max(values)
    return fmt.format(low) if low == high else f"{fmt.format(low)}–{fmt.format(high)}"


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


#: The number each goal in run.py's GOALS (recorded in the results as ``goals``) sets.
LIMITS = {"import_overhead_ratio": 1.15, "explorer_update_ms": 3, "explorer_speedup": 6,
          "browser_redraw_ms": 50, "notebook_exec_s": 2, "site_page_kb": 300,
          "first_chart_ms": 1500, "live_page_mb": 8, "pages_p95_s": 6, "mb_per_student": 200}


def _worst_row(r: dict[str, Any], key: str, fmt: str, unit: str, worst_word: str,
               floor: str) -> tuple[str, str, str, str, str]:
    """The row of a key measured per lesson or page: the range, the worst one, and how many
    are over the goal."""
    values = r[key]
    name, worst = _worst(values)
    over = sum(v > LIMITS[key] for v in values.values())
    measured = f"{_range(list(values.values()), fmt)} {unit} ({worst_word}: {name})"
    if over:
        measured += f"; over: {over} of {len(values)}"
    return (f"`{key}`", r["goals"][key], measured, floor, _met(not over))


def rows(r: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """(key, goal, measured, floor in the same run, met) for every key in ``r``."""
    out: list[tuple[str, str, str, str, str]] = []
    if "import_overhead_ratio" in r:
        ratio = r["import_overhead_ratio"]
        out.append(("`import_overhead_ratio`", r["goals"]["import_overhead_ratio"],
                    f"{ratio:.2f} (`import lunarexplainer` {r['import_lunarexplainer_s']:.2f} s)",
                    f"import pandas, plotly, ipywidgets: {r['import_floor_s']:.2f} s",
                    _met(ratio <= LIMITS["import_overhead_ratio"])))
    if updates := r.get("explorer_update_ms"):
        p95 = {k: v["p95"] for k, v in updates.items()}
        name, worst = _worst(p95)
        naive = r.get("naive_rebuild_ms", {}).get("p95")
        out.append(("`explorer_update_ms`", r["goals"]["explorer_update_ms"],
                    f"p95 {_range(list(p95.values()), '{:.1f}')} ms (worst: {name})",
                    f"rebuilding the figure: p95 {naive:.0f} ms" if naive else "",
                    _met(worst <= LIMITS["explorer_update_ms"])))
    if speed := r.get("explorer_speedup"):
        name = min(speed, key=lambda k: speed[k])
        out.append(("`explorer_speedup`", r["goals"]["explorer_speedup"],
                    f"{_range(list(speed.values()), '{:.0f}')}× (least: {name})",
                    "against rebuilding the figure",
                    _met(speed[name] >= LIMITS["explorer_speedup"])))
    if redraw := r.get("browser_redraw_ms"):
        p95 = {k: v["p95"] for k, v in redraw.items() if "p95" in v}
        missing = [k for k, v in redraw.items() if "p95" not in v]
        draw = {k: v["p95"] for k, v in r.get("browser_draw_floor_ms", {}).items()}
        trip = r.get("browser_roundtrip_floor_ms", {}).get("p95")
        floor = [f"a round trip that draws nothing: p95 {trip:.0f} ms"] if trip else []
        if draw:
            floor.append(f"plotly.js drawing the whole figure: p95 "
                         f"{_range(list(draw.values()), '{:.0f}')} ms")
        over = sorted(k for k, v in p95.items() if v > LIMITS["browser_redraw_ms"])
        measured = f"p95 {_range(list(p95.values()), '{:.0f}')} ms" if p95 else "not measured"
        if over:
            measured += f" (over: {', '.join(over)})"
        if missing:
            measured += f"; no redraw seen: {', '.join(missing)}"
        out.append(("`browser_redraw_ms`", r["goals"]["browser_redraw_ms"], measured,
                    "; ".join(floor),
                    _met(bool(p95) and not over and not missing)))
    if "notebook_exec_s" in r:
        start = r.get("kernel_start_s")
        out.append(_worst_row(r, "notebook_exec_s", "{:.1f}", "s", "worst",
                              f"kernel start and one cell: {start:.2f} s" if start else ""))
    if "site_page_kb" in r:
        shared = r.get("site_shared_assets_kb")
        out.append(_worst_row(r, "site_page_kb", "{:.0f}", "KB", "largest",
                              f"shared assets, fetched once: {shared:.0f} KB, plotly.js apart"
                              if shared is not None else ""))
    if "first_chart_ms" in r:
        floor = r.get("first_chart_floor_ms")
        out.append(_worst_row(r, "first_chart_ms", "{:.0f}", "ms", "slowest",
                              "a blank page drawing one small plot with the same plotly.js: "
                              f"{floor:.0f} ms" if floor is not None else ""))
    if live := r.get("live_page_mb"):
        out.append(("`live_page_mb`", r["goals"]["live_page_mb"],
                    f"{live['mb']:.1f} MB (HTTP {live['http_mb']:.1f} + websocket "
                    f"{live['websocket_mb']:.1f}), worst of {live['runs']} runs",
                    f"the same page with no explorer: {live['floor']['mb']:.1f} MB",
                    _met(live["mb"] <= LIMITS["live_page_mb"])))
    if answering := r.get("explorers_answering"):
        runs, of = answering["runs"], answering["of"]
        out.append(("`explorers_answering`", r["goals"]["explorers_answering"],
                    ", ".join(f"{n}/{of}" for n in runs) + f" ({len(runs)} runs)", "",
                    _met(bool(runs) and all(n == of for n in runs))))
    load = r.get("class_load", {})
    for way, label in (("cold", "a kernel per page"), ("preheated", "`--pool N`")):
        if not (v := load.get(way)):
            continue
        pages, mb = v["pages_s"], v["mb_per_student"]
        fails = len(v.get("page_failures", []))
        measured = (f"{load['students']} students, {label}: pages p50 {pages['p50']:.2f} s, "
                    f"p95 {pages['p95']:.2f} s; {mb} MB per student")
        if fails:
            measured += f"; {fails} failed"
        if "first_chart_s" in v:
            measured += (f"; in Chromium (browsers on the same cores) first chart p95 "
                         f"{v['first_chart_s']['p95']:.0f} s")
        out.append((f"`class_load` ({way})", r["goals"]["class_load"],
                    measured, f"the server{' and its pool' if way == 'preheated' else ''} "
                    f"before any student: {v['server_idle_mb']} MB",
                    _met(pages["p95"] <= LIMITS["pages_p95_s"]
                         and mb <= LIMITS["mb_per_student"] and not fails)))
    for key in sorted(r.get("errors", {})):
        out.append((f"`{key}`", "", "not measured (the run failed)", "", "**no**"))
    return out


def markdown(r: dict[str, Any]) -> str:
    """The README's benchmark table for the results ``r``."""
    machine = r.get("machine", {})
    head = (f"Measured {r.get('measured_at', '?')[:10]} on {machine.get('cpu_count', '?')} cores "
            f"(Python {machine.get('python', '?')})")
    stamps = sorted({v[:10] for v in r.get("measured_at_by_key", {}).values()}
                    - {r.get("measured_at", "")[:10]})
    if stamps:
        head += f"; some keys re-measured on {', '.join(stamps)}"
    lines = [head + ".", "",
             "| key | goal | measured | floor, same run | met |",
             "| --- | --- | --- | --- | --- |"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
              for row in rows(r)]
    return "\n".join(lines)


def sizing(r: dict[str, Any]) -> str:
    """README's class sizing: the measured class load, then 30 and 100 students on paper.

    On a hub each student has a Jupyter server (the measured idle server) and a kernel per open
    lesson (the measured memory per student); a first page costs one core for kernel start plus
    lesson 01's execution, so N students arriving together need N × that ÷ 6 s cores for every
    page within the goal.
    """
    load = r.get("class_load", {})
    cold, pre = load.get("cold"), load.get("preheated")
    if not cold or "notebook_exec_s" not in r:
        return "Not measured yet: run `make bench`."
    lines = [f"Measured: {load['students']} students opening lesson {load['lesson'][:2]} in "
             "Voila at once, on the same cores as the server.", "",
             "| way | page complete, p50 / p95 | server + kernels | per student |",
             "| --- | --- | --- | --- |"]
    for way, label in ((cold, "a kernel per page (`present`)"),
                       (pre, f"`--pool {pre['pool'] if pre else ''}` (kernels ready)")):
        if way:
            pages = way["pages_s"]
            lines.append(f"| {label} | {pages['p50']:.2f} s / {pages['p95']:.2f} s"
                         f" | {way['server_and_kernels_mb'] / 1000:.2f} GB | "
                         f"{way['mb_per_student']} MB |")
    per_mb = cold["mb_per_student"] + cold["server_idle_mb"]
    core_s = r.get("kernel_start_s", 0) + r["notebook_exec_s"].get(load["lesson"], 0)
    lines += ["", f"On paper, for a hub: each student needs about {per_mb} MB (a Jupyter "
              f"server, {cold['server_idle_mb']} MB, and a kernel that has run the lesson, "
              f"{cold['mb_per_student']} MB; a second open lesson adds a kernel) and "
              f"{core_s:.1f} s of one core to start a kernel and run lesson "
              f"{load['lesson'][:2]}.", "",
              f"| students at once | memory | cores for every first page within "
              f"{LIMITS['pages_p95_s']} s, with no kernels ready | one server? |",
              "| --- | --- | --- | --- |"]
    for n in CLASS_SIZES:
        gb = n * per_mb / 1000
        cores = max(1, -(-round(n * core_s * 10) // (LIMITS["pages_p95_s"] * 10)))
        fits = ("TLJH on one ordinary server (16 GB)" if gb <= 12 else
                "TLJH on one large server (64 GB), or Z2JH" if gb <= 48 else "Z2JH")
        lines.append(f"| {n} | {gb:.1f} GB, plus headroom | {cores} | {fits} |")
    return "\n".join(lines)


def _replace(text: str, markers: tuple[str, str], body: str) -> str:
    start, end = markers
    if text.count(start) != 1 or text.count(end) != 1 or text.index(start) > text.index(end):
        raise ValueError(f"README.md: expected one {start} … {end} block")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{NOTE}\n\n{body}\n\n{end}{tail}"


def updated_readme(text: str, r: dict[str, Any]) -> str:
    """README ``text`` with its benchmark and sizing blocks written for the results ``r``."""
    return _replace(_replace(text, MARKERS, markdown(r)), SIZING_MARKERS, sizing(r))


def write_readme(results: Path = RESULTS, readme: Path = README) -> bool:
    """Rewrite README's block from ``results``; True when the file changed."""
    r = json.loads(results.read_text(encoding="utf-8"))
    old = readme.read_text(encoding="utf-8")
    new = updated_readme(old, r)
    if new != old:
        readme.write_text(new, encoding="utf-8")
    return new != old


if __name__ == "__main__":
    print("README.md " + ("updated" if write_readme() else "already up to date"))
    sys.exit(0)
