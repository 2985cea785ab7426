"""Announcements and the weekly digest: batches, once a week, opt-out in settings and by the e-mail's link."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from club import notifications, services
from club.models import Announcement, ClubMembership, DigestDelivery
from portal.models import AuditEvent
from tests.club.factories import AnnouncementFactory, EventFactory, LapsedMemberFactory, MemberFactory

pytestmark = pytest.mark.django_db


def test_the_digest_goes_to_members_who_want_it_and_not_to_those_who_turned_it_off(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BATCH_SIZE = 2
    AnnouncementFactory(title="Call for speakers")
    EventFactory(title="Lab in Porto")
    wanting = [MemberFactory() for _ in range(5)]
    MemberFactory(receives_digest=False, user__email="no-digest@example.org")
    LapsedMemberFactory(user__email="lapsed-digest@example.org")
    with django_capture_on_commit_callbacks(execute=True) as queued:  # each batch is mailed once it commits
        assert services.digest_send_weekly() == 5
    assert len(queued) == 3  # batches of two, one task each
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.user.email for m in wanting)
    message = mail.outbox[0]
    assert "Call for speakers" in message.body
    assert "Lab in Porto" in message.body
    assert "List-Unsubscribe" in message.extra_headers


def test_the_digest_goes_once_a_week():
    AnnouncementFactory()
    MemberFactory()
    assert services.digest_send_weekly() == 1
    assert services.digest_send_weekly() == 0
    assert DigestDelivery.objects.count() == 1
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    assert services.digest_send_weekly(day=next_week) == 1


def test_a_week_without_news_or_events_sends_nothing():
    AnnouncementFactory(published_at=timezone.now() - datetime.timedelta(days=30))
    MemberFactory()
    assert services.digest_send_weekly() == 0
    assert mail.outbox == []


def test_the_weekly_job_runs_through_celery():
    from club.tasks import club_send_weekly_digest

    AnnouncementFactory()
    MemberFactory()
    assert club_send_weekly_digest.delay().get() == 1


def test_a_member_turns_the_digest_off_in_the_settings(club_member, club_member_client):
    membership = club_member.club_membership
    data = {
        "organisation_name": "Alpha",
        "role": "Manager",
        "country": "DE",
        "languages": ["en"],
        "expertise": ["strategy"],
        "show_organisation": "members",
        "show_role": "members",
        "show_country": "members",
        "show_languages": "members",
        "show_expertise": "members",
        "show_bio": "members",
        "listed_in_directory": "on",
        "accepts_messages": "on",
        # receives_digest left out: the box is unticked
    }
    assert club_member_client.post(reverse("club:my_membership"), data).status_code == 302
    membership.refresh_from_db()
    assert membership.receives_digest is False
    AnnouncementFactory()
    assert services.digest_send_weekly() == 0


def test_the_link_in_the_digest_turns_it_off_only_after_confirming(client):
    membership = MemberFactory()
    url = reverse("club:digest_unsubscribe", args=[notifications.unsubscribe_token(membership)])
    assert "Turn the digest off" in client.get(url).content.decode()
    membership.refresh_from_db()
    assert membership.receives_digest is True  # a GET (mail scanners) changes nothing
    assert "no longer receive" in client.post(url).content.decode()
    membership.refresh_from_db()
    assert membership.receives_digest is False
    assert AuditEvent.objects.filter(action="club.membership.digest_off").exists()


def test_a_forged_unsubscribe_link_is_refused(client):
    membership = MemberFactory()
    token = notifications.unsubscribe_token(membership)
    response = client.post(reverse("club:digest_unsubscribe", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    membership.refresh_from_db()
    assert membership.receives_digest is True


def test_members_only_announcements_are_hidden_from_the_public(client, club_member_client):
    AnnouncementFactory(title="For everyone")
    AnnouncementFactory(title="Members only news", audience=Announcement.Audience.MEMBERS)
    public = client.get(reverse("club:home")).content.decode()
    assert "For everyone" in public and "Members only news" not in public
    assert "Members only news" in club_member_client.get(reverse("club:home")).content.decode()


def test_a_coordinator_publishes_an_announcement(coordinator_client):
    response = coordinator_client.post(
        reverse("club:announcement_create"), {"title": "New lab", "body": "Join us.", "audience": "public"}
    )
    assert response.status_code == 302
    assert Announcement.objects.get().title == "New lab"
    response = coordinator_client.post(reverse("club:announcement_create"), {"title": "", "body": "", "audience": "x"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "body", "audience"}


def test_membership_records_are_untouched_by_the_digest():
    membership = MemberFactory()
    AnnouncementFactory()
    services.digest_send_weekly()
    assert ClubMembership.objects.get(pk=membership.pk).status == ClubMembership.Status.ACTIVE
