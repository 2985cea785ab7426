"""factory_boy factories for the records every area uses: users, organisations, memberships, roles.

Area-specific factories live beside their tests (tests/<area>/factories.py).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from club.models import ClubMembership
from platform_directory.models import ClusterOrganisation, OrganisationMembership
from portal.models import AssessorProfile, User

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    display_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Give the user a verified primary e-mail address, as allauth requires for login."""
        if not create or extracted is False:
            return
        from allauth.account.models import EmailAddress

        obj.save()
        EmailAddress.objects.get_or_create(user=obj, email=obj.email, defaults={"verified": True, "primary": True})


class CoordinatorFactory(UserFactory):
    is_staff = True
    email = factory.Sequence(lambda n: f"coordinator{n}@example.org")


class ClusterOrganisationFactory(factory.django.DjangoModelFactory):
    """A profile that meets every validation floor (validated unless told otherwise)."""

    class Meta:
        model = ClusterOrganisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test Cluster {n}")
    slug = factory.Sequence(lambda n: f"test-cluster-{n}")
    acronym = factory.Sequence(lambda n: f"TC{n}")
    country = "DE"
    nuts2_code = "DE21"
    region_name = "Oberbayern"
    city = "München"
    website = factory.Sequence(lambda n: f"https://cluster{n}.example.org")
    description = "A cluster of companies and research bodies working on test automation."
    founding_year = 2012
    main_sector = "digital"
    companies = 40
    smes = 30
    research_education = 8
    public_bodies = 3
    others = 2
    management_fte = Decimal("2.5")
    contact_email = factory.Sequence(lambda n: f"contact{n}@cluster.example.org")
    website_in_english = True
    is_published = True
    validation_status = ClusterOrganisation.ValidationStatus.VALIDATED
    validated_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def snapshot(obj, create, extracted, **kwargs):
        if create and obj.validation_status == ClusterOrganisation.ValidationStatus.VALIDATED:
            obj.validated_figures = obj.key_figures()
            obj.save(update_fields=["validated_figures"])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationMembership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(ClusterOrganisationFactory)
    role = OrganisationMembership.Role.MANAGER


class AssessorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessorProfile

    user = factory.SubFactory(UserFactory, email=factory.Sequence(lambda n: f"assessor{n}@example.org"))
    accredited_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))
    accredited_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=730))
    home_country = "FR"
    languages = "en, fr"


class ClubMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClubMembership

    user = factory.SubFactory(UserFactory)
    status = ClubMembership.Status.ACTIVE
    member_number = factory.Sequence(lambda n: f"ECCM-{n:05d}")
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=300))
