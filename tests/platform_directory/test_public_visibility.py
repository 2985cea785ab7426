"""Profiles awaiting validation are seen by their own people and the coordinators only, on every public channel.

Two kinds of profile await validation:
- one never validated (pending, or sent back with changes requested): no public channel shows it; its managers
  and the coordinators open it with a preview notice;
- one validated before and edited since (key figures sent back for validation): visitors keep seeing the version
  a coordinator validated, on every channel (a label holder does not vanish from the directory and the registry
  for days because it updated its member count); the new figures reach no public channel before validation.

Every channel is asked by the four personas: visitor, manager of another organisation, own manager, coordinator.
The public channels are the same for all four; only the profile page differs.
"""

from __future__ import annotations

import csv
import io
from types import SimpleNamespace

import pytest
from django.urls import reverse

from platform_directory.models import ClusterOrganisation, CollaborationRequest
from platform_directory.services import (
    DirectoryError,
    collaboration_request_send,
    organisation_search_vector_update,
    organisation_validate,
)
from portal.models import AuditEvent
from tests.factories import ClusterOrganisationFactory, MembershipFactory
from tests.platform_directory.factories import PendingOrganisationFactory, TechnologyFieldFactory, profile_data

pytestmark = pytest.mark.django_db

PERSONAS = ["visitor_client", "manager_b_client", "manager_a_client", "coordinator_client"]
API_LIST = reverse("api-platform_directory-organisation-list")
LIST = reverse("platform_directory:list")
EXPORT = reverse("platform_directory:export")

# Words found in the unvalidated profile only.
SECRET_NAME = "Quokka Pending Cluster"
SECRET_TECHNOLOGY = "Quokkatronics"


def _api_detail(slug: str) -> str:
    return reverse("api-platform_directory-organisation-detail", args=[slug])


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(_body(response))))


@pytest.fixture(params=["pending", "changes_requested"])
def awaiting(request, manager_a, org_b):
    """A published profile of manager A that was never validated, in a country and with a technology of its own."""
    technology = TechnologyFieldFactory(name=SECRET_TECHNOLOGY, slug="quokkatronics")
    organisation = PendingOrganisationFactory(
        name=SECRET_NAME,
        slug="quokka-pending",
        acronym="QPC",
        country="MT",
        nuts2_code="MT00",
        region_name="Malta",
        city="Valletta",
        description="Quokkatronics for the islands.",
        validation_status=request.param,
        validation_note="Add the FTE." if request.param == "changes_requested" else "",
    )
    organisation.technologies.add(technology)
    MembershipFactory(organisation=organisation, user=manager_a)
    organisation_search_vector_update(ids=[organisation.pk])
    return organisation


# --- Never validated: no public channel shows it ------------------------------------------------------------


PUBLIC_PAGES = [
    LIST,
    f"{LIST}?q={SECRET_TECHNOLOGY}",
    f"{LIST}?q=Quokka",
    f"{LIST}?country=MT",
    f"{LIST}?technology=quokkatronics",
    f"{LIST}?sort=newest",
    EXPORT,
    f"{EXPORT}?q=Quokka",
    f"{EXPORT}?country=MT",
    API_LIST,
    f"{API_LIST}?q=Quokka",
    f"{API_LIST}?country=MT",
    "/",
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_no_public_channel_shows_a_profile_awaiting_its_first_validation(request, persona, url, awaiting, org_a):
    response = request.getfixturevalue(persona).get(url)
    assert response.status_code in (200, 400), response.status_code
    body = _body(response)
    assert SECRET_NAME not in body and "quokka-pending" not in body
    if SECRET_TECHNOLOGY.lower() not in url.lower():  # a search box shows back the words searched
        assert SECRET_TECHNOLOGY not in body  # not even as a choice of the technology filter


@pytest.mark.parametrize("persona", PERSONAS)
def test_counts_and_filters_leave_it_out(request, persona, awaiting, org_a):
    client = request.getfixturevalue(persona)
    assert client.get(LIST, {"country": "MT"}).context["page_obj"].paginator.count == 0
    assert client.get(API_LIST, {"q": "Quokka"}).json()["count"] == 0
    assert client.get(API_LIST).json()["count"] == 2  # org_a and org_b
    figures = client.get("/").context["figures"]
    assert (figures["organisations"], figures["countries"], figures["validated"]) == (2, 2, 2)
    # A technology only the unvalidated profile names answers as one nobody names: nothing found.
    technology = client.get(API_LIST, {"technology": "quokkatronics"})
    nobody = client.get(API_LIST, {"technology": "no-such-technology"})
    assert technology.status_code == nobody.status_code == 200
    assert technology.json()["count"] == nobody.json()["count"] == 0


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_api_does_not_find_it(request, persona, awaiting):
    assert request.getfixturevalue(persona).get(_api_detail(awaiting.slug)).status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"),
    [("visitor_client", 404), ("manager_b_client", 404), ("manager_a_client", 200), ("coordinator_client", 200)],
)
def test_its_page_opens_for_its_people_and_the_coordinators_only(request, persona, status, awaiting):
    response = request.getfixturevalue(persona).get(awaiting.get_absolute_url())
    assert response.status_code == status
    if status == 404:
        assert SECRET_NAME not in response.content.decode()


def test_its_manager_sees_a_preview_of_what_visitors_will_see(manager_a_client, awaiting):
    page = manager_a_client.get(awaiting.get_absolute_url()).content.decode()
    assert "Preview: this is how visitors will see your profile once validated." in page
    assert 'data-preview="awaiting_validation"' in page
    assert SECRET_NAME in page and SECRET_TECHNOLOGY in page


def test_a_viewer_of_the_organisation_sees_the_preview_too(client, awaiting):
    from platform_directory.models import OrganisationMembership

    viewer = MembershipFactory(organisation=awaiting, role=OrganisationMembership.Role.VIEWER).user
    client.force_login(viewer)
    page = client.get(awaiting.get_absolute_url()).content.decode()
    assert "Preview: this is how visitors will see your profile once validated." in page


def test_a_coordinator_sees_the_preview_of_this_profile(coordinator_client, awaiting):
    page = coordinator_client.get(awaiting.get_absolute_url()).content.decode()
    assert "Preview: this is how visitors will see this profile once validated." in page


def test_a_public_profile_shows_no_preview_notice(manager_a_client, visitor_client, org_a):
    assert "Preview:" not in manager_a_client.get(org_a.get_absolute_url()).content.decode()
    assert "Preview:" not in visitor_client.get(org_a.get_absolute_url()).content.decode()


def test_a_validated_profile_hidden_by_its_managers_says_so_in_the_preview(manager_a_client, hidden_a):
    page = manager_a_client.get(hidden_a.get_absolute_url()).content.decode()
    assert 'data-preview="hidden"' in page and "Preview: this profile is hidden from the directory." in page


def test_once_validated_it_reaches_every_channel(visitor_client, coordinator, awaiting):
    ClusterOrganisation.objects.filter(pk=awaiting.pk).update(validation_status="pending")
    organisation_validate(user=coordinator, organisation=awaiting)
    assert visitor_client.get(awaiting.get_absolute_url()).status_code == 200
    assert SECRET_NAME in _body(visitor_client.get(LIST, {"q": SECRET_TECHNOLOGY}))
    assert SECRET_NAME in _body(visitor_client.get(EXPORT))
    assert visitor_client.get(_api_detail(awaiting.slug)).json()["validated"] is True


# --- Partner search -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["manager_b_client", "coordinator_client", "manager_a_client"])
def test_it_is_not_a_partner_search_target(request, persona, awaiting):
    client = request.getfixturevalue(persona)
    url = reverse("platform_directory:contact", args=[awaiting.slug])
    assert client.get(url).status_code == 404
    assert client.post(url, {"subject": "Hello", "message": "Let us work together."}).status_code == 404
    assert not CollaborationRequest.objects.exists()


def test_the_service_refuses_a_request_to_it_too(manager_b, org_b, awaiting):
    with pytest.raises(DirectoryError, match="not listed"):
        collaboration_request_send(
            user=manager_b, sender_organisation=org_b, recipient_organisation=awaiting, subject="Hi", message="Hi"
        )
    assert not CollaborationRequest.objects.exists()


def test_it_cannot_write_to_other_organisations_before_its_validation(manager_a, manager_a_client, org_b, awaiting):
    form = manager_a_client.get(reverse("platform_directory:contact", args=[org_b.slug])).context["form"]
    assert awaiting not in form.fields["sender_organisation"].queryset
    with pytest.raises(DirectoryError, match="once a coordinator has validated"):
        collaboration_request_send(
            user=manager_a, sender_organisation=awaiting, recipient_organisation=org_b, subject="Hi", message="Hi"
        )
    response = manager_a_client.post(
        reverse("platform_directory:contact", args=[org_b.slug]),
        {"sender_organisation": awaiting.pk, "subject": "Hi", "message": "Hi there"},
    )
    assert response.status_code == 400
    assert not CollaborationRequest.objects.exists()


def test_a_manager_whose_only_profile_awaits_validation_is_told_why_they_cannot_write(client, org_b):
    only = PendingOrganisationFactory(name="Lonely Pending Cluster")
    manager = MembershipFactory(organisation=only).user
    client.force_login(manager)
    response = client.get(reverse("platform_directory:contact", args=[org_b.slug]), follow=True)
    assert "once a coordinator has validated your organisation" in response.content.decode()
    assert not CollaborationRequest.objects.exists()


# --- Links to profiles from other areas -----------------------------------------------------------------------


def test_the_label_registry_links_only_to_public_profiles(client, awaiting, org_a):
    from tests.labelling.factories import LabelFactory

    hidden_label = LabelFactory(assessment__organisation=awaiting)
    public_label = LabelFactory(assessment__organisation=org_a)
    page = client.get(reverse("labelling:label_detail", args=[hidden_label.number])).content.decode()
    assert awaiting.get_absolute_url() not in page
    page = client.get(reverse("labelling:label_detail", args=[public_label.number])).content.decode()
    assert org_a.get_absolute_url() in page


def test_the_club_directory_links_only_to_public_profiles(club_member_client, awaiting, org_a):
    from tests.club.factories import MemberFactory

    pending_member = MemberFactory(organisation=awaiting, organisation_name="")
    public_member = MemberFactory(organisation=org_a, organisation_name="")
    page = club_member_client.get(reverse("club:member_detail", args=[pending_member.pk])).content.decode()
    assert awaiting.get_absolute_url() not in page
    page = club_member_client.get(reverse("club:member_detail", args=[public_member.pk])).content.decode()
    assert org_a.get_absolute_url() in page


# --- One rule: the queryset and the instance agree ------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "validated_at", "pending_figures", "published", "public"),
    [
        ("validated", True, {}, True, True),
        ("validated", True, {}, False, False),
        ("pending", False, {}, True, False),
        ("changes_requested", False, {}, True, False),
        ("pending", True, {"companies": 55}, True, True),  # re-validation: the validated version stays public
        ("changes_requested", True, {"companies": 55}, True, True),
        ("pending", True, {"companies": 55}, False, False),
        ("pending", True, {}, True, False),  # nothing on record says which figures were validated: fail closed
    ],
)
def test_the_public_queryset_and_is_public_say_the_same(status, validated_at, pending_figures, published, public):
    from django.utils import timezone

    organisation = ClusterOrganisationFactory(
        validation_status=status,
        validated_at=timezone.now() if validated_at else None,
        pending_figures=pending_figures,
        is_published=published,
    )
    assert organisation.is_public is public
    assert ClusterOrganisation.objects.public().filter(pk=organisation.pk).exists() is public


# --- Validated before, edited since: visitors keep the validated version --------------------------------------


NEW_NAME = "Wombat Renamed Cluster"


def _edit(client, organisation, **overrides):
    data = profile_data(
        name=organisation.name,
        country="DE",
        nuts2_code="DE21",
        website=organisation.website,
        companies="40",
        smes="30",
        research_education="8",
        public_bodies="3",
        others="2",
        management_fte="2.5",
    )
    data.update(overrides)
    return client.post(reverse("platform_directory:edit", args=[organisation.slug]), data)


@pytest.fixture
def revalidating(manager_a_client, org_a, org_b):
    """org_a, validated, renamed and with more companies by its manager: awaiting re-validation."""
    assert _edit(manager_a_client, org_a, name=NEW_NAME, companies="77").status_code == 302
    org_a.refresh_from_db()
    assert org_a.validation_status == "pending"
    return org_a


@pytest.mark.parametrize("persona", PERSONAS)
def test_public_channels_keep_the_validated_version_while_an_edit_awaits_validation(request, persona, revalidating):
    client = request.getfixturevalue(persona)
    for url in (LIST, f"{LIST}?q=Wombat", f"{LIST}?q=Renamed", EXPORT, API_LIST, f"{API_LIST}?q=Wombat", "/"):
        assert NEW_NAME not in _body(client.get(url)), url
    assert "Alpha Photonics Cluster" in _body(client.get(LIST, {"q": "Alpha"}))
    rows = _csv(client.get(EXPORT))
    row = next(r for r in rows if r[0] == "Alpha Photonics Cluster")
    assert row[rows[0].index("companies")] == "40" and row[rows[0].index("validation")] == "validated"
    data = client.get(_api_detail(revalidating.slug)).json()
    assert (data["name"], data["participants"]["companies"], data["validated"]) == ("Alpha Photonics Cluster", 40, True)
    assert client.get("/").context["figures"]["organisations"] == 2


@pytest.mark.parametrize("persona", ["visitor_client", "manager_b_client"])
def test_outsiders_see_the_validated_version_of_its_page(request, persona, revalidating):
    page = request.getfixturevalue(persona).get(revalidating.get_absolute_url()).content.decode()
    assert "Alpha Photonics Cluster" in page and NEW_NAME not in page
    assert "Awaiting validation" not in page and "Preview:" not in page
    assert "Validated" in page


@pytest.mark.parametrize("persona", ["manager_a_client", "coordinator_client"])
def test_its_people_see_the_submitted_version_with_what_visitors_see_meanwhile(request, persona, revalidating):
    page = request.getfixturevalue(persona).get(revalidating.get_absolute_url()).content.decode()
    assert NEW_NAME in page and 'data-preview="changes_awaiting_validation"' in page
    assert "Preview: this is how visitors will see" in page
    assert "<del>40</del>" in page and "<ins>77</ins>" in page
    assert "<del>Alpha Photonics Cluster</del>" in page and f"<ins>{NEW_NAME}</ins>" in page


def test_the_label_registry_keeps_the_validated_name(client, revalidating):
    from tests.labelling.factories import LabelFactory

    label = LabelFactory(assessment__organisation=revalidating)
    detail = reverse("labelling:label_detail", args=[label.number])
    for url in (detail, reverse("labelling:registry") + "?q=Wombat", reverse("api-labelling-label-list")):
        assert NEW_NAME not in _body(client.get(url)), url
    assert "Alpha Photonics Cluster" in _body(client.get(detail))
    assert revalidating.get_absolute_url() in _body(client.get(detail))


def test_the_edit_form_shows_the_submitted_figures(manager_a_client, revalidating):
    page = manager_a_client.get(reverse("platform_directory:edit", args=[revalidating.slug])).content.decode()
    assert f'value="{NEW_NAME}"' in page and 'value="77"' in page


def test_the_queue_and_the_review_check_the_submitted_figures(coordinator_client, revalidating):
    queue = coordinator_client.get(reverse("platform_directory:validation_queue"))
    assert [o.name for o, _floors in queue.context["rows"]] == [NEW_NAME]
    review = coordinator_client.get(reverse("platform_directory:validation_review", args=[revalidating.slug]))
    assert NEW_NAME in review.content.decode()
    assert [field for field, _then, _now in review.context["changes"]] == ["name", "companies"]


def test_validation_publishes_the_submitted_figures_everywhere(visitor_client, coordinator, revalidating):
    organisation_validate(user=coordinator, organisation=revalidating)
    revalidating.refresh_from_db()
    assert (revalidating.name, revalidating.companies, revalidating.pending_figures) == (NEW_NAME, 77, {})
    assert revalidating.validated_figures["companies"] == 77
    assert NEW_NAME in _body(visitor_client.get(LIST, {"q": "Wombat"}))
    assert visitor_client.get(_api_detail(revalidating.slug)).json()["participants"]["companies"] == 77
    event = AuditEvent.objects.get(action="directory.profile.validated")
    assert event.data["changes"]["companies"] == [40, 77]


def test_floors_are_checked_on_the_submitted_figures(manager_a_client, coordinator, org_a):
    assert _edit(manager_a_client, org_a, management_fte="0.2").status_code == 302
    org_a.refresh_from_db()
    assert org_a.management_fte == 2.5  # visitors still see the validated team
    with pytest.raises(DirectoryError, match="Management team"):
        organisation_validate(user=coordinator, organisation=org_a)


def test_editing_the_figures_back_withdraws_the_revalidation(manager_a_client, visitor_client, revalidating):
    assert _edit(manager_a_client, revalidating).status_code == 302
    revalidating.refresh_from_db()
    assert revalidating.validation_status == "validated" and revalidating.pending_figures == {}
    assert AuditEvent.objects.filter(action="directory.profile.revalidation_withdrawn").exists()
    assert "Preview:" not in manager_a_client.get(revalidating.get_absolute_url()).content.decode()


def test_a_change_of_country_keeps_the_validated_country_and_region_code_in_public(
    manager_a_client, visitor_client, org_a
):
    assert _edit(manager_a_client, org_a, country="AT", nuts2_code="AT31").status_code == 302
    org_a.refresh_from_db()
    assert (org_a.country, org_a.nuts2_code) == ("DE", "DE21")
    assert org_a.pending_figures == {"country": "AT", "nuts2_code": "AT31"}
    data = visitor_client.get(_api_detail(org_a.slug)).json()
    assert (data["country"], data["nuts2_code"]) == ("DE", "DE21")
    assert visitor_client.get(LIST, {"country": "AT"}).context["page_obj"].paginator.count == 0


def test_a_description_edit_during_revalidation_applies_at_once(manager_a_client, visitor_client, revalidating):
    response = _edit(manager_a_client, revalidating, name=NEW_NAME, companies="77", description="Brand new words.")
    assert response.status_code == 302
    page = visitor_client.get(revalidating.get_absolute_url()).content.decode()
    assert "Brand new words." in page and NEW_NAME not in page
    revalidating.refresh_from_db()
    assert revalidating.pending_figures == {"name": NEW_NAME, "companies": 77}


def test_a_submitted_copy_cannot_be_saved(revalidating):
    with pytest.raises(RuntimeError):
        revalidating.as_submitted().save()
    revalidating.refresh_from_db()
    assert revalidating.name == "Alpha Photonics Cluster"


# --- Demo data ------------------------------------------------------------------------------------------------


def test_the_demo_data_sends_requests_only_between_public_profiles_and_links_members_to_public_ones(db):
    from io import StringIO

    from django.core.management import call_command

    from club.models import ClubMembership

    call_command("seed_demo", "--organisations", "60", stdout=StringIO())
    requests = CollaborationRequest.objects.select_related("sender_organisation", "recipient_organisation")
    assert requests.exists()
    assert all(r.recipient_organisation.is_public and r.sender_organisation.has_validated_version for r in requests)
    linked = ClubMembership.objects.filter(organisation__isnull=False).select_related("organisation")
    assert linked.exists() and all(m.organisation.is_public for m in linked)
    assert ClusterOrganisation.objects.exclude(pk__in=ClusterOrganisation.objects.public().values("pk")).exists()


def test_a_benchmark_report_links_only_to_public_peer_profiles(manager_a_client, org_a, manager_a):
    import random

    from benchmarking.models import LearnFromUsOptIn
    from benchmarking.services import peer_statistics_recompute
    from tests.benchmarking.factories import peers, reviewed_assessment

    peers(7, rng=random.Random(11))
    reviewed_assessment(org_a, colours={"1.2": "red"})
    listed = ClusterOrganisationFactory(name="Listed Green Cluster", slug="listed-green")
    unlisted = ClusterOrganisationFactory(name="Unlisted Green Cluster", slug="unlisted-green", is_published=False)
    for peer in (listed, unlisted):
        reviewed_assessment(peer, numbers={"1.2": "77.77"})
        LearnFromUsOptIn.objects.create(organisation=peer, indicator_code="1.2")
    peer_statistics_recompute()
    page = manager_a_client.get(org_a.benchmark_reports.get().get_absolute_url()).content.decode()
    assert "Listed Green Cluster" in page and "Unlisted Green Cluster" in page  # both opted in to be named
    assert listed.get_absolute_url() in page
    assert unlisted.get_absolute_url() not in page


def test_the_migration_holds_back_figures_edited_before_it(org_a, visitor_client):
    """Rows edited under the old rule (new figures in the columns, status pending) get their validated figures back."""
    import importlib

    from django.apps import apps
    from django.db import connection

    ClusterOrganisation.objects.filter(pk=org_a.pk).update(
        validation_status="pending", name=NEW_NAME, companies=77, country="AT", nuts2_code="AT31"
    )
    migration = importlib.import_module("platform_directory.migrations.0008_profile_changes_await_validation")
    # the data step uses only the editor's connection; a real schema editor is refused by SQLite inside a transaction
    migration.hold_back_unvalidated_figures(apps, SimpleNamespace(connection=connection))
    org_a.refresh_from_db()
    assert (org_a.name, org_a.companies, org_a.country, org_a.nuts2_code) == ("Alpha Photonics Cluster", 40, "DE", "")
    assert org_a.pending_figures == {"name": NEW_NAME, "country": "AT", "companies": 77, "nuts2_code": "AT31"}
    assert org_a.is_public and NEW_NAME not in _body(visitor_client.get(LIST, {"q": "Wombat"}))
    assert org_a.as_submitted().name == NEW_NAME
