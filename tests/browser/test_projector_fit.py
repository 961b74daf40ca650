"""Every chart fits a projector (1280×720) on the exported site and in Voila, in Chromium.

For every chart of every lesson, in its opening view and after every choice of its own menus:

* the chart (its Plotly block, so its menus and sliders count) is at most 720 px tall;
* its smallest drawn text is at least 16 px, its title at least 22 px (and drawn inside the
  chart, not over its top edge) and its "Facts up to …" source footer (the annotation
  ``charts.common.finish_figure`` names ``source``) at least 12 px;
* pointing at sampled marks of every trace (the outermost ones on screen and a middle one)
  shows a hover box that lies inside the window.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lunarexplainer.explorers.base import CONTROL_BAR_PX
from lunarexplainer.explorers.base import CONTROL_TEXT_PX

from harness import blocked_attempts
from harness import logged_page
from harness import present_server
from harness import require_chromium

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1280, "height": 720}
TEXT_PX, TITLE_PX, FOOTER_PX = 16, 22, 12
#: The lessons' Voila pages measured: every lesson with a chart, and the number of its live
#: explorers (lessons 00 and 05 show static charts only).
VOILA_EXPLORERS = {"00_start_here": 0, "01_partnership": 1, "02_station_roles": 1,
                   "03_artemis_comparison": 2, "04_south_pole": 1, "05_fact_check_2021": 0}
VOILA_LESSONS = list(VOILA_EXPLORERS)

#: For one chart: its height and, per kind of text, the smallest visible font and its words.
MEASURE = """gd => {
  const kinds = {text: [], title: [], footer: []};
  const names = (gd.layout.annotations || []).map(a => a.name);
  for (const t of gd.querySelectorAll('.main-svg text')) {
    const words = t.textContent.trim();
    const r = t.getBoundingClientRect();
    if (!words || r.width === 0 || r.height === 0) continue;
    if (t.closest('.hoverlayer')) continue;
    let hidden = false;
    for (let e = t; e && e !== gd; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) {
        hidden = true; break;
      }
    }
    if (hidden) continue;
    const note = t.closest('.annotation');
    const kind = t.closest('.gtitle') || t.classList.contains('gtitle') ? 'title'
      : note && names[+note.getAttribute('data-index')] === 'source' ? 'footer' : 'text';
    kinds[kind].push([parseFloat(getComputedStyle(t).fontSize), words.slice(0, 40)]);
  }
  const smallest = k => kinds[k].length ? kinds[k].reduce((a, b) => (b[0] < a[0] ? b : a))
                                        : null;
  const box = gd.getBoundingClientRect();
  const title = gd.querySelector('.gtitle');
  return {height: box.height, text: smallest('text'), title: smallest('title'),
          footer: smallest('footer'),
          titleTop: title ? title.getBoundingClientRect().top - box.top : null};
}"""

#: Per trace, the screen centres of up to five of its marks: the leftmost, rightmost,
#: topmost, bottommost and a middle one (points, bars, tiles, map shapes).
HOVER_TARGETS = """gd => {
  const out = [];
  const marks = '.point, .slice, .choroplethlocation, path.js-line';
  gd.querySelectorAll('.trace').forEach((trace, i) => {
    const centres = [...trace.querySelectorAll(marks)].map(m => m.getBoundingClientRect())
      .filter(r => r.width > 0 && r.height > 0)
      .map(r => [r.left + r.width / 2, r.top + r.height / 2]);
    if (!centres.length) return;
    const by = f => centres.reduce((a, b) => (f(b) < f(a) ? b : a));
    const picks = [by(c => c[0]), by(c => -c[0]), by(c => c[1]), by(c => -c[1]),
                   centres[Math.floor(centres.length / 2)]];
    const seen = new Set();
    for (const p of picks) {
      const key = p.map(Math.round).join(',');
      if (!seen.has(key)) { seen.add(key); out.push({trace: i, x: p[0], y: p[1]}); }
    }
  });
  return out;
}"""

#: The box of the hover label now shown (null when none is shown).
HOVER_BOX = """gd => {
  const boxes = [...gd.querySelectorAll('.hoverlayer .hovertext')]
    .map(h => h.getBoundingClientRect()).filter(r => r.width > 0);
  if (!boxes.length) return null;
  return {left: Math.min(...boxes.map(r => r.left)), right: Math.max(...boxes.map(r => r.right)),
          top: Math.min(...boxes.map(r => r.top)), bottom: Math.max(...boxes.map(r => r.bottom)),
          text: gd.querySelector('.hoverlayer .hovertext').textContent.slice(0, 60)};
}"""

#: Each drawn menu of a chart: its type, the button it starts on and how many it has.
MENUS = """gd => (gd._fullLayout.updatemenus || []).filter(m => m.visible !== false)
  .map(m => ({type: m.type || 'dropdown', active: m.active || 0,
         buttons: m.buttons.filter(b => b.visible !== false).length}))"""


@pytest.fixture
def projector(browser):  # type: ignore[no-untyped-def]
    """A 1280×720 page whose requests are logged; it must end clean."""
    with logged_page(browser, PROJECTOR) as pg:
        yield pg, pg.request_log


def fit_problems(pg, plot, where: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Height and text sizes of one chart, as failure lines (empty when it fits)."""
    m = plot.evaluate(MEASURE)
    out = []
    if m["height"] > PROJECTOR["height"]:
        out.append(f"{where}: {m['height']:.0f} px tall (limit {PROJECTOR['height']})")
    for kind, limit in (("text", TEXT_PX), ("title", TITLE_PX), ("footer", FOOTER_PX)):
        if m[kind] and m[kind][0] < limit:
            out.append(f"{where}: {kind} of {m[kind][0]:g} px (limit {limit}): {m[kind][1]!r}")
    if not m["title"]:
        out.append(f"{where}: no title drawn")
    elif m["titleTop"] < 0:
        out.append(f"{where}: the title runs {-m['titleTop']:.0f} px out of the chart's top")
    return out


def hover_problems(pg, plot, where: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Point at sampled marks of every trace; each hover box must lie inside the window."""
    plot.evaluate("gd => gd.scrollIntoView({block: 'start'})")
    pg.wait_for_timeout(100)
    out = []
    for target in plot.evaluate(HOVER_TARGETS):
        x, y = target["x"], target["y"]
        if not (0 <= x < PROJECTOR["width"] and 0 <= y < PROJECTOR["height"]):
            continue  # a mark out of the window cannot be pointed at without scrolling
        pg.mouse.move(x, y)
        try:
            pg.wait_for_function(
                "gd => gd.querySelector('.hoverlayer .hovertext')", arg=plot.element_handle(),
                timeout=400)
        except Exception:  # noqa: BLE001 (a mark with hover switched off shows nothing)
            continue
        box = plot.evaluate(HOVER_BOX)
        if box and (box["left"] < 0 or box["top"] < 0 or box["right"] > PROJECTOR["width"]
                    or box["bottom"] > PROJECTOR["height"]):
            out.append(f"{where}: hover at trace {target['trace']} ({x:.0f}, {y:.0f}) spans "
                       f"x {box['left']:.0f}..{box['right']:.0f}, y {box['top']:.0f}.."
                       f"{box['bottom']:.0f}, outside 0..{PROJECTOR['width']} × "
                       f"0..{PROJECTOR['height']}: {box['text']!r}")
        pg.mouse.move(2, 2)
        pg.wait_for_timeout(30)
    return out


def choose(pg, plot, order: int, menu: dict, button: int) -> None:  # type: ignore[no-untyped-def]
    """Press button ``button`` of the chart's ``order``-th drawn menu, as a student would."""
    group = plot.locator(".updatemenu-header-group").nth(order)
    if menu["type"] == "dropdown":
        group.locator(".updatemenu-header").click()
        pg.wait_for_timeout(150)
        group = plot.locator(".updatemenu-dropdown-button-group")
    # A long dropdown scrolls inside itself: press the button wherever it is scrolled to.
    group.locator(".updatemenu-dropdown-button, .updatemenu-button").nth(button
                                                                        ).dispatch_event("click")
    pg.wait_for_timeout(250)


def chart_problems(pg, plot, where: str, *, hover: bool = True) -> list[str]:  # type: ignore[no-untyped-def]
    """Everything measured for one chart: its opening view, then each choice of each menu."""
    plot.evaluate("gd => gd.scrollIntoView({block: 'start'})")
    problems = fit_problems(pg, plot, where)
    if hover:
        problems += hover_problems(pg, plot, where)
    for order, menu in enumerate(plot.evaluate(MENUS)):
        for b in range(menu["buttons"]):
            plot.evaluate("gd => gd.scrollIntoView({block: 'start'})")
            choose(pg, plot, order, menu, b)
            problems += fit_problems(pg, plot, f"{where} (menu {order + 1}, choice {b + 1})")
        if menu["buttons"]:
            choose(pg, plot, order, menu, menu["active"])
    return problems


def chart_name(plot) -> str:  # type: ignore[no-untyped-def]
    return plot.evaluate("gd => (gd.layout.meta && gd.layout.meta.name) || gd.id")


def test_every_site_chart_fits_a_projector(site, projector):
    out, lessons = site
    page, _ = projector
    problems = []
    charts = 0
    for lesson in lessons:
        page.goto((out / lesson.html_name).resolve().as_uri())
        page.wait_for_function(
            "n => document.querySelectorAll('.lx-plot.js-plotly-plot .main-svg').length >= n",
            arg=lesson.charts, timeout=30_000)
        plots = page.locator(".lx-plot.js-plotly-plot")
        for i in range(plots.count()):
            plot = plots.nth(i)
            where = f"{lesson.stem} {plot.get_attribute('id')} ({chart_name(plot)})"
            problems += chart_problems(page, plot, where)
            charts += 1
    assert charts == sum(les.charts for les in lessons) > 10
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def voila(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    require_chromium()
    with present_server(tmp_path_factory.mktemp("voila-fit")) as server:
        yield server


def _open_voila(page, url: str, stem: str):  # type: ignore[no-untyped-def]
    page.goto(f"{url}/voila/render/{stem}.ipynb", timeout=120_000)
    page.wait_for_selector("#rendered_cells", state="visible", timeout=120_000)
    page.wait_for_selector("#rendered_cells .js-plotly-plot .main-svg", timeout=60_000)
    if VOILA_EXPLORERS[stem]:
        page.wait_for_selector(".lunarexplainer-explorer .js-plotly-plot .main-svg",
                               timeout=60_000)
    page.wait_for_timeout(1000)
    plots = page.locator("#rendered_cells .js-plotly-plot")
    assert plots.count() > 0
    return plots


def _voila_page(projector):  # type: ignore[no-untyped-def]
    page, log = projector
    log.explain(r"version|semver|Failed to load resource.*favicon", "extension version noise")
    return page, log


def _voila_clean(log) -> None:  # type: ignore[no-untyped-def]
    # jupyterlab-plotly caches a PNG with model.setData(), which Voila's output model lacks.
    log.page_errors = [e for e in log.page_errors if "setData is not a function" not in e]


@pytest.mark.parametrize("stem", VOILA_LESSONS)
def test_every_voila_chart_fits_a_projector(voila, projector, stem):
    url, netguard = voila
    page, log = _voila_page(projector)
    plots = _open_voila(page, url, stem)
    problems = []
    for i in range(plots.count()):
        plot = plots.nth(i)
        problems += chart_problems(page, plot, f"{stem} (Voila) chart {i + 1} "
                                               f"({chart_name(plot)})")
    _voila_clean(log)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
    assert blocked_attempts(netguard) == []


#: Per explorer: its height, its control bar's, and the controls (and the figure) that
#: overlap another one or stick out of the explorer's right edge.
EXPLORER_BOX = """box => {
  const r = box.getBoundingClientRect();
  const parts = [...box.querySelectorAll(
    '.lunarexplainer-controls > *, .js-plotly-plot, .lunarexplainer-note')]
    .filter(e => e.getBoundingClientRect().height > 0);
  const name = e => (e.querySelector('.widget-label, button') || e).textContent.trim()
    || e.className.split(' ').pop();
  const clash = [];
  parts.forEach((a, i) => {
    const p = a.getBoundingClientRect();
    if (p.right > r.right + 1) clash.push(`${name(a)} sticks out on the right`);
    parts.slice(i + 1).forEach(b => {
      const q = b.getBoundingClientRect();
      if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1
          && q.top < p.bottom - 1) clash.push(`${name(a)} overlaps ${name(b)}`);
    });
  });
  const bar = box.querySelector('.lunarexplainer-controls').getBoundingClientRect();
  // the smallest words on a control: labels, menus, list entries, buttons, readouts
  const words = [...box.querySelectorAll('.lunarexplainer-controls *')]
    .filter(e => e.getClientRects().length && [...e.childNodes].some(
      n => n.nodeType === 3 && n.textContent.trim()))
    .map(e => [parseFloat(getComputedStyle(e).fontSize), e.textContent.trim().slice(0, 30)])
    .sort((a, b) => a[0] - b[0]);
  // the figure is drawn as wide as its box (not at plotly.js's default 700 px)
  const gd = box.querySelector('.js-plotly-plot');
  const drawn = [gd._fullLayout.width, gd.clientWidth];
  return {height: r.height, bar: bar.height, clash, smallest: words[0] || [99, ''], drawn};
}"""


@pytest.mark.parametrize("stem", [s for s in VOILA_LESSONS if VOILA_EXPLORERS[s]])
def test_every_voila_explorer_with_its_controls_fits_a_projector(voila, projector, stem):
    """Each explorer, its control bar included, is at most 720 px tall at 1280×720; its
    controls take one row and overlap neither each other nor the chart."""
    url, _ = voila
    page, log = _voila_page(projector)
    _open_voila(page, url, stem)
    boxes = page.locator(".lunarexplainer-explorer")
    assert boxes.count() == VOILA_EXPLORERS[stem]
    found = [boxes.nth(i).evaluate(EXPLORER_BOX) for i in range(boxes.count())]
    _voila_clean(log)
    heights = [round(f["height"]) for f in found]
    assert max(heights) <= PROJECTOR["height"], (
        f"{stem} (Voila): explorers with their controls are {heights} px tall "
        f"(limit {PROJECTOR['height']})")
    assert all(f["bar"] <= CONTROL_BAR_PX for f in found), f"{stem}: control bars {found}"
    assert not [c for f in found for c in f["clash"]], f"{stem}: {found}"
    narrow = [f["drawn"] for f in found if abs(f["drawn"][0] - f["drawn"][1]) > 2]
    assert narrow == [], f"{stem}: figures drawn at a width other than their box's: {narrow}"
    small = [f["smallest"] for f in found if f["smallest"][0] < CONTROL_TEXT_PX]
    assert small == [], f"{stem}: control text under {CONTROL_TEXT_PX} px: {small}"


def test_a_long_table_scrolls_inside_its_chart_with_the_keyboard(site, projector):
    """The claims table fits the window and scrolls inside itself; Tab and the arrow keys
    bring every claim into view (its cell drawn wholly inside the table's box)."""
    out, _ = site
    page, _ = projector
    page.goto((out / "05_fact_check_2021.html").resolve().as_uri())
    page.wait_for_selector(".lx-plot.js-plotly-plot .table-control-view")
    plot = page.locator(".lx-plot.js-plotly-plot", has=page.locator(".table-control-view"))
    # the first column's cells as plain text (Plotly's label markup decoded)
    claims = plot.evaluate("""gd => gd.data[0].cells.values[0].map(v => new DOMParser()
        .parseFromString('<body>' + v + '</body>', 'text/html').body.textContent)""")
    assert len(claims) > 8
    assert plot.evaluate(MEASURE)["height"] <= PROJECTOR["height"]
    # text drawn wholly inside the table's box (the plot area; rows outside it are clipped)
    drawn = """gd => { const top = gd.getBoundingClientRect().top + gd._fullLayout._size.t;
        const bottom = top + gd._fullLayout._size.h;
        return [...gd.querySelectorAll('.table-control-view text')].filter(t => {
            const r = t.getBoundingClientRect();
            return r.height > 0 && r.top >= top - 1 && r.bottom <= bottom + 1; })
          .map(t => t.textContent); }"""
    page.locator("body").focus()
    for _ in range(200):
        page.keyboard.press("Tab")
        if plot.evaluate("gd => document.activeElement === gd"):
            break
    else:
        pytest.fail("Tab never reached the claims table")
    seen = set(plot.evaluate(drawn))
    first = set(seen)
    for _ in range(3 * len(claims)):
        page.keyboard.press("ArrowDown")
        seen.update(plot.evaluate(drawn))
    assert seen != first, "the arrow keys did not scroll the table"
    # Plotly draws a wrapped cell as one line per <tspan>: compare without the spaces
    seen_words = {"".join(text.split()) for text in seen}
    missing = [c for c in claims if "".join(c.split()) not in seen_words]
    assert not missing, f"claims never drawn whole inside the table: {missing}"
    page.keyboard.press("Home")
    assert "".join(claims[0].split()) in {"".join(x.split()) for x in plot.evaluate(drawn)}


def test_a_lesson_opened_from_another_draws_its_explorers_full_width(voila, projector):
    """Going from one lesson's page to the next in the same tab, as a class follows the
    lessons, the next page's explorers were drawn at plotly.js's default 700 px (laid out
    before their page) and stayed so; each must be drawn as wide as its box."""
    url, _ = voila
    page, log = _voila_page(projector)
    _open_voila(page, url, "02_station_roles")
    _open_voila(page, url, "03_artemis_comparison")
    page.wait_for_timeout(1000)
    boxes = page.locator(".lunarexplainer-explorer")
    drawn = [boxes.nth(i).evaluate(EXPLORER_BOX)["drawn"] for i in range(boxes.count())]
    _voila_clean(log)
    assert len(drawn) == VOILA_EXPLORERS["03_artemis_comparison"]
    assert all(abs(w - box) <= 2 for w, box in drawn), drawn
