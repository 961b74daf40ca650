"""The glossary: ``glossary.toml``, read and checked, and its words marked in lesson text.

One file holds every term and its meaning in a student's words. From it come the marks on
a word where it first appears in a lesson (the static site and Voila, through
:class:`lunarexplainer.site_extras.GlossaryPreprocessor`), the site's glossary page and the
teacher guide's glossary section (:func:`glossary_markdown`, written by ``lunarexplainer
guide``). Terms and meanings go through :func:`~lunarexplainer.text.t`; :func:`extract_messages`
is the Babel extractor that puts them into the catalogs (``babel.cfg``).

A mistake in the file raises :class:`GlossaryFileError` with one line naming the term.
"""

from __future__ import annotations

import functools
import html
import re
import tomllib
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from typing import BinaryIO

from ..text import current_language
from ..text import t

__all__ = [
    "GLOSSARY", "GlossaryFileError", "Term", "terms", "read_glossary", "glossary_markdown",
    "mark_terms", "term_markup", "extract_messages",
]

GLOSSARY = Path(__file__).parent / "glossary.toml"
#: Languages whose lessons have their own forms to mark (``match_zh``, ``match_ru``).
MATCH_LANGUAGES = ("zh", "ru")
_KEYS = {"id", "term", "meaning", "match", "source_ids", *(f"match_{x}" for x in MATCH_LANGUAGES)}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: Markdown the marks never go into: fenced code, code spans, links and images, raw HTML tags,
#: bare web addresses, and headings (a line starting with #).
_PROTECTED = re.compile(
    r"```.*?```|`[^`\n]*`|!?\[[^\]\n]*\]\([^)\n]*\)|<[^>\n]+>|https?://\S+|^#{1,6} [^\n]*",
    re.S | re.M)


class GlossaryFileError(ValueError):
    """A glossary file that cannot be used, in one line: ``glossary.toml: term 'id': problem``."""


@dataclass(frozen=True)
class Term:
    """One glossary entry, as written in the file (English; :meth:`shown` translates)."""

    id: str
    term: str
    meaning: str
    match: tuple[str, ...]
    source_ids: tuple[str, ...] = ()
    #: (language, forms) for the translated lessons
    match_in: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def shown(self) -> tuple[str, str]:
        """The term and its meaning in the current language."""
        return t(self.term), t(self.meaning)

    def forms(self) -> tuple[str, ...]:
        """The forms that mark the word in the current language's lessons: the English
        forms, or a translation's own forms and its term, with the English abbreviations
        (a Chinese or Russian lesson writes ILRS, NET or CLPS too)."""
        lang = current_language()
        if lang == "en":
            return self.match
        own = [*dict(self.match_in).get(lang, ()), t(self.term)]
        return tuple(dict.fromkeys([*own, *(f for f in self.match if f.isupper())]))

    def pattern(self) -> re.Pattern[str]:
        """Any of the forms, as a whole word; forms in capitals match only in capitals. Chinese
        has no spaces between words, so a form with Chinese characters matches anywhere."""
        parts = []
        for form in sorted(self.forms(), key=len, reverse=True):
            text = re.escape(form) if form.isupper() else f"(?i:{re.escape(form)})"
            parts.append(text if _CJK.search(form) else rf"(?<![\w'-]){text}(?![\w-])")
        return re.compile("|".join(parts))


def read_glossary(path: Path) -> tuple[Term, ...]:
    """Parse ``path``; raise :class:`GlossaryFileError` (one line) on the first mistake."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise GlossaryFileError(f"{path.name}: not valid TOML: {exc}") from None
    entries = data.get("term")
    if set(data) != {"term"} or not isinstance(entries, list) or not entries:
        raise GlossaryFileError(f"{path.name}: expected [[term]] tables and nothing else")
    found: list[Term] = []
    for i, entry in enumerate(entries, 1):
        where = f"{path.name}: term {entry.get('id', f'#{i}')!r}"
        unknown = set(entry) - _KEYS
        if unknown:
            raise GlossaryFileError(f"{where}: unknown key {sorted(unknown)[0]!r}")
        for key in ("id", "term", "meaning"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise GlossaryFileError(f"{where}: {key}: missing")
        match = entry.get("match", [entry["term"]])
        sources = entry.get("source_ids", [])
        match_in = tuple((lang, entry[f"match_{lang}"]) for lang in MATCH_LANGUAGES
                         if f"match_{lang}" in entry)
        for key, value in (("match", match), ("source_ids", sources),
                           *((f"match_{lang}", forms) for lang, forms in match_in)):
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise GlossaryFileError(f"{where}: {key}: expected a list of texts")
        if entry["id"] in {term.id for term in found}:
            raise GlossaryFileError(f"{where}: the id is used twice")
        found.append(Term(entry["id"], entry["term"], entry["meaning"], tuple(match),
                          tuple(sources), tuple((lang, tuple(f)) for lang, f in match_in)))
    return tuple(found)


@functools.cache
def terms() -> tuple[Term, ...]:
    """Every term of the shipped glossary, in the file's order."""
    return read_glossary(GLOSSARY)


def sorted_terms(entries: Sequence[Term] | None = None) -> list[Term]:
    """The terms in alphabetical order of the word shown (for the glossary page and guide)."""
    return sorted(entries or terms(), key=lambda term: term.shown()[0].casefold())


def glossary_markdown() -> str:
    """The teacher guide's glossary: every term and its meaning, alphabetically."""
    lines = [t("The words marked in the lessons, with the meaning students see when they "
               "point at one.")]
    lines += [t("- **{term}**: {meaning}", term=term, meaning=meaning)
              for term, meaning in (entry.shown() for entry in sorted_terms())]
    return lines[0] + "\n\n" + "\n".join(lines[1:])


# --------------------------------------------------------------------------- marking


def _escape_markdown(text: str) -> str:
    """Text for inside HTML in a Markdown cell: HTML-escaped, and no Markdown syntax left."""
    text = html.escape(text, quote=False)  # only &, < and >: no "#" of an entity follows
    return text.translate({ord(c): f"&#{ord(c)};" for c in "*_`[]\\~|#"})


def term_markup(term: Term, word: str, tip_id: str) -> str:
    """The inline HTML for one marked word: a button that shows the meaning on hover, tap
    and focus (glossary.css, glossary.js), described by it for screen readers."""
    meaning = _escape_markdown(term.shown()[1])
    return (f'<span class="lx-term"><button type="button" class="lx-term-word" '
            f'data-term="{term.id}" aria-describedby="{tip_id}">{_escape_markdown(word)}</button>'
            f'<span class="lx-tip" role="tooltip" id="{tip_id}">{meaning}</span></span>')


def _free_spans(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, may be marked) pieces."""
    pieces, last = [], 0
    for found in _PROTECTED.finditer(text):
        pieces.append((text[last:found.start()], True))
        pieces.append((found.group(0), False))
        last = found.end()
    pieces.append((text[last:], True))
    return [p for p in pieces if p[0]]


def mark_terms(sources: Sequence[str], entries: Sequence[Term] | None = None,
               prefix: str = "lx-tip") -> tuple[list[str], list[str]]:
    """Mark each term once, where it first appears in ``sources`` (a lesson's Markdown cells
    in order). Returns the new sources and the ids of the terms marked. Longer forms are
    looked for first, so "Artemis Accords" is not marked as "Artemis"."""
    cells = [_free_spans(source) for source in sources]
    marked: list[str] = []
    order = sorted(entries or terms(), key=lambda e: -max(len(f) for f in e.forms()))
    for term in order:
        pattern = term.pattern()
        hit = next(((c, p, m) for c, pieces in enumerate(cells)
                    for p, (piece, free) in enumerate(pieces)
                    if free and (m := pattern.search(piece))), None)
        if hit is None:
            continue
        c, p, found = hit
        piece = cells[c][p][0]
        markup = term_markup(term, found.group(0), f"{prefix}-{term.id}")
        cells[c][p:p + 1] = [(piece[:found.start()], True), (markup, False),
                             (piece[found.end():], True)]
        marked.append(term.id)
    return ["".join(piece for piece, _ in pieces) for pieces in cells], marked


# --------------------------------------------------------------------------- catalog


def _messages(data: dict[str, Any]) -> Iterator[str]:
    for entry in data.get("term", []):
        for key in ("term", "meaning"):
            if isinstance(entry.get(key), str):
                yield entry[key]


def extract_messages(fileobj: BinaryIO, keywords: Any, comment_tags: Any,
                     options: dict) -> Iterator[tuple[int, str, Any, list[str]]]:
    """Babel extractor for ``glossary.toml`` (``babel.cfg``): every term and meaning."""
    for message in _messages(tomllib.loads(fileobj.read().decode("utf-8"))):
        yield 0, "t", message, []
