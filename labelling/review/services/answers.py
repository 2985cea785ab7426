"""The assessors' review of each answer: the value they accept or correct, the questions they ask and the
manager's replies, and the agreed value written back onto the answer."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from labelling.framework import scoring
from labelling.framework.levels import required_assessor_count
from labelling.framework.validation import parse_answer_input
from labelling.models import Answer, Assessment, Indicator
from labelling.review.models import (
    AnswerMessage,
    AnswerReview,
    AssessorAssignment,
)
from labelling.review.services import ReviewError
from labelling.review.services.notify import manager_emails, notify
from labelling.selfassessment import permissions
from portal.audit import audit_log

Status = Assessment.Status
ReviewState = Answer.ReviewState


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


def _review_fields(review: AnswerReview) -> dict:
    return {
        "assessed_number": review.assessed_number,
        "assessed_bool": review.assessed_bool,
        "assessed_choice": review.assessed_choice,
        "assessed_not_applicable": review.assessed_not_applicable,
    }


def apply_agreed_value(answer: Answer) -> None:
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
    apply_agreed_value(answer)
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
        "old": scoring.format_answer_value(
            indicator=answer.indicator,
            number=declared["assessed_number"],
            boolean=declared["assessed_bool"],
            choice=declared["assessed_choice"],
            not_applicable=declared["assessed_not_applicable"],
        ),
        "new": scoring.format_answer_value(
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
    notify(
        recipients=manager_emails(assessment.organisation_id),
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
            old_text = scoring.format_answer_value(
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
                "new": scoring.format_answer_value(
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
        apply_agreed_value(answer)
        audit_log(
            actor=user,
            action="labelling.answer.sent_back",
            target=answer,
            data={"indicator": answer.indicator.code, "message": message.pk, "value_changed": bool(change)},
        )
        notify(
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
