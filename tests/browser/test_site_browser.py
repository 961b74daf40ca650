"""The exported static site in Chromium from file://: offline, drawn, usable and accessible."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from lunarexplainer.export import export_site

from harness import ARTIFACTS
from harness import IN_CI
from harness import REPO
from harness import require_chromium
from harness import screenshot
from harness import world_map_shapes

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
XSS = "<script>alert(1)</script>"
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory) -> Path:
    """A site built from a copied data folder in which a mission is named like a script tag."""
    require_chromium()
    base = tmp_path_factory.mktemp("xss")
    data = base / "data"
    shutil.copytree(REPO / "data", data)
    path = data / "missions.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    fields = list(rows[0])
    target = next(r for r in rows if r["id"] == "change-4")
    target["name"] = XSS
    target["summary"] = f"Summary with {XSS} inside."
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    notebooks = base / "notebooks"
    notebooks.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Escaping check\n\nData text must show as text."),
        nbformat.v4.new_code_cell(
            "from lunarexplainer import load_dataset\nfrom lunarexplainer.display import show\n"
            "from lunarexplainer.explorers import MissionTimelineExplorer\n"
            "ds = load_dataset()\nshow(ds, 'mission_timeline');\n"
            "print(ds.missions.set_index('id').loc['change-4', 'name'])"
        ),
        nbformat.v4.new_code_cell("MissionTimelineExplorer(ds)"),
    ]
    nbformat.write(nb, notebooks / "00_escaping.ipynb")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LUNAREXPLAINER_DATA", str(data))
        export_site(base / "site", notebooks_dir=notebooks)
    return base / "site"


def _open(page, path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")


def _wait_drawn(page, n: int) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "n => document.querySelectorAll('.lx-plot.js-plotly-plot .main-svg').length >= n",
        arg=n, timeout=30_000,
    )


def test_index_lists_every_lesson(site, page):
    out, lessons = site
    _open(page, out / "index.html")
    links = page.locator("ol.lx-lessons a").all()
    assert [a.get_attribute("href") for a in links] == [les.html_name for les in lessons]
    assert "Facts up to" in page.inner_text("main")
    for lesson in lessons:
        assert lesson.summary, f"{lesson.stem} has no one-line summary"
    screenshot(page, "site-index")


def test_every_page_draws_its_charts_offline(site, browser):
    from harness import RequestLog

    out, lessons = site
    problems = []
    for lesson in lessons:
        context = browser.new_context(viewport={"width": 1300, "height": 900})
        pg = context.new_page()
        log = RequestLog()
        log.attach(pg)
        _open(pg, out / lesson.html_name)
        if lesson.charts:
            _wait_drawn(pg, lesson.charts)
        drawn = pg.evaluate(
            "() => [...document.querySelectorAll('.lx-plot')].map(el => "
            "(el.data || []).length)"
        )
        assert len(drawn) == lesson.charts, lesson.stem
        assert all(n > 0 for n in drawn), f"{lesson.stem}: empty chart {drawn}"
        geo = world_map_shapes(pg, ".lx-plot")
        assert all(n > 0 for n in geo), f"{lesson.stem}: a world map has no shapes {geo}"
        screenshot(pg, f"site-{lesson.stem}")
        problems += [f"{lesson.stem}: {p}" for p in log.problems()]
        context.close()
    assert problems == []


def test_every_chart_has_its_caption_under_it(site, page):
    out, lessons = site
    for lesson in (les for les in lessons if les.charts):
        _open(page, out / lesson.html_name)
        _wait_drawn(page, lesson.charts)
        figures = page.evaluate(
            "() => [...document.querySelectorAll('figure.lx-figure')].map(f => {"
            " const plot = f.querySelector('.lx-plot'), cap = f.querySelector('figcaption');"
            " const label = document.getElementById(f.getAttribute('aria-labelledby'));"
            " return {label: label === cap, name: plot.getAttribute('aria-label'),"
            " said: cap ? [...cap.querySelectorAll('p:not(.lx-source)')].map(p => p.innerText"
            ".trim()) : [],"
            " below: cap ? cap.getBoundingClientRect().top >= plot.getBoundingClientRect().bottom"
            " - 1 : false}; })"
        )
        assert len(figures) == lesson.charts, lesson.stem
        for fig in figures:
            assert fig["label"] and fig["below"], (lesson.stem, fig)
            # the chart's own summary, not just its title repeated
            title = fig["name"].removeprefix("Chart: ")
            assert any(len(p) > 20 and p != title for p in fig["said"]), (lesson.stem, fig)


def test_pages_link_and_load_nothing_from_outside(site):
    out, lessons = site
    refs = {}
    for path in out.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        refs[path.name] = [r for r in re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", text)
                           if re.match(r"//|(?!data:)[a-z][a-z0-9+.-]*:", r, re.I)]
    assert len(refs) == len(lessons) + 2  # every lesson, the index and the glossary
    assert all(found == [] for found in refs.values()), refs


def test_a_plotly_control_in_an_exported_explorer_changes_the_plot(site, page):
    out, lessons = site
    for lesson in lessons:
        _open(page, out / lesson.html_name)
        if lesson.charts:
            _wait_drawn(page, lesson.charts)
        index = page.evaluate(
            "() => [...document.querySelectorAll('.lx-plot')].findIndex(el => "
            "(el.layout.updatemenus || []).length > 0)"
        )
        if index >= 0:
            break
    else:
        pytest.fail("no exported chart has a Plotly dropdown or buttons")
    plot = page.locator(".lx-plot").nth(index)
    plot.scroll_into_view_if_needed()
    state = ("el => JSON.stringify([el.data, el.layout.title, el.layout.annotations, "
             "(el.layout.xaxis || {}).range])")
    before = plot.evaluate(state)
    header = plot.locator(".updatemenu-header")
    if header.count():
        header.first.click()
    buttons = plot.locator(".updatemenu-button")
    assert buttons.count() >= 2
    buttons.last.click()
    page.wait_for_timeout(400)
    after = plot.evaluate(state)
    assert after != before, f"choosing a menu entry in {lesson.stem} did not change the plot"
    screenshot(page, f"site-control-{lesson.stem}")


def test_pages_have_no_serious_accessibility_violations(site, page):
    if not AXE.exists():
        reason = "axe-core is not installed (make test runs `npm ci` when npm is available)"
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    out, lessons = site
    report = []
    serious = []
    for name in ["index.html"] + [les.html_name for les in lessons]:
        _open(page, out / name)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations'], preload: false})"
        )
        for v in result["violations"]:
            line = f"{name}: {v['impact']}: {v['id']} ({len(v['nodes'])} nodes): {v['help']}"
            report.append(line)
            if v["impact"] in SERIOUS:
                serious.append(line + " e.g. " + v["nodes"][0]["html"][:160])
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-site.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    print("\n".join(report) or "axe: no violations")
    assert serious == []


def test_print_layout_fits_the_page_width(site, page):
    out, lessons = site
    lesson = max(lessons, key=lambda les: les.charts)
    _open(page, out / lesson.html_name)
    _wait_drawn(page, lesson.charts)
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_timeout(300)
    widths = page.evaluate(
        "() => [...document.querySelectorAll('.lx-plot .main-svg')]"
        ".map(s => s.getBoundingClientRect().width)"
    )
    assert widths and max(widths) <= 700
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / f"site-print-{lesson.stem}.pdf"), format="A4")


def test_text_from_data_shows_as_text(xss_site, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _open(page, xss_site / "00_escaping.html")
    _wait_drawn(page, 2)
    assert dialogs == []
    assert XSS in page.inner_text("main")  # printed text, shown literally
    labels = page.evaluate(
        "() => [...document.querySelectorAll('.lx-plot')].map(el => JSON.stringify(el.data))"
    )
    assert any("&lt;script&gt;" in json.loads(json.dumps(s)) for s in labels)
    assert page.evaluate("() => document.querySelectorAll('main script:not([type])').length") == 0
    screenshot(page, "site-escaping")
