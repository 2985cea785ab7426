"""The read-only events API: visibility by persona, times and zones, and the schema."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from club.models import Event
from tests.club.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(db):
    start = datetime.datetime(2030, 7, 1, 7, 0, tzinfo=datetime.UTC)
    public = EventFactory(
        title="Open clinic",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        registration_deadline=start,
        time_zone="Europe/Helsinki",
        capacity=2,
    )
    RegistrationFactory(event=public)
    return {"public": public, "members": EventFactory(title="Members lab", audience=Event.Audience.MEMBERS)}


@pytest.mark.parametrize(
    ("persona", "titles"),
    [
        ("visitor", ["Open clinic"]),
        ("user", ["Open clinic"]),
        ("lapsed_member", ["Open clinic"]),
        ("club_member", ["Members lab", "Open clinic"]),
        ("coordinator", ["Members lab", "Open clinic"]),
    ],
)
def test_the_event_list_shows_each_persona_what_they_may_see(request, events, persona, titles):
    client = request.getfixturevalue(f"{persona}_client")
    response = client.get(reverse("api-club-event-list"))
    assert response.status_code == 200
    assert sorted(item["title"] for item in response.json()["results"]) == titles
    members_only = client.get(reverse("api-club-event-detail", args=[events["members"].pk]))
    assert members_only.status_code == (200 if "Members lab" in titles else 404)


def test_an_event_carries_utc_and_local_times_and_places(client, events):
    data = client.get(reverse("api-club-event-detail", args=[events["public"].pk])).json()
    assert data["local_start"] == "2030-07-01T10:00:00+03:00"
    assert datetime.datetime.fromisoformat(data["starts_at"]) == events["public"].starts_at
    assert data["time_zone"] == "Europe/Helsinki"
    assert (data["capacity"], data["registered"], data["waiting"]) == (2, 1, 0)
    assert data["ics_url"].endswith(reverse("club:event_ics", args=[events["public"].pk]))


def test_the_events_api_is_read_only(club_member_client, events):
    response = club_member_client.post(reverse("api-club-event-list"), {"title": "x"})
    assert response.status_code == 405


def test_the_schema_documents_the_club_api(client):
    response = client.get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/club/events/" in paths and "/api/v1/club/events/{id}/" in paths
