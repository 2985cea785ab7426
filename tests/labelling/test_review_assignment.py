"""Assessor assignment: accreditation, conflicts of interest, the Gold foreign-assessor rule, declarations and
declining."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from labelling.framework.levels import Level
from labelling.models import Assessment
from labelling.review.models import AssessorAffiliation, AssessorAssignment
from labelling.review.services import ReviewError
from labelling.review.services.answers import answer_accept
from labelling.review.services.assignment import (
    affiliation_declare,
    assessment_assign_assessors,
    assignment_declare_no_conflict,
    assignment_decline,
    assignment_remove,
)
from platform_directory.models import OrganisationMembership
from tests.factories import AssessorProfileFactory, MembershipFactory
from tests.labelling.review_support import accept_all_answers, assessor_from, start_review, submitted_assessment

pytestmark = pytest.mark.django_db
Status = Assessment.Status


def assign(assessment, assessors, coordinator):
    return assessment_assign_assessors(assessment=assessment, assessors=assessors, user=coordinator)


def test_a_member_of_the_organisation_is_refused(org_a, coordinator):
    assessment = submitted_assessment(org_a)
    assessor = assessor_from()
    MembershipFactory(organisation=org_a, user=assessor, role=OrganisationMembership.Role.VIEWER)
    with pytest.raises(ReviewError, match="viewer account of this organisation"):
        assign(assessment, [assessor], coordinator)
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED
    assert not AssessorAssignment.objects.exists()


def test_a_declared_tie_is_refused_for_three_years_after_it_ended(org_a, coordinator):
    assessment = submitted_assessment(org_a)
    former_manager, long_ago = assessor_from(), assessor_from()
    today = timezone.localdate()
    affiliation_declare(
        assessor=former_manager,
        organisation=org_a,
        relation=AssessorAffiliation.Relation.MANAGER,
        ended_on=today - datetime.timedelta(days=400),
    )
    affiliation_declare(
        assessor=long_ago,
        organisation=org_a,
        relation=AssessorAffiliation.Relation.ADVISER,
        ended_on=today - datetime.timedelta(days=4 * 365),
    )
    with pytest.raises(ReviewError, match="less than three years ago"):
        assign(assessment, [former_manager], coordinator)
    assign(assessment, [long_ago], coordinator)  # the tie ended more than three years ago
    assert AssessorAssignment.objects.get().assessor == long_ago


def test_an_ongoing_tie_is_refused(org_a, coordinator):
    assessment = submitted_assessment(org_a)
    adviser = assessor_from()
    affiliation_declare(assessor=adviser, organisation=org_a, relation=AssessorAffiliation.Relation.ADVISER)
    with pytest.raises(ReviewError, match="current tie"):
        assign(assessment, [adviser], coordinator)


def test_an_assessor_whose_accreditation_lapsed_is_refused(org_a, coordinator):
    assessment = submitted_assessment(org_a)
    lapsed = AssessorProfileFactory(
        accredited_from=timezone.localdate() - datetime.timedelta(days=900),
        accredited_until=timezone.localdate() - datetime.timedelta(days=1),
    ).user
    with pytest.raises(ReviewError, match="not an accredited assessor"):
        assign(assessment, [lapsed], coordinator)


def test_a_non_coordinator_cannot_assign(org_a):
    assessment = submitted_assessment(org_a)
    with pytest.raises(ReviewError, match="Only coordinators"):
        assign(assessment, [assessor_from()], assessor_from())


def test_bronze_takes_exactly_one_assessor(org_a, coordinator):
    assessment = submitted_assessment(org_a)
    with pytest.raises(ReviewError, match="exactly 1"):
        assign(assessment, [assessor_from(), assessor_from()], coordinator)


def test_gold_needs_an_assessor_from_another_country(org_a, coordinator):
    assessment = submitted_assessment(org_a, level=Level.GOLD)
    with pytest.raises(ReviewError, match="another country"):
        assign(assessment, [assessor_from("DE"), assessor_from("DE")], coordinator)
    assign(assessment, [assessor_from("DE"), assessor_from("AT")], coordinator)
    assert AssessorAssignment.objects.filter(assessment=assessment).count() == 2


def test_a_draft_cannot_get_assessors(org_a, coordinator):
    assessment = submitted_assessment(org_a)
    Assessment.objects.filter(pk=assessment.pk).update(status=Status.DRAFT)
    assessment.refresh_from_db()
    with pytest.raises(ReviewError, match="submitted"):
        assign(assessment, [assessor_from()], coordinator)


def test_the_declaration_must_be_ticked_and_is_recorded_with_time(org_a, coordinator):
    assessment = submitted_assessment(org_a)
    assessor = assessor_from()
    (assignment,) = assign(assessment, [assessor], coordinator)
    with pytest.raises(ReviewError, match="Tick the statement"):
        assignment_declare_no_conflict(assignment=assignment, user=assessor, confirmed=False)
    with pytest.raises(ReviewError, match="Only the assigned assessor"):
        assignment_declare_no_conflict(assignment=assignment, user=assessor_from(), confirmed=True)
    # Until the declaration, the assessor cannot review.
    answer = assessment.answers.first()
    with pytest.raises(ReviewError, match="not an active assessor"):
        answer_accept(answer=answer, user=assessor)
    assignment_declare_no_conflict(assignment=assignment, user=assessor, confirmed=True)
    assignment_declare_no_conflict(assignment=assignment, user=assessor, confirmed=True)  # double submit
    assignment.refresh_from_db()
    assert assignment.status == AssessorAssignment.Status.ACTIVE
    assert abs(assignment.declared_no_conflict_at - timezone.now()) < datetime.timedelta(minutes=1)


def test_an_assessor_who_declared_a_tie_after_assignment_cannot_declare_no_conflict(org_a, coordinator):
    assessment = submitted_assessment(org_a)
    assessor = assessor_from()
    (assignment,) = assign(assessment, [assessor], coordinator)
    affiliation_declare(assessor=assessor, organisation=org_a, relation=AssessorAffiliation.Relation.BOARD)
    with pytest.raises(ReviewError, match="decline the assessment instead"):
        assignment_declare_no_conflict(assignment=assignment, user=assessor, confirmed=True)


def test_declining_needs_a_reason_and_lets_the_coordinator_assign_another(org_a, coordinator):
    assessment = submitted_assessment(org_a)
    first, second = assessor_from(), assessor_from()
    (assignment,) = assign(assessment, [first], coordinator)
    with pytest.raises(ReviewError, match="Say why"):
        assignment_decline(assignment=assignment, user=first, reason="  ")
    assignment_decline(assignment=assignment, user=first, reason="I advised them last year.")
    assignment.refresh_from_db()
    assert assignment.status == AssessorAssignment.Status.DECLINED
    # The same person cannot be put back; someone else can.
    with pytest.raises(ReviewError, match="declined this assessment"):
        assign(assessment, [first], coordinator)
    assign(assessment, [second], coordinator)
    assessment.refresh_from_db()
    assert assessment.status == Status.IN_REVIEW


def test_a_replacement_reviews_afresh(org_a, coordinator):
    assessment = submitted_assessment(org_a)
    first, second = assessor_from(), assessor_from()
    (assignment,) = start_review(assessment, assessors=[first], coordinator=coordinator)
    accept_all_answers(assessment, assessor=first)
    assignment_decline(assignment=assignment, user=first, reason="Taken ill.")
    assert not assessment.answers.filter(review_state="accepted").exists()
    start_review(assessment, assessors=[second], coordinator=coordinator)
    with pytest.raises(ReviewError, match="not an active assessor"):
        answer_accept(answer=assessment.answers.first(), user=first)


def test_assigning_twice_creates_nothing_twice(org_a, coordinator):
    assessment = submitted_assessment(org_a)
    assessor = assessor_from()
    assign(assessment, [assessor], coordinator)
    with pytest.raises(ReviewError, match="already has all the assessors"):
        assign(assessment, [assessor], coordinator)
    assert AssessorAssignment.objects.count() == 1


def test_affiliations_are_only_for_assessors_and_not_in_the_future(org_a, user):
    with pytest.raises(ReviewError, match="Only assessors"):
        affiliation_declare(assessor=user, organisation=org_a, relation="staff")
    with pytest.raises(ReviewError, match="future"):
        affiliation_declare(
            assessor=assessor_from(),
            organisation=org_a,
            relation="staff",
            ended_on=timezone.localdate() + datetime.timedelta(days=3),
        )


def test_a_coordinator_removes_an_unresponsive_assessor_and_assigns_another(org_a, coordinator):
    assessment = submitted_assessment(org_a)
    silent, replacement = assessor_from(), assessor_from()
    (assignment,) = start_review(assessment, assessors=[silent], coordinator=coordinator)
    accept_all_answers(assessment, assessor=silent, except_codes=["1.1"])
    with pytest.raises(ReviewError, match="Only coordinators"):
        assignment_remove(assignment=assignment, user=silent, reason="Leaving.")
    with pytest.raises(ReviewError, match="Say why"):
        assignment_remove(assignment=assignment, user=coordinator, reason="")
    assignment_remove(assignment=assignment, user=coordinator, reason="No answer for three weeks.")
    assignment.refresh_from_db()
    assert assignment.status == AssessorAssignment.Status.DECLINED
    assert assignment.decline_reason.endswith("No answer for three weeks.")
    assert not assessment.answers.filter(review_state="accepted").exists()
    start_review(assessment, assessors=[replacement], coordinator=coordinator)
    assert AssessorAssignment.objects.filter(assessment=assessment, status="active").get().assessor == replacement
