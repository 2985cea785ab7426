"""The step helper of the journeys keeps a screenshot of the step that failed, and only of that one."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.steps import step, step_screenshot_path

pytestmark = [pytest.mark.browser]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_a_failing_step_keeps_a_screenshot_named_after_the_test_and_the_step(page):
    path = step_screenshot_path("look for a missing heading")
    assert (
        path.name
        == "test_a_failing_step_keeps_a_screenshot_named_after_the_test_and_the_step-look-for-a-missing-heading.png"
    )
    path.unlink(missing_ok=True)

    page.goto("/")
    with pytest.raises(AssertionError, match="No such heading"), step(page, "look for a missing heading"):
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(page.get_by_role("heading", name="No such heading")).to_be_visible(timeout=500)

    assert path.read_bytes().startswith(PNG_SIGNATURE)
    path.unlink()  # a deliberate failure: leave nothing that looks like a real one


def test_a_step_that_passes_leaves_no_screenshot(page):
    path = step_screenshot_path("open the home page")
    path.unlink(missing_ok=True)
    with step(page, "open the home page"):
        page.goto("/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert not path.exists()
