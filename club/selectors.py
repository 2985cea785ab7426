"""Reads of the club app."""

from __future__ import annotations

import datetime

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from club import permissions
from club.choices import Visibility, code_regex
from club.models import Announcement, ClubMembership, Event, Registration
from portal.countries import country_name

LIVE = [Registration.Status.REGISTERED, Registration.Status.WAITING]


def email_visible_registrant_ids(viewer) -> set[int]:
    """Whose address `viewer` sees through the club (portal/privacy.py): the people registered or waiting for an
    event they organise (the registration box says so)."""
    return set(Registration.objects.filter(event__organiser=viewer, status__in=LIVE).values_list("user_id", flat=True))


def club_membership_is_active(*, user) -> bool:
    """True while the user's membership is approved and not past its renewal date."""
    return ClubMembership.objects.filter(
        user=user, status=ClubMembership.Status.ACTIVE, valid_until__gte=timezone.localdate()
    ).exists()


def membership_for(*, user) -> ClubMembership | None:
    if not user.is_authenticated:
        return None
    return ClubMembership.objects.filter(user=user).select_related("organisation").first()


def current_members() -> QuerySet[ClubMembership]:
    return ClubMembership.objects.filter(status=ClubMembership.Status.ACTIVE, valid_until__gte=timezone.localdate())


def member_directory(
    *,
    viewer,
    q: str = "",
    country: str = "",
    expertise: str = "",
    language: str = "",
    organisation: str = "",
) -> QuerySet[ClubMembership]:
    """Current members listed in the directory; a filter only matches a field its owner shows to members
    (coordinators see and search everything). Filter values must already be validated against the fixed lists."""
    full = permissions.can_manage_club(viewer)
    members = current_members().filter(listed_in_directory=True).select_related("user", "organisation")

    def shown(field: str) -> Q:
        return Q() if full else Q(**{f"show_{field}": Visibility.MEMBERS})

    if q:
        members = members.filter(Q(user__display_name__icontains=q) | Q(member_number__iexact=q))
    if country:
        members = members.filter(Q(country=country) & shown("country"))
    if expertise:
        members = members.filter(Q(expertise__regex=code_regex(expertise)) & shown("expertise"))
    if language:
        members = members.filter(Q(languages__regex=code_regex(language)) & shown("languages"))
    if organisation:
        members = members.filter(
            (Q(organisation_name__icontains=organisation) | Q(organisation__name__icontains=organisation))
            & shown("organisation")
        )
    return members.order_by("user__display_name", "user__email", "pk")


def member_visible_to(*, viewer, pk: int) -> ClubMembership:
    """A member's profile page: current and listed members (any member for coordinators); 404 otherwise."""
    members = ClubMembership.objects.select_related("user", "organisation")
    if not permissions.can_manage_club(viewer):
        members = (
            current_members()
            .filter(Q(listed_in_directory=True) | Q(user=viewer))
            .select_related("user", "organisation")
        )
    return get_object_or_404(members, pk=pk)


def members_by_country() -> list[tuple[str, str, int]]:
    """(code, name, count) of current members per country, largest first."""
    rows = current_members().exclude(country="").values("country").annotate(n=Count("pk")).order_by("-n", "country")
    return [(row["country"], country_name(row["country"]), row["n"]) for row in rows]


def applications_waiting() -> QuerySet[ClubMembership]:
    return (
        ClubMembership.objects.filter(status=ClubMembership.Status.APPLIED)
        .select_related("user", "organisation")
        .order_by("applied_at", "pk")
    )


def _with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.annotate(
        registered_count=Count("registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)),
        waiting_count=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING)),
    )


def events_visible_to(*, user) -> QuerySet[Event]:
    events = Event.objects.all()
    if not permissions.can_use_member_area(user):
        events = events.filter(audience=Event.Audience.PUBLIC)
    return events


def events_upcoming(*, user, public_only: bool = False) -> QuerySet[Event]:
    events = Event.objects.filter(audience=Event.Audience.PUBLIC) if public_only else events_visible_to(user=user)
    return _with_counts(events.filter(ends_at__gt=timezone.now()).select_related("organiser")).order_by("starts_at")


def events_past(*, user) -> QuerySet[Event]:
    return _with_counts(events_visible_to(user=user).filter(ends_at__lte=timezone.now())).order_by("-starts_at")


def event_visible_to(*, user, pk: int) -> Event:
    """One event with its counts; 404 when the user may not see it (members-only events for non-members)."""
    return get_object_or_404(_with_counts(events_visible_to(user=user)).select_related("organiser"), pk=pk)


def registration_of(*, user, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(user=user, event=event, status__in=LIVE).first()


def waiting_position(registration: Registration) -> int:
    """1 for the first person on the waiting list."""
    return (
        Registration.objects.filter(event_id=registration.event_id, status=Registration.Status.WAITING)
        .filter(
            Q(created_at__lt=registration.created_at) | Q(created_at=registration.created_at, pk__lt=registration.pk)
        )
        .count()
        + 1
    )


def registrations_of(*, user, upcoming: bool = True) -> QuerySet[Registration]:
    regs = Registration.objects.filter(user=user, status__in=LIVE).select_related("event")
    if upcoming:
        regs = regs.filter(event__ends_at__gt=timezone.now())
    return regs.order_by("event__starts_at")


def attendees(*, event: Event) -> QuerySet[Registration]:
    """Registered first, then the waiting list in order; with what the CSV needs in one query."""
    return (
        event.registrations.filter(status__in=LIVE)
        .select_related("user", "user__club_membership")
        .annotate(
            rank=Case(
                When(status=Registration.Status.REGISTERED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "created_at", "pk")
    )


def announcements_visible_to(*, user) -> QuerySet[Announcement]:
    announcements = Announcement.objects.filter(published_at__lte=timezone.now()).select_related("author")
    if not permissions.can_use_member_area(user):
        announcements = announcements.filter(audience=Announcement.Audience.PUBLIC)
    return announcements.order_by("-published_at", "-pk")


def calendar_feed_events(*, membership: ClubMembership | None) -> QuerySet[Event]:
    """The public feed (no membership) or a member's personal feed (members-only events too) from 90 days ago on."""
    since = timezone.now() - datetime.timedelta(days=90)
    events = Event.objects.filter(ends_at__gte=since)
    if membership is None or not membership.is_current():
        events = events.filter(audience=Event.Audience.PUBLIC)
    return events.order_by("starts_at")


def club_figures() -> dict:
    members = current_members()
    return {
        "members": members.count(),
        "countries": members.exclude(country="").values("country").distinct().count(),
        "upcoming_events": Event.objects.filter(is_cancelled=False, ends_at__gt=timezone.now()).count(),
    }
