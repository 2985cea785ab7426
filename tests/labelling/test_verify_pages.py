"""Verification by token and by file: plain words for every status, superseded files, unknown tokens without
hints, bad uploads refused with a reason, the rate limit, and the count the managers see."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from labelling.certificates.services import certificate_reissue, label_suspend, label_withdraw
from labelling.certificates.verification_codes import verification_code_format, verification_code_new
from labelling.models import Certificate, Label
from tests.labelling.certificate_helpers import current_pdf, make_label

pytestmark = pytest.mark.django_db

UNKNOWN_CODE = verification_code_format(verification_code_new(payload="Z" * 11))  # well formed, never issued


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def label(org_a):
    return make_label(org_a, issue=True)


def _verify(client, label):
    return client.get(reverse("labelling:verify", args=[label.certificate.token]))


def test_a_valid_label_reads_valid_with_its_end_date(visitor_client, label):
    response = _verify(visitor_client, label)
    body = response.content.decode()
    assert response.status_code == 200
    assert "This label is genuine and valid." in body
    assert label.organisation.name in body and label.number in body
    assert "valid until" in body


def test_every_verification_is_counted_for_the_managers(visitor_client, manager_a_client, label):
    for _ in range(3):
        _verify(visitor_client, label)
    certificate = Certificate.objects.get(label=label)
    assert certificate.verification_count == 3
    assert certificate.last_verified_at is not None
    page = manager_a_client.get(reverse("labelling:label_manage", args=[label.number])).content.decode()
    assert '<p class="stat-figure mb-0">3</p>' in page


def test_a_suspension_shows_at_once_with_date_and_reason(visitor_client, coordinator, label):
    label_suspend(label=label, user=coordinator, public_reason="Staff figures under review after a complaint.")
    body = _verify(visitor_client, label).content.decode()
    assert "genuine but NOT valid now" in body
    assert "Suspended" in body and "suspended since" in body
    assert "Staff figures under review after a complaint." in body


def test_a_withdrawal_shows_with_date_and_reason(visitor_client, coordinator, label):
    label_withdraw(label=label, user=coordinator, public_reason="The organisation was dissolved in 2026.")
    body = _verify(visitor_client, label).content.decode()
    assert "Withdrawn" in body and "was withdrawn on" in body
    assert "The organisation was dissolved in 2026." in body


def test_an_expired_label_says_so_even_before_the_nightly_job(visitor_client, org_a):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    label = make_label(
        org_a,
        awarded_on=today - datetime.timedelta(days=800),
        valid_until=today - datetime.timedelta(days=1),
        issue=True,
    )
    body = _verify(visitor_client, label).content.decode()
    assert "Expired" in body and "has expired" in body


@pytest.mark.parametrize("token", ["nope", "A" * 32, ("abc-def_ghi" * 3)[:32], "CME-G-DE-2026-99999", UNKNOWN_CODE])
def test_an_unknown_token_is_not_genuine_or_mistyped_without_hints(visitor_client, label, token):
    response = visitor_client.get(reverse("labelling:verify", args=[token]))
    body = response.content.decode()
    assert response.status_code == 404
    assert "mistyped" in body and "not genuine" in body
    assert label.number not in body and label.organisation.name not in body
    assert label.certificate.token[:6] not in body


def test_a_token_longer_than_any_gets_the_pages_own_answer(visitor_client):
    response = visitor_client.get("/labels/verify/" + "a" * 80 + "/")
    assert response.status_code == 400
    assert "This is not a valid code: it is too long" in response.text


@override_settings(LABEL_VERIFY_RATE_PER_MINUTE=5)
def test_verification_is_rate_limited_per_address(client, label):
    codes = [_verify(client, label).status_code for _ in range(7)]
    assert codes[:5] == [200] * 5
    assert codes[5:] == [429, 429]
    other = client.get(reverse("labelling:verify", args=[label.certificate.token]), REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 200
    assert Certificate.objects.get(label=label).verification_count == 6


def test_the_code_form_leads_to_the_verification_page(visitor_client, label):
    response = visitor_client.get(reverse("labelling:verify_home"), {"token": label.certificate.token})
    assert response.status_code == 302
    assert response["Location"] == reverse("labelling:verify", args=[label.certificate.printed_code])


def test_the_whole_printed_address_pasted_into_the_code_field_works(visitor_client, label):
    printed = f"https://portal.example.eu/labels/verify/{label.certificate.printed_code}/"
    response = visitor_client.get(reverse("labelling:verify_home"), {"token": printed})
    assert response.status_code == 302
    assert response["Location"] == reverse("labelling:verify", args=[label.certificate.printed_code])


def test_something_that_is_not_a_code_is_refused_with_a_message(visitor_client):
    response = visitor_client.get(reverse("labelling:verify_home"), {"token": "https://example.org/other/page"})
    assert response.status_code == 200
    assert "This is not a valid code: this address is not a verification address" in response.text


def _upload(client, data: bytes, name="certificate.pdf", content_type="application/pdf"):
    return client.post(
        reverse("labelling:verify_home"), {"file": SimpleUploadedFile(name, data, content_type=content_type)}
    )


def test_an_uploaded_genuine_file_is_recognised(visitor_client, label):
    response = _upload(visitor_client, current_pdf(label))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Genuine: the portal issued this file." in body
    assert label.number in body and "Superseded" not in body
    assert Certificate.objects.get(label=label).verification_count == 1


def test_an_old_revision_verifies_as_superseded(visitor_client, coordinator, label):
    old = current_pdf(label)
    certificate_reissue(label=label, user=coordinator, reason="New name")
    body = _upload(visitor_client, old).content.decode()
    assert "Genuine" in body and "Superseded:" in body and "revision 2" in body


def test_an_uploaded_file_of_a_withdrawn_label_is_genuine_but_not_valid(visitor_client, coordinator, label):
    data = current_pdf(label)
    label_withdraw(label=label, user=coordinator, public_reason="Withdrawn after an appeal by a member.")
    body = _upload(visitor_client, data).content.decode()
    assert "Genuine" in body and "Withdrawn" in body and "Withdrawn after an appeal by a member." in body


def test_an_edited_file_is_unknown(visitor_client, label):
    data = current_pdf(label) + b"\n% edited"
    body = _upload(visitor_client, data).content.decode()
    assert "Unknown file" in body and label.number not in body


def test_a_non_pdf_is_refused_with_a_reason(visitor_client):
    response = _upload(visitor_client, b"\x89PNG\r\n\x1a\n" + b"0" * 100, name="fake.pdf")
    assert response.status_code == 400
    assert "This file is not a PDF" in response.content.decode()


@override_settings(LABEL_VERIFY_MAX_UPLOAD_BYTES=1024 * 1024)
def test_an_oversized_file_is_refused_with_a_reason(visitor_client):
    response = _upload(visitor_client, b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 10))
    assert response.status_code == 400
    assert "too large" in response.content.decode()


def test_an_empty_upload_is_refused(visitor_client):
    response = visitor_client.post(reverse("labelling:verify_home"), {})
    assert response.status_code == 400


@override_settings(LABEL_VERIFY_RATE_PER_MINUTE=2)
def test_file_verification_shares_the_rate_limit(client, label):
    data = current_pdf(label)
    codes = [_upload(client, data).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_label_status_values_unchanged_by_verification(visitor_client, label):
    _verify(visitor_client, label)
    label.refresh_from_db()
    assert label.status == Label.Status.VALID
