"""The step helper of the journeys keeps a screenshot of the step that failed, and only of that one."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.steps import step, step_screenshot_path

pytestmark = [pytest.mark.browser]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TEST_NAME = "test_a_failing_step_keeps_a_screenshot_named_after_the_test_and_the_step"


def test_a_failing_step_keeps_a_screenshot_named_after_the_test_and_the_step(page):
    passing = step_screenshot_path("open the home page")
    failing = step_screenshot_path("look for a missing heading")
    assert failing.name == f"{TEST_NAME}-look-for-a-missing-heading.png"
    for path in (passing, failing):
        path.unlink(missing_ok=True)

    with step(page, "open the home page"):
        page.goto("/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert not passing.exists()

    with pytest.raises(AssertionError, match="No such heading"), step(page, "look for a missing heading"):
        expect(page.get_by_role("heading", name="No such heading")).to_be_visible(timeout=500)
    assert failing.read_bytes().startswith(PNG_SIGNATURE)
    failing.unlink()  # a deliberate failure: leave nothing in test-artifacts/ that looks like a real one
