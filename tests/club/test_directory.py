"""The member directory: search by country, expertise, organisation and language; visibility; contact by e-mail."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from club import services
from club.models import ContactMessage
from tests.club.factories import LapsedMemberFactory, MemberFactory

pytestmark = pytest.mark.django_db


def _names(response) -> set[str]:
    return {member.display_name for member, _profile in response.context["rows"]}


@pytest.fixture
def members(db):
    return {
        "ana": MemberFactory(
            user__display_name="Ana Spain",
            country="ES",
            languages="en,es",
            expertise="green-transition",
            organisation_name="Basque Energy Cluster",
        ),
        "bo": MemberFactory(
            user__display_name="Bo Denmark",
            country="DK",
            languages="da,en",
            expertise="strategy,skills",
            organisation_name="Danish Water Cluster",
        ),
        "hidden_country": MemberFactory(
            user__display_name="Hidden Country",
            country="ES",
            show_country="hidden",
            languages="es",
            expertise="services",
        ),
        "unlisted": MemberFactory(user__display_name="Not Listed", country="ES", listed_in_directory=False),
        "lapsed": LapsedMemberFactory(user__display_name="Lapsed Lars", country="ES"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"country": "ES"}, {"Ana Spain"}),
        ({"expertise": "strategy"}, {"Bo Denmark"}),
        ({"language": "es"}, {"Ana Spain", "Hidden Country"}),
        ({"language": "en", "country": "DK"}, {"Bo Denmark"}),
        ({"organisation": "water"}, {"Bo Denmark"}),
        ({"q": "ana"}, {"Ana Spain"}),
    ],
)
def test_members_search_the_directory(club_member_client, members, query, expected):
    response = club_member_client.get(reverse("club:member_list"), query)
    assert response.status_code == 200
    assert _names(response) == expected


def test_a_hidden_field_neither_shows_nor_can_be_searched_but_coordinators_see_it(
    club_member_client, coordinator_client, members
):
    response = club_member_client.get(reverse("club:member_detail", args=[members["hidden_country"].pk]))
    assert "Spain" not in response.content.decode()
    assert _names(coordinator_client.get(reverse("club:member_list"), {"country": "ES"})) >= {"Hidden Country"}


def test_unlisted_and_lapsed_members_are_not_in_the_directory(club_member_client, members):
    names = _names(club_member_client.get(reverse("club:member_list")))
    assert "Not Listed" not in names and "Lapsed Lars" not in names
    assert club_member_client.get(reverse("club:member_detail", args=[members["lapsed"].pk])).status_code == 404
    assert club_member_client.get(reverse("club:member_detail", args=[members["unlisted"].pk])).status_code == 404


def test_a_filter_value_outside_the_lists_is_refused_with_a_message(club_member_client, members):
    response = club_member_client.get(reverse("club:member_list"), {"country": "XX", "expertise": "'; drop"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"country", "expertise"}


def test_the_directory_does_not_grow_in_queries_with_members(club_member_client, django_assert_max_num_queries):
    for _ in range(30):
        MemberFactory()
    with django_assert_max_num_queries(10):
        response = club_member_client.get(reverse("club:member_list"))
    assert len(response.context["rows"]) == 24


def test_a_message_is_delivered_without_revealing_addresses(
    club_member, club_member_client, other_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = club_member_client.post(
            reverse("club:member_contact", args=[other_member.pk]),
            {"subject": "Green services", "body": "Could we compare notes?"},
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [other_member.user.email]
    assert message.reply_to == []
    assert club_member.email not in message.body + message.subject + str(message.extra_headers)
    assert "Could we compare notes?" in message.body
    assert ContactMessage.objects.get().delivered_at is not None


def test_the_sender_may_let_the_recipient_reply_directly(
    club_member, club_member_client, other_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        club_member_client.post(
            reverse("club:member_contact", args=[other_member.pk]),
            {"subject": "Hi", "body": "Reply to me", "share_email": "on"},
        )
    assert mail.outbox[0].reply_to == [club_member.email]


def test_contact_is_limited_to_five_messages_an_hour_with_a_clear_message(
    club_member, club_member_client, other_member
):
    url = reverse("club:member_contact", args=[other_member.pk])
    for number in range(5):
        assert club_member_client.post(url, {"subject": f"#{number}", "body": "Hello"}).status_code == 302
    response = club_member_client.post(url, {"subject": "#6", "body": "Hello"})
    assert response.status_code == 429
    assert "5 messages an hour" in response.content.decode()
    assert ContactMessage.objects.count() == 5
    # An hour later the sender may write again.
    ContactMessage.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=61))
    assert club_member_client.post(url, {"subject": "#7", "body": "Hello"}).status_code == 302


def test_a_member_who_turned_off_messages_cannot_be_contacted(club_member, other_member):
    other_member.accepts_messages = False
    other_member.save()
    with pytest.raises(services.ClubError, match="does not receive messages"):
        services.contact_member(sender=club_member, recipient=other_member, subject="Hi", body="x", share_email=False)


def test_an_empty_message_is_refused(club_member_client, other_member):
    response = club_member_client.post(
        reverse("club:member_contact", args=[other_member.pk]), {"subject": "", "body": ""}
    )
    assert response.status_code == 400
    assert set(response.context["contact_form"].errors) == {"subject", "body"}
    assert not ContactMessage.objects.exists()
