"""On the exported site, every menu, button and slider choice says what the chart shows.

For every chart with Plotly menus or sliders, each entry is clicked (a slider is clicked at
each of its steps) as a student would, and the chart's title, the caption under it and its
accessible name must become what the chart's builder gives for that choice
(tests/form_choices.py computes them); a choice that leaves nothing to draw must show the
builder's message on the chart. Screenshots at projector sizes go to test-artifacts/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from form_choices import Choice
from form_choices import form_choices

from lunarexplainer import load_dataset
from lunarexplainer.explorers import EXPLORERS

from harness import ARTIFACTS

pytestmark = pytest.mark.browser

#: What a chart shows now: its drawn title, caption, accessible name and visible notes.
STATE = """el => ({
  title: [...el.querySelectorAll('.gtitle')].map(t => t.textContent).join(' '),
  caption: el.closest('figure').querySelector('.lx-summary').innerText.trim(),
  live: el.closest('figure').querySelector('.lx-summary').getAttribute('aria-live'),
  name: el.getAttribute('aria-label'),
  notes: [...el.querySelectorAll('.annotation-text')].map(t => t.textContent),
})"""


def squeeze(text: str) -> str:
    """Text with all white space removed (a drawn title's lines join without spaces)."""
    return re.sub(r"\s+", "", text)


def _open(page, path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(path.resolve().as_uri())
    page.wait_for_function(
        "() => [...document.querySelectorAll('.lx-plot')].every(el => el.querySelector("
        "'.main-svg'))", timeout=30_000)


def _forms(page) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    """``(plot index, chart name)`` of every chart on the page with menus or sliders."""
    return page.evaluate(
        "() => [...document.querySelectorAll('.lx-plot')].map((el, i) => [i, "
        "(el.layout.meta || {}).name, (el.layout.updatemenus || []).length + "
        "(el.layout.sliders || []).length]).filter(x => x[2] > 0).map(x => [x[0], x[1]])")


def click(page, plot, kind: str, index: int, entry: int) -> None:  # type: ignore[no-untyped-def]
    """Click entry ``entry`` of updatemenu (or slider) ``index``, as a mouse would."""
    if kind == "menu":
        # Plotly draws one header group per visible menu, in order (a "buttons" menu's
        # buttons sit in it); a dropdown's list opens in one shared group.
        shown = plot.evaluate(
            "(el, i) => el._fullLayout.updatemenus.slice(0, i).filter(m => m.visible).length",
            index)
        group = plot.locator(".updatemenu-header-group").nth(shown)
        if plot.evaluate("(el, i) => el._fullLayout.updatemenus[i].type === 'buttons'", index):
            group.locator(".updatemenu-button").nth(entry).click()
        else:
            group.click()
            plot.locator(".updatemenu-dropdown-button").nth(entry).click()
        return
    shown = plot.evaluate(
        "(el, i) => el._fullLayout.sliders.slice(0, i).filter(m => m.visible).length", index)
    slider = plot.locator("g.slider-container").nth(shown)
    tick = slider.locator(".slider-tick-rect").nth(entry).bounding_box()
    rail = slider.locator(".slider-rail-touch-rect").bounding_box()
    assert tick and rail
    page.mouse.click(tick["x"] + tick["width"] / 2, rail["y"] + rail["height"] / 2)


def shows(page, plot, choice: Choice) -> dict:  # type: ignore[no-untyped-def]
    """Wait until the caption says the choice's summary, then return what the chart shows."""
    try:
        plot.evaluate_handle(
            "(el, want) => new Promise((done, fail) => { const t0 = Date.now(); (function wait() {"
            " const box = el.closest('figure').querySelector('.lx-summary');"
            " if (box.innerText.trim() === want) { done(true); }"
            " else if (Date.now() - t0 > 5000) { fail(new Error('caption unchanged')); }"
            " else { setTimeout(wait, 25); } })(); })", choice.summary)
    except Exception:  # noqa: BLE001 - the assertion below says what differs
        pass
    page.wait_for_timeout(50)
    return plot.evaluate(STATE)


@pytest.fixture(scope="module")
def choices() -> dict[str, list[Choice]]:
    """Every static choice of every explorer, as the lessons make them (default controls)."""
    ds = load_dataset()
    return {name: form_choices(cls(ds)) for name, cls in EXPLORERS.items()}


def test_every_static_choice_shows_its_title_caption_and_message(site, page, choices):
    out, lessons = site
    seen: dict[str, int] = {}
    problems = []
    for lesson in (les for les in lessons if les.charts):
        _open(page, out / lesson.html_name)
        for index, name in _forms(page):
            plot = page.locator(".lx-plot").nth(index)
            plot.scroll_into_view_if_needed()
            start = plot.evaluate(STATE)
            assert start["live"] == "polite", (lesson.stem, name)
            for choice in choices[name]:
                for step in choice.clicks:
                    click(page, plot, *step)
                now = shows(page, plot, choice)
                where = f"{lesson.stem} {name} {choice.options}"
                if now["caption"] != choice.summary:
                    problems.append(f"{where}: caption {now['caption']!r}")
                if squeeze(now["title"]) != squeeze(choice.title):
                    problems.append(f"{where}: title {now['title']!r} != {choice.title!r}")
                if now["name"] != f"Chart: {choice.title}":
                    problems.append(f"{where}: accessible name {now['name']!r}")
                if choice.empty and not any(squeeze(choice.empty) == squeeze(n)
                                            for n in now["notes"]):
                    problems.append(f"{where}: no message {choice.empty!r} in {now['notes']}")
            seen[name] = seen.get(name, 0) + len(choices[name])
    assert problems == []
    assert set(seen) == set(EXPLORERS), seen  # every explorer's static form was tried
    assert any(c.empty for cs in choices.values() for c in cs)  # and an empty choice with it


def _shot(page, plot, name: str) -> Path:  # type: ignore[no-untyped-def]
    """What the class sees with the chart at the top of the window (no hover box open)."""
    page.mouse.move(0, 0)
    plot.evaluate("el => el.closest('figure').scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


@pytest.mark.parametrize("size", [(1280, 720), (1440, 900)])
def test_screenshots_of_static_forms_at_projector_sizes(site, browser, size):
    """The south pole map (and its site menu open), the roles treemap zoomed in, and the
    south pole map before and after a menu choice, as a teacher would check them."""
    out, _lessons = site
    w, h = size
    context = browser.new_context(viewport={"width": w, "height": h})
    page = context.new_page()
    _open(page, out / "04_south_pole.html")
    plot = page.locator(".lx-plot").first
    _shot(page, plot, f"static-south-pole-{w}x{h}")
    click(page, plot, "menu", 0, 0)  # all layers
    plot.locator(".updatemenu-header-group").nth(1).click()
    _shot(page, plot, f"static-south-pole-site-menu-{w}x{h}")
    buttons = plot.locator(".updatemenu-dropdown-button")
    box = buttons.last.bounding_box()
    assert box and box["y"] + box["height"] <= h  # the whole menu fits the window
    buttons.filter(has_text="IM-1").first.click()
    page.wait_for_timeout(300)
    _shot(page, plot, f"static-south-pole-im-1-{w}x{h}")
    assert "IM-1" in plot.evaluate(STATE)["caption"]
    _open(page, out / "02_station_roles.html")
    index = page.evaluate("() => [...document.querySelectorAll('.lx-plot')].findIndex(el => "
                          "(el.data || []).some(t => t.type === 'treemap'))")
    roles = page.locator(".lx-plot").nth(index)
    _shot(page, roles, f"static-roles-{w}x{h}")
    tiles = roles.locator("g.slice")
    tiles.nth(2).locator("path.surface").click(force=True)  # an objective of the first role
    page.wait_for_timeout(1200)
    _shot(page, roles, f"static-roles-zoomed-{w}x{h}")
    context.close()


#: The bounding boxes of the tile texts a chart shows.
TILE_TEXTS = """el => [...el.querySelectorAll('g.slice text.slicetext')]
  .filter(t => t.textContent.trim()).map(t => t.getBoundingClientRect())
  .map(r => [r.left, r.top, r.right, r.bottom])"""


def overlapping(boxes: list[list[float]]) -> list[tuple[int, int]]:
    """Pairs of boxes that overlap by more than a pixel each way."""
    return [(i, j) for i, a in enumerate(boxes) for j, b in enumerate(boxes) if i < j
            and min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1]


def test_a_click_on_a_role_opens_the_menus_view_of_it(site, page):
    """Clicking a role's band in the four-role view does what the Role menu does (plotly.js's
    own zoom would reuse the narrow column's text, which then overlaps), and clicking the band
    of that view goes back to all four roles."""
    from lunarexplainer.charts import station_roles

    out, _lessons = site
    _open(page, out / "02_station_roles.html")
    index = page.evaluate("() => [...document.querySelectorAll('.lx-plot')].findIndex(el => "
                          "(el.layout.updatemenus || []).length && (el.data || []).some("
                          "t => t.type === 'treemap'))")
    plot = page.locator(".lx-plot").nth(index)
    prepared = station_roles.prepare(load_dataset())
    options = station_roles.role_options(prepared)

    def band(label: str):  # type: ignore[no-untyped-def]
        tile = plot.locator("g.slice").filter(has_text=label).first
        box = tile.bounding_box()
        assert box
        page.mouse.click(box["x"] + 30, box["y"] + 8)

    def after(summary: str) -> dict:  # type: ignore[type-arg]
        return shows(page, plot, Choice([], {}, summary=summary))

    everything = station_roles.summary_of(prepared)
    click(page, plot, "menu", 0, 0)  # all four roles
    after(everything)
    for k, (label, role) in enumerate(options[1:], start=1):
        band(label[:1].upper() + label[1:])
        want = station_roles.summary_of(prepared, role=role)
        now = after(want)
        assert now["caption"] == want, label
        assert squeeze(now["title"]) == squeeze(prepared.facts[role]["title"])
        assert plot.evaluate("el => el.layout.updatemenus[0].active") == k
        assert plot.evaluate("el => el.data[0].level") == f"role:{role}"
        assert overlapping(plot.evaluate(TILE_TEXTS)) == [], label
        band(label[:1].upper() + label[1:])  # the band of one role: all four again
        assert after(everything)["caption"] == everything, label
        assert plot.evaluate("el => el.layout.updatemenus[0].active") == 0
