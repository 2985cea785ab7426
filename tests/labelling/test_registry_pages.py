"""The public registry: current labels with search and filters, a page per label with its status and history,
status changes by coordinators shown at once, the directory's selectors, and flat query counts."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from labelling.certificates.selectors import current_labels_by_organisation, organisations_with_current_label
from labelling.certificates.services import CertificateError, label_reinstate, label_suspend, label_withdraw
from labelling.framework.levels import Level
from labelling.models import Label, LabelStatusChange
from platform_directory.models import ClusterOrganisation
from portal.models import AuditEvent
from tests.factories import ClusterOrganisationFactory
from tests.labelling.certificate_helpers import make_label

pytestmark = pytest.mark.django_db


@pytest.fixture
def labels(org_a, org_b):
    today = timezone.localdate()
    gold = make_label(org_a, level=Level.GOLD)
    bronze = make_label(org_b, level=Level.BRONZE)
    old = make_label(
        org_b,
        level=Level.SILVER,
        awarded_on=today - datetime.timedelta(days=900),
        valid_until=today - datetime.timedelta(days=100),
        status=Label.Status.EXPIRED,
    )
    return {"gold": gold, "bronze": bronze, "old": old}


def _numbers(client, **params) -> set[str]:
    body = client.get(reverse("labelling:registry"), params).content.decode()
    return {label.number for label in Label.objects.all() if label.number in body}


def test_the_registry_lists_current_labels_by_default(client, labels):
    assert _numbers(client) == {labels["gold"].number, labels["bronze"].number}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"level": "gold"}, {"gold"}),
        ({"country": "NL"}, {"bronze"}),
        ({"sector": "agri-food"}, {"bronze"}),
        ({"q": "alpha"}, {"gold"}),
        ({"status": "all"}, {"gold", "bronze", "old"}),
        ({"status": "expired"}, {"old"}),
        ({"status": "all", "country": "NL", "level": "silver"}, {"old"}),
        ({"level": "platinum"}, {"gold", "bronze"}),  # unknown values are ignored, not an error page
    ],
)
def test_filters_and_search(client, labels, params, expected):
    assert _numbers(client, **params) == {labels[key].number for key in expected}


def test_search_by_label_number(client, labels):
    assert _numbers(client, q=labels["bronze"].number) == {labels["bronze"].number}


def test_an_empty_result_says_so(client, labels):
    body = client.get(reverse("labelling:registry"), {"q": "nothing like this"}).content.decode()
    assert "No label matches these filters." in body


def test_the_registry_query_count_does_not_grow(client, django_assert_max_num_queries):
    for _ in range(12):
        make_label()
    with django_assert_max_num_queries(6):
        assert client.get(reverse("labelling:registry")).status_code == 200


def _translations_while_rendering(client, monkeypatch) -> int:
    from django.utils import translation

    calls = []
    original = translation._trans.gettext
    monkeypatch.setattr(translation._trans, "gettext", lambda message: calls.append(message) or original(message))
    assert client.get(reverse("labelling:registry")).status_code == 200
    monkeypatch.undo()
    return len(calls)


def test_a_registry_row_does_not_translate_every_country_name(client, monkeypatch):
    # get_country_display() translates all ~50 country names on each call: a third of the page's server time
    # under load (bench/bench_load.py). A row should cost a few translations (dates, level, status), not 50 more.
    make_label()
    client.get(reverse("labelling:registry"))  # template caches warm
    one_row = _translations_while_rendering(client, monkeypatch)
    for _ in range(10):
        make_label()
    eleven_rows = _translations_while_rendering(client, monkeypatch)
    assert (eleven_rows - one_row) / 10 < 30  # 76 with get_country_display, 15 without


def test_the_label_page_shows_status_dates_and_history(client, coordinator, labels):
    label = labels["gold"]
    label_suspend(label=label, user=coordinator, public_reason="Under review after a complaint by a member.")
    body = client.get(reverse("labelling:label_detail", args=[label.number])).content.decode()
    assert "Suspended" in body and "Under review after a complaint by a member." in body
    assert label.organisation.name in body
    assert label.valid_until.strftime("%Y") in body


def test_an_unknown_label_number_is_404(client):
    assert client.get(reverse("labelling:label_detail", args=["CME-G-DE-2026-99999"])).status_code == 404


def test_the_label_page_query_count(client, labels, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get(reverse("labelling:label_detail", args=[labels["bronze"].number]))


def test_a_coordinator_suspends_from_the_label_page_with_a_public_reason(coordinator_client, labels):
    label = labels["gold"]
    url = reverse("labelling:label_status_change", args=[label.number, "suspend"])
    response = coordinator_client.post(url, {"public_reason": "Complaint under review.", "internal_note": "Case 12"})
    assert response.status_code == 302
    label.refresh_from_db()
    assert label.status == Label.Status.SUSPENDED
    change = LabelStatusChange.objects.get(label=label)
    assert change.public_reason == "Complaint under review." and change.internal_note == "Case 12"
    event = AuditEvent.objects.get(action="labelling.label.suspended")
    assert event.data["public_reason"] == "Complaint under review."
    assert (
        "Case 12" not in coordinator_client.get(reverse("labelling:label_detail", args=[label.number])).content.decode()
    )


def test_a_status_change_without_a_reason_changes_nothing(coordinator_client, labels):
    label = labels["gold"]
    response = coordinator_client.post(
        reverse("labelling:label_status_change", args=[label.number, "withdraw"]), {"public_reason": "no"}, follow=True
    )
    assert "Give the public reason" in response.content.decode()
    label.refresh_from_db()
    assert label.status == Label.Status.VALID


def test_illegal_transitions_are_refused_with_a_message(coordinator, labels):
    label = labels["old"]
    with pytest.raises(CertificateError, match="expired"):
        label_withdraw(label=label, user=coordinator, public_reason="Too late to withdraw this label.")
    with pytest.raises(CertificateError):
        label_reinstate(label=labels["gold"], user=coordinator, public_reason="Nothing to reinstate here.")
    label_withdraw(label=labels["gold"], user=coordinator, public_reason="Withdrawn after an investigation.")
    with pytest.raises(CertificateError, match="withdrawn"):
        label_suspend(label=labels["gold"], user=coordinator, public_reason="Suspend after withdrawal?")


def test_managers_cannot_change_the_status(manager_a, labels):
    with pytest.raises(CertificateError, match="Only coordinators"):
        label_suspend(label=labels["gold"], user=manager_a, public_reason="We would like a break.")


def test_managers_get_an_email_on_suspension(coordinator, labels, django_capture_on_commit_callbacks):
    from django.core import mail

    from tests.labelling.certificate_helpers import manager_of

    manager_of(labels["gold"], user__email="head@alpha.example.org")
    with django_capture_on_commit_callbacks(execute=True):
        label_suspend(label=labels["gold"], user=coordinator, public_reason="Complaint under review.")
    assert [m.to for m in mail.outbox] == [["head@alpha.example.org"]]
    assert "suspended" in mail.outbox[0].subject


# --- What the directory uses ---------------------------------------------------------------------------------------


def test_current_labels_by_organisation(labels, org_a, org_b, django_assert_num_queries):
    nobody = ClusterOrganisationFactory()
    silver = make_label(org_a, level=Level.SILVER)
    with django_assert_num_queries(1):
        result = current_labels_by_organisation([org_a.pk, org_b.pk, nobody.pk])
    assert [label.pk for label in result[org_a.pk]] == [labels["gold"].pk, silver.pk]  # highest level first
    assert [label.pk for label in result[org_b.pk]] == [labels["bronze"].pk]  # the expired one is not current
    assert nobody.pk not in result
    assert current_labels_by_organisation([]) == {}


def test_organisations_with_current_label(labels, org_a, org_b, coordinator):
    assert set(organisations_with_current_label().values_list("pk", flat=True)) == {org_a.pk, org_b.pk}
    assert list(organisations_with_current_label("gold").values_list("pk", flat=True)) == [org_a.pk]
    assert not organisations_with_current_label("silver").exists()  # org_b's silver expired
    label_suspend(label=labels["gold"], user=coordinator, public_reason="Suspended while under review.")
    assert not organisations_with_current_label("gold").exists()
    usable = ClusterOrganisation.objects.filter(pk__in=organisations_with_current_label("bronze").values("pk"))
    assert list(usable) == [org_b]


# --- Dashboard panels ----------------------------------------------------------------------------------------------


def test_the_managers_panel_lists_their_labels(rf, manager_a, labels):
    from django.template.loader import render_to_string

    from labelling.certificates.dashboard import label_panels

    request = rf.get("/dashboard/")
    request.user = manager_a
    (panel,) = label_panels(request)
    html = render_to_string(panel.template, {"panel": panel.context})
    assert labels["gold"].number in html and labels["bronze"].number not in html


def test_the_coordinators_panel_lists_labels_expiring_soon(rf, coordinator, org_a):
    from django.template.loader import render_to_string

    from labelling.certificates.dashboard import label_panels

    soon = make_label(org_a, valid_until=timezone.localdate() + datetime.timedelta(days=20))
    request = rf.get("/coordination/")
    request.user = coordinator
    panels = [p for p in label_panels(request) if p.coordinator]
    html = render_to_string(panels[0].template, {"panel": panels[0].context})
    assert soon.number in html


def test_no_panel_for_a_visitor_or_a_plain_user(rf, user):
    from django.contrib.auth.models import AnonymousUser

    from labelling.certificates.dashboard import label_panels

    request = rf.get("/dashboard/")
    request.user = AnonymousUser()
    assert label_panels(request) == []
    request.user = user
    assert label_panels(request) == []


def test_the_directory_snippet_links_each_current_label(labels, org_a):
    from django.template.loader import render_to_string

    html = render_to_string(
        "labelling/registry/_directory_labels.html", {"labels": current_labels_by_organisation([org_a.pk])[org_a.pk]}
    )
    assert f"/labels/{labels['gold'].number}/" in html and "Gold label" in html
