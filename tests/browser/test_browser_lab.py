"""JupyterLab in Chromium: the first notebook runs through the UI and draws a Plotly chart."""

from __future__ import annotations

import pytest

from harness import blocked_attempts
from harness import lab_output_errors
from harness import lab_run_all
from harness import screenshot

pytestmark = pytest.mark.browser


def test_start_here_draws_a_chart_in_jupyterlab(jupyter_lab, page):
    lab_run_all(page, jupyter_lab, "00_start_here.ipynb")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    charts = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .js-plotly-plot")
    assert charts.count() >= 1
    # The chart really has data drawn, not an empty frame.
    n_traces = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('.js-plotly-plot')]"
        ".map(el => (el.data || []).length))"
    )
    assert n_traces >= 1
    assert lab_output_errors(page) == []
    screenshot(page, "lab-00_start_here")
    assert blocked_attempts(jupyter_lab.netguard_log) == []
