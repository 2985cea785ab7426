"""Events: registration, the waiting list and its promotion, closed and past events, organisers' tools, reminders."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from club import services
from club.models import Event, Registration
from club.services import ClubError
from portal.models import AuditEvent
from tests.club.factories import EventFactory, MemberFactory, RegistrationFactory, in_days
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_member_registers_and_gets_a_confirmation_with_a_calendar_file(
    club_member, club_member_client, members_event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = club_member_client.post(reverse("club:event_register", args=[members_event.pk]), follow=True)
    assert "You are registered" in response.content.decode()
    registration = Registration.objects.get(event=members_event, user=club_member)
    assert registration.status == Registration.Status.REGISTERED
    (message,) = mail.outbox
    assert message.to == [club_member.email]
    assert message.attachments[0][0] == "event.ics"
    assert AuditEvent.objects.filter(action="club.registration.registered").exists()


def test_a_second_registration_is_refused(club_member, club_member_client, public_event):
    club_member_client.post(reverse("club:event_register", args=[public_event.pk]))
    response = club_member_client.post(reverse("club:event_register", args=[public_event.pk]), follow=True)
    assert "already registered" in response.content.decode()
    assert Registration.objects.filter(event=public_event, user=club_member).count() == 1
    with pytest.raises(ClubError, match="already registered"):
        services.registration_register(event=public_event, user=club_member)


def test_the_database_refuses_two_live_registrations_of_one_person(club_member, public_event):
    from django.db import IntegrityError, transaction

    RegistrationFactory(event=public_event, user=club_member)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(event=public_event, user=club_member, status=Registration.Status.WAITING)


def test_a_full_event_puts_people_on_the_waiting_list_in_order(public_event, django_capture_on_commit_callbacks):
    public_event.capacity = 1
    public_event.save()
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    assert services.registration_register(event=public_event, user=first).status == "registered"
    with django_capture_on_commit_callbacks(execute=True):
        assert services.registration_register(event=public_event, user=second).status == "waiting"
    assert mail.outbox[-1].subject.endswith(f"On the waiting list: {public_event.title}")
    assert not mail.outbox[-1].attachments
    assert services.registration_register(event=public_event, user=third).status == "waiting"
    with pytest.raises(ClubError, match="already on the waiting list"):
        services.registration_register(event=public_event, user=third)


def test_a_cancellation_moves_the_first_waiting_person_up_and_tells_them(
    public_event, django_capture_on_commit_callbacks
):
    public_event.capacity = 1
    public_event.save()
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    taken = services.registration_register(event=public_event, user=first)
    services.registration_register(event=public_event, user=second)
    services.registration_register(event=public_event, user=third)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=taken, user=first)
    statuses = dict(Registration.objects.filter(event=public_event).values_list("user__email", "status"))
    assert statuses == {first.email: "cancelled", second.email: "registered", third.email: "waiting"}
    (message,) = mail.outbox
    assert message.to == [second.email]
    assert "moved up" in message.body
    promoted = Registration.objects.get(event=public_event, user=second)
    assert promoted.promoted_at is not None
    assert AuditEvent.objects.filter(action="club.registration.promoted").count() == 1


def test_leaving_the_waiting_list_promotes_nobody(public_event):
    public_event.capacity = 1
    public_event.save()
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    services.registration_register(event=public_event, user=first)
    waiting = services.registration_register(event=public_event, user=second)
    services.registration_register(event=public_event, user=third)
    services.registration_cancel(registration=waiting, user=second)
    assert Registration.objects.get(event=public_event, user=third).status == "waiting"


def test_a_person_who_cancelled_may_register_again(public_event):
    user = UserFactory()
    registration = services.registration_register(event=public_event, user=user)
    services.registration_cancel(registration=registration, user=user)
    assert services.registration_register(event=public_event, user=user).status == "registered"


def test_more_places_move_waiting_people_up(coordinator, public_event):
    public_event.capacity = 1
    public_event.save()
    users = [UserFactory() for _ in range(3)]
    for user in users:
        services.registration_register(event=public_event, user=user)
    services.event_update(event=public_event, user=coordinator, data={"capacity": 2})
    assert Registration.objects.filter(event=public_event, status="registered").count() == 2
    with pytest.raises(ClubError, match="fewer places"):
        services.event_update(event=public_event, user=coordinator, data={"capacity": 1})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"registration_deadline": in_days(-1)}, "Registration for this event has closed"),
        (
            {
                "starts_at": in_days(-2),
                "ends_at": in_days(-2) + datetime.timedelta(hours=2),
                "registration_deadline": in_days(-3),
            },
            "already started or is over",
        ),
        ({"is_cancelled": True}, "cancelled"),
    ],
    ids=["deadline-passed", "past", "cancelled"],
)
def test_closed_past_and_cancelled_events_are_not_open(club_member_client, club_member, change, message):
    event = EventFactory(**change)
    response = club_member_client.post(reverse("club:event_register", args=[event.pk]), follow=True)
    assert message in response.content.decode()
    assert not Registration.objects.filter(event=event).exists()


def test_the_event_page_shows_the_state_of_registration(club_member_client, public_event):
    page = club_member_client.get(reverse("club:event_detail", args=[public_event.pk])).content.decode()
    assert "Register" in page
    closed = EventFactory(registration_deadline=in_days(-1))
    assert (
        "Registration for this event has closed"
        in club_member_client.get(reverse("club:event_detail", args=[closed.pk])).content.decode()
    )


def test_a_non_member_cannot_register_for_a_members_only_event(user, members_event):
    with pytest.raises(ClubError, match="members only"):
        services.registration_register(event=members_event, user=user)


def test_the_event_page_shows_times_in_the_events_zone(club_member_client):
    # 09:00 in New York would not be in the list; Lisbon is one hour behind Brussels in winter.
    start = datetime.datetime(2030, 1, 15, 9, 0, tzinfo=datetime.UTC)
    event = EventFactory(
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        registration_deadline=start - datetime.timedelta(days=1),
        time_zone="Europe/Helsinki",
    )
    page = club_member_client.get(reverse("club:event_detail", args=[event.pk])).content.decode()
    assert "Tue 15 Jan 2030, 11:00</time>–13:00 EET" in page
    assert "Europe/Helsinki" in page
    assert "10:00 CET in Europe/Brussels" in page


def _event_post(**change):
    data = {
        "title": "Peer lab in Helsinki",
        "description": "A lab.",
        "time_zone": "Europe/Helsinki",
        "starts_local": "2030-06-10T09:30",
        "ends_local": "2030-06-10T12:00",
        "deadline_local": "2030-06-08T18:00",
        "venue": "Maria 01, Helsinki",
        "online_url": "",
        "capacity": "12",
        "audience": "members",
        "organiser": "",
    }
    data.update(change)
    return data


def test_a_coordinator_creates_an_event_with_local_times_stored_in_utc(coordinator_client):
    response = coordinator_client.post(reverse("club:event_create"), _event_post())
    assert response.status_code == 302
    event = Event.objects.get(title="Peer lab in Helsinki")
    assert event.starts_at == datetime.datetime(2030, 6, 10, 6, 30, tzinfo=datetime.UTC)  # EEST = UTC+3
    assert event.registration_deadline == datetime.datetime(2030, 6, 8, 15, 0, tzinfo=datetime.UTC)
    assert event.local_start.hour == 9


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ends_local": "2030-06-10T09:00"}, "ends_local"),
        ({"deadline_local": "2030-06-11T09:00"}, "deadline_local"),
        ({"starts_local": "2020-06-10T09:30", "ends_local": "2020-06-10T12:00", "deadline_local": ""}, "starts_local"),
        ({"venue": "", "online_url": ""}, "venue"),
        ({"capacity": "0"}, "capacity"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"online_url": "javascript:alert(1)"}, "online_url"),
        # 30 March 2030, 03:30 does not exist in Helsinki: the clocks jump from 03:00 to 04:00.
        ({"starts_local": "2030-03-31T03:30", "deadline_local": ""}, "starts_local"),
    ],
)
def test_bad_event_input_is_refused_with_a_message(coordinator_client, change, field):
    response = coordinator_client.post(reverse("club:event_create"), _event_post(**change))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Event.objects.exists()


def test_cancelling_an_event_tells_everyone_registered_or_waiting(
    coordinator_client, public_event, django_capture_on_commit_callbacks
):
    public_event.capacity = 1
    public_event.save()
    RegistrationFactory(event=public_event)
    RegistrationFactory(event=public_event, status=Registration.Status.WAITING)
    RegistrationFactory(event=public_event, status=Registration.Status.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("club:event_cancel", args=[public_event.pk]))
    public_event.refresh_from_db()
    assert public_event.is_cancelled
    assert len(mail.outbox) == 2
    assert all("Cancelled" in m.subject for m in mail.outbox)


def test_the_reminder_goes_the_day_before_once_per_registration(django_capture_on_commit_callbacks):
    tomorrow = EventFactory(
        starts_at=timezone.now() + datetime.timedelta(hours=20),
        ends_at=timezone.now() + datetime.timedelta(hours=22),
        registration_deadline=timezone.now(),
    )
    later = EventFactory()
    registered = RegistrationFactory(event=tomorrow)
    RegistrationFactory(event=tomorrow, status=Registration.Status.WAITING)
    RegistrationFactory(event=tomorrow, status=Registration.Status.CANCELLED)
    RegistrationFactory(event=later)
    with django_capture_on_commit_callbacks(execute=True):  # mailed once the claims commit
        assert services.event_send_reminders() == 1
        assert services.event_send_reminders() == 0
    (message,) = mail.outbox
    assert message.to == [registered.user.email]
    assert "Tomorrow" in message.subject


def test_organisers_see_the_attendee_list_and_its_csv(public_event, other_member):
    from django.test import Client

    public_event.organiser = other_member.user
    public_event.capacity = 1
    public_event.save()
    first = RegistrationFactory(event=public_event, user__display_name="=HYPERLINK(evil)")
    RegistrationFactory(event=public_event, status=Registration.Status.WAITING, user__display_name="Wanda Waiting")
    client = Client()
    client.force_login(other_member.user)
    page = client.get(reverse("club:event_attendees", args=[public_event.pk]))
    assert page.status_code == 200
    assert "Wanda Waiting" in page.content.decode()
    response = client.get(reverse("club:event_attendees_csv", args=[public_event.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "status"
    assert rows[1][:3] == ["registered", "'=HYPERLINK(evil)", first.user.email]
    assert rows[2][0] == "on the waiting list"


def test_the_attendee_list_does_not_grow_in_queries_with_attendees(coordinator_client, django_assert_max_num_queries):
    event = EventFactory(capacity=50)
    for _ in range(30):
        RegistrationFactory(event=event, user=MemberFactory().user)
    with django_assert_max_num_queries(12):
        assert coordinator_client.get(reverse("club:event_attendees", args=[event.pk])).status_code == 200
    with django_assert_max_num_queries(8):
        assert coordinator_client.get(reverse("club:event_attendees_csv", args=[event.pk])).status_code == 200


def test_the_event_list_does_not_grow_in_queries_with_events(club_member_client, django_assert_max_num_queries):
    for _ in range(15):
        event = EventFactory()
        RegistrationFactory(event=event)
    with django_assert_max_num_queries(12):
        response = club_member_client.get(reverse("club:event_list"))
    assert response.status_code == 200
    assert response.content.decode().count("Peer-learning lab") >= 15


def test_the_event_list_tells_the_member_where_they_stand(club_member, club_member_client):
    registered = EventFactory(title="Registered lab")
    waiting = EventFactory(title="Waiting lab", capacity=1)
    RegistrationFactory(event=registered, user=club_member)
    RegistrationFactory(event=waiting)
    RegistrationFactory(event=waiting, user=club_member, status=Registration.Status.WAITING)
    page = club_member_client.get(reverse("club:event_list")).content.decode()
    assert page.count("you are registered") == 1
    assert page.count("you are on the waiting list") == 1
