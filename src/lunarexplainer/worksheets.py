"""Worksheets on paper: ``lunarexplainer export --worksheets --out DIR``.

For every lesson this writes two A4 PDFs, ``DIR/<lesson>-worksheet.pdf`` and
``DIR/<lesson>-answers.pdf``. The worksheet follows the lesson: each section's heading, its
charts as static images (kaleido, as ``export --images``) with their text summaries, the
questions to think about with lines to write on, and the lesson's quiz with boxes to tick or
a line for the number. The answer key has the same quiz with every answer and its explanation,
taken from the same quiz files and facts as the notebooks, so it matches the data.

The lessons are run on a fresh kernel first (as for the site), so the charts are the ones the
lesson shows. The pages are laid out as HTML (``templates/web/worksheet.html``) and printed to
PDF by Chromium through Playwright (``page.pdf()``), offline: the page loads nothing.
"""

from __future__ import annotations

import base64
import copy
import html
import re
import sys
import time
from dataclasses import dataclass
from dataclasses import field
from importlib import resources
from pathlib import Path
from typing import Any

from .display import PLOTLY_MIME
from .site_text import HTML_LANG
from .text import current_language
from .text import nt
from .text import t

__all__ = [
    "Block",
    "Sheet",
    "CHART_WIDTH",
    "lesson_sheet",
    "sheet_html",
    "write_worksheets",
    "worksheets_main",
]

#: Width (px) at which charts are drawn; the page shows them about 0.75 times as wide.
CHART_WIDTH = 900


def think_lead() -> re.Pattern[str]:
    """The bold lead that marks a question to think about in a lesson's Markdown, in the
    current language (the lead is left out on paper)."""
    return re.compile(r"^\*\*" + re.escape(t("Question to think about:")) + r"\*\*\s*", re.I)


#: Cell tags of cells that are for JupyterLab only.
LAB_ONLY = {"remove-in-site", "remove_cell"}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass
class Block:
    """One thing on a worksheet: a heading, a chart (SVG) with its summary, or a question."""

    kind: str  # "heading" | "chart" | "think"
    text: str = ""
    svg: str = ""  # base64 SVG for a chart


@dataclass
class Sheet:
    """A lesson's worksheet: its blocks in order and its quiz questions."""

    stem: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    quiz: list[Any] = field(default_factory=list)


def _source(cell: Any) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _plain(markdown_text: str) -> str:
    from .export import safe_markdown

    text = re.sub(r"<[^>]+>", "", safe_markdown(markdown_text))
    return " ".join(html.unescape(text).split())


def _static_figure(spec: dict[str, Any]) -> Any:
    """The chart as it opens, without its on-screen menus and sliders (paper cannot click),
    and without a subtitle that only says what to click (``layout.meta.paper_subtitle``)."""
    import plotly.graph_objects as go

    spec = copy.deepcopy(spec)
    layout = spec.get("layout") or {}
    for key in ("updatemenus", "sliders"):
        layout.pop(key, None)
    if (layout.get("meta") or {}).get("paper_subtitle") is False and isinstance(
            layout.get("title"), dict):
        layout["title"].pop("subtitle", None)
    return go.Figure(data=spec.get("data"), layout=layout)


def _markdown_blocks(text: str) -> list[Block]:
    blocks, lead = [], think_lead()
    for part in re.split(r"\n\s*\n", text):
        part = part.strip()
        heading = re.match(r"##\s+(.*)", part)  # section headings; the title is separate
        if heading:
            blocks.append(Block("heading", _plain(heading.group(1).splitlines()[0])))
        elif lead.match(part):
            blocks.append(Block("think", _plain(lead.sub("", part))))
    return blocks


def lesson_sheet(nb: Any, stem: str, ds: Any) -> Sheet:
    """The worksheet of one executed lesson notebook (charts drawn inside a kaleido server)."""
    from .charts.common import paper_height
    from .charts.common import paper_width
    from .export import title_and_summary
    from .images import figure_image
    from .lesson.quiz import lesson_questions

    title, _ = title_and_summary(nb, stem.replace("_", " "))
    sheet = Sheet(stem, title, quiz=lesson_questions(stem, ds))
    for cell in nb.cells:
        if LAB_ONLY & set(cell.get("metadata", {}).get("tags", [])):
            continue
        if cell.get("cell_type") == "markdown":
            sheet.blocks += _markdown_blocks(_source(cell))
            continue
        chart: Block | None = None
        for out in cell.get("outputs", []):
            data = out.get("data") or {}
            if PLOTLY_MIME in data:
                fig = _static_figure(data[PLOTLY_MIME])
                height = paper_height(fig)
                svg = figure_image(fig, "svg", paper_width(fig, CHART_WIDTH), height)
                chart = Block("chart", _plain(data.get("text/markdown", "")),
                              base64.b64encode(svg).decode("ascii"))
                sheet.blocks.append(chart)
            elif chart is not None and not chart.text and "text/markdown" in data:
                chart.text = _plain(data["text/markdown"])  # the summary shown under it
    # A heading with nothing of its own on paper (e.g. "Check your understanding") is left out.
    kept = [block for i, block in enumerate(sheet.blocks)
            if block.kind != "heading"
            or (i + 1 < len(sheet.blocks) and sheet.blocks[i + 1].kind != "heading")]
    sheet.blocks = kept
    return sheet


def _labels(ds: Any) -> dict[str, str]:
    return {
        "worksheet": t("Worksheet"),
        "answers": t("Answer key"),
        "name": t("Name"),
        "date": t("Date"),
        "quiz": t("Check your understanding"),
        "quiz_hint": t("Tick one box, or write the number on the line."),
        "think": t("Question to think about:"),
        "think_hint": t("Write your answer on the lines."),
        "answer": t("Answer"),
        "facts": ds.dates_text,
    }


def sheet_html(sheet: Sheet, ds: Any, *, answers: bool) -> str:
    """The worksheet (or, with ``answers``, its answer key) as one self-contained HTML page."""
    import jinja2

    from .lesson.quiz import MultipleChoice

    folder = Path(str(resources.files("lunarexplainer") / "templates" / "web"))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)),
                             autoescape=jinja2.select_autoescape(["html"]))
    questions = [{
        "prompt": q.prompt,
        "options": list(q.options) if isinstance(q, MultipleChoice) else [],
        "correct": q.answer_text(),
        "unit": getattr(q, "unit", ""),
        "explanation": q.explanation,
        "note": q.key_note,
    } for q in sheet.quiz]
    from markupsafe import Markup

    css = Markup((folder / "worksheet.css").read_text(encoding="utf-8"))  # ours, not escaped
    return env.get_template("worksheet.html").render(
        sheet=sheet, questions=questions, answers=answers, labels=_labels(ds), css=css,
        html_lang=HTML_LANG[current_language()])


def _pdf(browser: Any, page_html: str, path: Path) -> None:
    page = browser.new_page()
    try:
        # Nothing on the page may load from anywhere: images are data: URLs, CSS is inline.
        page.route("**/*", lambda route: route.abort()
                   if not route.request.url.startswith(("data:", "about:")) else route.continue_())
        page.set_content(page_html, wait_until="load")
        page.pdf(path=str(path), format="A4", print_background=True,
                 margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
    finally:
        page.close()


def write_worksheets(out: Path | str, *, notebooks_dir: Path | None = None) -> list[Path]:
    """Run every lesson and write its worksheet and answer key as A4 PDFs into ``out``."""
    from .data import load_dataset
    from .export import ExportError
    from .export import execute_notebook
    from .export import lesson_folder
    from .export import lesson_paths
    from .export import progress
    from .images import kaleido_server

    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise ExportError(t("worksheets need Playwright: pip install playwright")) from exc
    if not Path(CHROMIUM).exists():
        raise ExportError(t("worksheets need Chromium at {path} (apt-get install chromium)",
                            path=CHROMIUM))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    notebooks_dir = lesson_folder(notebooks_dir)
    paths = lesson_paths(notebooks_dir)
    if not paths:
        raise ExportError(t("no lesson notebooks (NN_name.ipynb) in {folder}",
                            folder=notebooks_dir))
    ds = load_dataset()
    written: list[Path] = []
    with kaleido_server(), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for i, path in enumerate(paths, start=1):
                start = time.perf_counter()
                sheet = lesson_sheet(execute_notebook(path), path.stem, ds)
                for answers, suffix in ((False, "worksheet"), (True, "answers")):
                    target = out / f"{path.stem}-{suffix}.pdf"
                    _pdf(browser, sheet_html(sheet, ds, answers=answers), target)
                    written.append(target)
                progress(i, len(paths), path.stem, time.perf_counter() - start)
        finally:
            browser.close()
    return written


def worksheets_main(out: str | Path, *, notebooks_dir: Path | None = None,
                    lang: str | None = None) -> int:
    """CLI entry: write the worksheets in ``lang`` (default: the current language); print
    progress in the current language; return an exit code."""
    from contextlib import nullcontext

    from .export import ExportError
    from .text import in_language

    start = time.perf_counter()
    try:
        with in_language(lang) if lang else nullcontext():
            written = write_worksheets(out, notebooks_dir=notebooks_dir)
    except ExportError as exc:
        print(t("export failed: {error}", error=exc), file=sys.stderr)
        return 1
    print(nt("Wrote {count} PDFs (a worksheet and an answer key per lesson) to {folder}/ in "
             "{seconds} s",
             "Wrote {count} PDFs (a worksheet and an answer key per lesson) to {folder}/ in "
             "{seconds} s", len(written), count=len(written), folder=out,
             seconds=f"{time.perf_counter() - start:.1f}"))
    return 0
