"""Browser journeys through benchmarking (headless Chromium on the live server)."""

from __future__ import annotations

import random
import re

import pytest
from playwright.sync_api import expect

from benchmarking.models import LearnFromUsOptIn
from benchmarking.services import peer_statistics_recompute
from tests.benchmarking.factories import peers, reviewed_assessment
from tests.conftest import browser_login
from tests.factories import ClusterOrganisationFactory, CoordinatorFactory, MembershipFactory

pytestmark = [pytest.mark.browser]


@pytest.fixture
def benchmarked(transactional_db):
    organisation = ClusterOrganisationFactory(name="Alpha Photonics Cluster", slug="alpha-photonics")
    manager = MembershipFactory(organisation=organisation, user__email="manager.browser@example.org").user
    peers(6, rng=random.Random(61))
    reviewed_assessment(organisation, colours={"1.2": "red", "2.3": "yellow"})
    peer_statistics_recompute()
    return organisation, manager


def test_a_manager_opens_the_report_and_offers_learn_from_us(page, benchmarked):
    organisation, manager = benchmarked
    browser_login(page, manager.email)
    page.goto("/benchmarking/")
    page.get_by_role("link", name="Open").first.click()
    page.wait_for_url(re.compile(r"/benchmarking/reports/DEU-\d{4}-\d{6}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Benchmark report")
    expect(page.locator("svg.box-chart").first).to_be_visible()
    expect(page.locator("svg.pygal-chart").first).to_be_visible()
    expect(page.locator("#recommendations-heading")).to_be_visible()
    page.get_by_role("link", name="Learn from us").click()
    page.get_by_label(re.compile(r"^2\.2 ")).check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".alert-success")).to_contain_text("saved")
    assert list(
        LearnFromUsOptIn.objects.filter(organisation=organisation).values_list("indicator_code", flat=True)
    ) == ["2.2"]


def test_a_coordinator_recomputes_and_sees_the_progress(page, benchmarked):
    coordinator = CoordinatorFactory(email="coordinator.browser@example.org")
    browser_login(page, coordinator.email)
    page.goto("/benchmarking/programme/")
    page.get_by_role("button", name="Recompute now").click()
    expect(page.get_by_role("progressbar")).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    expect(page.locator("body")).to_contain_text("By country")
