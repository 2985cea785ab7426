"""Every club URL for every persona: visitor, registered user, club member, lapsed member, coordinator.

Expected answers: a number is the status code; "login" is a redirect to the login page; "redirect" any other
redirect (a POST that did its work or explained why not in a message).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from club import notifications
from tests.club.factories import AnnouncementFactory, ApplicantFactory, EventFactory

PERSONAS = ["visitor", "user", "club_member", "lapsed_member", "coordinator"]


@dataclass
class World:
    public_event: object
    members_event: object
    public_news: object
    members_news: object
    application: object
    peer: object
    member_token: str
    lapsed_token: str
    unsubscribe: str


@pytest.fixture
def world(club_member, lapsed_member, other_member):
    from club.models import Announcement, Event

    return World(
        public_event=EventFactory(audience=Event.Audience.PUBLIC),
        members_event=EventFactory(audience=Event.Audience.MEMBERS),
        public_news=AnnouncementFactory(audience=Announcement.Audience.PUBLIC),
        members_news=AnnouncementFactory(audience=Announcement.Audience.MEMBERS),
        application=ApplicantFactory(),
        peer=other_member,
        member_token=club_member.club_membership.calendar_token,
        lapsed_token=lapsed_member.club_membership.calendar_token,
        unsubscribe=notifications.unsubscribe_token(club_member.club_membership),
    )


def _all(code):
    return dict.fromkeys(PERSONAS, code)


MEMBER_AREA = {"visitor": "login", "user": 403, "club_member": 200, "lapsed_member": 403, "coordinator": 200}
MEMBERS_ONLY_OBJECT = {"visitor": 404, "user": 404, "club_member": 200, "lapsed_member": 404, "coordinator": 200}
COORDINATORS = {"visitor": "login", "user": 403, "club_member": 403, "lapsed_member": 403, "coordinator": 200}
COORDINATORS_POST = {**COORDINATORS, "coordinator": "redirect"}

# (name, method, url builder, expected per persona)
CASES = [
    ("home", "get", lambda w: reverse("club:home"), _all(200)),
    ("members_chart", "get", lambda w: reverse("club:members_chart"), _all(200)),
    (
        "apply",
        "get",
        lambda w: reverse("club:apply"),
        {"visitor": "login", "user": 200, "club_member": "redirect", "lapsed_member": "redirect", "coordinator": 200},
    ),
    ("my_membership", "get", lambda w: reverse("club:my_membership"), {**_all(200), "visitor": "login"}),
    (
        "renew",
        "post",
        lambda w: reverse("club:renew"),
        {"visitor": "login", "user": 404, "club_member": "redirect", "lapsed_member": "redirect", "coordinator": 404},
    ),
    ("member_list", "get", lambda w: reverse("club:member_list"), MEMBER_AREA),
    ("member_detail", "get", lambda w: reverse("club:member_detail", args=[w.peer.pk]), MEMBER_AREA),
    (
        "member_contact",
        "post",
        lambda w: reverse("club:member_contact", args=[w.peer.pk]),
        {**MEMBER_AREA, "club_member": "redirect", "coordinator": "redirect"},
    ),
    ("event_list", "get", lambda w: reverse("club:event_list"), _all(200)),
    ("event_feed", "get", lambda w: reverse("club:event_feed"), _all(200)),
    ("member_feed", "get", lambda w: reverse("club:member_feed", args=[w.member_token]), _all(200)),
    ("member_feed_lapsed", "get", lambda w: reverse("club:member_feed", args=[w.lapsed_token]), _all(404)),
    ("member_feed_bad_token", "get", lambda w: reverse("club:member_feed", args=["not-a-token"]), _all(404)),
    ("event_detail_public", "get", lambda w: reverse("club:event_detail", args=[w.public_event.pk]), _all(200)),
    (
        "event_detail_members",
        "get",
        lambda w: reverse("club:event_detail", args=[w.members_event.pk]),
        MEMBERS_ONLY_OBJECT,
    ),
    ("event_ics_public", "get", lambda w: reverse("club:event_ics", args=[w.public_event.pk]), _all(200)),
    ("event_ics_members", "get", lambda w: reverse("club:event_ics", args=[w.members_event.pk]), MEMBERS_ONLY_OBJECT),
    (
        "event_register_public",
        "post",
        lambda w: reverse("club:event_register", args=[w.public_event.pk]),
        {**_all("redirect"), "visitor": "login"},
    ),
    (
        "event_register_members",
        "post",
        lambda w: reverse("club:event_register", args=[w.members_event.pk]),
        {"visitor": "login", "user": 404, "club_member": "redirect", "lapsed_member": 404, "coordinator": "redirect"},
    ),
    (
        "event_unregister_members",
        "post",
        lambda w: reverse("club:event_unregister", args=[w.members_event.pk]),
        {"visitor": "login", "user": 404, "club_member": "redirect", "lapsed_member": 404, "coordinator": "redirect"},
    ),
    ("event_create", "get", lambda w: reverse("club:event_create"), COORDINATORS),
    ("event_edit", "get", lambda w: reverse("club:event_edit", args=[w.public_event.pk]), COORDINATORS),
    ("event_cancel", "post", lambda w: reverse("club:event_cancel", args=[w.public_event.pk]), COORDINATORS_POST),
    (
        "event_attendees_public",
        "get",
        lambda w: reverse("club:event_attendees", args=[w.public_event.pk]),
        COORDINATORS,
    ),
    (
        "event_attendees_members",
        "get",
        lambda w: reverse("club:event_attendees", args=[w.members_event.pk]),
        {**COORDINATORS, "user": 404, "lapsed_member": 404},
    ),
    (
        "event_attendees_csv",
        "get",
        lambda w: reverse("club:event_attendees_csv", args=[w.public_event.pk]),
        COORDINATORS,
    ),
    ("application_list", "get", lambda w: reverse("club:application_list"), COORDINATORS),
    ("application_detail", "get", lambda w: reverse("club:application_detail", args=[w.application.pk]), COORDINATORS),
    (
        "application_approve",
        "post",
        lambda w: reverse("club:application_approve", args=[w.application.pk]),
        COORDINATORS_POST,
    ),
    (
        "application_decline",
        "post",
        lambda w: reverse("club:application_decline", args=[w.application.pk]),
        {**COORDINATORS, "coordinator": 400},  # no reason given
    ),
    ("announcement_list", "get", lambda w: reverse("club:announcement_list"), _all(200)),
    (
        "announcement_detail_public",
        "get",
        lambda w: reverse("club:announcement_detail", args=[w.public_news.pk]),
        _all(200),
    ),
    (
        "announcement_detail_members",
        "get",
        lambda w: reverse("club:announcement_detail", args=[w.members_news.pk]),
        MEMBERS_ONLY_OBJECT,
    ),
    ("announcement_create", "get", lambda w: reverse("club:announcement_create"), COORDINATORS),
    ("announcement_edit", "get", lambda w: reverse("club:announcement_edit", args=[w.public_news.pk]), COORDINATORS),
    (
        "announcement_delete",
        "post",
        lambda w: reverse("club:announcement_delete", args=[w.public_news.pk]),
        COORDINATORS_POST,
    ),
    ("digest_unsubscribe", "get", lambda w: reverse("club:digest_unsubscribe", args=[w.unsubscribe]), _all(200)),
    ("digest_unsubscribe_bad", "get", lambda w: reverse("club:digest_unsubscribe", args=["forged"]), _all(400)),
]

POST_DATA = {"member_contact": {"subject": "Hello", "body": "Shall we talk about services?"}}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "method", "url", "expected"), CASES, ids=[case[0] for case in CASES])
def test_club_url_answers_each_persona_as_expected(request, world, persona, name, method, url, expected):
    client = request.getfixturevalue(f"{persona}_client")
    target = url(world)
    response = getattr(client, method)(target, POST_DATA.get(name, {}))
    want = expected[persona]
    if want == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login")), response["Location"]
    elif want == "redirect":
        assert response.status_code == 302
        assert not response["Location"].startswith(reverse("account_login")), response["Location"]
    else:
        assert response.status_code == want, (name, persona, response.status_code)


def test_every_club_url_is_in_the_permission_table():
    from club.urls import urlpatterns

    tested = {case[0] for case in CASES}
    for pattern in urlpatterns:
        assert any(name == pattern.name or name.startswith(pattern.name + "_") for name in tested), pattern.name


def test_a_lapsed_member_with_an_active_status_but_a_past_date_is_refused(club_member, club_member_client):
    """Access ends on the renewal date, even before the nightly job marks the membership lapsed."""
    import datetime

    from django.utils import timezone

    membership = club_member.club_membership
    membership.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    membership.save()
    assert club_member_client.get(reverse("club:member_list")).status_code == 403
