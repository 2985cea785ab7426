"""Request bodies are refused before they are read when larger than their URL allows, with the limit named (issue 13
point 8; portal/request_limits.py, portal.middleware.RequestBodyLimitMiddleware)."""

from __future__ import annotations

import io
import json
import time

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from portal.middleware import CappedStream, RequestBodyLimitMiddleware, RequestBodyTooLarge
from portal.request_limits import MB, UPLOAD_URLS, BodyLimit, body_limit_for

THIRTY_MB = 30 * MB


class Untouchable(io.RawIOBase):
    """A request body that counts what is read from it and fails the test if more than a few KB are."""

    def __init__(self, size: int, allowed: int = 8192):
        self.size = size
        self.allowed = allowed
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        size = self.size - self.read_bytes if size is None or size < 0 else size
        size = max(0, min(size, self.size - self.read_bytes))
        self.read_bytes += size
        assert self.read_bytes <= self.allowed, f"{self.read_bytes} bytes of the body were read"
        return b"x" * size

    def readline(self, size: int = -1) -> bytes:
        return self.read(size if size and size > 0 else 1024)


def post_untouchable(client, url: str, size: int = THIRTY_MB, **extra):
    body = Untouchable(size)
    started = time.monotonic()
    response = client.generic(
        "POST",
        url,
        b"",
        content_type="multipart/form-data; boundary=BoUnDaRy",
        **{"wsgi.input": body, "CONTENT_LENGTH": str(size), **extra},
    )
    return response, body, time.monotonic() - started


@pytest.mark.django_db
def test_a_30_mb_anonymous_upload_to_the_certificate_check_is_refused_unread_with_the_limit(client):
    response, body, seconds = post_untouchable(client, reverse("labelling:verify_home"))
    assert response.status_code == 413
    assert body.read_bytes == 0
    assert seconds < 2
    assert "at most 5 MB" in response.content.decode()
    assert "<html" in response.content.decode()


@pytest.mark.django_db
def test_a_30_mb_upload_to_the_certificate_check_api_is_refused_unread_in_json(client):
    response, body, _ = post_untouchable(client, reverse("api-labelling-verify-file"))
    assert response.status_code == 413
    assert body.read_bytes == 0
    assert response["Content-Type"] == "application/json"
    assert "at most 5 MB" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("/", "1 MB"),  # an ordinary page: the ordinary allowance
        ("/accounts/login/", "1 MB"),
        ("/api/v1/labels/", "1 MB"),
        ("/directory/new/", "2 MB"),  # logos
        ("/no/such/page/", "1 MB"),
    ],
)
def test_every_url_refuses_an_oversized_body_unread(client, url, allowed):
    response, body, _ = post_untouchable(client, url)
    assert response.status_code == 413
    assert body.read_bytes == 0
    assert f"at most {allowed}" in response.content.decode()


@pytest.mark.django_db
def test_a_certificate_just_under_the_limit_is_checked_and_one_over_the_cap_refused(client):
    limit = settings.LABEL_VERIFY_MAX_UPLOAD_BYTES
    fits = SimpleUploadedFile("certificate.pdf", b"%PDF-1.7\n" + b"0" * (limit - 9), content_type="application/pdf")
    response = client.post(reverse("labelling:verify_home"), {"file": fits})
    assert response.status_code == 200
    assert "Unknown file" in response.content.decode()  # checked, not refused: it is simply not one of ours

    # A byte over what the form accepts: the form says so, naming the same limit as the cap
    over = SimpleUploadedFile("certificate.pdf", b"%PDF-1.7\n" + b"0" * (limit - 8), content_type="application/pdf")
    response = client.post(reverse("labelling:verify_home"), {"file": over})
    assert response.status_code == 400
    assert "under 5 MB" in response.content.decode()

    cap = body_limit_for(reverse("labelling:verify_home")).cap
    response, body, _ = post_untouchable(client, reverse("labelling:verify_home"), size=cap + 1)
    assert response.status_code == 413 and body.read_bytes == 0
    assert "at most 5 MB" in response.content.decode()


@pytest.mark.django_db
def test_an_evidence_file_as_large_as_the_form_allows_is_uploaded(manager_a_client, org_a):
    from labelling.models import EvidenceDocument
    from tests.labelling.factories import AssessmentFactory

    assessment = AssessmentFactory(organisation=org_a)
    url = reverse("labelling:documents", kwargs={"pk": assessment.pk})
    limit = settings.EVIDENCE_MAX_UPLOAD_BYTES
    assert limit == 20 * MB
    upload = SimpleUploadedFile("evidence.pdf", b"%PDF-1.7\n" + b"0" * (limit - 9), content_type="application/pdf")
    response = manager_a_client.post(url, {"file": upload})
    assert response.status_code in (200, 302), response.status_code
    assert EvidenceDocument.objects.filter(organisation=org_a, size=limit).exists()

    response, body, _ = post_untouchable(manager_a_client, url, size=THIRTY_MB)
    assert response.status_code == 413 and body.read_bytes == 0
    assert "at most 20 MB" in response.content.decode()


def test_the_evidence_upload_limit_is_the_forms():
    from labelling.selfassessment.forms import EvidenceUploadForm

    for name in ("labelling:evidence_upload", "labelling:documents"):
        assert UPLOAD_URLS[name] == "EVIDENCE_MAX_UPLOAD_BYTES"
    limit = body_limit_for(reverse("labelling:documents", kwargs={"pk": 1}))
    assert limit.allowed == settings.EVIDENCE_MAX_UPLOAD_BYTES
    assert limit.cap > limit.allowed  # room for the form's other fields around a file of the largest size
    assert "at most 20 MB" in str(EvidenceUploadForm().fields["file"].help_text)


def test_every_upload_form_states_its_maximum_size():
    from knowledge.admin import KnowledgeImageForm
    from labelling.certificates.forms import VerifyFileForm
    from labelling.selfassessment.forms import EvidenceUploadForm
    from platform_directory.forms import OrganisationForm

    help_texts = {
        "evidence": str(EvidenceUploadForm().fields["file"].help_text),
        "certificate": str(VerifyFileForm().fields["file"].help_text),
        "logo": str(OrganisationForm().fields["logo"].help_text),
        "knowledge image": str(KnowledgeImageForm().fields["image"].help_text),
    }
    assert help_texts == {
        "evidence": "PDF, PNG, JPEG, Word, Excel, PowerPoint or OpenDocument; at most 20 MB.",
        "certificate": "The PDF as you received it, at most 5 MB.",
        "logo": "PNG, JPEG or WebP, at most 2 MB.",
        "knowledge image": "PNG, JPEG, GIF or WebP, at most 2 MB.",
    }


def test_the_help_text_follows_the_setting(settings):
    from labelling.certificates.forms import VerifyFileForm

    settings.LABEL_VERIFY_MAX_UPLOAD_BYTES = 3 * MB
    assert "at most 3 MB" in str(VerifyFileForm().fields["file"].help_text)


# --- A body that does not announce its size ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_chunked_body_without_content_length_is_not_read_past_the_limit(client):
    body = Untouchable(THIRTY_MB, allowed=body_limit_for("/labels/verify/").cap + 1)
    response = client.generic(
        "POST",
        reverse("labelling:verify_home"),
        b"",
        content_type="multipart/form-data; boundary=BoUnDaRy",
        **{"wsgi.input": body, "HTTP_TRANSFER_ENCODING": "chunked", "CONTENT_LENGTH": ""},
    )
    assert response.status_code < 500
    assert body.read_bytes <= body_limit_for(reverse("labelling:verify_home")).cap


def test_the_capped_stream_raises_once_more_than_the_cap_is_read():
    stream = CappedStream(io.BytesIO(b"x" * 3000), BodyLimit(allowed=1000, cap=2000))
    assert len(stream.read(1500)) == 1500
    with pytest.raises(RequestBodyTooLarge) as raised:
        stream.read()
    assert raised.value.limit.allowed == 1000


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "api"), [("/labels/verify/", False), ("/api/v1/labels/verify-file/", True)])
def test_a_body_found_too_large_while_reading_answers_413_naming_the_limit(path, api):
    """What the server passes without announcing it (no Content-Length) is read through the cap: the view that reads
    too much gets 413 through handler400, as a page or as JSON."""
    from django.core.handlers.exception import response_for_exception

    request = RequestFactory().post(path, data=b"x" * (3 * MB), content_type="application/octet-stream")
    request.META.pop("CONTENT_LENGTH")
    stream = io.BytesIO(b"x" * (10 * MB))

    def view(request):
        request._stream = CappedStream(stream, body_limit_for(path))  # as the middleware does, on the raw input
        try:
            return request.read()
        except RequestBodyTooLarge as error:
            return response_for_exception(request, error)

    response = RequestBodyLimitMiddleware(view)(request)
    assert response.status_code == 413
    body = response.content.decode()
    assert "at most 5 MB" in (json.loads(body)["detail"] if api else body)
    assert stream.tell() <= body_limit_for(path).cap + 1


@pytest.mark.django_db
def test_a_refused_body_carries_the_security_headers(client):
    response, _body, _seconds = post_untouchable(client, reverse("labelling:verify_home"))
    assert response.status_code == 413
    assert "default-src" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_certificate_check_page_states_the_limit(client, settings):
    assert "at most 5 MB" in client.get(reverse("labelling:verify_home")).content.decode()
    settings.LABEL_VERIFY_MAX_UPLOAD_BYTES = 3 * MB
    assert "at most 3 MB" in client.get(reverse("labelling:verify_home")).content.decode()
