"""Fixtures of the club's tests: the lapsed member persona and events (shared personas: tests/conftest.py)."""

from __future__ import annotations

import pytest
from django.test import Client

from club.models import Event
from tests.club.factories import EventFactory, LapsedMemberFactory, MemberFactory


@pytest.fixture
def lapsed_member(db):
    return LapsedMemberFactory(user__email="lapsed@example.org").user


@pytest.fixture
def lapsed_member_client(lapsed_member):
    client = Client()
    client.force_login(lapsed_member)
    return client


@pytest.fixture
def other_member(db):
    """A second current member (the one the club member looks up or writes to)."""
    return MemberFactory(user__email="peer@example.org", user__display_name="Paula Peer", country="ES")


@pytest.fixture
def public_event(db):
    return EventFactory(title="Open clinic", audience=Event.Audience.PUBLIC)


@pytest.fixture
def members_event(db):
    return EventFactory(title="Members' lab", audience=Event.Audience.MEMBERS)
