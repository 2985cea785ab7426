"""Links only coordinators follow (the administration, the programme review, a module's edit page) are shown to
them alone, by the same rule that lets them in (portal.roles.is_coordinator, knowledge.permissions)."""

import pytest
from django.urls import reverse

from tests.knowledge.factories import ModuleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "link"),
    [
        (lambda: reverse("portal:dashboard"), lambda: reverse("admin:index")),
        (lambda: reverse("knowledge:programmes"), lambda: reverse("knowledge:programme_review")),
    ],
)
def test_only_a_coordinator_sees_the_coordinators_links(url, link, coordinator_client, user_client):
    assert f'href="{link()}"' in coordinator_client.get(url()).content.decode()
    assert f'href="{link()}"' not in user_client.get(url()).content.decode()


def test_only_a_coordinator_sees_the_edit_link_of_a_module(coordinator_client, user_client):
    module = ModuleFactory()
    edit = reverse("admin:knowledge_module_change", args=[module.pk])
    assert f'href="{edit}"' in coordinator_client.get(module.get_absolute_url()).content.decode()
    assert f'href="{edit}"' not in user_client.get(module.get_absolute_url()).content.decode()
