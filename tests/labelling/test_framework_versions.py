"""A published framework never changes: an edit is a new version; assessments keep the version they started with."""

import pytest
from django.urls import reverse

from labelling.framework import selectors as framework_selectors
from labelling.framework import services as framework_services
from labelling.models import Framework, Indicator
from labelling.selfassessment import services
from tests.labelling.factories import ecei

pytestmark = pytest.mark.django_db


def test_copy_makes_an_editable_draft_with_every_indicator(coordinator):
    copy = framework_services.framework_copy_as_new_version(user=coordinator, framework=ecei())
    assert (copy.code, copy.version, copy.is_published) == ("ECEI-2026", 2, False)
    assert copy.indicators.count() == 36 and copy.dimensions.count() == 6
    assert ecei().indicators.count() == 36  # the original is untouched
    indicator = copy.indicators.get(code="2.2")
    indicator.green_threshold = 4
    indicator.save()  # a draft may change
    assert ecei().indicators.get(code="2.2").green_threshold == 3


def test_new_assessments_use_the_latest_published_version_and_old_ones_keep_theirs(coordinator, manager_a, org_a):
    old = services.assessment_start(user=manager_a, organisation=org_a, level="bronze")
    copy = framework_services.framework_copy_as_new_version(user=coordinator, framework=ecei())
    assert framework_selectors.framework_current() == ecei()  # a draft is not used
    Indicator.objects.filter(framework=copy, code="6.4").update(in_bronze=False)
    framework_services.framework_publish(user=coordinator, framework=copy)
    services.assessment_withdraw(user=manager_a, assessment=old)
    new = services.assessment_start(user=manager_a, organisation=org_a, level="bronze")
    assert new.framework == copy and new.answers.count() == 35
    old.refresh_from_db()
    assert old.framework == ecei() and old.answers.count() == 36


def test_publishing_twice_is_refused(coordinator):
    copy = framework_services.framework_copy_as_new_version(user=coordinator, framework=ecei())
    framework_services.framework_publish(user=coordinator, framework=copy)
    with pytest.raises(framework_services.FrameworkError):
        framework_services.framework_publish(user=coordinator, framework=Framework.objects.get(pk=copy.pk))


def test_publishing_checks_the_thresholds(coordinator):
    copy = framework_services.framework_copy_as_new_version(user=coordinator, framework=ecei())
    Indicator.objects.filter(framework=copy, code="1.1").update(green_threshold=5, yellow_threshold=15)
    with pytest.raises(framework_services.FrameworkError) as error:
        framework_services.framework_publish(user=coordinator, framework=copy)
    assert "1.1" in str(error.value)


def test_the_admin_shows_a_published_framework_read_only_and_copies_it(admin_client):
    framework = ecei()
    change = admin_client.get(reverse("admin:labelling_framework_change", args=[framework.pk]))
    assert change.status_code == 200 and b'name="title"' not in change.content
    response = admin_client.post(
        reverse("admin:labelling_framework_changelist"),
        {"action": "copy_as_new_version", "_selected_action": [framework.pk]},
    )
    assert response.status_code == 302
    draft = Framework.objects.get(code="ECEI-2026", version=2)
    change = admin_client.get(reverse("admin:labelling_framework_change", args=[draft.pk]))
    assert b'name="title"' in change.content
    indicator = framework.indicators.get(code="1.1")
    assert admin_client.get(reverse("admin:labelling_indicator_change", args=[indicator.pk])).status_code == 200
    posted = admin_client.post(reverse("admin:labelling_indicator_change", args=[indicator.pk]), {"name": "Changed"})
    assert posted.status_code == 403
    assert Indicator.objects.get(pk=indicator.pk).name != "Changed"


@pytest.mark.parametrize(
    "name",
    ["labelling_assessment", "labelling_evidencedocument", "labelling_label", "labelling_indicator"],
)
def test_the_admin_lists_open(admin_client, name):
    assert admin_client.get(reverse(f"admin:{name}_changelist")).status_code == 200
