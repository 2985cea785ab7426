"""The data export: what a person downloads, who may, and how (streamed, or built in the background when large)."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.models import AuditEvent, TaskRun
from privacy import exports
from privacy.models import DataExport
from privacy.registry import HOLDINGS
from tests.factories import PASSWORD, MembershipFactory, UserFactory
from tests.privacy.conftest import PERSON_EMAIL, PERSON_NAME, PERSON_SECOND_EMAIL, reauthenticated_client

pytestmark = pytest.mark.django_db


def download(client) -> zipfile.ZipFile:
    response = client.post(reverse("privacy:export"))
    assert response.status_code == 200, response
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def records(archive: zipfile.ZipFile, kind: str) -> list[dict]:
    return json.loads(archive.read(f"{kind}.json"))["records"]


# --- What is in it ------------------------------------------------------------------------------------------------


def test_the_export_has_a_file_for_every_kind_with_every_record_of_the_person(world):
    archive = download(reauthenticated_client(world.person))
    names = set(archive.namelist())
    for holding in HOLDINGS:
        expected = exports.holding_queryset(holding, world.person).count()
        assert f"{holding.kind}.json" in names, holding.kind
        assert len(records(archive, holding.kind)) == expected > 0, holding.kind
    account = records(archive, "account/account")[0]
    assert account["email"] == PERSON_EMAIL and account["name"] == PERSON_NAME and account["has_password"] is True
    manifest = json.loads(archive.read("manifest.json"))
    assert {item["file"] for item in manifest["files"]} == {n for n in names if n.endswith(".json")} - {"manifest.json"}
    assert "README.txt" in names


def test_records_mark_the_person_as_you_and_everyone_else_as_another_person(world):
    archive = download(reauthenticated_client(world.person))
    received = records(archive, "club/messages_you_received")[0]
    assert received["recipient"] == "you" and received["sender"] == "another person"
    answered = records(archive, "directory/collaboration_requests_answered")[0]
    assert answered["responded_by"] == "you" and answered["sender"] == "another person"
    content = b"".join(archive.read(name) for name in archive.namelist() if name.endswith(".json")).decode()
    assert "olga.other@example.org" not in content and "Olga Other" not in content
    assert "cora.coordinator@example.org" not in content


def test_the_export_holds_no_secret(world):
    archive = download(reauthenticated_client(world.person))
    content = b"".join(archive.read(name) for name in archive.namelist() if name.endswith(".json")).decode()
    from club.models import ClubMembership

    secrets = [
        "TOTPSECRETNEVEREXPORTED",
        world.token.key,
        ClubMembership.objects.get(user=world.person).calendar_token,
        world.invitation_sent.token,
        world.invitation_open.token,
        world.person.password,
    ]
    assert [s for s in secrets if s in content] == []
    authenticator = records(archive, "account/two_factor_authenticators")[0]
    assert authenticator["type"] == "totp" and "data" not in authenticator


def test_it_includes_the_evidence_the_person_uploaded_and_may_still_open(world):
    archive = download(reauthenticated_client(world.person))
    evidence = records(archive, "labelling/evidence_you_uploaded")[0]
    assert evidence["original_name"] == "members 2026.pdf"
    assert evidence["file"] == f"files/labelling/evidence_you_uploaded/{world.evidence.pk}-members_2026.pdf"
    assert archive.read(evidence["file"]).startswith(b"%PDF")
    image = records(archive, "knowledge/images_you_uploaded")[0]
    assert archive.read(image["image"]).startswith(b"\x89PNG")


def test_evidence_of_an_organisation_the_person_left_is_listed_but_not_included(world):
    from platform_directory.models import OrganisationMembership

    OrganisationMembership.objects.filter(user=world.person, organisation=world.org).delete()
    archive = download(reauthenticated_client(world.person))
    evidence = records(archive, "labelling/evidence_you_uploaded")[0]
    assert evidence["file"] is None
    assert not [n for n in archive.namelist() if n.startswith("files/labelling/")]
    left_out = json.loads(archive.read("manifest.json"))["files_left_out"]
    assert left_out == [
        {"kind": "labelling/evidence_you_uploaded", "record": world.evidence.pk, "file": "members 2026.pdf"}
    ]


def test_invitations_to_any_verified_address_are_found_whatever_the_case(world):
    archive = download(reauthenticated_client(world.person))
    emails = {r["email"].lower() for r in records(archive, "directory/invitations_to_you")}
    assert emails == {PERSON_EMAIL, PERSON_SECOND_EMAIL}


def test_an_unverified_address_does_not_make_someone_elses_invitations_yours(world):
    from allauth.account.models import EmailAddress

    from platform_directory.models import Invitation

    EmailAddress.objects.create(user=world.person, email="not.yet.mine@example.org", verified=False)
    Invitation.objects.create(organisation=world.other_org, email="not.yet.mine@example.org", invited_by=world.other)
    archive = download(reauthenticated_client(world.person))
    assert "not.yet.mine@example.org" not in {r["email"] for r in records(archive, "directory/invitations_to_you")}


def test_audit_events_by_and_about_the_person_are_in_it(world):
    archive = download(reauthenticated_client(world.person))
    by_you = {r["action"] for r in records(archive, "portal/audit_events_by_you")}
    about_you = {r["action"] for r in records(archive, "portal/audit_events_about_you")}
    assert "test.person.acted" in by_you
    assert "test.account.checked" in about_you


def test_a_person_with_nothing_but_an_account_gets_a_small_valid_export():
    person = UserFactory()
    archive = download(reauthenticated_client(person))
    assert records(archive, "account/account")[0]["email"] == person.email
    # ... and the audit event of this very export
    assert [r["action"] for r in records(archive, "portal/audit_events_by_you")] == ["privacy.export.downloaded"]
    others = [h.kind for h in HOLDINGS if h.kind not in ("account/email_addresses", "portal/audit_events_by_you")]
    assert all(records(archive, kind) == [] for kind in others)


def test_the_streamed_export_is_written_to_the_audit_log_without_personal_data(world):
    download(reauthenticated_client(world.person))
    event = AuditEvent.objects.filter(action="privacy.export.downloaded").get()
    assert event.actor == world.person and event.data["mode"] == "stream"
    assert PERSON_EMAIL not in json.dumps(event.data)


def test_the_export_page_lists_what_the_export_will_contain(world, django_assert_max_num_queries):
    client = Client()
    client.force_login(world.person)
    with django_assert_max_num_queries(120):
        response = client.get(reverse("privacy:export"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Your event registrations and places on waiting lists." in text
    assert "Download my data" in text


# --- Who may -------------------------------------------------------------------------------------------------------


def test_the_export_needs_a_fresh_password(world):
    client = Client()
    client.force_login(world.person)
    response = client.post(reverse("privacy:export"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_the_password_step_goes_on_with_the_export(world):
    """allauth keeps the suspended POST and runs it once the password is confirmed."""
    client = Client()
    client.force_login(world.person)
    first = client.post(reverse("privacy:export"))
    response = client.post(first["Location"], {"password": PASSWORD})
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert records(archive, "account/account")[0]["email"] == PERSON_EMAIL


def test_a_wrong_password_gives_no_export(world):
    client = Client()
    client.force_login(world.person)
    first = client.post(reverse("privacy:export"))
    response = client.post(first["Location"], {"password": "not the password"})
    assert response.status_code == 200
    assert response.get("Content-Type", "").startswith("text/html")


def test_visitors_are_sent_to_log_in(client):
    response = client.post(reverse("privacy:export"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


# --- Large exports: a background job -------------------------------------------------------------------------------


@pytest.fixture
def tiny_stream_limit(settings):
    settings.PRIVACY_EXPORT_STREAM_MAX_BYTES = 10


def test_a_large_export_is_built_in_the_background_with_progress(
    world, tiny_stream_limit, django_capture_on_commit_callbacks
):
    client = reauthenticated_client(world.person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:export"))
    assert response.status_code == 302 and response["Location"] == reverse("privacy:export")
    export = DataExport.objects.exclude(pk=world.export.pk).get(user=world.person)
    run = export.task_run
    assert run.state == TaskRun.State.DONE and run.current == run.total > 10  # eager in tests: already built
    assert export.is_ready and export.size == export.file.size
    page = client.get(reverse("privacy:export")).content.decode()
    download_url = reverse("privacy:export_download", args=[export.pk])
    assert download_url in page
    response = client.get(download_url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert records(archive, "account/account")[0]["email"] == PERSON_EMAIL
    export.refresh_from_db()
    assert export.downloaded_at is not None


def test_asking_again_while_an_export_is_built_joins_it(world, tiny_stream_limit, django_capture_on_commit_callbacks):
    from privacy.services import data_export_request

    with django_capture_on_commit_callbacks(execute=False):
        first = data_export_request(user=world.person)
        second = data_export_request(user=world.person)
    assert first.pk == second.pk
    assert first.task_run.state == TaskRun.State.PENDING


def test_only_its_owner_downloads_a_prepared_export(world, tiny_stream_limit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reauthenticated_client(world.person).post(reverse("privacy:export"))
    export = DataExport.objects.exclude(pk=world.export.pk).get(user=world.person)
    url = reverse("privacy:export_download", args=[export.pk])
    assert reauthenticated_client(world.other).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the login page


def test_downloading_a_prepared_export_needs_a_fresh_password_too(
    world, tiny_stream_limit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reauthenticated_client(world.person).post(reverse("privacy:export"))
    export = DataExport.objects.exclude(pk=world.export.pk).get(user=world.person)
    client = Client()
    client.force_login(world.person)
    response = client.get(reverse("privacy:export_download", args=[export.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_reauthenticate"))


def test_an_expired_export_is_gone_and_purged_with_its_file(world):
    from django.core.files.storage import storages

    from privacy.services import data_exports_purge_expired

    DataExport.objects.filter(pk=world.export.pk).update(expires_at=timezone.now())
    name = world.export.file.name
    url = reverse("privacy:export_download", args=[world.export.pk])
    assert reauthenticated_client(world.person).get(url).status_code == 404
    assert data_exports_purge_expired() == 1
    assert not DataExport.objects.filter(pk=world.export.pk).exists()
    assert not storages["private"].exists(name)


def test_a_co_manager_export_does_not_include_the_other_managers_uploads():
    org_member = MembershipFactory()
    other = MembershipFactory(organisation=org_member.organisation).user
    from tests.labelling.factories import EvidenceDocumentFactory

    EvidenceDocumentFactory(organisation=org_member.organisation, uploaded_by=other)
    archive = download(reauthenticated_client(org_member.user))
    assert records(archive, "labelling/evidence_you_uploaded") == []


def test_building_an_export_twice_keeps_the_first_file(world, tiny_stream_limit, django_capture_on_commit_callbacks):
    from privacy.services import data_export_build

    with django_capture_on_commit_callbacks(execute=True):
        reauthenticated_client(world.person).post(reverse("privacy:export"))
    export = DataExport.objects.exclude(pk=world.export.pk).get(user=world.person)
    name = export.file.name
    assert data_export_build(export_id=export.pk).file.name == name  # a redelivered task does nothing


def test_expired_exports_and_sessions_are_purged_every_night():
    from portal.registry import beat_schedule

    tasks = {entry["task"] for entry in beat_schedule().values()}
    assert {"privacy.tasks.privacy_purge_expired_exports", "privacy.tasks.privacy_clear_expired_sessions"} <= tasks


def test_the_nightly_session_cleanup_deletes_ended_sessions_only():
    import datetime

    from django.contrib.sessions.models import Session

    from privacy.tasks import privacy_clear_expired_sessions

    now = timezone.now()
    Session.objects.create(session_key="ended", session_data="x", expire_date=now - datetime.timedelta(days=1))
    Session.objects.create(session_key="current", session_data="x", expire_date=now + datetime.timedelta(days=1))
    privacy_clear_expired_sessions()
    assert set(Session.objects.values_list("session_key", flat=True)) == {"current"}
