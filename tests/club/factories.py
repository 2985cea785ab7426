"""Factories of the club's records."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from club.models import Announcement, ClubMembership, Event, Registration
from tests.factories import ClubMembershipFactory, UserFactory


def in_days(days: float, hour: int = 10) -> datetime.datetime:
    return (timezone.now() + datetime.timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


class MemberFactory(ClubMembershipFactory):
    """A current member with a full profile."""

    organisation_name = "Alpha Photonics Cluster"
    role = "Cluster manager"
    country = "DE"
    languages = "de,en"
    expertise = "internationalisation,strategy"
    bio = "Runs a photonics cluster."


class ApplicantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClubMembership

    user = factory.SubFactory(UserFactory)
    status = ClubMembership.Status.APPLIED
    organisation_name = "Gamma Mobility Cluster"
    role = "Project manager"
    country = "FR"
    languages = "en,fr"
    expertise = "services"
    applied_at = factory.LazyFunction(timezone.now)


class LapsedMemberFactory(MemberFactory):
    status = ClubMembership.Status.LAPSED
    valid_until = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Peer-learning lab {n}")
    description = "Short inputs from peers, then exchange in small groups."
    starts_at = factory.LazyFunction(lambda: in_days(10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    registration_deadline = factory.LazyAttribute(lambda o: o.starts_at - datetime.timedelta(days=1))
    time_zone = "Europe/Berlin"
    venue = "Haus der Wirtschaft, Stuttgart"
    capacity = 20
    audience = Event.Audience.PUBLIC


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = Registration.Status.REGISTERED


class AnnouncementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Announcement

    title = factory.Sequence(lambda n: f"Club news {n}")
    body = "Something the members should know."
    audience = Announcement.Audience.PUBLIC
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
