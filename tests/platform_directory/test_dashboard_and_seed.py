"""Dashboard panels of the directory and the demo data."""

from __future__ import annotations

import io
import random
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from platform_directory.models import ClusterOrganisation, CollaborationRequest, OrganisationMembership
from platform_directory.seed import DEMO_ORGANISATIONS, demo_organisations
from tests.platform_directory.factories import CollaborationRequestFactory, PendingOrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_user_without_organisation_is_told_to_create_one(user_client):
    page = user_client.get(reverse("portal:dashboard")).content.decode()
    assert "Create your organisation&#x27;s profile" in page or "Create your organisation's profile" in page


def test_the_manager_sees_status_next_step_and_pending_requests(manager_a_client, org_a, org_b):
    ClusterOrganisation.objects.filter(pk=org_a.pk).update(validation_status="changes_requested")
    CollaborationRequestFactory(sender_organisation=org_b, recipient_organisation=org_a, subject="Let us meet")
    page = manager_a_client.get(reverse("portal:dashboard")).content.decode()
    assert "Alpha Photonics Cluster" in page and "Changes requested" in page
    assert "the coordinators asked for changes" in page
    assert "Let us meet" in page and "1 request waits for your answer" in page


def test_the_coordination_page_counts_profiles_awaiting_validation_oldest_first(coordinator_client):
    now = timezone.now()
    PendingOrganisationFactory(name="Second in line", submitted_at=now - timedelta(days=1))
    PendingOrganisationFactory(name="First in line", submitted_at=now - timedelta(days=5))
    page = coordinator_client.get(reverse("portal:coordination")).content.decode()
    assert "2</span> profiles await validation" in page
    assert page.index("First in line") < page.index("Second in line")


class _Ctx:
    def __init__(self, organisations, users):
        self.organisations = organisations
        self.users = users
        self.rng = random.Random("2026-platform_directory")
        self.out = io.StringIO()

    def log(self, message):
        self.out.write(message)


@pytest.fixture
def demo_users(db):
    import portal.seed

    ctx = _Ctx(0, {})
    ctx.rng = random.Random("2026-portal")
    portal.seed.seed(ctx)
    return ctx.users


def _seed(users, count):
    from platform_directory.seed import seed

    seed(_Ctx(count, users))


def test_the_demo_data_is_realistic_deterministic_and_idempotent(demo_users):
    _seed(demo_users, 200)
    first = list(ClusterOrganisation.objects.order_by("slug").values_list("slug", "companies", "validation_status"))
    assert len(first) == 200
    assert ClusterOrganisation.objects.values("country").distinct().count() >= 25
    assert ClusterOrganisation.objects.values("main_sector").distinct().count() == 14
    statuses = set(ClusterOrganisation.objects.values_list("validation_status", flat=True))
    assert statuses == {"validated", "pending", "changes_requested"}
    assert ClusterOrganisation.objects.filter(is_published=False).exists()
    assert set(CollaborationRequest.objects.values_list("status", flat=True)) == {
        "pending",
        "accepted",
        "declined",
        "withdrawn",
    }
    _seed(demo_users, 200)
    assert (
        list(ClusterOrganisation.objects.order_by("slug").values_list("slug", "companies", "validation_status"))
        == first
    )


def test_the_demo_managers_organisations(demo_users):
    _seed(demo_users, 30)
    organisations = demo_organisations()
    manager = organisations["manager"]
    assert [o.slug for o in manager] == DEMO_ORGANISATIONS["manager"]
    assert (manager[0].country, manager[0].validation_status) == ("DE", "validated")
    assert manager[1].country != "DE" and manager[1].validation_status == "validated"
    assert manager[2].validation_status == "pending"
    assert len(organisations["manager2"]) == 2
    assert OrganisationMembership.objects.get(user=demo_users["viewer"]).organisation == manager[0]
    inbox = CollaborationRequest.objects.filter(recipient_organisation__in=manager, status="pending")
    assert inbox.exists()


def test_every_seeded_nuts_code_matches_its_country(demo_users):
    from platform_directory.nuts import nuts_prefix

    _seed(demo_users, 200)
    for country, code in ClusterOrganisation.objects.values_list("country", "nuts2_code"):
        assert code.startswith(nuts_prefix(country))
