"""Static offline site and slide images.

``lunarexplainer export`` runs every lesson notebook on a fresh kernel and writes one HTML page
per lesson plus ``index.html``. Pages load one shared local ``plotly.js`` from ``assets/`` (and
pages with a map the world topojson), so they work by double-click (``file://``) and from any
static host. That ``plotly.js`` is the package's partial bundle, with only the trace types the
lessons draw, unless a lesson draws another type: then it is plotly.py's full one. Explorers
appear in their static form (Plotly's own dropdowns and sliders), so no kernel, widget manager
or CDN is needed. Code cells are hidden unless ``--show-code`` is given.

Each lesson body is made by nbconvert's ``HTMLExporter`` with the ``lunarexplainer`` template
(``templates/nbconvert/lunarexplainer/``), which only says how each MIME type is drawn, after
nbconvert's ``TagRemovePreprocessor`` and the preprocessors below have prepared the outputs.
The page shell around the body (navigation, footer) is ``templates/web/base.html``.

``lunarexplainer export --images DIR`` writes every chart of :data:`charts.CHARTS` (and each
explorer's static form) as PNG and SVG with kaleido, plus ``summaries.md`` for handouts.
"""

from __future__ import annotations

import base64
import copy
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from importlib import resources
from pathlib import Path
from typing import Any

import mistune
import nbformat
from nbconvert.exporters import HTMLExporter
from nbconvert.exporters import TemplateExporter
from nbconvert.filters import Highlight2HTML
from nbconvert.preprocessors import Preprocessor

from . import site_extras
from . import site_text
from .display import EXPORT_ENV
from .display import GEO_TRACE_TYPES
from .display import PLOTLY_MIME
from .text import LANG_ENV
from .text import current_language
from .text import full_stop
from .text import in_language
from .text import nt
from .text import t

__all__ = [
    "ExportError",
    "Lesson",
    "export_main",
    "export_site",
    "progress",
    "lesson_folder",
    "find_notebooks_dir",
    "execute_notebook",
    "LessonExporter",
    "lesson_exporter",
    "render_lesson",
    "trace_types",
    "write_geo_assets",
    "safe_markdown",
    "WidgetNotePreprocessor",
    "TrustedHtmlPreprocessor",
    "ChartCaptionPreprocessor",
    "MapDataPreprocessor",
]

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
#: The nbconvert template folder (under templates/nbconvert/) that draws a lesson body.
TEMPLATE_NAME = "lunarexplainer"
#: Cell tags that keep a cell out of the static site (e.g. "run the cells first" notes).
REMOVE_TAGS = {"remove_cell", *site_extras.LAB_ONLY_TAGS}


class ExportError(Exception):
    """A notebook failed to run; ``str()`` names the notebook and cell in one line."""


# --------------------------------------------------------------------------- markdown


class _EscapingRenderer(mistune.HTMLRenderer):
    """Markdown renderer that shows raw HTML as text (entities such as ``&lt;`` stay)."""

    def block_html(self, html_text: str) -> str:
        return "<p>" + html.escape(html_text.strip(), quote=False) + "</p>\n"

    def inline_html(self, html_text: str) -> str:
        return html.escape(html_text, quote=False)


_SAFE_MD = mistune.create_markdown(
    renderer=_EscapingRenderer(escape=False), plugins=["table", "strikethrough"]
)


def safe_markdown(text: str) -> str:
    """Markdown from notebook outputs (which may quote data) as HTML with no live markup."""
    return str(_SAFE_MD(text))


def _plain(html_text: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    text = re.sub(r"<[^>]+>", "", html_text)
    return " ".join(html.unescape(text).split())


# --------------------------------------------------------------------------- notebooks


def find_notebooks_dir() -> Path:
    """``notebooks/`` next to the package in a checkout (or ``$LUNAREXPLAINER_NOTEBOOKS``)."""
    env = os.environ.get("LUNAREXPLAINER_NOTEBOOKS")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "notebooks"
        if candidate.is_dir() and (parent / "pyproject.toml").exists():
            return candidate
    return Path.cwd() / "notebooks"


def lesson_folder(notebooks_dir: Path | None = None) -> Path:
    """The current language's lessons: ``notebooks/`` for English, ``notebooks/<lang>/``
    otherwise (``notebooks_dir`` instead of ``notebooks/`` when given)."""
    folder = Path(notebooks_dir) if notebooks_dir else find_notebooks_dir()
    lang = current_language()
    return folder if lang == "en" else folder / lang


def lesson_paths(notebooks_dir: Path) -> list[Path]:
    """Lesson notebooks in order (``00_*.ipynb``, ``01_*.ipynb`` …)."""
    return sorted(notebooks_dir.glob("[0-9][0-9]_*.ipynb"))


def execute_notebook(path: Path, timeout: int = 600, lang: str | None = None) -> Any:
    """Run ``path`` on a fresh kernel in its own folder, in ``lang`` (default: the current
    language); raise :class:`ExportError` on failure."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        store_widget_state=False,
        allow_errors=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    index = -1
    try:
        env = {**os.environ, EXPORT_ENV: "1",  # explorers add their static forms
               LANG_ENV: lang or current_language()}
        with client.setup_kernel(stderr=subprocess.DEVNULL, env=env):
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
    except Exception as exc:  # noqa: BLE001 - reported as one line with notebook and cell
        where = (t("{notebook}, cell {cell}", notebook=path.name, cell=index + 1) if index >= 0
                 else path.name)
        ename = getattr(exc, "ename", None) or type(exc).__name__
        evalue = getattr(exc, "evalue", None)
        if evalue is None:
            evalue = str(exc).strip().splitlines()[-1] if str(exc).strip() else ""
        raise ExportError(f"{where}: {ename}: {evalue}".rstrip(": ")) from exc
    return nb


def _source(cell: Any) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def title_and_summary(nb: Any, fallback: str) -> tuple[str, str]:
    """Title (first heading) and one-line summary (first paragraph) of the first Markdown cell."""
    for cell in nb.cells:
        if cell.get("cell_type") != "markdown":
            continue
        title, paragraph = "", ""
        for block in re.split(r"\n\s*\n", _source(cell)):
            block = block.strip()
            if not block:
                continue
            heading = re.match(r"#{1,6}\s+(.*)", block)
            if heading and not title:
                title = _plain(safe_markdown(heading.group(1).splitlines()[0]))
                rest = block.split("\n", 1)[1].strip() if "\n" in block else ""
                if rest and not paragraph and not rest.startswith("#"):
                    paragraph = rest
            elif not heading and not paragraph:
                paragraph = block
        # Drop a bold lead-in such as "**What you will learn.**", keep the first sentence.
        # (Chinese ends a lead or a sentence with "。" or "：", with no space after it.)
        paragraph = re.sub(r"^\*\*[^*]{1,40}[.:。：]\*\*\s*", "", paragraph)
        summary = _plain(safe_markdown(paragraph)) if paragraph else ""
        end = re.compile(r"\. |。").search(summary, 40)
        if end:
            summary = summary[: end.start() + 1]
        if len(summary) > 220:
            summary = summary[:217].rstrip() + "…"
        return title or fallback, summary
    return fallback, ""


@dataclass
class Lesson:
    """One exported lesson page."""

    stem: str
    title: str
    summary: str
    body: str = ""
    charts: int = 0
    seconds: float = 0.0
    #: Every Plotly trace type the page's charts use (to choose the plotly.js bundle).
    trace_types: frozenset[str] = frozenset()
    html_name: str = field(init=False)

    def __post_init__(self) -> None:
        self.html_name = f"{self.stem}.html"


# --------------------------------------------------------------------------- preprocessors


#: A date at midnight as plotly.py writes it; plotly.js reads the bare day the same way.
MIDNIGHT = re.compile(r'"(\d{4}-\d{2}-\d{2})T00:00:00(?:\.0+)?"')


def json_for_script(obj: Any) -> str:
    """A figure's JSON, safe inside ``<script type="application/json">``, with each midnight
    date written as its day (``"2026-08-01"``): a page with a timeline is a fifth lighter."""
    text = MIDNIGHT.sub(r'"\1"', json.dumps(obj, separators=(",", ":"), ensure_ascii=False))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def trace_types(spec: dict[str, Any]) -> set[str]:
    """The Plotly trace types a figure's JSON uses, its animation frames included."""
    frames = spec.get("frames") or []
    traces = [*(spec.get("data") or []),
              *(t for frame in frames if isinstance(frame, dict) for t in frame.get("data") or [])]
    return {str(t.get("type") or "scatter") for t in traces if isinstance(t, dict)}


def _figure_title(spec: dict[str, Any]) -> str:
    title = (spec.get("layout") or {}).get("title")
    if isinstance(title, dict):
        title = title.get("text")
    return _plain(str(title)) if title else "Chart"


def _outputs(cell: Any) -> list[Any]:
    return cell.get("outputs", []) if cell.get("cell_type") == "code" else []


class WidgetNotePreprocessor(Preprocessor):
    """Live widgets cannot run on a static page.

    A bundle that also carries something to show (an explorer's static figure, a summary)
    loses only its widget view; any other widget output becomes one short note per cell.
    """

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        kept, noted = [], False
        for out in _outputs(cell):
            data = out.get("data") or {}
            if WIDGET_MIME in data:
                if PLOTLY_MIME in data or "text/markdown" in data:
                    del data[WIDGET_MIME]
                elif noted:
                    continue
                else:
                    noted = True
                    out = nbformat.v4.new_output(
                        "display_data", data={"text/plain": site_text.widget_note()},
                        metadata={"lunarexplainer": {"note": True}})
            kept.append(out)
        if cell.get("cell_type") == "code":
            cell.outputs = kept
        return cell, resources


class TrustedHtmlPreprocessor(Preprocessor):
    """Keep ``text/html`` only where we built it (``display.table``) or pandas escaped it.

    Any other HTML from an output falls back to its text. Blank header cells (a pandas
    index) get a name for screen readers.
    """

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        for out in _outputs(cell):
            data = out.get("data") or {}
            if "text/html" not in data:
                continue
            if _is_trusted_html(out, data["text/html"]):
                row = '<th><span class="lx-sr">Row</span></th>'
                data["text/html"] = re.sub(r"<th>\s*</th>", row, data["text/html"])
            else:
                del data["text/html"]
        return cell, resources


def _is_trusted_html(output: dict[str, Any], text: str) -> bool:
    meta = output.get("metadata") or {}
    if isinstance(meta, dict) and meta.get("lunarexplainer", {}).get("trusted_html"):
        return True
    if "<script" in text.lower() or "javascript:" in text.lower():
        return False
    return bool(
        re.match(r'\s*<div>\s*(<style scoped>.*?</style>\s*)?<table[^>]*class="dataframe"',
                 text, flags=re.S)
    )


def _is_summary(out: Any) -> bool:
    data = out.get("data") or {}
    return (out.get("output_type") in {"display_data", "execute_result"}
            and "text/markdown" in data and PLOTLY_MIME not in data)


class ChartCaptionPreprocessor(Preprocessor):
    """Pair each chart with the summary that follows it, and number the page's charts.

    ``show_figure`` displays the Plotly JSON and then a Markdown summary; an explorer's static
    form carries its summary in the same bundle. Either way the chart's bundle ends up with
    the summary as ``text/markdown`` and ``metadata.lunarexplainer.figure`` holding its id
    (``lx-plot-N``), plain title and the source line when the caption does not already say it.
    ``resources["lunarexplainer"]["charts"]`` is the page's chart count and
    ``["trace_types"]`` the trace types its charts use.
    """

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        self.charts = 0
        self.trace_types: set[str] = set()
        nb, resources = super().preprocess(nb, resources)
        resources.setdefault("lunarexplainer", {}).update(
            charts=self.charts, trace_types=frozenset(self.trace_types))
        return nb, resources

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        kept: list[Any] = []
        for out in _outputs(cell):
            chart = (kept[-1].get("data") or {}) if kept else {}
            if PLOTLY_MIME in chart and "text/markdown" not in chart and _is_summary(out):
                chart["text/markdown"] = out["data"]["text/markdown"]  # merged into the chart
                continue
            kept.append(out)
        for out in kept:
            if PLOTLY_MIME in (out.get("data") or {}):
                self.charts += 1
                self.trace_types |= trace_types(out["data"][PLOTLY_MIME])
                out.setdefault("metadata", {})["lunarexplainer"] = {
                    "figure": self._figure(out["data"], f"lx-plot-{self.charts}")}
        if cell.get("cell_type") == "code":
            cell.outputs = kept
        return cell, resources

    @staticmethod
    def _figure(data: dict[str, Any], plot_id: str) -> dict[str, Any]:
        spec = data[PLOTLY_MIME]
        title = _figure_title(spec)
        caption = _plain(safe_markdown(data.get("text/markdown", title)))
        meta = (spec.get("layout") or {}).get("meta")
        source = meta.get("caption") if isinstance(meta, dict) else None
        if source and _plain(str(source)) in caption:
            source = None
        return {"id": plot_id, "title": title, "source": str(source) if source else None}


class MapDataPreprocessor(Preprocessor):
    """Drop a map's inline topojson (a ``data:`` URL of about 380 kB in its Plotly config).

    The page loads ``assets/geo-assets.js`` once instead, which sets ``window.PlotlyGeoAssets``.
    """

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        for out in _outputs(cell):
            spec = (out.get("data") or {}).get(PLOTLY_MIME)
            config = spec.get("config") if isinstance(spec, dict) else None
            url = config.get("topojsonURL") if isinstance(config, dict) else None
            if isinstance(url, str) and url.startswith("data:"):
                del config["topojsonURL"]
        return cell, resources


# --------------------------------------------------------------------------- exporter


#: Which of an output's MIME types the site draws, best first (others are left out).
OUTPUT_PRIORITY = [PLOTLY_MIME, "text/html", "image/svg+xml", "image/png", "image/jpeg",
                   "text/markdown", "text/plain"]


def _nbconvert_templates() -> Path:
    return Path(str(resources.files("lunarexplainer") / "templates" / "nbconvert"))


class LessonExporter(HTMLExporter):
    """``HTMLExporter`` for one lesson body: our template, filters and preprocessors."""

    def from_notebook_node(self, nb: Any, resources: Any = None, **kw: Any) -> tuple[str, Any]:
        # HTMLExporter's own version re-serialises the page with BeautifulSoup (which sorts
        # attributes) to add alt text and tabindex to JupyterLab's classes; we need neither.
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)


def lesson_exporter(*, show_code: bool = False) -> LessonExporter:
    """The exporter for lesson bodies; code cells are left out unless ``show_code``."""
    from traitlets.config import Config

    config = Config({
        "NbConvertBase": {"display_data_priority": OUTPUT_PRIORITY},
        "TagRemovePreprocessor": {"enabled": True, "remove_cell_tags": set(REMOVE_TAGS)},
    })
    return LessonExporter(
        config=config,
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(_nbconvert_templates())],
        exclude_input=not show_code,
        preprocessors=[WidgetNotePreprocessor, TrustedHtmlPreprocessor, ChartCaptionPreprocessor,
                       MapDataPreprocessor, *site_extras.SITE_PREPROCESSORS],
        filters={"output_markdown": safe_markdown, "json_for_script": json_for_script,
                 "highlight_code": Highlight2HTML,
                 "svg_base64": lambda svg: base64.b64encode(svg.encode()).decode("ascii")},
    )


def render_lesson(nb: Any, stem: str, *, show_code: bool = False,
                  exporter: LessonExporter | None = None) -> tuple[str, int]:
    """HTML body of one executed notebook and the number of charts in it.

    Pass one ``exporter`` to render many lessons. The notebook is copied first, because the
    preprocessors change cells and outputs.
    """
    body, found = _render(nb, stem, exporter or lesson_exporter(show_code=show_code))
    return body, found["charts"]


def _render(nb: Any, stem: str, exporter: LessonExporter) -> tuple[str, dict[str, Any]]:
    body, res = exporter.from_notebook_node(
        copy.deepcopy(nb), resources={"metadata": {"name": stem}})
    return body, res["lunarexplainer"]


# --------------------------------------------------------------------------- site


def _site_templates(langs: list[str] | None = None) -> Any:
    """The page templates, with the current language's words; ``langs`` (more than one):
    every page gets a language switch to the same page in each of them."""
    import jinja2

    folder = Path(str(resources.files("lunarexplainer") / "templates" / "web"))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=jinja2.select_autoescape(["html"]),
        keep_trailing_newline=True,
    )
    site_extras.setup_templates(env)  # glossary link, quiz and glossary scripts
    lang = current_language()
    env.globals.update(
        assets=site_text.assets_prefix(langs),
        ui=site_text.page_words(), html_lang=site_text.HTML_LANG[lang],
        plotly_locale=site_text.PLOTLY_LOCALES.get(lang),
        switch=lambda page: site_text.language_links(langs, page) if langs and len(langs) > 1
        else [])
    return env, folder


def write_geo_assets(path: Path) -> Path:
    """Write ``geo-assets.js``, which sets ``window.PlotlyGeoAssets`` to the shipped topojson.

    Loaded before plotly.js, it lets maps draw offline, even from ``file://``. The static site
    (``assets/``) and the Voila template (``static/``) both load this one file.
    """
    from .assets import geo_assets

    geo = json.dumps(geo_assets(), separators=(",", ":")).replace("</", "<\\/")
    path.write_text(
        "/* World shapes for Plotly maps (Natural Earth 1:110m via plotly.js), so maps draw "
        "offline. */\nwindow.PlotlyGeoAssets = " + geo + ";\n",
        encoding="utf-8",
    )
    return path


def _write_assets(out: Path, template_folder: Path, show_code: bool, langs: list[str]) -> None:
    from .assets import topojson_dir

    assets = out / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    write_geo_assets(assets / "geo-assets.js")
    css = (template_folder / "site.css").read_text(encoding="utf-8")
    if show_code:
        from pygments.formatters import HtmlFormatter

        css += "\n/* code highlighting */\n" + HtmlFormatter().get_style_defs(".highlight")
    (assets / "site.css").write_text(css, encoding="utf-8")
    for name in ("print.js", "presenter.js", "presenter.css"):
        shutil.copyfile(template_folder / name, assets / name)
    # site.js starts with the treemap click rule it shares with the live explorers' loader.
    (assets / "site.js").write_text(
        "\n".join((template_folder / name).read_text(encoding="utf-8")
                  for name in ("treemap_views.js", "site.js")), encoding="utf-8")
    site_extras.write_assets(assets)
    site_text.write_script_words(assets / "lx-text.js")
    for lang in langs:  # plotly.js's own words for each language the site is written in
        locale = site_text.PLOTLY_LOCALES.get(lang)
        if locale:
            shutil.copyfile(topojson_dir() / locale[1], assets / locale[1])  # shipped assets


def progress(i: int, n: int, stem: str, seconds: float) -> None:
    """Print ``[i/n] stem … 1.2 s`` at once (export, images and worksheets)."""
    print(t("[{i}/{n}] {lesson} … {seconds} s", i=i, n=n, lesson=stem,
            seconds=f"{seconds:.1f}"), flush=True)


def _iter_lessons(paths: list[Path], show_code: bool) -> Iterator[Lesson]:
    exporter = lesson_exporter(show_code=show_code)
    for i, path in enumerate(paths, start=1):
        start = time.perf_counter()
        nb = execute_notebook(path, lang=current_language())
        title, summary = title_and_summary(nb, path.stem.replace("_", " "))
        body, found = _render(nb, path.stem, exporter)
        lesson = Lesson(path.stem, title, summary, body, found["charts"],
                        trace_types=found["trace_types"])
        lesson.seconds = time.perf_counter() - start
        progress(i, len(paths), path.stem, lesson.seconds)
        yield lesson


def export_site(
    out: Path | str = "site",
    *,
    show_code: bool = False,
    notebooks_dir: Path | None = None,
    lang: str = "en",
    langs: list[str] | None = None,
) -> list[Lesson]:
    """Execute every lesson of ``lang`` (``notebooks/`` for English, ``notebooks/<lang>/``
    otherwise) and write its static site into ``out``; return the lessons. With ``langs``,
    every page links to the same page of each of those languages' sites (the first language's
    site at the top, each other one in a folder of its name)."""
    with in_language(lang):
        return _export_site(Path(out), show_code, notebooks_dir, langs)


def _export_site(out: Path, show_code: bool, notebooks_dir: Path | None,
                 langs: list[str] | None) -> list[Lesson]:
    from .data import load_dataset

    notebooks_dir = lesson_folder(notebooks_dir)
    paths = lesson_paths(notebooks_dir)
    if not paths:
        raise ExportError(t("no lesson notebooks (NN_name.ipynb) in {folder}",
                            folder=notebooks_dir))
    try:
        as_of = load_dataset().dates_text
    except Exception as exc:  # noqa: BLE001 - DataValidationError and unreadable folders
        lines = str(exc).strip().splitlines() or [type(exc).__name__]
        more = len(lines) - 1
        message = (nt("data: {problem} (and {count} more problems)",
                      "data: {problem} (and {count} more problems)", more, count=more,
                      problem=lines[0]) if more else t("data: {problem}", problem=lines[0]))
        raise ExportError(message) from exc
    env, template_folder = _site_templates(langs)
    lessons = list(_iter_lessons(paths, show_code))

    out.mkdir(parents=True, exist_ok=True)
    prefix = site_text.assets_prefix(langs)
    if prefix == "assets/":  # else the first language's are shared
        _write_assets(out, template_folder, show_code, langs or [current_language()])
    from .assets import write_site_plotly

    write_site_plotly(out / prefix, set().union(*(lesson.trace_types for lesson in lessons)),
                      shared=prefix != "assets/")
    page = env.get_template("base.html")
    from markupsafe import Markup

    for i, lesson in enumerate(lessons):
        prev = lessons[i - 1] if i > 0 else None
        nxt = lessons[i + 1] if i + 1 < len(lessons) else None
        text = page.render(
            page=lesson.html_name,
            page_title=f"{lesson.title} · {site_text.site_title()}",
            site_title=site_text.site_title(),
            body=Markup(lesson.body),
            as_of=as_of,
            with_plotly=True,
            with_geo=bool(lesson.trace_types & GEO_TRACE_TYPES),
            prev={"href": prev.html_name, "title": prev.title} if prev else None,
            next={"href": nxt.html_name, "title": nxt.title} if nxt else None,
        )
        (out / lesson.html_name).write_text(text, encoding="utf-8")
    (out / "index.html").write_text(_index_page(env, lessons, as_of), encoding="utf-8")
    site_extras.write_glossary_page(out, env, lessons, as_of, site_text.site_title())
    return lessons


def _index_page(env: Any, lessons: list[Lesson], as_of: str) -> str:
    from markupsafe import Markup
    from markupsafe import escape

    items = "\n".join(
        f'<li><a class="lx-lesson-title" href="{escape(lesson.html_name)}">'
        f"{escape(lesson.title)}</a>"
        + (f"<p>{escape(lesson.summary)}</p>" if lesson.summary else "")
        + "</li>"
        for lesson in lessons
    )
    words, title = site_text.page_words(), site_text.site_title()
    body = (
        f"<h1>{escape(title)}</h1>\n"
        f"<p>{escape(words['intro'])}</p>\n"
        f'<p class="lx-asof">{escape(full_stop(as_of))}</p>\n'
        f'<h2>{escape(words["lessons"])}</h2>\n<ol class="lx-lessons">\n{items}\n</ol>\n'
    )
    return env.get_template("base.html").render(
        page="index.html",
        page_title=title,
        site_title=title,
        body=Markup(body),
        as_of=as_of,
        with_plotly=False,
        prev=None,
        next=None,
    )


# --------------------------------------------------------------------------- entry point


def _size_kb(path: Path) -> float:
    return path.stat().st_size / 1024


def export_main(out: str | Path = "site", images: str | Path | None = None,
                show_code: bool = False, *, notebooks_dir: Path | None = None,
                langs: list[str] | None = None) -> int:
    """CLI entry: write the site (or images); print progress; return an exit code.

    ``langs`` (default English only): the first language's site goes into ``out``, each other
    one into ``out/<lang>``, and every page links to the same page in the others."""
    start = time.perf_counter()
    langs = list(langs or ["en"])
    try:
        if images is not None:
            from .images import export_images

            with in_language(langs[0]):
                written = export_images(images, notebooks_dir=notebooks_dir)
            print(nt("Wrote {count} images and summaries.md to {folder} in {seconds} s",
                     "Wrote {count} images and summaries.md to {folder} in {seconds} s",
                     len(written), count=len(written), folder=images,
                     seconds=f"{time.perf_counter() - start:.1f}"))
            return 0
        written_sites = []
        for i, lang in enumerate(langs):
            folder = Path(out) if i == 0 else Path(out) / lang
            lessons = export_site(folder, show_code=show_code, notebooks_dir=notebooks_dir,
                                  lang=lang, langs=langs)
            written_sites.append((folder, lessons))
    except ExportError as exc:
        print(t("export failed: {error}", error=exc), file=sys.stderr)
        return 1
    plotly_kb = _size_kb(Path(out) / "assets" / "plotly.min.js")
    for i, (folder, lessons) in enumerate(written_sites):
        total = sum(_size_kb(folder / lesson.html_name) for lesson in lessons)
        pages = f"{total:.0f}"
        if i == 0:
            print(nt("Wrote {count} lessons + index.html to {folder}/ ({pages} KB of pages + "
                     "{plotly} KB plotly.js)",
                     "Wrote {count} lessons + index.html to {folder}/ ({pages} KB of pages + "
                     "{plotly} KB plotly.js)", len(lessons), count=len(lessons), folder=folder,
                     pages=pages, plotly=f"{plotly_kb:.0f}"))
        else:
            print(nt("Wrote {count} lessons + index.html to {folder}/ ({pages} KB of pages + "
                     "the same assets/)",
                     "Wrote {count} lessons + index.html to {folder}/ ({pages} KB of pages + "
                     "the same assets/)", len(lessons), count=len(lessons), folder=folder,
                     pages=pages))
    print(t("Done in {seconds} s. Open {address}", seconds=f"{time.perf_counter() - start:.1f}",
            address=(Path(out) / "index.html").resolve().as_uri()))
    return 0
