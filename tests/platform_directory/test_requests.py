"""Partner search: collaboration requests between organisations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from platform_directory.models import CollaborationRequest
from platform_directory.services import DirectoryError, collaboration_request_send
from portal.models import AuditEvent
from tests.factories import ClusterOrganisationFactory, MembershipFactory
from tests.platform_directory.factories import CollaborationRequestFactory

pytestmark = pytest.mark.django_db


def _send(client, recipient, sender, subject="Joint project"):
    return client.post(
        reverse("platform_directory:contact", args=[recipient.slug]),
        {"sender_organisation": sender.pk, "subject": subject, "message": "Shall we work together?"},
    )


def test_a_manager_sends_a_request_and_the_recipients_managers_are_told(
    manager_a_client, org_a, org_b, manager_b, django_capture_on_commit_callbacks, mailoutbox
):
    second = MembershipFactory(organisation=org_b, user__email="second.b@example.org").user
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(manager_a_client, org_b, org_a)
    request = CollaborationRequest.objects.get()
    assert response.status_code == 302
    assert (request.sender_organisation, request.recipient_organisation, request.status) == (org_a, org_b, "pending")
    assert sorted(m.to[0] for m in mailoutbox) == sorted([manager_b.email, second.email])
    assert f"/directory/requests/{request.pk}/" in mailoutbox[0].body
    assert AuditEvent.objects.filter(action="directory.request.sent").exists()


def test_the_request_appears_in_the_recipients_inbox_and_dashboard(manager_a_client, manager_b_client, org_a, org_b):
    _send(manager_a_client, org_b, org_a, subject="Photonics for food")
    assert "Photonics for food" in manager_b_client.get(reverse("platform_directory:inbox")).content.decode()
    assert "Photonics for food" in manager_b_client.get(reverse("portal:dashboard")).content.decode()


def test_a_request_to_ones_own_organisation_is_refused(manager_a, manager_a_client, org_a):
    response = manager_a_client.get(reverse("platform_directory:contact", args=[org_a.slug]), follow=True)
    assert "cannot send a collaboration request to your own organisation" in response.content.decode()
    with pytest.raises(DirectoryError, match="own organisation"):
        collaboration_request_send(
            user=manager_a, sender_organisation=org_a, recipient_organisation=org_a, subject="x", message="y"
        )
    assert not CollaborationRequest.objects.exists()


def test_the_sender_must_be_one_of_my_organisations(manager_a_client, org_a, org_b):
    stranger = ClusterOrganisationFactory()
    response = _send(manager_a_client, org_b, stranger)
    assert response.status_code == 400 and "valid choice" in response.content.decode()
    assert not CollaborationRequest.objects.exists()


def test_only_one_pending_request_per_pair(manager_a_client, org_a, org_b):
    _send(manager_a_client, org_b, org_a)
    response = _send(manager_a_client, org_b, org_a)
    assert response.status_code == 400
    assert "already has a request waiting for an answer" in response.content.decode()
    assert CollaborationRequest.objects.count() == 1


@override_settings(DIRECTORY_REQUESTS_PER_DAY=3)
def test_requests_are_rate_limited_per_organisation_and_day(manager_a_client, org_a):
    recipients = ClusterOrganisationFactory.create_batch(4)
    for recipient in recipients[:3]:
        assert _send(manager_a_client, recipient, org_a).status_code == 302
    response = _send(manager_a_client, recipients[3], org_a)
    assert response.status_code == 400
    assert "sent 3 requests in the last 24 hours" in response.content.decode()
    CollaborationRequest.objects.update(created_at=timezone.now() - timedelta(hours=25))
    assert _send(manager_a_client, recipients[3], org_a).status_code == 302


def test_the_default_limit_is_ten_a_day(manager_a, org_a):
    for recipient in ClusterOrganisationFactory.create_batch(10):
        collaboration_request_send(
            user=manager_a, sender_organisation=org_a, recipient_organisation=recipient, subject="s", message="m"
        )
    with pytest.raises(DirectoryError, match="10 requests"):
        collaboration_request_send(
            user=manager_a,
            sender_organisation=org_a,
            recipient_organisation=ClusterOrganisationFactory(),
            subject="s",
            message="m",
        )


@pytest.mark.parametrize(("action", "status"), [("accept", "accepted"), ("decline", "declined")])
def test_the_recipient_accepts_or_declines_with_a_message(
    manager_b_client, manager_b, org_a, org_b, manager_a, action, status, django_capture_on_commit_callbacks, mailoutbox
):
    request = CollaborationRequestFactory(sender_organisation=org_a, recipient_organisation=org_b, sender=manager_a)
    url = reverse("platform_directory:request_detail", args=[request.pk])
    with django_capture_on_commit_callbacks(execute=True):
        manager_b_client.post(url, {"action": action, "message": "Let's talk."})
    request.refresh_from_db()
    assert request.status == status and request.responded_by == manager_b and request.response_message == "Let's talk."
    assert AuditEvent.objects.filter(action=f"directory.request.{status}").exists()
    assert mailoutbox[0].to == [manager_a.email] and "Let's talk." in mailoutbox[0].body
    page = manager_b_client.get(url).content.decode()
    assert ("Contact details" in page) is (status == "accepted")


def test_an_answered_request_cannot_be_answered_again(manager_b_client, org_a, org_b):
    request = CollaborationRequestFactory(sender_organisation=org_a, recipient_organisation=org_b, status="declined")
    response = manager_b_client.post(
        reverse("platform_directory:request_detail", args=[request.pk]), {"action": "accept"}, follow=True
    )
    assert "already declined" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "declined"


def test_the_sender_withdraws_a_pending_request(manager_a_client, org_a, org_b):
    request = CollaborationRequestFactory(sender_organisation=org_a, recipient_organisation=org_b)
    manager_a_client.post(reverse("platform_directory:request_detail", args=[request.pk]), {"action": "withdraw"})
    request.refresh_from_db()
    assert request.status == "withdrawn"
    assert AuditEvent.objects.filter(action="directory.request.withdrawn").exists()


def test_the_sender_cannot_accept_and_the_recipient_cannot_withdraw(manager_a_client, manager_b_client, org_a, org_b):
    request = CollaborationRequestFactory(sender_organisation=org_a, recipient_organisation=org_b)
    url = reverse("platform_directory:request_detail", args=[request.pk])
    assert manager_a_client.post(url, {"action": "accept"}).status_code == 403
    assert manager_b_client.post(url, {"action": "withdraw"}).status_code == 403
    request.refresh_from_db()
    assert request.status == "pending"


def test_outsiders_do_not_see_a_request(user_client, coordinator_client, org_a, org_b):
    request = CollaborationRequestFactory(sender_organisation=org_a, recipient_organisation=org_b)
    url = reverse("platform_directory:request_detail", args=[request.pk])
    assert user_client.get(url).status_code == 404
    assert user_client.post(url, {"action": "accept"}).status_code == 404
    assert coordinator_client.get(url).status_code == 404


def test_a_user_without_an_organisation_cannot_send(user_client, org_b):
    assert user_client.get(reverse("platform_directory:contact", args=[org_b.slug])).status_code == 403


def test_the_profile_offers_the_request_button_only_to_managers_of_another_organisation(
    manager_a_client, manager_b_client, visitor_client, org_a, org_b
):
    label = "Send collaboration request"
    assert label in manager_b_client.get(org_a.get_absolute_url()).content.decode()
    assert label not in manager_a_client.get(org_a.get_absolute_url()).content.decode()
    assert label not in visitor_client.get(org_a.get_absolute_url()).content.decode()
