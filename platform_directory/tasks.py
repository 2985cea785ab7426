"""Background jobs of the directory."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from portal.services import task_run_finish, task_run_progress

BATCH = 500


@shared_task(acks_late=True)
def directory_search_reindex(run_id: str) -> int:
    """Rebuild the full-text search vectors of every profile in batches, reporting progress to the TaskRun."""
    from platform_directory.models import ClusterOrganisation
    from platform_directory.services import organisation_search_vector_update

    ids = list(ClusterOrganisation.objects.order_by("pk").values_list("pk", flat=True))
    total = len(ids)
    try:
        for start in range(0, total, BATCH):
            chunk = ids[start : start + BATCH]
            if settings.IS_POSTGRES:
                organisation_search_vector_update(ids=chunk)
            task_run_progress(run_id=run_id, current=min(start + BATCH, total), total=total)
    except Exception as error:
        task_run_finish(run_id=run_id, failed=True, message=str(error))
        raise
    task_run_finish(run_id=run_id, message=f"{total} profiles indexed")
    return total
