"""Fixtures of the browser journeys (`page` and `open_browser` for more people are in tests/conftest.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

EXPECT_TIMEOUT_MS = 15_000  # as long as the pages' own default timeout (tests/conftest.py)


@pytest.fixture(autouse=True)
def _patient_expect():
    """`expect` waits as long as actions do: autosave and htmx swaps are slow on a busy CI machine."""
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    yield
    expect.set_options(timeout=5_000)  # Playwright's default, for the tests outside tests/e2e
