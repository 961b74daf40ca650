"""Static export: preprocessors, rendering rules, failure messages, site layout, images."""

from __future__ import annotations

import base64
import json
import re
import struct
from pathlib import Path

import nbformat
import pytest

from lunarexplainer import export
from lunarexplainer import images
from lunarexplainer import site_text
from lunarexplainer.assets import site_plotly_js
from lunarexplainer.export import PLOTLY_MIME
from lunarexplainer.export import WIDGET_MIME
from lunarexplainer.export import render_lesson
from lunarexplainer.export import safe_markdown
from lunarexplainer.export import title_and_summary

REPO = Path(__file__).resolve().parents[2]
MINIMAL_DATA = REPO / "tests" / "fixtures" / "minimal"
XSS = "<script>alert(1)</script>"


def _nb(*cells: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.cells = list(cells)
    return nb


def _spec(title: str = "A chart") -> dict:
    return {"data": [{"type": "bar", "x": [1], "y": [2]}], "layout": {"title": {"text": title}}}


def _out(data: dict, kind: str = "display_data") -> nbformat.NotebookNode:
    return nbformat.v4.new_output(kind, data=data, metadata={})


def tiny_notebooks(folder: Path, *, failing: bool = False) -> Path:
    """Two lesson notebooks that draw one chart each (the second may fail on purpose)."""
    folder.mkdir(parents=True, exist_ok=True)
    first = _nb(
        nbformat.v4.new_markdown_cell("# First lesson\n\nYou compare **two** plans.\n\n## More"),
        nbformat.v4.new_code_cell(
            "from lunarexplainer import load_dataset\nfrom lunarexplainer.display import show\n"
            "ds = load_dataset()\nshow(ds, 'mission_timeline');"
        ),
    )
    second = _nb(
        nbformat.v4.new_markdown_cell("# Second lesson\n\nAbout the south pole."),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("1 / 0" if failing else "print('ok')"),
    )
    nbformat.write(first, folder / "00_first.ipynb")
    nbformat.write(second, folder / "01_second.ipynb")
    return folder


@pytest.fixture
def minimal_data(monkeypatch):
    monkeypatch.setenv("LUNAREXPLAINER_DATA", str(MINIMAL_DATA))


# --------------------------------------------------------------------------- rendering


def test_output_markdown_shows_markup_as_text():
    rendered = safe_markdown(f"Mission {XSS} and &lt;b&gt; and **bold**")
    assert "<script>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "&lt;b&gt;" in rendered  # an escaped entity stays one level escaped
    assert "<strong>bold</strong>" in rendered


def test_title_and_summary_come_from_the_first_markdown_cell():
    nb = _nb(
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_markdown_cell("# Start *here*\n\n**What you will learn.** Two plans.\n"),
    )
    assert title_and_summary(nb, "fallback") == ("Start here", "Two plans.")
    assert title_and_summary(_nb(), "fallback") == ("fallback", "")


def test_outputs_render_by_mimetype():
    code = nbformat.v4.new_code_cell("...")
    code.outputs = [
        _out({PLOTLY_MIME: _spec("Chart </script> one"), "text/plain": "Figure"}),
        _out({"text/markdown": f"Summary with {XSS}", "text/plain": "md"}),
        # an explorer: widget view + static figure + summary in one bundle
        _out({WIDGET_MIME: {"model_id": "x"}, PLOTLY_MIME: _spec("Explorer"),
              "text/markdown": "Explorer summary", "text/plain": "VBox()"}),
        _out({WIDGET_MIME: {"model_id": "y"}, "text/plain": "VBox(children=...)"}),
        nbformat.v4.new_output("stream", name="stdout", text=f"printed {XSS}\n"),
        nbformat.v4.new_output("stream", name="stderr", text="a warning\n"),
        _out({"text/html": f"<b>{XSS}</b>", "text/plain": "untrusted html"}),
        _out({"text/html": '<div>\n<table border="1" class="dataframe">\n<tr><td>1</td></tr>'
                           "</table>\n</div>", "text/plain": "df"}, kind="execute_result"),
    ]
    body, charts = render_lesson(_nb(code), "00_x")
    assert charts == 2
    assert "<script>alert" not in body
    assert body.count('<figure class="lx-figure"') == 2
    # the summary that follows a chart becomes its caption
    # ... in a live region, which the page script updates when a menu changes the chart
    summary = r'<figcaption[^>]*>\s*<div class="lx-summary" aria-live="polite">'
    assert re.search(summary + r"<p>Summary with &lt;script&gt;", body)
    assert re.search(summary + r"<p>Explorer summary</p>\s*</div>\s*</figcaption>", body)
    assert site_text.widget_note() in body
    assert "printed &lt;script&gt;" in body
    assert "a warning" not in body
    assert "untrusted html" in body and "<b>" not in body
    assert 'class="dataframe"' in body
    # figure JSON cannot close its script tag
    assert "Chart \\u003c/script\\u003e one" in body
    assert "x = 1" not in body


def test_images_become_img_tags_with_their_text_as_alt():
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    body, _ = render_lesson(_nb(_code(
        _out({"image/png": "iVBO\nRw0K", "text/plain": "A <png> chart"}),
        _out({"image/svg+xml": svg, "text/plain": "An svg"}))), "s")
    assert '<img src="data:image/png;base64,iVBORw0K" alt="A &lt;png&gt; chart">' in body
    encoded = base64.b64encode(svg.encode()).decode("ascii")
    assert f'<img src="data:image/svg+xml;base64,{encoded}" alt="An svg">' in body
    assert "<svg" not in body  # never inline, so its scripts cannot run


def test_show_code_adds_highlighted_code():
    nb = _nb(nbformat.v4.new_code_cell("answer = 42"))
    assert "answer" not in render_lesson(nb, "s")[0]
    shown = render_lesson(nb, "s", show_code=True)[0]
    # nbconvert's highlighter: class "highlight" (site.css styles it) plus the lexer's name
    assert re.search(r'<div class="[^"]*\bhighlight\b[^"]*"><pre>', shown)
    assert '<span class="n">answer</span>' in shown


def test_cells_tagged_for_lab_only_are_left_out():
    keep = nbformat.v4.new_markdown_cell("Kept for the site.")
    lab_only = nbformat.v4.new_markdown_cell("Run every cell first.")
    lab_only.metadata["tags"] = ["remove-in-site"]
    old_tag = nbformat.v4.new_code_cell("print('hidden')")
    old_tag.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hidden output\n")]
    old_tag.metadata["tags"] = ["remove_cell"]
    body, _ = render_lesson(_nb(keep, lab_only, old_tag), "s")
    assert "Kept for the site." in body
    assert "Run every cell first" not in body and "hidden output" not in body


# --------------------------------------------------------------------------- preprocessors


def _run(preprocessor, *cells):
    """The notebook and resources after one preprocessor."""
    return preprocessor.preprocess(_nb(*cells), {})


def _code(*outputs) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("...")
    cell.outputs = list(outputs)
    return cell


def test_widget_without_static_form_becomes_one_note_per_cell():
    explorer = _out({WIDGET_MIME: {"model_id": "a"}, PLOTLY_MIME: _spec(),
                     "text/markdown": "Summary", "text/plain": "VBox()"})
    with_text = _out({WIDGET_MIME: {"model_id": "b"}, "text/markdown": "Words", "text/plain": "x"})
    bare = [_out({WIDGET_MIME: {"model_id": m}, "text/plain": "Slider()"}) for m in "cde"]
    nb, _ = _run(export.WidgetNotePreprocessor(),
                 _code(bare[0], explorer, bare[1], with_text), _code(bare[2]))
    first, second = (cell.outputs for cell in nb.cells)
    assert [sorted(o["data"]) for o in first] == [
        ["text/plain"], [PLOTLY_MIME, "text/markdown", "text/plain"],
        ["text/markdown", "text/plain"]]
    assert first[0]["data"]["text/plain"] == site_text.widget_note()
    assert first[0]["metadata"] == {"lunarexplainer": {"note": True}}
    assert [o["data"]["text/plain"] for o in second] == [site_text.widget_note()]


def test_html_is_kept_only_where_we_or_pandas_escaped_it():
    ours = nbformat.v4.new_output("display_data", data={"text/html": "<div><b>ours</b></div>",
                                  "text/plain": "ours"},
                                  metadata={"lunarexplainer": {"trusted_html": True}})
    frame = _out({"text/html": '<div>\n<table border="1" class="dataframe"><tr><th></th>'
                               "<td>1</td></tr></table></div>", "text/plain": "df"})
    scripted = _out({"text/html": '<div><table class="dataframe"></table><script>x()</script>'
                                  "</div>", "text/plain": "df2"})
    other = _out({"text/html": f"<b>{XSS}</b>", "text/plain": "plain"})
    nb, _ = _run(export.TrustedHtmlPreprocessor(), _code(ours, frame, scripted, other))
    ours, frame, scripted, other = nb.cells[0].outputs
    assert ours["data"]["text/html"] == "<div><b>ours</b></div>"
    assert '<th><span class="lx-sr">Row</span></th>' in frame["data"]["text/html"]
    assert sorted(scripted["data"]) == sorted(other["data"]) == ["text/plain"]


def test_each_chart_is_paired_with_the_summary_that_follows_it():
    sourced = _spec("Sourced")
    sourced["layout"]["meta"] = {"caption": "Data as of 2026. Sources: A."}
    chart, summary = _out({PLOTLY_MIME: _spec("One"), "text/plain": "F"}), _out(
        {"text/markdown": "Summary one.\n\n*Data as of 2026.*", "text/plain": "md"})
    alone = _out({PLOTLY_MIME: _spec("Alone"), "text/plain": "F"})
    explorer = _out({PLOTLY_MIME: sourced, "text/markdown": "Explorer says.", "text/plain": "E"})
    after = _out({"text/markdown": "Not a caption: the explorer has its own.", "text/plain": "m"})
    printed = nbformat.v4.new_output("stream", name="stdout", text="between\n")
    late = _out({"text/markdown": "Not a caption: printed text came between.", "text/plain": "m"})
    nb, res = _run(export.ChartCaptionPreprocessor(),
                   _code(chart, summary, alone, explorer, after), _code(_out(
                       {PLOTLY_MIME: _spec("Two"), "text/plain": "F"}), printed, late))
    first, second = (cell.outputs for cell in nb.cells)
    assert res["lunarexplainer"]["charts"] == 4
    assert len(first) == 4 and len(second) == 3  # only the first summary was merged
    figures = [o["metadata"]["lunarexplainer"]["figure"] for o in first[:3] + second[:1]]
    assert [f["id"] for f in figures] == ["lx-plot-1", "lx-plot-2", "lx-plot-3", "lx-plot-4"]
    assert [f["title"] for f in figures] == ["One", "Alone", "Sourced", "Two"]
    assert first[0]["data"]["text/markdown"].startswith("Summary one.")
    assert "text/markdown" not in first[1]["data"]
    assert first[2]["data"]["text/markdown"] == "Explorer says."
    # the source line is added only where the caption does not already say it
    assert [f["source"] for f in figures] == [None, None, "Data as of 2026. Sources: A.", None]


def test_geo_topojson_data_url_is_dropped_for_the_static_page():
    spec = _spec()
    spec["config"] = {"topojsonURL": "data:application/json;base64,AAAA#", "displaylogo": False}
    local = _spec()
    local["config"] = {"topojsonURL": "topojson/"}
    nb, _ = _run(export.MapDataPreprocessor(), _code(_out({PLOTLY_MIME: spec}),
                                                    _out({PLOTLY_MIME: local})))
    first, second = nb.cells[0].outputs
    assert first["data"][PLOTLY_MIME]["config"] == {"displaylogo": False}
    assert second["data"][PLOTLY_MIME]["config"] == {"topojsonURL": "topojson/"}


def test_render_lesson_leaves_the_notebook_as_it_was():
    cell = _code(_out({PLOTLY_MIME: _spec(), "text/plain": "F"}),
                 _out({"text/markdown": "Summary", "text/plain": "md"}))
    nb = _nb(cell)
    before = nbformat.writes(nb)
    render_lesson(nb, "s")
    assert nbformat.writes(nb) == before


# --------------------------------------------------------------------------- whole site


@pytest.mark.notebook
def test_failing_notebook_gives_one_line_naming_notebook_and_cell(tmp_path, capsys, minimal_data):
    notebooks = tiny_notebooks(tmp_path / "nb", failing=True)
    code = export.export_main(out=tmp_path / "site", notebooks_dir=notebooks)
    captured = capsys.readouterr()
    assert code == 1
    lines = [line for line in captured.err.splitlines() if line.startswith("export failed")]
    assert lines == ["export failed: 01_second.ipynb, cell 3: ZeroDivisionError: division by zero"]
    assert "[1/2] 00_first" in captured.out


@pytest.mark.notebook
def test_site_has_index_pages_and_shared_assets(tmp_path, capsys, minimal_data):
    notebooks = tiny_notebooks(tmp_path / "nb")
    out = tmp_path / "site"
    assert export.export_main(out=out, notebooks_dir=notebooks) == 0
    printed = capsys.readouterr().out
    assert re.search(r"\[2/2\] 01_second … \d+\.\d s", printed)
    assert sorted(p.name for p in out.glob("*.html")) == [
        "00_first.html", "01_second.html", "glossary.html", "index.html"]
    assets = sorted(p.name for p in (out / "assets").iterdir())
    assert assets == ["LICENSE-plotly-site.txt", "geo-assets.js", "glossary.js", "lessons.css",
                      "lx-text.js", "plotly.min.js", "presenter.css", "presenter.js", "print.js",
                      "quiz.js", "site.css", "site.js"]
    # the partial plotly.js: the page's charts need no other trace type
    assert (out / "assets" / "plotly.min.js").read_bytes() == site_plotly_js().read_bytes()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="00_first.html"' in index and "You compare two plans." in index
    assert "Facts up to " in index
    page = (out / "00_first.html").read_text(encoding="utf-8")
    assert page.count('class="lx-plot"') == 1
    assert "plotly.min.js" in page and "geo-assets.js" not in page  # no map on this page
    assert "Facts up to" in page and "Source" in page  # caption under the chart
    for html_file in out.glob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        refs = re.findall(r'(?:src|href)="([^"]+)"', text)
        assert all(not re.match(r"[a-z]+:|/", r) for r in refs), (html_file.name, refs)
        assert "require.js" not in text and "mathjax" not in text.lower()
        assert "application/vnd.jupyter.widget-state" not in text


_ATTR_URL = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?([^"'\s>]+)""", re.I)
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)|@import\s+["']([^"']+)""", re.I)


def _leaves_the_machine(url: str) -> bool:
    return bool(re.match(r"(?:[a-z][a-z0-9+.-]*:)?//", url, re.I)) or url.lower().startswith(
        ("http:", "https:", "ftp:", "ws:", "wss:"))


@pytest.mark.notebook
def test_exported_pages_load_nothing_from_outside_the_machine(tmp_path, minimal_data):
    folder = tmp_path / "nb"
    folder.mkdir()
    nb = _nb(
        nbformat.v4.new_markdown_cell("# Map lesson\n\nWho signed, on a world map."),
        nbformat.v4.new_code_cell(
            "from lunarexplainer import load_dataset\nfrom lunarexplainer.display import show\n"
            "ds = load_dataset()\nshow(ds, 'partner_map')"),
    )
    nbformat.write(nb, folder / "00_map.ipynb")
    out = tmp_path / "site"
    lessons = export.export_site(out, show_code=True, notebooks_dir=folder)
    assert lessons[0].charts == 1
    page = (out / "00_map.html").read_text(encoding="utf-8")
    assert "topojsonURL" not in page and "data:application/json" not in page
    # the map's shapes come from the shipped topojson, set before plotly.js loads
    assert -1 < page.index('src="assets/geo-assets.js"') < page.index('src="assets/plotly.min.js"')
    assert lessons[0].trace_types == {"choropleth", "scattergeo"}
    assert 'class="lx-code"' in page  # --show-code: the code is there, highlighted locally
    leaving = []
    for path in [*out.glob("*.html"), out / "assets" / "site.css"]:
        text = path.read_text(encoding="utf-8")
        urls = _ATTR_URL.findall(text) + [u for pair in _CSS_URL.findall(text) for u in pair if u]
        leaving += [f"{path.name}: {u}" for u in urls if _leaves_the_machine(u)]
        assert not re.search(r"<(?:script|link|img|iframe)[^>]+(?:src|href)=[\"']?(?:https?:)?//",
                             text, re.I), path.name
    assert leaving == []
    assert _leaves_the_machine("https://cdn.plot.ly/x.js") and _leaves_the_machine("//cdn/x")
    assert not _leaves_the_machine("assets/plotly.min.js")


# --------------------------------------------------------------------------- images


def _png_size(path: Path) -> tuple[int, int]:
    with open(path, "rb") as fh:
        head = fh.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.mark.browser
def test_images_for_slides(tmp_path, minimal_data, capsys):
    from lunarexplainer.charts import CHARTS

    from harness import require_chromium

    require_chromium()
    out = tmp_path / "images"
    assert export.export_main(images=out) == 0
    pngs = sorted(out.glob("*.png"))
    svgs = sorted(out.glob("*.svg"))
    assert len(pngs) == len(svgs) >= len(CHARTS)
    for name in CHARTS:
        matches = [p for p in pngs if p.stem.endswith(f"__{name}")]
        assert matches, f"no image for {name}"
    for png in pngs:
        assert png.stat().st_size > 5_000, png.name
        width, height = _png_size(png)
        assert width == images.IMAGE_WIDTH and height >= 300, (png.name, width, height)
        assert png.with_suffix(".svg").read_text(encoding="utf-8").lstrip().startswith("<svg")
    summaries = (out / "summaries.md").read_text(encoding="utf-8")
    assert summaries.count("\n## ") == len(pngs)
    assert "Facts up to" in summaries


def test_figure_json_writes_midnight_dates_as_days_and_keeps_the_rest() -> None:
    from lunarexplainer.export import json_for_script

    text = json_for_script({"x": ["2026-08-01T00:00:00", "2026-08-01T12:30:00", "2026-08"],
                            "text": ["</script> on 2026-08-01T00:00:00"]})
    assert json.loads(text) == {"x": ["2026-08-01", "2026-08-01T12:30:00", "2026-08"],
                                "text": ["</script> on 2026-08-01T00:00:00"]}
    assert "</" not in text
