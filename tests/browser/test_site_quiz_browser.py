"""Quizzes, exercises and the glossary on the exported site, in Chromium from file://, with
no kernel: every question from the quiz data is answered right and wrong, the exercises'
solutions open, glossary words show their meaning, and all of it works from the keyboard."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lunarexplainer import load_dataset
from lunarexplainer.lesson import exercises
from lunarexplainer.lesson import glossary
from lunarexplainer.lesson import quiz
from lunarexplainer.lesson.quiz import MultipleChoice
from lunarexplainer.text import in_language
from lunarexplainer.text import t

from harness import ARTIFACTS
from harness import IN_CI
from harness import REPO

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}
PROJECTOR = {"width": 1280, "height": 720}


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture
def projector(page):  # type: ignore[no-untyped-def]
    page.set_viewport_size(PROJECTOR)
    return page


def _open(page, path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """A 1280x720 screenshot of what the class sees (not the full page)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _feedback(form) -> str:  # type: ignore[no-untyped-def]
    return " ".join(form.locator(".lx-feedback").inner_text().split())


def _choose(form, option: str) -> None:  # type: ignore[no-untyped-def]
    form.locator("label", has_text=re.compile(rf"^\s*{re.escape(option)}\s*$")).click()


@pytest.mark.parametrize("lang", ["en", "zh", "ru"])
def test_every_question_answers_right_and_wrong_with_its_feedback(sites, lang, page):
    """In each language's site: the same questions, checked the same way, in its words."""
    with in_language(lang):
        _every_question_answers(sites[lang], load_dataset(), page)


def _every_question_answers(site, ds, page) -> None:  # type: ignore[no-untyped-def]
    out, lessons = site
    right, not_yet = t("Right!"), t("Not yet.")
    asked = 0
    for lesson in lessons:
        questions = quiz.lesson_questions(lesson.stem, ds)
        _open(page, out / lesson.html_name)
        forms = page.locator("form[data-quiz-question]")
        assert forms.count() == len(questions), lesson.stem
        for q in questions:
            form = page.locator(f'form[data-quiz-question="{q.id}"]')
            assert form.locator("[aria-live=polite]").count() == 1
            form.scroll_into_view_if_needed()
            check = form.locator("button.lx-check")
            check.click()  # nothing chosen yet
            empty = q.check(None if isinstance(q, MultipleChoice) else "")
            assert _feedback(form) == f"{not_yet} {empty.message}", (lesson.stem, q.id)
            if isinstance(q, MultipleChoice):
                wrong = next(o for o in q.options if o != q.correct)
                _choose(form, wrong)
                check.click()
                assert _feedback(form) == f"{not_yet} {q.check(wrong).message}", q.id
                _choose(form, q.correct)
                check.click()
            else:
                box = form.locator("input[type=text]")
                box.fill(_number_text(q.answer + q.tolerance + 1000))
                box.press("Enter")
                far = q.check(q.answer + q.tolerance + 1000).message
                assert _feedback(form) == f"{not_yet} {far}", q.id
                box.fill("lots")
                box.press("Enter")
                assert _feedback(form) == f"{not_yet} {q.check('lots').message}", q.id
                for tempting, hint in q.near.items():
                    if abs(tempting - q.answer) > q.tolerance:
                        box.fill(_number_text(tempting))
                        box.press("Enter")
                        assert _feedback(form) == f"{not_yet} {hint}", q.id
                box.fill(_number_text(q.answer))
                box.press("Enter")
            assert _feedback(form) == f"{right} {q.explanation}", (lesson.stem, q.id)
            assert form.get_attribute("data-answered") == "right"
            why = form.locator("details.lx-why")
            why.locator("summary").click()
            assert q.why in " ".join(why.inner_text().split())
            asked += 1
    assert asked == sum(len(quiz.lesson_questions(les.stem, ds)) for les in lessons) > 10


def test_a_quiz_before_and_after_check_at_projector_size(site, ds, projector):
    out, _ = site
    page = projector
    _open(page, out / "00_start_here.html")
    q = next(q for q in quiz.lesson_questions("00_start_here", ds) if isinstance(q,
                                                                               MultipleChoice))
    form = page.locator(f'form[data-quiz-question="{q.id}"]')
    form.evaluate("f => f.scrollIntoView({block: 'start'})")
    _shot(page, "site-quiz-before-check")
    _choose(form, next(o for o in q.options if o != q.correct))
    form.locator("button.lx-check").click()
    _shot(page, "site-quiz-wrong")
    _choose(form, q.correct)
    form.locator("button.lx-check").click()
    _shot(page, "site-quiz-after-check")
    box = form.bounding_box()
    assert box["width"] <= PROJECTOR["width"] and box["height"] <= PROJECTOR["height"]


def test_exercises_show_their_task_and_reveal_a_solution(site, ds, projector):
    out, _ = site
    page = projector
    _open(page, out / f"{exercises.LESSON}.html")
    main = page.inner_text("main")
    assert "Not yet" not in main  # no verdict before the student has done anything
    key = exercises.answer_key(ds)
    boxes = page.locator(".lx-exercise")
    assert boxes.count() == len(key) == len(exercises.CHECKERS)
    for entry in key:
        box = page.locator(f'.lx-exercise[data-exercise="{entry.id}"]')
        assert "= None" in box.locator("pre.lx-task").inner_text()
        solution = box.locator("details.lx-solution")
        assert solution.get_attribute("open") is None
        assert not box.locator("details.lx-solution pre").is_visible()
        box.locator("summary").focus()
        page.keyboard.press("Enter")  # keyboard opens it
        assert solution.get_attribute("open") is not None
        assert entry.prompt in solution.inner_text() and entry.answer in solution.inner_text()
    page.locator(".lx-exercise").first.evaluate("e => e.scrollIntoView({block: 'start'})")
    _shot(page, "site-exercise-solution")


def test_glossary_words_show_their_meaning_on_focus_hover_and_tap(site, projector):
    out, lessons = site
    page = projector
    meanings = {term.id: term.shown()[1] for term in glossary.terms()}
    marked_anywhere = set()
    for lesson in lessons:
        _open(page, out / lesson.html_name)
        words = page.locator("button.lx-term-word")
        ids = [words.nth(i).get_attribute("data-term") for i in range(words.count())]
        assert len(ids) == len(set(ids)) > 0, lesson.stem  # each term once per lesson
        marked_anywhere |= set(ids)
        for i, term_id in enumerate(ids):
            word = words.nth(i)
            tip = page.locator(f"#{word.get_attribute('aria-describedby')}")
            assert not tip.is_visible()
            word.focus()
            assert tip.is_visible() and tip.inner_text() == meanings[term_id], term_id
            page.keyboard.press("Escape")
            assert not tip.is_visible(), f"{term_id}: Escape does not close the meaning"
            word.blur()
    assert {"ilrs", "memorandum", "accords", "treaty", "reconnaissance"} <= marked_anywhere
    _open(page, out / "00_start_here.html")
    word = page.locator("button.lx-term-word").first
    tip = page.locator(f"#{word.get_attribute('aria-describedby')}")
    word.hover()
    assert tip.is_visible()
    page.mouse.move(5, 700)
    word.click()  # a tap keeps it open
    page.mouse.move(5, 700)
    assert tip.is_visible() and word.get_attribute("aria-expanded") == "true"
    assert tip.evaluate("""t => { const r = t.getBoundingClientRect();
        return t.contains(document.elementFromPoint(r.left + r.width / 2, r.bottom - 4)); }""")
    box, view = tip.bounding_box(), PROJECTOR
    assert box["x"] >= 0 and box["x"] + box["width"] <= view["width"]
    _shot(page, "site-glossary-tooltip")
    page.locator("h1").first.click()
    assert not tip.is_visible()


def test_the_glossary_page_lists_every_term_and_every_page_links_to_it(site, projector):
    out, lessons = site
    page = projector
    for name in ["index.html"] + [les.html_name for les in lessons]:
        _open(page, out / name)
        link = page.locator("nav.lx-nav a", has_text="Glossary")
        assert link.get_attribute("href") == "glossary.html", name
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/glossary.html")
    listed = page.locator("dl.lx-glossary dt").all_inner_texts()
    assert sorted(listed) == sorted(term.shown()[0] for term in glossary.terms())
    for term in glossary.terms():
        entry = page.locator(f"#term-{term.id} dd")
        assert term.shown()[1] in entry.inner_text()
    first = page.locator("#term-ilrs dd a")
    assert first.get_attribute("href") == "00_start_here.html"
    _shot(page, "site-glossary-page")


def test_each_lesson_says_what_to_press_on_the_site(site, page):
    out, lessons = site
    for lesson in lessons:
        _open(page, out / lesson.html_name)
        text = page.inner_text("main")
        assert "Shift + Enter" not in text, lesson.stem
        for line in text.splitlines():  # JupyterLab's menu only where it says it is for Lab
            assert "Run All Cells" not in line or "JupyterLab" in line, (lesson.stem, line)
        note = page.locator("details.lx-howto")
        assert note.count() == 1
        assert (note.get_attribute("open") is not None) == (lesson.stem == lessons[0].stem)
        if note.get_attribute("open") is None:
            note.locator("summary").click()
        assert "Check" in note.inner_text() and "Tab" in note.inner_text()


def _focused(page) -> dict:  # type: ignore[no-untyped-def]
    return page.evaluate(
        """() => { const el = document.activeElement;
            const form = el.closest('form[data-quiz-question]');
            return {tag: el.tagName.toLowerCase(), type: el.type || '', cls: el.className || '',
                    text: (el.innerText || el.value || '').trim().slice(0, 60),
                    term: el.getAttribute('data-term') || '',
                    question: form ? form.getAttribute('data-quiz-question') : '',
                    label: el.closest('label') ? el.closest('label').innerText.trim() : ''}; }""")


def test_keyboard_only_a_student_reaches_and_answers_everything(site, ds, projector):
    """Tab through lesson 00 from the top: every glossary word, radio group, number box,
    Check button and reveal is reached, and a question is answered with arrows and Enter."""
    out, _ = site
    page = projector
    _open(page, out / "00_start_here.html")
    expected = page.evaluate(
        """() => ({terms: document.querySelectorAll('.lx-term-word').length,
                   checks: document.querySelectorAll('button.lx-check').length,
                   groups: document.querySelectorAll('fieldset.lx-choices').length,
                   boxes: document.querySelectorAll('form input[type=text]').length,
                   summaries: document.querySelectorAll('main summary').length})""")
    seen: list[dict] = []
    for _ in range(400):
        page.keyboard.press("Tab")
        now = _focused(page)
        if seen and now == seen[0]:
            break
        seen.append(now)
    assert sum(1 for f in seen if f["term"]) == expected["terms"]
    assert sum(1 for f in seen if "lx-check" in f["cls"]) == expected["checks"]
    assert sum(1 for f in seen if f["type"] == "radio") == expected["groups"]  # one stop each
    assert sum(1 for f in seen if f["type"] == "text") == expected["boxes"]
    assert sum(1 for f in seen if f["tag"] == "summary") == expected["summaries"]
    assert seen[0]["text"].startswith("Skip to")
    # Answer the first choice question with the keyboard alone.
    q = next(q for q in quiz.lesson_questions("00_start_here", ds)
             if isinstance(q, MultipleChoice))
    page.locator("body").focus()
    for _ in range(400):
        page.keyboard.press("Tab")
        now = _focused(page)
        if now["type"] == "radio" and now["question"] == q.id:
            break
    for _ in range(len(q.options)):
        if _focused(page)["label"] == q.correct:
            break
        page.keyboard.press("ArrowDown")
    assert _focused(page)["label"] == q.correct
    page.keyboard.press("Enter")
    form = page.locator(f'form[data-quiz-question="{q.id}"]')
    assert _feedback(form) == f"Right! {q.explanation}"
    # and a number box: type, Enter
    number = next((x for x in quiz.lesson_questions("00_start_here", ds)
                   if not isinstance(x, MultipleChoice)), None)
    if number is not None:
        box = page.locator(f'form[data-quiz-question="{number.id}"] input[type=text]')
        box.focus()
        page.keyboard.type(_number_text(number.answer))
        page.keyboard.press("Enter")
        assert _feedback(page.locator(f'form[data-quiz-question="{number.id}"]')) == \
            f"Right! {number.explanation}"


def test_no_serious_accessibility_issue_with_quizzes_answered_and_meanings_open(site, page):
    if not AXE.exists():
        reason = "axe-core is not installed (make test runs `npm ci` when npm is available)"
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    out, lessons = site
    serious = []
    for name in ["glossary.html"] + [les.html_name for les in lessons]:
        _open(page, out / name)
        page.evaluate(
            """() => { document.querySelectorAll('details').forEach(d => d.open = true);
                document.querySelectorAll('form[data-quiz-question]').forEach(f =>
                    f.querySelector('button.lx-check').click());
                const w = document.querySelector('.lx-term-word'); if (w) { w.click(); } }""")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations'], preload: false})")
        serious += [f"{name}: {v['impact']}: {v['id']}: {v['nodes'][0]['html'][:160]}"
                    for v in result["violations"] if v["impact"] in SERIOUS]
    assert serious == []
