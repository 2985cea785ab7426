"""One integration test with a real Celery worker and Redis: the award's task issues the certificate once, even
when the task is delivered twice."""

from __future__ import annotations

import pytest

from labelling.certificates.tasks import label_issue_certificate_task
from labelling.models import Certificate, CertificateRevision
from tests.labelling.certificate_helpers import make_label


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_issues_the_certificate_once(celery_worker_redis):
    label = make_label()
    first = label_issue_certificate_task.delay(label.pk)
    second = label_issue_certificate_task.delay(label.pk)  # a duplicate delivery
    first_id = first.get(timeout=60)
    second_id = second.get(timeout=60)
    assert first_id == second_id == Certificate.objects.get(label=label).pk
    assert CertificateRevision.objects.filter(certificate__label=label).count() == 1
    assert Certificate.objects.get(label=label).state == Certificate.State.ISSUED
