"""The public directory API: list with the page's filters, detail by slug, and responses that match the schema."""

from __future__ import annotations

import copy

import jsonschema
import pytest
import yaml
from django.urls import reverse

from tests.factories import ClusterOrganisationFactory
from tests.platform_directory.factories import TechnologyFieldFactory

pytestmark = pytest.mark.django_db

LIST = reverse("api-platform_directory-organisation-list")


def _detail(slug):
    return reverse("api-platform_directory-organisation-detail", args=[slug])


@pytest.fixture
def organisations(db):
    technology = TechnologyFieldFactory(name="Hydrogen", slug="hydrogen")
    a = ClusterOrganisationFactory(
        name="Danish Hydrogen Cluster", country="DK", nuts2_code="DK04", main_sector="energy-renewables"
    )
    a.technologies.add(technology)
    a.sectors.add("mobility")
    ClusterOrganisationFactory(name="Lisbon Tourism Network", country="PT", nuts2_code="PT17", main_sector="tourism")
    ClusterOrganisationFactory(name="Hidden Cluster", is_published=False)
    return a


@pytest.fixture(scope="module")
def openapi(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        return yaml.safe_load(Client().get("/api/schema/").content)


def _to_json_schema(node):
    """OpenAPI 3.0 `nullable` becomes a JSON Schema type union; $refs point into the same document."""
    if isinstance(node, dict):
        node = {key: _to_json_schema(value) for key, value in node.items()}
        if node.pop("nullable", False):
            node = {"anyOf": [node, {"type": "null"}]}
        return node
    if isinstance(node, list):
        return [_to_json_schema(item) for item in node]
    return node


def _validate(openapi, path, status, payload):
    schema = openapi["paths"][path]["get"]["responses"][str(status)]["content"]["application/json"]["schema"]
    document = {"components": _to_json_schema(copy.deepcopy(openapi["components"])), **_to_json_schema(schema)}
    jsonschema.validate(payload, document)


def test_the_list_is_public_paginated_and_only_published(client, organisations, openapi):
    response = client.get(LIST)
    assert response.status_code == 200
    payload = response.json()
    assert payload["count"] == 2
    assert [o["name"] for o in payload["results"]] == ["Danish Hydrogen Cluster", "Lisbon Tourism Network"]
    _validate(openapi, "/api/v1/directory/organisations/", 200, payload)


def test_the_detail_matches_the_schema_and_documents_every_field(client, organisations, openapi):
    response = client.get(_detail(organisations.slug))
    payload = response.json()
    _validate(openapi, "/api/v1/directory/organisations/{slug}/", 200, payload)
    assert payload["technologies"] == ["Hydrogen"] and payload["sectors"] == ["mobility"]
    assert payload["participants"]["total"] == 53 and payload["validated"] is True
    assert payload["nuts2_code"] == "DK04" and payload["size_band"] == "medium"
    properties = openapi["components"]["schemas"]["Organisation"]["properties"]
    assert set(payload) == set(properties)
    assert "contact_email" not in payload  # not for scraping; logged-in users see it on the page


def test_a_wrong_payload_would_fail_the_schema_check(client, organisations, openapi):
    payload = client.get(_detail(organisations.slug)).json()
    payload["participants"]["total"] = "many"
    with pytest.raises(jsonschema.ValidationError):
        _validate(openapi, "/api/v1/directory/organisations/{slug}/", 200, payload)


def test_current_labels_are_listed_and_filterable(client, organisations, openapi):
    import importlib

    from django.apps import apps

    from labelling.models import Framework
    from tests.labelling.factories import LabelFactory

    if not Framework.objects.filter(code="ECEI-2026", version=1).exists():
        importlib.import_module("labelling.migrations.0002_ecei_2026").load(apps, None)
    label = LabelFactory(assessment__organisation=organisations, assessment__level="silver")
    payload = client.get(LIST, {"label": "silver"}).json()
    _validate(openapi, "/api/v1/directory/organisations/", 200, payload)
    assert [o["name"] for o in payload["results"]] == ["Danish Hydrogen Cluster"]
    assert payload["results"][0]["labels"] == [
        {"level": "silver", "number": label.number, "valid_until": label.valid_until.isoformat()}
    ]
    assert client.get(_detail(organisations.slug)).json()["labels"][0]["number"] == label.number


def test_hidden_profiles_are_not_found(client, organisations):
    assert client.get(_detail("hidden-cluster")).status_code == 404


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "PT"}, ["Lisbon Tourism Network"]),
        ({"sector": "mobility"}, ["Danish Hydrogen Cluster"]),
        ({"technology": "hydrogen"}, ["Danish Hydrogen Cluster"]),
        ({"q": "tourism"}, ["Lisbon Tourism Network"]),
        ({"sort": "size"}, ["Danish Hydrogen Cluster", "Lisbon Tourism Network"]),
    ],
)
def test_the_list_takes_the_same_filters_as_the_page(client, organisations, params, expected):
    from platform_directory.services import organisation_search_vector_update

    organisation_search_vector_update()
    assert [o["name"] for o in client.get(LIST, params).json()["results"]] == expected


def test_an_unknown_filter_value_answers_400_with_the_reason(client, organisations):
    response = client.get(LIST, {"country": "ZZ"})
    assert response.status_code == 400
    assert "ZZ" in response.json()["country"][0]


def test_the_filters_are_documented_in_the_schema(openapi):
    parameters = {p["name"] for p in openapi["paths"]["/api/v1/directory/organisations/"]["get"]["parameters"]}
    assert {"q", "country", "sector", "technology", "size", "label", "sort", "page"} <= parameters


def test_the_api_list_makes_a_constant_number_of_queries(client, db, django_assert_max_num_queries):
    for organisation in ClusterOrganisationFactory.create_batch(30):
        organisation.sectors.add("health")
    with django_assert_max_num_queries(5):  # count, page, sectors, technologies, labels
        assert client.get(LIST).status_code == 200


def test_the_api_is_read_only(client, organisations):
    assert client.post(LIST, {"name": "x"}).status_code in (401, 403, 405)
