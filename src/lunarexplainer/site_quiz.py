"""Quizzes and exercises on the static site, where no kernel runs.

At export the lesson kernel displays each quiz and exercise with an extra ``text/html`` form
made here, from the same question objects (:mod:`lunarexplainer.lesson.quiz`) and answer key
(:mod:`lunarexplainer.lesson.exercises`) the notebook uses, so every answer, hint and
explanation is computed once, from the data, when the site is written.

* A quiz question is a ``<form data-quiz-question>``: radio buttons or a number box, a Check
  button, a "Show me why" ``<details>`` and an ``aria-live`` feedback line. Its verdicts sit
  in a ``<script type="application/json">``: for a choice, the feedback for every option
  (``Question.check`` of each); for a number, the answer, tolerance, tempting numbers and
  hints. ``quiz.js`` (plain local JavaScript) only looks them up.
* An exercise shows a "Show a solution" ``<details>`` with the model solution and the value
  it gives, instead of the checker's "Not yet" for code nobody has written.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Sequence
from typing import Any

from .display import TRUSTED_HTML_METADATA
from .display import table_html
from .text import t

__all__ = [
    "QUIZ_SCRIPT", "VALUE_SLOT", "question_data", "question_html", "quiz_html", "quiz_bundle",
    "exercise_html", "exercise_bundle", "ExerciseReveal",
]

#: The page script that checks answers (templates/web/quiz.js).
QUIZ_SCRIPT = "quiz.js"
#: Stands for what the student typed in a message that quotes it (quiz.js fills it in).
VALUE_SLOT = "\u2060VALUE\u2060"


def _json(obj: Any) -> str:
    text = json.dumps(obj, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _feedback(fb: Any) -> dict[str, Any]:
    return {"correct": fb.correct, "verdict": fb.verdict, "message": fb.message}


def question_data(question: Any) -> dict[str, Any]:
    """What quiz.js needs to judge any answer to ``question``, computed by its own check()."""
    if hasattr(question, "options"):
        return {"kind": "choice", "empty": _feedback(question.check(None)),
                "options": [_feedback(question.check(o)) for o in question.options]}
    typed = repr(VALUE_SLOT)
    return {
        "kind": "number", "answer": question.answer, "tolerance": question.tolerance,
        "near": [[value, hint] for value, hint in question.near.items()],
        "empty": _feedback(question.check("")),
        "not_a_number": _feedback(question.check(VALUE_SLOT)) | {"slot": typed},
        "right": _feedback(question.check(question.answer)),
        "low": _feedback(question.check(-math.inf)),
        "high": _feedback(question.check(math.inf)),
    }


def _why_table(question: Any) -> str:
    if question.why_rows is None:
        return ""
    from .lesson.quiz import WHY_ROWS

    try:
        rows = question.why_rows().head(WHY_ROWS)
    except Exception as exc:  # show, never hide, a data problem
        return f"<p>{html.escape(t('(could not show the rows: {error})', error=exc))}</p>"
    label = html.escape(t("Rows of the data for this question"))
    return (f'<div class="lx-why-rows" role="region" tabindex="0" aria-label="{label}">'
            f"{table_html(rows)}</div>")


def question_html(question: Any, number: int, form_id: str) -> str:
    """One question as a form: prompt, input, Check, "Show me why" and a live feedback line."""
    e = html.escape
    prompt_id = f"{form_id}-prompt"
    answer = ""
    if hasattr(question, "options"):
        choices = "".join(
            f'<li><label><input type="radio" name="{form_id}-answer" value="{i}"> '
            f"{e(option)}</label></li>" for i, option in enumerate(question.options))
        control = (f'<fieldset class="lx-choices"><legend id="{prompt_id}">'
                   f'<span class="lx-q-number">{number}.</span> {e(question.prompt)}</legend>'
                   f'<ul role="presentation">{choices}</ul></fieldset>')
    else:
        hint = (t("type a number ({unit})", unit=question.unit) if question.unit
                else t("type a number"))
        control = (f'<p class="lx-q-prompt" id="{prompt_id}"><span class="lx-q-number">'
                   f"{number}.</span> {e(question.prompt)}</p>")
        yours = t("Your answer")
        answer = (f'<label class="lx-number"><span>{e(yours)}</span> '
                  f'<input type="text" inputmode="decimal" name="{form_id}-answer" '
                  f'autocomplete="off" placeholder="{e(hint)}"></label> ')
    show_why, where = t("Show me why"), t("Where to look: {where}", where=question.why)
    why = (f'<details class="lx-why"><summary>{e(show_why)}</summary>'
           f'<p>{e(where)}</p>'
           f"{_why_table(question)}</details>")
    check = t("Check")
    return (
        f'<form class="lx-question" id="{form_id}" data-quiz-question="{e(question.id)}" '
        f'aria-labelledby="{prompt_id}" novalidate>{control}'
        f'<p class="lx-actions">{answer}<button type="submit" class="lx-check">'
        f'{e(check)}</button></p>'
        f'<p class="lx-feedback" role="status" aria-live="polite"></p>{why}'
        f'<script type="application/json" class="lx-quiz-data">{_json(question_data(question))}'
        "</script></form>"
    )


def quiz_html(questions: Sequence[Any], lesson: str) -> str:
    """Every question of a lesson's quiz, ready for the static page."""
    slug = "".join(c if c.isalnum() else "-" for c in lesson)
    items = "".join(
        question_html(q, i, f"lx-q-{slug}-{''.join(c if c.isalnum() else '-' for c in q.id)}")
        for i, q in enumerate(questions, 1))
    how = t("Choose an answer (the arrow keys move between options) or type a number, then "
            "press Check or Enter.")
    return (f'<div class="lx-quiz" data-lesson="{html.escape(lesson)}">'
            f'<p class="lx-quiz-how">{html.escape(how)}</p>{items}</div>')


def quiz_bundle(quiz: Any) -> tuple[dict[str, str], dict[str, Any]]:
    """The quiz's HTML for the site, with the metadata that marks it as built by us."""
    metadata = {key: dict(value) for key, value in TRUSTED_HTML_METADATA.items()}
    metadata["lunarexplainer"]["quiz"] = quiz.lesson
    return {"text/html": quiz_html(quiz.questions, quiz.lesson)}, metadata


def exercise_html(entry: Any) -> str:
    """An exercise's "Show a solution" reveal: the model solution, what it gives, and a note."""
    e = html.escape
    note = f"<p>{e(entry.note)}</p>" if entry.note else ""
    how = t("On this page the code cannot run. Work out your answer, then compare it with a "
            "solution. To run your own code, open the notebook in JupyterLab.")
    show = t("Show a solution")
    gives = t("With the data on this site, this gives: {answer}", answer=entry.answer)
    return (
        f'<div class="lx-exercise" data-exercise="{e(entry.id)}">'
        f'<p class="lx-exercise-how">{e(how)}</p><details class="lx-solution">'
        f'<summary>{e(show)}</summary>'
        f"<pre><code>{e(entry.prompt)}</code></pre>"
        f'<p>{e(gives)}'
        f"</p>{note}</details></div>"
    )


def exercise_bundle(entry: Any) -> tuple[dict[str, str], dict[str, Any]]:
    """An exercise's reveal for the site, marked as built by us and naming the exercise."""
    metadata = {key: dict(value) for key, value in TRUSTED_HTML_METADATA.items()}
    metadata["lunarexplainer"]["exercise"] = entry.id
    return {"text/html": exercise_html(entry), "text/plain": entry.answer}, metadata


class ExerciseReveal:
    """What an exercise's checker displays at export: the solution reveal (see
    :func:`lunarexplainer.lesson.exercises.on_the_site`)."""

    def __init__(self, entry: Any) -> None:
        self.entry = entry

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None,
                          **kw: Any) -> tuple[dict[str, str], dict[str, Any]]:
        return exercise_bundle(self.entry)
