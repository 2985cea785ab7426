"""Co-managers: invitations by e-mail, accepting them, removing people (never the last manager)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from platform_directory.models import Invitation, OrganisationMembership
from portal.models import AuditEvent
from tests.factories import MembershipFactory, UserFactory
from tests.platform_directory.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_manager_invites_a_co_manager_by_e_mail_with_a_link(
    manager_a_client, org_a, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_a_client.post(
            reverse("platform_directory:managers", args=[org_a.slug]),
            {"email": "New.Person@Example.org", "role": "manager"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "new.person@example.org" and invitation.organisation == org_a
    assert mailoutbox[0].to == ["new.person@example.org"]
    assert f"/directory/invitations/{invitation.token}/" in mailoutbox[0].body
    assert AuditEvent.objects.filter(action="directory.invitation.sent").exists()
    page = manager_a_client.get(reverse("platform_directory:managers", args=[org_a.slug])).content.decode()
    assert "new.person@example.org" in page


def test_inviting_the_same_address_again_replaces_the_open_invitation(manager_a_client, org_a):
    url = reverse("platform_directory:managers", args=[org_a.slug])
    manager_a_client.post(url, {"email": "x@example.org", "role": "manager"})
    manager_a_client.post(url, {"email": "X@example.org", "role": "viewer"})
    assert Invitation.objects.filter(revoked_at__isnull=True).count() == 1
    assert Invitation.objects.filter(revoked_at__isnull=False).count() == 1


def test_inviting_an_existing_manager_is_refused(manager_a_client, org_a, manager_a):
    response = manager_a_client.post(
        reverse("platform_directory:managers", args=[org_a.slug]), {"email": manager_a.email, "role": "manager"}
    )
    assert response.status_code == 200 and "already a manager" in response.content.decode()


def test_the_invitee_accepts_when_logged_in_with_that_address(org_a):
    invitation = InvitationFactory(organisation=org_a, email="invitee@example.org")
    invitee = UserFactory(email="invitee@example.org")
    client = _client(invitee)
    url = reverse("platform_directory:invitation", args=[invitation.token])
    assert "Accept the invitation" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert OrganisationMembership.objects.get(user=invitee, organisation=org_a).role == "manager"
    invitation.refresh_from_db()
    assert invitation.accepted_by == invitee and invitation.accepted_at is not None
    assert AuditEvent.objects.filter(action="directory.invitation.accepted").exists()


def test_accepting_requires_being_logged_in(org_a):
    invitation = InvitationFactory(organisation=org_a)
    response = Client().get(reverse("platform_directory:invitation", args=[invitation.token]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_someone_logged_in_with_another_address_is_refused(org_a, user_client):
    invitation = InvitationFactory(organisation=org_a, email="invitee@example.org")
    url = reverse("platform_directory:invitation", args=[invitation.token])
    response = user_client.post(url)
    assert response.status_code == 400
    assert "sent to invitee@example.org" in response.content.decode()
    assert not OrganisationMembership.objects.filter(organisation=org_a, user__email="someone@example.org").exists()


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ({"expires_at": timezone.now() - timedelta(minutes=1)}, "has expired"),
        ({"accepted_at": timezone.now()}, "already been used"),
        ({"revoked_at": timezone.now()}, "was withdrawn"),
    ],
)
def test_expired_used_and_withdrawn_invitations_are_refused_clearly(org_a, state, message):
    invitation = InvitationFactory(organisation=org_a, email="invitee@example.org", **state)
    client = _client(UserFactory(email="invitee@example.org"))
    url = reverse("platform_directory:invitation", args=[invitation.token])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400 and message in response.content.decode()
    assert not OrganisationMembership.objects.filter(organisation=org_a, user__email="invitee@example.org").exists()


def test_an_unknown_token_is_refused(user_client):
    response = user_client.get(reverse("platform_directory:invitation", args=["nope"]))
    assert response.status_code == 400 and "not valid" in response.content.decode()


def test_a_manager_removes_a_co_manager(manager_a_client, org_a):
    other = MembershipFactory(organisation=org_a)
    response = manager_a_client.post(reverse("platform_directory:membership_remove", args=[org_a.slug, other.pk]))
    assert response.status_code == 302
    assert not OrganisationMembership.objects.filter(pk=other.pk).exists()
    assert AuditEvent.objects.filter(action="directory.manager.removed").exists()


def test_the_last_manager_cannot_be_removed(manager_a_client, org_a, manager_a, viewer_a):
    membership = OrganisationMembership.objects.get(user=manager_a, organisation=org_a)
    response = manager_a_client.post(
        reverse("platform_directory:membership_remove", args=[org_a.slug, membership.pk]), follow=True
    )
    assert "at least one manager" in response.content.decode()
    assert OrganisationMembership.objects.filter(pk=membership.pk).exists()


def test_a_manager_cannot_remove_someone_of_another_organisation(manager_a_client, org_b, manager_b):
    membership = OrganisationMembership.objects.get(user=manager_b)
    response = manager_a_client.post(reverse("platform_directory:membership_remove", args=[org_b.slug, membership.pk]))
    assert response.status_code == 404
    assert OrganisationMembership.objects.filter(pk=membership.pk).exists()


def test_a_membership_id_of_another_organisation_is_not_found(manager_a_client, org_a, manager_b):
    membership = OrganisationMembership.objects.get(user=manager_b)
    response = manager_a_client.post(reverse("platform_directory:membership_remove", args=[org_a.slug, membership.pk]))
    assert response.status_code == 404


def test_a_manager_withdraws_an_invitation(manager_a_client, org_a):
    invitation = InvitationFactory(organisation=org_a)
    manager_a_client.post(reverse("platform_directory:invitation_revoke", args=[org_a.slug, invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_a_viewer_may_read_but_not_manage(viewer_a, org_a):
    client = _client(viewer_a)
    assert client.get(org_a.get_absolute_url()).status_code == 200
    assert client.get(reverse("platform_directory:managers", args=[org_a.slug])).status_code == 403
    assert client.get(reverse("platform_directory:edit", args=[org_a.slug])).status_code == 403
