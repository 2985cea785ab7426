"""Coordinators validate profiles against the four floors; the queue, the admin action and the audit trail."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse
from django.utils import timezone

from platform_directory.floors import organisation_floors
from platform_directory.models import ClusterOrganisation
from platform_directory.services import DirectoryError, organisation_validate
from portal.models import AuditEvent
from tests.factories import ClusterOrganisationFactory, MembershipFactory
from tests.platform_directory.factories import PendingOrganisationFactory

pytestmark = pytest.mark.django_db


def _floors(**figures):
    organisation = ClusterOrganisation(
        **{
            "companies": 10,
            "research_education": 3,
            "public_bodies": 1,
            "others": 1,
            "management_fte": Decimal("0.5"),
            "website": "https://x.example.org",
            "website_in_english": True,
            **figures,
        }
    )
    return {floor.code: floor.passed for floor in organisation_floors(organisation)}


def test_a_profile_at_every_floor_passes():
    assert _floors() == {"management": True, "members": True, "member_types": True, "website": True}


@pytest.mark.parametrize(
    ("figures", "failing"),
    [
        ({"management_fte": Decimal("0.49")}, "management"),
        ({"companies": 9}, "members"),  # 14 participants
        ({"research_education": 0, "public_bodies": 0, "others": 0, "companies": 20}, "member_types"),
        ({"website_in_english": False}, "website"),
        ({"website": ""}, "website"),
    ],
)
def test_each_floor_fails_just_below_its_threshold(figures, failing):
    result = _floors(**figures)
    assert [code for code, passed in result.items() if not passed] == [failing]


def test_the_queue_lists_waiting_profiles_oldest_first_with_their_floors(coordinator_client):
    now = timezone.now()
    PendingOrganisationFactory(name="Newer", submitted_at=now - timedelta(days=1))
    PendingOrganisationFactory(name="Older", submitted_at=now - timedelta(days=9), management_fte=Decimal("0.2"))
    ClusterOrganisationFactory(name="Validated already")
    response = coordinator_client.get(reverse("platform_directory:validation_queue"))
    page = response.content.decode()
    assert [o.name for o, _floors in response.context["rows"]] == ["Older", "Newer"]
    assert "Validated already" not in page
    assert page.count("bg-colour-red") == 1  # Older fails the management floor


def test_a_coordinator_validates_a_profile_and_who_and_when_are_recorded(
    coordinator_client, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    organisation = PendingOrganisationFactory()
    MembershipFactory(organisation=organisation, user__email="boss@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("platform_directory:validation_review", args=[organisation.slug]), {"action": "validate"}
        )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.validation_status == "validated"
    assert organisation.validated_by == coordinator and organisation.validated_at is not None
    assert organisation.validated_figures == organisation.key_figures()
    assert organisation.submitted_at is None
    event = AuditEvent.objects.get(action="directory.profile.validated")
    assert event.actor == coordinator and event.target_id == str(organisation.pk)
    assert [m.to for m in mailoutbox] == [["boss@example.org"]]


def test_validation_is_refused_while_a_floor_fails_and_the_page_says_which(coordinator_client):
    organisation = PendingOrganisationFactory(website_in_english=False)
    response = coordinator_client.post(
        reverse("platform_directory:validation_review", args=[organisation.slug]), {"action": "validate"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "cannot be validated: it fails Working website in English" in page
    assert 'data-floor="website"' in page
    organisation.refresh_from_db()
    assert organisation.validation_status == "pending" and organisation.validated_by is None


def test_a_coordinator_requests_changes_with_a_note(coordinator_client, django_capture_on_commit_callbacks, mailoutbox):
    organisation = PendingOrganisationFactory()
    MembershipFactory(organisation=organisation)
    url = reverse("platform_directory:validation_review", args=[organisation.slug])
    assert coordinator_client.post(url, {"action": "request_changes", "note": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url, {"action": "request_changes", "note": "Give the FTE of the team."})
    organisation.refresh_from_db()
    assert organisation.validation_status == "changes_requested"
    assert organisation.validation_note == "Give the FTE of the team."
    assert AuditEvent.objects.filter(action="directory.profile.changes_requested").exists()
    assert "Give the FTE of the team." in mailoutbox[0].body


def test_the_manager_sees_the_note_and_resubmits(manager_a_client, org_a):
    ClusterOrganisation.objects.filter(pk=org_a.pk).update(
        validation_status="changes_requested", validation_note="Please add an English page."
    )
    assert "Please add an English page." in manager_a_client.get(org_a.get_absolute_url()).content.decode()
    manager_a_client.post(reverse("platform_directory:resubmit", args=[org_a.slug]))
    org_a.refresh_from_db()
    assert org_a.validation_status == "pending"


def test_an_already_validated_profile_cannot_be_validated_twice(coordinator, org_a):
    with pytest.raises(DirectoryError, match="already validated"):
        organisation_validate(user=coordinator, organisation=org_a)


def test_the_admin_action_validates_passing_profiles_and_refuses_the_others(rf, coordinator):
    from django.contrib.messages.storage.fallback import FallbackStorage

    passing = PendingOrganisationFactory(name="Passing")
    failing = PendingOrganisationFactory(name="Failing", companies=1, smes=1)  # 14 participants
    admin = site._registry[ClusterOrganisation]
    request = rf.post("/admin/")
    request.user = coordinator
    request.session = {}
    request._messages = FallbackStorage(request)
    admin.validate_profiles(request, ClusterOrganisation.objects.filter(pk__in=[passing.pk, failing.pk]))
    passing.refresh_from_db()
    failing.refresh_from_db()
    assert passing.validation_status == "validated" and failing.validation_status == "pending"
    texts = [str(m) for m in request._messages]
    assert any("Failing" in t and "Committed members" in t for t in texts)
    assert any("1 profile validated" in t for t in texts)


def test_the_admin_lists_and_searches_profiles(client, django_user_model):
    admin_user = django_user_model.objects.create_superuser("root@example.org", "x-very-long-password")
    client.force_login(admin_user)
    ClusterOrganisationFactory(name="Searchable Cluster")
    response = client.get(
        "/admin/platform_directory/clusterorganisation/?q=Searchable&validation_status__exact=validated"
    )
    assert response.status_code == 200 and "Searchable Cluster" in response.content.decode()
    for model in ("collaborationrequest", "invitation", "organisationmembership", "technologyfield", "sectortag"):
        assert client.get(f"/admin/platform_directory/{model}/").status_code == 200
