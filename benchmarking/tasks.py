"""Background jobs of benchmarking: thin wrappers around the services."""

from __future__ import annotations

import logging

from benchmarking import services
from benchmarking.models import BenchmarkReport
from portal.models import TaskRun
from portal.tasks import portal_task, task_run_recorded

logger = logging.getLogger(__name__)


@portal_task()
def peer_statistics_recompute_task(run_id: str) -> None:
    """Recompute the peer statistics for the claimed run `run_id` (idempotent: a finished run is not redone)."""
    if not TaskRun.objects.filter(pk=run_id, state__in=[TaskRun.State.PENDING, TaskRun.State.RUNNING]).exists():
        return
    with task_run_recorded(run_id, failure="failed") as record:
        try:
            snapshot = services.peer_statistics_recompute(run_id=run_id)
        except Exception:
            logger.exception("benchmark recomputation %s failed", run_id)
            raise
        record.result = f"{snapshot.organisations} organisations, {snapshot.duration_ms} ms"


@portal_task()
def peer_statistics_nightly() -> None:
    """Nightly: claim and run a recomputation unless one is already running."""
    services.peer_statistics_request_recompute(user=None)


@portal_task()
def benchmark_report_pdf_task(report_id: int) -> None:
    """Render a new report's PDF ahead of its first download (idempotent: a rendered PDF is kept)."""
    report = BenchmarkReport.objects.filter(pk=report_id).select_related("organisation", "snapshot").first()
    if report is not None and not report.pdf:
        services.benchmark_report_pdf(report=report)
