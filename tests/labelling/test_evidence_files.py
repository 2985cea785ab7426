"""Evidence files: type checked by content, at most 20 MB, kept privately, reused through the library, and
downloadable only by the organisation's people, its active assessors and the coordinators."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from labelling.models import EvidenceDocument
from labelling.review.models import AssessorAssignment
from labelling.selfassessment import services
from labelling.selfassessment.uploads import DOCX, ODT, PDF, PNG, XLSX, FileRejected, check_upload
from platform_directory.models import OrganisationMembership
from portal.models import AuditEvent
from tests.factories import AssessorProfileFactory, MembershipFactory
from tests.labelling.factories import PDF_BYTES

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


DOCX_BYTES = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX_BYTES = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT_BYTES = _zip({"mimetype": ODT.encode(), "content.xml": b"<office:document-content/>"})


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("member-list.pdf", PDF_BYTES, PDF),
        ("photo.png", None, PNG),
        ("strategy.docx", DOCX_BYTES, DOCX),
        ("budget.xlsx", XLSX_BYTES, XLSX),
        ("minutes.odt", ODT_BYTES, ODT),
    ],
)
def test_accepted_types_are_detected_from_their_content(name, content, expected):
    upload = SimpleUploadedFile(name, content or _png(), content_type="application/octet-stream")
    assert check_upload(upload) == expected


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("invoice.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "not a PDF"),  # a Windows program renamed
        ("report.docx", _zip({"readme.txt": b"hello"}), "not a PDF"),  # a zip that is no office file
        ("fake.docx", _zip({"[Content_Types].xml": b"<Types/>", "evil.exe": b"MZ"}), "not a PDF"),
        ("page.html", b"<html><script>alert(1)</script></html>", "not a PDF"),
        ("empty.pdf", b"", "empty"),
        ("strategy.pdf", DOCX_BYTES, "rename it"),  # a Word file named .pdf
    ],
)
def test_other_files_are_refused_with_a_reason(name, content, message):
    with pytest.raises(FileRejected) as error:
        check_upload(SimpleUploadedFile(name, content, content_type="application/pdf"))
    assert message in str(error.value)


def test_a_file_over_20_mb_is_refused():
    big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * (20 * 1024 * 1024), content_type="application/pdf")
    with pytest.raises(FileRejected) as error:
        check_upload(big)
    assert "at most 20 MB" in str(error.value)


@pytest.fixture
def assessment(manager_a, org_a):
    return services.assessment_start(user=manager_a, organisation=org_a, level="bronze")


def _upload_url(assessment, answer):
    return reverse("labelling:evidence_upload", args=[assessment.pk, answer.pk])


def test_a_manager_uploads_evidence_to_an_answer(manager_a_client, assessment, settings, tmp_path):
    answer = assessment.answers.get(indicator__code="1.1")
    upload = SimpleUploadedFile("Members 2026.pdf", PDF_BYTES)
    response = manager_a_client.post(_upload_url(assessment, answer), {"file": upload}, **HTMX)
    assert response.status_code == 200 and "Members 2026.pdf uploaded" in response.content.decode()
    document = EvidenceDocument.objects.get()
    assert document.content_type == PDF and document.size == len(PDF_BYTES) and len(document.sha256) == 64
    assert "Members 2026" not in document.file.name  # never the user's name on disk
    assert list(answer.evidence.all()) == [document]
    assert AuditEvent.objects.filter(action="labelling.evidence.uploaded").exists()


def test_a_renamed_program_is_refused_in_the_page(manager_a_client, assessment):
    answer = assessment.answers.get(indicator__code="1.1")
    upload = SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    response = manager_a_client.post(_upload_url(assessment, answer), {"file": upload}, **HTMX)
    assert "This file is not a PDF" in response.content.decode()
    assert not EvidenceDocument.objects.exists()


def test_one_file_is_attached_to_a_second_answer_from_the_library(manager_a_client, manager_a, assessment):
    first, second = assessment.answers.filter(indicator__code__in=["1.1", "1.4"]).order_by("indicator__position")
    document = services.evidence_upload(
        user=manager_a, assessment=assessment, upload=SimpleUploadedFile("list.pdf", PDF_BYTES), answer=first
    )
    url = reverse("labelling:evidence_attach", args=[assessment.pk, second.pk])
    response = manager_a_client.post(url, {"document": document.pk}, **HTMX)
    assert "list.pdf attached" in response.content.decode()
    assert set(document.answers.all()) == {first, second}
    detach = reverse("labelling:evidence_detach", args=[assessment.pk, second.pk, document.pk])
    manager_a_client.post(detach, **HTMX)
    assert set(document.answers.all()) == {first}
    assert EvidenceDocument.objects.count() == 1


def test_a_file_of_another_organisation_cannot_be_attached(manager_a_client, manager_b, org_b, assessment):
    other = services.assessment_start(user=manager_b, organisation=org_b, level="bronze")
    foreign = services.evidence_upload(user=manager_b, assessment=other, upload=SimpleUploadedFile("b.pdf", PDF_BYTES))
    answer = assessment.answers.get(indicator__code="1.1")
    response = manager_a_client.post(
        reverse("labelling:evidence_attach", args=[assessment.pk, answer.pk]), {"document": foreign.pk}, **HTMX
    )
    assert "Choose a file of your library" in response.content.decode()
    assert not answer.evidence.exists()


def test_the_library_page_uploads_and_lists_files(manager_a_client, assessment):
    url = reverse("labelling:documents", args=[assessment.pk])
    response = manager_a_client.post(url, {"file": SimpleUploadedFile("statutes.pdf", PDF_BYTES)})
    assert response.status_code == 302
    page = manager_a_client.get(url).content.decode()
    assert "statutes.pdf" in page
    response = manager_a_client.post(url, {"file": SimpleUploadedFile("x.pdf", b"not a pdf")})
    assert response.status_code == 400 and "This file is not a PDF" in response.content.decode()


def test_no_evidence_change_after_submit(manager_a, assessment):
    from tests.labelling.factories import fill_answers

    fill_answers(assessment)
    services.assessment_submit(user=manager_a, assessment=assessment)
    answer = assessment.answers.get(indicator__code="1.2")
    with pytest.raises(services.AssessmentError):
        services.evidence_upload(
            user=manager_a, assessment=assessment, upload=SimpleUploadedFile("a.pdf", PDF_BYTES), answer=answer
        )


# --- download: every persona ----------------------------------------------------------------------------------------


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def document(manager_a, assessment):
    answer = assessment.answers.get(indicator__code="1.1")
    return services.evidence_upload(
        user=manager_a, assessment=assessment, upload=SimpleUploadedFile("members.pdf", PDF_BYTES), answer=answer
    )


def _assign(assessment, user, status):
    return AssessorAssignment.objects.create(
        assessment=assessment,
        assessor=user,
        status=status,
        declared_no_conflict_at=timezone.now() if status == AssessorAssignment.Status.ACTIVE else None,
    )


def test_who_may_download_evidence(
    document, assessment, org_a, manager_a_client, manager_b_client, coordinator_client, visitor_client
):
    url = reverse("labelling:document_download", args=[document.pk])
    viewer = MembershipFactory(organisation=org_a, role=OrganisationMembership.Role.VIEWER).user
    unassigned = AssessorProfileFactory().user
    assigned = AssessorProfileFactory().user
    undeclared = AssessorProfileFactory().user
    _assign(assessment, assigned, AssessorAssignment.Status.ACTIVE)
    _assign(assessment, undeclared, AssessorAssignment.Status.AWAITING_DECLARATION)
    allowed = {
        "manager A": manager_a_client,
        "coordinator": coordinator_client,
        "assigned assessor who declared no conflict": _client(assigned),
    }
    refused = {
        "viewer A (reads the assessment, not the files)": _client(viewer),
        "manager B": manager_b_client,
        "assessor not assigned": _client(unassigned),
        "assessor before the declaration": _client(undeclared),
    }
    for who, client in allowed.items():
        response = client.get(url)
        assert response.status_code == 200, who
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Type"] == PDF
        assert 'attachment; filename="members.pdf"' in response["Content-Disposition"]
    for who, client in refused.items():
        assert client.get(url).status_code == 404, who
    assert visitor_client.get(url).status_code == 302


def test_the_answer_page_states_the_evidence_limit_the_upload_allows(manager_a_client, assessment, settings):
    url = reverse("labelling:dimension", kwargs={"pk": assessment.pk, "number": 1})
    assert "at most 20 MB" in manager_a_client.get(url).content.decode()
    settings.EVIDENCE_MAX_UPLOAD_BYTES = 7 * 1024 * 1024
    assert "at most 7 MB" in manager_a_client.get(url).content.decode()
