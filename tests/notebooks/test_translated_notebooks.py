"""Every translated lesson runs on a fresh kernel, offline, and speaks its language."""

from __future__ import annotations

import re

import pytest

from harness import TRANSLATED_SCRIPTS
from harness import plotly_outputs
from harness import translated_paths
from harness import widget_outputs

pytestmark = pytest.mark.notebook


def _title(figure: dict) -> str:
    title = figure.get("layout", {}).get("title", {})
    return str(title.get("text", "") if isinstance(title, dict) else title)


@pytest.mark.parametrize("path", translated_paths(), ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_translated_lesson_executes_offline_in_its_language(executed, path):
    nb = executed(path)
    script = re.compile(TRANSLATED_SCRIPTS[path.parent.name])
    errors = [out for cell in nb.cells for out in cell.get("outputs", [])
              if out.get("output_type") == "error"]
    assert errors == []
    assert plotly_outputs(nb) or widget_outputs(nb), f"{path.name} drew no chart"
    # The data's date line (the first printed output) is in the lesson's language.
    printed = next(out["text"] for cell in nb.cells for out in cell.get("outputs", [])
                   if out.get("output_type") == "stream")
    assert script.search(printed), printed
    # Every chart title is in it too (names of programs may stay in Latin letters).
    for figure in plotly_outputs(nb):
        assert script.search(_title(figure)), f"{path.name}: {_title(figure)!r}"
