"""The club's e-mails, each sent through portal.mail.mail() from a plain-text template whose first line is the
subject. Each function queues its message(s) for after the commit and returns them as queued; those that go to many
people at once take the whole list, so mail() sends them in batches of settings.EMAIL_BATCH_SIZE.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core import signing
from django.urls import reverse

from club import permissions
from club.ics import calendar_bytes
from club.models import ClubMembership, ContactMessage, Event, Registration
from portal.mail import Attachment, EmailMessage, mail
from portal.models import User

UNSUBSCRIBE_SALT = "club.digest.unsubscribe"


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def _mail(template: str, to: Sequence, context, **kwargs) -> list[EmailMessage]:
    if callable(context):
        values = lambda recipient: {"site_url": settings.SITE_URL, **context(recipient)}  # noqa: E731
    else:
        values = {"site_url": settings.SITE_URL, **context}
    return mail(
        to=to,
        template=f"club/email/{template}.txt",
        context=values,
        subject_prefix=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX,
        **kwargs,
    )


def _one(template: str, to, context: dict, **kwargs) -> EmailMessage:
    (message,) = _mail(template, [to], context, **kwargs)
    return message


def coordinator_emails() -> list[str]:
    return list(User.objects.filter(is_staff=True, is_active=True).order_by("pk").values_list("email", flat=True))


def application_received(membership: ClubMembership) -> EmailMessage | None:
    """One message to the coordinators, who see each other only as Bcc."""
    recipients = coordinator_emails()
    if not recipients:
        return None
    return _one(
        "application_received",
        settings.DEFAULT_FROM_EMAIL,
        {"membership": membership, "url": absolute(reverse("club:application_detail", args=[membership.pk]))},
        bcc=recipients,
    )


def decision(membership: ClubMembership) -> EmailMessage:
    return _one(
        "approved" if membership.status == ClubMembership.Status.ACTIVE else "declined",
        membership.user,
        {"membership": membership, "url": absolute(reverse("club:my_membership"))},
    )


def lapsed(membership: ClubMembership) -> EmailMessage:
    return _one("lapsed", membership.user, {"membership": membership, "url": absolute(reverse("club:my_membership"))})


def renewal_reminders(memberships: Sequence[ClubMembership]) -> list[EmailMessage]:
    by_user = {m.user_id: m for m in memberships}
    return _mail(
        "renewal_reminder",
        [m.user for m in memberships],
        lambda user: {"membership": by_user[user.pk], "url": absolute(reverse("club:my_membership"))},
    )


def contact_message(message: ContactMessage, sender_membership: ClubMembership | None) -> EmailMessage:
    """The recipient's address is the only one shown; the sender's only as reply-to, and only if they agreed."""
    return _one(
        "contact",
        message.recipient,
        {
            "message": message,
            "sender_membership": sender_membership,
            "profile_url": absolute(reverse("club:member_detail", args=[sender_membership.pk]))
            if sender_membership
            else "",
        },
        reply_to=[message.sender.email] if message.share_email else None,
    )


def _ics_attachment(event: Event, viewer) -> Attachment:
    return Attachment("event.ics", calendar_bytes([event], name=event.title, viewer=viewer), "text/calendar")


def _event_context(registration: Registration, **extra) -> dict:
    """What every e-mail about an event says: the event, its page, and its online link if the recipient may see it."""
    event = registration.event
    show_link = permissions.can_see_online_link(registration.user, event)
    return {
        "registration": registration,
        "event": event,
        "online_url": event.online_url if show_link else "",
        "url": absolute(event.get_absolute_url()),
        **extra,
    }


def registration(registration: Registration) -> EmailMessage:
    registered = registration.status == Registration.Status.REGISTERED
    return _one(
        "registered" if registered else "waiting",
        registration.user,
        _event_context(registration),
        attachments=[_ics_attachment(registration.event, registration.user)] if registered else None,
    )


def promotion(registration: Registration) -> EmailMessage:
    return _one(
        "promoted",
        registration.user,
        _event_context(registration),
        attachments=[_ics_attachment(registration.event, registration.user)],
    )


def event_reminders(registrations: Sequence[Registration]) -> list[EmailMessage]:
    by_user = {r.user_id: r for r in registrations}

    def context(user) -> dict:
        registration = by_user[user.pk]
        return _event_context(registration, ics_url=absolute(reverse("club:event_ics", args=[registration.event_id])))

    return _mail("event_reminder", [r.user for r in registrations], context)


def event_cancelled(event: Event, registrations: Sequence[Registration]) -> list[EmailMessage]:
    by_user = {r.user_id: r for r in registrations}
    return _mail(
        "event_cancelled",
        [r.user for r in registrations],
        lambda user: {"event": event, "registration": by_user[user.pk], "url": absolute(reverse("club:event_list"))},
    )


def unsubscribe_token(membership: ClubMembership) -> str:
    return signing.dumps({"m": membership.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def membership_from_unsubscribe_token(token: str) -> ClubMembership | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=60 * 60 * 24 * 120)
    except signing.BadSignature:
        return None
    return ClubMembership.objects.filter(pk=data.get("m")).select_related("user").first()


def weekly_digests(memberships: Sequence[ClubMembership], announcements, events, week) -> list[EmailMessage]:
    by_user = {m.user_id: m for m in memberships}

    def unsubscribe(user) -> str:
        return absolute(reverse("club:digest_unsubscribe", args=[unsubscribe_token(by_user[user.pk])]))

    return _mail(
        "digest",
        [m.user for m in memberships],
        lambda user: {
            "membership": by_user[user.pk],
            "announcements": announcements,
            "events": events,
            "week": week,
            "club_url": absolute(reverse("club:home")),
            "settings_url": absolute(reverse("club:my_membership")),
            "unsubscribe_url": unsubscribe(user),
        },
        headers=lambda user: {"List-Unsubscribe": f"<{unsubscribe(user)}>"},
    )
