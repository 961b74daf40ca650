"""Presentation mode: Voila serves every lesson offline, code hidden, explorers live."""

from __future__ import annotations

import html
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from lunarexplainer import load_dataset
from lunarexplainer import present
from lunarexplainer.explorers import EXPLORERS

from harness import NOTEBOOKS
from harness import RequestLog
from harness import blocked_attempts
from harness import free_port
from harness import guarded_env
from harness import jupyter_dirs
from harness import notebook_paths
from harness import require_chromium
from harness import screenshot
from harness import wait_for_http
from harness import world_map_shapes


def test_template_folder_has_offline_assets(tmp_path):
    root = present.prepare_jupyter_path(tmp_path)
    template = root / "voila" / "templates" / present.TEMPLATE_NAME
    assert (template / "conf.json").exists()
    index = (template / "index.html.j2").read_text(encoding="utf-8")
    assert "cdn." not in index and "http" not in index.replace("{#", "").split("#}")[-1]
    geo = (template / "static" / "geo-assets.js").read_text(encoding="utf-8")
    assert geo.startswith("/*") and "window.PlotlyGeoAssets" in geo and "world_110m" in geo
    assert (template / "static" / "world_110m.json").stat().st_size > 100_000


def test_command_listens_on_loopback_with_our_template(tmp_path):
    cmd = present.voila_command(tmp_path, 9999)
    assert "--Voila.ip=127.0.0.1" in cmd and "--port=9999" in cmd
    assert f"--template={present.TEMPLATE_NAME}" in cmd and "--strip_sources=True" in cmd
    assert cmd[1:3] == ["-m", "lunarexplainer.serverext"]  # Voila, sending without delay


def test_unknown_notebook_is_one_line(capsys):
    assert present.present_main("no_such_lesson", port=free_port()) == 1
    assert capsys.readouterr().err.strip().startswith("present: no notebook 'no_such_lesson'")


def test_resolve_target_accepts_stem_and_file_name():
    paths = notebook_paths()
    assert paths, "no lesson notebooks found in notebooks/"
    assert present.resolve_target(paths[0].stem, NOTEBOOKS) == paths[0].resolve()
    assert present.resolve_target(paths[0].name, NOTEBOOKS) == paths[0].resolve()
    assert present.resolve_target(None, NOTEBOOKS) == NOTEBOOKS


# --------------------------------------------------------------------------- browser


@dataclass
class Presenter:
    url: str
    proc: subprocess.Popen
    netguard_log: Path


@pytest.fixture(scope="module")
def presenter(tmp_path_factory) -> Iterator[Presenter]:
    """`lunarexplainer present` on a free port, network guarded, stopped with Ctrl-C."""
    require_chromium()
    assert notebook_paths(), "no lesson notebooks found in notebooks/"
    base = tmp_path_factory.mktemp("present")
    log = base / "netguard.log"
    env = guarded_env(log, **jupyter_dirs(base))
    port = free_port()
    cmd = [sys.executable, "-c", "from lunarexplainer.cli import main; raise SystemExit(main())",
           "present", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=base)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(url + "/", timeout=90, proc=proc)
    except Exception as exc:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        pytest.fail(f"presentation server did not start: {exc}\n{out}\n{err[-3000:]}")
    presenter = Presenter(url, proc, log)
    yield presenter
    if proc.poll() is None:  # Ctrl-C, as a teacher would; it also stops Voila's kernels
        proc.send_signal(signal.SIGINT)
        try:
            proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()


STATE = "el => JSON.stringify([el.data, (el.layout || {}).title])"


def _explorer_selects(page) -> list:  # type: ignore[no-untyped-def]
    """For each live plot inside a widget box, the first drop-down of its explorer."""
    handles = page.evaluate_handle(
        """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
            if (!plot.closest('.jupyter-widgets, .widget-box')) { return null; }
            const cell = plot.closest('.jp-OutputArea-output, .jp-Cell, [cell-index]');
            let box = plot.parentElement;
            while (box && box !== cell && !box.querySelector('select')) {
                box = box.parentElement;
            }
            const select = box && box.querySelector('select');
            return select ? [plot, select] : null;
        }).filter(x => x)"""
    )
    pairs = []
    for pair in handles.get_properties().values():
        props = list(pair.get_properties().values())
        pairs.append((props[0].as_element(), props[1].as_element()))
    return pairs


@pytest.mark.browser
@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_lesson_renders_in_voila_and_explorers_respond(presenter, browser, path):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    log = RequestLog()
    log.attach(page)
    # Voila's frontend warns about extension versions; noise, see TESTING.md.
    log.explain(r"version|semver|Failed to load resource.*favicon", "extension version noise")
    page.goto(f"{presenter.url}/voila/render/{path.name}", timeout=120_000)
    page.wait_for_selector("#rendered_cells", state="visible", timeout=120_000)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.wait_for_timeout(1500)
    code = page.locator(".jp-CodeCell .jp-InputArea-editor, .jp-CodeCell .highlight")
    assert code.count() == 0, "code is visible"
    # The Lab-only "Before you start: run the cells" note is left out (Voila ran them).
    tagged = [c for c in nbformat.read(path, as_version=4).cells
              if "remove-in-site" in c.metadata.get("tags", [])]
    assert tagged, f"{path.name} has no 'Before you start' cell to leave out"
    assert "Before you start" not in page.locator("#rendered_cells").inner_text()
    errors = page.locator("[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
    assert not [e for e in errors if "Traceback" in e or "Error" in e], errors
    geo = world_map_shapes(page, ".js-plotly-plot")
    assert all(n > 0 for n in geo), f"a world map has no shapes: {geo}"
    # Each explorer opens as its controls say (a view made after the notebook ran starts
    # from the widget's saved state, which once still held the figure as first built).
    ds = load_dataset()
    opening = {html.unescape(cls(ds).figure.layout.title.text) for cls in EXPLORERS.values()}
    for plot, _ in _explorer_selects(page):
        title = html.unescape(plot.evaluate("el => el.layout.title.text"))
        assert title in opening, f"an explorer opened on {title!r}, not its controls' state"
    changed = []
    for plot, select in _explorer_selects(page):
        before = plot.evaluate(STATE)
        options = select.evaluate("s => [...s.options].map(o => o.value)")
        current = select.evaluate("s => s.value")
        choice = next((o for o in reversed(options) if o != current), None)
        if choice is None:
            continue
        if not select.is_visible():  # the lists open from the control bar's button
            select.evaluate("s => s.closest('.lunarexplainer-explorer')"
                            ".querySelector('.lunarexplainer-more').click()")
            select.wait_for_element_state("visible")
        select.scroll_into_view_if_needed()
        select.select_option(choice)
        page.wait_for_function(f"([el, before]) => ({STATE})(el) !== before",
                               arg=[plot, before], timeout=15_000)
        changed.append(choice)
    page.set_viewport_size({"width": 1400, "height": 4000})
    screenshot(page, f"voila-{path.stem}")
    context.close()
    if "Explorer(" in path.read_text(encoding="utf-8"):
        assert changed, f"no explorer control in {path.name} changed its plot"
    # jupyterlab-plotly's renderer caches a PNG snapshot with model.setData(), which Voila's
    # output model lacks; the chart itself is drawn (checked above). Known and harmless.
    log.page_errors = [e for e in log.page_errors if "setData is not a function" not in e]
    log.assert_clean()
    assert blocked_attempts(presenter.netguard_log) == []


@pytest.mark.browser
def test_ctrl_c_stops_cleanly(presenter):
    presenter.proc.send_signal(signal.SIGINT)
    out, err = presenter.proc.communicate(timeout=60)
    assert presenter.proc.returncode == 0, err[-2000:]
    assert "Traceback" not in err and "Traceback" not in out
    assert f"open {presenter.url}/" in out


def test_pool_preheats_kernels_for_a_class(tmp_path):
    assert present.preheat_options(0) == []
    cmd = present.voila_command(tmp_path, 9999, pool=30)
    assert "--preheat_kernel=True" in cmd and "--pool_size=30" in cmd
    assert "--preheat_kernel=True" not in present.voila_command(tmp_path, 9999)
