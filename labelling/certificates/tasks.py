"""Celery tasks of labels and certificates: thin wrappers taking primary keys (portal_task: acks_late, so a task whose worker
died is delivered again, and every service here is idempotent; retried on transient errors only). Each keeps the name it had as `labelling.tasks.*`, so
queued messages and the beat schedule still find it."""

from __future__ import annotations

from django.conf import settings

from labelling.certificates.services import (
    expiry_reminders_send,
    expiry_reminders_unsent,
    label_expiry_run,
    label_issue_certificate,
    reminder_batches,
)
from portal.tasks import enqueue_on_commit, portal_task


@portal_task(name="labelling.tasks.label_issue_certificate_task")
def label_issue_certificate_task(label_id: int) -> int | None:
    """Issue the certificate of a newly awarded label (exactly once)."""
    certificate = label_issue_certificate(label_id=label_id)
    return certificate.pk if certificate else None


@portal_task(name="labelling.tasks.label_expiry_daily_task")
def label_expiry_daily_task() -> dict:
    """The daily job: expire labels whose validity ended, record the reminders due (90/30/7 days) and send them
    in batches of EMAIL_BATCH_SIZE spread over time (EXPIRY_REMINDER_BATCH_INTERVAL seconds apart)."""
    run = label_expiry_run()
    pending = sorted(set(run.reminders) | set(expiry_reminders_unsent()))
    interval = int(getattr(settings, "EXPIRY_REMINDER_BATCH_INTERVAL", 60))
    batches = reminder_batches(pending)

    for index, batch in enumerate(batches):
        enqueue_on_commit(label_send_expiry_reminders_task, batch, countdown=index * interval)
    return {"expired": len(run.expired), "reminders": len(pending), "batches": len(batches)}


@portal_task(name="labelling.tasks.label_send_expiry_reminders_task")
def label_send_expiry_reminders_task(reminder_ids: list[int]) -> int:
    """Send one batch of expiry reminders (already-sent ones are skipped)."""
    return expiry_reminders_send(reminder_ids=reminder_ids)
