"""Checkers for the coding exercises in notebook 05: each says *why* an answer is wrong.

The expected answers are facts (:mod:`lunarexplainer.facts`): the memorandum's day, Vostok 1's
launch and the schedule history of NASA's landing goal, so nothing is typed into the notebook.
Weekdays are compared as numbers; their names come from Babel (English, as pandas'
``day_name()`` gives them, and the current language).
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable
from typing import Any

import pandas as pd

from .. import facts
from ..display import exporting
from ..facts import ARTEMIS_LANDING_GOAL
from ..text import format_date
from ..text import format_number
from ..text import nt
from ..text import t
from ..text import weekday_name
from .quiz import Feedback
from .quiz import KeyEntry

__all__ = [
    "LESSON", "CHECKERS", "memorandum_date", "vostok_launch", "check_weekday",
    "check_years_since_first_flight", "check_nasa_2024", "answer_key", "on_the_site",
]


#: The lesson whose notebook has these exercises.
LESSON = "05_fact_check_2021"


def _load(ds: Any) -> Any:
    if ds is None:
        from ..data import load_dataset

        ds = load_dataset()
    return ds


def memorandum_date(ds: Any = None) -> pd.Timestamp:
    """Day the 2021 CNSA–Roscosmos memorandum was signed, as the Timestamp students work on."""
    return pd.Timestamp(facts.memorandum_date(_load(ds)))


def vostok_launch(ds: Any = None) -> pd.Timestamp:
    """Launch day of Vostok 1, the first human spaceflight, as a Timestamp."""
    return pd.Timestamp(facts.vostok_launch_date(_load(ds)))


def on_the_site(exercise: str) -> Callable[[Callable[..., Feedback]], Callable[..., Any]]:
    """A checker that, in the kernel of a static export, shows the exercise's "Show a
    solution" reveal (:mod:`lunarexplainer.site_quiz`) instead of its verdict on the starter
    code: the site cannot run the student's code, so "Not yet" would come before any try."""
    def wrap(check: Callable[..., Feedback]) -> Callable[..., Any]:
        signature = inspect.signature(check)

        @functools.wraps(check)
        def checker(*args: Any, **kwargs: Any) -> Any:
            feedback = check(*args, **kwargs)
            if not exporting():
                return feedback
            from ..site_quiz import ExerciseReveal

            ds = _load(signature.bind(*args, **kwargs).arguments.get("ds"))
            return ExerciseReveal(next(e for e in answer_key(ds) if e.id == exercise))
        return checker
    return wrap


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _weekday_of(text: str) -> int | None:
    """The weekday (0 = Monday) a name or short name means, in English or the current
    language; None if it is no weekday."""
    wanted = text.strip().casefold()
    for lang in ("en", None):
        for width in ("wide", "abbreviated"):
            for day in range(7):
                if weekday_name(day, width, lang).casefold().rstrip(".") == wanted.rstrip("."):
                    return day
    return None


def _is_full_name(text: str, day: int) -> bool:
    wanted = text.strip().casefold()
    return wanted in {weekday_name(day, "wide", lang).casefold() for lang in ("en", None)}


@on_the_site("weekday")
def check_weekday(answer: Any, ds: Any = None) -> Feedback:
    """Exercise 1: the weekday (a name such as 'Monday') on which the memorandum was signed."""
    ds = _load(ds)
    day = facts.memorandum_date(ds)
    expected = facts.memorandum_weekday(ds)
    name = weekday_name(expected)
    if answer is None:
        return Feedback(False, t('Replace None with your code, e.g. start from '
                                 'pd.Timestamp("{iso}").', iso=day.isoformat()))
    if isinstance(answer, pd.Timestamp | dt.date):
        return Feedback(False, t("You returned the date itself. Ask it for the name of its "
                                 "weekday with .day_name()."))
    if _is_number(answer):
        if answer == day.day:
            return Feedback(False, t("You returned a number, but it is the day of the month. "
                                     "Use .day_name() to get the weekday's name."))
        if answer == expected:
            return Feedback(False, t("{answer} is the weekday as a number (.day_of_week counts "
                                     "Monday as 0). Use .day_name() to get its name.",
                                     answer=answer))
        if answer == day.isoweekday():
            return Feedback(False, t("{answer} is the ISO weekday number (Monday is 1). "
                                     "Use .day_name() to get its name.", answer=answer))
        return Feedback(False, t("You returned a number. The question asks for a weekday's "
                                 "name: use .day_name()."))
    if not isinstance(answer, str):
        return Feedback(False, t("You returned a {type}. Return a string, the weekday's name "
                                 "(use .day_name()).", type=type(answer).__name__))
    said = _weekday_of(answer)
    if said == expected:
        if _is_full_name(answer, expected):
            return Feedback(True, t("{date} was a {weekday}. The 2021 report's claim checks "
                                    "out.", date=format_date(day), weekday=name))
        return Feedback(True, t("{weekday}, yes. (.day_name() gives the full name.)",
                                weekday=name))
    if said is not None:
        return Feedback(False, t('That is a weekday, but not the right one. Check the date you '
                                 'used: it should be pd.Timestamp("{iso}") (year-month-day).',
                                 iso=day.isoformat()))
    return Feedback(False, t("{answer} is not a weekday name. Use .day_name() on a "
                             "pd.Timestamp.", answer=repr(answer)))


@on_the_site("years_since_first_flight")
def check_years_since_first_flight(answer: Any, ds: Any = None) -> Feedback:
    """Exercise 2: years between Vostok 1 and the 2021 memorandum (difference of the years)."""
    ds = _load(ds)
    first, signed = facts.vostok_launch_date(ds), facts.memorandum_date(ds)
    expected = facts.years_from_vostok_to_memorandum(ds)
    days = facts.days_from_vostok_to_memorandum(ds)
    exact = days / 365.25
    if answer is None:
        return Feedback(False, t("Replace None with your code. Subtract one year from the "
                                 "other."))
    if isinstance(answer, pd.Timedelta | dt.timedelta):
        return Feedback(False, t("You returned a time span in days. Subtract the .year of the "
                                 "two dates instead."))
    if not _is_number(answer):
        return Feedback(False, t("You returned a {type}. Return a number.",
                                 type=type(answer).__name__))
    if answer == expected:
        return Feedback(True, nt(
            "{later} − {earlier} = {n}: the report came out {n} year after the first human "
            "spaceflight, in an anniversary year.",
            "{later} − {earlier} = {n}: the report came out {n} years after the first human "
            "spaceflight, in an anniversary year.",
            expected, later=str(signed.year), earlier=str(first.year)))
    if answer == -expected:
        return Feedback(False, t("Right size, wrong sign: subtract the earlier year from the "
                                 "later one."))
    if answer in (first.year, signed.year):
        return Feedback(False, t("That is one of the years itself. Subtract the two years."))
    if abs(answer - exact) < 0.05 or answer == int(exact):
        return Feedback(False, t("You measured the exact time span ({span} years): the "
                                 "memorandum came before the anniversary of the flight. The "
                                 "question asks for the difference of the years: use .year on "
                                 "both dates.", span=format_number(round(exact, 1))))
    if abs(answer - days) <= 1:
        return Feedback(False, t("That is the number of days. Subtract the .year of the two "
                                 "dates instead."))
    return Feedback(False, t("Not the right number. Take the .year of Vostok 1's launch date "
                             "and of the memorandum's date, and subtract."))


@on_the_site("nasa_2024")
def check_nasa_2024(held: Any, latest_target_year: Any = None, ds: Any = None) -> Feedback:
    """Exercise 3: was NASA's landing target of 2021 (2024) met (``held``, True/False), and what
    is the latest target year?"""
    ds = _load(ds)
    expected = facts.artemis_landing_goal_of_2021_held(ds)
    goal_year = facts.artemis_landing_target_at_memorandum(ds)
    targets = facts.artemis_landing_target_years(ds)
    target = targets[-1]
    if held is None:
        return Feedback(False, t("Set held to True or False."))
    if isinstance(held, str):
        return Feedback(False, t("You wrote the text {held}. Use the Python values True or "
                                 "False, without quotes.", held=repr(held)))
    if not isinstance(held, bool):
        return Feedback(False, t("held should be True or False (a bool). A comparison such as "
                                 "latest_target_year <= {year} gives one.", year=goal_year))
    if held != expected:
        if expected:
            return Feedback(False, t("Look again: there is a successful Artemis crewed landing "
                                     "in ds.missions."))
        return Feedback(False, t("Look again: in ds.missions, is there any Artemis row with "
                                 "mission_type 'crewed_lunar_landing' and status 'success'? "
                                 "And in ds.schedule_history, where did the target end up?"))
    if latest_target_year is None:
        return Feedback(False, t("held is right. Now also set latest_target_year: the "
                                 "target_date of the newest row for '{goal}' in "
                                 "ds.schedule_history.", goal=ARTEMIS_LANDING_GOAL))
    if not _is_number(latest_target_year):
        return Feedback(False, t("latest_target_year should be a whole number, a year. Take "
                                 "the first four characters of target_date and use int()."))
    if latest_target_year == target:
        if expected:
            return Feedback(True, t("NASA met its {year} goal; the newest target is {target}.",
                                    year=goal_year, target=target))
        return Feedback(True, t("NASA's {year} goal was not met; the newest target is "
                                "{target}. The report's claim was still true: in 2021, "
                                "{year} was the goal. The plan changed, not the claim.",
                                year=goal_year, target=target))
    if latest_target_year in targets[:-1]:
        return Feedback(False, t("That was an older target. Sort the rows by announced_on and "
                                 "take the last one."))
    return Feedback(False, t("Filter ds.schedule_history to mission_id == '{goal}', sort by "
                             "announced_on and read the last target_date.",
                             goal=ARTEMIS_LANDING_GOAL))


CHECKERS = {
    "weekday": check_weekday,
    "years_since_first_flight": check_years_since_first_flight,
    "nasa_2024": check_nasa_2024,
}


def answer_key(ds: Any) -> list[KeyEntry]:
    """Model solutions of the exercises, with the results they give on ``ds``."""
    signed, first = facts.memorandum_date(ds), facts.vostok_launch_date(ds)
    span = format_number(round(facts.days_from_vostok_to_memorandum(ds) / 365.25, 1))
    before = (signed.month, signed.day) < (first.month, first.day)
    goal_year = facts.artemis_landing_target_at_memorandum(ds)
    return [
        KeyEntry("weekday", "weekday = signed.day_name()",
                 weekday_name(facts.memorandum_weekday(ds))),
        KeyEntry("years_since_first_flight", "years = signed.year - vostok.year",
                 str(facts.years_from_vostok_to_memorandum(ds)),
                 t("the exact span is {span} years, because the memorandum came a little "
                   "before the anniversary of the flight; the checker explains this",
                   span=span) if before else ""),
        KeyEntry("nasa_2024",
                 'latest_target_year = int(goal.sort_values("announced_on")["target_date"]'
                 '.iloc[-1][:4])',
                 str(facts.latest_artemis_landing_target_year(ds)),
                 t("then held = latest_target_year <= {year} gives {held}", year=goal_year,
                   held=facts.artemis_landing_goal_of_2021_held(ds))),
    ]
