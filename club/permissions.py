"""Who may do what in the club. Views and templates ask here, never decide themselves."""

from __future__ import annotations

from portal import roles


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


def can_see_attendees(user, event) -> bool:
    """The attendee list and its CSV export: coordinators and the event's organiser."""
    return roles.is_coordinator(user) or (user.is_authenticated and event.organiser_id == user.pk)


def can_contact_members(user) -> bool:
    return can_use_member_area(user)


def can_apply(user, membership) -> bool:
    """Registered people without a membership, whose application was declined, or whose membership lapsed too
    long ago to be renewed (within the grace period a lapsed member renews instead)."""
    from club.services import membership_can_renew

    if not user.is_authenticated:
        return False
    if membership is None or membership.status == membership.Status.DECLINED:
        return True
    return membership.status == membership.Status.LAPSED and not membership_can_renew(membership)
