"""`make bench` → ``class_load``: a class opening lesson 01 in Voila at the same moment.

Voila is started as ``lunarexplainer present 01_partnership`` starts it, once with a kernel
started per page ("cold") and once with ``--pool N`` (Voila's preheated kernels, "preheated").
For each way, on a fresh server each time:

- **pages**: N plain HTTP GETs sent together (httpx, asyncio), each reading the whole body:
  Voila streams the page as the cells run, so the body is complete when the lesson has run.
  No browser work on this machine counts here. p50/p95 seconds and failures.
- **memory**: RSS of the server and all its kernels (psutil) once every page is complete,
  divided by N; and the server alone before any student came.
- **browser**: N Chromium pages opened together; seconds until each shows its first chart and
  all of its charts. On a 2-core machine that also runs the N browsers this is an upper bound.

    python benchmarks/run.py --only class_load          # N from LUNAREXPLAINER_CLASS_SIZE or 10
    python benchmarks/class_load.py --students 30 --ways preheated
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))  # the test harness's server helpers
from harness import free_port  # noqa: E402
from harness import wait_for_http  # noqa: E402

LESSON = "01_partnership"
CHARTS = 3  # lesson 01 draws two charts and one explorer
GOALS = {"pages_p95_s": "<= 6 s", "mb_per_student": "<= 200 MB"}


def class_size() -> int:
    return int(os.environ.get("LUNAREXPLAINER_CLASS_SIZE", "10"))


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    if not ordered:
        return {}
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {"p50": round(ordered[len(ordered) // 2], 2), "p95": round(p95, 2)}


def _tree_rss_mb(pid: int) -> float:
    import psutil

    proc = psutil.Process(pid)
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total / 2**20


def _kernel_count(pid: int) -> int:
    import psutil

    return sum("ipykernel" in " ".join(p.cmdline())
               for p in psutil.Process(pid).children(recursive=True))


class Server:
    """``lunarexplainer present LESSON [--pool N]`` on a free port (as a context manager)."""

    def __init__(self, pool: int, work: Path) -> None:
        self.pool = pool
        self.work = work

    def __enter__(self) -> Server:
        from lunarexplainer import present

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        root = present.prepare_jupyter_path(Path(tempfile.mkdtemp(dir=self.work)))
        env = dict(os.environ)
        env["JUPYTER_PATH"] = str(root)
        for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
            env[var] = str(self.work / var.lower())
        target = self.work / "notebooks" / f"{LESSON}.ipynb"
        self.proc = subprocess.Popen(present.voila_command(target, self.port, self.pool),
                                     cwd=target.parent, env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        # A static file of our template: it answers without starting a kernel.
        wait_for_http(f"{self.url}voila/templates/{present.TEMPLATE_NAME}/static/geo-assets.js", 90)
        self.idle_mb = 0.0
        if self.pool:  # wait until every place in the pool has run the lesson
            deadline = time.monotonic() + 60 + 15 * self.pool
            while _kernel_count(self.proc.pid) < self.pool and time.monotonic() < deadline:
                time.sleep(0.5)
            _wait_quiet(self.proc.pid, deadline)
        self.idle_mb = _tree_rss_mb(self.proc.pid)
        return self

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _wait_quiet(pid: int, deadline: float) -> None:
    """Wait until the server and its kernels use little CPU (the pool has run the lesson)."""
    import psutil

    procs = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
    for p in procs:
        p.cpu_percent(None)
    while time.monotonic() < deadline:
        time.sleep(1.0)
        busy = 0.0
        for p in procs:
            try:
                busy += p.cpu_percent(None)
            except psutil.NoSuchProcess:
                pass
        if busy < 20:
            return


async def _get_pages(url: str, n: int) -> tuple[list[float], list[str]]:
    import httpx

    async def one(client: httpx.AsyncClient, start: float) -> float:
        async with client.stream("GET", url) as resp:
            resp.raise_for_status()
            body = b"".join([chunk async for chunk in resp.aiter_bytes()])
        text = body.decode("utf-8", "replace")
        if "</html>" not in text or "Traceback" in text:
            raise RuntimeError("page incomplete or shows a traceback")
        return time.perf_counter() - start

    limits = httpx.Limits(max_connections=n + 5)
    async with httpx.AsyncClient(timeout=300, limits=limits) as client:
        start = time.perf_counter()
        results = await asyncio.gather(*(one(client, start) for _ in range(n)),
                                       return_exceptions=True)
    times = [r for r in results if isinstance(r, float)]
    failures = [repr(r)[:120] for r in results if not isinstance(r, float)]
    return times, failures


async def _browsers(url: str, n: int) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    drawn = """() => [...document.querySelectorAll('.js-plotly-plot')]
                .filter(el => el.querySelector('.main-svg')).length"""

    async def one(browser: Any, start: float) -> tuple[float, float]:
        context = await browser.new_context(viewport={"width": 1280, "height": 720})
        page = await context.new_page()
        try:
            await page.goto(url, timeout=300_000, wait_until="commit")
            await page.wait_for_function(f"() => ({drawn})() >= 1", timeout=300_000)
            first = time.perf_counter() - start
            await page.wait_for_function(f"() => ({drawn})() >= {CHARTS}", timeout=300_000)
            return first, time.perf_counter() - start
        finally:
            await context.close()

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        start = time.perf_counter()
        results = await asyncio.gather(*(one(browser, start) for _ in range(n)),
                                       return_exceptions=True)
        await browser.close()
    ok = [r for r in results if isinstance(r, tuple)]
    return {"first_chart_s": _percentiles([r[0] for r in ok]),
            "all_charts_s": _percentiles([r[1] for r in ok]),
            "browser_failures": [repr(r)[:120] for r in results if not isinstance(r, tuple)]}


def measure(students: int, ways: tuple[str, ...] = ("cold", "preheated"),
            browser: bool = True) -> dict[str, Any]:
    """The class-load figures for ``students`` at once, for each way of serving."""
    import shutil

    out: dict[str, Any] = {"students": students, "lesson": LESSON, "goals": GOALS}
    with tempfile.TemporaryDirectory(prefix="lunarexplainer-class-") as tmp:
        work = Path(tmp)
        shutil.copytree(REPO / "notebooks", work / "notebooks")
        for way in ways:
            pool = students if way == "preheated" else 0
            result: dict[str, Any] = {"pool": pool}
            with Server(pool, work) as server:
                times, failures = asyncio.run(_get_pages(server.url, students))
                result["pages_s"] = _percentiles(times)
                result["page_failures"] = failures
                result["server_idle_mb"] = round(server.idle_mb)
                total = _tree_rss_mb(server.proc.pid)
                result["server_and_kernels_mb"] = round(total)
                result["mb_per_student"] = round(total / students)
                result["kernels"] = _kernel_count(server.proc.pid)
            if browser:
                with Server(pool, work) as server:
                    result.update(asyncio.run(_browsers(server.url, students)))
            out[way] = result
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=class_size())
    parser.add_argument("--ways", default="cold,preheated")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    result = measure(args.students, tuple(args.ways.split(",")), not args.no_browser)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
