"""API v1 of the knowledge area."""

from __future__ import annotations

from rest_framework.test import APIClient

from knowledge.models import Status, TrainingProgramme
from tests.knowledge.factories import ModuleFactory, TrainingProgrammeFactory


def test_recommendations_are_ranked_and_explained(db):
    ModuleFactory(title="Both", slug="both", indicators=["3.1", "3.2"])
    ModuleFactory(title="One", slug="one", indicators=["3.2"])
    ModuleFactory(title="Draft", slug="draft", indicators=["3.1"], status=Status.DRAFT)
    response = APIClient().get("/api/v1/knowledge/recommendations/", {"codes": "3.1,3.2"})
    assert response.status_code == 200
    data = response.json()
    assert [m["slug"] for m in data] == ["both", "one"]
    assert data[0]["matched_codes"] == ["3.1", "3.2"] and data[0]["relevance"] == 6
    assert data[0]["url"].endswith("/knowledge/modules/both/")


def test_bad_recommendation_requests_get_a_400_with_a_reason(db):
    client = APIClient()
    for params in ({}, {"codes": "9.9"}, {"codes": "3.1", "limit": "x"}, {"codes": "3.1", "limit": "0"}):
        response = client.get("/api/v1/knowledge/recommendations/", params)
        assert response.status_code == 400
        assert set(response.json()) & {"codes", "limit"}


def test_the_module_and_programme_lists_are_public_and_hide_unpublished(db):
    ModuleFactory(title="Listed", slug="listed", indicators=["1.1"])
    ModuleFactory(title="Hidden", slug="hidden", status=Status.DRAFT)
    TrainingProgrammeFactory(title="Approved")
    TrainingProgrammeFactory(title="Waiting", state=TrainingProgramme.State.PROPOSED)
    client = APIClient()
    modules = client.get("/api/v1/knowledge/modules/").json()["results"]
    assert [m["slug"] for m in modules] == ["listed"] and modules[0]["indicators"] == ["1.1"]
    programmes = client.get("/api/v1/knowledge/programmes/").json()["results"]
    assert [p["title"] for p in programmes] == ["Approved"]


def test_the_api_is_read_only(user, db):
    client = APIClient()
    client.force_authenticate(user)
    assert client.post("/api/v1/knowledge/modules/", {}).status_code == 405
