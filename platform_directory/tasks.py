"""Background jobs of the directory."""

from __future__ import annotations

from django.conf import settings

from platform_directory.models import ClusterOrganisation
from platform_directory.services import organisation_search_vector_update
from portal.tasks import portal_task, task_run_recorded

BATCH = 500


@portal_task()
def directory_search_reindex(run_id: str) -> int:
    """Rebuild the full-text search vectors of every profile in batches, reporting progress to the TaskRun."""
    ids = list(ClusterOrganisation.objects.order_by("pk").values_list("pk", flat=True))
    total = len(ids)
    with task_run_recorded(run_id) as record:
        for start in range(0, total, BATCH):
            chunk = ids[start : start + BATCH]
            if settings.IS_POSTGRES:
                organisation_search_vector_update(ids=chunk)
            record.progress(min(start + BATCH, total), total)
        record.result = f"{total} profiles indexed"
    return total
