"""Every benchmarking URL for every persona: reports are private to the organisation's members and the
coordinators (404 for others), "learn from us" to its managers, the programme view to coordinators."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory

PERSONAS = ["visitor", "user", "manager_a", "manager_b", "viewer_a", "assessor", "coordinator", "club_member"]

# (name, method, expected status per persona); 302 = sent to the login page.
MATRIX = {
    "home": ("GET", dict.fromkeys(PERSONAS, 200)),
    "organisation_reports": (
        "GET",
        {**dict.fromkeys(PERSONAS, 404), "visitor": 302, "manager_a": 200, "viewer_a": 200, "coordinator": 200},
    ),
    "report": (
        "GET",
        {**dict.fromkeys(PERSONAS, 404), "visitor": 302, "manager_a": 200, "viewer_a": 200, "coordinator": 200},
    ),
    "report_pdf": (
        "GET",
        {**dict.fromkeys(PERSONAS, 404), "visitor": 302, "manager_a": 200, "viewer_a": 200, "coordinator": 200},
    ),
    "learn_from_us": (
        "GET",
        {**dict.fromkeys(PERSONAS, 404), "visitor": 302, "manager_a": 200, "viewer_a": 403, "coordinator": 403},
    ),
    "learn_from_us_post": (
        "POST",
        {**dict.fromkeys(PERSONAS, 404), "visitor": 302, "manager_a": 302, "viewer_a": 403, "coordinator": 403},
    ),
    "programme": ("GET", {**dict.fromkeys(PERSONAS, 403), "visitor": 302, "coordinator": 200}),
    "programme_export": ("GET", {**dict.fromkeys(PERSONAS, 403), "visitor": 302, "coordinator": 200}),
    "programme_recompute": ("POST", {**dict.fromkeys(PERSONAS, 403), "visitor": 302, "coordinator": 302}),
    "api_organisation": (
        "GET",
        {**dict.fromkeys(PERSONAS, 404), "visitor": 403, "manager_a": 200, "coordinator": 200},
    ),
    "api_statistics": ("GET", dict.fromkeys(PERSONAS, 200)),
}


def _url(name, report):
    slug = report.organisation.slug
    return {
        "home": reverse("benchmarking:home"),
        "organisation_reports": reverse("benchmarking:organisation_reports", args=[slug]),
        "report": reverse("benchmarking:report", args=[report.number]),
        "report_pdf": reverse("benchmarking:report_pdf", args=[report.number]),
        "learn_from_us": reverse("benchmarking:learn_from_us", args=[slug]),
        "learn_from_us_post": reverse("benchmarking:learn_from_us", args=[slug]),
        "programme": reverse("benchmarking:programme"),
        "programme_export": reverse("benchmarking:programme_export"),
        "programme_recompute": reverse("benchmarking:programme_recompute"),
        "api_organisation": reverse("api-benchmarking-organisation", args=[slug]),
        "api_statistics": reverse("api-benchmarking-statistics"),
    }[name]


@pytest.fixture
def viewer_a_client(org_a):
    from django.test import Client

    viewer = MembershipFactory(organisation=org_a, role="viewer", user__email="viewer.a@example.org").user
    client = Client()
    client.force_login(viewer)
    return client


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", list(MATRIX))
def test_every_url_for_every_persona(request, name, persona, report_a):
    method, expected = MATRIX[name]
    client = request.getfixturevalue(f"{persona}_client")
    url = _url(name, report_a)
    response = client.post(url, {"indicators": ["1.1"]}) if method == "POST" else client.get(url)
    assert response.status_code == expected[persona], (name, persona, response.status_code)
    if expected[persona] == 302 and persona == "visitor":
        assert "/accounts/login/" in response["Location"]


def test_an_unknown_report_is_404_even_for_coordinators(coordinator_client, report_a):
    assert coordinator_client.get(reverse("benchmarking:report", args=["DEU-2026-999999"])).status_code == 404


def test_get_on_the_recompute_url_is_refused(coordinator_client, db):
    assert coordinator_client.get(reverse("benchmarking:programme_recompute")).status_code == 405
