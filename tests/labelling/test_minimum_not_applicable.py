"""A minimum requirement cannot be answered "not applicable": it is answered and scored like any other (domain.md,
rules made precise 2026-12-02). Refused on every way in (the page, the API, the reply to a question, the
assessor's acceptance), and existing answers that say so are flagged and never count."""

from __future__ import annotations

import pytest
from django.urls import reverse

from labelling.framework.levels import Level
from labelling.framework.validation import parse_answer_input
from labelling.models import Answer, Indicator
from labelling.review.services import ReviewError
from labelling.review.services.answers import answer_accept, answer_ask, answer_reply
from labelling.review.services.decisions import assessment_recommend
from labelling.selfassessment import services as selfassessment
from labelling.selfassessment.selectors import assessment_outcome, assessment_overview
from tests.labelling.factories import ecei, fill_answers
from tests.labelling.review_support import (
    SUMMARY,
    accept_all_answers,
    answer_for,
    assessor_from,
    start_review,
    submitted_assessment,
)

pytestmark = pytest.mark.django_db
MINIMUM_CODES = ["1.1", "1.4", "2.2", "4.1", "5.5"]
WHY = "Our cluster has no such thing."


def test_the_framework_has_the_minimum_requirements_of_the_domain():
    assert sorted(ecei().indicators.filter(is_minimum_requirement=True).values_list("code", flat=True)) == MINIMUM_CODES


@pytest.mark.parametrize("code", MINIMUM_CODES)
def test_the_input_check_refuses_not_applicable_on_every_minimum_requirement(code):
    indicator = Indicator.objects.get(framework=ecei(), code=code)
    parsed = parse_answer_input(indicator, {"not_applicable": "1", "justification": WHY})
    assert "not_applicable" in parsed.errors and "minimum requirement" in parsed.errors["not_applicable"]
    parsed = parse_answer_input(indicator, {"not_applicable": True, "justification": WHY, "value": "3"})
    assert not parsed.is_valid  # even with a value beside it


def test_an_ordinary_indicator_may_still_be_not_applicable():
    indicator = Indicator.objects.get(framework=ecei(), code="1.2")
    assert parse_answer_input(indicator, {"not_applicable": "1", "justification": WHY}).is_valid


@pytest.fixture
def draft(manager_a, org_a):
    return selfassessment.assessment_start(user=manager_a, organisation=org_a, level=Level.BRONZE)


def test_the_service_saves_nothing(manager_a, draft):
    answer = draft.answers.select_related("indicator").get(indicator__code="2.2")
    with pytest.raises(selfassessment.AnswerInvalid) as error:
        selfassessment.answer_save(
            user=manager_a, answer=answer, data={"not_applicable": "1", "justification": WHY}, expected_version=0
        )
    assert "not_applicable" in error.value.errors
    answer.refresh_from_db()
    assert not answer.not_applicable and answer.version == 0


def test_the_page_refuses_it_with_a_message_and_offers_no_such_box(manager_a_client, draft):
    answer = draft.answers.select_related("indicator").get(indicator__code="5.5")
    url = reverse("labelling:answer_save", args=[draft.pk, answer.pk])
    response = manager_a_client.post(
        url, {"not_applicable": "1", "justification": WHY, "version": "0"}, HTTP_HX_REQUEST="true"
    )
    assert "cannot be “not applicable”" in response.content.decode()
    answer.refresh_from_db()
    assert not answer.not_applicable
    page = manager_a_client.get(reverse("labelling:dimension", args=[draft.pk, 5])).content.decode()
    assert f'id="answer-{answer.pk}-na"' not in page  # no "not applicable" box for the minimum requirement
    other = draft.answers.get(indicator__code="5.4")
    assert f'id="answer-{other.pk}-na"' in page  # but for the others


def test_the_api_answers_400_with_the_field(manager_a_client, draft):
    url = reverse("api-labelling-answer-detail", args=[draft.pk, "1.4"])
    response = manager_a_client.put(
        url, {"not_applicable": True, "justification": WHY, "version": 0}, content_type="application/json"
    )
    assert response.status_code == 400 and "not_applicable" in response.json()["errors"]
    assert not Answer.objects.get(assessment=draft, indicator__code="1.4").not_applicable


def _mark_not_applicable(assessment, code):
    Answer.objects.filter(assessment=assessment, indicator__code=code).update(
        value_number=None, value_bool=None, value_choice="", not_applicable=True, justification=WHY
    )


def test_an_existing_not_applicable_minimum_requirement_blocks_the_submit(manager_a, draft):
    fill_answers(draft)
    _mark_not_applicable(draft, "4.1")
    blockers = selfassessment.assessment_submit_blockers(assessment=draft)
    assert any(b.startswith("4.1") and "cannot be “not applicable”" in b for b in blockers)
    with pytest.raises(selfassessment.SubmitBlocked):
        selfassessment.assessment_submit(user=manager_a, assessment=draft)
    preview = assessment_overview(assessment=draft).preview
    assert not preview.reached and preview.minimum_not_applicable == ["4.1"]


@pytest.fixture
def in_review():
    assessment = submitted_assessment()
    assessor = assessor_from()
    start_review(assessment, assessors=[assessor])
    return assessment, assessor


def test_the_assessor_cannot_accept_it_and_the_managers_cannot_reply_it(in_review):
    assessment, assessor = in_review
    _mark_not_applicable(assessment, "2.2")
    with pytest.raises(ReviewError, match="cannot be accepted as “not applicable”"):
        answer_accept(answer=answer_for(assessment, "2.2"), user=assessor)
    answer_ask(answer=answer_for(assessment, "1.1"), user=assessor, body="How many sign?")
    manager = _manager_of(assessment)
    with pytest.raises(ReviewError, match="minimum requirement"):
        answer_reply(
            answer=answer_for(assessment, "1.1"), user=manager, body="None.", not_applicable=True, justification=WHY
        )
    assert not answer_for(assessment, "1.1").not_applicable


def test_a_minimum_requirement_accepted_as_not_applicable_earlier_blocks_the_recommendation(in_review):
    assessment, assessor = in_review
    accept_all_answers(assessment, assessor=assessor)
    Answer.objects.filter(assessment=assessment, indicator__code="2.2").update(
        assessed_number=None, assessed_not_applicable=True
    )
    outcome = assessment_outcome(assessment=assessment)
    assert not outcome.reached and outcome.minimum_not_applicable == ["2.2"]
    with pytest.raises(ReviewError, match="accepted as “not applicable”.*2.2"):
        assessment_recommend(assessment=assessment, user=assessor, recommendation="award", summary=SUMMARY)


def _manager_of(assessment):
    from tests.factories import MembershipFactory

    return MembershipFactory(organisation=assessment.organisation).user
