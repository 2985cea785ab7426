"""An event's online link goes to the people registered for it, its organiser and the coordinators, through every
channel: the event page, its .ics file, the public and the personal calendar feeds, the API and the e-mails.
Everyone else who may see the event sees that it is online, not the link (issue 13)."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from club import notifications
from club.models import Event, Registration
from tests.club.factories import EventFactory, MemberFactory, RegistrationFactory, in_days
from tests.factories import CoordinatorFactory, UserFactory

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/room-7f3a9c"

# persona -> may they see the link?
PERSONAS = {
    "visitor": False,
    "user": False,
    "member": False,
    "waiting": False,
    "cancelled": False,
    "registered": True,
    "organiser": True,
    "coordinator": True,
}


@pytest.fixture
def people():
    return {
        "user": UserFactory(),
        "member": MemberFactory().user,
        "waiting": MemberFactory().user,
        "cancelled": MemberFactory().user,
        "registered": MemberFactory().user,
        "organiser": MemberFactory().user,
        "coordinator": CoordinatorFactory(),
    }


def _event(people, **values) -> Event:
    event = EventFactory(venue="", online_url=LINK, organiser=people["organiser"], **values)
    RegistrationFactory(event=event, user=people["registered"])
    RegistrationFactory(event=event, user=people["waiting"], status=Registration.Status.WAITING)
    RegistrationFactory(event=event, user=people["cancelled"], status=Registration.Status.CANCELLED)
    return event


def _client(people, persona) -> Client:
    client = Client()
    if persona != "visitor":
        client.force_login(people[persona])
    return client


def _ics_text(content: bytes) -> str:
    calendar = icalendar.Calendar.from_ical(content)
    return " ".join(
        str(entry.get(name, "")) for entry in calendar.walk("VEVENT") for name in ("description", "location", "url")
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_event_page_its_ics_and_the_api_show_the_link_only_to_those_who_may_see_it(people, persona):
    event = _event(people)
    client = _client(people, persona)
    page = client.get(reverse("club:event_detail", args=[event.pk])).content.decode()
    ics = _ics_text(client.get(reverse("club:event_ics", args=[event.pk])).content)
    detail = client.get(reverse("api-club-event-detail", args=[event.pk])).json()
    listing = client.get(reverse("api-club-event-list")).json()
    items = listing["results"] if isinstance(listing, dict) else listing
    expected = PERSONAS[persona]
    assert (LINK in page, LINK in ics, detail["online_url"] == LINK) == (expected, expected, expected)
    assert [item["online_url"] for item in items if item["id"] == event.pk] == [LINK if expected else None]
    assert LINK not in str(listing) or expected
    assert ("Online" in ics) and ("online" in page.lower())  # that the event is online is no secret


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_calendar_feeds_carry_the_link_only_for_those_who_may_see_it(people, persona):
    public = _event(people, title="Public online lab")
    members = _event(people, title="Members' online lab", audience=Event.Audience.MEMBERS)
    public_feed = Client().get(reverse("club:event_feed")).content
    assert LINK not in _ics_text(public_feed) and "Public online lab" in public_feed.decode()
    membership = getattr(people.get(persona), "club_membership", None) if persona != "visitor" else None
    if membership is None:
        return
    feed = Client().get(reverse("club:member_feed", args=[membership.calendar_token])).content
    calendar = icalendar.Calendar.from_ical(feed)
    shown = {str(entry["summary"]): LINK in str(entry.get("description", "")) for entry in calendar.walk("VEVENT")}
    assert shown == {public.title: PERSONAS[persona], members.title: PERSONAS[persona]}


def test_the_e_mails_about_an_event_give_the_link_to_the_registered_and_not_to_the_waiting_list(people):
    event = _event(people)
    registered = event.registrations.get(user=people["registered"])
    waiting = event.registrations.get(user=people["waiting"])

    confirmation = notifications.registration(registered)
    assert LINK in confirmation.body
    (attachment,) = confirmation.attachments
    assert LINK in _ics_text(attachment[1])
    assert LINK in notifications.event_reminders([registered])[0].body
    assert LINK not in notifications.registration(waiting).body
    # A reminder built for someone whose place is gone does not carry it either
    waiting.status = Registration.Status.CANCELLED
    waiting.save()
    assert LINK not in notifications.event_reminders([waiting])[0].body


def test_a_person_moved_up_from_the_waiting_list_gets_the_link_with_their_place(
    people, django_capture_on_commit_callbacks
):
    event = _event(people, capacity=1)
    place = event.registrations.get(user=people["registered"])
    client = _client(people, "registered")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("club:event_unregister", args=[event.pk]))
    promoted = [message for message in mail.outbox if people["waiting"].email in message.to]
    assert promoted and LINK in promoted[0].body
    assert LINK in _ics_text(promoted[0].attachments[0][1])
    place.refresh_from_db()
    assert place.status == Registration.Status.CANCELLED


def test_registering_through_the_page_sends_the_link_with_the_confirmation(people, django_capture_on_commit_callbacks):
    event = EventFactory(venue="", online_url=LINK, starts_at=in_days(5))
    event.ends_at = event.starts_at + datetime.timedelta(hours=1)
    event.save()
    client = _client(people, "member")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("club:event_register", args=[event.pk]))
    (message,) = mail.outbox
    assert LINK in message.body
    assert LINK in client.get(reverse("club:event_detail", args=[event.pk])).content.decode()
    assert LINK in _ics_text(client.get(reverse("club:event_ics", args=[event.pk])).content)
