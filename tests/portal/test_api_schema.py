"""The OpenAPI schema documents the errors every operation can answer, with their bodies."""

from __future__ import annotations

import yaml


def _schema(client) -> dict:
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_every_operation_documents_bad_credentials_and_throttling(client, db):
    for path, item in _schema(client)["paths"].items():
        for method, operation in item.items():
            assert {"403", "429"} <= set(operation["responses"]), f"{method.upper()} {path}"
            error = operation["responses"]["403"]["content"]["application/json"]["schema"]
            assert error == {"$ref": "#/components/schemas/Error"}


def test_unknown_objects_bad_parameters_and_bodies_are_documented(client, db):
    paths = _schema(client)["paths"]
    assert "404" in paths["/api/v1/labels/{number}/"]["get"]["responses"]
    assert "404" in paths["/api/v1/club/events/"]["get"]["responses"]  # a page that does not exist
    # no parameter of its own to get wrong: only the front door's 400 (a NUL character anywhere, issue 13)
    assert "NUL" in paths["/api/v1/club/events/"]["get"]["responses"]["400"]["description"]
    assert "400" in paths["/api/v1/assessments/"]["get"]["responses"]
    assert {"400", "404", "409", "415"} <= set(paths["/api/v1/assessments/{id}/answers/{code}/"]["put"]["responses"])
    assert "404" in paths["/api/v1/benchmarking/statistics/"]["get"]["responses"]  # too few peers
