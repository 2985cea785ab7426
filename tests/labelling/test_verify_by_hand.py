"""Checking a certificate by hand with what it prints: the address (pasted with the line breaks, spaces or soft
hyphens a PDF viewer adds), the code (in any case, grouped or not, with look-alike characters), or the label number.
Each confirms a genuine label on the verification page's form, at /labels/verify/<code>/ and through the API; a
malformed code gets the verification page's own answer; codes printed before (long tokens) stay valid."""

from __future__ import annotations

import re
import secrets
import shutil
import subprocess
from urllib.parse import quote, urlsplit

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from labelling.certificates.pdf import verification_url
from labelling.models import Certificate
from tests.labelling.certificate_helpers import current_pdf, make_label, pdf_text

pytestmark = pytest.mark.django_db

GENUINE = "This label is genuine and valid."


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def label(org_a):
    return make_label(org_a, issue=True)


def _printed_address(label) -> str:
    """The verification address as the certificate's text layer gives it (what a copy from the PDF pastes)."""
    text = pdf_text(current_pdf(label))
    match = re.search(r"https?://\S+/verify/\s*\S+", text)
    assert match, text
    return match.group(0)


def _printed_code(label) -> str:
    return re.split(r"/verify/\s*", _printed_address(label))[1].strip().strip("/")


def _break(value: str, at: int, insert: str) -> str:
    return value[:at] + insert + value[at:]


def _form(client, typed: str):
    """Type `typed` into the verification page's code field and follow where it leads."""
    return client.get(reverse("labelling:verify_home"), {"token": typed}, follow=True)


def _url(client, typed: str):
    return client.get(f"/labels/verify/{quote(typed, safe='')}/")


def _api(typed: str):
    return APIClient().get(f"/api/v1/labels/verify/{quote(typed, safe='')}/")


# --- What the certificate prints ----------------------------------------------------------------------------------


def test_the_certificate_prints_a_grouped_code_without_look_alikes_and_the_address_on_one_line(label):
    text = pdf_text(current_pdf(label))
    code = label.certificate.token
    grouped = "-".join(code[i : i + 4] for i in range(0, len(code), 4))
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", grouped)
    assert f"Verification code {grouped}" in " ".join(text.split())
    assert verification_url(code) in text.splitlines()  # one line, no break inside
    assert verification_url(code).endswith(f"/labels/verify/{grouped}/")


def test_new_codes_never_use_look_alike_characters():
    codes = [make_label(issue=True).certificate.token for _ in range(5)]
    assert len(set(codes)) == 5
    for code in codes:
        assert len(code) == 12 and not set(code) & set("OIL U"), code


@pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg")), reason="needs poppler-utils, zbar-tools"
)
def test_the_qr_code_of_the_rendered_pdf_opens_a_page_that_confirms_the_label(tmp_path, visitor_client, label):
    (tmp_path / "cert.pdf").write_bytes(current_pdf(label))
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(tmp_path / "cert.pdf"), str(tmp_path / "page")], check=True)
    page = next(tmp_path.glob("page*.png"))
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(page)], capture_output=True, text=True, check=True)
    url = decoded.stdout.strip()
    assert url == verification_url(label.certificate.token) == _printed_address(label)
    response = visitor_client.get(urlsplit(url).path)
    assert response.status_code == 200
    assert GENUINE in response.text and label.number in response.text


# --- Pasting and typing what is printed ---------------------------------------------------------------------------


def _typed_variants(label) -> dict[str, str]:
    address = _printed_address(label)
    code = _printed_code(label)
    head = address.index("/verify/") + len("/verify/")
    return {
        "the address as copied": address,
        "the address broken after /verify/": _break(address, head, "\n"),
        "the address broken inside the code": _break(address, head + 5, "\r\n"),
        "the address with a soft hyphen inside the code": _break(address, head + 6, "\u00ad"),
        "the address with spaces inside": _break(_break(address, head + 9, " "), 12, " \n "),
        "the address without its scheme": address.split("://", 1)[1],
        "the code in lower case": code.lower(),
        "the code with spaces for hyphens": code.replace("-", " "),
        "the code without hyphens": code.replace("-", ""),
        "the code with a zero-width space and a no-break space": _break(_break(code, 3, "\u200b"), 8, "\u00a0"),
        "the code with typographic dashes": code.replace("-", "\u2010"),
        "the label number": label.number,
        "the label number in lower case": f" {label.number.lower()} ",
    }


VARIANTS = [
    "the address as copied",
    "the address broken after /verify/",
    "the address broken inside the code",
    "the address with a soft hyphen inside the code",
    "the address with spaces inside",
    "the address without its scheme",
    "the code in lower case",
    "the code with spaces for hyphens",
    "the code without hyphens",
    "the code with a zero-width space and a no-break space",
    "the code with typographic dashes",
    "the label number",
    "the label number in lower case",
]
CODE_VARIANTS = [v for v in VARIANTS if not v.startswith("the address")]


@pytest.mark.parametrize("variant", VARIANTS)
def test_what_is_printed_confirms_the_label_in_the_form(visitor_client, label, variant):
    response = _form(visitor_client, _typed_variants(label)[variant])
    assert response.status_code == 200, response.text
    assert GENUINE in response.text and label.number in response.text


@pytest.mark.parametrize("variant", CODE_VARIANTS)
def test_what_is_printed_confirms_the_label_at_the_verification_address(visitor_client, label, variant):
    response = _url(visitor_client, _typed_variants(label)[variant])
    assert response.status_code == 200, response.text
    assert GENUINE in response.text and label.number in response.text


@pytest.mark.parametrize("variant", CODE_VARIANTS)
def test_what_is_printed_confirms_the_label_through_the_api(label, variant):
    response = _api(_typed_variants(label)[variant])
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["genuine"] is True and data["label"]["number"] == label.number
    assert data["label"]["status"] == "valid"


def test_look_alike_characters_typed_for_0_and_1_are_read_as_them(visitor_client, label):
    from labelling.certificates.verification_codes import verification_code_new

    code = verification_code_new(payload="01AB10CD0E1")
    Certificate.objects.filter(pk=label.certificate.pk).update(token=code)
    typed = code.replace("0", "o").replace("1", "l", 2).replace("1", "I")
    assert _url(visitor_client, typed).status_code == 200
    assert _api(typed.upper()).json()["label"]["number"] == label.number
    assert GENUINE in _form(visitor_client, typed).text


def test_a_verification_by_label_number_is_counted_for_the_managers(visitor_client, label):
    _url(visitor_client, label.number)
    _api(label.number.lower())
    assert Certificate.objects.get(pk=label.certificate.pk).verification_count == 2


# --- Codes printed before -----------------------------------------------------------------------------------------


@pytest.fixture
def printed_before(label):
    """A certificate issued with the former kind of token (32 URL-safe characters, mixed case)."""
    token = "Ab3-dEf_" + secrets.token_urlsafe(18)[:24]
    Certificate.objects.filter(pk=label.certificate.pk).update(token=token)
    return token


def test_a_former_token_still_verifies_everywhere(visitor_client, label, printed_before):
    assert GENUINE in _url(visitor_client, printed_before).text
    assert _api(printed_before).json()["genuine"] is True
    pasted = f"https://portal.example.eu/labels/verify/\n{printed_before[:10]}\u00ad{printed_before[10:]}/"
    assert GENUINE in _form(visitor_client, pasted).text


def test_a_former_token_typed_in_lower_case_still_verifies(visitor_client, label, printed_before):
    assert GENUINE in _url(visitor_client, printed_before.lower()).text
    assert _api(printed_before.upper()).status_code == 200
    assert GENUINE in _form(visitor_client, printed_before.lower()).text


# --- Malformed and unknown codes ----------------------------------------------------------------------------------


MALFORMED = [
    "ABCD-EFGH-JKM!",  # a character that never appears
    "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-ABCD-EFGH-JKMN-PQRS-TVWX-YZ01",  # far too long
    "ABCD-EFGH-JK",  # too short for a code
    "ABCD-EFGH-JKMU",  # U is not in the alphabet
    "abc_def",
    "é",
]  # a NUL never reaches these pages: the front door answers it (tests/security/test_nul_bytes.py)


@pytest.mark.parametrize("typed", MALFORMED)
def test_a_malformed_code_at_the_address_gets_the_verification_pages_own_answer(visitor_client, typed):
    response = _url(visitor_client, typed)
    assert response.status_code == 400
    assert "This is not a valid code:" in response.text
    assert 'name="token"' in response.text  # the form to try again


@pytest.mark.parametrize("typed", MALFORMED)
def test_a_malformed_code_in_the_form_gets_the_verification_pages_own_answer(visitor_client, typed):
    response = _form(visitor_client, typed)
    assert response.status_code in (200, 400)
    assert "This is not a valid code:" in response.text
    assert 'name="token"' in response.text


@pytest.mark.parametrize("typed", MALFORMED)
def test_a_malformed_code_through_the_api_is_a_404_with_the_reason(typed):
    # The API answers 404 like for any code nobody issued (the schema's path parameter is any text), with the reason
    # a person can act on and code "invalid"; the page answers 400 with its own message.
    response = _api(typed)
    assert response.status_code == 404
    assert response.json()["detail"].startswith("This is not a valid code:")
    assert response.json()["code"] == "invalid"


def test_a_mistyped_character_is_caught_by_the_check_character(visitor_client, label):
    code = label.certificate.token
    wrong = code[:5] + ("A" if code[5] != "A" else "B") + code[6:]
    response = _url(visitor_client, wrong)
    assert response.status_code == 400
    assert "mistyped" in response.text
    assert _api(wrong).json()["code"] == "invalid"


def test_a_well_formed_code_of_no_certificate_cannot_be_confirmed(visitor_client, label):
    from labelling.certificates.verification_codes import verification_code_new

    other = verification_code_new()
    response = _url(visitor_client, other)
    assert response.status_code == 404
    assert "We cannot confirm this label" in response.text
    assert label.number not in response.text
    assert _api(other).status_code == 404
    assert _url(visitor_client, "CME-G-DE-2026-99999").status_code == 404


def test_the_code_field_takes_a_whole_pasted_address(visitor_client):
    page = visitor_client.get(reverse("labelling:verify_home")).content.decode()
    field = re.search(r'<input[^>]*name="token"[^>]*>', page).group(0)
    assert int(re.search(r'maxlength="(\d+)"', field).group(1)) >= 200


@override_settings(LABEL_VERIFY_RATE_PER_MINUTE=3)
def test_every_way_of_asking_shares_the_rate_limit(visitor_client, label):
    codes = [
        _url(visitor_client, label.number).status_code,
        _url(visitor_client, label.certificate.token.lower()).status_code,
        _url(visitor_client, "ABCD-EFGH-JKM!").status_code,
        _url(visitor_client, label.certificate.token).status_code,
        _api(label.number).status_code,
    ]
    assert codes == [200, 200, 400, 429, 429]
