"""Checkers for the coding exercises in notebook 05: each says *why* an answer is wrong.

The expected answers are computed from the data (the memorandum's date, Vostok 1's launch, the
schedule history of NASA's landing goal), so nothing is typed into the notebook.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from .quiz import Feedback

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
LANDING_GOAL = "artemis-first-crewed-landing"


def _load(ds: Any) -> Any:
    if ds is None:
        from .data import load_dataset

        ds = load_dataset()
    return ds


def memorandum_date(ds: Any = None) -> pd.Timestamp:
    """Day the 2021 CNSA–Roscosmos memorandum was signed, from the milestones table."""
    ds = _load(ds)
    ms = ds.milestones
    ms = ms[(ms["program"] == "ILRS") & ms["date"].astype(str).str.startswith("2021")]
    mou = ms[ms["title"].str.contains("memorandum|MoU", case=False, na=False)]
    mou = mou if not mou.empty else ms
    days = [str(d) for d in mou["date"] if len(str(d)) == 10]
    if days:
        return pd.Timestamp(min(days))
    # Fallback: the date named in the checked claim about the signing day.
    claims = ds.article_claims.set_index("id")
    if "claim-mou-tuesday" in claims.index:
        found = pd.Series([claims.loc["claim-mou-tuesday", "what_happened"]]).str.extract(
            r"(\d{1,2} [A-Z][a-z]+ \d{4})")[0].dropna()
        if not found.empty:
            return pd.Timestamp(found.iloc[0])
    raise LookupError("the data has no date for the 2021 memorandum (milestones.csv)")


def vostok_launch(ds: Any = None) -> pd.Timestamp:
    """Launch day of Vostok 1, the first human spaceflight."""
    ds = _load(ds)
    return pd.Timestamp(str(ds.missions.set_index("id").loc["vostok-1", "launch_date"]))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_weekday(answer: Any, ds: Any = None) -> Feedback:
    """Exercise 1: the weekday (a name such as 'Monday') on which the memorandum was signed."""
    day = memorandum_date(ds)
    expected = day.day_name()
    if answer is None:
        return Feedback(False, "Replace None with your code, e.g. start from "
                               f'pd.Timestamp("{day.date()}").')
    if isinstance(answer, pd.Timestamp | dt.date):
        return Feedback(False, "You returned the date itself. Ask it for the name of its "
                               "weekday with .day_name().")
    if _is_number(answer):
        if answer == day.day:
            return Feedback(False, "You returned a number, but it is the day of the month. "
                                   "Use .day_name() to get the weekday's name.")
        if answer == day.day_of_week:
            return Feedback(False, f"{answer} is the weekday as a number (.day_of_week counts "
                                   "Monday as 0). Use .day_name() to get its name.")
        if answer == day.isoweekday():
            return Feedback(False, f"{answer} is the ISO weekday number (Monday is 1). "
                                   "Use .day_name() to get its name.")
        return Feedback(False, "You returned a number. The question asks for a name like "
                               "'Friday': use .day_name().")
    if not isinstance(answer, str):
        return Feedback(False, f"You returned a {type(answer).__name__}. Return a string such "
                               "as 'Friday' (use .day_name()).")
    text = answer.strip()
    if text.lower() == expected.lower():
        return Feedback(True, f"{day.day} {day.month_name()} {day.year} was a {expected}. "
                              "The 2021 report's 'Tuesday' checks out.")
    if text.lower() == expected[:3].lower():
        return Feedback(True, f"{expected}, yes. (.day_name() gives the full name.)")
    if text.title() in WEEKDAYS:
        return Feedback(False, f"{text.title()} is a weekday, but not the right one. Check the "
                               f'date you used: it should be pd.Timestamp("{day.date()}") '
                               "(year-month-day).")
    return Feedback(False, f"{answer!r} is not a weekday name. Use .day_name() on a "
                           "pd.Timestamp.")


def check_years_since_first_flight(answer: Any, ds: Any = None) -> Feedback:
    """Exercise 2: years between Vostok 1 and the 2021 memorandum (difference of the years)."""
    first = vostok_launch(ds)
    article = memorandum_date(ds)
    expected = article.year - first.year
    exact = (article - first).days / 365.25
    if answer is None:
        return Feedback(False, "Replace None with your code. Subtract one year from the other.")
    if isinstance(answer, pd.Timedelta | dt.timedelta):
        return Feedback(False, "You returned a time span in days. Subtract the .year of the "
                               "two dates instead.")
    if not _is_number(answer):
        return Feedback(False, f"You returned a {type(answer).__name__}. Return a number.")
    if answer == expected:
        return Feedback(True, f"{article.year} − {first.year} = {expected}: the report came out "
                              f"in the year of the {expected}th anniversary of the first "
                              "human spaceflight.")
    if answer == -expected:
        return Feedback(False, "Right size, wrong sign: subtract the earlier year from the "
                               "later one.")
    if answer in (first.year, article.year):
        return Feedback(False, "That is one of the years itself. Subtract the two years.")
    if abs(answer - exact) < 0.05 or answer == int(exact):
        return Feedback(False, f"You measured the exact time span ({exact:.1f} years): the "
                               "memorandum came a few weeks before the anniversary of the "
                               "flight. The question asks for the difference of the years: "
                               "use .year on both dates.")
    if abs(answer - (article - first).days) <= 1:
        return Feedback(False, "That is the number of days. Subtract the .year of the two "
                               "dates instead.")
    return Feedback(False, "Not the right number. Take the .year of Vostok 1's launch date and "
                           "of the memorandum's date, and subtract.")


def landing_goal_held(ds: Any = None) -> bool:
    """Whether NASA's 2021 goal (astronauts on the Moon in 2024) came true, from the data."""
    ds = _load(ds)
    m = ds.missions
    landed = m[(m["program"] == "Artemis") & (m["mission_type"] == "crewed_lunar_landing")
               & (m["status"] == "success")]
    if landed.empty:
        return False
    first = landed["landing_date"].fillna(landed["launch_date"]).astype(str).min()
    return int(first[:4]) <= 2024


def latest_landing_target(ds: Any = None) -> int:
    """Year of the latest announced target for the first Artemis crewed landing."""
    ds = _load(ds)
    sh = ds.schedule_history
    sh = sh[sh["mission_id"] == LANDING_GOAL].sort_values("announced_on")
    return int(str(sh.iloc[-1]["target_date"])[:4])


def check_nasa_2024(held: Any, latest_target_year: Any = None, ds: Any = None) -> Feedback:
    """Exercise 3: did the 2024 landing target hold (True/False), and what is the latest
    target year?"""
    expected = landing_goal_held(ds)
    target = latest_landing_target(ds)
    if held is None:
        return Feedback(False, "Set held to True or False.")
    if isinstance(held, str):
        return Feedback(False, f"You wrote the text {held!r}. Use the Python values True or "
                               "False, without quotes.")
    if not isinstance(held, bool):
        return Feedback(False, "held should be True or False (a bool). A comparison such as "
                               "latest_year <= 2024 gives one.")
    if held != expected:
        if expected:
            return Feedback(False, "Look again: there is a successful Artemis crewed landing "
                                   "in ds.missions.")
        return Feedback(False, "Look again: in ds.missions, is there any Artemis row with "
                               "mission_type 'crewed_lunar_landing' and status 'success'? And "
                               "in ds.schedule_history, where did the target end up?")
    if latest_target_year is None:
        return Feedback(False, "held is right. Now also set latest_target_year: the "
                               "target_date of the newest row for "
                               f"'{LANDING_GOAL}' in ds.schedule_history.")
    if not _is_number(latest_target_year):
        return Feedback(False, "latest_target_year should be a whole number such as 2030. "
                               "Take the first four characters of target_date and use int().")
    if latest_target_year == target:
        verdict = "held" if expected else "did not hold"
        return Feedback(True, f"The 2024 goal {verdict}; the newest target is {target}.")
    sh = ds_schedule_targets(ds)
    if latest_target_year in sh[:-1]:
        return Feedback(False, "That was an older target. Sort the rows by announced_on and "
                               "take the last one.")
    return Feedback(False, f"Filter ds.schedule_history to mission_id == '{LANDING_GOAL}', "
                           "sort by announced_on and read the last target_date.")


def ds_schedule_targets(ds: Any = None) -> list[int]:
    """Target years of the landing goal in the order they were announced."""
    ds = _load(ds)
    sh = ds.schedule_history
    sh = sh[sh["mission_id"] == LANDING_GOAL].sort_values("announced_on")
    return [int(str(t)[:4]) for t in sh["target_date"]]


CHECKERS = {
    "weekday": check_weekday,
    "years_since_first_flight": check_years_since_first_flight,
    "nasa_2024": check_nasa_2024,
}
