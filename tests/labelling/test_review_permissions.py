"""Who may open every page and send every form of the review side, for every persona: visitor, manager of the
assessed organisation (A), manager of another one (B), the assigned assessor, an assessor not assigned, and a
coordinator. Also: pages render with a fixed number of queries."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from labelling.models import Assessment
from labelling.review.models import AnswerReview, Appeal, AssessorAffiliation, AssessorAssignment, Decision
from labelling.review.services.answers import answer_ask
from labelling.review.services.assignment import assessment_assign_assessors
from tests.factories import AssessorProfileFactory
from tests.labelling.factories import AssessmentFactory, fill_answers
from tests.labelling.review_support import answer_for, start_review, submitted_assessment

pytestmark = pytest.mark.django_db

PERSONAS = ["visitor", "manager_a", "manager_b", "assessor", "other_assessor", "coordinator"]


@pytest.fixture
def world(org_a, manager_a, manager_b, assessor, coordinator):
    """An in-review Bronze of A assigned to `assessor` with one open question, and an appealed one of A."""
    assessment = submitted_assessment(org_a)
    start_review(assessment, assessors=[assessor])

    question = answer_for(assessment, "1.1")
    answer_ask(answer=question, user=assessor, body="Where is the list?")
    appealed = AssessmentFactory(
        organisation=org_a, level="silver", status=Assessment.Status.APPEALED, decided_at=timezone.now()
    )
    fill_answers(appealed)
    Decision.objects.create(assessment=appealed, outcome="reject", reasons="No.", decided_by=coordinator)
    Appeal.objects.create(assessment=appealed, filed_by=manager_a, reasons="We disagree.")
    affiliation = AssessorAffiliation.objects.create(
        assessor=assessor, organisation=org_a, relation="other", ended_on=timezone.localdate().replace(year=2015)
    )
    other = AssessorProfileFactory(home_country="IT").user
    return {
        "assessment": assessment,
        "answer": question,
        "other_answer": answer_for(assessment, "1.2"),
        "appealed": appealed,
        "affiliation": affiliation,
        "other_assessor": other,
    }


@pytest.fixture
def clients(world, visitor_client, manager_a_client, manager_b_client, assessor_client, coordinator_client):
    other = Client()
    other.force_login(world["other_assessor"])
    return {
        "visitor": visitor_client,
        "manager_a": manager_a_client,
        "manager_b": manager_b_client,
        "assessor": assessor_client,
        "other_assessor": other,
        "coordinator": coordinator_client,
    }


LOGIN = 302  # visitors are sent to the login page
# (name, method, url builder, {persona: expected status})
CASES = [
    ("queue", "get", lambda w: reverse("labelling:review_queue"),
     {"visitor": LOGIN, "manager_a": 403, "manager_b": 403, "assessor": 200, "other_assessor": 200, "coordinator": 403}),
    ("affiliations", "get", lambda w: reverse("labelling:affiliations"),
     {"visitor": LOGIN, "manager_a": 403, "manager_b": 403, "assessor": 200, "other_assessor": 200, "coordinator": 403}),
    ("affiliation_remove", "post", lambda w: reverse("labelling:affiliation_remove", args=[w["affiliation"].pk]),
     {"visitor": LOGIN, "manager_a": 404, "manager_b": 404, "assessor": 302, "other_assessor": 404, "coordinator": 404}),
    ("review", "get", lambda w: reverse("labelling:review_assessment", args=[w["assessment"].pk]),
     {"visitor": LOGIN, "manager_a": 404, "manager_b": 404, "assessor": 200, "other_assessor": 404, "coordinator": 404}),
    ("declare", "post", lambda w: reverse("labelling:review_declare", args=[w["assessment"].pk]),
     {"visitor": LOGIN, "manager_a": 404, "manager_b": 404, "assessor": 302, "other_assessor": 404, "coordinator": 404}),
    ("decline", "get", lambda w: reverse("labelling:review_decline", args=[w["assessment"].pk]),
     {"visitor": LOGIN, "manager_a": 404, "manager_b": 404, "assessor": 200, "other_assessor": 404, "coordinator": 404}),
    ("recommend", "post", lambda w: reverse("labelling:review_recommend", args=[w["assessment"].pk]),
     {"visitor": LOGIN, "manager_a": 404, "manager_b": 404, "assessor": 422, "other_assessor": 404, "coordinator": 404}),
    ("accept", "post", lambda w: reverse("labelling:review_answer", args=[w["assessment"].pk, w["other_answer"].pk, "accept"]),
     {"visitor": LOGIN, "manager_a": 404, "manager_b": 404, "assessor": 302, "other_assessor": 404, "coordinator": 404}),
    ("questions", "get", lambda w: reverse("labelling:assessment_questions", args=[w["assessment"].pk]),
     {"visitor": LOGIN, "manager_a": 200, "manager_b": 404, "assessor": 404, "other_assessor": 404, "coordinator": 200}),
    ("reply", "post", lambda w: reverse("labelling:answer_reply", args=[w["assessment"].pk, w["answer"].pk]),
     {"visitor": LOGIN, "manager_a": 302, "manager_b": 404, "assessor": 404, "other_assessor": 404, "coordinator": 403}),
    ("outcome", "get", lambda w: reverse("labelling:assessment_outcome", args=[w["appealed"].pk]),
     {"visitor": LOGIN, "manager_a": 200, "manager_b": 404, "assessor": 404, "other_assessor": 404, "coordinator": 200}),
    ("pipeline", "get", lambda w: reverse("labelling:pipeline"),
     {"visitor": LOGIN, "manager_a": 403, "manager_b": 403, "assessor": 403, "other_assessor": 403, "coordinator": 200}),
    ("assign", "get", lambda w: reverse("labelling:assign", args=[w["assessment"].pk]),
     {"visitor": LOGIN, "manager_a": 404, "manager_b": 404, "assessor": 404, "other_assessor": 404, "coordinator": 200}),
    ("remove_assessor", "post", lambda w: reverse("labelling:assignment_remove", args=[w["assessment"].pk, w["assessment"].assignments.get().pk]),
     {"visitor": LOGIN, "manager_a": 404, "manager_b": 404, "assessor": 404, "other_assessor": 404, "coordinator": 302}),
    ("decide", "get", lambda w: reverse("labelling:decide", args=[w["assessment"].pk]),
     {"visitor": LOGIN, "manager_a": 404, "manager_b": 404, "assessor": 404, "other_assessor": 404, "coordinator": 200}),
    ("appeal_decide", "get", lambda w: reverse("labelling:appeal_decide", args=[w["appealed"].pk]),
     {"visitor": LOGIN, "manager_a": 404, "manager_b": 404, "assessor": 404, "other_assessor": 404, "coordinator": 200}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "method", "url", "expected"), CASES, ids=[c[0] for c in CASES])
def test_who_may_open_what(world, clients, name, method, url, expected):
    got = {}
    for persona in PERSONAS:
        response = getattr(clients[persona], method)(url(world), {"body": "Here it is.", "value": ""})
        got[persona] = response.status_code
        if persona == "visitor":
            assert "/accounts/login/" in response["Location"]
    assert got == expected


def test_an_outsider_post_changes_nothing(world, clients):
    before = AnswerReview.objects.count()
    url = reverse("labelling:review_answer", args=[world["assessment"].pk, world["other_answer"].pk, "accept"])
    for persona in ("manager_a", "manager_b", "other_assessor", "coordinator"):
        clients[persona].post(url)
    assert AnswerReview.objects.count() == before


def test_an_assessor_awaiting_the_declaration_sees_only_the_statement(org_a, coordinator):
    assessment = submitted_assessment(org_a)
    newcomer = AssessorProfileFactory().user

    assessment_assign_assessors(assessment=assessment, assessors=[newcomer], user=coordinator)
    client = Client()
    client.force_login(newcomer)
    page = client.get(reverse("labelling:review_assessment", args=[assessment.pk]))
    assert page.status_code == 200
    assert b"declare that you have no conflict of interest" in page.content
    assert b"Committed participants" not in page.content  # no answers before the declaration
    action = reverse("labelling:review_answer", args=[assessment.pk, assessment.answers.first().pk, "accept"])
    assert client.post(action).status_code == 404


def test_an_unknown_answer_action_is_a_404(world, clients):
    url = reverse("labelling:review_answer", args=[world["assessment"].pk, world["other_answer"].pk, "delete"])
    assert clients["assessor"].post(url).status_code == 404


def test_an_answer_of_another_assessment_is_a_404(world, clients, org_b):
    foreign = submitted_assessment(org_b)
    url = reverse("labelling:review_answer", args=[world["assessment"].pk, foreign.answers.first().pk, "accept"])
    assert clients["assessor"].post(url).status_code == 404


def test_the_review_page_has_a_fixed_number_of_queries(world, clients, django_assert_max_num_queries):
    url = reverse("labelling:review_assessment", args=[world["assessment"].pk])
    with django_assert_max_num_queries(30):
        response = clients["assessor"].get(url)
    assert response.status_code == 200
    assert b"waiting on the managers" in response.content


def test_the_coordinator_pages_have_a_fixed_number_of_queries(world, clients, django_assert_max_num_queries):
    for _ in range(3):
        submitted_assessment(level="bronze")
    for url in (
        reverse("labelling:pipeline"),
        reverse("labelling:assign", args=[world["assessment"].pk]),
        reverse("labelling:decide", args=[world["assessment"].pk]),
    ):
        with django_assert_max_num_queries(40):
            assert clients["coordinator"].get(url).status_code == 200


def test_the_queue_shows_ages(world, clients, assessor):
    AssessorAssignment.objects.filter(assessor=assessor).update(assigned_at=timezone.now())
    response = clients["assessor"].get(reverse("labelling:review_queue"))
    assert b"Waiting on others" in response.content
    assert world["assessment"].organisation.name.encode() in response.content


def test_the_admin_lists_the_review_records(world, client):
    from tests.factories import UserFactory

    admin_user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    for model in ("assessorassignment", "assessoraffiliation", "decision", "appeal", "answermessage"):
        response = client.get(f"/admin/labelling/{model}/")
        assert response.status_code == 200, model
    assignment = AssessorAssignment.objects.first()
    assert client.get(f"/admin/labelling/assessorassignment/{assignment.pk}/change/").status_code == 200
