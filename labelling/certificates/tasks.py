"""Celery tasks of labels and certificates: thin wrappers taking primary keys (acks_late: a task whose worker died
is delivered again; every service here is idempotent). Each keeps the name it had as `labelling.tasks.*`, so
queued messages and the beat schedule still find it."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import OperationalError, transaction

from labelling.certificates.services import (
    expiry_reminders_send,
    expiry_reminders_unsent,
    label_expiry_run,
    label_issue_certificate,
    reminder_batches,
)


@shared_task(
    name="labelling.tasks.label_issue_certificate_task",
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def label_issue_certificate_task(label_id: int) -> int | None:
    """Issue the certificate of a newly awarded label (exactly once)."""
    certificate = label_issue_certificate(label_id=label_id)
    return certificate.pk if certificate else None


@shared_task(name="labelling.tasks.label_expiry_daily_task", acks_late=True)
def label_expiry_daily_task() -> dict:
    """The daily job: expire labels whose validity ended, record the reminders due (90/30/7 days) and send them
    in batches of EMAIL_BATCH_SIZE spread over time (EXPIRY_REMINDER_BATCH_INTERVAL seconds apart)."""
    run = label_expiry_run()
    pending = sorted(set(run.reminders) | set(expiry_reminders_unsent()))
    interval = int(getattr(settings, "EXPIRY_REMINDER_BATCH_INTERVAL", 60))
    batches = reminder_batches(pending)

    def enqueue():
        for index, batch in enumerate(batches):
            label_send_expiry_reminders_task.apply_async(args=[batch], countdown=index * interval)

    transaction.on_commit(enqueue)
    return {"expired": len(run.expired), "reminders": len(pending), "batches": len(batches)}


@shared_task(
    name="labelling.tasks.label_send_expiry_reminders_task",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def label_send_expiry_reminders_task(reminder_ids: list[int]) -> int:
    """Send one batch of expiry reminders (already-sent ones are skipped)."""
    return expiry_reminders_send(reminder_ids=reminder_ids)
