"""The public survey API: published summaries only, the small-group rule, training needs, bad input."""

import pytest
from django.urls import reverse

from survey.services import survey_results_publish
from tests.factories import ClusterOrganisationFactory
from tests.survey.factories import submit_response

pytestmark = pytest.mark.django_db


def test_an_unpublished_summary_is_a_404_for_everyone_but_coordinators(
    built, client, manager_a_client, coordinator_client
):
    url = reverse("api-survey-summary", kwargs={"slug": built.survey.slug})
    assert client.get(url).status_code == 404
    assert manager_a_client.get(url).status_code == 404
    assert coordinator_client.get(url).status_code == 200
    assert client.get(reverse("api-survey-list")).json() == []


def test_a_published_summary_follows_the_summary_page_rules(built, client, coordinator):
    org = ClusterOrganisationFactory(country="DE")
    for _ in range(5):
        submit_response(built, organisation=org, remarks="secret remark")
    survey_results_publish(survey=built.survey, user=coordinator)
    data = client.get(reverse("api-survey-summary", kwargs={"slug": built.survey.slug})).json()
    assert data["responses"] == 5 and data["hidden"] is False
    role = next(q for q in data["questions"] if q["code"] == "role")
    assert role["answers"][0] == {"label": "Manager", "indicator_code": "", "count": 5, "percent": 100.0}
    needs = next(q for q in data["questions"] if q["code"] == "needs")
    assert needs["rows"][0]["counts"] == [0, 0, 5, 0, 0] and needs["rows"][0]["mean"] == 3.0
    assert "secret remark" not in str(data)
    small = client.get(reverse("api-survey-summary", kwargs={"slug": built.survey.slug}), {"country": "FR"}).json()
    assert small["country"] == ""  # unknown filter ignored: FR has no responses
    listing = client.get(reverse("api-survey-list")).json()
    assert listing[0]["slug"] == built.survey.slug and listing[0]["responses"] == 5


def test_a_small_group_is_hidden_in_the_api(built, client, coordinator):
    submit_response(built, organisation=ClusterOrganisationFactory(country="DE"))
    survey_results_publish(survey=built.survey, user=coordinator)
    data = client.get(reverse("api-survey-summary", kwargs={"slug": built.survey.slug})).json()
    assert data["hidden"] is True and data["responses"] is None and data["questions"] == []


@pytest.mark.parametrize("limit", ["0", "21", "many"])
def test_training_needs_refuse_a_bad_limit(client, limit):
    response = client.get(reverse("api-survey-training-needs"), {"limit": limit})
    assert response.status_code == 400 and "limit" in response.json()


def test_training_needs_are_empty_without_the_status_quo_survey(client):
    assert client.get(reverse("api-survey-training-needs")).json() == []


def test_the_api_is_read_only(built, coordinator_client):
    assert coordinator_client.post(reverse("api-survey-list"), {}).status_code == 405
