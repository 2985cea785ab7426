"""Writes of the club: the membership state machine, contacts between members, events and their waiting lists,
announcements, and the periodic jobs (renewal reminders, lapsing, event reminders, the weekly digest).

Membership transitions: (none | declined | lapsed) -apply-> applied -approve-> active | -decline-> declined;
active -renew-> active; active -lapse-> lapsed -renew-> active (within the grace period).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from club import notifications, permissions
from club.choices import codes_to_csv
from club.models import (
    Announcement,
    ClubMembership,
    ContactMessage,
    DigestDelivery,
    Event,
    MemberNumberSequence,
    Registration,
    RenewalReminder,
)
from club.permissions import membership_can_renew, membership_renewal_opens
from portal.audit import audit_log
from portal.tasks import enqueue_on_commit

RENEWAL_REMINDER_DAYS = 30  # the reminder goes out this many days before
CONTACT_LIMIT = 5  # messages a sender may send ...
CONTACT_WINDOW = datetime.timedelta(hours=1)  # ... within this window
EVENT_REMINDER_AHEAD = datetime.timedelta(hours=24)
DIGEST_EVENTS_AHEAD = datetime.timedelta(days=45)

APPLICATION_FIELDS = ("organisation_name", "organisation", "role", "country", "languages", "expertise", "bio")
PROFILE_SETTINGS = (
    "show_organisation",
    "show_role",
    "show_country",
    "show_languages",
    "show_expertise",
    "show_bio",
    "listed_in_directory",
    "accepts_messages",
    "receives_digest",
)
EVENT_FIELDS = (
    "title",
    "description",
    "starts_at",
    "ends_at",
    "time_zone",
    "venue",
    "online_url",
    "capacity",
    "registration_deadline",
    "audience",
    "organiser",
)


class ClubError(Exception):
    """A club action that is not allowed in the current state; the message tells the user why."""


def _add_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _clean_application(data: dict) -> dict:
    values = {field: data[field] for field in APPLICATION_FIELDS if field in data}
    for field in ("languages", "expertise"):
        if field in values and not isinstance(values[field], str):
            values[field] = codes_to_csv(values[field])
    if not (values.get("organisation_name") or values.get("organisation")):
        raise ClubError(_("Name your organisation or pick it from the directory."))
    if not values.get("country"):
        raise ClubError(_("Choose the country you work in."))
    return values


# --- Membership --------------------------------------------------------------------------------------------------


def membership_apply(*, user, data: dict, motivation: str = "") -> ClubMembership:
    """Apply for membership (first time, after a decline, or after a lapse past the grace period)."""
    values = _clean_application(data)
    with transaction.atomic():
        membership = ClubMembership.objects.select_for_update().filter(user=user).first()
        if membership is None:
            membership = ClubMembership(user=user)
        elif membership.status == ClubMembership.Status.APPLIED:
            raise ClubError(_("Your application is already waiting for a coordinator."))
        elif membership.status == ClubMembership.Status.ACTIVE:
            raise ClubError(_("You are already a member of the club."))
        elif membership.status == ClubMembership.Status.LAPSED and membership_can_renew(membership):
            raise ClubError(_("Your membership lapsed recently: renew it instead of applying again."))
        previous = membership.status if membership.pk else None
        for field, value in values.items():
            setattr(membership, field, value)
        membership.motivation = motivation
        membership.status = ClubMembership.Status.APPLIED
        membership.applied_at = timezone.now()
        membership.decline_reason = ""
        membership.decided_at = None
        membership.decided_by = None
        membership.save()
        audit_log(
            actor=user,
            action="club.membership.applied",
            target=membership,
            data={"previous_status": previous, "country": membership.country},
        )
        enqueue_on_commit("club.tasks.club_notify_application", membership.pk)
    return membership


def membership_update_application(*, membership: ClubMembership, user, data: dict, motivation: str) -> ClubMembership:
    """Change an application that still waits for a decision."""
    values = _clean_application(data)
    with transaction.atomic():
        membership = ClubMembership.objects.select_for_update().get(pk=membership.pk)
        if membership.status != ClubMembership.Status.APPLIED:
            raise ClubError(_("Only an application that waits for a decision can be changed."))
        for field, value in values.items():
            setattr(membership, field, value)
        membership.motivation = motivation
        membership.save()
        audit_log(actor=user, action="club.membership.application_changed", target=membership)
    return membership


def _next_member_number(year: int) -> str:
    """The next number of the year; the sequence row stays locked until the surrounding transaction ends."""
    MemberNumberSequence.objects.bulk_create([MemberNumberSequence(year=year, last=0)], ignore_conflicts=True)
    sequence = MemberNumberSequence.objects.select_for_update().get(year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"ECCM-{year}-{sequence.last:04d}"


def membership_approve(*, membership: ClubMembership, user) -> ClubMembership:
    """Accept an application: the member gets the year's next member number and one year of membership."""
    today = timezone.localdate()
    with transaction.atomic():
        membership = ClubMembership.objects.select_for_update().get(pk=membership.pk)
        if membership.status != ClubMembership.Status.APPLIED:
            raise ClubError(
                _("Only a waiting application can be approved (this one is %(status)s).")
                % {"status": membership.get_status_display()}
            )
        if not membership.member_number:
            membership.member_number = _next_member_number(today.year)
        membership.status = ClubMembership.Status.ACTIVE
        membership.valid_until = _add_year(today)
        membership.member_since = membership.member_since or today
        membership.decided_at = timezone.now()
        membership.decided_by = user
        membership.lapsed_at = None
        membership.save()
        audit_log(
            actor=user,
            action="club.membership.approved",
            target=membership,
            data={"member_number": membership.member_number, "valid_until": membership.valid_until.isoformat()},
        )
        enqueue_on_commit("club.tasks.club_notify_decision", membership.pk)
    return membership


def membership_decline(*, membership: ClubMembership, user, reason: str) -> ClubMembership:
    """Decline an application with a reason the applicant reads."""
    reason = (reason or "").strip()
    if not reason:
        raise ClubError(_("Give the applicant a reason for declining."))
    with transaction.atomic():
        membership = ClubMembership.objects.select_for_update().get(pk=membership.pk)
        if membership.status != ClubMembership.Status.APPLIED:
            raise ClubError(
                _("Only a waiting application can be declined (this one is %(status)s).")
                % {"status": membership.get_status_display()}
            )
        membership.status = ClubMembership.Status.DECLINED
        membership.decline_reason = reason
        membership.decided_at = timezone.now()
        membership.decided_by = user
        membership.save()
        audit_log(actor=user, action="club.membership.declined", target=membership, data={"reason": reason})
        enqueue_on_commit("club.tasks.club_notify_decision", membership.pk)
    return membership


def membership_renew(*, membership: ClubMembership, user) -> ClubMembership:
    """Renew for another year (from the end of the current period, or from today after a lapse)."""
    today = timezone.localdate()
    with transaction.atomic():
        membership = ClubMembership.objects.select_for_update().get(pk=membership.pk)
        if membership.status not in (ClubMembership.Status.ACTIVE, ClubMembership.Status.LAPSED):
            raise ClubError(_("Only a membership that was approved can be renewed."))
        if not membership_can_renew(membership, today):
            if membership.status == ClubMembership.Status.ACTIVE:
                raise ClubError(
                    _("Renewal opens on %(date)s.") % {"date": membership_renewal_opens(membership).isoformat()}
                )
            raise ClubError(_("Your membership lapsed more than a year ago: please apply again."))
        previous_until = membership.valid_until
        base = membership.valid_until if membership.valid_until >= today else today
        membership.valid_until = _add_year(base)
        membership.status = ClubMembership.Status.ACTIVE
        membership.renewed_at = timezone.now()
        membership.lapsed_at = None
        membership.save()
        audit_log(
            actor=user,
            action="club.membership.renewed",
            target=membership,
            data={"from": previous_until.isoformat(), "until": membership.valid_until.isoformat()},
        )
    return membership


def membership_lapse(*, membership: ClubMembership) -> bool:
    """Mark a membership past its end date as lapsed (done by the daily job); False if there was nothing to do."""
    today = timezone.localdate()
    with transaction.atomic():
        changed = ClubMembership.objects.filter(
            pk=membership.pk, status=ClubMembership.Status.ACTIVE, valid_until__lt=today
        ).update(status=ClubMembership.Status.LAPSED, lapsed_at=timezone.now())
        if changed:
            audit_log(actor=None, action="club.membership.lapsed", target=membership)
            enqueue_on_commit("club.tasks.club_notify_lapsed", membership.pk)
    return bool(changed)


def membership_lapse_expired() -> int:
    """Lapse every active membership whose period has ended."""
    expired = ClubMembership.objects.filter(
        status=ClubMembership.Status.ACTIVE, valid_until__lt=timezone.localdate()
    ).only("pk")
    return sum(membership_lapse(membership=m) for m in expired)


def membership_update_profile(*, membership: ClubMembership, user, data: dict) -> ClubMembership:
    """Change what the profile says and who sees each field, and the member's contact and digest settings."""
    values = {field: data[field] for field in (*APPLICATION_FIELDS, *PROFILE_SETTINGS) if field in data}
    for field in ("languages", "expertise"):
        if field in values and not isinstance(values[field], str):
            values[field] = codes_to_csv(values[field])
    with transaction.atomic():
        membership = ClubMembership.objects.select_for_update().get(pk=membership.pk)
        changed = [field for field, value in values.items() if getattr(membership, field) != value]
        for field in changed:
            setattr(membership, field, values[field])
        if changed:
            membership.save(update_fields=changed)
            audit_log(actor=user, action="club.membership.profile_changed", target=membership, data={"fields": changed})
    return membership


def membership_set_digest(*, membership: ClubMembership, user, receives: bool) -> ClubMembership:
    """Turn the weekly digest on or off."""
    with transaction.atomic():
        updated = (
            ClubMembership.objects.filter(pk=membership.pk)
            .exclude(receives_digest=receives)
            .update(receives_digest=receives)
        )
        if updated:
            audit_log(
                actor=user,
                action="club.membership.digest_" + ("on" if receives else "off"),
                target=membership,
            )
    membership.receives_digest = receives
    return membership


def membership_send_renewal_reminders() -> int:
    """E-mail members whose period ends within the reminder window; once per member and period."""
    today = timezone.localdate()
    due = ClubMembership.objects.filter(
        status=ClubMembership.Status.ACTIVE,
        valid_until__gte=today,
        valid_until__lte=today + datetime.timedelta(days=RENEWAL_REMINDER_DAYS),
    ).select_related("user")
    due = due.exclude(
        Exists(RenewalReminder.objects.filter(membership=OuterRef("pk"), period_end=OuterRef("valid_until")))
    )
    sent = 0
    for batch in _batches(list(due)):
        claimed = []
        with transaction.atomic():
            for membership in batch:
                try:
                    with transaction.atomic():
                        RenewalReminder.objects.create(membership=membership, period_end=membership.valid_until)
                except IntegrityError:  # another run claimed it
                    continue
                claimed.append(membership)
            notifications.renewal_reminders(claimed)  # queued on commit: a rolled-back claim sends nothing
        sent += len(claimed)
    return sent


def _batches(items: list, size: int | None = None):
    size = size or settings.EMAIL_BATCH_SIZE
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- Contact between members -------------------------------------------------------------------------------------


class RateLimited(ClubError):
    """The sender has used up the messages of the current window."""

    def __init__(self, *, next_at: datetime.datetime):
        self.next_at = next_at
        super().__init__(str(self))

    def __str__(self) -> str:
        return _(
            "You can send %(limit)s messages an hour and have reached that limit. You can send the next one at "
            "%(time)s."
        ) % {"limit": CONTACT_LIMIT, "time": time_format(timezone.localtime(self.next_at), "H:i")}


def contact_member(*, sender, recipient: ClubMembership, subject: str, body: str, share_email: bool) -> ContactMessage:
    """Send a member a message by e-mail without showing their address; limited to CONTACT_LIMIT an hour."""
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject or not body:
        raise ClubError(_("Write a subject and a message."))
    if recipient.user_id == sender.pk:
        raise ClubError(_("You cannot send a message to yourself."))
    if not (recipient.is_current() and recipient.listed_in_directory and recipient.accepts_messages):
        raise ClubError(_("This member does not receive messages through the portal."))
    with transaction.atomic():
        # One sender's requests queue on their own user row, so parallel posts cannot pass the limit together.
        get_user_model().objects.select_for_update().filter(pk=sender.pk).first()
        since = timezone.now() - CONTACT_WINDOW
        recent = list(
            ContactMessage.objects.filter(sender=sender, created_at__gte=since)
            .order_by("created_at")
            .values_list("created_at", flat=True)
        )
        if len(recent) >= CONTACT_LIMIT:
            raise RateLimited(next_at=recent[len(recent) - CONTACT_LIMIT] + CONTACT_WINDOW)
        message = ContactMessage.objects.create(
            sender=sender, recipient=recipient.user, subject=subject, body=body, share_email=share_email
        )
        audit_log(
            actor=sender,
            action="club.contact.sent",
            target=recipient,
            data={"message": message.pk, "share_email": share_email},
        )
        enqueue_on_commit("club.tasks.club_deliver_contact_message", message.pk)
    return message


# --- Events ------------------------------------------------------------------------------------------------------


def _check_event_values(values: dict) -> None:
    if values["ends_at"] <= values["starts_at"]:
        raise ClubError(_("The event must end after it starts."))
    if values["registration_deadline"] > values["starts_at"]:
        raise ClubError(_("Registration must close before the event starts."))
    if not (values.get("venue") or values.get("online_url")):
        raise ClubError(_("Give a venue, an online link, or both."))
    if values["capacity"] < 1:
        raise ClubError(_("An event needs at least one place."))


def event_create(*, user, data: dict) -> Event:
    """Create an event (coordinators)."""
    values = {field: data[field] for field in EVENT_FIELDS if field in data}
    _check_event_values(values)
    with transaction.atomic():
        event = Event.objects.create(created_by=user, **values)
        audit_log(actor=user, action="club.event.created", target=event, data={"audience": event.audience})
    return event


def event_update(*, event: Event, user, data: dict) -> Event:
    """Change an event; more places move people up from the waiting list."""
    values = {field: data[field] for field in EVENT_FIELDS if field in data}
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.is_cancelled:
            raise ClubError(_("A cancelled event cannot be changed."))
        merged = {field: values.get(field, getattr(event, field)) for field in EVENT_FIELDS}
        _check_event_values(merged)
        registered = event.registrations.filter(status=Registration.Status.REGISTERED).count()
        if merged["capacity"] < registered:
            raise ClubError(
                _("%(count)s people are registered: the event cannot have fewer places.") % {"count": registered}
            )
        changed = [field for field in EVENT_FIELDS if getattr(event, field) != merged[field]]
        for field in changed:
            setattr(event, field, merged[field])
        event.save()
        if changed:
            audit_log(actor=user, action="club.event.changed", target=event, data={"fields": changed})
        _promote_waiting(event)
    return event


def event_cancel(*, event: Event, user) -> Event:
    """Call an event off; everyone registered or waiting is told."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.is_cancelled:
            raise ClubError(_("This event is already cancelled."))
        if event.is_past:
            raise ClubError(_("A past event cannot be cancelled."))
        event.is_cancelled = True
        event.save(update_fields=["is_cancelled", "updated_at"])
        audit_log(actor=user, action="club.event.cancelled", target=event)
        enqueue_on_commit("club.tasks.club_notify_event_cancelled", event.pk)
    return event


def _closed_reason(event: Event, now: datetime.datetime) -> str | None:
    if event.is_cancelled:
        return _("This event has been cancelled.")
    if now >= event.starts_at:
        return _("This event has already started or is over.")
    if now >= event.registration_deadline:
        return _("Registration for this event has closed.")
    return None


def registration_register(*, event: Event, user) -> Registration:
    """Take a place, or a place on the waiting list when the event is full; one live registration per person.

    The event row is locked, so two people taking the last place at once end up one registered, one waiting.
    """
    now = timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        reason = _closed_reason(event, now)
        if reason:
            raise ClubError(reason)
        if not permissions.can_register_for_event(user, event):
            raise ClubError(_("This event is for club members only."))
        existing = (
            Registration.objects.filter(
                event=event, user=user, status__in=[Registration.Status.REGISTERED, Registration.Status.WAITING]
            )
            .only("status")
            .first()
        )
        if existing is not None:
            if existing.status == Registration.Status.WAITING:
                raise ClubError(_("You are already on the waiting list for this event."))
            raise ClubError(_("You are already registered for this event."))
        taken = Registration.objects.filter(event=event, status=Registration.Status.REGISTERED).count()
        status = Registration.Status.REGISTERED if taken < event.capacity else Registration.Status.WAITING
        try:
            with transaction.atomic():
                registration = Registration.objects.create(event=event, user=user, status=status, created_at=now)
        except IntegrityError as exc:  # the partial unique index: a double click that got past the check
            raise ClubError(_("You are already registered for this event.")) from exc
        audit_log(
            actor=user, action=f"club.registration.{status}", target=event, data={"registration": registration.pk}
        )
        enqueue_on_commit("club.tasks.club_notify_registration", registration.pk)
    return registration


def registration_cancel(*, registration: Registration, user) -> Registration:
    """Give up a place (or leave the waiting list); the first person waiting moves up."""
    now = timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            raise ClubError(_("This registration is already cancelled."))
        if now >= event.starts_at:
            raise ClubError(_("The event has started: the registration can no longer be cancelled."))
        was = registration.status
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        audit_log(
            actor=user,
            action="club.registration.cancelled",
            target=event,
            data={"registration": registration.pk, "was": was, "by_owner": user.pk == registration.user_id},
        )
        if was == Registration.Status.REGISTERED:
            _promote_waiting(event)
    return registration


def _promote_waiting(event: Event) -> list[Registration]:
    """Fill free places from the waiting list, first come first served (the caller holds the event lock)."""
    if event.is_cancelled or timezone.now() >= event.starts_at:
        return []
    taken = Registration.objects.filter(event=event, status=Registration.Status.REGISTERED).count()
    free = event.capacity - taken
    if free <= 0:
        return []
    promoted = list(
        Registration.objects.select_for_update()
        .filter(event=event, status=Registration.Status.WAITING)
        .order_by("created_at", "pk")[:free]
    )
    now = timezone.now()
    for registration in promoted:
        registration.status = Registration.Status.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        audit_log(actor=None, action="club.registration.promoted", target=event, data={"registration": registration.pk})
        enqueue_on_commit("club.tasks.club_notify_promotion", registration.pk)
    return promoted


def event_send_reminders() -> int:
    """E-mail everyone registered for an event that starts within the next 24 hours; once per registration."""
    now = timezone.now()
    due = (
        Registration.objects.filter(
            status=Registration.Status.REGISTERED,
            reminder_sent_at__isnull=True,
            event__is_cancelled=False,
            event__starts_at__gt=now,
            event__starts_at__lte=now + EVENT_REMINDER_AHEAD,
        )
        .select_related("event", "user")
        .order_by("pk")
    )
    sent = 0
    for batch in _batches(list(due)):
        with transaction.atomic():
            claimed = [
                r
                for r in batch
                if Registration.objects.filter(pk=r.pk, reminder_sent_at__isnull=True).update(reminder_sent_at=now)
            ]
            notifications.event_reminders(claimed)
        sent += len(claimed)
    return sent


# --- Announcements and the digest --------------------------------------------------------------------------------


def announcement_create(*, user, title: str, body: str, audience: str, published_at=None) -> Announcement:
    """Publish news on the club page (and in the next digest)."""
    if not title.strip() or not body.strip():
        raise ClubError(_("An announcement needs a title and a text."))
    with transaction.atomic():
        announcement = Announcement.objects.create(
            title=title.strip(),
            body=body.strip(),
            audience=audience,
            published_at=published_at or timezone.now(),
            author=user,
        )
        audit_log(actor=user, action="club.announcement.published", target=announcement)
    return announcement


def announcement_update(*, announcement: Announcement, user, title: str, body: str, audience: str) -> Announcement:
    """Correct an announcement."""
    if not title.strip() or not body.strip():
        raise ClubError(_("An announcement needs a title and a text."))
    with transaction.atomic():
        announcement.title, announcement.body, announcement.audience = title.strip(), body.strip(), audience
        announcement.save(update_fields=["title", "body", "audience"])
        audit_log(actor=user, action="club.announcement.changed", target=announcement)
    return announcement


def announcement_delete(*, announcement: Announcement, user) -> None:
    """Withdraw an announcement."""
    with transaction.atomic():
        audit_log(
            actor=user, action="club.announcement.deleted", target=announcement, data={"title": announcement.title}
        )
        announcement.delete()


def digest_week(day: datetime.date | None = None) -> datetime.date:
    day = day or timezone.localdate()
    return day - datetime.timedelta(days=day.weekday())


def digest_send_weekly(*, day: datetime.date | None = None) -> int:
    """Send this week's digest (announcements of the last 7 days, coming events) to members who want it.

    Once per member and week; nothing is sent in a week with no news and no coming event.
    """
    week = digest_week(day)
    now = timezone.now()
    announcements = list(
        Announcement.objects.filter(published_at__gt=now - datetime.timedelta(days=7), published_at__lte=now)
    )
    events = list(
        Event.objects.filter(is_cancelled=False, starts_at__gt=now, starts_at__lte=now + DIGEST_EVENTS_AHEAD).order_by(
            "starts_at"
        )
    )
    if not announcements and not events:
        return 0
    recipients = list(
        ClubMembership.objects.filter(
            status=ClubMembership.Status.ACTIVE, valid_until__gte=timezone.localdate(), receives_digest=True
        )
        .exclude(digest_deliveries__week=week)
        .select_related("user")
        .order_by("pk")
    )
    sent = 0
    for batch in _batches(recipients):
        with transaction.atomic():
            DigestDelivery.objects.bulk_create([DigestDelivery(membership=m, week=week) for m in batch])
            notifications.weekly_digests(batch, announcements, events, week)
        sent += len(batch)
    return sent
