"""A visitor looks for a hydrogen cluster with a label in Germany: search, narrow with filters, open a profile, and
come back to the same filtered list."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from labelling.framework.levels import Level
from platform_directory.services import organisation_search_vector_update
from tests.e2e.steps import field, step
from tests.factories import ClusterOrganisationFactory
from tests.labelling.certificate_helpers import make_label

pytestmark = [pytest.mark.browser]


def test_a_visitor_searches_filters_and_opens_a_labelled_profile(page, transactional_db):
    # Arranged: the directory as other managers filled it in, one organisation with a Gold label.
    hub = ClusterOrganisationFactory(
        name="Elbe Hydrogen Hub",
        slug="elbe-hydrogen-hub",
        country="DE",
        nuts2_code="DE60",
        region_name="Hamburg",
        city="Hamburg",
        main_sector="energy-renewables",
        description="Electrolysers, hydrogen storage and port logistics.",
    )
    make_label(hub, level=Level.GOLD)
    ClusterOrganisationFactory(
        name="Rhine Hydrogen Network",
        country="DE",
        main_sector="energy-renewables",
        description="Hydrogen for the chemical industry along the Rhine.",
    )
    ClusterOrganisationFactory(
        name="Jutland Hydrogen Alliance",
        country="DK",
        nuts2_code="DK03",
        main_sector="energy-renewables",
        description="Green hydrogen from offshore wind.",
    )
    ClusterOrganisationFactory(name="Bavarian Robotics Cluster", description="Industrial robots and automation.")
    organisation_search_vector_update()
    results = page.locator(".directory-results")

    with step(page, "search"):
        page.goto("/")
        page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Directory").click()
        field(page, "Search").fill("hydrogen")
        page.get_by_role("button", name="Apply").click()
        expect(page.locator("#result-count")).to_contain_text("3 organisations")
        expect(results).not_to_contain_text("Bavarian Robotics Cluster")

    with step(page, "filter by country"):
        field(page, "Country").select_option(label="Germany")  # htmx swaps the results on change
        expect(page.locator("#result-count")).to_contain_text("2 organisations")
        expect(results).not_to_contain_text("Jutland Hydrogen Alliance")

    with step(page, "filter by label"):
        field(page, "Label level").select_option(label="Gold")
        expect(page.locator("#result-count")).to_contain_text("1 organisation")
        expect(page).to_have_url(re.compile(r"q=hydrogen.*country=DE.*label=gold"))
        expect(results.get_by_role("link", name="Gold")).to_be_visible()

    with step(page, "open the profile"):
        results.get_by_role("link", name="Elbe Hydrogen Hub").click()
        page.wait_for_url(re.compile(r"/directory/elbe-hydrogen-hub/$"))
        expect(page.get_by_role("heading", level=1)).to_contain_text("Elbe Hydrogen Hub")
        expect(page.get_by_text("Electrolysers, hydrogen storage and port logistics.")).to_be_visible()
        expect(page.locator("#validation-status")).to_contain_text("Validated")

    with step(page, "back to the same filtered list"):
        page.go_back()
        expect(page).to_have_url(re.compile(r"label=gold"))
        expect(page.locator("#result-count")).to_contain_text("1 organisation")
        expect(field(page, "Search")).to_have_value("hydrogen")
        expect(field(page, "Country")).to_have_value("DE")


def test_the_directory_tells_caches_that_htmx_gets_another_answer(client, db):
    """Why "back to the same filtered list" works: the fragment and the page share a URL and say so (Vary)."""
    fragment = client.get("/directory/?q=hydrogen", HTTP_HX_REQUEST="true")
    page = client.get("/directory/?q=hydrogen")
    assert b"<html" not in fragment.content and b"<html" in page.content
    assert "HX-Request" in fragment["Vary"] and "HX-Request" in page["Vary"]
