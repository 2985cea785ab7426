"""A label's validity, read the same way everywhere: `valid_until` is the last valid day (inclusive). A 3-year label
awarded on 2 December 2026 is valid through 1 December 2029 and expired from 2 December 2029; every page, the badge,
the API, the certificate, the expiry job, the renewal window and the reminders agree on that day."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from labelling.certificates.awards import label_award
from labelling.certificates.services import (
    expiry_reminders_record,
    expiry_reminders_send,
    label_issue_certificate,
    labels_expire,
    renewal_window_opens,
)
from labelling.framework.levels import Level
from labelling.models import Assessment, ExpiryReminder, Label
from labelling.selfassessment import selectors
from tests.factories import CoordinatorFactory
from tests.labelling.certificate_helpers import current_pdf, make_label, manager_of, pdf_text
from tests.labelling.factories import AssessmentFactory, LabelFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def _on(day: datetime.date):
    """Freeze the portal's idea of today (every reader asks timezone.localdate)."""
    return mock.patch.object(timezone, "localdate", return_value=day)


@pytest.mark.parametrize(
    ("level", "valid_from", "last_day"),
    [
        (Level.GOLD, D(2026, 12, 2), D(2029, 12, 1)),  # the probe's example
        (Level.BRONZE, D(2026, 12, 2), D(2028, 12, 1)),
        (Level.SILVER, D(2026, 12, 2), D(2028, 12, 1)),
        (Level.BRONZE, D(2027, 1, 1), D(2028, 12, 31)),
        (Level.BRONZE, D(2028, 2, 29), D(2030, 2, 28)),  # leap day: through the end of February
        (Level.GOLD, D(2028, 2, 29), D(2031, 2, 28)),
        (Level.SILVER, D(2026, 3, 1), D(2028, 2, 29)),  # ends on a leap day
        (Level.GOLD, D(2029, 3, 1), D(2032, 2, 29)),
    ],
)
def test_the_last_valid_day_is_the_day_before_the_anniversary(level, valid_from, last_day):
    assert Label.validity_end(level, valid_from) == last_day
    label = Label(level=level, valid_from=valid_from, valid_until=last_day)
    assert label.expired_from == last_day + datetime.timedelta(days=1)


def test_an_award_on_2_december_2026_is_valid_until_1_december_2029_on_the_certificate():
    assessment = AssessmentFactory(level=Level.GOLD, status=Assessment.Status.AWARDED)
    with _on(D(2026, 12, 2)):
        label = label_award(assessment=assessment, user=CoordinatorFactory())
        label_issue_certificate(label_id=label.pk, notify=False)
    label.refresh_from_db()
    assert (label.valid_from, label.valid_until) == (D(2026, 12, 2), D(2029, 12, 1))
    text = " ".join(pdf_text(current_pdf(label)).split())
    assert "Valid until 1 December 2029" in text
    assert "2 December 2029" not in text


def _surfaces(label: Label) -> dict[str, str]:
    """What each public surface says about the label today."""
    client = Client()
    detail = client.get(reverse("labelling:label_detail", args=[label.number])).content.decode()
    verify = client.get(reverse("labelling:verify", args=[label.certificate.token])).content.decode()
    svg = client.get(reverse("labelling:badge", args=[label.number])).content.decode()
    badge = [el.text for el in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")][1]
    api = APIClient().get(f"/api/v1/labels/{label.number}/").json()
    registry = client.get(reverse("labelling:registry")).content.decode()
    return {"detail": detail, "verify": verify, "badge": badge, "api": api["status"], "registry": registry}


@pytest.mark.parametrize(
    ("level", "awarded", "last_day"),
    [
        (Level.BRONZE, D(2026, 12, 2), D(2028, 12, 1)),
        (Level.GOLD, D(2026, 12, 2), D(2029, 12, 1)),
        (Level.SILVER, D(2028, 2, 29), D(2030, 2, 28)),
    ],
)
def test_the_last_valid_day_is_valid_everywhere_and_the_next_day_expired_everywhere(level, awarded, last_day):
    with _on(awarded):
        label = make_label(level=level, awarded_on=awarded, issue=True)
    assert label.valid_until == last_day

    with _on(last_day):
        assert labels_expire(today=last_day) == []
        said = _surfaces(label)
    assert "This label is genuine and valid." in said["verify"]
    assert said["api"] == "valid"
    assert said["badge"].endswith(f"valid until {last_day.isoformat()}")
    assert label.number in said["registry"]  # current labels only
    assert "Expired" not in said["detail"]

    next_day = last_day + datetime.timedelta(days=1)
    with _on(next_day):
        said = _surfaces(label)  # before the nightly job ran
    assert "genuine but NOT valid now" in said["verify"] and "has expired" in said["verify"]
    assert said["api"] == "expired"
    assert said["badge"].endswith("expired")
    assert label.number not in said["registry"]
    with _on(next_day):
        assert labels_expire(today=next_day) == [label.pk]
    label.refresh_from_db()
    assert label.status == Label.Status.EXPIRED
    assert label.status_changes.get().effective_on == next_day


def _gold_until(organisation, last_day: datetime.date) -> Label:
    valid_from = D(last_day.year - 3, last_day.month, 1)
    return LabelFactory(
        assessment=AssessmentFactory(organisation=organisation, level=Level.GOLD, status="awarded"),
        awarded_on=valid_from,
        valid_from=valid_from,
        valid_until=last_day,
    )


def test_renewal_may_start_six_months_before_expiry_and_until_twelve_months_after(org_a):
    label = _gold_until(org_a, D(2029, 12, 1))  # expired from 2 December 2029

    def renewal(on):
        eligibility = selectors.assessment_eligibility(organisation=org_a, level=Level.GOLD, on=on)
        return eligibility.allowed, eligibility.is_renewal

    assert renewal(D(2029, 6, 1)) == (False, False)  # 6 months and 1 day before expiry
    assert renewal(D(2029, 6, 2)) == (True, True)  # exactly 6 months before
    assert renewal(D(2030, 12, 1)) == (True, True)  # the last day of the 12 months after
    assert renewal(D(2030, 12, 2)) == (True, False)  # a new label, not a renewal
    assert renewal_window_opens(label) == D(2029, 6, 2)


def test_the_renewal_window_that_the_label_page_and_the_refusal_show_is_the_one_applied(org_a, manager_a_client):
    label = _gold_until(org_a, D(2029, 8, 31))  # expired from 1 September: window opens 1 March
    with _on(D(2029, 2, 28)):
        refused = selectors.assessment_eligibility(organisation=org_a, level=Level.GOLD)
        page = manager_a_client.get(reverse("labelling:label_manage", args=[label.number])).content.decode()
    assert not refused.allowed and "2029-03-01" in refused.reasons[0]
    assert "can start from 1 March 2029" in " ".join(page.split())
    with _on(D(2029, 3, 1)):
        assert selectors.assessment_eligibility(organisation=org_a, level=Level.GOLD).is_renewal


def test_reminders_say_how_many_days_are_left_until_the_first_expired_day(django_capture_on_commit_callbacks):
    last_day = D(2027, 6, 30)  # expired from 1 July
    label = _gold_until(make_label().organisation, last_day)
    manager_of(label)
    recorded = {}
    day = last_day - datetime.timedelta(days=100)
    while day <= last_day:
        ids = expiry_reminders_record(today=day)
        if ids:
            with django_capture_on_commit_callbacks(execute=True):  # mailed once the stamps commit
                expiry_reminders_send(reminder_ids=ids, today=day)
            recorded[(label.expired_from - day).days] = ExpiryReminder.objects.get(pk=ids[0]).days_before
        day += datetime.timedelta(days=1)
    assert recorded == {90: 90, 30: 30, 7: 7}
    subjects = [m.subject for m in mail.outbox if label.number in m.subject]
    assert [s.split("expires in ")[1] for s in subjects] == ["90 days", "30 days", "7 days"]
    assert all("It is valid until 30 June 2027." in " ".join(m.body.split()) for m in mail.outbox)


def test_a_label_awarded_close_to_its_end_is_reminded_with_the_days_really_left(django_capture_on_commit_callbacks):
    last_day = D(2027, 6, 30)
    label = _gold_until(make_label().organisation, last_day)
    manager_of(label)
    today = last_day - datetime.timedelta(days=49)  # 50 days until 1 July
    ids = expiry_reminders_record(today=today)
    with django_capture_on_commit_callbacks(execute=True):  # mailed once the stamps commit
        expiry_reminders_send(reminder_ids=ids, today=today)
    (message,) = mail.outbox
    assert "expires in 50 days" in message.subject
    assert "expires in 50 days" in " ".join(message.body.split())
