"""The review pages as users drive them: htmx verdicts, bad input shown in the page, declining, replying,
recommending, deciding and appealing through the forms; query counts that do not grow with the answers."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from labelling.framework.levels import Level
from labelling.models import Answer, Assessment, Label
from labelling.review.models import Appeal, AssessorAssignment
from labelling.review.services.answers import answer_ask
from labelling.review.services.assignment import assessment_assign_assessors
from labelling.review.services.decisions import assessment_decide, assessment_recommend
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


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def in_review(org_a):
    assessment = submitted_assessment(org_a)
    assessor = assessor_from()
    start_review(assessment, assessors=[assessor])
    return assessment, assessor


def test_an_htmx_verdict_returns_the_card_and_the_summary(in_review):
    assessment, assessor = in_review
    answer = answer_for(assessment, "1.2")
    response = client_for(assessor).post(
        reverse("labelling:review_answer", args=[assessment.pk, answer.pk, "accept"]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="answer-{answer.pk}"' in html and "accepted" in html
    assert 'id="review-summary"' in html and 'hx-swap-oob="true"' in html
    assert "1 of 36 answers agreed" in html


def test_a_bad_correction_is_shown_in_the_card_with_what_was_typed(in_review):
    assessment, assessor = in_review
    answer = answer_for(assessment, "1.2")
    response = client_for(assessor).post(
        reverse("labelling:review_answer", args=[assessment.pk, answer.pk, "correct"]),
        {"value": "140", "reason": "Checked the register."},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "A percentage cannot be more than 100." in html
    assert "Checked the register." in html  # kept in the form
    answer.refresh_from_db()
    assert answer.review_state == Answer.ReviewState.UNREVIEWED


def test_without_htmx_a_verdict_redirects_to_the_answer_with_a_message(in_review):
    assessment, assessor = in_review
    answer = answer_for(assessment, "1.2")
    client = client_for(assessor)
    url = reverse("labelling:review_answer", args=[assessment.pk, answer.pk, "correct"])
    response = client.post(url, {"value": "abc", "reason": "x"})
    assert response.status_code == 302 and response["Location"].endswith(f"#answer-{answer.pk}")
    page = client.get(response["Location"].split("#")[0])
    assert "1.2: Enter a number" in page.content.decode()


def test_the_review_page_queries_do_not_depend_on_the_number_of_answers(org_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for level in (Level.BRONZE, Level.GOLD):
        assessment = submitted_assessment(ClusterOrganisationFactory(country="FR", nuts2_code="FR10"), level=level)
        assessors = [assessor_from("DE"), assessor_from("IT")][: 2 if level == Level.GOLD else 1]
        start_review(assessment, assessors=assessors)
        client = client_for(assessors[0])
        url = reverse("labelling:review_assessment", args=[assessment.pk])
        client.get(url)  # warm caches (session, content types)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[level] = len(queries)
    assert counts[Level.BRONZE] == counts[Level.GOLD]
    assert counts[Level.BRONZE] <= 30


def test_declining_through_the_page(org_a):
    assessment = submitted_assessment(org_a)
    assessor = assessor_from()
    assessment_assign_assessors(assessment=assessment, assessors=[assessor], user=CoordinatorFactory())
    client = client_for(assessor)
    url = reverse("labelling:review_decline", args=[assessment.pk])
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200 and "This field is required." in refused.content.decode()
    assert AssessorAssignment.objects.get().status == AssessorAssignment.Status.AWAITING_DECLARATION
    response = client.post(url, {"reason": "I advised their board in 2024."})
    assert response.status_code == 302
    assert AssessorAssignment.objects.get().status == AssessorAssignment.Status.DECLINED
    assert client.get(reverse("labelling:review_assessment", args=[assessment.pk])).status_code == 404


def test_the_declaration_through_the_page_needs_the_tick(org_a):
    assessment = submitted_assessment(org_a)
    assessor = assessor_from()
    assessment_assign_assessors(assessment=assessment, assessors=[assessor], user=CoordinatorFactory())
    client = client_for(assessor)
    url = reverse("labelling:review_declare", args=[assessment.pk])
    client.post(url, {})
    assert AssessorAssignment.objects.get().status == AssessorAssignment.Status.AWAITING_DECLARATION
    client.post(url, {"confirm": "on"})
    assert AssessorAssignment.objects.get().status == AssessorAssignment.Status.ACTIVE


def test_a_manager_replies_with_a_new_value_through_the_page(in_review, manager_a):
    assessment, assessor = in_review
    answer = answer_for(assessment, "1.1")
    answer_ask(answer=answer, user=assessor, body="How many signed?")
    client = client_for(manager_a)
    page = client.get(reverse("labelling:assessment_questions", args=[assessment.pk]))
    assert "How many signed?" in page.content.decode()
    url = reverse("labelling:answer_reply", args=[assessment.pk, answer.pk])
    client.post(url, {"body": "Fewer.", "value": "-4", "send_back": "1"})
    answer.refresh_from_db()
    assert answer.review_state == Answer.ReviewState.QUESTION_OPEN  # refused: a count cannot be negative
    client.post(url, {"body": "Fewer: 44.", "value": "44", "send_back": "1"})
    answer.refresh_from_db()
    assert answer.review_state == Answer.ReviewState.ANSWERED and answer.value_number == 44


def test_an_assessor_cannot_recommend_before_every_answer_is_agreed(in_review):
    assessment, assessor = in_review
    client = client_for(assessor)
    response = client.post(
        reverse("labelling:review_recommend", args=[assessment.pk]), {"recommendation": "award", "summary": SUMMARY}
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Not yet:" in page.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.IN_REVIEW


def test_the_decision_and_appeal_forms(in_review, manager_a):
    assessment, assessor = in_review
    accept_all_answers(assessment, assessor=assessor)
    assessment_recommend(assessment=assessment, user=assessor, recommendation="reject", summary=SUMMARY)
    decider, other = CoordinatorFactory(), CoordinatorFactory()
    decide = reverse("labelling:decide", args=[assessment.pk])
    response = client_for(decider).post(decide, {"outcome": "reject", "reasons": ""})
    assert response.status_code == 422 and "This field is required." in response.content.decode()
    client_for(decider).post(
        decide,
        {
            "outcome": "reject",
            "reasons": "Evidence too thin for 1.1.",
            "departure_reason": "The member register could not be verified.",
        },
    )
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.REJECTED

    outcome = reverse("labelling:assessment_outcome", args=[assessment.pk])
    page = client_for(manager_a).get(outcome).content.decode()
    assert "Evidence too thin for 1.1." in page and "File the appeal" in page
    client_for(manager_a).post(outcome, {"reasons": "The register lists 62 signed commitments, attached."})
    assert Appeal.objects.get().status == Appeal.Status.OPEN

    appeal = reverse("labelling:appeal_decide", args=[assessment.pk])
    page = client_for(decider).get(appeal).content.decode()
    assert "another coordinator" in page or "took no part" in page
    response = client_for(decider).post(appeal, {"outcome": "uphold", "reasons": "x"})
    assert response.status_code == 422 and "took part in the decision" in response.content.decode()
    assert Appeal.objects.get().status == Appeal.Status.OPEN
    client_for(other).post(appeal, {"outcome": "uphold", "reasons": "The register settles it."})
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.AWARDED and Label.objects.filter(assessment=assessment).exists()


def test_the_appeal_form_is_gone_after_30_days(in_review, manager_a):
    assessment, assessor = in_review
    accept_all_answers(assessment, assessor=assessor)
    assessment_recommend(assessment=assessment, user=assessor, recommendation="reject", summary=SUMMARY)
    assessment_decide(
        assessment=assessment,
        user=CoordinatorFactory(),
        award=False,
        reasons="No.",
        departure_reason="The member register could not be verified.",
    )
    Assessment.objects.filter(pk=assessment.pk).update(decided_at=timezone.now() - timezone.timedelta(days=40))
    page = client_for(manager_a).get(reverse("labelling:assessment_outcome", args=[assessment.pk])).content.decode()
    assert "days to appeal ended" in page and "File the appeal" not in page


def test_dashboards_show_the_queue_and_the_pipeline(in_review):
    assessment, assessor = in_review
    page = client_for(assessor).get(reverse("portal:dashboard")).content.decode()
    assert "Review queue" in page and assessment.organisation.name in page
    coordination = client_for(CoordinatorFactory()).get(reverse("portal:coordination")).content.decode()
    assert "Label pipeline" in coordination and "Label decisions and appeals" in coordination


def test_the_silver_review_shows_the_improvements_beside_the_bronze_values(org_a):
    from labelling.models import ImprovementDeclaration
    from tests.labelling.factories import awarded_bronze, fill_answers

    bronze = awarded_bronze(org_a, months_ago=20).assessment
    fill_answers(bronze, colours={"2.3": "yellow"})
    bronze.answers.update(review_state="accepted")
    Answer.objects.filter(assessment=bronze, indicator__code="2.3").update(assessed_number=50)
    silver = submitted_assessment(org_a, level=Level.SILVER)
    ImprovementDeclaration.objects.create(
        assessment=silver, indicator=answer_for(silver, "2.3").indicator, explanation="Two graduates hired."
    )
    assessor = assessor_from()
    start_review(silver, assessors=[assessor])
    page = client_for(assessor).get(reverse("labelling:review_assessment", args=[silver.pk])).content.decode()
    assert "Improvements declared for Silver" in page
    assert "Two graduates hired." in page and "50 %" in page and "80 %" in page


def test_differing_gold_recommendations_are_flagged(org_a):
    assessment = submitted_assessment(org_a, level=Level.GOLD)
    one, two = assessor_from("DE"), assessor_from("FR")
    start_review(assessment, assessors=[one, two])
    accept_all_answers(assessment, assessor=one)
    accept_all_answers(assessment, assessor=two)
    assessment_recommend(assessment=assessment, user=one, recommendation="award", summary=SUMMARY)
    assessment_recommend(assessment=assessment, user=two, recommendation="reject", summary=SUMMARY)
    page = client_for(one).get(reverse("labelling:review_assessment", args=[assessment.pk])).content.decode()
    assert "Your fellow assessor recommends otherwise" in page


def test_the_queue_and_the_pipeline_do_not_grow_with_the_assessments():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assessor, coordinator = assessor_from(), CoordinatorFactory()
    counts = []
    for total in (1, 4):
        while AssessorAssignment.objects.filter(assessor=assessor).count() < total:
            assessment = submitted_assessment()
            start_review(assessment, assessors=[assessor], coordinator=coordinator)
            answer_ask(answer=assessment.answers.first(), user=assessor, body="Which year?")
        sizes = []
        for user, url in ((assessor, "labelling:review_queue"), (coordinator, "labelling:pipeline")):
            client = client_for(user)
            client.get(reverse(url))
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(url)).status_code == 200
            sizes.append(len(queries))
        counts.append(sizes)
    assert counts[0] == counts[1]
