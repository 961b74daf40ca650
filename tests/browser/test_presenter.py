"""Presenter mode and printing on the exported site, in Chromium from file:// at 1280×720."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lunarexplainer.export import Lesson
from lunarexplainer.export import export_site

from harness import ARTIFACTS
from harness import IN_CI
from harness import NOTEBOOKS
from harness import REPO
from harness import logged_page
from harness import require_chromium
from harness import screenshot

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}
#: The lessons with every kind of chart: the opening timeline, a treemap, explorers with
#: menus, and the claims table.
LESSONS = ["00_start_here", "02_station_roles", "03_artemis_comparison", "05_fact_check_2021"]
PROJECTOR = {"width": 1280, "height": 720}

#: For every chart on screen: its box and the smallest font of its drawn text.
CHARTS_ON_SCREEN = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter(p => p.getClientRects().length > 0)
  .map(p => {
    const r = p.getBoundingClientRect();
    const sizes = [...p.querySelectorAll('.main-svg text')]
      .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
      .map(t => parseFloat(getComputedStyle(t).fontSize));
    const svg = p.querySelector('.main-svg').getBoundingClientRect();
    return {id: p.id, top: r.top, bottom: r.bottom, left: r.left, right: r.right,
            height: r.height, drawn: svg.width, smallest: Math.min(...sizes)};
  })"""
#: Every chart's height, then the width it is drawn at.
HEIGHTS = ("() => [...document.querySelectorAll('.lx-plot')].flatMap(p => "
           "[p.getBoundingClientRect().height, p.querySelector('.main-svg').getBoundingClientRect()"
           ".width])")
PRESENTING = "() => document.documentElement.classList.contains('lx-presenting')"
INDEX = "() => window.lxPresenter.index"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, dict[str, Lesson]]:
    require_chromium()
    base = tmp_path_factory.mktemp("present-site")
    notebooks = base / "notebooks"
    notebooks.mkdir()
    for stem in LESSONS:
        shutil.copyfile(NOTEBOOKS / f"{stem}.ipynb", notebooks / f"{stem}.ipynb")
    lessons = export_site(base / "site", notebooks_dir=notebooks)
    return base / "site", {lesson.stem: lesson for lesson in lessons}


@pytest.fixture
def projector(browser):  # type: ignore[no-untyped-def]
    with logged_page(browser, PROJECTOR) as pg:
        yield pg


def _open(page, site, stem: str) -> None:  # type: ignore[no-untyped-def]
    out, lessons = site
    page.goto((out / f"{stem}.html").resolve().as_uri())
    page.wait_for_function(
        "n => document.querySelectorAll('.lx-plot.js-plotly-plot .main-svg').length >= n",
        arg=lessons[stem].charts, timeout=30_000)


def _settle(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_timeout(250)


def test_p_starts_presenting_and_keys_step_through(site, projector):
    page = projector
    _open(page, site, "00_start_here")
    before = page.evaluate(HEIGHTS)
    screens = page.evaluate("() => window.lxPresenter.screens().length")
    assert screens >= 5
    page.keyboard.press("p")
    assert page.evaluate(PRESENTING)
    assert page.evaluate(INDEX) == 0
    assert page.locator(".lx-pres-status").inner_text().startswith(f"Screen 1 of {screens}")
    assert page.locator("h1").is_visible() and not page.locator("header.lx-top").is_visible()
    for key, expected in [("ArrowRight", 1), ("PageDown", 2), ("ArrowDown", 3),
                          ("PageUp", 2), ("ArrowLeft", 1), ("End", screens - 1), ("Home", 0)]:
        page.keyboard.press(key)
        assert page.evaluate(INDEX) == expected, key
    # Only the current screen is on show: one section heading at a time.
    page.keyboard.press("PageDown")
    visible = page.evaluate("() => [...document.querySelectorAll('main h1, main h2')]"
                            ".filter(h => h.getClientRects().length).map(h => h.textContent)")
    assert len(visible) == 1
    page.keyboard.press("Escape")
    _settle(page)
    assert not page.evaluate(PRESENTING)
    assert page.evaluate(HEIGHTS) == pytest.approx(before, abs=1)


def test_present_button_and_exit_control(site, projector):
    page = projector
    _open(page, site, "03_artemis_comparison")
    before = page.evaluate(HEIGHTS)
    button = page.get_by_role("button", name="Present")
    assert button.is_visible()
    button.click()
    assert page.evaluate(PRESENTING)
    page.get_by_role("button", name="Next").click()
    assert page.evaluate(INDEX) == 1
    exit_control = page.get_by_role("button", name="Exit presenting")
    assert exit_control.is_visible()
    box = exit_control.bounding_box()
    assert box and box["y"] + box["height"] <= PROJECTOR["height"]
    exit_control.click()
    _settle(page)
    assert not page.evaluate(PRESENTING)
    assert page.locator(".lx-pres-bar").count() == 0
    assert page.evaluate(HEIGHTS) == pytest.approx(before, abs=1)


def test_the_first_chart_presented_is_lesson_00s_first_chart(site, projector):
    page = projector
    _open(page, site, "00_start_here")
    page.keyboard.press("p")
    for _ in range(page.evaluate("() => window.lxPresenter.screens().length")):
        charts = page.evaluate(CHARTS_ON_SCREEN)
        if charts:
            assert [c["id"] for c in charts] == ["lx-plot-1"]
            return
        page.keyboard.press("PageDown")
    pytest.fail("no screen of lesson 00 shows a chart")


@pytest.mark.parametrize("size", [PROJECTOR, {"width": 1440, "height": 900}],
                         ids=["1280x720", "1440x900"])
def test_every_presented_chart_fills_the_window_with_large_text(site, browser, size):
    context = browser.new_context(viewport=size)
    page = context.new_page()
    problems = []
    try:
        for stem in LESSONS:
            _open(page, site, stem)
            page.keyboard.press("p")
            bar = page.locator(".lx-pres-bar").bounding_box()
            seen = set()
            for index in range(page.evaluate("() => window.lxPresenter.screens().length")):
                if index:
                    page.keyboard.press("PageDown")
                _settle(page)
                for chart in page.evaluate(CHARTS_ON_SCREEN):
                    seen.add(chart["id"])
                    where = f"{stem} screen {index + 1} {chart['id']}"
                    if chart["smallest"] < 20:
                        problems.append(f"{where}: text {chart['smallest']} px")
                    if chart["top"] < 0 or chart["bottom"] > bar["y"] + 1:
                        problems.append(f"{where}: off the window {chart}")
                    if chart["right"] > size["width"] or chart["left"] < 0:
                        problems.append(f"{where}: wider than the window {chart}")
                    if chart["height"] < 0.45 * size["height"]:
                        problems.append(f"{where}: only {chart['height']:.0f} px high")
                    if index < 6 and size == PROJECTOR:
                        screenshot(page, f"presenter-{stem}-{index + 1:02d}")
                    elif index < 4:
                        screenshot(page, f"presenter-{size['width']}-{stem}-{index + 1:02d}")
            assert len(seen) == site[1][stem].charts, f"{stem}: a chart is on no screen"
            page.keyboard.press("Escape")
    finally:
        context.close()
    assert problems == []


def test_presenter_mode_has_no_serious_accessibility_violations(site, projector):
    if not AXE.exists():
        reason = "axe-core is not installed (make test runs `npm ci` when npm is available)"
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    page = projector
    serious = []
    for stem in ["00_start_here", "03_artemis_comparison"]:
        _open(page, site, stem)
        page.add_script_tag(path=str(AXE))
        page.keyboard.press("p")
        for index in range(3):
            _settle(page)
            result = page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations'],"
                " preload: false})")
            serious += [f"{stem} screen {index + 1}: {v['impact']}: {v['id']}: {v['help']} "
                        f"e.g. {v['nodes'][0]['html'][:160]}"
                        for v in result["violations"] if v["impact"] in SERIOUS]
            page.keyboard.press("PageDown")
    assert serious == []


# --------------------------------------------------------------------------- printing

TABLE_ROWS = """() => [...document.querySelectorAll('.lx-plot')]
  .filter(p => (p.data || []).some(t => t.type === 'table'))
  .map(p => {
    const trace = p.data.find(t => t.type === 'table');
    const printed = p.parentElement.querySelector('table.lx-print-table');
    return {rows: Math.max(...trace.cells.values.map(c => c.length)),
            printed: printed ? printed.querySelectorAll('tbody tr').length : -1,
            shown: printed ? printed.getClientRects().length > 0 : false};
  })"""


@pytest.mark.parametrize("stem", LESSONS)
def test_printing_keeps_charts_readable_and_restores_the_screen(site, projector, stem):
    page = projector
    _open(page, site, stem)
    before = page.evaluate(HEIGHTS)
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    _settle(page)
    charts = page.evaluate(CHARTS_ON_SCREEN)
    assert charts or page.evaluate(TABLE_ROWS)
    assert all(c["height"] >= 200 for c in charts), charts
    assert all(c["drawn"] <= 700 for c in charts), charts  # as wide as the paper
    for table in page.evaluate(TABLE_ROWS):  # every row of a table chart is on paper
        assert table["shown"] and table["printed"] == table["rows"] > 0, table
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / f"print-{stem}.pdf"), format="A4")
    page.emulate_media(media="screen")
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    _settle(page)
    assert page.evaluate(HEIGHTS) == pytest.approx(before, abs=1)
    assert page.evaluate(TABLE_ROWS) == [] or all(
        not t["shown"] for t in page.evaluate(TABLE_ROWS))
