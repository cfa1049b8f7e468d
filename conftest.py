"""Fixtures shared by every test: the real datasets in ../shared/data."""

from __future__ import annotations

from pathlib import Path

import pytest

from techbridge.paths import shared_data_dir


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data; the test is skipped with a reason where the folder is absent."""
    path = shared_data_dir()
    if path is None:
        pytest.skip("../shared/data is absent (real datasets live beside the checkout, not in it)")
    return path
