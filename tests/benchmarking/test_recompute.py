"""Recomputation: one run at a time, enqueued on commit, with progress; after decisions (the lead's hook),
by coordinators and nightly."""

from __future__ import annotations

import random

import pytest
from django.urls import reverse

from benchmarking import tasks
from benchmarking.beat import SCHEDULE
from benchmarking.models import StatisticsSnapshot
from benchmarking.services import RECOMPUTE_JOB, peer_statistics_request_recompute
from portal.models import TaskRun
from tests.benchmarking.factories import peers


def test_a_second_request_while_one_runs_does_not_start_a_second(db, coordinator, monkeypatch):
    sent = []
    monkeypatch.setattr(tasks.peer_statistics_recompute_task, "delay", lambda run_id: sent.append(run_id))
    first = peer_statistics_request_recompute(user=coordinator)
    second = peer_statistics_request_recompute(user=None)
    assert first.pk == second.pk
    assert TaskRun.objects.filter(name=RECOMPUTE_JOB).count() == 1


def test_the_task_is_enqueued_once_on_commit(db, coordinator, monkeypatch, django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr(tasks.peer_statistics_recompute_task, "delay", lambda run_id: sent.append(run_id))
    with django_capture_on_commit_callbacks(execute=True):
        run = peer_statistics_request_recompute(user=coordinator)
        peer_statistics_request_recompute(user=coordinator)
    assert sent == [str(run.pk)]


def test_the_task_computes_and_finishes_the_run(db, coordinator, django_capture_on_commit_callbacks):
    peers(5, rng=random.Random(41))
    with django_capture_on_commit_callbacks() as queued:
        run = peer_statistics_request_recompute(user=coordinator)
    # Run the recomputation the commit queues, not the report PDFs it queues in turn (the PDF test below renders
    # them): those hooks wait for a commit the test's transaction never makes.
    [recompute] = queued
    recompute()
    run.refresh_from_db()
    assert run.state == TaskRun.State.DONE and run.percent == 100
    snapshot = StatisticsSnapshot.objects.get()
    assert snapshot.organisations == 5 and snapshot.task_run_id == run.pk
    # a new request after the run finished starts a new one
    assert peer_statistics_request_recompute(user=coordinator).pk != run.pk


def test_a_finished_run_is_not_redone(db):
    run = TaskRun.objects.create(name=RECOMPUTE_JOB, state=TaskRun.State.DONE)
    tasks.peer_statistics_recompute_task(str(run.pk))
    assert not StatisticsSnapshot.objects.exists()


def test_a_failing_run_is_marked_failed(db, monkeypatch):
    run = TaskRun.objects.create(name=RECOMPUTE_JOB)

    def boom(**kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr("benchmarking.services.peer_statistics_recompute", boom)
    with pytest.raises(RuntimeError):
        tasks.peer_statistics_recompute_task(str(run.pk))
    run.refresh_from_db()
    assert run.state == TaskRun.State.FAILED


def test_a_coordinator_starts_a_recomputation_and_sees_its_progress(
    coordinator_client, db, django_capture_on_commit_callbacks
):
    peers(5, rng=random.Random(42))
    with django_capture_on_commit_callbacks() as queued:
        response = coordinator_client.post(reverse("benchmarking:programme_recompute"))
    assert response.status_code == 302
    # Run the recomputation the commit queues, not the report PDFs it queues in turn (the PDF test below renders
    # them): those hooks wait for a commit the test's transaction never makes.
    [recompute] = queued
    recompute()
    page = coordinator_client.get(reverse("benchmarking:programme")).content.decode()
    run = TaskRun.objects.get(name=RECOMPUTE_JOB)
    assert f"job-{run.pk}" in page  # the progress partial, polled by htmx while active
    assert "Total scores over all organisations" in page
    status = coordinator_client.get(reverse("portal:task_status", args=[run.pk]), HTTP_ACCEPT="application/json")
    assert status.json()["state"] == "done"


def test_the_progress_bar_polls_while_the_run_is_active(coordinator_client, db):
    TaskRun.objects.create(name=RECOMPUTE_JOB, state=TaskRun.State.RUNNING, current=1, total=4)
    page = coordinator_client.get(reverse("benchmarking:programme")).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert "disabled" in page  # the start button while one runs


def test_nightly_recomputation_is_scheduled(db, django_capture_on_commit_callbacks):
    assert SCHEDULE["benchmarking-peer-statistics-nightly"]["task"] == "benchmarking.tasks.peer_statistics_nightly"
    peers(5, rng=random.Random(43))
    with django_capture_on_commit_callbacks() as queued:
        tasks.peer_statistics_nightly()
    # Run the recomputation the commit queues, not the report PDFs it queues in turn (the PDF test below renders
    # them): those hooks wait for a commit the test's transaction never makes.
    [recompute] = queued
    recompute()
    assert StatisticsSnapshot.objects.count() == 1
    assert TaskRun.objects.get(name=RECOMPUTE_JOB).state == TaskRun.State.DONE


def test_programme_csv_export(coordinator_client, db):
    peers(6, rng=random.Random(44))
    from benchmarking.services import peer_statistics_recompute

    peer_statistics_recompute()
    response = coordinator_client.get(reverse("benchmarking:programme_export"))
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("group,key,label,metric,organisations")
    assert any(line.startswith("all,,All organisations,total,6,") for line in lines)
    assert any(line.startswith("country,DE,Germany,total,6,") for line in lines)


def test_the_pdf_of_a_new_report_is_prepared_by_the_worker(db, org_a, django_capture_on_commit_callbacks):
    from benchmarking.models import BenchmarkReport
    from benchmarking.services import peer_statistics_recompute
    from tests.benchmarking.factories import reviewed_assessment

    peers(5, rng=random.Random(45))
    reviewed_assessment(org_a)
    with django_capture_on_commit_callbacks(execute=True):
        peer_statistics_recompute()
    assert all(report.pdf for report in BenchmarkReport.objects.all())
