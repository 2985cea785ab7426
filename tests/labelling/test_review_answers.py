"""Verdicts per answer: corrections validated like the managers' input, questions that reopen one answer,
the managers' replies, and the waiting shown for each step."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from labelling.framework.levels import Level
from labelling.models import Answer
from labelling.review.models import AnswerMessage, AnswerReview
from labelling.review.selectors import answer_waiting, review_rows
from labelling.review.services import ReviewError
from labelling.review.services.answers import answer_accept, answer_ask, answer_correct, answer_reply
from portal.models import AuditEvent
from tests.factories import MembershipFactory
from tests.labelling.review_support import answer_for, assessor_from, start_review, submitted_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(org_a):
    assessment = submitted_assessment(org_a, level=Level.BRONZE)
    assessor = assessor_from()
    start_review(assessment, assessors=[assessor])
    return assessment, assessor


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("1.2", "abc", "Enter a number"),
        ("1.2", "120", "cannot be more than 100"),
        ("1.1", "-3", "cannot be negative"),
        ("1.1", "3.5", "whole number"),
        ("2.8", "maybe", "yes or no"),
        ("2.7", "dictatorship", "Choose one of"),
        ("1.1", "", "Enter a value"),
    ],
)
def test_a_correction_is_validated_like_the_managers_input(reviewed, code, value, message):
    assessment, assessor = reviewed
    answer = answer_for(assessment, code)
    with pytest.raises(ReviewError, match=message):
        answer_correct(answer=answer, user=assessor, value=value, reason="Checked the register.")
    answer.refresh_from_db()
    assert answer.review_state == Answer.ReviewState.UNREVIEWED
    assert not AnswerReview.objects.exists()


def test_a_correction_needs_a_reason_and_a_different_value(reviewed):
    assessment, assessor = reviewed
    answer = answer_for(assessment, "1.1")
    with pytest.raises(ReviewError, match="reason"):
        answer_correct(answer=answer, user=assessor, value="20", reason=" ")
    with pytest.raises(ReviewError, match="accept it instead"):
        answer_correct(answer=answer, user=assessor, value=str(answer.value_number), reason="Same.")


def test_a_choice_and_a_yes_no_can_be_corrected(reviewed):
    assessment, assessor = reviewed
    roles = answer_for(assessment, "2.7")
    answer_correct(answer=roles, user=assessor, value="advisory", reason="The board only advises.")
    documented = answer_for(assessment, "2.8")
    answer_correct(answer=documented, user=assessor, value="no", reason="No written rules found.")
    roles.refresh_from_db()
    documented.refresh_from_db()
    assert roles.assessed_choice == "advisory" and roles.review_state == "corrected"
    assert documented.assessed_bool is False and documented.review_state == "corrected"


def test_a_question_reopens_only_that_answer_and_waits_on_the_managers(reviewed, manager_a):
    assessment, assessor = reviewed
    answer = answer_for(assessment, "4.1")
    answer_ask(answer=answer, user=assessor, body="When was the strategy last updated?")
    assert list(assessment.answers.filter(is_reopened=True).values_list("pk", flat=True)) == [answer.pk]
    with pytest.raises(ReviewError, match="waits on the managers"):
        answer_accept(answer=answer, user=assessor)

    Answer.objects.filter(pk=answer.pk).update()
    AnswerMessage.objects.filter(answer=answer).update(created_at=timezone.now() - datetime.timedelta(days=3))
    row = next(r for r in review_rows(assessment=assessment, viewer_assignment=None) if r.answer.pk == answer.pk)
    assert str(row.waiting) == "waiting on the managers for 3 days"

    answer_reply(answer=answer, user=manager_a, body="Updated in March, see the attached plan.")
    answer.refresh_from_db()
    assert answer.review_state == Answer.ReviewState.ANSWERED
    waiting = answer_waiting(answer, last_message_at=timezone.now() - datetime.timedelta(hours=5))
    assert str(waiting) == "waiting on the assessors for 5 hours"
    answer_accept(answer=answer, user=assessor)
    answer.refresh_from_db()
    assert answer.review_state == Answer.ReviewState.ACCEPTED
    kinds = list(answer.messages.values_list("kind", "author_role"))
    assert kinds == [("question", "assessor"), ("reply", "manager")]


def test_a_reply_with_a_bad_value_changes_nothing(reviewed, manager_a):
    assessment, assessor = reviewed
    answer = answer_for(assessment, "1.2")
    answer_ask(answer=answer, user=assessor, body="Is this share right?")
    with pytest.raises(ReviewError, match="more than 100"):
        answer_reply(answer=answer, user=manager_a, body="Corrected.", value="140")
    answer.refresh_from_db()
    assert answer.review_state == Answer.ReviewState.QUESTION_OPEN
    assert answer.messages.count() == 1


def test_a_manager_can_keep_the_question_open_with_a_note(reviewed, manager_a):
    assessment, assessor = reviewed
    answer = answer_for(assessment, "1.2")
    answer_ask(answer=answer, user=assessor, body="Is this share right?")
    answer_reply(answer=answer, user=manager_a, body="Checking with accounting.", send_back=False)
    answer.refresh_from_db()
    assert answer.review_state == Answer.ReviewState.QUESTION_OPEN and answer.is_reopened


def test_a_changed_value_voids_earlier_verdicts_and_is_audited(org_a, manager_a):
    assessment = submitted_assessment(org_a, level=Level.GOLD)
    one, two = assessor_from("DE"), assessor_from("FR")
    start_review(assessment, assessors=[one, two])
    answer = answer_for(assessment, "1.1")
    answer_accept(answer=answer, user=one)
    answer_ask(answer=answer, user=two, body="The register lists fewer members.")
    answer_reply(answer=answer, user=manager_a, body="Right, 48 committed.", value="48")
    answer.refresh_from_db()
    assert answer.value_number == Decimal("48")
    assert not AnswerReview.objects.filter(answer=answer).exists()
    assert answer.messages.get(kind="reply").value_change == "50 participants → 48 participants"
    assert AuditEvent.objects.filter(action="labelling.answer.changed_on_question").exists()


def test_only_managers_reply_and_only_to_open_questions(reviewed, manager_a, org_a):
    assessment, assessor = reviewed
    answer = answer_for(assessment, "1.1")
    with pytest.raises(ReviewError, match="no open question"):
        answer_reply(answer=answer, user=manager_a, body="Hello")
    answer_ask(answer=answer, user=assessor, body="Where is the list?")
    viewer = MembershipFactory(organisation=org_a, role="viewer").user
    with pytest.raises(ReviewError, match="Only the organisation's managers"):
        answer_reply(answer=answer, user=viewer, body="Here.")
    with pytest.raises(ReviewError, match="Only the organisation's managers"):
        answer_reply(answer=answer, user=assessor, body="Here.")


def test_an_assessor_not_assigned_cannot_give_verdicts(reviewed):
    assessment, _assessor = reviewed
    stranger = assessor_from()
    answer = assessment.answers.first()
    for call in (
        lambda: answer_accept(answer=answer, user=stranger),
        lambda: answer_correct(answer=answer, user=stranger, value="1", reason="x"),
        lambda: answer_ask(answer=answer, user=stranger, body="?"),
    ):
        with pytest.raises(ReviewError, match="not an active assessor"):
            call()
    assert not AnswerReview.objects.exists()


def test_accepting_twice_keeps_one_verdict(reviewed):
    assessment, assessor = reviewed
    answer = assessment.answers.first()
    answer_accept(answer=answer, user=assessor)
    answer_accept(answer=answer, user=assessor)
    assert AnswerReview.objects.filter(answer=answer).count() == 1


def test_not_applicable_is_accepted_as_such(reviewed):
    assessment, assessor = reviewed
    answer = answer_for(assessment, "6.4")
    Answer.objects.filter(pk=answer.pk).update(
        not_applicable=True, justification="Founded last year.", value_number=None
    )
    answer.refresh_from_db()
    answer_accept(answer=answer, user=assessor)
    answer.refresh_from_db()
    assert answer.assessed_not_applicable and answer.review_state == "accepted"
