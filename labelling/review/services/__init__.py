"""Writes of the review and decision side of the label process, one module per noun: `assignment` (conflicts of
interest, assessors' assignment and declarations), `answers` (verdicts on answers, questions and replies),
`decisions` (recommendations, the coordinators' decision and departures from the computed outcome), `appeals`,
and `notify` (the e-mails they send).

Every function checks who acts (through the permissions of `labelling.review` and `labelling.selfassessment`) and
the assessment's state, changes state with a conditional UPDATE (so a double submit or a race changes nothing
twice) and writes an audit event. An illegal step raises `ReviewError` with a message meant for the person who
tried it; `transition` is the one way an assessment's status changes here.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from labelling.selfassessment.models import Assessment
from portal.audit import audit_log

Status = Assessment.Status


class ReviewError(Exception):
    """An action of the review process that is not allowed now; the message says why, for the person acting."""


def transition(*, assessment: Assessment, allowed_from: Sequence[str], to: str, user, action: str, data=None) -> None:
    """Move `assessment` to `to` if it is still in one of `allowed_from`, else raise (nothing changes)."""
    now = timezone.now()
    fields = {"status": to, "status_changed_at": now}
    if to in (Status.AWARDED, Status.REJECTED):
        fields["decided_at"] = now
    changed = Assessment.objects.filter(pk=assessment.pk, status__in=list(allowed_from)).update(**fields)
    if not changed:
        current = Assessment.objects.filter(pk=assessment.pk).values_list("status", flat=True).first()
        raise ReviewError(
            _("This assessment is %(status)s: that step is not possible now.")
            % {"status": Status(current).label if current else _("gone")}
        )
    previous = assessment.status
    for key, value in fields.items():
        setattr(assessment, key, value)
    audit_log(actor=user, action=action, target=assessment, data={"from": previous, "to": to, **(data or {})})
