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
    assert "Preview: this is how visitors will see your profile once your changes are validated." in page.content()


def test_a_visitor_keeps_seeing_the_validated_figures_while_an_edit_awaits_validation(open_browser, listed):
    from tests.conftest import ARTIFACTS

    manager = MembershipFactory(organisation=listed, user__email="max@example.org").user
    own = open_browser(manager.email)
    own.goto("/directory/bavarian-photonics-cluster/edit/")
    own.get_by_label("Companies").fill("75")
    own.get_by_role("button", name="Save changes").click()
    own.wait_for_url(re.compile(r"/directory/bavarian-photonics-cluster/$"))
    expect(own.locator("#profile-preview")).to_contain_text("once your changes are validated")
    ARTIFACTS.mkdir(exist_ok=True)
    own.screenshot(path=str(ARTIFACTS / "directory-preview-changes-awaiting-validation.png"), full_page=True)
    visitor = open_browser()
    visitor.goto("/directory/bavarian-photonics-cluster/")
    figures = visitor.locator(".table-figures").first.inner_text()
    assert re.search(r"companies\s+40", figures) and "75" not in figures
    assert visitor.locator("#validation-status").inner_text().strip().startswith("Validated")
    assert visitor.locator("#profile-preview").count() == 0


def test_a_manager_previews_a_profile_awaiting_validation_that_a_visitor_cannot_find(open_browser, listed):
    from tests.conftest import ARTIFACTS
    from tests.platform_directory.factories import PendingOrganisationFactory

    pending = PendingOrganisationFactory(name="Estonian Digital Health Network", slug="estonian-digital-health")
    manager = MembershipFactory(organisation=pending, user__email="kadri@example.org").user
    organisation_search_vector_update()
    visitor = open_browser()
    visitor.goto("/directory/?q=estonian")
    expect(visitor.locator("#result-count")).to_contain_text("0")
    assert visitor.goto("/directory/estonian-digital-health/").status == 404
    own = open_browser(manager.email)
    own.goto("/directory/estonian-digital-health/")
    notice = own.locator("#profile-preview")
    expect(notice).to_contain_text("Preview: this is how visitors will see your profile once validated.")
    assert own.get_by_role("heading", level=1).inner_text().startswith("Estonian Digital Health Network")
    ARTIFACTS.mkdir(exist_ok=True)
    own.screenshot(path=str(ARTIFACTS / "directory-preview-awaiting-validation.png"), full_page=True)
