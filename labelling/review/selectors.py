"""Reads of the review and decision side: review queues, the pipeline, what each waiting step waits on, the
assessors' scoring outcome, and the reviewed values other areas (knowledge, benchmarking) build on."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from labelling.framework import scoring
from labelling.framework.levels import Level, required_assessor_count
from labelling.models import Answer, Assessment, Indicator
from labelling.review.models import AnswerMessage, AnswerReview, AssessorAssignment
from labelling.review.services.assignment import assessor_ineligibility_reasons
from labelling.review.services.decisions import review_blockers
from labelling.selfassessment.selectors import assessment_outcome, silver_improvement_rows
from portal.models import AssessorProfile

Status = Assessment.Status
ReviewState = Answer.ReviewState


# --- Ages and "waiting on" -----------------------------------------------------------------------------------------


def age_text(since: datetime.datetime | None, now: datetime.datetime | None = None) -> str:
    """ "3 days", "5 hours", "a few minutes"."""
    if since is None:
        return ""
    delta = (now or timezone.now()) - since
    days = delta.days
    if days >= 1:
        return ngettext("%(n)d day", "%(n)d days", days) % {"n": days}
    hours = delta.seconds // 3600
    if hours >= 1:
        return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    return _("a few minutes")


@dataclass
class Waiting:
    """On whom a step waits and since when."""

    on: str
    since: datetime.datetime | None
    what: str = ""

    @property
    def age(self) -> str:
        return age_text(self.since)

    @property
    def days(self) -> int:
        return (timezone.now() - self.since).days if self.since else 0

    def __str__(self) -> str:
        if not self.since:
            return _("waiting on %(who)s") % {"who": self.on}
        return _("waiting on %(who)s for %(age)s") % {"who": self.on, "age": self.age}


def oldest_open_question_at(*, assessment_ids) -> dict[int, datetime.datetime]:
    """For each assessment, since when its longest-waiting open question waits (the latest question of each
    reopened answer, the oldest of those), in one query."""
    rows = (
        AnswerMessage.objects.filter(
            answer__assessment_id__in=list(assessment_ids),
            kind=AnswerMessage.Kind.QUESTION,
            answer__review_state=ReviewState.QUESTION_OPEN,
        )
        .values_list("answer__assessment_id", "answer_id")
        .annotate(asked=Max("created_at"))
    )
    result: dict[int, datetime.datetime] = {}
    for assessment_id, _answer_id, asked in rows:
        if assessment_id not in result or asked < result[assessment_id]:
            result[assessment_id] = asked
    return result


def assessment_waiting(assessment: Assessment) -> Waiting | None:
    """What the assessment as a whole waits on, from its status (annotate `open_questions` to avoid a query)."""
    since = assessment.status_changed_at
    if assessment.status == Status.DRAFT:
        return Waiting(_("the managers"), since, _("fill in and submit"))
    if assessment.status == Status.SUBMITTED:
        return Waiting(_("the coordinators"), since, _("assign assessors"))
    if assessment.status == Status.IN_REVIEW:
        open_questions = getattr(assessment, "open_questions", None)
        if open_questions is None:
            open_questions = assessment.answers.filter(review_state=ReviewState.QUESTION_OPEN).count()
        if open_questions:
            oldest = getattr(assessment, "oldest_question_at", None)
            if oldest is None:
                oldest = oldest_open_question_at(assessment_ids=[assessment.pk]).get(assessment.pk)
            return Waiting(
                _("the managers"),
                oldest or since,
                ngettext("answer %(n)d question", "answer %(n)d questions", open_questions) % {"n": open_questions},
            )
        return Waiting(_("the assessors"), since, _("review the answers"))
    if assessment.status == Status.RECOMMENDED:
        return Waiting(_("the coordinators"), since, _("decide"))
    if assessment.status == Status.APPEALED:
        return Waiting(_("the coordinators"), since, _("decide the appeal"))
    return None


def answer_waiting(answer: Answer, *, last_message_at: datetime.datetime | None) -> Waiting | None:
    """On whom one answer waits: the managers while a question is open, the assessors once answered."""
    if answer.review_state == ReviewState.QUESTION_OPEN:
        return Waiting(_("the managers"), last_message_at, _("reply"))
    if answer.review_state == ReviewState.ANSWERED:
        return Waiting(_("the assessors"), last_message_at, _("accept or correct"))
    return None


# --- Review queue --------------------------------------------------------------------------------------------------


def _with_review_counts(qs: QuerySet) -> QuerySet:
    open_q = Q(answers__review_state=ReviewState.QUESTION_OPEN)
    return qs.annotate(
        answer_count=Count("answers", distinct=True),
        open_questions=Count("answers", filter=open_q, distinct=True),
        answered_count=Count("answers", filter=Q(answers__review_state=ReviewState.ANSWERED), distinct=True),
        done_count=Count(
            "answers",
            filter=Q(answers__review_state__in=[ReviewState.ACCEPTED, ReviewState.CORRECTED]),
            distinct=True,
        ),
    )


def review_queue_for(*, user) -> dict[str, list]:
    """The assessor's assignments grouped: to declare, to review (oldest first), waiting on others, finished."""
    reviewed_by_me = (
        AnswerReview.objects.filter(assignment=OuterRef("pk")).values("assignment").annotate(n=Count("id")).values("n")
    )
    assignments = list(
        AssessorAssignment.objects.filter(assessor=user)
        .exclude(status=AssessorAssignment.Status.DECLINED)
        .select_related("assessment__organisation", "assessment__framework")
        .annotate(my_reviews=Subquery(reviewed_by_me))
        .order_by("assigned_at")
    )
    ids = [a.assessment_id for a in assignments]
    counts = {
        row["pk"]: row
        for row in _with_review_counts(Assessment.objects.filter(pk__in=ids)).values(
            "pk", "answer_count", "open_questions", "answered_count", "done_count"
        )
    }
    oldest_question = oldest_open_question_at(assessment_ids=ids)
    groups: dict[str, list] = {"declare": [], "review": [], "waiting": [], "done": []}
    for assignment in assignments:
        assessment = assignment.assessment
        row = counts.get(assessment.pk, {})
        assessment.open_questions = row.get("open_questions", 0)
        assessment.oldest_question_at = oldest_question.get(assessment.pk)
        assignment.counts = row
        assignment.my_reviews = assignment.my_reviews or 0
        assignment.to_review = max(0, row.get("answer_count", 0) - assignment.my_reviews - row.get("open_questions", 0))
        if assignment.status == AssessorAssignment.Status.AWAITING_DECLARATION:
            assignment.waiting = Waiting(_("you"), assignment.assigned_at, _("declare no conflict or decline"))
            groups["declare"].append(assignment)
        elif assessment.status != Status.IN_REVIEW:
            groups["done"].append(assignment)
        elif assignment.recommendation:
            assignment.waiting = Waiting(_("your fellow assessor"), assignment.recommended_at, _("recommend"))
            groups["waiting"].append(assignment)
        elif assignment.to_review or row.get("answered_count"):
            assignment.waiting = Waiting(_("you"), assessment.status_changed_at, _("review"))
            groups["review"].append(assignment)
        elif assessment.open_questions:
            assignment.waiting = assessment_waiting(assessment)
            groups["waiting"].append(assignment)
        else:
            assignment.waiting = Waiting(_("you"), assessment.status_changed_at, _("recommend"))
            groups["review"].append(assignment)
    groups["done"].sort(key=lambda a: a.assessment.status_changed_at, reverse=True)
    groups["done_total"] = len(groups["done"])
    groups["done"] = groups["done"][:10]
    return groups


# --- The review page -----------------------------------------------------------------------------------------------


@dataclass
class ReviewRow:
    """One answer on the review page: the declared value, each assessor's verdict, the thread and the waiting."""

    answer: Answer
    indicator: Indicator
    declared: str
    assessed: str
    colour_declared: str | None
    colour_assessed: str | None
    mine: AnswerReview | None
    others: list[AnswerReview]
    messages: list[AnswerMessage]
    waiting: Waiting | None
    difference: bool = False


def _review_value_text(indicator, review: AnswerReview) -> str:
    return scoring.format_answer_value(
        indicator=indicator,
        number=review.assessed_number,
        boolean=review.assessed_bool,
        choice=review.assessed_choice,
        not_applicable=review.assessed_not_applicable,
    )


def assessment_answers(*, assessment: Assessment) -> list[Answer]:
    """The answers of the level's indicators with indicator, dimension, evidence, reviews and thread (fixed queries)."""
    indicator_ids = assessment.level_indicators().values("pk")
    return list(
        Answer.objects.filter(assessment=assessment, indicator_id__in=indicator_ids)
        .select_related("indicator__dimension")
        .prefetch_related(
            "evidence",
            Prefetch("reviews", queryset=AnswerReview.objects.select_related("assignment__assessor")),
            Prefetch("messages", queryset=AnswerMessage.objects.select_related("author")),
        )
        .order_by("indicator__position")
    )


def review_rows(*, assessment: Assessment, viewer_assignment: AssessorAssignment | None) -> list[ReviewRow]:
    """The rows of the review page, for an assessor (their own verdict apart) or a coordinator/manager."""
    rows = []
    for answer in assessment_answers(assessment=assessment):
        indicator = answer.indicator
        reviews = [r for r in answer.reviews.all() if r.assignment.status == AssessorAssignment.Status.ACTIVE]
        for review in reviews:
            review.value_text = _review_value_text(indicator, review)
        mine = next((r for r in reviews if viewer_assignment and r.assignment_id == viewer_assignment.pk), None)
        others = [r for r in reviews if r is not mine]
        messages = list(answer.messages.all())
        last = max((m.created_at for m in messages), default=None)
        assessed = answer.assessed_value
        row = ReviewRow(
            answer=answer,
            indicator=indicator,
            declared=(
                _("not applicable") if answer.not_applicable else scoring.format_value(indicator, answer.declared_value)
            ),
            assessed=(
                _("not applicable")
                if answer.assessed_not_applicable
                and assessed is None
                and answer.review_state in ("accepted", "corrected")
                else scoring.format_value(indicator, assessed)
            ),
            colour_declared=None
            if answer.not_applicable
            else scoring.indicator_colour(indicator, answer.declared_value),
            colour_assessed=scoring.indicator_colour(indicator, assessed),
            mine=mine,
            others=others,
            messages=messages,
            waiting=answer_waiting(answer, last_message_at=last),
        )
        row.difference = len(reviews) >= 2 and len({r.value_key() for r in reviews}) > 1
        rows.append(row)
    return rows


def group_rows_by_dimension(rows: list[ReviewRow]) -> list[tuple[Any, list[ReviewRow]]]:
    groups: dict[Any, list[ReviewRow]] = {}
    for row in rows:
        groups.setdefault(row.indicator.dimension, []).append(row)
    return list(groups.items())


def review_summary(*, assessment: Assessment, rows: list[ReviewRow]) -> dict:
    """Counts for the header of the review page and the blockers of the recommendation."""
    states = defaultdict(int)
    for row in rows:
        states[row.answer.review_state] += 1
    return {
        "total": len(rows),
        "done": states[ReviewState.ACCEPTED] + states[ReviewState.CORRECTED],
        "corrected": states[ReviewState.CORRECTED],
        "open_questions": states[ReviewState.QUESTION_OPEN],
        "answered": states[ReviewState.ANSWERED],
        "differences": sum(1 for row in rows if row.difference),
        "blockers": review_blockers(assessment=assessment) if assessment.status == Status.IN_REVIEW else [],
    }


def silver_improvements(*, assessment: Assessment, rows: list[ReviewRow] | None = None) -> list:
    """For a Silver assessment: the declared improvements beside the value accepted in the Bronze assessment,
    with today's declared and accepted values and whether each counts (`labelling.selfassessment.selectors.ImprovementRow`)."""
    if assessment.level != Level.SILVER:
        return []
    answers = [row.answer for row in rows] if rows is not None else None
    return silver_improvement_rows(assessment=assessment, answers=answers)


# --- Departures from the computed outcome --------------------------------------------------------------------------


@dataclass
class DepartureView:
    """How a decision (or an appeal's outcome) stands against what the label rules computed."""

    departs: bool
    reason: str
    computed: str
    reached: bool | None
    recorded: bool = True  # False: decided before the computed outcome was kept; computed now on today's rules


def decision_departure_view(
    *, decision, outcome: scoring.Outcome | None = None, assessment: Assessment | None = None
) -> DepartureView | None:
    """The departure of `decision` (None without a decision). Decisions recorded before the outcome was kept are
    compared with the outcome computed now (`outcome`, or computed for `assessment`)."""
    if decision is None:
        return None
    if decision.computed_reached is not None:
        return DepartureView(
            departs=decision.departs_from_outcome,
            reason=decision.departure_reason,
            computed=decision.computed_reasons,
            reached=decision.computed_reached,
        )
    if outcome is None:
        outcome = assessment_outcome(assessment=assessment or decision.assessment)
    awarded = decision.outcome == decision.Outcome.AWARD
    return DepartureView(
        departs=awarded != outcome.reached,
        reason="",
        computed="\n".join(outcome.reasons),
        reached=outcome.reached,
        recorded=False,
    )


def appeal_departure_view(*, appeal) -> DepartureView | None:
    """The departure of a decided appeal's outcome (None while open or when decided before it was kept)."""
    if appeal is None or appeal.computed_reached is None:
        return None
    return DepartureView(
        departs=appeal.departs_from_outcome,
        reason=appeal.departure_reason,
        computed=appeal.computed_reasons,
        reached=appeal.computed_reached,
    )


# --- Assignment page -----------------------------------------------------------------------------------------------


@dataclass
class Candidate:
    """An assessor the coordinator could assign, with what speaks against them."""

    user: Any
    profile: AssessorProfile
    reasons: list[str]
    workload: int
    foreign: bool

    @property
    def eligible(self) -> bool:
        return not self.reasons


def assessor_candidates(*, assessment: Assessment) -> list[Candidate]:
    """Every assessor profile with the reasons they cannot take this assessment and their current workload."""
    profiles = list(
        AssessorProfile.objects.select_related("user")
        .filter(user__is_active=True)
        .annotate(
            workload=Count(
                "user__assessor_assignments",
                filter=Q(
                    user__assessor_assignments__status__in=[
                        AssessorAssignment.Status.AWAITING_DECLARATION,
                        AssessorAssignment.Status.ACTIVE,
                    ],
                    user__assessor_assignments__assessment__status=Status.IN_REVIEW,
                ),
            )
        )
        .order_by("user__display_name", "user__email")
    )
    candidates = [
        Candidate(
            user=p.user,
            profile=p,
            reasons=assessor_ineligibility_reasons(assessor=p.user, assessment=assessment),
            workload=p.workload,
            foreign=p.home_country != assessment.organisation.country,
        )
        for p in profiles
    ]
    candidates.sort(key=lambda c: (not c.eligible, c.workload, str(c.user)))
    return candidates


def assignment_needs(*, assessment: Assessment) -> dict:
    """How many assessors the level needs, how many are assigned, and whether a foreign one is still needed."""
    current = list(
        assessment.assignments.exclude(status=AssessorAssignment.Status.DECLINED).select_related(
            "assessor__assessor_profile"
        )
    )
    needed = required_assessor_count(assessment.level)
    foreign_needed = assessment.level == Level.GOLD and not any(
        getattr(getattr(a.assessor, "assessor_profile", None), "home_country", None) != assessment.organisation.country
        for a in current
    )
    return {
        "needed": needed,
        "assigned": len(current),
        "missing": max(0, needed - len(current)),
        "foreign_needed": foreign_needed,
    }


# --- Coordinator pipeline ------------------------------------------------------------------------------------------


PIPELINE_STATES = [
    Status.DRAFT,
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.RECOMMENDED,
    Status.APPEALED,
    Status.AWARDED,
    Status.REJECTED,
    Status.WITHDRAWN,
]


def pipeline_counts() -> list[dict]:
    """Assessments per state (one query), in process order."""
    counts = dict(Assessment.objects.values_list("status").annotate(n=Count("id")))
    return [{"status": s, "label": Status(s).label, "count": counts.get(s, 0)} for s in PIPELINE_STATES]


def pipeline_waiting(*, limit: int = 10) -> list[Assessment]:
    """The oldest assessments waiting on someone (coordinators, assessors or managers), oldest first."""
    needs_assessor = AssessorAssignment.objects.filter(assessment=OuterRef("pk")).exclude(
        status=AssessorAssignment.Status.DECLINED
    )
    qs = (
        Assessment.objects.filter(status__in=[Status.SUBMITTED, Status.IN_REVIEW, Status.RECOMMENDED, Status.APPEALED])
        .select_related("organisation")
        .annotate(
            open_questions=Count("answers", filter=Q(answers__review_state=ReviewState.QUESTION_OPEN), distinct=True),
            active_assessors=Count(
                "assignments", filter=~Q(assignments__status=AssessorAssignment.Status.DECLINED), distinct=True
            ),
            has_assessor=Exists(needs_assessor),
            awaiting_declaration=Count(
                "assignments",
                filter=Q(assignments__status=AssessorAssignment.Status.AWAITING_DECLARATION),
                distinct=True,
            ),
        )
        .order_by("status_changed_at", "pk")[:limit]
    )
    rows = list(qs)
    oldest = oldest_open_question_at(assessment_ids=[a.pk for a in rows if a.open_questions])
    for assessment in rows:
        assessment.oldest_question_at = oldest.get(assessment.pk)
        assessment.waiting = assessment_waiting(assessment)
        assessment.needs_assessors = assessment.status in (Status.SUBMITTED, Status.IN_REVIEW) and (
            assessment.active_assessors < required_assessor_count(assessment.level)
        )
        if assessment.status == Status.IN_REVIEW and assessment.awaiting_declaration and not assessment.open_questions:
            assessment.waiting = Waiting(
                _("the assessors"), assessment.status_changed_at, _("declare no conflict or decline")
            )
        if assessment.needs_assessors and assessment.status == Status.IN_REVIEW:
            assessment.waiting = Waiting(_("the coordinators"), assessment.status_changed_at, _("replace an assessor"))
    return rows


def decisions_pending() -> QuerySet:
    """Recommended assessments and open appeals, oldest first."""
    return (
        Assessment.objects.filter(status__in=[Status.RECOMMENDED, Status.APPEALED])
        .select_related("organisation")
        .order_by("status_changed_at")
    )


# --- For other areas -----------------------------------------------------------------------------------------------


def organisation_indicator_colours(*, organisation) -> dict[str, str]:
    """{indicator code: "green" | "yellow" | "red"} from the organisation's latest recommended or awarded
    assessment, on the assessors' values (empty when there is none). Not-applicable answers are left out.

    The knowledge area recommends modules for the red and yellow ones.
    """
    assessment = (
        Assessment.objects.filter(organisation=organisation, status__in=[Status.RECOMMENDED, Status.AWARDED])
        .order_by("-submitted_at", "-pk")
        .first()
    )
    if assessment is None:
        return {}
    colours = {}
    for answer in Answer.objects.filter(
        assessment=assessment, review_state__in=[ReviewState.ACCEPTED, ReviewState.CORRECTED]
    ).select_related("indicator"):
        if answer.assessed_not_applicable:
            continue
        colour = scoring.indicator_colour(answer.indicator, answer.assessed_value)
        if colour:
            colours[answer.indicator.code] = colour
    return colours


# What the history shows for each audit action of the label process (unknown actions show their code).
