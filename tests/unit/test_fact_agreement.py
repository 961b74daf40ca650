"""Each fact has one function, and every place that shows it says the same number.

For the shipped data: the quiz answer, the teacher guide's answer key and the chart summary
that quote a fact must all show the value of its function in ``facts.py``.
"""

from __future__ import annotations

import pytest

from lunarexplainer import facts
from lunarexplainer import load_dataset
from lunarexplainer.charts import claims
from lunarexplainer.charts import partner_growth
from lunarexplainer.charts import station_roles
from lunarexplainer.lesson.quiz import answer_key
from lunarexplainer.text import format_number

from harness import REPO

# fact, (lesson, question id) whose answer it is, and the chart texts that quote it:
# (chart summary function, the words that must follow the number there).
AGREEMENT = {
    "ilrs_listed_countries": (("01_partnership", "ilrs-countries"),
                              [(partner_growth.summary, "countries and")]),
    "claims_true_count": (("05_fact_check_2021", "count-true"), [(claims.summary, "“true”")]),
    "station_objective_count": (("02_station_roles", "objective-count"),
                                [(station_roles.summary, "objective")]),
}


@pytest.fixture(scope="module")
def shipped():
    return load_dataset()


@pytest.fixture(scope="module")
def key(shipped):
    return {(lesson, entry.id): entry for lesson, entries in answer_key(shipped).items()
            for entry in entries}


@pytest.mark.parametrize("fact", sorted(AGREEMENT))
def test_quiz_guide_and_charts_show_the_same_number(shipped, key, fact):
    value = getattr(facts, fact)(shipped)
    number = format_number(value)
    question, charts = AGREEMENT[fact]
    entry = key[question]
    assert entry.answer == number, f"quiz {question} answers {entry.answer}, {fact} is {number}"
    guide = (REPO / "notebooks" / "teacher_guide.md").read_text(encoding="utf-8")
    assert f"{entry.prompt} — {number}" in guide, "teacher guide: run `lunarexplainer guide`"
    for summary, words in charts:
        text = summary(shipped)
        assert f"{number} {words}" in text, f"{summary.__module__}: {text}"


def test_the_member_counts_that_differ_are_named_apart(shipped):
    text = partner_growth.summary(shipped)
    listed = facts.member_count(shipped, "ILRS")
    official = facts.official_count(shipped, "ILRS")
    if official is not None and official.count != listed:
        assert f"official count we found for the ILRS was {official.count}" in text
        assert f"our list has {listed}" in text


def test_lesson_chart_and_guide_read_the_same_verdicts_and_reasons(shipped):
    """The claims table and the teacher guide's fact-check key show every claim's verdict and
    reason exactly as article_claims.csv has them."""
    import html
    import re

    from lunarexplainer.theme import VERDICT_LABELS
    from lunarexplainer.theme import VERDICT_MARKS

    guide = (REPO / "notebooks" / "teacher_guide.md").read_text(encoding="utf-8")
    cells = [[html.unescape(re.sub(r"</?b>", "", v)) for v in col]
             for col in claims.figure(shipped).data[0].cells.values]
    rows = shipped.article_claims
    for i, r in enumerate(rows.itertuples()):
        verdict = f"{VERDICT_MARKS[r.verdict]} {VERDICT_LABELS[r.verdict]}"
        assert (cells[0][i], cells[1][i], cells[2][i]) == (r.claim, verdict, r.reason)
        assert f"{r.claim} — {verdict}: {r.reason}" in guide, "run `lunarexplainer guide`"
