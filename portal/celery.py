"""The Celery app. Without CELERY_BROKER_URL tasks run in-process (see settings).

Periodic jobs: each area may define `SCHEDULE` (a Celery beat schedule dict) in `<area>/beat.py`.
"""

import importlib
import importlib.util
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

AREAS = ["portal", "platform_directory", "labelling", "benchmarking", "knowledge", "club", "survey", "privacy"]

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def beat_schedule() -> dict:
    schedule: dict = {}
    for area in AREAS:
        if importlib.util.find_spec(f"{area}.beat") is not None:
            schedule.update(importlib.import_module(f"{area}.beat").SCHEDULE)
    return schedule


app.conf.beat_schedule = beat_schedule()
