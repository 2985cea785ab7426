"""Browser journeys through the directory (headless Chromium on the live server)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from platform_directory.services import organisation_search_vector_update
from tests.conftest import browser_login
from tests.factories import ClusterOrganisationFactory, MembershipFactory
from tests.platform_directory.factories import TechnologyFieldFactory

pytestmark = [pytest.mark.browser]


@pytest.fixture
def listed(transactional_db):
    photonics = ClusterOrganisationFactory(
        name="Bavarian Photonics Cluster", slug="bavarian-photonics-cluster", description="Lasers and optics."
    )
    photonics.technologies.add(TechnologyFieldFactory(name="Quantum sensing", slug="quantum-sensing"))
    ClusterOrganisationFactory(name="Tuscan Wine Network", country="IT", nuts2_code="ITI1", main_sector="agri-food")
    organisation_search_vector_update()
    return photonics


def test_a_visitor_searches_the_directory_and_opens_a_profile(page, listed):
    page.goto("/directory/")
    page.get_by_label("Search").fill("quantum")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#result-count")).to_contain_text("most relevant first")  # htmx swapped the results
    expect(page).to_have_url(re.compile(r"q=quantum"))
    results = page.locator(".directory-results")
    expect(results).not_to_contain_text("Tuscan Wine Network")
    results.get_by_role("link", name="Bavarian Photonics Cluster").click()
    page.wait_for_url(re.compile(r"/directory/bavarian-photonics-cluster/$"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Bavarian Photonics Cluster")
    assert "Quantum sensing" in page.content()
    assert page.locator("#validation-status").inner_text().strip().startswith("Validated")


def test_a_manager_edits_a_key_figure_and_sees_the_profile_awaiting_validation_with_what_changed(page, listed):
    manager = MembershipFactory(organisation=listed, user__email="max@example.org").user
    browser_login(page, manager.email)
    page.goto("/directory/bavarian-photonics-cluster/")
    page.get_by_role("link", name="Edit profile").click()
    page.get_by_label("Companies").fill("75")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url(re.compile(r"/directory/bavarian-photonics-cluster/$"))
    assert "awaiting validation again" in page.locator(".messages").inner_text()
    assert "Awaiting validation" in page.locator("#validation-status").inner_text()
    change = page.locator(".change-row")
    assert change.count() == 1
    assert re.search(r"Companies\s+40\s+75", change.inner_text())
