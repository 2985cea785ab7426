"""The e-mails of the review process: to the organisation's managers and to the coordinators."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.contrib.auth import get_user_model

from labelling.models import Answer, Assessment
from platform_directory.models import OrganisationMembership
from portal.mail import mail, subject_line

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
    """Mail one plain-text message per recipient once the transaction commits (nothing goes out on a rollback)."""
    recipients = sorted({r for r in recipients if r})
    if recipients:
        mail(
            to=recipients,
            subject=subject_line(subject)[:200],
            template=template,
            context={**context, "site_url": settings.SITE_URL.rstrip("/")},
        )
