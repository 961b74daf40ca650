"""What the static site and Voila add to a lesson: the glossary, instructions for the medium,
and the exercises' tasks; plus the site's glossary page and the scripts behind them.

Preprocessors (nbconvert; the site's exporter in :mod:`lunarexplainer.export` and Voila's,
configured by :func:`lunarexplainer.present.voila_command`, both run them):

* :class:`GlossaryPreprocessor` marks each glossary term where it first appears in the
  lesson's Markdown (:func:`lunarexplainer.lesson.glossary.mark_terms`).
* :class:`SiteNotePreprocessor` / :class:`VoilaNotePreprocessor` put a short "How to use this
  page" note after the title that says what to press in that medium. The Lab-only cells
  (tagged ``lab-only`` or ``remove-in-site``: "run the cells", "press Shift + Enter") are left
  out of both.
* :class:`ExerciseTaskPreprocessor` shows an exercise's code (hidden with the other code on
  the site) above its "Show a solution" reveal (:mod:`lunarexplainer.site_quiz`).

Every word goes through :mod:`lunarexplainer.text`.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

import nbformat
from nbconvert.preprocessors import Preprocessor

from .lesson import glossary
from .text import nt
from .text import t

__all__ = [
    "LAB_ONLY_TAGS", "SCRIPTS", "STYLES", "GLOSSARY_PAGE", "GlossaryPreprocessor",
    "SiteNotePreprocessor", "VoilaNotePreprocessor", "ExerciseTaskPreprocessor",
    "SITE_PREPROCESSORS", "VOILA_PREPROCESSORS", "medium_note", "setup_templates",
    "write_assets", "glossary_page_body", "write_glossary_page",
]

#: Cells for JupyterLab only: the site and Voila leave them out (they have already run).
LAB_ONLY_TAGS = frozenset({"lab-only", "remove-in-site"})
#: Page scripts and styles (templates/web/) for the quiz, exercises and glossary.
SCRIPTS = ("glossary.js", "quiz.js")
STYLES = ("lessons.css",)
GLOSSARY_PAGE = "glossary.html"
WEB = Path(__file__).parent / "templates" / "web"


def _lab_only(cell: Any) -> bool:
    return bool(LAB_ONLY_TAGS & set(cell.get("metadata", {}).get("tags", [])))


class GlossaryPreprocessor(Preprocessor):
    """Mark each glossary term once, where it first appears in the lesson's Markdown."""

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        cells = [c for c in nb.cells if c.get("cell_type") == "markdown" and not _lab_only(c)]
        sources, marked = glossary.mark_terms([c.source for c in cells])
        for cell, source in zip(cells, sources, strict=True):
            cell.source = source
        resources.setdefault("lunarexplainer", {})["glossary"] = marked
        return nb, resources


def medium_note(medium: str, open_: bool = False) -> str:
    """"How to use this page" for ``medium`` ("site" or "voila"), as one HTML block that
    folds away (``open_`` shows it unfolded)."""
    if medium == "site":
        lines = [
            t("This page works with no internet and no Python. The code is hidden: to run it "
              "and change it, open the same lesson as a notebook in JupyterLab."),
            t("Charts: point at a mark, or tap it, to see its details and its source. The "
              "menus and buttons above a chart change what it shows."),
        ]
    else:
        lines = [
            t("Everything on this page has already run: there is nothing to start and no "
              "code to type."),
            t("Explorers: change the menus, sliders and buttons next to a chart and it "
              "redraws. Point at a mark to see its details and its source."),
        ]
    lines += [
        t("Quiz: choose an answer or type a number, then press Check. \"Show me why\" tells "
          "you where in the data to look."),
        t("Words with a dotted underline are explained in the glossary: point at one, tap it "
          "or reach it with the Tab key to read what it means."),
    ]
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    title = html.escape(t("How to use this page"))
    return (f'<details class="lx-howto"{" open" if open_ else ""}><summary>{title}</summary>'
            f"<ul>{items}</ul></details>")


class _MediumNotePreprocessor(Preprocessor):
    medium = "site"

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        """Before the first code cell, where the Lab's own instructions are (after the
        title and the time needed); unfolded in the first lesson. A notebook that starts
        with code gets none."""
        from .lesson import manifest

        name = str(((resources or {}).get("metadata") or {}).get("name") or "")
        first = Path(name).stem == manifest.stems()[0]
        note = nbformat.v4.new_markdown_cell(medium_note(self.medium, open_=first))
        note.metadata["tags"] = [f"{self.medium}-only"]
        at = next((i for i, c in enumerate(nb.cells) if c.get("cell_type") == "code"),
                  min(1, len(nb.cells)))
        if at > 0:  # a lesson starts with its title and introduction
            nb.cells.insert(at, note)
        return nb, resources


class SiteNotePreprocessor(_MediumNotePreprocessor):
    """Put the static site's "How to use this page" after the lesson's title."""

    medium = "site"


class VoilaNotePreprocessor(_MediumNotePreprocessor):
    """Put Voila's "How to use this page" after the lesson's title."""

    medium = "voila"


class ExerciseTaskPreprocessor(Preprocessor):
    """Above an exercise's solution reveal, show the cell's code: the task to complete."""

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        for out in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            meta = (out.get("metadata") or {}).get("lunarexplainer") or {}
            data = out.get("data") or {}
            if meta.get("exercise") and "text/html" in data:
                label = html.escape(t("The cell to complete in the notebook:"))
                task = (f'<p class="lx-task-label">{label}</p><pre class="lx-task"><code>'
                        f"{html.escape(cell.source)}</code></pre>")
                data["text/html"] = data["text/html"].replace(
                    '<p class="lx-exercise-how">', task + '<p class="lx-exercise-how">', 1)
        return cell, resources


SITE_PREPROCESSORS = (GlossaryPreprocessor, SiteNotePreprocessor, ExerciseTaskPreprocessor)
VOILA_PREPROCESSORS = (GlossaryPreprocessor, VoilaNotePreprocessor)


# --------------------------------------------------------------------------- site pages


def setup_templates(env: Any) -> None:
    """Words and files the page shell (base.html) needs for the glossary, quiz and styles."""
    env.globals.update(glossary_href=GLOSSARY_PAGE, glossary_label=t("Glossary"),
                       extra_styles=STYLES, extra_scripts=SCRIPTS)


def write_assets(assets: Path) -> None:
    """Copy the quiz and glossary scripts and their styles into the site's ``assets/``."""
    for name in (*SCRIPTS, *STYLES):
        shutil.copyfile(WEB / name, assets / name)


def _source_line(ds: Any, ids: tuple[str, ...]) -> str:
    if ds is None or not ids:
        return ""
    table = ds.sources.set_index("id")
    names = [t("{title}, {publisher}", title=table.loc[i, "title"],
               publisher=table.loc[i, "publisher"]) for i in ids if i in table.index]
    return (nt("Source: {sources}", "Sources: {sources}", len(names), sources="; ".join(names))
            if names else "")


def glossary_page_body(lessons: list[Any], ds: Any = None) -> str:
    """The glossary page: every term, its meaning, its sources and where it first appears."""
    e = html.escape
    first: dict[str, Any] = {}
    for lesson in lessons:
        for term_id in re.findall(r'data-term="([^"]+)"', lesson.body):
            first.setdefault(term_id, lesson)
    items = []
    for term in glossary.sorted_terms():
        word, meaning = term.shown()
        extra = [e(line) for line in [_source_line(ds, term.source_ids)] if line]
        if term.id in first:
            lesson = first[term.id]
            link = f'<a href="{e(lesson.html_name)}">{e(lesson.title)}</a>'
            extra.append(t("First used in: {lesson}", lesson=link))
        notes = "".join(f'<span class="lx-gloss-note">{line}</span>' for line in extra)
        items.append(f'<div class="lx-gloss-entry" id="term-{e(term.id)}"><dt>{e(word)}</dt>'
                     f"<dd>{e(meaning)}{notes}</dd></div>")
    intro = t("The words marked in the lessons, and what they mean.")
    return (f"<h1>{e(t('Glossary'))}</h1>\n<p>{e(intro)}</p>\n"
            f'<dl class="lx-glossary">\n' + "\n".join(items) + "\n</dl>\n")


def write_glossary_page(out: Path, env: Any, lessons: list[Any], as_of: str,
                        site_title: str) -> Path:
    """Write ``glossary.html`` into the site folder ``out``."""
    from markupsafe import Markup

    from .data import load_dataset

    body = glossary_page_body(lessons, load_dataset())
    text = env.get_template("base.html").render(
        page=GLOSSARY_PAGE, page_title=f"{t('Glossary')} · {site_title}",
        site_title=site_title, body=Markup(body),
        as_of=as_of, with_plotly=False, prev=None, next=None)
    path = out / GLOSSARY_PAGE
    path.write_text(text, encoding="utf-8")
    return path
