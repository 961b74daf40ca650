"""Quizzes, exercises, glossary words and per-medium notes on the static site and in Voila:
what the export writes, from the same quiz data, answer key and glossary file."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import nbformat
import pytest

from lunarexplainer import load_dataset
from lunarexplainer import present
from lunarexplainer import site_extras
from lunarexplainer import site_quiz
from lunarexplainer.display import EXPORT_ENV
from lunarexplainer.export import render_lesson
from lunarexplainer.lesson import exercises
from lunarexplainer.lesson import glossary
from lunarexplainer.lesson import quiz
from lunarexplainer.lesson.glossary import GlossaryFileError
from lunarexplainer.lesson.glossary import Term
from lunarexplainer.lesson.quiz import MultipleChoice
from lunarexplainer.lesson.quiz import NumericQuestion

XSS = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def _data(form_html: str) -> dict:
    found = re.search(r'<script type="application/json" class="lx-quiz-data">(.*?)</script>',
                      form_html, re.S)
    assert found, form_html[:300]
    return json.loads(found.group(1))


# --------------------------------------------------------------------------- quiz


def test_every_choice_carries_the_feedback_its_own_check_gives(ds):
    for lesson in quiz.quiz_lessons():
        for q in quiz.lesson_questions(lesson, ds):
            data = site_quiz.question_data(q)
            if isinstance(q, MultipleChoice):
                assert data["kind"] == "choice"
                assert [o["correct"] for o in data["options"]].count(True) == 1, q.id
                for option, fb in zip(q.options, data["options"], strict=True):
                    assert (fb["correct"], fb["message"]) == (q.check(option).correct,
                                                              q.check(option).message)
                assert not data["empty"]["correct"]
            else:
                assert data["kind"] == "number" and data["answer"] == q.answer
                assert data["right"]["message"] == q.explanation and data["right"]["correct"]
                assert data["low"]["message"] == q.check(q.answer - 10 ** 6).message
                assert data["high"]["message"] == q.check(q.answer + 10 ** 6).message


def test_a_number_question_keeps_its_tempting_numbers_and_the_typed_text_slot():
    q = NumericQuestion(prompt="How many rows?", answer=46, explanation="46 rows.",
                        near={17.0: "That is the number of columns."}, why="len(ds.missions)",
                        tolerance=0.5)
    data = site_quiz.question_data(q)
    assert data["near"] == [[17.0, "That is the number of columns."]]
    assert data["tolerance"] == 0.5
    nan = data["not_a_number"]
    assert nan["slot"] in nan["message"] and "not a number" in nan["message"]
    assert data["empty"]["message"] == q.check("").message


def test_quiz_html_is_a_form_per_question_with_a_live_feedback_line(ds):
    questions = quiz.lesson_questions("00_start_here", ds)
    page = site_quiz.quiz_html(questions, "00_start_here")
    forms = re.findall(r"<form .*?</form>", page, re.S)
    assert len(forms) == len(questions)
    for q, form in zip(questions, forms, strict=True):
        assert f'data-quiz-question="{q.id}"' in form
        assert 'aria-live="polite"' in form and '<button type="submit" class="lx-check">' in form
        assert "<details class=\"lx-why\"><summary>Show me why</summary>" in form
        if isinstance(q, MultipleChoice):
            assert form.count('type="radio"') == len(q.options)
            assert len(set(re.findall(r'name="([^"]+)"', form))) == 1  # one radio group
        else:
            assert 'type="text" inputmode="decimal"' in form
        labelled = re.search(r'aria-labelledby="([^"]+)"', form).group(1)
        assert f'id="{labelled}"' in form
    ids = re.findall(r'<form class="lx-question" id="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_quiz_text_from_data_is_escaped():
    q = MultipleChoice(prompt=f"Which {XSS}?", options=[XSS, "b"], correct="b",
                       explanation=f"Because {XSS}", why=XSS)
    page = site_quiz.quiz_html([q], "t")
    assert XSS not in page and "&lt;script&gt;" in page
    script = page.split('class="lx-quiz-data">')[1].split("</script>")[0]
    assert "<" not in script and _data(page)["kind"] == "choice"


def test_a_quiz_adds_its_site_form_only_in_an_export_kernel(ds, monkeypatch):
    q = quiz.lesson_quiz("01_partnership", ds)
    plain = q._repr_mimebundle_()
    assert isinstance(plain, dict) and "text/html" not in plain
    monkeypatch.setenv(EXPORT_ENV, "1")
    data, metadata = q._repr_mimebundle_()
    assert data["text/html"].count("data-quiz-question") == len(q)
    assert metadata["lunarexplainer"]["trusted_html"] and metadata["lunarexplainer"]["quiz"] \
        == "01_partnership"
    assert "text/markdown" in data  # Lab and the widget-less fallback keep theirs


# --------------------------------------------------------------------------- exercises


def test_exercise_checkers_show_the_solution_reveal_at_export(ds, monkeypatch):
    assert not exercises.check_weekday(None, ds).correct  # in the notebook: "Not yet"
    monkeypatch.setenv(EXPORT_ENV, "1")
    key = {entry.id: entry for entry in exercises.answer_key(ds)}
    shown = [exercises.check_weekday(None, ds),
             exercises.check_years_since_first_flight(None, ds=ds),
             exercises.check_nasa_2024(None, None, ds)]
    for reveal, name in zip(shown, ["weekday", "years_since_first_flight", "nasa_2024"],
                            strict=True):
        assert isinstance(reveal, site_quiz.ExerciseReveal)
        data, metadata = reveal._repr_mimebundle_()
        body = data["text/html"]
        assert metadata["lunarexplainer"]["exercise"] == name
        assert "<details class=\"lx-solution\"><summary>Show a solution</summary>" in body
        assert key[name].answer in body and "Not yet" not in body
        assert html.escape(key[name].prompt) in body


def test_the_site_shows_the_exercise_cell_above_its_solution(ds, monkeypatch):
    monkeypatch.setenv(EXPORT_ENV, "1")
    data, metadata = exercises.check_weekday(None, ds)._repr_mimebundle_()
    cell = nbformat.v4.new_code_cell("weekday = None\nexercises.check_weekday(weekday, ds)")
    cell.outputs = [nbformat.v4.new_output("display_data", data=data, metadata=metadata)]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Exercise"), cell])
    body, _ = render_lesson(nb, "05_fact_check_2021")
    task = body.index("weekday = None")
    assert task < body.index("Show a solution") and "Not yet" not in body


# --------------------------------------------------------------------------- glossary


def test_the_glossary_file_has_the_terms_a_student_meets(ds):
    terms = {term.id: term for term in glossary.terms()}
    for wanted in ("ilrs", "memorandum", "accords", "treaty", "clps", "cnsa", "roscosmos",
                   "net", "volatiles", "isru", "permanent-shadow", "reconnaissance",
                   "construction", "utilization", "laser-ranging"):
        assert wanted in terms
    sources = set(ds.sources["id"])
    for term in terms.values():
        assert set(term.source_ids) <= sources, term.id
        assert len(term.meaning) < 300 and term.meaning.endswith("."), term.id


@pytest.mark.parametrize("text, problem", [
    ('[[term]]\nid = "a"\nterm = "A"\n', "term 'a': meaning: missing"),
    ('[[term]]\nid = "a"\nterm = "A"\nmeaning = "m."\ncolour = 1\n', "unknown key 'colour'"),
    ('[[term]]\nid = "a"\nterm = "A"\nmeaning = "m."\n[[term]]\nid = "a"\nterm = "B"\n'
     'meaning = "n."\n', "term 'a': the id is used twice"),
    ('[[term]]\nid = "a"\nterm = "A"\nmeaning = "m."\nmatch = "A"\n', "match: expected a list"),
])
def test_a_mistake_in_the_glossary_file_is_one_line(tmp_path: Path, text, problem):
    path = tmp_path / "glossary.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryFileError) as err:
        glossary.read_glossary(path)
    assert problem in str(err.value) and "\n" not in str(err.value)


TERMS = (Term("ilrs", "ILRS", "A <b>base</b> * on the Moon.", ("International Lunar Research "
                                                               "Station", "ILRS")),
         Term("artemis", "Artemis", "NASA's #1 program.", ("Artemis",)),
         Term("accords", "Artemis Accords", "Principles.", ("Artemis Accords",)),
         Term("net", "NET", "No earlier than.", ("NET",)))


def test_each_term_is_marked_once_where_it_first_appears():
    sources = ["# ILRS and Artemis\n\nThe `ILRS` code, [ILRS](https://x.org/ILRS) link.",
               "The Artemis Accords, then the ILRS and the ilrs, then Artemis.",
               "Artemis again; the internet and NET 2026."]
    marked, ids = glossary.mark_terms(sources, TERMS)
    assert set(ids) == {"ilrs", "artemis", "accords", "net"}
    assert marked[0] == sources[0]  # headings, code and links are left alone
    assert marked[1].count('data-term="accords"') == 1
    assert 'data-term="ilrs"' in marked[1] and "the ilrs" in marked[1]  # capitals only
    assert 'then <span class="lx-term"><button type="button" class="lx-term-word" ' \
        'data-term="artemis"' in marked[1]  # not inside "Artemis Accords"
    assert "Artemis again" in marked[2]
    assert 'aria-describedby="lx-tip-net">NET</button>' in marked[2]
    assert "inter<" not in marked[2]  # NET is a whole word
    joined = "".join(marked)
    for term in TERMS:
        assert joined.count(f'data-term="{term.id}"') == 1
    tip = re.search(r'<span class="lx-tip" role="tooltip" id="lx-tip-ilrs">(.*?)</span>',
                    joined).group(1)
    assert "<b>" not in tip and "&lt;b&gt;" in tip and "*" not in tip
    assert 'aria-describedby="lx-tip-ilrs"' in joined
    assert "NASA's &#35;1 program." in joined


def test_marked_words_read_as_written_on_the_page():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "# L\n\nChina's Chang'e missions & *more*.")])
    body, _ = render_lesson(nb, "01_partnership")
    assert ">Chang'e</button>" in body
    tip = re.search(r'id="lx-tip-change">(.*?)</span>', body).group(1)
    assert tip == html.escape(
        next(x for x in glossary.terms() if x.id == "change").meaning, quote=False)


def test_glossary_marks_skip_lab_only_cells_and_render_in_the_lesson():
    lab = nbformat.v4.new_markdown_cell("Press Shift + Enter to run the ILRS cells.")
    lab.metadata["tags"] = ["lab-only"]
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Lesson\n\nAbout the moon."), lab,
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_markdown_cell("The International Lunar Research Station (ILRS).")])
    processed, resources = site_extras.GlossaryPreprocessor().preprocess(
        nbformat.from_dict(nb), {})
    assert processed.cells[1].source == lab.source
    assert 'data-term="ilrs"' in processed.cells[3].source
    assert resources["lunarexplainer"]["glossary"][0] == "ilrs"
    body, _ = render_lesson(nb, "01_partnership")
    assert "Shift + Enter" not in body
    assert re.search(r'<button type="button" class="lx-term-word" data-term="ilrs" '
                     r'aria-describedby="lx-tip-ilrs">International Lunar Research Station'
                     r"</button>", body)


def test_the_glossary_page_lists_every_term_with_where_it_is_first_used(ds):
    class Page:
        html_name, title = "01_partnership.html", "The partnership"
        body = '<button data-term="ilrs">ILRS</button>'

    page = site_extras.glossary_page_body([Page()], ds)
    assert page.count('<div class="lx-gloss-entry"') == len(glossary.terms())
    ilrs = page.split('id="term-ilrs"')[1].split("</div>")[0]
    assert 'First used in: <a href="01_partnership.html">The partnership</a>' in ilrs
    assert "Source: " in ilrs or "Sources: " in ilrs


def test_the_glossary_extractor_gives_every_term_and_meaning():
    found = [m for _, _, m, _ in glossary.extract_messages(
        io.BytesIO(glossary.GLOSSARY.read_bytes()), None, None, {})]
    for term in glossary.terms():
        assert term.term in found and term.meaning in found


# --------------------------------------------------------------------------- per medium


def test_each_medium_says_what_to_press_there():
    site, voila = site_extras.medium_note("site"), site_extras.medium_note("voila")
    assert "Check" in site and "Tab" in site and "JupyterLab" in site
    assert "already run" in voila and "already run" not in site
    for note in (site, voila):
        assert "Shift" not in note and note.startswith('<details class="lx-howto">')
    assert site_extras.medium_note("site", open_=True).startswith('<details class="lx-howto" open>')


def test_the_site_note_goes_before_the_first_code_cell_and_is_open_in_lesson_00():
    cells = [nbformat.v4.new_markdown_cell("# Title"), nbformat.v4.new_markdown_cell("Time."),
             nbformat.v4.new_code_cell("x = 1")]
    for name, opened in (("00_start_here", True), ("03_artemis_comparison", False)):
        nb = nbformat.v4.new_notebook(cells=[nbformat.from_dict(c) for c in cells])
        out, _ = site_extras.SiteNotePreprocessor().preprocess(nb, {"metadata": {"name": name}})
        assert [c.cell_type for c in out.cells] == ["markdown", "markdown", "markdown", "code"]
        assert out.cells[2].source.startswith('<details class="lx-howto"' +
                                              (" open" if opened else ""))
        assert out.cells[2].metadata["tags"] == ["site-only"]


def test_voila_runs_the_glossary_and_its_own_note(tmp_path):
    cmd = present.voila_command(tmp_path, 9999)
    option = next(c for c in cmd if c.startswith("--VoilaExporter.preprocessors="))
    names = json.loads(option.split("=", 1)[1])
    assert names == ["lunarexplainer.site_extras.GlossaryPreprocessor",
                     "lunarexplainer.site_extras.VoilaNotePreprocessor"]
    static = present.prepare_jupyter_path(tmp_path) / "voila" / "templates" / \
        present.TEMPLATE_NAME / "static"
    for name in ("glossary.js", "lessons.css", "a11y.js"):
        assert (static / name).stat().st_size > 200
    index = (static.parent / "index.html.j2").read_text(encoding="utf-8")
    assert "'lab-only' not in tags" in index and "glossary.js" in index and "a11y.js" in index
