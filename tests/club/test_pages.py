"""The public club page, its chart, and the demo data."""

from __future__ import annotations

import random
import sys

import pytest
from django.urls import reverse

from club.models import Event
from tests.club.factories import EventFactory, MemberFactory

pytestmark = pytest.mark.django_db


def test_the_club_page_explains_the_club_and_lists_upcoming_public_events(client):
    MemberFactory(country="FR")
    EventFactory(title="Open clinic")
    EventFactory(title="Members lab", audience=Event.Audience.MEMBERS)
    EventFactory(title="Called off", is_cancelled=True)
    page = client.get(reverse("club:home")).content.decode()
    assert "European Club of Cluster Managers" in page
    assert "Open clinic" in page
    assert "Members lab" not in page and "Called off" not in page
    assert reverse("club:members_chart") in page


def test_the_members_chart_is_an_svg_without_scripts(client):
    for country in ["DE", "DE", "FR", "ES"]:
        MemberFactory(country=country)
    response = client.get(reverse("club:members_chart"))
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "<script" not in svg
    assert "Germany" in svg and "France" in svg


def test_the_members_by_country_table_counts_only_current_members(client):
    from tests.club.factories import LapsedMemberFactory

    MemberFactory(country="PT")
    LapsedMemberFactory(country="PT")
    page = client.get(reverse("club:home"))
    assert ("PT", "Portugal", 1) in page.context["countries"]


def test_the_club_page_does_not_grow_in_queries_with_members_and_events(client, django_assert_max_num_queries):
    for index in range(20):
        MemberFactory(country=["DE", "FR", "IT", "ES"][index % 4])
        EventFactory()
    with django_assert_max_num_queries(10):
        assert client.get(reverse("club:home")).status_code == 200


def test_the_seed_is_deterministic_and_idempotent():
    from club import seed
    from club.models import Announcement, ClubMembership, Registration
    from portal import seed as portal_seed
    from portal.management.commands.seed_demo import SeedContext

    def run():
        ctx = SeedContext(organisations=20, stdout=sys.stdout)
        portal_seed.seed(ctx)
        ctx.rng = random.Random("2026-club")
        seed.seed(ctx)
        return ctx

    def snapshot():
        return (
            sorted(ClubMembership.objects.values_list("user__email", "status", "member_number", "expertise")),
            Event.objects.count(),
            Registration.objects.count(),
            Announcement.objects.count(),
        )

    ctx = run()
    first = snapshot()
    run()
    assert snapshot() == first
    member = ctx.users["member"].club_membership
    assert member.is_current()
    assert ClubMembership.objects.filter(status="active").count() >= 50
    assert ClubMembership.objects.filter(status="applied").count() >= 3
    assert len({m[2] for m in first[0] if m[2]}) == len([m for m in first[0] if m[2]])  # numbers unique
    full = Event.objects.get(title__startswith="Peer-learning lab")
    assert full.registrations.filter(status="registered").count() == full.capacity
    assert full.registrations.filter(status="waiting").exists()
