"""Exercise checkers judge right and wrong solutions correctly, with specific hints."""

from __future__ import annotations

import pandas as pd
import pytest

from lunarexplainer import facts
from lunarexplainer import load_dataset
from lunarexplainer import text
from lunarexplainer.lesson import exercises


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_memorandum_and_vostok_dates_come_from_the_data(ds):
    assert exercises.memorandum_date(ds) == pd.Timestamp("2021-03-09")
    assert exercises.vostok_launch(ds) == pd.Timestamp("1961-04-12")


def test_weekday_student_solution_is_right(ds):
    signed = exercises.memorandum_date(ds)
    fb = exercises.check_weekday(signed.day_name(), ds)
    assert fb.correct and fb.message.startswith("9 March 2021 was a Tuesday.")
    assert exercises.check_weekday(" tuesday ", ds).correct
    short = exercises.check_weekday(signed.day_name()[:3], ds)
    assert short.correct and "full name" in short.message


def test_weekday_follows_the_data(ds):
    moved = ds.copy()
    row = moved.milestones["id"] == facts.MEMORANDUM_MILESTONE
    moved.milestones.loc[row, "date_start"] = pd.Timestamp("2021-03-12")  # a Friday
    assert exercises.check_weekday("Friday", moved).correct
    assert "not the right one" in exercises.check_weekday("Tuesday", moved).message


def test_weekday_names_of_the_current_language_count(ds):
    with text.in_language("en"):
        english = exercises.check_weekday("Wednesday", ds).message
    with text.in_language("ru"):
        assert exercises.check_weekday("вторник", ds).correct
        assert exercises.check_weekday("Tuesday", ds).correct  # what pandas' day_name() gives
        wrong = exercises.check_weekday("среда", ds)
    assert not wrong.correct and "not the right one" in english
    assert wrong.message != english  # the hint is in Russian too


@pytest.mark.parametrize(("answer", "hint"), [
    (None, "Replace None"),
    (9, "day of the month"),
    (1, ".day_of_week"),
    (2, "ISO weekday"),
    (5, "asks for a weekday's name"),
    (pd.Timestamp("2021-03-09"), "date itself"),
    ("Monday", "not the right one"),
    ("Tusday", "not a weekday name"),
    ([1], "Return a string"),
])
def test_weekday_wrong_solutions_get_specific_hints(ds, answer, hint):
    fb = exercises.check_weekday(answer, ds)
    assert not fb.correct
    assert hint in fb.message


def test_years_student_solution_is_right(ds):
    signed, vostok = exercises.memorandum_date(ds), exercises.vostok_launch(ds)
    fb = exercises.check_years_since_first_flight(signed.year - vostok.year, ds)
    assert fb.correct and "60" in fb.message


@pytest.mark.parametrize(("answer", "hint"), [
    (-60, "wrong sign"),
    (1961, "years itself"),
    (59, "exact time span"),
    (59.9, "exact time span"),
    (pd.Timedelta(days=21881), "time span in days"),
    ("60", "Return a number"),
    (12, "Not the right number"),
])
def test_years_wrong_solutions_get_specific_hints(ds, answer, hint):
    fb = exercises.check_years_since_first_flight(answer, ds)
    assert not fb.correct
    assert hint in fb.message


def test_nasa_2024_student_solution_is_right(ds):
    goal = ds.schedule_history[ds.schedule_history["mission_id"] == facts.ARTEMIS_LANDING_GOAL]
    latest = int(str(goal.sort_values("announced_on").iloc[-1]["target_date"])[:4])
    fb = exercises.check_nasa_2024(latest <= 2024, latest, ds)
    assert fb.correct


@pytest.mark.parametrize(("held", "year", "hint"), [
    (True, None, "crewed_lunar_landing"),
    ("no", None, "without quotes"),
    (False, None, "latest_target_year"),
    (False, 2024, "older target"),
    (False, "2028", "whole number"),
])
def test_nasa_2024_wrong_solutions_get_specific_hints(ds, held, year, hint):
    fb = exercises.check_nasa_2024(held, year, ds)
    assert not fb.correct
    assert hint in fb.message


def test_answer_key_gives_the_model_solutions_results(ds):
    key = {entry.id: entry for entry in exercises.answer_key(ds)}
    assert list(key) == list(exercises.CHECKERS)
    assert key["weekday"].answer == "Tuesday"
    assert key["years_since_first_flight"].answer == "60"
    assert "59.9 years" in key["years_since_first_flight"].note
    assert key["nasa_2024"].answer == "2028"
    assert key["nasa_2024"].note == "then held = latest_target_year <= 2024 gives False"


def test_feedback_renders_as_markdown(ds):
    assert exercises.check_weekday("Tuesday", ds)._repr_markdown_().startswith("✅")
    assert exercises.check_weekday(9, ds)._repr_markdown_().startswith("🔎")
