"""Helpers for the review, decision and appeal tests (labelling part B): assessments ready for review, assessors
of a given country, and the steps of a review done through the services."""

from __future__ import annotations

from django.utils import timezone

from labelling.framework.levels import Level
from labelling.models import Assessment
from labelling.review.models import AssessorAssignment
from labelling.review.services.answers import answer_accept
from labelling.review.services.assignment import assessment_assign_assessors, assignment_declare_no_conflict
from tests.factories import AssessorProfileFactory, ClusterOrganisationFactory, CoordinatorFactory
from tests.labelling.factories import AssessmentFactory, fill_answers


def assessor_from(country: str = "FR", **kwargs):
    """An accredited assessor whose home country is `country`."""
    return AssessorProfileFactory(home_country=country, **kwargs).user


def submitted_assessment(organisation=None, *, level: str = Level.BRONZE, colour: str = "green", colours=None):
    """A submitted assessment with every indicator of its level answered."""
    organisation = organisation or ClusterOrganisationFactory()
    now = timezone.now()
    assessment = AssessmentFactory(
        organisation=organisation,
        level=level,
        status=Assessment.Status.SUBMITTED,
        submitted_at=now,
        status_changed_at=now,
    )
    fill_answers(assessment, colour=colour, colours=colours)
    return assessment


def start_review(assessment, *, assessors, coordinator=None) -> list[AssessorAssignment]:
    """Assign `assessors` and let each declare no conflict."""
    coordinator = coordinator or CoordinatorFactory()
    assignments = assessment_assign_assessors(assessment=assessment, assessors=assessors, user=coordinator)
    for assignment in assignments:
        assignment_declare_no_conflict(assignment=assignment, user=assignment.assessor, confirmed=True)
    assessment.refresh_from_db()
    return assignments


def accept_all_answers(assessment, *, assessor, except_codes=()) -> None:
    for answer in assessment.answers.select_related("indicator"):
        if answer.indicator.code in except_codes:
            continue
        answer_accept(answer=answer, user=assessor)


def answer_for(assessment, code: str):
    return assessment.answers.select_related("indicator").get(indicator__code=code)


SUMMARY = "Every answer was checked against the evidence; the organisation meets the level comfortably."
