"""Every lesson in Voila (``lunarexplainer present``), as a class would use it: accessible to
axe, sliders with names, glossary words, Voila's own instructions, and a quiz answered with
the keyboard alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from lunarexplainer import load_dataset
from lunarexplainer.lesson import glossary
from lunarexplainer.lesson import quiz
from lunarexplainer.lesson.quiz import MultipleChoice

from harness import ARTIFACTS
from harness import IN_CI
from harness import REPO
from harness import RequestLog
from harness import blocked_attempts
from harness import notebook_paths
from harness import present_server
from harness import require_chromium

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}
#: True when the bottom line of an element is drawn, not hidden by a clipping parent.
COVERED_BY = """t => { const r = t.getBoundingClientRect();
    const e = document.elementFromPoint(r.left + r.width / 2, r.bottom - 4);
    return 'the meaning is cut off by its cell: covered by '
        + (e ? e.outerHTML.slice(0, 160) : 'nothing (outside the window)'); }"""
UNCLIPPED = """t => { const r = t.getBoundingClientRect();
    return t.contains(document.elementFromPoint(r.left + r.width / 2, r.bottom - 4)); }"""


@pytest.fixture(scope="module")
def voila(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """`lunarexplainer present` on a free port with the network guarded; stopped with Ctrl-C."""
    require_chromium()
    with present_server(tmp_path_factory.mktemp("voila-lessons")) as server:
        yield server


@pytest.fixture
def lesson_page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    log = RequestLog()
    log.attach(page)
    log.explain(r"version|semver|Failed to load resource.*favicon", "extension version noise")
    yield page, log
    context.close()
    # jupyterlab-plotly caches a PNG with model.setData(), which Voila's output model lacks.
    log.page_errors = [e for e in log.page_errors if "setData is not a function" not in e]
    log.assert_clean()


def _open(page, url: str, path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{url}/voila/render/{path.name}", timeout=120_000)
    page.wait_for_selector("#rendered_cells", state="visible", timeout=120_000)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.wait_for_selector(".widget-radio-box, .widget-text", timeout=60_000)
    page.wait_for_timeout(1000)


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_voila_lesson_is_accessible_marked_and_says_what_to_press(voila, lesson_page, path):
    url, netguard = voila
    page, _ = lesson_page
    _open(page, url, path)
    text = page.locator("#rendered_cells").inner_text()
    assert "Shift + Enter" not in text
    note = page.locator("details.lx-howto")
    assert note.count() == 1
    if note.get_attribute("open") is None:
        note.locator("summary").click()
    assert "already run" in note.inner_text() and "Check" in note.inner_text()
    # every slider handle is named by its label ("Year", "Launch years")
    names = page.evaluate(
        """() => [...document.querySelectorAll('[role=slider]')].map(h => {
            const id = h.getAttribute('aria-labelledby');
            return (h.getAttribute('aria-label')
                    || (id && document.getElementById(id) || {}).textContent || '').trim(); })""")
    assert all(names), f"a slider has no name: {names}"
    # glossary words: focus shows the meaning, once per term
    meanings = {term.id: term.shown()[1] for term in glossary.terms()}
    words = page.locator("button.lx-term-word")
    ids = [words.nth(i).get_attribute("data-term") for i in range(words.count())]
    assert len(ids) == len(set(ids)) > 0
    first = words.first
    first.focus()
    tip = page.locator(f"#{first.get_attribute('aria-describedby')}")
    assert tip.is_visible() and tip.inner_text() == meanings[ids[0]]
    # focus may leave the word at the window's bottom edge; a reader scrolls to read on
    tip.evaluate("t => t.scrollIntoView({block: 'nearest'})")
    assert tip.evaluate(UNCLIPPED), tip.evaluate(COVERED_BY)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"voila-glossary-{path.stem}.png"))
    first.blur()
    if not AXE.exists():
        if IN_CI:
            pytest.fail("axe-core is not installed")
        pytest.skip("axe-core is not installed (make test runs `npm ci`)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [f"{v['impact']}: {v['id']}: {v['nodes'][0]['html'][:160]}"
               for v in result["violations"] if v["impact"] in SERIOUS]
    assert serious == [], path.stem
    assert blocked_attempts(netguard) == []


def test_a_voila_quiz_is_answered_with_the_keyboard_alone(voila, lesson_page):
    url, _ = voila
    page, _ = lesson_page
    path = notebook_paths()[0]
    _open(page, url, path)
    q = next(q for q in quiz.lesson_questions(path.stem, load_dataset())
             if isinstance(q, MultipleChoice))
    page.locator("body").focus()
    for _ in range(300):  # Tab to the first radio button of the quiz
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.type === 'radio'"):
            break
    else:
        pytest.fail("Tab never reached a quiz option")
    label = "() => document.activeElement.closest('label').innerText.trim()"
    page.keyboard.press("Space")  # an unchecked group: choose the focused option
    for _ in range(len(q.options)):
        if page.evaluate(label) == q.correct:
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate(label) == q.correct
    page.keyboard.press("Tab")  # to Check
    focused = page.evaluate("() => document.activeElement.outerHTML.slice(0, 300)")
    assert ">Check</button>" in focused, focused
    box = page.locator(".widget-radio-box").first.locator("xpath=ancestor::div[contains("
                                                          "@class,'widget-vbox')][1]")
    page.keyboard.press("Enter")
    # The kernel answers the Check (on a loaded 2-core machine that can take a while). The
    # browser may send the click before the answer's new value; the quiz then checks the
    # answer again when it arrives, so one press is enough.
    try:
        box.locator("text=Right!").wait_for(timeout=45_000)
    except PlaywrightTimeoutError:
        pytest.fail(f"Check was not answered right; the question reads: {box.inner_text()!r}")
    assert q.explanation in box.inner_text()
