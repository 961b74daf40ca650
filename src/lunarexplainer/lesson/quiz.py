"""Check-your-understanding questions as ipywidgets, with feedback and a pointer into the data.

The questions live in ``quizzes/<lesson>.toml`` (see :mod:`.content`); their answers are facts
from :mod:`lunarexplainer.facts`, so they stay right when the data is updated. In a notebook:
``quiz.lesson_quiz("01_partnership", ds)``. Every word shown goes through
:mod:`lunarexplainer.text`.
"""

from __future__ import annotations

import html
import random
import time
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any

import pandas as pd

from ..display import exporting
from ..text import nt
from ..text import t
from . import manifest
from .content import Facts
from .content import QuestionSpec
from .content import Ref
from .content import load_quiz_spec
from .content import quiz_lessons
from .content import rows_functions
from .content import shown

#: An answer that reaches the kernel this soon after Check (seconds) is the one Check was for.
LATE_ANSWER_S = 2.0

__all__ = [
    "WHY_ROWS", "Feedback", "Question", "MultipleChoice", "NumericQuestion", "Quiz",
    "KeyEntry", "lesson_quiz", "lesson_questions", "answer_key", "quiz_lessons",
]

WHY_ROWS = 8


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: whether it is right, and what to tell the student."""

    correct: bool
    message: str

    @property
    def verdict(self) -> str:
        return t("Right!") if self.correct else t("Not yet.")

    def _repr_markdown_(self) -> str:
        mark = "✅" if self.correct else "🔎"
        return f"{mark} **{self.verdict}** {html.escape(self.message, quote=False)}"

    def __str__(self) -> str:
        return f"{self.verdict} {self.message}"


@dataclass
class Question:
    """Shared parts of a question: the prompt and where in the data to look ("show me why")."""

    prompt: str
    explanation: str
    why: str
    why_rows: Callable[[], pd.DataFrame] | None = None
    id: str = ""
    key_note: str = ""

    def check(self, value: Any) -> Feedback:  # pragma: no cover - overridden
        raise NotImplementedError

    def answer_text(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def _input(self) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def markdown(self) -> str:
        """The question as plain Markdown, without the answer (for static pages)."""
        return f"**{html.escape(self.prompt, quote=False)}**"

    def build_widget(self) -> Any:
        """Prompt, input, Check and Show-me-why buttons, and the feedback area."""
        import ipywidgets as w

        control = self._input()
        check = w.Button(description=t("Check"), button_style="primary", icon="check")
        why = w.Button(description=t("Show me why"), icon="table")
        feedback = w.HTML()
        why_out = w.Output()

        checked_at = [-LATE_ANSWER_S]  # when Check was last pressed (time.monotonic)

        def on_check(_: Any) -> None:
            checked_at[0] = time.monotonic()
            show(self.check(control.value))

        def show(fb: Feedback) -> None:
            color = "#007a55" if fb.correct else "#9a5b00"
            feedback.value = (
                f'<div style="color:{color};font-size:1.05em"><b>{html.escape(fb.verdict)}</b> '
                f"{html.escape(fb.message)}</div>"
            )

        def on_answer(change: dict[str, Any]) -> None:
            # The browser sends a button's click at once but may hold an answer's new value
            # until the kernel has answered the previous message, so a quick Check can arrive
            # before the answer it was pressed for: an answer just after a Check is checked
            # again. Any later change clears the feedback, which was about another answer.
            if not feedback.value:
                return
            if time.monotonic() - checked_at[0] <= LATE_ANSWER_S:
                show(self.check(change["new"]))
            else:
                feedback.value = ""

        def on_why(_: Any) -> None:
            from IPython.display import display

            why_out.clear_output()
            with why_out:
                print(t("Where to look: {where}", where=self.why))
                if self.why_rows is not None:
                    try:
                        display(self.why_rows().head(WHY_ROWS))
                    except Exception as exc:  # show, never hide, a data problem
                        print(t("(could not show the rows: {error})", error=exc))

        check.on_click(on_check)
        control.observe(on_answer, names="value")
        why.on_click(on_why)
        box = w.VBox(
            [w.HTML(f"<b>{html.escape(self.prompt)}</b>"), control,
             w.HBox([check, why]), feedback, why_out],
            layout=w.Layout(margin="0 0 1em 0"),
        )
        box.controls = {"answer": control, "check": check, "why": why}  # type: ignore[attr-defined]
        box.feedback = feedback  # type: ignore[attr-defined]
        box.why_output = why_out  # type: ignore[attr-defined]
        return box


@dataclass
class MultipleChoice(Question):
    """Pick one option. ``correct`` is the correct option's text; ``hints`` maps wrong options
    to a specific hint (``hint``, or a general one, is used otherwise)."""

    options: Sequence[str] = ()
    correct: str = ""
    hints: dict[str, str] = field(default_factory=dict)
    hint: str = ""

    def __post_init__(self) -> None:
        if self.correct not in self.options:
            raise ValueError(f"the correct answer is not among the options: {self.prompt!r}")

    def check(self, value: Any) -> Feedback:
        if value is None or value == "":
            return Feedback(False, t("Choose one of the options first."))
        if value not in self.options:
            return Feedback(False, t("{value} is not one of the options.", value=repr(value)))
        if value == self.correct:
            return Feedback(True, self.explanation)
        general = self.hint or t("Look at the data again, using the 'Show me why' button.")
        return Feedback(False, self.hints.get(str(value), general))

    def answer_text(self) -> str:
        return self.correct

    def _input(self) -> Any:
        import ipywidgets as w

        return w.RadioButtons(options=list(self.options), value=None,
                              layout=w.Layout(width="auto"))

    def markdown(self) -> str:
        items = "\n".join(f"- {html.escape(o, quote=False)}" for o in self.options)
        return f"{super().markdown()}\n\n{items}"


@dataclass
class NumericQuestion(Question):
    """Type a number. ``near`` maps tempting wrong numbers to a specific hint."""

    answer: float = 0.0
    tolerance: float = 0.0
    unit: str = ""
    near: dict[float, str] = field(default_factory=dict)
    hint_low: str = ""
    hint_high: str = ""

    def check(self, value: Any) -> Feedback:
        if isinstance(value, str):
            value = value.strip().replace(",", "")
            if not value:
                return Feedback(False, t("Type a number first."))
            try:
                value = float(value)
            except ValueError:
                return Feedback(False, t("{value} is not a number. Type digits only, e.g. 12.",
                                         value=repr(value)))
        if value is None or isinstance(value, bool) or not isinstance(value, int | float):
            return Feedback(False, t("Type a number first."))
        if abs(value - self.answer) <= self.tolerance:
            return Feedback(True, self.explanation)
        for tempting, hint in self.near.items():
            if abs(value - tempting) <= self.tolerance:
                return Feedback(False, hint)
        if value < self.answer:
            return Feedback(False, self.hint_low or t("Too small. Look at the data again."))
        return Feedback(False, self.hint_high or t("Too big. Look at the data again."))

    def answer_text(self) -> str:
        number = _number_text(self.answer)
        return t("{number} {unit}", number=number, unit=self.unit) if self.unit else number

    def _input(self) -> Any:
        import ipywidgets as w

        placeholder = (t("type a number ({unit})", unit=self.unit) if self.unit
                       else t("type a number"))
        return w.Text(placeholder=placeholder)


class Quiz:
    """A short list of questions shown together. Displays as widgets, or as Markdown without
    a kernel (static export)."""

    def __init__(self, title: str, questions: Sequence[Question], lesson: str = "") -> None:
        self.title = title
        self.questions = list(questions)
        self.lesson = lesson or title
        self._widget: Any = None

    @property
    def widget(self) -> Any:
        if self._widget is None:
            import ipywidgets as w

            self._widget = w.VBox([q.build_widget() for q in self.questions])
        return self._widget

    def markdown(self) -> str:
        parts = [f"{i}. {q.markdown()}" for i, q in enumerate(self.questions, 1)]
        return "\n\n".join(parts) + "\n\n*" + t("Run the notebook to check your answers.") + "*"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **kw: Any) -> Any:
        bundle = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude, **kw) or {})
        bundle["text/markdown"] = self.markdown()
        bundle["text/plain"] = nt("Quiz: {title} ({n} question)", "Quiz: {title} ({n} questions)",
                                  len(self.questions), title=self.title)
        if exporting():  # the static site checks answers with its own page script
            from ..site_quiz import quiz_bundle

            html_form, metadata = quiz_bundle(self)
            return bundle | html_form, metadata
        return bundle

    def __len__(self) -> int:
        return len(self.questions)


# --------------------------------------------------------------------------- from the files


def _number_text(value: float) -> str:
    """A number as the key shows it: whole numbers plain (a year stays 2035)."""
    return shown(int(value)) if float(value).is_integer() else shown(float(value))


def _literal(value: Any) -> str:
    """A literal option or answer from a quiz file, in the current language."""
    return t(value) if isinstance(value, str) else shown(value)


def _choice(spec: QuestionSpec, facts: Facts, seed: str, **common: Any) -> MultipleChoice:
    literal = not isinstance(spec.answer, Ref)
    answer = facts.value(spec.answer)
    if spec.options is not None:
        shown_as = {o.value: t(o.text) for o in spec.options}
        correct = shown_as.get(str(answer), _literal(answer) if literal else shown(answer))
        options = list(shown_as.values())
    else:
        correct = _literal(answer) if literal else shown(answer)
        if isinstance(spec.distractors, Ref):
            wrong = [shown(v) for v in facts.value(spec.distractors)]
            shown_as = {}
        else:
            shown_as = {d: t(d) for d in spec.distractors}
            wrong = list(shown_as.values())
        options = list(dict.fromkeys([correct, *[w for w in wrong if w != correct]]))
    if spec.shuffle:
        random.Random(seed).shuffle(options)
    hints = {shown_as.get(k, k): facts.render(v) for k, v in spec.hints}
    hint = facts.render(spec.hint) if spec.hint is not None else ""
    return MultipleChoice(options=options, correct=correct, hints=hints, hint=hint, **common)


def _number(spec: QuestionSpec, facts: Facts, **common: Any) -> NumericQuestion:
    answer = float(facts.value(spec.answer))
    tolerance = max(spec.tolerance, spec.relative_tolerance * abs(answer))
    near = {float(facts.value(n.value)): facts.render(n.hint) for n in spec.near}
    key_note = common.pop("key_note")
    if tolerance and not key_note:
        key_note = t("answers from {low} to {high} count", low=_number_text(answer - tolerance),
                     high=_number_text(answer + tolerance))
    return NumericQuestion(
        answer=answer, tolerance=tolerance, unit=t(spec.unit) if spec.unit else "", near=near,
        hint_low=facts.render(spec.hint_low) if spec.hint_low is not None else "",
        hint_high=facts.render(spec.hint_high) if spec.hint_high is not None else "",
        key_note=key_note, **common)


def build_question(spec: QuestionSpec, facts: Facts, lesson: str) -> Question:
    """One question from its spec, with every fact taken from ``facts``."""
    rows = rows_functions().get(spec.why_rows) if spec.why_rows else None
    ds = facts.ds
    common: dict[str, Any] = {
        "id": spec.id,
        "prompt": facts.render(spec.prompt),
        "explanation": facts.render(spec.explanation),
        "why": facts.render(spec.why),
        "why_rows": (lambda: rows(ds)) if rows is not None else None,
        "key_note": facts.render(spec.key_note) if spec.key_note is not None else "",
    }
    if spec.type == "choice":
        return _choice(spec, facts, f"{lesson}/{spec.id}", **common)
    return _number(spec, facts, **common)


def lesson_questions(lesson: str, ds: Any) -> list[Question]:
    """The questions of one lesson's quiz file, answered from ``ds`` (``when`` facts that are
    false or zero leave their question out)."""
    facts = Facts(ds)
    return [build_question(spec, facts, lesson) for spec in load_quiz_spec(lesson).questions
            if spec.when is None or facts.get(spec.when)]


def lesson_quiz(lesson: str, ds: Any) -> Quiz:
    """The check-your-understanding quiz for one notebook, with answers taken from ``ds``."""
    questions = lesson_questions(lesson, ds)
    return Quiz(t(manifest.lesson(lesson).title), questions, lesson)


@dataclass(frozen=True)
class KeyEntry:
    """One line of an answer key."""

    id: str
    prompt: str
    answer: str
    note: str = ""


def answer_key(ds: Any) -> dict[str, list[KeyEntry]]:
    """Every question with its answer, per lesson (for the teacher guide)."""
    return {lesson: [KeyEntry(q.id, q.prompt, q.answer_text(), q.key_note)
                     for q in lesson_questions(lesson, ds)]
            for lesson in quiz_lessons()}
