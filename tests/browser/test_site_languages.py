"""The Chinese and Russian sites in Chromium: every page speaks its language (titles, keys,
hovers, captions, quizzes), agrees with the English site on every number the quizzes check,
links to the same page in the other languages, and draws every character with a real glyph."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from lunarexplainer.datatext import TEXT_COLUMNS
from lunarexplainer.text import LANGUAGES

from harness import REPO
from harness import TRANSLATED_SCRIPTS
from harness import screenshot

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1280, "height": 720}
HTML_LANG = {"en": "en", "zh": "zh-Hans", "ru": "ru"}

#: Everything a chart says, read from the drawn figure: title, key entries, axis titles,
#: caption under the chart.
CHART_WORDS = """() => [...document.querySelectorAll('figure.lx-figure')].map(f => {
  const el = f.querySelector('.lx-plot');
  const layout = el.layout || {};
  const title = layout.title && typeof layout.title === 'object' ? layout.title.text
                                                                 : layout.title;
  const axes = Object.keys(layout).filter(k => /^[xy]axis\\d*$/.test(k))
    .map(k => layout[k].title && layout[k].title.text).filter(Boolean);
  const keyed = ['scatter', 'scattergeo', 'bar', 'choropleth'];  // traces a key can list
  const keys = (el.data || []).filter(d => keyed.includes(d.type || 'scatter')
                                        && d.showlegend !== false && d.name).map(d => d.name);
  const cap = f.querySelector('.lx-summary');
  return {title: String(title || ''), axes, keys, caption: cap ? cap.innerText : ''};
})"""


def _open(page, path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.lx-plot')].every(el => el.querySelector("
        "'.main-svg'))", timeout=30_000)


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text)


@pytest.mark.parametrize("lang", ["zh", "ru"])
def test_every_page_speaks_its_language(sites, lang, page):
    script = re.compile(TRANSLATED_SCRIPTS[lang])
    out, lessons = sites[lang]
    page.set_viewport_size(PROJECTOR)
    untranslated = []
    for lesson in lessons:
        _open(page, out / lesson.html_name)
        assert page.evaluate("() => document.documentElement.lang") == HTML_LANG[lang]
        main = page.locator("main").inner_text()
        assert len(script.findall(main)) > 0.3 * len(re.findall(r"[A-Za-z]", main)), \
            f"{lesson.stem}: the page is mostly not in {lang}"
        for chart in page.evaluate(CHART_WORDS):
            for what in ("title", "caption"):
                if not script.search(_plain(chart[what])):
                    untranslated.append(f"{lesson.stem}: {what}: {chart[what][:80]}")
            for word in [*chart["axes"], *chart["keys"]]:
                plain = _plain(word)
                if re.search(r"[A-Za-z]{4,}", plain) and not script.search(plain) and \
                        not _proper_name(plain):
                    untranslated.append(f"{lesson.stem}: key or axis: {plain[:80]}")
        screenshot(page, f"site-{lang}-{lesson.stem}")
    assert untranslated == [], "\n".join(untranslated)


def _proper_name(text: str) -> bool:
    """Names that stay in Latin letters in every language: company landers, CLPS, NASA."""
    return bool(re.fullmatch(r"[\w\s().,'’:–-]*", text)) and bool(
        re.search(r"\b(CLPS|NASA|ESA|JAXA|ILRS|IM-\d|Intuitive|Astrobotic|ispace|Firefly|Blue "
                  r"Ghost|Peregrine|Odysseus|Hakuto|SLIM|Chandrayaan|Vikram|Crew Dragon|"
                  r"SpaceX)\b", text))


@pytest.mark.parametrize("lang", ["zh", "ru"])
def test_hovers_are_in_the_language(sites, lang, page):
    script = re.compile(TRANSLATED_SCRIPTS[lang])
    out, lessons = sites[lang]
    page.set_viewport_size(PROJECTOR)
    seen = 0
    for lesson in (les for les in lessons if les.charts):
        _open(page, out / lesson.html_name)
        texts = page.evaluate("""() => [...document.querySelectorAll('.lx-plot')].flatMap(el =>
            (el.data || []).flatMap(d => [].concat(d.hovertext || [], d.text || [],
                                                   d.hovertemplate || [])))
            .filter(s => typeof s === 'string' && s.length > 12)""")
        assert texts, lesson.stem
        shown = [re.sub(r"%\{[^}]*\}", "", s) for s in texts]  # not a template's fields
        worded = [s for s in shown if re.search(r"[A-Za-z]{5,}", _plain(s))
                  and not _proper_name(_plain(s))]
        translated = [s for s in worded if script.search(s)]
        assert len(translated) >= 0.8 * len(worded), (
            f"{lesson.stem}: {len(worded) - len(translated)} of {len(worded)} hover texts "
            f"have no {lang}: {[s[:60] for s in worded if not script.search(s)][:5]}")
        seen += len(texts)
    assert seen > 50


def _quiz_answers(page) -> dict[str, object]:  # type: ignore[no-untyped-def]
    data = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        'form[data-quiz-question]')].map(f => [f.dataset.quizQuestion,
        JSON.parse(f.querySelector('script.lx-quiz-data').textContent)]))""")
    return {qid: {k: v for k, v in spec.items() if isinstance(v, int | float)}
            for qid, spec in data.items()}


def test_the_quizzes_check_the_same_numbers_in_every_language(sites, page):
    out_en, lessons = sites["en"]
    compared = 0
    for lesson in lessons:
        page.goto((out_en / lesson.html_name).resolve().as_uri())
        english = _quiz_answers(page)
        for lang in ("zh", "ru"):
            page.goto((sites[lang][0] / lesson.html_name).resolve().as_uri())
            assert _quiz_answers(page) == english, (lesson.stem, lang)
        compared += sum(len(v) for v in english.values())
    assert compared > 5


def test_every_page_links_to_itself_in_the_other_languages(sites, page):
    for lang, (out, lessons) in sites.items():
        for name in [*(les.html_name for les in lessons), "index.html", "glossary.html"]:
            page.goto((out / name).resolve().as_uri())
            links = page.evaluate("""() => [...document.querySelectorAll('nav.lx-langs a')]
                .map(a => ({lang: a.getAttribute('hreflang'), href: a.href,
                            current: a.getAttribute('aria-current') === 'true'}))""")
            assert [x["lang"] for x in links] == [HTML_LANG[x] for x in LANGUAGES], (lang, name)
            assert [x["current"] for x in links] == [x == lang for x in LANGUAGES]
            for link in links:
                target = Path(link["href"].removeprefix("file://"))
                assert target.name == name and target.exists(), (lang, name, link)


def _glyphless(chars: set[str]) -> list[str]:
    """The characters no installed font has a glyph for (fontconfig, as Chromium and kaleido
    find their fonts on Linux)."""
    def covered(group: list[str]) -> bool:
        charset = " ".join(f"{ord(ch):x}" for ch in group)
        return bool(subprocess.run(["fc-list", f":charset={charset}", "family"],
                                   capture_output=True, text=True, check=False).stdout.strip())

    printable = sorted(ch for ch in chars if ch.isprintable() and not ch.isspace())
    cjk = [ch for ch in printable if re.match(TRANSLATED_SCRIPTS["zh"], ch)]
    missing = []
    for group in (cjk, [ch for ch in printable if ch not in cjk]):
        if group and not covered(group):  # one font for the whole group, else each one
            missing += [f"{ch} (U+{ord(ch):04X})" for ch in group if not covered([ch])]
    return missing


def _translated_text() -> str:
    """Every translated word we ship: catalogs, data text and lessons."""
    parts = []
    for lang in ("zh", "ru"):
        parts.append((REPO / f"src/lunarexplainer/text/locale/{lang}/LC_MESSAGES/"
                      "lunarexplainer.po").read_text(encoding="utf-8"))
        parts += [(REPO / "data" / lang / f"{table}.csv").read_text(encoding="utf-8")
                  for table in TEXT_COLUMNS if (REPO / "data" / lang / f"{table}.csv").exists()]
        for nb in sorted((REPO / "notebooks" / lang).glob("*.ipynb")):
            cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
            parts += ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    return "\n".join(parts)


def test_no_character_is_drawn_as_an_empty_box():
    chars = {ch for ch in _translated_text() if ord(ch) > 0x7F}
    assert len(chars) > 500  # Chinese and Cyrillic text is really there
    assert _glyphless(chars) == [], "install fonts-noto-cjk (see .ci/run)"
