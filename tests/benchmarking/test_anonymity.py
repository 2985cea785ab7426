"""Anonymity: a group of fewer than 5 organisations shows nothing (page, report, API); no single peer's value
is shown unless that organisation opted in to "learn from us" for the indicator."""

from __future__ import annotations

import random

import pytest
from django.urls import reverse

from benchmarking.models import GroupKind, LearnFromUsOptIn, PeerStatistic
from benchmarking.services import peer_statistics_recompute
from tests.benchmarking.factories import reviewed_assessment
from tests.factories import ClusterOrganisationFactory


@pytest.fixture
def four_organisations(db, org_a, manager_a):
    rng = random.Random(21)
    reviewed_assessment(org_a, colours={"1.2": "red"})
    for _ in range(3):
        reviewed_assessment(ClusterOrganisationFactory(), rng=rng, numbers={"1.1": 4242})
    peer_statistics_recompute()
    return org_a.benchmark_reports.get()


def test_a_group_of_four_has_no_figures_stored(four_organisations):
    assert not PeerStatistic.objects.filter(median__isnull=False).exists()
    assert PeerStatistic.objects.get(metric="total", group_kind=GroupKind.ALL).n == 4


def test_a_group_of_four_shows_too_few_peers_on_the_public_page(client, four_organisations):
    response = client.get(reverse("benchmarking:home"))
    assert response.status_code == 200
    assert "Too few peers" in response.content.decode()
    assert "4242" not in response.content.decode()


def test_a_group_of_four_gives_nothing_through_the_api(client, four_organisations):
    response = client.get(reverse("api-benchmarking-statistics"))
    assert response.status_code == 404
    assert "Too few peers" in response.json()["detail"]
    country = client.get(reverse("api-benchmarking-statistics"), {"group": "country", "key": "DE"})
    assert country.status_code == 404


def test_a_group_of_four_shows_no_medians_in_the_report_or_its_api(manager_a_client, four_organisations):
    report = four_organisations
    page = manager_a_client.get(report.get_absolute_url()).content.decode()
    assert "too few peers" in page
    assert "4242" not in page
    data = manager_a_client.get(reverse("api-benchmarking-organisation", args=[report.organisation.slug])).json()
    assert all(not i["peer_medians"] and not i["percentile_ranks"] for i in data["indicators"])
    assert all(not g["shown"] and g["organisations"] is None for g in data["peer_groups"])


def test_a_peers_value_shows_only_when_it_opted_in(manager_a_client, org_a, manager_a, population):
    reviewed_assessment(org_a, colours={"1.2": "red", "2.3": "red"})
    green_peer = ClusterOrganisationFactory(name="Generous Green Cluster")
    reviewed_assessment(green_peer, numbers={"1.2": "77.77", "2.3": "88.88"})
    LearnFromUsOptIn.objects.create(organisation=green_peer, indicator_code="1.2")
    peer_statistics_recompute()
    page = manager_a_client.get(org_a.benchmark_reports.get().get_absolute_url()).content.decode()
    assert "Generous Green Cluster" in page
    assert "77.77" in page  # opted in on 1.2
    assert "88.88" not in page  # not on 2.3


def test_a_peer_that_opted_in_but_is_not_green_is_not_shown(manager_a_client, org_a, manager_a, population):
    reviewed_assessment(org_a, colours={"1.2": "red"})
    peer = ClusterOrganisationFactory(name="Yellow Peer Cluster")
    reviewed_assessment(peer, colours={"1.2": "yellow"})
    LearnFromUsOptIn.objects.create(organisation=peer, indicator_code="1.2")
    peer_statistics_recompute()
    page = manager_a_client.get(org_a.benchmark_reports.get().get_absolute_url()).content.decode()
    assert "Yellow Peer Cluster" not in page
