"""Factories and helpers of the directory's tests."""

from __future__ import annotations

import io
from datetime import timedelta

import factory
from django.utils import timezone

from platform_directory.models import CollaborationRequest, Invitation, OrganisationMembership, TechnologyField
from tests.factories import ClusterOrganisationFactory, UserFactory


class TechnologyFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TechnologyField
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Technology {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class PendingOrganisationFactory(ClusterOrganisationFactory):
    """A profile waiting for validation (meets every floor unless told otherwise)."""

    validation_status = "pending"
    validated_at = None
    submitted_at = factory.LazyFunction(timezone.now)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(ClusterOrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = OrganisationMembership.Role.MANAGER
    invited_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))


class CollaborationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollaborationRequest

    sender_organisation = factory.SubFactory(ClusterOrganisationFactory)
    recipient_organisation = factory.SubFactory(ClusterOrganisationFactory)
    sender = factory.SubFactory(UserFactory)
    subject = factory.Sequence(lambda n: f"Joint project {n}")
    message = "We would like to work with you on a joint project."


def image_bytes(fmt: str = "PNG", size=(40, 40)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (29, 78, 137)).save(buffer, format=fmt)
    return buffer.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'


def profile_data(**overrides) -> dict:
    """A valid profile form submission."""
    data = {
        "name": "Gamma Hydrogen Valley",
        "acronym": "GHV",
        "country": "DK",
        "nuts2_code": "DK04",
        "region_name": "Midtjylland",
        "city": "Aarhus",
        "website": "https://gamma-hydrogen.example.org",
        "website_in_english": "on",
        "description": "Hydrogen producers, users and researchers of Central Denmark.",
        "founding_year": "2015",
        "main_sector": "energy-renewables",
        "sectors": ["mobility"],
        "technologies": "hydrogen, electrolysers, fuel cells",
        "companies": "30",
        "smes": "20",
        "research_education": "6",
        "public_bodies": "2",
        "others": "1",
        "management_fte": "2.5",
        "contact_email": "info@gamma-hydrogen.example.org",
        "is_published": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
