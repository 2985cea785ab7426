"""Invitations in batches by a Celery task, invitation links, and anonymous responses that store no person."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from platform_directory.models import ClusterOrganisation
from portal.models import AuditEvent, TaskRun
from survey.models import Answer, Invitation, Response, invitation_token_hash
from survey.selectors import invitation_recipients
from survey.services import Recipient, invitations_create, invitations_send_start
from tests.factories import ClusterOrganisationFactory, MembershipFactory
from tests.survey.factories import full_answers

pytestmark = pytest.mark.django_db


def _token_from(message) -> str:
    return re.search(r"/surveys/i/([^/\s]+)/", message.body).group(1)


def _invite(survey, coordinator, emails, *, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitations_create(survey=survey, recipients=[Recipient(email=e) for e in emails], user=coordinator)
        return invitations_send_start(survey=survey, user=coordinator)


def test_invitations_go_out_in_batches_and_each_address_once(
    anonymous_built, coordinator, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BATCH_SIZE = 2
    emails = [f"m{i}@example.org" for i in range(5)] + ["M0@example.org"]
    run = _invite(
        anonymous_built.survey,
        coordinator,
        emails,
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    assert len(mail.outbox) == 5
    assert Invitation.objects.filter(survey=anonymous_built.survey).count() == 5
    run.refresh_from_db()
    assert run.state == TaskRun.State.DONE and run.current == 5 and "5 invitations sent" in run.message
    # inviting the same people again sends nothing new
    run2 = _invite(
        anonymous_built.survey,
        coordinator,
        emails[:3],
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    assert len(mail.outbox) == 5
    assert Invitation.objects.count() == 5
    run2.refresh_from_db()
    assert run2.state == TaskRun.State.DONE


def test_the_invitation_stores_only_a_hash_of_its_token(
    anonymous_built, coordinator, django_capture_on_commit_callbacks
):
    _invite(
        anonymous_built.survey,
        coordinator,
        ["one@example.org"],
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    token = _token_from(mail.outbox[0])
    invitation = Invitation.objects.get()
    assert invitation.token_hash == invitation_token_hash(token)
    assert token not in str(Invitation.objects.values().get())


def test_an_anonymous_response_stores_no_person_not_even_through_the_invitation(
    anonymous_built, coordinator, manager_a, client, django_capture_on_commit_callbacks
):
    org = ClusterOrganisationFactory(country="FR", nuts2_code="FR10", main_sector="health")
    with django_capture_on_commit_callbacks(execute=True):
        invitations_create(
            survey=anonymous_built.survey,
            recipients=[Recipient(email=manager_a.email, user_id=manager_a.pk, organisation_id=org.pk)],
            user=coordinator,
        )
        invitations_send_start(survey=anonymous_built.survey, user=coordinator)
    token = _token_from(mail.outbox[0])
    client.force_login(manager_a)  # even signed in, the response must not name the person
    data = full_answers(anonymous_built)
    client.post(reverse("survey:token_answer", kwargs={"token": token, "step": 1}), data[1])
    client.post(reverse("survey:token_answer", kwargs={"token": token, "step": 2}), data[2])
    done = client.post(reverse("survey:token_review", kwargs={"token": token}))
    assert done.url == reverse("survey:token_done", kwargs={"token": token})
    response = Response.objects.get()
    assert response.status == "submitted"
    assert response.user_id is None and response.invitation_id is None and response.organisation_id is None
    assert (response.country, response.sector) == ("FR", "health")
    local = timezone.localtime(response.submitted_at)
    assert (local.hour, local.minute, local.second) == (12, 0, 0)  # the day only
    assert (timezone.localtime(response.created_at).hour, timezone.localtime(response.updated_at).hour) == (12, 12)
    invitation = Invitation.objects.get()
    assert response.respondent_key != invitation.token_hash
    assert invitation.token_hash not in str(Response.objects.values().get())
    # nothing in the audit log ties the response to the person, or even names the response
    assert not AuditEvent.objects.filter(target_type="survey.response").exists()
    events = AuditEvent.objects.filter(action__startswith="survey.response.")
    assert sorted(e.action for e in events) == ["survey.response.started", "survey.response.submitted"]
    for event in events:
        assert event.actor_id is None and event.target_id == str(anonymous_built.survey.pk)
        assert str(response.pk) not in str(event.data) and manager_a.email not in str(event.data)
    assert Answer.objects.filter(response=response).count() > 0


def test_an_anonymous_survey_allows_one_response_per_token(
    anonymous_built, coordinator, client, django_capture_on_commit_callbacks
):
    _invite(
        anonymous_built.survey,
        coordinator,
        ["a@example.org", "b@example.org"],
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    tokens = [_token_from(m) for m in mail.outbox]
    data = full_answers(anonymous_built)
    for token in tokens + tokens:
        client.post(reverse("survey:token_answer", kwargs={"token": token, "step": 1}), data[1])
    assert Response.objects.count() == 2
    # resume: the same link finds the draft again
    page = client.get(reverse("survey:token_start", kwargs={"token": tokens[0]}))
    assert "Continue where you left off" in page.text


def test_an_anonymous_survey_cannot_be_answered_by_web_address(anonymous_built, manager_a_client):
    page = manager_a_client.get(reverse("survey:answer", kwargs={"slug": anonymous_built.survey.slug, "step": 1}))
    assert page.status_code == 403
    assert "invitation e-mail" in page.text


def test_a_wrong_or_unsent_token_is_a_404(anonymous_built, client, coordinator):
    invitations_create(survey=anonymous_built.survey, recipients=[Recipient(email="x@example.org")], user=coordinator)
    assert client.get(reverse("survey:token_start", kwargs={"token": "not-a-token"})).status_code == 404


def test_a_named_invitation_link_answers_as_the_invited_manager(
    built, coordinator, manager_a, client, django_capture_on_commit_callbacks
):
    org = manager_a.memberships.get().organisation
    with django_capture_on_commit_callbacks(execute=True):
        invitations_create(
            survey=built.survey,
            recipients=[Recipient(email=manager_a.email, user_id=manager_a.pk, organisation_id=org.pk)],
            user=coordinator,
        )
        invitations_send_start(survey=built.survey, user=coordinator)
    token = _token_from(mail.outbox[0])
    client.post(reverse("survey:token_answer", kwargs={"token": token, "step": 1}), full_answers(built)[1])
    response = Response.objects.get()
    assert response.user == manager_a and response.invitation.email == manager_a.email
    # signed in, the same person continues the same response
    client.force_login(manager_a)
    page = client.get(reverse("survey:detail", kwargs={"slug": built.survey.slug}))
    assert "Continue where you left off" in page.text


def test_recipients_are_managers_of_validated_organisations_of_a_country(db):
    de = ClusterOrganisationFactory(country="DE")
    fr = ClusterOrganisationFactory(country="FR", nuts2_code="FR10")
    pending = ClusterOrganisationFactory(country="DE", validation_status=ClusterOrganisation.ValidationStatus.PENDING)
    m_de = MembershipFactory(organisation=de).user
    MembershipFactory(organisation=fr)
    MembershipFactory(organisation=pending)
    MembershipFactory(organisation=de, role="viewer")
    MembershipFactory(organisation=fr, user=m_de)  # manages two: invited once
    assert len(invitation_recipients()) == 2
    only_de = invitation_recipients(country="DE")
    assert [r.email for r in only_de] == [m_de.email]
    assert only_de[0].organisation_id == de.pk


def test_the_invitations_page_invites_and_shows_progress(
    built, coordinator_client, manager_a, manager_b, django_capture_on_commit_callbacks
):
    url = reverse("survey:manage_invitations", kwargs={"pk": built.survey.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, {"scope": "all", "addresses": "extra@example.org"})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted([manager_a.email, manager_b.email, "extra@example.org"])
    page = coordinator_client.get(url)
    assert 'role="progressbar"' in page.text and "100 %" in page.text
    assert (
        reverse("portal:task_status", kwargs={"run_id": TaskRun.objects.get().pk}) not in page.text
    )  # finished: no polling


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"scope": "addresses", "addresses": "not-an-address, ok@example.org"}, "Not e-mail addresses: not-an-address"),
        ({"scope": "country"}, "Choose the country."),
        ({"scope": "addresses"}, "Type at least one address."),
        ({"scope": "galaxy"}, "Select a valid choice"),
    ],
)
def test_the_invitations_page_refuses_bad_input(built, coordinator_client, data, message):
    page = coordinator_client.post(reverse("survey:manage_invitations", kwargs={"pk": built.survey.pk}), data)
    assert page.status_code == 200
    assert message in page.text
    assert not Invitation.objects.exists()


@pytest.mark.worker
def test_a_real_worker_sends_the_invitations(built, coordinator, celery_worker_redis, settings):
    import time

    settings.EMAIL_BATCH_SIZE = 1
    invitations_create(
        survey=built.survey, recipients=[Recipient(email=f"w{i}@example.org") for i in range(3)], user=coordinator
    )
    from portal.services import task_run_claim
    from survey.tasks import survey_send_invitations

    run, _ = task_run_claim(name="survey-invitations-test", user=coordinator)
    survey_send_invitations.delay(str(run.pk), built.survey.pk)
    for _ in range(60):
        run.refresh_from_db()
        if not run.is_active:
            break
        time.sleep(0.5)
    assert run.state == TaskRun.State.DONE
    assert Invitation.objects.filter(sent_at__isnull=False).count() == 3
