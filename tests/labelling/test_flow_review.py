"""The whole label flow for each level, through the services: assignment, declaration, review with a question,
recommendation, decision and label (Bronze; Silver after a Bronze; Gold with two assessors)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from labelling.certificates.awards import label_award
from labelling.framework.levels import Level
from labelling.models import Answer, Assessment, ImprovementDeclaration, Label
from labelling.review.models import AnswerMessage, AnswerReview, AssessorAssignment, Decision
from labelling.review.services import ReviewError
from labelling.review.services.answers import answer_accept, answer_ask, answer_correct, answer_reply
from labelling.review.services.assignment import assessment_assign_assessors, assignment_declare_no_conflict
from labelling.review.services.decisions import (
    assessment_decide,
    assessment_recommend,
    assessment_recommendation_withdraw,
)
from portal.models import AuditEvent
from tests.factories import ClusterOrganisationFactory, CoordinatorFactory
from tests.labelling.factories import accept_all, awarded_bronze, fill_answers
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


def test_bronze_flow_from_assignment_to_label(org_a, manager_a, django_capture_on_commit_callbacks):
    assessment = submitted_assessment(org_a, level=Level.BRONZE)
    coordinator, decider = CoordinatorFactory(), CoordinatorFactory()
    assessor = assessor_from("FR")

    with django_capture_on_commit_callbacks(execute=True):
        (assignment,) = assessment_assign_assessors(assessment=assessment, assessors=[assessor], user=coordinator)
    assessment.refresh_from_db()
    assert assessment.status == Status.IN_REVIEW
    assert assignment.status == AssessorAssignment.Status.AWAITING_DECLARATION
    assert [m.to for m in mail.outbox] == [[assessor.email]]

    assignment_declare_no_conflict(assignment=assignment, user=assessor, confirmed=True)
    assignment.refresh_from_db()
    assert assignment.declared_no_conflict_at is not None
    assert "no conflict of interest" in assignment.declaration_text

    # One question on 1.1: the manager changes the value and sends it back.
    question_on = answer_for(assessment, "1.1")
    accept_all_answers(assessment, assessor=assessor, except_codes=["1.1", "2.2"])
    with django_capture_on_commit_callbacks(execute=True):
        answer_ask(answer=question_on, user=assessor, body="Please upload the list of signed commitments.")
    question_on.refresh_from_db()
    assert question_on.review_state == Answer.ReviewState.QUESTION_OPEN and question_on.is_reopened
    assert mail.outbox[-1].to == [manager_a.email]
    # Only that answer reopens.
    assert assessment.answers.filter(is_reopened=True).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        answer_reply(answer=question_on, user=manager_a, body="Uploaded; 62 signed.", value="62")
    question_on.refresh_from_db()
    assert question_on.review_state == Answer.ReviewState.ANSWERED and not question_on.is_reopened
    assert question_on.value_number == Decimal("62")
    assert mail.outbox[-1].to == [assessor.email]
    answer_accept(answer=question_on, user=assessor)

    # A correction of 2.2 with its reason, recorded in the thread and the audit log.
    staff = answer_for(assessment, "2.2")
    answer_correct(answer=staff, user=assessor, value="1.5", reason="Two staff are part-time (0.75 each).")
    staff.refresh_from_db()
    assert staff.review_state == Answer.ReviewState.CORRECTED
    assert staff.assessed_number == Decimal("1.5") and staff.value_number == Decimal("3")
    assert AnswerMessage.objects.filter(answer=staff, kind="correction").exists()
    assert AuditEvent.objects.filter(action="labelling.answer.corrected").count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        assessment_recommend(assessment=assessment, user=assessor, recommendation="award", summary=SUMMARY)
    assessment.refresh_from_db()
    assert assessment.status == Status.RECOMMENDED
    ready = [m for m in mail.outbox if m.subject.startswith("Ready for a decision")]
    assert sorted(address for m in ready for address in m.to) == sorted([coordinator.email, decider.email])

    with django_capture_on_commit_callbacks(execute=True):
        decision = assessment_decide(
            assessment=assessment, user=decider, award=True, reasons="Meets every Bronze requirement."
        )
    assessment.refresh_from_db()
    assert assessment.status == Status.AWARDED and decision.outcome == Decision.Outcome.AWARD
    label = Label.objects.get(assessment=assessment)
    year = timezone.localdate().year
    assert label.number == f"CME-B-DE-{year}-00001"
    assert label.valid_until == Label.validity_end("bronze", label.valid_from)
    assert (label.valid_until - label.valid_from).days in (729, 730)  # valid_until is the last valid day
    (decision_mail,) = [m for m in mail.outbox if m.subject.startswith("Label awarded")]
    assert decision_mail.to == [manager_a.email]
    assert "Meets every Bronze requirement." in decision_mail.body
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "labelling.assessment.review_started",
        "labelling.assignment.declared_no_conflict",
        "labelling.answer.question_asked",
        "labelling.answer.sent_back",
        "labelling.assessment.recommended",
        "labelling.assessment.awarded",
        "labelling.label.awarded",
    } <= actions


def test_silver_after_a_bronze(org_a, manager_a):
    bronze = awarded_bronze(org_a, months_ago=20).assessment
    fill_answers(bronze, colours={"2.3": "yellow", "4.2": "yellow", "5.2": "red"})
    accept_all(bronze)
    assessment = submitted_assessment(org_a, level=Level.SILVER)
    for code in ("2.3", "4.2", "5.2"):
        ImprovementDeclaration.objects.create(
            assessment=assessment,
            indicator=answer_for(assessment, code).indicator,
            explanation="Improved since the Bronze benchmarking.",
        )
    assessor = assessor_from("DE")  # Silver needs one assessor, of any country
    start_review(assessment, assessors=[assessor])
    accept_all_answers(assessment, assessor=assessor)

    from labelling.selfassessment.selectors import assessment_outcome

    assert assessment_outcome(assessment=assessment).reached
    assessment_recommend(assessment=assessment, user=assessor, recommendation="award", summary=SUMMARY)
    assessment_decide(assessment=assessment, user=CoordinatorFactory(), award=True, reasons="Silver met.")
    label = Label.objects.get(assessment=assessment)
    assert label.level == Level.SILVER and label.number.startswith("CME-S-DE-")


def test_gold_needs_two_assessors_who_agree(org_a, manager_a):
    assessment = submitted_assessment(org_a, level=Level.GOLD)
    german, french = assessor_from("DE"), assessor_from("FR")
    first, second = start_review(assessment, assessors=[german, french])
    assert assessment.status == Status.IN_REVIEW

    accept_all_answers(assessment, assessor=german)
    # One assessor alone does not make an answer count.
    assert not assessment.answers.filter(review_state__in=["accepted", "corrected"]).exists()
    accept_all_answers(assessment, assessor=french, except_codes=["3.1"])
    private = answer_for(assessment, "3.1")
    answer_correct(answer=private, user=french, value="35", reason="Membership fees of public bodies.")
    private.refresh_from_db()
    assert private.review_state == Answer.ReviewState.UNREVIEWED  # they differ: listed to reconcile
    from labelling.review.selectors import review_rows

    rows = review_rows(assessment=assessment, viewer_assignment=first)
    assert [r.indicator.code for r in rows if r.difference] == ["3.1"]

    with pytest.raises(ReviewError, match="Not yet"):
        assessment_recommend(assessment=assessment, user=german, recommendation="award", summary=SUMMARY)

    # The German assessor adopts the correction: the agreed value goes to the answer.
    answer_correct(answer=private, user=german, value="35", reason="Agreed with my colleague.")
    private.refresh_from_db()
    assert private.review_state == Answer.ReviewState.CORRECTED and private.assessed_number == Decimal("35")
    assert AnswerReview.objects.filter(answer=private).count() == 2

    assessment_recommend(assessment=assessment, user=german, recommendation="award", summary=SUMMARY)
    assessment.refresh_from_db()
    assert assessment.status == Status.IN_REVIEW  # Gold: both must recommend
    assessment_recommend(assessment=assessment, user=french, recommendation="award", summary=SUMMARY)
    assessment.refresh_from_db()
    assert assessment.status == Status.RECOMMENDED

    assessment_decide(assessment=assessment, user=CoordinatorFactory(), award=True, reasons="Gold met.")
    label = Label.objects.get(assessment=assessment)
    assert label.number.startswith("CME-G-DE-")
    assert label.valid_until == Label.validity_end("gold", label.valid_from)
    assert (label.valid_until - label.valid_from).days in (1094, 1095)  # valid_until is the last valid day


def test_gold_recommendations_that_differ_do_not_reach_the_coordinators(org_a):
    assessment = submitted_assessment(org_a, level=Level.GOLD)
    one, two = assessor_from("DE"), assessor_from("FR")
    start_review(assessment, assessors=[one, two])
    accept_all_answers(assessment, assessor=one)
    accept_all_answers(assessment, assessor=two)
    assessment_recommend(assessment=assessment, user=one, recommendation="award", summary=SUMMARY)
    assessment_recommend(assessment=assessment, user=two, recommendation="reject", summary=SUMMARY)
    assessment.refresh_from_db()
    assert assessment.status == Status.IN_REVIEW
    assessment_recommendation_withdraw(assessment=assessment, user=two)
    assessment_recommend(assessment=assessment, user=two, recommendation="award", summary=SUMMARY)
    assessment.refresh_from_db()
    assert assessment.status == Status.RECOMMENDED


def test_renewal_label_starts_when_the_current_one_ends(org_a):
    bronze = awarded_bronze(org_a, months_ago=20)
    assessment = submitted_assessment(org_a, level=Level.BRONZE)
    assessor = assessor_from()
    start_review(assessment, assessors=[assessor])
    accept_all_answers(assessment, assessor=assessor)
    assessment_recommend(assessment=assessment, user=assessor, recommendation="award", summary=SUMMARY)
    assessment_decide(assessment=assessment, user=CoordinatorFactory(), award=True, reasons="Renewed.")
    label = Label.objects.get(assessment=assessment)
    assert label.valid_from == bronze.valid_until + datetime.timedelta(days=1)


def test_label_award_is_idempotent_and_numbers_in_sequence(org_a):
    labels = []
    for _ in range(2):
        assessment = submitted_assessment(
            ClusterOrganisationFactory(country="FR", nuts2_code="FR10"), level=Level.BRONZE
        )
        assessor = assessor_from("DE")
        start_review(assessment, assessors=[assessor])
        accept_all_answers(assessment, assessor=assessor)
        assessment_recommend(assessment=assessment, user=assessor, recommendation="award", summary=SUMMARY)
        assessment_decide(assessment=assessment, user=CoordinatorFactory(), award=True, reasons="Met.")
        labels.append(label_award(assessment=assessment, user=None))
    assert Label.objects.count() == 2
    assert [label.number[-5:] for label in labels] == ["00001", "00002"]
    assert label_award(assessment=labels[0].assessment, user=None) == labels[0]


def test_rejection_is_mailed_with_the_appeal_window(org_a, manager_a, django_capture_on_commit_callbacks):
    assessment = submitted_assessment(org_a, level=Level.BRONZE)
    assessor = assessor_from()
    start_review(assessment, assessors=[assessor])
    accept_all_answers(assessment, assessor=assessor)
    assessment_recommend(assessment=assessment, user=assessor, recommendation="reject", summary=SUMMARY)
    with django_capture_on_commit_callbacks(execute=True):
        assessment_decide(
            assessment=assessment,
            user=CoordinatorFactory(),
            award=False,
            reasons="Evidence missing for 1.1.",
            departure_reason="The member register could not be verified despite two questions.",
        )
    assessment.refresh_from_db()
    assert assessment.status == Status.REJECTED and assessment.decided_at is not None
    assert not Label.objects.filter(assessment=assessment).exists()
    (decision_mail,) = [m for m in mail.outbox if m.subject.startswith("Label decision")]
    assert "appeal within 30 days" in decision_mail.body
