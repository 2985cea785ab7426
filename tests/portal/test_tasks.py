"""The task base: queued on commit (robustly), retried only on transient errors, progress recorded on the TaskRun."""

from __future__ import annotations

import smtplib
import socket

import kombu.exceptions
import pytest
from django.db import IntegrityError, OperationalError, transaction

from portal.celery import app
from portal.models import TaskRun
from portal.services import task_run_claim
from portal.tasks import enqueue_on_commit, is_transient, portal_task, task_run_recorded

pytestmark = pytest.mark.django_db

ATTEMPTS: list[str] = []


@portal_task()
def flaky(failures: int, error: str) -> int:
    ATTEMPTS.append(error)
    if len(ATTEMPTS) <= failures:
        raise {"database": OperationalError("server closed the connection"), "bug": ValueError("a bug")}[error]
    return len(ATTEMPTS)


@portal_task()
def record_step(label: str) -> None:
    ATTEMPTS.append(label)
    if label == "broken":
        raise ValueError("this hook fails")


@portal_task()
def recorded_job(run_id: str, failures: int) -> None:
    with task_run_recorded(run_id) as record:
        ATTEMPTS.append("run")
        record.progress(1, 2, "half way")
        if len(ATTEMPTS) <= failures:
            raise OperationalError("deadlock detected")
        record.result = "2 things done"


@pytest.fixture(autouse=True)
def _clear_attempts():
    ATTEMPTS.clear()


def test_a_transient_error_is_retried_until_it_passes():
    assert flaky.delay(2, "database").get() == 3
    assert ATTEMPTS == ["database"] * 3


def test_a_bug_is_not_retried():
    with pytest.raises(ValueError):
        flaky.delay(1, "bug")
    assert ATTEMPTS == ["bug"]


def test_retries_stop_after_max_retries():
    with pytest.raises(OperationalError):
        flaky.delay(100, "database")
    assert len(ATTEMPTS) == flaky.max_retries + 1


@pytest.mark.parametrize(
    "error, transient",
    [
        (OperationalError("connection lost"), True),
        (kombu.exceptions.OperationalError("broker unreachable"), True),
        (smtplib.SMTPServerDisconnected("gone"), True),
        (smtplib.SMTPConnectError(421, b"too many connections"), True),
        (smtplib.SMTPDataError(451, b"greylisted, try later"), True),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (450, b"mailbox busy")}), True),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")}), False),
        (smtplib.SMTPSenderRefused(553, b"sender refused", "noreply@example.org"), False),
        (smtplib.SMTPAuthenticationError(535, b"bad password"), False),
        (ConnectionRefusedError(), True),
        (TimeoutError(), True),
        (socket.gaierror(), True),
        (FileNotFoundError(), False),
        (IntegrityError("duplicate key"), False),
        (ValueError("a bug"), False),
    ],
)
def test_only_errors_that_pass_by_themselves_count_as_transient(error, transient):
    assert is_transient(error) is transient


def test_work_is_queued_only_when_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            enqueue_on_commit(record_step, "first")
            assert ATTEMPTS == []
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue_on_commit(record_step, "rolled back")
            raise RuntimeError
    assert ATTEMPTS == ["first"]


def test_one_failing_hook_does_not_stop_the_ones_after_it(django_capture_on_commit_callbacks, caplog):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(record_step, "broken")
        enqueue_on_commit(record_step, "after")
    assert ATTEMPTS == ["broken", "after"]
    assert "this hook fails" in caplog.text


def test_a_service_may_name_the_task_it_queues(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(record_step.name, "by name")
    assert ATTEMPTS == ["by name"]


def test_a_task_name_nobody_registered_raises_at_once():
    from celery.exceptions import NotRegistered

    with pytest.raises(NotRegistered):
        enqueue_on_commit("club.tasks.no_such_task", 1)


def test_a_run_records_progress_and_its_result():
    run, _ = task_run_claim(name="test.recorded")
    recorded_job.delay(str(run.pk), 0)
    run.refresh_from_db()
    assert (run.state, run.current, run.total, run.message) == (TaskRun.State.DONE, 1, 2, "2 things done")
    assert run.finished_at is not None


def test_a_run_that_retries_stays_running_and_then_finishes():
    run, _ = task_run_claim(name="test.recorded")
    recorded_job.delay(str(run.pk), 2)
    run.refresh_from_db()
    assert ATTEMPTS == ["run"] * 3
    assert (run.state, run.message) == (TaskRun.State.DONE, "2 things done")


def test_a_run_that_fails_for_good_is_marked_failed_with_the_reason():
    run, _ = task_run_claim(name="test.recorded")
    with pytest.raises(OperationalError):
        recorded_job.delay(str(run.pk), 100)
    run.refresh_from_db()
    assert (run.state, run.message) == (TaskRun.State.FAILED, "deadlock detected")


def test_every_task_of_the_project_uses_the_base_and_keeps_its_name():
    app.loader.import_default_modules()
    ours = {name: task for name, task in app.tasks.items() if not name.startswith(("celery.", "tests."))}
    assert ours, "no task registered"
    for name, task in ours.items():
        assert task.acks_late and task.max_retries, name
        if not name.startswith("labelling.tasks."):  # labelling's moved tasks keep their old names
            assert name == f"{task.run.__module__}.{task.run.__name__}", name
    for entry in app.conf.beat_schedule.values():
        assert entry["task"] in app.tasks, entry["task"]
