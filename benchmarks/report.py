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
PAGE_GOAL_S = 6
NOTE = "<!-- written by `make bench` from benchmarks/results.json; do not edit by hand -->"


def _worst(values: dict[str, float]) -> tuple[str, float]:
    name = max(values, key=lambda k: values[k])
    return name, values[name]


def _range(values: list[float], fmt: str) -> str:
    low, high = min(values), max(values)
    return fmt.format(low) if low == high else f"{fmt.format(low)}–{fmt.format(high)}"


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def rows(r: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """(key, goal, measured, floor in the same run, met) for every key in ``r``."""
    out: list[tuple[str, str, str, str, str]] = []
    if "import_overhead_ratio" in r:
        ratio = r["import_overhead_ratio"]
        out.append(("`import_overhead_ratio`", "≤ 1.15",
                    f"{ratio:.2f} (`import lunarexplainer` {r['import_lunarexplainer_s']:.2f} s)",
                    f"import pandas, plotly, ipywidgets: {r['import_floor_s']:.2f} s",
                    _met(ratio <= 1.15)))
    if updates := r.get("explorer_update_ms"):
        p95 = {k: v["p95"] for k, v in updates.items()}
        name, worst = _worst(p95)
        naive = r.get("naive_rebuild_ms", {}).get("p95")
        out.append(("`explorer_update_ms`", "p95 ≤ 3 ms",
                    f"p95 {_range(list(p95.values()), '{:.1f}')} ms (worst: {name})",
                    f"rebuilding the figure: p95 {naive:.0f} ms" if naive else "",
                    _met(worst <= 3)))
    if speed := r.get("explorer_speedup"):
        name = min(speed, key=lambda k: speed[k])
        out.append(("`explorer_speedup`", "≥ 6×",
                    f"{_range(list(speed.values()), '{:.0f}')}× (least: {name})",
                    "against rebuilding the figure", _met(speed[name] >= 6)))
    if redraw := r.get("browser_redraw_ms"):
        p95 = {k: v["p95"] for k, v in redraw.items() if "p95" in v}
        missing = [k for k, v in redraw.items() if "p95" not in v]
        draw = {k: v["p95"] for k, v in r.get("browser_draw_floor_ms", {}).items()}
        trip = r.get("browser_roundtrip_floor_ms", {}).get("p95")
        floor = [f"a round trip that draws nothing: p95 {trip:.0f} ms"] if trip else []
        if draw:
            floor.append(f"plotly.js drawing the whole figure: p95 "
                         f"{_range(list(draw.values()), '{:.0f}')} ms")
        over = sorted(k for k, v in p95.items() if v > 50)
        measured = f"p95 {_range(list(p95.values()), '{:.0f}')} ms" if p95 else "not measured"
        if over:
            measured += f" (over: {', '.join(over)})"
        if missing:
            measured += f"; no redraw seen: {', '.join(missing)}"
        out.append(("`browser_redraw_ms`", "p95 ≤ 50 ms", measured, "; ".join(floor),
                    _met(bool(p95) and not over and not missing)))
    if execs := r.get("notebook_exec_s"):
        name, worst = _worst(execs)
        over = sorted(k for k, v in execs.items() if v > 2)
        measured = f"{_range(list(execs.values()), '{:.1f}')} s (worst: {name})"
        if over:
            measured += f"; over: {len(over)} of {len(execs)}"
        start = r.get("kernel_start_s")
        out.append(("`notebook_exec_s`", "≤ 2 s each, beyond kernel start", measured,
                    f"kernel start and one cell: {start:.2f} s" if start else "",
                    _met(not over)))
    if kb := r.get("site_page_kb"):
        name, worst = _worst(kb)
        shared = r.get("site_shared_assets_kb")
        out.append(("`site_page_kb`", "≤ 300 KB each",
                    f"{_range(list(kb.values()), '{:.0f}')} KB (largest: {name})",
                    f"shared assets, fetched once: {shared:.0f} KB, plotly.js apart"
                    if shared is not None else "", _met(worst <= 300)))
    if first := r.get("first_chart_ms"):
        name, worst = _worst(first)
        floor = r.get("first_chart_floor_ms")
        out.append(("`first_chart_ms`", "≤ 1500 ms from `file://`",
                    f"{_range(list(first.values()), '{:.0f}')} ms (slowest: {name})",
                    f"a blank page drawing one small plot with the same plotly.js: {floor:.0f} ms"
                    if floor is not None else "", _met(worst <= 1500)))
    if live := r.get("live_page_mb"):
        out.append(("`live_page_mb`", "≤ 8 MB",
                    f"{live['mb']:.1f} MB (HTTP {live['http_mb']:.1f} + websocket "
                    f"{live['websocket_mb']:.1f}), worst of {live['runs']} runs",
                    f"the same page with no explorer: {live['floor']['mb']:.1f} MB",
                    _met(live["mb"] <= 8)))
    if answering := r.get("explorers_answering"):
        runs, of = answering["runs"], answering["of"]
        out.append(("`explorers_answering`", f"{of} of {of} on every run",
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
        out.append((f"`class_load` ({way})", "pages p95 ≤ 6 s, ≤ 200 MB per student",
                    measured, f"the server{' and its pool' if way == 'preheated' else ''} "
                    f"before any student: {v['server_idle_mb']} MB",
                    _met(pages["p95"] <= 6 and mb <= 200 and not fails)))
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
              f"{PAGE_GOAL_S} s, with no kernels ready | one server? |",
              "| --- | --- | --- | --- |"]
    for n in CLASS_SIZES:
        gb = n * per_mb / 1000
        cores = max(1, -(-round(n * core_s * 10) // (PAGE_GOAL_S * 10)))
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
