"""`make bench`: speed figures measured against the platform's own floor, in one run.

Every figure is measured in the same run as its reference, so ratios hold on a noisy machine.
It prints a table and writes benchmarks/results.json. It reports; it never fails the suite.

    python benchmarks/run.py [--quick] [--students N]
        [--only import,explorers,naive,browser,notebooks,site,live,class_load]

``--only`` runs some sections and replaces just their keys in the results file (each with
its time in ``measured_at_by_key``); the other figures stay as the last run left them.
``class_load`` (benchmarks/class_load.py) is N students opening lesson 01 in Voila at once;
N is ``--students``, else ``LUNAREXPLAINER_CLASS_SIZE``, else 10.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
NOTEBOOKS = REPO / "notebooks"
RESULTS = HERE / "results.json"
sys.path.insert(0, str(REPO / "tests"))  # the test harness's server helpers
from harness import free_port  # noqa: E402
from harness import wait_for_http  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
GOALS = {
    "import_overhead_ratio": "<= 1.15",
    "explorer_update_ms": "p95 <= 3 ms",
    "explorer_speedup": ">= 6x",
    "browser_redraw_ms": "p95 <= 50 ms",
    "notebook_exec_s": "<= 2 s each",
    "site_page_kb": "<= 300 KB",
    "first_chart_ms": "<= 1500 ms",
    "live_page_mb": "<= 8 MB",
    "explorers_answering": "5 of 5 on every run",
    "class_load": "10 students at once: complete pages p95 <= 6 s, <= 200 MB per student",
}


# --------------------------------------------------------------------------- helpers


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50 and p95 of a list of samples (nearest-rank), rounded for reading."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {"p50": round(statistics.median(ordered), 3), "p95": round(p95, 3), "n": len(ordered)}


def timed_command(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tempfile.gettempdir(),
                   capture_output=True)
    return time.perf_counter() - start


def candidate_values(widget: Any) -> list[Any]:
    """Values a person could set on a control, in an order that changes the view each time."""
    import ipywidgets as w

    if isinstance(widget, w.SelectMultiple | w.TagsInput):
        options = [o[1] if isinstance(o, tuple) else o for o in widget.options]
        subsets = [tuple(options[:k]) for k in range(1, len(options) + 1)]
        return subsets + [tuple(options[k:k + 1]) for k in range(len(options))] + [tuple(options)]
    if isinstance(widget, w.ToggleButtons | w.Dropdown | w.RadioButtons | w.Select):
        return [o[1] if isinstance(o, tuple) else o for o in widget.options]
    if isinstance(widget, w.IntRangeSlider | w.FloatRangeSlider):
        lo, hi = widget.min, widget.max
        step = max(1, (hi - lo) // 6)
        return [(lo, hi)] + [(lo + i * step, hi) for i in range(1, 6)] + [(lo, hi - step)]
    if isinstance(widget, w.IntSlider | w.FloatSlider | w.SelectionSlider):
        if isinstance(widget, w.SelectionSlider):
            return [o[1] if isinstance(o, tuple) else o for o in widget.options]
        step = max(1, (widget.max - widget.min) // 10)
        return list(range(int(widget.min), int(widget.max) + 1, int(step)))
    if isinstance(widget, w.Checkbox | w.ToggleButton):
        return [not widget.value, widget.value]
    return []


def control_changes(explorer: Any, n: int) -> Iterator[tuple[Any, Any]]:
    """At least ``n`` (control, value) changes, cycling through every control of an explorer."""
    plans = [(c, candidate_values(c)) for c in explorer.controls.values()]
    plans = [(c, vals) for c, vals in plans if len(vals) > 1]
    if not plans:
        return
    done, i = 0, 0
    while done < n:
        for control, values in plans:
            value = values[i % len(values)]
            if value == control.value:
                value = values[(i + 1) % len(values)]
            yield control, value
            done += 1
        i += 1


# --------------------------------------------------------------------------- sections


def bench_import(runs: int) -> dict[str, Any]:
    ours = "import lunarexplainer; lunarexplainer.load_dataset()"
    floor = "import pandas, plotly.graph_objects, ipywidgets"
    timed_command(ours)  # warm the file cache and any validated-data cache once
    timed_command(floor)
    a, b = [], []
    for _ in range(runs):  # alternate so that drift hits both equally
        a.append(timed_command(ours))
        b.append(timed_command(floor))
    return {
        "import_overhead_ratio": round(statistics.median(a) / statistics.median(b), 3),
        "import_lunarexplainer_s": round(statistics.median(a), 3),
        "import_floor_s": round(statistics.median(b), 3),
        "import_runs": runs,
    }


def bench_explorers(changes: int) -> dict[str, Any]:
    from lunarexplainer import load_dataset
    from lunarexplainer.explorers import EXPLORERS

    ds = load_dataset()
    out: dict[str, Any] = {}
    for name, cls in EXPLORERS.items():
        explorer = cls(ds)
        samples = []
        for control, value in control_changes(explorer, changes):
            start = time.perf_counter()
            control.value = value  # the observer runs the handler synchronously
            samples.append((time.perf_counter() - start) * 1000)
        if samples:
            out[name] = percentiles(samples)
    return {"explorer_update_ms": out}


def bench_naive(changes: int) -> dict[str, Any]:
    """The common naive way: filter, rebuild a plotly.express figure, re-display it."""
    import plotly.express as px

    from lunarexplainer import load_dataset

    ds = load_dataset()
    m = ds.missions
    programs = sorted(m["program"].dropna().unique())
    samples = []
    for i in range(changes):
        chosen = programs[: 1 + i % len(programs)]
        start = time.perf_counter()
        sub = m[m["program"].isin(chosen)]
        fig = px.timeline(sub, x_start="launch_date_start", x_end="launch_date_end",
                          y="name", color="status", hover_name="name")
        fig.to_json()  # what display() sends to the front end
        samples.append((time.perf_counter() - start) * 1000)
    return {"naive_rebuild_ms": percentiles(samples)}


def bench_notebooks(repeats: int) -> dict[str, Any]:
    import nbformat
    from nbclient import NotebookClient

    def run(nb: Any, path: Path) -> float:
        client = NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=False,
                                resources={"metadata": {"path": str(path)}})
        start = time.perf_counter()
        client.execute()
        return time.perf_counter() - start

    empty = nbformat.v4.new_notebook()
    empty.cells = [nbformat.v4.new_code_cell("1")]
    kernel = statistics.median(run(empty, NOTEBOOKS) for _ in range(repeats))
    result = {}
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        total = statistics.median(
            run(nbformat.read(path, as_version=4), NOTEBOOKS) for _ in range(repeats)
        )
        result[path.stem] = round(total - kernel, 3)
    return {"kernel_start_s": round(kernel, 3), "notebook_exec_s": result}


def _launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def bench_site(repeats: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    out_dir = Path(tempfile.mkdtemp(prefix="lunarexplainer-site-"))
    subprocess.run([sys.executable, "-m", "lunarexplainer.cli", "export", "--out", str(out_dir)],
                   check=True, capture_output=True, cwd=REPO)
    shared = {p.resolve() for p in out_dir.rglob("*") if "plotly" in p.name and p.suffix == ".js"}
    kb = {}
    for page in sorted(out_dir.glob("*.html")):
        kb[page.name] = round(page.stat().st_size / 1024, 1)
    assets = [p for p in out_dir.rglob("*") if p.is_file() and p.suffix != ".html"
              and p.resolve() not in shared]
    # The floor: a blank page that loads the same plotly.js and draws a three-point plot.
    plotly_js = max(shared, key=lambda p: p.stat().st_size)
    floor_page = out_dir / "bench_floor.html"
    floor_page.write_text(FLOOR_PAGE.format(src=plotly_js.relative_to(out_dir).as_posix()),
                          encoding="utf-8")
    lesson_pages = sorted(out_dir.glob("[0-9][0-9]_*.html"))
    times: dict[str, list[float]] = {p.name: [] for p in [floor_page, *lesson_pages]}
    with sync_playwright() as p:
        browser = _launch(p)
        for _ in range(repeats):  # interleaved, so floor and pages share the machine's mood
            for page_path in [floor_page, *lesson_pages]:
                page = browser.new_page()
                page.goto(page_path.as_uri())
                page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
                times[page_path.name].append(page.evaluate("performance.now()"))
                page.close()
        browser.close()
    median = {name: round(statistics.median(v), 1) for name, v in times.items()}
    return {
        "site_page_kb": kb,
        "site_shared_assets_kb": round(sum(p.stat().st_size for p in assets) / 1024, 1),
        "first_chart_ms": {p.name: median[p.name] for p in lesson_pages},
        "first_chart_floor_ms": median[floor_page.name],
        "first_chart_runs": repeats,
    }


FLOOR_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><script src="{src}"></script></head>
<body><div id="plot"></div>
<script>Plotly.newPlot("plot", [{{y: [1, 3, 2]}}]);</script></body></html>
"""


BROWSER_NOTEBOOK = """\
import ipywidgets
from lunarexplainer import load_dataset
from lunarexplainer.explorers import EXPLORERS
explorer = EXPLORERS[{name!r}](load_dataset())
explorer.widget.add_class("bench-{name}")
# The platform's floor: a drop-down whose handler only sets a label (no chart, no work).
floor_pick = ipywidgets.Dropdown(options=["one", "two", "three"])
floor_label = ipywidgets.Label("one")
floor_pick.observe(lambda ch: setattr(floor_label, "value", ch["new"]), names="value")
floor = ipywidgets.VBox([floor_pick, floor_label])
floor.add_class("bench-floor")
ipywidgets.VBox([floor, explorer.widget])
"""

FLOOR_JS = """
async (index) => {
  const root = document.querySelector('.bench-floor');
  const sel = root.querySelector('select');
  const label = root.querySelector(':scope > .widget-label');
  const opts = [...sel.options];
  const target = opts[index % opts.length];
  return await new Promise(resolve => {
    const t0 = performance.now();
    const seen = new MutationObserver(() => {
      if (label.textContent.trim() === target.label.trim()) {
        seen.disconnect(); resolve(performance.now() - t0);
      }
    });
    seen.observe(root, {subtree: true, childList: true, characterData: true});
    opts.forEach(o => o.selected = (o === target));
    sel.dispatchEvent(new Event('change', {bubbles: true}));
    setTimeout(() => resolve(-1), 5000);
  });
}
"""

ARM_JS = """
async (name) => {
  // Wait for the explorer's plot, then arm: the next change of its first drop-down starts the
  // clock, the redraw stops it. A full redraw ends with plotly_afterplot; an update plotly.js
  // applies without one (a title, a colour) ends with plotly_update, which also follows every
  // afterplot. The change itself is made by Playwright, as a student's click would be.
  const root = document.querySelector('.bench-' + name);
  if (!root) return null;
  let gd = null;
  for (let k = 0; k < 100 && !((gd = root.querySelector('.js-plotly-plot')) && gd.on); k++) {
    await new Promise(r => setTimeout(r, 100));
  }
  const sel = root.querySelector('select');
  if (!gd || !gd.on || !sel) return null;
  let t0 = null;
  sel.addEventListener('change', () => { t0 = performance.now(); }, {capture: true, once: true});
  window._benchRedraw = new Promise(resolve => {
    const events = ['plotly_afterplot', 'plotly_update'];
    const done = () => { if (t0 === null) return;
                         events.forEach(e => gd.removeListener(e, done));
                         resolve(performance.now() - t0); };
    events.forEach(e => gd.on(e, done));
    setTimeout(() => resolve(-1), 5000);
  });
  return [...sel.options].filter(o => !o.selected).map(o => o.value);
}
"""


DRAW_JS = """
async ([name, runs]) => {
  // plotly.js alone: draw the explorer's current figure into a fresh div of the same size.
  const gd = document.querySelector('.bench-' + name + ' .js-plotly-plot');
  const box = gd.getBoundingClientRect();
  const div = document.createElement('div');
  div.style.cssText = `position:absolute; left:0; top:0; width:${box.width}px;`;
  document.body.appendChild(div);
  const data = JSON.stringify(gd.data), layout = JSON.stringify(gd.layout);
  const config = {topojsonURL: gd._context.topojsonURL, displaylogo: false};
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await Plotly.newPlot(div, JSON.parse(data), JSON.parse(layout), config);
    times.push(performance.now() - t0);
    Plotly.purge(div);
  }
  div.remove();
  return times;
}
"""


def bench_browser(changes: int) -> dict[str, Any]:
    """Control change → plotly_afterplot in Voila, in Chromium, per explorer.

    Voila starts the way ``make present`` starts it (``python -m lunarexplainer.serverext``)
    and each explorer gets its own page, as in the lessons (at most two per notebook): with
    four or more FigureWidgets on one Voila page the later ones stopped receiving updates.
    Each page also measures the floors: a widget round trip that draws nothing, and
    plotly.js drawing the explorer's figure with no kernel involved.
    """
    import nbformat
    import plotly
    from playwright.sync_api import sync_playwright

    from lunarexplainer.explorers import EXPLORERS

    work = Path(tempfile.mkdtemp(prefix="lunarexplainer-bench-"))
    for name in EXPLORERS:
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        nb.cells = [nbformat.v4.new_code_cell(BROWSER_NOTEBOOK.format(name=name))]
        nbformat.write(nb, work / f"bench_{name}.ipynb")
    port = free_port()
    env = dict(os.environ)
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        env[var] = str(work / var.lower())
    voila = subprocess.Popen(
        [sys.executable, "-m", "lunarexplainer.serverext", "--no-browser", f"--port={port}",
         "--Voila.ip=127.0.0.1"],
        cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    redraw: dict[str, Any] = {}
    draw: dict[str, Any] = {}
    floor: list[float] = []
    plotly_js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    try:
        with sync_playwright() as p:
            browser = _launch(p)
            wait_for_http(f"http://127.0.0.1:{port}/", 60)
            for name in EXPLORERS:
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{port}/voila/render/bench_{name}.ipynb",
                          timeout=120_000)
                page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
                page.wait_for_timeout(1000)
                floor += [ms for i in range(1, changes // 2 + 1)
                          if (ms := page.evaluate(FLOOR_JS, i)) >= 0]
                samples = []
                select = page.locator(f".bench-{name} select").first
                if not select.is_visible():  # the timeline's lists open from a button
                    page.locator(f".bench-{name} .lunarexplainer-more").click()
                    select.wait_for(state="visible")
                for i in range(1, changes + 1):
                    others = page.evaluate(ARM_JS, name)
                    if not others:
                        break
                    select.select_option(others[i % len(others)])
                    if (ms := page.evaluate("() => window._benchRedraw")) >= 0:
                        samples.append(ms)
                redraw[name] = (percentiles(samples) if samples else
                                {"note": "no drop-down found, or no redraw within 5 s"})
                page.add_script_tag(path=str(plotly_js))
                times = page.evaluate(DRAW_JS, [name, max(changes // 2, 5) + 1])
                draw[name] = percentiles(times[1:])  # the first one warms up
                page.close()
            browser.close()
    finally:
        voila.terminate()
        voila.wait(timeout=20)
    return {"browser_redraw_ms": redraw,
            **({"browser_roundtrip_floor_ms": percentiles(floor)} if floor else {}),
            "browser_draw_floor_ms": draw}


LIVE_PAGE_NOTEBOOK = """\
from lunarexplainer import load_dataset
from lunarexplainer.explorers import EXPLORERS
ds = load_dataset()
"""


def bench_live_page(runs: int) -> dict[str, Any]:
    """One Voila page with all five explorers, as `make present` serves it, in Chromium.

    ``live_page_mb``: bytes that reached the browser (HTTP on the wire, from Chromium's
    network events, plus every websocket frame received) until every explorer had drawn, with
    an empty cache, beside its floor: the same page with no explorer. ``explorers_answering``:
    per run, the explorers that answered a change of each of their controls (plot changed
    within 5 s, then changed back).
    """
    import nbformat
    from playwright.sync_api import sync_playwright

    from lunarexplainer import present
    from lunarexplainer.explorers import EXPLORERS

    from harness import EXPLORER_BOX
    from harness import PageBytes
    from harness import change_each_control
    from harness import explorer_boxes

    work = Path(tempfile.mkdtemp(prefix="lunarexplainer-bench-live-"))
    pages = {"floor": [], "five": list(EXPLORERS)}
    for name, explorers in pages.items():
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        nb.cells = [nbformat.v4.new_code_cell(LIVE_PAGE_NOTEBOOK)]
        nb.cells += [nbformat.v4.new_code_cell(f"EXPLORERS[{e!r}](ds)") for e in explorers]
        nbformat.write(nb, work / f"live_{name}.ipynb")
    env = dict(os.environ)
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        env[var] = str(work / var.lower())
    env["JUPYTER_PATH"] = str(present.prepare_jupyter_path(work / "jupyter-path"))
    port = free_port()
    cmd = present.voila_command(work, port)
    voila = subprocess.Popen(cmd, cwd=work, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    sizes: dict[str, list[dict[str, float]]] = {"floor": [], "five": []}
    answering: list[int] = []
    try:
        with sync_playwright() as p:
            browser = _launch(p)
            wait_for_http(f"http://127.0.0.1:{port}/", 60)
            for _ in range(runs):
                for name, explorers in pages.items():
                    context = browser.new_context(viewport={"width": 1280, "height": 720})
                    page = context.new_page()
                    traffic = PageBytes()
                    traffic.attach(context, page)
                    page.goto(f"http://127.0.0.1:{port}/voila/render/live_{name}.ipynb",
                              timeout=180_000)
                    page.wait_for_selector("#rendered_cells", state="visible",
                                           timeout=180_000)
                    page.wait_for_function(
                        f"() => document.querySelectorAll('{EXPLORER_BOX} .js-plotly-plot "
                        f".main-svg').length >= {len(explorers)}", timeout=180_000)
                    page.wait_for_timeout(2000)  # late requests (fonts, icons) count too
                    sizes[name].append({"http": sum(traffic.http.values()) / 1e6,
                                        "websocket": traffic.websocket / 1e6})
                    if explorers:
                        answering.append(sum(not change_each_control(page, box, 5000)
                                             for box in explorer_boxes(page)))
                    context.close()
            browser.close()
    finally:
        voila.terminate()
        voila.wait(timeout=30)

    def summary(runs_: list[dict[str, float]]) -> dict[str, float]:
        http = max(r["http"] for r in runs_)
        ws = max(r["websocket"] for r in runs_)
        return {"mb": round(http + ws, 2), "http_mb": round(http, 2),
                "websocket_mb": round(ws, 2)}

    return {"live_page_mb": {**summary(sizes["five"]), "runs": len(sizes["five"]),
                             "floor": summary(sizes["floor"])},
            "explorers_answering": {"runs": answering, "of": len(EXPLORERS)}}


def bench_class_load(students: int | None) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    import class_load

    return {"class_load": class_load.measure(students or class_load.class_size())}


def machine_info() -> dict[str, Any]:
    versions = {}
    for pkg in ("lunarexplainer", "pandas", "plotly", "ipywidgets", "anywidget", "pandera",
                "jupyterlab", "voila", "nbclient", "playwright"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    return {"cpu_count": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(), "packages": versions}


# --------------------------------------------------------------------------- report


def derive(results: dict[str, Any]) -> None:
    naive = results.get("naive_rebuild_ms", {}).get("p95")
    updates = results.get("explorer_update_ms", {})
    if naive and updates:
        results["explorer_speedup"] = {
            name: round(naive / max(v["p95"], 1e-6), 1) for name, v in updates.items()
        }


def table(results: dict[str, Any]) -> str:
    rows = [("figure", "value", "goal")]
    if "import_overhead_ratio" in results:
        rows.append(("import_overhead_ratio", f"{results['import_overhead_ratio']:.2f}",
                     GOALS["import_overhead_ratio"]))
    for name, v in results.get("explorer_update_ms", {}).items():
        rows.append((f"explorer_update_ms {name}", f"p50 {v['p50']:.2f}  p95 {v['p95']:.2f}",
                     GOALS["explorer_update_ms"]))
    if "naive_rebuild_ms" in results:
        v = results["naive_rebuild_ms"]
        rows.append(("naive_rebuild_ms", f"p50 {v['p50']:.2f}  p95 {v['p95']:.2f}", ""))
    for name, v in results.get("explorer_speedup", {}).items():
        rows.append((f"explorer_speedup {name}", f"{v:.1f}x", GOALS["explorer_speedup"]))
    if "browser_roundtrip_floor_ms" in results:
        v = results["browser_roundtrip_floor_ms"]
        rows.append(("browser_roundtrip_floor_ms", f"p50 {v['p50']:.1f}  p95 {v['p95']:.1f}",
                     ""))
    for name, v in results.get("browser_redraw_ms", {}).items():
        value = f"p50 {v['p50']:.1f}  p95 {v['p95']:.1f}" if "p95" in v else v.get("note", "")
        rows.append((f"browser_redraw_ms {name}", value, GOALS["browser_redraw_ms"]))
    for name, v in results.get("browser_draw_floor_ms", {}).items():
        rows.append((f"browser_draw_floor_ms {name}", f"p50 {v['p50']:.1f}  p95 {v['p95']:.1f}",
                     ""))
    if "kernel_start_s" in results:
        rows.append(("kernel_start_s", f"{results['kernel_start_s']:.2f}", ""))
    for name, v in results.get("notebook_exec_s", {}).items():
        rows.append((f"notebook_exec_s {name}", f"{v:.2f}", GOALS["notebook_exec_s"]))
    for name, v in results.get("site_page_kb", {}).items():
        rows.append((f"site_page_kb {name}", f"{v:.1f}", GOALS["site_page_kb"]))
    for name, v in results.get("first_chart_ms", {}).items():
        rows.append((f"first_chart_ms {name}", f"{v:.0f}", GOALS["first_chart_ms"]))
    if "first_chart_floor_ms" in results:
        rows.append(("first_chart_floor_ms", f"{results['first_chart_floor_ms']:.0f}", ""))
    if "live_page_mb" in results:
        v = results["live_page_mb"]
        rows.append(("live_page_mb (five explorers)",
                     f"{v['mb']:.2f} (HTTP {v['http_mb']:.2f} + ws {v['websocket_mb']:.2f});"
                     f" floor {v['floor']['mb']:.2f}", GOALS["live_page_mb"]))
    if "explorers_answering" in results:
        v = results["explorers_answering"]
        rows.append(("explorers_answering", " ".join(f"{n}/{v['of']}" for n in v["runs"]),
                     GOALS["explorers_answering"]))
    rows += class_load_rows(results.get("class_load", {}))
    for key, err in results.get("errors", {}).items():
        rows.append((f"{key} (not measured)", err.splitlines()[-1][:60], ""))
    width = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = ["  ".join(cell.ljust(width[i]) for i, cell in enumerate(r)) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in width))
    return "\n".join(lines)


def class_load_rows(load: dict[str, Any]) -> list[tuple[str, str, str]]:
    rows = []
    for way in ("cold", "preheated"):
        v = load.get(way)
        if not v:
            continue
        pages, mb = v.get("pages_s", {}), v.get("mb_per_student")
        rows.append((f"class_load {way} ({load['students']} students) pages_s",
                     f"p50 {pages.get('p50')}  p95 {pages.get('p95')}  failed "
                     f"{len(v.get('page_failures', []))}", "p95 <= 6 s"))
        rows.append((f"class_load {way} mb_per_student", f"{mb}", "<= 200 MB"))
        if "all_charts_s" in v:
            rows.append((f"class_load {way} browser first/all charts s",
                         f"p95 {v['first_chart_s'].get('p95')} / {v['all_charts_s'].get('p95')}",
                         ""))
    return rows


def merged(path: Path, new: dict[str, Any], now: str, ran: set[str]) -> dict[str, Any]:
    """The results in ``path`` with the keys of a partial (``--only``) run replaced.

    Each replaced key's time goes to ``measured_at_by_key``; ``measured_at`` stays the time
    of the last full run, so a partial run never passes for a whole one.
    """
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return new
    out = {**old, **{k: v for k, v in new.items() if k != "measured_at"}}
    out["measured_at"] = old.get("measured_at", now)
    stamps = dict(old.get("measured_at_by_key", {}))
    stamps.update({k: now for k in new if k not in ("machine", "goals", "measured_at")})
    out["measured_at_by_key"] = stamps
    errors = {k: v for k, v in old.get("errors", {}).items() if k not in ran}
    errors.update(new.get("errors", {}))
    out.pop("errors", None)
    if errors:  # a section that failed before and was not run again still says so
        out["errors"] = errors
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    parser.add_argument("--only", default="",
                        help="comma-separated sections to run; their keys replace those in "
                             "--out, the others stay")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--students", type=int, default=None,
                        help="class size for class_load (default LUNAREXPLAINER_CLASS_SIZE or 10)")
    args = parser.parse_args(argv)
    q = args.quick
    sections: dict[str, Callable[[], dict[str, Any]]] = {
        "import": lambda: bench_import(3 if q else 7),
        "explorers": lambda: bench_explorers(40 if q else 200),
        "naive": lambda: bench_naive(40 if q else 200),
        "browser": lambda: bench_browser(8 if q else 30),
        "notebooks": lambda: bench_notebooks(1 if q else 3),
        "site": lambda: bench_site(1 if q else 5),
        "live": lambda: bench_live_page(2 if q else 4),
        "class_load": lambda: bench_class_load(args.students),
    }
    only = {s for s in args.only.split(",") if s} or set(sections)
    results: dict[str, Any] = {"machine": machine_info(), "goals": GOALS, "errors": {}}
    for key, fn in sections.items():
        if key not in only:
            continue
        print(f"bench: {key} …", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            results.update(fn())
        except Exception:  # a benchmark reports; it never fails the run
            results["errors"][key] = traceback.format_exc(limit=3)
        print(f"bench: {key} done in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    derive(results)
    if not results["errors"]:
        del results["errors"]
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    results["measured_at"] = now
    if args.only:
        results = merged(args.out, results, now, only & set(sections))
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    if args.out.resolve() == RESULTS:
        import report  # benchmarks/report.py: README's table, from the file just written

        report.write_readme(RESULTS)
    print(f"\nwrote {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
