"""display.show draws each chart once with its summary; display.table shows readable tables."""

from __future__ import annotations

import nbformat
import pandas as pd

from lunarexplainer.display import cell_text
from lunarexplainer.display import column_label
from lunarexplainer.display import table_bundle
from lunarexplainer.display import table_html
from lunarexplainer.export import render_lesson

from harness import plotly_outputs


def test_show_as_last_line_draws_the_chart_once(run_notebook, tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.cells = [nbformat.v4.new_code_cell(
        "from lunarexplainer import load_dataset\n"
        "from lunarexplainer.display import show\n"
        "ds = load_dataset()\n"
        "show(ds, 'outcomes')"
    )]
    path = tmp_path / "show_once.ipynb"
    nbformat.write(nb, path)
    done = run_notebook(path)
    outputs = done.cells[0].outputs
    assert len(plotly_outputs(done)) == 1
    markdown = [o for o in outputs if "text/markdown" in o.get("data", {})]
    assert len(markdown) == 1
    assert "Facts up to" in markdown[0]["data"]["text/markdown"]
    assert not [o for o in outputs if o.get("output_type") == "execute_result"]


# --------------------------------------------------------------------------- tables

LONG = "A summary that is much longer than fifty characters, so pandas would cut it short."


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "announced_on": pd.array(["2021-09", "2024"], dtype="string"),
        "qualifier": pd.array([pd.NA, "NET"], dtype="string"),
        "summary": pd.array([LONG, "<script>alert(1)</script>"], dtype="string"),
        "count": [17.0, float("nan")],
    })


def test_table_html_is_readable():
    text = table_html(frame())
    assert "&lt;NA&gt;" not in text and "<NA>" not in text and "nan" not in text
    assert LONG in text and "…" not in text and "..." not in text
    assert ">2021-09<" in text and ">2024<" in text  # dates as written in the data
    assert ">17<" in text  # whole numbers without ".0"
    assert "<th" in text and ">Announced on<" in text and ">Summary<" in text
    assert text.count("<tr>") == 3  # heading + 2 rows, no index column
    assert text.count("<th ") == 4


def test_table_html_escapes_data_text():
    text = table_html(frame())
    assert "<script" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    odd = pd.DataFrame({"<b>col</b>": ["x"]})
    assert "<b>" not in table_html(odd)


def test_table_columns_labels_and_named_index():
    text = table_html(frame(), columns=["summary", "qualifier"], labels={"qualifier": "How firm"})
    assert text.index(">Summary<") < text.index(">How firm<")
    assert "Announced on" not in text
    grouped = pd.DataFrame({"program": ["Chang'e", "Luna"], "n": [3, 1]}).set_index("program")
    assert ">Program<" in table_html(grouped) and ">Chang&#x27;e<" in table_html(grouped)


def test_cell_text_and_column_label():
    assert cell_text(pd.NA) == cell_text(None) == cell_text(float("nan")) == cell_text(pd.NaT) == ""
    assert cell_text(pd.Timestamp("2026-08-15")) == "2026-08-15"
    assert cell_text(True) == "yes" and cell_text(21.5) == "21.5"
    assert column_label("diameter_km") == "Diameter km"


def test_table_bundle_is_marked_for_the_static_export():
    data, metadata = table_bundle(frame())
    assert metadata == {"lunarexplainer": {"trusted_html": True}}
    assert "<" not in data["text/plain"].replace("<script>", "").replace("</script>", "")
    assert "<NA>" not in data["text/plain"]


def test_table_in_a_notebook_shows_once_and_exports_escaped(run_notebook, tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.cells = [nbformat.v4.new_code_cell(
        "import pandas as pd\n"
        "from lunarexplainer.display import table\n"
        "df = pd.DataFrame({'what': pd.array(['<script>alert(1)</script>', pd.NA],"
        " dtype='string')})\n"
        "table(df)"
    )]
    path = tmp_path / "table.ipynb"
    nbformat.write(nb, path)
    done = run_notebook(path)
    outputs = done.cells[0].outputs
    assert [o["output_type"] for o in outputs] == ["display_data"]
    assert outputs[0]["metadata"] == {"lunarexplainer": {"trusted_html": True}}
    body, _ = render_lesson(done, "table")
    assert 'class="dataframe lx-table"' in body  # rendered as HTML, not as plain text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script>alert" not in body
    assert "&lt;NA&gt;" not in body


def test_dates_do_not_wrap_and_web_addresses_may_break():
    df = pd.DataFrame({"accessed": ["2026-11-24"], "url": ["https://example.org/" + "a" * 40]})
    text = table_html(df)
    assert "white-space: nowrap\">2026-11-24<" in text
    assert "overflow-wrap: anywhere\">https://example.org/" in text


def codes() -> pd.DataFrame:
    return pd.DataFrame({
        "program": ["Chang'e", "Luna"], "status": ["partial", "in_progress"],
        "role": ["technical verification", pd.NA], "qualifier": ["by", pd.NA],
        "target_date": ["2030", "2031"], "crewed": [True, False],
    })


def test_table_shows_code_columns_in_words():
    data, _ = table_bundle(codes(), labels={"target_date": "Target"})
    assert data["text/plain"].splitlines() == [
        "Program | Status | Role | Qualifier | Target | Crewed",
        "Chang'e | partial success | technical verification | by | 2030 | yes",
        "Luna | in progress |  |  | 2031 | no",
    ]


def test_table_headings_and_codes_come_from_the_catalog(fake_catalog):
    fake_catalog({"Target": "Цель", "Program": "Программа", "Chang'e": "Чанъэ",
                  "partial success": "частичный успех", "technical verification":
                  "проверка технологий", "by": "к", "yes": "да", "no": "нет"})
    data, _ = table_bundle(codes(), labels={"target_date": "Target"})
    assert data["text/plain"].splitlines() == [
        "Программа | Status | Role | Qualifier | Цель | Crewed",
        "Чанъэ | частичный успех | проверка технологий | к | 2030 | да",
        "Luna | in progress |  |  | 2031 | нет",
    ]
    assert ">Цель<" in table_html(codes(), labels={"target_date": "Target"})
