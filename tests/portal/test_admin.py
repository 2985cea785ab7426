"""Coordinators work in the admin: every model of the portal's areas is registered, and its list opens."""

import pytest
from django.apps import apps
from django.contrib import admin

AREAS = ["portal", "platform_directory", "labelling", "benchmarking", "knowledge", "club", "survey"]


def _area_models():
    for area in AREAS:
        for model in apps.get_app_config(area).get_models():
            if model._meta.auto_created:
                continue
            yield model


def _inline_models() -> set:
    return {inline.model for model_admin in admin.site._registry.values() for inline in model_admin.inlines}


@pytest.mark.parametrize("model", list(_area_models()), ids=lambda m: m._meta.label)
def test_every_model_is_in_the_admin_on_its_own_or_inline(model):
    assert admin.site.is_registered(model) or model in _inline_models(), f"{model._meta.label} is not in the admin"


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(_area_models()), ids=lambda m: m._meta.label)
def test_every_admin_list_opens_for_a_coordinator(model, admin_client):
    if not admin.site.is_registered(model):
        pytest.skip("edited inline (checked by the test above)")
    url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    assert admin_client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_coordinator_sees_every_area_in_the_admin(coordinator_client):
    html = coordinator_client.get("/admin/").text
    for area in ("Collaboration directory", "Labelling", "Club", "Knowledge", "Survey", "Benchmarking"):
        assert area in html, area
    assert coordinator_client.get("/admin/platform_directory/clusterorganisation/").status_code == 200


@pytest.mark.django_db
def test_a_coordinator_cannot_edit_accounts(coordinator_client, coordinator):
    assert coordinator_client.get("/admin/portal/user/").status_code == 200
    response = coordinator_client.post(
        f"/admin/portal/user/{coordinator.pk}/change/", {"email": coordinator.email, "is_superuser": "on"}
    )
    assert response.status_code == 403
    coordinator.refresh_from_db()
    assert not coordinator.is_superuser


@pytest.mark.django_db
def test_people_without_staff_status_get_no_admin(manager_a_client):
    response = manager_a_client.get("/admin/platform_directory/clusterorganisation/")
    assert response.status_code == 302
