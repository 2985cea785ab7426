"""The club's periodic jobs on a real Celery worker (Redis broker): each runs once and a second run does nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from club.models import ClubMembership, RenewalReminder
from club.tasks import club_lapse_expired_memberships, club_send_renewal_reminders, club_send_weekly_digest
from tests.club.factories import AnnouncementFactory, MemberFactory


@pytest.mark.worker
def test_the_beat_jobs_run_on_a_real_worker_once(celery_worker_redis):
    today = timezone.localdate()
    due = MemberFactory(valid_until=today + datetime.timedelta(days=5))
    expired = MemberFactory(valid_until=today - datetime.timedelta(days=2))
    AnnouncementFactory()

    assert club_send_renewal_reminders.delay().get(timeout=60) == 1
    assert club_send_renewal_reminders.delay().get(timeout=60) == 0
    assert RenewalReminder.objects.filter(membership=due).count() == 1

    assert club_lapse_expired_memberships.delay().get(timeout=60) == 1
    expired.refresh_from_db()
    assert expired.status == ClubMembership.Status.LAPSED

    assert club_send_weekly_digest.delay().get(timeout=60) == 1  # the one current member left wants it
    assert club_send_weekly_digest.delay().get(timeout=60) == 0
    assert {m.to[0] for m in mail.outbox} >= {due.user.email}
