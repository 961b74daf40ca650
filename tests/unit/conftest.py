"""Unit-test fixtures: the chart fixture folder through the real loader, plain and hostile."""

from __future__ import annotations

import pytest

from chart_data import chart_dataset
from chart_data import hostile_copy


@pytest.fixture(scope="session")
def ds():
    """``tests/fixtures/charts/`` loaded by the real loader (test rows, not facts)."""
    return chart_dataset()


@pytest.fixture(scope="session")
def xss_ds(tmp_path_factory):
    """The same rows with live-looking HTML in some names."""
    return chart_dataset(hostile_copy(tmp_path_factory.mktemp("hostile") / "data"))
