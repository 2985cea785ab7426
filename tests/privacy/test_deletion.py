"""Account deletion: every kind of record that refers to the person is deleted, or kept without them; what blocks
a deletion; who may delete; the audit trail afterwards."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.storage import storages
from django.test import Client
from django.urls import reverse

from labelling.review.services.assignment import assessment_assign_assessors, assignment_decline
from portal.models import AuditEvent
from privacy import exports
from privacy.registry import HOLDINGS, Erase
from privacy.services import AccountDeletionBlocked, account_delete
from tests.factories import PASSWORD, AssessorProfileFactory, CoordinatorFactory, MembershipFactory, UserFactory
from tests.privacy.conftest import PERSON_EMAIL, PERSON_NAME, PERSON_SECOND_EMAIL, reauthenticated_client

pytestmark = pytest.mark.django_db
User = get_user_model()

# What the steps of the deletion do with the records of each holding they handle.
STEP_RESULTS = {
    "admin_history": "gone",  # Django's own history; copied into the audit log first (tested below)
    "directory/invitations_to_you": "gone",
    "club/event_registrations": "gone",
    "survey/invitations_to_you": "gone",
    "survey/your_responses": "kept",  # submitted: linked to nobody (the draft is tested below)
    "survey/your_answers": "kept",
}


def delete_through_the_page(user, **extra):
    client = reauthenticated_client(user)
    return client, client.post(reverse("privacy:delete"), {"confirm": "on", **extra})


def snapshot(person) -> dict:
    return {h.kind: list(exports.holding_queryset(h, person).values_list("pk", flat=True)) for h in HOLDINGS}


def test_deleting_an_account_treats_every_kind_of_record_as_the_registry_says(world):
    before = snapshot(world.person)
    submitted = set(before["survey/your_responses"]) - {world.draft_response.pk}
    before["survey/your_responses"] = sorted(submitted)
    before["survey/your_answers"] = list(
        apps.get_model("survey.Answer").objects.filter(response__in=submitted).values_list("pk", flat=True)
    )
    _client, response = delete_through_the_page(world.person)
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert not User.objects.filter(email=PERSON_EMAIL).exists()
    gone_elsewhere: dict[str, set] = {}  # a record in two holdings (an invitation she made to herself) goes once
    for holding in HOLDINGS:
        if holding.erase == Erase.DELETE or STEP_RESULTS.get(holding.kind, STEP_RESULTS.get(holding.step)) == "gone":
            gone_elsewhere.setdefault(holding.model, set()).update(before[holding.kind])
    wrong = []
    for holding in HOLDINGS:
        model = apps.get_model(holding.model)
        pks = before[holding.kind]
        if holding.erase == Erase.KEEP:
            pks = [pk for pk in pks if pk not in gone_elsewhere.get(holding.model, set())]
        remaining = model._default_manager.filter(pk__in=pks)
        expected = (
            "gone"
            if holding.erase == Erase.DELETE
            else "kept"
            if holding.erase == Erase.KEEP
            else STEP_RESULTS.get(holding.kind, STEP_RESULTS.get(holding.step))
        )
        if expected == "gone" and remaining.exists():
            wrong.append(f"{holding.kind}: {remaining.count()} of {len(pks)} still there")
        if expected == "kept":
            if remaining.count() != len(pks):
                wrong.append(f"{holding.kind}: {len(pks) - remaining.count()} of {len(pks)} deleted")
            for lookup in holding.lookups:
                if not lookup.startswith("@") and remaining.exclude(**{f"{lookup}__isnull": True}).exists():
                    wrong.append(f"{holding.kind}: still linked through {lookup}")
    assert not wrong, wrong


def test_organisation_data_stays_with_the_organisation(world):
    delete_through_the_page(world.person)
    world.evidence.refresh_from_db()
    assert world.evidence.uploaded_by is None and storages["private"].exists(world.evidence.file.name)
    world.assessment.refresh_from_db()
    assert world.assessment.started_by is None and world.assessment.answers.count() == 1
    world.org.refresh_from_db()
    assert world.org.memberships.get().user == world.other


def test_label_decisions_certificates_and_reviews_stay_without_the_person(world):
    delete_through_the_page(world.person)
    for record in (world.decision, world.revision, world.status_change, world.assignment, world.review):
        record.refresh_from_db()
    assert world.decision.decided_by is None and world.decision.reasons == "Meets."
    assert world.revision.issued_by is None and world.revision.file
    assert world.assignment.assessor is None and world.assignment.recommendation_summary
    assert world.review.assignment_id == world.assignment.pk


def test_submitted_survey_answers_stay_linked_to_nobody_and_drafts_go(world):
    delete_through_the_page(world.person)
    world.response.refresh_from_db()
    assert world.response.user is None and world.response.invitation is None
    assert world.response.is_submitted and world.response.answers.filter(text__contains="fine").exists()
    assert not type(world.draft_response).objects.filter(pk=world.draft_response.pk).exists()


def test_her_place_at_a_full_event_goes_to_the_first_person_waiting(world):
    delete_through_the_page(world.person)
    world.waiting.refresh_from_db()
    assert world.waiting.status == "registered" and world.waiting.promoted_at is not None


def test_the_audit_log_keeps_what_happened_without_her_name_or_addresses(world):
    acted = AuditEvent.objects.get(action="test.person.acted")
    delete_through_the_page(world.person)
    text = json.dumps(list(AuditEvent.objects.values("target_repr", "data")), ensure_ascii=False).lower()
    for personal in (PERSON_EMAIL, PERSON_SECOND_EMAIL, PERSON_NAME):
        assert personal.lower() not in text, personal
    deleted = AuditEvent.objects.get(action="privacy.account.deleted")
    acted.refresh_from_db()
    assert acted.actor is None and acted.data["deleted_actor"] == deleted.data["account"]
    assert AuditEvent.objects.filter(action="test.account.checked", target_repr="[deleted account]").exists()


def test_the_deletion_event_holds_no_personal_data(world):
    delete_through_the_page(world.person)
    event = AuditEvent.objects.get(action="privacy.account.deleted")
    assert event.actor is None and event.target_id == ""
    assert event.data["by"] == "self" and "organisation member" in event.data["roles"]
    assert str(world.person.pk) not in json.dumps({k: v for k, v in event.data.items() if k != "account"})
    assert "@" not in json.dumps(event.data)


def test_changes_made_in_the_administration_stay_in_the_audit_log(world):
    delete_through_the_page(world.person)
    copied = AuditEvent.objects.get(action="admin.changed")
    assert copied.target_type == "portal.taskrun" and copied.target_id == str(world.task_run.pk)
    assert copied.data["change"] == "Changed state." and copied.actor is None


def test_she_is_signed_out_everywhere_and_her_api_token_stops_working(world):
    elsewhere = Client()
    elsewhere.force_login(world.person)
    colleague = Client()
    colleague.force_login(world.other)
    assert elsewhere.get(reverse("portal:dashboard")).status_code == 200
    token = world.token.key
    assert Client().get("/api/v1/assessments/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    here, _response = delete_through_the_page(world.person)
    for client in (here, elsewhere):
        response = client.get(reverse("portal:dashboard"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert colleague.get(reverse("portal:dashboard")).status_code == 200  # only her sessions end
    refused = Client().get("/api/v1/assessments/", HTTP_AUTHORIZATION=f"Token {token}")
    assert refused.status_code in (401, 403) and refused.json()["detail"] == "Invalid token."
    from django.contrib.sessions.models import Session

    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(world.person.pk)]


def test_she_cannot_log_in_any_more(world):
    delete_through_the_page(world.person)
    client = Client()
    response = client.post(reverse("account_login"), {"login": PERSON_EMAIL, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_her_prepared_exports_are_deleted_with_their_files(world, django_capture_on_commit_callbacks):
    name = world.export.file.name
    assert storages["private"].exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        delete_through_the_page(world.person)
    assert not storages["private"].exists(name)


def test_the_reviewed_organisation_pages_still_open_after_the_assessor_left(world):
    delete_through_the_page(world.person)
    coordinator = Client()
    coordinator.force_login(world.coordinator)
    response = coordinator.get(reverse("labelling:assign", kwargs={"pk": world.decided.pk}))
    assert response.status_code == 200 and "(account deleted)" in response.content.decode()
    manager = Client()
    manager.force_login(MembershipFactory(organisation=world.decided.organisation).user)
    assert manager.get(reverse("labelling:assessment_outcome", kwargs={"pk": world.decided.pk})).status_code == 200


# --- Asking for it ---------------------------------------------------------------------------------------------------


def test_the_page_explains_what_goes_and_what_stays(world, django_assert_max_num_queries):
    client = Client()
    client.force_login(world.person)
    with django_assert_max_num_queries(120):
        response = client.get(reverse("privacy:delete"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "What is deleted" in text and "What stays, without your name" in text
    assert "Your event registrations and places on waiting lists." in text
    assert "Evidence files you uploaded" in text
    assert reverse("platform_directory:edit", kwargs={"slug": world.org.slug}) in text  # her address is its contact


def test_it_needs_the_box_ticked(world):
    client = reauthenticated_client(world.person)
    response = client.post(reverse("privacy:delete"), {})
    assert response.status_code == 200
    assert "Tick the box to confirm" in response.content.decode()
    assert User.objects.filter(pk=world.person.pk).exists()


def test_it_needs_a_fresh_password_and_then_goes_on(world):
    client = Client()
    client.force_login(world.person)
    first = client.post(reverse("privacy:delete"), {"confirm": "on"})
    assert first.status_code == 302 and first["Location"].startswith(reverse("account_reauthenticate"))
    assert User.objects.filter(pk=world.person.pk).exists()
    wrong = client.post(first["Location"], {"password": "wrong password"})
    assert wrong.status_code == 200 and User.objects.filter(pk=world.person.pk).exists()
    done = client.post(first["Location"], {"password": PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("portal:home")
    assert not User.objects.filter(pk=world.person.pk).exists()


def test_visitors_are_sent_to_log_in(client):
    response = client.post(reverse("privacy:delete"), {"confirm": "on"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_a_get_deletes_nothing(world):
    client = reauthenticated_client(world.person)
    assert client.get(reverse("privacy:delete"), {"confirm": "on"}).status_code == 200
    assert User.objects.filter(pk=world.person.pk).exists()


# --- What blocks it --------------------------------------------------------------------------------------------------


def assert_blocked(user, message: str):
    client = reauthenticated_client(user)
    page = client.get(reverse("privacy:delete")).content.decode()
    assert message in page
    response = client.post(reverse("privacy:delete"), {"confirm": "on"})
    assert response.status_code == 200 and message in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()
    with pytest.raises(AccountDeletionBlocked):
        account_delete(user=user)


def test_a_coordinator_hands_over_first():
    assert_blocked(CoordinatorFactory(), "Ask another administrator to take this role away")


def test_a_superuser_hands_over_first():
    assert_blocked(UserFactory(is_superuser=True), "Ask another administrator to take this role away")


def test_the_last_manager_of_an_organisation_invites_another_first():
    membership = MembershipFactory()
    MembershipFactory(organisation=membership.organisation, role="viewer")  # a viewer is not a manager
    assert_blocked(membership.user, f"You are the only manager of {membership.organisation.name}")


def test_a_manager_with_a_co_manager_may_go():
    membership = MembershipFactory()
    MembershipFactory(organisation=membership.organisation)
    _client, response = delete_through_the_page(membership.user)
    assert response.status_code == 302 and not User.objects.filter(pk=membership.user_id).exists()


@pytest.mark.parametrize("state", ["awaiting", "reviewing", "recommended"])
def test_an_assessor_finishes_the_reviews_of_undecided_assessments_first(state):
    from tests.labelling.review_support import start_review, submitted_assessment

    assessor = AssessorProfileFactory(home_country="FR").user
    assessment = submitted_assessment()

    if state == "awaiting":
        assessment_assign_assessors(assessment=assessment, assessors=[assessor], user=CoordinatorFactory())
    else:
        [assignment] = start_review(assessment, assessors=[assessor])
        if state == "recommended":
            type(assignment).objects.filter(pk=assignment.pk).update(
                recommendation="award", recommendation_summary="Ok"
            )
            type(assessment).objects.filter(pk=assessment.pk).update(status="recommended")
    assert_blocked(assessor, f"You are an assessor of the Bronze assessment of {assessment.organisation.name}")


def test_an_assessor_who_declined_may_go():
    from tests.labelling.review_support import submitted_assessment

    assessor = AssessorProfileFactory(home_country="FR").user
    assessment = submitted_assessment()
    [assignment] = assessment_assign_assessors(assessment=assessment, assessors=[assessor], user=CoordinatorFactory())
    assignment_decline(assignment=assignment, user=assessor, reason="Too busy this month.")
    _client, response = delete_through_the_page(assessor)
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.assessor is None and assignment.status == "declined"


# --- The administration ---------------------------------------------------------------------------------------------


def test_a_superuser_deleting_an_account_in_the_admin_erases_it_the_same_way(world):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    url = reverse("admin:portal_user_delete", args=[world.person.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=world.person.pk).exists()
    event = AuditEvent.objects.get(action="privacy.account.deleted")
    assert event.data["by"] == "administrator" and event.actor == admin
    world.response.refresh_from_db()
    assert world.response.user is None


def test_deleting_several_accounts_in_the_admin_erases_each(world):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    others = [UserFactory(), UserFactory()]
    response = client.post(
        reverse("admin:portal_user_changelist"),
        {"action": "delete_selected", "_selected_action": [world.person.pk, *[u.pk for u in others]], "post": "yes"},
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk__in=[world.person.pk, *[u.pk for u in others]]).exists()
    assert AuditEvent.objects.filter(action="privacy.account.deleted").count() == 3
