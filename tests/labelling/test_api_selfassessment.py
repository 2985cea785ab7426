"""API v1: the public framework, and assessments and answers scoped to the user's organisations."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from labelling.selfassessment import services
from platform_directory.models import OrganisationMembership
from tests.factories import AssessorProfileFactory, MembershipFactory
from tests.labelling.factories import fill_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(manager_a, org_a):
    return services.assessment_start(user=manager_a, organisation=org_a, level="bronze")


def _answer_url(assessment, code):
    return reverse("api-labelling-answer-detail", args=[assessment.pk, code])


def test_the_framework_is_public_with_dimensions_and_indicators(visitor_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = visitor_client.get(reverse("api-labelling-framework-detail", args=["ECEI-2026"]))
    data = response.json()
    assert response.status_code == 200
    assert (data["code"], data["version"]) == ("ECEI-2026", 1)
    assert len(data["dimensions"]) == 6
    indicators = [i for d in data["dimensions"] for i in d["indicators"]]
    assert len(indicators) == 36
    assert sum("G" in i["levels"] for i in indicators) == 31
    fte = next(i for i in indicators if i["code"] == "2.2")
    assert fte["is_minimum_requirement"] and fte["green_threshold"] == "3.00" and fte["unit"] == "FTE"


def test_an_unknown_framework_or_version_is_404(visitor_client):
    assert visitor_client.get(reverse("api-labelling-framework-detail", args=["NOPE"])).status_code == 404
    url = reverse("api-labelling-framework-detail", args=["ECEI-2026"])
    assert visitor_client.get(url + "?version=7").status_code == 404
    assert visitor_client.get(url + "?version=x").status_code == 400


def test_the_list_holds_only_the_users_organisations(manager_a_client, manager_b_client, assessment):
    data = manager_a_client.get(reverse("api-labelling-assessment-list")).json()
    assert [row["id"] for row in data["results"]] == [assessment.pk]
    assert data["results"][0]["indicators"] == 36
    assert manager_b_client.get(reverse("api-labelling-assessment-list")).json()["results"] == []


def test_the_detail_has_every_answer(manager_a_client, assessment):
    data = manager_a_client.get(reverse("api-labelling-assessment-detail", args=[assessment.pk])).json()
    assert len(data["answers"]) == 36 and data["answers"][0]["indicator"] == "1.1"
    assert data["answers"][0]["editable"] is True


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("visitor", 403), ("manager_b", 404), ("assessor", 404), ("coordinator", 404)],
)
def test_others_get_404_and_visitors_must_log_in(persona, expected, assessment, request):
    client = request.getfixturevalue(f"{persona}_client")
    for url in (
        reverse("api-labelling-assessment-detail", args=[assessment.pk]),
        _answer_url(assessment, "1.1"),
    ):
        assert client.get(url).status_code == expected
    response = client.put(_answer_url(assessment, "1.1"), {"value": 5, "version": 0}, content_type="application/json")
    assert response.status_code == expected
    assert assessment.answers.get(indicator__code="1.1").value_number is None


def test_a_manager_writes_an_answer_with_the_page_validation(manager_a_client, assessment):
    url = _answer_url(assessment, "2.2")
    response = manager_a_client.patch(url, {"value": "2.5", "version": 0}, content_type="application/json")
    assert response.status_code == 200, response.json()
    assert response.json()["value"] == "2.50" and response.json()["colour"] == "yellow"
    assert response.json()["version"] == 1

    bad = manager_a_client.patch(
        _answer_url(assessment, "1.2"), {"value": 150, "version": 0}, content_type="application/json"
    )
    assert bad.status_code == 400 and "100" in bad.json()["errors"]["value"]
    missing_version = manager_a_client.patch(url, {"value": 3}, content_type="application/json")
    assert missing_version.status_code == 400 and "version" in missing_version.json()["errors"]
    na = manager_a_client.patch(
        _answer_url(assessment, "4.8"), {"not_applicable": True, "version": 0}, content_type="application/json"
    )
    assert na.status_code == 400 and "justification" in na.json()["errors"]


def test_a_stale_version_gives_409_with_the_stored_answer(manager_a_client, assessment):
    url = _answer_url(assessment, "1.1")
    manager_a_client.patch(url, {"value": 20, "version": 0}, content_type="application/json")
    response = manager_a_client.patch(url, {"value": 30, "version": 0}, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["code"] == "conflict" and response.json()["current"]["value"] == "20.00"
    assert assessment.answers.get(indicator__code="1.1").value_number == Decimal("20")


def test_a_submitted_answer_gives_409_frozen(manager_a_client, manager_a, assessment):
    fill_answers(assessment)
    services.assessment_submit(user=manager_a, assessment=assessment)
    answer = assessment.answers.get(indicator__code="1.1")
    response = manager_a_client.put(
        _answer_url(assessment, "1.1"), {"value": 1, "version": answer.version}, content_type="application/json"
    )
    assert response.status_code == 409 and response.json()["code"] == "frozen"


def test_a_viewer_reads_but_cannot_write(org_a, assessment):
    viewer = MembershipFactory(organisation=org_a, role=OrganisationMembership.Role.VIEWER).user
    client = Client()
    client.force_login(viewer)
    assert client.get(_answer_url(assessment, "1.1")).status_code == 200
    response = client.put(_answer_url(assessment, "1.1"), {"value": 5, "version": 0}, content_type="application/json")
    assert response.status_code == 403


def test_token_auth_works_for_scripts(manager_a, assessment):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=manager_a)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.put(
        _answer_url(assessment, "5.5"), {"value": True, "version": 0}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["colour"] == "green"


def test_an_unknown_indicator_is_404(manager_a_client, assessment):
    assert manager_a_client.get(_answer_url(assessment, "9.9")).status_code == 404


def test_an_assessor_who_is_not_a_member_sees_no_list(assessment):
    client = Client()
    client.force_login(AssessorProfileFactory().user)
    assert client.get(reverse("api-labelling-assessment-list")).json()["results"] == []


def test_a_nul_character_in_a_framework_or_indicator_code_is_a_400_not_a_server_error(manager_a_client, assessment):
    # PostgreSQL refuses NUL characters even in a comparison; the fuzzer found these as 500s. The front door
    # (portal.middleware.RejectNulMiddleware) answers them before any view.
    for url in ("/api/v1/frameworks/%00/", f"/api/v1/assessments/{assessment.pk}/answers/%00/"):
        response = manager_a_client.get(url)
        assert response.status_code == 400, url
        assert "NUL character" in response.json()["detail"]
    assert manager_a_client.get(_answer_url(assessment, "1.1")).status_code == 200


def test_a_patch_changes_only_the_fields_sent_and_the_schema_says_it_needs_the_version(manager_a_client, assessment):
    url = _answer_url(assessment, "2.2")
    first = manager_a_client.put(
        url, {"value": "2.5", "comment": "from the 2025 report", "version": 0}, content_type="application/json"
    )
    assert first.status_code == 200, first.json()
    response = manager_a_client.patch(url, {"comment": "checked", "version": 1}, content_type="application/json")
    assert response.status_code == 200, response.json()
    assert response.json()["value"] == "2.50" and response.json()["comment"] == "checked"
    replaced = manager_a_client.put(url, {"version": 2}, content_type="application/json")
    assert replaced.json()["value"] is None and replaced.json()["comment"] == ""  # PUT sends the whole answer

    schema = manager_a_client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "version" in schema["components"]["schemas"]["PatchedAnswerWrite"]["required"]


def test_an_unknown_field_or_a_list_as_value_is_refused_naming_it_and_nothing_is_saved(manager_a_client, assessment):
    url = _answer_url(assessment, "2.2")
    misspelt = manager_a_client.put(url, {"valeu": "2.5", "version": 0}, content_type="application/json")
    assert misspelt.status_code == 400
    assert "valeu" in misspelt.json()["errors"]
    listed = manager_a_client.put(url, {"value": [2.5], "version": 0}, content_type="application/json")
    assert listed.status_code == 400
    assert "value" in listed.json()["errors"]
    assert manager_a_client.get(url).json()["version"] == 0  # nothing was written

    schema = manager_a_client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    component = schema["components"]["schemas"]["AnswerWrite"]
    assert component["additionalProperties"] is False
    assert {"type": "object"} not in component["properties"]["value"]["oneOf"]
    assert component["properties"]["comment"]["pattern"] == "^[^\\u0000]*$"
