"""Six live explorers on one page, in Voila and in Lab: each draws and answers every control.

Plotly's widget code reaches the page once, over HTTP from lunarexplainer.serverext, and not in
the widgets' state over the kernel websocket (it used to, about 5 MB per explorer).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from lunarexplainer import present
from lunarexplainer import serverext

from harness import EXPLORER_BOX
from harness import LabServer
from harness import PageBytes
from harness import RequestLog
from harness import blocked_attempts
from harness import change_each_control
from harness import explorer_boxes
from harness import free_port
from harness import guarded_env
from harness import jupyter_dirs
from harness import lab_output_errors
from harness import lab_run_all
from harness import require_chromium
from harness import screenshot
from harness import wait_for_http

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "six_explorers.ipynb"
EXPECTED = ["partner_map", "station_roles", "mission_timeline", "schedule_slip", "south_pole",
            "partner_map"]
ANSWER_MS = 30_000  # a liveness bound on a shared 2-core machine, not a speed goal


@pytest.fixture(scope="module")
def voila_six(tmp_path_factory) -> Iterator[str]:
    """The fixture notebook served the way `lunarexplainer present` serves a lesson."""
    require_chromium()
    base = tmp_path_factory.mktemp("six")
    notebook = base / FIXTURE.name
    shutil.copyfile(FIXTURE, notebook)
    root = present.prepare_jupyter_path(base / "jupyter-path")
    env = guarded_env(base / "netguard.log", **jupyter_dirs(base), JUPYTER_PATH=str(root))
    port = free_port()
    with open(base / "voila.log", "w", encoding="utf-8") as log:
        proc = subprocess.Popen(present.voila_command(notebook, port), env=env, cwd=base,
                                stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", timeout=90, proc=proc)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert blocked_attempts(base / "netguard.log") == []


def _new_page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    log = RequestLog()
    log.attach(page)
    log.explain(r"version|semver|Failed to load resource.*favicon", "extension version noise")
    traffic = PageBytes()
    traffic.attach(context, page)
    return context, page, log, traffic


def _every_explorer_answers(page, where: str) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        f"() => document.querySelectorAll('{EXPLORER_BOX} .js-plotly-plot .main-svg').length"
        f" >= {len(EXPECTED)}", timeout=180_000)
    boxes = explorer_boxes(page)
    names = [next(c.removeprefix("lunarexplainer-") for c in box.get_attribute("class").split()
                  if c.startswith("lunarexplainer-") and c != "lunarexplainer-explorer")
             for box in boxes]
    assert names == EXPECTED
    missed = {f"{i} {name}": change_each_control(page, box, ANSWER_MS)
              for i, (name, box) in enumerate(zip(names, boxes, strict=True))}
    assert not any(missed.values()), f"{where}: explorers that did not answer: {missed}"
    page.evaluate("() => window.scrollTo(0, 0)")
    screenshot(page, f"six-explorers-{where}")


def _bundle_once_over_http(traffic: PageBytes) -> None:
    route = serverext.bundle_route()
    fetched = [url for url in traffic.http if route in url]
    assert len(fetched) == 1, f"the widget bundle was fetched {len(fetched)} times: {fetched}"
    assert traffic.http[fetched[0]] < 2_500_000  # gzipped
    # The widgets' state carries the loader, not the 5 MB bundle: no frame comes close.
    assert max(traffic.frames) < 3_000_000, sorted(traffic.frames)[-3:]
    assert traffic.websocket < 6_000_000, traffic.websocket


def test_six_explorers_answer_in_voila(voila_six, browser):
    context, page, log, traffic = _new_page(browser)
    page.goto(voila_six, timeout=180_000)
    page.wait_for_selector("#rendered_cells", state="visible", timeout=180_000)
    _every_explorer_answers(page, "voila")
    _bundle_once_over_http(traffic)
    context.close()
    log.page_errors = [e for e in log.page_errors if "setData is not a function" not in e]
    log.assert_clean()


def test_six_explorers_answer_in_lab(jupyter_lab: LabServer, browser):
    target = jupyter_lab.root / "notebooks" / FIXTURE.name
    shutil.copyfile(FIXTURE, target)
    context, page, log, traffic = _new_page(browser)
    log.explain(r"Could not restore the debugger state: Canceled future for debug_request",
                "Lab's debugger asks the kernel for its state at open; closing the page while "
                "the kernel is busy cancels the request")
    lab_run_all(page, jupyter_lab, FIXTURE.name, timeout_ms=240_000)
    assert not lab_output_errors(page)
    _every_explorer_answers(page, "lab")
    _bundle_once_over_http(traffic)
    context.close()
    log.assert_clean()
    assert "Plotly's widget code served once" in jupyter_lab.log_file.read_text(encoding="utf-8")
    os.remove(target)
