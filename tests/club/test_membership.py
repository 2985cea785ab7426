"""Applying, deciding, member numbers, renewal, reminders and lapsing."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from club import services
from club.models import ClubMembership, MemberNumberSequence, RenewalReminder
from club.services import ClubError
from portal.models import AuditEvent
from tests.club.factories import ApplicantFactory, LapsedMemberFactory, MemberFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

APPLICATION = {
    "organisation_name": "Gamma Mobility Cluster",
    "role": "Cluster manager",
    "country": "FR",
    "languages": ["en", "fr"],
    "expertise": ["internationalisation", "services"],
    "bio": "Ten years in cluster management.",
    "motivation": "To learn from peers.",
}


def test_a_user_applies_through_the_form_and_the_coordinators_are_told(
    user, user_client, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = user_client.post(reverse("club:apply"), APPLICATION)
    assert response.status_code == 302
    membership = ClubMembership.objects.get(user=user)
    assert membership.status == ClubMembership.Status.APPLIED
    assert membership.languages == "en,fr"
    assert membership.expertise == "internationalisation,services"
    assert membership.member_number is None
    assert [m.bcc for m in mail.outbox] == [[coordinator.email]]
    assert AuditEvent.objects.filter(action="club.membership.applied", target_id=str(membership.pk)).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"country": "ZZ"}, "country"),
        ({"languages": []}, "languages"),
        ({"languages": ["xx"]}, "languages"),
        ({"expertise": ["astrology"]}, "expertise"),
        (
            {"expertise": ["strategy", "governance", "financing", "services", "matchmaking", "skills", "policy"]},
            "expertise",
        ),
        ({"organisation_name": ""}, "organisation_name"),
        ({"bio": "x" * 1201}, "bio"),
    ],
)
def test_a_bad_application_is_refused_with_a_message_on_the_field(user, user_client, change, field):
    response = user_client.post(reverse("club:apply"), {**APPLICATION, **change})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not ClubMembership.objects.filter(user=user).exists()


def test_an_applicant_cannot_link_an_organisation_they_do_not_belong_to(manager_a, org_a, org_b):
    from django.test import Client

    client = Client()
    client.force_login(manager_a)
    response = client.post(reverse("club:apply"), {**APPLICATION, "organisation": org_b.pk})
    assert response.status_code == 200 and response.context["form"].errors["organisation"]
    response = client.post(reverse("club:apply"), {**APPLICATION, "organisation": org_a.pk})
    assert response.status_code == 302
    assert ClubMembership.objects.get(user=manager_a).organisation == org_a


def test_a_waiting_applicant_cannot_apply_twice_but_can_change_the_application(user):
    services.membership_apply(user=user, data=APPLICATION)
    with pytest.raises(ClubError, match="already waiting"):
        services.membership_apply(user=user, data=APPLICATION)
    membership = ClubMembership.objects.get(user=user)
    services.membership_update_application(
        membership=membership, user=user, data={**APPLICATION, "role": "Director"}, motivation=""
    )
    membership.refresh_from_db()
    assert membership.role == "Director"


def test_approval_gives_sequential_numbers_per_year_and_a_year_of_membership(
    coordinator, django_capture_on_commit_callbacks
):
    year = timezone.localdate().year
    MemberNumberSequence.objects.create(year=year, last=41)
    first, second = ApplicantFactory(), ApplicantFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_approve(membership=first, user=coordinator)
        services.membership_approve(membership=second, user=coordinator)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.member_number == f"ECCM-{year}-0042"
    assert second.member_number == f"ECCM-{year}-0043"
    assert first.status == ClubMembership.Status.ACTIVE
    assert first.valid_until == timezone.localdate().replace(year=year + 1)
    assert first.decided_by == coordinator
    assert {m.to[0] for m in mail.outbox} == {first.user.email, second.user.email}
    assert "ECCM-" in mail.outbox[0].body


def test_the_first_approval_of_a_year_starts_at_one(coordinator):
    membership = services.membership_approve(membership=ApplicantFactory(), user=coordinator)
    assert membership.member_number.endswith("-0001")


def test_an_approved_application_cannot_be_approved_again(coordinator):
    membership = services.membership_approve(membership=ApplicantFactory(), user=coordinator)
    number = membership.member_number
    with pytest.raises(ClubError):
        services.membership_approve(membership=membership, user=coordinator)
    membership.refresh_from_db()
    assert membership.member_number == number


def test_declining_needs_a_reason_that_the_applicant_reads(
    coordinator, coordinator_client, django_capture_on_commit_callbacks
):
    membership = ApplicantFactory()
    response = coordinator_client.post(reverse("club:application_decline", args=[membership.pk]), {"reason": "  "})
    assert response.status_code == 400
    assert "reason" in response.context["decline_form"].errors
    membership.refresh_from_db()
    assert membership.status == ClubMembership.Status.APPLIED

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("club:application_decline", args=[membership.pk]), {"reason": "Please tell us about your role."}
        )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == ClubMembership.Status.DECLINED
    assert membership.member_number is None
    assert "Please tell us about your role." in mail.outbox[0].body


def test_the_database_refuses_a_decline_without_reason():
    from django.db import IntegrityError, transaction

    membership = ApplicantFactory()
    membership.status = ClubMembership.Status.DECLINED
    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()


def test_a_declined_applicant_may_apply_again(coordinator):
    membership = services.membership_decline(membership=ApplicantFactory(), user=coordinator, reason="Not yet.")
    again = services.membership_apply(user=membership.user, data=APPLICATION)
    assert again.pk == membership.pk
    assert again.status == ClubMembership.Status.APPLIED
    assert again.decline_reason == ""


def test_renewal_opens_60_days_before_the_end_and_adds_a_year():
    today = timezone.localdate()
    early = MemberFactory(valid_until=today + datetime.timedelta(days=90))
    with pytest.raises(ClubError, match="Renewal opens"):
        services.membership_renew(membership=early, user=early.user)
    due = MemberFactory(valid_until=today + datetime.timedelta(days=20))
    renewed = services.membership_renew(membership=due, user=due.user)
    assert renewed.valid_until == (today + datetime.timedelta(days=20)).replace(year=today.year + 1)


def test_a_lapsed_member_renews_from_today_keeps_the_number_and_regains_access(client):
    lapsed = LapsedMemberFactory()
    number = lapsed.member_number
    client.force_login(lapsed.user)
    assert client.get(reverse("club:member_list")).status_code == 403
    response = client.post(reverse("club:renew"))
    assert response.status_code == 302
    lapsed.refresh_from_db()
    assert lapsed.status == ClubMembership.Status.ACTIVE
    assert lapsed.member_number == number
    assert lapsed.valid_until == timezone.localdate().replace(year=timezone.localdate().year + 1)
    assert client.get(reverse("club:member_list")).status_code == 200


def test_a_recently_lapsed_member_renews_instead_of_applying():
    lapsed = LapsedMemberFactory()
    with pytest.raises(ClubError, match="renew it instead"):
        services.membership_apply(user=lapsed.user, data=APPLICATION)


def test_a_membership_lapsed_over_a_year_ago_must_apply_again():
    old = LapsedMemberFactory(valid_until=timezone.localdate() - datetime.timedelta(days=400))
    with pytest.raises(ClubError, match="apply again"):
        services.membership_renew(membership=old, user=old.user)
    assert services.membership_apply(user=old.user, data=APPLICATION).status == ClubMembership.Status.APPLIED


def test_the_renewal_reminder_goes_once_per_member_and_period(django_capture_on_commit_callbacks):
    today = timezone.localdate()
    due = MemberFactory(valid_until=today + datetime.timedelta(days=25))
    MemberFactory(valid_until=today + datetime.timedelta(days=100))  # not yet
    LapsedMemberFactory()  # already over
    with django_capture_on_commit_callbacks(execute=True):  # mailed once the claims commit
        assert services.membership_send_renewal_reminders() == 1
        assert services.membership_send_renewal_reminders() == 0
    assert [m.to for m in mail.outbox] == [[due.user.email]]
    assert "renew" in mail.outbox[0].body.lower()
    assert RenewalReminder.objects.filter(membership=due, period_end=due.valid_until).count() == 1

    # After renewing, the next period gets its own reminder in a year.
    services.membership_renew(membership=due, user=due.user)
    due.refresh_from_db()
    assert services.membership_send_renewal_reminders() == 0


def test_the_renewal_reminder_job_runs_through_celery(settings):
    from club.tasks import club_send_renewal_reminders

    MemberFactory(valid_until=timezone.localdate() + datetime.timedelta(days=3))
    assert club_send_renewal_reminders.delay().get() == 1


def test_the_nightly_job_lapses_expired_memberships_and_tells_them(django_capture_on_commit_callbacks):
    from club.tasks import club_lapse_expired_memberships

    expired = MemberFactory(valid_until=timezone.localdate() - datetime.timedelta(days=1))
    current = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert club_lapse_expired_memberships.delay().get() == 1
    expired.refresh_from_db()
    current.refresh_from_db()
    assert expired.status == ClubMembership.Status.LAPSED
    assert current.status == ClubMembership.Status.ACTIVE
    assert [m.to for m in mail.outbox] == [[expired.user.email]]
    assert AuditEvent.objects.filter(action="club.membership.lapsed").count() == 1
    assert club_lapse_expired_memberships.delay().get() == 0


def test_the_beat_schedule_has_the_club_jobs():
    from portal.registry import beat_schedule

    schedule = beat_schedule()
    tasks = {entry["task"] for entry in schedule.values()}
    assert {
        "club.tasks.club_send_renewal_reminders",
        "club.tasks.club_lapse_expired_memberships",
        "club.tasks.club_send_event_reminders",
        "club.tasks.club_send_weekly_digest",
    } <= tasks


def test_the_member_chooses_what_other_members_see(club_member, club_member_client, other_member):
    from django.test import Client

    response = club_member_client.post(
        reverse("club:my_membership"),
        {
            "organisation_name": "Alpha Photonics Cluster",
            "role": "Cluster manager",
            "country": "DE",
            "languages": ["de", "en"],
            "expertise": ["strategy"],
            "bio": "A secret bio",
            "show_organisation": "members",
            "show_role": "members",
            "show_country": "hidden",
            "show_languages": "members",
            "show_expertise": "members",
            "show_bio": "hidden",
            "listed_in_directory": "on",
            "accepts_messages": "on",
            "receives_digest": "on",
        },
    )
    assert response.status_code == 302
    peer = Client()
    peer.force_login(other_member.user)
    page = peer.get(reverse("club:member_detail", args=[club_member.club_membership.pk])).content.decode()
    assert "Alpha Photonics Cluster" in page
    assert "A secret bio" not in page
    assert "Germany" not in page
    # The member still sees everything on their own profile.
    own = club_member_client.get(reverse("club:member_detail", args=[club_member.club_membership.pk]))
    assert "A secret bio" in own.content.decode()


def test_a_visibility_value_outside_the_choices_is_refused(club_member, club_member_client):
    response = club_member_client.post(
        reverse("club:my_membership"),
        {**APPLICATION, "show_bio": "everyone", "show_organisation": "members", "show_role": "members"},
    )
    assert response.status_code == 200
    assert "show_bio" in response.context["form"].errors


def test_the_coordinator_dashboard_lists_waiting_applications(coordinator_client):
    applicant = ApplicantFactory(user=UserFactory(display_name="Waiting Walter"))
    response = coordinator_client.get(reverse("portal:coordination"))
    assert response.status_code == 200
    assert "Waiting Walter" in response.content.decode()
    assert reverse("club:application_detail", args=[applicant.pk]) in response.content.decode()


def test_the_dashboard_says_what_to_do_next(user_client, club_member_client, lapsed_member_client):
    assert "Apply for membership" in user_client.get(reverse("portal:dashboard")).content.decode()
    assert "valid until" in club_member_client.get(reverse("portal:dashboard")).content.decode()
    assert "Renewal due" in lapsed_member_client.get(reverse("portal:dashboard")).content.decode()
