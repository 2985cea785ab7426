"""Reads of the self-assessment side: the current framework, eligibility with reasons, an assessment's answers,
progress, requirements and score preview, the evidence library and the managers' list of assessments."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import CharField, Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from labelling.certificates.selectors import add_months, label_renewal_window
from labelling.framework import scoring
from labelling.framework.levels import (
    SILVER_AFTER_BRONZE_MONTHS,
    Level,
)
from labelling.models import (
    Answer,
    Assessment,
    Dimension,
    EvidenceDocument,
    ImprovementDeclaration,
    Indicator,
    Label,
)
from labelling.review.models import Appeal
from labelling.selfassessment import permissions
from labelling.selfassessment.models import level_indicator_queryset
from portal import roles
from portal.models import AuditEvent

# --- Eligibility ----------------------------------------------------------------------------------------------------


@dataclass
class Eligibility:
    """Whether an organisation may start (or submit) an assessment of a level, with every reason it may not."""

    allowed: bool
    reasons: list[str] = field(default_factory=list)
    is_renewal: bool = False
    notes: list[str] = field(default_factory=list)


def assessment_eligibility(
    *, organisation, level: str, on: datetime.date | None = None, exclude: Assessment | None = None
) -> Eligibility:
    """Check the rules of domain.md for starting an assessment of `level` on day `on` (today by default).

    Validated directory profile; at most one open assessment per organisation and level (`exclude` skips the
    assessment being submitted); Silver needs a Bronze label awarded 18-24 months earlier unless it renews a
    Silver; a label of the same level may be renewed from 6 months before its expiry to 12 months after it.
    """
    on = on or timezone.localdate()
    level_name = Level(level).label
    reasons: list[str] = []
    notes: list[str] = []
    if not organisation.is_validated:
        reasons.append(
            _("The directory profile of %(org)s is not validated (%(status)s); a coordinator must validate it first.")
            % {"org": organisation.name, "status": organisation.get_validation_status_display()}
        )
    open_qs = Assessment.objects.filter(organisation=organisation, level=level).exclude(
        status__in=Assessment.CLOSED_STATUSES
    )
    if exclude is not None:
        open_qs = open_qs.exclude(pk=exclude.pk)
    current = open_qs.first()
    if current is not None:
        reasons.append(
            _("An assessment of %(level)s is already open (%(status)s, started %(date)s): continue that one.")
            % {"level": level_name, "status": current.get_status_display(), "date": current.started_at.date()}
        )
    labels = list(
        Label.objects.filter(organisation=organisation).exclude(status=Label.Status.WITHDRAWN).order_by("-valid_until")
    )
    same_level = next((lab for lab in labels if lab.level == level), None)
    is_renewal = False
    if same_level is not None:
        window_opens, window_closes = label_renewal_window(same_level)
        if on < window_opens:
            reasons.append(
                _(
                    "The %(level)s label %(number)s is valid until %(until)s: its renewal may start from %(opens)s "
                    "(6 months before expiry)."
                )
                % {
                    "level": level_name,
                    "number": same_level.number,
                    "until": same_level.valid_until,
                    "opens": window_opens,
                }
            )
        elif on <= window_closes:
            is_renewal = True
            notes.append(
                _("This renews the %(level)s label %(number)s (valid until %(until)s).")
                % {"level": level_name, "number": same_level.number, "until": same_level.valid_until}
            )
    if level == Level.SILVER and not is_renewal:
        earliest_ok = add_months(on, -SILVER_AFTER_BRONZE_MONTHS[1])
        latest_ok = add_months(on, -SILVER_AFTER_BRONZE_MONTHS[0])
        bronzes = [lab for lab in labels if lab.level == Level.BRONZE]
        if not any(earliest_ok <= lab.awarded_on <= latest_ok for lab in bronzes):
            if not bronzes:
                reasons.append(_("Silver needs a Bronze label awarded 18 to 24 months earlier; there is none yet."))
            else:
                last = max(bronzes, key=lambda lab: lab.awarded_on)
                if last.awarded_on > latest_ok:
                    reasons.append(
                        _(
                            "Silver needs a Bronze label awarded 18 to 24 months earlier: yours (%(number)s) was "
                            "awarded on %(date)s, so Silver may start from %(from)s."
                        )
                        % {"number": last.number, "date": last.awarded_on, "from": add_months(last.awarded_on, 18)}
                    )
                else:
                    reasons.append(
                        _(
                            "Silver needs a Bronze label awarded 18 to 24 months earlier: yours (%(number)s) was "
                            "awarded on %(date)s, more than 24 months ago. Start a new Bronze assessment first."
                        )
                        % {"number": last.number, "date": last.awarded_on}
                    )
    return Eligibility(allowed=not reasons, reasons=reasons, is_renewal=is_renewal, notes=notes)


def eligibility_table(*, user) -> list[dict]:
    """For each organisation the user manages: each level with its eligibility (for the start page)."""
    rows = []
    for organisation in roles.managed_organisations(user).order_by("name"):
        rows.append(
            {
                "organisation": organisation,
                "levels": [
                    (level, assessment_eligibility(organisation=organisation, level=level.value)) for level in Level
                ],
            }
        )
    return rows


# --- Assessments ----------------------------------------------------------------------------------------------------


def assessment_get_for_user(*, user, pk: int) -> Assessment:
    """The assessment if the user may see it; raises Assessment.DoesNotExist (a 404) for everyone else."""
    assessment = Assessment.objects.select_related("organisation", "framework", "started_by").get(pk=pk)
    if not permissions.can_see_assessment(user, assessment):
        raise Assessment.DoesNotExist
    return assessment


def assessments_for_user(*, user) -> QuerySet[Assessment]:
    """Assessments of the organisations the user belongs to (manager or viewer), newest first."""
    if not user.is_authenticated:
        return Assessment.objects.none()
    return (
        Assessment.objects.filter(organisation__memberships__user=user)
        .select_related("organisation", "framework")
        .annotate(
            answered_count=Count(
                "answers",
                filter=Q(answers__not_applicable=True)
                | Q(answers__value_number__isnull=False)
                | Q(answers__value_bool__isnull=False)
                | ~Q(answers__value_choice=""),
            ),
            answer_count=Count("answers"),
            reopened_count=Count("answers", filter=Q(answers__is_reopened=True)),
        )
        .order_by("-started_at")
        .distinct()
    )


def assessment_answers(*, assessment: Assessment, dimension: Dimension | None = None) -> list[Answer]:
    """The answers of the assessment's level, in framework order, with indicator, dimension and evidence (3 queries)."""
    qs = (
        Answer.objects.filter(assessment=assessment)
        .select_related("indicator", "indicator__dimension", "updated_by")
        .prefetch_related(Prefetch("evidence", queryset=EvidenceDocument.objects.order_by("original_name")))
        .order_by("indicator__position")
    )
    if dimension is not None:
        qs = qs.filter(indicator__dimension=dimension)
    return list(qs)


@dataclass
class DimensionProgress:
    dimension: Dimension
    answered: int
    total: int
    answers: list = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 100

    @property
    def complete(self) -> bool:
        return self.answered == self.total


@dataclass
class RequirementRow:
    """One row of the requirements table: an indicator the level asks and what is still missing for it."""

    indicator: Indicator
    answer: Answer | None
    colour: str | None
    missing: list[str]


def answer_missing(answer: Answer) -> list[str]:
    """What an answer still lacks before it can be submitted (empty when complete)."""
    missing = []
    if answer.not_applicable and answer.indicator.is_minimum_requirement:
        missing.append(_("a value (a minimum requirement cannot be “not applicable”)"))
    elif not answer.is_answered:
        missing.append(_("a value") if not answer.not_applicable else _("a justification"))
    left_out = answer.not_applicable and not answer.indicator.is_minimum_requirement
    if answer.indicator.evidence_required and not left_out and not list(answer.evidence.all()):
        missing.append(_("an evidence file"))
    return missing


@dataclass
class AssessmentOverview:
    """Everything the overview page of an assessment shows, from a fixed number of queries."""

    assessment: Assessment
    answers: list[Answer]
    dimensions: list[DimensionProgress]
    requirements: list[RequirementRow]
    improvements: list[ImprovementDeclaration]
    preview: scoring.Outcome
    answered: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0


def assessment_overview(*, assessment: Assessment) -> AssessmentOverview:
    """Progress per dimension, the requirements table and the score preview on the self-declared values."""
    answers = assessment_answers(assessment=assessment)
    dimensions: dict[int, DimensionProgress] = {}
    requirements = []
    for answer in answers:
        indicator = answer.indicator
        progress = dimensions.setdefault(
            indicator.dimension_id, DimensionProgress(dimension=indicator.dimension, answered=0, total=0)
        )
        missing = answer_missing(answer)
        row = RequirementRow(
            indicator=indicator,
            answer=answer,
            colour=None if answer.not_applicable else scoring.indicator_colour(indicator, answer.declared_value),
            missing=missing,
        )
        progress.total += 1
        progress.answers.append(row)
        if not missing:
            progress.answered += 1
        requirements.append(row)
    items = scoring.items_from_answers(
        [a.indicator for a in answers], {a.indicator_id: a for a in answers}, use="declared"
    )
    improvements = list(assessment.improvements.select_related("indicator").order_by("indicator__position"))
    checks = (
        silver_improvement_checks(assessment=assessment, answers=answers, use="declared")
        if assessment.level == Level.SILVER
        else []
    )
    preview = scoring.level_outcome(assessment.level, items, improvements=checks)
    answered = sum(p.answered for p in dimensions.values())
    return AssessmentOverview(
        assessment=assessment,
        answers=answers,
        dimensions=sorted(dimensions.values(), key=lambda p: p.dimension.number),
        requirements=requirements,
        improvements=improvements,
        preview=preview,
        answered=answered,
        total=len(answers),
    )


# --- Silver improvements over the Bronze ---------------------------------------------------------------------------


def silver_reference_bronze(*, assessment: Assessment) -> Assessment | None:
    """The Bronze assessment a Silver's improvements are compared with: the organisation's latest awarded Bronze
    decided before the Silver started (one query)."""
    if assessment.level != Level.SILVER:
        return None
    return (
        Assessment.objects.filter(
            organisation_id=assessment.organisation_id, level=Level.BRONZE, status=Assessment.Status.AWARDED
        )
        .filter(Q(decided_at__isnull=True) | Q(decided_at__lte=assessment.started_at))
        .exclude(pk=assessment.pk)
        .order_by(F("decided_at").desc(nulls_last=True), "-pk")
        .first()
    )


def accepted_values_by_code(*, assessment: Assessment) -> dict[str, str]:
    """{indicator code: the value the assessors accepted, as people read it} for one assessment (one query)."""
    result = {}
    for answer in Answer.objects.filter(
        assessment=assessment, review_state__in=[Answer.ReviewState.ACCEPTED, Answer.ReviewState.CORRECTED]
    ).select_related("indicator"):
        value, not_applicable = _accepted(answer)
        result[answer.indicator.code] = (
            _("not applicable") if not_applicable else scoring.format_value(answer.indicator, value)
        )
    return result


@dataclass
class ImprovementRow:
    """One declared Silver improvement beside the Bronze: the value accepted then, today's declared and accepted
    values, and what the improvement is (`check`, on the accepted value once there is one, else provisional on
    the declared value)."""

    declaration: ImprovementDeclaration
    indicator: Indicator
    bronze: str
    declared: str
    accepted: str
    check: scoring.ImprovementCheck
    declared_check: scoring.ImprovementCheck
    provisional: bool
    review_state: str = ""

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def name(self) -> str:
        return self.indicator.name

    @property
    def explanation(self) -> str:
        return self.declaration.explanation


def _accepted(answer: Answer | None) -> tuple:
    """(value, not applicable) the assessors accepted, or (None, False) while not accepted."""
    if answer is None or answer.review_state not in (Answer.ReviewState.ACCEPTED, Answer.ReviewState.CORRECTED):
        return None, False
    return answer.assessed_value, answer.assessed_not_applicable


def silver_improvement_rows(*, assessment: Assessment, answers: list[Answer] | None = None) -> list[ImprovementRow]:
    """Each declared improvement of a Silver assessment against the value accepted in its Bronze assessment
    (three queries: declarations, the Bronze, its answers; plus the answers when not given)."""
    if assessment.level != Level.SILVER:
        return []
    declarations = list(assessment.improvements.select_related("indicator").order_by("indicator__position"))
    if not declarations:
        return []
    if answers is None:
        answers = list(Answer.objects.filter(assessment=assessment).select_related("indicator"))
    by_indicator = {a.indicator_id: a for a in answers}
    bronze = silver_reference_bronze(assessment=assessment)
    before: dict[str, Answer] = {}
    if bronze is not None:
        codes = [d.indicator.code for d in declarations]
        before = {
            a.indicator.code: a
            for a in Answer.objects.filter(assessment=bronze, indicator__code__in=codes).select_related("indicator")
        }
    rows = []
    for declaration in declarations:
        indicator = declaration.indicator
        answer = by_indicator.get(indicator.pk)
        bronze_value, bronze_na = _accepted(before.get(indicator.code))
        accepted_value, accepted_na = _accepted(answer)
        is_accepted = answer is not None and answer.review_state in (
            Answer.ReviewState.ACCEPTED,
            Answer.ReviewState.CORRECTED,
        )
        declared_value = answer.declared_value if answer is not None else None
        declared_na = bool(answer and answer.not_applicable)
        declared_check = scoring.improvement_check(
            indicator,
            bronze=bronze_value,
            now=declared_value,
            bronze_not_applicable=bronze_na,
            now_not_applicable=declared_na,
        )
        check = (
            scoring.improvement_check(
                indicator,
                bronze=bronze_value,
                now=accepted_value,
                bronze_not_applicable=bronze_na,
                now_not_applicable=accepted_na,
            )
            if is_accepted
            else declared_check
        )
        rows.append(
            ImprovementRow(
                declaration=declaration,
                indicator=indicator,
                bronze=check.bronze_text,
                declared=_("not applicable") if declared_na else scoring.format_value(indicator, declared_value),
                accepted=(_("not applicable") if accepted_na else scoring.format_value(indicator, accepted_value))
                if is_accepted
                else "–",
                check=check,
                declared_check=declared_check,
                provisional=not is_accepted,
                review_state=answer.get_review_state_display() if answer is not None else "",
            )
        )
    return rows


def silver_improvement_checks(
    *, assessment: Assessment, answers: list[Answer] | None = None, use: str = "assessed"
) -> list[scoring.ImprovementCheck]:
    """The checks the Silver rule counts: on the accepted values (`use="assessed"`: an improvement not accepted
    yet does not count) or, for the managers' preview, on the declared values."""
    checks = []
    for row in silver_improvement_rows(assessment=assessment, answers=answers):
        if use == "declared":
            checks.append(row.declared_check)
        elif row.provisional:
            checks.append(
                scoring.ImprovementCheck(
                    code=row.code,
                    verdict=scoring.NOT_SCORED,
                    bronze=row.check.bronze,
                    bronze_text=row.check.bronze_text,
                )
            )
        else:
            checks.append(row.check)
    return checks


def assessment_dimensions(*, assessment: Assessment) -> list[Dimension]:
    """The dimensions that have at least one indicator of the assessment's level."""
    ids = level_indicator_queryset(assessment.framework_id, assessment.level).values("dimension_id")
    return list(Dimension.objects.filter(pk__in=ids).order_by("number"))


def documents_for_organisation(*, organisation) -> QuerySet[EvidenceDocument]:
    """The organisation's evidence library, with the number of answers each file supports."""
    return (
        EvidenceDocument.objects.filter(organisation=organisation)
        .select_related("uploaded_by")
        .annotate(answer_count=Count("answers"))
        .order_by("-uploaded_at")
    )


def assessment_assessed_outcome(*, assessment: Assessment, answers: list[Answer]) -> scoring.Outcome | None:
    """The outcome on the assessors' values once any answer is reviewed (None before); the review side's
    `assessment_outcome` decides, so both sides show the same result."""
    if not any(a.review_state in (Answer.ReviewState.ACCEPTED, Answer.ReviewState.CORRECTED) for a in answers):
        return None
    return assessment_outcome(assessment=assessment, answers=answers)


def document_usage(*, assessment: Assessment) -> dict[int, list[str]]:
    """For each document id: the indicator codes of this assessment's answers it supports."""
    usage: dict[int, list[str]] = {}
    rows = Answer.evidence.through.objects.filter(answer__assessment=assessment).values_list(
        "evidencedocument_id", "answer__indicator__code"
    )
    for document_id, code in rows.order_by("answer__indicator__position"):
        usage.setdefault(document_id, []).append(code)
    return usage


def assessment_next_action(*, assessment: Assessment, user) -> str:
    """What the assessment waits for, said to the manager (needs the annotations of `assessments_for_user`)."""
    status = assessment.status
    if status == Assessment.Status.DRAFT:
        done, total = getattr(assessment, "answered_count", 0), getattr(assessment, "answer_count", 0)
        if done < total:
            return _("Fill in: %(done)d of %(total)d answered.") % {"done": done, "total": total}
        return _("Check the requirements and submit.")
    if status == Assessment.Status.SUBMITTED:
        return _("Waiting for a coordinator to assign assessors.")
    if status == Assessment.Status.IN_REVIEW:
        if getattr(assessment, "reopened_count", 0):
            return _("Answer the assessors' questions (%(n)d).") % {"n": assessment.reopened_count}
        return _("The assessors are reviewing.")
    if status == Assessment.Status.RECOMMENDED:
        return _("Waiting for the coordinators' decision.")
    if status == Assessment.Status.AWARDED:
        return _("Awarded: see the label.")
    if status == Assessment.Status.REJECTED:
        return _("Rejected: read the reasons; you may appeal within 30 days.")
    if status == Assessment.Status.APPEALED:
        return _("Appeal under consideration.")
    return _("Withdrawn.")


def assessment_history(*, assessment: Assessment, limit: int = 100):
    """The audit events of the assessment and of what belongs to it (its answers, label and appeals), newest
    first: what the managers see as the history of their assessment."""

    def ids(queryset):
        return queryset.annotate(sid=Cast("pk", CharField())).values("sid")

    condition = Q(target_type="labelling.assessment", target_id=str(assessment.pk)) | Q(
        target_type="labelling.answer", target_id__in=ids(Answer.objects.filter(assessment=assessment))
    )
    condition |= Q(target_type="labelling.label", target_id__in=ids(Label.objects.filter(assessment=assessment)))
    condition |= Q(target_type="labelling.appeal", target_id__in=ids(Appeal.objects.filter(assessment=assessment)))
    return AuditEvent.objects.filter(condition).select_related("actor").order_by("-created_at", "-id")[:limit]


def assessment_outcome(*, assessment: Assessment, answers: list[Answer] | None = None) -> scoring.Outcome:
    """The label rules applied to the assessors' values (only accepted and corrected answers count); for Silver,
    a declared improvement counts only where the accepted value beats the one accepted in the Bronze."""
    indicators = list(assessment.level_indicators())
    if answers is None:
        answers = list(Answer.objects.filter(assessment=assessment).select_related("indicator"))
    by_indicator = {a.indicator_id: a for a in answers}
    items = scoring.items_from_answers(indicators, by_indicator, use="assessed")
    checks = (
        silver_improvement_checks(assessment=assessment, answers=answers, use="assessed")
        if assessment.level == Level.SILVER
        else []
    )
    return scoring.level_outcome(assessment.level, items, improvements=checks)


# --- History ---------------------------------------------------------------------------------------------------

ACTION_LABELS = {
    "labelling.assessment.started": _lazy("Assessment started"),
    "labelling.assessment.submitted": _lazy("Submitted"),
    "labelling.assessment.withdrawn": _lazy("Withdrawn"),
    "labelling.assessment.review_started": _lazy("Assessors assigned, review started"),
    "labelling.assignment.created": _lazy("Assessor assigned"),
    "labelling.assignment.declared_no_conflict": _lazy("Assessor declared no conflict of interest"),
    "labelling.assignment.declined": _lazy("Assessor declined"),
    "labelling.assignment.removed": _lazy("Assessor removed by the coordinators"),
    "labelling.answer.accepted": _lazy("Answer accepted"),
    "labelling.answer.corrected": _lazy("Answer corrected by an assessor"),
    "labelling.answer.question_asked": _lazy("Question asked"),
    "labelling.answer.changed_on_question": _lazy("Value changed after a question"),
    "labelling.answer.sent_back": _lazy("Reply sent back to the assessors"),
    "labelling.assessment.recommendation_given": _lazy("Assessor recommendation given"),
    "labelling.assessment.recommendation_withdrawn": _lazy("Assessor recommendation withdrawn"),
    "labelling.assessment.recommended": _lazy("Recommended to the coordinators"),
    "labelling.assessment.awarded": _lazy("Label awarded"),
    "labelling.assessment.rejected": _lazy("Rejected"),
    "labelling.assessment.appealed": _lazy("Appeal filed"),
    "labelling.appeal.filed": _lazy("Appeal filed"),
    "labelling.appeal.upheld": _lazy("Appeal upheld"),
    "labelling.appeal.dismissed": _lazy("Appeal dismissed"),
    "labelling.assessment.awarded_on_appeal": _lazy("Label awarded on appeal"),
    "labelling.assessment.appeal_dismissed": _lazy("Appeal dismissed: rejection stands"),
    "labelling.decision.departs_from_outcome": _lazy("Decision departs from the computed outcome (reason recorded)"),
    "labelling.label.awarded": _lazy("Label issued"),
    "labelling.answer.changed": _lazy("Answer changed"),
    "labelling.evidence.uploaded": _lazy("Evidence uploaded"),
    "labelling.evidence.attached": _lazy("Evidence attached"),
    "labelling.evidence.detached": _lazy("Evidence removed from an answer"),
    "labelling.improvement.declared": _lazy("Improved indicator declared"),
    "labelling.improvement.removed": _lazy("Improved indicator removed"),
    "labelling.certificate.issued": _lazy("Certificate issued"),
    "labelling.certificate.reissued": _lazy("Certificate re-issued"),
    "labelling.label.expired": _lazy("Label expired"),
    "labelling.label.suspended": _lazy("Label suspended"),
    "labelling.label.reinstated": _lazy("Label reinstated"),
    "labelling.label.withdrawn": _lazy("Label withdrawn"),
}


def assessment_history_labelled(*, assessment: Assessment, limit: int = 100) -> list:
    """The assessment's history (`assessment_history`) with a readable `label` on each event."""
    events = list(assessment_history(assessment=assessment, limit=limit))
    for event in events:
        event.label = ACTION_LABELS.get(event.action, event.action)
    return events
