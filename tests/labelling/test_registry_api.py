"""API v1: the public label list and detail, verification by token and by file (with reasons for bad input)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from rest_framework.test import APIClient

from labelling.certificates.services import certificate_reissue, label_withdraw
from labelling.framework.levels import Level
from labelling.models import Certificate
from tests.labelling.certificate_helpers import current_pdf, make_label

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


def test_the_label_list_is_public_and_filterable(api, org_a, org_b):
    gold = make_label(org_a, level=Level.GOLD)
    make_label(org_b, level=Level.BRONZE)
    data = api.get("/api/v1/labels/", {"level": "gold"}).json()
    assert data["count"] == 1
    item = data["results"][0]
    assert item["number"] == gold.number
    assert item["organisation"] == org_a.name and item["country"] == "DE" and item["status"] == "valid"
    assert item["badge_url"].endswith(f"/labels/{gold.number}/badge.svg")
    assert api.get("/api/v1/labels/").json()["count"] == 2


def test_a_bad_filter_is_a_400_with_the_field(api):
    response = api.get("/api/v1/labels/", {"level": "platinum"})
    assert response.status_code == 400
    assert "level" in response.json()


def test_label_detail_and_404(api, coordinator):
    label = make_label()
    label_withdraw(label=label, user=coordinator, public_reason="Withdrawn after an investigation.")
    data = api.get(f"/api/v1/labels/{label.number}/").json()
    assert data["status"] == "withdrawn"
    assert data["public_reason"] == "Withdrawn after an investigation."
    assert data["status_since"]
    assert api.get("/api/v1/labels/CME-G-DE-2026-99999/").status_code == 404


def test_verify_by_token(api):
    label = make_label(issue=True)
    data = api.get(f"/api/v1/labels/verify/{label.certificate.token}/").json()
    assert data["genuine"] is True and data["label"]["number"] == label.number
    assert Certificate.objects.get(label=label).verification_count == 1
    response = api.get("/api/v1/labels/verify/CME-G-DE-2026-99999/")
    assert response.status_code == 404
    assert "not genuine or mistyped" in response.json()["detail"]
    response = api.get("/api/v1/labels/verify/not-a-real-token/")
    # No certificate can have it: 404 like any unknown code, with the reason and a code that says so.
    assert response.status_code == 404
    assert response.json()["detail"].startswith("This is not a valid code:")
    assert response.json()["code"] == "invalid"


@override_settings(LABEL_VERIFY_RATE_PER_MINUTE=2)
def test_verification_is_rate_limited(api):
    codes = [api.get("/api/v1/labels/verify/CME-G-DE-2026-99999/").status_code for _ in range(3)]
    assert codes == [404, 404, 429]


def test_verify_a_file(api, coordinator):
    label = make_label(issue=True)
    old = current_pdf(label)
    certificate_reissue(label=label, user=coordinator, reason="New name")
    data = api.post(
        "/api/v1/labels/verify-file/", {"file": SimpleUploadedFile("c.pdf", old)}, format="multipart"
    ).json()
    assert data["genuine"] is True and data["superseded"] is True and data["revision"] == 1
    assert data["current_revision"] == 2
    unknown = api.post(
        "/api/v1/labels/verify-file/", {"file": SimpleUploadedFile("c.pdf", b"%PDF-1.4 other")}, format="multipart"
    )
    assert unknown.status_code == 200 and unknown.json()["genuine"] is False


def test_verify_file_refuses_non_pdf_with_a_reason(api):
    response = api.post(
        "/api/v1/labels/verify-file/", {"file": SimpleUploadedFile("c.pdf", b"GIF89a....")}, format="multipart"
    )
    # Any file can be checked: one that is not a PDF is none of ours, and the answer says why.
    assert response.status_code == 200
    assert response.json()["genuine"] is False and "not a PDF" in response.json()["reason"]
    assert api.post("/api/v1/labels/verify-file/", {}, format="multipart").status_code == 400


def test_the_list_query_count_is_flat(api, django_assert_max_num_queries):
    for _ in range(10):
        make_label()
    with django_assert_max_num_queries(4):
        assert api.get("/api/v1/labels/").status_code == 200


def test_the_schema_documents_the_endpoints(api, coordinator):
    api.force_authenticate(coordinator)
    schema = api.get("/api/schema/", {"format": "json"}).json()
    for path in ("/api/v1/labels/", "/api/v1/labels/verify/{token}/", "/api/v1/labels/verify-file/"):
        assert path in schema["paths"], path


def test_a_nul_character_in_a_label_number_or_code_is_a_4xx_not_a_server_error(api):
    # PostgreSQL refuses NUL characters even in a comparison; the fuzzer found these as 500s. The front door
    # (portal.middleware.RejectNulMiddleware) answers them before any view.
    for url in ("/api/v1/labels/%00/", "/api/v1/labels/CME-G%00/", "/api/v1/labels/verify/%00/"):
        response = api.get(url)
        assert response.status_code == 400, url
        assert "NUL character" in response.json()["detail"]
