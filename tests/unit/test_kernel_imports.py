"""What a student's kernel imports: charts and explorers run without pandera (slow, heavy)."""

from __future__ import annotations

import subprocess
import sys


def test_schemas_is_not_imported_by_charts_or_explorers():
    code = ("import sys; import lunarexplainer.explorers, lunarexplainer.display; "
            "print('pandera' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_explorers_leave_nbformat_unloaded_until_it_is_used():
    # plotly's renderers import nbformat at their top; nbformat's validator (via jsonschema)
    # imports rfc3987_syntax, which builds Lark parsers for about 1.6 s. A kernel that only
    # shows explorers never needs it; whoever does use nbformat gets the usual module.
    code = """
import sys, types
import lunarexplainer.explorers, lunarexplainer.display
import plotly.io._renderers as renderers
print(sorted(m for m in ("jsonschema", "rfc3987_syntax", "nbformat.v4") if m in sys.modules))
import nbformat
assert renderers.nbformat is nbformat is sys.modules["nbformat"]
from nbformat import v4
nb = v4.new_notebook(cells=[v4.new_code_cell("1 + 1")])
nbformat.validate(nb)
again = nbformat.reads(nbformat.writes(nb), as_version=4)
assert again.cells[0].source == "1 + 1", again
assert type(nbformat) is types.ModuleType and nbformat.v4 is v4
import plotly.graph_objects as go, plotly.io as pio
pio.show(go.Figure(), renderer="json")  # a mimetype renderer reads nbformat.__version__
print(nbformat.__version__ == renderers.nbformat.__version__, "rfc3987_syntax" in sys.modules)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    lines = out.stdout.splitlines()  # the json renderer prints the figure in between
    assert (lines[0], lines[-1]) == ("[]", "True True"), out.stdout[:500]
