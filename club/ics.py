"""iCalendar (RFC 5545) files of club events: times in the event's own zone, with the zone's definition included.

A file is made for one viewer: the online link is in it only if club.permissions.can_see_online_link says so.
Text from users (titles, venues, descriptions) is cleaned of control characters, and one-line properties are made
one line, before icalendar escapes it: RFC 5545 allows no control character but tab in a text value.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlparse

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from club import permissions
from club.models import Event
from portal.text import collapsed, multi_line

PRODID = "-//Cluster Excellence Portal//European Club of Cluster Managers//EN"


def _host() -> str:
    return urlparse(settings.SITE_URL).hostname or "cluster-excellence.eu"


def event_uid(event: Event) -> str:
    """Stable across edits, so calendar apps update the entry instead of adding a second one."""
    return f"club-event-{event.pk}@{_host()}"


def _vevent(event: Event, *, show_link: bool) -> icalendar.Event:
    url = settings.SITE_URL + event.get_absolute_url()
    entry = icalendar.Event()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", timezone.now())
    entry.add("last-modified", event.updated_at)
    entry.add("created", event.created_at)
    entry.add("summary", collapsed(event.title))
    entry.add("dtstart", event.local_start)
    entry.add("dtend", event.local_end)
    description = multi_line(event.description)
    if event.online_url:
        online = event.online_url if show_link else _("the link is shown to registered participants on the event page")
        description = f"{description}\n\n{_('Online:')} {online}"
    entry.add("description", f"{description}\n\n{url}")
    entry.add("url", url)
    location = collapsed(event.venue) or (event.online_url if show_link and event.online_url else "")
    if location:
        entry.add("location", location)
    entry.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    # Edits bump the sequence (seconds since creation) so subscribers pick up the change.
    entry.add("sequence", max(0, int((event.updated_at - event.created_at).total_seconds())))
    entry.add("class", "PRIVATE" if event.is_members_only else "PUBLIC")
    return entry


def calendar_bytes(events: Iterable[Event], *, name: str, viewer) -> bytes:
    """A VCALENDAR with one VEVENT per event and a VTIMEZONE for every zone they use, as `viewer` may see them."""
    events = list(events)
    registered = permissions.registered_event_ids_of(viewer, events=events)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", collapsed(name))
    for event in events:
        show_link = permissions.can_see_online_link(viewer, event, registered_event_ids=registered)
        calendar.add_component(_vevent(event, show_link=show_link))
    calendar.add_missing_timezones()
    return calendar.to_ical()
