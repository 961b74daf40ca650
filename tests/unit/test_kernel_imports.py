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
