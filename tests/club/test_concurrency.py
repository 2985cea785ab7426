"""Two people taking the last place at once: one registered, one waiting (PostgreSQL, real concurrent requests)."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from club import services
from club.models import Registration
from tests.club.factories import EventFactory, MemberFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="row locks (select_for_update) need PostgreSQL"),
]


def _slow_checks(monkeypatch, seconds: float = 0.3):
    """Widen the window between reading the free places and writing the registration, as a busy server would."""
    original = services._closed_reason

    def slow(event, now):
        import time

        time.sleep(seconds)
        return original(event, now)

    monkeypatch.setattr(services, "_closed_reason", slow)


def _post_all(urls_and_users):
    barrier = threading.Barrier(len(urls_and_users))
    statuses, errors = [], []

    def post(url, user):
        try:
            client = Client()
            client.force_login(user)
            barrier.wait()
            statuses.append(client.post(url).status_code)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=pair) for pair in urls_and_users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return statuses


def test_two_people_taking_the_last_place_at_once_one_registers_one_waits(transactional_db, monkeypatch):
    event = EventFactory(capacity=1)
    users = [MemberFactory().user, MemberFactory().user]
    _slow_checks(monkeypatch, 1.0)
    url = reverse("club:event_register", args=[event.pk])
    assert _post_all([(url, user) for user in users]) == [302, 302]
    statuses = sorted(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == [Registration.Status.REGISTERED, Registration.Status.WAITING]


def test_a_rush_never_fills_more_places_than_there_are(transactional_db, monkeypatch):
    event = EventFactory(capacity=2)
    users = [MemberFactory().user for _ in range(5)]
    _slow_checks(monkeypatch, 0.1)
    url = reverse("club:event_register", args=[event.pk])
    _post_all([(url, user) for user in users])
    assert Registration.objects.filter(event=event, status=Registration.Status.REGISTERED).count() == 2
    assert Registration.objects.filter(event=event, status=Registration.Status.WAITING).count() == 3


def test_a_double_click_makes_one_registration(transactional_db, monkeypatch):
    event = EventFactory(capacity=5)
    user = MemberFactory().user
    _slow_checks(monkeypatch, 0.2)
    url = reverse("club:event_register", args=[event.pk])
    _post_all([(url, user), (url, user)])
    assert Registration.objects.filter(event=event, user=user).count() == 1


def test_concurrent_approvals_never_share_a_member_number(transactional_db):
    from club.models import ClubMembership
    from tests.club.factories import ApplicantFactory
    from tests.factories import CoordinatorFactory

    coordinator = CoordinatorFactory()
    applicants = [ApplicantFactory() for _ in range(4)]
    urls = [(reverse("club:application_approve", args=[a.pk]), coordinator) for a in applicants]
    _post_all(urls)
    numbers = list(
        ClubMembership.objects.filter(pk__in=[a.pk for a in applicants]).values_list("member_number", flat=True)
    )
    assert len(set(numbers)) == 4
    assert sorted(int(n.rsplit("-", 1)[1]) for n in numbers) == [1, 2, 3, 4]
