"""display.show draws each chart exactly once, with its summary and caption beneath."""

from __future__ import annotations

import nbformat

from conftest import plotly_outputs


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
    assert "Data as of" in markdown[0]["data"]["text/markdown"]
    assert not [o for o in outputs if o.get("output_type") == "execute_result"]
