"""Background jobs of benchmarking: thin wrappers around the services."""

from __future__ import annotations

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def peer_statistics_recompute_task(run_id: str) -> None:
    """Recompute the peer statistics for the claimed run `run_id` (idempotent: a finished run is not redone)."""
    from benchmarking.services import peer_statistics_recompute
    from portal.models import TaskRun
    from portal.services import task_run_finish

    if not TaskRun.objects.filter(pk=run_id, state__in=[TaskRun.State.PENDING, TaskRun.State.RUNNING]).exists():
        return
    try:
        snapshot = peer_statistics_recompute(run_id=run_id)
    except Exception:
        logger.exception("benchmark recomputation %s failed", run_id)
        task_run_finish(run_id=run_id, failed=True, message="failed")
        raise
    task_run_finish(run_id=run_id, message=f"{snapshot.organisations} organisations, {snapshot.duration_ms} ms")


@shared_task(acks_late=True)
def peer_statistics_nightly() -> None:
    """Nightly: claim and run a recomputation unless one is already running."""
    from benchmarking.services import peer_statistics_request_recompute

    peer_statistics_request_recompute(user=None)
