"""Named steps of a browser journey: when a step fails, a screenshot of that moment is kept.

    with step(page, "submit the assessment"):
        page.get_by_role("button", name="Submit for review").click()

A failing step saves test-artifacts/<test>-<step>.png (the page as the user saw it when the step broke) and
re-raises; the `page` fixture's end-of-test screenshot (test-artifacts/<test>.png) is kept as well.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

from tests.conftest import ARTIFACTS


def _current_test_name() -> str:
    # "tests/e2e/test_gold.py::test_it_works[param] (call)" -> "test_it_works[param]"
    current = os.environ.get("PYTEST_CURRENT_TEST", "unknown-test")
    return current.split("::")[-1].rsplit(" (", 1)[0]


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.\[\]-]+", "-", text).strip("-").lower()


def step_screenshot_path(step_name: str, test_name: str | None = None) -> Path:
    """Where the screenshot of a failing step goes."""
    return ARTIFACTS / f"{_slug(test_name or _current_test_name())}-{_slug(step_name)}.png"


@contextmanager
def step(page, name: str) -> Iterator[None]:
    """Run one step of a journey on `page`; on failure keep a full-page screenshot of it, then re-raise."""
    try:
        yield
    except Exception:
        path = step_screenshot_path(name)
        try:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(path), full_page=True)
        except (PlaywrightError, OSError) as error:  # the step's own failure matters more than a picture
            warnings.warn(f"no screenshot of step {name!r}: {error}", stacklevel=3)
        raise


def field(page, label: str):
    """The form field labelled exactly `label`, ignoring the " *" that marks a required field."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}(\s*\*)?\s*$"))
