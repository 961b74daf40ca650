"""The generated parts of the teacher guide and of the README: ``lunarexplainer guide``.

``notebooks/teacher_guide.md`` is written by hand, except between two pairs of markers:

* ``<!-- lessons:start -->`` … ``<!-- lessons:end -->``: the lessons, their time and topic,
  from the lesson manifest;
* ``<!-- answer-key:start -->`` … ``<!-- answer-key:end -->``: every quiz question with its
  answer, from the quiz files and the facts, and the exercises' model solutions;
* ``<!-- glossary:start -->`` … ``<!-- glossary:end -->``: every glossary term and its meaning,
  from ``glossary.toml`` (the same file the site and Voila mark words from).

The README's lesson table sits between ``<!-- lessons:start -->`` and ``<!-- lessons:end -->``
too. Tests fail when a committed file differs from what :func:`guide_main` would write.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ..text import in_language
from ..text import t
from . import exercises
from . import glossary
from . import manifest
from . import quiz
from .translations import TRANSLATED

__all__ = [
    "ANSWER_KEY_MARKERS", "LESSONS_MARKERS", "GLOSSARY_MARKERS", "GUIDE_COMMAND",
    "answer_key_markdown", "fact_check_key",
    "lessons_markdown", "replace_block", "updated_guide", "updated_readme", "guide_main",
]

ANSWER_KEY_MARKERS = ("<!-- answer-key:start -->", "<!-- answer-key:end -->")
LESSONS_MARKERS = ("<!-- lessons:start -->", "<!-- lessons:end -->")
GLOSSARY_MARKERS = ("<!-- glossary:start -->", "<!-- glossary:end -->")
GUIDE_COMMAND = "lunarexplainer guide"
_NOTE = f"<!-- Written by `{GUIDE_COMMAND}`; edit the sources, not this block. -->"


def _line(number: int, prompt: str, answer: str, note: str = "") -> str:
    if note:
        return t("{number}. {prompt} — {answer} ({note})", number=number, prompt=prompt,
                 answer=answer, note=note)
    return t("{number}. {prompt} — {answer}", number=number, prompt=prompt, answer=answer)


def answer_key_markdown(ds: Any) -> str:
    """The answer key for ``ds``: every lesson's quiz, then the exercises."""
    parts = [t("These are the answers for the data as of {date}. To print the key for your own "
               "data, run `{command} --print` with `LUNAREXPLAINER_DATA` set to its folder.",
               date=ds.as_of_text, command=GUIDE_COMMAND)]
    key = quiz.answer_key(ds)
    for lesson in manifest.lessons():
        if lesson.stem not in key:
            continue
        lines = [_line(i, e.prompt, e.answer, e.note) for i, e in enumerate(key[lesson.stem], 1)]
        parts.append(f"**{lesson.number} · {lesson.title}**\n" + "\n".join(lines))
    parts.append(fact_check_key(ds))
    solutions = [_line(i, f"`{e.prompt}`", e.answer, e.note)
                 for i, e in enumerate(exercises.answer_key(ds), 1)]
    number = manifest.lesson(exercises.LESSON).number
    parts.append(t("**{number} exercises** (model solutions)", number=number) + "\n"
                 + "\n".join(solutions))
    return "\n\n".join(parts)


def fact_check_key(ds: Any) -> str:
    """Lesson 05's verdicts, reasons and sources, read from the data like the claims table."""
    from .. import facts
    from ..charts.claims import checked_with

    number = manifest.lesson(exercises.LESSON).number
    lines = [t("{number}. {claim} — {mark} {verdict}: {reason} (checked with {source})",
               number=i, claim=c.claim, mark=c.mark, verdict=c.label, reason=c.reason,
               source=checked_with(c)) for i, c in enumerate(facts.claim_checks(ds), 1)]
    return (t("**{number} fact-check key** (the verdict and reason of every claim, from "
              "`data/article_claims.csv`)", number=number) + "\n" + "\n".join(lines))


def lessons_markdown(with_time: bool = True) -> str:
    """The lessons as a Markdown table (with the time each needs, for the teacher guide)."""
    if not with_time:
        return manifest.lessons_table()
    rows = [f"| `{lesson.stem}` | {lesson.time_needed()} | {lesson.summary} |"
            for lesson in manifest.lessons()]
    head = "| " + " | ".join([t("notebook"), t("time"), t("what it is about")]) + " |"
    return "\n".join([head, "| --- | --- | --- |", *rows])


def replace_block(text: str, markers: tuple[str, str], body: str, name: str) -> str:
    """``text`` with the part between ``markers`` replaced by ``body``."""
    start, end = markers
    if text.count(start) != 1 or text.count(end) != 1 or text.index(start) > text.index(end):
        raise ValueError(t("{file}: expected one {start} … {end} block", file=name,
                           start=start, end=end))
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{_NOTE}\n\n{body}\n\n{end}{tail}"


def updated_guide(text: str, ds: Any) -> str:
    """The teacher guide ``text`` with its generated blocks written for ``ds``."""
    text = replace_block(text, LESSONS_MARKERS, lessons_markdown(), "teacher_guide.md")
    text = replace_block(text, GLOSSARY_MARKERS, glossary.glossary_markdown(), "teacher_guide.md")
    return replace_block(text, ANSWER_KEY_MARKERS, answer_key_markdown(ds), "teacher_guide.md")


def updated_readme(text: str) -> str:
    """The README ``text`` with its lesson table written from the manifest."""
    return replace_block(text, LESSONS_MARKERS, lessons_markdown(with_time=False), "README.md")


def guide_main(print_only: bool = False, notebooks_dir: Path | None = None) -> int:
    """CLI entry: rewrite the generated blocks of the teacher guide and the README (or print
    the answer key). Uses ``load_dataset()``, so ``LUNAREXPLAINER_DATA`` is respected."""
    from ..data import load_dataset

    ds = load_dataset()
    if print_only:
        print(answer_key_markdown(ds))
        return 0
    if notebooks_dir is None:
        from ..export import find_notebooks_dir

        notebooks_dir = find_notebooks_dir()
    targets = [(notebooks_dir / "teacher_guide.md", lambda s: updated_guide(s, ds)),
               (notebooks_dir.parent / "README.md", updated_readme)]
    for path, update in targets:
        if not path.exists():
            problem = t("not found")
            print(f"{path}: {problem}", file=sys.stderr)
            return 1
        _report(path, _rewrite(path, update))
    for lang in TRANSLATED:  # each translated guide, its blocks written in its language
        path = notebooks_dir / lang / "teacher_guide.md"
        if path.exists():
            with in_language(lang):
                changed = _rewrite(path, lambda s: updated_guide(s, load_dataset()))
            _report(path, changed)
    return 0


def _rewrite(path: Path, update: Any) -> bool:
    """Write ``update`` of the file's text; whether it changed."""
    old = path.read_text(encoding="utf-8")
    new = update(old)
    if new != old:
        path.write_text(new, encoding="utf-8")
    return new != old


def _report(path: Path, changed: bool) -> None:
    """``path: updated`` or ``path: up to date``, in the current language."""
    status = t("updated") if changed else t("up to date")
    print(f"{path}: {status}")
