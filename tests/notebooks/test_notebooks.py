"""Every lesson notebook runs top to bottom on a fresh kernel, offline, and draws its charts."""

from __future__ import annotations

import nbformat
import pytest

from harness import notebook_paths, plotly_outputs, widget_outputs

pytestmark = pytest.mark.notebook


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_notebook_executes_offline(executed, path):
    nb = executed(path)
    errors = [
        out for cell in nb.cells for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
        or (out.get("output_type") == "stream" and out.get("name") == "stderr"
            and "Traceback" in out.get("text", ""))
    ]
    assert errors == []
    explorers = [d for d in widget_outputs(nb) if "Quiz" not in d.get("text/plain", "")]
    assert plotly_outputs(nb) or explorers, f"{path.name} drew no chart"
    # A live explorer sends its widget only: the static form is for the exported site.
    assert all("application/vnd.plotly.v1+json" not in d for d in widget_outputs(nb))


def test_the_network_guard_really_blocks(run_notebook, tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.cells = [nbformat.v4.new_code_cell(
        "import socket\ns = socket.socket()\ntry:\n    s.connect(('192.0.2.1', 80))\n"
        "except OSError as e:\n    print('blocked:', e)\n")]
    path = tmp_path / "probe.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(pytest.fail.Exception, match="tried to reach the network"):
        run_notebook(path)


def test_lesson_notebooks_exist():
    names = [p.stem for p in notebook_paths()]
    assert names[:1] == ["00_start_here"]
