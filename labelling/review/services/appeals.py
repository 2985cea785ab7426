"""Appeals: a rejected organisation appeals within the window; a coordinator who took no part decides."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from labelling.certificates.awards import label_award
from labelling.models import Answer, Assessment
from labelling.review import permissions as review_permissions
from labelling.review.models import (
    APPEAL_WINDOW_DAYS,
    Appeal,
)
from labelling.review.services import ReviewError, transition
from labelling.review.services.decisions import (
    audit_departure,
    check_departure_reason,
    decided,
    decision_departure,
)
from labelling.review.services.notify import coordinator_emails, manager_emails, notify
from portal import roles
from portal.audit import audit_log

Status = Assessment.Status
ReviewState = Answer.ReviewState


def appeal_deadline(*, assessment: Assessment) -> datetime.datetime | None:
    """The last moment a rejection can be appealed."""
    decided = assessment.decided_at
    return decided + datetime.timedelta(days=APPEAL_WINDOW_DAYS) if decided else None


@transaction.atomic
def appeal_file(*, assessment: Assessment, user, reasons: str) -> Appeal:
    """A manager of a rejected organisation appeals within 30 days, with the grounds."""
    reasons = (reasons or "").strip()
    assessment = Assessment.objects.select_for_update().select_related("organisation").get(pk=assessment.pk)
    if not review_permissions.can_appeal(user, assessment):
        raise ReviewError(_("Only the organisation's managers can appeal."))
    if Appeal.objects.filter(assessment=assessment).exists():
        raise ReviewError(_("This decision has already been appealed; an appeal can be filed once."))
    if assessment.status != Status.REJECTED:
        raise ReviewError(_("Only a rejection can be appealed."))
    deadline = appeal_deadline(assessment=assessment)
    if deadline is None or timezone.now() > deadline:
        raise ReviewError(_("The %(days)s days to appeal are over.") % {"days": APPEAL_WINDOW_DAYS})
    if len(reasons) < 20:
        raise ReviewError(_("Give the grounds of your appeal (at least a few sentences)."))
    if (
        Assessment.objects.filter(organisation=assessment.organisation, level=assessment.level)
        .exclude(pk=assessment.pk)
        .exclude(status__in=Assessment.CLOSED_STATUSES)
        .exists()
    ):
        raise ReviewError(
            _("A new assessment of this level is open for the organisation: withdraw it before appealing.")
        )
    transition(
        assessment=assessment,
        allowed_from=[Status.REJECTED],
        to=Status.APPEALED,
        user=user,
        action="labelling.assessment.appealed",
    )
    appeal = Appeal.objects.create(assessment=assessment, filed_by=user, reasons=reasons)
    audit_log(actor=user, action="labelling.appeal.filed", target=appeal, data={"assessment": assessment.pk})
    notify(
        recipients=coordinator_emails(),
        subject=_("Appeal filed: %(org)s") % {"org": assessment.organisation},
        template="labelling/email/appeal_filed.txt",
        context={
            "assessment": assessment,
            "appeal": appeal,
            "url": reverse("labelling:appeal_decide", args=[assessment.pk]),
        },
    )
    return appeal


@transaction.atomic
def appeal_decide(*, appeal: Appeal, user, uphold: bool, reasons: str, departure_reason: str = "") -> Appeal:
    """A coordinator who took no part in the decision upholds the appeal (the label is awarded) or dismisses it.

    Like the decision, the outcome records what the label rules computed; upholding when the level is not reached
    (or dismissing when it is) departs from it and needs a written `departure_reason`."""
    reasons = (reasons or "").strip()
    departure_reason = (departure_reason or "").strip()
    appeal = Appeal.objects.select_for_update().select_related("assessment__organisation").get(pk=appeal.pk)
    assessment = appeal.assessment
    if not roles.is_coordinator(user):
        raise ReviewError(_("Only coordinators decide appeals."))
    if not review_permissions.can_decide_appeal(user, appeal):
        raise ReviewError(_("You took part in this decision or review: another coordinator must decide the appeal."))
    if appeal.status != Appeal.Status.OPEN:
        raise ReviewError(_("This appeal has been decided already."))
    if not reasons:
        raise ReviewError(_("Give the reasons of the outcome: the managers receive them."))
    if assessment.status != Status.APPEALED:
        raise ReviewError(
            _("This assessment is %(status)s: that step is not possible now.")
            % {"status": assessment.get_status_display()}
        )
    departure = decision_departure(assessment=assessment, award=uphold)
    departure_reason = check_departure_reason(departure=departure, award=uphold, departure_reason=departure_reason)
    transition(
        assessment=assessment,
        allowed_from=[Status.APPEALED],
        to=Status.AWARDED if uphold else Status.REJECTED,
        user=user,
        action="labelling.assessment.awarded_on_appeal" if uphold else "labelling.assessment.appeal_dismissed",
        data={
            "appeal": appeal.pk,
            "computed_reached": departure.reached,
            "departs_from_outcome": departure.departs,
            "departure_reason": departure_reason[:500],
        },
    )
    appeal.status = Appeal.Status.UPHELD if uphold else Appeal.Status.DISMISSED
    appeal.decided_by = user
    appeal.decided_at = timezone.now()
    appeal.outcome_reasons = reasons
    appeal.computed_reached = departure.reached
    appeal.computed_reasons = departure.computed_reasons[:8000]
    appeal.departs_from_outcome = departure.departs
    appeal.departure_reason = departure_reason
    appeal.save(
        update_fields=[
            "status",
            "decided_by",
            "decided_at",
            "outcome_reasons",
            "computed_reached",
            "computed_reasons",
            "departs_from_outcome",
            "departure_reason",
        ]
    )
    audit_log(
        actor=user,
        action="labelling.appeal.upheld" if uphold else "labelling.appeal.dismissed",
        target=appeal,
        data={
            "assessment": assessment.pk,
            "reasons": reasons[:500],
            "departs_from_outcome": departure.departs,
            "departure_reason": departure_reason[:500],
        },
    )
    audit_departure(
        user=user, assessment=assessment, departure=departure, award=uphold, reason=departure_reason, appeal=appeal.pk
    )
    label = label_award(assessment=assessment, user=user) if uphold else None
    decided(assessment=assessment, user=user)
    notify(
        recipients=manager_emails(assessment.organisation_id),
        subject=_("Outcome of your appeal: %(org)s") % {"org": assessment.organisation},
        template="labelling/email/appeal_outcome.txt",
        context={
            "assessment": assessment,
            "appeal": appeal,
            "label": label,
            "url": reverse("labelling:assessment_outcome", args=[assessment.pk]),
        },
    )
    return appeal
