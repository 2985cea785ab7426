"""The club's e-mails. Each builder returns an EmailMessage from a plain-text template whose first line is the
subject; `send` delivers a list of them over one connection (callers batch by settings.EMAIL_BATCH_SIZE).
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from club import permissions
from club.ics import calendar_bytes
from club.models import ClubMembership, ContactMessage, Event, Registration
from portal.mail import EmailMessage, get_connection
from portal.models import User

UNSUBSCRIBE_SALT = "club.digest.unsubscribe"


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def _message(template: str, context: dict, to: list[str], **kwargs) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(f"club/email/{template}.txt", {"site_url": settings.SITE_URL, **context})
    subject, _, body = text.strip().partition("\n")
    return EmailMessage(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject.strip(),
        body=body.strip() + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        **kwargs,
    )


def send(messages: list[EmailMessage]) -> int:
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages) or 0


def coordinator_emails() -> list[str]:
    return list(User.objects.filter(is_staff=True, is_active=True).order_by("pk").values_list("email", flat=True))


def application_received(membership: ClubMembership) -> EmailMessage | None:
    recipients = coordinator_emails()
    if not recipients:
        return None
    return _message(
        "application_received",
        {"membership": membership, "url": absolute(reverse("club:application_detail", args=[membership.pk]))},
        to=[settings.DEFAULT_FROM_EMAIL],
        bcc=recipients,
    )


def decision(membership: ClubMembership) -> EmailMessage:
    return _message(
        "approved" if membership.status == ClubMembership.Status.ACTIVE else "declined",
        {"membership": membership, "url": absolute(reverse("club:my_membership"))},
        to=[membership.user.email],
    )


def lapsed(membership: ClubMembership) -> EmailMessage:
    return _message(
        "lapsed", {"membership": membership, "url": absolute(reverse("club:my_membership"))}, to=[membership.user.email]
    )


def renewal_reminder(membership: ClubMembership) -> EmailMessage:
    return _message(
        "renewal_reminder",
        {"membership": membership, "url": absolute(reverse("club:my_membership"))},
        to=[membership.user.email],
    )


def contact_message(message: ContactMessage, sender_membership: ClubMembership | None) -> EmailMessage:
    """The recipient's address is the only one shown; the sender's only as reply-to, and only if they agreed."""
    return _message(
        "contact",
        {
            "message": message,
            "sender_membership": sender_membership,
            "profile_url": absolute(reverse("club:member_detail", args=[sender_membership.pk]))
            if sender_membership
            else "",
        },
        to=[message.recipient.email],
        reply_to=[message.sender.email] if message.share_email else None,
    )


def _ics_attachment(event: Event, viewer) -> tuple[str, bytes, str]:
    return ("event.ics", calendar_bytes([event], name=event.title, viewer=viewer), "text/calendar")


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
    event = registration.event
    message = _message(
        "registered" if registration.status == Registration.Status.REGISTERED else "waiting",
        _event_context(registration),
        to=[registration.user.email],
    )
    if registration.status == Registration.Status.REGISTERED:
        message.attach(*_ics_attachment(event, registration.user))
    return message


def promotion(registration: Registration) -> EmailMessage:
    event = registration.event
    message = _message(
        "promoted",
        _event_context(registration),
        to=[registration.user.email],
    )
    message.attach(*_ics_attachment(event, registration.user))
    return message


def event_reminder(registration: Registration) -> EmailMessage:
    event = registration.event
    return _message(
        "event_reminder",
        _event_context(registration, ics_url=absolute(reverse("club:event_ics", args=[event.pk]))),
        to=[registration.user.email],
    )


def event_cancelled(event: Event, registration: Registration) -> EmailMessage:
    return _message(
        "event_cancelled",
        {"event": event, "registration": registration, "url": absolute(reverse("club:event_list"))},
        to=[registration.user.email],
    )


def unsubscribe_token(membership: ClubMembership) -> str:
    return signing.dumps({"m": membership.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def membership_from_unsubscribe_token(token: str) -> ClubMembership | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=60 * 60 * 24 * 120)
    except signing.BadSignature:
        return None
    return ClubMembership.objects.filter(pk=data.get("m")).select_related("user").first()


def weekly_digest(membership: ClubMembership, announcements, events, week) -> EmailMessage:
    unsubscribe = absolute(reverse("club:digest_unsubscribe", args=[unsubscribe_token(membership)]))
    return _message(
        "digest",
        {
            "membership": membership,
            "announcements": announcements,
            "events": events,
            "week": week,
            "club_url": absolute(reverse("club:home")),
            "settings_url": absolute(reverse("club:my_membership")),
            "unsubscribe_url": unsubscribe,
        },
        to=[membership.user.email],
        headers={"List-Unsubscribe": f"<{unsubscribe}>"},
    )
