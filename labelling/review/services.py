"""Writes of the review and decision side of the label process: assessor assignment, conflict-of-interest
declarations, per-answer verdicts and question threads, recommendations, decisions, the label award and appeals.

Every function checks who acts (through `labelling.selfassessment.permissions`) and the assessment's state, changes state with a
conditional UPDATE (so a double submit or a race changes nothing twice) and writes an audit event. An illegal
step raises `ReviewError` with a message meant for the person who tried it.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from labelling.certificates.awards import label_award
from labelling.framework import scoring
from labelling.framework.levels import Level, required_assessor_count
from labelling.framework.validation import parse_answer_input
from labelling.models import Answer, Assessment, Indicator
from labelling.review.models import (
    APPEAL_WINDOW_DAYS,
    AnswerMessage,
    AnswerReview,
    Appeal,
    AssessorAffiliation,
    AssessorAssignment,
    Decision,
)
from labelling.selfassessment import permissions
from portal import roles
from portal.audit import audit_log
from portal.mail import EmailMessage, get_connection

Status = Assessment.Status
ReviewState = Answer.ReviewState

DECLARATION_TEXT = gettext_lazy(
    "I declare that I have no conflict of interest with this cluster organisation: I am not, and have not been in "
    "the past three years, employed by it, one of its managers, a member of its board, its consultant or adviser, "
    "or working for one of its participants, and I have no personal tie with its management. I will assess it "
    "impartially and keep its information confidential."
)


class ReviewError(Exception):
    """An action of the review process that is not allowed now; the message says why, for the person acting."""


# --- State changes -------------------------------------------------------------------------------------------------


def _transition(*, assessment: Assessment, allowed_from: Sequence[str], to: str, user, action: str, data=None) -> None:
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


# --- Conflicts of interest -----------------------------------------------------------------------------------------


def assessor_conflict_reasons(*, assessor, organisation, on: datetime.date | None = None) -> list[str]:
    """Why `assessor` may not assess `organisation` (empty when they may)."""
    from labelling.review.models import AFFILIATION_COOLING_OFF_YEARS
    from platform_directory.models import OrganisationMembership

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
    if not permissions.can_assign_assessors(user, assessment):
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
        _transition(
            assessment=assessment,
            allowed_from=[Status.SUBMITTED],
            to=Status.IN_REVIEW,
            user=user,
            action="labelling.assessment.review_started",
            data={"assessors": [a.pk for a in assessors]},
        )
    _notify(
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
        _apply_agreed_value(answer)
    audit_log(
        actor=user,
        action="labelling.assignment.declined",
        target=assessment,
        data={"assignment": assignment.pk, "reason": reason[:500]},
    )
    _notify(
        recipients=_coordinator_emails(),
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
    if not permissions.can_assign_assessors(user, assignment.assessment):
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
        _apply_agreed_value(answer)
    audit_log(
        actor=user,
        action="labelling.assignment.removed",
        target=assessment,
        data={"assignment": assignment.pk, "assessor": assignment.assessor_id, "reason": reason[:500]},
    )
    return assignment


# --- Values --------------------------------------------------------------------------------------------------------


def parse_indicator_value(*, indicator: Indicator, raw) -> dict:
    """Check a value typed for `indicator` exactly as the self-assessment does (`labelling.framework.validation`) and
    return the assessed_* fields. Raises ReviewError with the field's message (not a number, out of range...)."""
    text = "" if raw is None else str(raw).strip()
    if not text:
        raise ReviewError(_("Enter a value."))
    parsed = parse_answer_input(indicator, {"value": text})
    if parsed.errors:
        raise ReviewError(parsed.errors.get("value") or next(iter(parsed.errors.values())))
    return {
        "assessed_number": parsed.value_number,
        "assessed_bool": parsed.value_bool,
        "assessed_choice": parsed.value_choice,
    }


def _declared_fields(answer: Answer) -> dict:
    kind = answer.indicator.kind
    return {
        "assessed_number": answer.value_number if answer.indicator.is_numeric and not answer.not_applicable else None,
        "assessed_bool": answer.value_bool if kind == Indicator.Kind.YESNO and not answer.not_applicable else None,
        "assessed_choice": answer.value_choice if kind == Indicator.Kind.CHOICE and not answer.not_applicable else "",
        "assessed_not_applicable": answer.not_applicable,
    }


def _same_value(a: dict, b: dict) -> bool:
    def norm(fields):
        number = fields.get("assessed_number")
        return (
            Decimal(number).quantize(Decimal("0.01")) if number is not None else None,
            fields.get("assessed_bool"),
            fields.get("assessed_choice") or "",
            bool(fields.get("assessed_not_applicable")),
        )

    return norm(a) == norm(b)


def format_value(*, indicator: Indicator, number=None, boolean=None, choice="", not_applicable=False) -> str:
    """A value as people read it: "12.5 %", "yes", the option's label, "not applicable", or "–"."""
    if not_applicable:
        return _("not applicable")
    if indicator.kind == Indicator.Kind.YESNO:
        return scoring.format_value(indicator, boolean)
    if indicator.kind == Indicator.Kind.CHOICE:
        return scoring.format_value(indicator, choice or None)
    return scoring.format_value(indicator, number)


def _review_fields(review: AnswerReview) -> dict:
    return {
        "assessed_number": review.assessed_number,
        "assessed_bool": review.assessed_bool,
        "assessed_choice": review.assessed_choice,
        "assessed_not_applicable": review.assessed_not_applicable,
    }


def _apply_agreed_value(answer: Answer) -> None:
    """Write the assessors' agreed value onto the Answer once every assessor reviewed it and they agree."""
    if answer.review_state == ReviewState.QUESTION_OPEN:
        return
    needed = required_assessor_count(Assessment.objects.values_list("level", flat=True).get(pk=answer.assessment_id))
    reviews = list(AnswerReview.objects.filter(answer=answer, assignment__status=AssessorAssignment.Status.ACTIVE))
    agreed = len(reviews) >= needed and all(_same_value(_review_fields(r), _review_fields(reviews[0])) for r in reviews)
    if agreed:
        fields = _review_fields(reviews[0])
        state = ReviewState.ACCEPTED if _same_value(fields, _declared_fields(answer)) else ReviewState.CORRECTED
    else:
        fields = {
            "assessed_number": None,
            "assessed_bool": None,
            "assessed_choice": "",
            "assessed_not_applicable": False,
        }
        state = ReviewState.ANSWERED if answer.review_state == ReviewState.ANSWERED else ReviewState.UNREVIEWED
        if answer.review_state in (ReviewState.ACCEPTED, ReviewState.CORRECTED):
            state = ReviewState.UNREVIEWED
    for key, value in fields.items():
        setattr(answer, key, value)
    answer.review_state = state
    Answer.objects.filter(pk=answer.pk).update(review_state=state, **fields)


# --- Review of answers ---------------------------------------------------------------------------------------------


def _reviewable_answer(*, answer: Answer, user) -> tuple[Answer, AssessorAssignment]:
    """Lock the answer and check that `user` may give a verdict on it now."""
    assessment = Assessment.objects.select_for_update().get(pk=answer.assessment_id)
    if not permissions.can_review(user, assessment):
        raise ReviewError(_("You are not an active assessor of this assessment."))
    if assessment.status != Status.IN_REVIEW:
        raise ReviewError(
            _("The assessment is %(status)s: answers can be reviewed only while it is in review.")
            % {"status": assessment.get_status_display()}
        )
    assignment = AssessorAssignment.objects.get(assessment=assessment, assessor=user)
    if assignment.recommendation:
        raise ReviewError(_("You already recommended a decision: withdraw your recommendation to change a verdict."))
    answer = Answer.objects.select_for_update().select_related("indicator").get(pk=answer.pk)
    if answer.review_state == ReviewState.QUESTION_OPEN:
        raise ReviewError(_("A question on this answer waits on the managers: wait for their reply."))
    return answer, assignment


def _save_review(*, answer, assignment, verdict, fields, reason) -> AnswerReview:
    review, _created = AnswerReview.objects.update_or_create(
        answer=answer,
        assignment=assignment,
        defaults={"verdict": verdict, "reason": reason, "reviewed_at": timezone.now(), **fields},
    )
    _apply_agreed_value(answer)
    return review


@transaction.atomic
def answer_accept(*, answer: Answer, user) -> AnswerReview:
    """The assessor accepts the self-declared value (or the justified "not applicable") as it stands."""
    answer, assignment = _reviewable_answer(answer=answer, user=user)
    if answer.not_applicable and answer.indicator.is_minimum_requirement:
        raise ReviewError(
            _(
                "%(code)s is a minimum requirement: it cannot be accepted as “not applicable”. Correct it with the "
                "value the evidence supports, or ask the managers."
            )
            % {"code": answer.indicator.code}
        )
    if not answer.is_answered:
        raise ReviewError(_("There is no value to accept: correct it or ask a question."))
    fields = _declared_fields(answer)
    review = _save_review(
        answer=answer, assignment=assignment, verdict=AnswerReview.Verdict.ACCEPTED, fields=fields, reason=""
    )
    audit_log(
        actor=user,
        action="labelling.answer.accepted",
        target=answer,
        data={"indicator": answer.indicator.code, "assignment": assignment.pk},
    )
    return review


@transaction.atomic
def answer_correct(*, answer: Answer, user, value, reason: str) -> AnswerReview:
    """The assessor replaces the declared value with the one the evidence supports, with a reason."""
    reason = (reason or "").strip()
    answer, assignment = _reviewable_answer(answer=answer, user=user)
    fields = {**parse_indicator_value(indicator=answer.indicator, raw=value), "assessed_not_applicable": False}
    if not reason:
        raise ReviewError(_("Give the reason for the correction: the managers will read it."))
    declared = _declared_fields(answer)
    if _same_value(fields, declared):
        raise ReviewError(_("That is the declared value: accept it instead."))
    review = _save_review(
        answer=answer, assignment=assignment, verdict=AnswerReview.Verdict.CORRECTED, fields=fields, reason=reason
    )
    change = _("%(old)s → %(new)s") % {
        "old": format_value(
            indicator=answer.indicator,
            number=declared["assessed_number"],
            boolean=declared["assessed_bool"],
            choice=declared["assessed_choice"],
            not_applicable=declared["assessed_not_applicable"],
        ),
        "new": format_value(
            indicator=answer.indicator,
            number=fields["assessed_number"],
            boolean=fields["assessed_bool"],
            choice=fields["assessed_choice"],
        ),
    }
    AnswerMessage.objects.create(
        answer=answer,
        author=user,
        author_role=AnswerMessage.Role.ASSESSOR,
        kind=AnswerMessage.Kind.CORRECTION,
        body=reason,
        value_change=change[:200],
    )
    audit_log(
        actor=user,
        action="labelling.answer.corrected",
        target=answer,
        data={
            "indicator": answer.indicator.code,
            "assignment": assignment.pk,
            "declared": {k: _jsonable(v) for k, v in declared.items()},
            "corrected": {k: _jsonable(v) for k, v in fields.items()},
            "reason": reason[:500],
        },
    )
    return review


def _jsonable(value):
    return str(value) if isinstance(value, Decimal) else value


@transaction.atomic
def answer_ask(*, answer: Answer, user, body: str) -> AnswerMessage:
    """The assessor asks the managers about one answer; only that answer reopens for them."""
    body = (body or "").strip()
    if not body:
        raise ReviewError(_("Write the question."))
    answer, assignment = _reviewable_answer(answer=answer, user=user)
    message = AnswerMessage.objects.create(
        answer=answer, author=user, author_role=AnswerMessage.Role.ASSESSOR, kind=AnswerMessage.Kind.QUESTION, body=body
    )
    # The asking assessor's earlier verdict no longer stands; the other's stays unless the value changes.
    AnswerReview.objects.filter(answer=answer, assignment=assignment).delete()
    Answer.objects.filter(pk=answer.pk).update(
        review_state=ReviewState.QUESTION_OPEN,
        is_reopened=True,
        assessed_number=None,
        assessed_bool=None,
        assessed_choice="",
        assessed_not_applicable=False,
    )
    answer.review_state = ReviewState.QUESTION_OPEN
    answer.is_reopened = True
    audit_log(
        actor=user,
        action="labelling.answer.question_asked",
        target=answer,
        data={"indicator": answer.indicator.code, "message": message.pk},
    )
    assessment = answer.assessment
    _notify(
        recipients=_manager_emails(assessment.organisation_id),
        subject=_("An assessor asks about indicator %(code)s") % {"code": answer.indicator.code},
        template="labelling/email/question.txt",
        context={
            "assessment": assessment,
            "answer": answer,
            "message": message,
            "url": reverse("labelling:assessment_questions", args=[assessment.pk]),
        },
    )
    return message


@transaction.atomic
def answer_reply(
    *,
    answer: Answer,
    user,
    body: str,
    value=None,
    not_applicable: bool = False,
    justification: str = "",
    send_back: bool = True,
) -> AnswerMessage:
    """A manager answers a question, may change the value, and (by default) sends the answer back."""
    body = (body or "").strip()
    assessment = Assessment.objects.select_for_update().select_related("organisation").get(pk=answer.assessment_id)
    if not permissions.can_manage_assessment(user, assessment):
        raise ReviewError(_("Only the organisation's managers answer the assessors' questions."))
    if assessment.status != Status.IN_REVIEW:
        raise ReviewError(_("The review is over: questions can no longer be answered."))
    answer = Answer.objects.select_for_update().select_related("indicator").get(pk=answer.pk)
    if answer.review_state != ReviewState.QUESTION_OPEN or not answer.is_reopened:
        raise ReviewError(_("There is no open question on this answer (perhaps it was answered already)."))
    if not body:
        raise ReviewError(_("Write your reply to the assessor."))
    change = ""
    new = None
    if not_applicable:
        if answer.indicator.is_minimum_requirement:
            raise ReviewError(
                _("%(code)s is a minimum requirement: it cannot be “not applicable”. Give its value.")
                % {"code": answer.indicator.code}
            )
        justification = (justification or "").strip()
        if not justification:
            raise ReviewError(_("Say why the indicator does not apply."))
        new = {
            "value_number": None,
            "value_bool": None,
            "value_choice": "",
            "not_applicable": True,
            "justification": justification[:4000],
        }
    elif value not in (None, ""):
        parsed = parse_indicator_value(indicator=answer.indicator, raw=value)
        new = {
            "value_number": parsed["assessed_number"],
            "value_bool": parsed["assessed_bool"],
            "value_choice": parsed["assessed_choice"],
            "not_applicable": False,
            "justification": "",
        }
    if new is not None:
        before = _declared_fields(answer)
        after = {
            "assessed_number": new["value_number"],
            "assessed_bool": new["value_bool"],
            "assessed_choice": new["value_choice"],
            "assessed_not_applicable": new["not_applicable"],
        }
        if not _same_value(before, after):
            old_text = format_value(
                indicator=answer.indicator,
                number=before["assessed_number"],
                boolean=before["assessed_bool"],
                choice=before["assessed_choice"],
                not_applicable=before["assessed_not_applicable"],
            )
            for key, val in new.items():
                setattr(answer, key, val)
            answer.version += 1
            answer.updated_at = timezone.now()
            answer.updated_by = user
            answer.save(update_fields=[*new.keys(), "version", "updated_at", "updated_by"])
            change = _("%(old)s → %(new)s") % {
                "old": old_text,
                "new": format_value(
                    indicator=answer.indicator,
                    number=after["assessed_number"],
                    boolean=after["assessed_bool"],
                    choice=after["assessed_choice"],
                    not_applicable=after["assessed_not_applicable"],
                ),
            }
            # Verdicts were on the old value.
            AnswerReview.objects.filter(answer=answer).delete()
            audit_log(
                actor=user,
                action="labelling.answer.changed_on_question",
                target=answer,
                data={
                    "indicator": answer.indicator.code,
                    "before": {k: _jsonable(v) for k, v in before.items()},
                    "after": {k: _jsonable(v) for k, v in after.items()},
                },
            )
    message = AnswerMessage.objects.create(
        answer=answer,
        author=user,
        author_role=AnswerMessage.Role.MANAGER,
        kind=AnswerMessage.Kind.REPLY if send_back else AnswerMessage.Kind.NOTE,
        body=body,
        value_change=change[:200],
    )
    if send_back:
        if answer.updated_at:
            # The value may also have been changed on the self-assessment page while reopened: verdicts given
            # before the change no longer apply.
            AnswerReview.objects.filter(answer=answer, reviewed_at__lt=answer.updated_at).delete()
        Answer.objects.filter(pk=answer.pk).update(review_state=ReviewState.ANSWERED, is_reopened=False)
        answer.review_state = ReviewState.ANSWERED
        answer.is_reopened = False
        _apply_agreed_value(answer)
        audit_log(
            actor=user,
            action="labelling.answer.sent_back",
            target=answer,
            data={"indicator": answer.indicator.code, "message": message.pk, "value_changed": bool(change)},
        )
        _notify(
            recipients=list(
                assessment.assignments.filter(status=AssessorAssignment.Status.ACTIVE).values_list(
                    "assessor__email", flat=True
                )
            ),
            subject=_("The managers answered on indicator %(code)s") % {"code": answer.indicator.code},
            template="labelling/email/answered.txt",
            context={
                "assessment": assessment,
                "answer": answer,
                "message": message,
                "url": reverse("labelling:review_assessment", args=[assessment.pk]),
            },
        )
    return message


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
        _transition(
            assessment=assessment,
            allowed_from=[Status.IN_REVIEW],
            to=Status.RECOMMENDED,
            user=user,
            action="labelling.assessment.recommended",
            data={"recommendation": recommendation},
        )
        _notify(
            recipients=_coordinator_emails(),
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
    from labelling.review.selectors import assessment_outcome

    outcome = assessment_outcome(assessment=assessment)
    return Departure(
        reached=outcome.reached, computed_reasons="\n".join(outcome.reasons), departs=award != outcome.reached
    )


def _check_departure_reason(*, departure: Departure, award: bool, departure_reason: str) -> str:
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


def _audit_departure(*, user, assessment: Assessment, departure: Departure, award: bool, reason: str, **data) -> None:
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
    if not permissions.can_decide(user, assessment):
        raise ReviewError(_("Only a coordinator who took no part in the review decides."))
    if not reasons:
        raise ReviewError(_("Give the reasons of the decision: the managers receive them."))
    if assessment.status != Status.RECOMMENDED:
        raise ReviewError(
            _("This assessment is %(status)s: that step is not possible now.")
            % {"status": assessment.get_status_display()}
        )
    departure = decision_departure(assessment=assessment, award=award)
    departure_reason = _check_departure_reason(departure=departure, award=award, departure_reason=departure_reason)
    _transition(
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
    _audit_departure(
        user=user,
        assessment=assessment,
        departure=departure,
        award=award,
        reason=departure_reason,
        decision=decision.pk,
    )
    label = label_award(assessment=assessment, user=user) if award else None
    _benchmarks_refresh(user=user)
    _notify(
        recipients=_manager_emails(assessment.organisation_id),
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


def _benchmarks_refresh(*, user) -> None:
    """A decision adds a reviewed assessment: the peer statistics are recomputed (one run at a time, on commit)."""
    from benchmarking.services import peer_statistics_request_recompute

    peer_statistics_request_recompute(user=user)


def appeal_deadline(*, assessment: Assessment) -> datetime.datetime | None:
    """The last moment a rejection can be appealed."""
    decided = assessment.decided_at
    return decided + datetime.timedelta(days=APPEAL_WINDOW_DAYS) if decided else None


@transaction.atomic
def appeal_file(*, assessment: Assessment, user, reasons: str) -> Appeal:
    """A manager of a rejected organisation appeals within 30 days, with the grounds."""
    reasons = (reasons or "").strip()
    assessment = Assessment.objects.select_for_update().select_related("organisation").get(pk=assessment.pk)
    if not permissions.can_appeal(user, assessment):
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
    _transition(
        assessment=assessment,
        allowed_from=[Status.REJECTED],
        to=Status.APPEALED,
        user=user,
        action="labelling.assessment.appealed",
    )
    appeal = Appeal.objects.create(assessment=assessment, filed_by=user, reasons=reasons)
    audit_log(actor=user, action="labelling.appeal.filed", target=appeal, data={"assessment": assessment.pk})
    _notify(
        recipients=_coordinator_emails(),
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
    if not permissions.can_decide_appeal(user, appeal):
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
    departure_reason = _check_departure_reason(departure=departure, award=uphold, departure_reason=departure_reason)
    _transition(
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
    _audit_departure(
        user=user, assessment=assessment, departure=departure, award=uphold, reason=departure_reason, appeal=appeal.pk
    )
    label = label_award(assessment=assessment, user=user) if uphold else None
    _benchmarks_refresh(user=user)
    _notify(
        recipients=_manager_emails(assessment.organisation_id),
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


# --- E-mail --------------------------------------------------------------------------------------------------------


def _manager_emails(organisation_id) -> list[str]:
    from platform_directory.models import OrganisationMembership

    return list(
        OrganisationMembership.objects.filter(
            organisation_id=organisation_id, role=OrganisationMembership.Role.MANAGER, user__is_active=True
        ).values_list("user__email", flat=True)
    )


def _coordinator_emails() -> list[str]:
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.filter(is_staff=True, is_active=True).values_list("email", flat=True))


def _notify(*, recipients: Sequence[str], subject: str, template: str, context: dict) -> None:
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
