"""The daily job with a frozen clock: labels expire once, reminders go out 90, 30 and 7 days before expiry,
each once, in batches of EMAIL_BATCH_SIZE; renewal opens six months before expiry."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from labelling.beat import SCHEDULE
from labelling.certificates import tasks
from labelling.certificates.services import (
    expiry_reminders_record,
    expiry_reminders_send,
    label_expiry_run,
    label_suspend,
    label_withdraw,
    labels_expire,
    reminder_batches,
    renewal_window_opens,
)
from labelling.framework.levels import Level
from labelling.models import ExpiryReminder, Label, LabelStatusChange
from portal.models import AuditEvent
from tests.labelling.certificate_helpers import make_label, manager_of

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 1)


def _label_ending(days_from_today: int, **kwargs) -> Label:
    end = TODAY + datetime.timedelta(days=days_from_today)
    return make_label(awarded_on=end - datetime.timedelta(days=730), valid_until=end, level=Level.BRONZE, **kwargs)


def test_labels_past_their_end_expire_once_with_an_audit_event():
    ended = _label_ending(-1)
    last_day = _label_ending(0)
    expired = labels_expire(today=TODAY)
    assert expired == [ended.pk]
    ended.refresh_from_db()
    last_day.refresh_from_db()
    assert ended.status == Label.Status.EXPIRED and last_day.status == Label.Status.VALID
    change = LabelStatusChange.objects.get(label=ended)
    assert change.effective_on == ended.valid_until + datetime.timedelta(days=1)
    assert AuditEvent.objects.filter(action="labelling.label.expired", target_id=str(ended.pk)).count() == 1
    assert labels_expire(today=TODAY) == []  # the next run finds nothing


def test_a_suspended_label_expires_but_a_withdrawn_one_stays_withdrawn(coordinator):
    suspended = _label_ending(-3)
    withdrawn = _label_ending(-3)
    label_suspend(label=suspended, user=coordinator, public_reason="Under review after a complaint.")
    label_withdraw(label=withdrawn, user=coordinator, public_reason="Withdrawn after the review.")
    labels_expire(today=TODAY)
    suspended.refresh_from_db()
    withdrawn.refresh_from_db()
    assert suspended.status == Label.Status.EXPIRED
    assert withdrawn.status == Label.Status.WITHDRAWN


def test_reminders_go_out_at_90_30_and_7_days_each_once(django_capture_on_commit_callbacks):
    label = _label_ending(90)
    manager_of(label, user__email="boss@cluster.example.org")
    sent_on = {}
    for offset in range(0, 95):
        day = TODAY + datetime.timedelta(days=offset)
        ids = expiry_reminders_record(today=day)
        if ids:
            with django_capture_on_commit_callbacks(execute=True):  # mailed once the stamps commit
                expiry_reminders_send(reminder_ids=ids, today=day)
            sent_on[offset] = [r.days_before for r in ExpiryReminder.objects.filter(pk__in=ids)]
    # Valid until TODAY+90, so expired from TODAY+91: 90 days before that is TODAY+1.
    assert sent_on == {1: [90], 61: [30], 84: [7]}
    assert len(mail.outbox) == 3
    assert [m.to for m in mail.outbox] == [["boss@cluster.example.org"]] * 3
    assert "expires in 90 days" in mail.outbox[0].subject
    assert "renewal assessment" in mail.outbox[0].body
    assert ExpiryReminder.objects.filter(label=label, sent_at__isnull=False).count() == 3


def test_a_late_start_sends_only_the_nearest_reminder():
    _label_ending(20)
    ids = expiry_reminders_record(today=TODAY)
    assert [r.days_before for r in ExpiryReminder.objects.filter(pk__in=ids)] == [30]


def test_no_reminder_for_a_label_already_renewed():
    label = _label_ending(25)
    make_label(
        label.organisation,
        level=Level.BRONZE,
        awarded_on=TODAY - datetime.timedelta(days=10),
        valid_until=label.valid_until + datetime.timedelta(days=730),
    )
    new = Label.objects.exclude(pk=label.pk).get(organisation=label.organisation)
    Label.objects.filter(pk=new.pk).update(valid_from=label.valid_until + datetime.timedelta(days=1))
    assert expiry_reminders_record(today=TODAY) == []


def test_a_batch_delivered_twice_sends_nothing_twice(django_capture_on_commit_callbacks):
    label = _label_ending(7)
    manager_of(label)
    ids = expiry_reminders_record(today=TODAY)
    with django_capture_on_commit_callbacks(execute=True):  # mailed once the stamps commit
        assert expiry_reminders_send(reminder_ids=ids, today=TODAY) == 1
        assert expiry_reminders_send(reminder_ids=ids, today=TODAY) == 0
    assert len(mail.outbox) == 1


@override_settings(EMAIL_BATCH_SIZE=3)
def test_many_expiries_on_one_day_go_out_in_batches():
    for _ in range(7):
        manager_of(_label_ending(30))
    run = label_expiry_run(today=TODAY)
    assert len(run.reminders) == 7
    assert [len(batch) for batch in reminder_batches(run.reminders)] == [3, 3, 1]


@override_settings(EMAIL_BATCH_SIZE=2, EXPIRY_REMINDER_BATCH_INTERVAL=120)
def test_the_daily_task_spreads_the_batches_over_time(django_capture_on_commit_callbacks):
    for _ in range(5):
        manager_of(_label_ending(7))
    ended = _label_ending(-1)
    with (
        mock.patch.object(timezone, "localdate", return_value=TODAY),
        mock.patch.object(tasks.label_send_expiry_reminders_task, "apply_async") as enqueue,
        django_capture_on_commit_callbacks(execute=True),
    ):
        result = tasks.label_expiry_daily_task()
    assert result == {"expired": 1, "reminders": 5, "batches": 3}
    assert [call.kwargs["countdown"] for call in enqueue.call_args_list] == [0, 120, 240]
    assert sorted(len(call.kwargs["args"][0]) for call in enqueue.call_args_list) == [1, 2, 2]
    ended.refresh_from_db()
    assert ended.status == Label.Status.EXPIRED


def test_the_daily_task_end_to_end_sends_each_reminder_once(django_capture_on_commit_callbacks):
    manager_of(_label_ending(30))
    with mock.patch.object(timezone, "localdate", return_value=TODAY):
        for _ in range(2):  # the beat fires twice (e.g. a restart)
            with django_capture_on_commit_callbacks(execute=True):
                tasks.label_expiry_daily_task()
    assert len(mail.outbox) == 1
    assert ExpiryReminder.objects.get().sent_at is not None


def test_the_job_is_scheduled_daily():
    entry = SCHEDULE["labelling-label-expiry-daily"]
    assert entry["task"] == "labelling.tasks.label_expiry_daily_task"
    assert tasks.label_expiry_daily_task.name == entry["task"]
    assert entry["schedule"].hour == {2}


def test_the_reminder_unique_constraint_holds_in_the_database():
    from django.db import IntegrityError, transaction

    label = _label_ending(30)
    ExpiryReminder.objects.create(label=label, days_before=30)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExpiryReminder.objects.create(label=label, days_before=30)


@pytest.mark.parametrize(
    ("valid_until", "opens"),
    [
        # 6 months before the first expired day (the day after valid_until)
        (datetime.date(2028, 11, 28), datetime.date(2028, 5, 29)),
        (datetime.date(2028, 8, 31), datetime.date(2028, 3, 1)),
        (datetime.date(2029, 2, 28), datetime.date(2028, 9, 1)),
        (datetime.date(2029, 3, 15), datetime.date(2028, 9, 16)),
    ],
)
def test_renewal_opens_six_months_before_expiry(valid_until, opens):
    assert renewal_window_opens(Label(valid_until=valid_until)) == opens


def test_the_registry_keeps_an_expired_label(client):
    label = _label_ending(-10)
    labels_expire(today=TODAY)
    assert client.get(f"/labels/{label.number}/").status_code == 200
    assert label.number in client.get("/labels/?status=expired").content.decode()
    assert label.number not in client.get("/labels/").content.decode()
