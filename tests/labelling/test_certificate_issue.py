"""Issuing certificates: the PDF's content and QR code, idempotency under duplicate delivery, races and crashes,
the hook into the award, and re-issuing with revisions."""

from __future__ import annotations

import shutil
import subprocess
import threading
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone
from django.utils.dateformat import format as date_format

from labelling.certificates import services as certificate_services
from labelling.certificates.awards import label_award
from labelling.certificates.pdf import verification_url
from labelling.certificates.services import CertificateError, certificate_reissue, label_issue_certificate
from labelling.certificates.tasks import label_issue_certificate_task
from labelling.framework.levels import Level
from labelling.models import Assessment, Certificate, CertificateRevision, Label
from portal.models import AuditEvent
from tests.labelling.certificate_helpers import current_pdf, make_label, manager_of, pdf_text
from tests.labelling.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


def _long(day) -> str:
    return date_format(day, "j F Y")


def test_the_pdf_holds_the_organisation_level_number_and_dates():
    label = make_label(name="Gamma Mobility Cluster", country="FR", nuts2_code="FRK2", level=Level.GOLD, issue=True)
    text = pdf_text(current_pdf(label))
    assert "Gamma Mobility Cluster" in text
    assert label.number in text
    assert "Gold Label" in text
    assert "Proven for Cluster Excellence" in text
    assert f"Valid until {_long(label.valid_until)}" in text.replace("\n", " ")
    assert f"Valid from {_long(label.valid_from)}" in text.replace("\n", " ")
    assert "Certificate revision 1" in text


def test_the_stored_file_matches_its_sha256_and_is_private():
    import hashlib

    label = make_label(issue=True)
    revision = label.certificate.revisions.get()
    data = current_pdf(label)
    assert data.startswith(b"%PDF-")
    assert hashlib.sha256(data).hexdigest() == revision.sha256 == revision.sha256.lower()
    assert revision.size == len(data)
    assert revision.file.storage.base_url is None or "private" in str(revision.file.storage.location)
    assert AuditEvent.objects.filter(action="labelling.certificate.issued", target_id=str(label.pk)).count() == 1


@pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg")), reason="needs poppler-utils, zbar-tools"
)
def test_the_qr_code_decodes_to_the_verification_url(tmp_path):
    label = make_label(issue=True)
    (tmp_path / "cert.pdf").write_bytes(current_pdf(label))
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(tmp_path / "cert.pdf"), str(tmp_path / "page")], check=True)
    page = next(tmp_path.glob("page*.png"))
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(page)], capture_output=True, text=True, check=True)
    assert decoded.stdout.strip() == verification_url(label.certificate.token)
    assert decoded.stdout.strip().endswith(f"/labels/verify/{label.certificate.printed_code}/")


def test_codes_are_random_distinct_and_self_checking():
    from labelling.certificates.verification_codes import verification_code_is_consistent

    tokens = {make_label(issue=True).certificate.token for _ in range(3)}
    assert len(tokens) == 3
    assert all(len(token) == 12 and verification_code_is_consistent(token) for token in tokens)


def test_a_task_run_twice_issues_one_certificate():
    label = make_label()
    label_issue_certificate_task.delay(label.pk)
    label_issue_certificate_task.delay(label.pk)  # delivered again
    assert Certificate.objects.filter(label=label).count() == 1
    assert CertificateRevision.objects.filter(certificate__label=label).count() == 1
    assert Certificate.objects.get(label=label).current_revision == 1


def test_the_task_is_acks_late_so_a_killed_worker_redelivers_it():
    assert label_issue_certificate_task.acks_late is True


def test_a_crash_while_rendering_leaves_the_work_to_be_redone():
    label = make_label()
    with (
        mock.patch.object(certificate_services, "render_certificate_pdf", side_effect=RuntimeError("worker died")),
        pytest.raises(RuntimeError),
    ):
        label_issue_certificate(label_id=label.pk)
    certificate = Certificate.objects.get(label=label)
    assert certificate.state == Certificate.State.PENDING
    assert not certificate.revisions.exists()
    label_issue_certificate(label_id=label.pk)  # the redelivered task
    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.ISSUED
    assert certificate.revisions.count() == 1


def test_a_label_that_does_not_exist_is_ignored():
    assert label_issue_certificate(label_id=987654) is None
    assert not Certificate.objects.exists()


def test_awarding_enqueues_the_certificate_on_commit(django_capture_on_commit_callbacks, coordinator):
    assessment = AssessmentFactory(level=Level.SILVER, status=Assessment.Status.AWARDED)
    with django_capture_on_commit_callbacks(execute=True):
        label = label_award(assessment=assessment, user=coordinator)
    assert label.number.startswith(f"CME-S-{assessment.organisation.country}-")
    certificate = Certificate.objects.get(label=label)
    assert certificate.state == Certificate.State.ISSUED
    assert label.number in pdf_text(current_pdf(label))


def test_awarding_twice_gives_one_number_and_one_certificate(django_capture_on_commit_callbacks, coordinator):
    assessment = AssessmentFactory(status=Assessment.Status.AWARDED)
    with django_capture_on_commit_callbacks(execute=True):
        first = label_award(assessment=assessment, user=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        second = label_award(assessment=assessment, user=coordinator)
    assert first.pk == second.pk
    assert Label.objects.filter(assessment=assessment).count() == 1
    assert CertificateRevision.objects.filter(certificate__label=first).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_racing_tasks_issue_one_certificate():
    if connection.vendor != "postgresql":
        pytest.skip("row locks of the claim need PostgreSQL")
    label = make_label()
    barrier = threading.Barrier(4)
    errors = []

    def run():
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            label_issue_certificate(label_id=label.pk)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert Certificate.objects.filter(label=label).count() == 1
    assert CertificateRevision.objects.filter(certificate__label=label).count() == 1
    assert AuditEvent.objects.filter(action="labelling.certificate.issued", target_id=str(label.pk)).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_racing_awards_give_one_label_number_and_one_certificate(coordinator):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    assessment = AssessmentFactory(status=Assessment.Status.AWARDED)
    barrier = threading.Barrier(3)
    errors = []

    def run():
        from django.db import connections, transaction

        try:
            barrier.wait(timeout=10)
            with transaction.atomic():
                label_award(assessment=assessment, user=coordinator)
        except Exception as error:  # noqa: BLE001 - the loser may see the winner's row
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert Label.objects.filter(assessment=assessment).count() == 1
    label = Label.objects.get(assessment=assessment)
    assert Certificate.objects.filter(label=label).count() == 1
    assert CertificateRevision.objects.filter(certificate__label=label).count() == 1


def test_reissue_keeps_the_number_and_token_and_supersedes_the_old_file(coordinator):
    label = make_label(issue=True)
    first = label.certificate.revisions.get()
    token = label.certificate.token
    label.organisation.name = "Alpha Photonics Cluster (renamed)"
    label.organisation.save(update_fields=["name"])
    second = certificate_reissue(label=label, user=coordinator, reason="New name", expected_revision=1)
    label.refresh_from_db()
    first.refresh_from_db()
    assert second.revision == 2
    assert second.sha256 != first.sha256
    assert first.superseded_at is not None and second.superseded_at is None
    assert label.certificate.token == token
    assert label.certificate.current_revision == 2
    text = pdf_text(current_pdf(label))
    assert "Alpha Photonics Cluster (renamed)" in text and label.number in text and "revision 2" in text
    assert AuditEvent.objects.filter(action="labelling.certificate.reissued", actor=coordinator).exists()


def test_a_double_submitted_reissue_adds_one_revision(coordinator):
    label = make_label(issue=True)
    certificate_reissue(label=label, user=coordinator, reason="Typo", expected_revision=1)
    with pytest.raises(CertificateError, match="revision 2 is current"):
        certificate_reissue(label=label, user=coordinator, reason="Typo", expected_revision=1)
    assert label.certificate.revisions.count() == 2


def test_managers_reissue_only_after_a_name_change():
    label = make_label(issue=True)
    manager = manager_of(label)
    with pytest.raises(CertificateError):
        certificate_reissue(label=label, user=manager, reason="Just because")
    label.organisation.name = "Renamed Cluster"
    label.organisation.save(update_fields=["name"])
    assert certificate_reissue(label=label, user=manager, reason="New name").revision == 2


def test_a_withdrawn_label_gets_no_new_certificate(coordinator):
    label = make_label(issue=True, status=Label.Status.WITHDRAWN)
    with pytest.raises(CertificateError, match="Only a valid label"):
        certificate_reissue(label=label, user=coordinator, reason="New name")


def test_reissue_needs_a_reason(coordinator):
    label = make_label(issue=True)
    with pytest.raises(CertificateError, match="Say why"):
        certificate_reissue(label=label, user=coordinator, reason="  ")


def test_reissue_of_a_certificate_not_yet_issued_is_refused(coordinator):
    label = make_label()
    with pytest.raises(CertificateError, match="not been issued"):
        certificate_reissue(label=label, user=coordinator, reason="New name")


def test_issued_on_today(coordinator):
    label = make_label(issue=True)
    assert label.certificate.issued_at.date() == timezone.now().date()
