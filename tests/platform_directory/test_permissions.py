"""Who may open every directory URL: visitor, manager of A, manager of B, coordinator.

Outsiders get 404 on private objects (they must not learn a hidden profile exists), people who may see an
organisation but not change it get 403, and visitors are sent to the login page for personal pages.
"""

from __future__ import annotations

import pytest
from django.test import Client

from platform_directory.models import Invitation, OrganisationMembership
from tests.platform_directory.factories import CollaborationRequestFactory, InvitationFactory

pytestmark = pytest.mark.django_db

LOGIN = "login"  # a redirect to the login page

# (method, URL template, {persona: expected status})
TABLE = [
    ("get", "/directory/", {"visitor": 200, "manager_a": 200, "manager_b": 200, "coordinator": 200}),
    ("get", "/directory/?q=alpha&country=DE", {"visitor": 200, "manager_a": 200, "manager_b": 200, "coordinator": 200}),
    ("get", "/directory/export.csv", {"visitor": 200, "manager_a": 200, "manager_b": 200, "coordinator": 200}),
    ("get", "/directory/new/", {"visitor": LOGIN, "manager_a": 200, "manager_b": 200, "coordinator": 200}),
    ("get", "/directory/validation/", {"visitor": LOGIN, "manager_a": 403, "manager_b": 403, "coordinator": 200}),
    ("get", "/directory/validation/{a}/", {"visitor": LOGIN, "manager_a": 403, "manager_b": 403, "coordinator": 200}),
    ("post", "/directory/validation/{a}/", {"visitor": LOGIN, "manager_a": 403, "manager_b": 403, "coordinator": 400}),
    ("get", "/directory/requests/", {"visitor": LOGIN, "manager_a": 200, "manager_b": 200, "coordinator": 200}),
    (
        "get",
        "/directory/requests/{request}/",
        {"visitor": LOGIN, "manager_a": 200, "manager_b": 200, "coordinator": 404},
    ),
    (
        "post",
        "/directory/requests/{request}/",
        {"visitor": LOGIN, "manager_a": 403, "manager_b": 302, "coordinator": 404},
    ),
    (
        "get",
        "/directory/invitations/{token}/",
        {"visitor": LOGIN, "manager_a": 400, "manager_b": 400, "coordinator": 400},
    ),
    (
        "post",
        "/directory/invitations/{token}/",
        {"visitor": LOGIN, "manager_a": 400, "manager_b": 400, "coordinator": 400},
    ),
    ("get", "/directory/{a}/", {"visitor": 200, "manager_a": 200, "manager_b": 200, "coordinator": 200}),
    ("get", "/directory/{hidden}/", {"visitor": 404, "manager_a": 200, "manager_b": 404, "coordinator": 200}),
    ("get", "/directory/{a}/edit/", {"visitor": LOGIN, "manager_a": 200, "manager_b": 404, "coordinator": 403}),
    ("post", "/directory/{a}/edit/", {"visitor": LOGIN, "manager_a": 200, "manager_b": 404, "coordinator": 403}),
    ("get", "/directory/{hidden}/edit/", {"visitor": LOGIN, "manager_a": 200, "manager_b": 404, "coordinator": 403}),
    ("post", "/directory/{a}/resubmit/", {"visitor": LOGIN, "manager_a": 302, "manager_b": 404, "coordinator": 403}),
    ("get", "/directory/{a}/resubmit/", {"visitor": LOGIN, "manager_a": 405, "manager_b": 405, "coordinator": 405}),
    ("get", "/directory/{a}/managers/", {"visitor": LOGIN, "manager_a": 200, "manager_b": 404, "coordinator": 403}),
    ("post", "/directory/{a}/managers/", {"visitor": LOGIN, "manager_a": 200, "manager_b": 404, "coordinator": 403}),
    (
        "post",
        "/directory/{a}/managers/{membership}/remove/",
        {"visitor": LOGIN, "manager_a": 302, "manager_b": 404, "coordinator": 403},
    ),
    (
        "post",
        "/directory/{a}/invitations/{invitation}/revoke/",
        {"visitor": LOGIN, "manager_a": 302, "manager_b": 404, "coordinator": 403},
    ),
    # manager A also manages the hidden (validated) profile, so may write from it to A's other organisation
    ("get", "/directory/{a}/contact/", {"visitor": LOGIN, "manager_a": 200, "manager_b": 200, "coordinator": 403}),
    # partner search reaches public profiles only: a hidden one is no target, even for its own people
    ("get", "/directory/{hidden}/contact/", {"visitor": LOGIN, "manager_a": 404, "manager_b": 404, "coordinator": 404}),
    ("get", "/directory/no-such-profile/", {"visitor": 404, "manager_a": 404, "manager_b": 404, "coordinator": 404}),
    (
        "get",
        "/api/v1/directory/organisations/",
        {"visitor": 200, "manager_a": 200, "manager_b": 200, "coordinator": 200},
    ),
    (
        "get",
        "/api/v1/directory/organisations/{a}/",
        {"visitor": 200, "manager_a": 200, "manager_b": 200, "coordinator": 200},
    ),
    (
        "get",
        "/api/v1/directory/organisations/{hidden}/",
        {"visitor": 404, "manager_a": 404, "manager_b": 404, "coordinator": 404},
    ),
]

PERSONAS = ["visitor", "manager_a", "manager_b", "coordinator"]
CASES = [(method, url, persona, expected[persona]) for method, url, expected in TABLE for persona in PERSONAS]


@pytest.mark.parametrize(("method", "url", "persona", "expected"), CASES, ids=[f"{m} {u} {p}" for m, u, p, _ in CASES])
def test_permission_table(request, method, url, persona, expected, org_a, org_b, manager_a, manager_b, hidden_a):
    collaboration = CollaborationRequestFactory(
        sender_organisation=org_a, recipient_organisation=org_b, sender=manager_a
    )
    invitation = InvitationFactory(organisation=org_a, email="invitee@example.org")
    membership = OrganisationMembership.objects.get(user=manager_a, organisation=org_a)
    client = Client()
    if persona != "visitor":
        client.force_login(request.getfixturevalue(persona))
    path = url.format(
        a=org_a.slug,
        hidden=hidden_a.slug,
        request=collaboration.pk,
        token=invitation.token,
        membership=membership.pk,
        invitation=invitation.pk,
    )
    response = getattr(client, method)(path, {"action": "accept"} if "requests/" in path and method == "post" else {})
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), response
    else:
        assert response.status_code == expected, (path, persona, response.status_code)
    # Nothing changed for those who were refused.
    if response.status_code in (302, 403, 404, 405) and persona != "manager_a":
        assert OrganisationMembership.objects.filter(pk=membership.pk).exists()
        assert Invitation.objects.get(pk=invitation.pk).revoked_at is None
