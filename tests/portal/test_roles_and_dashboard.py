import datetime

import pytest
from django.utils import timezone

from portal import roles
from portal.models import AuditEvent
from tests.factories import AssessorProfileFactory, ClubMembershipFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_manager_manages_only_their_organisations(manager_a, org_a, org_b):
    assert list(roles.managed_organisations(manager_a)) == [org_a]
    assert roles.can_manage_organisation(manager_a, org_a)
    assert not roles.can_manage_organisation(manager_a, org_b)


def test_a_viewer_sees_internals_but_does_not_manage(org_a):
    viewer = MembershipFactory(organisation=org_a, role="viewer").user
    assert roles.can_see_organisation_internals(viewer, org_a)
    assert not roles.can_manage_organisation(viewer, org_a)
    assert not roles.is_cluster_manager(viewer)


def test_an_assessor_outside_the_accreditation_period_is_not_an_assessor():
    today = timezone.localdate()
    lapsed = AssessorProfileFactory(
        accredited_from=today - datetime.timedelta(days=800), accredited_until=today - datetime.timedelta(days=1)
    )
    assert roles.has_assessor_profile(lapsed.user)
    assert not roles.is_assessor(lapsed.user)
    assert roles.is_assessor(AssessorProfileFactory().user)


def test_a_lapsed_club_member_is_not_a_member():
    lapsed = ClubMembershipFactory(valid_until=timezone.localdate() - datetime.timedelta(days=1))
    assert not roles.is_club_member(lapsed.user)
    assert roles.is_club_member(ClubMembershipFactory().user)


def test_coordinator_is_staff(coordinator, user):
    assert roles.is_coordinator(coordinator)
    assert not roles.is_coordinator(user)


def test_dashboard_needs_a_login(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_dashboard_tells_a_new_user_what_to_do_next(user_client):
    response = user_client.get("/dashboard/")
    assert response.status_code == 200
    assert "You have no role yet" in response.text


def test_dashboard_shows_a_manager_their_organisation(manager_a_client, org_a):
    response = manager_a_client.get("/dashboard/")
    assert org_a.name in response.text
    assert "Manager of" in response.text


def test_coordination_page_is_for_coordinators_only(coordinator_client, manager_a_client, client):
    assert coordinator_client.get("/coordination/").status_code == 200
    assert manager_a_client.get("/coordination/").status_code == 403
    assert client.get("/coordination/").status_code == 302


def test_navigation_shows_coordination_only_to_coordinators(coordinator_client, user_client):
    assert "/coordination/" in coordinator_client.get("/dashboard/").text
    assert "/coordination/" not in user_client.get("/dashboard/").text


def test_the_audit_log_is_read_only_in_the_admin(coordinator_client):
    from portal.audit import audit_log

    event = audit_log(actor=UserFactory(), action="portal.test.done", data={"x": 1})
    assert coordinator_client.get("/admin/portal/auditevent/").status_code == 200
    response = coordinator_client.post(f"/admin/portal/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_a_coordinators_dashboard_opens_with_the_coordination_work(coordinator_client):
    html = coordinator_client.get("/dashboard/").text
    assert "Profiles awaiting validation" in html
    assert "Create your organisation" not in html


def test_an_assessor_is_not_nudged_to_create_an_organisation(assessor_client):
    assert "Create your organisation" not in assessor_client.get("/dashboard/").text


def test_a_new_user_is_shown_how_to_create_an_organisation(user_client):
    assert "Create your organisation" in user_client.get("/dashboard/").text
