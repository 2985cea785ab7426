"""Background jobs: progress for the browser, one run at a time, and a real worker on Redis."""

import pytest

from platform_directory.tasks import directory_search_reindex
from portal.models import TaskRun
from portal.services import task_run_claim
from tests.factories import ClusterOrganisationFactory, UserFactory


@pytest.mark.django_db
def test_a_second_claim_while_a_job_runs_joins_the_running_one(coordinator):
    first, started = task_run_claim(name="directory.reindex", user=coordinator)
    second, started_again = task_run_claim(name="directory.reindex", user=coordinator)
    assert started and not started_again
    assert second.pk == first.pk


@pytest.mark.django_db
def test_progress_is_visible_to_who_started_it(coordinator_client, coordinator, user_client):
    ClusterOrganisationFactory.create_batch(3)
    run, _ = task_run_claim(name="directory.reindex", user=coordinator)
    directory_search_reindex(str(run.pk))
    response = coordinator_client.get(f"/jobs/{run.pk}/", HTTP_ACCEPT="application/json")
    assert response.json() == {
        "state": "done",
        "current": 3,
        "total": 3,
        "percent": 100,
        "message": "3 profiles indexed",
    }
    assert user_client.get(f"/jobs/{run.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_progress_fragment_keeps_polling_while_running(coordinator_client, coordinator):
    run, _ = task_run_claim(name="directory.reindex", user=coordinator)
    TaskRun.objects.filter(pk=run.pk).update(state="running", current=1, total=4)
    html = coordinator_client.get(f"/jobs/{run.pk}/").text
    assert 'hx-trigger="every 1s"' in html
    assert "25 %" in html


@pytest.mark.worker
def test_a_real_worker_runs_the_reindex_job_from_redis(celery_worker_redis, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    ClusterOrganisationFactory.create_batch(2, description="Photonics and lasers")
    run, _ = task_run_claim(name="directory.reindex", user=UserFactory())
    result = directory_search_reindex.delay(str(run.pk))
    assert result.get(timeout=30) == 2
    run.refresh_from_db()
    assert run.state == TaskRun.State.DONE
    assert run.percent == 100
