"""The e-mails of the review process: to the organisation's managers and to the coordinators."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string

from labelling.models import Answer, Assessment
from platform_directory.models import OrganisationMembership
from portal.mail import EmailMessage, get_connection

Status = Assessment.Status
ReviewState = Answer.ReviewState


def manager_emails(organisation_id) -> list[str]:
    return list(
        OrganisationMembership.objects.filter(
            organisation_id=organisation_id, role=OrganisationMembership.Role.MANAGER, user__is_active=True
        ).values_list("user__email", flat=True)
    )


def coordinator_emails() -> list[str]:
    return list(get_user_model().objects.filter(is_staff=True, is_active=True).values_list("email", flat=True))


def notify(*, recipients: Sequence[str], subject: str, template: str, context: dict) -> None:
    """Send one plain-text e-mail per recipient after the transaction commits (nothing goes out on a rollback)."""
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return
    body = render_to_string(template, {**context, "site_url": getattr(settings, "SITE_URL", "").rstrip("/")})
    subject = " ".join(str(subject).split())[:200]

    def send():
        batch = getattr(settings, "EMAIL_BATCH_SIZE", 100)
        with get_connection() as connection:
            for start in range(0, len(recipients), batch):
                messages = [
                    EmailMessage(subject=subject, body=body, to=[address], connection=connection)
                    for address in recipients[start : start + batch]
                ]
                connection.send_messages(messages)

    transaction.on_commit(send)
