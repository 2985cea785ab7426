"""Background jobs of the survey app."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from portal.services import task_run_finish, task_run_progress


@shared_task(acks_late=True)
def survey_send_invitations(run_id: str, survey_id: int) -> int:
    """E-mail a survey's unsent invitations in batches of EMAIL_BATCH_SIZE, reporting progress to the job run.
    Idempotent: each batch marks its invitations as sent, so a rerun only sends what is left."""
    from survey.models import Invitation
    from survey.services import invitations_send_batch

    total = Invitation.objects.filter(survey_id=survey_id, sent_at__isnull=True).count()
    sent = 0
    try:
        task_run_progress(run_id=run_id, current=0, total=total)
        while True:
            count = invitations_send_batch(survey_id=survey_id, batch_size=settings.EMAIL_BATCH_SIZE)
            if not count:
                break
            sent += count
            task_run_progress(run_id=run_id, current=sent, total=max(total, sent), message=f"{sent} sent")
    except Exception as error:
        task_run_finish(run_id=run_id, failed=True, message=str(error))
        raise
    task_run_finish(run_id=run_id, message=f"{sent} invitations sent")
    return sent
