"""The static site's partial plotly.js (tools/plotly-bundle) draws every chart the lessons show.

A chart that starts using a trace type the bundle lacks fails here (add the type to
tools/plotly-bundle/entry.js and rebuild); an export with such a chart ships plotly.py's full
plotly.js instead (tested below), so a page is never left without its chart.
"""

from __future__ import annotations

import re
from pathlib import Path

import plotly
import pytest

from lunarexplainer import charts
from lunarexplainer.assets import SITE_PLOTLY_LICENSES
from lunarexplainer.assets import bundle_trace_types
from lunarexplainer.assets import site_plotly_js
from lunarexplainer.assets import write_site_plotly as write_plotly
from lunarexplainer.data import load_dataset
from lunarexplainer.explorers import EXPLORERS
from lunarexplainer.export import trace_types

from harness import REPO

FULL_PLOTLY = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
BUNDLE_TOOL = REPO / "tools" / "plotly-bundle"


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def _types(fig) -> set[str]:
    return trace_types(fig.to_plotly_json() | {"frames": [f.to_plotly_json() for f in fig.frames]})


def test_the_trace_reader_finds_every_type_of_plotlys_full_bundle():
    full = bundle_trace_types(FULL_PLOTLY)
    assert len(full) >= 40
    assert {"scatter", "bar", "pie", "treemap", "table", "choropleth", "scattergeo",
            "scatter3d", "sankey"} <= full


def test_the_bundle_registers_what_its_entry_file_lists_and_nothing_more():
    entry = (BUNDLE_TOOL / "entry.js").read_text(encoding="utf-8")
    listed = set(re.findall(r"require\('plotly\.js/lib/([a-z0-9]+)'\)", entry)) - {"core"}
    assert bundle_trace_types(site_plotly_js()) == listed | {"scatter"}  # scatter is in core
    assert "pie" not in listed


def test_the_bundle_is_plotly_pys_own_plotly_js_version():
    full_head = FULL_PLOTLY.read_text(encoding="utf-8")[:200]
    version = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", full_head)
    assert version
    head = site_plotly_js().read_text(encoding="utf-8")[:300]
    assert head.startswith(f"/* plotly.js {version.group(1)} (MIT licence), partial bundle")
    lock = (BUNDLE_TOOL / "package-lock.json").read_text(encoding="utf-8")
    assert f'"node_modules/plotly.js": {{\n      "version": "{version.group(1)}"' in lock
    licences = site_plotly_js().with_name(SITE_PLOTLY_LICENSES).read_text(encoding="utf-8")
    assert f"plotly.js@{version.group(1)}" in licences and "@plotly/d3@" in licences


@pytest.mark.parametrize("name", sorted(charts.CHARTS))
def test_every_chart_draws_with_the_bundle(ds, name):
    types = _types(charts.figure(ds, name))
    assert types and types <= bundle_trace_types(site_plotly_js()), types


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_explorers_static_form_draws_with_the_bundle(ds, name):
    types = _types(EXPLORERS[name](ds).to_figure())
    assert types and types <= bundle_trace_types(site_plotly_js()), types


def test_trace_types_reads_data_and_frames_with_scatter_as_the_default():
    spec = {"data": [{"x": [1]}, {"type": "bar"}], "frames": [{"data": [{"type": "table"}]}]}
    assert trace_types(spec) == {"scatter", "bar", "table"}
    assert trace_types({"layout": {}}) == set()


def test_a_chart_type_the_bundle_lacks_gets_the_full_plotly_js(tmp_path):
    partial, full = site_plotly_js().read_bytes(), FULL_PLOTLY.read_bytes()
    written = write_plotly(tmp_path, {"scatter", "treemap"})
    assert written.read_bytes() == partial and (tmp_path / SITE_PLOTLY_LICENSES).exists()
    write_plotly(tmp_path, {"scatter", "pie"})
    assert written.read_bytes() == full and not (tmp_path / SITE_PLOTLY_LICENSES).exists()
    # another language's site sharing these assets keeps the file that draws its charts ...
    write_plotly(tmp_path, {"bar"}, shared=True)
    assert written.read_bytes() == full
    # ... and a fresh export of the first language writes the smaller one again
    write_plotly(tmp_path, {"bar"})
    assert written.read_bytes() == partial
    write_plotly(tmp_path, {"sankey"}, shared=True)
    assert written.read_bytes() == full
