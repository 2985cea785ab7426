"""Recommendations and decisions: what still blocks a recommendation, the assessors' recommendation, the
coordinators' decision (a departure from the computed outcome needs a reason) and the label award it triggers."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from labelling.certificates.awards import label_award
from labelling.framework.levels import required_assessor_count
from labelling.models import Answer, Assessment
from labelling.review import permissions as review_permissions
from labelling.review.models import (
    APPEAL_WINDOW_DAYS,
    AssessorAssignment,
    Decision,
)
from labelling.review.services import ReviewError, transition
from labelling.review.services.notify import coordinator_emails, manager_emails, notify
from labelling.review.signals import assessment_decided
from labelling.selfassessment import permissions
from labelling.selfassessment.selectors import assessment_outcome
from portal.audit import audit_log

Status = Assessment.Status
ReviewState = Answer.ReviewState


# --- Recommendation ------------------------------------------------------------------------------------------------


def review_blockers(*, assessment: Assessment) -> list[str]:
    """What still stops the assessors from recommending (empty when they may)."""
    blockers: list[str] = []
    active = assessment.assignments.filter(status=AssessorAssignment.Status.ACTIVE).count()
    needed = required_assessor_count(assessment.level)
    if active < needed:
        blockers.append(
            _("%(active)s of %(needed)s assessor(s) have declared no conflict and are reviewing.")
            % {"active": active, "needed": needed}
        )
    level_ids = list(assessment.level_indicators().values_list("pk", flat=True))
    done = Answer.objects.filter(
        assessment=assessment,
        indicator_id__in=level_ids,
        review_state__in=[ReviewState.ACCEPTED, ReviewState.CORRECTED],
    ).count()
    if done < len(level_ids):
        blockers.append(
            _("%(open)s of %(total)s answers are not yet accepted or corrected by every assessor.")
            % {"open": len(level_ids) - done, "total": len(level_ids)}
        )
    minimum_not_applicable = list(
        Answer.objects.filter(
            assessment=assessment,
            indicator_id__in=level_ids,
            indicator__is_minimum_requirement=True,
            review_state__in=[ReviewState.ACCEPTED, ReviewState.CORRECTED],
            assessed_not_applicable=True,
        )
        .order_by("indicator__position")
        .values_list("indicator__code", flat=True)
    )
    if minimum_not_applicable:
        blockers.append(
            _(
                "Minimum requirements accepted as “not applicable”, which they cannot be: %(codes)s. Correct them "
                "with their value."
            )
            % {"codes": ", ".join(minimum_not_applicable)}
        )
    return blockers


@transaction.atomic
def assessment_recommend(*, assessment: Assessment, user, recommendation: str, summary: str) -> AssessorAssignment:
    """An assessor recommends award or rejection with a written summary; once every assessor has (Gold: both,
    agreeing), the assessment goes to the coordinators."""
    summary = (summary or "").strip()
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not permissions.can_review(user, assessment):
        raise ReviewError(_("You are not an active assessor of this assessment."))
    if assessment.status != Status.IN_REVIEW:
        raise ReviewError(
            _("The assessment is %(status)s: a recommendation is possible only while it is in review.")
            % {"status": assessment.get_status_display()}
        )
    if recommendation not in AssessorAssignment.Recommendation.values:
        raise ReviewError(_("Choose award or rejection."))
    if len(summary) < 20:
        raise ReviewError(_("Write a summary of your assessment (at least a few sentences) for the coordinators."))
    blockers = review_blockers(assessment=assessment)
    if blockers:
        raise ReviewError(_("Not yet: %(blockers)s") % {"blockers": " ".join(blockers)})
    assignment = AssessorAssignment.objects.select_for_update().get(assessment=assessment, assessor=user)
    assignment.recommendation = recommendation
    assignment.recommendation_summary = summary
    assignment.recommended_at = timezone.now()
    assignment.save(update_fields=["recommendation", "recommendation_summary", "recommended_at"])
    audit_log(
        actor=user,
        action="labelling.assessment.recommendation_given",
        target=assessment,
        data={"assignment": assignment.pk, "recommendation": recommendation},
    )
    active = list(assessment.assignments.filter(status=AssessorAssignment.Status.ACTIVE))
    given = {a.recommendation for a in active if a.recommendation}
    if all(a.recommendation for a in active) and len(given) == 1:
        transition(
            assessment=assessment,
            allowed_from=[Status.IN_REVIEW],
            to=Status.RECOMMENDED,
            user=user,
            action="labelling.assessment.recommended",
            data={"recommendation": recommendation},
        )
        notify(
            recipients=coordinator_emails(),
            subject=_("Ready for a decision: %(org)s") % {"org": assessment.organisation},
            template="labelling/email/recommended.txt",
            context={
                "assessment": assessment,
                "recommendation": assignment.get_recommendation_display(),
                "url": reverse("labelling:decide", args=[assessment.pk]),
            },
        )
    return assignment


@transaction.atomic
def assessment_recommendation_withdraw(*, assessment: Assessment, user) -> None:
    """An assessor takes back their recommendation while the colleague has not yet given theirs (Gold)."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not permissions.can_review(user, assessment) or assessment.status != Status.IN_REVIEW:
        raise ReviewError(_("There is no recommendation of yours to withdraw while the assessment is in review."))
    assignment = AssessorAssignment.objects.get(assessment=assessment, assessor=user)
    if not assignment.recommendation:
        raise ReviewError(_("You have not recommended anything yet."))
    AssessorAssignment.objects.filter(pk=assignment.pk).update(
        recommendation="", recommendation_summary="", recommended_at=None
    )
    audit_log(
        actor=user,
        action="labelling.assessment.recommendation_withdrawn",
        target=assessment,
        data={"assignment": assignment.pk},
    )


# --- Decision, label, appeal ---------------------------------------------------------------------------------------


# A departure from the computed outcome needs a reason of at least this many characters (a few words).
DEPARTURE_REASON_MIN_LENGTH = 20


@dataclass(frozen=True)
class Departure:
    """Whether a decision (award or not) departs from what the label rules computed, and what they computed."""

    reached: bool
    computed_reasons: str
    departs: bool


def decision_departure(*, assessment: Assessment, award: bool) -> Departure:
    """What awarding (or refusing) `assessment` means against the label rules on the assessors' values."""
    outcome = assessment_outcome(assessment=assessment)
    return Departure(
        reached=outcome.reached, computed_reasons="\n".join(outcome.reasons), departs=award != outcome.reached
    )


def check_departure_reason(*, departure: Departure, award: bool, departure_reason: str) -> str:
    """The departure reason to record ("" when the decision follows the rules); raises when one is needed but
    missing or too short."""
    if not departure.departs:
        return ""
    if len(departure_reason) < DEPARTURE_REASON_MIN_LENGTH:
        raise ReviewError(
            (
                _(
                    "The rules say: %(computed)s. Awarding the label departs from this computed outcome: write why "
                    "in the reason for departing (at least a few words); it is recorded and shown with the decision."
                )
                if award
                else _(
                    "The rules say: %(computed)s. Refusing the label departs from this computed outcome: write why "
                    "in the reason for departing (at least a few words); it is recorded and shown with the decision."
                )
            )
            % {"computed": departure.computed_reasons}
        )
    return departure_reason


def audit_departure(*, user, assessment: Assessment, departure: Departure, award: bool, reason: str, **data) -> None:
    if departure.departs:
        audit_log(
            actor=user,
            action="labelling.decision.departs_from_outcome",
            target=assessment,
            data={
                "award": award,
                "computed_reached": departure.reached,
                "computed": departure.computed_reasons[:1000],
                "departure_reason": reason[:1000],
                **data,
            },
        )


@transaction.atomic
def assessment_decide(
    *, assessment: Assessment, user, award: bool, reasons: str, departure_reason: str = ""
) -> Decision:
    """A coordinator awards or rejects a recommended assessment with reasons; the managers get an e-mail.

    The decision records what the label rules computed; one that departs from it (awarding a level not reached,
    refusing one that is reached) needs a written `departure_reason`, kept with the decision and in the audit log.
    """
    reasons = (reasons or "").strip()
    departure_reason = (departure_reason or "").strip()
    assessment = Assessment.objects.select_for_update().select_related("organisation").get(pk=assessment.pk)
    if not review_permissions.can_decide(user, assessment):
        raise ReviewError(_("Only a coordinator who took no part in the review decides."))
    if not reasons:
        raise ReviewError(_("Give the reasons of the decision: the managers receive them."))
    if assessment.status != Status.RECOMMENDED:
        raise ReviewError(
            _("This assessment is %(status)s: that step is not possible now.")
            % {"status": assessment.get_status_display()}
        )
    departure = decision_departure(assessment=assessment, award=award)
    departure_reason = check_departure_reason(departure=departure, award=award, departure_reason=departure_reason)
    transition(
        assessment=assessment,
        allowed_from=[Status.RECOMMENDED],
        to=Status.AWARDED if award else Status.REJECTED,
        user=user,
        action="labelling.assessment.awarded" if award else "labelling.assessment.rejected",
        data={
            "reasons": reasons[:500],
            "computed_reached": departure.reached,
            "departs_from_outcome": departure.departs,
            "departure_reason": departure_reason[:500],
        },
    )
    decision = Decision.objects.create(
        assessment=assessment,
        outcome=Decision.Outcome.AWARD if award else Decision.Outcome.REJECT,
        reasons=reasons,
        decided_by=user,
        computed_reached=departure.reached,
        computed_reasons=departure.computed_reasons[:8000],
        departs_from_outcome=departure.departs,
        departure_reason=departure_reason,
    )
    audit_departure(
        user=user,
        assessment=assessment,
        departure=departure,
        award=award,
        reason=departure_reason,
        decision=decision.pk,
    )
    label = label_award(assessment=assessment, user=user) if award else None
    decided(assessment=assessment, user=user)
    notify(
        recipients=manager_emails(assessment.organisation_id),
        subject=(_("Label awarded: %(org)s") if award else _("Label decision: %(org)s"))
        % {"org": assessment.organisation},
        template="labelling/email/decision.txt",
        context={
            "assessment": assessment,
            "decision": decision,
            "label": label,
            "appeal_days": APPEAL_WINDOW_DAYS,
            "url": reverse("labelling:assessment_outcome", args=[assessment.pk]),
        },
    )
    return decision


def decided(*, assessment: Assessment, user) -> None:
    """Tell the areas built on the label that `assessment` was decided (benchmarking recomputes its statistics)."""
    assessment_decided.send(sender=Assessment, assessment=assessment, user=user)
