"""Who may do what in the club. Views and templates ask here, never decide themselves."""

from __future__ import annotations

import datetime
from collections.abc import Container

from django.utils import timezone

from club.models import ClubMembership, Registration
from portal import roles

RENEWAL_OPENS_DAYS = 60  # a member may renew from this many days before the membership ends
RENEWAL_GRACE_DAYS = 365  # a lapsed member may still renew (keeping the number) within this time


def membership_renewal_opens(membership: ClubMembership) -> datetime.date | None:
    """The first day `membership` may be renewed (RENEWAL_OPENS_DAYS before it ends)."""
    if not membership.valid_until:
        return None
    return membership.valid_until - datetime.timedelta(days=RENEWAL_OPENS_DAYS)


def membership_can_renew(membership: ClubMembership, today: datetime.date | None = None) -> bool:
    """Whether `membership` may be renewed on `today`: from RENEWAL_OPENS_DAYS before it ends, or within
    RENEWAL_GRACE_DAYS after it lapsed."""
    today = today or timezone.localdate()
    if membership.valid_until is None:
        return False
    if membership.status == ClubMembership.Status.ACTIVE:
        return today >= membership.valid_until - datetime.timedelta(days=RENEWAL_OPENS_DAYS)
    if membership.status == ClubMembership.Status.LAPSED:
        return today <= membership.valid_until + datetime.timedelta(days=RENEWAL_GRACE_DAYS)
    return False


def can_use_member_area(user) -> bool:
    """The member directory, members-only events and announcements: current members and coordinators."""
    return roles.is_club_member(user) or roles.is_coordinator(user)


def can_manage_club(user) -> bool:
    """Decide applications, create events and announcements: coordinators."""
    return roles.is_coordinator(user)


def can_see_event(user, event) -> bool:
    return not event.is_members_only or can_use_member_area(user)


def can_register_for_event(user, event) -> bool:
    """Any logged-in person for a public event; current members (and coordinators) for a members-only one."""
    if not user.is_authenticated:
        return False
    return can_see_event(user, event)


def can_see_online_link(user, event, *, registered_event_ids: Container[int] | None = None) -> bool:
    """An event's online link (what lets someone join the meeting): the people registered for it (not those on the
    waiting list), its organiser and the coordinators. The event page, its .ics file, the calendar feeds, the e-mails
    and the API all ask here; everything else about an event goes to whoever may see the event.

    `registered_event_ids`: the ids of the events `user` is registered for, when the caller already has them (a
    feed of many events asks once instead of once per event)."""
    if not user.is_authenticated:
        return False
    if roles.is_coordinator(user) or (event.organiser_id is not None and event.organiser_id == user.pk):
        return True
    if registered_event_ids is None:
        registered_event_ids = registered_event_ids_of(user, events=[event])
    return event.pk in registered_event_ids


def registered_event_ids_of(user, *, events=None) -> set[int]:
    """The ids of the events `user` holds a place at (registered, not waiting), among `events` if given."""
    if not user.is_authenticated:
        return set()
    registrations = Registration.objects.filter(user=user, status=Registration.Status.REGISTERED)
    if events is not None:
        registrations = registrations.filter(event__in=[event.pk for event in events])
    return set(registrations.values_list("event_id", flat=True))


def can_see_attendees(user, event) -> bool:
    """The attendee list and its CSV export: coordinators and the event's organiser."""
    return roles.is_coordinator(user) or (user.is_authenticated and event.organiser_id == user.pk)


def can_contact_members(user) -> bool:
    return can_use_member_area(user)


def can_apply(user, membership) -> bool:
    """Registered people without a membership, whose application was declined, or whose membership lapsed too
    long ago to be renewed (within the grace period a lapsed member renews instead)."""
    if not user.is_authenticated:
        return False
    if membership is None or membership.status == membership.Status.DECLINED:
        return True
    return membership.status == membership.Status.LAPSED and not membership_can_renew(membership)
