"""The IRI parser stand-in: a kernel with an explorer skips building it, the check still works."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
from lunarexplainer.explorers import PartnerExplorer  # imports plotly's FigureWidget support
assert "jsonschema" in sys.modules, "FigureWidget support no longer imports jsonschema"
assert "rfc3987_syntax.syntax_helpers" not in sys.modules, "the parser was built"
from jsonschema import Draft202012Validator, FormatChecker
iri = Draft202012Validator({"format": "iri"}, format_checker=FormatChecker())
assert iri.is_valid("https://example.org/a") and not iri.is_valid("no iri")
assert "rfc3987_syntax.syntax_helpers" in sys.modules, "first use loads the parser"
print("ok")
"""


def test_explorers_import_without_building_the_iri_parser_and_the_check_still_works():
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True,
                         check=False)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr[-2000:]


def test_schemas_is_not_imported_by_charts_or_explorers():
    code = ("import sys; import lunarexplainer.explorers, lunarexplainer.display; "
            "print('pandera' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
