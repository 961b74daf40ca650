"""Quiz engine and quiz files: right answers are praised with an explanation, wrong ones get a
hint; a mistake in a quiz file is reported in one line naming the file and the question."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lunarexplainer import facts
from lunarexplainer import load_dataset
from lunarexplainer import text
from lunarexplainer.lesson import content
from lunarexplainer.lesson import manifest
from lunarexplainer.lesson import quiz
from lunarexplainer.lesson.content import QuizFileError
from lunarexplainer.lesson.content import read_quiz_file
from lunarexplainer.lesson.quiz import Feedback
from lunarexplainer.lesson.quiz import MultipleChoice
from lunarexplainer.lesson.quiz import NumericQuestion

MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal"


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def make_choice() -> MultipleChoice:
    return MultipleChoice(
        prompt="Which planet do we live on?", options=["Mars", "Earth", "Venus"],
        correct="Earth", explanation="We live on the Earth.",
        hints={"Mars": "Mars has no breathable air."}, hint="Look out of the window.",
        why="ds.sources", why_rows=None,
    )


def test_multiple_choice_right_and_wrong():
    q = make_choice()
    assert q.check("Earth") == Feedback(True, "We live on the Earth.")
    assert q.check("Mars") == Feedback(False, "Mars has no breathable air.")
    assert q.check("Venus") == Feedback(False, "Look out of the window.")
    assert not q.check(None).correct and "Choose" in q.check(None).message
    assert q.check("Pluto").message == "'Pluto' is not one of the options."


def test_multiple_choice_rejects_an_impossible_key():
    with pytest.raises(ValueError, match="not among the options"):
        MultipleChoice(prompt="?", options=["a"], correct="b", explanation="", why="")


def test_numeric_question_gives_specific_hints():
    q = NumericQuestion(prompt="How many rows?", answer=46, explanation="46 rows.",
                        near={17.0: "That is the number of columns."}, why="len(ds.missions)")
    assert q.check("46").correct and q.check(46.0).correct
    assert q.check(17).message == "That is the number of columns."
    assert "not a number" in q.check("lots").message
    assert q.check(3).message.startswith("Too small")
    assert q.check(300).message.startswith("Too big")
    assert not q.check(True).correct
    assert q.check(" ").message == "Type a number first."


def test_the_widget_shows_feedback_and_the_data_pointer():
    q = make_choice()
    box = q.build_widget()
    assert box.controls["check"].description == "Check"
    assert box.controls["why"].description == "Show me why"
    box.controls["answer"].value = "Mars"
    box.controls["check"].click()
    assert "Not yet" in box.feedback.value and "breathable" in box.feedback.value
    box.controls["answer"].value = "Earth"
    box.controls["check"].click()
    assert "Right!" in box.feedback.value


def test_feedback_follows_the_answer_it_was_for(monkeypatch):
    """A Check that reaches the kernel before its answer (the browser may hold a value back
    while a click goes at once) is checked again when the answer arrives; a later change of
    answer clears the feedback, which was about another answer."""
    now = [100.0]
    monkeypatch.setattr(quiz.time, "monotonic", lambda: now[0])
    box = make_choice().build_widget()
    box.controls["answer"].value = "Mars"
    box.controls["check"].click()
    assert "Not yet" in box.feedback.value
    now[0] += 0.3  # the answer the student picked before pressing Check, arriving late
    box.controls["answer"].value = "Earth"
    assert "Right!" in box.feedback.value
    now[0] += quiz.LATE_ANSWER_S + 5  # the student changes the answer much later
    box.controls["answer"].value = "Venus"
    assert box.feedback.value == ""
    box.controls["check"].click()
    assert "Not yet" in box.feedback.value and "window" in box.feedback.value


def test_show_me_why_prints_where_to_look_and_the_rows(ds, capsys):
    q = {q.id: q for q in quiz.lesson_quiz("04_south_pole", ds).questions}["widest-polar-crater"]
    box = q.build_widget()
    box.controls["why"].click()  # without a kernel the Output widget lets it through
    out = capsys.readouterr().out
    assert "Where to look: ds.sites, kind == 'crater' and lat <= -80, column diameter_km" in out
    assert "Faustini" in out and "42.00" in out


def test_every_lesson_of_the_manifest_has_a_quiz_file():
    assert content.quiz_lessons() == manifest.stems()


@pytest.mark.parametrize("lesson", manifest.stems())
def test_every_lesson_has_3_to_5_answerable_questions(ds, lesson):
    qz = quiz.lesson_quiz(lesson, ds)
    assert 3 <= len(qz) <= 5
    for q in qz.questions:
        right = q.correct if isinstance(q, MultipleChoice) else q.answer
        assert q.check(right).correct, q.prompt
        wrong = (next(o for o in q.options if o != q.correct) if isinstance(q, MultipleChoice)
                 else q.answer + 1000)
        fb = q.check(wrong)
        assert not fb.correct and fb.message, q.prompt
        assert q.why
        if q.why_rows is not None:
            assert not q.why_rows().empty, q.prompt
        assert "{" not in q.prompt + q.explanation + q.why, q.prompt


def test_answers_are_the_facts(ds):
    qs = {q.id: q for lesson in manifest.stems() for q in quiz.lesson_questions(lesson, ds)}
    side = facts.side_with_more_planned_moon_missions(ds)
    words = {"ilrs": "The China–Russia side", "us": "The US-led side", "equal": "Both the same"}
    assert qs["overview-planned-side"].correct == words[side]
    assert qs["most-revised-plan"].correct == facts.most_revised_plan(ds).name
    assert qs["ilrs-countries"].answer == facts.ilrs_listed_countries(ds)
    assert qs["most-objectives"].correct == facts.mission_with_most_objectives(ds).name
    assert qs["landing-target-moved"].answer == facts.artemis_landing_target_shift(ds).years
    assert qs["widest-polar-crater"].correct == facts.widest_polar_crater(ds).name
    assert qs["count-true"].answer == facts.claims_true_count(ds)
    assert qs["read-changed-since"].correct == facts.first_true_then_changed_claim(ds)
    assert qs["first-human-spaceflight"].correct == str(facts.vostok_launch_year(ds))
    more = qs["more-member-countries"]
    assert more.options == ["The ILRS", "The Artemis Accords", "Equal"]  # not shuffled
    assert more.correct == "The Artemis Accords"
    assert str(facts.artemis_accords_signatories(ds)) in more.explanation
    assert "official count" in more.explanation and "in our data" in more.explanation


def test_wrong_numbers_that_tempt_get_their_own_hint(ds):
    q = {q.id: q for q in quiz.lesson_questions("03_artemis_comparison", ds)}[
        "landing-target-moved"]
    shift = facts.artemis_landing_target_shift(ds)
    assert "new target year" in q.check(shift.latest).message
    assert "other way round" in q.check(-shift.years).message
    assert q.unit == "years" and q.key_note == f"from {shift.first} to {shift.latest}"


def test_quiz_displays_as_widget_and_as_markdown_without_answers(ds):
    qz = quiz.lesson_quiz("05_fact_check_2021", ds)
    bundle = qz._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    text_md = bundle["text/markdown"]
    assert "Run the notebook" in text_md
    for q in qz.questions:
        assert q.explanation not in text_md
    assert bundle["text/plain"] == (f"Quiz: {manifest.lesson('05_fact_check_2021').title} "
                                    f"({len(qz)} questions)")


def test_answers_follow_the_data(ds):
    changed = ds.copy()
    row = changed.schedule_history["mission_id"] == "artemis-first-crewed-landing"
    changed.schedule_history.loc[row.idxmax(), "target_date_start"] = pd.Timestamp("2020-01-01")
    q = {q.id: q for q in quiz.lesson_questions("03_artemis_comparison", changed)}[
        "landing-target-moved"]
    latest = changed.schedule_history[row]["target_date_start"].iloc[-1].year
    assert q.check(latest - 2020).correct


def test_a_question_is_left_out_when_its_condition_is_false(ds):
    held = ds.copy()
    held.article_claims.loc[:, "verdict"] = "true"
    ids = [q.id for q in quiz.lesson_questions("05_fact_check_2021", held)]
    # No claim whose plan changed and none partly true: those three questions are left out.
    assert ids == ["state-media", "count-true"]


def test_plural_templates_follow_the_count():
    small = load_dataset(MINIMAL)  # one objective per mission
    q = {q.id: q for q in quiz.lesson_questions("02_station_roles", small)}["most-objectives"]
    assert q.explanation == "Chang'e 4 appears under 1 objective."
    assert q.options == ["Chang'e 4"]


def test_unknown_lesson_names_the_choices(ds):
    with pytest.raises(KeyError, match="00_start_here"):
        quiz.lesson_quiz("99_nope", ds)


def test_answer_key_covers_every_lesson(ds):
    key = quiz.answer_key(ds)
    assert list(key) == manifest.stems()
    assert all(entry.answer and entry.prompt for entries in key.values() for entry in entries)
    moved = {e.id: e for e in key["03_artemis_comparison"]}["landing-target-moved"]
    shift = facts.artemis_landing_target_shift(ds)
    assert moved.answer == f"{shift.years} years"
    roles = {e.id: e for e in key["02_station_roles"]}
    assert roles["construction-end"].answer == str(facts.ilrs_construction_end_year(ds))


def test_the_quiz_speaks_the_current_language(ds, tmp_path, monkeypatch):
    folder = tmp_path / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "lunarexplainer.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n\n'
        'msgid "Check"\nmsgstr "Проверить"\n\n'
        'msgid "Right!"\nmsgstr "Верно!"\n\n'
        'msgid "Which group has more member countries?"\nmsgstr "В какой группе больше стран?"\n\n'
        'msgid "The ILRS"\nmsgstr "МНЛС"\n', encoding="utf-8")
    monkeypatch.setattr(text, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(text, "LANGUAGES", ("en", "ru"))
    text.reload_catalogs()
    try:
        text.set_language("ru")
        q = {q.id: q for q in quiz.lesson_questions("01_partnership", ds)}[
            "more-member-countries"]
        assert q.prompt == "В какой группе больше стран?"
        assert q.options[0] == "МНЛС"
        box = q.build_widget()
        assert box.controls["check"].description == "Проверить"
        box.controls["answer"].value = q.correct
        box.controls["check"].click()
        assert "Верно!" in box.feedback.value
    finally:
        text.set_language(None)
        text.reload_catalogs()


# --------------------------------------------------------------------------- quiz files


GOOD = '''
[[question]]
id = "q1"
type = "number"
prompt = "How many missions?"
answer.fact = "mission_count"
explanation = "{mission_count} missions."
why = "ds.missions"
why_rows = "mission_rows"
'''


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "07_test.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_good_file_reads(tmp_path):
    spec = read_quiz_file(write(tmp_path, GOOD))
    assert [q.id for q in spec.questions] == ["q1"]
    assert spec.questions[0].answer == content.Ref("mission_count")


@pytest.mark.parametrize(("change", "problem"), [
    (('answer.fact = "mission_count"', 'answer.fact = "mision_count"'),
     "question 'q1': answer: unknown fact 'mision_count'"),
    (("{mission_count} missions.", "{mission_total} missions."),
     "question 'q1': explanation: {mission_total}: unknown fact 'mission_total'"),
    (("{mission_count} missions.", "{widest_polar_crater.width} km."),
     "question 'q1': explanation: {widest_polar_crater.width}: fact 'widest_polar_crater' has "
     "no part 'width' (it has site_id, name, diameter_km)"),
    (('why_rows = "mission_rows"', 'why_rows = "missions_rows"'),
     "question 'q1': why_rows: unknown rows function 'missions_rows'"),
    (('type = "number"', 'type = "essay"'), "question 'q1': type: 'essay' is not one of"),
    (('prompt = "How many missions?"', 'promt = "How many missions?"'),
     "question 'q1': unknown key 'promt'"),
    (('why = "ds.missions"', ""), "question 'q1': why: missing"),
    (('type = "number"', 'type = "choice"'),
     "question 'q1': a choice question needs options or distractors"),
    (('why = "ds.missions"', 'why = "ds.missions"\ndistractors = ["a"]\nhints = { b = "x" }'),
     "question 'q1': a number question has no options"),
    (("answer.fact", "answer.fakt"), "question 'q1': answer: expected a literal or a table"),
    (("{mission_count} missions.", "{} missions."), "question 'q1': explanation: empty {}"),
    (('type = "number"', 'type = "choice"\ndistractors = "a"'),
     "question 'q1': distractors: expected a list of texts"),
])
def test_a_bad_entry_gives_one_line_naming_file_and_question(tmp_path, change, problem):
    old, new = change
    assert old in GOOD
    with pytest.raises(QuizFileError) as err:
        read_quiz_file(write(tmp_path, GOOD.replace(old, new)))
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(f"07_test.toml: {problem}"), message


def test_hints_must_name_an_option(tmp_path):
    body = GOOD.replace('type = "number"', 'type = "choice"').replace(
        'why = "ds.missions"', 'why = "ds.missions"\ndistractors = ["a", "b"]\n'
        '[question.hints]\nc = "no such option"')
    with pytest.raises(QuizFileError, match=r"^07_test.toml: question 'q1': hints: 'c' is not"):
        read_quiz_file(write(tmp_path, body))


def test_two_questions_with_one_id_and_broken_toml(tmp_path):
    with pytest.raises(QuizFileError, match="question 'q1': the id is used twice"):
        read_quiz_file(write(tmp_path, GOOD + GOOD))
    with pytest.raises(QuizFileError, match=r"^07_test.toml: not valid TOML"):
        read_quiz_file(write(tmp_path, GOOD + "[[question]\n"))


def test_every_shipped_quiz_file_reads_and_names_only_real_facts():
    for lesson in content.quiz_lessons():
        spec = read_quiz_file(content.quiz_path(lesson))
        assert spec.questions, lesson
        for q in spec.questions:
            assert q.why_rows in content.rows_functions(), (lesson, q.id)


def test_messages_of_the_quiz_files_are_extracted_for_the_catalog():
    with content.quiz_path("01_partnership").open("rb") as handle:
        found = [m for _, _, m, _ in content.extract_messages(handle, None, None, {})]
    assert "Which group has more member countries?" in found
    assert "The ILRS" in found and "ILRS" not in found  # option text, not its value
    assert ("{n} country is listed for the ILRS in ds.partners.",
            "{n} countries are listed for the ILRS in ds.partners.") in found
