"""Writes of the self-assessment: starting an assessment, saving answers as they are typed, evidence files and
the document library, Silver improvement declarations, submitting and withdrawing.

Every function checks who acts and the state, and raises `AssessmentError` (a message for the person acting)
when the step is not allowed; nothing is half-written. Transitions use a conditional UPDATE so a double submit
changes nothing twice, and each writes an audit event "labelling.assessment.<verb>".
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from labelling.framework import selectors as framework_selectors
from labelling.framework.levels import SILVER_IMPROVEMENTS_REQUIRED, Level
from labelling.framework.validation import parse_answer_input
from labelling.models import (
    Answer,
    Assessment,
    EvidenceDocument,
    ImprovementDeclaration,
    Indicator,
)
from labelling.selfassessment import permissions, selectors
from labelling.selfassessment.models import level_indicator_queryset
from labelling.selfassessment.uploads import FileRejected, check_upload
from portal.audit import audit_log

Status = Assessment.Status
WITHDRAWABLE = (Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW)
REOPENED_EDITABLE = (Status.SUBMITTED, Status.IN_REVIEW)


class AssessmentError(Exception):
    """A self-assessment step that is not allowed now; `messages` lists every reason (the first is the str)."""

    def __init__(self, message, messages: list[str] | None = None):
        self.messages = messages or [str(message)]
        super().__init__(str(message))


class AnswerInvalid(AssessmentError):
    """The input of an answer has errors, per field (`errors`); nothing was saved."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(_("Please correct the marked fields."), list(errors.values()))


class AnswerConflict(AssessmentError):
    """Someone saved the answer since the user loaded it; `current` is the stored answer, nothing was saved."""

    def __init__(self, current: Answer):
        self.current = current
        super().__init__(
            _("%(who)s saved this answer at %(time)s; your change was not saved.")
            % {
                "who": current.updated_by or _("Someone else"),
                "time": timezone.localtime(current.updated_at).strftime("%H:%M:%S") if current.updated_at else "?",
            }
        )


class SubmitBlocked(AssessmentError):
    """The assessment cannot be submitted; `messages` lists everything that blocks."""


def _require_manager(user, assessment: Assessment) -> None:
    if not permissions.can_manage_assessment(user, assessment):
        raise AssessmentError(_("Only a manager of %(org)s can do this.") % {"org": assessment.organisation})


def answer_is_editable(answer: Answer, assessment: Assessment | None = None) -> bool:
    """Editable while the assessment is a draft, or when an assessor's question reopened this one answer."""
    assessment = assessment or answer.assessment
    return assessment.status == Status.DRAFT or (answer.is_reopened and assessment.status in REOPENED_EDITABLE)


def _require_editable(answer: Answer, assessment: Assessment) -> None:
    if not answer_is_editable(answer, assessment):
        raise AssessmentError(
            _("This answer cannot be changed: the assessment is %(status)s.")
            % {"status": assessment.get_status_display()}
        )


# --- Start ----------------------------------------------------------------------------------------------------------


def assessment_start(*, user, organisation, level: str) -> Assessment:
    """Start an assessment of `level` for `organisation`, pinned to the current framework, with one empty answer
    per indicator of the level. Refused with the eligibility reasons."""
    if level not in Level.values:
        raise AssessmentError(_("Choose Bronze, Silver or Gold."))
    if not permissions.can_start_assessment(user, organisation):
        raise AssessmentError(_("Only a manager of %(org)s can start its assessments.") % {"org": organisation})
    eligibility = selectors.assessment_eligibility(organisation=organisation, level=level)
    if not eligibility.allowed:
        raise AssessmentError(eligibility.reasons[0], eligibility.reasons)
    framework = framework_selectors.framework_current()
    if framework is None:
        raise AssessmentError(_("No published indicator framework exists yet."))
    now = timezone.now()
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                organisation=organisation,
                level=level,
                framework=framework,
                is_renewal=eligibility.is_renewal,
                started_by=user,
                started_at=now,
                status_changed_at=now,
            )
            Answer.objects.bulk_create(
                Answer(assessment=assessment, indicator=indicator)
                for indicator in level_indicator_queryset(framework.pk, level)
            )
            audit_log(
                actor=user,
                action="labelling.assessment.started",
                target=assessment,
                data={"level": level, "framework": str(framework), "renewal": eligibility.is_renewal},
            )
    except IntegrityError as error:  # a second start at the same moment
        raise AssessmentError(
            _("An assessment of %(level)s is already open for %(org)s.")
            % {"level": Level(level).label, "org": organisation}
        ) from error
    return assessment


# --- Answers --------------------------------------------------------------------------------------------------------


def answer_save(*, user, answer: Answer, data: Mapping, expected_version: int | None) -> Answer:
    """Save one answer as typed. Validates field by field (AnswerInvalid, nothing saved); refuses when someone
    saved in between (`expected_version` differs: AnswerConflict with the stored answer). Returns the answer."""
    assessment = answer.assessment
    _require_manager(user, assessment)
    _require_editable(answer, assessment)
    cleaned = parse_answer_input(answer.indicator, data)
    if not cleaned.is_valid:
        raise AnswerInvalid(cleaned.errors)
    if expected_version is None:
        expected_version = answer.version
    now = timezone.now()
    fields = {
        "value_number": cleaned.value_number,
        "value_bool": cleaned.value_bool,
        "value_choice": cleaned.value_choice,
        "not_applicable": cleaned.not_applicable,
        "justification": cleaned.justification if cleaned.not_applicable else "",
        "comment": cleaned.comment,
        "updated_at": now,
        "updated_by_id": user.pk,
    }
    with transaction.atomic():
        # The state is checked again inside the UPDATE: a submit between load and save freezes the answer.
        editable = Q(assessment__status=Status.DRAFT) | Q(is_reopened=True, assessment__status__in=REOPENED_EDITABLE)
        changed = Answer.objects.filter(editable, pk=answer.pk, version=expected_version).update(
            version=F("version") + 1, **fields
        )
        if not changed:
            current = Answer.objects.select_related("updated_by", "indicator", "assessment").get(pk=answer.pk)
            if not answer_is_editable(current, current.assessment):
                raise AssessmentError(
                    _("This answer cannot be changed any more: the assessment is %(status)s.")
                    % {"status": current.assessment.get_status_display()}
                )
            raise AnswerConflict(current)
        if assessment.status != Status.DRAFT:
            audit_log(
                actor=user,
                action="labelling.answer.changed",
                target=assessment,
                data={"indicator": answer.indicator.code, "reopened": True},
            )
    for key, value in fields.items():
        setattr(answer, key, value)
    answer.version = expected_version + 1
    answer.updated_by = user
    return answer


# --- Evidence -------------------------------------------------------------------------------------------------------


def evidence_upload(*, user, assessment: Assessment, upload, answer: Answer | None = None) -> EvidenceDocument:
    """Store an uploaded file in the organisation's evidence library (type checked by content, at most 20 MB)
    and attach it to `answer` if given."""
    _require_manager(user, assessment)
    if answer is not None:
        if answer.assessment_id != assessment.pk:
            raise AssessmentError(_("This answer belongs to another assessment."))
        _require_editable(answer, assessment)
    elif assessment.status in Assessment.CLOSED_STATUSES:
        raise AssessmentError(_("This assessment is closed."))
    try:
        content_type = check_upload(upload)
    except FileRejected as error:
        raise AssessmentError(str(error)) from error
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    original_name = (upload.name or "evidence").replace("/", "_").replace("\\", "_")[-255:]
    with transaction.atomic():
        document = EvidenceDocument(
            organisation=assessment.organisation,
            original_name=original_name,
            content_type=content_type,
            size=upload.size,
            sha256=digest.hexdigest(),
            uploaded_by=user,
        )
        document.file.save(original_name, upload, save=False)
        try:
            document.save()
            if answer is not None:
                answer.evidence.add(document)
            audit_log(
                actor=user,
                action="labelling.evidence.uploaded",
                target=assessment,
                data={
                    "document": document.pk,
                    "name": original_name,
                    "sha256": document.sha256,
                    "indicator": answer.indicator.code if answer else None,
                },
            )
        except Exception:
            document.file.delete(save=False)  # no orphan file when the row is not written
            raise
    return document


def evidence_attach(*, user, answer: Answer, document: EvidenceDocument) -> None:
    """Attach a file of the organisation's library to one more answer."""
    assessment = answer.assessment
    _require_manager(user, assessment)
    _require_editable(answer, assessment)
    if document.organisation_id != assessment.organisation_id:
        raise AssessmentError(_("This file belongs to another organisation's library."))
    with transaction.atomic():
        answer.evidence.add(document)
        audit_log(
            actor=user,
            action="labelling.evidence.attached",
            target=assessment,
            data={"document": document.pk, "indicator": answer.indicator.code},
        )


def evidence_detach(*, user, answer: Answer, document: EvidenceDocument) -> None:
    """Remove a file from one answer (the file stays in the library)."""
    assessment = answer.assessment
    _require_manager(user, assessment)
    _require_editable(answer, assessment)
    with transaction.atomic():
        answer.evidence.remove(document)
        audit_log(
            actor=user,
            action="labelling.evidence.detached",
            target=assessment,
            data={"document": document.pk, "indicator": answer.indicator.code},
        )


# --- Silver improvements --------------------------------------------------------------------------------------------


def improvement_declare(
    *, user, assessment: Assessment, indicator: Indicator, explanation: str
) -> ImprovementDeclaration:
    """Silver: declare (or update the explanation of) one of the three indicators improved since the Bronze."""
    _require_manager(user, assessment)
    if assessment.level != Level.SILVER:
        raise AssessmentError(_("Improvements are declared for Silver assessments only."))
    if assessment.status != Status.DRAFT:
        raise AssessmentError(_("Improvements can be changed only while the assessment is a draft."))
    explanation = (explanation or "").strip()
    if not explanation:
        raise AssessmentError(_("Explain what improved and how."))
    if len(explanation) > 4000:
        raise AssessmentError(_("At most 4000 characters."))
    if not assessment.answers.filter(indicator=indicator).exists():
        raise AssessmentError(_("Choose an indicator of this assessment."))
    with transaction.atomic():
        Assessment.objects.select_for_update().get(pk=assessment.pk)  # serialise the count check
        existing = ImprovementDeclaration.objects.filter(assessment=assessment, indicator=indicator).first()
        if existing is None and assessment.improvements.count() >= SILVER_IMPROVEMENTS_REQUIRED:
            raise AssessmentError(
                _("Exactly %(n)d improved indicators are declared: remove one first.")
                % {"n": SILVER_IMPROVEMENTS_REQUIRED}
            )
        declaration, _created = ImprovementDeclaration.objects.update_or_create(
            assessment=assessment, indicator=indicator, defaults={"explanation": explanation}
        )
        audit_log(
            actor=user,
            action="labelling.improvement.declared",
            target=assessment,
            data={"indicator": indicator.code},
        )
    return declaration


def improvement_remove(*, user, declaration: ImprovementDeclaration) -> None:
    """Silver: remove one improvement declaration while drafting."""
    assessment = declaration.assessment
    _require_manager(user, assessment)
    if assessment.status != Status.DRAFT:
        raise AssessmentError(_("Improvements can be changed only while the assessment is a draft."))
    with transaction.atomic():
        code = declaration.indicator.code
        declaration.delete()
        audit_log(actor=user, action="labelling.improvement.removed", target=assessment, data={"indicator": code})


# --- Submit and withdraw --------------------------------------------------------------------------------------------


def assessment_submit_blockers(*, assessment: Assessment) -> list[str]:
    """Everything that stops the assessment from being submitted (empty when it can be)."""
    blockers: list[str] = []
    eligibility = selectors.assessment_eligibility(
        organisation=assessment.organisation,
        level=assessment.level,
        on=timezone.localtime(assessment.started_at).date(),
        exclude=assessment,
    )
    blockers.extend(eligibility.reasons)
    if not assessment.organisation.is_validated and not any("validated" in r for r in eligibility.reasons):
        blockers.append(_("The directory profile is not validated."))
    for answer in selectors.assessment_answers(assessment=assessment):
        missing = selectors.answer_missing(answer)
        if missing:
            blockers.append(
                _("%(code)s %(name)s: %(missing)s missing")
                % {"code": answer.indicator.code, "name": answer.indicator.name, "missing": ", ".join(missing)}
            )
    if assessment.level == Level.SILVER:
        declared = assessment.improvements.count()
        if declared != SILVER_IMPROVEMENTS_REQUIRED:
            blockers.append(
                _("Silver: declare %(required)d improved indicators with an explanation each (%(declared)d declared).")
                % {"required": SILVER_IMPROVEMENTS_REQUIRED, "declared": declared}
            )
    return blockers


def assessment_submit(*, user, assessment: Assessment) -> Assessment:
    """Submit a complete draft for review: checks completeness and eligibility (SubmitBlocked lists what
    blocks), then freezes the answers. A second submit changes nothing and says so."""
    _require_manager(user, assessment)
    if assessment.status != Status.DRAFT:
        raise AssessmentError(
            _("This assessment is already %(status)s: it cannot be submitted again.")
            % {"status": assessment.get_status_display()}
        )
    blockers = assessment_submit_blockers(assessment=assessment)
    if blockers:
        raise SubmitBlocked(_("The assessment cannot be submitted yet."), blockers)
    now = timezone.now()
    with transaction.atomic():
        changed = Assessment.objects.filter(pk=assessment.pk, status=Status.DRAFT).update(
            status=Status.SUBMITTED, submitted_at=now, status_changed_at=now
        )
        if not changed:
            raise AssessmentError(_("This assessment was submitted already: nothing was done twice."))
        audit_log(
            actor=user,
            action="labelling.assessment.submitted",
            target=assessment,
            data={"from": Status.DRAFT, "to": Status.SUBMITTED, "level": assessment.level},
        )
    assessment.status, assessment.submitted_at, assessment.status_changed_at = Status.SUBMITTED, now, now
    return assessment


def assessment_withdraw(*, user, assessment: Assessment, reason: str = "") -> Assessment:
    """Withdraw an assessment that is not decided yet (draft, submitted or in review)."""
    _require_manager(user, assessment)
    now = timezone.now()
    with transaction.atomic():
        changed = Assessment.objects.filter(pk=assessment.pk, status__in=WITHDRAWABLE).update(
            status=Status.WITHDRAWN, status_changed_at=now
        )
        if not changed:
            current = Assessment.objects.get(pk=assessment.pk)
            raise AssessmentError(
                _("This assessment is %(status)s: it can no longer be withdrawn.")
                % {"status": current.get_status_display()}
            )
        audit_log(
            actor=user,
            action="labelling.assessment.withdrawn",
            target=assessment,
            data={"from": assessment.status, "to": Status.WITHDRAWN, "reason": reason[:1000]},
        )
    assessment.status, assessment.status_changed_at = Status.WITHDRAWN, now
    return assessment
