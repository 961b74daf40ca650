"""Every word a student reads goes through here: messages, plurals, dates, lists and numbers.

* ``t("The map shows {n} places.", n=3)`` looks a whole sentence up in the current language's
  catalog and fills in its named fields; ``nt(singular, plural, n, **fields)`` picks the plural
  form for ``n`` (``n`` is also a field). Messages are whole sentences or phrases, never glued
  from English words.
* :func:`format_date`, :func:`format_list`, :func:`format_number` and :func:`weekday_name` use
  Babel, so the order of day, month and year, the word "and", the digit grouping and the names
  of weekdays follow the language.

The language is ``LUNAREXPLAINER_LANG`` (``en`` by default) or :func:`set_language`. English is
the source language: its catalog (``locale/en/LC_MESSAGES/lunarexplainer.po``) lists every
message, and a test checks that it matches the code. A checkout reads the ``.po`` files, so an
edited catalog is seen at once; a wheel carries them compiled (``.mo``, see hatch_build.py).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from datetime import datetime
from pathlib import Path
from typing import Any

__all__ = [
    "LANG_ENV",
    "LANGUAGES",
    "DOMAIN",
    "LOCALE_DIR",
    "current_language",
    "set_language",
    "in_language",
    "reload_catalogs",
    "t",
    "nt",
    "N_",
    "format_date",
    "format_list",
    "format_number",
    "weekday_name",
    "full_stop",
    "wrap_lines",
    "display_width",
    "HOVER_LINE_CHARS",
]

LANG_ENV = "LUNAREXPLAINER_LANG"
#: Languages with a catalog. English is the source and the default.
LANGUAGES: tuple[str, ...] = ("en", "zh", "ru")
DOMAIN = "lunarexplainer"
LOCALE_DIR = Path(__file__).parent / "locale"
#: Babel locale used for each language's formatting (British English: "24 November 2026",
#: "A, B and C").
_BABEL_LOCALES = {"en": "en_GB", "zh": "zh_Hans_CN", "ru": "ru_RU"}

_chosen: str | None = None


def current_language() -> str:
    """The language in use: :func:`set_language`, else ``$LUNAREXPLAINER_LANG``, else ``en``."""
    lang = _chosen or os.environ.get(LANG_ENV, "").strip().lower() or "en"
    return lang if lang in LANGUAGES else "en"


def set_language(lang: str | None) -> None:
    """Use ``lang`` from now on (``None`` goes back to the environment or English)."""
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of: {', '.join(LANGUAGES)}")
    global _chosen
    _chosen = lang


@contextmanager
def in_language(lang: str | None) -> Iterator[None]:
    """Use ``lang`` inside the block, then go back to what was chosen before."""
    global _chosen
    before = _chosen
    set_language(lang)
    try:
        yield
    finally:
        _chosen = before


@functools.lru_cache(maxsize=8)
def _catalog(lang: str) -> tuple[dict[Any, Any], Any]:
    """(msgid or (singular, plural) -> translation(s), plural-form function) for ``lang``.

    Empty and fuzzy translations are left out, so the English text is shown for them.
    """
    if lang == "en":
        return {}, None  # English is the source text
    import gettext

    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    compiled = path.with_suffix(".mo")  # a wheel ships the compiled catalog only
    if not path.exists() and not compiled.exists():
        return {}, None
    with (path if path.exists() else compiled).open("rb") as handle:
        catalog = (read_po(handle, locale=_BABEL_LOCALES.get(lang, lang)) if path.exists()
                   else read_mo(handle))
    catalog.locale = _BABEL_LOCALES.get(lang, lang)  # its plural rules
    out: dict[Any, Any] = {}
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not message.id or message.fuzzy or not all(strings):
            continue
        key = tuple(message.id) if isinstance(message.id, list) else message.id  # .mo: lists
        out[key] = tuple(message.string) if isinstance(message.string, list) else message.string
    return out, gettext.c2py(catalog.plural_expr)


def reload_catalogs() -> None:
    """Read the catalogs again on next use (after editing a ``.po`` file)."""
    _catalog.cache_clear()


def _babel_locale() -> str:
    return _BABEL_LOCALES.get(current_language(), "en_GB")


def t(message: str, **fields: Any) -> str:
    """``message`` in the current language, with ``{name}`` fields filled in."""
    text = _catalog(current_language())[0].get(message, message)
    return text.format(**fields) if fields else text


def N_(message: str) -> str:  # noqa: N802 - the usual gettext marker name
    """Mark ``message`` for the catalog without translating it yet: a message kept in a
    table or a module constant, given to :func:`t` where it is shown."""
    return message


def nt(singular: str, plural: str, n: int, **fields: Any) -> str:
    """The plural form of a message for ``n`` (``{n}`` is filled in too, written locally)."""
    messages, plural_index = _catalog(current_language())
    forms = messages.get((singular, plural))
    if forms and plural_index is not None:
        text = forms[min(plural_index(abs(int(n))), len(forms) - 1)]
    else:
        text = singular if n == 1 else plural
    return text.format(n=format_number(n), **fields)


def format_number(value: float | int) -> str:
    """A number written the local way (``1,234`` or ``1 234``); whole floats lose ``.0``."""
    from babel.numbers import format_decimal

    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return format_decimal(value, locale=_babel_locale())


#: How a date known to the day, the month or the year is written: Babel's long date and its
#: skeletons, so each language writes it its own way ("10 June 2026", "2026年6月10日",
#: "10 июня 2026 г."; "June 2026", "2026年6月", "июнь 2026 г.").
_DATE_FORMATS = {"day": ("format", "long"), "month": ("skeleton", "yMMMM"),
                 "year": ("skeleton", "y")}
#: A month after "no earlier than", "by" or "around" where the language declines it:
#: Russian «не ранее апреля 2026 г.», not «апрель».
_MONTH_AFTER_WORD = {"ru": "MMMM y 'г'."}


def _qualified(text: str, qualifier: object) -> str:
    """A date with the words its qualifier puts around it."""
    if qualifier == "NET":
        return t("no earlier than {date}", date=text)
    if qualifier == "by":
        return t("by {date}", date=text)
    if qualifier == "around":
        return t("around {date}", date=text)
    return text


def format_date(value: date | datetime | Any, precision: str | None = "day",
                qualifier: str | None = None) -> str:
    """``15 August 2026``, ``August 2026`` or ``2028``, with ``no earlier than``/``by``/``around``.

    ``value`` is anything pandas reads as a timestamp; a missing value is "date unknown".
    """
    import pandas as pd
    from babel.dates import format_date as babel_format_date
    from babel.dates import format_skeleton

    if value is None or value is pd.NaT or (not isinstance(value, date | str)
                                            and pd.isna(value)):
        return t("date unknown")
    day = pd.Timestamp(value).date()
    prec = precision if isinstance(precision, str) and precision in _DATE_FORMATS else "day"
    how, pattern = _DATE_FORMATS[prec]
    if qualifier and prec == "month" and current_language() in _MONTH_AFTER_WORD:
        how, pattern = "format", _MONTH_AFTER_WORD[current_language()]
    text = (babel_format_date(day, pattern, locale=_babel_locale()) if how == "format"
            else format_skeleton(pattern, day, locale=_babel_locale()))
    return _qualified(text, qualifier)


def format_list(items: Iterable[object], limit: int | None = None) -> str:
    """``A``, ``A and B``, ``A, B and C``; past ``limit`` items: ``A, B, C and 4 more``."""
    from babel.lists import format_list as babel_format_list

    names = [str(i) for i in items]
    if limit is not None and len(names) > limit:
        rest = len(names) - limit
        names = [*names[:limit], nt("{n} more", "{n} more", rest)]
    if not names:
        return ""
    return babel_format_list(names, locale=_babel_locale())


def weekday_name(weekday: int, width: str = "wide", lang: str | None = None) -> str:
    """The name of a weekday, ``0`` being Monday (as :meth:`datetime.date.weekday`):
    ``Tuesday``, or ``Tue`` with ``width="abbreviated"``; in ``lang`` or the current language."""
    from babel.dates import get_day_names

    locale = _BABEL_LOCALES.get(lang, lang) if lang else _babel_locale()
    return str(get_day_names(width, locale=locale)[weekday])


def full_stop(text: str) -> str:
    """``text`` ended as a sentence: ``.`` in English and Russian, ``。`` in Chinese."""
    return f"{text}{'。' if current_language() == 'zh' else '.'}"


#: About how many characters a hover line holds before it wraps (a box that stays on screen).
HOVER_LINE_CHARS = 60


#: How much wider than a Latin letter a Cyrillic one is drawn, on average, in the fonts the
#: charts name (DejaVu Sans, Verdana).
CYRILLIC_WIDTH = 1.125


def display_width(text: object) -> float:
    """How many Latin characters wide ``text`` is drawn: a Chinese character (or any other
    wide one) counts two, a Cyrillic letter :data:`CYRILLIC_WIDTH`."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF"
               else CYRILLIC_WIDTH if "\u0400" <= ch <= "\u04ff" else 1 for ch in str(text))


def wrap_lines(text: str, width: int = HOVER_LINE_CHARS, *, break_long_words: bool = True,
               break_on_hyphens: bool = False) -> list[str]:
    """``text`` cut into lines at most ``width`` Latin characters wide (:func:`display_width`).

    Latin and Cyrillic text breaks at whitespace (and hyphens if asked), as :mod:`textwrap`
    does; a run longer than ``width`` with no space in it (a web address) is cut every
    ``width`` characters with ``break_long_words``. Chinese has no spaces: a line may break
    between any two Chinese characters, and a Latin word inside it stays whole.
    """
    import textwrap

    text = str(text)
    if display_width(text) == len(text):
        return textwrap.wrap(text, width, break_long_words=break_long_words,
                             break_on_hyphens=break_on_hyphens) or []
    lines, line, used = [], "", 0
    for token in re.findall(r"\s+|[^\s\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f"
                            r"\uff00-\uffef]+|.", text):
        if token.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        size = display_width(token)
        if used + size > width and line.strip():
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + token, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines
