"""The Celery app. Without CELERY_BROKER_URL tasks run in-process (see settings).

Tasks: each area's `tasks.py`, and the `tasks.py` of an area's parts (`labelling/certificates/tasks.py`).
Periodic jobs: each area may define `SCHEDULE` (a Celery beat schedule dict) in `<area>/beat.py`.
"""

import importlib
import importlib.util
import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

AREAS = ["portal", "platform_directory", "labelling", "benchmarking", "knowledge", "club", "survey", "privacy"]

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
ROOT = Path(__file__).resolve().parent.parent


def task_packages() -> list[str]:
    """The areas and their sub-packages that hold a `tasks.py` (found on disk, nothing imported here)."""
    parts = [
        ".".join(path.parent.relative_to(ROOT).parts) for area in AREAS for path in (ROOT / area).glob("*/tasks.py")
    ]
    return [*AREAS, *sorted(parts)]


app.autodiscover_tasks(task_packages)


def beat_schedule() -> dict:
    schedule: dict = {}
    for area in AREAS:
        if importlib.util.find_spec(f"{area}.beat") is not None:
            schedule.update(importlib.import_module(f"{area}.beat").SCHEDULE)
    return schedule


app.conf.beat_schedule = beat_schedule()
