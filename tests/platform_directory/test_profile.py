"""Creating and editing a profile, and the bad input the issue lists."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from platform_directory.models import ClusterOrganisation, OrganisationMembership
from portal.models import AuditEvent
from tests.factories import ClusterOrganisationFactory
from tests.platform_directory.factories import SVG, image_bytes, profile_data

pytestmark = pytest.mark.django_db

CREATE = reverse("platform_directory:create")


def test_a_user_creates_a_profile_and_becomes_its_manager(user_client, user):
    response = user_client.post(CREATE, profile_data())
    organisation = ClusterOrganisation.objects.get(name="Gamma Hydrogen Valley")
    assert response.status_code == 302 and response["Location"] == organisation.get_absolute_url()
    assert OrganisationMembership.objects.get(organisation=organisation).user == user
    assert organisation.validation_status == "pending" and organisation.submitted_at is not None
    assert sorted(organisation.technologies.values_list("name", flat=True)) == [
        "electrolysers",
        "fuel cells",
        "hydrogen",
    ]
    assert list(organisation.sectors.values_list("code", flat=True)) == ["mobility"]
    assert organisation.participants == 39
    assert AuditEvent.objects.filter(action="directory.profile.created", target_id=str(organisation.pk)).exists()


def test_the_creators_slug_avoids_reserved_words_and_duplicates(user_client):
    user_client.post(CREATE, profile_data(name="New"))
    user_client.post(CREATE, profile_data(name="New", country="SE", nuts2_code="SE11"))
    slugs = sorted(ClusterOrganisation.objects.values_list("slug", flat=True))
    assert slugs == ["new-cluster", "new-cluster-2"]


def _errors(response, field):
    return [str(e) for e in response.context["form"].errors.get(field, [])]


def test_a_second_organisation_with_the_same_name_in_the_same_country_is_refused(user_client, org_a):
    response = user_client.post(CREATE, profile_data(name="alpha photonics cluster", country="DE", nuts2_code="DE21"))
    assert response.status_code == 200
    assert "already exists in Germany" in _errors(response, "name")[0]
    assert ClusterOrganisation.objects.count() == 1


def test_the_same_name_in_another_country_is_accepted(user_client, org_a):
    response = user_client.post(CREATE, profile_data(name="Alpha Photonics Cluster"))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"website": "not a url"}, "website", "Enter a valid URL."),
        ({"website": "javascript:alert(1)"}, "website", "Enter a valid URL."),
        ({"companies": "-1"}, "companies", "greater than or equal to 0"),
        ({"others": "-5"}, "others", "greater than or equal to 0"),
        ({"management_fte": "-0.5"}, "management_fte", "greater than or equal to 0"),
        ({"smes": "31"}, "smes", "cannot be more SMEs (31) than companies (30)"),
        ({"nuts2_code": "DE21"}, "nuts2_code", "start with DK"),
        ({"nuts2_code": ""}, "nuts2_code", "Enter the NUTS 2 code"),
        ({"country": "GR", "nuts2_code": "GR30"}, "nuts2_code", "start with EL"),
        ({"country": "UA", "nuts2_code": "UA01"}, "nuts2_code", "outside the NUTS classification"),
        ({"founding_year": "2999"}, "founding_year", "future"),
        ({"country": "XX"}, "country", "valid choice"),
        ({"technologies": ", ".join(f"t{i}" for i in range(16))}, "technologies", "At most 15"),
    ],
)
def test_bad_input_is_refused_with_a_message(user_client, overrides, field, message):
    response = user_client.post(CREATE, profile_data(**overrides))
    assert response.status_code == 200
    assert any(message in error for error in _errors(response, field)), response.context["form"].errors
    assert not ClusterOrganisation.objects.exists()
    assert message.split("(")[0].strip() in response.content.decode()


def test_greece_uses_el(user_client):
    response = user_client.post(CREATE, profile_data(country="GR", nuts2_code="el30", region_name="Attiki"))
    assert response.status_code == 302
    assert ClusterOrganisation.objects.get().nuts2_code == "EL30"


def test_a_country_outside_nuts_needs_no_code(user_client):
    assert user_client.post(CREATE, profile_data(country="UA", nuts2_code="")).status_code == 302


def test_the_database_refuses_smes_above_companies_too(org_a):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        ClusterOrganisation.objects.filter(pk=org_a.pk).update(smes=1000)


def test_the_database_refuses_a_nuts_code_of_another_country(org_a):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        ClusterOrganisation.objects.filter(pk=org_a.pk).update(nuts2_code="FR10")


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_png_jpeg_and_webp_logos_are_accepted_and_named_after_their_content(user_client, fmt):
    logo = SimpleUploadedFile("whatever.gif", image_bytes(fmt), content_type="image/gif")
    response = user_client.post(CREATE, {**profile_data(), "logo": logo})
    assert response.status_code == 302
    extension = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}[fmt]
    assert ClusterOrganisation.objects.get().logo.name.endswith(f".{extension}")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.svg", SVG, "SVG is not accepted"),
        ("logo.png", SVG, "SVG is not accepted"),  # an SVG in disguise is recognised by its content
        ("logo.png", b"GIF89a" + b"\x00" * 100, "PNG, JPEG or WebP"),
        ("logo.gif", image_bytes("GIF"), "PNG, JPEG or WebP"),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (2 * 1024 * 1024 + 1), "limit is 2 MB"),
    ],
)
def test_other_logos_are_refused(user_client, name, content, message):
    logo = SimpleUploadedFile(name, content, content_type="image/png")
    response = user_client.post(CREATE, {**profile_data(), "logo": logo})
    assert response.status_code == 200
    assert any(message in error for error in _errors(response, "logo")), response.context["form"].errors
    assert not ClusterOrganisation.objects.exists()


def test_editing_a_key_figure_after_validation_sends_the_profile_back_with_what_changed(manager_a_client, org_a):
    data = profile_data(
        name=org_a.name,
        country="DE",
        nuts2_code="DE21",
        website=org_a.website,
        companies="40",
        smes="30",
        research_education="8",
        public_bodies="3",
        others="2",
        management_fte="2.5",
    )
    response = manager_a_client.post(reverse("platform_directory:edit", args=[org_a.slug]), {**data, "companies": "55"})
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.validation_status == "pending"
    assert org_a.changes_since_validation() == [("companies", 40, 55)]
    event = AuditEvent.objects.get(action="directory.profile.revalidation_required")
    assert event.data["changes"] == {"companies": [40, 55]}
    page = manager_a_client.get(org_a.get_absolute_url()).content.decode()
    assert "Awaiting validation" in page and "Changed since the last validation" in page
    assert "<del>40</del>" in page and "<ins>55</ins>" in page


def test_editing_the_description_keeps_the_validation(manager_a_client, org_a):
    data = profile_data(
        name=org_a.name,
        country="DE",
        nuts2_code="DE21",
        website=org_a.website,
        companies="40",
        smes="30",
        research_education="8",
        public_bodies="3",
        others="2",
        management_fte="2.5",
        description="A new description.",
    )
    assert manager_a_client.post(reverse("platform_directory:edit", args=[org_a.slug]), data).status_code == 302
    org_a.refresh_from_db()
    assert org_a.validation_status == "validated" and org_a.description == "A new description."


def test_editing_after_changes_were_requested_puts_the_profile_back_in_the_queue(manager_a_client, org_a):
    ClusterOrganisation.objects.filter(pk=org_a.pk).update(validation_status="changes_requested", validated_figures={})
    data = profile_data(name=org_a.name, country="DE", nuts2_code="DE21")
    assert manager_a_client.post(reverse("platform_directory:edit", args=[org_a.slug]), data).status_code == 302
    org_a.refresh_from_db()
    assert org_a.validation_status == "pending" and org_a.submitted_at is not None
    assert AuditEvent.objects.filter(action="directory.profile.resubmitted").exists()


def test_the_edit_form_shows_every_current_value(manager_a_client, org_a):
    page = manager_a_client.get(reverse("platform_directory:edit", args=[org_a.slug])).content.decode()
    assert 'value="Alpha Photonics Cluster"' in page and 'value="DE21"' in page


def test_renaming_to_another_profiles_name_in_the_same_country_is_refused(manager_a_client, org_a):
    ClusterOrganisationFactory(name="Taken Name", country="DE")
    data = profile_data(name="TAKEN NAME", country="DE", nuts2_code="DE21")
    response = manager_a_client.post(reverse("platform_directory:edit", args=[org_a.slug]), data)
    assert response.status_code == 200 and _errors(response, "name")
