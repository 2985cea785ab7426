"""The embeddable SVG badge: level and end date while valid; expired, suspended, withdrawn once that is so."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from labelling.certificates.services import label_reinstate, label_suspend, label_withdraw, labels_expire
from labelling.framework.levels import Level
from tests.labelling.certificate_helpers import make_label

pytestmark = pytest.mark.django_db


def _badge(client, label):
    response = client.get(reverse("labelling:badge", args=[label.number]))
    return response, response.content.decode()


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [el.text for el in root.iter("{http://www.w3.org/2000/svg}text")]


def test_a_valid_badge_shows_the_level_and_end_date(client):
    label = make_label(level=Level.SILVER)
    response, svg = _badge(client, label)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response["Cache-Control"] == "no-cache, max-age=0"
    assert _texts(svg)[1] == f"Silver · valid until {label.valid_until.isoformat()}"
    assert "#6c757d" in svg  # silver


def test_an_expired_badge_says_expired(client):
    today = timezone.localdate()
    label = make_label(awarded_on=today - datetime.timedelta(days=900), valid_until=today - datetime.timedelta(days=2))
    labels_expire(today=today)
    assert _texts(_badge(client, label)[1])[1] == "Gold · expired"


def test_a_suspended_badge_says_suspended_and_a_reinstated_one_valid_again(client, coordinator):
    label = make_label(level=Level.BRONZE)
    label_suspend(label=label, user=coordinator, public_reason="Under review after a complaint by a member.")
    assert _texts(_badge(client, label)[1])[1] == "Bronze · suspended"
    label_reinstate(label=label, user=coordinator, public_reason="Review closed: the figures were right.")
    assert "valid until" in _texts(_badge(client, label)[1])[1]


def test_a_withdrawn_badge_says_withdrawn_in_red(client, coordinator):
    label = make_label()
    label_withdraw(label=label, user=coordinator, public_reason="Withdrawn: the organisation was dissolved.")
    response, svg = _badge(client, label)
    assert _texts(svg)[1] == "Gold · withdrawn"
    assert "#b02a37" in svg


def test_an_unknown_number_gets_a_404_badge(client):
    response = client.get(reverse("labelling:badge", args=["CME-G-XX-2026-99999"]))
    assert response.status_code == 404
    assert _texts(response.content.decode())[1] == "unknown label"


def test_the_badge_escapes_the_organisation_name(client):
    label = make_label(name='Cluster <script>alert("x")</script> & Co')
    svg = _badge(client, label)[1]
    assert "<script>" not in svg
    ET.fromstring(svg)  # still well-formed XML


def test_the_managers_page_offers_the_embed_snippet(manager_a_client, org_a):
    label = make_label(org_a, issue=True)
    body = manager_a_client.get(reverse("labelling:label_manage", args=[label.number])).content.decode()
    assert f"/labels/{label.number}/badge.svg" in body
    assert "&lt;img src=" in body  # the snippet, escaped inside the textarea
