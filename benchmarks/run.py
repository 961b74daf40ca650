"""`make bench`: speed figures measured against the platform's own floor, in one run.

Every figure is measured in the same run as its reference, so ratios hold on a noisy machine.
It prints a table and writes benchmarks/results.json. It reports; it never fails the suite.

    python benchmarks/run.py [--quick] [--only import,explorers,naive,browser,notebooks,site]
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
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
NOTEBOOKS = REPO / "notebooks"
RESULTS = HERE / "results.json"
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


def bench_site() -> dict[str, Any]:
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
    first_chart = {}
    with sync_playwright() as p:
        browser = _launch(p)
        for page_path in sorted(out_dir.glob("[0-9][0-9]_*.html")):
            page = browser.new_page()
            page.goto(page_path.as_uri())
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
            first_chart[page_path.name] = round(page.evaluate("performance.now()"), 1)
            page.close()
        browser.close()
    return {
        "site_page_kb": kb,
        "site_shared_assets_kb": round(sum(p.stat().st_size for p in assets) / 1024, 1),
        "first_chart_ms": first_chart,
    }


BROWSER_NOTEBOOK = """\
from lunarexplainer import load_dataset
from lunarexplainer.explorers import EXPLORERS
ds = load_dataset()
boxes = []
for name, cls in EXPLORERS.items():
    ex = cls(ds)
    ex.widget.add_class("bench-" + name)
    boxes.append(ex.widget)
import ipywidgets
ipywidgets.VBox(boxes)
"""

REDRAW_JS = """
async ([name, index]) => {
  const root = document.querySelector('.bench-' + name);
  if (!root) return null;
  root.scrollIntoView();  // widgets below the fold may draw their plot only when visible
  let gd = null;
  for (let k = 0; k < 100 && !(gd = root.querySelector('.js-plotly-plot')); k++) {
    await new Promise(r => setTimeout(r, 100));
  }
  const sel = root.querySelectorAll('select')[0];
  if (!gd || !sel || !gd.on) return null;
  const opts = [...sel.options];
  const target = opts[index % opts.length];
  return await new Promise(resolve => {
    const done = () => { gd.removeListener('plotly_afterplot', done);
                         resolve(performance.now() - t0); };
    gd.on('plotly_afterplot', done);
    const t0 = performance.now();
    opts.forEach(o => o.selected = (o === target));
    sel.dispatchEvent(new Event('change', {bubbles: true}));
    setTimeout(() => resolve(-1), 5000);
  });
}
"""


def bench_browser(changes: int) -> dict[str, Any]:
    """Control change → plotly_afterplot in Voila, in Chromium, per explorer."""
    import nbformat
    from playwright.sync_api import sync_playwright

    from lunarexplainer.explorers import EXPLORERS

    work = Path(tempfile.mkdtemp(prefix="lunarexplainer-bench-"))
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.cells = [nbformat.v4.new_code_cell(BROWSER_NOTEBOOK)]
    nbformat.write(nb, work / "bench.ipynb")
    port = _free_port()
    env = dict(os.environ)
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        env[var] = str(work / var.lower())
    voila = subprocess.Popen(
        [sys.executable, "-m", "voila", "bench.ipynb", "--no-browser", f"--port={port}",
         "--Voila.ip=127.0.0.1"],
        cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    out: dict[str, Any] = {}
    try:
        with sync_playwright() as p:
            browser = _launch(p)
            page = browser.new_page()
            _wait_http(f"http://127.0.0.1:{port}/", 60)
            page.goto(f"http://127.0.0.1:{port}/", timeout=120_000)
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
            page.wait_for_timeout(1000)
            for name in EXPLORERS:
                samples = []
                for i in range(1, changes + 1):
                    ms = page.evaluate(REDRAW_JS, [name, i])
                    if ms is None:
                        break
                    if ms >= 0:
                        samples.append(ms)
                if samples:
                    out[name] = percentiles(samples)
                else:
                    out[name] = {"note": "no <select> control to drive in the browser"}
            browser.close()
    finally:
        voila.terminate()
        voila.wait(timeout=20)
    return {"browser_redraw_ms": out}


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, timeout: float) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)  # noqa: S310 (loopback)
            return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(url)


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
    for name, v in results.get("browser_redraw_ms", {}).items():
        value = f"p50 {v['p50']:.1f}  p95 {v['p95']:.1f}" if "p95" in v else v.get("note", "")
        rows.append((f"browser_redraw_ms {name}", value, GOALS["browser_redraw_ms"]))
    if "kernel_start_s" in results:
        rows.append(("kernel_start_s", f"{results['kernel_start_s']:.2f}", ""))
    for name, v in results.get("notebook_exec_s", {}).items():
        rows.append((f"notebook_exec_s {name}", f"{v:.2f}", GOALS["notebook_exec_s"]))
    for name, v in results.get("site_page_kb", {}).items():
        rows.append((f"site_page_kb {name}", f"{v:.1f}", GOALS["site_page_kb"]))
    for name, v in results.get("first_chart_ms", {}).items():
        rows.append((f"first_chart_ms {name}", f"{v:.0f}", GOALS["first_chart_ms"]))
    for key, err in results.get("errors", {}).items():
        rows.append((f"{key} (not measured)", err.splitlines()[-1][:60], ""))
    width = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = ["  ".join(cell.ljust(width[i]) for i, cell in enumerate(r)) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in width))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    parser.add_argument("--only", default="", help="comma-separated sections to run")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    q = args.quick
    sections: dict[str, Callable[[], dict[str, Any]]] = {
        "import": lambda: bench_import(3 if q else 7),
        "explorers": lambda: bench_explorers(40 if q else 200),
        "naive": lambda: bench_naive(40 if q else 200),
        "browser": lambda: bench_browser(8 if q else 30),
        "notebooks": lambda: bench_notebooks(1 if q else 3),
        "site": bench_site,
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
    results["measured_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\nwrote {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
