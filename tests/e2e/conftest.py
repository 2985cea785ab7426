"""Fixtures of the browser journeys: more people at their own browsers, next to the `page` of tests/conftest.py."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import browser_login

EXPECT_TIMEOUT_MS = 15_000  # as long as the pages' own default timeout (tests/conftest.py)


@pytest.fixture(autouse=True)
def _patient_expect():
    """`expect` waits as long as actions do: autosave and htmx swaps are slow on a busy CI machine."""
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    yield
    expect.set_options(timeout=5_000)  # Playwright's default, for the tests outside tests/e2e


@pytest.fixture
def open_browser(_browser, live_server):
    """Open a page in a fresh browser context (its own cookies), logged in as `email` if given.

    For journeys where several people act in turn (manager, coordinator, assessors, a visitor); every context is
    closed when the test ends.
    """
    contexts = []

    def open_page(email: str | None = None):
        context = _browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        if email:
            browser_login(page, email)
        return page

    yield open_page
    for context in contexts:
        context.close()
