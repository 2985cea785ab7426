"""The recomputation through a real Celery worker and the Redis broker."""

from __future__ import annotations

import random
import time

import pytest

from benchmarking.models import StatisticsSnapshot
from benchmarking.services import peer_statistics_request_recompute
from portal.models import TaskRun
from tests.benchmarking.factories import peers

pytestmark = [pytest.mark.worker]


def test_a_requested_recomputation_runs_on_the_worker(celery_worker_redis):
    peers(5, rng=random.Random(71))
    run = peer_statistics_request_recompute(user=None)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if not run.is_active:
            break
        time.sleep(0.3)
    assert run.state == TaskRun.State.DONE, run.message
    assert StatisticsSnapshot.objects.filter(task_run=run).count() == 1
