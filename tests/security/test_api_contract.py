"""The API answers as its schema says, walked operation by operation from the schema itself (so a new endpoint is
covered without touching this file): undeclared methods answer 405 with an Allow header and a JSON body, whatever
the query string; every malformed query parameter answers 400 naming it; a value the API can return as null is
declared nullable. tests/security/test_api_live.py runs schemathesis over the same ground from outside.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import transaction
from rest_framework.test import APIClient

from survey.api import _shown_count
from survey.services import survey_results_publish
from tests.factories import ClusterOrganisationFactory, CoordinatorFactory
from tests.security.fuzz_helpers import build_world, restore_reference_data, token_persona
from tests.survey.factories import build_survey, submit_response

METHODS = {"get", "put", "patch", "post", "delete"}
UNDECLARED_PROBES = ["TRACE", "PATCH", "PUT", "POST", "DELETE"]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        restore_reference_data()
        built = build_world()
        built.token = token_persona(built.manager).headers["Authorization"]
        yield built
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return APIClient().get("/api/schema/", HTTP_ACCEPT="application/json").json()


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()
    yield
    cache.clear()


def _operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def _url(world, path: str) -> str:
    """The path with the world's real values (the first of each), so that the URL names an existing object."""
    values = world.path_values()
    url = path
    while "{" in url:
        name = url[url.index("{") + 1 : url.index("}")]
        url = url.replace("{" + name + "}", str(values[(path, name)][0]))
    return url


def _valid_value(parameter: dict) -> str:
    schema = parameter.get("schema", {})
    if schema.get("enum"):
        return str(next(value for value in schema["enum"] if value != ""))
    if schema.get("type") == "array":
        return str(schema["items"]["enum"][0])
    if schema.get("type") == "integer":
        return str(max(schema.get("minimum", 1), 1))
    return "x"


def _manager(world) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=world.token)
    return client


def _every_path(schema):
    return sorted(schema["paths"])


def test_every_api_url_answers_405_with_allow_for_a_method_it_does_not_declare(world, schema, db):
    checked = 0
    for path in _every_path(schema):
        declared = {method.upper() for method in schema["paths"][path] if method in METHODS}
        parameters = [p for method in declared for p in schema["paths"][path][method.lower()].get("parameters", [])]
        # Every declared query parameter with a plausible value: `?format=` once chose a renderer, so that a
        # TRACE on the programmes' format filter answered 404.
        query = {p["name"]: _valid_value(p) for p in parameters if p["in"] == "query"}
        for method in UNDECLARED_PROBES:
            if method in declared:
                continue
            for client in (APIClient(), _manager(world)):
                response = client.generic(method, _url(world, path), data=None, QUERY_STRING=_encode(query))
                if response.status_code == 403 and not client._credentials and _members_only(schema, path):
                    continue  # credentials are checked first: a stranger learns nothing, not even the methods
                assert response.status_code == 405, f"{method} {path}?{_encode(query)}: {response.status_code}"
                allowed = {m.strip() for m in response["Allow"].split(",")} - {"HEAD", "OPTIONS"}
                assert allowed == declared, f"{method} {path}: Allow {response['Allow']}, schema {declared}"
                assert response["Content-Type"].startswith("application/json")
                checked += 1
    assert checked > 50


def _members_only(schema: dict, path: str) -> bool:
    return all({} not in operation.get("security", [{}]) for method, operation in schema["paths"][path].items())


def _encode(query: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(query)


def _malformed_values(parameter: dict) -> list[str]:
    """Values the parameter's schema rules out."""
    schema = parameter.get("schema", {})
    if schema.get("type") == "integer":
        values = ["abc", "1.5", ""]
        if "minimum" in schema:
            values.append(str(schema["minimum"] - 1))
        if "maximum" in schema:
            values.append(str(schema["maximum"] + 1))
        return values
    if schema.get("enum"):
        return ["no-such-choice"]
    if schema.get("type") == "array":
        return ["no-such-code", "1.1,1.1"]
    if schema.get("pattern"):
        return ["a\x00b"]
    return []


def test_every_malformed_query_parameter_answers_400_naming_it(world, schema, db):
    manager = _manager(world)
    checked = 0
    for path, method, operation in _operations(schema):
        if method != "get":
            continue
        query = [p for p in operation.get("parameters", []) if p["in"] == "query"]
        valid = {p["name"]: _valid_value(p) for p in query if p.get("required")}
        for parameter in query:
            name = parameter["name"]
            cases = [{**valid, name: value} for value in _malformed_values(parameter)]
            # Given twice: a form would read only the last value.
            cases.append({**valid, name: [_valid_value(parameter), _valid_value(parameter)]})
            for params in cases:
                response = manager.get(_url(world, path), params)
                assert response.status_code == 400, f"GET {path} {params!r}: {response.status_code}"
                body = response.json()
                assert name in body, f"GET {path} {params!r}: the answer does not name {name}: {body}"
                checked += 1
    assert checked > 40


def test_a_list_page_must_be_a_whole_number_from_one_given_once(world, db):
    client = _manager(world)
    for page in ["0", "-1", "abc", "", "1e3", "١"]:
        response = client.get("/api/v1/assessments/", {"page": page})
        assert response.status_code == 400 and "page" in response.json(), page
    assert client.get("/api/v1/assessments/", {"page": ["1", "2"]}).status_code == 400
    assert client.get("/api/v1/assessments/", {"page": "1"}).status_code == 200
    assert client.get("/api/v1/assessments/", {"page": "99"}).status_code == 404


def test_the_programmes_format_filter_is_a_filter_not_a_renderer(world, db):
    response = APIClient().get("/api/v1/knowledge/programmes/", {"format": "online"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert APIClient().get("/api/v1/knowledge/programmes/", {"format": "teleport"}).status_code == 400


def test_the_survey_summary_declares_its_responses_nullable_and_counts_an_empty_group_as_zero(schema, db):
    responses = schema["components"]["schemas"]["SurveySummary"]["properties"]["responses"]
    assert responses.get("nullable") is True
    coordinator = CoordinatorFactory()
    built = build_survey(user=coordinator, slug="contract-survey")
    submit_response(built, organisation=ClusterOrganisationFactory(country="DE"))
    survey_results_publish(survey=built.survey, user=coordinator)
    url = f"/api/v1/surveys/{built.survey.slug}/summary/"
    small = APIClient().get(url).json()
    assert small["hidden"] is True and small["responses"] is None  # one response would single its author out
    assert _shown_count(0, hidden=True) == 0 and _shown_count(4, hidden=True) is None
    assert _shown_count(5, hidden=False) == 5
