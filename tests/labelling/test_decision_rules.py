"""Recommendations and decisions: illegal transitions change nothing, impartiality of the decider, double
submits, and what other areas read (indicator colours)."""

from __future__ import annotations

import pytest

from labelling.framework.levels import Level
from labelling.models import Assessment, Label
from labelling.review.models import Decision
from labelling.review.selectors import organisation_indicator_colours
from labelling.review.services import ReviewError
from labelling.review.services.answers import answer_accept, answer_correct
from labelling.review.services.decisions import assessment_decide, assessment_recommend
from portal.models import AuditEvent
from tests.factories import ClusterOrganisationFactory, CoordinatorFactory
from tests.labelling.review_support import (
    SUMMARY,
    accept_all_answers,
    answer_for,
    assessor_from,
    start_review,
    submitted_assessment,
)

pytestmark = pytest.mark.django_db
Status = Assessment.Status


@pytest.fixture
def recommended(org_a):
    assessment = submitted_assessment(org_a, colours={"1.2": "yellow", "2.5": "red"})
    assessor = assessor_from()
    start_review(assessment, assessors=[assessor])
    accept_all_answers(assessment, assessor=assessor)
    assessment_recommend(assessment=assessment, user=assessor, recommendation="award", summary=SUMMARY)
    assessment.refresh_from_db()
    return assessment, assessor


def test_recommending_needs_every_answer_agreed(org_a):
    assessment = submitted_assessment(org_a)
    assessor = assessor_from()
    start_review(assessment, assessors=[assessor])
    accept_all_answers(assessment, assessor=assessor, except_codes=["6.1"])
    with pytest.raises(ReviewError, match="1 of 36 answers"):
        assessment_recommend(assessment=assessment, user=assessor, recommendation="award", summary=SUMMARY)
    assessment.refresh_from_db()
    assert assessment.status == Status.IN_REVIEW


def test_recommending_needs_a_written_summary(org_a):
    assessment = submitted_assessment(org_a)
    assessor = assessor_from()
    start_review(assessment, assessors=[assessor])
    accept_all_answers(assessment, assessor=assessor)
    with pytest.raises(ReviewError, match="summary"):
        assessment_recommend(assessment=assessment, user=assessor, recommendation="award", summary="ok")
    with pytest.raises(ReviewError, match="award or rejection"):
        assessment_recommend(assessment=assessment, user=assessor, recommendation="maybe", summary=SUMMARY)


def test_after_recommending_verdicts_are_frozen(recommended):
    assessment, assessor = recommended
    with pytest.raises(ReviewError, match="in review"):
        answer_accept(answer=assessment.answers.first(), user=assessor)


def test_a_decision_on_an_assessment_not_recommended_changes_nothing(org_a):
    assessment = submitted_assessment(org_a)
    with pytest.raises(ReviewError, match="submitted: that step is not possible now"):
        assessment_decide(assessment=assessment, user=CoordinatorFactory(), award=True, reasons="Fine.")
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED
    assert not Decision.objects.exists() and not Label.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="labelling.assessment.awarded").exists()


def test_deciding_twice_creates_one_decision_and_one_label(recommended):
    assessment, _assessor = recommended
    coordinator = CoordinatorFactory()
    assessment_decide(assessment=assessment, user=coordinator, award=True, reasons="Met.")
    with pytest.raises(ReviewError, match="awarded: that step is not possible now"):
        assessment_decide(assessment=assessment, user=coordinator, award=True, reasons="Met.")
    assert Decision.objects.count() == 1 and Label.objects.count() == 1


def test_the_decision_needs_reasons(recommended):
    assessment, _assessor = recommended
    with pytest.raises(ReviewError, match="reasons"):
        assessment_decide(assessment=assessment, user=CoordinatorFactory(), award=False, reasons=" ")
    assessment.refresh_from_db()
    assert assessment.status == Status.RECOMMENDED


def test_an_assessor_of_the_assessment_cannot_decide_it(org_a):
    assessment = submitted_assessment(org_a)
    staff_assessor = assessor_from()
    staff_assessor.is_staff = True  # a coordinator who is also accredited
    staff_assessor.save()
    # Coordinators are never assigned, so make the assignment directly to check the decision rule.
    from labelling.review.models import AssessorAssignment

    other = assessor_from()
    start_review(assessment, assessors=[other])
    AssessorAssignment.objects.create(
        assessment=assessment, assessor=staff_assessor, status="declined", decline_reason="Conflict."
    )
    accept_all_answers(assessment, assessor=other)
    assessment_recommend(assessment=assessment, user=other, recommendation="award", summary=SUMMARY)
    with pytest.raises(ReviewError, match="took no part"):
        assessment_decide(assessment=assessment, user=staff_assessor, award=True, reasons="Met.")


def test_a_non_coordinator_cannot_decide(recommended):
    assessment, assessor = recommended
    with pytest.raises(ReviewError, match="coordinator"):
        assessment_decide(assessment=assessment, user=assessor, award=True, reasons="Met.")


def test_gold_not_reached_is_explained_on_the_assessors_values(org_a):
    assessment = submitted_assessment(org_a, level=Level.GOLD, colours={"2.2": "red"})
    from labelling.selfassessment.selectors import assessment_outcome

    one, two = assessor_from("DE"), assessor_from("FR")
    start_review(assessment, assessors=[one, two])
    accept_all_answers(assessment, assessor=one)
    accept_all_answers(assessment, assessor=two)
    outcome = assessment_outcome(assessment=assessment)
    assert not outcome.reached
    assert "minimum requirement 2.2 is red" in outcome.reasons[0]


def test_indicator_colours_come_from_the_latest_awarded_assessment(recommended, org_a):
    assessment, assessor = recommended
    colours = organisation_indicator_colours(organisation=org_a)
    assert colours["1.2"] == "yellow" and colours["2.5"] == "red" and colours["1.1"] == "green"
    assert len(colours) == 36
    assert organisation_indicator_colours(organisation=ClusterOrganisationFactory(nuts2_code="DE22")) == {}


def test_indicator_colours_use_the_assessors_values(org_a):
    assessment = submitted_assessment(org_a)
    assessor = assessor_from()
    start_review(assessment, assessors=[assessor])
    accept_all_answers(assessment, assessor=assessor, except_codes=["1.2"])
    answer_correct(
        answer=answer_for(assessment, "1.2"), user=assessor, value="10", reason="Most members are universities."
    )
    assessment_recommend(assessment=assessment, user=assessor, recommendation="award", summary=SUMMARY)
    assert organisation_indicator_colours(organisation=org_a)["1.2"] == "red"


def test_a_decision_starts_one_recomputation_of_the_benchmarks(recommended, django_capture_on_commit_callbacks):
    """Deciding adds a reviewed assessment: the peer statistics are recomputed after the commit, once."""
    from benchmarking.models import PeerStatistic
    from portal.models import TaskRun

    assessment, _assessor = recommended
    with django_capture_on_commit_callbacks(execute=True):
        assessment_decide(assessment=assessment, user=CoordinatorFactory(), award=True, reasons="Well run.")
    run = TaskRun.objects.get(name="benchmarking.recompute")
    assert run.state == TaskRun.State.DONE
    assert PeerStatistic.objects.exists()
