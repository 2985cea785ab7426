"""Conflicts of interest and the assignment of assessors: who may assess an organisation, the ties an
assessor declares, assigning, declaring no conflict, declining and removing."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from labelling.framework.levels import Level, required_assessor_count
from labelling.models import Answer, Assessment
from labelling.review import permissions as review_permissions
from labelling.review.models import (
    AFFILIATION_COOLING_OFF_YEARS,
    AssessorAffiliation,
    AssessorAssignment,
)
from labelling.review.services import ReviewError, transition
from labelling.review.services.answers import apply_agreed_value
from labelling.review.services.notify import coordinator_emails, notify
from platform_directory.models import OrganisationMembership
from portal import roles
from portal.audit import audit_log

Status = Assessment.Status
ReviewState = Answer.ReviewState


DECLARATION_TEXT = gettext_lazy(
    "I declare that I have no conflict of interest with this cluster organisation: I am not, and have not been in "
    "the past three years, employed by it, one of its managers, a member of its board, its consultant or adviser, "
    "or working for one of its participants, and I have no personal tie with its management. I will assess it "
    "impartially and keep its information confidential."
)


# --- Conflicts of interest -----------------------------------------------------------------------------------------


def assessor_conflict_reasons(*, assessor, organisation, on: datetime.date | None = None) -> list[str]:
    """Why `assessor` may not assess `organisation` (empty when they may)."""
    day = on or timezone.localdate()
    reasons: list[str] = []
    role = (
        OrganisationMembership.objects.filter(user=assessor, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )
    if role:
        reasons.append(
            _("has a %(role)s account of this organisation") % {"role": OrganisationMembership.Role(role).label}
        )
    cutoff = (
        day.replace(year=day.year - AFFILIATION_COOLING_OFF_YEARS)
        if not (day.month == 2 and day.day == 29)
        else (day.replace(year=day.year - AFFILIATION_COOLING_OFF_YEARS, day=28))
    )
    for affiliation in AssessorAffiliation.objects.filter(assessor=assessor, organisation=organisation):
        if affiliation.ended_on is None:
            reasons.append(_("declared a current tie: %(tie)s") % {"tie": affiliation.get_relation_display()})
        elif affiliation.ended_on >= cutoff:
            reasons.append(
                _("declared a tie that ended on %(date)s, less than three years ago: %(tie)s")
                % {"date": affiliation.ended_on.isoformat(), "tie": affiliation.get_relation_display()}
            )
    return reasons


def assessor_ineligibility_reasons(*, assessor, assessment: Assessment) -> list[str]:
    """Everything that keeps `assessor` off `assessment`: accreditation, conflicts, an earlier refusal."""
    reasons: list[str] = []
    if not roles.is_assessor(assessor):
        reasons.append(_("is not an accredited assessor today"))
    if roles.is_coordinator(assessor):
        reasons.append(_("is a coordinator, who decide on the label"))
    reasons.extend(assessor_conflict_reasons(assessor=assessor, organisation=assessment.organisation))
    previous = AssessorAssignment.objects.filter(assessment=assessment, assessor=assessor).values_list(
        "status", flat=True
    )
    for status in previous:
        if status == AssessorAssignment.Status.DECLINED:
            reasons.append(_("declined this assessment"))
        else:
            reasons.append(_("is already assigned"))
    return reasons


def affiliation_declare(
    *, assessor, organisation, relation: str, ended_on: datetime.date | None = None, note: str = ""
) -> AssessorAffiliation:
    """Record a tie an assessor has or had with an organisation (a conflict of interest for three years)."""
    if not roles.has_assessor_profile(assessor):
        raise ReviewError(_("Only assessors declare affiliations."))
    if relation not in AssessorAffiliation.Relation.values:
        raise ReviewError(_("Choose the kind of tie."))
    if ended_on and ended_on > timezone.localdate():
        raise ReviewError(_("The end date cannot be in the future: leave it empty if the tie still lasts."))
    affiliation, created = AssessorAffiliation.objects.get_or_create(
        assessor=assessor,
        organisation=organisation,
        relation=relation,
        defaults={"ended_on": ended_on, "note": note.strip()[:300]},
    )
    if not created:
        affiliation.ended_on = ended_on
        affiliation.note = note.strip()[:300]
        affiliation.save(update_fields=["ended_on", "note"])
    audit_log(
        actor=assessor,
        action="labelling.affiliation.declared",
        target=affiliation,
        data={"organisation": organisation.pk, "relation": relation, "ended_on": ended_on and ended_on.isoformat()},
    )
    return affiliation


def affiliation_remove(*, affiliation: AssessorAffiliation, user) -> None:
    """Remove an affiliation declared by mistake (the audit log keeps it)."""
    if affiliation.assessor_id != user.pk:
        raise ReviewError(_("You can only remove your own declarations."))
    audit_log(
        actor=user,
        action="labelling.affiliation.removed",
        target=affiliation,
        data={"organisation": affiliation.organisation_id, "relation": affiliation.relation},
    )
    affiliation.delete()


# --- Assignment ----------------------------------------------------------------------------------------------------


@transaction.atomic
def assessment_assign_assessors(*, assessment: Assessment, assessors: Sequence, user) -> list[AssessorAssignment]:
    """Assign assessors to a submitted assessment (or replace one who declined) and start the review.

    Bronze and Silver take one assessor, Gold two with at least one from another country than the organisation.
    """
    if not review_permissions.can_assign_assessors(user, assessment):
        raise ReviewError(_("Only coordinators assign assessors."))
    assessment = Assessment.objects.select_for_update().select_related("organisation").get(pk=assessment.pk)
    if assessment.status not in (Status.SUBMITTED, Status.IN_REVIEW):
        raise ReviewError(
            _("Assessors can be assigned only to a submitted assessment or one in review; this one is %(status)s.")
            % {"status": assessment.get_status_display()}
        )
    assessors = list(dict.fromkeys(assessors))  # the same person twice counts once
    if not assessors:
        raise ReviewError(_("Choose at least one assessor."))
    current = list(
        assessment.assignments.exclude(status=AssessorAssignment.Status.DECLINED).select_related(
            "assessor__assessor_profile"
        )
    )
    needed = required_assessor_count(assessment.level) - len(current)
    if needed <= 0:
        raise ReviewError(_("This assessment already has all the assessors it needs."))
    if len(assessors) != needed:
        raise ReviewError(
            _("Choose exactly %(count)s assessor(s): the level needs %(total)s and %(current)s is (are) assigned.")
            % {"count": needed, "total": required_assessor_count(assessment.level), "current": len(current)}
        )
    problems = []
    for assessor in assessors:
        reasons = assessor_ineligibility_reasons(assessor=assessor, assessment=assessment)
        if reasons:
            problems.append(f"{assessor}: {'; '.join(reasons)}")
    if problems:
        raise ReviewError(_("These assessors cannot assess it: %(problems)s.") % {"problems": " · ".join(problems)})
    if assessment.level == Level.GOLD:
        countries = [a.assessor.assessor_profile.home_country for a in current]
        countries += [a.assessor_profile.home_country for a in assessors]
        if all(country == assessment.organisation.country for country in countries):
            raise ReviewError(
                _("Gold needs at least one assessor from another country than the organisation (%(country)s).")
                % {"country": assessment.organisation.get_country_display()}
            )
    created = []
    for assessor in assessors:
        assignment = AssessorAssignment.objects.create(assessment=assessment, assessor=assessor, assigned_by=user)
        audit_log(
            actor=user,
            action="labelling.assignment.created",
            target=assessment,
            data={"assignment": assignment.pk, "assessor": assessor.pk},
        )
        created.append(assignment)
    if assessment.status == Status.SUBMITTED:
        transition(
            assessment=assessment,
            allowed_from=[Status.SUBMITTED],
            to=Status.IN_REVIEW,
            user=user,
            action="labelling.assessment.review_started",
            data={"assessors": [a.pk for a in assessors]},
        )
    notify(
        recipients=[a.email for a in assessors],
        subject=_("New assessment to review: %(org)s") % {"org": assessment.organisation},
        template="labelling/email/assigned.txt",
        context={"assessment": assessment, "url": reverse("labelling:review_assessment", args=[assessment.pk])},
    )
    return created


@transaction.atomic
def assignment_declare_no_conflict(*, assignment: AssessorAssignment, user, confirmed: bool) -> AssessorAssignment:
    """The assessor states they have no conflict of interest; only then do they see the answers."""
    if assignment.assessor_id != user.pk:
        raise ReviewError(_("Only the assigned assessor can make this declaration."))
    if not confirmed:
        raise ReviewError(_("Tick the statement to declare that you have no conflict of interest."))
    conflicts = assessor_conflict_reasons(assessor=user, organisation=assignment.assessment.organisation)
    if conflicts:
        raise ReviewError(
            _("You declared ties with this organisation (%(ties)s): decline the assessment instead.")
            % {"ties": "; ".join(conflicts)}
        )
    now = timezone.now()
    changed = AssessorAssignment.objects.filter(
        pk=assignment.pk, status=AssessorAssignment.Status.AWAITING_DECLARATION
    ).update(
        status=AssessorAssignment.Status.ACTIVE, declared_no_conflict_at=now, declaration_text=str(DECLARATION_TEXT)
    )
    if not changed:
        assignment.refresh_from_db()
        if assignment.status == AssessorAssignment.Status.ACTIVE:
            return assignment  # declared already (double submit)
        raise ReviewError(_("You declined this assessment."))
    assignment.refresh_from_db()
    audit_log(
        actor=user,
        action="labelling.assignment.declared_no_conflict",
        target=assignment.assessment,
        data={"assignment": assignment.pk, "declared_at": now.isoformat()},
    )
    return assignment


@transaction.atomic
def assignment_decline(*, assignment: AssessorAssignment, user, reason: str) -> AssessorAssignment:
    """The assessor declines (a conflict, no time...); the coordinators then assign someone else."""
    if assignment.assessor_id != user.pk:
        raise ReviewError(_("Only the assigned assessor can decline."))
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError(_("Say why you decline, so the coordinators can find the right replacement."))
    assessment = Assessment.objects.select_for_update().get(pk=assignment.assessment_id)
    if assessment.status not in (Status.SUBMITTED, Status.IN_REVIEW):
        raise ReviewError(_("The review of this assessment is over."))
    assignment = AssessorAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.status == AssessorAssignment.Status.DECLINED:
        return assignment
    if assignment.recommendation:
        raise ReviewError(_("You already recommended a decision; ask the coordinators to replace you."))
    assignment.status = AssessorAssignment.Status.DECLINED
    assignment.declined_at = timezone.now()
    assignment.decline_reason = reason[:2000]
    assignment.save(update_fields=["status", "declined_at", "decline_reason"])
    # Their verdicts no longer count: the replacement reviews afresh.
    answer_ids = list(assignment.answer_reviews.values_list("answer_id", flat=True))
    assignment.answer_reviews.all().delete()
    for answer in Answer.objects.filter(pk__in=answer_ids).select_related("indicator"):
        apply_agreed_value(answer)
    audit_log(
        actor=user,
        action="labelling.assignment.declined",
        target=assessment,
        data={"assignment": assignment.pk, "reason": reason[:500]},
    )
    notify(
        recipients=coordinator_emails(),
        subject=_("An assessor declined: %(org)s") % {"org": assessment.organisation},
        template="labelling/email/declined.txt",
        context={
            "assessment": assessment,
            "assignment": assignment,
            "url": reverse("labelling:assign", args=[assessment.pk]),
        },
    )
    return assignment


@transaction.atomic
def assignment_remove(*, assignment: AssessorAssignment, user, reason: str) -> AssessorAssignment:
    """A coordinator takes an assessor off an assessment (no answer, unavailable, a conflict found later) so
    another can be assigned; their verdicts no longer count."""
    if not review_permissions.can_assign_assessors(user, assignment.assessment):
        raise ReviewError(_("Only coordinators remove assessors."))
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError(_("Say why the assessor is removed; the record keeps it."))
    assessment = Assessment.objects.select_for_update().get(pk=assignment.assessment_id)
    if assessment.status != Status.IN_REVIEW:
        raise ReviewError(_("Assessors can be removed only while the assessment is in review."))
    assignment = AssessorAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.status == AssessorAssignment.Status.DECLINED:
        return assignment
    assignment.status = AssessorAssignment.Status.DECLINED
    assignment.declined_at = timezone.now()
    assignment.decline_reason = (_("Removed by the coordinators: %(reason)s") % {"reason": reason})[:2000]
    assignment.recommendation = ""
    assignment.recommendation_summary = ""
    assignment.recommended_at = None
    assignment.save(
        update_fields=[
            "status",
            "declined_at",
            "decline_reason",
            "recommendation",
            "recommendation_summary",
            "recommended_at",
        ]
    )
    answer_ids = list(assignment.answer_reviews.values_list("answer_id", flat=True))
    assignment.answer_reviews.all().delete()
    for answer in Answer.objects.filter(pk__in=answer_ids).select_related("indicator"):
        apply_agreed_value(answer)
    audit_log(
        actor=user,
        action="labelling.assignment.removed",
        target=assessment,
        data={"assignment": assignment.pk, "assessor": assignment.assessor_id, "reason": reason[:500]},
    )
    return assignment
