"""Every lesson in JupyterLab in Chromium, run through the UI as a student would, offline.

For each notebook: Run All from the menu, no error output, exactly the charts the source asks
for are drawn, every explorer answers a control change from the UI, and a screenshot of the
whole notebook is saved to test-artifacts/lab-<notebook>.png. Lesson 01 also proves that the
world map draws its country shapes with no request leaving the machine.
"""

from __future__ import annotations

import html
import json
import re
import urllib.request
from collections.abc import Callable
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from harness import MORE
from harness import TRANSLATED_SCRIPTS
from harness import LabServer
from harness import blocked_attempts
from harness import lab_output_errors
from harness import lab_run_all
from harness import notebook_paths
from harness import screenshot
from harness import translated_paths

pytestmark = pytest.mark.browser

PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
# What a student sees of a plot: the data drawn and the title (title text follows every update).
STATE = "el => JSON.stringify([el.data, ((el.layout || {}).title || {}).text])"
DRAWN_PLOTS = f"""() => [...document.querySelectorAll('{PANEL} .js-plotly-plot')]
    .filter(el => el.querySelector('.main-svg')).length"""

SHOW_CALL = re.compile(r"^\s*(?:show|show_figure)\(", re.MULTILINE)
EXPLORER_CALL = re.compile(r"\b(\w+Explorer)\(")
# CSS class each explorer adds to its widget box (Explorer.name in lunarexplainer/explorers/).
EXPLORER_CLASS = {
    "MissionTimelineExplorer": "lunarexplainer-mission_timeline",
    "PartnerExplorer": "lunarexplainer-partner_map",
    "ScheduleSlipExplorer": "lunarexplainer-schedule_slip",
    "SouthPoleExplorer": "lunarexplainer-south_pole",
    "RolesExplorer": "lunarexplainer-station_roles",
}


def expected_charts(path: Path) -> tuple[int, list[str]]:
    """Charts the notebook's code asks for: one per show()/show_figure() line + explorers.

    Each explorer draws exactly one plot (its FigureWidget), each show() exactly one.
    """
    nb = nbformat.read(path, as_version=4)
    shows = 0
    explorers: list[str] = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        shows += len(SHOW_CALL.findall(cell.source))
        explorers += [m for m in EXPLORER_CALL.findall(cell.source) if m in EXPLORER_CLASS]
    return shows + len(explorers), explorers


def test_chart_expectations_come_from_the_sources():
    """Hand count of the lessons as of today, so the derivation above cannot silently drift."""
    counts = {p.stem: expected_charts(p) for p in notebook_paths()}
    assert counts == {
        "00_start_here": (2, []),
        "01_partnership": (3, ["PartnerExplorer"]),
        "02_station_roles": (2, ["RolesExplorer"]),
        "03_artemis_comparison": (2, ["MissionTimelineExplorer", "ScheduleSlipExplorer"]),
        "04_south_pole": (1, ["SouthPoleExplorer"]),
        "05_fact_check_2021": (2, []),
    }


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def lab(jupyter_lab: LabServer) -> Iterator[LabServer]:
    """The shared Lab server; the kernels a test started are shut down after it (2 cores)."""
    yield jupyter_lab
    # The server checks Tornado's XSRF token on DELETE: take the cookie Lab hands out.
    with urllib.request.urlopen(f"{jupyter_lab.url}/lab") as resp:  # noqa: S310 (loopback)
        cookies = resp.headers.get_all("Set-Cookie") or []
    xsrf = next((c.split(";")[0].split("=", 1)[1] for c in cookies if c.startswith("_xsrf=")),
                "")
    headers = {"Cookie": f"_xsrf={xsrf}", "X-XSRFToken": xsrf}
    with urllib.request.urlopen(f"{jupyter_lab.url}/api/sessions") as resp:  # noqa: S310
        sessions = json.load(resp)
    for s in sessions:
        req = urllib.request.Request(f"{jupyter_lab.url}/api/sessions/{s['id']}",
                                     method="DELETE", headers=headers)
        urllib.request.urlopen(req).close()  # noqa: S310 (loopback only)


def screenshot_notebook(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    """Lab scrolls inside the notebook: scroll it to the top and grow the window to fit it."""
    scroller = f"""(document.querySelector('{PANEL} .jp-WindowedPanel-outer')
                    || document.querySelector('{PANEL} .jp-Notebook'))"""
    height = page.evaluate(f"() => {{ const s = {scroller}; s.scrollTop = 0; "
                           "return s.scrollHeight; }")
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 200, 15_000)})
    page.evaluate(f"() => {{ {scroller}.scrollTop = 0; }}")
    page.wait_for_timeout(1000)  # Lab renders the cells now in view; Plotly relayouts
    path = screenshot(page, name)
    page.set_viewport_size({"width": 1400, "height": 900})
    return path


def explorer_box(page, cls: str, index: int):  # type: ignore[no-untyped-def]
    """The index-th widget box of one explorer kind in the visible notebook."""
    box = page.locator(f"{PANEL} .{cls}").nth(index)
    box.scroll_into_view_if_needed()
    return box


def plot_state(box) -> str:  # type: ignore[no-untyped-def]
    return box.locator(".js-plotly-plot").evaluate(STATE)


def wait_changed(page, box, before: str, what: str) -> str:  # type: ignore[no-untyped-def]
    """Wait until the box's plot differs from ``before``; return its new title."""
    plot = box.locator(".js-plotly-plot").element_handle()
    try:
        page.wait_for_function(f"([el, before]) => ({STATE})(el) !== before",
                               arg=[plot, before], timeout=15_000)
    except Exception:  # noqa: BLE001 (turned into a readable failure)
        pytest.fail(f"the plot did not change after {what}")
    errors = box.locator(".widget-output").inner_text()
    assert "could not be updated" not in errors, errors
    return plot.evaluate("el => el.layout.title.text")


def select_other(select) -> str:  # type: ignore[no-untyped-def]
    """Pick the last option that is not the current one; return its label."""
    options = select.evaluate("s => [...s.options].map(o => [o.value, o.label])")
    current = select.evaluate("s => s.value")
    value, label = next(o for o in reversed(options) if o[0] != current)
    select.select_option(value)
    return label.replace("\xa0", " ")  # ipywidgets shows spaces as no-break spaces


# --------------------------------------------------------------------------- explorer drivers


def drive_partners(page, box) -> None:  # type: ignore[no-untyped-def]
    """Year slider by keyboard (one year back), then the framework drop-down."""
    plot = box.locator(".js-plotly-plot").element_handle()
    page.wait_for_function("el => ((el.layout || {}).title || {}).text", arg=plot,
                           timeout=15_000)  # a map takes a moment to draw
    title = plot.evaluate("el => el.layout.title.text")
    # "… by 24 November 2026:" for the newest year, "… by the end of 2025:" before it.
    year = int(re.search(r"known joining date by (?:the end of |\d{1,2} \w+ )(\d{4})",
                         title).group(1))
    before = plot_state(box)
    box.locator(".widget-slider .noUi-handle").first.focus()
    page.keyboard.press("ArrowLeft")
    new_title = wait_changed(page, box, before, "moving the year slider with the keyboard")
    assert f"by the end of {year - 1}" in new_title
    drawn = " ".join(box.locator(".gtitle").all_text_contents())  # what the student reads
    assert f"by the end of {year - 1}" in drawn, drawn

    before = plot_state(box)
    box.locator(".widget-dropdown select").select_option(label="ILRS")
    new_title = wait_changed(page, box, before, "picking ILRS")
    assert "ILRS" in new_title and "Artemis" not in new_title
    shown = box.locator(".js-plotly-plot").evaluate(
        "el => el.data.filter(t => t.visible !== false).map(t => t.name)")
    assert shown and all(name.startswith("ILRS") for name in shown), shown


def drive_roles(page, box) -> None:  # type: ignore[no-untyped-def]
    """The menu picks one role; a click on that view's band opens all four roles again and a
    click on a role's band opens that role, each setting the menu (the served loader sends
    the click to Python, plotly.js does not zoom)."""
    plot = box.locator(".js-plotly-plot")
    select = box.locator(".widget-dropdown select")
    assert select.evaluate("s => s.selectedIndex") == 0  # opens on all four roles
    before = plot_state(box)
    label = select.evaluate("s => s.options[1].text")
    select.select_option(index=1)
    title = wait_changed(page, box, before, f"picking {label!r}")
    assert "objectives" in title and " roles, " not in title, title  # one role

    def band(text: str) -> None:
        tile = plot.locator("g.slice").filter(has_text=text[:1].upper() + text[1:]).first
        tile.scroll_into_view_if_needed()
        where = tile.bounding_box()
        assert where
        page.mouse.click(where["x"] + 30, where["y"] + 8)

    before = plot_state(box)
    band(label)
    title = wait_changed(page, box, before, "a click on the role's band")
    assert re.search(r"\b\d+ roles, \d+ objectives", title), title  # the whole treemap
    page.wait_for_function("s => s.selectedIndex === 0", arg=select.element_handle())
    assert plot.evaluate("el => el.data[0].type") == "treemap"
    other = select.evaluate("s => s.options[2].text")
    before = plot_state(box)
    band(other)
    title = wait_changed(page, box, before, f"a click on {other!r}")
    page.wait_for_function("s => s.selectedIndex === 2", arg=select.element_handle())
    assert plot.evaluate("el => el.data[0].level").startswith("role:"), title


def assert_date_axis(box) -> None:  # type: ignore[no-untyped-def]
    """The launch-date axis must stay a date axis (years on the ticks), whatever is picked."""
    axis = box.locator(".js-plotly-plot").evaluate(
        "el => ({type: el._fullLayout.xaxis.type, range: el._fullLayout.xaxis.range})")
    assert axis["type"] == "date", f"the timeline's x axis is no longer dates: {axis}"


def drive_mission_timeline(page, box) -> None:  # type: ignore[no-untyped-def]
    """One program in the multi-select, then the Crew toggle to 'crewed'."""
    assert_date_axis(box)
    before = plot_state(box)
    programs = box.locator(".widget-select-multiple select").first
    if not programs.is_visible():  # the lists open from the control bar's button
        box.locator(MORE).click()
        programs.wait_for(state="visible")
    chosen = programs.evaluate("s => [...s.selectedOptions].map(o => o.value)")
    assert len(chosen) > 1
    programs.select_option(chosen[:1])
    title = wait_changed(page, box, before, "picking a single program")
    n_one = int(re.search(r"(\d+) shown", title).group(1))
    n_before = int(re.search(r"(\d+) shown", json.loads(before)[1]).group(1))
    assert 0 < n_one < n_before, (title, json.loads(before)[1])
    ticks = box.locator(".js-plotly-plot").evaluate("el => el.layout.yaxis.ticktext")
    assert len(ticks) == 1, ticks
    assert_date_axis(box)

    before = plot_state(box)
    box.locator(".widget-toggle-button", has_text=re.compile(r"^\s*crewed\s*$")).click()
    title = wait_changed(page, box, before, "clicking the 'crewed' toggle")
    n_crewed = int(re.search(r"(\d+) shown", title).group(1))
    assert n_crewed < n_one, title
    if n_crewed == 0:  # the friendly note replaces an empty chart
        note = box.locator(".annotation-text", has_text="No missions match")
        assert note.count() == 1
    assert_date_axis(box)


def drive_schedule_slip(page, box) -> None:  # type: ignore[no-untyped-def]
    before = plot_state(box)
    select = box.locator(".widget-select-multiple select")
    options = select.evaluate("s => [...s.options].map(o => [o.value, o.label])")
    chosen = select.evaluate("s => [...s.selectedOptions].map(o => o.value)")
    value, label = next(o for o in options if o[0] not in chosen)
    select.select_option([value])  # this one alone
    wait_changed(page, box, before, "picking another mission")
    drawn = box.locator(".gtitle").text_content() or ""
    assert label.replace("\xa0", " ") in drawn, (label, drawn)  # what the student reads
    named = box.locator(".js-plotly-plot").evaluate(  # each line's name at its last point
        "el => el.data.filter(t => (t.meta || {}).kind === 'labels')[0].text")
    assert len(named) == 1 and label.replace("\xa0", " ") in html.unescape(named[0]), named
    assert box.locator(".textpoint text", has_text=label.replace("\xa0", " ")).count() == 1


def drive_south_pole(page, box) -> None:  # type: ignore[no-untyped-def]
    before = plot_state(box)
    label = select_other(box.locator(".widget-dropdown select"))
    title = wait_changed(page, box, before, f"picking the site {label!r}")
    name = label.rsplit(" (", 1)[0]
    assert name in title, (name, title)
    drawn = box.locator(".gtitle").text_content() or ""
    assert drawn.endswith(name), drawn  # what the student reads, entities decoded
    page.wait_for_function("([el, name]) => el.innerText.includes(name)",
                           arg=[box.locator(".widget-html").first.element_handle(), name],
                           timeout=10_000)


DRIVERS: dict[str, Callable[..., None]] = {
    "PartnerExplorer": drive_partners,
    "RolesExplorer": drive_roles,
    "MissionTimelineExplorer": drive_mission_timeline,
    "ScheduleSlipExplorer": drive_schedule_slip,
    "SouthPoleExplorer": drive_south_pole,
}


# --------------------------------------------------------------------------- the test


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_lesson_runs_in_lab_draws_its_charts_and_explorers_respond(lab, page, path):
    n_charts, explorers = expected_charts(path)
    lab_run_all(page, lab, path.name)

    # 1. No error output, no broken widget, and exactly the charts the code asks for.
    assert lab_output_errors(page) == []
    try:
        page.wait_for_function(f"() => ({DRAWN_PLOTS})() >= {n_charts}", timeout=60_000)
    except Exception:  # noqa: BLE001 (the count below says what is missing)
        pass
    page.wait_for_timeout(500)  # a chart drawn twice would show up now
    drawn = page.evaluate(DRAWN_PLOTS)
    assert drawn == n_charts, f"{path.name}: {drawn} charts drawn, the code shows {n_charts}"
    text = page.locator(f"{PANEL} .jp-Notebook").inner_text()
    for broken in ("Error displaying widget", "Loading widget...", "Traceback",
                   "application/vnd", "FigureWidget(", "VBox("):
        assert broken not in text, f"{path.name} shows {broken!r}"
    boxes = page.locator(f"{PANEL} .lunarexplainer-explorer")
    assert boxes.count() == len(explorers)

    screenshot_notebook(page, f"lab-{path.stem}")

    # 2. Every explorer answers a control change made through the UI.
    seen: dict[str, int] = {}
    for name in explorers:
        index = seen.get(name, 0)
        seen[name] = index + 1
        DRIVERS[name](page, explorer_box(page, EXPLORER_CLASS[name], index))

    # 3. Lesson 01's world map draws country shapes offline.
    if "PartnerExplorer" in explorers:
        geo = explorer_box(page, EXPLORER_CLASS["PartnerExplorer"], 0).locator(
            ".js-plotly-plot").evaluate(
            """el => ({countries: el.querySelectorAll('.geo .countries path, .geo .land path')
                           .length,
                       filled: el.querySelectorAll('.choroplethlocation').length})""")
        assert not page.request_log.non_local(), (
            f"the world map asked the internet: {page.request_log.non_local()}")
        assert geo["countries"] > 0 and geo["filled"] > 0, f"world map is blank: {geo}"

    assert blocked_attempts(lab.netguard_log) == []
    assert lab_output_errors(page) == []


# --------------------------------------------------------------------------- translations


def drive_any(page, box) -> None:  # type: ignore[no-untyped-def]
    """Any explorer, in any language: pick another entry of its first menu or list."""
    before = plot_state(box)
    select = box.locator("select").first
    if not select.is_visible():  # the lists open from the control bar's button
        box.locator(MORE).click()
        select.wait_for(state="visible")
    label = select_other(select)
    wait_changed(page, box, before, f"picking {label!r}")


@pytest.mark.parametrize("path", translated_paths(), ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_translated_lesson_runs_in_lab_in_its_language(lab, page, path):
    n_charts, explorers = expected_charts(path)
    lab_run_all(page, lab, f"{path.parent.name}/{path.name}")
    assert lab_output_errors(page) == []
    page.wait_for_function(f"() => ({DRAWN_PLOTS})() >= {n_charts}", timeout=60_000)
    page.wait_for_timeout(500)
    assert page.evaluate(DRAWN_PLOTS) == n_charts, path.name
    script = re.compile(TRANSLATED_SCRIPTS[path.parent.name])
    titles = page.locator(f"{PANEL} .js-plotly-plot .gtitle").all_text_contents()
    assert titles and all(script.search(title) for title in titles), titles
    boxes = page.locator(f"{PANEL} .lunarexplainer-explorer")
    assert boxes.count() == len(explorers)
    screenshot_notebook(page, f"lab-{path.parent.name}-{path.stem}")
    for i in range(boxes.count()):
        drive_any(page, boxes.nth(i))
    assert blocked_attempts(lab.netguard_log) == []
    assert lab_output_errors(page) == []
