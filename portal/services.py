"""Writes of the portal app: background job runs and their progress."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.models import TaskRun

STALE_AFTER = timedelta(hours=2)


def task_run_claim(*, name: str, user=None, stale_after: timedelta = STALE_AFTER) -> tuple[TaskRun, bool]:
    """Claim job `name`: a new run, or the one already running (started=False). Stale runs are failed first."""
    TaskRun.objects.filter(
        name=name, state__in=[TaskRun.State.PENDING, TaskRun.State.RUNNING], created_at__lt=timezone.now() - stale_after
    ).update(state=TaskRun.State.FAILED, message="abandoned", finished_at=timezone.now())
    try:
        with transaction.atomic():
            return TaskRun.objects.create(name=name, started_by=user if user and user.is_authenticated else None), True
    except IntegrityError:
        running = TaskRun.objects.filter(name=name, state__in=[TaskRun.State.PENDING, TaskRun.State.RUNNING]).first()
        if running is None:  # finished between our insert and this read: try once more
            return TaskRun.objects.create(name=name, started_by=user if user and user.is_authenticated else None), True
        return running, False


def task_run_progress(*, run_id, current: int, total: int, message: str = "") -> None:
    TaskRun.objects.filter(pk=run_id).update(
        state=TaskRun.State.RUNNING, current=current, total=total, message=message[:255]
    )


def task_run_finish(*, run_id, failed: bool = False, message: str = "") -> None:
    TaskRun.objects.filter(pk=run_id).update(
        state=TaskRun.State.FAILED if failed else TaskRun.State.DONE,
        message=message[:255],
        finished_at=timezone.now(),
    )
