"""iCalendar (RFC 5545) files of club events: times in the event's own zone, with the zone's definition included."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlparse

import icalendar
from django.conf import settings
from django.utils import timezone

from club.models import Event

PRODID = "-//Cluster Excellence Portal//European Club of Cluster Managers//EN"


def _host() -> str:
    return urlparse(settings.SITE_URL).hostname or "cluster-excellence.eu"


def event_uid(event: Event) -> str:
    """Stable across edits, so calendar apps update the entry instead of adding a second one."""
    return f"club-event-{event.pk}@{_host()}"


def _vevent(event: Event) -> icalendar.Event:
    url = settings.SITE_URL + event.get_absolute_url()
    entry = icalendar.Event()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", timezone.now())
    entry.add("last-modified", event.updated_at)
    entry.add("created", event.created_at)
    entry.add("summary", event.title)
    entry.add("dtstart", event.local_start)
    entry.add("dtend", event.local_end)
    description = event.description
    if event.online_url:
        description = f"{description}\n\nOnline: {event.online_url}"
    entry.add("description", f"{description}\n\n{url}")
    entry.add("url", url)
    if event.venue or event.online_url:
        entry.add("location", event.venue or event.online_url)
    entry.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    # Edits bump the sequence (seconds since creation) so subscribers pick up the change.
    entry.add("sequence", max(0, int((event.updated_at - event.created_at).total_seconds())))
    entry.add("class", "PRIVATE" if event.is_members_only else "PUBLIC")
    return entry


def calendar_bytes(events: Iterable[Event], *, name: str) -> bytes:
    """A VCALENDAR with one VEVENT per event and a VTIMEZONE for every zone they use."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_vevent(event))
    calendar.add_missing_timezones()
    return calendar.to_ical()
