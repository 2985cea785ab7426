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


@shared_task(acks_late=True)
def benchmark_report_pdf_task(report_id: int) -> None:
    """Render a new report's PDF ahead of its first download (idempotent: a rendered PDF is kept)."""
    from benchmarking.models import BenchmarkReport
    from benchmarking.services import benchmark_report_pdf

    report = BenchmarkReport.objects.filter(pk=report_id).select_related("organisation", "snapshot").first()
    if report is not None and not report.pdf:
        benchmark_report_pdf(report=report)
