"""A NUL character anywhere in a request answers 400, never 500 (issue 13 point 4; portal.middleware.RejectNulMiddleware).

Every URL pattern of the permission matrix (tests/security/test_permission_matrix.py), built from the real objects of
its world, is sent with a NUL in each path parameter, in query parameters (`q`, `page` and the lists' filters), and
in a form body (URL-encoded and multipart, a field value and a file name) or a JSON body (a raw NUL and `\\u0000`
inside a string), as a persona the matrix lets in, so that without the middleware the view would really run.
"""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from tests.security.matrix import PERSONAS
from tests.security.test_permission_matrix import (
    ROWS,
    URL_KWARGS,
    client_as,
    is_api,
    send,
    url_of,
)
from tests.security.test_permission_matrix import world as matrix_world

world = matrix_world  # the matrix's world, built once for this module too

MESSAGE = "NUL character"
DENIED = {"L", "401", "403", "404", "405"}
# What list and search pages filter on; a page that does not know a parameter ignores it.
QUERY_PARAMETERS = ("q", "page", "status", "level", "country", "sector", "month", "kind", "topic", "organisation")


def persona_let_in(name: str, method: str) -> str:
    """A persona the matrix does not deny (so the view runs), the coordinator if nobody gets in."""
    cells = ROWS[name].get(method) or ROWS[name]["GET"]
    for persona, cell in zip(PERSONAS, cells, strict=True):
        if cell not in DENIED:
            return persona
    return "coordinator"


def urls_with_nul_in_each_path_parameter(name: str, world) -> list[str]:
    """The URL once per path parameter, with that parameter's real value followed by %00."""
    builder = URL_KWARGS.get(name)
    if builder is None:
        return []
    kwargs = builder(world)
    url = reverse(name, kwargs=kwargs)
    urls = []
    for value in kwargs.values():
        segment = str(value)
        position = url.find(segment)
        assert position >= 0, f"{name}: {segment!r} not in {url}"
        urls.append(url[: position + len(segment)] + "%00" + url[position + len(segment) :])
    return urls


def assert_refused(response, url: str, api: bool) -> str | None:
    if response.status_code != 400:
        return f"{url}: {response.status_code}"
    if api:
        detail = json.loads(response.content).get("detail", "")
        return None if MESSAGE in detail else f"{url}: JSON without the message: {response.content[:200]!r}"
    return None if MESSAGE in response.content.decode() else f"{url}: page without the message"


def names():
    return [pytest.param(name, id=name) for name in ROWS]


@pytest.mark.django_db
@pytest.mark.parametrize("name", names())
def test_a_nul_anywhere_in_a_request_to_any_url_answers_400(world, name):
    url = url_of(name, world)
    api = is_api(name)
    wrong = []
    get_as = client_as(world, persona_let_in(name, "GET"))
    for path_url in urls_with_nul_in_each_path_parameter(name, world):
        wrong.append(assert_refused(send(get_as, "GET", path_url, {}), path_url, api))
    for parameter in QUERY_PARAMETERS:
        query_url = f"{url}?{parameter}=a%00b"
        wrong.append(assert_refused(send(get_as, "GET", query_url, {}), query_url, api))
    wrong.append(assert_refused(send(get_as, "GET", f"{url}?q=x&page=2%00", {}), f"{url}?q=x&page=2%00", api))

    post_as = client_as(world, persona_let_in(name, "POST"))
    if api:
        for method in ("POST", "PUT", "PATCH"):
            persona = client_as(world, persona_let_in(name, method))
            for body in ('{"value": "1\\u0000"}', '{"comment": {"text": ["ok", "a\\u0000"]}}', '{"a\\u0000": 1}'):
                response = _raw(persona, method, url, body, "application/json")
                wrong.append(assert_refused(response, f"{method} {url} {body}", api))
            response = _raw(persona, method, url, '{"value": "1\x00"}', "application/json")
            wrong.append(assert_refused(response, f"{method} {url} raw NUL in JSON", api))
    else:
        with_nul = {"q": "x", "name": "a\x00b", "body": "a\x00b", "message": "Hello\x00", "email": "a\x00@b.eu"}
        response = send(post_as, "POST", url, with_nul)  # multipart, as a browser sends a form with a file input
        wrong.append(assert_refused(response, f"POST {url} multipart", api))
        response = _raw(post_as, "POST", url, "message=Hello%00&q=x", "application/x-www-form-urlencoded")
        wrong.append(assert_refused(response, f"POST {url} urlencoded", api))
        upload = SimpleUploadedFile("evidence\x00.pdf", b"%PDF-1.7\n", content_type="application/pdf")
        response = send(post_as, "POST", url, {"file": upload})
        wrong.append(assert_refused(response, f"POST {url} file name", api))
    if name.startswith("api-"):  # multipart to the API too (DRF parses it for every view)
        response = send(post_as, "POST", url, {"value": "1\x00"})
        wrong.append(assert_refused(response, f"POST {url} multipart", api))
    wrong = [item for item in wrong if item]
    assert not wrong, f"{name}: " + "; ".join(wrong)


def _raw(client, method: str, url: str, body: str, content_type: str):
    with transaction.atomic():
        response = client.generic(method, url, body.encode(), content_type=content_type)
        transaction.set_rollback(True)
    return response


# --- The five cases of the issue, by name -------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_nul_in_the_knowledge_search_answers_400(world):
    response = send(client_as(world, "user"), "GET", reverse("knowledge:search") + "?q=cluster%00", {})
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()


@pytest.mark.django_db
def test_a_nul_in_the_club_calendar_link_answers_400(world):
    url = reverse("club:member_feed", kwargs={"token": "x"}).replace(
        "/x.ics", f"/{world.membership.calendar_token}%00.ics"
    )
    assert send(client_as(world, "visitor"), "GET", url, {}).status_code == 400


@pytest.mark.django_db
def test_a_nul_in_a_benchmarking_report_number_answers_400(world):
    url = reverse("benchmarking:report", kwargs={"number": world.report.number}).rstrip("/") + "%00/"
    assert send(client_as(world, "manager_a"), "GET", url, {}).status_code == 400


@pytest.mark.django_db
def test_a_nul_in_a_directory_invitation_answers_400(world):
    url = reverse("platform_directory:invitation", kwargs={"token": world.invitation.token}).rstrip("/") + "%00/"
    for method in ("GET", "POST"):
        assert send(client_as(world, "user"), method, url, {}).status_code == 400


@pytest.mark.django_db
def test_a_nul_in_an_answers_comment_answers_400(world):
    url = reverse("labelling:answer_reply", kwargs={"pk": world.assessment.pk, "answer_pk": world.answer.pk})
    response = send(client_as(world, "manager_a"), "POST", url, {"body": "We fixed it.\x00", "send_back": "1"})
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()


# --- Headers, and what is not a NUL --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_nul_in_a_header_or_the_session_cookie_answers_400(client):
    assert client.get("/", headers={"accept-language": "en\x00"}).status_code == 400
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    assert client.get("/club/").status_code == 400


@pytest.mark.django_db
def test_a_nul_in_an_api_query_answers_json(client):
    response = client.get("/api/v1/directory/organisations/?search=%00")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert MESSAGE in response.json()["detail"]


@pytest.mark.django_db
def test_text_that_only_looks_like_a_nul_passes(client):
    assert client.get(reverse("knowledge:search"), {"q": "%00 \\u0000 0x00"}).status_code == 200
    response = client.post("/api/v1/labels/verify-file/", {"file": SimpleUploadedFile("c.pdf", b"%PDF-1.7\n\x00\x00")})
    assert response.status_code != 400 or MESSAGE not in response.content.decode()  # NULs inside a file are content


@pytest.mark.django_db
def test_the_api_schema_documents_the_front_doors_answers(client):
    """A client (or schemathesis) reading the schema expects 400 on every operation, 413 where there is a body."""
    schema = client.get(reverse("api-schema"), headers={"accept": "application/json"}).json()
    missing = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            expected = {"400", "413"} if "requestBody" in operation else {"400"}
            missing += [f"{method.upper()} {path}: {code}" for code in expected - set(operation["responses"])]
    assert not missing, missing


# --- Reading the form at the door keeps forms working --------------------------------------------------------------


@pytest.mark.django_db
def test_a_certificate_sent_as_a_form_still_reaches_the_api(client):
    """The door reads multipart bodies before DRF does; DRF takes the form it left (request._post, request._files)."""
    upload = SimpleUploadedFile("certificate.pdf", b"%PDF-1.7\nnot one of ours", content_type="application/pdf")
    response = client.post("/api/v1/labels/verify-file/", {"file": upload})
    assert response.status_code == 200, response.content
    assert response.json()["genuine"] is False


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/labels/verify/", "/api/v1/labels/verify-file/"])
def test_a_malformed_form_body_is_a_400_not_a_server_error(client, url):
    response = client.generic("POST", url, b"--x\r\nbroken", content_type="multipart/form-data; boundary=")
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert "detail" in response.json()


@pytest.mark.django_db
def test_json_that_is_not_json_is_left_to_the_api_to_answer(client):
    response = client.generic("POST", "/api/v1/labels/verify-file/", b"{not json", content_type="application/json")
    assert response.status_code in (400, 415)


@pytest.mark.django_db
def test_the_front_doors_refusals_carry_the_security_headers(client):
    refused = client.get(reverse("knowledge:search"), {"q": "a\x00b"})
    assert refused.status_code == 400
    assert "default-src" in refused["Content-Security-Policy"]
    assert refused["X-Frame-Options"] == "DENY"
    assert refused["X-Content-Type-Options"] == "nosniff"
