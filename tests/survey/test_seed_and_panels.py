"""The seeded status quo survey, the "most needed topics" figures and the dashboard panels."""

import io
import random

import pytest
from django.urls import reverse

from portal.management.commands.seed_demo import SeedContext
from survey import seed as survey_seed
from survey.models import Answer, Option, Response, Survey
from survey.selectors import STATUS_QUO_SLUG, most_needed_training_topics, survey_results
from tests.factories import ClusterOrganisationFactory, MembershipFactory
from tests.survey.factories import full_answers

pytestmark = pytest.mark.django_db


def _ctx():
    return SeedContext(organisations=20, stdout=io.StringIO(), rng=random.Random("2026-survey"))


def _signature():
    return sorted(
        Answer.objects.filter(response__survey__slug=STATUS_QUO_SLUG).values_list(
            "response__user__email", "question__code", "row__value", "option__value", "number", "text"
        )
    )


@pytest.fixture
def directory(db):
    organisations = [
        ClusterOrganisationFactory(country="DE" if i % 2 else "FR", nuts2_code="DE21" if i % 2 else "FR10")
        for i in range(12)
    ]
    for org in organisations[:8]:
        MembershipFactory(organisation=org)
    return organisations


def test_the_seed_creates_the_status_quo_survey_with_150_responses_and_is_idempotent(directory):
    survey_seed.seed(_ctx())
    survey = Survey.objects.get(slug=STATUS_QUO_SLUG)
    assert survey.status == "live" and survey.results_published and survey.is_open
    assert Response.objects.filter(survey=survey, status="submitted").count() == 150
    assert Response.objects.filter(survey=survey, organisation__isnull=True).count() == 0
    first = _signature()
    survey_seed.seed(_ctx())
    assert Survey.objects.filter(slug=STATUS_QUO_SLUG).count() == 1
    assert _signature() == first
    # the indicator options carry the framework's codes 1.1 .. 6.4
    codes = list(Option.objects.filter(question__code="indicators-used").values_list("indicator_code", flat=True))
    assert len(codes) == 36 and codes[0] == "1.1" and codes[-1] == "6.4"


def test_the_seed_is_deterministic(directory):
    survey_seed.seed(_ctx())
    first = _signature()
    Survey.objects.filter(slug=STATUS_QUO_SLUG).delete()
    survey_seed.seed(_ctx())
    assert _signature() == first


def test_the_seeded_responses_respect_required_questions_and_conditions(directory):
    from survey.structure import SurveyStructure

    survey_seed.seed(_ctx())
    survey = Survey.objects.get(slug=STATUS_QUO_SLUG)
    structure = SurveyStructure(survey)
    for response in Response.objects.filter(survey=survey)[:40]:
        answers = structure.answers_of(response)
        assert structure.missing_required(answers) == []
        assert set(answers) <= structure.visible_pks(answers)


def test_most_needed_training_topics_come_from_the_training_needs_matrix(directory):
    assert most_needed_training_topics() == []
    survey_seed.seed(_ctx())
    topics = most_needed_training_topics(limit=5)
    assert len(topics) == 5
    assert set(topics[0]) == {"field", "label", "mean", "responses"}
    means = [t["mean"] for t in topics]
    assert means == sorted(means, reverse=True)
    assert all(t["responses"] == 150 for t in topics)
    assert topics[0]["field"] in {"twin-transition", "financing", "performance"}
    results = survey_results(survey=Survey.objects.get(slug=STATUS_QUO_SLUG))
    matrix = next(item for _s, items in results.sections for item in items if item.question.code == "training-needs")
    top = max(matrix.matrix_rows, key=lambda row: row["mean"])
    assert top["value"] == topics[0]["field"] and top["mean"] == topics[0]["mean"]


def test_most_needed_topics_query_count_does_not_grow(directory, django_assert_num_queries):
    survey_seed.seed(_ctx())
    with django_assert_num_queries(1):
        most_needed_training_topics()


def test_the_dashboard_shows_a_waiting_survey_then_the_draft(built, manager_a_client):
    page = manager_a_client.get(reverse("portal:dashboard"))
    assert "Surveys waiting for your answer" in page.text and "Status survey" in page.text
    manager_a_client.post(
        reverse("survey:answer", kwargs={"slug": built.survey.slug, "step": 1}), full_answers(built)[1]
    )
    page = manager_a_client.get(reverse("portal:dashboard"))
    assert "started; finish by" in page.text
    assert reverse("survey:answer", kwargs={"slug": built.survey.slug, "step": 2}) in page.text


def test_the_coordination_page_shows_open_surveys_with_counts(built, coordinator_client, manager_a_client):
    manager_a_client.post(
        reverse("survey:answer", kwargs={"slug": built.survey.slug, "step": 1}), full_answers(built)[1]
    )
    page = coordinator_client.get(reverse("portal:coordination"))
    assert "Open surveys" in page.text and "Status survey" in page.text
    body = page.text.split("Status survey")[1][:400]
    assert ">1</td>" in body  # one response in progress


def test_the_list_shows_open_surveys_and_published_results(built, manager_a_client, client, coordinator):
    from survey.services import survey_results_publish

    assert "Status survey" in manager_a_client.get(reverse("survey:list")).text
    assert "Status survey" not in client.get(reverse("survey:list")).text
    survey_results_publish(survey=built.survey, user=coordinator)
    assert reverse("survey:summary", kwargs={"slug": built.survey.slug}) in client.get(reverse("survey:list")).text


def test_the_list_page_query_count_does_not_grow_with_surveys(
    coordinator, manager_a_client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.survey.factories import build_survey

    build_survey(user=coordinator)
    with CaptureQueriesContext(connection) as one:
        manager_a_client.get(reverse("survey:list"))
    for _ in range(4):
        build_survey(user=coordinator)
    with django_assert_max_num_queries(len(one)):
        manager_a_client.get(reverse("survey:list"))
