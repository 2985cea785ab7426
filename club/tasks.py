"""Background jobs of the club: thin wrappers taking primary keys (notifications) and the periodic jobs."""

from __future__ import annotations

from django.utils import timezone

from club import notifications
from club.models import ClubMembership, ContactMessage, Event, Registration
from club.services import (
    digest_send_weekly,
    digest_week,
    event_send_reminders,
    membership_lapse_expired,
    membership_send_renewal_reminders,
)
from portal.services import task_run_claim
from portal.tasks import portal_task, task_run_recorded


@portal_task()
def club_notify_application(membership_id: int) -> None:
    """Tell the coordinators that an application waits."""
    membership = ClubMembership.objects.select_related("user").filter(pk=membership_id).first()
    if membership and membership.status == ClubMembership.Status.APPLIED:
        notifications.application_received(membership)


@portal_task()
def club_notify_decision(membership_id: int) -> None:
    """Tell the applicant the coordinators' decision."""
    membership = ClubMembership.objects.select_related("user").filter(pk=membership_id).first()
    if membership and membership.status in (ClubMembership.Status.ACTIVE, ClubMembership.Status.DECLINED):
        notifications.decision(membership)


@portal_task()
def club_notify_lapsed(membership_id: int) -> None:
    membership = ClubMembership.objects.select_related("user").filter(pk=membership_id).first()
    if membership and membership.status == ClubMembership.Status.LAPSED:
        notifications.lapsed(membership)


@portal_task()
def club_deliver_contact_message(message_id: int) -> None:
    """Deliver a member-to-member message once (the conditional update claims it)."""
    if not ContactMessage.objects.filter(pk=message_id, delivered_at__isnull=True).update(delivered_at=timezone.now()):
        return
    message = ContactMessage.objects.select_related("sender", "recipient").get(pk=message_id)
    sender_membership = ClubMembership.objects.filter(user=message.sender).first()
    try:
        notifications.contact_message(message, sender_membership)
    except Exception:
        ContactMessage.objects.filter(pk=message_id).update(delivered_at=None)
        raise


@portal_task()
def club_notify_registration(registration_id: int) -> None:
    """Confirm a registration (with the .ics) or a place on the waiting list."""
    registration = Registration.objects.select_related("event", "user").filter(pk=registration_id).first()
    if registration and registration.status != Registration.Status.CANCELLED:
        notifications.registration(registration)


@portal_task()
def club_notify_promotion(registration_id: int) -> None:
    """Tell someone who waited that they now have a place."""
    registration = Registration.objects.select_related("event", "user").filter(pk=registration_id).first()
    if registration and registration.status == Registration.Status.REGISTERED:
        notifications.promotion(registration)


@portal_task()
def club_notify_event_cancelled(event_id: int) -> None:
    """Tell everyone registered or waiting that the event is off."""
    event = Event.objects.filter(pk=event_id, is_cancelled=True).first()
    if event is None:
        return
    registrations = list(
        event.registrations.filter(status__in=[Registration.Status.REGISTERED, Registration.Status.WAITING])
        .select_related("user")
        .order_by("pk")
    )
    notifications.event_cancelled(event, registrations)


@portal_task()
def club_send_renewal_reminders() -> int:
    """Daily: remind members whose membership ends within 30 days (once per period)."""
    return membership_send_renewal_reminders()


@portal_task()
def club_lapse_expired_memberships() -> int:
    """Daily: memberships past their end date become lapsed."""
    return membership_lapse_expired()


@portal_task()
def club_send_event_reminders() -> int:
    """Hourly: remind people registered for an event starting within 24 hours (once per registration)."""
    return event_send_reminders()


@portal_task()
def club_send_weekly_digest() -> int:
    """Weekly: the digest of announcements and coming events, for members who did not turn it off."""
    run, started = task_run_claim(name=f"club.digest.{digest_week().isoformat()}")
    if not started:
        return 0
    with task_run_recorded(run.pk) as record:
        sent = digest_send_weekly()
        record.result = f"{sent} digests sent"
    return sent
