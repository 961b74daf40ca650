"""The words of the site's and Voila's pages around the lessons, in every language.

Page words (navigation, footer, index) are filled into the page templates in Python. The words
the pages' scripts write (presenter mode, a chart's accessible name, the table scroll hint) are
written once per language into ``lx-text.js``, which sets ``window.LX_TEXTS`` for every
language; a script reads the entry of the page's language (``<html lang>``). Both come from the
message catalogs through :func:`~lunarexplainer.text.t`, like every other word.
"""

from __future__ import annotations

import json
from pathlib import Path

from .text import LANGUAGES
from .text import current_language
from .text import in_language
from .text import t

__all__ = [
    "LANGUAGE_NAMES", "HTML_LANG", "PLOTLY_LOCALES", "assets_prefix", "site_title", "widget_note",
    "page_words", "script_words", "write_script_words", "language_links",
]

#: Each language's name in itself, for the language switch.
LANGUAGE_NAMES = {"en": "English", "zh": "简体中文", "ru": "Русский"}
#: ``<html lang>`` of each language's pages.
HTML_LANG = {"en": "en", "zh": "zh-Hans", "ru": "ru"}
#: plotly.js's locale for each language, and the shipped file that registers it (English is
#: built in).
PLOTLY_LOCALES = {"zh": ("zh-CN", "plotly-locale-zh-cn.js"), "ru": ("ru", "plotly-locale-ru.js")}


def site_title() -> str:
    return t("Moon bases: ILRS and Artemis")


def widget_note() -> str:
    return t("This is an interactive control. Open the notebook in JupyterLab or in "
             "presentation mode to use it.")


def page_words() -> dict[str, str]:
    """The words of a site page around its lesson, in the current language."""
    return {
        "skip": t("Skip to the lesson"),
        "lessons": t("Lessons"),
        "previous": t("Previous: {title}"),
        "next": t("Next: {title}"),
        "footer": t("{as_of}. Every number comes from the sources listed in the project's data "
                    "folder. Code: MIT licence. Data: CC BY 4.0."),
        "language": t("Language"),
        "intro": t("Lessons comparing the China–Russia International Lunar Research Station "
                   "(ILRS) with NASA's Artemis programme. The charts are interactive: hover "
                   "for details and use their buttons and sliders. No internet connection is "
                   "needed."),
        "site_title": site_title(),
    }


def _script_words() -> dict[str, str]:
    return {
        "present": t("Present"),
        "presentHint": t("Show this lesson one section at a time, for a projector (key: P)"),
        "exit": t("Exit presenting"),
        "previous": t("Previous"),
        "next": t("Next"),
        "controls": t("Presenter controls"),
        "screen": t("Screen {n} of {total}"),
        "chart": t("Chart: {title}"),
        "tableHint": t("(table: scroll it with the arrow keys)"),
    }


def script_words() -> dict[str, dict[str, str]]:
    """Language -> the words the page scripts write."""
    out = {}
    for lang in LANGUAGES:
        with in_language(lang):
            out[HTML_LANG[lang]] = _script_words()
    return out


def write_script_words(path: Path) -> Path:
    """Write ``lx-text.js``: ``window.LX_TEXTS`` for every language."""
    words = json.dumps(script_words(), ensure_ascii=False, indent=1).replace("</", "<\\/")
    path.write_text("/* The words the page scripts write, per language (from the message "
                    "catalogs). */\nwindow.LX_TEXTS = " + words + ";\n"
                    "window.LX_TEXT = window.LX_TEXTS[document.documentElement.lang] || "
                    "window.LX_TEXTS.en;\n", encoding="utf-8")
    return path


def assets_prefix(langs: list[str] | None) -> str:
    """Where a page finds its scripts and styles: its own ``assets/``, or, on a site written
    for several languages, the first language's (one plotly.js for every language)."""
    return "../assets/" if langs and current_language() != langs[0] else "assets/"


def language_links(langs: list[str], page: str) -> list[dict[str, str | bool]]:
    """The language switch of ``page`` on a site written for ``langs`` (the first at the top,
    each other one in a folder of its name): a link per language, to the same page."""
    here = current_language()
    up = "" if here == langs[0] else "../"
    return [{"lang": lang, "name": LANGUAGE_NAMES[lang], "html_lang": HTML_LANG[lang],
             "href": page if lang == here else up + ("" if lang == langs[0] else f"{lang}/") + page,
             "current": lang == here} for lang in langs]
