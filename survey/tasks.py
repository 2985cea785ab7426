"""Background jobs of the survey app."""

from __future__ import annotations

from django.conf import settings

from portal.tasks import portal_task, task_run_recorded
from survey.models import Invitation
from survey.services import invitations_send_batch


@portal_task()
def survey_send_invitations(run_id: str, survey_id: int) -> int:
    """E-mail a survey's unsent invitations in batches of EMAIL_BATCH_SIZE, reporting progress to the job run.
    Idempotent: each batch marks its invitations as sent, so a rerun only sends what is left."""
    total = Invitation.objects.filter(survey_id=survey_id, sent_at__isnull=True).count()
    sent = 0
    with task_run_recorded(run_id) as record:
        record.progress(0, total)
        while True:
            count = invitations_send_batch(survey_id=survey_id, batch_size=settings.EMAIL_BATCH_SIZE)
            if not count:
                break
            sent += count
            record.progress(sent, max(total, sent), f"{sent} sent")
        record.result = f"{sent} invitations sent"
    return sent
