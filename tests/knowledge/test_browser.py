"""Browser journey: a manager opens a module recommended on the dashboard and completes a lesson."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from knowledge.models import LessonCompletion
from tests.conftest import browser_login
from tests.factories import MembershipFactory
from tests.knowledge.conftest import reviewed_assessment
from tests.knowledge.factories import LessonFactory, ModuleFactory


@pytest.mark.browser
def test_a_manager_follows_a_recommendation_and_completes_a_lesson(page, transactional_db, ecei_framework):
    membership = MembershipFactory(user__email="journey.manager@example.org")
    manager = membership.user
    module = ModuleFactory(title="Financing the cluster", slug="financing-the-cluster", indicators=["3.1"])
    first = LessonFactory(module=module, order=1, slug="funding-mix", title="The funding mix", body="Fees **matter**.")
    LessonFactory(module=module, order=2, slug="reserves", title="Reserves", body="Keep six months.")
    ModuleFactory(title="Unrelated websites", indicators=["5.5"])
    # The organisation's reviewed assessment: indicator 3.1 red, everything else green (labelling computes it).
    reviewed_assessment(membership.organisation, {"3.1": "red"})

    browser_login(page, manager.email)
    panel = page.get_by_test_id("recommended-modules")
    expect(panel).to_contain_text("Financing the cluster")
    expect(panel).not_to_contain_text("Unrelated websites")
    panel.get_by_role("link", name="Financing the cluster").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Financing the cluster")
    page.get_by_role("link", name="Start the module").click()
    expect(page).to_have_url(re.compile(r"/knowledge/modules/financing-the-cluster/lessons/funding-mix/$"))
    expect(page.locator("article")).to_contain_text("Fees matter.")

    page.get_by_role("button", name="Mark as complete and continue").click()
    expect(page.get_by_role("alert")).to_contain_text("Lesson marked as complete.")
    expect(page).to_have_url(re.compile(r"/lessons/reserves/$"))
    assert LessonCompletion.objects.filter(user=manager, lesson=first).exists()

    page.goto(module.get_absolute_url())
    expect(page.get_by_text("1 of 2 lessons completed")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Continue: Reserves"))).to_be_visible()
