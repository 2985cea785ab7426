"""Who may open what: certificate downloads, the insiders' label page, re-issue and status changes, for every
persona; the public pages for everyone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from labelling.models import Label
from tests.labelling.certificate_helpers import make_label

pytestmark = pytest.mark.django_db

PERSONAS = [
    "visitor_client",
    "user_client",
    "manager_a_client",
    "manager_b_client",
    "assessor_client",
    "coordinator_client",
    "club_member_client",
]


@pytest.fixture
def label(org_a):
    return make_label(org_a, issue=True)


def _status(client, method, url, data=None):
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return response.status_code


# (persona, download, manage page)
EXPECTED_PRIVATE = {
    "visitor_client": ("login", "login"),
    "user_client": (404, 404),
    "manager_a_client": (200, 200),
    "manager_b_client": (404, 404),
    "assessor_client": (404, 404),
    "coordinator_client": (200, 200),
    "club_member_client": (404, 404),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_certificate_download_and_label_page_are_for_the_managers_and_coordinators(request, persona, label):
    client = request.getfixturevalue(persona)
    download = reverse("labelling:certificate_download", args=[label.number, 1])
    manage = reverse("labelling:label_manage", args=[label.number])
    assert (_status(client, "get", download), _status(client, "get", manage)) == EXPECTED_PRIVATE[persona]


def test_the_download_is_the_pdf_as_an_attachment(manager_a_client, label):
    response = manager_a_client.get(reverse("labelling:certificate_download", args=[label.number, 1]))
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{label.number}.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_an_unknown_revision_is_404(manager_a_client, label):
    assert manager_a_client.get(reverse("labelling:certificate_download", args=[label.number, 7])).status_code == 404


def test_a_viewer_of_the_organisation_cannot_download(label, client):
    from platform_directory.models import OrganisationMembership
    from tests.factories import MembershipFactory

    viewer = MembershipFactory(organisation=label.organisation, role=OrganisationMembership.Role.VIEWER).user
    client.force_login(viewer)
    assert client.get(reverse("labelling:certificate_download", args=[label.number, 1])).status_code == 404


EXPECTED_STATUS_CHANGE = {
    "visitor_client": "login",
    "user_client": 404,
    "manager_a_client": 403,
    "manager_b_client": 404,
    "assessor_client": 404,
    "coordinator_client": 302,
    "club_member_client": 404,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_coordinators_change_the_status(request, persona, label):
    client = request.getfixturevalue(persona)
    url = reverse("labelling:label_status_change", args=[label.number, "suspend"])
    assert (
        _status(client, "post", url, {"public_reason": "Audit found the staff figures overstated."})
        == (EXPECTED_STATUS_CHANGE[persona])
    )
    label.refresh_from_db()
    expected = Label.Status.SUSPENDED if persona == "coordinator_client" else Label.Status.VALID
    assert label.status == expected


EXPECTED_REISSUE = {
    "visitor_client": "login",
    "user_client": 404,
    "manager_a_client": 302,  # redirected back with an error: no name change
    "manager_b_client": 404,
    "assessor_client": 404,
    "coordinator_client": 302,
    "club_member_client": 404,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_reissue_is_for_coordinators_and_managers(request, persona, label):
    client = request.getfixturevalue(persona)
    url = reverse("labelling:certificate_reissue", args=[label.number])
    assert _status(client, "post", url, {"reason": "New name", "expected_revision": 1}) == EXPECTED_REISSUE[persona]
    label.certificate.refresh_from_db()
    assert label.certificate.current_revision == (2 if persona == "coordinator_client" else 1)


@pytest.mark.parametrize("persona", PERSONAS)
def test_public_pages_are_open_to_everyone(request, persona, label):
    client = request.getfixturevalue(persona)
    for url in (
        reverse("labelling:registry"),
        reverse("labelling:label_detail", args=[label.number]),
        reverse("labelling:badge", args=[label.number]),
        reverse("labelling:verify", args=[label.certificate.token]),
        reverse("labelling:verify_home"),
        "/api/v1/labels/",
        f"/api/v1/labels/{label.number}/",
        f"/api/v1/labels/verify/{label.certificate.token}/",
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", PERSONAS)
def test_my_labels_needs_a_login_and_shows_only_ones_own(request, persona, label, org_b):
    other = make_label(org_b)
    client = request.getfixturevalue(persona)
    response = client.get(reverse("labelling:my_labels"))
    if persona == "visitor_client":
        assert response.status_code == 302
        return
    assert response.status_code == 200
    body = response.content.decode()
    assert (label.number in body) == (persona in ("manager_a_client", "coordinator_client"))
    assert (other.number in body) == (persona in ("manager_b_client", "coordinator_client"))


def test_an_unknown_status_action_is_404(coordinator_client, label):
    url = reverse("labelling:label_status_change", args=[label.number, "delete"])
    assert coordinator_client.post(url, {"public_reason": "x" * 20}).status_code == 404


def test_get_is_not_allowed_on_writes(coordinator_client, label):
    assert coordinator_client.get(reverse("labelling:certificate_reissue", args=[label.number])).status_code == 405
    url = reverse("labelling:label_status_change", args=[label.number, "suspend"])
    assert coordinator_client.get(url).status_code == 405
