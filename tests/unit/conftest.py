"""Unit-test fixtures: the small made-up dataset of ``fake_dataset.py``, plain and hostile."""

from __future__ import annotations

import pytest

from fake_dataset import make_fake_dataset


@pytest.fixture(scope="module")
def ds():
    """Small made-up dataset (test rows, not facts)."""
    return make_fake_dataset()


@pytest.fixture(scope="module")
def xss_ds():
    """The same dataset with live-looking HTML in some names."""
    return make_fake_dataset(xss=True)
