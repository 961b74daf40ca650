"""Quiz questions: right answers are praised with an explanation, wrong ones get a hint."""

from __future__ import annotations

import pytest

from lunarexplainer import load_dataset, quiz
from lunarexplainer.quiz import Feedback, MultipleChoice, NumericQuestion


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


def test_the_widget_shows_feedback_and_the_data_pointer():
    q = make_choice()
    box = q.build_widget()
    box.controls["answer"].value = "Mars"
    box.controls["check"].click()
    assert "Not yet" in box.feedback.value and "breathable" in box.feedback.value
    box.controls["answer"].value = "Earth"
    box.controls["check"].click()
    assert "Right!" in box.feedback.value


@pytest.mark.parametrize("lesson", list(quiz.LESSONS))
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


def test_quiz_displays_as_widget_and_as_markdown_without_answers(ds):
    qz = quiz.lesson_quiz("05_fact_check_2021", ds)
    bundle = qz._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    text = bundle["text/markdown"]
    assert "Run the notebook" in text
    for q in qz.questions:
        assert q.explanation not in text


def test_answers_follow_the_data(ds):
    changed = ds.copy()
    changed.sites.loc[changed.sites["id"] == "shackleton", "diameter_km"] = 99.0
    q = quiz.lesson_quiz("04_south_pole", changed).questions[2]
    assert q.check(99).correct and not q.check(21).correct


def test_unknown_lesson_names_the_choices(ds):
    with pytest.raises(KeyError, match="00_start_here"):
        quiz.lesson_quiz("99_nope", ds)


def test_answer_key_covers_every_lesson(ds):
    key = quiz.answer_key(ds)
    assert set(key) == set(quiz.LESSONS)
    assert all(ans for rows in key.values() for _, ans in rows)
