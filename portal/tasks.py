"""The one way the portal runs background work: `portal_task`, `enqueue_on_commit` and `task_run_recorded`.

As pretix does (base/services/tasks.py): a task is a thin wrapper taking primary keys, queued once the transaction
that made its work commits, acknowledged late (a crashed worker's task is redone, so tasks are idempotent), and
retried with backoff only on errors that go away by themselves (see `is_transient`). Every other error fails the
task at once: retrying a bug or a refused address only repeats it.
"""

from __future__ import annotations

import functools
import logging
import smtplib
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import kombu.exceptions
from celery import Task, current_task, shared_task
from django.db import InterfaceError, OperationalError, transaction

from portal.celery import app as celery_app
from portal.services import task_run_finish, task_run_progress

logger = logging.getLogger(__name__)

MAX_RETRIES = 5
BACKOFF_SECONDS = 10  # 10 s, 20 s, 40 s, 80 s, 160 s: about five minutes in all
BACKOFF_MAX_SECONDS = 600

# SMTP errors that say "not now" rather than "never": the server went away or could not be reached.
_SMTP_TRANSIENT = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)


def is_transient(error: BaseException) -> bool:
    """Whether `error` may pass if the task runs again a little later.

    - database: OperationalError and InterfaceError (connection lost, server restarting, deadlock, serialization
      failure); an IntegrityError or a DoesNotExist would only happen again;
    - broker: kombu's OperationalError (Redis unreachable while the task queues the next one);
    - SMTP: the server disconnected or refused the connection, or answered with a 4xx code (greylisting, mailbox
      busy, too many connections); a 5xx answer (unknown mailbox, refused sender) is final;
    - network: ConnectionError, TimeoutError and a failed DNS look-up (socket.gaierror). Other OSErrors (a missing
      file, a full disk) are not: they need a person.
    """
    if isinstance(error, OperationalError | InterfaceError | kombu.exceptions.OperationalError):
        return True
    if isinstance(error, _SMTP_TRANSIENT):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return bool(error.recipients) and all(400 <= code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPException):
        return False
    return isinstance(error, ConnectionError | TimeoutError | socket.gaierror)


def backoff(retries: int) -> int:
    """Seconds to wait before retry number `retries + 1`: doubling from BACKOFF_SECONDS, capped."""
    return min(BACKOFF_SECONDS * 2**retries, BACKOFF_MAX_SECONDS)


class RetryRest(Exception):
    """Raised by a task that did part of its work before a transient `error`: retry with `args`, what is left."""

    def __init__(self, error: Exception, *args) -> None:
        super().__init__(str(error))
        self.error, self.rest = error, args


def portal_task(*, name: str | None = None, max_retries: int = MAX_RETRIES, **options) -> Callable:
    """Register `func` as a Celery task of the portal: acks_late, retried with backoff on transient errors only.

    The registered name stays `<module>.<function>` unless `name` is given (beat schedules and queued messages name
    tasks, so a moved task passes its old name). Other Celery options pass through. A task that did part of its
    work raises RetryRest so the retry does only the rest.

    Run eagerly (no broker), a retry runs again at once in the same process: Celery's own eager retry does not work
    with CELERY_TASK_EAGER_PROPAGATES, and a web request should not sleep through a backoff.
    """

    def decorate(func: Callable) -> Callable:
        @functools.wraps(func)
        def run(self, *args, **kwargs):
            while True:
                try:
                    return func(*args, **kwargs)
                except Exception as raised:
                    error, rest = (raised.error, raised.rest) if isinstance(raised, RetryRest) else (raised, args)
                    retries = self.request.retries or 0
                    if not is_transient(error) or retries >= self.max_retries:
                        if error is raised:
                            raise
                        raise error from None  # what RetryRest carried (its own traceback kept)
                    logger.warning("%s failed (%r), retry %s of %s", self.name, error, retries + 1, self.max_retries)
                    if not self.request.is_eager:
                        raise self.retry(args=rest, kwargs=kwargs, exc=error, countdown=backoff(retries)) from error
                    self.request.retries, args = retries + 1, rest

        return shared_task(
            bind=True,
            name=name or f"{func.__module__}.{func.__name__}",
            acks_late=True,
            max_retries=max_retries,
            **options,
        )(run)

    return decorate


def enqueue_on_commit(task: Task | str, *args, countdown: int | None = None, **kwargs) -> None:
    """Queue `task` with these arguments once the current transaction commits (at once outside a transaction),
    to start `countdown` seconds later if given (batches spread over time).

    `task` is the task or its registered name: a service names the task of its own area's `tasks.py`
    ("survey.tasks.survey_send_invitations") instead of importing the module that imports the service, so imports
    run one way (tasks -> services). An unknown name raises here, in the service, not later in a hook.

    robust=True: a hook that fails (the broker is down) is logged and does not stop the hooks after it, and the
    request that committed still succeeds; the work it would have queued is what the periodic jobs pick up again.
    """

    if isinstance(task, str):
        if task not in celery_app.tasks:
            # Celery imports the apps' tasks modules when a worker starts; a web process imports them on first need
            celery_app.loader.import_default_modules()
        task = celery_app.tasks[task]  # NotRegistered (a KeyError) for a name no task has

    def queue() -> None:
        if countdown is not None:
            task.apply_async(args=args, kwargs=kwargs, countdown=countdown)
        else:
            task.delay(*args, **kwargs)

    queue.__qualname__ = f"enqueue {task.name}"  # what the log names when a robust hook fails
    transaction.on_commit(queue, robust=True)


class TaskRunRecord:
    """What a task tells its TaskRun while it works: progress steps, and the message it finishes with."""

    def __init__(self, run_id) -> None:
        self.run_id = run_id
        self.result = ""

    def progress(self, current: int, total: int, message: str = "") -> None:
        if self.run_id:
            task_run_progress(run_id=self.run_id, current=current, total=total, message=str(message))


def _will_retry(error: BaseException) -> bool:
    task = current_task
    if task is None or not is_transient(error) or task.request is None:
        return False
    return (task.request.retries or 0) < (task.max_retries or 0)


@contextmanager
def task_run_recorded(run_id, *, failure: str | None = None) -> Iterator[TaskRunRecord]:
    """Record the work inside the block on the TaskRun `run_id` (none: records nothing).

    The block reports progress with `record.progress(...)` and sets `record.result`; leaving it finishes the run as
    done with that message. An error finishes it as failed, with `failure` or the error's text, unless it is
    transient and the task will run again: then the run stays running and says it is retrying.
    """
    record = TaskRunRecord(run_id)
    try:
        yield record
    except Exception as error:
        if run_id:
            if _will_retry(error):
                task_run_progress(run_id=run_id, current=0, total=0, message=f"retrying: {error}")
            else:
                task_run_finish(run_id=run_id, failed=True, message=failure or str(error))
        raise
    if run_id:
        task_run_finish(run_id=run_id, message=str(record.result))
