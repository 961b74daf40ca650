"""Presenter mode in Voila (`lunarexplainer present`): the same presenter.js, live widgets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from harness import IN_CI
from harness import REPO
from harness import RequestLog
from harness import present_server
from harness import require_chromium
from harness import screenshot

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PROJECTOR = {"width": 1280, "height": 720}
CHARTS_ON_SCREEN = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter(p => p.getClientRects().length > 0)
  .map(p => {
    const r = p.getBoundingClientRect();
    const sizes = [...p.querySelectorAll('.main-svg text')]
      .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
      .map(t => parseFloat(getComputedStyle(t).fontSize));
    return {top: r.top, bottom: r.bottom, right: r.right, height: r.height,
            smallest: Math.min(...sizes)};
  })"""
PRESENTING = "() => document.documentElement.classList.contains('lx-presenting')"


@pytest.fixture(scope="module")
def voila(tmp_path_factory) -> Iterator[str]:
    require_chromium()
    with present_server(tmp_path_factory.mktemp("present-voila")) as (url, _):
        yield url


def _lesson(browser, voila: str, name: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    log = RequestLog()
    log.attach(page)
    log.explain(r"version|semver|Failed to load resource.*favicon", "extension version noise")
    page.goto(f"{voila}/voila/render/{name}", timeout=120_000)
    page.wait_for_selector("#rendered_cells", state="visible", timeout=120_000)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.wait_for_timeout(1500)
    return context, page, log


def _finish(context, log) -> None:  # type: ignore[no-untyped-def]
    context.close()
    # jupyterlab-plotly caches a PNG with model.setData(), which Voila lacks (see test_present).
    log.page_errors = [e for e in log.page_errors if "setData is not a function" not in e]
    log.assert_clean()


@pytest.mark.parametrize("name", ["00_start_here.ipynb", "03_artemis_comparison.ipynb"])
def test_voila_presents_each_chart_full_window_with_large_text(voila, browser, name):
    context, page, log = _lesson(browser, voila, name)
    heights = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')]"
                            ".map(p => p.getBoundingClientRect().height)")
    page.keyboard.press("p")
    assert page.evaluate(PRESENTING)
    screens = page.evaluate("() => window.lxPresenter.screens().length")
    problems, charts_seen = [], 0
    for index in range(screens):
        if index:
            page.keyboard.press("PageDown")
        page.wait_for_timeout(600)
        assert page.evaluate("() => window.lxPresenter.index") == index
        for chart in page.evaluate(CHARTS_ON_SCREEN):
            charts_seen += 1
            if chart["smallest"] < 20:
                problems.append(f"screen {index + 1}: text {chart['smallest']} px")
            if chart["top"] < 0 or chart["bottom"] > PROJECTOR["height"]:
                problems.append(f"screen {index + 1}: off the window {chart}")
            if chart["height"] < 0.45 * PROJECTOR["height"]:
                problems.append(f"screen {index + 1}: only {chart['height']:.0f} px high")
            screenshot(page, f"presenter-voila-{name.split('.')[0]}-{index + 1:02d}")
    assert charts_seen == len(heights) and problems == []
    page.get_by_role("button", name="Exit presenting").click()
    page.wait_for_timeout(600)
    assert not page.evaluate(PRESENTING)
    after = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')]"
                          ".map(p => p.getBoundingClientRect().height)")
    assert after == pytest.approx(heights, abs=2)
    _finish(context, log)


def test_voila_present_button_and_axe_in_presenter_mode(voila, browser):
    context, page, log = _lesson(browser, voila, "00_start_here.ipynb")
    page.get_by_role("button", name="Present").click()
    assert page.evaluate(PRESENTING)
    page.keyboard.press("ArrowRight")
    assert page.evaluate("() => window.lxPresenter.index") == 1
    if AXE.exists():
        page.add_script_tag(path=str(AXE))
        serious = []
        for _ in range(3):
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(500)
            result = page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations'],"
                " preload: false})")
            serious += [f"{v['impact']}: {v['id']}: {v['nodes'][0]['html'][:160]}"
                        for v in result["violations"] if v["impact"] in {"serious", "critical"}]
        assert serious == []
    elif IN_CI:
        pytest.fail("axe-core is not installed")
    page.keyboard.press("Escape")
    assert not page.evaluate(PRESENTING)
    _finish(context, log)


@pytest.mark.parametrize("lang", ["zh", "ru"])
def test_present_lang_serves_the_lessons_and_presenter_mode_in_that_language(
        browser, tmp_path_factory, lang):
    import re

    from lunarexplainer.text import in_language
    from lunarexplainer.text import t

    from harness import TRANSLATED_SCRIPTS

    script = re.compile(TRANSLATED_SCRIPTS[lang])
    with in_language(lang):
        present, leave = t("Present"), t("Exit presenting")
    with present_server(tmp_path_factory.mktemp(f"present-{lang}"), "--lang", lang) as (url, _):
        context, page, log = _lesson(browser, url, "00_start_here.ipynb")
        try:
            assert page.evaluate("() => document.documentElement.lang") == \
                {"zh": "zh-Hans", "ru": "ru"}[lang]
            words = page.locator("#rendered_cells").inner_text()
            assert len(script.findall(words)) > 200, words[:300]
            titles = page.locator(".js-plotly-plot .gtitle").all_text_contents()
            assert titles and all(script.search(x) for x in titles), titles
            button = page.get_by_role("button", name=present, exact=True)
            button.click()
            page.wait_for_function(PRESENTING)
            assert page.get_by_role("button", name=leave, exact=True).is_visible()
            screenshot(page, f"voila-presenting-{lang}-00_start_here")
        finally:
            _finish(context, log)
