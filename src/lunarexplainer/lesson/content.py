"""Quiz content as data: read and check ``quizzes/<lesson>.toml``, fill templates from facts.

Each file has a ``[[question]]`` table per question (see ``quizzes/README.md`` for every key).
Answers, computed options, numbers in templates and "Show me why" tables name functions of
:mod:`lunarexplainer.facts`; everything a student reads goes through :func:`~lunarexplainer.text.t`
(or :func:`~lunarexplainer.text.nt` for a template with ``one``/``other`` forms).

A mistake in a file (an unknown fact or key, a missing prompt, a hint for no option) raises
:class:`QuizFileError` with one line naming the file and the question id.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import string
import tomllib
import typing
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import fields
from dataclasses import is_dataclass
from pathlib import Path
from typing import Any
from typing import BinaryIO

from .. import facts
from ..text import format_date
from ..text import format_list
from ..text import format_number
from ..text import nt
from ..text import t

QUIZ_DIR = Path(__file__).parent / "quizzes"

QUESTION_KEYS = {
    "id", "type", "prompt", "answer", "options", "distractors", "shuffle", "explanation",
    "hint", "hints", "hint_low", "hint_high", "near", "tolerance", "relative_tolerance", "unit",
    "why", "why_rows", "when", "key_note",
}
REQUIRED_KEYS = ("id", "type", "prompt", "answer", "explanation", "why")
TYPES = ("choice", "number")
TEMPLATE_KEYS = ("prompt", "explanation", "hint", "hint_low", "hint_high", "why", "key_note")


class QuizFileError(ValueError):
    """A quiz file that cannot be used, described in one line: ``file: question 'id': problem``."""


# --------------------------------------------------------------------------- facts by name


@functools.cache
def fact_functions() -> dict[str, Callable[[Any], Any]]:
    """Every fact a quiz may name: public functions of :mod:`lunarexplainer.facts` that take
    only the dataset (the ``*_rows`` functions are separate, see :func:`rows_functions`)."""
    found = {}
    for name in facts.__all__:
        fn = getattr(facts, name)
        if not inspect.isfunction(fn) or name.endswith("_rows"):
            continue
        required = [p for p in inspect.signature(fn).parameters.values()
                    if p.default is inspect.Parameter.empty]
        if len(required) == 1:
            found[name] = fn
    return found


@functools.cache
def rows_functions() -> dict[str, Callable[[Any], Any]]:
    """The "Show me why" tables a quiz may name: the ``*_rows`` functions of the facts."""
    return {name: getattr(facts, name) for name in facts.__all__ if name.endswith("_rows")}


def _fact_type(name: str) -> Any:
    try:
        return typing.get_type_hints(fact_functions()[name]).get("return")
    except Exception:  # pragma: no cover - unresolvable hints are simply not checked
        return None


def _check_path(path: str) -> str | None:
    """Why a fact reference such as ``widest_polar_crater.name`` is wrong, or None."""
    root, *attrs = path.split(".")
    if root not in fact_functions():
        return f"unknown fact {root!r}"
    kind = _fact_type(root)
    for attr in attrs:
        if not (isinstance(kind, type) and is_dataclass(kind)):
            return f"fact {root!r} has no part {attr!r}"
        parts = {f.name: f.type for f in fields(kind)}
        if attr not in parts:
            return f"fact {root!r} has no part {attr!r} (it has {', '.join(parts)})"
        kind = typing.get_type_hints(kind).get(attr)
    return None


# --------------------------------------------------------------------------- specs


@dataclass(frozen=True)
class Ref:
    """A value taken from a fact: ``fact`` is ``name`` or ``name.part``; ``times`` scales it."""

    fact: str
    times: float = 1.0


@dataclass(frozen=True)
class Plural:
    """A template with a singular and a plural form, chosen by the fact ``count``."""

    one: str
    other: str
    count: str


Template = str | Plural
Value = Ref | str | int | float


@dataclass(frozen=True)
class Option:
    """A fixed option: ``value`` is what a fact answer is compared with, ``text`` is shown."""

    value: str
    text: str


@dataclass(frozen=True)
class Near:
    """A tempting wrong number and the hint it gets."""

    value: Value
    hint: Template


@dataclass(frozen=True)
class QuestionSpec:
    """One question as written in its file, before any fact is computed."""

    id: str
    type: str
    prompt: Template
    answer: Value
    explanation: Template
    why: Template
    why_rows: str | None = None
    options: tuple[Option, ...] | None = None
    distractors: tuple[str, ...] | Ref = ()
    shuffle: bool = True
    hint: Template | None = None
    hints: tuple[tuple[str, Template], ...] = ()
    hint_low: Template | None = None
    hint_high: Template | None = None
    near: tuple[Near, ...] = ()
    tolerance: float = 0.0
    relative_tolerance: float = 0.0
    unit: str = ""
    when: str | None = None
    key_note: Template | None = None


@dataclass(frozen=True)
class QuizSpec:
    """A lesson's quiz file: its path and questions."""

    lesson: str
    path: Path
    questions: tuple[QuestionSpec, ...]


def quiz_path(lesson: str) -> Path:
    return QUIZ_DIR / f"{lesson}.toml"


def quiz_lessons() -> list[str]:
    """Lessons that have a quiz file, in order."""
    return sorted(p.stem for p in QUIZ_DIR.glob("*.toml"))


@functools.cache
def load_quiz_spec(lesson: str) -> QuizSpec:
    """Read and check one lesson's quiz file (cached)."""
    path = quiz_path(lesson)
    if not path.exists():
        raise KeyError(f"no quiz for {lesson!r}; choose one of: {', '.join(quiz_lessons())}")
    return read_quiz_file(path)


def read_quiz_file(path: Path) -> QuizSpec:
    """Parse ``path``; raise :class:`QuizFileError` (one line) on the first mistake."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise QuizFileError(f"{path.name}: not valid TOML: {exc}") from None
    unknown = set(data) - {"question"}
    if unknown:
        raise QuizFileError(f"{path.name}: unknown key {sorted(unknown)[0]!r}")
    entries = data.get("question")
    if not isinstance(entries, list) or not entries:
        raise QuizFileError(f"{path.name}: no [[question]] tables")
    questions, seen = [], set()
    for i, entry in enumerate(entries, 1):
        qid = entry.get("id") if isinstance(entry.get("id"), str) else f"#{i}"
        try:
            spec = _question(entry)
        except ValueError as exc:
            raise QuizFileError(f"{path.name}: question {qid!r}: {exc}") from None
        if spec.id in seen:
            raise QuizFileError(f"{path.name}: question {qid!r}: the id is used twice")
        seen.add(spec.id)
        questions.append(spec)
    return QuizSpec(path.stem, path, tuple(questions))


def _text(entry: dict, key: str, required: bool = False) -> Template | None:
    value = entry.get(key)
    if value is None:
        if required:
            raise ValueError(f"{key}: missing")
        return None
    return _template(value, key)


def _template(value: Any, where: str) -> Template:
    if isinstance(value, str):
        _check_fields(value, where, set())
        return value
    if isinstance(value, dict) and set(value) == {"one", "other", "count"}:
        problem = _check_path(str(value["count"]))
        if problem:
            raise ValueError(f"{where}: count: {problem}")
        for form in ("one", "other"):
            _check_fields(str(value[form]), where, {"n"})
        return Plural(str(value["one"]), str(value["other"]), str(value["count"]))
    raise ValueError(f"{where}: expected a text or a table with one, other and count")


def _check_fields(template: str, where: str, allowed: set[str]) -> None:
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None
    for name in names:
        if name in allowed:
            continue
        if not name:
            raise ValueError(f"{where}: empty {{}} placeholder; name a fact")
        problem = _check_path(name)
        if problem:
            raise ValueError(f"{where}: {{{name}}}: {problem}")


def _value(value: Any, where: str) -> Value:
    if isinstance(value, dict):
        if set(value) - {"fact", "times"} or "fact" not in value:
            raise ValueError(f"{where}: expected a literal or a table with fact (and times)")
        problem = _check_path(str(value["fact"]))
        if problem:
            raise ValueError(f"{where}: {problem}")
        return Ref(str(value["fact"]), float(value.get("times", 1.0)))
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return value
    raise ValueError(f"{where}: expected a literal or a table with fact")


def _question(entry: dict) -> QuestionSpec:
    unknown = set(entry) - QUESTION_KEYS
    if unknown:
        raise ValueError(f"unknown key {sorted(unknown)[0]!r}")
    for key in REQUIRED_KEYS:
        if key not in entry:
            raise ValueError(f"{key}: missing")
    kind = entry["type"]
    if kind not in TYPES:
        raise ValueError(f"type: {kind!r} is not one of {', '.join(TYPES)}")
    answer = _value(entry["answer"], "answer")
    options = None
    if "options" in entry:
        options = tuple(_option(o) for o in entry["options"])
    distractors: tuple[str, ...] | Ref = ()
    if "distractors" in entry:
        raw = entry["distractors"]
        if isinstance(raw, dict):
            distractors = _value(raw, "distractors")  # type: ignore[assignment]
        elif isinstance(raw, list) and all(isinstance(d, str) for d in raw):
            distractors = tuple(raw)
        else:
            raise ValueError("distractors: expected a list of texts or a table with fact")
    if kind == "choice" and options is None and not distractors:
        raise ValueError("a choice question needs options or distractors")
    if kind == "number" and (options is not None or distractors):
        raise ValueError("a number question has no options")
    if options is not None and isinstance(answer, str) and answer not in {o.value for o in options}:
        raise ValueError(f"answer: {answer!r} is not one of the options")
    hints = entry.get("hints", {})
    if options is not None and isinstance(hints, dict):
        values = {o.value for o in options}
        stray = [k for k in hints if k not in values]
        if stray:
            raise ValueError(f"hints: {stray[0]!r} is not one of the options")
    if isinstance(distractors, tuple) and distractors and isinstance(hints, dict):
        stray = [k for k in hints if k not in distractors]
        if stray:
            raise ValueError(f"hints: {stray[0]!r} is not one of the distractors")
    why_rows = entry.get("why_rows")
    if why_rows is not None and why_rows not in rows_functions():
        raise ValueError(f"why_rows: unknown rows function {why_rows!r}")
    when = entry.get("when")
    if when is not None and _check_path(str(when)):
        raise ValueError(f"when: {_check_path(str(when))}")
    near = tuple(Near(_value(n.get("value"), "near.value"), _template(n.get("hint"), "near.hint"))
                 for n in entry.get("near", []))
    texts = {key: _text(entry, key, key in REQUIRED_KEYS) for key in TEMPLATE_KEYS}
    return QuestionSpec(
        id=str(entry["id"]), type=kind, answer=answer, options=options,
        distractors=distractors, shuffle=bool(entry.get("shuffle", True)),
        hints=tuple((str(k), _template(v, f"hints.{k}")) for k, v in hints.items()),
        near=near, tolerance=float(entry.get("tolerance", 0.0)),
        relative_tolerance=float(entry.get("relative_tolerance", 0.0)),
        unit=str(entry.get("unit", "")), why_rows=why_rows, when=when,
        **texts,  # type: ignore[arg-type]
    )


def _option(raw: Any) -> Option:
    if isinstance(raw, str):
        return Option(raw, raw)
    if isinstance(raw, dict) and set(raw) == {"value", "text"}:
        return Option(str(raw["value"]), str(raw["text"]))
    raise ValueError("options: each option is a text or a table with value and text")


# --------------------------------------------------------------------------- filling in


def shown(value: Any) -> str:
    """A fact's value as a student reads it: dates and lists in words, whole numbers plain
    (years stay ``2028``), other numbers written the local way."""
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_number(round(value, 2))
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, list | tuple):
        return format_list(shown(v) for v in value)
    return str(value)


class Shown:
    """Wraps a fact for ``str.format``: ``{fact}`` is :func:`shown`, ``{fact.part}`` a part,
    ``{fact:.1f}`` the value with that format."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __getattr__(self, name: str) -> Shown:
        return Shown(getattr(self.value, name))

    def __format__(self, spec: str) -> str:
        return format(self.value, spec) if spec else shown(self.value)


class Facts:
    """The facts of one dataset, each computed at most once."""

    def __init__(self, ds: Any) -> None:
        self.ds = ds
        self._memo: dict[str, Any] = {}

    def get(self, path: str) -> Any:
        root, *attrs = path.split(".")
        if root not in self._memo:
            self._memo[root] = fact_functions()[root](self.ds)
        value = self._memo[root]
        for attr in attrs:
            value = getattr(value, attr)
        return value

    def value(self, spec: Value) -> Any:
        if isinstance(spec, Ref):
            value = self.get(spec.fact)
            return value if spec.times == 1.0 else value * spec.times
        return spec

    def render(self, template: Template) -> str:
        """The template in the current language with its facts filled in."""
        if isinstance(template, Plural):
            count = int(self.get(template.count))
            fields = self._fields(template.one) | self._fields(template.other)
            return nt(template.one, template.other, count, **fields)
        return t(template, **self._fields(template))

    def _fields(self, template: str) -> dict[str, Shown]:
        roots = {f.split(".")[0].split("[")[0]
                 for _, f, _, _ in string.Formatter().parse(template) if f and f != "n"}
        return {root: Shown(self.get(root)) for root in roots}


# --------------------------------------------------------------------------- catalog


def _messages(node: Any, key: str | None = None) -> Iterator[tuple[str, Any]]:
    text_keys = {*TEMPLATE_KEYS, "unit", "title", "summary", "text"}
    if isinstance(node, dict):
        if set(node) == {"one", "other", "count"}:
            yield "nt", (node["one"], node["other"])
            return
        for k, v in node.items():
            if k == "hints" and isinstance(v, dict):
                for hint in v.values():
                    yield from _messages(hint, "hint")
            elif k in ("answer", "distractors", "options") and isinstance(v, str | list):
                yield from _messages(v, "text")
            else:
                yield from _messages(v, k)
    elif isinstance(node, list):
        for item in node:
            yield from _messages(item, key)
    elif isinstance(node, str) and key in text_keys:
        yield "t", node


def extract_messages(fileobj: BinaryIO, keywords: Any, comment_tags: Any,
                     options: dict) -> Iterator[tuple[int, str, Any, list[str]]]:
    """Babel extractor for the lesson TOML files (``babel.cfg``): every text a student reads."""
    data = tomllib.loads(fileobj.read().decode("utf-8"))
    for funcname, message in _messages(data):
        yield 0, funcname, message, []
