"""iCalendar files: they parse, carry the event's zone and the right instants; the feeds list the right events."""

from __future__ import annotations

import datetime
import zoneinfo

import icalendar
import pytest
from django.urls import reverse

from club.models import Event
from tests.club.factories import EventFactory

pytestmark = pytest.mark.django_db


def _events(response) -> list:
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


def test_the_ics_of_an_event_has_the_local_time_and_zone(client):
    start = datetime.datetime(2030, 7, 1, 7, 0, tzinfo=datetime.UTC)  # 10:00 in Helsinki (EEST, UTC+3)
    event = EventFactory(
        title="Helsinki lab",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2, minutes=30),
        registration_deadline=start - datetime.timedelta(days=2),
        time_zone="Europe/Helsinki",
    )
    calendar, (entry,) = _events(client.get(reverse("club:event_ics", args=[event.pk])))
    dtstart, dtend = entry.decoded("dtstart"), entry.decoded("dtend")
    assert dtstart.tzinfo is not None and str(dtstart.tzinfo) == "Europe/Helsinki"
    assert (dtstart.hour, dtstart.minute) == (10, 0)
    assert dtstart == start
    assert dtend == start + datetime.timedelta(hours=2, minutes=30)
    assert entry["dtstart"].params["TZID"] == "Europe/Helsinki"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    assert str(entry["summary"]) == "Helsinki lab"
    assert str(entry["uid"]).startswith(f"club-event-{event.pk}@")
    assert str(entry["url"]).endswith(reverse("club:event_detail", args=[event.pk]))


def test_a_winter_and_a_summer_event_get_their_own_offsets(client):
    zone = zoneinfo.ZoneInfo("Europe/Lisbon")
    winter = datetime.datetime(2030, 1, 10, 9, 0, tzinfo=zone)
    summer = datetime.datetime(2030, 7, 10, 9, 0, tzinfo=zone)
    for start in (winter, summer):
        event = EventFactory(
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
            registration_deadline=start,
            time_zone="Europe/Lisbon",
        )
        _calendar, (entry,) = _events(client.get(reverse("club:event_ics", args=[event.pk])))
        dtstart = entry.decoded("dtstart")
        assert dtstart.hour == 9
        assert dtstart.utcoffset() == start.utcoffset()
        assert dtstart.astimezone(datetime.UTC) == start.astimezone(datetime.UTC)


def test_a_cancelled_event_is_marked_cancelled_in_the_calendar(client):
    event = EventFactory(is_cancelled=True)
    _calendar, (entry,) = _events(client.get(reverse("club:event_ics", args=[event.pk])))
    assert str(entry["status"]) == "CANCELLED"


def test_the_public_feed_lists_public_events_in_several_zones(client):
    berlin = EventFactory(title="Berlin", time_zone="Europe/Berlin")
    lisbon = EventFactory(title="Lisbon", time_zone="Europe/Lisbon")
    EventFactory(title="Secret", audience=Event.Audience.MEMBERS)
    calendar, entries = _events(client.get(reverse("club:event_feed")))
    assert sorted(str(e["summary"]) for e in entries) == ["Berlin", "Lisbon"]
    assert sorted(str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")) == ["Europe/Berlin", "Europe/Lisbon"]
    by_title = {str(e["summary"]): e for e in entries}
    assert by_title["Berlin"].decoded("dtstart") == berlin.starts_at
    assert by_title["Lisbon"].decoded("dtstart") == lisbon.starts_at


def test_the_personal_feed_of_a_member_includes_members_only_events(client, club_member):
    EventFactory(title="Open")
    EventFactory(title="Members", audience=Event.Audience.MEMBERS)
    url = reverse("club:member_feed", args=[club_member.club_membership.calendar_token])
    _calendar, entries = _events(client.get(url))
    assert sorted(str(e["summary"]) for e in entries) == ["Members", "Open"]


def test_the_feed_does_not_grow_in_queries_with_events(client, django_assert_max_num_queries):
    for _ in range(20):
        EventFactory()
    with django_assert_max_num_queries(3):
        response = client.get(reverse("club:event_feed"))
    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) == 20
